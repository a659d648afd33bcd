//! The table of contents printed under a masthead: section headings and
//! article titles that the body repeats. It is not imported as text; it
//! confirms which lines of the body are titles, and gives the titles of
//! briefs, whose title runs into their text.

use super::lines::SrcLine;
use super::structure::{heading, key};

/// One entry: a section heading or an article title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub text: String,
    pub heading: bool,
}

/// An entry's text without leader dots and page number:
/// `全市创文创卫工作推进会召开……………1` → `全市创文创卫工作推进会召开`.
pub fn entry_text(line: &str) -> &str {
    let t = line.trim_end();
    let no_page = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let leaders = |c: char| "….．·•。-—_ \u{3000}\t".contains(c);
    if no_page.len() < t.len() {
        let stripped = no_page.trim_end_matches(leaders);
        // A page number only comes after leaders or spaces.
        if stripped.len() < no_page.len() {
            return stripped;
        }
        return t;
    }
    let stripped = t.trim_end_matches(['…', '.', '．', '·']);
    if t[stripped.len()..].chars().count() >= 3 {
        stripped.trim_end()
    } else {
        t
    }
}

fn is_toc_marker(t: &str) -> bool {
    let k: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        k.as_str(),
        "目录" | "本期目录" | "本期要目" | "要目" | "本期导读"
    )
}

/// How an entry (or a heading) is numbered: 一、 （一） 1. （1） ①, from
/// the outermost level in.
pub fn enumerator(t: &str) -> Option<(u8, usize)> {
    let t0 = t.len() - t.trim_start().len();
    let t = t.trim_start();
    let chinese = |c: char| "一二三四五六七八九十".contains(c);
    let lead: String = t.chars().take_while(|c| chinese(*c)).collect();
    if !lead.is_empty() && t[lead.len()..].starts_with('、') {
        return Some((1, t0 + lead.len() + '、'.len_utf8()));
    }
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let open = t.len() - rest.len();
        let inner: String = rest.chars().take_while(|c| chinese(*c)).collect();
        let level = if inner.is_empty() { 4 } else { 2 };
        let inner: String = if inner.is_empty() {
            rest.chars().take_while(char::is_ascii_digit).collect()
        } else {
            inner
        };
        let after = &rest[inner.len()..];
        if !inner.is_empty()
            && let Some(close) = after.strip_prefix(['）', ')'])
        {
            return Some((level, t0 + open + inner.len() + (after.len() - close.len())));
        }
        return None;
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &t[digits.len()..];
        if let Some(r) = rest.strip_prefix(['.', '．', '、'])
            && !r.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        {
            return Some((3, t0 + t.len() - r.len()));
        }
    }
    let c = t.chars().next()?;
    ('\u{2460}'..='\u{2473}')
        .contains(&c)
        .then(|| (5, t0 + c.len_utf8()))
}

/// `text` without the number in front of it: `1.甲事` → `甲事`.
pub fn unnumbered(text: &str) -> &str {
    match enumerator(text) {
        Some((_, at)) => text[at..].trim_start(),
        None => text.trim_start(),
    }
}

/// One line of a table of contents, read.
struct Entry {
    text: String,
    /// Key of the printed line (numbers kept), to find where the body
    /// starts by repeating it.
    printed: String,
    heading: bool,
    level: Option<u8>,
}

/// Finds a table of contents starting at `lines[start]`. It must end where
/// the body repeats its first entry, its entries must be short lines, and
/// most of them must appear again below it; otherwise there is none (and
/// no line is dropped). Entries may be numbered (1. 一、 （一）), the
/// number is not part of the title; an entry printed on two lines is one.
/// Behind a marker such as 本期要目 the contents may also run to the end of
/// the text (or to the closing block): a text with no articles.
/// Returns the entries and the index where the body starts.
pub fn find(lines: &[SrcLine], start: usize) -> Option<(Vec<TocEntry>, usize)> {
    let mut i = start;
    let marked = lines.get(i).is_some_and(|l| is_toc_marker(&l.text));
    if marked {
        i += 1;
    }
    // Keys of everything below each line, to look entries up.
    let keys: Vec<String> = lines.iter().map(|l| key(&l.text)).collect();
    let mut tail_from = vec![0usize; lines.len() + 1];
    let mut all = String::new();
    for (k, key) in keys.iter().enumerate() {
        tail_from[k] = all.len();
        all.push_str(key);
    }
    tail_from[lines.len()] = all.len();
    let mut entries: Vec<Entry> = Vec::new();
    let mut found = 0;
    // The body repeats the first entry: as printed, without its number, or
    // as a title on up to three lines.
    let repeats_first = |i: usize, first: &Entry| {
        let k = &keys[i];
        if k.is_empty() {
            return false;
        }
        if *k == first.printed
            || *k == key(&first.text)
            || key(unnumbered(&lines[i].text)) == key(&first.text)
        {
            return true;
        }
        let want = key(&first.text);
        // Running into its text (a brief, or a title pasted with it).
        if k.len() > want.len() && k.starts_with(want.as_str()) {
            return true;
        }
        let mut acc = String::new();
        for k in keys[i..].iter().take(3) {
            acc.push_str(k);
            if acc == want {
                return true;
            }
            if !want.starts_with(acc.as_str()) {
                return false;
            }
        }
        false
    };
    while i < lines.len() {
        let line = &lines[i];
        if let Some(first) = entries.first()
            && repeats_first(i, first)
        {
            let titles = entries.iter().filter(|e| !e.heading).count();
            return (titles > 0 && found * 2 >= titles).then(|| (finish(entries), i));
        }
        if marked && !entries.is_empty() && super::masthead::closing_line(&line.text).is_some() {
            break;
        }
        let text = &line.text;
        let (entry, is_heading, level) = match heading(text) {
            Some(h) => (h, true, None),
            None => {
                let e = entry_text(text);
                let level = enumerator(e).map(|(l, _)| l);
                (unnumbered(e).to_string(), false, level)
            }
        };
        // The rest of an entry printed on two lines: not numbered, indented
        // under a numbered one, or deeper than an unnumbered one that ends
        // in a colon (or comma) without a page number, as a two-line title
        // (教育部负责同志强调： / 人才培养…) is set when it is too long for
        // one line of the contents.
        let hangs = |prev: &Entry| {
            let above = &lines[i - 1];
            prev.level.is_none()
                && prev.text.ends_with(['：', ':', '，', '、'])
                && entry_text(&above.text) == above.text.trim_end()
                && line.indent > above.indent
        };
        if !is_heading
            && level.is_none()
            && line.indented
            && let Some(prev) = entries.last_mut()
            && (prev.level.is_some() || hangs(prev))
            && !prev.heading
        {
            prev.text.push_str(&entry);
            prev.printed.push_str(&key(&entry));
            i += 1;
            continue;
        }
        let k = key(&entry);
        if k.is_empty() || entry.chars().count() > 60 || entry.contains('。') {
            return None;
        }
        // The body should repeat the entry; a title the body does not
        // repeat is reported, not fatal.
        let below = &all[tail_from[i + 1]..];
        if below.contains(&k) {
            found += usize::from(!is_heading);
        } else if !marked && (is_heading || entries.is_empty()) {
            return None;
        }
        entries.push(Entry {
            printed: key(entry_text(text)),
            text: entry,
            heading: is_heading,
            level,
        });
        i += 1;
    }
    // Only a marked table of contents may run to the end: the text holds
    // no article.
    (marked && !entries.is_empty()).then(|| (finish(entries), i))
}

