//! Temp files left behind by an interrupted write (`kill -9` or a power cut
//! during a save): `.NAME.PID-N.tmp` next to the file being written. They
//! never hold the only copy of anything (the old file is intact and the
//! editor's text is in its recovery file), so the editor removes them when
//! it starts and `jianbao check` lists them.

use super::recovery::RECOVERY_DIR;
use super::{ISSUES_DIR, Library, STATE_DIR, atomic};
use std::path::PathBuf;
use std::time::Duration;

/// A temp file of another process younger than this may belong to a save
/// in progress on another machine sharing the library.
const MIN_AGE: Duration = Duration::from_secs(60);

/// The folders where the library writes files (exports included: the
/// export layer writes them with the same atomic writes).
const WRITTEN_DIRS: [&str; 5] = ["", ISSUES_DIR, STATE_DIR, "recovery", "exports"];

impl Library {
    /// Temp files no running write owns, in the folders the library writes.
    pub fn stale_temps(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for sub in WRITTEN_DIRS {
            let dir = match sub {
                "recovery" => self.state_dir().join(RECOVERY_DIR),
                _ => self.root().join(sub),
            };
            let Ok(names) = self.fs().read_dir(&dir) else {
                continue;
            };
            out.extend(
                names
                    .into_iter()
                    .filter(|p| atomic::is_stale_temp(self.fs().as_ref(), p, MIN_AGE)),
            );
        }
        out.sort();
        out
    }

    /// Removes the [`Library::stale_temps`]; returns those removed.
    pub fn remove_stale_temps(&self) -> Vec<PathBuf> {
        self.stale_temps()
            .into_iter()
            .filter(|p| match self.fs().remove_file(p) {
                Ok(()) => {
                    tracing::info!(path = %p.display(), "removed a temp file left by an interrupted write");
                    true
                }
                Err(e) => {
                    tracing::warn!(path = %p.display(), "could not remove a stale temp file: {e}");
                    false
                }
            })
            .collect()
    }
}
