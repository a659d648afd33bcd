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
pub mod fs;
pub mod lock;
pub mod log;
pub mod recovery;

use crate::i18n::{Lang, Msg};
use crate::model::{Issue, IssueId, NewIssueSpec, Settings, next_issue};
use chrono::NaiveDate;
use codec::DecodeError;
use fs::{Fs, RealFs};
use lock::LockInfo;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::SystemTime;

pub const SETTINGS_FILE: &str = "library.ron";
pub const ISSUES_DIR: &str = "issues";
pub const TRASH_DIR: &str = "trash";
/// Per-machine state of running editors: never part of the bulletin, kept
/// out of git by the `.gitignore` files the library writes.
pub const STATE_DIR: &str = ".state";
pub const GITIGNORE: &str = ".gitignore";

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

/// A file of the library that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Io(String),
    /// The file exists but we may not read it.
    PermissionDenied,
    NotUtf8,
    Decode(DecodeError),
    /// Two files hold the same issue; the second is not loaded.
    Duplicate(PathBuf),
}

impl ProblemKind {
    fn from_io(e: &io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::PermissionDenied => ProblemKind::PermissionDenied,
            _ => ProblemKind::Io(e.to_string()),
        }
    }
}

impl Problem {
    /// `path:line:col: message` for parse errors, `path: message` otherwise.
    pub fn message(&self, lang: Lang) -> String {
        let path = self.path.display();
        match &self.kind {
            ProblemKind::Io(e) => lang.fmt(Msg::StoreIo, &[&path, e]),
            ProblemKind::PermissionDenied => lang.fmt(Msg::StoreUnreadable, &[&path]),
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

/// An error of a library operation. Whatever the error, the files on disk
/// are as they were before the operation and the caller's text is untouched.
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
    /// A file that failed to load (see [`Problem`]).
    #[error("{}", .0.message(Lang::En))]
    Load(Problem),
    /// The issue's file changed (or was deleted) on disk since it was
    /// loaded; save with [`SaveMode::Overwrite`] or [`Library::reload`].
    #[error("{path}: changed on disk since it was loaded (deleted: {deleted})")]
    ChangedOnDisk {
        id: IssueId,
        path: PathBuf,
        deleted: bool,
    },
    /// Another jianbao is editing the issue.
    #[error("{} is being edited by {}@{} (pid {}) since {}", .0.id, .0.user, .0.host, .0.pid, .0.since)]
    Locked(Box<LockInfo>),
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Io { path, source } => io_message(lang, path, source),
            StoreError::Exists(id) => lang.fmt(Msg::IssueExists, &[id]),
            StoreError::NotFound(id) => lang.fmt(Msg::NoSuchIssue, &[id]),
            StoreError::NotALibrary(path) => lang.fmt(Msg::NotALibrary, &[&path.display()]),
            StoreError::Decode { .. } => self.to_string(),
            StoreError::Load(p) => p.message(lang),
            StoreError::ChangedOnDisk {
                id,
                path,
                deleted: false,
            } => lang.fmt(Msg::ChangedOnDisk, &[id, &path.display()]),
            StoreError::ChangedOnDisk {
                id,
                path,
                deleted: true,
            } => lang.fmt(Msg::DeletedOnDisk, &[id, &path.display()]),
            StoreError::Locked(info) => info.message(lang),
        }
    }

    /// The underlying I/O error kind, if any (e.g. to tell a full disk).
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            StoreError::Io { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}

/// A clear message for an I/O error on `path`: full disk, permission,
/// read-only file system, or the system's own text.
pub fn io_message(lang: Lang, path: &Path, e: &io::Error) -> String {
    let path = path.display();
    let msg = match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Msg::IoDiskFull,
        io::ErrorKind::PermissionDenied => Msg::IoPermissionDenied,
        io::ErrorKind::ReadOnlyFilesystem => Msg::IoReadOnly,
        io::ErrorKind::NotFound => Msg::IoNotFound,
        _ => return lang.fmt(Msg::StoreIo, &[&path, e]),
    };
    lang.fmt(msg, &[&path])
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// SHA-256 of a file's bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    pub fn of(bytes: &[u8]) -> Self {
        ContentHash(Sha256::digest(bytes).into())
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({self})")
    }
}

