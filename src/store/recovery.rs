//! Recovery files: the unsaved text of each issue being edited, written
//! every few seconds to `.state/recovery/ID.ron`, so a crash, a dropped SSH
//! connection or a killed terminal loses at most those seconds.
//!
//! A recovery file holds the whole issue as edited, when and by which
//! process it was written, and the hash of the saved file the editing
//! started from (to tell whether someone saved another version since).
//! It is written atomically (0600) and removed when the issue is saved or
//! the clerk discards it.

use super::fs::Fs;
use super::lock::{LockStatus, current_host, current_user};
use super::{ContentHash, Library, Problem, ProblemKind, STATE_DIR, StoreError, atomic, io_err};
use crate::model::{Issue, IssueId, Status};
use chrono::{DateTime, FixedOffset, Local};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const RECOVERY_DIR: &str = "recovery";
/// The format of recovery files this program writes.
const FORMAT: u32 = 1;

/// The saved file a recovery file was based on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BasedOn {
    len: u64,
    sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct RecoveryFile {
    format: u32,
    /// The id the issue was loaded as (its saved file's name).
    id: String,
    written: DateTime<FixedOffset>,
    pid: u32,
    user: String,
    host: String,
    based_on: Option<BasedOn>,
    issue: Issue,
}

/// How the saved issue relates to the recovered text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedState {
    /// The saved file is the one the editing started from.
    Unchanged,
    /// Someone saved another version since the editing started.
    ChangedSince,
    /// There is no saved issue any more (deleted, trashed or unreadable).
    Missing,
}

/// A recovery file with unsaved text, as offered to the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryInfo {
    /// The issue it belongs to (the id it was loaded as).
    pub id: IssueId,
    /// The recovery file.
    pub path: PathBuf,
    pub written: DateTime<FixedOffset>,
    pub pid: u32,
    pub user: String,
    pub host: String,
    pub saved: SavedState,
    /// Size of the recovered text, for the dialog.
    pub articles: usize,
    pub chars: usize,
}

impl RecoveryInfo {
    /// `written` in local time, minutes.
    pub fn written_local(&self) -> String {
        self.written
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }
}

/// A recovery write prepared on the UI thread ([`Recovery::prepare`]: a
/// snapshot of the issue), to be committed there or on a worker thread
/// (encoding and writing, the costly part).
#[derive(Debug)]
pub struct PendingWrite {
    fs: Arc<dyn Fs>,
    root: PathBuf,
    id: IssueId,
    path: PathBuf,
    file: RecoveryFile,
}

impl PendingWrite {
    pub fn id(&self) -> IssueId {
        self.id
    }

    /// Encodes and writes the file atomically. On error (a full disk, a
    /// read-only library) the previous recovery file, if any, is intact.
    pub fn commit(self) -> Result<PathBuf, StoreError> {
        let result = self.commit_inner();
        match &result {
            Ok(path) => {
                tracing::debug!(id = %self.id, path = %path.display(), "wrote recovery file")
            }
            Err(e) => tracing::error!(id = %self.id, "recovery write failed: {e}"),
        }
        result
    }

    fn commit_inner(&self) -> Result<PathBuf, StoreError> {
        // Pretty, one paragraph a line, like issue files: readable by hand
        // in an emergency.
        let mut text = ron::ser::to_string_pretty(&self.file, super::codec::pretty())
            .expect("RON serialisation of model");
        text.push('\n');
        let dir = ensure_state_dir(self.fs.as_ref(), &self.root, RECOVERY_DIR)?;
        let first = self.fs.metadata(&self.path).is_err();
        // A file here that this process did not write and that does not
        // read may be the only copy of someone's text: keep it.
        if !first && !written_by_us(&self.path) && read(self.fs.as_ref(), &self.path).is_err() {
            let to = set_aside(self.fs.as_ref(), &self.path)?;
            tracing::warn!(from = %self.path.display(), to = %to.display(), "set aside an unreadable recovery file before writing");
        }
        atomic::write_with(self.fs.as_ref(), &self.path, text.as_bytes())
            .map_err(io_err(&self.path))?;
        mark_written(&self.path);
        if first {
            tracing::info!(id = %self.id, dir = %dir.display(), "started recovery file");
        }
        Ok(self.path.clone())
    }
}

/// Creates `.state/sub` (0700), with `.state/.gitignore` (see
/// [`super::create_state_dir`]).
pub(crate) fn ensure_state_dir(fs: &dyn Fs, root: &Path, sub: &str) -> Result<PathBuf, StoreError> {
    super::create_state_dir(fs, root, sub).map_err(io_err(&root.join(STATE_DIR)))
}

