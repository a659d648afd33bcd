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
mod punct;
mod spaces;
mod units;

pub use chars::{is_han, is_shared_punct, is_wide_punct, radical_to_char};

use chars::{half_width, is_emoji_like, is_invisible, is_odd_space};
use punct::{dashes, ellipses, punctuation, quotes};
use spaces::spaces;
use std::ops::Range;
use units::{Kind, Out, Unit};

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

#[cfg(test)]
mod tests;
