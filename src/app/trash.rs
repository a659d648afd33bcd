//! The trash (Ctrl+T in the issue list): deleted issues, newest first, to
//! restore.

use super::overlay::{Env, Keys, Outcome};
use super::{App, Command, Focus, Overlay};
use crate::i18n::Msg;
use std::path::PathBuf;

/// A deleted issue offered for restoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashRow {
    pub path: PathBuf,
    pub label: String,
}

/// The trash overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trash {
    pub rows: Vec<TrashRow>,
    pub selected: usize,
}

impl Keys for Trash {
    fn command(&mut self, cmd: Command, _env: &Env) -> Option<Outcome> {
        Some(match cmd {
            Command::Close => Outcome::Close,
            Command::Accept => match self.rows.get(self.selected) {
                Some(row) => Outcome::Restore(row.path.clone()),
                None => Outcome::Close,
            },
            Command::Up => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Stay
            }
            Command::Down => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
                Outcome::Stay
            }
            _ => return None,
        })
    }
}

impl App {
    /// The trash overlay: deleted issues, newest first.
    pub(super) fn open_trash(&mut self) {
        let lang = self.lang;
        match self.lib.trashed() {
            Ok(items) if items.is_empty() => self.notify(lang.t(Msg::TrashEmpty).to_string()),
            Ok(items) => {
                let rows = items
                    .into_iter()
                    .map(|t| {
                        let when = t
                            .deleted
                            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                            .unwrap_or_default();
                        let what = match &t.issue {
                            Ok(i) => format!(
                                "{}  {}  {}  {}",
                                i.id(),
                                lang.issue_number(i.number, i.total, i.supplement),
                                i.date,
                                lang.fmt(Msg::Articles, &[&i.article_count()])
                            ),
                            Err(_) => t.path.display().to_string(),
                        };
                        TrashRow {
                            label: lang.fmt(Msg::TrashRow, &[&what, &when]),
                            path: t.path,
                        }
                    })
                    .collect();
                self.overlay = Some(Overlay::Trash(Trash { rows, selected: 0 }));
            }
            Err(e) => self.notify_error(e.message(lang)),
        }
    }

    /// Takes an issue out of the trash, back into the list.
    pub(super) fn restore_issue(&mut self, path: &std::path::Path) {
        match self.lib.restore(path) {
            Ok(id) => {
                self.select_in_list(id);
                self.focus = Focus::Issues;
                self.notify(self.lang.fmt(Msg::Restored, &[&id]));
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }
}
