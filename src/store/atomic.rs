//! Atomic file replacement: a reader (or a crash) sees the old file or the
//! new one, never a torn mix.

use super::fs::{Fs, RealFs};
use std::io;
use std::path::{Path, PathBuf};
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
    let dir = parent(path);
    let (tmp, mut file) = create_temp(fs, path)?;
    let written = fs
        .write_all(&mut file, bytes)
        .and_then(|()| fs.sync_file(&file));
    drop(file);
    if let Err(e) = written.and_then(|()| fs.rename(&tmp, path)) {
        if let Err(cleanup) = fs.remove_file(&tmp) {
            tracing::error!(tmp = %tmp.display(), error = %cleanup, "could not remove temp file");
        }
        return Err(e);
    }
    if let Err(e) = fs.sync_dir(dir) {
        tracing::error!(dir = %dir.display(), "directory sync after rename failed: {e}");
    }
    Ok(())
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.NAME.PID-N.tmp` next to `path`, created exclusively.
fn create_temp(fs: &dyn Fs, path: &Path) -> io::Result<(PathBuf, std::fs::File)> {
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