impl FromStr for ContentHash {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        if s.len() != 64 || !s.is_ascii() {
            return Err(());
        }
        let mut out = [0u8; 32];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| ())?;
        }
        Ok(ContentHash(out))
    }
}

/// What identifies the version of a file we loaded, to notice changes made
/// behind our back. The hash decides: a same-size edit within the same
/// second (coarse mtimes) is caught, a `touch` is not a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: ContentHash,
}

impl Fingerprint {
    fn new(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: ContentHash::of(bytes),
        }
    }
}

/// How a loaded issue's file differs on disk now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    Modified,
    Deleted,
}

/// Whether [`Library::save_with`] may write over a file changed on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SaveMode {
    /// Refuse with [`StoreError::ChangedOnDisk`].
    #[default]
    Safe,
    /// The clerk has seen the conflict and chose to keep their version.
    Overwrite,
}

/// One loaded issue and where it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub issue: Issue,
    pub fingerprint: Option<Fingerprint>,
}

/// A deleted issue in `trash/`.
#[derive(Debug, Clone)]
pub struct Trashed {
    pub path: PathBuf,
    /// When it was deleted (local time), from the file name.
    pub deleted: Option<chrono::NaiveDateTime>,
    /// Its content, or why it does not load.
    pub issue: Result<Issue, ProblemKind>,
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
}

impl Library {
    /// Opens the library at `root`. A missing or empty directory becomes a
    /// new library holding the sample issue.
    pub fn open(root: &Path) -> Result<Library, StoreError> {
        Self::open_with(root, Arc::new(RealFs))
    }

