//! Structural edits of the open issue from the section tree (and the editor,
//! for its article): adding, renaming, deleting, moving sections and
//! articles, folding, a brief or a feature; and what the forms change.

use super::dialog::{Confirm, ConfirmKind};
use super::form::{Form, FormKind};
use super::tree::{self, Node};
use super::{App, Command, Focus, Overlay};
use crate::i18n::Msg;
use crate::model::ArticleKind;

impl App {
    /// A command of the section tree, on its selected node (the open
    /// article when the editor has focus).
    pub(super) fn tree_command(&mut self, cmd: Command) {
        match cmd {
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
            _ => {}
        }
    }

    /// Runs a tree command on the selected node (the open article when the
    /// editor has focus).
    fn with_tree(&mut self, f: impl FnOnce(&mut App, Option<Node>)) {
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

    pub(super) fn delete_node(&mut self, node: Node) {
        let Some(doc) = self.doc.as_mut() else { return };
        let change = tree::remove(&mut doc.issue, node);
        doc.follow(change);
        if doc.article.is_none() && self.focus == Focus::Editor {
            self.focus = Focus::Tree;
            self.zoom = false;
        }
        doc.tree.fix(&doc.issue);
    }

    pub(super) fn move_node(&mut self, up: bool) {
        self.with_tree(|app, at| {
            let Some(doc) = app.doc.as_mut() else { return };
            let Some(node) = at else { return };
            let moved = if up {
                tree::move_up(&mut doc.issue, node)
            } else {
                tree::move_down(&mut doc.issue, node)
            };
            let Some((to, change)) = moved else { return };
            doc.follow(change);
            // A moved article is visible in its new section.
            if let Node::Article(at) = to
                && let Some(c) = doc.tree.collapsed.get_mut(at.section)
            {
                *c = false;
            }
            doc.tree.selected = Some(to);
        });
    }

    pub(super) fn submit_form(&mut self, mut form: Form) {
        if form.validate(self.lang).is_err() {
            self.overlay = Some(Overlay::Form(form));
            return;
        }
        if let FormKind::Status(id) = form.kind {
            let (to, note) = form.status_choice();
            self.change_status(id, to, note.as_deref());
            return;
        }
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut() else { return };
        match form.kind {
            FormKind::Issue => {
                let mut issue = doc.issue.clone();
                form.apply_issue(&mut issue);
                let new_id = issue.id();
                if new_id != doc.id && self.lib.contains(&new_id) {
                    form.error = Some(lang.fmt(Msg::IssueExists, &[&new_id]));
                    self.overlay = Some(Overlay::Form(form));
                    return;
                }
                doc.issue = issue;
            }
            FormKind::Article(at) => {
                if let Some(article) = doc.issue.article_mut(at) {
                    form.apply_article(article);
                }
            }
            FormKind::NewArticle(at) => {
                let mut article = crate::model::Article::new("");
                form.apply_article(&mut article);
                if let Some((Node::Article(at), change)) =
                    tree::add_article(&mut doc.issue, at, article)
                {
                    doc.follow(change);
                    if let Some(c) = doc.tree.collapsed.get_mut(at.section) {
                        *c = false;
                    }
                    self.open_article(at);
                }
            }
            FormKind::Section(s) => doc.issue.sections[s].title = form.section_title(),
            FormKind::Export => {
                let (format, contents) = form.export_choice();
                self.export(format, contents, false);
            }
            FormKind::Status(_) => {}
            FormKind::NewSection(at) => {
                let (node, change) = tree::add_section(&mut doc.issue, at, &form.section_title());
                doc.follow(change);
                doc.tree.selected = Some(node);
                self.focus = Focus::Tree;
            }
        }
    }
}
