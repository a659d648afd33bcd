//! A paste into the editor, read by the importer's rules
//! ([`crate::import::chunk`]), and joining lines on demand.
//!
//! A paste goes in as it is. When it looks hard-wrapped (copied from a PDF)
//! or holds a section heading or titles, the status line offers the tidy
//! key until the next other key: it rejoins the lines into paragraphs,
//! headings, title lines, sources and datelines kept apart, as one undo
//! step; for a paste holding headings or titles it first asks whether to
//! add them as articles in their sections instead. 合并断行 (JoinLines)
//! rejoins the selected lines at any time.

use super::dialog::{Confirm, ConfirmKind};
use super::tree::{self, Node};
use super::undo::{Label, Op};
use super::{App, Command, Focus, Overlay};
use crate::i18n::Msg;
use crate::import::chunk::{self, Chunk};
use crate::import::structure::key;
use crate::model::{ArticleRef, Section};
use crate::text::{EditAction, Splice, clean};

/// What was just pasted, while the offer to rejoin it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasteOffer {
    pos: ArticleRef,
    /// The editor revision right after the paste.
    revision: u64,
    /// The pasted text's range in the editor's text.
    start: usize,
    end: usize,
    /// Sections by heading and titled articles the paste holds.
    pub sections: usize,
    pub articles: usize,
}

