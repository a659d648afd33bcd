//! Commands applied to the state.

use super::dialog::{After, Confirm, ConfirmKind};
use super::form::Form;
use super::palette::Palette;
use super::tree::Node;
use super::{App, Command, Focus, Overlay};
use crate::i18n::{Lang, Msg};
use crate::model::{ArticleKind, ArticleRef};
use crate::text::EditAction;

impl App {
    /// Carries out a command in the current focus.
    pub fn run(&mut self, cmd: Command) {
        if self.refuse_command(cmd) {
            return;
        }
        match cmd {
            Command::Quit => self.guard_unsaved(After::Quit),
            Command::Save => {
                self.save();
            }
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
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
            Command::Export => match &self.doc {
                Some(_) => {
                    let contents = self.lib.settings.export.contents;
                    self.overlay = Some(Overlay::Form(Form::export(contents)));
                }
                None => self.notify(self.lang.t(Msg::NoIssueOpen).to_string()),
            },
            Command::Undo
            | Command::Redo
            | Command::Cut
            | Command::Copy
            | Command::Paste
            | Command::SelectAll => {
                if !self.article_open() {
                    self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
                    return;
                }
                self.focus = Focus::Editor;
                self.edit(match cmd {
                    Command::Undo => EditAction::Undo,
                    Command::Redo => EditAction::Redo,
                    Command::Cut => EditAction::Cut,
                    Command::Copy => EditAction::Copy,
                    Command::Paste => EditAction::PasteClipboard,
                    _ => EditAction::SelectAll,
                });
            }
            Command::Preview => self.open_preview(),
            Command::Tidy => self.open_tidy(),
            Command::Find => self.open_find(false),
            Command::Replace => self.open_find(true),
            Command::SearchAll => self.open_search(),
            Command::Properties => match &self.doc {
                Some(doc) => self.overlay = Some(Overlay::Form(Form::issue(&doc.issue))),
                None => self.notify(self.lang.t(Msg::NoIssueOpen).to_string()),
            },
            Command::SwitchLanguage => {
                self.lang = match self.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
            }
            Command::NewIssue => self.guard_unsaved(After::NewIssue),
            Command::DuplicateIssue => self.duplicate_issue(),
            Command::Trash => self.open_trash(),
            Command::DeleteIssue => {
                if let Some(id) = self.issue_ids().get(self.list_selected).copied() {
                    self.overlay = Some(Overlay::Confirm(Confirm {
                        kind: ConfirmKind::DeleteIssue(id),
                        choice: 1,
                    }));
                }
            }
            Command::AddSection => self.with_tree(|app, at| {
                app.overlay = Some(Overlay::Form(Form::new_section(at)));
            }),
            Command::AddArticle => self.with_tree(|app, at| {
                if at.is_some() {
                    app.overlay = Some(Overlay::Form(Form::new_article(at)));
                } else {
                    app.notify(app.lang.t(Msg::NeedSection).to_string());
                }
            }),
            Command::Rename => self.with_tree(|app, at| {
                let Some(doc) = &app.doc else { return };
                let form = match at {
                    Some(Node::Section(s)) => match doc.issue.sections.get(s) {
                        Some(sec) => Form::section(s, &sec.title),
                        None => return,
                    },
                    Some(Node::Article(at)) => match doc.issue.article(at) {
                        Some(article) => Form::article(at, article),
                        None => return,
                    },
                    None => return,
                };
                app.overlay = Some(Overlay::Form(form));
            }),
            Command::DeleteItem => self.with_tree(|app, at| {
                if let Some(node) = at {
                    app.overlay = Some(Overlay::Confirm(Confirm {
                        kind: ConfirmKind::DeleteNode(node),
                        choice: 1,
                    }));
                }
            }),
            Command::MoveUp | Command::MoveDown => self.move_node(cmd == Command::MoveUp),
            Command::ToggleKind => self.with_tree(|app, at| {
                if let (Some(Node::Article(at)), Some(doc)) = (at, app.doc.as_mut())
                    && let Some(art) = doc.issue.article_mut(at)
                {
                    art.kind = match art.kind {
                        ArticleKind::Feature => ArticleKind::Brief,
                        ArticleKind::Brief => ArticleKind::Feature,
                    };
                    let kind = app.lang.kind(art.kind);
                    app.notify(app.lang.fmt(Msg::KindNow, &[&kind]));
                }
            }),
            Command::Expand | Command::Collapse => {
                if let Some(doc) = self.doc.as_mut()
                    && let Some(node) = doc.tree.selected
                {
                    let s = node.section();
                    let collapse = cmd == Command::Collapse;
                    if collapse && matches!(node, Node::Article(..)) {
                        doc.tree.selected = Some(Node::Section(s));
                    } else if let Some(c) = doc.tree.collapsed.get_mut(s) {
                        *c = collapse;
                    }
                }
            }
            Command::Up => self.step(-1),
            Command::Down => self.step(1),
            Command::PageUp => self.step(-self.page()),
            Command::PageDown => self.step(self.page()),
            Command::First => self.step(isize::MIN / 2),
            Command::Last => self.step(isize::MAX / 2),
            Command::Open => self.open_selected(),
            Command::Back => match self.focus {
                Focus::Editor => {
                    self.focus = Focus::Tree;
                    self.zoom = false;
                }
                Focus::Tree => self.focus = Focus::Issues,
                Focus::Issues => {}
            },
        }
    }

    pub(super) fn article_open(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.article.is_some())
    }

    /// Runs a tree command on the selected node (the open article when the
    /// editor has focus).
    pub(super) fn with_tree(&mut self, f: impl FnOnce(&mut App, Option<Node>)) {
        let Some(doc) = &self.doc else {
            self.notify(self.lang.t(Msg::NoIssueOpen).to_string());
            return;
        };
        let at = match (self.focus, &doc.article) {
            (Focus::Editor, Some(a)) => Some(Node::Article(a.pos)),
            _ => doc.tree.selected,
        };
        f(self, at);
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