    /// [`Library::open`] with every file operation going through `fs`.
    pub fn open_with(root: &Path, fs: Arc<dyn Fs>) -> Result<Library, StoreError> {
        // `.state/` alone (a log opened before the library) is still empty.
        let is_new = match fs.read_dir(root) {
            Ok(names) => names
                .iter()
                .all(|p| p.file_name() == Some(STATE_DIR.as_ref())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => true,
            Err(e) => return Err(io_err(root)(e)),
        };
        let mut lib = Library {
            root: root.to_path_buf(),
            settings: Settings::default(),
            entries: BTreeMap::new(),
            problems: Vec::new(),
            fs,
        };
        if is_new {
            lib.create()?;
            tracing::info!(root = %root.display(), "created library");
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
        self.save_settings()?;
        self.insert(sample)?;
        Ok(())
    }

    /// Loads every `*.ron` in `issues/`, in name order.
    fn scan(&mut self) -> Result<(), StoreError> {
        self.refresh().map(|_| ())
    }

    /// Loads issue files that appeared since the library was opened (another
    /// jianbao, `jianbao new`, git); returns how many issues were added.
    /// Files already known, loaded or broken, are not read again.
    pub fn refresh(&mut self) -> Result<usize, StoreError> {
        let dir = self.issues_dir();
        let known = |p: &Path| {
            self.entries.values().any(|e| e.path == p) || self.problems.iter().any(|q| q.path == p)
        };
        let mut paths: Vec<PathBuf> = match self.fs.read_dir(&dir) {
            Ok(names) => names
                .into_iter()
                .filter(|p| is_issue_name(p) && !known(p))
                .filter(|p| self.fs.metadata(p).map_or(true, |m| !m.is_dir()))
                .collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io_err(&dir)(e)),
        };
        paths.sort();
        let before = self.entries.len();
        for path in paths {
            match load_issue(self.fs.as_ref(), &path) {
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
        Ok(self.entries.len() - before)
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

    /// Whether something is at `path`; an error other than "not found" is
    /// passed on rather than guessed at.
    fn exists(&self, path: &Path) -> Result<bool, StoreError> {
        match self.fs.metadata(path) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_err(path)(e)),
        }
    }

    /// Refuses to write a path that holds something we did not load as
    /// `owner` (a broken file, a newer-schema file, another issue).
    fn check_writable(&self, path: &Path, owner: Option<&IssueId>) -> Result<(), StoreError> {
        let ours = owner
            .and_then(|id| self.entries.get(id))
            .is_some_and(|e| e.path == path);
        if !ours && self.exists(path)? {
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
        let fingerprint = self.write_issue(&path, &issue)?;
        tracing::info!(%id, path = %path.display(), "created issue");
        self.entries.insert(
            id,
            Entry {
                path,
                issue,
                fingerprint: Some(fingerprint),
            },
        );
        Ok(id)
    }

    /// Saves `issue`, which was loaded as `id`, refusing to write over a
    /// file changed on disk since ([`StoreError::ChangedOnDisk`]). When its
    /// number, year or supplement flag changed, the file is renamed to the
    /// new id.
    pub fn save(&mut self, id: &IssueId, issue: Issue) -> Result<IssueId, StoreError> {
        self.save_with(id, issue, SaveMode::Safe)
    }

    /// [`Library::save`] that writes over changes made on disk: for when
    /// the clerk was told and chose their version.
    pub fn save_forced(&mut self, id: &IssueId, issue: Issue) -> Result<IssueId, StoreError> {
        self.save_with(id, issue, SaveMode::Overwrite)
    }

    pub fn save_with(
        &mut self,
        id: &IssueId,
        issue: Issue,
        mode: SaveMode,
    ) -> Result<IssueId, StoreError> {
        let result = self.save_inner(id, issue, mode);
        match &result {
            Ok(new_id) => tracing::info!(%id, %new_id, ?mode, "saved issue"),
            Err(e @ StoreError::ChangedOnDisk { .. }) => tracing::warn!(%id, "save refused: {e}"),
            Err(e) => tracing::error!(%id, "save failed: {e}"),
        }
        result
    }

    fn save_inner(
        &mut self,
        id: &IssueId,
        issue: Issue,
        mode: SaveMode,
    ) -> Result<IssueId, StoreError> {
        let old = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let old_path = old.path.clone();
        let new_id = issue.id();
        if new_id != *id && self.entries.contains_key(&new_id) {
            return Err(StoreError::Exists(new_id));
        }
        if mode == SaveMode::Safe
            && let Some(change) = self.disk_change(id)?
        {
            return Err(StoreError::ChangedOnDisk {
                id: *id,
                path: old_path,
                deleted: change == DiskChange::Deleted,
            });
        }
        let path = self.path_for(&new_id);
        self.check_writable(&path, Some(id))?;
        let fingerprint = self.write_issue(&path, &issue)?;
        self.entries.remove(id);
        self.entries.insert(
            new_id,
            Entry {
                path: path.clone(),
                issue,
                fingerprint: Some(fingerprint),
            },
        );
        if path != old_path {
            // The new file is safely written; a failure to remove the old one
            // leaves a second copy under the old number, never a loss.
            match self.fs.remove_file(&old_path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    tracing::error!(old = %old_path.display(), "renamed issue, old file not removed: {e}");
                }
                _ => self.sync_logged(&self.issues_dir()),
            }
        }
        Ok(new_id)
    }

    /// Whether the issue's file changed on disk since it was loaded or
    /// saved: `None` when it is as we left it.
    pub fn disk_change(&self, id: &IssueId) -> Result<Option<DiskChange>, StoreError> {
        let entry = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let path = &entry.path;
        let meta = match self.fs.metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Some(DiskChange::Deleted)),
            Err(e) => return Err(io_err(path)(e)),
        };
        let Some(known) = entry.fingerprint else {
            return Ok(Some(DiskChange::Modified));
        };
        if meta.len() != known.len {
            return Ok(Some(DiskChange::Modified));
        }
        let bytes = match self.fs.read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Some(DiskChange::Deleted)),
            Err(e) => return Err(io_err(path)(e)),
        };
        Ok((ContentHash::of(&bytes) != known.hash).then_some(DiskChange::Modified))
    }

    /// Replaces the loaded issue with the version on disk now (after
    /// [`StoreError::ChangedOnDisk`], when the clerk takes the other
    /// version). Returns its id, which differs if the other editor changed
    /// the number. On error nothing changes.
    pub fn reload(&mut self, id: &IssueId) -> Result<IssueId, StoreError> {
        let entry = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let path = entry.path.clone();
        let fresh = load_issue(self.fs.as_ref(), &path).map_err(|kind| {
            StoreError::Load(Problem {
                path: path.clone(),
                kind,
            })
        })?;
        let new_id = fresh.issue.id();
        if new_id != *id && self.entries.contains_key(&new_id) {
            return Err(StoreError::Exists(new_id));
        }
        self.entries.remove(id);
        self.entries.insert(new_id, fresh);
        self.problems.retain(|p| p.path != path);
        tracing::info!(%id, %new_id, path = %path.display(), "reloaded issue from disk");
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
        let issue = self.next_numbered(template, date, supplement)?;
        self.insert(issue)
    }

    /// A full copy of `source` (articles included) under the next number,
    /// dated `date`, as a draft.
    pub fn duplicate(&mut self, source: &IssueId, date: NaiveDate) -> Result<IssueId, StoreError> {
        let original = self
            .get(source)
            .cloned()
            .ok_or(StoreError::NotFound(*source))?;
        let numbered = self.next_numbered(Some(source), date, original.supplement)?;
        self.insert(Issue {
            number: numbered.number,
            total: numbered.total,
            date: numbered.date,
            status: numbered.status,
            ..original
        })
    }

    /// The next issue of `date`'s year from `template` (or the latest), not
    /// yet saved.
    fn next_numbered(
        &mut self,
        template: Option<&IssueId>,
        date: NaiveDate,
        supplement: bool,
    ) -> Result<Issue, StoreError> {
        // Number after what is on disk now, not only what was there at start.
        self.refresh()?;
        let template = match template {
            Some(id) => Some(self.get(id).ok_or(StoreError::NotFound(*id))?),
            None => self.latest(),
        };
        let existing: Vec<(IssueId, Option<u32>)> = self
            .entries
            .iter()
            .map(|(id, e)| (*id, e.issue.total))
            .collect();
        let mut issue = next_issue(&NewIssueSpec {
            existing: &existing,
            template,
            settings: &self.settings,
            date,
            supplement,
        });
        // A broken file keeps its name: take the next number instead.
        while self.exists(&self.path_for(&issue.id()))? {
            issue.number += 1;
        }
        Ok(issue)
    }

    /// The smallest number after every issue of `year` in the regular or
    /// supplement sequence whose file name is free (a broken file keeps its
    /// name).
    pub fn next_free_id(&self, year: i32, supplement: bool) -> IssueId {
        let mut number = self
            .entries
            .keys()
            .filter(|id| id.year == year && id.supplement == supplement)
            .map(|id| id.number)
            .max()
            .unwrap_or(0)
            + 1;
        while self
            .exists(&self.path_for(&IssueId::new(year, number, supplement)))
            .unwrap_or(true)
        {
            number += 1;
        }
        IssueId::new(year, number, supplement)
    }

    /// Moves an issue's file into `trash/`, where it can be recovered by hand
    /// or with [`Library::restore`].
    pub fn trash(&mut self, id: &IssueId) -> Result<PathBuf, StoreError> {
        let entry = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let trash = self.root.join(TRASH_DIR);
        self.fs.create_dir_all(&trash).map_err(io_err(&trash))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mut target = trash.join(format!("{id}.{stamp}.ron"));
        let mut n = 1;
        while self.exists(&target)? {
            target = trash.join(format!("{id}.{stamp}-{n}.ron"));
            n += 1;
        }
        self.fs
            .rename(&entry.path, &target)
            .map_err(io_err(&entry.path))?;
        // Moved: from here on, failures are logged, not returned (see
        // `atomic::write_with`).
        self.sync_logged(&trash);
        self.sync_logged(&self.issues_dir());
        tracing::info!(%id, to = %target.display(), "trashed issue");
        self.entries.remove(id);
        Ok(target)
    }

    /// The issues in `trash/`, most recently deleted first, each with the
    /// time it was deleted (from its file name) and its content if it loads.
    pub fn trashed(&self) -> Result<Vec<Trashed>, StoreError> {
        let dir = self.root.join(TRASH_DIR);
        let names = match self.fs.read_dir(&dir) {
            Ok(names) => names,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_err(&dir)(e)),
        };
        let mut out: Vec<Trashed> = names
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .map(|path| {
                let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                // "2023-025.20261128-113405" or "…-1" for a second deletion that second.
                let deleted = name.split_once('.').and_then(|(_, stamp)| {
                    chrono::NaiveDateTime::parse_from_str(
                        // A renamed file may hold anything after the dot.
                        stamp.get(..15).unwrap_or(stamp),
                        "%Y%m%d-%H%M%S",
                    )
                    .ok()
                });
                let issue = load_issue(self.fs.as_ref(), &path).map(|e| e.issue);
                Trashed {
                    path,
                    deleted,
                    issue,
                }
            })
            .collect();
        out.sort_by(|a, b| b.deleted.cmp(&a.deleted).then_with(|| b.path.cmp(&a.path)));
        Ok(out)
    }

    /// Brings a trashed file back into the library.
    pub fn restore(&mut self, trashed: &Path) -> Result<IssueId, StoreError> {
        let entry = load_issue(self.fs.as_ref(), trashed).map_err(|kind| {
            StoreError::Load(Problem {
                path: trashed.to_path_buf(),
                kind,
            })
        })?;
        let id = entry.issue.id();
        if self.entries.contains_key(&id) {
            return Err(StoreError::Exists(id));
        }
        let path = self.path_for(&id);
        self.check_writable(&path, None)?;
        self.fs.rename(trashed, &path).map_err(io_err(trashed))?;
        self.sync_logged(&self.issues_dir());
        tracing::info!(%id, from = %trashed.display(), "restored issue from trash");
        let modified = self.fs.metadata(&path).ok().and_then(|m| m.modified().ok());
        self.entries.insert(
            id,
            Entry {
                path,
                fingerprint: entry.fingerprint.map(|f| Fingerprint { modified, ..f }),
                issue: entry.issue,
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
        atomic::write_with(
            self.fs.as_ref(),
            &path,
            codec::encode_settings(&self.settings).as_bytes(),
        )
        .map_err(io_err(&path))
    }

    fn sync_logged(&self, dir: &Path) {
        if let Err(e) = self.fs.sync_dir(dir) {
            tracing::error!(dir = %dir.display(), "directory sync failed: {e}");
        }
    }

    fn write_issue(&self, path: &Path, issue: &Issue) -> Result<Fingerprint, StoreError> {
        if let Some(dir) = path.parent() {
            self.fs.create_dir_all(dir).map_err(io_err(dir))?;
        }
        let bytes = codec::encode_issue(issue).into_bytes();
        atomic::write_with(self.fs.as_ref(), path, &bytes).map_err(io_err(path))?;
        let modified = self.fs.metadata(path).ok().and_then(|m| m.modified().ok());
        Ok(Fingerprint::new(&bytes, modified))
    }
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
    let text = String::from_utf8(bytes).map_err(|_| ProblemKind::NotUtf8)?;
    Ok((text, fingerprint))
}

fn load_issue(fs: &dyn Fs, path: &Path) -> Result<Entry, ProblemKind> {
    let (text, fingerprint) = read_text(fs, path)?;
    let issue = codec::decode_issue(&text).map_err(ProblemKind::Decode)?;
    tracing::debug!(path = %path.display(), bytes = fingerprint.len, "loaded issue");
    Ok(Entry {
        path: path.to_path_buf(),
        issue,
        fingerprint: Some(fingerprint),
    })
}

#[cfg(test)]
mod tests;
