//! The library on disk: `library.ron` for settings, one RON file per issue in
//! `issues/`, deleted issues in `trash/`, and in `.state/` what belongs to
//! running editors rather than to the bulletin (locks, recovery files, log).
//!
//! Rules that protect the clerk's text:
//! - every write is atomic ([`atomic::write`]);
//! - a file that fails to load is reported and never written over;
//! - a file from a newer schema is reported, not rewritten;
//! - a file changed on disk since it was loaded is not overwritten unless the
//!   caller says so ([`SaveMode::Overwrite`]);
//! - unsaved text is kept in recovery files ([`recovery`]) and an issue is
//!   edited by one editor at a time ([`lock`]).

pub mod atomic;
pub mod codec;
mod errors;
mod fingerprint;
pub mod fs;
pub mod git;
pub mod inbox;
pub mod index;
pub mod lock;
pub mod log;
mod numbering;
mod open;
use open::{file_name, load_issue, read_text};
pub mod recovery;
mod rescan;
mod save;
pub mod search;
pub mod sync;
mod temps;
mod trash;
mod watch;
pub mod workflow;

pub(crate) use errors::io_err;
pub use errors::{Problem, ProblemKind, StoreError, io_message};
pub use fingerprint::{ContentHash, DiskChange, Fingerprint};
pub use numbering::Created;
pub use rescan::Rescanned;
pub use trash::Trashed;
pub use watch::Look;

use crate::i18n::Lang;
use crate::model::{Issue, IssueId, IssueSummary, Settings};
use fs::{Fs, RealFs};
use index::{Catalog, Lookup, Stamp};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const SETTINGS_FILE: &str = "library.ron";
pub const ISSUES_DIR: &str = "issues";
pub const TRASH_DIR: &str = "trash";
/// Per-machine state of running editors: never part of the bulletin, kept
/// out of git by the `.gitignore` files the library writes.
pub const STATE_DIR: &str = ".state";
pub const GITIGNORE: &str = ".gitignore";
/// A git repository's own folder: a folder holding only it is empty.
const GIT_DIR: &str = ".git";

/// The state directory of the library at `root` (it may not exist yet).
pub fn state_dir(root: &Path) -> PathBuf {
    root.join(STATE_DIR)
}

/// Creates `ROOT/.state/sub` (0700), and `.state/.gitignore` so git ignores
/// the state even in libraries created before it existed.
pub(crate) fn create_state_dir(fs: &dyn Fs, root: &Path, sub: &str) -> io::Result<PathBuf> {
    let state = state_dir(root);
    let dir = state.join(sub);
    fs.create_dir_all(&dir)?;
    let ignore = state.join(GITIGNORE);
    if fs.metadata(&ignore).is_err() {
        atomic::write_with(fs, &ignore, b"*\n")?;
    }
    Ok(dir)
}

/// The sample issue every new library starts with, so the clerk sees a
/// complete example at once (built from a real bulletin).
pub const SAMPLE_ISSUE: &str = include_str!("../../assets/sample-issue.ron");

/// The default library location: the platform's data directory for jianbao.
pub fn default_library_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jianbao").map(|d| d.data_dir().to_path_buf())
}

/// Whether [`Library::save_with`] may write over a file changed on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SaveMode {
    /// Refuse with [`StoreError::ChangedOnDisk`].
    #[default]
    Safe,
    /// The clerk has seen the conflict and chose to keep their version.
    Overwrite,
    /// As `Overwrite`, and also over a read-only file (the clerk confirmed;
    /// the file stays read-only).
    Force,
}

/// One issue of the library: where its file is, its summary (from the
/// index, or from reading the file), and the whole issue once it has been
/// read ([`Library::load`]).
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub summary: IssueSummary,
    /// The version of the file the summary (and the loaded issue) is of:
    /// a save refuses to write over another version.
    pub fingerprint: Option<Fingerprint>,
    issue: Option<Issue>,
}

impl Entry {
    fn loaded(path: PathBuf, issue: Issue, fingerprint: Option<Fingerprint>) -> Entry {
        Entry {
            path,
            summary: issue.summary(),
            fingerprint,
            issue: Some(issue),
        }
    }

    /// The whole issue, if it has been read (opened, saved or created).
    pub fn issue(&self) -> Option<&Issue> {
        self.issue.as_ref()
    }

    /// Whether the file is named after `id` (`2023-025.ron`); a file
    /// renamed by hand or holding another number is not.
    pub fn name_matches(&self, id: &IssueId) -> bool {
        self.path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s == id.to_string())
    }
}

/// An open library.
#[derive(Debug)]
pub struct Library {
    root: PathBuf,
    pub settings: Settings,
    entries: BTreeMap<IssueId, Entry>,
    /// Files that failed to load: reported, never written.
    pub problems: Vec<Problem>,
    fs: Arc<dyn Fs>,
    /// What the index in `.state/index/` knows of the issue files.
    index: Catalog,
}

impl Library {
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn issues_dir(&self) -> PathBuf {
        self.root.join(ISSUES_DIR)
    }

    /// Where locks, recovery files and the log live (see [`state_dir`]).
    pub fn state_dir(&self) -> PathBuf {
        state_dir(&self.root)
    }

    /// The file operations this library uses.
    pub fn fs(&self) -> &Arc<dyn Fs> {
        &self.fs
    }

    /// Creates `.state/sub` (0700), with `.state/.gitignore`.
    pub(crate) fn ensure_state_dir(&self, sub: &str) -> Result<PathBuf, StoreError> {
        recovery::ensure_state_dir(self.fs.as_ref(), &self.root, sub)
    }

