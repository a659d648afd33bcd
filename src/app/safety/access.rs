//! How the open issue is held: its lock, or read-only because someone
//! else has it; edits and commands refused on a read-only issue.

use crate::app::{App, Command, Doc};
use crate::i18n::Msg;
use crate::model::IssueId;
use crate::store::StoreError;
use crate::store::lock::{IssueLock, LockInfo, LockStatus};
use crate::text::EditAction;

/// How the open issue is held.
#[derive(Debug, Default)]
pub enum Access {
    /// This editor holds the issue's lock.
    Locked(IssueLock),
    /// Another editor holds it: read-only.
    ReadOnly(Box<LockInfo>),
    /// No lock could be taken (e.g. a read-only library): editable, as in
    /// vim or nano, but nothing keeps a second editor out.
    #[default]
    Unlocked,
}

impl Doc {
    /// Who holds the issue, when it is open read-only.
    pub fn read_only(&self) -> Option<&LockInfo> {
        match &self.access {
            Access::ReadOnly(info) => Some(info),
            _ => None,
        }
    }
}

impl App {
    /// Takes the lock of `id` for a document about to open, saying what
    /// happened when it is not a plain success.
    pub(in crate::app) fn lock_for_edit(&mut self, id: IssueId) -> Access {
        match self.lib.lock(&id) {
            Ok(lock) => {
                if let Some(old) = lock.taken_over() {
                    let msg = self
                        .lang
                        .fmt(Msg::LockTakenOver, &[&id, &old.user, &old.host, &old.pid]);
                    self.notify(msg);
                }
                Access::Locked(lock)
            }
            Err(StoreError::Locked(info)) => {
                // What matters first: a status line cuts the end off.
                let msg = self.lang.fmt(
                    Msg::ReadOnlyOpened,
                    &[
                        &info.id,
                        &info.user,
                        &info.host,
                        &info.pid,
                        &info.since_local(),
                    ],
                );
                self.notify_error(msg);
                Access::ReadOnly(info)
            }
            Err(e) => {
                let msg = self
                    .lang
                    .fmt(Msg::LockFailed, &[&id, &e.message(self.lang)]);
                self.notify_error(msg);
                Access::Unlocked
            }
        }
    }

    /// Refuses an editing action on a read-only issue (moving, selecting,
    /// finding and copying are fine).
    pub(in crate::app) fn refuse_edit(&mut self, action: &EditAction) -> bool {
        let reads = matches!(
            action,
            EditAction::Move(_)
                | EditAction::Select(_)
                | EditAction::SelectAll
                | EditAction::Copy
                | EditAction::Find(_)
                | EditAction::FindNext
                | EditAction::FindPrev
                | EditAction::ClearFind
        );
        !reads && self.refuse_read_only()
    }

    /// Refuses a command that would change a read-only issue, or delete an
    /// issue someone is editing.
    pub(in crate::app) fn refuse_command(&mut self, cmd: Command) -> bool {
        // While git runs (see `syncing`), nothing writes to the library.
        if matches!(
            cmd,
            Command::Save
                | Command::NewIssue
                | Command::DuplicateIssue
                | Command::DeleteIssue
                | Command::Trash
                | Command::Properties
                | Command::ChangeStatus
                | Command::SubmitReview
                | Command::Sign
                | Command::Distribute
                | Command::Reopen
                | Command::Sync
                | Command::ImportNew
                | Command::Inbox
        ) && self.refuse_syncing()
        {
            return true;
        }
        match cmd {
            // A signed issue's properties open read-only (with its history).
            Command::Properties => self.refuse_locked_out(),
            Command::Replace
            | Command::ReplaceInIssue
            | Command::AddSection
            | Command::AddArticle
            | Command::Rename
            | Command::DeleteItem
            | Command::MoveUp
            | Command::MoveDown
            | Command::ToggleKind
            | Command::UndoStructure
            | Command::RedoStructure
            | Command::ImportInto
            | Command::Tidy
            | Command::JoinLines => self.refuse_read_only(),
            Command::DeleteIssue => {
                let Some(id) = self.issue_ids().get(self.list_selected).copied() else {
                    return false;
                };
                let ours = self
                    .doc
                    .as_ref()
                    .is_some_and(|d| d.id == id && matches!(d.access, Access::Locked(_)));
                match self.lib.lock_status(&id) {
                    Ok(LockStatus::Held(info)) if !ours => {
                        let msg = self
                            .lang
                            .fmt(Msg::DeleteLocked, &[&info.message(self.lang)]);
                        self.notify_error(msg);
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Refuses a change to the open issue: someone else has it, or it is
    /// signed or distributed.
    pub(in crate::app) fn refuse_read_only(&mut self) -> bool {
        self.refuse_syncing() || self.refuse_locked_out() || self.refuse_signed()
    }

    fn refuse_locked_out(&mut self) -> bool {
        let Some(info) = self.doc.as_ref().and_then(Doc::read_only) else {
            return false;
        };
        let msg = self
            .lang
            .fmt(Msg::ReadOnlyRefused, &[&info.id, &info.user, &info.host]);
        self.notify_error(msg);
        true
    }
}
