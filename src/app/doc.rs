//! The open issue: its working copy and the version last saved, the
//! article being edited and those edited before (with their undo history),
//! the find bar and how the issue is held (its lock).

use super::article::ArticleEdit;
use super::find::FindBar;
use super::safety;
use super::tree::{self, Node, TreeState};
use crate::model::{ArticleRef, Issue, IssueId};

/// The issue being edited: a working copy and the last saved version.
#[derive(Debug)]
pub struct Doc {
    pub id: IssueId,
    /// The working copy; the open article's text lives in its editor until
    /// [`Doc::flush`] copies it here.
    pub issue: Issue,
    pub saved: Issue,
    pub tree: TreeState,
    pub article: Option<ArticleEdit>,
    /// Articles edited before, with their undo history, to go back to
    /// (their text is in `issue`; most recent last).
    pub stash: Vec<ArticleEdit>,
    pub find: Option<FindBar>,
    /// Its lock, or who holds it when it is open read-only.
    pub access: safety::Access,
    /// Structural edits, to undo (see [`super::undo`]).
    pub journal: super::undo::Journal,
}

/// How many articles keep their undo history when another is opened.
const STASHED_EDITORS: usize = 16;

impl Doc {
    pub(super) fn new(id: IssueId, issue: Issue, access: safety::Access) -> Doc {
        Doc {
            id,
            tree: TreeState::new(&issue),
            saved: issue.clone(),
            issue,
            article: None,
            stash: Vec::new(),
            find: None,
            access,
            journal: Default::default(),
        }
    }

    /// Replaces the working copy (reload, discard, restore): editors holding
    /// the old text are dropped; `reopen` opens that article again if it
    /// still exists.
    pub fn replace_issue(&mut self, issue: Issue, reopen: Option<ArticleRef>) {
        self.tree = TreeState::new(&issue);
        self.issue = issue;
        // Its steps were taken on another text.
        self.journal.clear();
        self.stash.clear();
        self.find = None;
        let reopened = reopen.and_then(|at| Some((at, self.issue.article(at)?)));
        self.article = reopened.map(|(at, a)| ArticleEdit::open(at, &a.paragraphs));
        if let Some((at, _)) = reopened {
            self.tree.selected = Some(Node::Article(at));
        }
    }

    /// Makes the article at `pos` the open one, keeping the one that was
    /// open (and its undo history) for later.
    pub(super) fn switch_article(&mut self, pos: ArticleRef) {
        if self.article.as_ref().is_some_and(|e| e.pos == pos) {
            return;
        }
        let Some(paragraphs) = self.issue.article(pos).map(|a| a.paragraphs.clone()) else {
            return;
        };
        self.flush();
        if let Some(mut old) = self.article.take() {
            // Left: its 字数 in the tree is the true one.
            old.held = None;
            self.stash.push(old);
            if self.stash.len() > STASHED_EDITORS {
                // Articles only looked at (the tree shows each it passes)
                // go first: their editors hold no undo history.
                let i = self
                    .stash
                    .iter()
                    .position(|e| !e.editor.can_undo())
                    .unwrap_or(0);
                self.stash.remove(i);
            }
        }
        let edit = match self.stash.iter().position(|e| e.pos == pos) {
            Some(i) => self.stash.remove(i),
            None => ArticleEdit::open(pos, &paragraphs),
        };
        self.article = Some(edit);
        self.find = None;
    }

    /// The article pane follows the tree: the article highlighted there is
    /// the one shown (read-only until Enter). Nothing is done when it is
    /// shown already, and one shown lately comes back with its editor, its
    /// text laid out as it was.
    pub(super) fn show_selected(&mut self) {
        if let Some(Node::Article(at)) = self.tree.selected {
            self.switch_article(at);
        }
    }

    /// Keeps everything that points into the issue in step with a
    /// structural edit: the open article (closed if it was removed), the
    /// stashed editors and the fold state.
    pub(super) fn follow(&mut self, change: tree::Change) {
        match change {
            tree::Change::SwapSections(i, j) => self.tree.collapsed.swap(i, j),
            tree::Change::InsertSection(i) => self.tree.collapsed.insert(i, false),
            tree::Change::RemoveSection(i) if i < self.tree.collapsed.len() => {
                self.tree.collapsed.remove(i);
            }
            _ => {}
        }
        if let Some(a) = self.article.as_mut() {
            match tree::follow(a.pos, change) {
                Some(pos) => a.pos = pos,
                None => {
                    self.article = None;
                    self.find = None;
                }
            }
        }
        self.stash
            .retain_mut(|e| match tree::follow(e.pos, change) {
                Some(pos) => {
                    e.pos = pos;
                    true
                }
                None => false,
            });
    }

    pub fn is_dirty(&self) -> bool {
        self.article
            .as_ref()
            .is_some_and(ArticleEdit::has_unflushed)
            || self.issue != self.saved
    }

    /// Copies the editor's text into the working copy.
    pub fn flush(&mut self) {
        if let Some(a) = self.article.as_mut()
            && let Some(text) = a.take_changes()
            && let Some(article) = self.issue.article_mut(a.pos)
        {
            article.paragraphs = text;
        }
    }

    /// 字数 of an article, from the editor when it is open (held still
    /// while typing, see [`super::counts`]).
    pub fn article_chars(&self, at: ArticleRef) -> usize {
        let Some(article) = self.issue.article(at) else {
            return 0;
        };
        match &self.article {
            Some(e) if e.pos == at => e.shown_chars() + article.title_chars(),
            _ => article.char_count(),
        }
    }

    pub fn section_chars(&self, s: usize) -> usize {
        let n = self
            .issue
            .sections
            .get(s)
            .map_or(0, |sec| sec.articles.len());
        (0..n)
            .map(|a| self.article_chars(ArticleRef::new(s, a)))
            .sum()
    }

    pub fn total_chars(&self) -> usize {
        (0..self.issue.sections.len())
            .map(|s| self.section_chars(s))
            .sum()
    }
}
