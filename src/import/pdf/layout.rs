//! Printed lines set out again as text in reading order: indents, centred
//! lines, paragraphs that run on, running headers, footers and page numbers.

use super::PdfText;
use super::glyphs::{Line, Page, fold, lines_of, set, wide};
use crate::import::lines::is_page_number;
use crate::text::NO_ROW_START;
use std::collections::HashMap;

/// Columns a centred title or heading is set out indented by at least:
/// one that (nearly) fills the measure is centred with an indent no wider
/// than a paragraph's, and the text rules would take it for one.
const CENTRED_INDENT: usize = 6;

/// The share of the page height at the top and bottom where headers and
/// footers are printed.
const EDGE: f64 = 0.12;

/// Where the body text's lines start and end, to tell a line that runs on
/// into the next (it fills the measure, and the next starts at the margin)
/// from a paragraph's last line. Reading paragraphs from the positions is
/// surer than from the characters: digits and Latin are narrower than
/// Chinese, so a full line with numbers in it looks short as text.
struct Geometry {
    left: f64,
    right: f64,
    size: f64,
    /// The distance between two lines of a paragraph.
    pitch: f64,
}

impl Geometry {
    fn of(pages: &[Vec<Line>], left: f64, size: f64) -> Geometry {
        let body = |l: &&Line| (l.size - size).abs() <= size * 0.1;
        let mut rights: Vec<f64> = pages
            .iter()
            .flatten()
            .filter(body)
            .map(Line::right)
            .collect();
        rights.sort_by(f64::total_cmp);
        // The measure: where most long lines end (not the widest line, which
        // may hang a stop in the margin).
        let widest = rights.last().copied().unwrap_or(left);
        let long: Vec<f64> = rights
            .iter()
            .copied()
            .filter(|r| *r >= left + (widest - left) * 0.8)
            .collect();
        let right = long.get(long.len() / 2).copied().unwrap_or(widest);
        // A measure only where paragraphs are set to it: three or more lines
        // ending together, among them two paragraphs' first lines, indented
        // and still full, as justified text is. Text printed line by line
        // as it was typed (a plain-text file) has no measure: its lines are
        // left to the rules for extracted text.
        let set_to = long.iter().filter(|r| (**r - right).abs() <= 1.0).count();
        let indented_full = pages
            .iter()
            .flatten()
            .filter(|l| body(l))
            .filter(|l| ((l.left() - left) / size - 2.0).abs() < 0.5)
            .filter(|l| (l.right() - right).abs() <= 1.0)
            .count();
        let right = if set_to >= 3 && indented_full >= 2 {
            right
        } else {
            f64::INFINITY
        };
        let mut pitches: Vec<f64> = pages
            .iter()
            .flat_map(|p| p.windows(2))
            .filter(|w| body(&&w[0]) && body(&&w[1]))
            .map(|w| w[0].y - w[1].y)
            .filter(|d| *d > 0.0)
            .collect();
        pitches.sort_by(f64::total_cmp);
        // The closest step that recurs: in text with a blank line between
        // paragraphs most steps may be blank lines; a paragraph's lines are
        // closer.
        let pitch = pitches
            .iter()
            .copied()
            .find(|p| {
                pitches
                    .iter()
                    .filter(|q| (*q - p).abs() <= p * 0.05)
                    .count()
                    >= 2
            })
            .unwrap_or(size * 1.5);
        Geometry {
            left,
            right,
            size,
            pitch,
        }
    }

    /// Whether `line` is set larger than the body and centred on the
    /// measure, as titles and headings are.
    fn centred_display(&self, line: &Line) -> bool {
        let (before, after) = (line.left() - self.left, self.right - line.right());
        line.size > self.size * 1.1
            && self.right.is_finite()
            && before > self.size / 2.0
            && (before - after).abs() < self.size
    }

    /// Whether `next` (set out as `text`) continues the paragraph of
    /// `line`: `line` is body text filling the measure (up to a character
    /// and a half short, as line-start rules leave it, or short of it by
    /// less than what `next` starts with and could not be broken, such as
    /// “100%。”) with no wide gaps, `next` starts at the margin, close below
    /// (or at the top of the next page), and is no heading or closing line
    /// of its own.
    fn runs_on(&self, line: &Line, next: &Line, new_page: bool, text: &str) -> bool {
        let body = |l: &Line| (l.size - self.size).abs() <= self.size * 0.1;
        let gapped = |s: &str| s.contains("   ");
        let first = line.text();
        let short = self.right - line.right();
        body(line)
            && body(next)
            && (short <= 1.6 * self.size || short < first_unit(next) - 0.1 * self.size)
            && (next.left() - self.left).abs() < self.size * 0.5
            && (new_page || line.y - next.y <= self.pitch * 1.3)
            && !gapped(&set(line, self.size / 2.0))
            && !gapped(text)
            && crate::import::structure::heading(text).is_none()
            && crate::import::structure::heading(&first).is_none()
            && crate::import::masthead::closing_line(text).is_none()
            && !crate::import::lines::is_separator(&first)
            && !crate::import::lines::is_separator(text)
            // A point or an item after a sentence's end starts anew.
            && !(crate::text::rejoin::ends_sentence(&first)
                && (crate::import::toc::enumerator(text).is_some() || crate::import::structure::is_item(text)))
    }
}

