//! Finding across the whole issue (全期查找): the find bar's issue scope.
//! Titles and text of every article are searched in issue order; the next
//! or previous match opens its article with the match selected (a title's
//! match is marked in the title block) and the tree follows. Replacing
//! goes article by article through each one's own editor, so `Ctrl+Z` in
//! an article gives its text back, and titles through the structural undo
//! (`Ctrl+Z` in the tree); replacing all shows the matches first (see
//! [`replace::ReplaceReview`]).

mod replace;

pub use replace::{ReplaceReview, Row};

use super::find::Scope;
use super::tree::Node;
use super::{App, Focus};
use crate::i18n::Msg;
use crate::model::{Article, ArticleRef, Issue};
use crate::text::{EditAction, Pos, clean, graphemes};

/// Where in an article a match is: title lines come before the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    #[default]
    Title,
    Body,
}

/// One match in the issue. In a title, `start.paragraph` is the title line.
/// Ordered as the issue reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hit {
    pub at: ArticleRef,
    pub place: Place,
    pub start: Pos,
    pub end: Pos,
}

impl Hit {
    fn key(&self) -> (ArticleRef, Place, Pos) {
        (self.at, self.place, self.start)
    }
}

/// The find bar's state in the issue scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueFind {
    /// Every match, in issue order, as of `seen`.
    pub hits: Vec<Hit>,
    /// The match last gone to.
    pub current: Option<Hit>,
    /// Where typing a query searches from (inclusive).
    origin: (ArticleRef, Place, Pos),
    /// The open article, its editor's revision and the titles' fingerprint
    /// the hits were found in.
    seen: Option<(ArticleRef, u64, u64)>,
}

impl IssueFind {
    /// "3 of 12": the current match's place among all, and how many.
    pub fn position(&self) -> (Option<usize>, usize) {
        let i = self
            .current
            .and_then(|c| self.hits.iter().position(|h| *h == c));
        (i, self.hits.len())
    }
}

/// The paragraphs of an article as its editor holds them (cleaned, split at
/// line breaks, never none), so positions agree once it is opened.
fn body(article: &Article) -> Vec<String> {
    let mut out: Vec<String> = article
        .paragraphs
        .iter()
        .flat_map(|p| clean(p).split('\n').map(str::to_string).collect::<Vec<_>>())
        .collect();
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Grapheme ranges of `needle` (ASCII-lowercased) in `text`, whole
/// graphemes only, as the editor's own find matches.
fn matches_in(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let mut starts: Vec<usize> = Vec::new();
    let mut b = 0;
    for g in graphemes(text) {
        starts.push(b);
        b += g.len();
    }
    starts.push(text.len());
    let hay = text.to_ascii_lowercase();
    hay.match_indices(needle)
        .filter_map(|(b, m)| {
            let s = starts.binary_search(&b).ok()?;
            let e = starts.binary_search(&(b + m.len())).ok()?;
            Some((s, e))
        })
        .collect()
}

/// Every match of `query` in the titles and text of `issue`, in order.
pub fn search(issue: &Issue, query: &str) -> Vec<Hit> {
    let needle = query.to_ascii_lowercase();
    let mut out = Vec::new();
    for (s, section) in issue.sections.iter().enumerate() {
        for (a, article) in section.articles.iter().enumerate() {
            let at = ArticleRef::new(s, a);
            let title = article.title.iter().map(|t| (Place::Title, t.clone()));
            let text = body(article).into_iter().map(|p| (Place::Body, p));
            let mut line = [0, 0];
            for (place, t) in title.chain(text) {
                let n = &mut line[place as usize];
                for (gs, ge) in matches_in(&t, &needle) {
                    out.push(Hit {
                        at,
                        place,
                        start: Pos::new(*n, gs),
                        end: Pos::new(*n, ge),
                    });
                }
                *n += 1;
            }
        }
    }
    out
}

/// A fingerprint of every title of the issue: a title changed by the tree
/// (a rename, an undo) makes the hits found again.
fn titles_print(issue: &Issue) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for s in &issue.sections {
        s.articles.len().hash(&mut h);
        for a in &s.articles {
            a.title.hash(&mut h);
        }
    }
    h.finish()
}

impl App {
    fn issue_find(&self) -> Option<&IssueFind> {
        let bar = self.doc.as_ref()?.find.as_ref()?;
        (bar.scope == Scope::Issue).then_some(&bar.issue)
    }

    fn issue_find_mut(&mut self) -> Option<&mut IssueFind> {
        let bar = self.doc.as_mut()?.find.as_mut()?;
        (bar.scope == Scope::Issue).then_some(&mut bar.issue)
    }