/// The recovery operations (a namespace: the state is on disk).
pub struct Recovery;

impl Recovery {
    /// The recovery file of `id`.
    pub fn path(lib: &Library, id: &IssueId) -> PathBuf {
        lib.state_dir().join(RECOVERY_DIR).join(format!("{id}.ron"))
    }

    /// Snapshots `issue`, being edited after loading it as `id`, for a
    /// recovery write: a clone, cheap enough for the UI thread.
    pub fn prepare(lib: &Library, id: &IssueId, issue: &Issue) -> PendingWrite {
        let based_on = lib.entry(id).and_then(|e| e.fingerprint).map(|f| BasedOn {
            len: f.len,
            sha256: f.hash.to_string(),
        });
        let file = RecoveryFile {
            format: FORMAT,
            id: id.to_string(),
            written: Local::now().fixed_offset(),
            pid: std::process::id(),
            user: current_user(),
            host: current_host(),
            based_on,
            issue: issue.clone(),
        };
        PendingWrite {
            fs: lib.fs().clone(),
            root: lib.root().to_path_buf(),
            id: *id,
            path: Self::path(lib, id),
            file,
        }
    }

    /// [`Recovery::prepare`] and [`PendingWrite::commit`].
    pub fn write(lib: &Library, id: &IssueId, issue: &Issue) -> Result<PathBuf, StoreError> {
        Self::prepare(lib, id, issue).commit()
    }

    /// Recovery files holding text that is not in the saved issue, left by
    /// editors that are no longer running (a live editor's own file, whose
    /// issue it still has locked, is not listed), in id order. Files that
    /// cannot be read are logged and left alone.
    pub fn pending(lib: &Library) -> Result<Vec<RecoveryInfo>, StoreError> {
        let mut out = Vec::new();
        for path in Self::files(lib)? {
            if is_set_aside(&path) {
                continue;
            }
            let (id, file) = match read(lib.fs().as_ref(), &path) {
                Ok(x) => x,
                Err(e) => {
                    tracing::warn!("unreadable recovery file: {e}");
                    continue;
                }
            };
            if matches!(lib.lock_status(&id), Ok(LockStatus::Held(_))) {
                continue;
            }
            let saved = match lib.entry(&id) {
                None => SavedState::Missing,
                Some(_) if lib.issue(&id).is_ok_and(|saved| *saved == file.issue) => continue,
                Some(e) => {
                    let base = file
                        .based_on
                        .as_ref()
                        .and_then(|b| b.sha256.parse::<ContentHash>().ok());
                    match (base, e.fingerprint) {
                        (Some(base), Some(f)) if base == f.hash => SavedState::Unchanged,
                        _ => SavedState::ChangedSince,
                    }
                }
            };
            out.push(RecoveryInfo {
                id,
                path,
                written: file.written,
                pid: file.pid,
                user: file.user,
                host: file.host,
                saved,
                articles: file.issue.article_count(),
                chars: file.issue.char_count(),
            });
        }
        out.sort_by_key(|i| i.id);
        Ok(out)
    }

