//! One editor per issue. Opening an issue for editing takes
//! `.state/locks/ID.lock`, a file naming user, host, process and time; a
//! second jianbao (another SSH session, another user) finds it and opens
//! the issue read-only.
//!
//! The file is created atomically (written under a temporary name, then
//! hard-linked into place, which fails if it exists) and held with an OS
//! advisory lock for as long as the [`IssueLock`] lives. A crashed process
//! holds no OS lock, so its file is stale and the next editor takes it over.
//! Where the file system has no advisory locks, a file left by a dead
//! process of this host is stale; one from another host is respected.

use super::fs::{Fs, RealFs};
use super::{Library, StoreError, io_err};
use crate::i18n::{Lang, Msg};
use crate::model::IssueId;
use chrono::{DateTime, FixedOffset, Local};
use fs4::{FileExt, TryLockError};
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub const LOCKS_DIR: &str = "locks";
pub const LOCK_SUFFIX: &str = ".lock";

/// Who holds (or held) a lock, for the message shown to the second editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockInfo {
    pub id: IssueId,
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: DateTime<FixedOffset>,
}

/// The lock file's content.
#[derive(Serialize, Deserialize)]
struct LockFile {
    id: String,
    user: String,
    host: String,
    pid: u32,
    since: DateTime<FixedOffset>,
}

impl LockInfo {
    /// This process, now.
    pub fn current(id: IssueId) -> Self {
        LockInfo {
            id,
            user: current_user(),
            host: current_host(),
            pid: std::process::id(),
            since: Local::now().fixed_offset(),
        }
    }

    /// "2023-025 is being edited by …": for the read-only notice.
    pub fn message(&self, lang: Lang) -> String {
        lang.fmt(
            Msg::Locked,
            &[
                &self.id,
                &self.user,
                &self.host,
                &self.pid,
                &self.since_local(),
            ],
        )
    }

    /// `since` in local time, minutes.
    pub fn since_local(&self) -> String {
        self.since
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// Whether the holder is a process of this host that has ended.
    pub fn holder_is_dead(&self) -> bool {
        self.host == current_host() && !process_alive(self.pid)
    }

    fn encode(&self) -> Vec<u8> {
        let file = LockFile {
            id: self.id.to_string(),
            user: self.user.clone(),
            host: self.host.clone(),
            pid: self.pid,
            since: self.since,
        };
        let mut s = ron::ser::to_string_pretty(&file, super::codec::pretty())
            .expect("RON serialisation of lock");
        s.push('\n');
        s.into_bytes()
    }

    /// The content of an existing lock file; what can be told from the file
    /// itself when it cannot be read or parsed (e.g. a creator that died
    /// before writing).
    fn read(file: &mut File, id: IssueId) -> Self {
        let mut text = String::new();
        let parsed = file
            .rewind()
            .and_then(|()| file.read_to_string(&mut text))
            .ok()
            .and_then(|_| ron::from_str::<LockFile>(&text).ok());
        match parsed {
            Some(f) => LockInfo {
                id,
                user: f.user,
                host: f.host,
                pid: f.pid,
                since: f.since,
            },
            None => Self::unknown(id, file.metadata().ok()),
        }
    }

    fn unknown(id: IssueId, meta: Option<fs::Metadata>) -> Self {
        let since = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .map(|t| DateTime::<Local>::from(t).fixed_offset())
            .unwrap_or_else(|| Local::now().fixed_offset());
        #[cfg(unix)]
        let user = {
            use std::os::unix::fs::MetadataExt;
            meta.map_or_else(|| "?".into(), |m| format!("uid {}", m.uid()))
        };
        #[cfg(not(unix))]
        let user = "?".to_string();
        LockInfo {
            id,
            user,
            host: "?".into(),
            pid: 0,
            since,
        }
    }
}

/// An issue held for editing; released (file removed, OS lock dropped)
/// when dropped.
#[derive(Debug)]
pub struct IssueLock {
    info: LockInfo,
    path: PathBuf,
    file: File,
    taken_over: Option<LockInfo>,
}

impl IssueLock {
    pub fn id(&self) -> IssueId {
        self.info.id
    }

    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stale lock this one replaced (a crashed editor): the TUI may say
    /// so, and should look for its recovery file.
    pub fn taken_over(&self) -> Option<&LockInfo> {
        self.taken_over.as_ref()
    }
}

impl Drop for IssueLock {
    fn drop(&mut self) {
        // Remove the file only while it is still ours (not taken over after
        // someone judged us stale); the OS lock goes with the handle.
        if same_file(&self.file, &self.path)
            && let Err(e) = fs::remove_file(&self.path)
        {
            tracing::warn!(path = %self.path.display(), "could not remove lock file: {e}");
        }
        tracing::info!(id = %self.info.id, "released lock");
    }
}

/// The state of one issue's lock, as `jianbao check` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockStatus {
    Free,
    /// A running editor holds it.
    Held(LockInfo),
    /// Left by an editor that ended without releasing it (a crash); taken
    /// over by the next editor.
    Stale(LockInfo),
}

