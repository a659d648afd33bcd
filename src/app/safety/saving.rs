//! Saving: never over a file changed on disk, deleted or made read-only
//! without asking (the conflict dialog), and loading the disk's version.

use super::access::Access;
use super::dialog::Dialog;
use crate::app::dialog::Choice;
use crate::app::{After, App, Focus};
use crate::i18n::Msg;
use crate::store::{SaveMode, StoreError};

/// Why a save stopped to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Someone changed the file since it was opened.
    Changed,
    /// Someone deleted the file since it was opened.
    Deleted,
    /// The file has no write permission (`chmod a-w`): maybe on purpose.
    ReadOnly,
}

impl App {
    /// Saves the open issue (`mode`: whether it may write over changes made
    /// on disk); reports and returns whether it worked. A file changed on
    /// disk opens the conflict dialog, which goes on with `after`.
    pub(in crate::app) fn save_as(&mut self, mode: SaveMode, after: Option<After>) -> bool {
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut() else {
            self.notify(lang.t(Msg::NoIssueOpen).to_string());
            return false;
        };
        if let Some(info) = doc.read_only() {
            let msg = lang.fmt(
                Msg::ReadOnlyNoSave,
                &[&info.id, &info.user, &info.host, &info.pid],
            );
            self.notify_error(msg);
            return false;
        }
        doc.flush();
        let old = doc.id;
        match self.lib.save_with(&old, doc.issue.clone(), mode) {
            Ok(new_id) => {
                doc.id = new_id;
                doc.saved = doc.issue.clone();
                if new_id != old {
                    // The lock follows the file to its new name.
                    match self.lib.lock(&new_id) {
                        Ok(lock) => doc.access = Access::Locked(lock),
                        Err(e) => tracing::warn!(%new_id, "could not lock the renamed issue: {e}"),
                    }
                }
                self.safety.saved(&self.lib, old);
                let path = self.lib.path_for(&new_id);
                self.notify(lang.fmt(Msg::Saved, &[&path.display()]));
                self.select_in_list(new_id);
                true
            }
            Err(e @ (StoreError::ChangedOnDisk { .. } | StoreError::ReadOnlyFile { .. })) => {
                let (id, path, kind) = match e {
                    StoreError::ChangedOnDisk {
                        id,
                        path,
                        deleted: true,
                    } => (id, path, ConflictKind::Deleted),
                    StoreError::ChangedOnDisk { id, path, .. } => (id, path, ConflictKind::Changed),
                    StoreError::ReadOnlyFile { id, path } => (id, path, ConflictKind::ReadOnly),
                    _ => unreachable!("matched above"),
                };
                let dialog = Dialog::Conflict {
                    id,
                    path,
                    kind,
                    after,
                    // Nothing is lost by cancelling; recreating a deleted
                    // file loses nothing either.
                    choice: match kind {
                        ConflictKind::Deleted => 0,
                        ConflictKind::Changed => 2,
                        ConflictKind::ReadOnly => 1,
                    },
                };
                self.safety.show_first(&mut self.overlay, dialog);
                false
            }
            Err(e) => {
                let msg = lang.fmt(Msg::SaveFailed, &[&e.message(lang)]);
                self.notify_error(msg);
                false
            }
        }
    }

    /// The clerk chose to throw the open issue's changes away: its recovery
    /// file goes too.
    pub(in crate::app) fn forget_unsaved(&mut self) {
        if let Some(doc) = &self.doc
            && doc.read_only().is_none()
        {
            let id = doc.id;
            self.safety.autosave.clear();
            self.safety.slot.set(None);
            self.safety.discard(&self.lib, id);
        }
    }

    pub(super) fn resolve_conflict(&mut self, after: Option<After>, choice: Choice) {
        let done = match choice {
            Choice::Overwrite | Choice::Save => self.save_as(SaveMode::Overwrite, after),
            Choice::WriteAnyway => self.save_as(SaveMode::Force, after),
            Choice::LoadDisk => self.reload_doc(),
            _ => false,
        };
        if done && let Some(after) = after {
            self.after(after);
        }
    }

    /// Replaces the working copy with the version on disk, keeping the
    /// open article open where it still exists.
    fn reload_doc(&mut self) -> bool {
        let lang = self.lang;
        let Some(id) = self.doc.as_ref().map(|d| d.id) else {
            return false;
        };
        let new_id = match self.lib.reload(&id) {
            Ok(new_id) => new_id,
            Err(e) => {
                self.notify_error(e.message(lang));
                return false;
            }
        };
        let Some(issue) = self.lib.load(&new_id).ok().cloned() else {
            return false;
        };
        let relock = (new_id != id).then(|| self.lib.lock(&new_id));
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        match relock {
            Some(Ok(lock)) => doc.access = Access::Locked(lock),
            Some(Err(e)) => tracing::warn!(%new_id, "could not lock the reloaded issue: {e}"),
            None => {}
        }
        let pos = doc.article.as_ref().map(|a| a.pos);
        doc.id = new_id;
        doc.saved = issue.clone();
        doc.replace_issue(issue, pos);
        if doc.article.is_none() && self.focus == Focus::Editor {
            self.focus = Focus::Tree;
            self.zoom = false;
        }
        self.notify(lang.fmt(Msg::Reloaded, &[&new_id]));
        true
    }
}