    /// The `*.ron` files of the recovery folder, in name order.
    fn files(lib: &Library) -> Result<Vec<PathBuf>, StoreError> {
        let dir = lib.state_dir().join(RECOVERY_DIR);
        let names = match lib.fs().read_dir(&dir) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_err(&dir)(e)),
        };
        let mut out: Vec<PathBuf> = names
            .into_iter()
            .filter(|path| {
                let hidden = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_none_or(|n| n.starts_with('.'));
                !hidden && path.extension().is_some_and(|e| e == "ron")
            })
            .collect();
        out.sort();
        Ok(out)
    }

    /// Recovery files that cannot be read (truncated, broken, from a newer
    /// jianbao, no permission), each with why: those still under their
    /// issue's name and those already set aside. They may hold the only
    /// copy of unsaved text: `jianbao check` reports them as problems.
    pub fn unreadable(lib: &Library) -> Result<Vec<Problem>, StoreError> {
        let mut out = Vec::new();
        for path in Self::files(lib)? {
            match read(lib.fs().as_ref(), &path) {
                Err(StoreError::Load(p)) => out.push(p),
                Err(e) => out.push(Problem {
                    path,
                    kind: ProblemKind::Io(e.to_string()),
                }),
                Ok(_) => {}
            }
        }
        Ok(out)
    }

    /// Moves every unreadable recovery file still under its issue's name
    /// to `ID.unreadable-YYYYMMDD-HHMMSS.ron` beside it, so no backup ever
    /// writes over it; returns each (as found, under its old name) with its
    /// new path. Call at start.
    pub fn set_aside_unreadable(lib: &Library) -> Result<Vec<(Problem, PathBuf)>, StoreError> {
        let mut out = Vec::new();
        for problem in Self::unreadable(lib)? {
            if is_set_aside(&problem.path) {
                continue;
            }
            let to = set_aside(lib.fs().as_ref(), &problem.path)?;
            out.push((problem, to));
        }
        Ok(out)
    }

    /// The recovered issue, for the editor to open as unsaved changes of
    /// `info.id` (which must be in the library: for [`SavedState::Missing`]
    /// use [`Recovery::keep_both`]). The file stays until the clerk saves
    /// (then call [`Recovery::discard`]).
    pub fn restore(lib: &Library, info: &RecoveryInfo) -> Result<Issue, StoreError> {
        let (_, file) = read(lib.fs().as_ref(), &info.path)?;
        tracing::info!(id = %info.id, "restoring from recovery file");
        Ok(file.issue)
    }

    /// Saves the recovered text as an issue of its own next to the saved
    /// one: under its own id if that is free (the saved issue is gone),
    /// otherwise the next free number of its year, as a draft without 总第N期,
    /// so nothing is overwritten and the clerk can compare, copy and trash.
    /// Then removes the recovery file. Returns the new issue's id.
    pub fn keep_both(lib: &mut Library, info: &RecoveryInfo) -> Result<IssueId, StoreError> {
        let (_, file) = read(lib.fs().as_ref(), &info.path)?;
        let recovered = file.issue;
        let own = recovered.id();
        // Created exclusively: a number another clerk takes meanwhile is
        // not overwritten, the next one is used.
        let new_id = lib
            .create_with(|lib| {
                let mut issue = recovered.clone();
                if lib.contains(&own) || lib.exists(&lib.path_for(&own))? {
                    let id = lib.next_free_id(issue.year(), issue.supplement)?;
                    issue.number = id.number;
                    issue.total = None;
                    issue.status = Status::Draft;
                }
                Ok(issue)
            })?
            .id;
        tracing::info!(id = %info.id, %new_id, "kept recovered text as a separate issue");
        Self::discard(lib, &info.id)?;
        Ok(new_id)
    }

    /// Removes the recovery file of `id` (after a save, or when the clerk
    /// chose the saved version). No file is not an error.
    pub fn discard(lib: &Library, id: &IssueId) -> Result<(), StoreError> {
        let path = Self::path(lib, id);
        match lib.fs().remove_file(&path) {
            Ok(()) => {
                tracing::info!(%id, "discarded recovery file");
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&path)(e)),
        }
    }
}

/// The mark in the name of a recovery file set aside as unreadable.
const SET_ASIDE: &str = ".unreadable-";

fn is_set_aside(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains(SET_ASIDE))
}

/// Moves the recovery file at `path` to `ID.unreadable-STAMP.ron` (never
/// over another file); returns the new path.
fn set_aside(fs: &dyn Fs, path: &Path) -> Result<PathBuf, StoreError> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    for n in 0..1000 {
        let name = match n {
            0 => format!("{stem}{SET_ASIDE}{stamp}.ron"),
            n => format!("{stem}{SET_ASIDE}{stamp}-{n}.ron"),
        };
        let to = path.with_file_name(name);
        match atomic::move_new_with(fs, path, &to) {
            Ok(()) => {
                tracing::warn!(from = %path.display(), to = %to.display(), "set aside an unreadable recovery file");
                return Ok(to);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_err(path)(e)),
        }
    }
    Err(io_err(path)(io::Error::from(io::ErrorKind::AlreadyExists)))
}

/// Recovery files this process wrote: writing over them is updating them.
static WRITTEN: std::sync::Mutex<BTreeSet<PathBuf>> = std::sync::Mutex::new(BTreeSet::new());

fn written_by_us(path: &Path) -> bool {
    WRITTEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .contains(path)
}

