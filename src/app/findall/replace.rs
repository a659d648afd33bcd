//! Replacing across the issue: the current match, or all of them after a
//! review of each with its article and context. Each article's text
//! replacements are one undo step of its own editor; title replacements go
//! through the structural undo (the tree's Ctrl+Z), all the titles one
//! replace-all changed as one step.

use super::{App, Hit, Place, body, search};
use crate::app::Overlay;
use crate::app::article::ArticleEdit;
use crate::app::command::Command;
use crate::app::overlay::{Env, Keys, Outcome};
use crate::app::undo::{Label, Meta, Op};
use crate::i18n::{Lang, Msg};
use crate::model::{ArticleRef, Issue};
use crate::text::{EditAction, Pos, Splice, clean, graphemes};

/// The replacement as it goes into a title: one line.
fn title_text(with: &str) -> String {
    clean(with).replace('\n', "")
}

/// `title` with the matches `hits` (its own, in order) replaced by `with`.
fn replaced_title(title: &[String], hits: &[Hit], with: &str) -> Vec<String> {
    let mut out = title.to_vec();
    // Last first, so the positions of the earlier ones still hold.
    for h in hits.iter().rev() {
        let Some(line) = out.get_mut(h.start.paragraph) else {
            continue;
        };
        let g: Vec<&str> = graphemes(line).collect();
        let s = h.start.grapheme.min(g.len());
        let e = h.end.grapheme.clamp(s, g.len());
        *line = format!("{}{with}{}", g[..s].concat(), g[e..].concat());
    }
    out
}

impl App {
    /// Replaces the current match and goes to the next; without a current
    /// match, only goes to the next. A title's match is replaced as a step
    /// of the structural undo.
    pub(in crate::app) fn issue_replace(&mut self, with: &str) {
        self.resync_issue_find();
        match self.issue_find().and_then(|f| f.current) {
            Some(hit) if hit.place == Place::Body => {
                let revision = self.open_revision();
                self.edit(EditAction::Paste(with.to_string()));
                if self.open_revision() == revision {
                    return;
                }
                self.issue_step(true);
                self.notify(self.lang.fmt(Msg::Replaced, &[&1]));
            }
            Some(hit) => {
                if self.refuse_read_only() {
                    return;
                }
                let Some((query, _)) = self.find_query() else {
                    return;
                };
                let with = title_text(with);
                if self.replace_in_titles(&query, &[hit], &with) == 0 {
                    return;
                }
                self.resync_issue_find();
                // On after the replacement, which may hold the query.
                let len = graphemes(&with).count();
                let after = Pos::new(hit.start.paragraph, hit.start.grapheme + len);
                self.issue_go_from((hit.at, Place::Title, after));
                self.notify(self.hint(Msg::ReplacedTitle, &[]));
            }
            None => self.issue_step(true),
        }
    }

    fn open_revision(&self) -> Option<u64> {
        let a = self.doc.as_ref()?.article.as_ref()?;
        Some(a.editor.revision())
    }

    /// Replaces the title matches `hits` (in issue order) by `with`, every
    /// article's title through the structural undo, all as one step.
    /// Returns how many articles' titles changed.
    fn replace_in_titles(&mut self, query: &str, hits: &[Hit], with: &str) -> usize {
        let Some(doc) = self.doc.as_mut() else {
            return 0;
        };
        doc.begin(Label::new(Msg::UndoReplaceTitles, &[&query]));
        let mut changed = 0;
        for group in hits.chunk_by(|a, b| a.at == b.at) {
            let at = group[0].at;
            let Some(article) = doc.issue.article(at) else {
                continue;
            };
            let mut meta = Meta::of(article);
            meta.title = replaced_title(&article.title, group, with);
            if meta.title != article.title && doc.apply_op(Op::ArticleMeta(at, meta)) {
                changed += 1;
            }
        }
        doc.commit();
        changed
    }

    /// Shows every match that replacing all would change, titles and
    /// text, with its article and context, to confirm.
    pub(in crate::app) fn review_replace_all(&mut self, with: &str) {
        if self.refuse_read_only() {
            return;
        }
        self.resync_issue_find();
        let lang = self.lang;
        let (Some(doc), Some(f)) = (self.doc.as_ref(), self.issue_find()) else {
            return;
        };
        let query = doc
            .find
            .as_ref()
            .map(|b| b.query.text().to_string())
            .unwrap_or_default();
        let rows: Vec<Row> = f
            .hits
            .iter()
            .map(|h| Row::new(&doc.issue, *h, lang))
            .collect();
        if rows.is_empty() {
            self.notify(lang.t(Msg::FindNotFound).to_string());
            return;
        }
        let review = ReplaceReview {
            on: vec![true; rows.len()],
            rows,
            query,
            with: with.to_string(),
            selected: 0,
        };
        self.overlay = Some(Overlay::Replace(Box::new(review)));
    }

