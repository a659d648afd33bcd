//! Recovery files left by a crash: set aside when unreadable, offered at
//! start and when their issue is opened, and the clerk's answer.

use super::dialog::Dialog;
use crate::app::App;
use crate::app::dialog::Choice;
use crate::i18n::Msg;
use crate::model::IssueId;
use crate::store::recovery::{Recovery, RecoveryInfo, SavedState};

impl App {
    /// Moves unreadable recovery files out of the way of backups, saying
    /// where each went: they may hold the only copy of someone's text.
    pub(super) fn set_aside_unreadable(&mut self) {
        let lang = self.lang;
        match Recovery::set_aside_unreadable(&self.lib) {
            Ok(moved) => {
                for (problem, to) in moved {
                    let msg = lang.fmt(
                        Msg::RecoverySetAside,
                        &[&problem.message(lang), &to.display()],
                    );
                    self.notify_error(msg);
                }
            }
            Err(e) => {
                let msg = lang.fmt(Msg::RecoveryListFailed, &[&e.message(lang)]);
                self.notify_error(msg);
            }
        }
    }

    /// Opens `id` after the caller dealt with unsaved changes: first offers
    /// its recovery file, if it has one (then opening waits for the answer).
    pub(in crate::app) fn offer_before_open(&mut self, id: IssueId) -> bool {
        self.set_aside_unreadable();
        let found = match Recovery::pending(&self.lib) {
            Ok(found) => found,
            Err(e) => {
                let msg = self
                    .lang
                    .fmt(Msg::RecoveryListFailed, &[&e.message(self.lang)]);
                self.notify_error(msg);
                return false;
            }
        };
        let Some(info) = found
            .into_iter()
            .find(|i| i.id == id && !self.safety.discarding.contains(&i.id))
        else {
            return false;
        };
        self.safety
            .queue
            .retain(|d| !matches!(d, Dialog::Recovery { info: other, .. } if other.id == id));
        self.safety
            .show_first(&mut self.overlay, Dialog::recovery(info, true));
        true
    }

    pub(super) fn resolve_recovery(&mut self, info: &RecoveryInfo, open: bool, choice: Choice) {
        let lang = self.lang;
        match choice {
            Choice::Restore => match Recovery::restore(&self.lib, info) {
                Ok(issue) => {
                    if !self.load_doc(info.id) {
                        return;
                    }
                    let Some(doc) = self.doc.as_mut().filter(|d| d.read_only().is_none()) else {
                        // Someone opened it meanwhile: the file stays.
                        return;
                    };
                    doc.replace_issue(issue, None);
                    let (articles, chars) = (info.articles, info.chars);
                    self.notify(lang.fmt(Msg::RecoveryRestored, &[&info.id, &articles, &chars]));
                }
                Err(e) => self.notify_error(lang.fmt(Msg::RecoveryFailed, &[&e.message(lang)])),
            },
            Choice::KeepBoth => match Recovery::keep_both(&mut self.lib, info) {
                Ok(new_id) => {
                    if open {
                        self.load_doc(info.id);
                    }
                    let msg = if info.saved == SavedState::Missing {
                        lang.fmt(Msg::RecoveryKeptMissing, &[&new_id])
                    } else {
                        lang.fmt(Msg::RecoveryKept, &[&new_id, &info.id])
                    };
                    self.notify(msg);
                }
                Err(e) => self.notify_error(lang.fmt(Msg::RecoveryFailed, &[&e.message(lang)])),
            },
            Choice::DiscardRecovery => match Recovery::discard(&self.lib, &info.id) {
                Ok(()) => {
                    if open {
                        self.load_doc(info.id);
                    }
                    self.notify(lang.fmt(Msg::RecoveryDiscarded, &[&info.id]));
                }
                Err(e) => self.notify_error(lang.fmt(Msg::RecoveryFailed, &[&e.message(lang)])),
            },
            _ => self.notify(lang.fmt(Msg::RecoveryLater, &[&info.id])),
        }
    }
}
