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

/// Finds a table of contents starting at `lines[start]`. It must end where
/// the body repeats its first entry, its entries must be short lines, and
/// most of them must appear again below it; otherwise there is none (and
/// no line is dropped).
/// Returns the entries and the index where the body starts.
pub fn find(lines: &[SrcLine], start: usize) -> Option<(Vec<TocEntry>, usize)> {
    let mut i = start;
    if lines.get(i).is_some_and(|l| is_toc_marker(&l.text)) {
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
    let mut entries: Vec<TocEntry> = Vec::new();
    let mut first_key: Option<String> = None;
    let mut found = 0;
    while i < lines.len() {
        let text = &lines[i].text;
        let (entry, is_heading) = match heading(text) {
            Some(h) => (h, true),
            None => (entry_text(text).to_string(), false),
        };
        let k = key(&entry);
        if k.is_empty() {
            return None;
        }
        if let Some(first) = &first_key
            && *first == k
        {
            let titles = entries.iter().filter(|e| !e.heading).count();
            return (titles > 0 && found * 2 >= titles).then_some((entries, i));
        }
        if entry.chars().count() > 60 || entry.contains('。') {
            return None;
        }
        // The body should repeat the entry; a title the body does not
        // repeat is reported, not fatal.
        let below = &all[tail_from[i + 1]..];
        if below.contains(&k) {
            found += usize::from(!is_heading);
        } else if is_heading || first_key.is_none() {
            return None;
        }
        if first_key.is_none() {
            first_key = Some(k);
        }
        entries.push(TocEntry {
            text: entry,
            heading: is_heading,
        });
        i += 1;
    }
    None
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