impl App {
    /// The title the importer gives text without one.
    fn untitled(&self) -> &'static str {
        self.lang.t(Msg::PasteUntitled)
    }

    /// A terminal paste into the editor; offers to rejoin it, or to add it
    /// as articles, when it looks hard-wrapped or holds titles.
    pub(super) fn paste_into_editor(&mut self, text: &str) {
        let Some(a) = self.doc.as_ref().and_then(|d| d.article.as_ref()) else {
            return;
        };
        let start = a
            .editor
            .offset(a.editor.selection().map_or(a.editor.caret(), |(s, _)| s));
        self.edit(EditAction::Paste(text.to_string()));
        let Some(a) = self.doc.as_ref().and_then(|d| d.article.as_ref()) else {
            return;
        };
        let pasted = clean(text);
        let end = start + pasted.len();
        if a.editor.text().get(start..end) != Some(pasted.as_str()) {
            return;
        }
        let chunk = chunk::read(&pasted, self.untitled());
        let (sections, articles) = chunk.counts();
        if articles == 0 && rejoined(&pasted, &chunk) == pasted {
            return;
        }
        self.paste_offer = Some(PasteOffer {
            pos: a.pos,
            revision: a.editor.revision(),
            start,
            end,
            sections,
            articles,
        });
        let key = self.editor_key(Command::Tidy);
        let msg = if articles > 0 {
            Msg::PasteOfferArticles
        } else {
            Msg::PasteOffer
        };
        self.notify(self.lang.fmt(msg, &[&key]));
    }

    /// The pasted text of `offer`, if it is still as pasted.
    fn offered_text(&self, offer: &PasteOffer) -> Option<String> {
        let a = self.doc.as_ref()?.article.as_ref()?;
        (self.focus == Focus::Editor && a.pos == offer.pos && a.editor.revision() == offer.revision)
            .then(|| {
                a.editor
                    .text()
                    .get(offer.start..offer.end)
                    .map(str::to_string)
            })
            .flatten()
    }

    /// The tidy key right after a paste: rejoins it, or asks first whether
    /// its titles become articles; returns whether the key was taken.
    pub(super) fn take_paste_offer(&mut self, offer: PasteOffer) -> bool {
        if self.offered_text(&offer).is_none() {
            return false;
        }
        if offer.articles > 0 {
            self.overlay = Some(Overlay::Confirm(Confirm::new(
                ConfirmKind::PasteArticles(offer),
                0,
            )));
            return true;
        }
        self.rejoin_paste(offer)
    }

    /// Rejoins the lines of the paste `offer` was made for, if the text is
    /// still as pasted; returns whether it did.
    pub(super) fn rejoin_paste(&mut self, offer: PasteOffer) -> bool {
        let Some(text) = self.offered_text(&offer) else {
            return false;
        };
        let joined = rejoined(&text, &chunk::read(&text, self.untitled()));
        let paragraphs = joined.trim_matches('\n').split('\n').count();
        self.notice = None;
        self.edit(EditAction::Splice(vec![Splice {
            range: offer.start..offer.end,
            text: joined,
        }]));
        self.notify(self.hint(Msg::PasteRejoined, &[&paragraphs]));
        true
    }

    /// Takes the paste out of the article and adds the articles it holds:
    /// those before any heading after the article pasted into, the others
    /// at the end of the section of their heading (made at the end of the
    /// issue when there is none). Text before the first title stays.
    pub(super) fn paste_as_articles(&mut self, offer: PasteOffer) {
        let Some(text) = self.offered_text(&offer) else {
            self.notify_error(self.lang.t(Msg::TidyStale).to_string());
            return;
        };
        let chunk = chunk::read(&text, self.untitled());
        let mut lead = chunk.lead.join("\n");
        if !lead.is_empty() && text.starts_with('\n') {
            lead.insert(0, '\n');
        }
        self.edit(EditAction::Splice(vec![Splice {
            range: offer.start..offer.end,
            text: lead,
        }]));
        let Some(doc) = self.doc.as_mut() else { return };
        doc.flush();
        let (mut added, mut first) = (0, None);
        let total: usize = chunk.sections.iter().map(|(_, a)| a.len()).sum();
        // One step in the tree's undo (the text taken out of this article
        // is the editor's to give back).
        doc.begin(Label::new(Msg::UndoPasteArticles, &[&total]));
        // Articles under no heading follow the article pasted into, in order.
        let mut after = offer.pos;
        for (heading, articles) in chunk.sections {
            let section = heading.map(|name| section_named(doc, &name));
            for article in articles {
                let at = section.map_or(Node::Article(after), Node::Section);
                if let Some((to, op)) = tree::add_article(&doc.issue, Some(at), article)
                    && doc.apply_op(op)
                {
                    if section.is_none() {
                        after = to;
                    }
                    added += 1;
                    first.get_or_insert(to);
                    if let Some(c) = doc.tree.collapsed.get_mut(to.section) {
                        *c = false;
                    }
                }
            }
        }
        if let Some(to) = first {
            doc.tree.selected = Some(Node::Article(to));
        }
        doc.commit();
        self.notify(self.lang.fmt(Msg::PasteAdded, &[&added]));
    }

    /// 合并断行: rejoins the selected lines by the importer's rules (a line
    /// that ends no sentence runs on, headings, titles, sources and dates
    /// stay apart), as one undo step.
    pub(super) fn join_lines(&mut self) {
        let Some(a) = self.doc.as_ref().and_then(|d| d.article.as_ref()) else {
            self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
            return;
        };
        let Some((s, e)) = a.editor.selection() else {
            self.notify(self.lang.t(Msg::JoinNeedsSelection).to_string());
            return;
        };
        let range = a.editor.offset(s)..a.editor.offset(e);
        let text = a.editor.text()[range.clone()].to_string();
        let joined = chunk::join_lines(&text).join("\n");
        if joined == text {
            self.notify(self.lang.t(Msg::JoinNothing).to_string());
            return;
        }
        let n = text.matches('\n').count() - joined.matches('\n').count();
        self.edit(EditAction::Splice(vec![Splice {
            range,
            text: joined,
        }]));
        self.notify(self.lang.fmt(Msg::JoinDone, &[&n]));
    }
}

/// The section of the open issue called `name` (spaces and quotes aside),
/// made at the end of the issue if there is none.
fn section_named(doc: &mut super::Doc, name: &str) -> usize {
    let sections = &doc.issue.sections;
    if let Some(s) = sections.iter().position(|s| key(&s.title) == key(name)) {
        return s;
    }
    let at = sections.len();
    doc.apply_op(Op::InsertSection(at, Section::new(name)));
    at
}

/// The chunk's paragraphs, keeping a paragraph break at either end of the
/// text: what was pasted after a break, or before one, stays a paragraph
/// of its own.
fn rejoined(text: &str, chunk: &Chunk) -> String {
    let mut out = String::new();
    if text.starts_with('\n') {
        out.push('\n');
    }
    out.push_str(&chunk.paragraphs.join("\n"));
    if text.ends_with('\n') && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
