//! The masthead at the top of a bulletin (name, 第N期, 总第N期, issuing
//! unit, date) and the closing block at its end (报/送/发, 共印N份,
//! 编辑/审核/签发): recognising their lines and reading their values.

use crate::model::{
    Closing, Distribution, DistributionKind, Marks, SECRECY_STAR, Secrecy, Urgency,
};
use chrono::NaiveDate;

/// What the masthead says; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Masthead {
    pub bulletin: Option<String>,
    pub number: Option<u32>,
    pub total: Option<u32>,
    pub supplement: bool,
    pub issuer: Option<String>,
    pub date: Option<NaiveDate>,
    /// 份号, 密级, 紧急程度 and notices such as 内部资料 above the masthead.
    pub marks: Marks,
}

fn strip_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Value of a Chinese numeral such as 二十五, 一〇二 or 二〇二三.
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    let digit = |c: char| match c {
        '零' | '○' | 'Ｏ' | 'O' => Some(0),
        '两' => Some(2),
        _ => digit(c),
    };
    if s.is_empty() {
        return None;
    }
    if !s.chars().any(|c| matches!(c, '十' | '百')) {
        // Digit by digit: 二〇二三.
        return s
            .chars()
            .try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let (mut total, mut current) = (0u32, None::<u32>);
    for c in s.chars() {
        match c {
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            _ => current = Some(digit(c)?),
        }
    }
    Some(total + current.unwrap_or(0))
}

/// A number in Arabic or Chinese numerals (spaces allowed around it).
fn number(s: &str) -> Option<u32> {
    let s = strip_spaces(s);
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    if !ascii.is_empty() && ascii.bytes().all(|b| b.is_ascii_digit()) {
        return ascii.parse().ok();
    }
    chinese_number(&ascii)
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "〇○零一二三四五六七八九十百两".contains(c)
        || c.is_whitespace()
}

/// Finds `prefix` N `suffix` (e.g. 第N期) in `s`: the number and the byte range.
fn numbered(s: &str, prefix: &str, suffix: char) -> Option<(u32, std::ops::Range<usize>)> {
    let mut from = 0;
    while let Some(p) = s[from..].find(prefix) {
        let start = from + p;
        let after = start + prefix.len();
        let digits_end = s[after..]
            .char_indices()
            .find(|(_, c)| !is_numeral(*c))
            .map_or(s.len(), |(i, _)| after + i);
        if s[digits_end..].starts_with(suffix)
            && let Some(n) = number(&s[after..digits_end])
        {
            return Some((n, start..digits_end + suffix.len_utf8()));
        }
        from = after;
    }
    None
}

/// A date written 2023年11月23日 (spaces allowed, Chinese numerals too),
/// 2023-11-23, 2023.11.23 or 2023/11/23; and its byte range.
pub fn find_date(s: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    // 年月日 form: walk back from 年 over numerals.
    let mut from = 0;
    while let Some(p) = s[from..].find('年') {
        let nian = from + p;
        let start = s[..nian]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_numeral(*c))
            .last()
            .map_or(nian, |(i, _)| i);
        let rest = &s[nian + '年'.len_utf8()..];
        if let (Some(y), Some(m_at)) = (number(&s[start..nian]), rest.find('月')) {
            let after_m = &rest[m_at + '月'.len_utf8()..];
            if let Some(d_at) = after_m.find('日')
                && let (Some(m), Some(d)) = (number(&rest[..m_at]), number(&after_m[..d_at]))
                && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
                && (1900..=2200).contains(&y)
            {
                let end = nian + '年'.len_utf8() + m_at + '月'.len_utf8() + d_at + '日'.len_utf8();
                return Some((date, start..end));
            }
        }
        from = nian + '年'.len_utf8();
    }
    // ISO-like forms.
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(7) {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        if !b[i..i + 4].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let sep = b[i + 4];
        if !matches!(sep, b'-' | b'.' | b'/') {
            continue;
        }
        let tail = &s[i + 5..];
        let m_len = tail.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&m_len) || tail.as_bytes().get(m_len) != Some(&sep) {
            continue;
        }
        let d_tail = &tail[m_len + 1..];
        let d_len = d_tail.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&d_len) {
            continue;
        }
        let (y, m, d) = (
            s[i..i + 4].parse().ok()?,
            tail[..m_len].parse().ok()?,
            d_tail[..d_len].parse().ok()?,
        );
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            return Some((date, i..i + 5 + m_len + 1 + d_len));
        }
    }
    None
}

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

