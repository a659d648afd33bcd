//! The overlays drawn over the panes (help, palette, forms, dialogs, print
//! preview, tidy, search, trash), and where their keys go.

use super::dialog::{ButtonKey, Confirm, button_key};
use super::form::{Form, FormKey};
use super::palette::Palette;
use super::{App, preview, safety, search, tidy};
use crate::i18n::Msg;
use crossterm::event::{KeyCode, KeyEvent};

/// A deleted issue offered for restoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashRow {
    pub path: std::path::PathBuf,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Trash {
        rows: Vec<TrashRow>,
        selected: usize,
    },
    Palette(Palette),
    Form(Form),
    Confirm(Confirm),
    Preview(preview::Preview),
    Tidy(tidy::TidyReview),
    /// Recovery offers, save conflicts, encoding warnings.
    Safety(safety::Dialog),
    Search(search::Search),
}

impl App {
    pub(super) fn handle_overlay_key(&mut self, key: &KeyEvent) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        match overlay {
            Overlay::Help { scroll } => {
                let scroll = match key.code {
                    KeyCode::Down => scroll + 1,
                    KeyCode::Up => scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => scroll + 10,
                    KeyCode::PageUp => scroll.saturating_sub(10),
                    KeyCode::Home => 0,
                    _ => return, // any other key closes help
                };
                self.overlay = Some(Overlay::Help { scroll });
            }
            Overlay::Trash { rows, selected } => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Some(row) = rows.get(selected) {
                        self.restore_issue(&row.path.clone());
                    }
                }
                KeyCode::Up | KeyCode::Down => {
                    let selected = if key.code == KeyCode::Up {
                        selected.saturating_sub(1)
                    } else {
                        (selected + 1).min(rows.len().saturating_sub(1))
                    };
                    self.overlay = Some(Overlay::Trash { rows, selected });
                }
                _ => self.overlay = Some(Overlay::Trash { rows, selected }),
            },
            Overlay::Palette(mut p) => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Some(cmd) = p.chosen() {
                        self.run(cmd);
                        self.keep_visible();
                    }
                }
                KeyCode::Up => {
                    p.selected = p.selected.saturating_sub(1);
                    self.overlay = Some(Overlay::Palette(p));
                }
                KeyCode::Down => {
                    p.selected = (p.selected + 1).min(p.matches().len().saturating_sub(1));
                    self.overlay = Some(Overlay::Palette(p));
                }
                _ => {
                    if p.input.handle_key(key) {
                        p.selected = 0;
                    }
                    self.overlay = Some(Overlay::Palette(p));
                }
            },
            Overlay::Preview(p) => self.preview_key(p, key),
            Overlay::Tidy(t) => self.tidy_key(t, key),
            Overlay::Form(mut form) => match form.handle_key(key) {
                FormKey::Cancel => {}
                FormKey::Submit => self.submit_form(form),
                FormKey::Handled | FormKey::Ignored => self.overlay = Some(Overlay::Form(form)),
            },
            Overlay::Safety(d) => self.safety_dialog_key(d, key),
            Overlay::Search(s) => self.search_key(s, key),
            Overlay::Confirm(mut c) => {
                let answer = match button_key(key, c.choices(), c.choice, Msg::ChoiceCancel) {
                    // N(o) cancels too.
                    ButtonKey::Ignored
                        if !key.modifiers.intersects(
                            crossterm::event::KeyModifiers::CONTROL
                                | crossterm::event::KeyModifiers::ALT,
                        ) && matches!(key.code, KeyCode::Char('n' | 'N')) =>
                    {
                        ButtonKey::Chosen(Msg::ChoiceCancel)
                    }
                    other => other,
                };
                match answer {
                    ButtonKey::Chosen(m) => self.confirm(c.kind, m),
                    ButtonKey::Moved(i) => {
                        c.choice = i;
                        self.overlay = Some(Overlay::Confirm(c));
                    }
                    ButtonKey::Ignored => self.overlay = Some(Overlay::Confirm(c)),
                }
            }
        }
    }
}
