//! The print layout ([`super::layout`]) set in rows of a fixed number of
//! columns, as on a page of monospaced type: paragraphs wrapped with the
//! Chinese line-breaking rules of [`crate::text::wrap`] (first row indented
//! two characters), centred lines centred, issuing unit and date spread to
//! the margins, 报/送/发 continuation rows aligned after the label, rules
//! across the page. The plain-text export writes these rows when a wrap
//! width is set ([`rows`]).
//!
//! [`pages`] sets the same lines on the printed page's grid ([`Grid`]: 22
//! lines of 28 characters by default), larger type on fewer columns, and
//! breaks them into pages: no blank line at the top of a page, headings and
//! titles kept with what follows, no lone first or last row of a paragraph,
//! the closing block (版记) at the foot of the last page. The PDF export
//! prints these pages and the TUI print preview shows them, so the two agree
//! row for row and page for page.

use super::labels;
use super::layout::{Align, ArticleRef, Line, LineKind};
use crate::model::PrintSettings;
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

/// Points in a millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// GB/T 9704: the page number's line sits 7 mm below the type area.
pub const PAGE_NUMBER_GAP_MM: f64 = 7.0;
/// GB/T 9704: the masthead rule runs 4 mm below the issuing unit's line.
pub const MASTHEAD_RULE_GAP_MM: f64 = 4.0;
/// Rule weights in points: the masthead's 1.5 pt; the closing block's
/// 0.35 mm (≈1 pt) above and below, 0.25 mm (≈0.75 pt) between (GB/T 9704
/// 7.4.1).
pub const MASTHEAD_RULE_PT: f64 = 1.5;
pub const HEAVY_RULE_PT: f64 = 1.0;
pub const LIGHT_RULE_PT: f64 = 0.75;

/// Type larger than the body takes this much height per point of size, in
/// points (as the Word export sizes its lines).
const LEADING: f64 = 1.25;

/// The printed page's type area as a grid of lines and characters (GB/T
/// 9704: 22 lines of 28 characters on A4 within margins of 37/35/28/26 mm),
/// and the type sizes set on it, from [`PrintSettings`].
///
/// Rows are measured in columns of half a character. Body-size type keeps
/// to the grid: a Chinese character fills one cell, `width_pt / chars`
/// wide. Larger or smaller type (titles, the bulletin name, the closing
/// block) is set at its own size, on as many columns as fit the type area
/// (never more than the grid's), and takes as many grid lines as its
/// height needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Characters per line and lines per page.
    pub chars: usize,
    pub lines: usize,
    /// The type area, in points.
    pub width_pt: f64,
    pub height_pt: f64,
    body_pt: f64,
    title_pt: f64,
    closing_pt: f64,
    name_pt: f64,
}

impl Grid {
    pub fn new(s: &PrintSettings) -> Grid {
        let pt = |mm: u32| f64::from(mm) * PT_PER_MM;
        let width =
            PrintSettings::PAGE_WIDTH_MM.saturating_sub(s.margin_left_mm + s.margin_right_mm);
        let height =
            PrintSettings::PAGE_HEIGHT_MM.saturating_sub(s.margin_top_mm + s.margin_bottom_mm);
        Grid {
            chars: (s.chars_per_line as usize).max(1),
            lines: (s.lines_per_page as usize).max(1),
            width_pt: pt(width.max(1)),
            height_pt: pt(height.max(1)),
            body_pt: s.body_size.points(),
            title_pt: s.title_size.points(),
            closing_pt: s.closing_size.points(),
            name_pt: s.name_size.points(),
        }
    }

    /// Columns of a grid line: two a character.
    pub fn columns(&self) -> usize {
        self.chars * 2
    }

    /// Height of a grid line, in points.
    pub fn line_pt(&self) -> f64 {
        self.height_pt / self.lines as f64
    }

    /// The size `line` is set in, in points.
    pub fn size(&self, line: &Line) -> f64 {
        match line.kind {
            LineKind::BulletinName => self.name_size(&line.text),
            LineKind::Title => self.title_pt,
            LineKind::Distribution { .. } | LineKind::Staff => self.closing_pt,
            _ => self.body_pt,
        }
    }

    /// The bulletin name's size: as configured, or smaller (to half a
    /// point) so that a long name still fits on one line.
    pub fn name_size(&self, name: &str) -> f64 {
        let ems = (Measure::Print.str(name) as f64 / 2.0).max(1.0);
        let fit = self.width_pt / ems * 0.98;
        if fit >= self.name_pt {
            self.name_pt
        } else {
            ((fit * 2.0).floor() / 2.0).max(1.0)
        }
    }