impl Library {
    /// Where the lock of `id` lives.
    pub fn lock_path(&self, id: &IssueId) -> PathBuf {
        self.state_dir()
            .join(LOCKS_DIR)
            .join(format!("{id}{LOCK_SUFFIX}"))
    }

    /// Takes the edit lock of `id`, taking over a stale one. Fails with
    /// [`StoreError::Locked`] when another editor holds it, or an I/O error
    /// (e.g. a read-only library).
    pub fn lock(&self, id: &IssueId) -> Result<IssueLock, StoreError> {
        let result = self.lock_inner(id);
        match &result {
            Ok(lock) => match &lock.taken_over {
                Some(old) => tracing::warn!(
                    %id,
                    user = %old.user,
                    host = %old.host,
                    pid = old.pid,
                    since = %old.since,
                    "took over stale lock"
                ),
                None => tracing::info!(%id, "locked"),
            },
            Err(StoreError::Locked(other)) => tracing::info!(
                %id,
                user = %other.user,
                host = %other.host,
                pid = other.pid,
                "issue is locked by another editor"
            ),
            Err(e) => tracing::error!(%id, "could not lock: {e}"),
        }
        result
    }

    fn lock_inner(&self, id: &IssueId) -> Result<IssueLock, StoreError> {
        let dir = self.ensure_state_dir(LOCKS_DIR)?;
        let path = self.lock_path(id);
        let info = LockInfo::current(*id);
        let bytes = info.encode();
        let mut last = None;
        for attempt in 0..5 {
            if let Some(file) = create(&dir, &path, *id, &bytes).map_err(io_err(&path))? {
                return Ok(IssueLock {
                    info,
                    path,
                    file,
                    taken_over: None,
                });
            }
            match probe(&path, *id, true).map_err(io_err(&path))? {
                Probe::Gone => continue,
                Probe::Held(other) => {
                    // A dead holder with the OS lock held: someone is taking
                    // it over, or `jianbao check` is probing; look again.
                    if other.holder_is_dead() && attempt < 4 {
                        std::thread::sleep(Duration::from_millis(20));
                        last = Some(other);
                        continue;
                    }
                    return Err(StoreError::Locked(Box::new(other)));
                }
                Probe::Stale(mut file, old) => {
                    write_over(&mut file, &bytes).map_err(io_err(&path))?;
                    return Ok(IssueLock {
                        info,
                        path,
                        file,
                        taken_over: Some(old),
                    });
                }
            }
        }
        Err(match last {
            Some(other) => StoreError::Locked(Box::new(other)),
            None => io_err(&path)(io::Error::from(io::ErrorKind::WouldBlock)),
        })
    }

