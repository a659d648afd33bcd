//! Numbers and dates as bulletins print them: 二十五, 第12期, 二〇二三年
//! 十一月二十三日.

use chrono::NaiveDate;

pub(super) fn strip_spaces(s: &str) -> String {
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
pub(super) fn numbered(
    s: &str,
    prefix: &str,
    suffix: char,
) -> Option<(u32, std::ops::Range<usize>)> {
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
