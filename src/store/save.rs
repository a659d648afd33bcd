//! Writing issues: where each goes, saving (atomic, refusing to write over
//! a file changed on disk, a read-only file or one that failed to load),
//! reloading, and the library's settings.

use super::*;

impl Library {
    /// Path where an issue with this id is stored.
    pub fn path_for(&self, id: &IssueId) -> PathBuf {
        self.issues_dir().join(format!("{id}.ron"))
    }

    /// Whether something is at `path`; an error other than "not found" is
    /// passed on rather than guessed at.
    pub(super) fn exists(&self, path: &Path) -> Result<bool, StoreError> {
        match self.fs.metadata(path) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_err(path)(e)),
        }
    }

    /// Refuses to write a path that holds something we did not load as
    /// `owner` (a broken file, a newer-schema file, another issue).
    pub(super) fn check_writable(
        &self,
        path: &Path,
        owner: Option<&IssueId>,
    ) -> Result<(), StoreError> {
        let ours = owner
            .and_then(|id| self.entries.get(id))
            .is_some_and(|e| e.path == path);
        if !ours && self.exists(path)? {
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse().ok());
            return Err(match id {
                Some(id) => StoreError::Exists(id),
                None => StoreError::Io {
                    path: path.to_path_buf(),
                    source: io::Error::from(io::ErrorKind::AlreadyExists),
                },
            });
        }
        Ok(())
    }

    /// Adds a new issue; fails with [`StoreError::Exists`] if its id is
    /// taken, also when another process takes it at the same moment (the
    /// file is created exclusively, never replaced).
    pub fn insert(&mut self, issue: Issue) -> Result<IssueId, StoreError> {
        let id = issue.id();
        if self.entries.contains_key(&id) {
            return Err(StoreError::Exists(id));
        }
        let path = self.path_for(&id);
        self.check_writable(&path, None)?;
        let fingerprint = self.write_issue(&path, &issue, true)?;
        tracing::info!(%id, path = %path.display(), "created issue");
        let entry = Entry::loaded(path, issue, Some(fingerprint));
        self.index_written(&entry.path, &fingerprint, &entry.summary);
        self.entries.insert(id, entry);
        Ok(id)
    }

    /// Saves `issue`, which was loaded as `id`, refusing to write over a
    /// file changed on disk since ([`StoreError::ChangedOnDisk`]). When its
    /// number, year or supplement flag changed, the file is renamed to the
    /// new id.
    pub fn save(&mut self, id: &IssueId, issue: Issue) -> Result<IssueId, StoreError> {
        self.save_with(id, issue, SaveMode::Safe)
    }

    /// [`Library::save`] that writes over changes made on disk: for when
    /// the clerk was told and chose their version.
    pub fn save_forced(&mut self, id: &IssueId, issue: Issue) -> Result<IssueId, StoreError> {
        self.save_with(id, issue, SaveMode::Overwrite)
    }

    pub fn save_with(
        &mut self,
        id: &IssueId,
        issue: Issue,
        mode: SaveMode,
    ) -> Result<IssueId, StoreError> {
        let result = self.save_inner(id, issue, mode);
        match &result {
            Ok(new_id) => tracing::info!(%id, %new_id, ?mode, "saved issue"),
            Err(e @ StoreError::ChangedOnDisk { .. }) => tracing::warn!(%id, "save refused: {e}"),
            Err(e) => tracing::error!(%id, "save failed: {e}"),
        }
        result
    }

    pub(super) fn save_inner(
        &mut self,
        id: &IssueId,
        issue: Issue,
        mode: SaveMode,
    ) -> Result<IssueId, StoreError> {
        let old = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let old_path = old.path.clone();
        let new_id = issue.id();
        if new_id != *id && self.entries.contains_key(&new_id) {
            return Err(StoreError::Exists(new_id));
        }
        if mode == SaveMode::Safe
            && let Some(change) = self.disk_change(id)?
        {
            return Err(StoreError::ChangedOnDisk {
                id: *id,
                path: old_path,
                deleted: change == DiskChange::Deleted,
            });
        }
        // Only a change of status may be written over a signed issue.
        self.refuse_read_only(id, &issue, mode)?;
        // Same number: the file it came from, whatever its name (a file
        // whose name and number disagree is not renamed behind the clerk's
        // back). A new number: a new file, created exclusively.
        let renamed = new_id != *id;
        let path = if renamed {
            self.path_for(&new_id)
        } else {
            old_path.clone()
        };
        self.check_writable(&path, Some(id))?;
        let read_only = self.read_only(&old_path)?;
        if read_only && mode != SaveMode::Force {
            return Err(StoreError::ReadOnlyFile {
                id: *id,
                path: old_path,
            });
        }
        let fingerprint = self.write_issue(&path, &issue, renamed && path != old_path)?;
        if read_only {
            // The clerk chose to write it: it stays read-only as it was.
            self.keep_read_only(&path);
        }
        self.entries.remove(id);
        let entry = Entry::loaded(path.clone(), issue, Some(fingerprint));
        self.index_written(&path, &fingerprint, &entry.summary);
        self.entries.insert(new_id, entry);
        if path != old_path {
            if let Some(name) = file_name(&old_path) {
                self.index.forget(&name);
            }
            self.problems.retain(|p| {
                !(p.path == old_path && matches!(p.kind, ProblemKind::NameMismatch { .. }))
            });
            // The new file is safely written; a failure to remove the old one
            // leaves a second copy under the old number, never a loss.
            match self.fs.remove_file(&old_path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    tracing::error!(old = %old_path.display(), "renamed issue, old file not removed: {e}");
                }
                _ => self.sync_logged(&self.issues_dir()),
            }
        }
        Ok(new_id)
    }

    /// Whether the file at `path` has no write permission for anyone (a
    /// clerk or an administrator made it read-only on purpose: a rename
    /// would silently replace it). A missing file is not read-only.
    pub(super) fn read_only(&self, path: &Path) -> Result<bool, StoreError> {
        match self.fs.metadata(path) {
            Ok(m) => Ok(m.permissions().readonly()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_err(path)(e)),
        }
    }

    /// Takes write permission away again after a confirmed write over a
    /// read-only file (the new file was created 0600).
    pub(super) fn keep_read_only(&self, path: &Path) {
        let result = self.fs.metadata(path).and_then(|m| {
            let mut p = m.permissions();
            p.set_readonly(true);
            std::fs::set_permissions(path, p)
        });
        if let Err(e) = result {
            tracing::error!(path = %path.display(), "could not make the file read-only again: {e}");
        }
    }

    /// Whether the issue's file changed on disk since it was loaded or
    /// saved: `None` when it is as we left it.
    pub fn disk_change(&self, id: &IssueId) -> Result<Option<DiskChange>, StoreError> {
        let entry = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let path = &entry.path;
        let meta = match self.fs.metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Some(DiskChange::Deleted)),
            Err(e) => return Err(io_err(path)(e)),
        };
        let Some(known) = entry.fingerprint else {
            return Ok(Some(DiskChange::Modified));
        };
        if meta.len() != known.len {
            return Ok(Some(DiskChange::Modified));
        }
        let bytes = match self.fs.read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Some(DiskChange::Deleted)),
            Err(e) => return Err(io_err(path)(e)),
        };
        Ok((ContentHash::of(&bytes) != known.hash).then_some(DiskChange::Modified))
    }

    /// Replaces the loaded issue with the version on disk now (after
    /// [`StoreError::ChangedOnDisk`], when the clerk takes the other
    /// version). Returns its id, which differs if the other editor changed
    /// the number. On error nothing changes.
    pub fn reload(&mut self, id: &IssueId) -> Result<IssueId, StoreError> {
        let entry = self.entries.get(id).ok_or(StoreError::NotFound(*id))?;
        let path = entry.path.clone();
        let fresh = load_issue(self.fs.as_ref(), &path).map_err(|kind| {
            StoreError::Load(Problem {
                path: path.clone(),
                kind,
            })
        })?;
        let new_id = fresh.summary.id();
        if new_id != *id && self.entries.contains_key(&new_id) {
            return Err(StoreError::Exists(new_id));
        }
        if let Some(name) = file_name(&path) {
            let stamp = fresh
                .fingerprint
                .and_then(|f| Some(Stamp::new(f.len, f.modified?)));
            self.index_entry(&name, stamp, &fresh);
        }
        self.entries.remove(id);
        self.entries.insert(new_id, fresh);
        self.problems.retain(|p| p.path != path);
        tracing::info!(%id, %new_id, path = %path.display(), "reloaded issue from disk");
        Ok(new_id)
    }

    pub fn save_settings(&self) -> Result<(), StoreError> {
        let path = self.root.join(SETTINGS_FILE);
        // A file that failed to load is the clerk's to fix: never written over.
        if let Some(p) = self.problems.iter().find(|p| p.path == path) {
            return Err(StoreError::Load(p.clone()));
        }
        atomic::write_with(
            self.fs.as_ref(),
            &path,
            codec::encode_settings(&self.settings).as_bytes(),
        )
        .map_err(io_err(&path))
    }

    pub(super) fn sync_logged(&self, dir: &Path) {
        if let Err(e) = self.fs.sync_dir(dir) {
            tracing::error!(dir = %dir.display(), "directory sync failed: {e}");
        }
    }

    /// Writes `issue` to `path`: replacing the file there, or, with `new`,
    /// only if nothing is there ([`StoreError::Exists`] otherwise, even when
    /// another process created it a moment ago).
    pub(super) fn write_issue(
        &self,
        path: &Path,
        issue: &Issue,
        new: bool,
    ) -> Result<Fingerprint, StoreError> {
        if let Some(dir) = path.parent() {
            self.fs.create_dir_all(dir).map_err(io_err(dir))?;
        }
        let bytes = codec::encode_issue(issue).into_bytes();
        if new {
            atomic::create_new_with(self.fs.as_ref(), path, &bytes).map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    StoreError::Exists(issue.id())
                } else {
                    io_err(path)(e)
                }
            })?;
        } else {
            atomic::write_with(self.fs.as_ref(), path, &bytes).map_err(io_err(path))?;
        }
        let modified = self.fs.metadata(path).ok().and_then(|m| m.modified().ok());
        Ok(Fingerprint::new(&bytes, modified))
    }
}
