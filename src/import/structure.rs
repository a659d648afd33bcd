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

/// Marks printed around or before a section heading (※思想教育※,
/// ■ 工作动态) and before the items of a list (◆ ● ▲).
const MARKS: &str = "※■□◆◇●○★☆▲△▶►◎◉◈";

/// Marks that start an item of a list, never a heading on their own line
/// unless the rest is a short name.
const ITEM_MARKS: &str = "■□◆◇●○★☆▲△▶►◎◉◈•";

/// Whether the line starts with a list item's mark (◆ ● ▲ …).
pub fn is_item(text: &str) -> bool {
    text.trim_start()
        .starts_with(|c: char| ITEM_MARKS.contains(c))
}

/// The text of an item without its mark.
pub fn without_mark(text: &str) -> &str {
    text.trim_start()
        .trim_start_matches(|c: char| ITEM_MARKS.contains(c))
        .trim_start()
}

/// A section's name: short, Chinese, no punctuation.
fn section_name(inner: &str, max: usize) -> Option<String> {
    let inner = inner.trim();
    let n = inner.chars().count();
    ((1..=max).contains(&n)
        && !inner.contains(['。', '，', ',', '；', '：', '、', '！', '？'])
        && inner.chars().any(tidy::is_han)
        && !inner
            .chars()
            .any(|c| MARKS.contains(c) || "【】〔〕［］[]〖〗".contains(c)))
    .then(|| inner.to_string())
}

/// A section heading: the whole line is 【…】, 〔…〕 or ［…］, a name
/// between two equal marks (※思想教育※), or a short name after a mark
/// (■ 工作动态).
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
            return section_name(inner, 16);
        }
    }
    let first = t.chars().next()?;
    if !MARKS.contains(first) {
        return None;
    }
    let rest = t[first.len_utf8()..].trim_start_matches(first);
    if let Some(inner) = rest.strip_suffix(first) {
        return section_name(inner.trim_end_matches(first), 12);
    }
    // A mark before a name: short, so that an item of a list (◆抓好环境
    // 卫生整治。…) is not taken for one.
    section_name(rest, 8)
}

/// Words a section heading printed as a plain line ends with (要闻简报,
/// 院部动态, 基层来风).
const HEADING_WORDS: [&str; 36] = [
    "动态", "简报", "简讯", "快讯", "要闻", "信息", "交流", "聚焦", "视点", "之窗", "园地", "天地",
    "风采", "纵横", "传真", "短波", "速递", "集锦", "一线", "基层", "瞭望", "观察", "链接", "播报",
    "新闻", "热点", "点滴", "采风", "来风", "声音", "文摘", "摘编", "探索", "经验", "工作", "时讯",
];

