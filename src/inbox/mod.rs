//! The inbox (信息报送) between the store and the importer: files sent in
//! are recorded (a file dropped into `inbox/` by hand gets its record at
//! the first look, its unit found in its content or name), read as the
//! importer reads them, and adopted into an issue as articles that keep
//! their unit as source and the submission's 收文号.
//!
//! Layer: uses `store` and `import`; the command line and the app use it.

pub mod analyze;
pub mod flags;

pub use analyze::{Reading, read};

use crate::i18n::{Lang, Msg};
use crate::import::{self, ReadError};
use crate::model::inbox::{DecideError, SubState, Submission, UnitFrom};
use crate::model::{Actor, Article, ArticleKind, ArticleRef, Issue, IssueId, SCHEMA_VERSION};
use crate::store::inbox::{Entry, InboxError, InboxProblem, InboxProblemKind, Listing};
use crate::store::{Library, StoreError};
use chrono::{DateTime, FixedOffset, Local};
use std::path::Path;

/// Why a submission could not be read, submitted or adopted.
#[derive(Debug)]
pub enum Fail {
    /// The file could not be read (its name, the system's words).
    Io(String, std::io::Error),
    /// Larger than [`analyze::MAX_BYTES`] (its name and size in MB).
    TooLarge(String, u64),
    /// The file is no text, Word or PDF the importer reads.
    Read(String, ReadError),
    Inbox(InboxError),
}

impl From<InboxError> for Fail {
    fn from(e: InboxError) -> Self {
        Fail::Inbox(e)
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Self {
        Fail::Inbox(InboxError::Store(e))
    }
}

impl Fail {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Fail::Io(name, e) => lang.fmt(Msg::ImportRead, &[name, e]),
            Fail::TooLarge(name, mb) => lang.fmt(
                Msg::ImportTooLarge,
                &[name, mb, &(analyze::MAX_BYTES / 1024 / 1024)],
            ),
            Fail::Read(name, e) => import::summary::error(lang, name, e),
            Fail::Inbox(e) => e.message(lang),
        }
    }
}

/// The bytes of `path`, refusing a file too large to be a submission.
fn read_file(path: &Path) -> Result<Vec<u8>, Fail> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| Fail::Io(name.clone(), e))?
        .len();
    if size > analyze::MAX_BYTES {
        return Err(Fail::TooLarge(name, size / 1024 / 1024));
    }
    std::fs::read(path).map_err(|e| Fail::Io(name, e))
}

/// The submitted file of `entry`, read as the importer reads it.
pub fn read_entry(entry: &Entry) -> Result<Reading, Fail> {
    let bytes = read_file(&entry.file_path())?;
    analyze::read(&bytes, &entry.record.file).map_err(|e| Fail::Read(entry.record.file.clone(), e))
}

/// Reads the inbox, first giving every file dropped into it by hand its
/// record (unit from its content or name, received when the file was
/// last changed). A file that cannot be read is recorded all the same —
/// it can be declined with a reason — and named among the problems.
pub fn scan(lib: &Library, lang: Lang) -> Result<Listing, StoreError> {
    let listing = lib.read_inbox()?;
    if listing.dropped.is_empty() {
        return Ok(listing);
    }
    let mut problems: Vec<InboxProblem> = Vec::new();
    for path in &listing.dropped {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let reading = read_file(path)
            .and_then(|b| analyze::read(&b, name).map_err(|e| Fail::Read(name.to_string(), e)));
        let received = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .map(|t| DateTime::<Local>::from(t).fixed_offset())
            .unwrap_or_else(|_| crate::store::workflow::now());
        let (title, chars, unit) = match &reading {
            Ok(r) => (r.title(), r.chars(), r.unit.clone()),
            Err(e) => {
                problems.push(InboxProblem {
                    path: path.clone(),
                    kind: InboxProblemKind::Unreadable(e.message(lang)),
                });
                let unit = analyze::unit_from_name(stem).map(|u| (u, UnitFrom::FileName));
                (stem.to_string(), 0, unit)
            }
        };
        let made = lib.add_submission(name, None, |id, file| {
            let (unit, unit_from) = unit.unwrap_or((String::new(), UnitFrom::Unknown));
            Submission {
                schema: SCHEMA_VERSION,
                id,
                file: file.to_string(),
                original: None,
                unit,
                unit_from,
                submitter: None,
                received,
                note: None,
                title,
                chars,
                state: SubState::New,
                history: Vec::new(),
            }
        });
        match made {
            // Another jianbao recorded it a moment ago: theirs stands.
            Ok(_) | Err(InboxError::Recorded(_)) => {}
            Err(e) => problems.push(InboxProblem {
                path: path.clone(),
                kind: InboxProblemKind::Unreadable(e.message(lang)),
            }),
        }
    }
    let mut listing = lib.read_inbox()?;
    listing.problems.extend(problems);
    Ok(listing)
}

