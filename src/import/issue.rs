//! A parsed bulletin as a new issue of the library (with what was filled
//! in from it), or as articles added to an existing issue.

use super::Imported;
use super::masthead::Masthead;
use super::structure::key;
use crate::model::{Closing, Issue, IssueId, NewIssueSpec, Section, Settings, next_issue};
use chrono::NaiveDate;

/// A value of a new issue that the text does not give, and where it came
/// from instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filled {
    /// The next free number of the year in the library (and the running
    /// total, for the clerk's own bulletin).
    Number {
        number: u32,
        total: Option<u32>,
    },
    /// Today.
    Date(NaiveDate),
    /// From the library's settings.
    Bulletin(String),
    Issuer(String),
    /// The settings' closing block (报/送/发, 共印N份, names).
    Closing(Closing),
    /// Articles under no heading went into this section.
    Section(String),
    /// Left empty: another office's text lacks it, or the settings too.
    Left(Field),
}

/// A masthead or closing value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Bulletin,
    Issuer,
    Closing,
}

/// Whether a text is the clerk's own bulletin, whose gaps the library's
/// settings may fill: its name is the library's (spaces aside), or, when
/// it names no bulletin, its issuing unit is the library's; a text with
/// neither (an article, a masthead-less copy) is taken as the clerk's own.
/// Another office's bulletin keeps only what its text says.
pub fn is_own(m: &Masthead, settings: &Settings) -> bool {
    let same = |a: &str, b: &str| !b.trim().is_empty() && key(a) == key(b);
    match (&m.bulletin, &m.issuer) {
        (Some(b), _) => same(b, &settings.bulletin),
        (None, Some(i)) => same(i, &settings.issuer),
        (None, None) => true,
    }
}

/// Why a parsed bulletin cannot become an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The masthead's 第N期 of that year is already in the library.
    Exists(IssueId),
}

/// The new issue: masthead values found in the text; the next free number
/// and today's date where the text gives none; and, when `fill` (the
/// clerk's own bulletin, see [`is_own`]), the library's bulletin name,
/// issuing unit, running total and closing block where the text lacks them.
/// Every value not from the text is listed.
pub fn new_issue(
    imported: &Imported,
    existing: &[(IssueId, Option<u32>)],
    settings: &Settings,
    today: NaiveDate,
    fill: bool,
) -> Result<(Issue, Vec<Filled>), BuildError> {
    let m = &imported.masthead;
    let date = m.date.unwrap_or(today);
    let mut filled = Vec::new();
    let mut issue = next_issue(&NewIssueSpec {
        existing,
        template: None,
        settings,
        date,
        supplement: m.supplement,
    });
    match m.number {
        Some(n) => {
            issue.number = n;
            // A running total counted on from the library would be wrong
            // for an older issue: keep only the one the masthead gives.
            issue.total = m.total;
        }
        None => {
            if m.total.is_some() || !fill {
                issue.total = m.total;
            }
            filled.push(Filled::Number {
                number: issue.number,
                total: issue.total.filter(|_| m.total.is_none()),
            });
        }
    }
    if m.date.is_none() {
        filled.push(Filled::Date(today));
    }
    let mut value = |found: &Option<String>, setting: &str, field: Field| match found {
        Some(v) => v.clone(),
        None if fill && !setting.trim().is_empty() => {
            filled.push(match field {
                Field::Bulletin => Filled::Bulletin(setting.to_string()),
                _ => Filled::Issuer(setting.to_string()),
            });
            setting.to_string()
        }
        None => {
            filled.push(Filled::Left(field));
            String::new()
        }
    };
    issue.bulletin = value(&m.bulletin, &settings.bulletin, Field::Bulletin);
    issue.issuer = value(&m.issuer, &settings.issuer, Field::Issuer);
    issue.closing = match &imported.closing {
        Some(c) => c.clone(),
        None if fill && settings.closing != Closing::default() => {
            filled.push(Filled::Closing(settings.closing.clone()));
            settings.closing.clone()
        }
        None => {
            if !fill {
                filled.push(Filled::Left(Field::Closing));
            }
            Closing::default()
        }
    };
    for (s, headed) in imported.sections.iter().zip(&imported.headed) {
        if !headed && !s.articles.is_empty() {
            filled.push(Filled::Section(s.title.clone()));
        }
    }
    issue.sections = imported.sections.clone();
    issue.marks = m.marks.clone();
    let id = issue.id();
    if existing.iter().any(|(e, _)| *e == id) {
        return Err(BuildError::Exists(id));
    }
    Ok((issue, filled))
}

/// Where added articles went: section title and how many.
pub type Placement = Vec<(String, usize)>;

/// Adds the parsed articles to `issue`: all into `section` when given
/// (created if missing), else each into the section of the same title
/// (created if missing); articles outside any heading go to the issue's
/// last section.
pub fn add_articles(issue: &mut Issue, imported: &Imported, section: Option<&str>) -> Placement {
    let mut placed: Placement = Vec::new();
    for (s, headed) in imported.sections.iter().zip(&imported.headed) {
        if s.articles.is_empty() {
            continue;
        }
        let target = match section {
            Some(name) => name.to_string(),
            None if *headed => s.title.clone(),
            None => issue
                .sections
                .last()
                .map_or_else(|| s.title.clone(), |l| l.title.clone()),
        };
        let idx = match issue.sections.iter().position(|x| x.title == target) {
            Some(i) => i,
            None => {
                issue.sections.push(Section::new(&target));
                issue.sections.len() - 1
            }
        };
        issue.sections[idx]
            .articles
            .extend(s.articles.iter().cloned());
        match placed.iter_mut().find(|(t, _)| *t == target) {
            Some((_, n)) => *n += s.articles.len(),
            None => placed.push((target, s.articles.len())),
        }
    }
    placed
}
