//! The help overlay (F1): every key of every context, read from the key map
//! in use — so a key changed in `config.ron` shows as it is — laid out at
//! the popup's width, and scrolled no further than its last line.

use super::Command;
use super::keymap::{Context, Key, Keymap};
use super::layout;
use super::overlay::{Env, Keys, Outcome};
use crate::i18n::{Lang, Msg};
use crate::text::wrap;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The popup's largest size, borders included.
pub const SIZE: (u16, u16) = (76, 40);
/// Columns of the keys, indent included; longer keys push their text on.
const KEY_COLUMN: usize = 16;

/// A row of the help, before it is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(Context),
    /// A paragraph of prose.
    Text(String),
    /// Keys that run `command` in `context`, and what they do.
    Keys {
        context: Context,
        command: Command,
        keys: Vec<Key>,
        label: String,
    },
    Blank,
}

/// What a laid-out line of the help is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    /// A row of keys (`key` holds them on its first line).
    Keys,
    Text,
}

/// A line of the help as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    /// The keys column, padded (empty on continuation lines).
    pub key: String,
    pub text: String,
}

/// The help's rows for `keymap`, in `lang`.
pub fn rows(keymap: &Keymap, lang: Lang) -> Vec<Row> {
    let first = |ctx, cmd| {
        keymap
            .key_for(ctx, cmd)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    let intro = lang.fmt(
        Msg::HelpIntro,
        &[
            &first(Context::Issues, Command::Open),
            &first(Context::Tree, Command::Open),
            &first(Context::Global, Command::Save),
            &first(Context::Global, Command::Palette),
        ],
    );
    let mut rows = vec![Row::Text(intro), Row::Blank];
    for context in Context::ALL {
        rows.push(Row::Heading(context));
        // One row per command, its keys in binding order.
        let mut commands: Vec<(Command, Vec<Key>)> = Vec::new();
        for b in keymap.bindings(context) {
            match commands.iter_mut().find(|(c, _)| *c == b.command) {
                Some((_, keys)) => keys.push(b.key),
                None => commands.push((b.command, vec![b.key])),
            }
        }
        for (command, keys) in commands {
            rows.push(Row::Keys {
                context,
                command,
                keys,
                label: command.label(lang).to_string(),
            });
        }
        if context == Context::Editor {
            // Right after a hard-wrapped paste, the tidy key joins its lines.
            let keys = keymap.keys_for(Context::Editor, Command::Tidy);
            if !keys.is_empty() {
                rows.push(Row::Keys {
                    context,
                    command: Command::Tidy,
                    keys,
                    label: lang.t(Msg::KeyRejoinPaste).to_string(),
                });
            }
            rows.push(Row::Text(lang.t(Msg::KeyTypingNote).to_string()));
        }
        if context == Context::Tree {
            // What the tree's undo takes back, and when it forgets.
            let (undo, redo) = (
                first(Context::Tree, Command::UndoStructure),
                first(Context::Tree, Command::RedoStructure),
            );
            rows.push(Row::Text(lang.fmt(Msg::KeyTreeUndoNote, &[&undo, &redo])));
        }
        rows.push(Row::Blank);
    }
    rows
}

/// `rows` laid out `width` columns wide.
fn lay_out(rows: &[Row], lang: Lang, width: usize) -> Vec<Line> {
    let width = width.max(KEY_COLUMN + 4);
    let mut lines = Vec::new();
    let mut text = |kind, first_key: String, indent: usize, s: &str| {
        let mut key = first_key;
        // Keys wider than the popup push the text past its edge, cut off.
        for r in wrap(s, width.saturating_sub(indent).max(KEY_COLUMN), 0) {
            lines.push(Line {
                kind,
                key: std::mem::take(&mut key),
                text: s[r.start..r.end].to_string(),
            });
        }
    };
    for row in rows {
        match row {
            Row::Heading(ctx) => text(LineKind::Heading, String::new(), 0, lang.t(ctx.heading())),
            Row::Text(s) => text(LineKind::Text, String::new(), 0, s),
            Row::Keys { keys, label, .. } => {
                let keys = keys
                    .iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut key = format!("  {keys}");
                let pad = KEY_COLUMN.saturating_sub(key.width()).max(2);
                key.push_str(&" ".repeat(pad));
                let indent = key.width();
                text(LineKind::Keys, key, indent, label);
            }
            Row::Blank => text(LineKind::Text, String::new(), 0, ""),
        }
    }
    lines
}

/// Where the help's text goes in a terminal of `width` × `height`.
pub fn area(width: u16, height: u16) -> Rect {
    let popup = layout::popup(Rect::new(0, 0, width, height), SIZE.0, SIZE.1);
    layout::inner(popup)
}

/// The help overlay's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    rows: Vec<Row>,
    lang: Lang,
    pub lines: Vec<Line>,
    /// The first line shown.
    pub scroll: usize,
    /// Lines the popup shows.
    pub height: usize,
    width: usize,
}

impl Help {
    pub fn new(keymap: &Keymap, lang: Lang, width: u16, height: u16) -> Help {
        let mut help = Help {
            rows: rows(keymap, lang),
            lang,
            lines: Vec::new(),
            scroll: 0,
            height: 0,
            width: 0,
        };
        help.fit(width, height);
        help
    }

    /// The rows it shows (for tests of what the help says).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Lays the help out again for a terminal of a new size.
    pub fn fit(&mut self, width: u16, height: u16) {
        let inner = area(width, height);
        if inner.width as usize != self.width {
            self.width = inner.width as usize;
            self.lines = lay_out(&self.rows, self.lang, self.width);
        }
        self.height = (inner.height as usize).max(1);
        self.scroll_to(self.scroll);
    }

    /// The furthest scroll: the last line at the bottom.
    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.height)
    }

    fn scroll_to(&mut self, line: usize) {
        self.scroll = line.min(self.max_scroll());
    }

    /// The lines in view.
    pub fn visible(&self) -> &[Line] {
        let end = (self.scroll + self.height).min(self.lines.len());
        &self.lines[self.scroll.min(end)..end]
    }
}

impl Keys for Help {
    fn command(&mut self, cmd: Command, _env: &Env) -> Option<Outcome> {
        let page = self.height.saturating_sub(1).max(1);
        let to = match cmd {
            Command::Up => self.scroll.saturating_sub(1),
            Command::Down => self.scroll + 1,
            Command::PageUp => self.scroll.saturating_sub(page),
            Command::PageDown => self.scroll + page,
            Command::First => 0,
            Command::Last => usize::MAX,
            Command::Close => return Some(Outcome::Close),
            _ => return None,
        };
        self.scroll_to(to);
        Some(Outcome::Stay)
    }

    /// Any other key closes the help.
    fn text(&mut self, _c: char, _env: &Env) -> Outcome {
        Outcome::Close
    }

    fn other(&mut self, _env: &Env) -> Outcome {
        Outcome::Close
    }
}
