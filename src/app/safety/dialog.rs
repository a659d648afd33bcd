//! The safety net's dialogs: a recovery offer, a save conflict, an
//! encoding warning; their buttons and keys.

use super::guards::EncodingProblem;
use super::saving::ConflictKind;
use crate::app::dialog::{ButtonKey, button_key};
use crate::app::{After, App, Overlay};
use crate::i18n::Msg;
use crate::model::IssueId;
use crate::store::recovery::{RecoveryInfo, SavedState};
use crossterm::event::KeyEvent;
use std::path::PathBuf;

/// The dialogs of this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Unsaved text found in a recovery file. `open`: asked on the way to
    /// opening its issue (which happens unless the answer is "later").
    Recovery {
        info: RecoveryInfo,
        open: bool,
        /// The selected button; `None` until the clerk moves it: the safe
        /// default, chosen among the buttons shown at the time.
        choice: Option<usize>,
    },
    /// Saving found the file changed or deleted on disk, or read-only.
    Conflict {
        id: IssueId,
        path: PathBuf,
        kind: ConflictKind,
        after: Option<After>,
        choice: usize,
    },
    /// The terminal is not UTF-8; any key closes it.
    Encoding(EncodingProblem),
}

impl Dialog {
    /// The offer of `info`.
    pub(super) fn recovery(info: RecoveryInfo, open: bool) -> Dialog {
        Dialog::Recovery {
            info,
            open,
            choice: None,
        }
    }

    /// The buttons; `dirty`: the open issue has unsaved changes (then a
    /// recovery offer for another issue cannot restore in place).
    pub fn choices(&self, dirty: bool) -> Vec<Msg> {
        match self {
            Dialog::Recovery { info, open, .. } => {
                let mut v = Vec::with_capacity(4);
                if info.saved != SavedState::Missing && (*open || !dirty) {
                    v.push(Msg::ChoiceRestore);
                }
                v.extend([
                    Msg::ChoiceKeepBoth,
                    Msg::ChoiceDiscardRecovery,
                    Msg::ChoiceLater,
                ]);
                v
            }
            Dialog::Conflict { kind, .. } => match kind {
                ConflictKind::Changed => {
                    vec![Msg::ChoiceOverwrite, Msg::ChoiceLoadDisk, Msg::ChoiceCancel]
                }
                ConflictKind::Deleted => vec![Msg::ChoiceSave, Msg::ChoiceCancel],
                ConflictKind::ReadOnly => vec![Msg::ChoiceWriteAnyway, Msg::ChoiceCancel],
            },
            Dialog::Encoding(_) => Vec::new(),
        }
    }

    /// The selected button among `choices(dirty)`. A recovery offer starts
    /// on Restore, or on Keep both where someone saved since (restoring would
    /// replace their version) or Restore is not offered: never on Discard.
    pub fn choice(&self, dirty: bool) -> usize {
        match self {
            Dialog::Recovery {
                choice: Some(c), ..
            }
            | Dialog::Conflict { choice: c, .. } => *c,
            Dialog::Recovery {
                info, choice: None, ..
            } => {
                let preferred = if info.saved == SavedState::ChangedSince {
                    Msg::ChoiceKeepBoth
                } else {
                    Msg::ChoiceRestore
                };
                let choices = self.choices(dirty);
                choices
                    .iter()
                    .position(|m| *m == preferred)
                    .or_else(|| choices.iter().position(|m| *m == Msg::ChoiceKeepBoth))
                    .unwrap_or(0)
            }
            Dialog::Encoding(_) => 0,
        }
    }

    /// Selects button `next`.
    fn select(&mut self, next: usize) {
        match self {
            Dialog::Recovery { choice, .. } => *choice = Some(next),
            Dialog::Conflict { choice, .. } => *choice = next,
            Dialog::Encoding(_) => {}
        }
    }

    /// What Esc means.
    fn escape(&self) -> Msg {
        match self {
            Dialog::Recovery { .. } => Msg::ChoiceLater,
            _ => Msg::ChoiceCancel,
        }
    }
}

impl App {
    /// A key in one of this module's dialogs.
    pub(in crate::app) fn safety_dialog_key(&mut self, mut dialog: Dialog, key: &KeyEvent) {
        if let Dialog::Encoding(_) = dialog {
            // Any key closes it.
            self.show_queued();
            return;
        }
        let dirty = self.is_dirty();
        let choices = dialog.choices(dirty);
        match button_key(key, &choices, dialog.choice(dirty), dialog.escape()) {
            ButtonKey::Moved(i) => {
                dialog.select(i);
                self.overlay = Some(Overlay::Safety(dialog));
            }
            ButtonKey::Ignored => self.overlay = Some(Overlay::Safety(dialog)),
            ButtonKey::Chosen(choice) => {
                match dialog {
                    Dialog::Recovery { info, open, .. } => {
                        self.resolve_recovery(&info, open, choice)
                    }
                    Dialog::Conflict { after, .. } => self.resolve_conflict(after, choice),
                    Dialog::Encoding(_) => {}
                }
                self.show_queued();
            }
        }
    }
}
