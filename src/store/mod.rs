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
pub mod recovery;
mod rescan;
mod save;
pub mod search;
pub mod sync;
mod temps;
mod trash;
pub mod workflow;

pub(crate) use errors::io_err;
pub use errors::{Problem, ProblemKind, StoreError, io_message};
pub use fingerprint::{ContentHash, DiskChange, Fingerprint};
pub use numbering::Created;
pub use rescan::Rescanned;
pub use trash::Trashed;

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
    /// Opens the library at `root`. A missing or empty directory becomes a
    /// new library holding the sample issue.
    pub fn open(root: &Path) -> Result<Library, StoreError> {
        Self::open_with(root, Arc::new(RealFs))
    }

    /// Opens the library at `root` only if there is one: for commands that
    /// read (`list`, `export`, `check`, `search`), which must not leave a new
    /// library behind a mistyped path. [`StoreError::NoLibrary`] otherwise.
    pub fn open_existing(root: &Path) -> Result<Library, StoreError> {
        Self::open_mode(root, Arc::new(RealFs), false)
    }

    /// [`Library::open`] with every file operation going through `fs`.
    pub fn open_with(root: &Path, fs: Arc<dyn Fs>) -> Result<Library, StoreError> {
        Self::open_mode(root, fs, true)
    }

    fn open_mode(root: &Path, fs: Arc<dyn Fs>, create: bool) -> Result<Library, StoreError> {
        // `.state/` alone (a log opened before the library) is still empty,
        // and so is a fresh clone of an empty repository (`.git/` alone).
        let names = match fs.read_dir(root) {
            Ok(names) => names,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io_err(root)(e)),
        };
        let is_new = names.iter().all(|p| {
            p.file_name() == Some(STATE_DIR.as_ref()) || p.file_name() == Some(GIT_DIR.as_ref())
        });
        let unfinished = !is_new && creation_interrupted(fs.as_ref(), root, &names);
        if (is_new || unfinished) && !create {
            return Err(StoreError::NoLibrary(root.to_path_buf()));
        }
        let mut lib = Library {
            root: root.to_path_buf(),
            settings: Settings::default(),
            entries: BTreeMap::new(),
            problems: Vec::new(),
            fs,
            index: Catalog::load(root),
        };
        if is_new || unfinished {
            lib.create()?;
            lib.index.save_if_dirty(root);
            if unfinished {
                tracing::warn!(root = %root.display(), "finished creating a library whose creation was interrupted");
            } else {
                tracing::info!(root = %root.display(), "created library");
            }
            return Ok(lib);
        }
        let settings_path = root.join(SETTINGS_FILE);
        let has_settings = lib.fs.metadata(&settings_path).is_ok();
        let has_issues = lib.fs.metadata(&lib.issues_dir()).is_ok_and(|m| m.is_dir());
        if !has_settings && !has_issues {
            return Err(StoreError::NotALibrary(root.to_path_buf()));
        }
        if has_settings {
            match read_text(lib.fs.as_ref(), &settings_path)
                .and_then(|(text, _)| codec::decode_settings(&text).map_err(ProblemKind::Decode))
            {
                Ok(s) => lib.settings = s,
                Err(kind) => lib.problems.push(Problem {
                    path: settings_path,
                    kind,
                }),
            }
        }
        lib.scan()?;
        lib.index.save_if_dirty(root);
        tracing::info!(
            root = %root.display(),
            issues = lib.entries.len(),
            problems = lib.problems.len(),
            "opened library"
        );
        for p in &lib.problems {
            tracing::warn!("{}", p.message(Lang::En));
        }
        Ok(lib)
    }

    /// Makes a new library: `issues/` with the sample issue, `.gitignore`,
    /// and last `library.ron`, whose presence marks the library complete: a
    /// creation cut short (a full disk, a kill) is finished by the next open
    /// (see [`creation_interrupted`]), never left half-made.
    fn create(&mut self) -> Result<(), StoreError> {
        let issues = self.issues_dir();
        self.fs.create_dir_all(&issues).map_err(io_err(&issues))?;
        let sample = codec::decode_issue(SAMPLE_ISSUE).expect("bundled sample issue parses");
        self.settings = Settings {
            bulletin: sample.bulletin.clone(),
            issuer: sample.issuer.clone(),
            sections: sample.sections.iter().map(|s| s.title.clone()).collect(),
            closing: sample.closing.clone(),
            ..Settings::default()
        };
        // A library is often a git repository: keep editors' state out of it.
        let ignore = self.root.join(GITIGNORE);
        atomic::write_with(
            self.fs.as_ref(),
            &ignore,
            format!("/{STATE_DIR}/\n").as_bytes(),
        )
        .map_err(io_err(&ignore))?;
        match self.insert(sample) {
            // Written by the interrupted creation, unchanged.
            Err(StoreError::Exists(_)) => self.scan()?,
            other => {
                other?;
            }
        }
        self.save_settings()
    }

    /// Loads every `*.ron` in `issues/`, in name order.
    fn scan(&mut self) -> Result<(), StoreError> {
        self.refresh().map(|_| ())
    }

    /// Adds issue files that appeared since the library was opened (another
    /// jianbao, `jianbao new`, git); returns how many issues were added.
    /// Files already known, listed or broken, are not read again. A file
    /// the index knows as it is now is not read at all.
    pub fn refresh(&mut self) -> Result<usize, StoreError> {
        let dir = self.issues_dir();
        let names: Vec<PathBuf> = match self.fs.read_dir(&dir) {
            Ok(names) => names.into_iter().filter(|p| is_issue_name(p)).collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io_err(&dir)(e)),
        };
        let known: HashSet<&Path> = self
            .entries
            .values()
            .map(|e| e.path.as_path())
            .chain(self.problems.iter().map(|p| p.path.as_path()))
            .collect();
        let mut paths: Vec<PathBuf> = names
            .iter()
            .filter(|p| !known.contains(p.as_path()))
            .cloned()
            .collect();
        paths.sort();
        let before = self.entries.len();
        for path in paths {
            let meta = self.fs.metadata(&path).ok();
            if meta.as_ref().is_some_and(|m| m.is_dir()) {
                self.problems.push(Problem {
                    path,
                    kind: ProblemKind::Directory,
                });
                continue;
            }
            match self.read_entry(&path, meta.as_ref()) {
                Ok(entry) => {
                    let id = entry.summary.id();
                    if let Some(first) = self.entries.get(&id) {
                        self.problems.push(Problem {
                            path,
                            kind: ProblemKind::Duplicate(first.path.clone()),
                        });
                        continue;
                    }
                    if !entry.name_matches(&id) {
                        self.problems.push(Problem {
                            path: path.clone(),
                            kind: ProblemKind::NameMismatch { content: id },
                        });
                    }
                    self.entries.insert(id, entry);
                }
                Err(kind) => self.problems.push(Problem { path, kind }),
            }
        }
        let present: HashSet<String> = names.iter().filter_map(|p| file_name(p)).collect();
        self.index.retain_names(&present);
        Ok(self.entries.len() - before)
    }

    /// The entry for the issue file at `path` (whose metadata, taken before
    /// reading, is `meta`): from the index when it knows the file as it is,
    /// else read and parsed (and the index told).
    fn read_entry(
        &mut self,
        path: &Path,
        meta: Option<&std::fs::Metadata>,
    ) -> Result<Entry, ProblemKind> {
        let name = file_name(path).unwrap_or_default();
        let stamp = meta.and_then(Stamp::of);
        if let Some(meta) = meta {
            match self.index.lookup(&name, meta) {
                Lookup::Valid(ix) => {
                    if let Some(fingerprint) = ix.fingerprint() {
                        return Ok(Entry {
                            path: path.to_path_buf(),
                            summary: ix.summary.clone(),
                            fingerprint: Some(fingerprint),
                            issue: None,
                        });
                    }
                }
                // Possibly changed within the same clock tick: the content decides.
                Lookup::Racy(ix) => {
                    let (text, fingerprint) = read_text(self.fs.as_ref(), path)?;
                    if ix.content_hash() == Some(fingerprint.hash) {
                        let summary = ix.summary.clone();
                        self.index.confirm(&name);
                        return Ok(Entry {
                            path: path.to_path_buf(),
                            summary,
                            fingerprint: Some(fingerprint),
                            issue: None,
                        });
                    }
                    let entry = decode_entry(path, &text, fingerprint)?;
                    self.index_entry(&name, stamp, &entry);
                    return Ok(entry);
                }
                Lookup::Unknown => {}
            }
        }
        let mut entry = load_issue(self.fs.as_ref(), path)?;
        self.index_entry(&name, stamp, &entry);
        // Only the summary is kept: the text is read again when opened.
        entry.issue = None;
        Ok(entry)
    }

    /// Tells the index what the file `name`, stamped `stamp` before it was
    /// read, holds.
    fn index_entry(&mut self, name: &str, stamp: Option<Stamp>, entry: &Entry) {
        if let (Some(stamp), Some(fp)) = (stamp, entry.fingerprint) {
            self.index
                .record(name, stamp, fp.hash, entry.summary.clone());
        }
    }

    /// Tells the index about a file this library has just written.
    fn index_written(&mut self, path: &Path, fingerprint: &Fingerprint, summary: &IssueSummary) {
        if let (Some(name), Some(modified)) = (file_name(path), fingerprint.modified) {
            let stamp = Stamp::new(fingerprint.len, modified);
            self.index
                .record(&name, stamp, fingerprint.hash, summary.clone());
        }
    }

    /// Writes what the index learned since the library was opened (done at
    /// open and after a search; a failure is only logged).
    pub fn save_index(&mut self) {
        let root = self.root.clone();
        self.index.save_if_dirty(&root);
    }

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
    /// show: newest first by year and number (a year's supplements before
    /// its regular issues).
    pub fn newest_first(&self) -> impl Iterator<Item = (&IssueId, &Entry)> {
        self.entries.iter().rev()
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

/// Whether the folder `root`, holding `names`, is a library whose creation
/// was cut short: no `library.ron` yet, nothing but what creation writes,
/// and at most the untouched sample issue in `issues/`.
fn creation_interrupted(fs: &dyn Fs, root: &Path, names: &[PathBuf]) -> bool {
    let made_by_create = |p: &PathBuf| {
        p.file_name()
            .is_some_and(|n| n == STATE_DIR || n == GITIGNORE || n == ISSUES_DIR || n == GIT_DIR)
    };
    if !names.iter().all(made_by_create) {
        return false;
    }
    let Ok(issues) = fs.read_dir(&root.join(ISSUES_DIR)) else {
        return true;
    };
    let sample = codec::encode_issue(&codec::decode_issue(SAMPLE_ISSUE).expect("sample parses"));
    issues.iter().all(|p| {
        let temp = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') && n.ends_with(atomic::TEMP_SUFFIX));
        temp || fs.read(p).is_ok_and(|b| b == sample.as_bytes())
    })
}

/// `*.ron`, not hidden (temp files are hidden and end in `.tmp` anyway).
fn is_issue_name(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "ron")
        && p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.'))
}

