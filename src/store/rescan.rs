//! Taking in what changed on disk behind the library's back (a git pull,
//! a sync).

use super::{
    DiskChange, Library, Lookup, Problem, ProblemKind, SETTINGS_FILE, StoreError, codec, file_name,
    read_text,
};
use crate::model::IssueId;
use std::collections::HashSet;
use std::path::PathBuf;

/// What [`Library::rescan`] found changed on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rescanned {
    /// Issues whose files changed, were added or were removed.
    pub changed: Vec<IssueId>,
    pub added: Vec<IssueId>,
    pub removed: Vec<IssueId>,
}

impl Library {
    /// Takes in what changed on disk behind the library's back (a git
    /// pull, a sync): `library.ron` is read again, issue files that changed
    /// are read again, those gone are dropped and new ones added. An issue
    /// whose text is loaded (open in the editor) is left as it was loaded,
    /// so that saving it still finds the file changed on disk and asks.
    pub fn rescan(&mut self) -> Result<Rescanned, StoreError> {
        let mut out = Rescanned::default();
        let settings_path = self.root().join(SETTINGS_FILE);
        self.problems.retain(|p| p.path != settings_path);
        match read_text(self.fs().as_ref(), &settings_path)
            .and_then(|(text, _)| codec::decode_settings(&text).map_err(ProblemKind::Decode))
        {
            Ok(s) => self.settings = s,
            Err(kind) => self.problems.push(Problem {
                path: settings_path,
                kind,
            }),
        }
        let ids: Vec<IssueId> = self.entries.keys().copied().collect();
        for id in ids {
            if self.entries[&id].issue.is_some() || self.vouched(&id) {
                continue;
            }
            match self.disk_change(&id)? {
                None => {}
                Some(change) => {
                    let entry = self.entries.remove(&id).expect("listed above");
                    self.problems.retain(|p| p.path != entry.path);
                    match change {
                        DiskChange::Deleted => out.removed.push(id),
                        DiskChange::Modified => out.changed.push(id),
                    }
                }
            }
        }
        // Files that failed to load may load now (a conflict resolved).
        let listed: HashSet<PathBuf> = self.entries.values().map(|e| e.path.clone()).collect();
        let issues = self.issues_dir();
        self.problems
            .retain(|p| !p.path.starts_with(&issues) || listed.contains(&p.path));
        let before: HashSet<IssueId> = self.entries.keys().copied().collect();
        self.refresh()?;
        for id in self.entries.keys() {
            if !before.contains(id) {
                if out.changed.contains(id) {
                    continue;
                }
                if let Some(k) = out.removed.iter().position(|r| r == id) {
                    out.removed.remove(k);
                    out.changed.push(*id);
                } else {
                    out.added.push(*id);
                }
            }
        }
        let (still, gone): (Vec<IssueId>, Vec<IssueId>) = out
            .changed
            .iter()
            .partition(|id| self.entries.contains_key(id));
        out.changed = still;
        out.removed.extend(gone);
        self.save_index();
        Ok(out)
    }

    /// Whether the index vouches that `id`'s file is still the version
    /// listed: the size and modification time it recorded, not within the
    /// racy window, and the content hash listed. Its file need not be read.
    fn vouched(&self, id: &IssueId) -> bool {
        let entry = &self.entries[id];
        let (Some(fp), Some(name)) = (entry.fingerprint, file_name(&entry.path)) else {
            return false;
        };
        let Ok(meta) = self.fs().metadata(&entry.path) else {
            return false;
        };
        matches!(self.index.lookup(&name, &meta),
            Lookup::Valid(ix) if ix.content_hash() == Some(fp.hash))
    }
}
