//! The library on disk: `library.ron` for settings, one RON file per issue in
//! `issues/`, deleted issues in `trash/`.
//!
//! Rules that protect the clerk's text:
//! - every write is atomic ([`atomic::write`]);
//! - a file that fails to load is reported and never written over;
//! - a file from a newer schema is reported, not rewritten.

pub mod atomic;
pub mod codec;

use crate::i18n::{Lang, Msg};
use crate::model::{Issue, IssueId, NewIssueSpec, Settings, next_issue};
use chrono::NaiveDate;
use codec::DecodeError;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub const SETTINGS_FILE: &str = "library.ron";
pub const ISSUES_DIR: &str = "issues";
pub const TRASH_DIR: &str = "trash";

/// The sample issue every new library starts with, so the clerk sees a
/// complete example at once (built from a real bulletin).
pub const SAMPLE_ISSUE: &str = include_str!("../../assets/sample-issue.ron");

/// The default library location: the platform's data directory for jianbao.
pub fn default_library_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jianbao").map(|d| d.data_dir().to_path_buf())
}

/// A file of the library that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Io(String),
    NotUtf8,
    Decode(DecodeError),
    /// Two files hold the same issue; the second is not loaded.
    Duplicate(PathBuf),
}

impl Problem {
    /// `path:line:col: message` for parse errors, `path: message` otherwise.
    pub fn message(&self, lang: Lang) -> String {
        let path = self.path.display();
        match &self.kind {
            ProblemKind::Io(e) => lang.fmt(Msg::StoreIo, &[&path, e]),
            ProblemKind::NotUtf8 => lang.fmt(Msg::StoreNotUtf8, &[&path]),
            ProblemKind::Decode(DecodeError::Parse { line, col, message }) => {
                lang.fmt(Msg::StoreParse, &[&path, line, col, message])
            }
            ProblemKind::Decode(DecodeError::NewerSchema { found }) => lang.fmt(
                Msg::StoreNewerSchema,
                &[&path, found, &crate::model::SCHEMA_VERSION],
            ),
            ProblemKind::Duplicate(other) => {
                lang.fmt(Msg::StoreDuplicate, &[&path, &other.display()])
            }
        }
    }
}

/// An error of a library operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{0} already exists")]
    Exists(IssueId),
    #[error("no such issue: {0}")]
    NotFound(IssueId),
    #[error("{0}: not a jianbao library (no library.ron or issues/) and not empty")]
    NotALibrary(PathBuf),
    #[error("{path}: {message}")]
    Decode { path: PathBuf, message: String },
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Exists(id) => lang.fmt(Msg::IssueExists, &[id]),
            StoreError::NotFound(id) => lang.fmt(Msg::NoSuchIssue, &[id]),
            other => other.to_string(),
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What identifies the version of a file we loaded, to notice changes made
/// behind our back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl Fingerprint {
    fn of(meta: &fs::Metadata) -> Self {
        Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// One loaded issue and where it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub issue: Issue,
    pub fingerprint: Option<Fingerprint>,
}

/// An open library.
#[derive(Debug)]
pub struct Library {
    root: PathBuf,
    pub settings: Settings,
    entries: BTreeMap<IssueId, Entry>,
    /// Files that failed to load: reported, never written.
    pub problems: Vec<Problem>,
}