/// The file's text and its fingerprint.
fn read_text(fs: &dyn Fs, path: &Path) -> Result<(String, Fingerprint), ProblemKind> {
    let bytes = fs.read(path).map_err(|e| ProblemKind::from_io(&e))?;
    let modified = fs.metadata(path).ok().and_then(|m| m.modified().ok());
    let fingerprint = Fingerprint::new(&bytes, modified);
    let text = String::from_utf8(bytes)
        .map_err(|e| ProblemKind::not_utf8(e.as_bytes(), &e.utf8_error()))?;
    Ok((text, fingerprint))
}

/// Reads and parses the issue file at `path` (the entry holds the issue).
fn load_issue(fs: &dyn Fs, path: &Path) -> Result<Entry, ProblemKind> {
    let (text, fingerprint) = read_text(fs, path)?;
    decode_entry(path, &text, fingerprint)
}

fn decode_entry(path: &Path, text: &str, fingerprint: Fingerprint) -> Result<Entry, ProblemKind> {
    let issue = codec::decode_issue(text).map_err(ProblemKind::Decode)?;
    tracing::debug!(path = %path.display(), bytes = fingerprint.len, "read issue");
    Ok(Entry::loaded(path.to_path_buf(), issue, Some(fingerprint)))
}

/// The name of the file at `path`, as the index keys it.
fn file_name(path: &Path) -> Option<String> {
    path.file_name()?.to_str().map(str::to_string)
}

#[cfg(test)]
mod tests;