/// The width of what a line starts with that a line break could not have
/// split: a run of digits or Latin letters, or one character, with the
/// punctuation after it that may not start a row.
fn first_unit(line: &Line) -> f64 {
    let g = &line.glyphs;
    let Some(start) = g.first() else {
        return 0.0;
    };
    let mut end = if wide(&start.text) {
        1
    } else {
        g.iter()
            .take_while(|g| !wide(&g.text) && !g.text.trim().is_empty())
            .count()
            .max(1)
    };
    while g
        .get(end)
        .is_some_and(|g| !g.text.is_empty() && g.text.chars().all(|c| NO_ROW_START.contains(c)))
    {
        end += 1;
    }
    g[end - 1].x + g[end - 1].advance - start.x
}

/// Sets the pages out as text.
pub(super) fn layout(pages: &[Page]) -> PdfText {
    let mut out = PdfText {
        pages: pages.len(),
        ..PdfText::default()
    };
    let mut page_lines: Vec<Vec<Line>> = pages.iter().map(|p| lines_of(&p.glyphs)).collect();
    // Lines in a page's top or bottom band that recur on other pages at
    // the same height (digits folded) are running headers or footers.
    let mut seen: HashMap<(String, i64), usize> = HashMap::new();
    let in_edge =
        |page: &Page, l: &Line| l.y > page.height * (1.0 - EDGE) || l.y < page.height * EDGE;
    for (page, lines) in pages.iter().zip(&page_lines) {
        for l in lines.iter().filter(|l| in_edge(page, l)) {
            *seen
                .entry((fold(&l.text()), l.y.round() as i64))
                .or_default() += 1;
        }
    }
    let repeated = |l: &Line| {
        let k = fold(&l.text());
        (-2..=2).any(|d| {
            seen.get(&(k.clone(), l.y.round() as i64 + d))
                .copied()
                .unwrap_or(0)
                >= 2
        })
    };
    for (page, lines) in pages.iter().zip(page_lines.iter_mut()) {
        let last = lines.len().saturating_sub(1);
        let mut k = 0;
        lines.retain(|l| {
            let at_edge = k == 0 || k == last || in_edge(page, l);
            k += 1;
            if at_edge && is_page_number(&l.text()) {
                out.page_numbers += 1;
                return false;
            }
            if in_edge(page, l) && pages.len() > 1 && repeated(l) {
                out.headers += 1;
                return false;
            }
            true
        });
    }
    // Columns are counted in half the body text's size, so that a
    // paragraph's two-character indent is four columns, and a centred title
    // many more.
    let mut sizes: Vec<f64> = page_lines.iter().flatten().map(|l| l.size).collect();
    sizes.sort_by(f64::total_cmp);
    let body_size = sizes.get(sizes.len() / 2).copied().unwrap_or(12.0);
    let unit = body_size / 2.0;
    let left = page_lines
        .iter()
        .flatten()
        .map(Line::left)
        .fold(f64::INFINITY, f64::min);
    let geometry = Geometry::of(&page_lines, left, body_size);
    let mut text = String::new();
    let mut previous: Option<&Line> = None;
    for (n, lines) in page_lines.iter().enumerate() {
        for (k, l) in lines.iter().enumerate() {
            let set_out = set(l, unit);
            if let Some(p) = previous
                && geometry.runs_on(p, l, k == 0, &set_out)
            {
                // The same paragraph: the line goes on where the last one
                // ended (a page break inside it leaves no trace).
                if text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && set_out.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    text.push(' ');
                }
                text.push_str(&set_out);
                previous = Some(l);
                continue;
            }
            if previous.is_some() {
                text.push('\n');
            }
            // A gap of a blank line or more is kept as one: it parts
            // paragraphs printed without an indent. Lines of a larger size
            // (the two lines of a title) are that much further apart.
            let larger = |p: &Line| (p.size.min(l.size) / body_size).max(1.0);
            if let Some(p) = previous
                && k > 0
                && p.y - l.y > geometry.pitch * 1.7 * larger(p)
            {
                text.push('\n');
            }
            if n > 0 && k == 0 {
                text.push('\u{0C}');
            }
            // Indents in whole characters: a stray column is no indent.
            let mut cols = (((l.left() - left) / unit / 2.0).round().max(0.0) as usize) * 2;
            if geometry.centred_display(l) {
                cols = cols.max(CENTRED_INDENT);
            }
            text.extend(std::iter::repeat_n(' ', cols));
            text.push_str(&set_out);
            previous = Some(l);
        }
    }
    if previous.is_some() {
        text.push('\n');
    }
    out.text = text;
    out
}
