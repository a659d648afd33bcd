//! Rejoining hard-wrapped lines into paragraphs.
//!
//! Text extracted from a PDF (or copied from one) keeps the printed line
//! breaks. A printed Chinese paragraph has a two-character indent, so its
//! first line is two characters shorter when the indent is lost (or it starts
//! with the indent when it is kept); its last line is short and ends a
//! sentence. Every other line is full. Lines are measured in half-width
//! units: a Chinese character or Chinese punctuation mark (curly quotes
//! included, as a Chinese font prints them) counts 2, anything else 1.

use super::tidy::{is_han, is_shared_punct, is_wide_punct};
use std::ops::Range;

/// One physical line, as the paragraph rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The text without its indent (and without a stray leading space).
    pub text: &'a str,
    /// Starts with an indent: two columns of white space or more beyond the
    /// margin common to all lines.
    pub indented: bool,
    /// A blank line comes before it, and blank lines mean something (the
    /// text is not double-spaced).
    pub after_blank: bool,
}

/// Width of `s` in half-width units.
pub fn measure(s: &str) -> u32 {
    s.chars().map(char_units).sum()
}

fn char_units(c: char) -> u32 {
    if is_han(c) || is_wide_punct(c) || is_shared_punct(c) {
        2
    } else if c.is_control() || ('\u{200B}'..='\u{200F}').contains(&c) || c == '\u{FEFF}' {
        0
    } else {
        unicode_width::UnicodeWidthChar::width(c)
            .unwrap_or(0)
            .max(1) as u32
    }
}

/// Punctuation that a typesetter may hang in the margin at a line end.
fn hangs(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '”'
            | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | ','
            | '.'
            | ';'
            | ':'
    )
}

/// Width of a line's text, a hanging punctuation mark at its end left out.
fn body_measure(s: &str) -> u32 {
    let s = s.trim_end();
    match s.chars().next_back() {
        Some(c) if hangs(c) => measure(&s[..s.len() - c.len_utf8()]),
        _ => measure(s),
    }
}

/// Whether `s` ends a sentence: 。！？；：… (or their ASCII forms),
/// possibly followed by closing quotes and brackets.
pub fn ends_sentence(s: &str) -> bool {
    let closers = ['”', '’', '）', '》', '」', '』', ')', '"', '\''];
    let s = s.trim_end().trim_end_matches(closers);
    s.ends_with(['。', '！', '？', '；', '：', '…', '.', '!', '?', ';', ':'])
}

/// Lines this short (in units) say nothing about the page width.
const MIN_WIDTH: u32 = 20;
/// How much shorter than full a line must be to count as a paragraph's
/// last line (two and a half characters: wider than the jitter that digits,
/// spaces and hanging punctuation bring).
const SHORT: u32 = 5;
/// The lost two-character indent.
const INDENT: u32 = 4;

/// The width of a full line. Widths of full lines cluster (digits, spaces
/// and punctuation make them differ by a unit or two); first lines, last
/// lines and titles are shorter. So: group the widths into clusters, take
/// the widest cluster that is not a stray pair of overlong lines, and its
/// most common width.
pub fn typical_width<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<u32> {
    let mut w: Vec<u32> = lines
        .into_iter()
        .map(body_measure)
        .filter(|w| *w >= MIN_WIDTH)
        .collect();
    w.sort_unstable();
    let mut clusters: Vec<&[u32]> = Vec::new();
    let mut start = 0;
    for i in 1..=w.len() {
        if i == w.len() || w[i] - w[i - 1] > 2 {
            clusters.push(&w[start..i]);
            start = i;
        }
    }
    let biggest = clusters.iter().map(|c| c.len()).max()?;
    let cluster = clusters
        .iter()
        .rev()
        .find(|c| c.len() >= 2 && c.len() * 4 >= biggest)
        .or_else(|| clusters.iter().rev().find(|c| c.len() == biggest))?;
    // The most common width, the wider on a tie (the slice is sorted).
    let mut best = (0usize, 0u32);
    for run in cluster.chunk_by(|a, b| a == b) {
        if run.len() >= best.0 {
            best = (run.len(), run[0]);
        }
    }
    Some(best.1)
}

/// Whether lines of this typical `width` were wrapped by a printer rather
/// than written one paragraph to a line: enough of them stop mid-sentence at
/// the full width, and hardly any is longer.
pub fn is_hard_wrapped<'a>(lines: impl IntoIterator<Item = &'a str>, width: u32) -> bool {
    let (mut all, mut wrapped, mut long) = (0usize, 0usize, 0usize);
    for l in lines {
        if l.trim().is_empty() {
            continue;
        }
        all += 1;
        let w = body_measure(l);
        if !ends_sentence(l) && w + INDENT >= width && w <= width + 2 {
            wrapped += 1;
        }
        if w > width + INDENT {
            long += 1;
        }
    }
    // Lines much longer than "full" mean the text is not wrapped at all.
    wrapped >= 2 && wrapped * 3 >= all && long * 10 <= all
}