/// The entries as found, a numbered entry followed by entries numbered one
/// level down (一、 then （一）) made a heading, and so is an unnumbered
/// short entry before numbered ones.
fn finish(entries: Vec<Entry>) -> Vec<TocEntry> {
    let mut out: Vec<TocEntry> = Vec::with_capacity(entries.len());
    for (k, e) in entries.iter().enumerate() {
        let next = entries.get(k + 1);
        let heading = e.heading
            || next.is_some_and(|n| match (e.level, n.level) {
                (Some(a), Some(b)) => a < b && !n.heading,
                (None, Some(_)) => e.text.chars().count() <= 10,
                _ => false,
            });
        out.push(TocEntry {
            text: e.text.clone(),
            heading,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SrcLine> {
        text.lines()
            .enumerate()
            .map(|(i, l)| SrcLine::new(l, i + 1))
            .collect()
    }

    #[test]
    fn entries_lose_leaders_and_page_numbers() {
        assert_eq!(entry_text("全市推进会召开……………1"), "全市推进会召开");
        assert_eq!(entry_text("全市推进会召开 ........ 12"), "全市推进会召开");
        assert_eq!(entry_text("全市推进会召开　3"), "全市推进会召开");
        assert_eq!(entry_text("全市推进会召开"), "全市推进会召开");
        // Digits that belong to the title stay.
        assert_eq!(entry_text("开展学习活动10次"), "开展学习活动10次");
        assert_eq!(entry_text("等等…"), "等等…");
    }

    #[test]
    fn a_table_of_contents_ends_where_the_body_repeats_it() {
        let l = lines(
            "目　录\n【工作动态】\n甲事……1\n乙事……2\n【工作动态】\n甲事\n正文一。\n乙事。正文二。",
        );
        let (entries, body) = find(&l, 0).unwrap();
        assert_eq!(body, 4);
        let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["工作动态", "甲事", "乙事"]);
        assert!(entries[0].heading);
    }

    #[test]
    fn a_title_on_two_lines_of_the_contents_is_one_entry() {
        let mut l = lines(
            "本期要目\n甲乙丙丁强调：\n人才培养是生命线……1\n乙事……2\n\
             甲乙丙丁强调：\n人才培养是生命线\n正文一。\n乙事\n正文二。",
        );
        // The second line hangs under the first (as Word prints it).
        l[2].indent = 4;
        l[2].indented = true;
        let (entries, body) = find(&l, 0).unwrap();
        assert_eq!(body, 4);
        let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["甲乙丙丁强调：人才培养是生命线", "乙事"]);
        // Not indented deeper, it is an entry of its own.
        l[2].indent = 0;
        l[2].indented = false;
        let (entries, _) = find(&l, 0).unwrap();
        assert_eq!(entries.len(), 3);
    }

    #[test]
    fn no_table_of_contents_when_entries_are_not_repeated() {
        let l = lines("【工作动态】\n甲事\n正文一。\n【经验交流】\n乙事\n正文二。");
        assert_eq!(find(&l, 0), None);
        // Prose between two equal headings is no table of contents.
        let l = lines("【工作动态】\n甲事\n正文一。\n【工作动态】\n甲事\n正文二。");
        assert_eq!(find(&l, 0), None);
        // Headings alone are no table of contents.
        let l = lines("【工作动态】\n【工作动态】\n正文。");
        assert_eq!(find(&l, 0), None);
    }
}
