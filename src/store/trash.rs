//! The library's trash: deleted issues are moved to `trash/`, never
//! removed, and can be restored.

use super::recovery::{RECOVERY_DIR, Recovery};
use super::{
    Entry, Fingerprint, Library, Problem, ProblemKind, StoreError, TRASH_DIR, atomic, file_name,
    io_err, load_issue,
};
use crate::model::{Issue, IssueId};
use std::io;
use std::path::{Path, PathBuf};

/// A deleted issue in `trash/`.
#[derive(Debug, Clone)]
pub struct Trashed {
    pub path: PathBuf,
    /// When it was deleted (local time), from the file name.
    pub deleted: Option<chrono::NaiveDateTime>,
    /// Its content, or why it does not load.
    pub issue: Result<Issue, ProblemKind>,
}

/// Where the recovery file of the trashed issue file `trashed` is kept:
/// `trash/recovery/` under the same name (a folder, so the trash listing,
/// which takes `*.ron` files, does not show it as an issue).
fn trashed_recovery(trashed: &Path) -> PathBuf {
    let name = trashed.file_name().unwrap_or_default();
    trashed
        .parent()
        .unwrap_or(Path::new("."))
        .join(RECOVERY_DIR)
        .join(name)
}

impl Library {
    /// Moves an issue's file into `trash/`, where it can be recovered by hand
    /// or with [`Library::restore`]. Its recovery file (unsaved text), if
    /// any, goes with it to `trash/recovery/`, so it is never offered as the
    /// unsaved text of a new issue that reuses the number, and comes back
    /// with a restore.
    pub fn trash(&mut self, id: &IssueId) -> Result<PathBuf, StoreError> {
        let entry = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let source = entry.path.clone();
        let trash = self.root.join(TRASH_DIR);
        self.fs.create_dir_all(&trash).map_err(io_err(&trash))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mut n = 0;
        let target = loop {
            let name = match n {
                0 => format!("{id}.{stamp}.ron"),
                n => format!("{id}.{stamp}-{n}.ron"),
            };
            let target = trash.join(name);
            match atomic::move_new_with(self.fs.as_ref(), &source, &target) {
                Ok(()) => break target,
                // Another deletion that second: the next name.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(e) => return Err(io_err(&source)(e)),
            }
        };
        tracing::info!(%id, to = %target.display(), "trashed issue");
        self.entries.remove(id);
        if let Some(name) = file_name(&source) {
            self.index.forget(&name);
        }
        self.problems.retain(|p| p.path != source);
        self.move_recovery(&Recovery::path(self, id), &trashed_recovery(&target));
        Ok(target)
    }

    /// Moves a recovery file along with its issue, if there is one; a
    /// failure is logged (the issue itself has moved).
    fn move_recovery(&self, from: &Path, to: &Path) {
        if self.fs.metadata(from).is_err() {
            return;
        }
        let moved = to
            .parent()
            .map_or(Ok(()), |dir| self.fs.create_dir_all(dir))
            .and_then(|()| atomic::move_new_with(self.fs.as_ref(), from, to));
        match moved {
            Ok(()) => {
                tracing::info!(from = %from.display(), to = %to.display(), "moved recovery file with its issue")
            }
            Err(e) => {
                tracing::error!(from = %from.display(), to = %to.display(), "recovery file not moved: {e}")
            }
        }
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
                let issue = load_issue(self.fs.as_ref(), &path)
                    .map(|e| e.issue.expect("load_issue keeps the issue"));
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
        let id = entry.summary.id();
        if self.entries.contains_key(&id) {
            return Err(StoreError::Exists(id));
        }
        let path = self.path_for(&id);
        self.check_writable(&path, None)?;
        // Never a replacement of an issue another process created under this
        // id a moment ago.
        match atomic::move_new_with(self.fs.as_ref(), trashed, &path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(StoreError::Exists(id));
            }
            Err(e) => return Err(io_err(trashed)(e)),
        }
        let kept = trashed_recovery(trashed);
        if self.fs.metadata(&kept).is_ok() && self.ensure_state_dir(RECOVERY_DIR).is_ok() {
            self.move_recovery(&kept, &Recovery::path(self, &id));
        }
        tracing::info!(%id, from = %trashed.display(), "restored issue from trash");
        let modified = self.fs.metadata(&path).ok().and_then(|m| m.modified().ok());
        let fingerprint = entry.fingerprint.map(|f| Fingerprint { modified, ..f });
        if let Some(fp) = &fingerprint {
            self.index_written(&path, fp, &entry.summary);
        }
        self.entries.insert(
            id,
            Entry {
                path,
                fingerprint,
                ..entry
            },
        );
        Ok(id)
    }
}
