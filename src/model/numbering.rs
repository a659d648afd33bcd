//! Numbering of a new issue: 第N期 within the year, 总第N期 running on,
//! supplements (增刊) in their own sequence.

use super::{Closing, Issue, IssueId, Marks, SCHEMA_VERSION, Section, Settings, Status};
use chrono::{Datelike, NaiveDate};

/// What the caller knows when asking for a new issue.
pub struct NewIssueSpec<'a> {
    /// Every issue already in the library: its id and 总第N期.
    pub existing: &'a [(IssueId, Option<u32>)],
    /// The issue to carry masthead, section titles and closing block from;
    /// `None` starts from the library settings.
    pub template: Option<&'a Issue>,
    pub settings: &'a Settings,
    pub date: NaiveDate,
    pub supplement: bool,
}

/// Builds the next issue: the next free number of the date's year (in the
/// supplement sequence for a supplement), the next running total when the
/// bulletin keeps one, and everything but the articles carried over.
pub fn next_issue(spec: &NewIssueSpec<'_>) -> Issue {
    let year = spec.date.year();
    let number = spec
        .existing
        .iter()
        .filter(|(id, _)| id.year == year && id.supplement == spec.supplement)
        .map(|(id, _)| id.number)
        .max()
        .unwrap_or(0)
        + 1;
    let total = if spec.supplement {
        None
    } else {
        spec.existing
            .iter()
            .filter(|(id, _)| !id.supplement)
            .filter_map(|(_, total)| *total)
            .max()
            .map(|t| t + 1)
    };
    let (bulletin, issuer, sections, closing): (String, String, Vec<Section>, Closing) =
        match spec.template {
            Some(t) => (
                t.bulletin.clone(),
                t.issuer.clone(),
                t.sections.iter().map(|s| Section::new(&s.title)).collect(),
                t.closing.clone(),
            ),
            None => (
                spec.settings.bulletin.clone(),
                spec.settings.issuer.clone(),
                spec.settings
                    .sections
                    .iter()
                    .map(|s| Section::new(s))
                    .collect(),
                spec.settings.closing.clone(),
            ),
        };
    // Marks such as 内部资料 go on from issue to issue; a copy's number
    // (份号) belongs to one printing.
    let marks = spec
        .template
        .map(|t| Marks {
            copy_number: None,
            ..t.marks.clone()
        })
        .unwrap_or_default();
    Issue {
        schema: SCHEMA_VERSION,
        bulletin,
        number,
        total,
        supplement: spec.supplement,
        date: spec.date,
        issuer,
        marks,
        status: Status::Draft,
        history: Vec::new(),
        sections,
        closing,
    }
}

/// Issues sharing one 总第N期: each running total should be printed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalClash {
    pub total: u32,
    /// The issues that print it, in id order.
    pub ids: Vec<IssueId>,
}

/// Every 总第N期 given to more than one issue of `existing`. (Two files of
/// one 第N期 in a year cannot both load: the library reports the second as
/// a duplicate.)
pub fn total_clashes(existing: &[(IssueId, Option<u32>)]) -> Vec<TotalClash> {
    let mut by_total: std::collections::BTreeMap<u32, Vec<IssueId>> = Default::default();
    for (id, total) in existing {
        if let Some(t) = total {
            by_total.entry(*t).or_default().push(*id);
        }
    }
    by_total
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(total, mut ids)| {
            ids.sort();
            TotalClash { total, ids }
        })
        .collect()
}
