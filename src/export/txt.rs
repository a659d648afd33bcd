//! Plain text: the print layout ([`super::layout`]) one logical line per
//! text line, paragraphs indented with two ideographic spaces, rules drawn
//! and left/right lines spread across the width of a printed line. With a
//! wrap width ([`PrintSettings::text_wrap`]) the issue is set as a page of
//! that many columns instead ([`super::page`]).

use super::layout::{Line, LineKind, layout};
use super::page::{Row, rows};
use crate::model::{Issue, PrintSettings};
use unicode_width::UnicodeWidthStr;

/// Drawn for the masthead rule and the rules of the closing block.
pub const RULE_CHAR: char = '─';

/// The issue as plain UTF-8 text, ending with a newline.
pub fn to_text(issue: &Issue, settings: &PrintSettings) -> String {
    let lines = layout(issue, settings.contents);
    let mut out = String::new();
    match settings.text_wrap {
        Some(width) => {
            for row in rows(&lines, width as usize) {
                out.push_str(&plain_row(&row, width as usize));
                out.push('\n');
            }
        }
        None => {
            let columns = settings.chars_per_line as usize * 2;
            for line in &lines {
                out.push_str(&plain_line(line, columns));
                out.push('\n');
            }
        }
    }
    out
}

/// One row of a page `width` columns wide as plain text: blanks as
/// ideographic spaces (an odd column as a space), no trailing blanks.
pub fn plain_row(row: &Row, width: usize) -> String {
    if row.is_rule() {
        return RULE_CHAR.to_string().repeat(width);
    }
    let mut out = blank(row.lead);
    out.push_str(&row.text);
    if !row.right.is_empty() {
        out.push_str(&blank(row.gap));
        out.push_str(&row.right);
    }
    out.truncate(out.trim_end().len());
    out
}

fn blank(columns: usize) -> String {
    let mut s = "\u{3000}".repeat(columns / 2);
    if columns % 2 == 1 {
        s.push(' ');
    }
    s
}

/// One logical line as plain text, for a printed line `columns` terminal
/// columns wide (two per Chinese character): rules fill the width, spread
/// lines put their right part at the right edge. No wrapping.
pub fn plain_line(line: &Line, columns: usize) -> String {
    let margin = "\u{3000}".repeat(line.kind.side_margin());
    match line.kind {
        LineKind::MastheadRule | LineKind::ClosingRule { .. } => {
            RULE_CHAR.to_string().repeat(columns)
        }
        LineKind::IssuerDate | LineKind::Staff => {
            let left = format!("{margin}{}", line.text);
            if line.right.is_empty() {
                return left;
            }
            // Both margins count: the right part ends one character in.
            let used = left.width() + line.right.width() + margin.width();
            let gap = columns.saturating_sub(used).max(4);
            let mut out = left;
            out.push_str(&"\u{3000}".repeat(gap / 2));
            if gap % 2 == 1 {
                out.push(' ');
            }
            out.push_str(&line.right);
            out
        }
        kind => {
            let indent = "\u{3000}".repeat(kind.first_line_indent());
            format!("{margin}{indent}{}", line.text)
        }
    }
}
