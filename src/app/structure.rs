//! Structural edits of the open issue from the section tree (and the editor,
//! for its article): adding, renaming, deleting, moving sections and
//! articles, folding, a brief or a feature; and what the forms change.

use super::dialog::{Confirm, ConfirmKind};
use super::form::{Form, FormKind};
use super::tree::{self, Node};
use super::undo::{Label, Meta, Op, title_of};
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
                let lang = app.lang;
                if let (Some(Node::Article(at)), Some(doc)) = (at, app.doc.as_mut())
                    && let Some(art) = doc.issue.article(at)
                {
                    let mut meta = Meta::of(art);
                    meta.kind = match art.kind {
                        ArticleKind::Feature => ArticleKind::Brief,
                        ArticleKind::Brief => ArticleKind::Feature,
                    };
                    let kind = lang.kind(meta.kind);
                    let label = Label::new(Msg::UndoToggleKind, &[&title_of(art, lang), &kind]);
                    doc.apply_step(label, Op::ArticleMeta(at, meta));
                    app.notify(lang.fmt(Msg::KindNow, &[&kind]));
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
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut() else { return };
        let label = match node {
            Node::Section(s) => match doc.issue.sections.get(s) {
                Some(sec) => Label::new(Msg::UndoDeleteSection, &[&sec.title]),
                None => return,
            },
            Node::Article(at) => match doc.issue.article(at) {
                Some(a) => Label::new(Msg::UndoDeleteArticle, &[&title_of(a, lang)]),
                None => return,
            },
        };
        doc.apply_step(label, tree::remove(node));
        if doc.article.is_none() && self.focus == Focus::Editor {
            self.focus = Focus::Tree;
            self.zoom = false;
        }
        doc.tree.fix(&doc.issue);
    }

    pub(super) fn move_node(&mut self, up: bool) {
        self.with_tree(|app, at| {
            let lang = app.lang;
            let Some(doc) = app.doc.as_mut() else { return };
            let Some(node) = at else { return };
            let moved = if up {
                tree::move_up(&doc.issue, node)
            } else {
                tree::move_down(&doc.issue, node)
            };
            let Some((to, op)) = moved else { return };
            let label = match node {
                Node::Section(s) => {
                    Label::new(Msg::UndoMoveSection, &[&doc.issue.sections[s].title])
                }
                Node::Article(a) => match doc.issue.article(a) {
                    Some(a) => Label::new(Msg::UndoMoveArticle, &[&title_of(a, lang)]),
                    None => return,
                },
            };
            doc.begin(label);
            doc.apply_op(op);
            // A moved article is visible in its new section.
            if let Node::Article(at) = to
                && let Some(c) = doc.tree.collapsed.get_mut(at.section)
            {
                *c = false;
            }
            doc.tree.selected = Some(to);
            doc.commit();
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
        if form.kind == FormKind::NewIssue {
            let choice = form.new_issue_choice(self.today);
            self.guard_unsaved(super::dialog::After::CreateIssue(choice));
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
                if issue != doc.issue {
                    issue.sections.clear();
                    let label = Label::new(Msg::UndoProperties, &[]);
                    doc.apply_step(label, Op::Masthead(Box::new(issue)));
                }
            }
            FormKind::Article(at) => {
                if let Some(article) = doc.issue.article(at) {
                    let mut changed = article.clone();
                    form.apply_article(&mut changed);
                    if changed != *article {
                        let label = Label::new(Msg::UndoArticleProps, &[&title_of(article, lang)]);
                        doc.apply_step(label, Op::ArticleMeta(at, Meta::of(&changed)));
                    }
                }
            }
            FormKind::NewArticle(at) => {
                let mut article = crate::model::Article::new("");
                form.apply_article(&mut article);
                let label = Label::new(Msg::UndoAddArticle, &[&title_of(&article, lang)]);
                if let Some((to, op)) = tree::add_article(&doc.issue, at, article) {
                    doc.begin(label);
                    doc.apply_op(op);
                    if let Some(c) = doc.tree.collapsed.get_mut(to.section) {
                        *c = false;
                    }
                    doc.tree.selected = Some(Node::Article(to));
                    doc.commit();
                    self.open_article(to);
                }
            }
            FormKind::Section(s) => {
                let title = form.section_title();
                if doc
                    .issue
                    .sections
                    .get(s)
                    .is_some_and(|sec| sec.title != title)
                {
                    let label = Label::new(Msg::UndoRenameSection, &[&doc.issue.sections[s].title]);
                    doc.apply_step(label, Op::SectionTitle(s, title));
                }
            }
            FormKind::Export => {
                let (format, contents) = form.export_choice();
                self.export(format, contents, false);
            }
            FormKind::Status(_) | FormKind::NewIssue => {}
            FormKind::NewSection(at) => {
                let title = form.section_title();
                let (node, op) = tree::add_section(&doc.issue, at, &title);
                doc.begin(Label::new(Msg::UndoAddSection, &[&title]));
                doc.apply_op(op);
                doc.tree.selected = Some(node);
                doc.commit();
                self.focus = Focus::Tree;
            }
        }
    }
}
