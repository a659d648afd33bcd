//! Full-text search over every issue of the library: Chinese substrings
//! (no word segmentation: 白潭镇 finds 白潭镇), several words all in one
//! article, "quoted phrases", Latin letters in either case (as the find bar
//! has them). Titles rank above body matches, then the newest first.
//!
//! The text comes from the library index ([`super::index::corpus`]) and is
//! scanned with `memchr`'s substring search: 30 MB of text (1,000 issues)
//! in a few milliseconds.

use super::index::corpus::{Corpus, IssueText, LineKind};
use super::{Library, StoreError};
use crate::model::{Issue, IssueId, Status};
use chrono::NaiveDate;
use memchr::memmem;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;
use std::sync::Arc;
use unicode_width::UnicodeWidthChar;

/// Words past this many are ignored (a mask of found words is a `u64`).
pub const MAX_TERMS: usize = 64;

/// One word or phrase to find, as typed and folded for matching.
#[derive(Debug, Clone)]
struct Term {
    text: String,
    /// The bytes to find, ASCII letters lower-cased.
    folded: Vec<u8>,
    /// The longest run of the term without ASCII letters, which is found
    /// exactly (fast), then the whole term checked around it.
    anchor: memmem::Finder<'static>,
    anchor_at: usize,
    has_letters: bool,
}

impl Term {
    fn new(text: &str) -> Term {
        let folded = text.to_ascii_lowercase().into_bytes();
        let has_letters = folded.iter().any(u8::is_ascii_alphabetic);
        // Longest run without ASCII letters (a Chinese character is 3 bytes).
        let (mut best, mut run_start) = (0..0, 0);
        for (i, b) in folded.iter().enumerate() {
            if b.is_ascii_alphabetic() {
                run_start = i + 1;
            } else if i + 1 - run_start > best.len() {
                best = run_start..i + 1;
            }
        }
        let anchor_bytes = if has_letters && best.len() < 2 {
            // Letters only (or nearly): anchor on the first letter below.
            Vec::new()
        } else {
            folded[best.clone()].to_vec()
        };
        Term {
            text: text.to_string(),
            anchor: memmem::Finder::new(&anchor_bytes).into_owned(),
            anchor_at: best.start,
            has_letters,
            folded,
        }
    }

    fn matches_at(&self, hay: &[u8], at: usize) -> bool {
        hay.get(at..at + self.folded.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(&self.folded))
    }

    /// The first match at or after `from` in `hay`.
    fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
        if from > hay.len() {
            return None;
        }
        if !self.has_letters {
            return self.anchor.find(&hay[from..]).map(|i| from + i);
        }
        if self.anchor.needle().is_empty() {
            let first = self.folded[0];
            let upper = first.to_ascii_uppercase();
            let mut at = from;
            while let Some(i) = memchr::memchr2(first, upper, &hay[at..]) {
                let start = at + i;
                if self.matches_at(hay, start) {
                    return Some(start);
                }
                at = start + 1;
            }
            return None;
        }
        let mut at = from + self.anchor_at;
        while at <= hay.len() {
            let i = self.anchor.find(&hay[at..])?;
            let start = at + i - self.anchor_at;
            if self.matches_at(hay, start) {
                return Some(start);
            }
            at += i + 1;
        }
        None
    }

    /// Every match in `hay`, not overlapping.
    fn find_all(&self, hay: &[u8]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(start) = self.find(hay, at) {
            let end = start + self.folded.len();
            out.push(start..end);
            at = end;
        }
        out
    }
}

/// What was asked for: words and phrases that must all be in an article.
#[derive(Debug, Clone, Default)]
pub struct Query {
    terms: Vec<Term>,
}

impl Query {
    /// Words separated by spaces (ASCII or 　), and phrases in straight or
    /// curly double quotes (“白潭镇 倡导”), which keep their spaces. A quote
    /// left open runs to the end. Repeated words count once.
    pub fn parse(text: &str) -> Query {
        let mut words: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut quoted = false;
        let flush = |w: &mut String, words: &mut Vec<String>| {
            let t = w.trim().to_string();
            w.clear();
            if !t.is_empty() && !words.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                words.push(t);
            }
        };
        for c in text.chars() {
            match c {
                '"' | '“' | '”' => {
                    flush(&mut current, &mut words);
                    quoted = !quoted;
                }
                c if c.is_whitespace() && !quoted => flush(&mut current, &mut words),
                // A phrase is one line of text: other spaces stay spaces.
                c if c.is_whitespace() => current.push(' '),
                c if c.is_control() => {}
                c => current.push(c),
            }
        }
        flush(&mut current, &mut words);
        words.truncate(MAX_TERMS);
        Query {
            terms: words.iter().map(|w| Term::new(w)).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The words and phrases, as typed.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|t| t.text.as_str())
    }
}