/// Words of lines that mark a masthead: notices, and 密级.
const MARKS: [&str; 7] = [
    "内部资料",
    "注意保存",
    "内部刊物",
    "仅供参考",
    "秘密",
    "机密",
    "内部参阅",
];

/// Labels before or after an issuing unit.
const ISSUER_PREFIXES: [&str; 6] = ["编印单位", "主办单位", "编发单位", "编印", "主办", "编发"];
const ISSUER_SUFFIXES: [&str; 5] = ["编印", "主办", "编发", "印发", "编"];

fn clean_issuer(s: &str) -> Option<String> {
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
fn remove_years(s: &mut String) {
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

/// What one masthead line holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct MastheadLine {
    pub number: Option<u32>,
    pub total: Option<u32>,
    pub supplement: bool,
    pub date: Option<NaiveDate>,
    pub issuer: Option<String>,
    pub name: Option<String>,
    /// A line of marks such as 内部资料, 秘密★1年, 特急 or a 份号.
    pub mark: bool,
    /// What the marks say.
    pub marks: Marks,
}

impl MastheadLine {
    fn is_some(&self) -> bool {
        *self != MastheadLine::default()
    }
}

/// Reads a line near the top as a masthead line; `None` if it is not one.
/// `first` allows a bulletin name that does not end in a usual word.
pub fn masthead_line(text: &str, first: bool) -> Option<MastheadLine> {
    if super::structure::heading(text).is_some() {
        return None;
    }
    let mut rest = text.to_string();
    let mut m = MastheadLine::default();
    if let Some((n, r)) = numbered(&rest, "总第", '期') {
        m.total = Some(n);
        rest.replace_range(r, " ");
    }
    if let Some((n, r)) = numbered(&rest, "第", '期') {
        m.number = Some(n);
        rest.replace_range(r, " ");
    }
    if let Some(p) = rest.find("增刊") {
        m.supplement = true;
        rest.replace_range(p..p + "增刊".len(), " ");
    }
    if let Some((d, r)) = find_date(&rest) {
        m.date = Some(d);
        rest.replace_range(r, " ");
    }
    if m.number.is_some() || m.total.is_some() {
        remove_years(&mut rest);
    }
    let compact = strip_spaces(&rest);
    let compact = compact.trim_matches(|c: char| "（）()·，,、".contains(c));
    if compact.is_empty() {
        return m.is_some().then_some(m);
    }
    if let Some(marks) = marks_line(&rest, compact) {
        m.mark = true;
        m.marks = marks;
        return Some(m);
    }
    let labelled = ISSUER_PREFIXES.iter().any(|p| compact.starts_with(p))
        || ISSUER_SUFFIXES.iter().any(|s| compact.ends_with(s));
    if m.number.is_some() || m.date.is_some() || m.total.is_some() || labelled {
        // What is left beside a number or a date is the issuing unit,
        // unless it is the bulletin's name.
        if is_bulletin_name(compact) && !labelled {
            m.name = Some(compact.to_string());
        } else {
            m.issuer = Some(clean_issuer(&rest)?);
        }
        return Some(m);
    }
    let n = compact.chars().count();
    let plain = !compact.contains(['。', '，', '：', ':', '；']);
    if plain && n <= 20 && (first || is_bulletin_name(compact)) {
        m.name = Some(compact.to_string());
        return Some(m);
    }
    None
}

/// The marks of a line above the masthead (GB/T 9704 7.2), or `None` when
/// it is no such line: a 份号 (six digits), 密级 with its period (秘密★1年),
/// 紧急程度 (特急, 加急), or a short line with a notice such as 内部资料, whose
/// other words are kept as notices too.
fn marks_line(rest: &str, compact: &str) -> Option<Marks> {
    let tokens: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || "·、，,|｜".contains(c))
        .map(|t| t.trim_matches(|c: char| "（）()【】〔〕[]".contains(c)))
        .filter(|t| !t.is_empty())
        .collect();
    let mut marks = Marks::default();
    let mut others: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let period = |p: &str| {
            let p = p.trim_start_matches([SECRECY_STAR, '☆', '*', '＊']).trim();
            (!p.is_empty()).then(|| p.to_string())
        };
        if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) && marks.copy_number.is_none() {
            marks.copy_number = Some(t.to_string());
        } else if let Some(u) = Urgency::from_label(t) {
            marks.urgency = Some(u);
        } else if let Some(s) = Secrecy::ALL
            .into_iter()
            .find(|s| t.starts_with(s.label()) && marks.secrecy.is_none())
        {
            marks.secrecy = Some(s);
            marks.secrecy_period = period(&t[s.label().len()..]);
            // 秘密 ★1年: the period as a word of its own.
            if marks.secrecy_period.is_none()
                && let Some(next) = tokens.get(i + 1)
                && next.starts_with([SECRECY_STAR, '☆'])
            {
                marks.secrecy_period = period(next);
                i += 1;
            }
        } else {
            others.push(t.to_string());
        }
        i += 1;
    }
    let notices: Vec<String> = others.iter().flat_map(|t| split_notices(t)).collect();
    let has_notice = MARKS.iter().any(|k| compact.contains(k)) && compact.chars().count() <= 12;
    let only_marks = others.is_empty() && marks != Marks::default();
    if !(has_notice || only_marks) {
        return None;
    }
    marks.notices = notices;
    Some(marks)
}

