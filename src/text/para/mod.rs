//! One paragraph of the editing buffer with its wrap cache.
//!
//! The text is kept in chunks of at most [`CHUNK_ROWS`] wrapped rows, each
//! chunk holding its rows with offsets relative to the chunk. An edit touches
//! the chunk(s) around it only: it rewraps from a row boundary shortly before
//! the edit until a new row boundary meets an old one (shifted by the edit)
//! past the edit, then reuses the old rows from there. Prefix sums over the
//! chunks make position look-ups a binary search. So a keystroke costs the
//! same in a paragraph of a hundred characters or of a million.

use std::borrow::Cow;
use std::cell::OnceCell;

use unicode_segmentation::UnicodeSegmentation;

use super::breaks::{Class, classify, grapheme_indices, graphemes};
use super::wrap::{Row, Wrapper, first_row_indent};
use crate::model::char_count;

/// Rows per chunk: small enough that rebuilding a chunk is cheap, large
/// enough that the per-chunk prefix sums stay short.
#[cfg(not(test))]
const CHUNK_ROWS: usize = 32;
/// Tiny chunks in tests, so that edits meet chunk boundaries all the time.
#[cfg(test)]
const CHUNK_ROWS: usize = 3;

/// Wrap width and first-row indent of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub width: usize,
    pub indent: usize,
}

impl Geometry {
    pub fn new(width: usize, indent: usize) -> Self {
        Geometry {
            width: width.max(2),
            indent,
        }
    }

    /// The indent shown on a first row at this width.
    pub fn first_indent(&self) -> usize {
        first_row_indent(self.width, self.indent)
    }

    /// Columns available to the text of row `row` of a paragraph.
    pub fn avail(&self, row: usize) -> usize {
        if row == 0 {
            self.width - self.first_indent()
        } else {
            self.width
        }
    }
}

#[derive(Debug, Clone)]
struct Chunk {
    text: String,
    graphemes: usize,
    /// 字数 of the chunk, counted when first asked.
    count: OnceCell<usize>,
    /// Rows with offsets relative to the chunk, covering it exactly.
    rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub(crate) struct Para {
    chunks: Vec<Chunk>,
    /// Prefix sums per chunk: graphemes, bytes, rows before it.
    g0: Vec<usize>,
    b0: Vec<usize>,
    r0: Vec<usize>,
    geo: Geometry,
    /// Chunks before this index hold the true layout; the later ones hold
    /// rows that index their text correctly but are laid out lazily.
    valid: usize,
}

fn shift(r: &Row, db: isize, dg: isize) -> Row {
    Row {
        start: r.start.wrapping_add_signed(db),
        end: r.end.wrapping_add_signed(db),
        g_start: r.g_start.wrapping_add_signed(dg),
        g_end: r.g_end.wrapping_add_signed(dg),
        width: r.width,
    }
}

/// Groups `rows` (relative to `text`, covering it) into chunks.
fn build_chunks(text: &str, rows: &[Row]) -> Vec<Chunk> {
    rows.chunks(CHUNK_ROWS)
        .map(|group| {
            let (first, last) = (group[0], group[group.len() - 1]);
            let text = text[first.start..last.end].to_string();
            Chunk {
                count: OnceCell::new(),
                text,
                graphemes: last.g_end - first.g_start,
                rows: group
                    .iter()
                    .map(|r| shift(r, -(first.start as isize), -(first.g_start as isize)))
                    .collect(),
            }
        })
        .collect()
}

impl Para {
    pub fn new(text: &str, geo: Geometry) -> Para {
        let mut rows = Vec::new();
        let mut w = Wrapper::new(geo.width, geo.avail(0), 0, 0, [None, None]);
        for g in graphemes(text) {
            w.push(g, &mut rows);
        }
        w.finish(&mut rows);
        let mut p = Para {
            chunks: build_chunks(text, &rows),
            g0: Vec::new(),
            b0: Vec::new(),
            r0: Vec::new(),
            geo,
            valid: 0,
        };
        p.valid = p.chunks.len();
        p.reindex_from(0);
        p
    }

    fn reindex_from(&mut self, from: usize) {
        for v in [&mut self.g0, &mut self.b0, &mut self.r0] {
            v.truncate(from);
        }
        for i in from..self.chunks.len() {
            let (g, b, r) = match i.checked_sub(1) {
                None => (0, 0, 0),
                Some(j) => {
                    let p = &self.chunks[j];
                    (
                        self.g0[j] + p.graphemes,
                        self.b0[j] + p.text.len(),
                        self.r0[j] + p.rows.len(),
                    )
                }
            };
            self.g0.push(g);
            self.b0.push(b);
            self.r0.push(r);
        }
    }

