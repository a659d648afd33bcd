//! The incremental rewrap: an edit restarts a couple of rows before it and
//! lays out rows until a new row boundary meets an old one, within a budget.

use super::*;

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

impl Para {
    /// Classes of the (up to) two graphemes before byte `local` of chunk `ci`.
    pub(super) fn context(&self, ci: usize, local: usize) -> [Option<Class>; 2] {
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
    pub(super) fn replace_stale(&mut self, start: usize, end: usize, ins: &str) {
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
    pub(super) fn rewrap(&mut self, ca: usize, lr: usize, edit: Option<(usize, usize, &str)>) {
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
}
