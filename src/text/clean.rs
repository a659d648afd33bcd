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
//!   the invisible bidi marks U+200E, U+200F, U+061C, U+FEFF (byte-order
//!   mark / zero-width no-break space), and the other invisible formatting
//!   characters ([`is_invisible`]: zero-width space and joiners, word joiner,
//!   soft hyphen, …), which a PDF or web page pastes into Chinese text and
//!   which no bulletin prints.
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
            '\u{200d}' => {
                if joins_emoji(out.chars().next_back(), chars.peek().copied()) {
                    out.push(c)
                }
            }
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
/// converted before this is asked), and never reach the terminal.
pub fn is_removed(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{feff}')
        || is_invisible(c)
}

/// Invisible formatting characters: zero-width space, non-joiner and joiner
/// (a joiner is kept only inside an emoji sequence such as 👩‍💻, see
/// [`joins_emoji`]), word joiner and invisible operators, soft hyphen,
/// Mongolian vowel separator, Hangul fillers, and tag characters.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200c}'
            | '\u{2060}'..='\u{2064}'
            | '\u{00ad}'
            | '\u{180e}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{ffa0}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// `issue` with every text field cleaned as a one-line field (see
/// [`clean_line`]): for exporting a file that may have been edited by hand,
/// so no bidi override or control character reaches a printed page.
pub fn clean_issue(issue: &crate::model::Issue) -> crate::model::Issue {
    let line = |s: &String| clean_line(s);
    let opt = |s: &Option<String>| s.as_ref().map(line);
    let mut out = issue.clone();
    out.bulletin = line(&issue.bulletin);
    out.issuer = line(&issue.issuer);
    for section in &mut out.sections {
        section.title = line(&section.title);
        for article in &mut section.articles {
            article.title = article.title.iter().map(line).collect();
            article.source = opt(&article.source);
            article.paragraphs = article.paragraphs.iter().map(line).collect();
        }
    }
    let closing = &mut out.closing;
    for d in &mut closing.distribution {
        d.recipients = line(&d.recipients);
    }
    closing.editor = opt(&closing.editor);
    closing.reviewer = opt(&closing.reviewer);
    closing.signer = opt(&closing.signer);
    out
}

/// Whether a zero-width joiner between `before` and `after` joins two
/// emoji into one (👩‍💻, ❤️‍🔥): there it belongs to the picture. Anywhere
/// else (after a Chinese character, say, as pasted from a web page) it is
/// an invisible stray.
pub fn joins_emoji(before: Option<char>, after: Option<char>) -> bool {
    let emoji = |c: char| matches!(c, '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{2b00}'..='\u{2bff}');
    before.is_some_and(|c| emoji(c) || c == '\u{fe0f}') && after.is_some_and(emoji)
}

/// `text` without the characters that must never reach the terminal (see
/// [`is_removed`], and [`joins_emoji`] for the joiner); borrowed when there
/// are none, as almost always.
pub fn for_display(text: &str) -> std::borrow::Cow<'_, str> {
    // Almost every cell: nothing to take out, nothing to allocate.
    if !text.chars().any(|c| c == '\u{200d}' || is_removed(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let stray = |i: usize| {
        let c = chars[i];
        if c == '\u{200d}' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            !joins_emoji(before, chars.get(i + 1).copied())
        } else {
            is_removed(c)
        }
    };
    if (0..chars.len()).any(stray) {
        std::borrow::Cow::Owned(
            (0..chars.len())
                .filter(|i| !stray(*i))
                .map(|i| chars[i])
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
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
    fn invisible_and_bidi_characters_are_removed_everywhere() {
        let sneaky = "文明\u{202e}创建\u{200b}简\u{200d}报\u{2066}\u{00ad}\u{2060}";
        assert_eq!(clean(sneaky), "文明创建简报");
        assert_eq!(for_display(sneaky), "文明创建简报");
        assert!(matches!(for_display("文明"), std::borrow::Cow::Borrowed(_)));
        // A joiner stays only inside an emoji sequence.
        assert_eq!(clean("字\u{200d}报👩\u{200d}💻"), "字报👩\u{200d}💻");
        assert_eq!(for_display("字\u{200d}报👩\u{200d}💻"), "字报👩\u{200d}💻");
        assert!(matches!(
            for_display("👩\u{200d}💻"),
            std::borrow::Cow::Borrowed(_)
        ));
        let mut issue = crate::test_support::sample_issue();
        issue.bulletin = sneaky.into();
        issue.sections[0].articles[0].paragraphs[0].insert(0, '\u{200b}');
        issue.closing.signer = Some("张\u{202e}三".into());
        let clean = clean_issue(&issue);
        assert_eq!(clean.bulletin, "文明创建简报");
        assert!(!clean.sections[0].articles[0].paragraphs[0].contains('\u{200b}'));
        assert_eq!(clean.closing.signer.as_deref(), Some("张三"));
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