    /// Takes the edit lock of `id`, waiting up to two seconds for another
    /// command that holds it only a moment (an import, a change of status);
    /// an editor holding it is [`StoreError::Locked`].
    pub fn lock_briefly(&self, id: &IssueId) -> Result<IssueLock, StoreError> {
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        loop {
            match self.lock(id) {
                Err(StoreError::Locked(_)) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    /// The state of `id`'s lock, without taking it.
    pub fn lock_status(&self, id: &IssueId) -> Result<LockStatus, StoreError> {
        let path = self.lock_path(id);
        Ok(match probe(&path, *id, false).map_err(io_err(&path))? {
            Probe::Gone => LockStatus::Free,
            Probe::Held(info) => LockStatus::Held(info),
            Probe::Stale(_, info) => LockStatus::Stale(info),
        })
    }

    /// Every lock file in the library that is held or stale, in id order.
    pub fn locks(&self) -> Result<Vec<LockStatus>, StoreError> {
        let dir = self.state_dir().join(LOCKS_DIR);
        let names = match RealFs.read_dir(&dir) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_err(&dir)(e)),
        };
        let mut ids: Vec<IssueId> = names
            .iter()
            .filter_map(|p| p.file_name()?.to_str()?.strip_suffix(LOCK_SUFFIX))
            .filter_map(|s| s.parse().ok())
            .collect();
        ids.sort();
        let mut out = Vec::new();
        for id in ids {
            match self.lock_status(&id)? {
                LockStatus::Free => {}
                s => out.push(s),
            }
        }
        Ok(out)
    }
}

/// Creates the lock file with `bytes`, OS-locked; `None` if it exists.
fn create(dir: &Path, path: &Path, id: IssueId, bytes: &[u8]) -> io::Result<Option<File>> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{id}.{}-{n}.tmp", std::process::id()));
    let mut file = RealFs.create_new(&tmp)?;
    let prepared = lock_os(&file)
        .and_then(|()| file.write_all(bytes))
        .and_then(|()| file.sync_all());
    let linked = prepared.and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(Some(file)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(None),
        // No hard links here (some network or FAT file systems): create in
        // place. Should another editor lock the empty file first, our OS
        // lock fails and we report an error rather than both holding it.
        Err(_) => match RealFs.create_new(path) {
            Ok(mut file) => {
                lock_os(&file)?;
                write_over(&mut file, bytes)?;
                Ok(Some(file))
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(None),
            Err(e) => Err(e),
        },
    }
}

/// Takes the OS lock of a file nobody else can have opened yet. A file
/// system without advisory locks is not an error.
fn lock_os(file: &File) -> io::Result<()> {
    match FileExt::try_lock(file) {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => Err(io::Error::from(io::ErrorKind::WouldBlock)),
        Err(TryLockError::Error(e)) => {
            tracing::warn!("no advisory locks on this file system: {e}");
            Ok(())
        }
    }
}

fn write_over(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(bytes)?;
    file.sync_all()
}

enum Probe {
    Gone,
    Held(LockInfo),
    /// Stale: the file, OS-locked by us now, and who left it.
    Stale(File, LockInfo),
}

/// Looks at an existing lock file: who holds it and whether they still do.
/// `Stale` holds the OS lock; drop it to let go.
fn probe(path: &Path, id: IssueId, writable: bool) -> io::Result<Probe> {
    let mut file = match OpenOptions::new().read(true).write(writable).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Probe::Gone),
        // Another user's private lock file: held, as far as we can tell.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return Ok(Probe::Held(LockInfo::unknown(id, fs::metadata(path).ok())));
        }
        Err(e) => return Err(e),
    };
    match FileExt::try_lock(&file) {
        Ok(()) => {
            if !same_file(&file, path) {
                // Released (removed) while we opened it: look again.
                return Ok(Probe::Gone);
            }
            let info = LockInfo::read(&mut file, id);
            Ok(Probe::Stale(file, info))
        }
        Err(TryLockError::WouldBlock) => Ok(Probe::Held(LockInfo::read(&mut file, id))),
        Err(TryLockError::Error(e)) => {
            tracing::warn!(path = %path.display(), "no advisory locks on this file system: {e}");
            let info = LockInfo::read(&mut file, id);
            if info.pid != 0 && info.holder_is_dead() {
                Ok(Probe::Stale(file, info))
            } else {
                Ok(Probe::Held(info))
            }
        }
    }
}

/// Whether `path` still names the file we have open.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// The login name, for lock and recovery files.
pub fn current_user() -> String {
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return v;
        }
    }
    #[cfg(unix)]
    {
        // SAFETY: getuid has no preconditions and cannot fail.
        let uid = unsafe { libc::getuid() };
        passwd_name(uid).unwrap_or_else(|| format!("uid {uid}"))
    }
    #[cfg(not(unix))]
    {
        "?".into()
    }
}

/// The login name of `uid` from the password database (`su`, `sudo -i`,
/// cron and some SSH setups leave `USER` unset).
#[cfg(unix)]
pub(crate) fn passwd_name(uid: libc::uid_t) -> Option<String> {
    let mut buf = vec![0u8; 4096];
    // SAFETY: all-zero is a valid passwd (null pointers, zero ids).
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: the buffers are valid for their lengths; on success `result`
    // points at `pwd`, whose strings point into `buf`, alive below.
    let rc = unsafe {
        libc::getpwuid_r(
            uid,
            &mut pwd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: pw_name is a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty())
}

/// This machine's name, to tell another host's lock from ours.
pub fn current_host() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at
        // most that many bytes.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            return String::from_utf8_lossy(&buf[..end]).into_owned();
        }
        "localhost".into()
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").unwrap_or_else(|_| "localhost".into())
    }
}

/// Whether a process with this id runs on this host.
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 only checks that the process exists.
        if unsafe { libc::kill(pid, 0) } == 0 {
            return true;
        }
        io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}
