//! Soft wrap by display width with the Chinese line-breaking rules.
//!
//! Greedy, like a word processor: a row takes graphemes while they fit; when
//! one does not, the row ends at the last allowed break opportunity, carrying
//! the graphemes after it to the next row (so “。” pulls the character before
//! it down instead of starting a row). When a row holds no allowed break at all
//! — a Latin word longer than the row, a run of punctuation, or a row too
//! narrow to carry anything over (width 2 and “中。”) — it breaks at the last
//! grapheme that fits, moved back by one grapheme when that avoids starting a
//! row with closing punctuation and the two still fit on the next row.
//!
//! The first row of a paragraph is narrower by the printed indent of two
//! full-width characters (display only, never stored); see [`first_row_indent`].

use super::breaks::{
    Class, Kind, break_allowed, classify, grapheme_width, graphemes, print_width, prohibited,
};

/// Columns of the printed first-row indent: two full-width spaces.
pub const INDENT: usize = 4;

/// The indent actually shown on a paragraph's first row at `width` columns:
/// `indent`, reduced in panes so narrow that the first row would otherwise
/// keep fewer than two columns (a wide character must always fit).
pub fn first_row_indent(width: usize, indent: usize) -> usize {
    indent.min(width.saturating_sub(2))
}

/// One screen row of a wrapped paragraph. `start..end` are byte offsets and
/// `g_start..g_end` grapheme indices into the paragraph; `width` is the
/// display width of the row's text (the indent not included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub g_start: usize,
    pub g_end: usize,
    pub width: usize,
}

/// Wraps one paragraph into rows of at most `width` columns (at least 2), the
/// first row `indent` columns narrower (see [`first_row_indent`]). Rows cover
/// the text contiguously; an empty paragraph gives one empty row.
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<Row> {
    wrap_measured(text, width, indent, Measure::Screen)
}

/// How wide a grapheme is: on a terminal screen, or on the printed page
/// (see [`print_width`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    #[default]
    Screen,
    Print,
}

impl Measure {
    pub fn grapheme(self, g: &str) -> usize {
        match self {
            Measure::Screen => grapheme_width(g),
            Measure::Print => print_width(g),
        }
    }

    /// The width of a whole string.
    pub fn str(self, s: &str) -> usize {
        graphemes(s).map(|g| self.grapheme(g)).sum()
    }
}

/// [`wrap`] with graphemes measured by `measure`.
pub fn wrap_measured(text: &str, width: usize, indent: usize, measure: Measure) -> Vec<Row> {
    let width = width.max(2);
    let mut rows = Vec::new();
    let mut w = Wrapper::new(
        width,
        width - first_row_indent(width, indent),
        0,
        0,
        [None, None],
    );
    w.measure = measure;
    for g in graphemes(text) {
        w.push(g, &mut rows);
    }
    w.finish(&mut rows);
    rows
}

/// A space between two Chinese phrases (送法律 送政策): on the printed page
/// it never ends a row, where copying from a PDF would lose it.
fn spaces_phrases(before: Option<Class>, prev: Class, cur: Class) -> bool {
    before.is_some_and(|b| b.kind == Kind::Other)
        && prev.kind == Kind::Space
        && cur.kind == Kind::Other
}

/// The streaming wrapper shared by [`wrap`] and the editor's incremental
/// rewrap. It starts at a row boundary and needs the classes of the two
/// graphemes before it (break rules look back that far).
pub(crate) struct Wrapper {
    width: usize,
    avail: usize,
    start_g: usize,
    start_b: usize,
    col: usize,
    /// Last allowed break in the current row: (grapheme, byte, column before it).
    brk: Option<(usize, usize, usize)>,
    g: usize,
    b: usize,
    /// Classes of the grapheme before the previous one, and of the previous one.
    ctx: [Option<Class>; 2],
    prev_w: usize,
    prev_b: usize,
    measure: Measure,
}

