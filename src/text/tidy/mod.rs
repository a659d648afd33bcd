//! Tidy rules for Chinese text pasted from PDFs, Word and web pages.
//!
//! [`tidy`] is pure: it returns the tidied text and every change with its
//! byte range in the input, so an editor can preview the changes and apply
//! some or all of them. Rules work line by line (a newline is never added or
//! removed) and only where the text is Chinese, so English and numbers such
//! as `3.5`, `1,000` or `10:30` are left alone. The result is stable:
//! tidying tidied text changes nothing. Unlike NFKC over the whole text, the
//! rules keep Chinese punctuation (`，` `：` `“”`) as it is.

mod chars;

pub use chars::{is_han, is_shared_punct, is_wide_punct, radical_to_char};

use chars::{half_width, is_emoji_like, is_invisible, is_odd_space};
use std::ops::Range;

/// Which rule made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Spaces removed between Chinese and digits/Latin, around Chinese
    /// punctuation and at line ends; runs between two Chinese phrases
    /// shortened to one space.
    Space,
    /// Half-width `, ; : ? ! ( )` in Chinese text made full-width.
    Punctuation,
    /// Straight quotes made curly, paired open/close.
    Quotes,
    /// `...`, `。。。` or a lone `…` made `……`.
    Ellipsis,
    /// `--` made `——`.
    Dash,
    /// Full-width digits and letters made half-width.
    Width,
    /// Zero-width characters removed, no-break spaces made plain spaces.
    Invisible,
    /// Kangxi radical look-alikes made the real characters.
    Radical,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::Space,
        Rule::Punctuation,
        Rule::Quotes,
        Rule::Ellipsis,
        Rule::Dash,
        Rule::Width,
        Rule::Invisible,
        Rule::Radical,
    ];
}

/// One change: `range` of the input (bytes) becomes `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub range: Range<usize>,
    pub replacement: String,
    pub rule: Rule,
}

/// The tidied text and the changes that made it, sorted and disjoint.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tidied {
    pub text: String,
    pub changes: Vec<Change>,
}

