//! Grapheme widths and the line-breaking rules of Chinese prose.
//!
//! A break opportunity sits *between* two graphemes. Whether it may be used
//! depends only on the grapheme after it and the two before it (never on what
//! follows), which is what lets an edit rewrap from a nearby row boundary.

use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Characters that always form a grapheme on their own when followed by
/// another such character: printable ASCII, Latin-1 and Latin Extended
/// letters, general punctuation, CJK symbols and punctuation, kana,
/// CJK ideographs and full-width forms (combining and voicing marks excluded).
fn is_simple(c: u32) -> bool {
    // Ideographs and ASCII first: nearly every character is one of them.
    (0x4E00..=0x9FFF).contains(&c)
        || (0x20..=0x7E).contains(&c)
        || matches!(c,
        0x20..=0x7E
        | 0xA0..=0x2FF
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x3000..=0x3029
        | 0x3030..=0x303F
        | 0x3041..=0x3096
        | 0x30A0..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xFF01..=0xFF9D)
}

/// Length of the UTF-8 character at `b[i..]` if it is simple (see
/// [`is_simple`]); decoded by hand, as this is the innermost loop of wrapping
/// and rendering.
fn simple_len(b: &[u8], i: usize) -> Option<usize> {
    let x = *b.get(i)?;
    let (c, n) = if x < 0x80 {
        (x as u32, 1)
    } else if x & 0xE0 == 0xC0 {
        (((x as u32 & 0x1F) << 6) | (*b.get(i + 1)? as u32 & 0x3F), 2)
    } else if x & 0xF0 == 0xE0 {
        let c = ((x as u32 & 0x0F) << 12)
            | ((*b.get(i + 1)? as u32 & 0x3F) << 6)
            | (*b.get(i + 2)? as u32 & 0x3F);
        (c, 3)
    } else {
        return None;
    };
    is_simple(c).then_some(n)
}

/// The extended grapheme clusters of `s`, exactly as
/// `s.graphemes(true)` gives them, with a fast path for the simple characters
/// Chinese prose is made of (the general algorithm costs ~30 ns a grapheme,
/// which rendering and wrapping cannot afford).
pub fn graphemes(s: &str) -> Graphemes<'_> {
    Graphemes { s }
}

/// [`graphemes`] with their byte offsets.
pub(crate) fn grapheme_indices(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = s.as_ptr() as usize;
    graphemes(s).map(move |g| (g.as_ptr() as usize - base, g))
}

/// Iterator of [`graphemes`].
pub struct Graphemes<'a> {
    s: &'a str,
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let &x = b.first()?;
        // Printable ASCII (one byte) and U+4000–U+9FFF (lead bytes E4–E9:
        // ideographs) never join a neighbour; anything else takes the
        // longer road.
        let quick = |y: u8| (0x20..0x7F).contains(&y) || (0xE4..=0xE9).contains(&y);
        let n = if x < 0x80 { 1 } else { 3 };
        let len = if quick(x) && b.get(n).is_none_or(|&y| quick(y)) {
            n
        } else {
            match simple_len(b, 0) {
                Some(n) if n == b.len() || simple_len(b, n).is_some() => n,
                _ => self.s.graphemes(true).next().map_or(self.s.len(), str::len),
            }
        };
        let (g, rest) = self.s.split_at(len);
        self.s = rest;
        Some(g)
    }
}

/// Display width of one grapheme in terminal columns: unicode-width's plain
/// `width()` (ambiguous-width characters such as “ ” … — are narrow), clamped
/// to 1..=2 so that every grapheme owns at least one cell (a lone combining
/// mark or a zero-width space stays visible and addressable by the caret) and
/// fits in a row of width 2.
pub fn grapheme_width(g: &str) -> usize {
    match fast_width(g) {
        Some(w) => w,
        None => g.width().clamp(1, 2),
    }
}

/// The width of the graphemes that make up most of the text, without the
/// table look-up: one ASCII character, one ideograph or full-width form.
fn fast_width(g: &str) -> Option<usize> {
    let b = g.as_bytes();
    match b.len() {
        1 => Some(1),
        3 if b[0] & 0xF0 == 0xE0 => {
            let c =
                ((b[0] as u32 & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F);
            ((0x4E00..=0x9FFF).contains(&c)
                || (0x3400..=0x4DBF).contains(&c)
                || (0xFF01..=0xFF60).contains(&c))
            .then_some(2)
        }
        _ => None,
    }
}

/// Width of one grapheme on the printed page, in half-width columns: as
/// [`grapheme_width`], except that the ambiguous-width punctuation and
/// symbols a terminal shows narrow (“ ” ‘ ’ … — · ° ① ■ ※) take a full
/// character cell, as Chinese fonts set them. Letters stay as they are
/// (é, α), so Latin and Greek words keep their width.
pub fn print_width(g: &str) -> usize {
    if let Some(w) = fast_width(g) {
        return w;
    }
    let w = grapheme_width(g);
    if w == 1 && g.width_cjk() >= 2 && g.chars().next().is_some_and(|c| !c.is_alphanumeric()) {
        2
    } else {
        w
    }
}

/// What to put in a terminal cell for grapheme `g`: the grapheme itself, or
/// for one of zero width (a lone combining mark, a zero-width space) the
/// dotted circle ◌ carrying it, so that it occupies the one column the
/// layout gives it instead of merging into its neighbour on screen.
pub fn cell_symbol(g: &str) -> std::borrow::Cow<'_, str> {
    cell(g).0
}

