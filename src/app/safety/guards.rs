//! Input guards: a terminal that is not UTF-8 gets a warning and its
//! garbled input is kept out of the text; keys nothing took get a hint.

use super::dialog::Dialog;
use crate::app::{App, Focus};
use crate::i18n::Msg;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Why the terminal seems not to be UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingProblem {
    /// The locale names another charset, e.g. `LANG=zh_CN.GBK`.
    Locale(String),
    /// Two wide test characters moved the cursor this many columns, not 4.
    Terminal { columns: u16 },
}

impl App {
    /// The terminal's answer to the encoding probe: how many columns two
    /// wide characters took (`None`: no answer).
    pub fn terminal_probe(&mut self, columns: Option<u16>) {
        match columns {
            Some(4) => {
                // The terminal is UTF-8 whatever the locale says.
                self.safety.terminal_utf8 = Some(true);
            }
            Some(columns) => self.encoding_problem(EncodingProblem::Terminal { columns }),
            None => {}
        }
    }

    /// Warns that the terminal is not UTF-8, and refuses typed non-ASCII
    /// input from now on: when the terminal itself showed it, or when the
    /// locale names another charset, until the probe (if it runs) finds the
    /// terminal is UTF-8 after all. GBK bytes can be valid UTF-8 (D2 BB is
    /// "һ"), so garbage would otherwise go into the text unseen.
    pub fn encoding_problem(&mut self, problem: EncodingProblem) {
        tracing::warn!(?problem, "terminal is not UTF-8");
        let shown = matches!(problem, EncodingProblem::Terminal { .. });
        if shown || self.safety.terminal_utf8 != Some(true) {
            self.safety.terminal_utf8 = Some(false);
        }
        self.safety
            .show_first(&mut self.overlay, Dialog::Encoding(problem));
    }

    /// Sees every event first: counts it (autosave looks for changes only
    /// after events), and keeps input a terminal that is not UTF-8 garbled
    /// out of the text; returns whether the event was refused.
    pub(in crate::app) fn before_event(&mut self, event: &Event) -> bool {
        self.safety.events += 1;
        let not_utf8 = self.safety.terminal_utf8 == Some(false);
        let refused = match event {
            // crossterm decodes a paste lossily: U+FFFD marks bytes that
            // were not UTF-8, unless the terminal is known to be UTF-8 (then
            // it is in the text itself, as in PDF extractions).
            Event::Paste(text)
                if text.contains('\u{FFFD}') && self.safety.terminal_utf8 != Some(true) =>
            {
                Some(Msg::PasteNotUtf8)
            }
            Event::Paste(text) if not_utf8 && !text.is_ascii() => Some(Msg::InputNotUtf8),
            // crossterm drops invalid UTF-8 from keys, but some GBK byte
            // pairs are valid UTF-8 (BA C3 B0 A1 “好啊” gives ð): in a
            // terminal known not to be UTF-8 no typed non-ASCII is real.
            Event::Key(k) if not_utf8 && matches!(k.code, KeyCode::Char(c) if !c.is_ascii()) => {
                Some(Msg::InputNotUtf8)
            }
            _ => None,
        };
        if let Some(m) = refused {
            self.notify_error(self.lang.t(m).to_string());
        }
        refused.is_some()
    }

    /// A key nothing took: Ctrl+C, the habit of a lifetime, gets a hint.
    pub(in crate::app) fn unbound_key(&mut self, key: &KeyEvent) {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('c' | 'C'))
        {
            self.notify(self.hint(Msg::CtrlCHint, &[]));
        } else if plain && matches!(key.code, KeyCode::Char(_)) && self.focus != Focus::Editor {
            // Typing outside the text goes nowhere: say where it would go.
            self.notify(self.lang.t(Msg::TypeWhere).to_string());
        }
    }
}
