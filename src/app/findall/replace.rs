//! Replacing across the issue: the current match, or all of them after a
//! review of each with its article and context; each article's
//! replacements are one undo step of its own editor.

use super::{App, Hit, Place, body, search};
use crate::app::Overlay;
use crate::app::article::ArticleEdit;
use crate::app::command::Command;
use crate::app::overlay::{Env, Keys, Outcome};
use crate::i18n::Msg;
use crate::model::{ArticleRef, Issue};
use crate::text::{EditAction, Splice, clean, graphemes};

impl App {
    /// Replaces the current match of the text (not a title's) and goes to
    /// the next; without a current match, only goes to the next.
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
            Some(_) => {
                self.issue_step(true);
                self.notify(self.hint(Msg::FindTitleNotReplaced, &[]));
            }
            None => self.issue_step(true),
        }
    }

    fn open_revision(&self) -> Option<u64> {
        let a = self.doc.as_ref()?.article.as_ref()?;
        Some(a.editor.revision())
    }

    /// Shows every match of the text that replacing all would change,
    /// with its article and context, to confirm.
    pub(in crate::app) fn review_replace_all(&mut self, with: &str) {
        if self.refuse_read_only() {
            return;
        }
        self.resync_issue_find();
        let (Some(doc), Some(f)) = (self.doc.as_ref(), self.issue_find()) else {
            return;
        };
        let query = doc
            .find
            .as_ref()
            .map(|b| b.query.text().to_string())
            .unwrap_or_default();
        let titles = f.hits.iter().filter(|h| h.place == Place::Title).count();
        let rows: Vec<Row> = f
            .hits
            .iter()
            .filter(|h| h.place == Place::Body)
            .map(|h| Row::new(&doc.issue, *h))
            .collect();
        if rows.is_empty() {
            let msg = if titles > 0 {
                self.hint(Msg::FindTitleNotReplaced, &[])
            } else {
                self.lang.t(Msg::FindNotFound).to_string()
            };
            self.notify(msg);
            return;
        }
        let review = ReplaceReview {
            on: vec![true; rows.len()],
            rows,
            query,
            with: with.to_string(),
            titles,
            selected: 0,
        };
        self.overlay = Some(Overlay::Replace(Box::new(review)));
    }

    /// Makes the ticked replacements, each article's as one undo step of
    /// its own editor.
    pub(in crate::app) fn accept_replace_all(&mut self, review: ReplaceReview) {
        if self.refuse_read_only() {
            return;
        }
        self.resync_issue_find();
        let Some(doc) = self.doc.as_mut() else { return };
        doc.flush();
        let now = search(&doc.issue, &review.query);
        let then: Vec<Hit> = review.rows.iter().map(|r| r.hit).collect();
        if now
            .iter()
            .filter(|h| h.place == Place::Body)
            .ne(then.iter())
        {
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
        let with = clean(&review.with);
        let mut articles = 0;
        let open = doc.article.as_ref().map(|a| a.pos);
        for group in chosen.chunk_by(|a, b| a.at == b.at) {
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
            articles += 1;
        }
        doc.flush();
        if let Some(f) = doc.find.as_mut().map(|b| &mut b.issue) {
            f.seen = None;
            f.current = None;
        }
        self.sync_issue_find();
        let msg = self.hint(Msg::ReplacedInIssue, &[&chosen.len(), &articles]);
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
    fn new(issue: &Issue, hit: Hit) -> Row {
        let article = issue.article(hit.at);
        let section = issue
            .sections
            .get(hit.at.section)
            .map(|s| s.title.as_str())
            .unwrap_or_default();
        let title = article.map(|a| a.title.concat()).unwrap_or_default();
        let para = article
            .map(body)
            .and_then(|b| b.get(hit.start.paragraph).cloned())
            .unwrap_or_default();
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
            article: format!("【{section}】{title}"),
            left,
            matched: g[s..e].concat(),
            right,
        }
    }
}

/// The replace-all review (全期替换): every match of the text, ticked; the
/// ticked ones are replaced on confirming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplaceReview {
    pub rows: Vec<Row>,
    pub on: Vec<bool>,
    pub query: String,
    pub with: String,
    /// Matches in titles, which are not replaced.
    pub titles: usize,
    pub selected: usize,
}

impl ReplaceReview {
    pub fn chosen(&self) -> usize {
        self.on.iter().filter(|o| **o).count()
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
        let last = self.rows.len().saturating_sub(1);
        let page = (env.height as usize).saturating_sub(8).max(1);
        Some(match cmd {
            Command::Up => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Stay
            }
            Command::Down => {
                self.selected = (self.selected + 1).min(last);
                Outcome::Stay
            }
            Command::PageUp => {
                self.selected = self.selected.saturating_sub(page);
                Outcome::Stay
            }
            Command::PageDown => {
                self.selected = (self.selected + page).min(last);
                Outcome::Stay
            }
            Command::First => {
                self.selected = 0;
                Outcome::Stay
            }
            Command::Last => {
                self.selected = last;
                Outcome::Stay
            }
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