/// Which issues and sections to search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub year: Option<i32>,
    /// Part of the section title (【】 or 〔〕 around it are ignored).
    pub section: Option<String>,
    pub status: Option<Status>,
}

impl Filter {
    fn section_matches(&self, title: &str) -> bool {
        match &self.section {
            None => true,
            Some(s) => {
                let want = s
                    .trim()
                    .trim_matches(|c| matches!(c, '【' | '】' | '〔' | '〕' | '[' | ']'));
                title.to_lowercase().contains(&want.to_lowercase())
            }
        }
    }
}

/// One article that has every word, and the line to show for it. It
/// points into the searched text (nothing is copied until shown).
#[derive(Debug, Clone)]
pub struct Hit {
    issue: Arc<IssueText>,
    /// Index into the issue's articles.
    span: usize,
    /// The line shown: the one holding the most of the words (the first
    /// of those).
    pub line: LineKind,
    /// Its bytes in the issue's text.
    line_bytes: Range<usize>,
    /// Where the words are in the line (byte ranges, in order).
    pub marks: Vec<Range<usize>>,
    /// How many of the words are in the title (ranks the hit).
    pub in_title: usize,
}

impl PartialEq for Hit {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.issue, &other.issue)
            && (self.span, &self.line_bytes, &self.marks)
                == (other.span, &other.line_bytes, &other.marks)
    }
}

impl Eq for Hit {}

impl Hit {
    /// The issue, under the id the library lists it.
    pub fn id(&self) -> IssueId {
        self.issue.id
    }

    pub fn total(&self) -> Option<u32> {
        self.issue.total
    }

    pub fn date(&self) -> NaiveDate {
        self.issue.date
    }

    pub fn status(&self) -> Status {
        self.issue.status
    }

    /// The section, 0-based, in the issue as searched.
    pub fn section(&self) -> usize {
        self.issue.articles[self.span].section
    }

    pub fn section_title(&self) -> &str {
        &self.issue.sections[self.section()]
    }

    /// The article, 0-based within its section.
    pub fn article(&self) -> usize {
        self.issue.articles[self.span].article
    }

    /// The article's title (its lines joined).
    pub fn title(&self) -> Cow<'_, str> {
        let body = &self.issue.text()[self.issue.articles[self.span].text.clone()];
        let end = memchr::memchr(b'\n', body).unwrap_or(body.len());
        String::from_utf8_lossy(&body[..end])
    }

    /// The line shown.
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.issue.text()[self.line_bytes.clone()])
    }

    /// The line cut to at most `width` display columns around the first
    /// match, with … where cut, and the matches in it as byte ranges.
    pub fn snippet(&self, width: usize) -> (String, Vec<Range<usize>>) {
        let text = self.text();
        let cols = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        if cols(&text) <= width {
            return (text.into_owned(), self.marks.clone());
        }
        let first = self.marks.first().map_or(0..0, Clone::clone);
        // A little context before the match, the rest after it.
        let mut start = first.start;
        let mut before = 0;
        for (i, c) in text[..first.start].char_indices().rev() {
            let w = c.width().unwrap_or(0);
            if before + w > width / 4 {
                break;
            }
            before += w;
            start = i;
        }
        let lead = if start > 0 { "…" } else { "" };
        let mut used = cols(lead);
        let mut end = start;
        for (i, c) in text[start..].char_indices() {
            let w = c.width().unwrap_or(0);
            // Room for a closing … unless this is the last character.
            let last = start + i + c.len_utf8() == text.len();
            if used + w + usize::from(!last) > width {
                break;
            }
            used += w;
            end = start + i + c.len_utf8();
        }
        let tail = if end < text.len() { "…" } else { "" };
        let out = format!("{lead}{}{tail}", &text[start..end]);
        let shift = lead.len();
        let marks = self
            .marks
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
            .map(|m| m.start - start + shift..m.end - start + shift)
            .collect();
        (out, marks)
    }

    /// The paragraph and byte offset of the first match, when the line is a
    /// paragraph (a title or source match opens the article at its start).
    pub fn paragraph_at(&self) -> Option<(usize, usize)> {
        match self.line {
            LineKind::Paragraph(p) => Some((p, self.marks.first().map_or(0, |m| m.start))),
            _ => None,
        }
    }
}

