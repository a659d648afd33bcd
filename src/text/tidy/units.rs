//! What the line pass works on: a line as units, one per character (or a
//! run merged into one), each with what it becomes and the rule that made
//! it so.

use super::Rule;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A plain or odd space: the space rule decides.
    Space,
    /// Removed whatever happens.
    Gone,
    Char,
}

#[derive(Debug, Clone)]
pub(super) struct Unit {
    /// Byte range in the whole input.
    pub(super) range: Range<usize>,
    pub(super) kind: Kind,
    /// What the unit becomes (for `Char`, one or two characters).
    pub(super) out: Out,
    pub(super) rule: Option<Rule>,
}

/// What a unit becomes, kept inline: at most two characters (an ellipsis,
/// a dash). As a `String` each, a pasted line of 2,000 characters made
/// 2,000 allocations, twice for a paste (the paste rules tidy it).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Out {
    bytes: [u8; 8],
    len: u8,
}

impl Out {
    pub(super) fn new(s: &str) -> Out {
        let mut bytes = [0; 8];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Out {
            bytes,
            len: s.len() as u8,
        }
    }

    pub(super) fn of(c: char) -> Out {
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
    pub(super) fn first(&self) -> char {
        self.out.chars().next().unwrap_or(' ')
    }
    pub(super) fn last(&self) -> char {
        self.out.chars().next_back().unwrap_or(' ')
    }
    pub(super) fn is(&self, c: char) -> bool {
        self.kind == Kind::Char && self.out.len() == c.len_utf8() && self.first() == c
    }
    pub(super) fn set(&mut self, out: &str, rule: Rule) {
        self.out = Out::new(out);
        self.rule = Some(rule);
    }
}

/// Merges `units[i..j]` into one unit that becomes `out`.
pub(super) fn merge(units: &mut Vec<Unit>, i: usize, j: usize, out: &str, rule: Rule) {
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
pub(super) fn run(units: &[Unit], i: usize, f: impl Fn(&Unit) -> bool) -> (usize, usize) {
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