/// [`cell_symbol`] and [`grapheme_width`] of `g` at once.
pub fn cell(g: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if let Some(w) = fast_width(g) {
        return (std::borrow::Cow::Borrowed(g), w);
    }
    match g.width() {
        // An invisible character is shown as the circle alone: emitted, it
        // would move or reorder what follows on some terminals.
        0 if g.chars().any(super::clean::is_removed) => (std::borrow::Cow::Borrowed("\u{25cc}"), 1),
        0 => (std::borrow::Cow::Owned(format!("\u{25cc}{g}")), 1),
        w => (std::borrow::Cow::Borrowed(g), w.min(2)),
    }
}

/// Whether typing `c` at the end of a paragraph only adds it after the
/// caret, as it is, when the row has room for it: a letter, digit or
/// ideograph, or the common full-width punctuation, which no rule changes
/// as it is typed and which never joins the grapheme before it. At the end
/// of a paragraph, on a row with room and after its first character, no
/// row break moves: the rules that keep punctuation off a row's start or
/// end act only where a row breaks. (Where a row begins, a character may
/// take graphemes from the row before: a word's letters, an opening
/// bracket that may not end a row.)
pub fn types_as_is(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "，。、；：？！“”‘’（）《》【】".contains(c)
        || matches!(c as u32,
            0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFF10..=0xFF19
            | 0xFF21..=0xFF3A
            | 0xFF41..=0xFF5A
            | 0x20000..=0x2FFFF)
}

/// Characters that must not begin a row (行首禁则): closing punctuation.
pub const NO_ROW_START: &str = "，。、；：？！…‥”’）》】」』〕〗〙〛〉｝］％‰℃°·・～〜々ゝゞヽヾ\
ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ．｡､,.;:?!)]}%";

/// Characters that must not end a row (行尾禁则): opening punctuation and
/// currency signs that belong to the number after them.
pub const NO_ROW_END: &str = "“‘（《【「『〔〖〘〚〈｛［([{$￥¥£€";

fn sorted(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().collect();
    v.sort_unstable();
    v
}

static NO_START_SET: LazyLock<Vec<char>> = LazyLock::new(|| sorted(NO_ROW_START));
static NO_END_SET: LazyLock<Vec<char>> = LazyLock::new(|| sorted(NO_ROW_END));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Ideographs, kana, emoji and everything else that breaks anywhere.
    Other,
    Space,
    /// Latin (and other alphabetic scripts written with spaces) letters, digits.
    Word,
    /// Punctuation that stays inside a Latin word or number (3.14, 1,000,
    /// e-mail, 12:30, don't, a/b, x@y.cn): no break before it after a word
    /// character, and none after it before another.
    WordInner,
    /// No-break spaces: glue their neighbours together.
    Glue,
    /// Dashes: a pair (——) is one mark and never splits.
    Dash,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Class {
    pub kind: Kind,
    /// Must not begin a row.
    pub no_start: bool,
    /// Must not end a row.
    pub no_end: bool,
}

pub(crate) fn classify(g: &str) -> Class {
    let c = g.chars().next().unwrap_or(' ');
    let u = c as u32;
    if (0x4E00..=0x9FFF).contains(&u) || (0x3400..=0x4DBF).contains(&u) {
        // Ideographs, most of the text: no set holds them.
        return Class {
            kind: Kind::Other,
            no_start: false,
            no_end: false,
        };
    }
    let kind = match c {
        '\u{a0}' | '\u{202f}' | '\u{2060}' => Kind::Glue,
        '—' | '―' | '─' => Kind::Dash,
        '.' | ',' | ':' | '\'' | '-' | '/' | '_' | '@' | '&' | '+' | '#' | '=' | '~' | '^'
        | '’' => Kind::WordInner,
        c if c.is_whitespace() => Kind::Space,
        c if is_word_char(c) => Kind::Word,
        _ => Kind::Other,
    };
    Class {
        kind,
        no_start: NO_START_SET.binary_search(&c).is_ok(),
        no_end: NO_END_SET.binary_search(&c).is_ok(),
    }
}

/// Letters and digits of scripts that separate words with spaces, plus
/// full-width Latin letters and digits (２０２３), which Chinese documents use
/// as numbers.
fn is_word_char(c: char) -> bool {
    if c.is_ascii_alphanumeric() {
        return true;
    }
    let u = c as u32;
    if (0xFF10..=0xFF19).contains(&u)
        || (0xFF21..=0xFF3A).contains(&u)
        || (0xFF41..=0xFF5A).contains(&u)
    {
        return true;
    }
    !is_cjk(u) && c.is_alphanumeric()
}

