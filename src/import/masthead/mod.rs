//! The masthead at the top of a bulletin (name, 第N期, 总第N期, issuing
//! unit, date) and the closing block at its end (报/送/发, 共印N份,
//! 编辑/审核/签发): recognising their lines and reading their values.

mod closing;
mod names;
mod numbers;
#[cfg(test)]
mod tests;

pub use closing::{ClosingLine, Role, closing_from, closing_line};
pub use names::{is_bulletin_name, is_unit};
pub use numbers::{chinese_number, find_date};

use crate::model::{Marks, SECRECY_STAR, Secrecy, Urgency};
use chrono::NaiveDate;
use names::{ISSUER_PREFIXES, ISSUER_SUFFIXES, clean_issuer, remove_years};
use numbers::{numbered, strip_spaces};

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
