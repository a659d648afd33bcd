//! Everything the clerk can ask for, by name. Keys map to these (see
//! [`super::keymap`]); the command palette lists them; `update` applies them.

use crate::i18n::{Lang, Msg};

/// A command the app can carry out. Names are stable: they appear in the
/// user's key configuration file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Command {
    // Global
    Quit,
    Save,
    Help,
    Palette,
    FocusNext,
    FocusPrev,
    Zoom,
    Properties,
    Export,
    Preview,
    Find,
    Replace,
    SearchAll,
    // Editing, for the palette (the editor's own keys do these directly)
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    SelectAll,
    SwitchLanguage,
    // Editor
    Tidy,
    // Issue list
    NewIssue,
    DuplicateIssue,
    DeleteIssue,
    Trash,
    // Section tree
    AddSection,
    AddArticle,
    Rename,
    DeleteItem,
    MoveUp,
    MoveDown,
    ToggleKind,
    Expand,
    Collapse,
    // Navigation shared by lists
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    Back,
}

impl Command {
    /// Every command, in the order the palette shows them.
    pub const ALL: &'static [Command] = &[
        Command::Save,
        Command::NewIssue,
        Command::DuplicateIssue,
        Command::DeleteIssue,
        Command::Trash,
        Command::Properties,
        Command::Export,
        Command::Preview,
        Command::Find,
        Command::Replace,
        Command::SearchAll,
        Command::Undo,
        Command::Redo,
        Command::Cut,
        Command::Copy,
        Command::Paste,
        Command::SelectAll,
        Command::Tidy,
        Command::AddSection,
        Command::AddArticle,
        Command::Rename,
        Command::DeleteItem,
        Command::MoveUp,
        Command::MoveDown,
        Command::ToggleKind,
        Command::Expand,
        Command::Collapse,
        Command::Zoom,
        Command::FocusNext,
        Command::FocusPrev,
        Command::SwitchLanguage,
        Command::Help,
        Command::Palette,
        Command::Quit,
        Command::Up,
        Command::Down,
        Command::PageUp,
        Command::PageDown,
        Command::First,
        Command::Last,
        Command::Open,
        Command::Back,
    ];

    /// Commands worth offering in the palette (plain cursor movement is not).
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Command::Up
                | Command::Down
                | Command::PageUp
                | Command::PageDown
                | Command::First
                | Command::Last
                | Command::Palette
        )
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(self.msg())
    }

    /// Both names, for palette search in either language.
    pub fn names(self) -> (&'static str, &'static str) {
        self.msg().texts()
    }

    fn msg(self) -> Msg {
        match self {
            Command::Quit => Msg::CmdQuit,
            Command::Save => Msg::CmdSave,
            Command::Help => Msg::CmdHelp,
            Command::Palette => Msg::CmdPalette,
            Command::FocusNext => Msg::CmdFocusNext,
            Command::FocusPrev => Msg::CmdFocusPrev,
            Command::Zoom => Msg::CmdZoom,
            Command::Properties => Msg::CmdProperties,
            Command::Export => Msg::CmdExport,
            Command::Preview => Msg::CmdPreview,
            Command::Tidy => Msg::CmdTidy,
            Command::Find => Msg::CmdFind,
            Command::Replace => Msg::CmdReplace,
            Command::SearchAll => Msg::CmdSearchAll,
            Command::Undo => Msg::CmdUndo,
            Command::Redo => Msg::CmdRedo,
            Command::Cut => Msg::CmdCut,
            Command::Copy => Msg::CmdCopy,
            Command::Paste => Msg::CmdPaste,
            Command::SelectAll => Msg::CmdSelectAll,
            Command::SwitchLanguage => Msg::CmdSwitchLanguage,
            Command::NewIssue => Msg::CmdNewIssue,
            Command::DuplicateIssue => Msg::CmdDuplicateIssue,
            Command::DeleteIssue => Msg::CmdDeleteIssue,
            Command::Trash => Msg::CmdTrash,
            Command::AddSection => Msg::CmdAddSection,
            Command::AddArticle => Msg::CmdAddArticle,
            Command::Rename => Msg::CmdRename,
            Command::DeleteItem => Msg::CmdDeleteItem,
            Command::MoveUp => Msg::CmdMoveUp,
            Command::MoveDown => Msg::CmdMoveDown,
            Command::ToggleKind => Msg::CmdToggleKind,
            Command::Expand => Msg::CmdExpand,
            Command::Collapse => Msg::CmdCollapse,
            Command::Up => Msg::CmdUp,
            Command::Down => Msg::CmdDown,
            Command::PageUp => Msg::CmdPageUp,
            Command::PageDown => Msg::CmdPageDown,
            Command::First => Msg::CmdFirst,
            Command::Last => Msg::CmdLast,
            Command::Open => Msg::CmdOpen,
            Command::Back => Msg::CmdBack,
        }
    }
}
