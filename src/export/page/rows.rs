//! Lines set in rows of a fixed number of columns: wrapped, centred, spread
//! to the margins, 报/送/发 continuation rows hung after the label.

use super::Grid;
use crate::export::labels;
use crate::export::layout::{Align, ArticleRef, Line, LineKind};
use crate::text::{INDENT, Measure, first_row_indent, wrap_measured};

/// Blank columns at least between the left and right parts of a spread line
/// (two full-width spaces) before the right part goes to a row of its own.
const MIN_GAP: usize = 4;

/// Width of [`labels::STAFF_GAP`], between the parts of a spread line.
const GAP_WIDTH: usize = 4;

/// Columns at least beside the 报/送/发 label for its continuation rows to
/// hang after it (four characters); narrower, they start at the margin.
const MIN_HANG: usize = 8;

/// One row of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index of the logical line this row sets, in the slice given to [`rows`].
    pub line: usize,
    pub kind: LineKind,
    pub article: Option<ArticleRef>,
    /// Blank columns before the text (indent, margin or centring).
    pub lead: usize,
    pub text: String,
    /// Bytes at the start of `text` printed bold: a brief's run-in title.
    pub bold: usize,
    /// Blank columns between `text` and `right`.
    pub gap: usize,
    /// The right-aligned part (the date, 共印N份), ending at the right margin.
    pub right: String,
}

impl Row {
    fn new(line: usize, l: &Line, lead: usize, text: &str) -> Row {
        Row {
            line,
            kind: l.kind,
            article: l.article,
            lead,
            text: text.to_string(),
            bold: 0,
            gap: 0,
            right: String::new(),
        }
    }

    /// Whether the row is a rule across the page (drawn, no text).
    pub fn is_rule(&self) -> bool {
        self.kind.is_rule()
    }

    /// Columns the row's blanks and text take on screen (a rule has no
    /// text: it is drawn across the page).
    pub fn width(&self) -> usize {
        self.width_by(Measure::Screen)
    }

    /// Columns the row's blanks and text take, measured by `m`.
    pub fn width_by(&self, m: Measure) -> usize {
        self.lead + m.str(&self.text) + self.gap + m.str(&self.right)
    }
}

/// `text` wrapped at `width` columns (the first row `indent` narrower), as
/// (row text, row width) pairs.
fn wrapped(text: &str, width: usize, indent: usize, m: Measure) -> Vec<(&str, usize)> {
    wrap_measured(text, width, indent, m)
        .into_iter()
        .map(|r| (&text[r.start..r.end], r.width))
        .collect()
}

/// The rows of `lines` on a screen page `width` columns wide (at least 10
/// keeps every row within the width).
pub fn rows(lines: &[Line], width: usize) -> Vec<Row> {
    set(lines, width, Measure::Screen, |_| width)
}

/// The rows of `lines` on the printed page's grid: columns measured as
/// printed ([`Measure::Print`]), each line within the columns its type
/// size leaves ([`Grid::fit`]), centred lines centred on the whole width.
pub fn print_rows(lines: &[Line], grid: &Grid) -> Vec<Row> {
    set(lines, grid.columns(), Measure::Print, |l| grid.fit(l))
}

/// The rows of `lines` on a page `width` columns wide, each line set within
/// `fit(line)` columns of it.
fn set(lines: &[Line], width: usize, m: Measure, fit: impl Fn(&Line) -> usize) -> Vec<Row> {
    let width = width.max(2);
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let fit = fit(l).clamp(2, width);
        let margin = (l.kind.side_margin() * 2).min(fit / 4);
        let inner = fit.saturating_sub(2 * margin).max(2);
        match (l.kind, l.kind.align()) {
            (kind, _) if kind.is_rule() => out.push(Row::new(i, l, 0, "")),
            (LineKind::Distribution { label_len }, _) => {
                let (mut label, mut rest) = l.text.split_at(label_len.min(l.text.len()));
                if inner < m.str(label) + MIN_HANG {
                    // Too narrow to hang the rows after the label.
                    (label, rest) = ("", &l.text);
                }
                let label_w = m.str(label);
                for (k, (t, _)) in wrapped(rest, inner - label_w, 0, m).into_iter().enumerate() {
                    out.push(if k == 0 {
                        Row::new(i, l, margin, &format!("{label}{t}"))
                    } else {
                        Row::new(i, l, margin + label_w, t)
                    });
                }
            }
            (_, Align::Spread) => spread(i, l, margin, inner, m, &mut out),
            (_, Align::Center) => {
                for (t, w) in wrapped(&l.text, fit, 0, m) {
                    out.push(Row::new(i, l, width.saturating_sub(w) / 2, t));
                }
            }
            (kind, _) => {
                let indent = if kind.first_line_indent() > 0 {
                    first_row_indent(fit, INDENT)
                } else {
                    0
                };
                let (title, _) = l.split_run_in();
                let mut start = 0;
                for (k, (t, _)) in wrapped(&l.text, fit, indent, m).into_iter().enumerate() {
                    let mut row = Row::new(i, l, if k == 0 { indent } else { 0 }, t);
                    row.bold = title.len().saturating_sub(start).min(t.len());
                    start += t.len();
                    out.push(row);
                }
            }
        }
    }
    out
}

/// A spread line: the left part at the margin and the right part ending at
/// the right margin, on one row when both fit. Otherwise the left part goes
/// on rows of its own, broken between its parts (编辑：… 审核：…) before
/// within one, and the right part follows on the last of them if it fits.
fn spread(i: usize, l: &Line, margin: usize, inner: usize, m: Measure, out: &mut Vec<Row>) {
    let rw = m.str(&l.right);
    let mut rows: Vec<(String, usize)> = Vec::new();
    for part in l.text.split(labels::STAFF_GAP).filter(|p| !p.is_empty()) {
        let w = m.str(part);
        match rows.last_mut() {
            Some((t, tw)) if *tw + GAP_WIDTH + w <= inner => {
                t.push_str(labels::STAFF_GAP);
                t.push_str(part);
                *tw += GAP_WIDTH + w;
            }
            _ => rows.extend(
                wrapped(part, inner, 0, m)
                    .into_iter()
                    .map(|(t, w)| (t.to_string(), w)),
            ),
        }
    }
    if rows.is_empty() && rw == 0 {
        out.push(Row::new(i, l, margin, ""));
        return;
    }
    let last = rows.len().saturating_sub(1);
    for (k, (t, w)) in rows.iter().enumerate() {
        let mut row = Row::new(i, l, margin, t);
        if k == last && rw > 0 && w + MIN_GAP + rw <= inner {
            row.gap = inner - w - rw;
            row.right = l.right.clone();
        }
        out.push(row);
    }
    if rw > 0 && out.last().is_none_or(|r| r.line != i || r.right.is_empty()) {
        for (t, w) in wrapped(&l.right, inner, 0, m) {
            out.push(Row::new(i, l, margin + inner.saturating_sub(w), t));
        }
    }
}
