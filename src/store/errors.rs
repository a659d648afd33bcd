//! What can go wrong in the library: files that fail to load ([`Problem`])
//! and failed operations ([`StoreError`]), with messages in the clerk's
//! language.

use super::codec::DecodeError;
use super::lock::LockInfo;
use crate::i18n::{Lang, Msg};
use crate::model::{IssueId, MoveError, ReadOnly};
use std::io;
use std::path::{Path, PathBuf};

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
    /// Not UTF-8 from byte `offset` (0-based), on `line` (1-based).
    NotUtf8 {
        offset: usize,
        line: usize,
    },
    /// A folder where an issue file should be.
    Directory,
    /// The file name says one issue and the content another: it is loaded
    /// (under the content's id) and saved under its own name.
    NameMismatch {
        content: IssueId,
    },
    Decode(DecodeError),
    /// Two files hold the same issue; the second is not loaded.
    Duplicate(PathBuf),
}

impl ProblemKind {
    /// Where `bytes` stop being UTF-8.
    pub fn not_utf8(bytes: &[u8], e: &std::str::Utf8Error) -> Self {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        ProblemKind::NotUtf8 { offset, line }
    }

    pub(crate) fn from_io(e: &io::Error) -> Self {
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
            ProblemKind::NotUtf8 { offset, line } => {
                lang.fmt(Msg::StoreNotUtf8, &[&path, line, offset])
            }
            ProblemKind::Directory => lang.fmt(Msg::StoreDirectory, &[&path]),
            ProblemKind::NameMismatch { content } => {
                lang.fmt(Msg::StoreNameMismatch, &[&path, content])
            }
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
    /// Nothing (or only a library's half-made beginnings) at this path, and
    /// the command only reads.
    #[error("{0}: no jianbao library here")]
    NoLibrary(PathBuf),
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
    /// The issue's file is read-only (`chmod a-w`): saving needs
    /// [`SaveMode::Force`](super::SaveMode::Force), after asking the clerk.
    #[error("{path}: the file is read-only")]
    ReadOnlyFile { id: IssueId, path: PathBuf },
    /// Another jianbao is editing the issue.
    #[error("{} is being edited by {}@{} (pid {}) since {}", .0.id, .0.user, .0.host, .0.pid, .0.since)]
    Locked(Box<LockInfo>),
    /// The issue is signed or distributed: only a change of status may be
    /// saved until it is reopened (back to draft, with a reason).
    #[error("{id} is {:?} and cannot be changed", .why.status)]
    ReadOnlyIssue { id: IssueId, why: Box<ReadOnly> },
    /// A change of status the workflow does not allow.
    #[error("{id}: status change not allowed: {error:?}")]
    Move { id: IssueId, error: MoveError },
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Io { path, source } => io_message(lang, path, source),
            StoreError::Exists(id) => lang.fmt(Msg::IssueExists, &[id]),
            StoreError::NotFound(id) => lang.fmt(Msg::NoSuchIssue, &[id]),
            StoreError::NotALibrary(path) => lang.fmt(Msg::NotALibrary, &[&path.display()]),
            StoreError::NoLibrary(path) => lang.fmt(Msg::NoLibrary, &[&path.display()]),
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
            StoreError::ReadOnlyFile { id, path } => {
                lang.fmt(Msg::ReadOnlyFile, &[id, &path.display()])
            }
            StoreError::Locked(info) => info.message(lang),
            StoreError::ReadOnlyIssue { id, why } => {
                super::workflow::read_only_message(lang, id, why)
            }
            StoreError::Move { id, error } => super::workflow::move_message(lang, id, *error),
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

pub(crate) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}