impl Wrapper {
    pub(crate) fn new(
        width: usize,
        avail: usize,
        g: usize,
        b: usize,
        ctx: [Option<Class>; 2],
    ) -> Self {
        Wrapper {
            width,
            avail,
            start_g: g,
            start_b: b,
            col: 0,
            brk: None,
            g,
            b,
            ctx,
            prev_w: 0,
            prev_b: b,
            measure: Measure::Screen,
        }
    }

    fn emit(&mut self, g: usize, b: usize, col: usize, rows: &mut Vec<Row>) {
        rows.push(Row {
            start: self.start_b,
            end: b,
            g_start: self.start_g,
            g_end: g,
            width: col,
        });
        self.start_g = g;
        self.start_b = b;
        self.avail = self.width;
        self.brk = None;
    }

    /// Adds the next grapheme; completed rows are appended to `rows`.
    pub(crate) fn push(&mut self, gr: &str, rows: &mut Vec<Row>) {
        let w = self.measure.grapheme(gr);
        let cls = classify(gr);
        let [before, prev] = self.ctx;
        if self.g > self.start_g
            && let Some(p) = prev
            && break_allowed(before, p, cls)
            && !(self.measure == Measure::Print && spaces_phrases(before, p, cls))
        {
            self.brk = Some((self.g, self.b, self.col));
        }
        if self.col + w > self.avail {
            if let Some((bg, bb, bcol)) = self.brk {
                self.emit(bg, bb, bcol, rows);
                self.col -= bcol;
            }
            if self.col + w > self.avail {
                // No allowed break in this row: break where it overflows,
                // carrying the previous grapheme along when that keeps the
                // Chinese rules and both fit.
                let back = self.g > self.start_g + 1
                    && self.prev_w + w <= self.width
                    && prev.is_some_and(|p| {
                        prohibited(p, cls) && !before.is_some_and(|bf| prohibited(bf, p))
                    });
                if back {
                    let (g, b, col) = (self.g - 1, self.prev_b, self.col - self.prev_w);
                    self.emit(g, b, col, rows);
                    self.col = self.prev_w;
                } else {
                    let (g, b, col) = (self.g, self.b, self.col);
                    self.emit(g, b, col, rows);
                    self.col = 0;
                }
            }
        }
        self.col += w;
        self.prev_w = w;
        self.prev_b = self.b;
        self.g += 1;
        self.b += gr.len();
        self.ctx = [prev, Some(cls)];
    }

    /// The row in progress, as if the paragraph ended here.
    pub(crate) fn partial(&self) -> Row {
        Row {
            start: self.start_b,
            end: self.b,
            g_start: self.start_g,
            g_end: self.g,
            width: self.col,
        }
    }