    /// Makes the ticked replacements: each article's text as one undo step
    /// of its own editor, the titles as one structural step.
    pub(in crate::app) fn accept_replace_all(&mut self, review: ReplaceReview) {
        if self.refuse_read_only() {
            return;
        }
        self.resync_issue_find();
        let Some(doc) = self.doc.as_mut() else { return };
        doc.flush();
        let now = search(&doc.issue, &review.query);
        if now.iter().ne(review.rows.iter().map(|r| &r.hit)) {
            self.notify(self.lang.t(Msg::ReplaceAllStale).to_string());
            return;
        }
        let chosen: Vec<Hit> = review
            .rows
            .iter()
            .zip(&review.on)
            .filter(|(_, on)| **on)
            .map(|(r, _)| r.hit)
            .collect();
        let (titles, text): (Vec<Hit>, Vec<Hit>) =
            chosen.iter().partition(|h| h.place == Place::Title);
        let with = clean(&review.with);
        let open = doc.article.as_ref().map(|a| a.pos);
        for group in text.chunk_by(|a, b| a.at == b.at) {
            let at = group[0].at;
            let edit = if open == Some(at) {
                doc.article.as_mut()
            } else {
                if !doc.stash.iter().any(|e| e.pos == at) {
                    let Some(article) = doc.issue.article(at) else {
                        continue;
                    };
                    doc.stash.push(ArticleEdit::open(at, &article.paragraphs));
                }
                doc.stash.iter_mut().find(|e| e.pos == at)
            };
            let Some(edit) = edit else { continue };
            let splices = group
                .iter()
                .map(|h| Splice {
                    range: edit.editor.offset(h.start)..edit.editor.offset(h.end),
                    text: with.clone(),
                })
                .collect();
            edit.editor.apply(EditAction::ClearFind);
            edit.editor.apply(EditAction::Splice(splices));
            if open != Some(at)
                && let Some(text) = edit.take_changes()
                && let Some(article) = doc.issue.article_mut(at)
            {
                article.paragraphs = text;
            }
        }
        doc.flush();
        self.replace_in_titles(&review.query, &titles, &title_text(&review.with));
        let mut articles: Vec<ArticleRef> = chosen.iter().map(|h| h.at).collect();
        articles.dedup();
        if let Some(f) = self.issue_find_mut() {
            f.seen = None;
            f.current = None;
        }
        self.sync_issue_find();
        let (n, a, k) = (&chosen.len(), &articles.len(), &titles.len());
        let msg = match (titles.len(), text.len()) {
            (0, _) => self.hint(Msg::ReplacedInIssue, &[n, a]),
            (_, 0) => self.hint(Msg::ReplacedInIssueTitles, &[n, a]),
            _ => self.hint(Msg::ReplacedInIssueBoth, &[n, a, k]),
        };
        self.notify(msg);
    }
}

/// Columns of context shown on each side of a match.
const CONTEXT: usize = 12;

/// A match of the replace-all review, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub hit: Hit,
    /// 【section】title
    pub article: String,
    pub left: String,
    pub matched: String,
    pub right: String,
}

impl Row {
    fn new(issue: &Issue, hit: Hit, lang: Lang) -> Row {
        let article = issue.article(hit.at);
        let section = issue
            .sections
            .get(hit.at.section)
            .map(|s| s.title.as_str())
            .unwrap_or_default();
        // A title's match is shown in its title line, the row named so.
        let (name, para) = match hit.place {
            Place::Title => (
                lang.t(Msg::ReplaceRowTitle).to_string(),
                article.and_then(|a| a.title.get(hit.start.paragraph).cloned()),
            ),
            Place::Body => (
                article.map(|a| a.title.concat()).unwrap_or_default(),
                article
                    .map(body)
                    .and_then(|b| b.get(hit.start.paragraph).cloned()),
            ),
        };
        let para = para.unwrap_or_default();
        let g: Vec<&str> = graphemes(&para).collect();
        let (s, e) = (
            hit.start.grapheme.min(g.len()),
            hit.end.grapheme.min(g.len()),
        );
        let mut left = String::new();
        let mut used = 0;
        for x in g[..s].iter().rev() {
            used += unicode_width::UnicodeWidthStr::width(*x);
            if used > CONTEXT {
                left.insert(0, '…');
                break;
            }
            left.insert_str(0, x);
        }
        let mut right = String::new();
        used = 0;
        for x in &g[e..] {
            used += unicode_width::UnicodeWidthStr::width(*x);
            if used > CONTEXT {
                right.push('…');
                break;
            }
            right.push_str(x);
        }
        Row {
            hit,
            article: format!("【{section}】{name}"),
            left,
            matched: g[s..e].concat(),
            right,
        }
    }
}

/// The replace-all review (全期替换): every match, titles and text, ticked;
/// the ticked ones are replaced on confirming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplaceReview {
    pub rows: Vec<Row>,
    pub on: Vec<bool>,
    pub query: String,
    pub with: String,
    pub selected: usize,
}

impl ReplaceReview {
    pub fn chosen(&self) -> usize {
        self.on.iter().filter(|o| **o).count()
    }

    /// Ticked matches in titles.
    pub fn chosen_titles(&self) -> usize {
        self.rows
            .iter()
            .zip(&self.on)
            .filter(|(r, on)| **on && r.hit.place == Place::Title)
            .count()
    }

    /// Articles with at least one ticked match.
    pub fn articles(&self) -> usize {
        let mut ats: Vec<ArticleRef> = self
            .rows
            .iter()
            .zip(&self.on)
            .filter(|(_, on)| **on)
            .map(|(r, _)| r.hit.at)
            .collect();
        ats.dedup();
        ats.len()
    }
}

impl Keys for ReplaceReview {
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        let page = (env.height as usize).saturating_sub(8).max(1);
        if let Some(to) = crate::app::overlay::moved(self.selected, self.rows.len(), page, cmd) {
            self.selected = to;
            return Some(Outcome::Stay);
        }
        Some(match cmd {
            Command::ToggleItem => {
                if let Some(on) = self.on.get_mut(self.selected) {
                    *on = !*on;
                }
                Outcome::Stay
            }
            Command::ToggleAll => {
                let all = self.on.iter().all(|o| *o);
                self.on.iter_mut().for_each(|o| *o = !all);
                Outcome::Stay
            }
            Command::Accept if self.chosen() == 0 => Outcome::CloseWith(Msg::ReplaceAllNone),
            Command::Accept => Outcome::ReplaceAll,
            Command::Close => Outcome::CloseWith(Msg::ReplaceAllCancelled),
            _ => return None,
        })
    }
}
