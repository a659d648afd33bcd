//! From a file's lines to a parsed bulletin: the masthead, the table of
//! contents, the body's structure and the closing block, running headers
//! removed.

use super::lines::SrcLine;
use super::masthead::{self, ClosingLine, Masthead};
use super::regions::{read_closing, read_masthead};
use super::structure::{self, heading, key, source_of};
use super::{Found, Imported, Options, ParseError, Report, toc};
use crate::text::rejoin::ends_sentence;
use std::collections::HashMap;

pub(super) fn parse_lines(
    lines: Vec<SrcLine>,
    logical: bool,
    opts: &Options,
    report: &mut Report,
) -> Result<Imported, ParseError> {
    if lines.is_empty() {
        return Err(ParseError::NoText);
    }
    let (mut masthead, raw_masthead, start) = read_masthead(&lines);
    report.masthead_lines = start;
    let (toc, body_start) = match toc::find(&lines, start) {
        Some((entries, body)) => (entries, body),
        None => (Vec::new(), start),
    };
    report.toc_entries = toc.len();
    // Headers first: a page break may fall inside the closing block.
    let mut rest: Vec<SrcLine> = lines[body_start..].to_vec();
    report.running_headers = remove_running_headers(&mut rest, &raw_masthead, &masthead, &toc);
    let (closing, body_end) = read_closing(&rest, 0);
    report.closing_lines = rest.len() - body_end;
    let closing_block = closing.as_ref().map(|c| masthead::closing_from(c));
    if let Some(c) = &closing {
        for l in c {
            if let ClosingLine::Printed { issuer, date } = l {
                masthead.date = masthead.date.or(Some(*date));
                if masthead.issuer.is_none() {
                    masthead.issuer = issuer.clone();
                }
            }
        }
    }
    rest.truncate(body_end);
    let body = rest;
    let built = structure::build(
        &body,
        &toc,
        logical,
        &opts.default_section,
        &opts.fallback_title,
    );
    report.structured = built.structured;
    report.toc_missing = built.toc_missing;
    report.not_in_toc = built.not_in_toc;
    report.joined_lines = built.joined_lines;
    report.tidy = built.tidy;
    report.untitled = built.untitled;
    report.briefs_by_sentence = built.briefs_by_sentence;
    report.hard_wrapped = built.hard_wrapped;
    report.item_briefs = built.item_briefs;
    report.glued_titles = built.glued_titles;
    report.plain_headings = built.plain_headings;
    let sections = built.sections;
    if sections.iter().all(|s| s.articles.is_empty())
        && closing_block.is_none()
        && masthead == Masthead::default()
    {
        return Err(ParseError::NoText);
    }
    // Titles, headings and a masthead but not one sentence: a contents
    // page, or a masthead alone. Nothing to make articles of.
    let has_text = body
        .iter()
        .any(|l| l.text.contains(['。', '！', '？', '；']) || l.text.chars().count() > 40);
    if !has_text && (masthead != Masthead::default() || !toc.is_empty() || closing_block.is_some())
    {
        return Err(ParseError::NoArticles(Box::new(Found {
            masthead,
            masthead_lines: report.masthead_lines,
            contents: toc
                .iter()
                .filter(|e| !e.heading)
                .map(|e| e.text.clone())
                .collect(),
            closing_lines: report.closing_lines,
        })));
    }
    Ok(Imported {
        masthead,
        sections,
        headed: built.headed,
        closing: closing_block,
        report: std::mem::take(report),
    })
}

/// What a running header looks like for comparison: no spaces, digits
/// folded (the page number in it changes).
fn header_key(s: &str) -> String {
    key(s)
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Removes page headers repeated across the body: short lines at page
/// breaks that are no sentence, no heading, no source, and are repeated at
/// page breaks (or repeat the masthead).
fn remove_running_headers(
    body: &mut Vec<SrcLine>,
    masthead_lines: &[String],
    masthead: &Masthead,
    toc: &[toc::TocEntry],
) -> usize {
    let candidate = |t: &str| {
        heading(t).is_none()
            && source_of(t).is_none()
            && !ends_sentence(t)
            && !t.contains(['。', '，', '；'])
            // The name and the number set apart by spaces, as -layout
            // keeps them: the spaces do not count.
            && t.chars().filter(|c| !c.is_whitespace()).count() <= 40
    };
    let toc_keys: Vec<String> = toc.iter().map(|e| header_key(&e.text)).collect();
    let masthead_keys: Vec<String> = masthead_lines.iter().map(|l| header_key(l)).collect();
    let name_key = masthead.bulletin.as_deref().map(header_key);
    // A header sits at a page break: after a page number or form feed, or
    // before the stray space that starts the page's text.
    let at_break: Vec<bool> = (0..body.len())
        .map(|i| body[i].page_break || body.get(i + 1).is_some_and(|n| n.page_break))
        .collect();
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (l, brk) in body.iter().zip(&at_break) {
        if candidate(&l.text) {
            let c = counts.entry(header_key(&l.text)).or_default();
            c.0 += 1;
            c.1 += usize::from(*brk);
        }
    }
    let is_header = |l: &SrcLine, brk: bool| {
        if !brk || !candidate(&l.text) {
            return false;
        }
        let k = header_key(&l.text);
        if k.is_empty() || toc_keys.contains(&k) {
            return false;
        }
        let (seen, at_breaks) = counts.get(&k).copied().unwrap_or_default();
        (seen >= 2 && at_breaks * 2 >= seen)
            || masthead_keys.contains(&k)
            || name_key
                .as_ref()
                .is_some_and(|n| k.starts_with(n.as_str()) && k.contains("第#"))
    };
    let before = body.len();
    let mut i = 0;
    body.retain(|l| {
        let keep = !is_header(l, at_break[i]);
        i += 1;
        keep
    });
    before - body.len()
}
