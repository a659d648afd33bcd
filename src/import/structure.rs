//! From cleaned lines to sections, articles and paragraphs.
//!
//! Sections are 【…】 or 〔…〕 headings. With a table of contents, an
//! article starts where the body repeats one of its titles: as a line of
//! its own, on two or three lines, or running into the text (a brief).
//! Without one, a title is a short line that ends no sentence, comes after
//! a paragraph's end and before a paragraph; text at the start of a section
//! that has no title is a run of briefs, each titled up to its first 。.

use super::lines::SrcLine;
use super::toc::TocEntry;
use crate::model::{Article, ArticleKind, Section};
use crate::text::rejoin::{self, ends_sentence, measure};
use crate::text::tidy::{self, Rule};
use std::collections::BTreeMap;

/// A section heading: the whole line is 【…】, 〔…〕 or ［…］.
pub fn heading(text: &str) -> Option<String> {
    let t = text.trim();
    let pairs = [
        ('【', '】'),
        ('〔', '〕'),
        ('［', '］'),
        ('[', ']'),
        ('〖', '〗'),
    ];
    for (open, close) in pairs {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            let inner = inner.trim();
            let n = inner.chars().count();
            if (1..=16).contains(&n)
                && !inner.contains([open, close, '。', '，', ',', '；'])
                && inner.chars().any(tidy::is_han)
            {
                return Some(inner.to_string());
            }
        }
    }
    None
}

/// What a line says, for comparing titles across the table of contents and
/// the body: tidied, without white space, quotes folded.
pub fn key(s: &str) -> String {
    tidy::tidy_text(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold)
        .collect()
}

fn fold(c: char) -> char {
    match c {
        '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' => '"',
        c => c,
    }
}

/// 一、 （一） 1. 1、 （1） ① 第一， 一是: a numbered point inside an
/// article, not a title.
pub fn is_enumerated(text: &str) -> bool {
    let t = text.trim_start();
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    let lead: String = t.chars().take_while(|c| numeral(*c)).collect();
    if !lead.is_empty() {
        let rest = &t[lead.len()..];
        return rest.starts_with(['、', '.', '．', '是']) && !rest.starts_with("..");
    }
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let inner: String = rest.chars().take_while(|c| numeral(*c)).collect();
        return !inner.is_empty() && rest[inner.len()..].starts_with(['）', ')']);
    }
    if let Some(rest) = t.strip_prefix('第') {
        let inner: String = rest.chars().take_while(|c| numeral(*c)).collect();
        return !inner.is_empty() && rest[inner.len()..].starts_with(['，', '、', '是']);
    }
    t.starts_with(|c: char| ('\u{2460}'..='\u{2473}').contains(&c))
}

/// A source line: the whole line is （扶沟县文明办）.
pub fn source_of(text: &str) -> Option<String> {
    let t = text.trim();
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))?
        .trim();
    let n = inner.chars().count();
    let numeral_only = inner
        .chars()
        .all(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit());
    ((2..=30).contains(&n)
        && !numeral_only
        && inner.chars().any(tidy::is_han)
        && !inner.contains(['。', '，', '；', '（', '）', '(', ')']))
    .then(|| inner.to_string())
}

/// Units that sign an article at the end of its last paragraph:
/// "…氛围。（扶沟县文明办）".
const SOURCE_ENDINGS: [&str; 16] = [
    "办",
    "部",
    "局",
    "委",
    "会",
    "院",
    "中心",
    "站",
    "所",
    "队",
    "处",
    "科",
    "馆",
    "团",
    "供稿",
    "办公室",
];

/// A line that could be a title: short, ends no sentence or clause.
fn title_like(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    (2..=40).contains(&n)
        && !t.contains('。')
        && !t.ends_with(['，', '、', '；', '：', '。', '！', '？', '…', ',', ';', ':'])
        && !ends_sentence(t)
        && heading(t).is_none()
        && source_of(t).is_none()
        && !is_enumerated(t)
        && t.chars().any(tidy::is_han)
        && !is_date_line(t)
}

/// A line that is only a date (2024年6月1日): a dateline, never a title.
fn is_date_line(t: &str) -> bool {
    super::masthead::find_date(t)
        .is_some_and(|(_, r)| t[..r.start].trim().is_empty() && t[r.end..].trim().is_empty())
}