    /// Opens an article to show the find bar in when none is: the tree's
    /// (the first of its section), else the issue's first. False (and
    /// said) when the issue has no article.
    pub(super) fn open_for_issue_find(&mut self) -> bool {
        let Some(doc) = self.doc.as_mut() else {
            self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
            return false;
        };
        let first_of = |s: usize| {
            (s..doc.issue.sections.len())
                .find(|&s| !doc.issue.sections[s].articles.is_empty())
                .map(|s| ArticleRef::new(s, 0))
        };
        let target = match doc.tree.selected {
            Some(Node::Article(at)) => Some(at),
            Some(Node::Section(s)) => first_of(s).or_else(|| first_of(0)),
            None => first_of(0),
        };
        let Some(at) = target else {
            self.notify(self.lang.t(Msg::FindNoArticles).to_string());
            return false;
        };
        if self.focus != Focus::Editor || doc.article.is_none() {
            let bar = doc.find.take();
            doc.switch_article(at);
            doc.find = bar;
        }
        true
    }

    /// Starts the issue scope where the clerk is: at the tree's article's
    /// title (`from_tree`), else at the caret.
    pub(super) fn start_issue_find(&mut self, from_tree: bool) {
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(a) = doc.article.as_ref() else {
            return;
        };
        let origin = if from_tree {
            (a.pos, Place::Title, Pos::default())
        } else {
            let caret = a.editor.selection().map_or(a.editor.caret(), |(s, _)| s);
            (a.pos, Place::Body, caret)
        };
        if let Some(bar) = doc.find.as_mut() {
            bar.scope = Scope::Issue;
            bar.issue = IssueFind {
                origin,
                ..IssueFind::default()
            };
        }
    }

    /// Switches the find bar between the article and the whole issue.
    pub(super) fn switch_scope(&mut self) {
        let Some(bar) = self.doc.as_mut().and_then(|d| d.find.as_mut()) else {
            return;
        };
        match bar.scope {
            Scope::Article => self.start_issue_find(false),
            Scope::Issue => {
                bar.scope = Scope::Article;
                bar.issue = IssueFind::default();
            }
        }
        self.refind();
    }

    /// Finds the matches again, whatever changed (the tree's edits too).
    fn resync_issue_find(&mut self) {
        if let Some(f) = self.issue_find_mut() {
            f.seen = None;
        }
        self.sync_issue_find();
    }

    /// Finds the matches again when the open text changed since (an edit,
    /// an undo, another article opened): cheap enough for every key. The
    /// current match stays current while it is still there.
    pub(super) fn sync_issue_find(&mut self) {
        let Some(doc) = self.doc.as_mut() else { return };
        let titles = titles_print(&doc.issue);
        let now = doc
            .article
            .as_ref()
            .map(|a| (a.pos, a.editor.revision(), titles));
        let Some(bar) = doc.find.as_mut().filter(|b| b.scope == Scope::Issue) else {
            return;
        };
        if bar.issue.seen == now && now.is_some() {
            return;
        }
        let query = bar.query.text().to_string();
        doc.flush();
        let hits = search(&doc.issue, &query);
        let selection = doc.article.as_ref().map(|a| (a.pos, a.editor.selection()));
        let Some(bar) = doc.find.as_mut() else { return };
        bar.issue.current = bar.issue.current.filter(|c| {
            hits.contains(c)
                && match c.place {
                    Place::Title => selection.is_some_and(|(at, _)| at == c.at),
                    Place::Body => selection == Some((c.at, Some((c.start, c.end)))),
                }
        });
        bar.issue.hits = hits;
        bar.issue.seen = now;
    }

    /// The query changed: the first match from where the search started.
    pub(super) fn issue_refind(&mut self) {
        if let Some(f) = self.issue_find_mut() {
            f.current = None;
        }
        self.resync_issue_find();
        let Some(f) = self.issue_find() else { return };
        let origin = f.origin;
        let found = f
            .hits
            .iter()
            .find(|h| h.key() >= origin)
            .or(f.hits.first())
            .copied();
        let query_empty = self.find_query().is_none_or(|(q, _)| q.is_empty());
        match found {
            Some(hit) => self.go_to_match(hit),
            None => {
                self.clear_open_marks();
                if !query_empty {
                    self.notify(self.lang.t(Msg::FindNotFound).to_string());
                }
            }
        }
    }

    /// The next (or previous) match in the issue, from the current one or
    /// the caret; past the last it goes on from the first, and says so.
    pub(super) fn issue_step(&mut self, forward: bool) {
        self.resync_issue_find();
        let here = self
            .doc
            .as_ref()
            .and_then(|d| d.article.as_ref())
            .map(|a| (a.pos, a.editor.selection(), a.editor.caret()));
        let Some(f) = self.issue_find() else { return };
        if f.hits.is_empty() {
            self.clear_open_marks();
            let empty = self.find_query().is_none_or(|(q, _)| q.is_empty());
            if !empty {
                self.notify(self.lang.t(Msg::FindNotFound).to_string());
            }
            return;
        }
        let n = f.hits.len();
        let (i, wrapped) = match (f.position().0, here) {
            (Some(c), _) if forward => ((c + 1) % n, c + 1 == n),
            (Some(c), _) => ((c + n - 1) % n, c == 0),
            (None, Some((at, sel, caret))) => {
                let (from, to) = sel.unwrap_or((caret, caret));
                if forward {
                    match f.hits.iter().position(|h| h.key() >= (at, Place::Body, to)) {
                        Some(i) => (i, false),
                        None => (0, true),
                    }
                } else {
                    match f
                        .hits
                        .iter()
                        .rposition(|h| (h.at, h.place, h.end) <= (at, Place::Body, from))
                    {
                        Some(i) => (i, false),
                        None => (n - 1, true),
                    }
                }
            }
            (None, None) => (0, false),
        };
        let hit = f.hits[i];
        self.go_to_match(hit);
        if wrapped {
            self.notify(self.lang.t(Msg::FindWrapped).to_string());
        }
    }

