//! Undo of the open issue's structure (the tree's Ctrl+Z and Ctrl+Y):
//! adding, deleting, moving, renaming sections and articles, their kind and
//! properties, a paste added as articles, an import into the issue, the
//! masthead (F4).
//!
//! Every structural edit goes through [`Doc::apply_op`], which keeps what
//! takes it back: a removed article or section put back where it was, a
//! move reversed, the old title, kind or masthead. A step never copies the
//! issue, so text typed since in other articles stays as it is when a step
//! is undone, and a step costs what it removed (an article's text for a
//! deletion, some bytes for a move). [`DEPTH`] steps are kept; the text of
//! an article keeps its own undo in its editor.

use super::doc::Doc;
use super::tree::{Change, Node};
use super::{App, Focus};
use crate::i18n::{Lang, Msg};
use crate::model::{Article, ArticleKind, ArticleRef, Issue, Section};

/// How many structural steps are kept.
pub const DEPTH: usize = 100;

/// One structural change of an issue: applied, it gives the one that
/// takes it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    InsertSection(usize, Section),
    RemoveSection(usize),
    SwapSections(usize, usize),
    InsertArticle(ArticleRef, Article),
    RemoveArticle(ArticleRef),
    /// Removed at `from` and inserted at `to` (as it is after the removal).
    MoveArticle {
        from: ArticleRef,
        to: ArticleRef,
    },
    SectionTitle(usize, String),
    ArticleMeta(ArticleRef, Meta),
    /// Everything but the sections, the status and its history (F4).
    Masthead(Box<Issue>),
}

/// What the article form edits: title, kind, source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub title: Vec<String>,
    pub kind: ArticleKind,
    pub source: Option<String>,
}

impl Meta {
    pub fn of(a: &Article) -> Meta {
        Meta {
            title: a.title.clone(),
            kind: a.kind,
            source: a.source.clone(),
        }
    }
}

impl Op {
    /// Applies the op to `issue`: the op that takes it back, and how
    /// positions held elsewhere move. `None` (nothing changed) when it does
    /// not fit the issue.
    pub fn apply(self, issue: &mut Issue) -> Option<(Op, Option<Change>)> {
        Some(match self {
            Op::InsertSection(i, sec) if i <= issue.sections.len() => {
                issue.sections.insert(i, sec);
                (Op::RemoveSection(i), Some(Change::InsertSection(i)))
            }
            Op::RemoveSection(i) if i < issue.sections.len() => {
                let sec = issue.sections.remove(i);
                (Op::InsertSection(i, sec), Some(Change::RemoveSection(i)))
            }
            Op::SwapSections(i, j) if i < issue.sections.len() && j < issue.sections.len() => {
                issue.sections.swap(i, j);
                (Op::SwapSections(i, j), Some(Change::SwapSections(i, j)))
            }
            Op::InsertArticle(at, a) => {
                let list = &mut issue.sections.get_mut(at.section)?.articles;
                if at.article > list.len() {
                    return None;
                }
                list.insert(at.article, a);
                (Op::RemoveArticle(at), Some(Change::InsertArticle(at)))
            }
            Op::RemoveArticle(at) => {
                issue.article(at)?;
                let a = issue.sections[at.section].articles.remove(at.article);
                (Op::InsertArticle(at, a), Some(Change::RemoveArticle(at)))
            }
            Op::MoveArticle { from, to } => {
                issue.article(from)?;
                let room = issue.sections.get(to.section)?.articles.len()
                    - usize::from(from.section == to.section);
                if to.article > room {
                    return None;
                }
                let a = issue.sections[from.section].articles.remove(from.article);
                issue.sections[to.section].articles.insert(to.article, a);
                let back = Op::MoveArticle { from: to, to: from };
                (back, Some(Change::MoveArticle { from, to }))
            }
            Op::SectionTitle(i, title) => {
                let old = std::mem::replace(&mut issue.sections.get_mut(i)?.title, title);
                (Op::SectionTitle(i, old), None)
            }
            Op::ArticleMeta(at, meta) => {
                let a = issue.article_mut(at)?;
                let old = Meta::of(a);
                a.title = meta.title;
                a.kind = meta.kind;
                a.source = meta.source;
                (Op::ArticleMeta(at, old), None)
            }
            Op::Masthead(masthead) => {
                let mut old = std::mem::replace(issue, *masthead);
                issue.schema = old.schema;
                issue.status = old.status;
                issue.history = std::mem::take(&mut old.history);
                issue.sections = std::mem::take(&mut old.sections);
                (Op::Masthead(Box::new(old)), None)
            }
            _ => return None,
        })
    }