/// The body's structure and what building it did.
#[derive(Debug, Default)]
pub struct Built {
    pub sections: Vec<Section>,
    /// Per section: it comes from a heading (not the default section).
    pub headed: Vec<bool>,
    /// Line breaks removed inside paragraphs.
    pub joined_lines: usize,
    pub tidy: BTreeMap<Rule, usize>,
    /// Table-of-contents titles the body never repeats.
    pub toc_missing: Vec<String>,
    /// Lines that look like titles but are not in the table of contents:
    /// kept as text.
    pub not_in_toc: Vec<String>,
    /// Articles titled with the fallback title, and briefs titled by their
    /// first sentence.
    pub untitled: usize,
    pub briefs_by_sentence: usize,
    /// Any heading or title found.
    pub structured: bool,
    pub hard_wrapped: bool,
}

struct Draft {
    title: Vec<String>,
    kind: ArticleKind,
    /// The title runs into the first paragraph and is to be cut from it.
    run_in: bool,
    source: Option<String>,
    lines: Vec<usize>,
    untitled: bool,
}

impl Draft {
    fn new(title: Vec<String>, kind: ArticleKind) -> Draft {
        Draft {
            title,
            kind,
            run_in: false,
            source: None,
            lines: Vec::new(),
            untitled: false,
        }
    }

    /// A feature titled by `lines`.
    fn feature(lines: &[SrcLine]) -> Draft {
        Draft::new(
            lines.iter().map(|l| l.text.clone()).collect(),
            ArticleKind::Feature,
        )
    }
}

struct DraftSection {
    title: Option<String>,
    articles: Vec<Draft>,
}

struct Walker<'a> {
    lines: &'a [SrcLine],
    keys: Vec<String>,
    titles: Vec<(String, String)>,
    used: Vec<bool>,
    width: Option<u32>,
    indents: bool,
    hints: bool,
}

/// The widest indent (in columns) a paragraph's first line has: two
/// Chinese characters, or four spaces.
const PARAGRAPH_INDENT: u32 = 4;

/// Lines of one block a title may take.
const MAX_TITLE_LINES: usize = 3;

impl Walker<'_> {
    /// An unused table-of-contents title at line `i`: its index, how many
    /// lines it takes (0: it runs into the text).
    fn toc_title(&self, i: usize) -> Option<(usize, usize)> {
        if self.keys[i].is_empty() {
            return None;
        }
        let unused = || (0..self.titles.len()).filter(|t| !self.used[*t]);
        for t in unused() {
            let kt = &self.titles[t].0;
            let mut acc = String::new();
            for n in 1..=MAX_TITLE_LINES {
                let j = i + n - 1;
                if j >= self.lines.len() || (n > 1 && heading(&self.lines[j].text).is_some()) {
                    break;
                }
                acc.push_str(&self.keys[j]);
                if acc == *kt {
                    return Some((t, n));
                }
                if !kt.starts_with(&acc) {
                    break;
                }
            }
        }
        for t in unused() {
            let kt = &self.titles[t].0;
            let mut acc = String::new();
            let mut j = i;
            while acc.len() <= kt.len() && j < self.lines.len() {
                if j > i && heading(&self.lines[j].text).is_some() {
                    break;
                }
                acc.push_str(&self.keys[j]);
                j += 1;
            }
            if acc.starts_with(kt.as_str()) && acc[kt.len()..].starts_with(['。', '！', '？']) {
                return Some((t, 0));
            }
        }
        None
    }

    /// A title found by its shape at line `i` (after a paragraph's end):
    /// how many lines it takes.
    fn shaped_title(&self, i: usize) -> Option<usize> {
        let lines = self.lines;
        if self.hints {
            let k = lines[i..]
                .iter()
                .take(MAX_TITLE_LINES)
                .take_while(|l| l.title_hint)
                .count();
            return (k > 0).then_some(k);
        }
        let ok = |j: usize| {
            let l = &lines[j];
            title_like(&l.text)
                // Paragraphs are indented: a title is not, or is centred
                // (indented much more).
                && !(self.indents && l.indented && l.indent <= PARAGRAPH_INDENT)
                // In wrapped text, narrower than a paragraph's first line
                // (four units short of full) by more than three units.
                && self.width.is_none_or(|w| measure(&l.text) + 10 <= w)
        };
        if !ok(i) {
            return None;
        }
        let mut k = 1;
        while k < MAX_TITLE_LINES
            && i + k < lines.len()
            && ok(i + k)
            && !lines[i + k].after_blank
            && !(lines[i + k].indented && lines[i + k].indent <= PARAGRAPH_INDENT)
        {
            k += 1;
        }
        let next = lines.get(i + k)?;
        if heading(&next.text).is_some() || (ok(i + k) && source_of(&next.text).is_none()) {
            return None;
        }
        Some(k)
    }
}

