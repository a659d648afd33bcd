//! The section tree: sections with their articles, and the structural edits
//! on an issue (add, delete, move) that the tree pane offers, as ops
//! (applied, and undone, by [`super::undo`]).

use super::undo::Op;
use crate::model::{Article, ArticleRef, Issue, Section};

/// A row of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Section(usize),
    Article(ArticleRef),
}

impl Node {
    pub fn section(self) -> usize {
        match self {
            Node::Section(s) => s,
            Node::Article(at) => at.section,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeState {
    pub selected: Option<Node>,
    /// Per section: folded away?
    pub collapsed: Vec<bool>,
    /// First visible row.
    pub scroll: usize,
}

impl TreeState {
    pub fn new(issue: &Issue) -> Self {
        TreeState {
            selected: first_node(issue),
            collapsed: vec![false; issue.sections.len()],
            scroll: 0,
        }
    }

    pub fn is_collapsed(&self, s: usize) -> bool {
        self.collapsed.get(s).copied().unwrap_or(false)
    }

    /// The visible rows in order.
    pub fn rows(&self, issue: &Issue) -> Vec<Node> {
        let mut rows = Vec::new();
        for (s, sec) in issue.sections.iter().enumerate() {
            rows.push(Node::Section(s));
            if !self.is_collapsed(s) {
                rows.extend((0..sec.articles.len()).map(|a| Node::Article(ArticleRef::new(s, a))));
            }
        }
        rows
    }

    /// Keeps the selection on an existing, visible row.
    pub fn fix(&mut self, issue: &Issue) {
        self.collapsed.resize(issue.sections.len(), false);
        self.selected = match self.selected {
            _ if issue.sections.is_empty() => None,
            None => first_node(issue),
            Some(Node::Section(s)) => Some(Node::Section(s.min(issue.sections.len() - 1))),
            Some(Node::Article(at)) => {
                let s = at.section.min(issue.sections.len() - 1);
                let n = issue.sections[s].articles.len();
                if n == 0 || self.is_collapsed(s) {
                    Some(Node::Section(s))
                } else {
                    Some(Node::Article(ArticleRef::new(s, at.article.min(n - 1))))
                }
            }
        };
    }

    /// Moves the selection `delta` rows (clamped).
    pub fn step(&mut self, issue: &Issue, delta: isize) {
        let rows = self.rows(issue);
        if rows.is_empty() {
            return;
        }
        let cur = self
            .selected
            .and_then(|n| rows.iter().position(|r| *r == n))
            .unwrap_or(0);
        let next = (cur as isize + delta).clamp(0, rows.len() as isize - 1) as usize;
        self.selected = Some(rows[next]);
    }

    /// Scrolls so the selected row is within `height` visible rows.
    pub fn keep_visible(&mut self, issue: &Issue, height: usize) {
        let rows = self.rows(issue);
        let Some(pos) = self
            .selected
            .and_then(|n| rows.iter().position(|r| *r == n))
        else {
            self.scroll = 0;
            return;
        };
        let height = height.max(1);
        if pos < self.scroll {
            self.scroll = pos;
        } else if pos >= self.scroll + height {
            self.scroll = pos + 1 - height;
        }
        self.scroll = self.scroll.min(rows.len().saturating_sub(height));
    }
}

fn first_node(issue: &Issue) -> Option<Node> {
    (!issue.sections.is_empty()).then_some(Node::Section(0))
}

/// What a structural edit did, so positions held elsewhere (the article open
/// in the editor, the fold state) can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    SwapSections(usize, usize),
    /// The article at `from` was removed and inserted at `to` (indices as
    /// they are after removal).
    MoveArticle {
        from: ArticleRef,
        to: ArticleRef,
    },
    InsertSection(usize),
    RemoveSection(usize),
    InsertArticle(ArticleRef),
    RemoveArticle(ArticleRef),
}

/// Where the article at `pos` is after `change`; `None` if it was removed.
pub fn follow(pos: ArticleRef, change: Change) -> Option<ArticleRef> {
    let (s, a) = (pos.section, pos.article);
    let at = ArticleRef::new;
    Some(match change {
        Change::SwapSections(i, j) if s == i => at(j, a),
        Change::SwapSections(i, j) if s == j => at(i, a),
        Change::SwapSections(..) => pos,
        Change::MoveArticle { from, to } => {
            if pos == from {
                return Some(to);
            }
            let mut a = a;
            if s == from.section && a > from.article {
                a -= 1;
            }
            if s == to.section && a >= to.article {
                a += 1;
            }
            at(s, a)
        }
        Change::InsertSection(i) if s >= i => at(s + 1, a),
        Change::InsertSection(_) => pos,
        Change::RemoveSection(i) if s == i => return None,
        Change::RemoveSection(i) if s > i => at(s - 1, a),
        Change::RemoveSection(_) => pos,
        Change::InsertArticle(i) if s == i.section && a >= i.article => at(s, a + 1),
        Change::InsertArticle(_) => pos,
        Change::RemoveArticle(r) if pos == r => return None,
        Change::RemoveArticle(r) if s == r.section && a > r.article => at(s, a - 1),
        Change::RemoveArticle(_) => pos,
    })
}

/// Moving a section or article one place up: where it goes, and the op
/// that does it. An article at the top of its section moves to the end of
/// the previous section.
pub fn move_up(issue: &Issue, node: Node) -> Option<(Node, Op)> {
    match node {
        Node::Section(s) if s > 0 && s < issue.sections.len() => {
            Some((Node::Section(s - 1), Op::SwapSections(s, s - 1)))
        }
        Node::Article(from) if from.article > 0 => {
            let to = ArticleRef::new(from.section, from.article - 1);
            Some((Node::Article(to), Op::MoveArticle { from, to }))
        }
        Node::Article(from) if from.section > 0 => {
            let to = ArticleRef::new(
                from.section - 1,
                issue.sections.get(from.section - 1)?.articles.len(),
            );
            Some((Node::Article(to), Op::MoveArticle { from, to }))
        }
        _ => None,
    }
}

/// Moving a section or article one place down; an article at the bottom
/// of its section moves to the start of the next section.
pub fn move_down(issue: &Issue, node: Node) -> Option<(Node, Op)> {
    let n_sec = issue.sections.len();
    match node {
        Node::Section(s) if s + 1 < n_sec => {
            Some((Node::Section(s + 1), Op::SwapSections(s, s + 1)))
        }
        Node::Article(from)
            if from.article + 1 < issue.sections.get(from.section)?.articles.len() =>
        {
            let to = ArticleRef::new(from.section, from.article + 1);
            Some((Node::Article(to), Op::MoveArticle { from, to }))
        }
        Node::Article(from) if from.section + 1 < n_sec => {
            let to = ArticleRef::new(from.section + 1, 0);
            Some((Node::Article(to), Op::MoveArticle { from, to }))
        }
        _ => None,
    }
}

/// Adding a section after the selected one (or at the end).
pub fn add_section(issue: &Issue, at: Option<Node>, title: &str) -> (Node, Op) {
    let i = at.map_or(issue.sections.len(), |n| n.section() + 1);
    (Node::Section(i), Op::InsertSection(i, Section::new(title)))
}

/// Adding an article after the selected article, or at the end of the
/// selected section; `None` when there is no section to hold it.
pub fn add_article(issue: &Issue, at: Option<Node>, article: Article) -> Option<(ArticleRef, Op)> {
    let at = match at? {
        Node::Section(s) => ArticleRef::new(s, issue.sections.get(s)?.articles.len()),
        Node::Article(a) => {
            issue.sections.get(a.section)?;
            ArticleRef::new(a.section, a.article + 1)
        }
    };
    Some((at, Op::InsertArticle(at, article)))
}

/// Removing a section or an article.
pub fn remove(node: Node) -> Op {
    match node {
        Node::Section(s) => Op::RemoveSection(s),
        Node::Article(at) => Op::RemoveArticle(at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_issue as sample;

    fn at(s: usize, a: usize) -> ArticleRef {
        ArticleRef::new(s, a)
    }

    fn titles(issue: &Issue) -> Vec<Vec<String>> {
        issue
            .sections
            .iter()
            .map(|s| s.articles.iter().map(|a| a.title_text()).collect())
            .collect()
    }

    #[test]
    fn rows_follow_folding() {
        let issue = sample();
        let mut t = TreeState::new(&issue);
        assert_eq!(t.rows(&issue).len(), 3 + 7);
        t.collapsed[2] = true;
        assert_eq!(t.rows(&issue).len(), 3 + 3);
        t.selected = Some(Node::Article(at(2, 3)));
        t.fix(&issue);
        assert_eq!(t.selected, Some(Node::Section(2)));
    }

    /// Applies the op, returning how positions move.
    fn apply(issue: &mut Issue, op: Op) -> Change {
        op.apply(issue).unwrap().1.unwrap()
    }

    #[test]
    fn articles_move_across_section_boundaries_and_back() {
        let mut issue = sample();
        let before = titles(&issue);
        // The first article of 经验交流 moves up into 工作动态, at its end.
        let (node, op) = move_up(&issue, Node::Article(at(1, 0))).unwrap();
        let change = apply(&mut issue, op);
        assert_eq!(node, Node::Article(at(0, 1)));
        assert_eq!(issue.sections[0].articles.len(), 2);
        assert_eq!(follow(at(1, 0), change), Some(at(0, 1)));
        assert_eq!(follow(at(1, 1), change), Some(at(1, 0)));
        let (node, op) = move_down(&issue, node).unwrap();
        apply(&mut issue, op);
        assert_eq!(node, Node::Article(at(1, 0)));
        assert_eq!(titles(&issue), before);
        // Within a section, both ways.
        let (node, op) = move_down(&issue, Node::Article(at(2, 0))).unwrap();
        apply(&mut issue, op);
        assert_eq!(node, Node::Article(at(2, 1)));
        let (_, op) = move_up(&issue, node).unwrap();
        apply(&mut issue, op);
        assert_eq!(titles(&issue), before);
        // Nothing moves above the first section or below the last article.
        assert!(move_up(&issue, Node::Article(at(0, 0))).is_none());
        assert!(move_up(&issue, Node::Section(0)).is_none());
        assert!(move_down(&issue, Node::Article(at(2, 3))).is_none());
    }

    #[test]
    fn swapping_sections_carries_their_articles() {
        let mut issue = sample();
        let (node, op) = move_down(&issue, Node::Section(0)).unwrap();
        let change = apply(&mut issue, op);
        assert_eq!(node, Node::Section(1));
        assert_eq!(issue.sections[1].title, "工作动态");
        assert_eq!(follow(at(0, 0), change), Some(at(1, 0)));
        assert_eq!(follow(at(1, 1), change), Some(at(0, 1)));
        assert_eq!(follow(at(2, 0), change), Some(at(2, 0)));
    }

    #[test]
    fn adding_and_removing_keep_positions_in_step() {
        let mut issue = sample();
        let (node, op) = add_section(&issue, Some(Node::Article(at(0, 0))), "基层来风");
        let change = apply(&mut issue, op);
        assert_eq!(node, Node::Section(1));
        assert_eq!(issue.sections[1].title, "基层来风");
        assert_eq!(follow(at(1, 1), change), Some(at(2, 1)));
        let (to, op) = add_article(&issue, Some(Node::Section(1)), Article::new("新文章")).unwrap();
        let change = apply(&mut issue, op);
        assert_eq!(to, at(1, 0));
        assert_eq!(follow(at(1, 0), change), Some(at(1, 1)));
        let change = apply(&mut issue, remove(Node::Article(at(2, 0))));
        assert_eq!(follow(at(2, 0), change), None);
        assert_eq!(follow(at(2, 1), change), Some(at(2, 0)));
        let change = apply(&mut issue, remove(Node::Section(0)));
        assert_eq!(follow(at(0, 0), change), None);
        assert_eq!(follow(at(2, 3), change), Some(at(1, 3)));
        assert!(
            add_article(
                &Issue {
                    sections: vec![],
                    ..issue.clone()
                },
                None,
                Article::new("x")
            )
            .is_none()
        );
    }
}