    /// Whether `line` keeps to the character grid (it is body-size type).
    pub fn on_grid(&self, line: &Line) -> bool {
        self.size(line) == self.body_pt
    }

    /// Width of one column of `line`'s rows, in points: half a grid cell on
    /// the grid, else half the type size.
    pub fn column_pt(&self, line: &Line) -> f64 {
        if self.on_grid(line) {
            self.width_pt / self.columns() as f64
        } else {
            self.size(line) / 2.0
        }
    }

    /// Columns a row of `line` may fill.
    pub fn fit(&self, line: &Line) -> usize {
        let fit = (self.width_pt / self.column_pt(line) + 1e-6).floor() as usize;
        fit.clamp(2, self.columns().max(2))
    }

    /// Grid lines a row of `line` takes: none for a rule (drawn between
    /// lines), one for body-size type, enough for larger type.
    pub fn lines_of(&self, line: &Line) -> usize {
        if line.kind.is_rule() {
            0
        } else if self.on_grid(line) {
            1
        } else {
            ((self.size(line) * LEADING / self.line_pt()).ceil() as usize).max(1)
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::layout::layout;
    use crate::store::{SAMPLE_ISSUE, codec};

    fn line(kind: LineKind, text: &str, right: &str) -> Line {
        Line {
            kind,
            text: text.into(),
            right: right.into(),
            article: None,
        }
    }

    /// Rows as text: blanks for the lead and gap, `=` across for rules.
    fn show(rows: &[Row], width: usize) -> Vec<String> {
        rows.iter()
            .map(|r| {
                if r.is_rule() {
                    "=".repeat(width)
                } else {
                    format!(
                        "{}{}{}{}",
                        " ".repeat(r.lead),
                        r.text,
                        " ".repeat(r.gap),
                        r.right
                    )
                }
            })
            .collect()
    }

    #[test]
    fn paragraphs_wrap_with_the_indent_and_the_line_breaking_rules() {
        let l = line(LineKind::Paragraph, "一二三四五六七八九十。甲乙", "");
        assert_eq!(
            show(&rows(&[l], 12), 12),
            ["    一二三四", "五六七八九", "十。甲乙"]
        );
    }

    #[test]
    fn centred_lines_are_centred_and_spread_lines_reach_the_margins() {
        let lines = [
            line(LineKind::Title, "全市推进会召开", ""),
            line(LineKind::IssuerDate, "周口市文明办", "2023年11月23日"),
            line(LineKind::MastheadRule, "", ""),
        ];
        assert_eq!(
            show(&rows(&lines, 40), 40),
            [
                "             全市推进会召开",
                "  周口市文明办          2023年11月23日",
                &"=".repeat(40),
            ]
        );
        // Too narrow for both parts: the date goes to the right margin
        // on a row of its own.
        assert_eq!(
            show(&rows(&lines[1..2], 24), 24),
            ["  周口市文明办", "        2023年11月23日"]
        );
    }

    #[test]
    fn staff_lines_break_between_roles() {
        let l = line(
            LineKind::Staff,
            "编辑：李明　　审核：王芳　　签发：张华",
            "共印80份",
        );
        assert_eq!(
            show(&rows(std::slice::from_ref(&l), 40), 40),
            [
                "  编辑：李明　　审核：王芳".to_string(),
                format!("  签发：张华{}共印80份", " ".repeat(18)),
            ]
        );
        assert_eq!(
            show(&rows(&[l], 20), 20),
            [
                "  编辑：李明",
                "  审核：王芳",
                "  签发：张华",
                "          共印80份"
            ]
        );
    }

    #[test]
    fn briefs_mark_their_run_in_title_across_rows() {
        let mut l = line(
            LineKind::BriefParagraph { title_len: 0 },
            "标题很长很长。正文",
            "",
        );
        l.kind = LineKind::BriefParagraph {
            title_len: "标题很长很长。".len(),
        };
        let r = rows(&[l], 10);
        let bold: Vec<&str> = r.iter().map(|r| &r.text[..r.bold]).collect();
        assert_eq!(bold, ["标题很", "长很长。", ""]);
        assert_eq!(r[1].text, "长很长。正");
        assert_eq!(r[2].text, "文");
    }

    #[test]
    fn distribution_rows_align_after_the_label() {
        let l = line(
            LineKind::Distribution {
                label_len: "发：".len(),
            },
            "发：各县（市、区）文明办，市文明委各成员单位",
            "",
        );
        let shown = show(&rows(&[l], 30), 30);
        assert_eq!(shown[0], "  发：各县（市、区）文明办，");
        assert!(
            shown[1..].iter().all(|s| s.starts_with("      ")),
            "{shown:?}"
        );
    }

    #[test]
    fn the_sample_fits_every_width() {
        let issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
        let lines = layout(&issue, true);
        for width in [10, 11, 17, 40, 76, 200] {
            let rows = rows(&lines, width);
            for r in &rows {
                assert!(r.width() <= width, "{width}: {r:?}");
            }
            // Every line is set, in order.
            let mut seen: Vec<usize> = rows.iter().map(|r| r.line).collect();
            seen.dedup();
            assert_eq!(seen, (0..lines.len()).collect::<Vec<_>>());
        }
    }

    fn settings(lines: u32, chars: u32) -> PrintSettings {
        PrintSettings {
            lines_per_page: lines,
            chars_per_line: chars,
            ..PrintSettings::default()
        }
    }

    fn para(text: &str) -> Line {
        line(LineKind::Paragraph, text, "")
    }

    /// Each page's rows as (grid line, text); rules as "=".
    fn shown(pages: &[Page]) -> Vec<Vec<(usize, String)>> {
        pages
            .iter()
            .map(|p| {
                p.rows
                    .iter()
                    .map(|r| {
                        let t = if r.row.is_rule() {
                            "=".to_string()
                        } else {
                            r.row.text.clone()
                        };
                        (r.at, t)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_default_grid_is_gb_t_9704() {
        let g = Grid::new(&PrintSettings::default());
        assert_eq!((g.chars, g.lines, g.columns()), (28, 22, 56));
        // 156 × 225 mm of type area.
        assert!((g.width_pt - 442.205).abs() < 0.01, "{}", g.width_pt);
        assert!((g.height_pt - 637.795).abs() < 0.01, "{}", g.height_pt);
        assert!((g.line_pt() - 28.991).abs() < 0.01);
        let body = para("正文");
        assert_eq!((g.fit(&body), g.lines_of(&body)), (56, 1));
        // 二号 titles: 20 characters a line, one grid line high.
        let title = line(LineKind::Title, "标题", "");
        assert_eq!((g.fit(&title), g.lines_of(&title)), (40, 1));
        // The 初号 name takes two lines; a long one shrinks to fit.
        let name = line(LineKind::BulletinName, "文明创建简报", "");
        assert_eq!((g.size(&name), g.lines_of(&name)), (42.0, 2));
        let long = "某某市精神文明建设委员会办公室文明创建工作简报";
        assert!(g.name_size(long) < 20.0);
        assert!(g.name_size(long) * (long.chars().count() as f64) <= g.width_pt);
        // The closing block's 四号 stays within the grid's columns.
        let closing = line(LineKind::Distribution { label_len: 6 }, "报：省", "");
        assert_eq!((g.fit(&closing), g.lines_of(&closing)), (56, 1));
        assert_eq!(g.lines_of(&line(LineKind::MastheadRule, "", "")), 0);
    }

    #[test]
    fn print_rows_set_quotes_full_width_and_titles_on_fewer_columns() {
        let g = Grid::new(&settings(22, 10));
        let rows = print_rows(&[para("一“二三四五六七八九十")], &g);
        let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
        // 10 characters a line, less the indent of two: “ takes a cell.
        assert_eq!(texts, ["一“二三四五六七", "八九十"]);
        assert!(rows.iter().all(|r| r.width_by(Measure::Print) <= 20));
        // 二号 on the default grid: 20 characters a row, centred in 56.
        let g = Grid::new(&PrintSettings::default());
        let title = "一二三四五六七八九十".repeat(2) + "甲乙丙丁戊";
        let rows = print_rows(&[line(LineKind::Title, &title, "")], &g);
        let shown: Vec<(usize, usize)> = rows
            .iter()
            .map(|r| (r.lead, r.text.chars().count()))
            .collect();
        assert_eq!(shown, [(8, 20), (23, 5)]);
    }

    #[test]
    fn pages_keep_headings_with_text_and_leave_no_lone_rows() {
        let g = Grid::new(&settings(6, 5));
        let lines = [
            para("一二三四五六七八九十甲乙丙丁"), // 4 rows
            line(LineKind::Blank, "", ""),
            line(LineKind::Section, "【栏目】", ""),
            para("一二三四五六七八"), // 2 rows
        ];
        let p = pages(&lines, &g);
        // The heading would be the page's last row: it goes over with its
        // text; the blank before it is not carried to the next page's top.
        assert_eq!(
            shown(&p),
            [
                vec![
                    (0, "一二三".into()),
                    (1, "四五六七八".into()),
                    (2, "九十甲乙丙".into()),
                    (3, "丁".into()),
                    (4, "".into()),
                ],
                vec![
                    (0, "【栏目】".into()),
                    (1, "一二三".into()),
                    (2, "四五六七八".into()),
                ],
            ]
        );
        assert_eq!((p[0].number, p[1].number), (1, 2));
        assert!(p[0].is_odd() && !p[1].is_odd());
    }

    #[test]
    fn a_paragraph_leaves_neither_its_first_nor_its_last_row_alone() {
        let g = Grid::new(&settings(4, 5));
        let four = "一二三四五六七八九十甲乙丙丁戊己"; // 4 rows
        // Three lines used: one left, and a first row may not stay alone.
        let p = pages(&[para("一二三四五六七八九十甲乙丙"), para(four)], &g);
        assert_eq!(p[0].rows.len(), 3);
        assert_eq!(p[1].rows[0].row.text, "一二三");
        // Two lines used: the next paragraph's first two rows fit, but its
        // last row would be alone on the next page: two rows go over.
        let p = pages(&[para("一二三四五六七八"), para(four)], &g);
        assert_eq!(
            shown(&p),
            [
                vec![
                    (0, "一二三".into()),
                    (1, "四五六七八".into()),
                    (2, "一二三".into()),
                    (3, "四五六七八".into()),
                ],
                vec![(0, "九十甲乙丙".into()), (1, "丁戊己".into())],
            ]
        );
    }

    #[test]
    fn the_closing_block_sits_at_the_foot_of_the_last_page() {
        let issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
        let lines = layout(&issue, true);
        let g = Grid::new(&PrintSettings::default());
        let p = pages(&lines, &g);
        let last = p.last().unwrap();
        let closing: Vec<&Placed> = last
            .rows
            .iter()
            .filter(|r| {
                matches!(
                    r.row.kind,
                    LineKind::ClosingRule { .. } | LineKind::Distribution { .. } | LineKind::Staff
                )
            })
            .collect();
        // Rules between lines; 报, 送, 发 and the staff line on the last four.
        let at: Vec<(usize, usize)> = closing.iter().map(|r| (r.at, r.lines)).collect();
        assert_eq!(
            at,
            [
                (18, 0),
                (18, 1),
                (19, 1),
                (20, 1),
                (21, 0),
                (21, 1),
                (22, 0)
            ]
        );
        // Everything else is above it, after a blank line at least.
        let body_end = last
            .rows
            .iter()
            .filter(|r| !closing.iter().any(|c| std::ptr::eq(*c, *r)))
            .filter(|r| r.row.kind != LineKind::Blank)
            .map(|r| r.at + r.lines)
            .max()
            .unwrap();
        assert!(body_end < 18, "{body_end}");
        // A closing block that does not fit goes to the foot of a new page.
        let short = settings(5, 28);
        let p = pages(&lines, &Grid::new(&short));
        let last = p.last().unwrap();
        assert!(last.rows.iter().all(|r| r.row.kind != LineKind::Paragraph));
    }

    #[test]
    fn every_row_is_on_one_page_in_order_within_the_grid() {
        let issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
        for (lines_per_page, chars) in [(22, 28), (3, 10), (40, 35), (1, 1)] {
            let s = settings(lines_per_page, chars);
            let g = Grid::new(&s);
            let lines = layout(&issue, true);
            let p = pages(&lines, &g);
            let rows = print_rows(&lines, &g);
            let placed: Vec<&Row> = p
                .iter()
                .flat_map(|p| p.rows.iter().map(|r| &r.row))
                .collect();
            // All rows but blank lines at the top of a page and the one
            // setting the closing block off, in order.
            let kept: Vec<&Row> = rows.iter().filter(|r| r.kind != LineKind::Blank).collect();
            let placed_text: Vec<&Row> = placed
                .iter()
                .copied()
                .filter(|r| r.kind != LineKind::Blank)
                .collect();
            assert_eq!(placed_text, kept, "{lines_per_page}×{chars}");
            for page in &p {
                let mut last = 0;
                for r in &page.rows {
                    assert!(r.at >= last, "{lines_per_page}×{chars}: {r:?}");
                    last = r.at + r.lines;
                    // Only a row taller than the page may overflow it.
                    assert!(last <= g.lines || r.lines > g.lines || r.at == 0);
                }
                assert!(
                    page.rows
                        .first()
                        .is_none_or(|r| r.row.kind != LineKind::Blank)
                );
            }
        }
    }
}
