//! Structural edits of the open issue: deleting and moving sections and
//! articles, and what the forms change.

use super::form::{Form, FormKind};
use super::tree::{self, Node};
use super::{App, Focus, Overlay};
use crate::i18n::Msg;

impl App {
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
            FormKind::NewSection(at) => {
                let (node, change) = tree::add_section(&mut doc.issue, at, &form.section_title());
                doc.follow(change);
                doc.tree.selected = Some(node);
                self.focus = Focus::Tree;
            }
        }
    }
}
