//! The cleaner every piece of text passes on its way into a buffer.
//!
//! - Line breaks of every kind (CRLF, CR, LF, NEL, VT, FF, U+2028, U+2029)
//!   become `\n`, the paragraph break.
//! - A tab becomes one full-width space U+3000 (　): Chinese prose has no tab
//!   stops, and a tab typed or pasted in the middle of a sentence means "a
//!   gap", which the full-width space gives at a fixed width of two columns.
//! - Removed: other C0 and C1 control characters (ESC and CSI among them, so
//!   nothing that reaches the terminal can start an escape sequence), DEL,
//!   bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
//!   the invisible bidi marks U+200E, U+200F, U+061C, and U+FEFF (byte-order
//!   mark / zero-width no-break space).
//!
//! Everything else, including combining marks, emoji sequences and private-use
//! characters, is kept as it is.

/// Cleans `text`, keeping paragraph breaks as `\n`.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push('\u{3000}'),
            c if is_removed(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Cleans `text` and splits it into paragraphs (at least one, maybe empty).
pub fn clean_paragraphs(text: &str) -> Vec<String> {
    clean(text).split('\n').map(str::to_string).collect()
}

/// Cleans text meant for a one-line field (a title, a name): as [`clean`],
/// with line breaks removed instead of kept.
pub fn clean_line(text: &str) -> String {
    let mut s = clean(text);
    s.retain(|c| c != '\n');
    s
}

/// True for characters that never enter a buffer (line breaks and tabs are
/// converted before this is asked).
pub fn is_removed(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_paragraph_breaks() {
        assert_eq!(
            clean("一\r\n二\r三\n四\u{2029}五\u{2028}六\u{85}七"),
            "一\n二\n三\n四\n五\n六\n七"
        );
        assert_eq!(clean("\r\n\r\n"), "\n\n");
        assert_eq!(clean_paragraphs("甲\r\n\r\n乙"), vec!["甲", "", "乙"]);
        assert_eq!(clean_paragraphs(""), vec![""]);
    }

    #[test]
    fn tabs_become_full_width_spaces() {
        assert_eq!(clean("a\tb"), "a\u{3000}b");
    }

    #[test]
    fn controls_and_escapes_are_removed() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m"), "a[31mred[0m");
        assert_eq!(clean("x\u{9b}2Jy\u{7f}\u{0}\u{7}z"), "x2Jyz");
        assert_eq!(clean("\u{1b}]52;c;aGk=\u{7}"), "]52;c;aGk=");
        assert_eq!(clean("\u{90}\u{9c}\u{9d}"), "");
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(
            clean("a\u{202e}cba\u{202c}\u{2066}x\u{2069}\u{200f}"),
            "acbax"
        );
        assert_eq!(clean("\u{feff}正文"), "正文");
    }

    #[test]
    fn text_is_otherwise_kept() {
        let s = "中文，“引号”……——e\u{301} 👩\u{200d}💻 🇨🇳 \u{3000}ｘ\u{e000}";
        assert_eq!(clean(s), s);
    }

    #[test]
    fn one_line_fields() {
        assert_eq!(clean_line("标题\r\n第二行\t完"), "标题第二行\u{3000}完");
    }
}
