//! The file operations of the store, behind a trait so tests can make any
//! one of them fail (disk full, permission denied, I/O error) and check that
//! nothing is lost.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Permissions for files holding the clerk's text on shared servers.
#[cfg(unix)]
pub const FILE_MODE: u32 = 0o600;
/// Permissions for the library's directories.
#[cfg(unix)]
pub const DIR_MODE: u32 = 0o700;

/// Every file operation the store performs on issues, settings and
/// recovery files. Lock files use the real file system directly, because
/// they need OS advisory locks.
pub trait Fs: fmt::Debug + Send + Sync {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    fn metadata(&self, path: &Path) -> io::Result<fs::Metadata>;
    /// The entries of `dir`, in no particular order.
    fn read_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
    /// Creates `dir` and its missing parents, owner-only (0700).
    fn create_dir_all(&self, dir: &Path) -> io::Result<()>;
    /// Creates a file that must not exist yet, owner-only (0600).
    fn create_new(&self, path: &Path) -> io::Result<File>;
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    fn sync_file(&self, file: &File) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Makes `to` a second name of `from`; fails with `AlreadyExists` if
    /// anything is at `to`, atomically (unlike a rename, which replaces).
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// Makes a rename or removal in `dir` durable.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
}

/// The operating system's file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl Fs for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        fs::read(path)
    }

    fn metadata(&self, path: &Path) -> io::Result<fs::Metadata> {
        fs::metadata(path)
    }

    fn read_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect()
    }

    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            fs::DirBuilder::new()
                .recursive(true)
                .mode(DIR_MODE)
                .create(dir)
        }
        #[cfg(not(unix))]
        {
            fs::create_dir_all(dir)
        }
    }

    fn create_new(&self, path: &Path) -> io::Result<File> {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(FILE_MODE);
        }
        options.open(path)
    }

    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::hard_link(from, to)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(())
        }
    }
}

/// A file system that fails one chosen operation, for tests of every
/// failure path.
#[cfg(test)]
pub mod faulty {
    use super::*;
    use std::sync::Mutex;

    /// The operations, as counted by [`FaultyFs`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Op {
        Read,
        Metadata,
        ReadDir,
        CreateDir,
        CreateNew,
        Write,
        SyncFile,
        Rename,
        Link,
        Remove,
        SyncDir,
    }

    #[derive(Debug, Default)]
    struct State {
        count: usize,
        fail_at: Option<usize>,
        kind: Option<io::ErrorKind>,
        /// Every operation performed, with its path.
        log: Vec<(Op, PathBuf)>,
    }

    /// Passes every operation to [`RealFs`], except the `n`th (1-based,
    /// counted from the last [`FaultyFs::fail_at`]) which fails with the
    /// given error kind and does nothing.
    #[derive(Debug, Default)]
    pub struct FaultyFs {
        state: Mutex<State>,
    }

    impl FaultyFs {
        pub fn new() -> Self {
            Self::default()
        }

        pub fn fail_at(&self, n: usize, kind: io::ErrorKind) {
            let mut s = self.state.lock().unwrap();
            s.count = 0;
            s.fail_at = Some(n);
            s.kind = Some(kind);
            s.log.clear();
        }

        /// Whether the chosen operation was reached (and failed).
        pub fn fired(&self) -> bool {
            let s = self.state.lock().unwrap();
            s.fail_at.is_some_and(|n| s.count >= n)
        }

        pub fn log(&self) -> Vec<(Op, PathBuf)> {
            self.state.lock().unwrap().log.clone()
        }

        fn step(&self, op: Op, path: &Path) -> io::Result<()> {
            let mut s = self.state.lock().unwrap();
            s.count += 1;
            s.log.push((op, path.to_path_buf()));
            if s.fail_at == Some(s.count) {
                return Err(io::Error::from(s.kind.unwrap_or(io::ErrorKind::Other)));
            }
            Ok(())
        }
    }

    /// Open files carry no path; name them for the log.
    const FILE: &str = "<open file>";

    impl Fs for FaultyFs {
        fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
            self.step(Op::Read, path)?;
            RealFs.read(path)
        }
        fn metadata(&self, path: &Path) -> io::Result<fs::Metadata> {
            self.step(Op::Metadata, path)?;
            RealFs.metadata(path)
        }
        fn read_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
            self.step(Op::ReadDir, dir)?;
            RealFs.read_dir(dir)
        }
        fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
            self.step(Op::CreateDir, dir)?;
            RealFs.create_dir_all(dir)
        }
        fn create_new(&self, path: &Path) -> io::Result<File> {
            self.step(Op::CreateNew, path)?;
            RealFs.create_new(path)
        }
        fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
            // A full disk fails part-way: write half first.
            self.step(Op::Write, Path::new(FILE)).inspect_err(|_| {
                let _ = file.write_all(&bytes[..bytes.len() / 2]);
            })?;
            RealFs.write_all(file, bytes)
        }
        fn sync_file(&self, file: &File) -> io::Result<()> {
            self.step(Op::SyncFile, Path::new(FILE))?;
            RealFs.sync_file(file)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.step(Op::Rename, to)?;
            RealFs.rename(from, to)
        }
        fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.step(Op::Link, to)?;
            RealFs.hard_link(from, to)
        }
        fn remove_file(&self, path: &Path) -> io::Result<()> {
            self.step(Op::Remove, path)?;
            RealFs.remove_file(path)
        }
        fn sync_dir(&self, dir: &Path) -> io::Result<()> {
            self.step(Op::SyncDir, dir)?;
            RealFs.sync_dir(dir)
        }
    }
}