/// Groups `lines` into paragraphs (ranges of line indices). `width` is the
/// full line width when the lines are hard-wrapped, `None` when each line is
/// a paragraph of its own (unless blank lines or indents say otherwise).
pub fn paragraphs(lines: &[Line<'_>], width: Option<u32>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..lines.len() {
        if breaks_before(lines, start, i, width) {
            out.push(start..i);
            start = i;
        }
    }
    if !lines.is_empty() {
        out.push(start..lines.len());
    }
    out
}

fn breaks_before(lines: &[Line<'_>], start: usize, i: usize, width: Option<u32>) -> bool {
    let (a, b) = (&lines[i - 1], &lines[i]);
    if b.indented {
        return true;
    }
    let Some(w) = width else {
        // Not wrapped by a printer: every line is a paragraph.
        return true;
    };
    let a_first = i - 1 == start;
    let expected = if a_first { w.saturating_sub(INDENT) } else { w };
    let a_short = body_measure(a.text) + SHORT < expected;
    if b.after_blank {
        // A blank line in single-spaced text ends a paragraph, unless it is
        // a page break inside one (the line before is full and runs on).
        return ends_sentence(a.text) || a_short;
    }
    if !ends_sentence(a.text) {
        return false;
    }
    if a_short {
        return true;
    }
    // A full line that happens to end a sentence, followed by a line of a
    // first line's width that is not itself a short last line.
    let first_width = w.saturating_sub(INDENT);
    let bw = body_measure(b.text);
    let b_first_shaped = bw + 3 >= first_width && bw <= first_width + 1;
    let b_last = ends_sentence(b.text) && bw + SHORT < w;
    b_first_shaped && !b_last && i + 1 < lines.len()
}

/// Joins the lines of one paragraph. Chinese needs nothing between lines;
/// two Latin words get a space.
pub fn join<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if let (Some(a), Some(b)) = (out.chars().next_back(), l.chars().next())
            && a.is_ascii_graphic()
            && b.is_ascii_alphanumeric()
            && !(a.is_ascii_digit() && b.is_ascii_digit())
        {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// Width in columns of leading white space, and the text after it.
pub fn indent_of(s: &str) -> (u32, &str) {
    let mut cols = 0;
    for (i, c) in s.char_indices() {
        match c {
            ' ' | '\u{00A0}' => cols += 1,
            '\t' => cols += 4,
            '\u{3000}' => cols += 2,
            _ => return (cols, &s[i..]),
        }
    }
    (cols, "")
}

/// Splits pasted or extracted text into [`Line`]s: blank lines are dropped
/// (and remembered when they separate paragraphs, not every line), a single
/// stray leading space is a page-break artefact, not an indent.
pub fn scan(text: &str) -> Vec<Line<'_>> {
    let raw: Vec<&str> = super::tidy::lines(text)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    let double_spaced = is_double_spaced(&raw);
    let mut shaped: Vec<(u32, &str, bool)> = Vec::new();
    let mut blank = false;
    for l in raw {
        if l.trim().is_empty() {
            blank = !shaped.is_empty();
            continue;
        }
        let (mut cols, rest) = indent_of(l);
        if cols == 1 && l.starts_with(' ') {
            cols = 0;
        }
        shaped.push((cols, rest.trim_end(), blank && !double_spaced));
        blank = false;
    }
    let margin = shaped.iter().map(|s| s.0).min().unwrap_or(0);
    shaped
        .into_iter()
        .map(|(cols, text, after_blank)| Line {
            text,
            indented: cols >= margin + 2,
            after_blank,
        })
        .collect()
}

/// Blank lines between (nearly) all lines: they carry no meaning.
pub fn is_double_spaced(lines: &[&str]) -> bool {
    let mut gaps = 0usize;
    let mut blank_gaps = 0usize;
    let mut seen = false;
    let mut blank = false;
    for l in lines {
        if l.trim().is_empty() {
            blank = true;
            continue;
        }
        if seen {
            gaps += 1;
            if blank {
                blank_gaps += 1;
            }
        }
        seen = true;
        blank = false;
    }
    gaps >= 2 && blank_gaps * 10 >= gaps * 7
}

fn layout<'a>(lines: &[Line<'a>]) -> Option<u32> {
    let w = typical_width(lines.iter().map(|l| l.text))?;
    is_hard_wrapped(lines.iter().map(|l| l.text), w).then_some(w)
}

/// Whether `text` looks hard-wrapped: rejoining would join some lines.
pub fn looks_hard_wrapped(text: &str) -> bool {
    let lines = scan(text);
    let width = layout(&lines);
    width.is_some() && paragraphs(&lines, width).iter().any(|r| r.len() > 1)
}

/// Rejoins hard-wrapped text: one paragraph per line, without indents.
/// Text that is not hard-wrapped comes back with only blank lines, indents
/// and trailing spaces removed.
pub fn rejoin(text: &str) -> String {
    let lines = scan(text);
    let width = layout(&lines);
    paragraphs(&lines, width)
        .into_iter()
        .map(|r| join(lines[r].iter().map(|l| l.text)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
