//! `App::update`: the one place commands are applied, whichever way they
//! come (a key in a pane, the palette, a click). Keys over an overlay or
//! the find bar go to it first (see [`super::overlay`]); what they ask of
//! the app comes back as an outcome, which may run a command here.

use super::dialog::{After, Confirm, ConfirmKind};
use super::find::Scope;
use super::help::Help;
use super::palette::Palette;
use super::tree::Node;
use super::{App, Command, Focus, Overlay};
use crate::i18n::{Lang, Msg};
use crate::model::{ArticleRef, Status};

impl App {
    /// Carries out a command where the keyboard is.
    pub fn update(&mut self, cmd: Command) {
        if self.refuse_command(cmd) {
            return;
        }
        match cmd {
            Command::Quit => self.guard_unsaved(After::Quit),
            Command::Save => {
                self.save();
            }
            Command::Help => {
                let help = Help::new(&self.keymap, self.lang, self.width, self.height);
                self.overlay = Some(Overlay::Help(help));
            }
            Command::Palette => self.overlay = Some(Overlay::Palette(Palette::default())),
            Command::FocusNext => self.cycle_focus(1),
            Command::FocusPrev => self.cycle_focus(-1),
            Command::Zoom => {
                if self.article_open() {
                    self.zoom = !self.zoom;
                    self.focus = Focus::Editor;
                } else {
                    self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
                }
            }
            Command::SwitchLanguage => {
                self.lang = match self.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
                self.remember_lang();
            }
            Command::Export => self.open_export(),
            Command::ImportNew | Command::ImportInto => self.open_import(cmd),
            Command::Preview => self.open_preview(),
            Command::Tidy => self.open_tidy(),
            Command::JoinLines => self.join_lines(),
            Command::Find => self.open_find(false, Scope::Article),
            Command::Replace => self.open_find(true, Scope::Article),
            Command::FindInIssue => self.open_find(false, Scope::Issue),
            Command::ReplaceInIssue => self.open_find(true, Scope::Issue),
            Command::SearchAll => self.open_search(),
            Command::Properties => self.open_properties(),
            Command::ChangeStatus => self.open_status_form(None),
            Command::SubmitReview => self.open_status_form(Some(Status::Review)),
            Command::Sign => self.open_status_form(Some(Status::Signed)),
            Command::Distribute => self.open_status_form(Some(Status::Distributed)),
            Command::Reopen => self.open_status_form(Some(Status::Draft)),
            Command::FilterStatus => self.cycle_filter(),
            Command::Sync => self.sync(),
            Command::NewIssue => self.open_new_issue_form(),
            Command::DuplicateIssue => self.duplicate_issue(),
            Command::Trash => self.open_trash(),
            Command::Inbox => self.open_inbox(),
            Command::Stats => self.open_stats(),
            Command::DeleteIssue => {
                if let Some(id) = self.issue_ids().get(self.list_selected).copied() {
                    let ask = Confirm::new(ConfirmKind::DeleteIssue(id), 1);
                    self.overlay = Some(Overlay::Confirm(ask));
                }
            }
            Command::AddSection
            | Command::AddArticle
            | Command::Rename
            | Command::DeleteItem
            | Command::MoveUp
            | Command::MoveDown
            | Command::ToggleKind
            | Command::Expand
            | Command::Collapse => self.tree_command(cmd),
            Command::Open => self.open_selected(),
            Command::UndoStructure => self.undo_structure(false),
            Command::RedoStructure => self.undo_structure(true),
            // Esc ends extend mode before it leaves the editor.
            Command::Back if self.extend => self.extend = false,
            Command::ExtendSelection => {
                if self.focus == Focus::Editor && self.article_open() {
                    self.extend = !self.extend;
                } else {
                    self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
                }
            }
            Command::Back => match self.focus {
                Focus::Editor => {
                    self.focus = Focus::Tree;
                    self.zoom = false;
                    // Back on the article left (the wheel may have moved the
                    // highlight meanwhile): the pane keeps showing it.
                    if let Some(doc) = self.doc.as_mut()
                        && let Some(pos) = doc.article.as_ref().map(|a| a.pos)
                    {
                        doc.tree.selected = Some(Node::Article(pos));
                        if let Some(c) = doc.tree.collapsed.get_mut(pos.section) {
                            *c = false;
                        }
                    }
                }
                Focus::Tree => self.focus = Focus::Issues,
                Focus::Issues => {}
            },
            // The lists' moves; in the editor they move the caret.
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::First
            | Command::Last
                if self.focus != Focus::Editor =>
            {
                let page = self.page();
                self.step(match cmd {
                    Command::Up => -1,
                    Command::Down => 1,
                    Command::PageUp => -page,
                    Command::PageDown => page,
                    Command::First => isize::MIN / 2,
                    _ => isize::MAX / 2,
                });
            }
            // The keys of overlays and the find bar, which carry them out
            // themselves; from a pane they mean nothing.
            cmd if !cmd.in_palette() => {}
            // What is left edits or moves in the article.
            cmd => self.edit_command(cmd),
        }
    }

    pub(super) fn article_open(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.article.is_some())
    }

    /// The section the article pane sums up: the one highlighted in the
    /// tree while the keyboard is outside the editor (what F2 and Del act
    /// on, rather than an article they would not touch).
    pub fn shown_section(&self) -> Option<usize> {
        match self.doc.as_ref()?.tree.selected? {
            Node::Section(s) if self.focus != Focus::Editor => Some(s),
            _ => None,
        }
    }

    fn cycle_focus(&mut self, delta: isize) {
        let mut order = vec![Focus::Issues];
        if self.doc.is_some() {
            order.push(Focus::Tree);
        }
        if self.article_open() {
            order.push(Focus::Editor);
        }
        let cur = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[((cur + delta).rem_euclid(n)) as usize];
        if self.focus != Focus::Editor {
            self.zoom = false;
        }
    }

    pub(super) fn page(&self) -> isize {
        (self.height as isize - 4).max(1)
    }

    pub(super) fn step(&mut self, delta: isize) {
        match self.focus {
            Focus::Issues => self.move_list_selection(delta),
            Focus::Tree => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.tree.step(&doc.issue, delta);
                }
            }
            Focus::Editor => {}
        }
    }

    fn open_selected(&mut self) {
        match self.focus {
            Focus::Issues => {
                if let Some(id) = self.issue_ids().get(self.list_selected).copied() {
                    // Opening a read-only issue again tries its lock again.
                    if self
                        .doc
                        .as_ref()
                        .is_some_and(|d| d.id == id && d.read_only().is_none())
                    {
                        self.focus = Focus::Tree;
                    } else {
                        self.guard_unsaved(After::Open(id));
                    }
                }
            }
            Focus::Tree => {
                let Some(doc) = self.doc.as_mut() else { return };
                match doc.tree.selected {
                    Some(Node::Article(at)) => self.open_article(at),
                    Some(Node::Section(s)) => {
                        if let Some(c) = doc.tree.collapsed.get_mut(s) {
                            *c = !*c;
                        }
                    }
                    None => {}
                }
            }
            Focus::Editor => {}
        }
    }

    pub(super) fn open_article(&mut self, at: ArticleRef) {
        if let Some(doc) = self.doc.as_mut() {
            doc.switch_article(at);
            if doc.article.as_ref().is_some_and(|a| a.pos == at) {
                doc.tree.selected = Some(Node::Article(at));
                self.focus = Focus::Editor;
            }
        }
    }
}