impl Tidied {
    /// How many changes each rule made.
    pub fn counts(&self) -> Vec<(Rule, usize)> {
        Rule::ALL
            .iter()
            .map(|r| (*r, self.changes.iter().filter(|c| c.rule == *r).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

/// Applies `changes` (sorted, disjoint byte ranges of `input`).
pub fn apply(input: &str, changes: &[Change]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut at = 0;
    for c in changes {
        out.push_str(&input[at..c.range.start]);
        out.push_str(&c.replacement);
        at = c.range.end;
    }
    out.push_str(&input[at..]);
    out
}

/// Tidies `input`; see the module documentation for the rules.
pub fn tidy(input: &str) -> Tidied {
    let mut changes = Vec::new();
    for (start, body) in lines(input) {
        tidy_line(body, start, &mut changes);
    }
    Tidied {
        text: apply(input, &changes),
        changes,
    }
}

/// Each line's start and text without its ending (`\n`, `\r\n` or `\r`).
pub fn lines(input: &str) -> Vec<(usize, &str)> {
    let bytes = input.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            out.push((start, &input[start..i]));
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push((start, &input[start..]));
    out
}

/// Just the tidied text.
pub fn tidy_text(input: &str) -> String {
    tidy(input).text
}

// ---------------------------------------------------------------------------
// The line pass

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A plain or odd space: the space rule decides.
    Space,
    /// Removed whatever happens.
    Gone,
    Char,
}

#[derive(Debug, Clone)]
struct Unit {
    /// Byte range in the whole input.
    range: Range<usize>,
    kind: Kind,
    /// What the unit becomes (for `Char`, one or two characters).
    out: Out,
    rule: Option<Rule>,
}

/// What a unit becomes, kept inline: at most two characters (an ellipsis,
/// a dash). As a `String` each, a pasted line of 2,000 characters made
/// 2,000 allocations, twice for a paste (the paste rules tidy it).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Out {
    bytes: [u8; 8],
    len: u8,
}

impl Out {
    fn new(s: &str) -> Out {
        let mut bytes = [0; 8];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Out {
            bytes,
            len: s.len() as u8,
        }
    }

    fn of(c: char) -> Out {
        Out::new(c.encode_utf8(&mut [0; 4]))
    }
}

impl std::ops::Deref for Out {
    type Target = str;
    fn deref(&self) -> &str {
        // SAFETY: the bytes were copied whole from a `str` (`Out::new`).
        // Checked, this was the rules' hottest line.
        unsafe { std::str::from_utf8_unchecked(&self.bytes[..self.len as usize]) }
    }
}

impl std::fmt::Debug for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Unit {
    fn first(&self) -> char {
        self.out.chars().next().unwrap_or(' ')
    }
    fn last(&self) -> char {
        self.out.chars().next_back().unwrap_or(' ')
    }
    fn is(&self, c: char) -> bool {
        self.kind == Kind::Char && self.out.len() == c.len_utf8() && self.first() == c
    }
    fn set(&mut self, out: &str, rule: Rule) {
        self.out = Out::new(out);
        self.rule = Some(rule);
    }
}

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

fn tidy_line(line: &str, offset: usize, changes: &mut Vec<Change>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut units: Vec<Unit> = Vec::with_capacity(chars.len());
    for (k, &(at, c)) in chars.iter().enumerate() {
        let range = offset + at..offset + at + c.len_utf8();
        let mut u = Unit {
            range,
            kind: Kind::Char,
            out: Out::of(c),
            rule: None,
        };
        if c == ' ' {
            u.kind = Kind::Space;
        } else if is_odd_space(c) {
            u.kind = Kind::Space;
            u.set(" ", Rule::Invisible);
        } else if is_invisible(c) {
            let joins_emoji = c == '\u{200D}'
                && k > 0
                && k + 1 < chars.len()
                && is_emoji_like(chars[k - 1].1)
                && is_emoji_like(chars[k + 1].1);
            if !joins_emoji {
                u.kind = Kind::Gone;
                u.set("", Rule::Invisible);
            }
        } else if let Some(h) = half_width(c) {
            u.set(&h.to_string(), Rule::Width);
        } else if let Some(r) = radical_to_char(c) {
            u.set(&r.to_string(), Rule::Radical);
        }
        units.push(u);
    }
    let has_han = units
        .iter()
        .any(|u| u.kind == Kind::Char && is_han(u.first()));
    if has_han {
        ellipses(&mut units);
        quotes(&mut units);
    }
    // Full-width punctuation made here is Chinese context for hyphens
    // before it ("-－." becomes "-－。"), and a dash for punctuation beside
    // it: until neither finds more, so a second tidy finds nothing.
    dashes(&mut units);
    punctuation(&mut units);
    while dashes(&mut units) {
        punctuation(&mut units);
    }
    spaces(&mut units);
    for u in units {
        if let Some(rule) = u.rule {
            changes.push(Change {
                range: u.range,
                replacement: u.out.to_string(),
                rule,
            });
        }
    }
}

/// Merges `units[i..j]` into one unit that becomes `out`.
fn merge(units: &mut Vec<Unit>, i: usize, j: usize, out: &str, rule: Rule) {
    let range = units[i].range.start..units[j - 1].range.end;
    units.splice(
        i..j,
        [Unit {
            range,
            kind: Kind::Char,
            out: Out::new(out),
            rule: Some(rule),
        }],
    );
}

/// The run of units from `i` that satisfy `f`, spaces between them
/// included (spaces may be removed later, and a second pass must see the
/// same run): its end and how many units satisfy `f`.
fn run(units: &[Unit], i: usize, f: impl Fn(&Unit) -> bool) -> (usize, usize) {
    let (mut end, mut count) = (i, 0);
    if !units.get(i).is_some_and(&f) {
        return (i, 0);
    }
    for (k, u) in units.iter().enumerate().skip(i) {
        if f(u) {
            end = k + 1;
            count += 1;
        } else if !matches!(u.kind, Kind::Space | Kind::Gone) {
            break;
        }
    }
    (end, count)
}

fn ellipses(units: &mut Vec<Unit>) {
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

fn quotes(units: &mut [Unit]) {
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
fn dashes(units: &mut Vec<Unit>) -> bool {
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

fn punctuation(units: &mut [Unit]) {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Han,
    Wide,
    Shared,
    Alnum,
    Other,
}

fn class(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if is_wide_punct(c) {
        Class::Wide
    } else if is_shared_punct(c) {
        Class::Shared
    } else if c.is_ascii_alphanumeric() {
        Class::Alnum
    } else {
        Class::Other
    }
}

/// The class of shared punctuation `c` next to `beyond` (the character on
/// its other side): a quote or dash that touches Chinese is Chinese.
fn class_beside(c: char, beyond: Option<char>) -> Class {
    match (class(c), beyond.map(class)) {
        (Class::Shared, Some(Class::Han | Class::Wide)) => Class::Wide,
        (k, _) => k,
    }
}

/// Whether spaces between `a` and `b` (of classes `ka`, `kb`) are an artefact.
fn space_is_artefact(a: char, ka: Class, b: char, kb: Class) -> bool {
    use Class::*;
    match (ka, kb) {
        (Wide, _) | (_, Wide) => true,
        (Han, Alnum) | (Alnum, Han) => true,
        (Shared, Han | Shared) | (Han, Shared) => true,
        (Alnum, Other) => a.is_ascii_digit() && b == '%',
        _ => false,
    }
}

fn spaces(units: &mut [Unit]) {
    let mut i = 0;
    while i < units.len() {
        if units[i].kind != Kind::Space {
            i += 1;
            continue;
        }
        // The run: spaces and invisible characters between them.
        let mut j = i;
        while j < units.len() && matches!(units[j].kind, Kind::Space | Kind::Gone) {
            j += 1;
        }
        let chars_before = |k: usize| {
            units[..k]
                .iter()
                .rev()
                .filter(|u| u.kind == Kind::Char)
                .flat_map(|u| u.out.chars().rev())
        };
        let chars_after = |k: usize| {
            units[k..]
                .iter()
                .filter(|u| u.kind == Kind::Char)
                .flat_map(|u| u.out.chars())
        };
        let mut before = chars_before(i);
        let run = i..j;
        i = j;
        let Some(left) = before.next() else {
            // Leading spaces are an indent: keep them.
            continue;
        };
        let mut after = chars_after(j);
        let right = after.next();
        let remove = match right {
            None => true,
            Some(r) => space_is_artefact(
                left,
                class_beside(left, before.next()),
                r,
                class_beside(r, after.next()),
            ),
        };
        let spaces: Vec<usize> = run.filter(|&k| units[k].kind == Kind::Space).collect();
        if remove {
            for &k in &spaces {
                units[k].set("", Rule::Space);
            }
        } else if class(left) == Class::Han
            && right.is_some_and(|r| class(r) == Class::Han)
            && spaces.len() > 1
        {
            // Two Chinese phrases: one space is enough.
            for &k in &spaces[1..] {
                units[k].set("", Rule::Space);
            }
        }
    }
}

#[cfg(test)]
mod tests;