impl Library {
    /// Opens the library at `root`. A missing or empty directory becomes a
    /// new library holding the sample issue.
    pub fn open(root: &Path) -> Result<Library, StoreError> {
        let is_new = match fs::read_dir(root) {
            Ok(mut it) => it.next().is_none(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => true,
            Err(e) => return Err(io_err(root)(e)),
        };
        if is_new {
            return Self::create(root);
        }
        let has_settings = root.join(SETTINGS_FILE).exists();
        if !has_settings && !root.join(ISSUES_DIR).is_dir() {
            return Err(StoreError::NotALibrary(root.to_path_buf()));
        }
        let mut lib = Library {
            root: root.to_path_buf(),
            settings: Settings::default(),
            entries: BTreeMap::new(),
            problems: Vec::new(),
        };
        if has_settings {
            let path = root.join(SETTINGS_FILE);
            match read_text(&path) {
                Ok(text) => match codec::decode_settings(&text) {
                    Ok(s) => lib.settings = s,
                    Err(e) => lib.problems.push(Problem {
                        path,
                        kind: ProblemKind::Decode(e),
                    }),
                },
                Err(kind) => lib.problems.push(Problem { path, kind }),
            }
        }
        lib.scan()?;
        Ok(lib)
    }

    fn create(root: &Path) -> Result<Library, StoreError> {
        atomic::create_private_dir(&root.join(ISSUES_DIR)).map_err(io_err(root))?;
        let sample = codec::decode_issue(SAMPLE_ISSUE).expect("bundled sample issue parses");
        let settings = Settings {
            bulletin: sample.bulletin.clone(),
            issuer: sample.issuer.clone(),
            sections: sample.sections.iter().map(|s| s.title.clone()).collect(),
            closing: sample.closing.clone(),
            ..Settings::default()
        };
        let mut lib = Library {
            root: root.to_path_buf(),
            settings,
            entries: BTreeMap::new(),
            problems: Vec::new(),
        };
        lib.save_settings()?;
        lib.insert(sample)?;
        Ok(lib)
    }

    /// Loads every `*.ron` in `issues/`, in name order.
    fn scan(&mut self) -> Result<(), StoreError> {
        let dir = self.root.join(ISSUES_DIR);
        let mut paths: Vec<PathBuf> = match fs::read_dir(&dir) {
            Ok(it) => it
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_issue_file(p))
                .collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io_err(&dir)(e)),
        };
        paths.sort();
        for path in paths {
            match load_issue(&path) {
                Ok(entry) => {
                    let id = entry.issue.id();
                    if let Some(first) = self.entries.get(&id) {
                        self.problems.push(Problem {
                            path,
                            kind: ProblemKind::Duplicate(first.path.clone()),
                        });
                    } else {
                        self.entries.insert(id, entry);
                    }
                }
                Err(kind) => self.problems.push(Problem { path, kind }),
            }
        }
        Ok(())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn issues_dir(&self) -> PathBuf {
        self.root.join(ISSUES_DIR)
    }