    /// Ends the paragraph: emits the last row (empty for an empty paragraph).
    pub(crate) fn finish(mut self, rows: &mut Vec<Row>) {
        let (g, b, col) = (self.g, self.b, self.col);
        self.emit(g, b, col, rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: usize, indent: usize) -> Vec<&str> {
        wrap(text, width, indent)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect()
    }

    #[test]
    fn plain_chinese_fills_rows() {
        assert_eq!(rows("一二三四五六七", 6, 0), vec!["一二三", "四五六", "七"]);
        // Odd widths leave the last column empty rather than split a character.
        assert_eq!(rows("一二三四五六七", 7, 0), vec!["一二三", "四五六", "七"]);
        assert_eq!(rows("", 10, 4), vec![""]);
    }

    #[test]
    fn first_row_is_indented() {
        assert_eq!(
            rows("一二三四五六七八", 8, 4),
            vec!["一二", "三四五六", "七八"]
        );
        let r = wrap("一二三四五六七八", 8, 4);
        assert_eq!((r[0].g_start, r[0].g_end, r[0].width), (0, 2, 4));
        assert_eq!(
            (r[1].start, r[1].end, r[1].g_start, r[1].g_end),
            (6, 18, 2, 6)
        );
        // Too narrow for the whole indent: the first row keeps two columns.
        assert_eq!(first_row_indent(5, 4), 3);
        assert_eq!(rows("一二三", 4, 4), vec!["一", "二三"]);
    }

    #[test]
    fn punctuation_carries_a_character_over() {
        // “。” would begin row 2: “三” comes down with it.
        assert_eq!(rows("一二三。四五", 6, 0), vec!["一二", "三。四", "五"]);
        assert_eq!(rows("一二三，四五", 6, 0), vec!["一二", "三，四", "五"]);
        // An opening bracket never ends a row.
        assert_eq!(rows("一二《三四", 6, 0), vec!["一二", "《三四"]);
        assert_eq!(rows("一二“三”四", 6, 0), vec!["一二", "“三”四"]);
        // Ellipsis and dash pairs stay together.
        assert_eq!(rows("一二……三", 5, 0), vec!["一", "二……", "三"]);
        // A dash pair may begin a row, but never splits.
        assert_eq!(rows("一二——三", 5, 0), vec!["一二", "——三"]);
    }

    #[test]
    fn latin_words_move_whole_unless_too_long() {
        assert_eq!(rows("ab cd ef", 5, 0), vec!["ab ", "cd ef"]);
        assert_eq!(rows("中文Rust中", 6, 0), vec!["中文", "Rust中"]);
        assert_eq!(rows("abcdefgh", 3, 0), vec!["abc", "def", "gh"]);
        assert_eq!(rows("增长12.5%以上", 8, 0), vec!["增长", "12.5%以", "上"]);
    }

    #[test]
    fn fallback_when_rules_cannot_hold() {
        // Width 2 holds one wide character: the punctuation must start a row.
        assert_eq!(rows("中。。", 2, 0), vec!["中", "。", "。"]);
        // A long word followed by a comma: the last letter comes down with it.
        assert_eq!(rows("abcdefg,", 4, 0), vec!["abcd", "efg,"]);
        assert_eq!(rows("abcdefgh,", 4, 0), vec!["abcd", "efg", "h,"]);
    }

    #[test]
    fn print_rows_give_quotes_and_dots_a_full_cell() {
        let text = "一“二”三·四abc";
        let print = |w| {
            wrap_measured(text, w, 0, Measure::Print)
                .iter()
                .map(|r| (&text[r.start..r.end], r.width))
                .collect::<Vec<_>>()
        };
        assert_eq!(print(8), [("一“二”", 8), ("三·四", 6), ("abc", 3)]);
        assert_eq!(print(7), [("一", 2), ("“二”", 6), ("三·四", 6), ("abc", 3)]);
        // On screen the quotes and the dot are narrow.
        assert_eq!(print(9)[0], ("一“二”", 8));
        assert_eq!(wrap(text, 9, 0)[0].end, "一“二”三·".len());
        assert_eq!(Measure::Print.str("“é…α”"), 8);
        assert_eq!(Measure::Screen.str("“é…α”"), 5);
    }

    #[test]
    fn printed_rows_never_end_at_a_space_between_chinese_phrases() {
        let text = "一二送法律 送政策";
        let rows = |m| {
            wrap_measured(text, 12, 0, m)
                .iter()
                .map(|r| &text[r.start..r.end])
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(Measure::Screen), ["一二送法律 ", "送政策"]);
        assert_eq!(rows(Measure::Print), ["一二送法", "律 送政策"]);
        // Between Latin words a space still ends a row.
        let latin = "ab cd";
        let r = wrap_measured(latin, 4, 0, Measure::Print);
        assert_eq!(&latin[r[0].start..r[0].end], "ab ");
    }

    #[test]
    fn no_row_exceeds_the_width() {
        for width in 2..12 {
            for r in wrap("中a，😀b“c”。e\u{301}——……ｘ１２", width, 4) {
                assert!(r.width <= width);
            }
        }
    }
}
