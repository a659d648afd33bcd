//! The print layout ([`super::layout`]) set in rows of a fixed number of
//! columns, as on a page of monospaced type: paragraphs wrapped with the
//! Chinese line-breaking rules of [`crate::text::wrap`] (first row indented
//! two characters), centred lines centred, issuing unit and date spread to
//! the margins, 报/送/发 continuation rows aligned after the label, rules
//! across the page. The TUI print preview draws these rows and the
//! plain-text export writes them when a wrap width is set, so the two show
//! the same page.

use super::labels;
use super::layout::{Align, ArticleRef, Line, LineKind};
use crate::text::{INDENT, first_row_indent, wrap};
use unicode_width::UnicodeWidthStr;

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

    /// Columns the row's blanks and text take (a rule has no text: it is
    /// drawn across the page).
    pub fn width(&self) -> usize {
        self.lead + self.text.width() + self.gap + self.right.width()
    }
}

/// `text` wrapped at `width` columns (the first row `indent` narrower), as
/// (row text, row width) pairs.
fn wrapped(text: &str, width: usize, indent: usize) -> Vec<(&str, usize)> {
    wrap(text, width, indent)
        .into_iter()
        .map(|r| (&text[r.start..r.end], r.width))
        .collect()
}

/// The rows of `lines` on a page `width` columns wide (at least 10 keeps
/// every row within the width).
pub fn rows(lines: &[Line], width: usize) -> Vec<Row> {
    let width = width.max(2);
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let margin = (l.kind.side_margin() * 2).min(width / 4);
        let inner = width.saturating_sub(2 * margin).max(2);
        match (l.kind, l.kind.align()) {
            (kind, _) if kind.is_rule() => out.push(Row::new(i, l, 0, "")),
            (LineKind::Distribution { label_len }, _) => {
                let (mut label, mut rest) = l.text.split_at(label_len.min(l.text.len()));
                if inner < label.width() + MIN_HANG {
                    // Too narrow to hang the rows after the label.
                    (label, rest) = ("", &l.text);
                }
                let label_w = label.width();
                for (k, (t, _)) in wrapped(rest, inner - label_w, 0).into_iter().enumerate() {
                    out.push(if k == 0 {
                        Row::new(i, l, margin, &format!("{label}{t}"))
                    } else {
                        Row::new(i, l, margin + label_w, t)
                    });
                }
            }
            (_, Align::Spread) => spread(i, l, margin, inner, &mut out),
            (_, Align::Center) => {
                for (t, w) in wrapped(&l.text, width, 0) {
                    out.push(Row::new(i, l, width.saturating_sub(w) / 2, t));
                }
            }
            (kind, _) => {
                let indent = if kind.first_line_indent() > 0 {
                    first_row_indent(width, INDENT)
                } else {
                    0
                };
                let (title, _) = l.split_run_in();
                let mut start = 0;
                for (k, (t, _)) in wrapped(&l.text, width, indent).into_iter().enumerate() {
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
fn spread(i: usize, l: &Line, margin: usize, inner: usize, out: &mut Vec<Row>) {
    let rw = l.right.width();
    let mut rows: Vec<(String, usize)> = Vec::new();
    for part in l.text.split(labels::STAFF_GAP).filter(|p| !p.is_empty()) {
        let w = part.width();
        match rows.last_mut() {
            Some((t, tw)) if *tw + GAP_WIDTH + w <= inner => {
                t.push_str(labels::STAFF_GAP);
                t.push_str(part);
                *tw += GAP_WIDTH + w;
            }
            _ => rows.extend(
                wrapped(part, inner, 0)
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
        for (t, w) in wrapped(&l.right, inner, 0) {
            out.push(Row::new(i, l, margin + inner.saturating_sub(w), t));
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
}
