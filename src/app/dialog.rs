//! Dialogs with buttons: the answers ([`Choice`]), how keys move among and
//! press the buttons ([`button`]), the confirmations (unsaved changes,
//! deleting, overwriting an export), and what happens once unsaved changes
//! are dealt with. The safety net's own dialogs are in
//! [`super::safety::Dialog`].

use super::keymap::{Context, Keymap};
use super::overlay::{Env, Keys, Outcome};
use super::paste::PasteOffer;
use super::search;
use super::tree::Node;
use super::{App, Command, Overlay};
use crate::export::Format;
use crate::i18n::{Lang, Msg};
use crate::model::IssueId;
use crate::store::SaveMode;
use serde::{Deserialize, Serialize};

/// An answer to a dialog: a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Choice {
    /// Save the unsaved changes first.
    Save,
    /// Drop the unsaved changes.
    Discard,
    Cancel,
    Delete,
    /// Write over a file (an export; a file changed on disk).
    Overwrite,
    /// Open the issue with the recovered text.
    Restore,
    /// Keep the recovered text as a separate issue.
    KeepBoth,
    /// Delete the recovered text.
    DiscardRecovery,
    /// Leave the recovered text for later.
    Later,
    /// Take the version on disk.
    LoadDisk,
    /// Write a read-only file.
    WriteAnyway,
    /// Add what a paste holds as articles in their sections.
    AsArticles,
    /// Keep a paste as text of the article, its lines rejoined.
    AsText,
}

impl Choice {
    pub const ALL: [Choice; 13] = [
        Choice::Save,
        Choice::Discard,
        Choice::Cancel,
        Choice::Delete,
        Choice::Overwrite,
        Choice::Restore,
        Choice::KeepBoth,
        Choice::DiscardRecovery,
        Choice::Later,
        Choice::LoadDisk,
        Choice::WriteAnyway,
        Choice::AsArticles,
        Choice::AsText,
    ];

    pub(super) fn msg(self) -> Msg {
        match self {
            Choice::Save => Msg::ChoiceSave,
            Choice::Discard => Msg::ChoiceDiscard,
            Choice::Cancel => Msg::ChoiceCancel,
            Choice::Delete => Msg::ChoiceDelete,
            Choice::Overwrite => Msg::ChoiceOverwrite,
            Choice::Restore => Msg::ChoiceRestore,
            Choice::KeepBoth => Msg::ChoiceKeepBoth,
            Choice::DiscardRecovery => Msg::ChoiceDiscardRecovery,
            Choice::Later => Msg::ChoiceLater,
            Choice::LoadDisk => Msg::ChoiceLoadDisk,
            Choice::WriteAnyway => Msg::ChoiceWriteAnyway,
            Choice::AsArticles => Msg::ChoiceAsArticles,
            Choice::AsText => Msg::ChoiceAsText,
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.t(self.msg())
    }

    /// The button: its name and the key that answers it, `保存(S)`.
    pub fn button(self, lang: Lang, keymap: &Keymap) -> String {
        match keymap.key_for(Context::Dialog, Command::Answer(self)) {
            Some(key) => lang.fmt(Msg::ChoiceButton, &[&self.name(lang), &key]),
            None => self.name(lang).to_string(),
        }
    }
}

/// A dialog's buttons and which is selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buttons<'a> {
    pub choices: &'a [Choice],
    pub selected: usize,
    /// What Esc answers.
    pub escape: Choice,
}

/// What a command does to a row of buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// The selection moves to this button.
    Select(usize),
    /// The dialog is answered.
    Answer(Choice),
}

/// The dialog keys: Enter takes the selected button, Esc the escape
/// answer, ←/→ (Tab, ↑/↓) move, and a button's own letter answers it;
/// `None` for a command that is no key of these buttons.
pub fn button(cmd: Command, b: Buttons) -> Option<Press> {
    let n = b.choices.len();
    if n == 0 {
        return None;
    }
    match cmd {
        Command::Accept => Some(Press::Answer(b.choices[b.selected.min(n - 1)])),
        Command::Close => Some(Press::Answer(b.escape)),
        Command::PrevField => Some(Press::Select((b.selected + n - 1) % n)),
        Command::NextField => Some(Press::Select((b.selected + 1) % n)),
        Command::Answer(c) if b.choices.contains(&c) => Some(Press::Answer(c)),
        _ => None,
    }
}

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Quit,
    Open(IssueId),
    /// Create the issue the new-issue form asked for.
    CreateIssue(super::form::NewIssueChoice),
    /// Open a search hit (see [`search::Goto`]).
    Search(search::Goto),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmKind {
    /// Save / discard / cancel.
    Unsaved(After),
    DeleteIssue(IssueId),
    DeleteNode(Node),
    /// Overwrite an existing export file.
    Overwrite {
        format: Format,
        contents: bool,
    },
    /// A paste holds section headings or titles: articles, or text?
    PasteArticles(PasteOffer),
}

