//! The log: a file in the library's state directory, never the screen
//! (the screen belongs to the editor). Loads, saves, lock takeovers,
//! recovery writes and errors are logged; the panic message names the file.
//!
//! The level is `info` unless `JIANBAO_LOG` says `error`, `warn`, `info`,
//! `debug` or `trace` (`debug` adds every recovery write).

use super::fs::RealFs;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};
use tracing_subscriber::filter::LevelFilter;

pub const LOG_FILE: &str = "jianbao.log";
/// At start, a log larger than this is moved to `jianbao.log.old`.
pub const ROTATE_BYTES: u64 = 1 << 20;

/// The open log file; swapped by each [`init`], so a later call (another
/// library) redirects the one global subscriber.
static SINK: Mutex<Option<File>> = Mutex::new(None);

struct Sink;

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Ok(mut guard) = SINK.lock()
            && let Some(file) = guard.as_mut()
        {
            // A log that cannot be written must not stop the editor.
            let _ = file.write_all(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Logs to `jianbao.log` in the state directory of the library at
/// `library_root` (`ROOT/.state/`, created 0700; the file is 0600), and
/// returns the log's path. Callable before the library exists or opens;
/// `Library::open` accepts a directory holding only `.state/` as new.
pub fn init(library_root: &Path) -> io::Result<PathBuf> {
    let dir = super::create_state_dir(&RealFs, library_root, "")?;
    let path = dir.join(LOG_FILE);
    if fs::metadata(&path).is_ok_and(|m| m.len() > ROTATE_BYTES) {
        fs::rename(&path, dir.join(format!("{LOG_FILE}.old")))?;
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(super::fs::FILE_MODE);
    }
    let file = options.open(&path)?;
    *SINK.lock().unwrap_or_else(|e| e.into_inner()) = Some(file);
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let level = std::env::var("JIANBAO_LOG")
            .ok()
            .and_then(|v| v.parse::<LevelFilter>().ok())
            .unwrap_or(LevelFilter::INFO);
        let subscriber = tracing_subscriber::fmt()
            .with_writer(|| Sink)
            .with_ansi(false)
            .with_max_level(level)
            .finish();
        // Another subscriber set by the embedding program wins.
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        pid = std::process::id(),
        "log opened"
    );
    Ok(path)
}
