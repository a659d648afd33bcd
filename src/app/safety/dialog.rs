//! The safety net's dialogs: a recovery offer, a save conflict, an
//! encoding warning; their buttons and keys.

use super::guards::EncodingProblem;
use super::saving::ConflictKind;
use crate::app::dialog::{Buttons, Choice, Press, button};
use crate::app::overlay::{Env, Keys, Outcome};
use crate::app::{After, App, Command};
use crate::model::IssueId;
use crate::store::recovery::{RecoveryInfo, SavedState};
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
    pub fn choices(&self, dirty: bool) -> Vec<Choice> {
        match self {
            Dialog::Recovery { info, open, .. } => {
                let mut v = Vec::with_capacity(4);
                if info.saved != SavedState::Missing && (*open || !dirty) {
                    v.push(Choice::Restore);
                }
                v.extend([Choice::KeepBoth, Choice::DiscardRecovery, Choice::Later]);
                v
            }
            Dialog::Conflict { kind, .. } => match kind {
                ConflictKind::Changed => {
                    vec![Choice::Overwrite, Choice::LoadDisk, Choice::Cancel]
                }
                ConflictKind::Deleted => vec![Choice::Save, Choice::Cancel],
                ConflictKind::ReadOnly => vec![Choice::WriteAnyway, Choice::Cancel],
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
                    Choice::KeepBoth
                } else {
                    Choice::Restore
                };
                let choices = self.choices(dirty);
                choices
                    .iter()
                    .position(|c| *c == preferred)
                    .or_else(|| choices.iter().position(|c| *c == Choice::KeepBoth))
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
    fn escape(&self) -> Choice {
        match self {
            Dialog::Recovery { .. } => Choice::Later,
            _ => Choice::Cancel,
        }
    }
}

impl Keys for Dialog {
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        if let Dialog::Encoding(_) = self {
            // Any key closes it.
            return Some(Outcome::Close);
        }
        let choices = self.choices(env.dirty);
        let buttons = Buttons {
            choices: &choices,
            selected: self.choice(env.dirty),
            escape: self.escape(),
        };
        Some(match button(cmd, buttons)? {
            Press::Select(i) => {
                self.select(i);
                Outcome::Stay
            }
            Press::Answer(c) => Outcome::Answer(c),
        })
    }

    fn text(&mut self, _c: char, env: &Env) -> Outcome {
        self.other(env)
    }

    fn other(&mut self, _env: &Env) -> Outcome {
        match self {
            Dialog::Encoding(_) => Outcome::Close,
            _ => Outcome::Ignored,
        }
    }
}

impl App {
    /// Carries out the answer to one of this module's dialogs, then shows
    /// the next one queued.
    pub(in crate::app) fn resolve(&mut self, dialog: Dialog, choice: Choice) {
        match dialog {
            Dialog::Recovery { info, open, .. } => self.resolve_recovery(&info, open, choice),
            Dialog::Conflict { after, .. } => self.resolve_conflict(after, choice),
            Dialog::Encoding(_) => {}
        }
        self.show_queued();
    }
}
