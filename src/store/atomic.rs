//! Atomic file replacement: a reader (or a crash) sees the old file or the
//! new one, never a torn mix.

use super::fs::{Fs, RealFs};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(unix)]
pub use super::fs::{DIR_MODE, FILE_MODE};

/// The suffix of temporary files; a leftover one (after a crash) is never
/// mistaken for an issue.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` atomically: temp file in the same directory
/// (0600), fsync, rename over the target, fsync the directory.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(&RealFs, path, bytes)
}

/// [`write`] through the given file system. On any error the target is
/// untouched and the temp file removed. Once the rename is done every
/// process sees the new file, so a failure of the final directory sync is
/// logged, not returned: the new text is in place and reporting failure
/// would make the caller believe it is not.
pub fn write_with(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(fs, path, bytes)?;
    if let Err(e) = fs.rename(&tmp, path) {
        remove_temp(fs, &tmp);
        return Err(e);
    }
    done_temp(&tmp);
    sync_dir_logged(fs, parent(path));
    Ok(())
}

/// The bytes in a synced temp file next to `path`, to be renamed or linked
/// into place; on failure nothing is left.
fn write_temp(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let (tmp, mut file) = create_temp(fs, path)?;
    let written = fs
        .write_all(&mut file, bytes)
        .and_then(|()| fs.sync_file(&file));
    drop(file);
    if let Err(e) = written {
        remove_temp(fs, &tmp);
        return Err(e);
    }
    Ok(tmp)
}

fn remove_temp(fs: &dyn Fs, tmp: &Path) {
    if let Err(cleanup) = fs.remove_file(tmp) {
        // Swept as stale at the next start (see `is_stale_temp`).
        tracing::error!(tmp = %tmp.display(), error = %cleanup, "could not remove temp file");
    }
    done_temp(tmp);
}

/// Once a rename or link is done every process sees the new file, so a
/// failure of the directory sync is logged, not returned: the new text is
/// in place and reporting failure would make the caller believe it is not.
fn sync_dir_logged(fs: &dyn Fs, dir: &Path) {
    if let Err(e) = fs.sync_dir(dir) {
        tracing::error!(dir = %dir.display(), "directory sync failed: {e}");
    }
}

/// Writes `bytes` to a new file at `path`, atomically and exclusively:
/// fails with `AlreadyExists` when anything is at `path`, even something
/// another process put there a moment ago (two clerks creating the same
/// issue number), instead of replacing it as [`write_with`] would.
///
/// The text goes to a synced temp file first, which is then hard-linked to
/// `path` (the link fails if the name is taken) and its temp name removed.
/// On a file system without hard links the file is created with `O_EXCL`
/// and written in place: still exclusive, only not atomic for readers.
pub fn create_new_with(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(fs, path, bytes)?;
    let linked = fs.hard_link(&tmp, path);
    remove_temp(fs, &tmp);
    match linked {
        Ok(()) => {}
        // vfat, some network shares: no hard links (EPERM or EOPNOTSUPP).
        Err(e) if no_hard_links(&e) => {
            tracing::warn!(path = %path.display(), "no hard links here ({e}); creating in place");
            create_in_place(fs, path, bytes)?;
        }
        Err(e) => return Err(e),
    }
    sync_dir_logged(fs, parent(path));
    Ok(())
}

/// How a file system without hard links refuses one.
fn no_hard_links(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
    )
}

/// Moves `from` to `to` without ever replacing a file at `to`: fails with
/// `AlreadyExists` if `to` is taken, even by a file created a moment ago.
/// A hard link then the removal of the old name; where the file system has
/// no hard links, a rename after checking `to` is free.
pub fn move_new_with(fs: &dyn Fs, from: &Path, to: &Path) -> io::Result<()> {
    match fs.hard_link(from, to) {
        Ok(()) => {
            if let Err(e) = fs.remove_file(from) {
                // Two names for one file: nothing is lost, say so.
                tracing::error!(from = %from.display(), to = %to.display(), "moved, but the old name stays: {e}");
            }
        }
        Err(e) if no_hard_links(&e) => {
            if fs.metadata(to).is_ok() {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            fs.rename(from, to)?;
        }
        Err(e) => return Err(e),
    }
    sync_dir_logged(fs, parent(from));
    sync_dir_logged(fs, parent(to));
    Ok(())
}

/// `O_EXCL` create and write; a partial file is removed on failure.
fn create_in_place(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs.create_new(path)?;
    let written = fs
        .write_all(&mut file, bytes)
        .and_then(|()| fs.sync_file(&file));
    drop(file);
    if let Err(e) = written {
        if let Err(cleanup) = fs.remove_file(path) {
            tracing::error!(path = %path.display(), error = %cleanup, "could not remove partial file");
        }
        return Err(e);
    }
    Ok(())
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Temp files this process is writing now: a temp file with our process id
/// that is not in here was left by a failure and may be swept.
static IN_FLIGHT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn in_flight(f: impl FnOnce(&mut HashSet<PathBuf>) -> bool) -> bool {
    let mut guard = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    f(guard.get_or_insert_with(HashSet::new))
}

/// The process that wrote `path`, if it is named like one of our temp
/// files (`.NAME.PID-N.tmp`).
pub fn temp_owner(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    let inner = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (_, tail) = inner.rsplit_once('.')?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether `path` is a temp file that no running write owns: its process
/// has ended (or is this one and no longer writing it) and, for another
/// process, it is older than `min_age` (a process on another machine
/// sharing the library is not visible here; no save takes that long).
pub fn is_stale_temp(fs: &dyn Fs, path: &Path, min_age: std::time::Duration) -> bool {
    let Some(pid) = temp_owner(path) else {
        return false;
    };
    if pid == std::process::id() {
        return !in_flight(|set| set.contains(path));
    }
    let old_enough = fs
        .metadata(path)
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= min_age);
    old_enough && !super::lock::process_alive(pid)
}

/// `.NAME.PID-N.tmp` next to `path`, created exclusively; in flight until
/// [`done_temp`].
fn create_temp(fs: &dyn Fs, path: &Path) -> io::Result<(PathBuf, std::fs::File)> {
    let made = create_temp_file(fs, path)?;
    in_flight(|set| set.insert(made.0.clone()));
    Ok(made)
}

/// The temp file is renamed, linked or removed (or left by a failure).
fn done_temp(tmp: &Path) {
    in_flight(|set| set.remove(tmp));
}

fn create_temp_file(fs: &dyn Fs, path: &Path) -> io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = parent(path);
    let pid = std::process::id();
    let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{pid}-{n}{TEMP_SUFFIX}"));
        match fs.create_new(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            // Left over by an earlier process with the same pid: try the next name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// Makes a rename or removal in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    RealFs.sync_dir(dir)
}

/// Creates `dir` (and parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    RealFs.create_dir_all(dir)
}
