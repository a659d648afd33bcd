//! PDF files: the text layer read glyph by glyph with its position
//! (pdf-extract, which maps CJK fonts through their ToUnicode CMaps as
//! Word, WPS and LibreOffice write them), set out again as lines the way
//! pdftotext -layout does, in reading order. Running headers, footers and
//! page numbers are dropped by where they sit on the page; what remains is
//! text for the same rules as any extracted text.

use super::lines::is_page_number;
use crate::text::NO_ROW_START;
use pdf_extract::{Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform};
use std::collections::HashMap;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Not readable as a PDF (the reader's words).
    Broken(String),
    /// Its structure reads, but its contents or fonts are damaged.
    Damaged,
    /// Encrypted with a password.
    Encrypted,
    /// Pages but no text: a scan or a picture of text.
    NoTextLayer { pages: usize },
    /// Text whose characters cannot be told (fonts without a map to
    /// Unicode).
    Unmapped { pages: usize },
}

/// The text of a PDF, a line per printed line, pages separated by form
/// feeds, and what was dropped on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
    /// Running headers and footers dropped.
    pub headers: usize,
    pub page_numbers: usize,
}

/// One glyph where it is printed (PDF units, y upwards).
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    size: f64,
    advance: f64,
    text: String,
}

#[derive(Default)]
struct Page {
    height: f64,
    glyphs: Vec<Glyph>,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// Glyphs drawn whose character the font does not tell (no ToUnicode
    /// map, no known encoding).
    unmapped: usize,
}