/// CJK ideographs, kana, hangul and their symbols and punctuation.
fn is_cjk(u: u32) -> bool {
    (0x1100..=0x11FF).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7AF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0x20000..=0x3FFFF).contains(&u)
}

/// What a word motion (Ctrl+Left/Right) sees a grapheme as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Space,
    /// Latin words and numbers.
    Word,
    /// Chinese text and everything else that is not punctuation.
    Text,
    Punct,
}

pub(crate) fn unit(g: &str) -> Unit {
    let c = g.chars().next().unwrap_or(' ');
    let cls = classify(g);
    let u = c as u32;
    match cls.kind {
        Kind::Space | Kind::Glue => Unit::Space,
        Kind::Word => Unit::Word,
        Kind::Dash | Kind::WordInner => Unit::Punct,
        Kind::Other
            if cls.no_start
                || cls.no_end
                || c.is_ascii_punctuation()
                || (0x2010..=0x2027).contains(&u)
                || (0x3000..=0x303F).contains(&u)
                || (0xFF01..=0xFF0F).contains(&u)
                || (0xFF1A..=0xFF20).contains(&u)
                || (0xFF3B..=0xFF40).contains(&u)
                || (0xFF5B..=0xFF65).contains(&u) =>
        {
            Unit::Punct
        }
        Kind::Other => Unit::Text,
    }
}

/// True when a row boundary before `cur` breaks the Chinese rules: `cur`
/// cannot begin a row or `prev` cannot end one.
pub(crate) fn prohibited(prev: Class, cur: Class) -> bool {
    cur.no_start || prev.no_end
}

/// Whether a row may break between `prev` and `cur`; `before` is the
/// grapheme before `prev`, if any.
pub(crate) fn break_allowed(before: Option<Class>, prev: Class, cur: Class) -> bool {
    if prohibited(prev, cur) {
        return false;
    }
    match (prev.kind, cur.kind) {
        (Kind::Glue, _) | (_, Kind::Glue) => false,
        // Spaces stay at the end of the row they follow, so words move whole.
        (_, Kind::Space) => false,
        (Kind::Space, _) => true,
        (Kind::Dash, Kind::Dash) => false,
        (Kind::Word, Kind::Word) | (Kind::Word, Kind::WordInner) => false,
        (Kind::WordInner, Kind::Word) => before.is_none_or(|b| b.kind != Kind::Word),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(s: &str) -> Vec<bool> {
        use unicode_segmentation::UnicodeSegmentation;
        let cls: Vec<Class> = s.graphemes(true).map(classify).collect();
        (1..cls.len())
            .map(|i| break_allowed(i.checked_sub(2).map(|j| cls[j]), cls[i - 1], cls[i]))
            .collect()
    }

    #[test]
    fn widths() {
        assert_eq!(grapheme_width("中"), 2);
        assert_eq!(grapheme_width("a"), 1);
        assert_eq!(grapheme_width("“"), 1);
        assert_eq!(grapheme_width("…"), 1);
        assert_eq!(grapheme_width("—"), 1);
        assert_eq!(grapheme_width("，"), 2);
        assert_eq!(grapheme_width("😀"), 2);
        assert_eq!(grapheme_width("e\u{301}"), 1);
        assert_eq!(
            grapheme_width("\u{301}"),
            1,
            "zero width is clamped to one cell"
        );
        assert_eq!(grapheme_width("\u{200b}"), 1);
    }

    #[test]
    fn chinese_prohibitions() {
        // 中，文：no break before the comma.
        assert_eq!(allowed("中，文"), vec![false, true]);
        // （中）: no break after the opening bracket, none before the closing.
        assert_eq!(allowed("a（中）b"), vec![true, false, false, true]);
        assert_eq!(allowed("“好”"), vec![false, false]);
        assert_eq!(allowed("中文"), vec![true]);
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        assert_eq!(allowed("word"), vec![false, false, false]);
        assert_eq!(allowed("3.14"), vec![false, false, false]);
        assert_eq!(allowed("1,000"), vec![false, false, false, false]);
        assert_eq!(allowed("e-mail"), vec![false; 5]);
        assert_eq!(allowed("a b"), vec![false, true]);
        assert_eq!(allowed("中a"), vec![true]);
        assert_eq!(allowed("a中"), vec![true]);
        assert_eq!(allowed("２０２３年"), vec![false, false, false, true]);
        // A lone hyphen between spaces is no word-inner mark.
        assert_eq!(allowed("- x"), vec![false, true]);
    }

    #[test]
    fn dashes_and_glue() {
        assert_eq!(allowed("中——文"), vec![true, false, true]);
        assert_eq!(allowed("a\u{a0}b"), vec![false, false]);
    }
}
