//! The punctuation rules of the line pass: ellipses, quotes, dashes, and
//! half-width punctuation in Chinese text made full-width.

use super::Rule;
use super::chars::{is_han, is_shared_punct, is_wide_punct};
use super::units::{Kind, Unit, merge, run};

const CONVERTIBLE: [char; 7] = [',', ';', ':', '?', '!', '(', ')'];

/// Characters that say nothing about the language around them when
/// deciding whether punctuation sits in Chinese text. Brackets are among
/// them in both forms: a pair is converted for what it holds, so its form
/// must not sway its neighbours.
fn transparent(u: &Unit) -> bool {
    match u.kind {
        Kind::Space | Kind::Gone => true,
        Kind::Char => {
            let c = u.first();
            u.out.chars().count() == 1
                && (CONVERTIBLE.contains(&c)
                    || matches!(c, '.' | '"' | '\'' | '“' | '”' | '‘' | '’' | '（' | '）'))
        }
    }
}

fn chinese(c: char) -> bool {
    is_han(c) || is_wide_punct(c) || (is_shared_punct(c) && !matches!(c, '“' | '”' | '‘' | '’'))
}

/// Whether the nearest telling character on either side of `units[i..j]` is
/// Chinese; `skip` says which units tell nothing.
fn chinese_context(units: &[Unit], i: usize, j: usize, skip: fn(&Unit) -> bool) -> bool {
    let left = units[..i].iter().rev().find(|u| !skip(u));
    let right = units[j..].iter().find(|u| !skip(u));
    left.is_some_and(|u| chinese(u.last())) || right.is_some_and(|u| chinese(u.first()))
}

/// For dashes, punctuation that the punctuation rule may still convert
/// tells nothing in either form, so a second pass decides the same.
fn transparent_for_dash(u: &Unit) -> bool {
    transparent(u)
        || (u.kind == Kind::Char
            && u.out.chars().count() == 1
            && matches!(u.first(), '，' | '；' | '：' | '？' | '！' | '（' | '）'))
}

pub(super) fn ellipses(units: &mut Vec<Unit>) {
    let dot = |u: &Unit| u.is('.') || u.is('．') || u.is('。');
    let ell = |u: &Unit| u.is('…');
    let mut i = 0;
    while i < units.len() {
        let (end, n) = run(units, i, dot);
        let (ell_end, e) = run(units, i, ell);
        if n >= 3 {
            merge(units, i, end, "……", Rule::Ellipsis);
            i += 1;
        } else if e == 1 {
            // A lone ellipsis; "……" and longer runs are left as they are.
            units[i].set("……", Rule::Ellipsis);
            i += 1;
        } else {
            i = end.max(ell_end).max(i + 1);
        }
    }
}

pub(super) fn quotes(units: &mut [Unit]) {
    let mut double_open = false;
    let mut single_open = false;
    for k in 0..units.len() {
        if units[k].kind != Kind::Char {
            continue;
        }
        match units[k].first() {
            '“' => double_open = true,
            '”' => double_open = false,
            '‘' => single_open = true,
            '’' => single_open = false,
            '"' => {
                let q = if double_open { "”" } else { "“" };
                double_open = !double_open;
                units[k].set(q, Rule::Quotes);
            }
            '\'' => {
                let letter = |u: Option<&Unit>| {
                    u.is_some_and(|u| u.kind == Kind::Char && u.last().is_ascii_alphabetic())
                };
                // don't, it's: an apostrophe, not a quote.
                if letter(k.checked_sub(1).map(|p| &units[p])) && letter(units.get(k + 1)) {
                    continue;
                }
                let q = if single_open { "’" } else { "‘" };
                single_open = !single_open;
                units[k].set(q, Rule::Quotes);
            }
            _ => {}
        }
    }
}

/// Whether any run of hyphens became a dash.
pub(super) fn dashes(units: &mut Vec<Unit>) -> bool {
    let hyphen = |u: &Unit| u.is('-') || u.is('－');
    // A dash made later in the line is Chinese context for a run before it
    // ("-－“--"): repeat until nothing changes, so a second tidy finds nothing.
    let mut any = false;
    loop {
        let mut merged = false;
        let mut i = 0;
        while i < units.len() {
            let (end, n) = run(units, i, hyphen);
            if n >= 2 && chinese_context(units, i, end, transparent_for_dash) {
                merge(units, i, end, "——", Rule::Dash);
                merged = true;
                i += 1;
            } else {
                i = end.max(i + 1);
            }
        }
        if !merged {
            return any;
        }
        any = true;
    }
}

fn full_width(c: char) -> &'static str {
    match c {
        ',' => "，",
        ';' => "；",
        ':' => "：",
        '?' => "？",
        '!' => "！",
        '(' => "（",
        ')' => "）",
        '.' => "。",
        _ => unreachable!("only convertible punctuation"),
    }
}

pub(super) fn punctuation(units: &mut [Unit]) {
    let is_digit =
        |u: Option<&Unit>| u.is_some_and(|u| u.kind == Kind::Char && u.last().is_ascii_digit());
    // Decide every mark against the same, unchanged neighbours.
    let mut convert = vec![false; units.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for k in 0..units.len() {
        let u = &units[k];
        if u.kind != Kind::Char || u.rule.is_some() {
            continue;
        }
        match u.first() {
            c @ (',' | ';' | ':' | '?' | '!') => {
                let prev = k.checked_sub(1).map(|p| &units[p]);
                let next = units.get(k + 1);
                // 1,000 and 10:30 are numbers; http:// is an address.
                if is_digit(prev) && is_digit(next) {
                    continue;
                }
                if c == ':' && next.is_some_and(|n| n.is('/')) {
                    continue;
                }
                convert[k] = chinese_context(units, k, k + 1, transparent);
            }
            // A full stop after Chinese that ends a sentence (余人.): not
            // in 3.5, a version 1.0. or an address such as 中国.cn.
            '.' if u.out.len() == 1 => {
                let solid = |u: &&Unit| !matches!(u.kind, Kind::Space | Kind::Gone);
                let left = units[..k].iter().rev().find(solid);
                let right = units[k + 1..].iter().find(solid);
                // Not after a letter or digit (here., 1.0.); in Chinese,
                // told as for the other marks (through brackets and quotes
                // in either form, so a second pass decides the same).
                let after_chinese = left.is_some_and(|l| !l.last().is_ascii_alphanumeric())
                    && chinese_context(units, k, k + 1, transparent);
                // Then the text ends, or Chinese or punctuation follows
                // (whatever form the punctuation takes in this pass).
                let ends = right.is_none_or(|r| {
                    r.kind == Kind::Char
                        && (is_han(r.first()) || is_wide_punct(r.first()) || transparent(r))
                });
                convert[k] = after_chinese && ends;
            }
            '(' => open.push(k),
            ')' => match open.pop() {
                Some(o) => pairs.push((o, k)),
                None => convert[k] = chinese_context(units, k, k + 1, transparent),
            },
            _ => {}
        }
    }
    for o in open {
        convert[o] = chinese_context(units, o, o + 1, transparent);
    }
    for (o, c) in pairs {
        let inside_han = units[o + 1..c]
            .iter()
            .any(|u| u.kind == Kind::Char && u.out.chars().any(is_han));
        let yes = inside_han
            || chinese_context(units, o, o + 1, transparent)
            || chinese_context(units, c, c + 1, transparent);
        convert[o] = yes;
        convert[c] = yes;
    }
    for (u, yes) in units.iter_mut().zip(convert) {
        if yes {
            let fw = full_width(u.first());
            u.set(fw, Rule::Punctuation);
        }
    }
}
