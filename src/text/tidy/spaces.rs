//! The space rule of the line pass ([`Rule::Space`]): spaces go between
//! Chinese and digits or Latin, around Chinese punctuation and at line
//! ends; a run between two Chinese phrases becomes one space.

use super::Rule;
use super::chars::{is_han, is_shared_punct, is_wide_punct};
use super::units::{Kind, Unit};

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

pub(super) fn spaces(units: &mut [Unit]) {
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