impl Corpus {
    /// Every article with all the words of `query`, best first: more words
    /// in the title, then the newest issue, then in issue order.
    pub fn search(&self, query: &Query, filter: &Filter) -> Vec<Hit> {
        let mut hits = Vec::new();
        if query.is_empty() {
            return hits;
        }
        for issue in &self.issues {
            if filter.year.is_some_and(|y| y != issue.id.year)
                || filter.status.is_some_and(|s| s != issue.status)
            {
                continue;
            }
            search_issue(issue, query, filter, &mut hits);
        }
        // Sorted by key, then moved once: a hit is large, a key is not.
        let mut order: Vec<_> = hits
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let key = (
                    Reverse(h.in_title),
                    Reverse(h.date()),
                    Reverse(h.id()),
                    h.section(),
                    h.article(),
                );
                (key, i)
            })
            .collect();
        order.sort_unstable();
        let mut slots: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
        order
            .into_iter()
            .filter_map(|(_, i)| slots[i].take())
            .collect()
    }
}

fn search_issue(issue: &Arc<IssueText>, query: &Query, filter: &Filter, hits: &mut Vec<Hit>) {
    let text = issue.text();
    let arts = &issue.articles;
    // Articles holding the first word: one search per article at most, the
    // next one starting where that article ends.
    let (first, rest) = query.terms.split_first().expect("query not empty");
    let mut at = 0;
    while let Some(pos) = first.find(text, at) {
        let a = arts.partition_point(|s| s.text.end <= pos);
        let Some(span) = arts.get(a) else { break };
        at = span.text.end;
        if !filter.section_matches(&issue.sections[span.section]) {
            continue;
        }
        let body = &text[span.text.clone()];
        if rest.iter().all(|t| t.find(body, 0).is_some()) {
            hits.push(hit(issue, a, pos - span.text.start, &query.terms));
        }
    }
}

/// The hit for article `a` of `issue`, whose first match of the first
/// word is at `first` in the article's text.
fn hit(issue: &Arc<IssueText>, a: usize, first: usize, terms: &[Term]) -> Hit {
    let span = &issue.articles[a];
    let body = &issue.text()[span.text.clone()];
    let title_end = memchr::memchr(b'\n', body).unwrap_or(body.len());
    let (index, line, in_title) = if terms.len() == 1 {
        // One word: its first match is in the title if the title has it.
        let start = memchr::memrchr(b'\n', &body[..first]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &body[first..]).map_or(body.len(), |i| first + i);
        let index = memchr::memchr_iter(b'\n', &body[..start]).count();
        (index, start..end, usize::from(first < title_end))
    } else {
        // Several: the line with the most of them, the first such.
        let found_in = |line: &[u8]| terms.iter().filter(|t| t.find(line, 0).is_some()).count();
        let in_title = found_in(&body[..title_end]);
        let mut best = (0, 0..title_end, in_title);
        let mut start = title_end + 1;
        for (i, end) in memchr::memchr_iter(b'\n', body).skip(1).enumerate() {
            if best.2 == terms.len() {
                break;
            }
            let n = found_in(&body[start..end]);
            if n > best.2 {
                best = (i + 1, start..end, n);
            }
            start = end + 1;
        }
        (best.0, best.1, in_title)
    };
    let bytes = &body[line.clone()];
    let mut marks: Vec<Range<usize>> = terms.iter().flat_map(|t| t.find_all(bytes)).collect();
    marks.sort_by_key(|m| (m.start, Reverse(m.end)));
    // Overlapping matches (白潭 and 潭镇) show as one.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for m in marks {
        match merged.last_mut() {
            Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
            _ => merged.push(m),
        }
    }
    Hit {
        issue: issue.clone(),
        span: a,
        line: span.line_kind(index),
        line_bytes: span.text.start + line.start..span.text.start + line.end,
        marks: merged,
        in_title,
    }
}

impl Library {
    /// Searches every issue as it is on disk now, with `unsaved` (the issue
    /// being edited, under the id it was loaded as) in place of its file.
    pub fn search(
        &mut self,
        query: &Query,
        filter: &Filter,
        unsaved: Option<(&IssueId, &Issue)>,
    ) -> Result<Vec<Hit>, StoreError> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self.corpus(unsaved, filter.year)?.search(query, filter))
    }
}

#[cfg(test)]
mod tests;
