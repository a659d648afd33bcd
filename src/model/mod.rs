//! The bulletin data model: plain serde types, no I/O.
//!
//! One [`Issue`] (期) holds a masthead, ordered [`Section`]s (栏目) of [`Article`]s
//! and a [`Closing`] block. Field order here is the order on disk, so keep it
//! stable: RON files are meant to diff well under git.

mod count;
mod id;
pub mod inbox;
mod limits;
mod marks;
mod numbering;
mod print;
pub mod stats;
mod summary;
mod workflow;

pub use count::char_count;
pub use id::{IssueId, IssueIdError};
pub use limits::{Overlong, bare_title, section_key};
pub use marks::{Marks, NOTICE_GAP, SECRECY_STAR, Secrecy, Urgency};
pub use numbering::{NewIssueSpec, TotalClash, next_issue, total_clashes};
pub use print::{FontSize, PrintProblem, PrintSettings, Rgb};
pub use summary::IssueSummary;
pub use workflow::{Actor, Changed, MoveError, ReadOnly, StatusChange};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version this program writes. Files with a larger number are
/// refused rather than rewritten (they may hold fields we would drop).
pub const SCHEMA_VERSION: u32 = 1;

/// One issue (期) of a bulletin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub schema: u32,
    /// 简报名称, e.g. 文明创建简报.
    pub bulletin: String,
    /// 第N期: number within the year, or within the year's supplements.
    pub number: u32,
    /// 总第N期: running total since the bulletin began, when the office keeps one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// 增刊: supplements are numbered in their own sequence.
    #[serde(default, skip_serializing_if = "is_false")]
    pub supplement: bool,
    pub date: NaiveDate,
    /// 编印单位.
    pub issuer: String,
    /// 份号, 密级, 紧急程度 and notices such as 内部资料, printed above the masthead.
    #[serde(default, skip_serializing_if = "Marks::is_empty")]
    pub marks: Marks,
    #[serde(default)]
    pub status: Status,
    /// Every change of status, oldest first (see [`Issue::change_status`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub closing: Closing,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An optional text as it counts: trimmed, and none when blank.
pub(crate) fn filled(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// Where an article is in an issue: its section, and its place in that
/// section. Positions go stale when the issue changes, so they are read
/// through [`Issue::article`], which gives `None` for one that no longer
/// exists instead of panicking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ArticleRef {
    /// Index into `Issue::sections`.
    pub section: usize,
    /// Index into that section's `articles`.
    pub article: usize,
}

impl ArticleRef {
    pub const fn new(section: usize, article: usize) -> ArticleRef {
        ArticleRef { section, article }
    }
}

/// Workflow status of an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
pub enum Status {
    #[default]
    Draft,
    Review,
    Signed,
    Distributed,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Review,
        Status::Signed,
        Status::Distributed,
    ];
}

/// A section (栏目), printed as 【title】. The title is stored without brackets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub articles: Vec<Article>,
}

/// An article: a feature with its own title block, or a brief whose title
/// runs into its first paragraph when printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// One to three lines; a two-line title is one title printed on two lines.
    pub title: Vec<String>,
    #[serde(default)]
    pub kind: ArticleKind,
    /// Source or author, printed as （扶沟县文明办）; stored without brackets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// One string per paragraph, without the printed two-character indent.
    pub paragraphs: Vec<String>,
    /// 收文号 of the inbox submission it was adopted from (see
    /// [`inbox::Submission`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
pub enum ArticleKind {
    #[default]
    Feature,
    Brief,
}

/// The closing block (版记) at the end of an issue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// 报：/送：/发： lines, in printed order.
    #[serde(default)]
    pub distribution: Vec<Distribution>,
    /// 共印N份.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
}

/// One distribution line: 报 (to superiors), 送 (to peers), 发 (to subordinates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    pub kind: DistributionKind,
    pub recipients: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum DistributionKind {
    Report,
    Send,
    Issue,
}

impl DistributionKind {
    /// The character printed before the colon: 报, 送 or 发.
    pub fn label(self) -> &'static str {
        match self {
            DistributionKind::Report => "报",
            DistributionKind::Send => "送",
            DistributionKind::Issue => "发",
        }
    }
}

/// Library-wide settings (`library.ron`): defaults for a new issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub schema: u32,
    pub bulletin: String,
    pub issuer: String,
    /// Section titles a brand-new issue starts with when there is no earlier issue.
    #[serde(default)]
    pub sections: Vec<String>,
    #[serde(default)]
    pub closing: Closing,
    /// The most 字数 an article of a section may have, by section title
    /// (brackets and spaces aside), e.g. `{"文明时讯": 300}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub section_limits: BTreeMap<String, u32>,
    /// Print layout of exports; omitted from the file while it is the default.
    #[serde(default, skip_serializing_if = "PrintSettings::is_default")]
    pub export: PrintSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            schema: SCHEMA_VERSION,
            bulletin: "工作简报".to_string(),
            issuer: String::new(),
            sections: vec!["工作动态".to_string()],
            closing: Closing::default(),
            section_limits: BTreeMap::new(),
            export: PrintSettings::default(),
        }
    }
}

impl Issue {
    /// The id used as file name: `2023-012`, supplements `2023-S01`.
    pub fn id(&self) -> IssueId {
        IssueId::new(self.year(), self.number, self.supplement)
    }

    pub fn year(&self) -> i32 {
        use chrono::Datelike;
        self.date.year()
    }

    /// The article at `at`, if it is there.
    pub fn article(&self, at: ArticleRef) -> Option<&Article> {
        self.sections.get(at.section)?.articles.get(at.article)
    }

    pub fn article_mut(&mut self, at: ArticleRef) -> Option<&mut Article> {
        self.sections
            .get_mut(at.section)?
            .articles
            .get_mut(at.article)
    }

    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.sections.iter().flat_map(|s| s.articles.iter())
    }

    pub fn article_count(&self) -> usize {
        self.sections.iter().map(|s| s.articles.len()).sum()
    }

    /// 字数 of all articles (titles and text).
    pub fn char_count(&self) -> usize {
        self.articles().map(Article::char_count).sum()
    }

    pub fn paragraph_count(&self) -> usize {
        self.articles().map(|a| a.paragraphs.len()).sum()
    }
}

impl Article {
    pub fn new(title: &str) -> Self {
        Article {
            title: vec![title.to_string()],
            kind: ArticleKind::Feature,
            source: None,
            paragraphs: Vec::new(),
            submission: None,
        }
    }

    /// The title on one line, as in a table of contents.
    pub fn title_text(&self) -> String {
        self.title.concat()
    }

    /// 字数: non-whitespace characters of title and paragraphs.
    pub fn char_count(&self) -> usize {
        self.title_chars() + self.paragraphs.iter().map(|p| char_count(p)).sum::<usize>()
    }

    /// 字数 of the title alone.
    pub fn title_chars(&self) -> usize {
        self.title.iter().map(|t| char_count(t)).sum()
    }
}

impl Section {
    pub fn new(title: &str) -> Self {
        Section {
            title: title.to_string(),
            articles: Vec::new(),
        }
    }

    pub fn char_count(&self) -> usize {
        self.articles.iter().map(Article::char_count).sum()
    }
}

#[cfg(test)]
mod tests;
