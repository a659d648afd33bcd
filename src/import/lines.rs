//! Physical lines of extracted text, cleaned of what the page layout left:
//! control characters, page numbers, separator rules, blank lines that
//! double-space everything, stray leading spaces. What each line is (title,
//! paragraph, heading) is decided later.

use crate::text::rejoin;

/// One line of the source, ready for the structure rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SrcLine {
    /// Text without indent and trailing white space.
    pub text: String,
    pub indented: bool,
    /// Columns of white space before the text, beyond the common margin.
    pub indent: u32,
    /// A meaningful blank line comes before it.
    pub after_blank: bool,
    /// 1-based line number in the file (paragraph number in a Word file).
    pub no: usize,
    /// The source marks it as a title (a Word heading style or a centred
    /// paragraph).
    pub title_hint: bool,
    /// A page ends just before it: a form feed, a page number or a rule
    /// came before it, or it starts with a stray space.
    pub page_break: bool,
}

impl SrcLine {
    pub fn new(text: &str, no: usize) -> SrcLine {
        SrcLine {
            text: text.to_string(),
            indented: false,
            indent: 0,
            after_blank: false,
            no,
            title_hint: false,
            page_break: false,
        }
    }
}

/// Lines and what was removed on the way.
#[derive(Debug, Default)]
pub struct Scanned {
    pub lines: Vec<SrcLine>,
    pub controls: usize,
    pub page_numbers: usize,
    pub separators: usize,
    pub stray_spaces: usize,
    pub double_spaced: bool,
}

/// A page number on a line of its own: `3`, `— 3 —`, `- 3 -`, `第3页`,
/// `第3页 共12页`, `3/12`.
pub fn is_page_number(t: &str) -> bool {
    let core: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let s = core.trim_matches(|c: char| "-—–－―─·•.．~～".contains(c));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if digits(s) {
        return true;
    }
    if let Some((a, b)) = s.split_once('/') {
        return digits(a) && digits(b);
    }
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(digits)
    };
    match s.find("页共") {
        Some(p) => {
            page(&s[..p + '页'.len_utf8()])
                && s[p + "页共".len()..].strip_suffix('页').is_some_and(digits)
        }
        None => page(s),
    }
}

/// A rule drawn with characters (the red line under a masthead, the
/// ……… or ——— between articles).
pub fn is_separator(t: &str) -> bool {
    let t = t.trim();
    t.chars().count() >= 3
        && t.chars()
            .all(|c| "─━—-－=＝_＿*＊※~～═▬■◆●★☆·…⋯﹍﹎﹏▁".contains(c) || c.is_whitespace())
}

/// Splits decoded text into lines and removes the layout's leftovers.
pub fn scan(text: &str) -> Scanned {
    let mut s = Scanned::default();
    // Form feeds are page breaks; other control characters are noise.
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{0B}' | '\u{2028}' | '\u{2029}' | '\u{85}' => clean.push('\n'),
            '\n' | '\r' | '\t' | '\u{0C}' => clean.push(c),
            c if c.is_control() => s.controls += 1,
            c => clean.push(c),
        }
    }
    let mut kept: Vec<(usize, &str, bool)> = Vec::new();
    let mut page_break = false;
    for (no, (_, line)) in crate::text::tidy::lines(&clean).into_iter().enumerate() {
        // pdftotext starts a page's first line with the form feed; a feed
        // at a line's end breaks the page after it.
        let feed_before = line.starts_with('\u{0C}');
        let feed_after = !feed_before && line.ends_with('\u{0C}');
        let line = line.trim_matches('\u{0C}');
        if is_page_number(line) {
            s.page_numbers += 1;
            page_break = true;
        } else if is_separator(line) {
            s.separators += 1;
            page_break = true;
        } else {
            page_break |= feed_before;
            kept.push((no + 1, line, page_break));
            if !line.trim().is_empty() {
                page_break = false;
            }
            page_break |= feed_after;
        }
    }
    let raw: Vec<&str> = kept.iter().map(|(_, l, _)| *l).collect();
    s.double_spaced = rejoin::is_double_spaced(&raw);
    let mut shaped: Vec<(u32, SrcLine)> = Vec::new();
    let mut blank = false;
    for (no, line, page_break) in kept {
        if line.trim().is_empty() {
            blank = !shaped.is_empty();
            continue;
        }
        let (mut cols, rest) = rejoin::indent_of(line);
        let mut l = SrcLine::new(rest.trim_end(), no);
        if cols == 1 && line.starts_with(' ') {
            cols = 0;
            s.stray_spaces += 1;
            l.page_break = true;
        }
        l.page_break |= page_break;
        l.after_blank = blank && !s.double_spaced;
        shaped.push((cols, l));
        blank = false;
    }
    let margin = shaped.iter().map(|(c, _)| *c).min().unwrap_or(0);
    s.lines = shaped
        .into_iter()
        .map(|(cols, mut l)| {
            l.indent = cols - margin;
            l.indented = l.indent >= 2;
            l
        })
        .collect();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for p in [
            "3",
            "— 3 —",
            "- 12 -",
            "·3·",
            "第3页",
            "第 3 页 共 12 页",
            "3/12",
            " 4 ",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["第3期", "11 月", "三", "3月", "— 简报 —", "2023年"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn separators() {
        assert!(is_separator("──────────"));
        assert!(is_separator("★ ★ ★"));
        assert!(is_separator("…………………………"));
        assert!(is_separator("———————"));
        assert!(is_separator("﹏﹏﹏﹏"));
        assert!(!is_separator("——"));
        assert!(!is_separator("……"));
        assert!(!is_separator("文明——和谐"));
    }

    #[test]
    fn scanning_removes_layout_leftovers() {
        let s = scan(" 第一行\n\n— 2 —\n\n　　第二行\u{7}\n\n第三行\n\n");
        let texts: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["第一行", "第二行", "第三行"]);
        let breaks: Vec<bool> = s.lines.iter().map(|l| l.page_break).collect();
        assert_eq!(breaks, [true, true, false]);
        assert_eq!((s.page_numbers, s.stray_spaces, s.controls), (1, 1, 1));
        assert!(s.double_spaced);
        assert!(s.lines[1].indented && !s.lines[0].indented);
        assert_eq!(s.lines[2].no, 7);
        assert!(s.lines.iter().all(|l| !l.after_blank));
    }

    #[test]
    fn form_feeds_break_pages() {
        let s = scan("一\n\u{0C}二\n三\u{0C}\n四");
        let texts: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["一", "二", "三", "四"]);
        let breaks: Vec<bool> = s.lines.iter().map(|l| l.page_break).collect();
        assert_eq!(breaks, [false, true, false, true]);
        assert_eq!(s.lines[3].no, 4);
    }

    #[test]
    fn blank_lines_count_in_single_spaced_text() {
        let s = scan("一\r\n二\r\n\r\n三\r四");
        let blanks: Vec<bool> = s.lines.iter().map(|l| l.after_blank).collect();
        assert_eq!(blanks, [false, false, true, false]);
        assert!(!s.double_spaced);
    }
}
