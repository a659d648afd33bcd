//! The default bindings, after Word and micro. One key can run one command
//! per context; one command can have several keys (a function key reaches
//! over any SSH client where a Ctrl or Alt chord may not). Within a
//! context, the first key of a command is the one hints show.

use super::Context;
use crate::app::command::Command::{self, *};
use crate::app::dialog::Choice;

pub(super) const DEFAULTS: &[(Context, &[(&str, Command)])] = &[
    (
        Context::Global,
        &[
            ("Ctrl+Q", Quit),
            ("Ctrl+S", Save),
            ("F1", Help),
            ("Ctrl+G", Help),
            ("Ctrl+P", Palette),
            ("Tab", FocusNext),
            ("Shift+Tab", FocusPrev),
            ("F11", Zoom),
            ("Alt+Z", Zoom),
            ("F4", Properties),
            ("Ctrl+E", Export),
            ("F5", Preview),
            ("Ctrl+F", Find),
            ("Ctrl+R", Replace),
            // Ctrl+Shift+F only where the terminal tells it from Ctrl+F (most
            // cannot).
            ("F12", SearchAll),
            ("Ctrl+Shift+F", SearchAll),
            ("Ctrl+N", NewIssue),
            ("Ctrl+L", SwitchLanguage),
            ("Ctrl+K", ChangeStatus),
            // 收件箱: Ctrl+O is import in the list and the tree; F10 where the
            // SSH client passes it, Ctrl+W everywhere.
            ("Ctrl+W", Inbox),
            ("F10", Inbox),
            // 采用统计 (tongji); `S` in the issue list reaches everywhere.
            ("Alt+T", Stats),
        ],
    ),
    // The issue list.
    (
        Context::Issues,
        &[
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Home", First),
            ("End", Last),
            ("Enter", Open),
            ("Right", Open),
            ("Insert", NewIssue),
            ("Ctrl+D", DuplicateIssue),
            ("Delete", DeleteIssue),
            ("Ctrl+T", Trash),
            ("F3", SearchAll),
            // Ctrl+O reaches over PuTTY and Xshell (no F-key is left free).
            ("Ctrl+O", ImportNew),
            ("F", FilterStatus),
            ("S", Stats),
        ],
    ),
    // The section tree.
    (
        Context::Tree,
        &[
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Home", First),
            ("End", Last),
            ("Enter", Open),
            ("Right", Expand),
            ("Space", Expand),
            ("Left", Collapse),
            ("Esc", Back),
            ("Insert", AddArticle),
            ("F8", AddArticle),
            ("F7", AddSection),
            ("F2", Rename),
            ("Delete", DeleteItem),
            ("Alt+Up", MoveUp),
            ("Ctrl+Up", MoveUp),
            // Keys any terminal passes, for clients that garble the chords.
            ("Ctrl+U", MoveUp),
            ("Alt+Down", MoveDown),
            ("Ctrl+Down", MoveDown),
            ("Ctrl+D", MoveDown),
            ("F9", ToggleKind),
            ("Ctrl+O", ImportInto),
            // From the tree, find and replace go across the whole issue.
            ("Ctrl+F", FindInIssue),
            ("Ctrl+R", ReplaceInIssue),
            // Undo of structure (issue 12, branch tree): as the editor
            // undoes text.
            ("Ctrl+Z", UndoStructure),
            ("Ctrl+Y", RedoStructure),
            ("Ctrl+Shift+Z", RedoStructure),
        ],
    ),
    // The article editor (a character no binding takes is typed).
    (
        Context::Editor,
        &[
            ("Esc", Back),
            ("F2", Rename),
            ("F9", ToggleKind),
            ("F6", Tidy),
            ("Alt+Up", MoveUp),
            ("Ctrl+U", MoveUp),
            ("Alt+Down", MoveDown),
            ("Ctrl+D", MoveDown),
            // Word's extend mode: selecting without Shift.
            ("F8", ExtendSelection),
            ("Enter", Newline),
            // Shift still held from a capital letter must not swallow these.
            ("Shift+Enter", Newline),
            ("Backspace", DeleteBack),
            ("Shift+Backspace", DeleteBack),
            ("Delete", DeleteForward),
            ("Ctrl+Backspace", DeleteWordBack),
            ("Ctrl+Delete", DeleteWordForward),
            ("Left", Left),
            ("Right", Right),
            ("Up", Up),
            ("Down", Down),
            ("Home", LineStart),
            ("End", LineEnd),
            ("Ctrl+Left", WordLeft),
            ("Ctrl+Right", WordRight),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Ctrl+Home", First),
            ("Ctrl+End", Last),
            ("Shift+Left", SelectLeft),
            ("Shift+Right", SelectRight),
            ("Shift+Up", SelectUp),
            ("Shift+Down", SelectDown),
            ("Shift+Home", SelectLineStart),
            ("Shift+End", SelectLineEnd),
            ("Ctrl+Shift+Left", SelectWordLeft),
            ("Ctrl+Shift+Right", SelectWordRight),
            ("Shift+PageUp", SelectPageUp),
            ("Shift+PageDown", SelectPageDown),
            ("Ctrl+Shift+Home", SelectFirst),
            ("Ctrl+Shift+End", SelectLast),
            ("Ctrl+A", SelectAll),
            ("Ctrl+X", Cut),
            ("Shift+Delete", Cut),
            ("Ctrl+C", Copy),
            ("Ctrl+Insert", Copy),
            ("Ctrl+V", Paste),
            ("Shift+Insert", Paste),
            ("Ctrl+Z", Undo),
            ("Ctrl+Y", Redo),
            ("Ctrl+Shift+Z", Redo),
            ("F3", FindNext),
            ("Shift+F3", FindPrev),
            ("Alt+J", JoinLines),
            // Second keys for the modifier chords (issue 12): PuTTY, KiTTY
            // and Xshell send Ctrl+arrows and Ctrl+Home/End as the plain
            // keys, but Alt+key as ESC and the key's byte (readline's and
            // Emacs's keys: Alt+B/F by word, Alt+</> to either end).
            ("Alt+B", WordLeft),
            ("Alt+F", WordRight),
            ("Alt+<", First),
            ("Alt+>", Last),
            ("Alt+Backspace", DeleteWordBack),
            ("Alt+D", DeleteWordForward),
        ],
    ),
    // The find bar; other keys go on to the text field, then the editor.
    (
        Context::Find,
        &[
            ("Enter", Accept),
            ("Down", FindNext),
            ("F3", FindNext),
            ("Up", FindPrev),
            ("Shift+F3", FindPrev),
            ("Tab", NextField),
            ("Shift+Tab", PrevField),
            ("Alt+A", ReplaceAll),
            // Ctrl+F again: the whole issue, and back to the article.
            ("Ctrl+F", FindScope),
            ("Esc", Close),
        ],
    ),
    // Every one-line text field (a character no binding takes is typed).
    (
        Context::Field,
        &[
            ("Left", Left),
            ("Right", Right),
            ("Home", LineStart),
            ("End", LineEnd),
            ("Ctrl+Left", WordLeft),
            ("Ctrl+Right", WordRight),
            ("Backspace", DeleteBack),
            ("Shift+Backspace", DeleteBack),
            ("Delete", DeleteForward),
            ("Ctrl+Backspace", DeleteWordBack),
            ("Ctrl+Delete", DeleteWordForward),
            ("Ctrl+U", DeleteToLineStart),
            // As in the editor, for terminals that garble the chords.
            ("Alt+B", WordLeft),
            ("Alt+F", WordRight),
            ("Alt+Backspace", DeleteWordBack),
            ("Alt+D", DeleteWordForward),
        ],
    ),
    // The command palette.
    (
        Context::Palette,
        &[
            ("Enter", Accept),
            ("Up", Up),
            ("Down", Down),
            ("Esc", Close),
        ],
    ),
    // Searching every issue.
    (
        Context::Search,
        &[
            ("Enter", Accept),
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Esc", Close),
        ],
    ),
    // Forms.
    (
        Context::Form,
        &[
            ("Enter", Accept),
            ("Tab", NextField),
            ("Down", NextField),
            ("Shift+Tab", PrevField),
            ("Up", PrevField),
            ("Space", ToggleItem),
            ("Esc", Close),
        ],
    ),
    // Dialogs. Several answers may share a letter: a dialog takes the
    // first one it offers. Only the plain letter answers (Ctrl+D must not
    // discard).
    (
        Context::Dialog,
        &[
            ("Enter", Accept),
            ("Left", PrevField),
            ("Shift+Tab", PrevField),
            ("Up", PrevField),
            ("Right", NextField),
            ("Tab", NextField),
            ("Down", NextField),
            ("Esc", Close),
            ("S", Answer(Choice::Save)),
            ("D", Answer(Choice::Discard)),
            ("C", Answer(Choice::Cancel)),
            ("N", Answer(Choice::Cancel)),
            ("D", Answer(Choice::Delete)),
            ("Y", Answer(Choice::Overwrite)),
            ("R", Answer(Choice::Restore)),
            ("K", Answer(Choice::KeepBoth)),
            ("D", Answer(Choice::DiscardRecovery)),
            ("L", Answer(Choice::Later)),
            ("L", Answer(Choice::LoadDisk)),
            ("W", Answer(Choice::WriteAnyway)),
            ("A", Answer(Choice::AsArticles)),
            ("T", Answer(Choice::AsText)),
        ],
    ),
    // Tidy text: the list of changes.
    (
        Context::Tidy,
        &[
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Home", First),
            ("End", Last),
            ("Space", ToggleItem),
            ("A", ToggleAll),
            ("Enter", Accept),
            ("Esc", Close),
        ],
    ),
    // The print preview.
    (
        Context::Preview,
        &[
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Space", PageDown),
            ("Home", First),
            ("End", Last),
            ("Esc", Close),
            ("Q", Close),
            ("F5", Close),
        ],
    ),
    // The trash.
    (
        Context::Trash,
        &[
            ("Up", Up),
            ("Down", Down),
            ("Enter", Accept),
            ("Esc", Close),
        ],
    ),
    // Replacing all across the issue: the matches, to confirm.
    (
        Context::Replace,
        &[
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Home", First),
            ("End", Last),
            ("Space", ToggleItem),
            ("A", ToggleAll),
            ("Enter", Accept),
            ("Esc", Close),
        ],
    ),
    // Importing a file; other keys go on to the text field.
    (
        Context::Import,
        &[
            ("Enter", Accept),
            ("Tab", Complete),
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Ctrl+Home", First),
            ("Ctrl+End", Last),
            ("Alt+<", First),
            ("Alt+>", Last),
            ("Esc", Close),
        ],
    ),
    // The inbox view: a list, a section picker, a note field (the
    // letters type there).
    (
        Context::Inbox,
        &[
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("A", InboxAdopt),
            ("B", InboxBrief),
            ("R", InboxReturn),
            ("D", InboxDecline),
            ("U", InboxUnit),
            ("Space", ToggleItem),
            ("Enter", Accept),
            ("Esc", Close),
        ],
    ),
    // The statistics view: a table, then the CSV's path field (the
    // letters type there).
    (
        Context::Stats,
        &[
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Home", First),
            ("End", Last),
            ("Left", Left),
            ("Right", Right),
            ("G", StatsGroup),
            ("P", StatsPeriod),
            ("S", StatsSort),
            ("R", StatsReverse),
            ("Ctrl+S", StatsSave),
            ("E", StatsSave),
            ("Enter", Accept),
            ("Esc", Close),
        ],
    ),
    // Help; any other key closes it.
    (
        Context::Help,
        &[
            ("Up", Up),
            ("Down", Down),
            ("PageUp", PageUp),
            ("PageDown", PageDown),
            ("Space", PageDown),
            ("Home", First),
            ("End", Last),
            ("Esc", Close),
        ],
    ),
];
