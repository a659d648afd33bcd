//! The inbox on disk: `inbox/` holds the files units sent in, each with its
//! record beside it (`NAME.ron` for the file `NAME`); decided submissions
//! (adopted or declined) move with their record to `inbox/decided/`, never
//! deleted.
//!
//! Another jianbao, or a `git pull`, may change the folder at any time, so
//! every change reads the record again under the inbox lock
//! (`.state/locks/inbox.lock`) and refuses when it differs from what the
//! caller saw ([`InboxError::Changed`]): nobody's decision is overwritten
//! silently. Records are created exclusively, so a file dropped by hand
//! that two processes find at once gets one record.

use super::codec;
use super::fs::Fs;
use super::lock::LOCKS_DIR;
use super::{ContentHash, Library, ProblemKind, StoreError, atomic, io_err};
use crate::i18n::{Lang, Msg};
use crate::model::inbox::{DecideError, SubState, Submission};
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

pub const INBOX_DIR: &str = "inbox";
pub const DECIDED_DIR: &str = "decided";
const RECORD_EXT: &str = "ron";
const LOCK_FILE: &str = "inbox.lock";

/// One submission as read: its record, where the record is, and the
/// record's bytes as seen (a change checks them again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub record: Submission,
    /// The record's path (`inbox/NAME.ron` or `inbox/decided/NAME.ron`).
    pub path: PathBuf,
    /// In `inbox/decided/`.
    pub decided: bool,
    /// The submitted file is not beside the record.
    pub missing: bool,
    hash: ContentHash,
}

impl Entry {
    /// The submitted file.
    pub fn file_path(&self) -> PathBuf {
        self.path.with_file_name(&self.record.file)
    }
}

/// Something in the inbox that is not a usable submission; nothing of it
/// is changed or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxProblem {
    pub path: PathBuf,
    pub kind: InboxProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboxProblemKind {
    /// A record that cannot be read or parsed.
    Record(ProblemKind),
    /// A record whose file is gone.
    NoFile,
    /// A folder in `inbox/` (other than `decided/`).
    Folder,
    /// A file in `inbox/decided/` without its record.
    Unrecorded,
    /// Two records with one 收文号 (two offices numbered at once): the
    /// other record's path.
    SameNumber(PathBuf),
    /// A file that could not be read as a submission (said by the layer
    /// that reads it).
    Unreadable(String),
}

impl InboxProblem {
    pub fn message(&self, lang: Lang) -> String {
        let path = self.path.display();
        match &self.kind {
            InboxProblemKind::Record(kind) => super::Problem {
                path: self.path.clone(),
                kind: kind.clone(),
            }
            .message(lang),
            InboxProblemKind::NoFile => lang.fmt(Msg::InboxNoFile, &[&path]),
            InboxProblemKind::Folder => lang.fmt(Msg::InboxFolder, &[&path]),
            InboxProblemKind::Unrecorded => lang.fmt(Msg::InboxUnrecorded, &[&path]),
            InboxProblemKind::SameNumber(other) => {
                lang.fmt(Msg::InboxSameNumber, &[&path, &other.display()])
            }
            InboxProblemKind::Unreadable(why) => lang.fmt(Msg::InboxUnreadable, &[&path, why]),
        }
    }
}

/// What is in the inbox now.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Every submission, oldest first (by time received, then 收文号).
    pub entries: Vec<Entry>,
    /// Files in `inbox/` without a record (dropped by hand), by name.
    pub dropped: Vec<PathBuf>,
    pub problems: Vec<InboxProblem>,
}

impl Listing {
    /// The next free 收文号.
    pub fn next_id(&self) -> u32 {
        self.entries.iter().map(|e| e.record.id).max().unwrap_or(0) + 1
    }
}

/// Why a change to the inbox was not made. Nothing on disk changed.
#[derive(Debug)]
pub enum InboxError {
    Store(StoreError),
    /// The record changed on disk since it was read (another jianbao, a
    /// sync): it is now as given, or gone (`None`).
    Changed {
        file: String,
        now: Option<Box<Submission>>,
    },
    /// The file has a record already (made a moment ago by another jianbao).
    Recorded(String),
    /// The decision is not allowed.
    Decide(DecideError),
}