/// What `jianbao submit` is told.
#[derive(Debug, Clone, Default)]
pub struct Submit {
    /// The unit, when the sender names it (else found in the file).
    pub unit: Option<String>,
    pub note: Option<String>,
    /// Who submits it.
    pub submitter: Option<String>,
}

/// Copies the file at `path` into the inbox with its record. A file the
/// importer cannot read is refused (nothing is copied), so the sender
/// knows at once.
pub fn submit(
    lib: &Library,
    path: &Path,
    how: &Submit,
    now: DateTime<FixedOffset>,
) -> Result<(Entry, Reading), Fail> {
    let bytes = read_file(path)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .unwrap_or_else(|| "submission".to_string());
    let reading = analyze::read(&bytes, &name).map_err(|e| Fail::Read(name.clone(), e))?;
    let given = crate::model::filled(how.unit.as_deref()).map(|u| (u.to_string(), UnitFrom::Given));
    let (unit, unit_from) = given
        .or_else(|| reading.unit.clone())
        .unwrap_or((String::new(), UnitFrom::Unknown));
    let entry = lib.add_submission(&name, Some(&bytes), |id, file| Submission {
        schema: SCHEMA_VERSION,
        id,
        file: file.to_string(),
        original: (file != name).then(|| name.clone()),
        unit,
        unit_from,
        submitter: how.submitter.clone(),
        received: now,
        note: crate::model::filled(how.note.as_deref()).map(str::to_string),
        title: reading.title(),
        chars: reading.chars(),
        state: SubState::New,
        history: Vec::new(),
    })?;
    Ok((entry, reading))
}

/// The articles a submission becomes: its unit as their source (the text's
/// own when no unit is known), its 收文号 as their link, and the kind
/// chosen.
pub fn articles_for(reading: &Reading, record: &Submission, kind: ArticleKind) -> Vec<Article> {
    reading
        .articles
        .iter()
        .cloned()
        .map(|mut a| {
            if !record.unit.trim().is_empty() {
                a.source = Some(record.unit.trim().to_string());
            }
            a.submission = Some(record.id);
            a.kind = kind;
            a
        })
        .collect()
}

/// Adds `articles` to `issue`: into `section` (created when missing), else
/// features into the first section and briefs into the last (the usual
/// 工作动态 … 文明时讯 order), or a new `fallback` section in an issue
/// without any. Returns where the first one went.
pub fn place(
    issue: &mut Issue,
    articles: Vec<Article>,
    section: Option<&str>,
    fallback: &str,
) -> ArticleRef {
    let brief = articles
        .first()
        .is_some_and(|a| a.kind == ArticleKind::Brief);
    let wanted = crate::model::filled(section);
    let idx = match wanted {
        Some(name) => issue
            .sections
            .iter()
            .position(|s| crate::model::section_key(&s.title) == crate::model::section_key(name)),
        None if brief => issue.sections.len().checked_sub(1),
        None => (!issue.sections.is_empty()).then_some(0),
    };
    let idx = idx.unwrap_or_else(|| {
        let title = wanted.unwrap_or(fallback);
        issue
            .sections
            .push(crate::model::Section::new(crate::model::bare_title(title)));
        issue.sections.len() - 1
    });
    let at = ArticleRef::new(idx, issue.sections[idx].articles.len());
    issue.sections[idx].articles.extend(articles);
    at
}