/// Makes this process forget which recovery files it wrote, as a new
/// process would (tests run in one process).
#[cfg(test)]
pub(crate) fn forget_written_for_tests() {
    WRITTEN.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

fn mark_written(path: &Path) {
    WRITTEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(path.to_path_buf());
}

fn read(fs: &dyn Fs, path: &Path) -> Result<(IssueId, RecoveryFile), StoreError> {
    let load = |kind| {
        StoreError::Load(Problem {
            path: path.to_path_buf(),
            kind,
        })
    };
    let bytes = fs.read(path).map_err(|e| load(ProblemKind::from_io(&e)))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| load(ProblemKind::not_utf8(e.as_bytes(), &e.utf8_error())))?;
    let file: RecoveryFile = ron::from_str(&text).map_err(|e| {
        load(ProblemKind::Decode(super::codec::DecodeError::Parse {
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        }))
    })?;
    if file.format > FORMAT {
        return Err(load(ProblemKind::Decode(
            super::codec::DecodeError::NewerSchema { found: file.format },
        )));
    }
    let id = file
        .id
        .parse()
        .map_err(|_| load(ProblemKind::Io(format!("bad issue id {:?}", file.id))))?;
    Ok((id, file))
}

/// A job for the [`RecoveryWriter`].
#[derive(Debug)]
enum Job {
    Write(Box<PendingWrite>),
    Discard {
        fs: Arc<dyn Fs>,
        id: IssueId,
        path: PathBuf,
    },
}

impl Job {
    fn id(&self) -> IssueId {
        match self {
            Job::Write(w) => w.id,
            Job::Discard { id, .. } => *id,
        }
    }

    fn run(self) -> Result<Option<PathBuf>, StoreError> {
        match self {
            Job::Write(w) => (*w).commit().map(Some),
            Job::Discard { fs, id, path } => match fs.remove_file(&path) {
                Ok(()) => {
                    tracing::info!(%id, "discarded recovery file");
                    Ok(None)
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(io_err(&path)(e)),
            },
        }
    }
}

/// The outcome of one job of the [`RecoveryWriter`]: the recovery file
/// written (`Some`) or discarded (`None`), or why not.
pub type WriteResult = (IssueId, Result<Option<PathBuf>, StoreError>);

/// Recovery writes on a worker thread, so a slow or stalled disk never
/// holds up typing. Jobs for one issue run in order; when the disk falls
/// behind, only the newest job per issue is run.
#[derive(Debug)]
pub struct RecoveryWriter {
    jobs: Option<std::sync::mpsc::Sender<Job>>,
    results: std::sync::mpsc::Receiver<WriteResult>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Default for RecoveryWriter {
    fn default() -> Self {
        Self::spawn()
    }
}

impl RecoveryWriter {
    pub fn spawn() -> Self {
        let (jobs, inbox) = std::sync::mpsc::channel::<Job>();
        let (outbox, results) = std::sync::mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("jianbao-recovery".into())
            .spawn(move || {
                while let Ok(first) = inbox.recv() {
                    // Keep the newest job per issue, in arrival order.
                    let mut batch = vec![first];
                    batch.extend(inbox.try_iter());
                    let mut latest: Vec<Job> = Vec::new();
                    for job in batch {
                        latest.retain(|j| j.id() != job.id());
                        latest.push(job);
                    }
                    for job in latest {
                        let id = job.id();
                        if outbox.send((id, job.run())).is_err() {
                            return;
                        }
                    }
                }
            })
            .expect("spawn recovery writer thread");
        RecoveryWriter {
            jobs: Some(jobs),
            results,
            worker: Some(worker),
        }
    }

    /// Queues a write (from [`Recovery::prepare`]); returns at once.
    pub fn submit(&self, write: PendingWrite) {
        self.send(Job::Write(Box::new(write)));
    }

    /// Queues the removal of `id`'s recovery file, after any queued write
    /// of it (call after a successful save).
    pub fn discard(&self, lib: &Library, id: &IssueId) {
        self.send(Job::Discard {
            fs: lib.fs().clone(),
            id: *id,
            path: Recovery::path(lib, id),
        });
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs
            && let Err(e) = jobs.send(job)
        {
            tracing::error!(id = %e.0.id(), "recovery writer has stopped; job dropped");
        }
    }

    /// Outcomes so far, without waiting (poll on each tick to show a
    /// failed backup in the status line).
    pub fn results(&self) -> Vec<WriteResult> {
        self.results.try_iter().collect()
    }

    /// Runs every queued job and stops the thread (on exit, or on SIGHUP
    /// after submitting a last snapshot). Returns the outcomes not yet
    /// collected.
    pub fn finish(mut self) -> Vec<WriteResult> {
        self.stop();
        self.results.try_iter().collect()
    }

    fn stop(&mut self) {
        drop(self.jobs.take());
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            tracing::error!("recovery writer thread panicked");
        }
    }
}

impl Drop for RecoveryWriter {
    fn drop(&mut self) {
        self.stop();
    }
}
