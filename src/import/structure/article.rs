//! From a draft to finished articles: paragraphs rejoined and tidied, the
//! title cut from a run-in paragraph, the source and trailing briefs split off.

use super::Built;
use super::shape::{
    fold, is_item, key, source_of, standalone_point, trailing_source, without_mark,
};
use super::walker::{Draft, Walker};
use crate::import::lines::SrcLine;
use crate::model::{Article, ArticleKind};
use crate::text::rejoin::{self, ends_sentence};
use crate::text::tidy;

/// Tidies `s`, adding its changes to the counts.
fn tidied(s: &str, built: &mut Built) -> String {
    let t = tidy::tidy(s);
    for (rule, n) in t.counts() {
        *built.tidy.entry(rule).or_default() += n;
    }
    t.text
}

/// Tidies the lines of a title as one text, so that quotes pair across the
/// line break, and splits it again where the lines met.
pub(super) fn tidy_title(lines: &[String], built: &mut Built) -> Vec<String> {
    let parts: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let joined = parts.concat();
    let t = tidy::tidy(&joined);
    for (rule, n) in t.counts() {
        *built.tidy.entry(rule).or_default() += n;
    }
    // Where each line break lands in the tidied text; a change across it
    // goes with the line before.
    let mut cuts = Vec::new();
    let mut at = 0;
    for p in &parts[..parts.len().saturating_sub(1)] {
        at += p.len();
        let mut shift = 0isize;
        let mut cut = None;
        for c in &t.changes {
            if c.range.end <= at {
                shift += c.replacement.len() as isize - c.range.len() as isize;
            } else {
                if c.range.start < at {
                    cut = Some((c.range.start as isize + shift) as usize + c.replacement.len());
                }
                break;
            }
        }
        cuts.push(cut.unwrap_or((at as isize + shift) as usize));
    }
    let mut out = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([t.text.len()]) {
        let cut = cut.max(from);
        let part = t.text[from..cut].trim();
        if !part.is_empty() {
            out.push(part.to_string());
        }
        from = cut;
    }
    out
}

/// Cuts a run-in title from the start of its paragraph, with the 。 after
/// it (`stop`), or with nothing after it (a title glued to its text).
pub(super) fn cut_title(paragraph: &str, title_key: &str, stop: bool) -> Option<String> {
    let mut rest = paragraph.char_indices().peekable();
    for want in title_key.chars() {
        loop {
            let (_, c) = rest.next()?;
            if c.is_whitespace() {
                continue;
            }
            if fold(c) != want {
                return None;
            }
            break;
        }
    }
    let (at, c) = match rest.find(|(_, c)| !c.is_whitespace()) {
        Some(next) => next,
        None => return (!stop).then(String::new),
    };
    if !stop {
        return Some(paragraph[at..].to_string());
    }
    if !matches!(c, '。' | '！' | '？') {
        return None;
    }
    Some(paragraph[at + c.len_utf8()..].trim_start().to_string())
}

/// A brief titled by its first sentence: 商水县举办…文艺演出。为深入…
/// (a list mark before it is no part of the title).
pub(super) fn first_sentence(paragraph: &str) -> Option<(String, String)> {
    let paragraph = without_mark(paragraph);
    let end = paragraph.find(['。', '！', '？'])?;
    let title = paragraph[..end].trim();
    let rest = paragraph[end..].chars().skip(1).collect::<String>();
    let n = title.chars().count();
    ((4..=50).contains(&n) && !title.contains(['，', '；', '：', ',']) && !rest.trim().is_empty())
        .then(|| (title.to_string(), rest.trim().to_string()))
}

/// The briefs at the end of an article: its last paragraphs marked ◆ ●,
/// each opening with a title's sentence, unless a paragraph ending in "："
/// introduces them as a list of the article's.
fn trailing_item_briefs(paragraphs: &[String]) -> usize {
    let items = paragraphs
        .iter()
        .rev()
        .take_while(|p| is_item(p) && first_sentence(p).is_some())
        .count();
    let start = paragraphs.len() - items;
    if items == 0 || start == 0 || ends_with_colon(&paragraphs[start - 1]) {
        return 0;
    }
    items
}

fn ends_with_colon(p: &str) -> bool {
    p.trim_end().ends_with(['：', ':'])
}