/// Records the adoption of `entry` into `id` as the articles `titles`.
pub fn record_adoption(
    lib: &Library,
    entry: &Entry,
    id: IssueId,
    titles: Vec<String>,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Entry, InboxError> {
    lib.update_submission(entry, |s| {
        s.decide(SubState::Adopted, actor, None, Some((id, titles)), now)
            .map(|_| ())
    })
}

/// Returns (`to` = [`SubState::Returned`]) or declines a submission, with
/// the note or reason.
pub fn decide(
    lib: &Library,
    entry: &Entry,
    to: SubState,
    note: &str,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Entry, InboxError> {
    lib.update_submission(entry, |s| {
        s.decide(to, actor, Some(note), None, now).map(|_| ())
    })
}

/// Corrects the unit of a submission.
pub fn set_unit(lib: &Library, entry: &Entry, unit: &str) -> Result<Entry, InboxError> {
    lib.update_submission(entry, |s| {
        s.unit = unit.trim().to_string();
        s.unit_from = UnitFrom::Given;
        Ok(())
    })
}

/// An adoption done: where, and the submission's record now.
#[derive(Debug, Clone)]
pub struct Adopted {
    pub id: IssueId,
    pub section: String,
    pub titles: Vec<String>,
    pub entry: Entry,
}

/// Adopts `entry` into the issue `id` of the library (the command line's
/// way; the editor adds to its open issue itself): takes the issue's lock
/// a moment, adds the articles, saves — a signed issue refuses — and
/// records the adoption. When the record was changed meanwhile by someone
/// else, the articles are taken out again and that is said.
pub fn adopt(
    lib: &mut Library,
    entry: &Entry,
    id: IssueId,
    section: Option<&str>,
    kind: ArticleKind,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Adopted, Fail> {
    if entry.record.state.is_final() {
        return Err(InboxError::Decide(DecideError::Final(entry.record.state)).into());
    }
    lib.check_submission(entry)?;
    let reading = read_entry(entry)?;
    let articles = articles_for(&reading, &entry.record, kind);
    let titles: Vec<String> = articles.iter().map(Article::title_text).collect();
    let _lock = lib.lock_briefly(&id)?;
    if !lib.contains(&id) {
        return Err(lib.why_missing(&id).into());
    }
    lib.reload(&id)?;
    let before = lib.load(&id)?.clone();
    if let Some(why) = before.read_only() {
        return Err(StoreError::ReadOnlyIssue {
            id,
            why: Box::new(why),
        }
        .into());
    }
    let mut issue = before.clone();
    let fallback = lib
        .settings
        .sections
        .first()
        .cloned()
        .unwrap_or_else(|| "工作动态".to_string());
    let at = place(&mut issue, articles, section, &fallback);
    let section = issue.sections[at.section].title.clone();
    let saved = lib.save(&id, issue)?;
    match record_adoption(lib, entry, saved, titles.clone(), actor, now) {
        Ok(entry) => Ok(Adopted {
            id: saved,
            section,
            titles,
            entry,
        }),
        Err(e) => {
            // Not adopted after all: the issue is as it was.
            if let Err(undo) = lib.save(&saved, before) {
                tracing::error!(%saved, "adoption not recorded, and the articles could not be taken out: {undo}");
            }
            Err(e.into())
        }
    }
}

/// Finds a submission by 收文号 (`7`, `#7`), file name, or the start of a
/// file name; more than one match is an error naming them.
pub fn find<'a>(listing: &'a Listing, key: &str, lang: Lang) -> Result<&'a Entry, String> {
    let k = key.trim();
    let by_id = k.trim_start_matches('#').parse::<u32>().ok();
    let matches = |pick: &dyn Fn(&Entry) -> bool| -> Vec<&'a Entry> {
        listing.entries.iter().filter(|e| pick(e)).collect()
    };
    let mut found = by_id
        .map(|n| matches(&|e| e.record.id == n))
        .unwrap_or_default();
    if found.is_empty() {
        found = matches(&|e| e.record.file == k || e.record.original.as_deref() == Some(k));
    }
    if found.is_empty() && !k.is_empty() {
        found = matches(&|e| e.record.file.starts_with(k));
    }
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(lang.fmt(Msg::InboxNoSuch, &[&k])),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|e| format!("{}（{}）", e.record.id, e.record.file))
                .collect();
            Err(lang.fmt(
                Msg::InboxAmbiguous,
                &[&k, &names.join(lang.t(Msg::ListSeparator))],
            ))
        }
    }
}

#[cfg(test)]
mod tests;