    /// Entries in id order (oldest first).
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = (&IssueId, &Entry)> {
        self.entries.iter()
    }

    /// The issues in the one order the editor's list and `jianbao list`
    /// show: newest first by year and number, each supplement among its
    /// year's regular issues where its date puts it (after the last one
    /// dated on or before it). A supplement is numbered apart, and by
    /// number alone all of a year's would sit above its last issue.
    pub fn newest_first(&self) -> impl Iterator<Item = (&IssueId, &Entry)> {
        let mut order: Vec<(&IssueId, &Entry)> = Vec::with_capacity(self.entries.len());
        let mut rest = self.entries.iter().peekable();
        while let Some(&(first, _)) = rest.peek() {
            let year = first.year;
            let mut regular = Vec::new();
            let mut supplements = Vec::new();
            while let Some((id, e)) = rest.next_if(|(id, _)| id.year == year) {
                if id.supplement {
                    supplements.push((id, e));
                } else {
                    regular.push((id, e));
                }
            }
            // Both in number order; merged by date, a tie to the regular.
            let (mut r, mut s) = (
                regular.into_iter().peekable(),
                supplements.into_iter().peekable(),
            );
            loop {
                let next = match (r.peek(), s.peek()) {
                    (Some(a), Some(b)) if b.1.summary.date < a.1.summary.date => s.next(),
                    (Some(_), _) => r.next(),
                    (None, _) => s.next(),
                };
                let Some(next) = next else { break };
                order.push(next);
            }
        }
        order.into_iter().rev()
    }

    /// The issue numbered just before `id` in its sequence (regular issues
    /// and supplements apart, across years), if any.
    pub fn previous(&self, id: &IssueId) -> Option<(&IssueId, &Entry)> {
        self.entries
            .range(..*id)
            .rev()
            .find(|(other, _)| other.supplement == id.supplement)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn contains(&self, id: &IssueId) -> bool {
        self.entries.contains_key(id)
    }

    pub fn entry(&self, id: &IssueId) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// What the issue list shows of `id`.
    pub fn summary(&self, id: &IssueId) -> Option<&IssueSummary> {
        self.entries.get(id).map(|e| &e.summary)
    }

    /// The whole issue `id`, read from its file the first time it is asked
    /// for (issue bodies are not read at open). Its file may have changed
    /// since the library was opened: the version read now is the one later
    /// saves are checked against. When the file now holds another issue
    /// (renumbered by hand or by git), the list is corrected and `id` is
    /// [`StoreError::NotFound`].
    pub fn load(&mut self, id: &IssueId) -> Result<&Issue, StoreError> {
        let entry = self.entries.get(id).ok_or_else(|| self.why_missing(id))?;
        if entry.issue.is_none() {
            let path = entry.path.clone();
            let stamp = self.fs.metadata(&path).ok().as_ref().and_then(Stamp::of);
            let fresh = load_issue(self.fs.as_ref(), &path).map_err(|kind| {
                StoreError::Load(Problem {
                    path: path.clone(),
                    kind,
                })
            })?;
            let name = file_name(&path).unwrap_or_default();
            self.index_entry(&name, stamp, &fresh);
            let new_id = fresh.summary.id();
            if new_id != *id {
                tracing::warn!(%id, %new_id, path = %path.display(), "issue renumbered on disk since the library was opened");
                self.entries.remove(id);
                match self.entries.entry(new_id) {
                    std::collections::btree_map::Entry::Occupied(first) => {
                        let first = first.get().path.clone();
                        self.problems.push(Problem {
                            path,
                            kind: ProblemKind::Duplicate(first),
                        });
                    }
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(fresh);
                    }
                }
                return Err(StoreError::NotFound(*id));
            }
            tracing::debug!(%id, "loaded issue");
            self.entries.insert(*id, fresh);
        }
        Ok(self.entries[id].issue.as_ref().expect("loaded above"))
    }

    /// The whole issue `id` without keeping it: the loaded one, or read
    /// from its file now (for a look, e.g. as the template of a new issue).
    pub fn issue(&self, id: &IssueId) -> Result<Cow<'_, Issue>, StoreError> {
        let entry = self.entries.get(id).ok_or_else(|| self.why_missing(id))?;
        if let Some(issue) = &entry.issue {
            return Ok(Cow::Borrowed(issue));
        }
        let fresh = load_issue(self.fs.as_ref(), &entry.path).map_err(|kind| {
            StoreError::Load(Problem {
                path: entry.path.clone(),
                kind,
            })
        })?;
        Ok(Cow::Owned(fresh.issue.expect("load_issue keeps the issue")))
    }

    /// Drops the loaded text of `id` (its summary stays): what the clerk
    /// no longer has open need not stay in memory.
    pub fn unload(&mut self, id: &IssueId) {
        if let Some(e) = self.entries.get_mut(id) {
            e.issue = None;
        }
    }

    /// The newest issue by date (then by id), the usual template for the next one.
    pub fn latest(&self) -> Option<IssueId> {
        self.entries
            .iter()
            .max_by_key(|(id, e)| (e.summary.date, !id.supplement, **id))
            .map(|(id, _)| *id)
    }

    /// Why `id` is not in the library: its file is there but failed to
    /// load (broken, newer schema, not UTF-8, a folder), or there is none.
    pub fn why_missing(&self, id: &IssueId) -> StoreError {
        let path = self.path_for(id);
        match self.problems.iter().find(|p| p.path == path) {
            Some(p) => StoreError::Load(p.clone()),
            None => StoreError::NotFound(*id),
        }
    }
}

#[cfg(test)]
mod tests;
