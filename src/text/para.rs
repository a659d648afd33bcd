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

/// Rows restarted before the edited one: a row's end depends on at most the
/// two rows after it (a carried-over grapheme, a forced break).
const RESTART_ROWS: usize = 2;

/// Rows laid out past an edit before the rest is left for later: enough for
/// a screen below the caret, so that typing costs the same in a paragraph of
/// any length even where no row boundary resynchronises (a paragraph of
/// ideographs only, where one more character moves every later row).
const BUDGET_ROWS: usize = CHUNK_ROWS;

/// Rows laid out after an edit when no boundary resynchronises: the row
/// holding the edit's end and the next; the rest waits for [`Para::ensure_rows`].
const EDIT_ROWS: usize = 2;

/// The text of the chunks being rewrapped, with their old rows.
struct Work {
    text: String,
    /// Old rows, offsets relative to the work's old text.
    old_rows: Vec<Row>,
    old_len: usize,
    old_g: usize,
    /// The chunk after the work.
    next: usize,
    /// Old offset from which the old rows are not laid out.
    stale_from: usize,
}

impl Work {
    fn extend(&mut self, chunks: &[Chunk], valid: usize) {
        let c = &chunks[self.next];
        if self.next == valid {
            self.stale_from = self.stale_from.min(self.old_len);
        }
        let (b, g) = (self.old_len as isize, self.old_g as isize);
        self.old_rows.extend(c.rows.iter().map(|r| shift(r, b, g)));
        self.text.push_str(&c.text);
        self.old_len += c.text.len();
        self.old_g += c.graphemes;
        self.next += 1;
    }
}

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

    /// Classes of the (up to) two graphemes before byte `local` of chunk `ci`.
    fn context(&self, ci: usize, local: usize) -> [Option<Class>; 2] {
        let mut found: Vec<Class> = Vec::with_capacity(2);
        let mut ci = ci as isize;
        let mut end = local;
        while found.len() < 2 && ci >= 0 {
            let t = &self.chunks[ci as usize].text[..end];
            found.extend(t.graphemes(true).rev().take(2 - found.len()).map(classify));
            ci -= 1;
            if ci >= 0 {
                end = self.chunks[ci as usize].text.len();
            }
        }
        [found.get(1).copied(), found.first().copied()]
    }

    /// Replaces bytes `start..end` (grapheme boundaries) with `ins`, which
    /// holds no paragraph break, and rewraps incrementally.
    pub fn replace(&mut self, start: usize, end: usize, ins: &str) {
        let restart = self
            .row_of_byte(start.saturating_sub(1))
            .saturating_sub(RESTART_ROWS);
        let ca = self.chunk_of(&self.r0, restart);
        if ca >= self.valid {
            self.replace_stale(start, end, ins);
        } else {
            self.rewrap(ca, restart - self.r0[ca], Some((start, end, ins)));
        }
    }

    /// An edit inside the stale tail: only the index rows of the touched
    /// chunks are rebuilt; the layout comes when [`Para::ensure_rows`] asks.
    fn replace_stale(&mut self, start: usize, end: usize, ins: &str) {
        // From the chunk holding the grapheme before the edit, which an
        // inserted combining mark may join.
        let ca = self.chunk_of(&self.b0, start.saturating_sub(1));
        let cz = self.chunk_of(&self.b0, end).max(ca);
        let mut work: String = self.chunks[ca..=cz]
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        work.replace_range(start - self.b0[ca]..end - self.b0[ca], ins);
        let new = if work.is_empty() && self.chunks.len() > cz + 1 - ca {
            Vec::new()
        } else {
            let mut rows = Vec::new();
            let mut w = Wrapper::new(self.geo.width, self.geo.width, 0, 0, [None, None]);
            for g in graphemes(&work) {
                w.push(g, &mut rows);
            }
            w.finish(&mut rows);
            build_chunks(&work, &rows)
        };
        self.chunks.splice(ca..=cz, new);
        self.reindex_from(ca);
    }

    /// Whether every row holds the true layout.
    pub fn laid_out(&self) -> bool {
        self.valid == self.chunks.len()
    }

    /// Lays out (at least) the first `rows` rows.
    pub fn ensure_rows(&mut self, rows: usize) {
        while !self.laid_out() && self.r0[self.valid] < rows {
            self.rewrap(self.valid, 0, None);
        }
    }

    /// Lays out the rows up to the one holding grapheme `g`.
    pub fn ensure_grapheme(&mut self, g: usize) {
        while !self.laid_out() && g >= self.g0[self.valid] {
            self.rewrap(self.valid, 0, None);
        }
    }

    pub fn ensure_all(&mut self) {
        while !self.laid_out() {
            self.rewrap(self.valid, 0, None);
        }
    }

    /// Rewraps from row `lr` of chunk `ca` (a true row boundary), after
    /// applying `edit` (paragraph byte range and replacement) if any, until a
    /// new row boundary meets an old laid-out one past the edit, or the
    /// paragraph ends, or enough rows are done (the rest becomes stale).
    fn rewrap(&mut self, ca: usize, lr: usize, edit: Option<(usize, usize, &str)>) {
        let ctx = self.context(ca, self.chunks[ca].rows[lr].start);
        let base = self.b0[ca];
        let old_valid = self.valid;
        let n = self.chunks.len();
        let mut w = Work {
            text: self.chunks[ca].text.clone(),
            old_rows: self.chunks[ca].rows.clone(),
            old_len: self.chunks[ca].text.len(),
            old_g: self.chunks[ca].graphemes,
            next: ca + 1,
            stale_from: if ca >= old_valid { 0 } else { usize::MAX },
        };
        let (mut safe, mut db) = (usize::MAX, 0isize);
        if let Some((start, end, ins)) = edit {
            let (e0, e1) = (start - base, end - base);
            while w.old_len < e1 && w.next < n {
                w.extend(&self.chunks, old_valid);
            }
            // Old boundaries two graphemes past the edit may resynchronise.
            safe = loop {
                let third = grapheme_indices(&w.text[e1..]).nth(2).map(|(i, _)| e1 + i);
                match third {
                    Some(i) => break i,
                    None if w.next < n => w.extend(&self.chunks, old_valid),
                    None => break usize::MAX,
                }
            };
            w.text.replace_range(e0..e1, ins);
            db = ins.len() as isize - (e1 - e0) as isize;
        }

        let from = w.old_rows[lr];
        let mut rows: Vec<Row> = w.old_rows[..lr].to_vec();
        let avail = self.geo.avail(self.r0[ca] + lr);
        let mut wr = Wrapper::new(self.geo.width, avail, from.g_start, from.start, ctx);
        let mut fed = from.start;
        let mut tail: Vec<Row> = Vec::new();
        let mut stale: Vec<Row> = Vec::new();
        let edit_end = edit.map(|(start, _, ins)| start - base + ins.len());
        let mut past = 0;
        'wrap: loop {
            for g in graphemes(&w.text[fed..]) {
                let emitted = rows.len();
                wr.push(g, &mut rows);
                for k in emitted..rows.len() {
                    let old = (rows[k].end as isize - db) as usize;
                    if old >= safe
                        && old < w.stale_from
                        && let Ok(j) = w.old_rows.binary_search_by_key(&old, |r| r.start)
                    {
                        rows.truncate(k + 1);
                        let dg = rows[k].g_end as isize - w.old_rows[j].g_start as isize;
                        for r in &w.old_rows[j..] {
                            let moved = shift(r, db, dg);
                            if r.start < w.stale_from {
                                &mut tail
                            } else {
                                &mut stale
                            }
                            .push(moved);
                        }
                        break 'wrap;
                    }
                    if let Some(ee) = edit_end
                        && rows[k].end > ee
                    {
                        past += 1;
                        if past >= EDIT_ROWS {
                            // Enough for now: index the rest with the old rows.
                            rows.truncate(k + 1);
                            let (x, gx) = (rows[k].end, rows[k].g_end);
                            let j = w.old_rows.partition_point(|r| {
                                r.start < safe || (r.start as isize + db) < x as isize
                            });
                            let end = w
                                .old_rows
                                .get(j)
                                .map_or(w.text.len(), |r| (r.start as isize + db) as usize);
                            let g_end = gx + graphemes(&w.text[x..end]).count();
                            if end > x {
                                stale.push(Row {
                                    start: x,
                                    end,
                                    g_start: gx,
                                    g_end,
                                    width: 0,
                                });
                            }
                            if j < w.old_rows.len() {
                                let dg = g_end as isize - w.old_rows[j].g_start as isize;
                                stale.extend(w.old_rows[j..].iter().map(|r| shift(r, db, dg)));
                            }
                            break 'wrap;
                        }
                    }
                }
            }
            fed = w.text.len();
            if w.next < n && rows.len() - lr < BUDGET_ROWS {
                w.extend(&self.chunks, old_valid);
            } else if w.next < n {
                // Out of budget: the unfinished row and what follows are stale.
                let partial = wr.partial();
                if partial.end > partial.start {
                    stale.push(partial);
                }
                break;
            } else {
                wr.finish(&mut rows);
                break;
            }
        }
        rows.extend(tail);
        let mut new_chunks = build_chunks(&w.text, &rows);
        let laid = new_chunks.len();
        let has_stale = !stale.is_empty();
        new_chunks.extend(build_chunks(&w.text, &stale));
        let added = new_chunks.len();
        self.chunks.splice(ca..w.next, new_chunks);
        self.valid = if has_stale || old_valid < w.next {
            ca + laid
        } else {
            old_valid - w.next + ca + added
        };
        self.reindex_from(ca);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, width: usize) -> Para {
        Para::new(text, Geometry::new(width, 4))
    }

    #[test]
    fn lookups() {
        let p = para("一二三四五六七八九十", 8);
        // rows: 一二 | 三四五六 | 七八九十
        assert_eq!(p.row_count(), 3);
        assert_eq!(p.len(), 10);
        assert_eq!(p.row_of(0), 0);
        assert_eq!(p.row_of(2), 1, "a boundary belongs to the later row");
        assert_eq!(p.row_of(10), 2);
        assert_eq!(p.byte_of(3), 9);
        assert_eq!(p.grapheme_at_byte(9), 3);
        assert_eq!(p.grapheme_at_byte(10), 4, "inside a grapheme rounds up");
        assert_eq!(p.grapheme(2), "三");
        assert_eq!(p.slice(3, 9), "二三");
        assert_eq!(p.count(), 10);
    }

    #[test]
    fn edits_rewrap_like_a_full_wrap() {
        let mut p = para("一二三四五六七八九十", 8);
        p.replace(9, 9, "。");
        p.assert_consistent();
        assert_eq!(p.text(), "一二三。四五六七八九十");
        p.replace(0, 6, "");
        p.assert_consistent();
        p.replace(p.len_bytes(), p.len_bytes(), "e\u{301}");
        p.assert_consistent();
    }

    #[test]
    fn huge_paragraph_spans_chunks() {
        let text = "为深入贯彻落实党的二十大精神，进一步推进文明城市创建工作。".repeat(200);
        let mut p = para(&text, 30);
        assert!(p.chunks.len() > 10);
        p.assert_consistent();
        let mid = p.byte_of(p.len() / 2);
        p.replace(mid, mid, "，");
        p.assert_consistent();
        let at = p.byte_of(100);
        let to = p.byte_of(3000);
        p.replace(at, to, "abc");
        p.assert_consistent();
        // Deleting across a chunk boundary and then everything.
        let n = p.len_bytes();
        p.replace(0, n, "");
        p.assert_consistent();
        assert_eq!(p.row_count(), 1);
    }
}
