//! The shape of one line: section headings, titles, numbered points,
//! sources and the lead of a news paragraph.

use crate::text::rejoin::{ends_sentence, measure};
use crate::text::tidy;

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
pub(super) fn heading_candidate(text: &str) -> Option<(String, bool)> {
    let t = text.trim();
    if let Some((1, at)) = crate::import::toc::enumerator(t) {
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

pub(super) fn fold(c: char) -> char {
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
pub(super) fn title_like(text: &str) -> bool {
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
pub(super) fn unspaced(t: &str) -> String {
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
pub(super) fn colon_title_start(text: &str) -> bool {
    let t = text.trim();
    t.strip_suffix(['：', ':']).is_some_and(|head| {
        head.chars().count() <= 20 && !head.contains(['，', ',', '；']) && title_like(head)
    })
}

/// A line that is only a date (2024年6月1日): a dateline, never a title.
pub(super) fn is_date_line(t: &str) -> bool {
    crate::import::masthead::find_date(t)
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
pub(super) fn glued_title(text: &str) -> Option<usize> {
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

/// Whether a line ends a paragraph: a sentence, or a sentence and the
/// source signed after it.
pub(super) fn ends_paragraph(t: &str) -> bool {
    ends_sentence(t) || trailing_source(t).is_some()
}

/// A signature at the end of the last paragraph: "…氛围。（扶沟县文明办）".
pub(super) fn trailing_source(paragraph: &str) -> Option<(String, String)> {
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
pub(super) fn standalone_point(text: &str, width: Option<u32>) -> bool {
    let t = text.trim();
    is_enumerated(t)
        && !t.contains('。')
        && !t.ends_with(['，', '、', '；', ',', ';'])
        && width.is_some_and(|w| measure(t) + 10 <= w)
}