    /// Entries in id order (oldest first).
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = (&IssueId, &Entry)> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: &IssueId) -> Option<&Issue> {
        self.entries.get(id).map(|e| &e.issue)
    }

    pub fn entry(&self, id: &IssueId) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// The newest issue by date (then by id), the usual template for the next one.
    pub fn latest(&self) -> Option<&Issue> {
        self.entries
            .iter()
            .max_by_key(|(id, e)| (e.issue.date, !id.supplement, **id))
            .map(|(_, e)| &e.issue)
    }

    /// Path where an issue with this id is stored.
    pub fn path_for(&self, id: &IssueId) -> PathBuf {
        self.issues_dir().join(format!("{id}.ron"))
    }

    /// Refuses to write a path that holds something we did not load as
    /// `owner` (a broken file, a newer-schema file, another issue).
    fn check_writable(&self, path: &Path, owner: Option<&IssueId>) -> Result<(), StoreError> {
        let ours = owner
            .and_then(|id| self.entries.get(id))
            .is_some_and(|e| e.path == path);
        if !ours && path.exists() {
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse().ok());
            return Err(match id {
                Some(id) => StoreError::Exists(id),
                None => StoreError::Io {
                    path: path.to_path_buf(),
                    source: io::Error::from(io::ErrorKind::AlreadyExists),
                },
            });
        }
        Ok(())
    }

    /// Adds a new issue; fails if its id is taken.
    pub fn insert(&mut self, issue: Issue) -> Result<IssueId, StoreError> {
        let id = issue.id();
        if self.entries.contains_key(&id) {
            return Err(StoreError::Exists(id));
        }
        let path = self.path_for(&id);
        self.check_writable(&path, None)?;
        let fingerprint = write_issue(&path, &issue)?;
        self.entries.insert(
            id,
            Entry {
                path,
                issue,
                fingerprint,
            },
        );
        Ok(id)
    }

    /// Saves `issue`, which was loaded as `id`. When its number, year or
    /// supplement flag changed, the file is renamed to the new id.
    pub fn save(&mut self, id: &IssueId, issue: Issue) -> Result<IssueId, StoreError> {
        let old = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let old_path = old.path.clone();
        let new_id = issue.id();
        if new_id != *id && self.entries.contains_key(&new_id) {
            return Err(StoreError::Exists(new_id));
        }
        let path = self.path_for(&new_id);
        self.check_writable(&path, Some(id))?;
        let fingerprint = write_issue(&path, &issue)?;
        if path != old_path {
            fs::remove_file(&old_path).map_err(io_err(&old_path))?;
            atomic::sync_dir(&self.issues_dir()).map_err(io_err(&old_path))?;
        }
        self.entries.remove(id);
        self.entries.insert(
            new_id,
            Entry {
                path,
                issue,
                fingerprint,
            },
        );
        Ok(new_id)
    }

    /// Creates the next issue (see [`next_issue`]) from `template` or the
    /// latest issue, and saves it.
    pub fn create_next(
        &mut self,
        template: Option<&IssueId>,
        date: NaiveDate,
        supplement: bool,
    ) -> Result<IssueId, StoreError> {
        let template = match template {
            Some(id) => Some(self.get(id).ok_or(StoreError::NotFound(*id))?),
            None => self.latest(),
        };
        let existing: Vec<(IssueId, Option<u32>)> = self
            .entries
            .iter()
            .map(|(id, e)| (*id, e.issue.total))
            .collect();
        let issue = next_issue(&NewIssueSpec {
            existing: &existing,
            template,
            settings: &self.settings,
            date,
            supplement,
        });
        self.insert(issue)
    }

    /// Moves an issue's file into `trash/`, where it can be recovered by hand
    /// or with [`Library::restore`].
    pub fn trash(&mut self, id: &IssueId) -> Result<PathBuf, StoreError> {
        let entry = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let trash = self.root.join(TRASH_DIR);
        atomic::create_private_dir(&trash).map_err(io_err(&trash))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mut target = trash.join(format!("{id}.{stamp}.ron"));
        let mut n = 1;
        while target.exists() {
            target = trash.join(format!("{id}.{stamp}-{n}.ron"));
            n += 1;
        }
        fs::rename(&entry.path, &target).map_err(io_err(&entry.path))?;
        atomic::sync_dir(&trash).map_err(io_err(&trash))?;
        atomic::sync_dir(&self.issues_dir()).map_err(io_err(&trash))?;
        self.entries.remove(id);
        Ok(target)
    }

    /// Brings a trashed file back into the library.
    pub fn restore(&mut self, trashed: &Path) -> Result<IssueId, StoreError> {
        let entry = load_issue(trashed).map_err(|kind| StoreError::Decode {
            path: trashed.to_path_buf(),
            message: Problem {
                path: trashed.to_path_buf(),
                kind,
            }
            .message(Lang::En),
        })?;
        let id = entry.issue.id();
        if self.entries.contains_key(&id) {
            return Err(StoreError::Exists(id));
        }
        let path = self.path_for(&id);
        self.check_writable(&path, None)?;
        fs::rename(trashed, &path).map_err(io_err(trashed))?;
        atomic::sync_dir(&self.issues_dir()).map_err(io_err(&path))?;
        let fingerprint = fs::metadata(&path).ok().map(|m| Fingerprint::of(&m));
        self.entries.insert(
            id,
            Entry {
                path,
                issue: entry.issue,
                fingerprint,
            },
        );
        Ok(id)
    }

    pub fn save_settings(&self) -> Result<(), StoreError> {
        let path = self.root.join(SETTINGS_FILE);
        if self.problems.iter().any(|p| p.path == path) {
            return Err(StoreError::Decode {
                path: path.clone(),
                message: "library.ron failed to load; fix it by hand first".into(),
            });
        }
        atomic::write(&path, codec::encode_settings(&self.settings).as_bytes())
            .map_err(io_err(&path))
    }
}

fn is_issue_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "ron")
        && p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.'))
        && p.is_file()
}

fn read_text(path: &Path) -> Result<String, ProblemKind> {
    let bytes = fs::read(path).map_err(|e| ProblemKind::Io(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| ProblemKind::NotUtf8)
}

fn load_issue(path: &Path) -> Result<Entry, ProblemKind> {
    let meta = fs::metadata(path).map_err(|e| ProblemKind::Io(e.to_string()))?;
    let text = read_text(path)?;
    let issue = codec::decode_issue(&text).map_err(ProblemKind::Decode)?;
    Ok(Entry {
        path: path.to_path_buf(),
        issue,
        fingerprint: Some(Fingerprint::of(&meta)),
    })
}

fn write_issue(path: &Path, issue: &Issue) -> Result<Option<Fingerprint>, StoreError> {
    if let Some(dir) = path.parent() {
        atomic::create_private_dir(dir).map_err(io_err(dir))?;
    }
    atomic::write(path, codec::encode_issue(issue).as_bytes()).map_err(io_err(path))?;
    Ok(fs::metadata(path).ok().map(|m| Fingerprint::of(&m)))
}

#[cfg(test)]
mod tests;