    /// Takes a new geometry (a resize): the rows are laid out again as they
    /// are asked for.
    pub fn set_geometry(&mut self, geo: Geometry) {
        if geo != self.geo {
            self.geo = geo;
            self.valid = 0;
        }
    }

    fn last(&self) -> usize {
        self.chunks.len() - 1
    }

    /// Number of graphemes.
    pub fn len(&self) -> usize {
        self.g0[self.last()] + self.chunks[self.last()].graphemes
    }

    pub fn len_bytes(&self) -> usize {
        self.b0[self.last()] + self.chunks[self.last()].text.len()
    }

    pub fn row_count(&self) -> usize {
        self.r0[self.last()] + self.chunks[self.last()].rows.len()
    }

    /// 字数 of the paragraph.
    pub fn count(&self) -> usize {
        self.chunks
            .iter()
            .map(|c| *c.count.get_or_init(|| char_count(&c.text)))
            .sum()
    }

    pub fn text(&self) -> Cow<'_, str> {
        if self.chunks.len() == 1 {
            Cow::Borrowed(&self.chunks[0].text)
        } else {
            Cow::Owned(self.chunks.iter().map(|c| c.text.as_str()).collect())
        }
    }

    /// Bytes `start..end` of the paragraph.
    pub fn slice(&self, start: usize, end: usize) -> String {
        let mut out = String::new();
        if start >= end {
            return out;
        }
        let mut ci = self.chunk_of(&self.b0, start);
        while ci < self.chunks.len() && self.b0[ci] < end {
            let t = &self.chunks[ci].text;
            let s = start.saturating_sub(self.b0[ci]);
            let e = (end - self.b0[ci]).min(t.len());
            out.push_str(&t[s..e]);
            ci += 1;
        }
        out
    }

    /// The chunk whose range (by the prefix sums `pre`) holds `x`; a value on
    /// a chunk boundary belongs to the later chunk, the end to the last one.
    fn chunk_of(&self, pre: &[usize], x: usize) -> usize {
        pre.partition_point(|&s| s <= x).saturating_sub(1)
    }

    /// Row `r` (absolute offsets) and its text.
    pub fn row(&self, r: usize) -> (Row, &str) {
        let ci = self.chunk_of(&self.r0, r);
        let c = &self.chunks[ci];
        let row = c.rows[r - self.r0[ci]];
        (
            shift(&row, self.b0[ci] as isize, self.g0[ci] as isize),
            &c.text[row.start..row.end],
        )
    }

    /// The row holding grapheme `g`: a row boundary belongs to the later row,
    /// the paragraph end to the last row.
    pub fn row_of(&self, g: usize) -> usize {
        let ci = self.chunk_of(&self.g0, g);
        let local = g - self.g0[ci];
        let rows = &self.chunks[ci].rows;
        self.r0[ci]
            + rows
                .partition_point(|r| r.g_start <= local)
                .saturating_sub(1)
    }

    /// The row holding byte `b`.
    fn row_of_byte(&self, b: usize) -> usize {
        let ci = self.chunk_of(&self.b0, b);
        let local = b - self.b0[ci];
        let rows = &self.chunks[ci].rows;
        self.r0[ci] + rows.partition_point(|r| r.start <= local).saturating_sub(1)
    }

    /// Byte offset of grapheme index `g` (clamped to the end).
    pub fn byte_of(&self, g: usize) -> usize {
        let g = g.min(self.len());
        let (row, text) = self.row(self.row_of(g));
        let k = g - row.g_start;
        row.start + grapheme_indices(text).nth(k).map_or(text.len(), |(i, _)| i)
    }

    /// Grapheme index at byte `b`, rounded up to the next grapheme boundary.
    pub fn grapheme_at_byte(&self, b: usize) -> usize {
        let b = b.min(self.len_bytes());
        let (row, text) = self.row(self.row_of_byte(b));
        let local = b - row.start;
        row.g_start
            + grapheme_indices(text)
                .take_while(|(i, _)| *i < local)
                .count()
    }

    /// Grapheme `g` as text (empty at the end).
    pub fn grapheme(&self, g: usize) -> &str {
        if g >= self.len() {
            return "";
        }
        let (row, text) = self.row(self.row_of(g));
        graphemes(text).nth(g - row.g_start).unwrap_or("")
    }

    /// Checks the cache against a full rewrap (tests).
    #[cfg(test)]
    pub fn assert_consistent(&mut self) {
        self.ensure_all();
        let text = self.text();
        let full = super::wrap::wrap(&text, self.geo.width, self.geo.indent);
        let mine: Vec<Row> = (0..self.row_count()).map(|r| self.row(r).0).collect();
        assert_eq!(mine, full, "incremental wrap differs for {text:?}");
        assert_eq!(self.len(), graphemes(&text).count());
        assert_eq!(self.count(), char_count(&text));
    }
}

mod rewrap;
#[cfg(test)]
mod tests;
