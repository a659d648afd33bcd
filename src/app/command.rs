//! Everything the clerk can ask for, by name. Keys are bound to these in the
//! one key map ([`super::keymap`]); the command palette lists them; the app
//! applies them in `App::update`, and each overlay the ones of its own keys.
//!
//! A command means the same thing wherever it is bound, read for where the
//! key was pressed: `Up` moves the issue list's selection, the caret in the
//! editor, the help's text.

use super::dialog::Choice;
use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

/// Declares [`Command`]: its variants with their names in the message table,
/// in the order the palette lists them, so the list cannot miss one.
macro_rules! commands {
    ($($(#[$doc:meta])* $name:ident => $msg:ident,)*) => {
        /// A command the app can carry out. Names are stable: they appear in
        /// the user's key configuration (`command: Save`, `command:
        /// Answer(Discard)`).
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        pub enum Command {
            $($(#[$doc])* $name,)*
            /// Answers a dialog with one of its buttons.
            Answer(Choice),
        }

        impl Command {
            /// The commands without data, in palette order.
            const PLAIN: &'static [Command] = &[$(Command::$name,)*];

            fn plain_msg(self) -> Option<Msg> {
                match self {
                    $(Command::$name => Some(Msg::$msg),)*
                    Command::Answer(_) => None,
                }
            }
        }
    };
}

commands! {
    Save => CmdSave,
    NewIssue => CmdNewIssue,
    DuplicateIssue => CmdDuplicateIssue,
    /// Moves the issue to the library's trash (after asking).
    DeleteIssue => CmdDeleteIssue,
    /// The trash: restore a deleted issue.
    Trash => CmdTrash,
    /// The masthead and closing block (F4).
    Properties => CmdProperties,
    // ----- The office's workflow (issue 14): changes of status of the
    // selected issue (in the list) or the open one, and the list's filter.
    /// Asks which allowed move to make, with a note.
    ChangeStatus => CmdChangeStatus,
    SubmitReview => CmdSubmitReview,
    Sign => CmdSign,
    Distribute => CmdDistribute,
    /// Back to draft (退回修改), with a reason.
    Reopen => CmdReopen,
    /// Cycles the issue list through all, draft, review, signed, distributed.
    FilterStatus => CmdFilterStatus,
    /// Shares the library through git: commit, pull with rebase, push.
    Sync => CmdSync,
    Export => CmdExport,
    // Importing from the editor (issue 16): a path prompt, a preview,
    // confirmation.
    /// Imports a file (text, .docx, PDF) as a new issue.
    ImportNew => CmdImportNew,
    /// Imports a file's articles into the open issue.
    ImportInto => CmdImportInto,
    Preview => CmdPreview,
    Find => CmdFind,
    Replace => CmdReplace,
    SearchAll => CmdSearchAll,
    Undo => CmdUndo,
    Redo => CmdRedo,
    Cut => CmdCut,
    Copy => CmdCopy,
    Paste => CmdPaste,
    SelectAll => CmdSelectAll,
    Tidy => CmdTidy,
    AddSection => CmdAddSection,
    AddArticle => CmdAddArticle,
    /// Renames a section, or edits an article's title, kind and source.
    Rename => CmdRename,
    DeleteItem => CmdDeleteItem,
    MoveUp => CmdMoveUp,
    MoveDown => CmdMoveDown,
    ToggleKind => CmdToggleKind,
    Expand => CmdExpand,
    Collapse => CmdCollapse,
    Zoom => CmdZoom,
    FocusNext => CmdFocusNext,
    FocusPrev => CmdFocusPrev,
    SwitchLanguage => CmdSwitchLanguage,
    Help => CmdHelp,
    Palette => CmdPalette,
    Quit => CmdQuit,
    /// Opens what is selected: an issue, an article; folds a section.
    Open => CmdOpen,
    /// Back to the previous pane.
    Back => CmdBack,
    FindNext => CmdFindNext,
    FindPrev => CmdFindPrev,
    Newline => CmdNewline,
    DeleteBack => CmdDeleteBack,
    DeleteForward => CmdDeleteForward,
    DeleteWordBack => CmdDeleteWordBack,
    DeleteWordForward => CmdDeleteWordForward,
    Up => CmdUp,
    Down => CmdDown,
    Left => CmdLeft,
    Right => CmdRight,
    /// Start of the screen row (of a text field: of its text).
    LineStart => CmdLineStart,
    LineEnd => CmdLineEnd,
    /// Back to the start of the word or phrase (phrases end at punctuation).
    WordLeft => CmdWordLeft,
    WordRight => CmdWordRight,
    PageUp => CmdPageUp,
    PageDown => CmdPageDown,
    /// The first row of a list; the start of the article.
    First => CmdFirst,
    Last => CmdLast,
    SelectLeft => CmdSelectLeft,
    SelectRight => CmdSelectRight,
    SelectUp => CmdSelectUp,
    SelectDown => CmdSelectDown,
    SelectLineStart => CmdSelectLineStart,
    SelectLineEnd => CmdSelectLineEnd,
    SelectWordLeft => CmdSelectWordLeft,
    SelectWordRight => CmdSelectWordRight,
    SelectPageUp => CmdSelectPageUp,
    SelectPageDown => CmdSelectPageDown,
    SelectFirst => CmdSelectFirst,
    SelectLast => CmdSelectLast,
    // The inbox (issue 18): the view, and its decisions on a submission.
    /// The inbox (收件箱): submissions from units, to adopt or decline.
    Inbox => CmdInbox,
    InboxAdopt => CmdInboxAdopt,
    InboxBrief => CmdInboxBrief,
    InboxReturn => CmdInboxReturn,
    InboxDecline => CmdInboxDecline,
    /// Corrects the selected submission's unit.
    InboxUnit => CmdInboxUnit,
    // The statistics view (issues 14 and 18): the view, and its own keys.
    /// 采用统计: per unit the articles adopted, 字数, issues, adoption rates.
    Stats => CmdStats,
    StatsGroup => CmdStatsGroup,
    StatsPeriod => CmdStatsPeriod,
    StatsSort => CmdStatsSort,
    StatsReverse => CmdStatsReverse,
    StatsSave => CmdStatsSave,
    /// Takes what an overlay offers: the selected command, hit, button;
    /// submits a form; in the find bar, the next match (or replaces it).
    Accept => CmdAccept,
    /// Closes an overlay, cancelling what it was about.
    Close => CmdClose,
    NextField => CmdNextField,
    PrevField => CmdPrevField,
    /// Ticks a change (tidy), or changes a form field's option.
    ToggleItem => CmdToggleItem,
    ToggleAll => CmdToggleAll,
    /// In the find bar: replaces every match.
    ReplaceAll => CmdReplaceAll,
    /// In a text field: deletes from the start to the caret.
    DeleteToLineStart => CmdDeleteToLineStart,
    /// In the import prompt: completes the path typed.
    Complete => CmdComplete,

    // The clerk's desk (issue 12): joining lines on demand.
    /// 合并断行: rejoins the selected lines into paragraphs.
    JoinLines => CmdJoinLines,
    /// Word's extend mode (F8): plain moves select until Esc or an edit,
    /// for terminals that do not pass Shift with the arrows.
    ExtendSelection => CmdExtendSelection,

    // Finding across the whole issue (issue 12): titles and every
    // article's text, in issue order.
    /// The find bar over the whole issue (全期).
    FindInIssue => CmdFindInIssue,
    /// The replace bar over the whole issue; replacing all shows the
    /// matches first.
    ReplaceInIssue => CmdReplaceInIssue,
    /// In the find bar: between the article (本文) and the whole issue.
    FindScope => CmdFindScope,
    // The tree at the clerk's desk (issue 12, branch tree): undo of the
    // open issue's structure.
    /// Takes back the last structural edit (adding, deleting, moving,
    /// renaming, feature/brief, pasted articles, an import, F4).
    UndoStructure => CmdUndoStructure,
    RedoStructure => CmdRedoStructure,
}

impl Command {
    /// Every command: those in palette order, then the dialog answers.
    pub fn all() -> impl Iterator<Item = Command> {
        Command::PLAIN
            .iter()
            .copied()
            .chain(Choice::ALL.into_iter().map(Command::Answer))
    }

    /// Whether the command acts from the panes, where the palette is
    /// opened (then the palette offers it). The others only mean something
    /// to an overlay's or the find bar's own keys.
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Command::Accept
                | Command::Close
                | Command::NextField
                | Command::PrevField
                | Command::ToggleItem
                | Command::ToggleAll
                | Command::ReplaceAll
                | Command::FindScope
                | Command::DeleteToLineStart
                | Command::Complete
                | Command::InboxAdopt
                | Command::InboxBrief
                | Command::InboxReturn
                | Command::InboxDecline
                | Command::InboxUnit
                | Command::StatsGroup
                | Command::StatsPeriod
                | Command::StatsSort
                | Command::StatsReverse
                | Command::StatsSave
                | Command::Answer(_)
        )
    }

    /// The commands the palette offers, in its order.
    pub fn palette() -> impl Iterator<Item = Command> {
        Command::all().filter(|c| c.in_palette())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Command::Answer(choice) => choice.name(lang),
            _ => lang.t(self.msg()),
        }
    }

    /// Both names, for the palette's search in either language.
    pub fn names(self) -> (&'static str, &'static str) {
        (self.label(Lang::Zh), self.label(Lang::En))
    }

    fn msg(self) -> Msg {
        match self {
            Command::Answer(choice) => choice.msg(),
            _ => self.plain_msg().expect("a plain command has a message"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_name_in_both_languages_and_no_two_share_one() {
        let mut zh = std::collections::HashSet::new();
        let mut en = std::collections::HashSet::new();
        for c in Command::all() {
            let (z, e) = c.names();
            assert!(!z.is_empty() && !e.is_empty(), "{c:?}");
            // Dialog answers share names across dialogs ("取消" in each).
            if c.in_palette() {
                assert!(zh.insert(z), "{c:?}: {z}");
                assert!(en.insert(e), "{c:?}: {e}");
            }
        }
    }

    #[test]
    fn names_in_the_configuration_file_round_trip() {
        for c in Command::all() {
            let text = ron::to_string(&c).unwrap();
            assert_eq!(ron::from_str::<Command>(&text).unwrap(), c, "{text}");
        }
        assert_eq!(
            ron::from_str::<Command>("Answer(Discard)").unwrap(),
            Command::Answer(Choice::Discard)
        );
    }
}