/// A glyph's text that says nothing: empty, U+FFFD, private use, control.
fn unknown(text: &str) -> bool {
    text.chars().all(|c| {
        c == '\u{FFFD}'
            || ('\u{E000}'..='\u{F8FF}').contains(&c)
            || (c.is_control() && !c.is_whitespace())
    })
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            height: (media.ury - media.lly).abs(),
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The size as printed: the font size scaled by the text matrix.
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        if unknown(text) {
            self.unmapped += 1;
            return Ok(());
        }
        if let Some(page) = self.pages.last_mut()
            && size > 0.0
        {
            page.glyphs.push(Glyph {
                x: trm.m31,
                y: trm.m32,
                size,
                advance: width * size,
                text: text.to_string(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A printed line: its glyphs left to right.
#[derive(Debug, Clone)]
struct Line {
    y: f64,
    size: f64,
    glyphs: Vec<Glyph>,
}

impl Line {
    fn left(&self) -> f64 {
        self.glyphs.first().map_or(0.0, |g| g.x)
    }

    fn right(&self) -> f64 {
        self.glyphs.last().map_or(0.0, |g| g.x + g.advance)
    }

    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

fn wide(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(2))
}

/// Groups a page's glyphs into lines: glyphs whose baselines lie within a
/// third of their size of each other, top to bottom.
fn lines_of(glyphs: &[Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().collect();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Line> = Vec::new();
    for g in sorted {
        match lines.last_mut() {
            Some(l) if (l.y - g.y).abs() <= l.size.min(g.size) / 3.0 => {
                l.glyphs.push(g.clone());
                l.size = l.size.max(g.size);
            }
            _ => lines.push(Line {
                y: g.y,
                size: g.size,
                glyphs: vec![g.clone()],
            }),
        }
    }
    for l in &mut lines {
        l.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        // The same glyph drawn twice (fake bold) is one.
        l.glyphs
            .dedup_by(|b, a| a.text == b.text && (a.x - b.x).abs() < a.size * 0.1);
    }
    lines
}

/// The line as text: a space where the gap between glyphs is a space's
/// (Latin words), or wider than the extra spacing of justified Chinese;
/// runs of spaces for the wide gaps of a masthead (unit … date).
fn set(line: &Line, unit: f64) -> String {
    let mut out = String::new();
    let mut end: Option<(f64, bool)> = None;
    for g in &line.glyphs {
        if let Some((prev_end, prev_wide)) = end {
            let gap = g.x - prev_end;
            // Between Chinese and digits or Latin, typesetting leaves a
            // quarter of a character (autospace): no space.
            let latin = !prev_wide && !wide(&g.text);
            let threshold = if latin { 0.2 } else { 0.6 } * g.size;
            if gap > threshold {
                let n = ((gap / unit).round() as usize).clamp(1, 60);
                // Wide gaps keep their width in columns; a word space is one.
                out.extend(std::iter::repeat_n(
                    ' ',
                    if gap > 2.0 * g.size { n } else { 1 },
                ));
            }
        }
        out.push_str(&g.text);
        end = Some((g.x + g.advance, wide(&g.text)));
    }
    out
}

/// What a header or footer looks like for comparison: no spaces, digits
/// folded (the page number in it changes).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Columns a centred title or heading is set out indented by at least:
/// one that (nearly) fills the measure is centred with an indent no wider
/// than a paragraph's, and the text rules would take it for one.
const CENTRED_INDENT: usize = 6;

/// The share of the page height at the top and bottom where headers and
/// footers are printed.
const EDGE: f64 = 0.12;

/// Loads a PDF for reading its text: opened (an empty password tried on
/// an encrypted one) and its CID fonts' widths listed as pdf-extract reads
/// them (see [`list_widths`]).
pub fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| PdfError::Broken(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    list_widths(&mut doc);
    Ok(doc)
}

/// pdf-extract (0.12) reads only the `c [w1 w2 …]` entries of a CID font's
/// widths (/W) and misreads the `c_first c_last w` ones, which the PDF
/// standard allows as well and krilla (so jianbao's own PDFs) writes: those
/// glyphs get the default width, often 0, and a line's characters pile up
/// at its start.
/// Rewrites every range as a list; a /W it cannot make sense of is left
/// as it is.
fn list_widths(doc: &mut Document) {
    let number = |doc: &Document, o: &Object| -> Option<f32> {
        let o = doc.dereference(o).ok()?.1;
        o.as_float()
            .ok()
            .or_else(|| o.as_i64().ok().map(|i| i as f32))
    };
    let mut fixes: Vec<(ObjectId, Vec<Object>)> = Vec::new();
    for (id, object) in &doc.objects {
        let Ok(font) = object.as_dict() else {
            continue;
        };
        let cid_font = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"CIDFontType0" || s == b"CIDFontType2");
        let Some(w) = font
            .get(b"W")
            .ok()
            .filter(|_| cid_font)
            .and_then(|w| doc.dereference(w).ok())
            .and_then(|(_, w)| w.as_array().ok())
        else {
            continue;
        };
        let mut listed = Vec::new();
        let mut ranges = false;
        let mut i = 0;
        let ok = loop {
            let Some(first) = w.get(i) else { break true };
            let Some(first) = number(doc, first).filter(|f| *f >= 0.0) else {
                break false;
            };
            match w.get(i + 1).map(|o| doc.dereference(o).map(|r| r.1)) {
                Some(Ok(Object::Array(list))) => {
                    listed.push(Object::Integer(first as i64));
                    listed.push(Object::Array(list.clone()));
                    i += 2;
                }
                Some(Ok(last)) => {
                    let (Some(last), Some(width)) =
                        (number(doc, last), w.get(i + 2).and_then(|o| number(doc, o)))
                    else {
                        break false;
                    };
                    // CIDs are two bytes: a wider range is nonsense.
                    if last < first || last - first > 65535.0 {
                        break false;
                    }
                    let n = (last - first) as usize + 1;
                    listed.push(Object::Integer(first as i64));
                    listed.push(Object::Array(vec![Object::Real(width); n]));
                    ranges = true;
                    i += 3;
                }
                _ => break false,
            }
        };
        if ok && ranges {
            fixes.push((*id, listed));
        }
    }
    for (id, w) in fixes {
        if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
            font.set("W", Object::Array(w));
        }
    }
}

/// Reads the text layer of a PDF.
pub fn read(bytes: &[u8]) -> Result<PdfText, PdfError> {
    // A broken file must not take the program down with it.
    let collected = super::quietly(|| -> Result<Collector, PdfError> {
        let doc = load(bytes)?;
        let mut c = Collector::default();
        pdf_extract::output_doc(&doc, &mut c).map_err(|e| PdfError::Broken(e.to_string()))?;
        Ok(c)
    })
    .ok_or(PdfError::Damaged)??;
    let pages = collected.pages;
    let visible = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| g.text.chars().any(|c| !c.is_whitespace()))
        .count();
    // Text drawn mostly in fonts that do not say their characters: what
    // could be read would be a fragment.
    if collected.unmapped * 4 > visible {
        return Err(PdfError::Unmapped { pages: pages.len() });
    }
    if visible < 4 * pages.len().max(1) {
        return Err(PdfError::NoTextLayer { pages: pages.len() });
    }
    Ok(layout(&pages))
}

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
            && super::structure::heading(text).is_none()
            && super::structure::heading(&first).is_none()
            && super::masthead::closing_line(text).is_none()
            && !super::lines::is_separator(&first)
            && !super::lines::is_separator(text)
            // A point or an item after a sentence's end starts anew.
            && !(crate::text::rejoin::ends_sentence(&first)
                && (super::toc::enumerator(text).is_some() || super::structure::is_item(text)))
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
fn layout(pages: &[Page]) -> PdfText {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(line: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut at = x;
        line.chars()
            .map(|c| {
                let advance = if c.is_ascii() { size / 2.0 } else { size };
                let g = Glyph {
                    x: at,
                    y,
                    size,
                    advance,
                    text: c.to_string(),
                };
                at += advance;
                g
            })
            .collect()
    }

    fn page(lines: &[(&str, f64, f64)]) -> Page {
        Page {
            height: 842.0,
            glyphs: lines
                .iter()
                .rev()
                .flat_map(|(t, x, y)| glyphs(t, *x, *y, 16.0))
                .collect(),
        }
    }

    #[test]
    fn lines_are_read_top_down_left_to_right_with_indents() {
        let p = page(&[
            ("县文明办开展志愿服务活动", 200.0, 700.0),
            ("3月5日，县文明办组织志愿者走进社区。", 112.0, 670.0),
            ("活动受到群众好评。", 80.0, 645.0),
        ]);
        let t = layout(&[p]);
        let lines: Vec<&str> = t.text.lines().collect();
        assert_eq!(lines[0].trim_start(), "县文明办开展志愿服务活动");
        assert!(lines[0].starts_with(&" ".repeat(14)), "{:?}", lines[0]);
        assert_eq!(lines[1], "    3月5日，县文明办组织志愿者走进社区。");
        assert_eq!(lines[2], "活动受到群众好评。");
    }

    #[test]
    fn headers_footers_and_page_numbers_go_by_position() {
        let pages: Vec<Page> = (1..=3)
            .map(|n| {
                page(&[
                    ("文明创建简报（第3期）", 80.0, 800.0),
                    (&format!("{}。", "正文".repeat(n)), 80.0, 700.0),
                    (&format!("— {n} —"), 280.0, 60.0),
                ])
            })
            .collect();
        let t = layout(&pages);
        assert_eq!(t.text, "正文。\n\u{c}正文正文。\n\u{c}正文正文正文。\n");
        assert_eq!((t.headers, t.page_numbers), (3, 3));
        // A masthead on the first page only is kept, even at the top.
        let first = page(&[("文明创建简报", 200.0, 790.0), ("正文。", 80.0, 700.0)]);
        let t = layout(&[first]);
        assert!(t.text.contains("文明创建简报"), "{}", t.text);
    }

    #[test]
    fn a_paragraph_is_read_from_where_its_lines_end() {
        // Justified lines end at the measure (x = 528): those with digits
        // hold fewer characters but fill it too.
        let mut lines = vec![
            ("全县召开推进会", 240.0, 760.0),
            (
                "3月22日，全市春季农业生产工作会议召开。会议分析了",
                112.0,
                730.0,
            ),
            (
                "当前农业生产形势，安排部署了春耕备播、小麦春季管理和",
                80.0,
                700.0,
            ),
            ("动物防疫等重点工作。", 80.0, 670.0),
            (
                "会议要求，各乡镇要抓好小麦春季田间管理，确保全市",
                112.0,
                640.0,
            ),
            (
                "80万亩小麦稳产增产，抓好春播备耕，提前调运种子、化肥",
                80.0,
                610.0,
            ),
            ("等农资。", 80.0, 580.0),
        ];
        let mut p = Page {
            height: 842.0,
            glyphs: Vec::new(),
        };
        for (t, x, y) in lines.drain(..) {
            let mut g = glyphs(t, x, y, 16.0);
            // Justify the full lines to x = 528.
            let end = g.last().map(|g| g.x + g.advance).unwrap_or(0.0);
            if end > 440.0 && !t.ends_with('。')
                || t.starts_with("3月")
                || t.starts_with("会议要求")
            {
                let extra = (528.0 - end) / (g.len() - 1) as f64;
                for (k, x) in g.iter_mut().enumerate() {
                    x.x += extra * k as f64;
                }
            }
            p.glyphs.extend(g);
        }
        let t = layout(&[p]);
        let lines: Vec<&str> = t.text.lines().collect();
        assert_eq!(
            lines,
            [
                "                    全县召开推进会",
                "    3月22日，全市春季农业生产工作会议召开。会议分析了当前农业生产形势，安排部署了春耕备播、小麦春季管理和动物防疫等重点工作。",
                "    会议要求，各乡镇要抓好小麦春季田间管理，确保全市80万亩小麦稳产增产，抓好春播备耕，提前调运种子、化肥等农资。",
            ]
        );
    }

    #[test]
    fn gaps_become_spaces_where_they_are_spaces() {
        let mut l = Line {
            y: 0.0,
            size: 16.0,
            glyphs: glyphs("周口市文明办", 80.0, 0.0, 16.0),
        };
        l.glyphs.extend(glyphs("2023年11月23日", 380.0, 0.0, 16.0));
        let s = set(&l, 8.0);
        assert!(
            s.starts_with("周口市文明办 ") && s.ends_with(" 2023年11月23日"),
            "{s}"
        );
        assert!(s.contains("     "), "{s}");
        // Justified Chinese: a little extra space between characters is none.
        let mut g = glyphs("推进创建工作", 80.0, 0.0, 16.0);
        for (k, x) in g.iter_mut().enumerate() {
            x.x += k as f64 * 2.0;
        }
        let l = Line {
            y: 0.0,
            size: 16.0,
            glyphs: g,
        };
        assert_eq!(set(&l, 8.0), "推进创建工作");
        let l = Line {
            y: 0.0,
            size: 16.0,
            glyphs: [
                glyphs("word", 80.0, 0.0, 16.0),
                glyphs("export", 120.0, 0.0, 16.0),
            ]
            .concat(),
        };
        assert_eq!(set(&l, 8.0), "word export");
    }

    #[test]
    fn cid_widths_given_as_ranges_are_listed() {
        let mut doc = Document::with_version("1.7");
        let font = |w: Vec<Object>| {
            let mut d = pdf_extract::Dictionary::new();
            d.set("Type", Object::Name(b"Font".to_vec()));
            d.set("Subtype", Object::Name(b"CIDFontType0".to_vec()));
            d.set("W", Object::Array(w));
            d
        };
        let int = Object::Integer;
        let ranged = doc.add_object(font(vec![
            int(0),
            int(2),
            int(1000),
            int(3),
            Object::Array(vec![int(500), int(600)]),
            int(5),
            int(5),
            Object::Real(250.0),
        ]));
        // A /W that ends in the middle of an entry is left alone.
        let broken = doc.add_object(font(vec![int(0), int(2)]));
        list_widths(&mut doc);
        let w = |id| doc.get_dictionary(id).unwrap().get(b"W").unwrap().clone();
        let real = |v: f32| Object::Real(v);
        assert_eq!(
            w(ranged),
            Object::Array(vec![
                int(0),
                Object::Array(vec![real(1000.0); 3]),
                int(3),
                Object::Array(vec![int(500), int(600)]),
                int(5),
                Object::Array(vec![real(250.0)]),
            ])
        );
        assert_eq!(w(broken), Object::Array(vec![int(0), int(2)]));
    }

    #[test]
    fn what_is_not_a_pdf_or_has_no_text_is_said() {
        assert!(matches!(
            read(b"%PDF-1.4\nnot really"),
            Err(PdfError::Broken(_))
        ));
        assert!(matches!(read(b""), Err(PdfError::Broken(_))));
    }
}