    /// Bytes of text the op keeps (for the cost of the history).
    fn weight(&self) -> usize {
        let article = |a: &Article| {
            a.title
                .iter()
                .chain(&a.paragraphs)
                .map(String::len)
                .sum::<usize>()
                + a.source.as_ref().map_or(0, String::len)
        };
        std::mem::size_of::<Op>()
            + match self {
                Op::InsertSection(_, s) => {
                    s.title.len() + s.articles.iter().map(article).sum::<usize>()
                }
                Op::InsertArticle(_, a) => article(a),
                Op::SectionTitle(_, t) => t.len(),
                Op::ArticleMeta(_, m) => m.title.iter().map(String::len).sum(),
                Op::Masthead(i) => i.bulletin.len() + i.issuer.len() + 256,
                _ => 0,
            }
    }
}

/// What a step did, for the status line ("已撤销：删除《…》"), in the
/// language of the moment it is said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub msg: Msg,
    pub args: Vec<String>,
}

impl Label {
    pub fn new(msg: Msg, args: &[&dyn std::fmt::Display]) -> Label {
        Label {
            msg,
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<&dyn std::fmt::Display> = self
            .args
            .iter()
            .map(|a| a as &dyn std::fmt::Display)
            .collect();
        lang.fmt(self.msg, &args)
    }
}

/// One undoable edit: the ops that take it back (applied last first), and
/// the tree's selection before and after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub label: Label,
    ops: Vec<Op>,
    before: Option<Node>,
    after: Option<Node>,
}

/// The structural history of the open issue (cleared when it is replaced).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Journal {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The step being recorded, between [`Doc::begin`] and [`Doc::commit`].
    open: Option<Step>,
}

impl Journal {
    pub fn clear(&mut self) {
        *self = Journal::default();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Bytes the history holds, about.
    pub fn weight(&self) -> usize {
        self.undo
            .iter()
            .chain(&self.redo)
            .flat_map(|s| &s.ops)
            .map(Op::weight)
            .sum()
    }
}

impl Doc {
    /// Starts recording a step named `label`: the ops applied until
    /// [`Doc::commit`] undo as one.
    pub(super) fn begin(&mut self, label: Label) {
        self.journal.open = Some(Step {
            label,
            ops: Vec::new(),
            before: self.tree.selected,
            after: None,
        });
    }

    /// Ends the step begun: kept if it changed anything (the oldest goes
    /// past [`DEPTH`]), and what was undone can no longer be redone.
    /// Returns whether it was kept.
    pub(super) fn commit(&mut self) -> bool {
        let Some(mut step) = self.journal.open.take() else {
            return false;
        };
        if step.ops.is_empty() {
            return false;
        }
        step.after = self.tree.selected;
        let j = &mut self.journal;
        j.undo.push(step);
        if j.undo.len() > DEPTH {
            j.undo.remove(0);
        }
        j.redo.clear();
        true
    }

    /// Applies a structural op to the working copy (the open article's text
    /// copied in first, so a removed article takes it along), keeps
    /// positions held elsewhere in step, and records what takes it back in
    /// the step begun. Returns whether it applied.
    pub(super) fn apply_op(&mut self, op: Op) -> bool {
        self.flush();
        let Some((back, change)) = op.apply(&mut self.issue) else {
            return false;
        };
        if let Some(c) = change {
            self.follow(c);
        }
        if let Some(step) = self.journal.open.as_mut() {
            step.ops.push(back);
        }
        true
    }