/// Builds the sections of `body`. `logical` lines are paragraphs already
/// (a Word file); otherwise hard-wrapped lines are rejoined.
pub fn build(
    body: &[SrcLine],
    toc: &[TocEntry],
    logical: bool,
    default_section: &str,
    fallback_title: &str,
) -> Built {
    let mut built = Built::default();
    let content: Vec<&str> = body
        .iter()
        .filter(|l| heading(&l.text).is_none())
        .map(|l| l.text.as_str())
        .collect();
    let width = if logical {
        None
    } else {
        rejoin::typical_width(content.iter().copied())
            .filter(|w| rejoin::is_hard_wrapped(content.iter().copied(), *w))
    };
    built.hard_wrapped = width.is_some();
    let titles: Vec<(String, String)> = toc
        .iter()
        .filter(|e| !e.heading)
        .map(|e| (key(&e.text), e.text.clone()))
        .collect();
    let mut w = Walker {
        lines: body,
        keys: body.iter().map(|l| key(&l.text)).collect(),
        used: vec![false; titles.len()],
        titles,
        width,
        indents: body.iter().filter(|l| l.indented).count() >= 2,
        hints: body.iter().any(|l| l.title_hint),
    };
    let mut sections: Vec<DraftSection> = Vec::new();
    // Whether the line before ended a paragraph (or a title, a heading).
    let mut at_break = true;
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        if let Some(h) = heading(&line.text) {
            sections.push(DraftSection {
                title: Some(h),
                articles: Vec::new(),
            });
            built.structured = true;
            at_break = true;
            i += 1;
            continue;
        }
        if sections.is_empty() {
            sections.push(DraftSection {
                title: None,
                articles: Vec::new(),
            });
        }
        let section = sections.last_mut().expect("just ensured");
        let at_break_here = at_break || line.after_blank || line.indented;
        if let Some((t, n)) = w.toc_title(i) {
            w.used[t] = true;
            let draft = if n == 0 {
                Draft {
                    run_in: true,
                    lines: vec![i],
                    ..Draft::new(vec![w.titles[t].1.clone()], ArticleKind::Brief)
                }
            } else {
                Draft::feature(&body[i..i + n])
            };
            section.articles.push(draft);
            built.structured = true;
            at_break = n > 0;
            i += n.max(1);
            continue;
        }
        if at_break_here && let Some(n) = w.shaped_title(i) {
            if w.titles.is_empty() {
                section.articles.push(Draft::feature(&body[i..i + n]));
                built.structured = true;
                at_break = true;
                i += n;
                continue;
            }
            built
                .not_in_toc
                .push(body[i..i + n].iter().map(|l| l.text.as_str()).collect());
        }
        if let Some(src) = source_of(&line.text)
            && let Some(a) = section.articles.last_mut()
            && a.source.is_none()
            && (a.lines.is_empty()
                || ends_sentence(&body[*a.lines.last().expect("not empty")].text))
            && !a.untitled
        {
            a.source = Some(src);
            at_break = true;
            i += 1;
            continue;
        }
        if section.articles.is_empty() {
            section.articles.push(Draft {
                untitled: true,
                ..Draft::new(Vec::new(), ArticleKind::Feature)
            });
        }
        section
            .articles
            .last_mut()
            .expect("just ensured")
            .lines
            .push(i);
        at_break = ends_sentence(&line.text);
        i += 1;
    }
    built.toc_missing = w
        .titles
        .iter()
        .zip(&w.used)
        .filter(|(_, used)| !**used)
        .map(|((_, text), _)| text.clone())
        .collect();
    for ds in sections {
        let has_heading = ds.title.is_some();
        let mut articles: Vec<Article> = Vec::new();
        for d in ds.articles {
            finish(
                &w,
                d,
                has_heading,
                fallback_title,
                &mut articles,
                &mut built,
            );
        }
        if !has_heading && articles.is_empty() {
            continue;
        }
        built.headed.push(has_heading);
        built.sections.push(Section {
            title: ds.title.unwrap_or_else(|| default_section.to_string()),
            articles,
        });
    }
    built
}

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
fn tidy_title(lines: &[String], built: &mut Built) -> Vec<String> {
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

/// Cuts a run-in title from the start of its paragraph, with the 。 after it.
fn cut_title(paragraph: &str, title_key: &str) -> Option<String> {
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
    let (at, c) = rest.find(|(_, c)| !c.is_whitespace())?;
    if !matches!(c, '。' | '！' | '？') {
        return None;
    }
    Some(paragraph[at + c.len_utf8()..].trim_start().to_string())
}

/// A brief titled by its first sentence: 商水县举办…文艺演出。为深入…
fn first_sentence(paragraph: &str) -> Option<(String, String)> {
    let end = paragraph.find(['。', '！', '？'])?;
    let title = paragraph[..end].trim();
    let rest = paragraph[end..].chars().skip(1).collect::<String>();
    let n = title.chars().count();
    ((4..=50).contains(&n) && !title.contains(['，', '；', '：', ',']) && !rest.trim().is_empty())
        .then(|| (title.to_string(), rest.trim().to_string()))
}

/// A signature at the end of the last paragraph: "…氛围。（扶沟县文明办）".
fn trailing_source(paragraph: &str) -> Option<(String, String)> {
    let t = paragraph.trim_end();
    let open = t.rfind('（')?;
    let src = source_of(&t[open..])?;
    let before = t[..open].trim_end();
    (ends_sentence(before) && SOURCE_ENDINGS.iter().any(|e| src.ends_with(e)))
        .then(|| (before.to_string(), src))
}

fn finish(
    w: &Walker<'_>,
    d: Draft,
    has_heading: bool,
    fallback_title: &str,
    out: &mut Vec<Article>,
    built: &mut Built,
) {
    let lines: Vec<rejoin::Line<'_>> = d
        .lines
        .iter()
        .map(|&k| {
            let l = &w.lines[k];
            rejoin::Line {
                text: &l.text,
                indented: l.indented,
                after_blank: l.after_blank,
            }
        })
        .collect();
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
                    out.push(Article {
                        title: vec![title],
                        kind: ArticleKind::Brief,
                        source: None,
                        paragraphs: vec![rest],
                    });
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
        match cut_title(first, &key(&title.concat())) {
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
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(heading("【工作动态】").as_deref(), Some("工作动态"));
        assert_eq!(heading(" 〔 基层动态 〕").as_deref(), Some("基层动态"));
        assert_eq!(heading("〔2023〕5号"), None);
        assert_eq!(heading("【工作动态】全市召开"), None);
    }

    #[test]
    fn enumerations_and_sources() {
        for t in [
            "一、加强领导",
            "（一）加强领导",
            "1.加强领导",
            "2、加强",
            "一是加强",
            "第一，",
            "①加强",
        ] {
            assert!(is_enumerated(t), "{t}");
        }
        for t in ["全市推进会召开", "十分重要", "12345"] {
            assert!(!is_enumerated(t), "{t}");
        }
        assert_eq!(
            source_of("（扶沟县文明办）").as_deref(),
            Some("扶沟县文明办")
        );
        assert_eq!(source_of("（一）"), None);
        assert_eq!(source_of("（文体、图书）综合活动室"), None);
        assert_eq!(
            trailing_source("营造了浓厚氛围。（扶沟县文明办）"),
            Some(("营造了浓厚氛围。".into(), "扶沟县文明办".into()))
        );
        assert_eq!(trailing_source("建设党建（文体、图书）"), None);
    }

    #[test]
    fn run_in_titles_are_cut() {
        assert_eq!(
            cut_title(
                "商水县举办“和美乡村·乡风文明”文艺演出。为深入",
                &key("商水县举办“和美乡村·乡风文明”文艺演出")
            ),
            Some("为深入".into())
        );
        assert_eq!(cut_title("别的文字。为深入", &key("商水县")), None);
        assert_eq!(
            first_sentence("太康县举行宣讲报告会。近日，太康县"),
            Some(("太康县举行宣讲报告会".into(), "近日，太康县".into()))
        );
        assert_eq!(first_sentence("为深入宣传，全面推进。发展"), None);
    }

    #[test]
    fn two_line_titles_tidy_as_one() {
        let mut b = Built::default();
        assert_eq!(
            tidy_title(&["开展\"送法律".into(), "送政策\"活动 ".into()], &mut b),
            ["开展“送法律", "送政策”活动"]
        );
        assert_eq!(
            tidy_title(&["市委统战部 2 项举措".into(), "推动创建".into()], &mut b),
            ["市委统战部2项举措", "推动创建"]
        );
    }
}