/// A confirmation dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirm {
    pub kind: ConfirmKind,
    /// The selected button.
    pub choice: usize,
}

impl Confirm {
    /// Asks; `choice`: the button selected first.
    pub fn new(kind: ConfirmKind, choice: usize) -> Confirm {
        Confirm { kind, choice }
    }

    pub fn choices(&self) -> &'static [Choice] {
        match self.kind {
            ConfirmKind::Unsaved(_) => &[Choice::Save, Choice::Discard, Choice::Cancel],
            ConfirmKind::Overwrite { .. } => &[Choice::Overwrite, Choice::Cancel],
            ConfirmKind::DeleteIssue(_) | ConfirmKind::DeleteNode(_) => {
                &[Choice::Delete, Choice::Cancel]
            }
            ConfirmKind::PasteArticles(_) => &[Choice::AsArticles, Choice::AsText, Choice::Cancel],
        }
    }
}

impl Keys for Confirm {
    fn command(&mut self, cmd: Command, _env: &Env) -> Option<Outcome> {
        let buttons = Buttons {
            choices: self.choices(),
            selected: self.choice,
            escape: Choice::Cancel,
        };
        Some(match button(cmd, buttons)? {
            Press::Select(i) => {
                self.choice = i;
                Outcome::Stay
            }
            Press::Answer(c) => Outcome::Answer(c),
        })
    }
}

impl App {
    /// Carries out the answer to a confirmation.
    pub(super) fn confirm(&mut self, kind: ConfirmKind, choice: Choice) {
        if choice == Choice::Cancel {
            return;
        }
        match kind {
            ConfirmKind::Unsaved(after) => {
                if choice == Choice::Save && !self.save_as(SaveMode::Safe, Some(after)) {
                    return;
                }
                if choice == Choice::Discard {
                    self.forget_unsaved();
                    if let Some(doc) = self.doc.as_mut() {
                        let saved = doc.saved.clone();
                        doc.replace_issue(saved, None);
                    }
                }
                self.after(after);
            }
            ConfirmKind::DeleteIssue(id) => self.delete_issue(id),
            ConfirmKind::DeleteNode(node) => self.delete_node(node),
            ConfirmKind::Overwrite { format, contents } => self.export(format, contents, true),
            ConfirmKind::PasteArticles(offer) => {
                if choice == Choice::AsArticles {
                    self.paste_as_articles(offer);
                } else if !self.rejoin_paste(offer) {
                    self.notify_error(self.lang.t(Msg::TidyStale).to_string());
                }
            }
        }
    }

    /// Runs `after` if nothing is unsaved, else asks first.
    pub(super) fn guard_unsaved(&mut self, after: After) {
        if self.is_dirty() {
            self.overlay = Some(Overlay::Confirm(Confirm::new(
                ConfirmKind::Unsaved(after),
                0,
            )));
        } else {
            self.after(after);
        }
    }

    pub(super) fn after(&mut self, after: After) {
        match after {
            After::Quit => self.running = false,
            After::Open(id) => self.open_issue(id),
            After::CreateIssue(choice) => self.create_issue(choice),
            After::Search(goto) => self.goto_hit(goto),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_read_their_key_from_the_key_map() {
        let map = Keymap::default();
        assert_eq!(Choice::Save.button(Lang::Zh, &map), "保存(S)");
        assert_eq!(Choice::KeepBoth.button(Lang::En, &map), "Keep both (K)");
        let user = crate::app::config::Config::parse(
            r#"(keys: [(context: Dialog, key: "X", command: Answer(Discard))])"#,
        )
        .unwrap();
        let map = Keymap::with_overrides(user.keys);
        assert_eq!(Choice::Discard.button(Lang::Zh, &map), "不保存(X)");
    }

    #[test]
    fn only_the_buttons_of_the_dialog_answer_it() {
        let b = Buttons {
            choices: &[Choice::Delete, Choice::Cancel],
            selected: 1,
            escape: Choice::Cancel,
        };
        let press = |cmd| button(cmd, b);
        assert_eq!(press(Command::Accept), Some(Press::Answer(Choice::Cancel)));
        assert_eq!(
            press(Command::Answer(Choice::Delete)),
            Some(Press::Answer(Choice::Delete))
        );
        assert_eq!(press(Command::Answer(Choice::Save)), None);
        assert_eq!(press(Command::NextField), Some(Press::Select(0)));
        assert_eq!(press(Command::PrevField), Some(Press::Select(0)));
        assert_eq!(press(Command::Close), Some(Press::Answer(Choice::Cancel)));
        assert_eq!(press(Command::Save), None);
    }
}
