//! Word and phrase stops within a line, for Ctrl+←/→ and
//! Ctrl+Backspace/Delete in the editor and in one-line text fields: pure
//! functions of the line's graphemes. Chinese has no spaces between words,
//! so a run of Chinese text up to its punctuation is one phrase.

use super::breaks::{Unit, unit};
use unicode_segmentation::UnicodeSegmentation;

/// Where Ctrl+→ goes from grapheme `g` of a line of `len` graphemes whose
/// kinds `unit_at` gives: past the word or phrase, its punctuation and the
/// spaces after them.
pub(crate) fn next_stop(len: usize, g: usize, unit_at: impl Fn(usize) -> Unit) -> usize {
    let skip = |mut g: usize, f: &dyn Fn(Unit) -> bool| {
        while g < len && f(unit_at(g)) {
            g += 1;
        }
        g
    };
    if g >= len {
        return len;
    }
    let g = match unit_at(g) {
        u @ (Unit::Word | Unit::Text) => {
            let g = skip(g, &|x| x == u);
            skip(g, &|x| x == Unit::Punct)
        }
        Unit::Punct => skip(g, &|x| x == Unit::Punct),
        Unit::Space => g,
    };
    skip(g, &|x| x == Unit::Space)
}

/// Where Ctrl+← goes from grapheme `g`: back over spaces, punctuation, and
/// to the start of the word or phrase before them.
pub(crate) fn prev_stop(g: usize, unit_at: impl Fn(usize) -> Unit) -> usize {
    let skip = |mut g: usize, f: &dyn Fn(Unit) -> bool| {
        while g > 0 && f(unit_at(g - 1)) {
            g -= 1;
        }
        g
    };
    let mut g = skip(g, &|x| x == Unit::Space);
    if g > 0 && unit_at(g - 1) == Unit::Punct {
        g = skip(g, &|x| x == Unit::Punct);
    }
    if g > 0 {
        let u = unit_at(g - 1);
        if matches!(u, Unit::Word | Unit::Text) {
            g = skip(g, &|x| x == u);
        }
    }
    g
}

/// Where Ctrl+→ goes from grapheme `g` of `text` (see `next_stop`).
pub fn next_word(text: &str, g: usize) -> usize {
    let gs: Vec<&str> = text.graphemes(true).collect();
    next_stop(gs.len(), g, |i| unit(gs[i]))
}

/// Where Ctrl+← goes from grapheme `g` of `text` (see `prev_stop`).
pub fn prev_word(text: &str, g: usize) -> usize {
    let gs: Vec<&str> = text.graphemes(true).collect();
    prev_stop(g.min(gs.len()), |i| unit(gs[i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_end_at_punctuation_and_latin_words_at_spaces() {
        let s = "市委统战部，实施 four 项举措。";
        assert_eq!(next_word(s, 0), 6, "the phrase and its comma");
        assert_eq!(next_word(s, 6), 9, "实施 and its space");
        assert_eq!(next_word(s, 9), 14);
        assert_eq!(next_word(s, 14), 18);
        assert_eq!(next_word(s, 18), 18);
        assert_eq!(prev_word(s, 18), 14);
        assert_eq!(prev_word(s, 14), 9);
        assert_eq!(prev_word(s, 9), 6);
        assert_eq!(prev_word(s, 6), 0);
        assert_eq!(prev_word(s, 0), 0);
    }
}