impl From<StoreError> for InboxError {
    fn from(e: StoreError) -> Self {
        InboxError::Store(e)
    }
}

impl InboxError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            InboxError::Store(e) => e.message(lang),
            InboxError::Changed { file, now: None } => lang.fmt(Msg::InboxGone, &[file]),
            InboxError::Changed { file, now: Some(s) } => {
                let by = s.last().map(|d| d.who()).unwrap_or_default();
                lang.fmt(Msg::InboxChanged, &[file, &sub_state(lang, s.state), &by])
            }
            InboxError::Recorded(file) => lang.fmt(Msg::InboxRecorded, &[file]),
            InboxError::Decide(e) => decide_message(lang, *e),
        }
    }
}

/// 新, 已采用, 退回修改, 不采用.
pub fn sub_state(lang: Lang, s: SubState) -> &'static str {
    lang.t(match s {
        SubState::New => Msg::SubNew,
        SubState::Adopted => Msg::SubAdopted,
        SubState::Returned => Msg::SubReturned,
        SubState::Declined => Msg::SubDeclined,
    })
}

pub fn decide_message(lang: Lang, e: DecideError) -> String {
    match e {
        DecideError::Final(s) => lang.fmt(Msg::InboxFinal, &[&sub_state(lang, s)]),
        DecideError::NeedsNote(SubState::Declined) => lang.t(Msg::InboxNeedsReason).to_string(),
        DecideError::NeedsNote(_) => lang.t(Msg::InboxNeedsNote).to_string(),
        DecideError::NeedsIssue => lang.t(Msg::InboxNeedsIssue).to_string(),
        DecideError::ToNew => lang.t(Msg::InboxToNew).to_string(),
    }
}