/// A line that may be a plain or numbered section heading (要闻简报,
/// 一、工作动态) if what follows it says so: its name.
fn heading_candidate(text: &str) -> Option<(String, bool)> {
    let t = text.trim();
    if let Some((1, at)) = super::toc::enumerator(t) {
        return section_name(&t[at..], 8).map(|n| (n, true));
    }
    let n = section_name(t, 8)?;
    (n.chars().count() >= 4 && HEADING_WORDS.iter().any(|w| n.ends_with(w))).then_some((n, false))
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
pub(crate) const SOURCE_ENDINGS: [&str; 27] = [
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
    "镇",
    "乡",
    "街道",
    "村",
    "社区",
    "县",
    "区",
    "市",
    "室",
    "校",
    "组",
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
        && !is_item(t)
        && lead_len(&compact(t)).is_none()
        && t.chars().any(tidy::is_han)
        && !is_date_line(t)
}

/// The text without the spaces between Chinese and digits or Latin that
/// typesetting puts there (Word's and LibreOffice's autospace, as pdftotext
/// extracts it).
fn unspaced(t: &str) -> String {
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    for (k, c) in chars.iter().enumerate() {
        if *c == ' ' && k > 0 && k + 1 < chars.len() {
            let (a, b) = (chars[k - 1], chars[k + 1]);
            let cjk = |c: char| !c.is_ascii() && measure(&c.to_string()) == 2;
            if (cjk(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && cjk(b)) {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

/// The text without white space (pdftotext puts spaces between digits and
/// Chinese).
fn compact(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first line of a title printed on two lines that ends in "："
/// (教育部部长周济强调： / 人才是…头等大事): short, no clause before.
fn colon_title_start(text: &str) -> bool {
    let t = text.trim();
    t.strip_suffix(['：', ':']).is_some_and(|head| {
        head.chars().count() <= 20 && !head.contains(['，', ',', '；']) && title_like(head)
    })
}

/// A line that is only a date (2024年6月1日): a dateline, never a title.
fn is_date_line(t: &str) -> bool {
    super::masthead::find_date(t)
        .is_some_and(|(_, r)| t[..r.start].trim().is_empty() && t[r.end..].trim().is_empty())
}

/// Words a news or statistics paragraph opens with, before a comma.
const LEAD_WORDS: [&str; 15] = [
    "近日",
    "日前",
    "近期",
    "今年以来",
    "年初以来",
    "近年来",
    "去年以来",
    "上半年",
    "下半年",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "前三季度",
    "全年",
];

/// The lead a news paragraph opens with (8月1日， 3月5日上午， 7月下旬以来，
/// 近日，): its length in bytes, the comma included.
fn lead_len(t: &str) -> Option<usize> {
    fn number(s: &str) -> Option<&str> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&n).then(|| &s[n..])
    }
    let mut rest = t;
    if let Some(w) = LEAD_WORDS.iter().find(|w| t.starts_with(**w)) {
        rest = &t[w.len()..];
    } else {
        rest = number(rest)?.strip_prefix('月')?;
        if let Some(r) = number(rest).and_then(|r| r.strip_prefix('日')) {
            rest = r;
            if let Some(r) = rest
                .strip_prefix('至')
                .and_then(number)
                .and_then(|r| r.strip_prefix('日'))
            {
                rest = r;
            }
            for w in ["上午", "下午", "晚上", "晚"] {
                if let Some(r) = rest.strip_prefix(w) {
                    rest = r;
                    break;
                }
            }
        } else {
            let before = rest.len();
            for w in ["上旬", "中旬", "下旬", "初", "底"] {
                if let Some(r) = rest.strip_prefix(w) {
                    rest = r;
                    break;
                }
            }
            rest = rest.strip_prefix("以来").unwrap_or(rest);
            if rest.len() == before {
                return None;
            }
        }
    }
    let after = rest.strip_prefix(['，', ','])?;
    Some(t.len() - after.len())
}

/// Where a title pasted together with its first paragraph ends, as text
/// copied from a web page gives it: "姚店村开展人居环境整治7月下旬以来，…".
/// The title before the paragraph's lead (a date, 近日) is a title's shape.
fn glued_title(text: &str) -> Option<usize> {
    let t = text.trim_end();
    for (at, c) in t.char_indices() {
        if !(c.is_ascii_digit() || "近日今年".contains(c)) || lead_len(&t[at..]).is_none() {
            continue;
        }
        let title = &t[..at];
        let n = title.chars().count();
        let open = title.ends_with(['于', '在', '从', '自', '至', '到', '的', '及', '和', '与']);
        return ((6..=30).contains(&n)
            && !open
            && !title.contains(['，', '、', '；', '：', ',', '（', '('])
            && title_like(title))
        .then_some(at);
    }
    None
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
    /// Briefs marked ◆ ● after an article, split from it.
    pub item_briefs: usize,
    /// Titles pasted together with their first paragraph, split (without
    /// a table of contents to confirm them).
    pub glued_titles: usize,
    /// Sections found by a plain or numbered heading line (要闻简报,
    /// 一、工作动态) rather than a marked one.
    pub plain_headings: usize,
    /// Any heading or title found.
    pub structured: bool,
    pub hard_wrapped: bool,
    /// The full width of hard-wrapped lines, `None` for a paragraph a line.
    pub width: Option<u32>,
    /// Per body line: what it was taken for.
    pub roles: Vec<Role>,
}

/// What a body line was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading,
    /// A line of a title printed on lines of its own.
    Title,
    /// A source on a line of its own: （扶沟县文明办）.
    Source,
    /// A line that is only a date: a dateline or signature.
    Date,
    /// Text of a paragraph (a title running into it included).
    Text,
}

impl Role {
    /// A line that is never joined with the lines around it.
    pub fn stands_alone(self) -> bool {
        self != Role::Text
    }
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
    /// Per line: the section heading it is.
    heads: Vec<Option<String>>,
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

/// How a title of the table of contents appears in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TocTitle {
    /// On this many lines of its own.
    Lines(usize),
    /// Running into the text after a stop: a brief.
    Brief,
    /// Running into the text with no stop, as pasted from a web page: a
    /// feature whose title lost its line break.
    Glued,
}

impl Walker<'_> {
    fn is_heading(&self, j: usize) -> bool {
        self.heads.get(j).is_some_and(Option::is_some)
    }

    /// An unused table-of-contents title at line `i`: its index and how it
    /// is printed.
    fn toc_title(&self, i: usize) -> Option<(usize, TocTitle)> {
        if self.keys[i].is_empty() {
            return None;
        }
        let unused = || (0..self.titles.len()).filter(|t| !self.used[*t]);
        for t in unused() {
            let kt = &self.titles[t].0;
            let mut acc = String::new();
            for n in 1..=MAX_TITLE_LINES {
                let j = i + n - 1;
                if j >= self.lines.len() || (n > 1 && self.is_heading(j)) {
                    break;
                }
                acc.push_str(&self.keys[j]);
                if acc == *kt {
                    return Some((t, TocTitle::Lines(n)));
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
                if j > i && self.is_heading(j) {
                    break;
                }
                acc.push_str(&self.keys[j]);
                j += 1;
            }
            if let Some(rest) = acc.strip_prefix(kt.as_str()) {
                if rest.starts_with(['。', '！', '？']) {
                    return Some((t, TocTitle::Brief));
                }
                if !rest.is_empty() && !rest.starts_with(['，', '、', '；', '：', '”', '）'])
                {
                    return Some((t, TocTitle::Glued));
                }
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
        let shaped = |j: usize| {
            let l = &lines[j];
            // Paragraphs are indented: a title is not, or is centred
            // (indented much more).
            !(self.indents && l.indented && l.indent <= PARAGRAPH_INDENT)
                // In wrapped text, narrower than a paragraph's first line
                // (four units short of full) by more than three units.
                && self.width.is_none_or(|w| measure(&l.text) + 10 <= w)
        };
        let ok = |j: usize| title_like(&lines[j].text) && shaped(j);
        let mut k = if ok(i) {
            1
        } else if colon_title_start(&lines[i].text)
            && shaped(i)
            && lines.get(i + 1).is_some_and(|n| !n.after_blank)
            && ok(i + 1)
        {
            // The first line ends in "：": a title only with its second.
            2
        } else {
            return None;
        };
        while k < MAX_TITLE_LINES
            && i + k < lines.len()
            && ok(i + k)
            && !lines[i + k].after_blank
            && !(lines[i + k].indented && lines[i + k].indent <= PARAGRAPH_INDENT)
        {
            k += 1;
        }
        let next = lines.get(i + k)?;
        if heading(&next.text).is_some()
            || self.is_heading(i + k)
            || (ok(i + k) && source_of(&next.text).is_none())
        {
            return None;
        }
        Some(k)
    }

    /// Whether a title starts at line `i`.
    fn title_at(&self, i: usize) -> bool {
        i < self.lines.len() && (self.toc_title(i).is_some() || self.shaped_title(i).is_some())
    }
}

/// Section headings of `body`: marked ones (【】 ※※ ■), those the table of
/// contents names, and plain or numbered heading lines (要闻简报, 一、工作动态)
/// when a title follows each and there are at least two of a kind (a lone
/// 一、 line is a point of an article).
fn find_headings(w: &Walker<'_>, toc: &[TocEntry], built: &mut Built) -> Vec<Option<String>> {
    let body = w.lines;
    let toc_heads: Vec<(String, &str)> = toc
        .iter()
        .filter(|e| e.heading)
        .map(|e| (key(&e.text), e.text.as_str()))
        .collect();
    let mut heads: Vec<Option<String>> = body
        .iter()
        .map(|l| {
            heading(&l.text).or_else(|| {
                let k = key(super::toc::unnumbered(&l.text));
                toc_heads
                    .iter()
                    .find(|(tk, _)| *tk == k)
                    .map(|(_, name)| name.to_string())
            })
        })
        .collect();
    let mut candidates: Vec<(usize, String, bool)> = Vec::new();
    for (i, l) in body.iter().enumerate() {
        if heads[i].is_some() {
            continue;
        }
        let after_break = i == 0
            || heads[i - 1].is_some()
            || ends_sentence(&body[i - 1].text)
            || l.after_blank
            || source_of(&body[i - 1].text).is_some();
        if let Some((name, numbered)) = heading_candidate(&l.text)
            && after_break
            && w.title_at(i + 1)
        {
            candidates.push((i, name, numbered));
        }
    }
    for numbered in [true, false] {
        let kind: Vec<&(usize, String, bool)> =
            candidates.iter().filter(|c| c.2 == numbered).collect();
        if kind.len() >= 2 {
            for (i, name, _) in kind {
                heads[*i] = Some(name.clone());
                built.plain_headings += 1;
            }
        }
    }
    heads
}

/// The full width of hard-wrapped lines, `None` if the text has a
/// paragraph a line. Besides the general rule (most lines full), a short
/// bulletin of short paragraphs is wrapped when several lines stop
/// mid-sentence at the full width, or four units short of it as a
/// paragraph's first line, and no line is longer.
fn wrap_width(content: &[&str]) -> Option<u32> {
    let hanging = |t: &str| {
        let t = t.trim_end();
        match t.chars().next_back() {
            Some(c) if "，。、；：！？”’）》".contains(c) => {
                measure(&t[..t.len() - c.len_utf8()])
            }
            _ => measure(t),
        }
    };
    let mut width = rejoin::typical_width(content.iter().copied())?;
    // Where paragraphs are two or three lines, their first lines (four
    // units short of full) outnumber the full ones: a line that stops
    // mid-sentence four units wider is the full width.
    if let Some(full) = content
        .iter()
        .filter(|t| !ends_paragraph(t))
        .map(|t| hanging(t))
        .filter(|m| (width + 3..=width + 5).contains(m))
        .max()
    {
        width = full;
    }
    if rejoin::is_hard_wrapped(content.iter().copied(), width) {
        return Some(width);
    }
    let (mut all, mut stopped, mut long) = (0usize, 0usize, 0usize);
    for t in content.iter().filter(|t| !t.trim().is_empty()) {
        all += 1;
        let m = hanging(t);
        if !ends_paragraph(t) && m + 5 >= width && m <= width + 2 {
            stopped += 1;
        }
        if m > width + 4 {
            long += 1;
        }
    }
    (stopped >= 2 && long == 0 && stopped * 5 >= all).then_some(width)
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
        // The space pdftotext puts between Chinese and digits stands for
        // a quarter of a character: it would make a line look overlong.
        let spaced: Vec<String> = content.iter().map(|t| unspaced(t)).collect();
        let spaced: Vec<&str> = spaced.iter().map(String::as_str).collect();
        wrap_width(&spaced)
    };
    built.hard_wrapped = width.is_some();
    built.width = width;
    built.roles = vec![Role::Text; body.len()];
    let titles: Vec<(String, String)> = toc
        .iter()
        .filter(|e| !e.heading)
        .map(|e| (key(&e.text), e.text.clone()))
        .collect();
    let mut w = Walker {
        lines: body,
        keys: body.iter().map(|l| key(&l.text)).collect(),
        heads: body.iter().map(|l| heading(&l.text)).collect(),
        used: vec![false; titles.len()],
        titles,
        width,
        indents: body.iter().filter(|l| l.indented).count() >= 2,
        hints: body.iter().any(|l| l.title_hint),
    };
    w.heads = find_headings(&w, toc, &mut built);
    let mut sections: Vec<DraftSection> = Vec::new();
    // Whether the line before ended a paragraph (or a title, a heading).
    let mut at_break = true;
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        if let Some(h) = &w.heads[i] {
            sections.push(DraftSection {
                title: Some(h.clone()),
                articles: Vec::new(),
            });
            built.structured = true;
            built.roles[i] = Role::Heading;
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
        if let Some((t, how)) = w.toc_title(i)
            && (how != TocTitle::Glued || at_break_here)
        {
            w.used[t] = true;
            let draft = match how {
                TocTitle::Lines(n) => Draft::feature(&body[i..i + n]),
                TocTitle::Brief | TocTitle::Glued => {
                    let kind = if how == TocTitle::Brief {
                        ArticleKind::Brief
                    } else {
                        ArticleKind::Feature
                    };
                    Draft {
                        run_in: true,
                        lines: vec![i],
                        ..Draft::new(vec![w.titles[t].1.clone()], kind)
                    }
                }
            };
            section.articles.push(draft);
            built.structured = true;
            let n = match how {
                TocTitle::Lines(n) => {
                    built.roles[i..i + n].fill(Role::Title);
                    n
                }
                _ => 1,
            };
            at_break = matches!(how, TocTitle::Lines(_)) || ends_sentence(&line.text);
            i += n;
            continue;
        }
        if at_break_here && let Some(n) = w.shaped_title(i) {
            if w.titles.is_empty() {
                section.articles.push(Draft::feature(&body[i..i + n]));
                built.structured = true;
                built.roles[i..i + n].fill(Role::Title);
                at_break = true;
                i += n;
                continue;
            }
            built
                .not_in_toc
                .push(body[i..i + n].iter().map(|l| l.text.as_str()).collect());
        }
        // A title pasted together with its paragraph (a paragraph a line,
        // no contents to go by).
        if at_break_here
            && w.titles.is_empty()
            && w.width.is_none()
            && let Some(at) = glued_title(&line.text)
        {
            section.articles.push(Draft {
                run_in: true,
                lines: vec![i],
                ..Draft::new(vec![line.text[..at].to_string()], ArticleKind::Feature)
            });
            built.structured = true;
            built.glued_titles += 1;
            at_break = ends_sentence(&line.text);
            i += 1;
            continue;
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
        at_break = ends_paragraph(&line.text);
        i += 1;
    }
    // Sources and dates the walk left in the text (an untitled article's,
    // or one signed after its last paragraph) stand alone all the same.
    for (role, l) in built.roles.iter_mut().zip(body) {
        if *role == Role::Text {
            if source_of(&l.text).is_some() {
                *role = Role::Source;
            } else if is_date_line(l.text.trim()) {
                *role = Role::Date;
            }
        }
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

/// Cuts a run-in title from the start of its paragraph, with the 。 after
/// it (`stop`), or with nothing after it (a title glued to its text).
fn cut_title(paragraph: &str, title_key: &str, stop: bool) -> Option<String> {
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
fn first_sentence(paragraph: &str) -> Option<(String, String)> {
    let paragraph = without_mark(paragraph);
    let end = paragraph.find(['。', '！', '？'])?;
    let title = paragraph[..end].trim();
    let rest = paragraph[end..].chars().skip(1).collect::<String>();
    let n = title.chars().count();
    ((4..=50).contains(&n) && !title.contains(['，', '；', '：', ',']) && !rest.trim().is_empty())
        .then(|| (title.to_string(), rest.trim().to_string()))
}

/// Whether a line ends a paragraph: a sentence, or a sentence and the
/// source signed after it.
fn ends_paragraph(t: &str) -> bool {
    ends_sentence(t) || trailing_source(t).is_some()
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

/// Whether a line is a point of an article printed as a line of its own
/// (一、县域经济发展的基本态势): short of the full width, no sentence in it;
/// the next line starts a paragraph even where the point ends no sentence.
fn standalone_point(text: &str, width: Option<u32>) -> bool {
    let t = text.trim();
    is_enumerated(t)
        && !t.contains('。')
        && !t.ends_with(['，', '、', '；', ',', ';'])
        && width.is_some_and(|w| measure(t) + 10 <= w)
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
fn paragraph_lines<'a>(
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
                    || (ends_sentence(prev) && super::toc::enumerator(&l.text).is_some())
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

/// Rejoins a chunk's lines (pasted into an article) into paragraphs by the
/// rules articles are built with, each heading, title line, source and
/// dateline a paragraph of its own; nothing is tidied. Lines that show no
/// printed width are left a paragraph each, unless `asked`: then a line
/// that ends no sentence runs on into the next. Also gives what building
/// the chunk into sections found.
pub fn rejoin_chunk(
    lines: &[SrcLine],
    asked: bool,
    default_section: &str,
    fallback_title: &str,
) -> (Vec<String>, Built) {
    let built = build(lines, &[], false, default_section, fallback_title);
    let idx: Vec<usize> = (0..lines.len()).collect();
    // Without a printed width any short line is title-shaped: lines the
    // clerk asked to join are joined unless they are headings, sources or
    // dates.
    let titles = !asked || built.width.is_some();
    let alone = |k: usize| match built.roles[k] {
        Role::Title => titles,
        role => role.stands_alone(),
    };
    // No line is full at an unbounded width: every line that ends a
    // sentence ends its paragraph, and no other does.
    let width = built.width.or(asked.then_some(u32::MAX / 4));
    let rl = paragraph_lines(lines, &idx, width, alone);
    let paragraphs = rejoin::paragraphs(&rl, width)
        .into_iter()
        .map(|r| rejoin::join(rl[r].iter().map(|l| l.text)))
        .collect();
    (paragraphs, built)
}

fn finish(
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
                &key("商水县举办“和美乡村·乡风文明”文艺演出"),
                true
            ),
            Some("为深入".into())
        );
        assert_eq!(cut_title("别的文字。为深入", &key("商水县"), true), None);
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
