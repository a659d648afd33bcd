//! Glyphs as pdf-extract draws them, collected page by page and grouped
//! into printed lines.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One glyph where it is printed (PDF units, y upwards).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) advance: f64,
    pub(super) text: String,
}

#[derive(Default)]
pub(super) struct Page {
    pub(super) height: f64,
    pub(super) glyphs: Vec<Glyph>,
}

#[derive(Default)]
pub(super) struct Collector {
    pub(super) pages: Vec<Page>,
    /// Glyphs drawn whose character the font does not tell (no ToUnicode
    /// map, no known encoding).
    pub(super) unmapped: usize,
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
pub(super) struct Line {
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) glyphs: Vec<Glyph>,
}

impl Line {
    pub(super) fn left(&self) -> f64 {
        self.glyphs.first().map_or(0.0, |g| g.x)
    }

    pub(super) fn right(&self) -> f64 {
        self.glyphs.last().map_or(0.0, |g| g.x + g.advance)
    }

    pub(super) fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

pub(super) fn wide(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(2))
}

/// Groups a page's glyphs into lines: glyphs whose baselines lie within a
/// third of their size of each other, top to bottom.
pub(super) fn lines_of(glyphs: &[Glyph]) -> Vec<Line> {
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
pub(super) fn set(line: &Line, unit: f64) -> String {
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
pub(super) fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}
