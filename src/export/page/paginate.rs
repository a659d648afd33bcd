//! Rows broken into printed pages: headings kept with what follows, no lone
//! first or last row of a paragraph, the closing block at the foot.

use super::{Grid, Row, print_rows};
use crate::export::layout::{Line, LineKind};

/// A row set on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub row: Row,
    /// The grid line it starts on, 0 at the top of the type area; a rule
    /// lies on the top edge of that line.
    pub at: usize,
    /// Grid lines it takes (0 for a rule).
    pub lines: usize,
}

/// One printed page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page number, from 1.
    pub number: usize,
    pub rows: Vec<Placed>,
}

impl Page {
    /// Odd pages carry their number on the right, even ones on the left.
    pub fn is_odd(&self) -> bool {
        self.number % 2 == 1
    }
}

/// Lines that must not end a page: headings and titles stay with what
/// follows them.
fn keeps_with_next(kind: LineKind) -> bool {
    use LineKind::*;
    matches!(
        kind,
        Mark | BulletinName | Number | ContentsHeading | ContentsSection | Section | Title | Source
    )
}

/// The printed issue: `lines` set on `grid` ([`print_rows`]) and broken
/// into pages. There is always at least one page.
pub fn pages(lines: &[Line], grid: &Grid) -> Vec<Page> {
    let rows = print_rows(lines, grid);
    let heights: Vec<usize> = rows.iter().map(|r| grid.lines_of(&lines[r.line])).collect();
    Paginator {
        rows: &rows,
        heights: &heights,
        capacity: grid.lines,
        pages: Vec::new(),
        page: Vec::new(),
        used: 0,
    }
    .run()
}

struct Paginator<'a> {
    rows: &'a [Row],
    heights: &'a [usize],
    /// Grid lines per page.
    capacity: usize,
    pages: Vec<Page>,
    page: Vec<Placed>,
    used: usize,
}

impl Paginator<'_> {
    fn run(mut self) -> Vec<Page> {
        // The closing block goes to the foot of the last page; the blank
        // line that sets it off in the flow is not needed there.
        let closing = self
            .rows
            .iter()
            .position(|r| matches!(r.kind, LineKind::ClosingRule { .. }));
        let body_end = match closing {
            Some(c) if c > 0 && self.rows[c - 1].kind == LineKind::Blank => c - 1,
            Some(c) => c,
            None => self.rows.len(),
        };
        self.flow(0..body_end);
        if let Some(c) = closing {
            self.foot(c);
        }
        if !self.page.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        self.pages
    }

    fn new_page(&mut self) {
        let rows = std::mem::take(&mut self.page);
        self.pages.push(Page {
            number: self.pages.len() + 1,
            rows,
        });
        self.used = 0;
    }

    fn place(&mut self, i: usize, at: usize) {
        self.page.push(Placed {
            row: self.rows[i].clone(),
            at,
            lines: self.heights[i],
        });
        self.used = self.used.max(at + self.heights[i]);
    }

    fn flow(&mut self, range: std::ops::Range<usize>) {
        let end = range.end;
        let mut i = range.start;
        while i < end {
            if self.rows[i].kind == LineKind::Blank && self.used == 0 {
                i += 1;
                continue;
            }
            let need = self.need(i, end);
            if self.used > 0 && self.used + need > self.capacity {
                self.new_page();
                continue;
            }
            self.place(i, self.used);
            i += 1;
        }
    }

    /// The rows of the logical line of row `i`: (its index among them, how
    /// many there are).
    fn position_in_line(&self, i: usize) -> (usize, usize) {
        let line = self.rows[i].line;
        let first = (0..i)
            .rev()
            .take_while(|&j| self.rows[j].line == line)
            .count();
        let after = self.rows[i + 1..]
            .iter()
            .take_while(|r| r.line == line)
            .count();
        (first, first + 1 + after)
    }

    /// Grid lines that must be free for row `i` to go on this page: a
    /// heading or title with what follows it; a paragraph's first rows so
    /// that none is left alone at the foot (two, or all of a paragraph of
    /// up to three); its last two rows together, so that none is left alone
    /// at the head of the next page. Never more than a page.
    fn need(&self, i: usize, end: usize) -> usize {
        let h = |from: usize, n: usize| -> usize {
            self.heights[from..(from + n).min(end)].iter().sum()
        };
        let kind = self.rows[i].kind;
        let need = if keeps_with_next(kind) {
            // The run of headings, titles and blanks, and the first rows of
            // what they introduce.
            let mut j = i;
            while j < end
                && (keeps_with_next(self.rows[j].kind) || self.rows[j].kind == LineKind::Blank)
            {
                j += 1;
            }
            h(i, j - i)
                + if j < end {
                    self.need_in_line(j, end)
                } else {
                    0
                }
        } else {
            self.need_in_line(i, end)
        };
        if need > self.capacity {
            self.heights[i]
        } else {
            need
        }
    }

    fn need_in_line(&self, i: usize, end: usize) -> usize {
        let (k, n) = self.position_in_line(i);
        let rows = match (k, n) {
            (0, n) if n <= 3 => n,
            (0, _) => 2,
            (k, n) if n >= 3 && k + 2 == n => 2,
            _ => 1,
        };
        self.heights[i..(i + rows).min(end)].iter().sum()
    }

    /// Sets the closing block from row `from` to the end at the foot of the
    /// page, after a blank line, or of a new page when it does not fit;
    /// one taller than a page just flows on.
    fn foot(&mut self, from: usize) {
        let height: usize = self.heights[from..].iter().sum();
        if height > self.capacity {
            self.flow(from..self.rows.len());
            return;
        }
        if self.used > 0 && self.used + 1 + height > self.capacity {
            self.new_page();
        }
        let mut at = self.capacity - height;
        for i in from..self.rows.len() {
            self.place(i, at);
            at += self.heights[i];
        }
    }
}
