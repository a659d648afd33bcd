//! Names on a masthead: the bulletin's, and the issuing unit's with its
//! labels (编印单位, 主办) and years cleaned off.

use super::numbers::strip_spaces;

/// Words a bulletin's name ends with.
const NAME_ENDINGS: [&str; 14] = [
    "简报", "快报", "通讯", "专报", "要报", "动态", "信息", "周报", "月报", "简讯", "情况", "通报",
    "导刊", "内参",
];

/// Whether `name` ends like a bulletin's name (简报, 快报, …).
pub fn is_bulletin_name(name: &str) -> bool {
    NAME_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// Words an office's name ends with.
const UNIT_ENDINGS: [&str; 24] = [
    "办",
    "办公室",
    "部",
    "局",
    "委",
    "委员会",
    "会",
    "院",
    "中心",
    "室",
    "处",
    "科",
    "馆",
    "团",
    "社",
    "站",
    "所",
    "队",
    "厅",
    "司",
    "政府",
    "党委",
    "街道",
    "协会",
];

/// Words the name of an organisation that prints a bulletin ends with,
/// besides an office's: 中国地质大学(武汉), 郑州市第四十七中学.
const ORG_ENDINGS: [&str; 10] = [
    "大学",
    "学院",
    "学校",
    "中学",
    "小学",
    "集团",
    "医院",
    "银行",
    "党校",
    "研究院",
];

/// Whether `s` reads as the name of an office: 周口市文明办, 县委宣传部.
pub fn is_unit(s: &str) -> bool {
    let n = s.chars().count();
    // A place in brackets after the name: 中国地质大学(武汉).
    let core = match s.strip_suffix(['）', ')']) {
        Some(r) => r.rfind(['（', '(']).map_or(s, |p| &r[..p]),
        None => s,
    };
    (2..=30).contains(&n)
        && (UNIT_ENDINGS.iter().any(|e| core.ends_with(e))
            || ORG_ENDINGS.iter().any(|e| core.ends_with(e)))
        && s.chars()
            .all(|c| crate::text::tidy::is_han(c) || "（）()·".contains(c))
}

/// Labels before or after an issuing unit.
pub(super) const ISSUER_PREFIXES: [&str; 6] =
    ["编印单位", "主办单位", "编发单位", "编印", "主办", "编发"];
pub(super) const ISSUER_SUFFIXES: [&str; 5] = ["编印", "主办", "编发", "印发", "编"];

pub(super) fn clean_issuer(s: &str) -> Option<String> {
    let mut s = s.trim_matches(|c: char| c.is_whitespace() || "，,。（）()".contains(c));
    for p in ISSUER_PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest.trim_start_matches([':', '：', ' ', '　']);
            break;
        }
    }
    for suf in ISSUER_SUFFIXES {
        if let Some(rest) = s.strip_suffix(suf) {
            s = rest;
            break;
        }
    }
    let s = s.trim();
    // Letter-spaced units (周 口 市) lose their spaces; phrases keep them.
    let visible = s.chars().filter(|c| !c.is_whitespace()).count();
    let s = if visible > 1 && visible * 2 - 1 == s.chars().count() {
        strip_spaces(s)
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let n = s.chars().count();
    ((2..=40).contains(&n) && !s.contains(['。', '，'])).then_some(s)
}

/// Removes the year a numbering is counted in (2021年第9期, 〔2024〕第3期,
/// [2024]第3期): what is left beside a number is the issuing unit, and a
/// year is none.
pub(super) fn remove_years(s: &mut String) {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut k = 0;
    while k + 4 <= chars.len() {
        let digits = chars[k..k + 4].iter().all(|(_, c)| c.is_ascii_digit());
        let before_digit = k > 0 && chars[k - 1].1.is_ascii_digit();
        if !digits || before_digit {
            k += 1;
            continue;
        }
        let year: u32 = chars[k..k + 4]
            .iter()
            .fold(0, |n, (_, c)| n * 10 + c.to_digit(10).unwrap_or(0));
        let after = chars.get(k + 4).map(|(_, c)| *c);
        let open = k.checked_sub(1).map(|p| chars[p].1);
        let end_of = |j: usize| chars.get(j).map_or(s.len(), |(i, _)| *i);
        let range = match (open, after) {
            _ if !(1900..=2200).contains(&year) => None,
            (_, Some('年')) => Some(chars[k].0..end_of(k + 5)),
            (Some(o), Some(c))
                if matches!(
                    (o, c),
                    ('〔', '〕') | ('[', ']') | ('［', '］') | ('（', '）') | ('(', ')')
                ) =>
            {
                Some(chars[k - 1].0..end_of(k + 5))
            }
            _ => None,
        };
        if let Some(r) = range {
            cuts.push(r);
            k += 5;
        } else {
            k += 1;
        }
    }
    for r in cuts.into_iter().rev() {
        s.replace_range(r, " ");
    }
}
