//! What the issue list shows of an issue, without its text: kept in the
//! library index so the list appears without reading every issue.

use super::{Issue, IssueId, Status};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An issue's masthead and counts: everything a list row needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueSummary {
    pub bulletin: String,
    pub number: u32,
    #[serde(default)]
    pub total: Option<u32>,
    #[serde(default)]
    pub supplement: bool,
    pub date: NaiveDate,
    pub status: Status,
    pub sections: usize,
    pub articles: usize,
    pub paragraphs: usize,
    /// 字数 of all articles (see [`Issue::char_count`]).
    pub chars: usize,
}

impl IssueSummary {
    pub fn id(&self) -> IssueId {
        use chrono::Datelike;
        IssueId::new(self.date.year(), self.number, self.supplement)
    }
}

impl Issue {
    pub fn summary(&self) -> IssueSummary {
        IssueSummary {
            bulletin: self.bulletin.clone(),
            number: self.number,
            total: self.total,
            supplement: self.supplement,
            date: self.date,
            status: self.status,
            sections: self.sections.len(),
            articles: self.article_count(),
            paragraphs: self.paragraph_count(),
            chars: self.char_count(),
        }
    }
}