    /// Applies `op` as a step of its own named `label`.
    pub(super) fn apply_step(&mut self, label: Label, op: Op) -> bool {
        self.begin(label);
        let done = self.apply_op(op);
        self.commit();
        done
    }

    /// Takes the step just committed back and forgets it (an import whose
    /// save failed); returns whether there was one.
    pub(super) fn retract(&mut self) -> bool {
        let done = matches!(self.replay(false), Ok(Some(_)));
        if done {
            self.journal.redo.pop();
        }
        done
    }

    /// Takes the last step back (`redo`: does again the last one undone).
    /// `Ok(None)`: nothing to do; `Err`: the issue no longer fits the step
    /// (changed by something not recorded), the history is cleared.
    fn replay(&mut self, redo: bool) -> Result<Option<Label>, ()> {
        let from = if redo {
            &mut self.journal.redo
        } else {
            &mut self.journal.undo
        };
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        // Tried on a copy first: a step half applied would be worse than none.
        self.flush();
        let mut trial = self.issue.clone();
        if step
            .ops
            .iter()
            .rev()
            .any(|op| op.clone().apply(&mut trial).is_none())
        {
            self.journal.clear();
            return Err(());
        }
        let mut back = Vec::with_capacity(step.ops.len());
        for op in step.ops.into_iter().rev() {
            let (b, change) = op.apply(&mut self.issue).expect("tried on a copy");
            if let Some(c) = change {
                self.follow(c);
            }
            back.push(b);
        }
        let node = if redo { step.after } else { step.before };
        if let Some(n) = node
            && let Some(c) = self.tree.collapsed.get_mut(n.section())
            && matches!(n, Node::Article(_))
        {
            *c = false;
        }
        self.tree.selected = node;
        self.tree.fix(&self.issue);
        let label = step.label.clone();
        let done = Step { ops: back, ..step };
        if redo {
            self.journal.undo.push(done);
        } else {
            self.journal.redo.push(done);
        }
        Ok(Some(label))
    }
}

impl App {
    /// Ctrl+Z / Ctrl+Y in the tree: undoes or redoes the last structural
    /// step of the open issue and says which.
    pub(super) fn undo_structure(&mut self, redo: bool) {
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut() else {
            self.notify(lang.t(Msg::NoIssueOpen).to_string());
            return;
        };
        match doc.replay(redo) {
            Ok(Some(label)) => {
                if doc.article.is_none() && self.focus == Focus::Editor {
                    self.focus = Focus::Tree;
                    self.zoom = false;
                }
                let msg = if redo {
                    Msg::StructRedone
                } else {
                    Msg::StructUndone
                };
                self.notify(lang.fmt(msg, &[&label.text(lang)]));
            }
            Ok(None) if redo => self.notify(lang.t(Msg::StructNothingToRedo).to_string()),
            Ok(None) => self.notify(self.hint(Msg::StructNothingToUndo, &[])),
            Err(()) => self.notify_error(lang.t(Msg::StructStale).to_string()),
        }
    }
}

/// The ops that make `after` out of `before` when `after` is `before` with
/// sections and articles inserted (an import adds articles to the ends of
/// sections and new sections after them), in an order each applies to the
/// result of the ones before; `None` when it is anything else.
pub fn insertions(before: &Issue, after: &Issue) -> Option<Vec<Op>> {
    let bare = |i: &Issue| Issue {
        sections: Vec::new(),
        ..i.clone()
    };
    if bare(before) != bare(after) {
        return None;
    }
    let mut ops = Vec::new();
    let mut old = before.sections.iter().peekable();
    for (s, sec) in after.sections.iter().enumerate() {
        let kept = old.peek().filter(|o| {
            o.title == sec.title && {
                let mut rest = sec.articles.iter();
                o.articles.iter().all(|a| rest.any(|b| b == a))
            }
        });
        let Some(o) = kept else {
            ops.push(Op::InsertSection(s, sec.clone()));
            continue;
        };
        let mut mine = o.articles.iter().peekable();
        for (a, art) in sec.articles.iter().enumerate() {
            if mine.peek() == Some(&art) {
                mine.next();
            } else {
                ops.push(Op::InsertArticle(ArticleRef::new(s, a), art.clone()));
            }
        }
        old.next();
    }
    old.next().is_none().then_some(ops)
}

/// 《title》 for labels: the first title line, or 无标题.
pub fn title_of(a: &Article, lang: Lang) -> String {
    match a.title.first().filter(|t| !t.is_empty()) {
        Some(t) => t.clone(),
        None => lang.t(Msg::PasteUntitled).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_issue;

    fn at(s: usize, a: usize) -> ArticleRef {
        ArticleRef::new(s, a)
    }

    /// Every op applied then taken back leaves the issue as it was.
    #[test]
    fn each_op_and_its_inverse_give_the_issue_back() {
        let issue = sample_issue();
        let mut masthead = issue.clone();
        masthead.bulletin = "另一个名称".into();
        masthead.number = 26;
        masthead.sections.clear();
        let ops = vec![
            Op::InsertSection(1, Section::new("新栏目")),
            Op::RemoveSection(2),
            Op::SwapSections(0, 2),
            Op::InsertArticle(at(0, 1), Article::new("新文章")),
            Op::RemoveArticle(at(2, 3)),
            Op::MoveArticle {
                from: at(1, 0),
                to: at(0, 1),
            },
            Op::MoveArticle {
                from: at(2, 3),
                to: at(2, 0),
            },
            Op::SectionTitle(1, "改名".into()),
            Op::ArticleMeta(
                at(1, 1),
                Meta {
                    title: vec!["新标题".into()],
                    kind: ArticleKind::Brief,
                    source: Some("来源".into()),
                },
            ),
            Op::Masthead(Box::new(masthead)),
        ];
        for op in ops {
            let mut changed = issue.clone();
            let (back, _) = op.clone().apply(&mut changed).unwrap();
            assert_ne!(changed, issue, "{op:?}");
            let (again, _) = back.apply(&mut changed).unwrap();
            assert_eq!(changed, issue, "{op:?}");
            // And the inverse of the inverse is the op.
            let mut twice = issue.clone();
            again.apply(&mut twice).unwrap();
            let mut once = issue.clone();
            op.apply(&mut once).unwrap();
            assert_eq!(twice, once);
        }
    }

    #[test]
    fn an_issue_with_articles_and_sections_added_is_the_old_one_and_its_insertions() {
        let before = sample_issue();
        let mut after = before.clone();
        after.sections[0].articles.push(Article::new("甲"));
        after.sections[2].articles.insert(1, Article::new("乙"));
        after.sections.insert(1, Section::new("新栏目"));
        after.sections[1].articles.push(Article::new("丙"));
        let ops = insertions(&before, &after).unwrap();
        assert_eq!(ops.len(), 3);
        let mut made = before.clone();
        for op in ops {
            op.apply(&mut made).unwrap();
        }
        assert_eq!(made, after);
        // A removal, or a changed masthead, is not an insertion.
        let mut fewer = before.clone();
        fewer.sections[1].articles.pop();
        assert_eq!(insertions(&before, &fewer), None);
        let mut renamed = after.clone();
        renamed.bulletin = "别的".into();
        assert_eq!(insertions(&before, &renamed), None);
    }

    #[test]
    fn ops_that_do_not_fit_change_nothing() {
        let issue = sample_issue();
        for op in [
            Op::RemoveSection(3),
            Op::InsertSection(4, Section::new("x")),
            Op::RemoveArticle(at(0, 1)),
            Op::InsertArticle(at(0, 2), Article::new("x")),
            Op::MoveArticle {
                from: at(0, 0),
                to: at(0, 1),
            },
            Op::SectionTitle(3, "x".into()),
        ] {
            let mut i = issue.clone();
            assert!(op.clone().apply(&mut i).is_none(), "{op:?}");
            assert_eq!(i, issue);
        }
    }
}