    /// Goes to the first match at or after `from` in issue order (past the
    /// last, the first, and says so).
    fn issue_go_from(&mut self, from: (ArticleRef, Place, Pos)) {
        let Some(f) = self.issue_find() else { return };
        let next = f.hits.iter().find(|h| h.key() >= from);
        let wrapped = next.is_none();
        match next.or(f.hits.first()).copied() {
            Some(hit) => {
                self.go_to_match(hit);
                if wrapped {
                    self.notify(self.lang.t(Msg::FindWrapped).to_string());
                }
            }
            None => self.clear_open_marks(),
        }
    }

    /// Drops the find marks of the open article (its matches are not
    /// current any more).
    fn clear_open_marks(&mut self) {
        if let Some(a) = self.doc.as_mut().and_then(|d| d.article.as_mut()) {
            a.editor.apply(EditAction::ClearFind);
        }
    }

    /// Opens the article of `hit` (the bar stays), selects the match in its
    /// text or marks it in its title, and has the tree follow.
    fn go_to_match(&mut self, hit: Hit) {
        let Some((query, _)) = self.find_query() else {
            return;
        };
        let Some(doc) = self.doc.as_mut() else { return };
        if doc.article.as_ref().is_some_and(|a| a.pos != hit.at) {
            if let Some(a) = doc.article.as_mut() {
                a.editor.apply(EditAction::ClearFind);
            }
            let bar = doc.find.take();
            doc.switch_article(hit.at);
            doc.find = bar;
        }
        if let Some(c) = doc.tree.collapsed.get_mut(hit.at.section) {
            *c = false;
        }
        doc.tree.selected = Some(Node::Article(hit.at));
        let Some(a) = doc.article.as_mut().filter(|a| a.pos == hit.at) else {
            return;
        };
        match hit.place {
            Place::Body => {
                a.editor.set_caret(hit.start);
                a.editor.apply(EditAction::Find(query));
            }
            Place::Title => {
                a.editor.set_caret(Pos::default());
                a.editor.mark_matches(&query);
            }
        }
        let now = (a.pos, a.editor.revision(), titles_print(&doc.issue));
        if let Some(f) = doc.find.as_mut().map(|b| &mut b.issue) {
            f.current = Some(hit);
            f.origin = hit.key();
            f.seen = Some(now);
        }
        self.focus = Focus::Editor;
    }

    /// The open article's title matches, for the title block: (line, start,
    /// end, whether it is the current match).
    pub fn title_marks(&self) -> Vec<(usize, usize, usize, bool)> {
        let (Some(f), Some(pos)) = (
            self.issue_find(),
            self.doc
                .as_ref()
                .and_then(|d| d.article.as_ref())
                .map(|a| a.pos),
        ) else {
            return Vec::new();
        };
        f.hits
            .iter()
            .filter(|h| h.at == pos && h.place == Place::Title)
            .map(|h| {
                (
                    h.start.paragraph,
                    h.start.grapheme,
                    h.end.grapheme,
                    f.current == Some(*h),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{at, sample_issue};

    #[test]
    fn matches_are_whole_graphemes_in_issue_order_titles_first() {
        assert_eq!(matches_in("文明创建文明", "文明"), vec![(0, 2), (4, 6)]);
        assert_eq!(matches_in("café", "e"), vec![]);
        assert_eq!(matches_in("ABC abc", "abc"), vec![(0, 3), (4, 7)]);
        let issue = sample_issue();
        let hits = search(&issue, "文明");
        assert!(hits.windows(2).all(|w| w[0] < w[1]), "in order");
        let first_title = hits.iter().find(|h| h.place == Place::Title).unwrap();
        let article = issue.article(first_title.at).unwrap();
        assert!(article.title[first_title.start.paragraph].contains("文明"));
        // Every match of the text is where the editor would find it.
        for h in hits
            .iter()
            .filter(|h| h.at == at(0, 0) && h.place == Place::Body)
        {
            let text = &body(article_at(&issue, h.at))[h.start.paragraph];
            let p: Vec<&str> = graphemes(text).collect();
            assert_eq!(p[h.start.grapheme..h.end.grapheme].concat(), "文明");
        }
    }

    fn article_at(issue: &Issue, a: ArticleRef) -> &Article {
        issue.article(a).unwrap()
    }
}