/// The lines `idx` of `lines` as the paragraph rules see them. An item of
/// a list, and the line after a point printed on its own, start a paragraph
/// even after a full line; so do a line that stands `alone` (by its index
/// in `lines`) and the line after it.
pub(super) fn paragraph_lines<'a>(
    lines: &'a [SrcLine],
    idx: &[usize],
    width: Option<u32>,
    alone: impl Fn(usize) -> bool,
) -> Vec<rejoin::Line<'a>> {
    idx.iter()
        .enumerate()
        .map(|(n, &k)| {
            let l = &lines[k];
            let prev = n.checked_sub(1).map(|p| idx[p]);
            let breaks = prev.is_some_and(|p| {
                let prev = lines[p].text.as_str();
                is_item(&l.text)
                    || standalone_point(prev, width)
                    || (ends_sentence(prev) && crate::import::toc::enumerator(&l.text).is_some())
                    || alone(p)
                    || alone(k)
            });
            rejoin::Line {
                text: &l.text,
                indented: l.indented || breaks,
                after_blank: l.after_blank,
            }
        })
        .collect()
}

pub(super) fn finish(
    w: &Walker<'_>,
    d: Draft,
    has_heading: bool,
    fallback_title: &str,
    out: &mut Vec<Article>,
    built: &mut Built,
) {
    let lines = paragraph_lines(w.lines, &d.lines, w.width, |_| false);
    let mut paragraphs: Vec<String> = Vec::new();
    for r in rejoin::paragraphs(&lines, w.width) {
        built.joined_lines += r.len() - 1;
        let joined = rejoin::join(lines[r].iter().map(|l| l.text));
        let p = tidied(&joined, built);
        let p = p.trim();
        if !p.is_empty() {
            paragraphs.push(p.to_string());
        }
    }
    let briefs = if has_heading && !d.untitled {
        let n = trailing_item_briefs(&paragraphs);
        paragraphs.split_off(paragraphs.len() - n)
    } else {
        Vec::new()
    };
    let mut source = d.source;
    if source.is_none()
        && !d.untitled
        && let Some(last) = paragraphs.last()
    {
        if let Some(s) = source_of(last) {
            source = Some(s);
            paragraphs.pop();
        } else if let Some((before, s)) = trailing_source(last) {
            source = Some(s);
            *paragraphs.last_mut().expect("not empty") = before;
        }
    }
    // A source is text like any other: "2008 年 5 月" as the PDF spaced it.
    let source = source.map(|s| tidied(&s, built));
    if d.untitled {
        if paragraphs.is_empty() {
            return;
        }
        let mut untitled = |paragraphs: Vec<String>, out: &mut Vec<Article>| {
            built.untitled += 1;
            out.push(Article {
                paragraphs,
                ..Article::new(fallback_title)
            });
        };
        if !has_heading {
            untitled(paragraphs, out);
            return;
        }
        let mut briefs = 0;
        for p in paragraphs {
            match (first_sentence(&p), out.last_mut()) {
                (Some((title, rest)), _) => {
                    briefs += 1;
                    out.push(brief(title, rest));
                }
                (None, Some(prev)) => prev.paragraphs.push(p),
                (None, None) => untitled(vec![p], out),
            }
        }
        built.briefs_by_sentence += briefs;
        return;
    }
    let mut title = tidy_title(&d.title, built);
    if d.run_in
        && let Some(first) = paragraphs.first_mut()
    {
        let stop = d.kind == ArticleKind::Brief;
        match cut_title(first, &key(&title.concat()), stop) {
            Some(rest) if rest.is_empty() => {
                paragraphs.remove(0);
            }
            Some(rest) => *first = rest,
            // The text differs from the table of contents: keep the text
            // whole and take its first sentence as the title.
            None => {
                if let Some((t, rest)) = first_sentence(first) {
                    title = vec![t];
                    *first = rest;
                }
            }
        }
    }
    if title.is_empty() {
        title = vec![fallback_title.to_string()];
    }
    out.push(Article {
        title,
        kind: d.kind,
        source,
        paragraphs,
        submission: None,
    });
    built.item_briefs += briefs.len();
    for p in briefs {
        let (title, rest) = first_sentence(&p).expect("checked by trailing_item_briefs");
        out.push(brief(title, rest));
    }
}

fn brief(title: String, text: String) -> Article {
    Article {
        title: vec![title],
        kind: ArticleKind::Brief,
        source: None,
        paragraphs: vec![text],
        submission: None,
    }
}