/// Held while the inbox changes: one change at a time among the jianbao
/// processes sharing the library (an OS lock, released when dropped).
struct InboxLock(#[allow(dead_code)] std::fs::File);

impl Library {
    pub fn inbox_dir(&self) -> PathBuf {
        self.root().join(INBOX_DIR)
    }

    pub fn decided_dir(&self) -> PathBuf {
        self.inbox_dir().join(DECIDED_DIR)
    }

    fn lock_inbox(&self) -> Result<InboxLock, StoreError> {
        let dir = self.ensure_state_dir(LOCKS_DIR)?;
        let path = dir.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_err(&path))?;
        // A file system without advisory locks still has the re-read check.
        if let Err(e) = fs4::FileExt::lock(&file) {
            tracing::warn!(path = %path.display(), "inbox not locked: {e}");
        }
        Ok(InboxLock(file))
    }

    /// Reads the inbox: records, files dropped without one, problems. A
    /// move to `decided/` that was cut short (a crash between its steps) is
    /// finished here. An inbox that does not exist is empty.
    pub fn read_inbox(&self) -> Result<Listing, StoreError> {
        let mut listing = Listing::default();
        let inbox = self.inbox_dir();
        let (records, files) = self.scan_dir(&inbox, &mut listing)?;
        // A file with a record beside it, even a broken one, is not dropped.
        let recorded: HashSet<String> = records
            .iter()
            .filter_map(|(p, _)| name_of(&p.with_extension("")))
            .collect();
        let mut unfinished = Vec::new();
        for (path, read) in records {
            match read {
                Ok((record, hash)) if record.state.is_final() => {
                    unfinished.push((path, record, hash));
                }
                Ok((record, hash)) => push_entry(&mut listing, path, record, hash, false),
                Err(kind) => listing.problems.push(InboxProblem {
                    path,
                    kind: InboxProblemKind::Record(kind),
                }),
            }
        }
        for (path, record, hash) in unfinished {
            let seen = Entry {
                missing: false,
                record,
                path,
                decided: false,
                hash,
            };
            match self.finish_move(&seen) {
                // Read with the rest of decided/ below.
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(path = %seen.path.display(), "could not finish moving a decided submission: {}", e.message(Lang::En));
                    listing.entries.push(seen);
                }
            }
        }
        listing.dropped = files
            .into_iter()
            .filter(|p| name_of(p).is_some_and(|n| !recorded.contains(&n)))
            .collect();
        let decided = self.decided_dir();
        let (records, files) = self.scan_dir(&decided, &mut listing)?;
        for (path, read) in records {
            match read {
                Ok((record, hash)) => push_entry(&mut listing, path, record, hash, true),
                Err(kind) => listing.problems.push(InboxProblem {
                    path,
                    kind: InboxProblemKind::Record(kind),
                }),
            }
        }
        let recorded: HashSet<String> = listing
            .entries
            .iter()
            .filter(|e| e.decided)
            .map(|e| e.record.file.clone())
            .collect();
        for f in files {
            if name_of(&f).is_some_and(|n| !recorded.contains(&n)) {
                listing.problems.push(InboxProblem {
                    path: f,
                    kind: InboxProblemKind::Unrecorded,
                });
            }
        }
        for e in &mut listing.entries {
            e.missing = self.fs().metadata(&e.file_path()).is_err();
            if e.missing {
                listing.problems.push(InboxProblem {
                    path: e.path.clone(),
                    kind: InboxProblemKind::NoFile,
                });
            }
        }
        let mut first: HashMap<u32, PathBuf> = HashMap::new();
        for e in &listing.entries {
            if let Some(other) = first.get(&e.record.id) {
                listing.problems.push(InboxProblem {
                    path: e.path.clone(),
                    kind: InboxProblemKind::SameNumber(other.clone()),
                });
            } else {
                first.insert(e.record.id, e.path.clone());
            }
        }
        listing.entries.sort_by(|a, b| {
            (a.record.received, a.record.id).cmp(&(b.record.received, b.record.id))
        });
        listing.dropped.sort();
        Ok(listing)
    }

    /// The records (read) and the other files of `dir`; folders other than
    /// `decided/` are problems. Hidden and temporary files are passed over.
    #[allow(clippy::type_complexity)]
    fn scan_dir(
        &self,
        dir: &Path,
        listing: &mut Listing,
    ) -> Result<
        (
            Vec<(PathBuf, Result<(Submission, ContentHash), ProblemKind>)>,
            Vec<PathBuf>,
        ),
        StoreError,
    > {
        let names = match self.fs().read_dir(dir) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
            Err(e) => return Err(io_err(dir)(e)),
        };
        let mut records = Vec::new();
        let mut files = Vec::new();
        for path in names {
            let Some(name) = name_of(&path) else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            if self.fs().metadata(&path).is_ok_and(|m| m.is_dir()) {
                if !(name == DECIDED_DIR && dir == self.inbox_dir()) {
                    listing.problems.push(InboxProblem {
                        path,
                        kind: InboxProblemKind::Folder,
                    });
                }
                continue;
            }
            if is_record(&path) {
                let read = read_record(self.fs().as_ref(), &path);
                records.push((path, read));
            } else {
                files.push(path);
            }
        }
        records.sort_by(|a, b| a.0.cmp(&b.0));
        files.sort();
        Ok((records, files))
    }

    /// Adds a submission: with `bytes`, a copy of a file under `name` (or,
    /// when that is taken, `name (2)` …); without, a record for the file
    /// `name` already in `inbox/`. `make` fills the record given its 收文号
    /// and the file's name. The record is created exclusively:
    /// [`InboxError::Recorded`] if the file got one meanwhile.
    pub fn add_submission(
        &self,
        name: &str,
        bytes: Option<&[u8]>,
        make: impl FnOnce(u32, &str) -> Submission,
    ) -> Result<Entry, InboxError> {
        let _lock = self.lock_inbox()?;
        let inbox = self.inbox_dir();
        self.fs().create_dir_all(&inbox).map_err(io_err(&inbox))?;
        let listing = self.read_inbox()?;
        let mut written = None;
        let file = match bytes {
            Some(bytes) => {
                let file = self.write_new_file(&inbox, name, bytes)?;
                written = Some(inbox.join(&file));
                file
            }
            None => name.to_string(),
        };
        let record = make(listing.next_id(), &file);
        let path = inbox.join(record_name(&file));
        let text = codec::encode_submission(&record);
        match atomic::create_new_with(self.fs().as_ref(), &path, text.as_bytes()) {
            Ok(()) => {}
            Err(e) => {
                if let Some(w) = written {
                    let _ = self.fs().remove_file(&w);
                }
                return Err(if e.kind() == io::ErrorKind::AlreadyExists {
                    InboxError::Recorded(file)
                } else {
                    InboxError::Store(io_err(&path)(e))
                });
            }
        }
        tracing::info!(id = record.id, file = %file, "inbox: submission recorded");
        Ok(Entry {
            hash: ContentHash::of(text.as_bytes()),
            record,
            path,
            decided: false,
            missing: false,
        })
    }

    /// Writes `bytes` as a new file in `dir` (the inbox or `decided/`)
    /// under `name`, or the first of `name (2)`, `name (3)` … that is free
    /// in both.
    pub(crate) fn write_new_file(
        &self,
        dir: &Path,
        name: &str,
        bytes: &[u8],
    ) -> Result<String, StoreError> {
        let (inbox, decided) = (self.inbox_dir(), self.decided_dir());
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
            _ => (name, String::new()),
        };
        for n in 1..1000 {
            let candidate = if n == 1 {
                name.to_string()
            } else {
                format!("{stem} ({n}){ext}")
            };
            let taken = |d: &Path| {
                self.fs().metadata(&d.join(&candidate)).is_ok()
                    || self.fs().metadata(&d.join(record_name(&candidate))).is_ok()
            };
            if taken(dir) || taken(&inbox) || taken(&decided) {
                continue;
            }
            let path = dir.join(&candidate);
            match atomic::create_new_with(self.fs().as_ref(), &path, bytes) {
                Ok(()) => return Ok(candidate),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io_err(&path)(e)),
            }
        }
        let path = dir.join(name);
        Err(io_err(&path)(io::Error::from(io::ErrorKind::AlreadyExists)))
    }

    /// Whether the record of `seen` is still as it was read:
    /// [`InboxError::Changed`] (with how it is now) when another jianbao or
    /// a sync changed or moved it.
    pub fn check_submission(&self, seen: &Entry) -> Result<(), InboxError> {
        let changed = |now: Option<Submission>| InboxError::Changed {
            file: seen.record.file.clone(),
            now: now.map(Box::new),
        };
        let current = match self.fs().read(&seen.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // Moved on by another: say where it stands now.
                let now = self.read_inbox().ok().and_then(|l| {
                    l.entries
                        .into_iter()
                        .find(|e| {
                            e.record.id == seen.record.id
                                && e.record.received == seen.record.received
                        })
                        .map(|e| e.record)
                });
                return Err(changed(now));
            }
            Err(e) => return Err(InboxError::Store(io_err(&seen.path)(e))),
        };
        if ContentHash::of(&current) != seen.hash {
            let now = String::from_utf8(current)
                .ok()
                .and_then(|t| codec::decode_submission(&t).ok());
            return Err(changed(now));
        }
        Ok(())
    }

    /// Changes the submission `seen` as `change` says, after reading its
    /// record again: [`InboxError::Changed`] when it is not as seen. A
    /// submission adopted or declined moves with its record to
    /// `inbox/decided/`.
    pub fn update_submission(
        &self,
        seen: &Entry,
        change: impl FnOnce(&mut Submission) -> Result<(), DecideError>,
    ) -> Result<Entry, InboxError> {
        let _lock = self.lock_inbox()?;
        self.check_submission(seen)?;
        let mut record = seen.record.clone();
        change(&mut record).map_err(InboxError::Decide)?;
        let text = codec::encode_submission(&record);
        atomic::write_with(self.fs().as_ref(), &seen.path, text.as_bytes())
            .map_err(io_err(&seen.path))?;
        let entry = Entry {
            record,
            path: seen.path.clone(),
            decided: seen.decided,
            missing: seen.missing,
            hash: ContentHash::of(text.as_bytes()),
        };
        if entry.record.state.is_final() && !entry.decided {
            return self.finish_move(&entry).map_err(InboxError::Store);
        }
        Ok(entry)
    }

    /// Moves a decided submission (its record already says so) to
    /// `decided/`: the file first, then the record, so that a crash between
    /// leaves the record in `inbox/` to finish the move at the next read.
    fn finish_move(&self, entry: &Entry) -> Result<Entry, StoreError> {
        let decided = self.decided_dir();
        self.fs()
            .create_dir_all(&decided)
            .map_err(io_err(&decided))?;
        let file = &entry.record.file;
        let source = entry.file_path();
        let candidates = [file.clone(), format!("{}-{file}", entry.record.id)];
        let has_record = |n: &str| self.fs().metadata(&decided.join(record_name(n))).is_ok();
        let exists = |n: &str| self.fs().metadata(&decided.join(n)).is_ok();
        let target = if self.fs().metadata(&source).is_ok() {
            let free = candidates
                .iter()
                .find(|n| !exists(n) && !has_record(n))
                .cloned()
                .unwrap_or_else(|| format!("{}-{}-{file}", entry.record.id, std::process::id()));
            atomic::move_new_with(self.fs().as_ref(), &source, &decided.join(&free))
                .map_err(io_err(&source))?;
            free
        } else {
            // Moved before a crash: the one without a record; or gone.
            candidates
                .iter()
                .find(|n| exists(n) && !has_record(n))
                .cloned()
                .unwrap_or_else(|| file.clone())
        };
        let mut record = entry.record.clone();
        record.file = target.clone();
        let text = codec::encode_submission(&record);
        let path = decided.join(record_name(&target));
        atomic::create_new_with(self.fs().as_ref(), &path, text.as_bytes())
            .map_err(io_err(&path))?;
        self.fs()
            .remove_file(&entry.path)
            .map_err(io_err(&entry.path))?;
        tracing::info!(id = record.id, file = %target, state = ?record.state, "inbox: moved to decided");
        Ok(Entry {
            missing: self.fs().metadata(&decided.join(&target)).is_err(),
            record,
            path,
            decided: true,
            hash: ContentHash::of(text.as_bytes()),
        })
    }

    /// The bytes of the submitted file.
    pub fn submission_bytes(&self, entry: &Entry) -> Result<Vec<u8>, StoreError> {
        let path = entry.file_path();
        self.fs().read(&path).map_err(io_err(&path))
    }
}

fn push_entry(
    listing: &mut Listing,
    path: PathBuf,
    record: Submission,
    hash: ContentHash,
    decided: bool,
) {
    listing.entries.push(Entry {
        record,
        path,
        decided,
        missing: false,
        hash,
    });
}

/// `NAME.ron`, the record of the file `NAME`.
pub fn record_name(file: &str) -> String {
    format!("{file}.{RECORD_EXT}")
}

fn is_record(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == RECORD_EXT)
}

fn name_of(path: &Path) -> Option<String> {
    path.file_name()?.to_str().map(str::to_string)
}

fn read_record(fs: &dyn Fs, path: &Path) -> Result<(Submission, ContentHash), ProblemKind> {
    let bytes = fs.read(path).map_err(|e| ProblemKind::from_io(&e))?;
    let hash = ContentHash::of(&bytes);
    let text = String::from_utf8(bytes)
        .map_err(|e| ProblemKind::not_utf8(e.as_bytes(), &e.utf8_error()))?;
    let record = codec::decode_submission(&text).map_err(ProblemKind::Decode)?;
    Ok((record, hash))
}

#[cfg(test)]
mod tests;
