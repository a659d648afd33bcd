//! The library's trash: deleted issues are moved to `trash/`, never
//! removed, and can be restored.

use super::{
    Entry, Fingerprint, Library, Problem, ProblemKind, StoreError, TRASH_DIR, io_err, load_issue,
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

impl Library {
    /// Moves an issue's file into `trash/`, where it can be recovered by hand
    /// or with [`Library::restore`].
    pub fn trash(&mut self, id: &IssueId) -> Result<PathBuf, StoreError> {
        let entry = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let trash = self.root.join(TRASH_DIR);
        self.fs.create_dir_all(&trash).map_err(io_err(&trash))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mut target = trash.join(format!("{id}.{stamp}.ron"));
        let mut n = 1;
        while self.exists(&target)? {
            target = trash.join(format!("{id}.{stamp}-{n}.ron"));
            n += 1;
        }
        self.fs
            .rename(&entry.path, &target)
            .map_err(io_err(&entry.path))?;
        // Moved: from here on, failures are logged, not returned (see
        // `atomic::write_with`).
        self.sync_logged(&trash);
        self.sync_logged(&self.issues_dir());
        tracing::info!(%id, to = %target.display(), "trashed issue");
        self.entries.remove(id);
        Ok(target)
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
                let issue = load_issue(self.fs.as_ref(), &path).map(|e| e.issue);
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
        let id = entry.issue.id();
        if self.entries.contains_key(&id) {
            return Err(StoreError::Exists(id));
        }
        let path = self.path_for(&id);
        self.check_writable(&path, None)?;
        self.fs.rename(trashed, &path).map_err(io_err(trashed))?;
        self.sync_logged(&self.issues_dir());
        tracing::info!(%id, from = %trashed.display(), "restored issue from trash");
        let modified = self.fs.metadata(&path).ok().and_then(|m| m.modified().ok());
        self.entries.insert(
            id,
            Entry {
                path,
                fingerprint: entry.fingerprint.map(|f| Fingerprint { modified, ..f }),
                issue: entry.issue,
            },
        );
        Ok(id)
    }
}