/// Notices printed together (内部资料注意保存) as separate ones.
fn split_notices(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = t;
    while !rest.is_empty() {
        match MARKS.iter().find(|k| rest.starts_with(*k)) {
            Some(k) => {
                out.push(k.to_string());
                rest = &rest[k.len()..];
            }
            None => {
                // Up to the next known notice, as written.
                let end = (1..rest.len())
                    .filter(|i| rest.is_char_boundary(*i))
                    .find(|i| MARKS.iter().any(|k| rest[*i..].starts_with(k)))
                    .unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The closing block

/// One closing-block line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosingLine {
    Distribution(Distribution),
    Copies(u32),
    People(Vec<(Role, String)>),
    /// 周口市文明办　2023年11月23日印发
    Printed {
        issuer: Option<String>,
        date: NaiveDate,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Editor,
    Reviewer,
    Signer,
}

const DISTRIBUTION_LABELS: [(&str, DistributionKind); 13] = [
    ("抄报", DistributionKind::Report),
    ("呈报", DistributionKind::Report),
    ("报送", DistributionKind::Report),
    ("报", DistributionKind::Report),
    ("抄送", DistributionKind::Send),
    ("分送", DistributionKind::Send),
    ("送阅", DistributionKind::Send),
    ("送", DistributionKind::Send),
    ("印发", DistributionKind::Issue),
    ("下发", DistributionKind::Issue),
    ("分发", DistributionKind::Issue),
    ("发送", DistributionKind::Issue),
    ("发", DistributionKind::Issue),
];

const ROLE_LABELS: [(&str, Role); 9] = [
    ("责任编辑", Role::Editor),
    ("责编", Role::Editor),
    ("编辑", Role::Editor),
    ("主编", Role::Editor),
    ("审核", Role::Reviewer),
    ("审稿", Role::Reviewer),
    ("审定", Role::Reviewer),
    ("核稿", Role::Reviewer),
    ("签发", Role::Signer),
];

fn after_label<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(label)?;
    let rest = rest.trim_start_matches([' ', '　']);
    rest.strip_prefix(['：', ':'])
}

/// Reads a closing-block line; `None` if it is not one (or holds anything
/// the closing block cannot keep, so that nothing is lost).
pub fn closing_line(text: &str) -> Option<ClosingLine> {
    let t = text.trim();
    for (label, kind) in DISTRIBUTION_LABELS {
        if let Some(rest) = after_label(t, label) {
            let recipients = rest.trim();
            if recipients.is_empty() {
                return None;
            }
            return Some(ClosingLine::Distribution(Distribution {
                kind,
                recipients: recipients.to_string(),
            }));
        }
    }
    let compact = strip_spaces(t);
    let inner = compact.trim_matches(['（', '）', '(', ')']);
    // 共印80份, 印80份: the whole line.
    for prefix in ["共印", "印"] {
        if let Some((n, r)) = numbered(inner, prefix, '份')
            && r == (0..inner.len())
        {
            return Some(ClosingLine::Copies(n));
        }
    }
    if compact.ends_with("印发")
        && let Some((date, r)) = find_date(t)
    {
        let issuer = clean_issuer(&t[..r.start]);
        if t[r.end..].trim() == "印发" {
            return Some(ClosingLine::Printed { issuer, date });
        }
    }
    people(t).map(ClosingLine::People)
}

/// 编辑：李明　审核：王芳　签发：张华 — every part must be a known role.
fn people(t: &str) -> Option<Vec<(Role, String)>> {
    let mut out: Vec<(Role, String)> = Vec::new();
    let mut rest = t.trim();
    while !rest.is_empty() {
        let (role, after) = ROLE_LABELS
            .iter()
            .find_map(|(l, r)| after_label(rest, l).map(|a| (*r, a)))?;
        // The value runs to the next label.
        let end = after
            .char_indices()
            .find(|(i, _)| {
                let tail = after[*i..].trim_start();
                *i > 0
                    && after[..*i].ends_with([' ', '　', '\t'])
                    && ROLE_LABELS
                        .iter()
                        .any(|(l, _)| after_label(tail, l).is_some())
            })
            .map_or(after.len(), |(i, _)| i);
        let value = after[..end].trim();
        // A wide gap ends the names: what follows is set apart (共印N份).
        if value.is_empty() || value.contains(['。', '，', '：', ':']) || value.contains("   ") {
            return None;
        }
        out.push((role, value.to_string()));
        rest = after[end..].trim_start();
    }
    (!out.is_empty()).then_some(out)
}

/// Builds the closing block from its lines; wrapped recipients (a line that
/// is no closing line of its own) continue the distribution line before.
pub fn closing_from(lines: &[ClosingLine]) -> Closing {
    let mut c = Closing::default();
    for l in lines {
        match l {
            ClosingLine::Distribution(d) => c.distribution.push(d.clone()),
            ClosingLine::Copies(n) => c.copies = Some(*n),
            ClosingLine::People(p) => {
                for (role, name) in p {
                    let slot = match role {
                        Role::Editor => &mut c.editor,
                        Role::Reviewer => &mut c.reviewer,
                        Role::Signer => &mut c.signer,
                    };
                    *slot = Some(name.clone());
                }
            }
            ClosingLine::Printed { .. } => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("二十五"), Some(25));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("一百零三"), Some(103));
        assert_eq!(chinese_number("二〇二三"), Some(2023));
        assert_eq!(chinese_number("文"), None);
    }

    #[test]
    fn dates_in_every_usual_form() {
        for (s, d) in [
            (" 周口市文明办 2023年 11月23日", "2023-11-23"),
            ("2023 年 11 月 3 日", "2023-11-03"),
            ("二〇二三年十一月二十三日", "2023-11-23"),
            ("日期：2024-03-15", "2024-03-15"),
            ("2024.3.5", "2024-03-05"),
        ] {
            assert_eq!(find_date(s).map(|(d, _)| d), Some(date(d)), "{s}");
        }
        assert_eq!(find_date("2023年13月1日"), None);
        assert_eq!(find_date("第25期"), None);
    }

    #[test]
    fn masthead_lines() {
        let m = masthead_line(" 周口市文明办 2023年 11月23日", false).unwrap();
        assert_eq!(m.issuer.as_deref(), Some("周口市文明办"));
        assert_eq!(m.date, Some(date("2023-11-23")));
        let m = masthead_line("第3期（总第57期）", false).unwrap();
        assert_eq!((m.number, m.total), (Some(3), Some(57)));
        let m = masthead_line("第 二十五 期", false).unwrap();
        assert_eq!(m.number, Some(25));
        let m = masthead_line("扶沟县文明办编　　　　2024年3月15日", false).unwrap();
        assert_eq!(m.issuer.as_deref(), Some("扶沟县文明办"));
        let m = masthead_line("周 口 市 文 明 办　2023年11月23日", false).unwrap();
        assert_eq!(m.issuer.as_deref(), Some("周口市文明办"));
        let m = masthead_line("编印单位：中共扶沟县委宣传部", false).unwrap();
        assert_eq!(m.issuer.as_deref(), Some("中共扶沟县委宣传部"));
        let m = masthead_line("扶沟县文明创建简报", false).unwrap();
        assert_eq!(m.name.as_deref(), Some("扶沟县文明创建简报"));
        let m = masthead_line("增刊第1期", false).unwrap();
        assert!(m.supplement);
        assert_eq!(m.number, Some(1));
        assert!(masthead_line("内部资料　注意保存", false).unwrap().mark);
        assert_eq!(masthead_line("【工作动态】", false), None);
        assert_eq!(masthead_line("全市创文创卫工作推进会召开", false), None);
        assert!(masthead_line("文明创建", true).is_some());
    }

    #[test]
    fn marks_above_the_masthead_are_read() {
        let marks = |t: &str| masthead_line(t, true).filter(|m| m.mark).map(|m| m.marks);
        let m = marks("内部资料　注意保存").unwrap();
        assert_eq!(m.notices, ["内部资料", "注意保存"]);
        assert_eq!(
            marks("内部资料注意保存").unwrap().notices,
            ["内部资料", "注意保存"]
        );
        assert_eq!(marks("（内部资料）").unwrap().notices, ["内部资料"]);
        // Words beside a known notice are notices too: nothing is dropped.
        assert_eq!(
            marks("内部资料 请勿外传").unwrap().notices,
            ["内部资料", "请勿外传"]
        );
        let m = marks("秘密★1年").unwrap();
        assert_eq!(
            (m.secrecy, m.secrecy_period.as_deref()),
            (Some(Secrecy::Secret), Some("1年"))
        );
        let m = marks("机密 ★长期").unwrap();
        assert_eq!(
            (m.secrecy, m.secrecy_period.as_deref()),
            (Some(Secrecy::Confidential), Some("长期"))
        );
        assert_eq!(marks("绝密").unwrap().secrecy, Some(Secrecy::TopSecret));
        assert_eq!(marks("特急").unwrap().urgency, Some(Urgency::ExtraUrgent));
        assert_eq!(marks("加急").unwrap().urgency, Some(Urgency::Urgent));
        assert_eq!(
            marks("000123").unwrap().copy_number.as_deref(),
            Some("000123")
        );
        let m = marks("000123　秘密★6个月　特急").unwrap();
        assert_eq!(m.lines(), ["000123", "秘密★6个月", "特急"]);
        // 第N期 beside a notice stays the number.
        let line = masthead_line("内部资料　　第3期", false).unwrap();
        assert_eq!((line.number, line.marks.notices.len()), (Some(3), 1));
        // Not marks: a name, digits that are no copy number, a sentence.
        assert_eq!(marks("文明创建简报"), None);
        assert_eq!(marks("12345"), None);
        assert_eq!(masthead_line("特急情况下要求各单位加强值守。", false), None);
    }

    #[test]
    fn closing_lines() {
        assert_eq!(
            closing_line("报：市文明办"),
            Some(ClosingLine::Distribution(Distribution {
                kind: DistributionKind::Report,
                recipients: "市文明办".into()
            }))
        );
        assert!(matches!(
            closing_line("抄送：县委、县政府"),
            Some(ClosingLine::Distribution(Distribution {
                kind: DistributionKind::Send,
                ..
            }))
        ));
        assert_eq!(
            closing_line("（共印 60 份）"),
            Some(ClosingLine::Copies(60))
        );
        assert_eq!(
            closing_line("编辑：赵磊　　审核：孙丽　　签发：陈刚"),
            Some(ClosingLine::People(vec![
                (Role::Editor, "赵磊".into()),
                (Role::Reviewer, "孙丽".into()),
                (Role::Signer, "陈刚".into())
            ]))
        );
        assert!(matches!(
            closing_line("扶沟县文明办　　2024年3月15日印发"),
            Some(ClosingLine::Printed { .. })
        ));
        // Not closing lines: prose, unknown roles.
        assert_eq!(closing_line("发展。11 月 17 日，商水县"), None);
        assert_eq!(closing_line("编辑：赵磊　校对：钱七"), None);
        assert_eq!(closing_line("报告会。近日"), None);
    }
}
