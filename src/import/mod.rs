//! Importing bulletins: text extracted from PDFs, copied from Word, a Word
//! file or a PDF, turned into an issue or into articles of an existing
//! issue.
//!
//! Everything here is pure (bytes or text in, values out); the command line
//! (and the editor) read the file and write the library.
//!
//! - [`read`]: a file's bytes to a parsed bulletin: [`sniff`] tells text,
//!   Word and PDF apart by content (and refuses anything else), then
//!   [`decode`], [`docx`] or [`pdf`] gives the lines;
//! - [`parse_text`] / [`parse_docx`] / [`parse_pdf`]: to masthead,
//!   sections, closing block and a [`Report`] of what was found and tidied;
//! - [`new_issue`]: the parsed bulletin as a new issue of the library, and
//!   what was [`Filled`] from the library because the text lacks it;
//! - [`add_articles`]: the parsed articles added to an existing issue;
//! - [`preview`]: what an import would create, to show before writing.

pub mod chunk;
pub mod decode;
pub mod docx;
pub mod lines;
pub mod masthead;
pub mod pdf;
pub mod preview;
pub mod sniff;
pub mod structure;
pub mod summary;
pub mod toc;

use crate::model::{Article, Closing, Issue, IssueId, NewIssueSpec, Section, Settings, next_issue};
use crate::text::rejoin::ends_sentence;
use crate::text::tidy::Rule;
use chrono::NaiveDate;
use lines::SrcLine;
use masthead::{ClosingLine, Masthead, closing_line, masthead_line};
use std::collections::{BTreeMap, HashMap};
use structure::{heading, key, source_of};

thread_local! {
    /// A reader of a foreign format runs here and may panic on a broken
    /// file: the panic is caught and reported as a broken file.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a third-party reader that may panic on a broken file (docx-rs,
/// pdf-extract and the font parsers under it): `None` if it did. While it
/// runs, panics on this thread do not reach the panic hook, so no message
/// is printed and a full-screen editor's hook does not leave the screen.
/// The hook that keeps them out is installed once and passes every other
/// panic on to the hook it replaced.
pub(crate) fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.ok()
}

/// Files larger than this are no bulletin (and would be slow to tidy):
/// the command line and the editor refuse them before reading.
pub const MAX_FILE_MB: u64 = 64;

/// What the caller knows that the text may not say.
#[derive(Debug, Clone)]
pub struct Options {
    /// Section for articles before any heading (the library's first section).
    pub default_section: String,
    /// Title for an article whose text has none (the file name).
    pub fallback_title: String,
}

/// A parsed bulletin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub masthead: Masthead,
    pub sections: Vec<Section>,
    /// Per section: it comes from a heading in the text, not the default.
    pub headed: Vec<bool>,
    /// `None` when the text has no closing block.
    pub closing: Option<Closing>,
    pub report: Report,
}

impl Imported {
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.sections.iter().flat_map(|s| s.articles.iter())
    }
}

/// What the import found, removed and tidied, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Headings or titles were found; otherwise the text is one article.
    pub structured: bool,
    pub masthead_lines: usize,
    pub toc_entries: usize,
    /// Table-of-contents titles the body never repeats.
    pub toc_missing: Vec<String>,
    /// Lines that look like titles but are not in the table of contents.
    pub not_in_toc: Vec<String>,
    pub closing_lines: usize,
    pub page_numbers: usize,
    pub running_headers: usize,
    pub separators: usize,
    pub stray_spaces: usize,
    pub control_chars: usize,
    pub double_spaced: bool,
    pub hard_wrapped: bool,
    /// Line breaks removed inside paragraphs.
    pub joined_lines: usize,
    pub tidy: BTreeMap<Rule, usize>,
    /// Articles titled with the fallback title.
    pub untitled: usize,
    /// Briefs titled by their first sentence (no table of contents).
    pub briefs_by_sentence: usize,
    /// Briefs marked ◆ ● after an article, split from it.
    pub item_briefs: usize,
    /// Titles split from the paragraph they were pasted together with.
    pub glued_titles: usize,
    /// Sections found by plain or numbered heading lines (要闻简报,
    /// 一、工作动态).
    pub plain_headings: usize,
    /// Tables of a Word file flattened into paragraphs.
    pub tables: usize,
}

/// Why a text gave nothing to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Only white space (or only page numbers and rules).
    NoText,
    /// A masthead, contents or closing block, but no article text.
    NoArticles(Box<Found>),
}

/// What a text without articles holds, to say so.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub masthead: Masthead,
    pub masthead_lines: usize,
    /// The titles of its table of contents.
    pub contents: Vec<String>,
    pub closing_lines: usize,
}

/// How a file was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Text in this encoding (`UTF-8`, `gb18030`, …).
    Text(&'static str),
    Word,
    Pdf {
        pages: usize,
    },
}

/// Why a file gave nothing to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Text(decode::DecodeError),
    Docx(docx::DocxError),
    Pdf(pdf::PdfError),
    /// A format the importer does not read, found by content.
    Refused(sniff::Format),
    Parse(ParseError),
}

/// Reads a file's bytes, whatever its name says: text (detected or
/// `encoding`), a Word file or a PDF; anything else is refused.
pub fn read(
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
    opts: &Options,
) -> Result<(Imported, Source), ReadError> {
    match sniff::sniff(bytes) {
        sniff::Kind::Docx => parse_docx(bytes, opts).map(|i| (i, Source::Word)),
        sniff::Kind::Pdf => parse_pdf(bytes, opts),
        sniff::Kind::Other(f) => Err(ReadError::Refused(f)),
        sniff::Kind::Text => {
            let decoded = decode::decode(bytes, encoding).map_err(ReadError::Text)?;
            if decode::looks_binary(&decoded.text) {
                return Err(ReadError::Text(decode::DecodeError::Binary));
            }
            let imported = parse_text(&decoded.text, opts).map_err(ReadError::Parse)?;
            Ok((imported, Source::Text(decoded.encoding)))
        }
    }
}

/// Parses extracted or pasted text.
pub fn parse_text(text: &str, opts: &Options) -> Result<Imported, ParseError> {
    let scanned = lines::scan(text);
    let mut report = Report {
        page_numbers: scanned.page_numbers,
        separators: scanned.separators,
        stray_spaces: scanned.stray_spaces,
        control_chars: scanned.controls,
        double_spaced: scanned.double_spaced,
        ..Report::default()
    };
    parse_lines(scanned.lines, false, opts, &mut report)
}

/// Parses a Word file.
pub fn parse_docx(bytes: &[u8], opts: &Options) -> Result<Imported, ReadError> {
    let doc = docx::read(bytes).map_err(ReadError::Docx)?;
    let mut report = Report {
        tables: doc.tables,
        ..Report::default()
    };
    parse_lines(doc.lines, true, opts, &mut report).map_err(|e| match e {
        ParseError::NoText => ReadError::Docx(docx::DocxError::NoText),
        e => ReadError::Parse(e),
    })
}

/// Parses a PDF's text layer: its lines in reading order, headers,
/// footers and page numbers dropped by position.
pub fn parse_pdf(bytes: &[u8], opts: &Options) -> Result<(Imported, Source), ReadError> {
    let read = pdf::read(bytes).map_err(ReadError::Pdf)?;
    let mut imported = parse_text(&read.text, opts).map_err(ReadError::Parse)?;
    imported.report.page_numbers += read.page_numbers;
    imported.report.running_headers += read.headers;
    Ok((imported, Source::Pdf { pages: read.pages }))
}

fn parse_lines(
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

/// Reads the masthead at the top: its values, its lines and where it ends.
///
/// Besides lines that carry a number, a date or a labelled unit, a
/// masthead may hold lines that only name an organisation: the university
/// above or below the bulletin's name (现代高教信息 / 中国地质大学(武汉)),
/// or the first of two joint issuers printed one above the other. The
/// organisation goes before the issuing unit (中国地质大学(武汉)高等教育研究所);
/// joint issuers are kept together, separated by a space.
fn read_masthead(lines: &[SrcLine]) -> (Masthead, Vec<String>, usize) {
    let mut m = Masthead::default();
    let mut raw = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // Lines that only name a unit or organisation, and the issuing unit's
    // line: by index.
    let mut units: Vec<(usize, String)> = Vec::new();
    let mut issuer: Option<(usize, String)> = None;
    let mut i = 0;
    // Lines of marks (内部资料, 秘密★1年) above the name: the name is still
    // the first line of the masthead proper.
    let mut marks_above = 0;
    while i < lines.len().min(12) {
        let text = &lines[i].text;
        let line = match masthead_line(text, i == marks_above) {
            Some(l) => l,
            // A unit named on a line of its own: above the masthead lines
            // it belongs to, or right under the number and date.
            None if bare_unit(text)
                && (masthead_follows(lines, i + 1)
                    || (issuer.is_none() && (m.date.is_some() || m.number.is_some()))) =>
            {
                units.push((i, text.trim().to_string()));
                raw.push(text.clone());
                i += 1;
                continue;
            }
            None => break,
        };
        // A name alone is a masthead only if an issue number follows (or a
        // date, when it is named like a bulletin): a title and its date are
        // an article.
        let bare_name = line.name.is_some()
            && line.number.is_none()
            && line.date.is_none()
            && line.total.is_none();
        let named_like_bulletin = line.name.as_deref().is_some_and(masthead::is_bulletin_name);
        let confirmed = lines[i + 1..]
            .iter()
            .take(3)
            .filter_map(|l| masthead_line(&l.text, false))
            .any(|n| {
                n.number.is_some()
                    || n.total.is_some()
                    || n.mark
                    || (n.date.is_some() && named_like_bulletin)
            });
        // A name under the issuer and date is no masthead's: a section
        // heading such as 要闻简报.
        if bare_name && ((i == marks_above && !confirmed) || m.date.is_some() || issuer.is_some()) {
            break;
        }
        if line.mark && i == marks_above {
            marks_above += 1;
        }
        m.marks.merge(line.marks);
        if let Some(n) = line.name {
            names.push(n);
        }
        m.number = m.number.or(line.number);
        m.total = m.total.or(line.total);
        m.supplement |= line.supplement;
        if let Some(u) = line.issuer
            && issuer.is_none()
        {
            issuer = Some((i, u));
        }
        m.date = m.date.or(line.date);
        raw.push(text.clone());
        i += 1;
    }
    // The bulletin's name is the one named like a bulletin; another name
    // line that reads as an organisation is that organisation.
    let named = names.iter().position(|n| masthead::is_bulletin_name(n));
    for (k, n) in names.iter().enumerate() {
        match named {
            Some(b) if k != b && masthead::is_unit(n) => units.insert(0, (usize::MAX, n.clone())),
            _ => {}
        }
    }
    m.bulletin = match named {
        Some(b) => Some(names[b].clone()),
        None => names.first().cloned(),
    };
    m.issuer = masthead_issuer(&units, issuer);
    (m, raw, i)
}

/// A line that only names a unit or an organisation.
fn bare_unit(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 24 && !t.contains(['。', '，', '：']) && masthead::is_unit(t)
}

/// Whether masthead lines with a number, a date or an issuing unit follow
/// at `from` (after more unit lines, or within two lines).
fn masthead_follows(lines: &[SrcLine], from: usize) -> bool {
    lines[from.min(lines.len())..]
        .iter()
        .take(3)
        .filter(|l| !bare_unit(&l.text))
        .take(2)
        .filter_map(|l| masthead_line(&l.text, false))
        .any(|n| n.number.is_some() || n.total.is_some() || n.date.is_some() || n.issuer.is_some())
}

/// The issuing unit from the unit lines and the line that names one:
/// units just above that line are joint issuers, others an organisation
/// it belongs to.
fn masthead_issuer(units: &[(usize, String)], issuer: Option<(usize, String)>) -> Option<String> {
    let Some((at, unit)) = issuer else {
        let all: Vec<&str> = units.iter().map(|(_, u)| u.as_str()).collect();
        return (!all.is_empty()).then(|| all.join(" "));
    };
    let mut joint: Vec<&str> = Vec::new();
    let mut org = String::new();
    let mut next = at;
    for (k, u) in units.iter().rev() {
        if *k != usize::MAX && *k + 1 == next {
            joint.insert(0, u);
            next = *k;
        } else if !unit.starts_with(u.as_str()) {
            org.insert_str(0, u);
        }
    }
    joint.push(&unit);
    Some(format!("{org}{}", joint.join(" ")))
}

/// Finds the closing block at the end of `lines[from..]`: its lines read,
/// and where it starts.
fn read_closing(lines: &[SrcLine], from: usize) -> (Option<Vec<ClosingLine>>, usize) {
    let n = lines.len();
    let earliest = n.saturating_sub(20).max(from);
    for start in earliest..n {
        if let Some(read) = closing_region(&lines[start..]) {
            return (Some(read), start);
        }
    }
    (None, n)
}

/// The lines as a closing block, if every one is a closing line or the
/// wrapped rest of the distribution line before it.
fn closing_region(lines: &[SrcLine]) -> Option<Vec<ClosingLine>> {
    let mut out: Vec<ClosingLine> = Vec::new();
    for l in lines {
        match closing_parts(&l.text) {
            Some(c) => out.extend(c),
            None => match out.last_mut() {
                Some(ClosingLine::Distribution(d))
                    if !l.text.contains('。') && heading(&l.text).is_none() =>
                {
                    d.recipients.push_str(l.text.trim());
                }
                _ => return None,
            },
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A closing-block line, or several set on one line far apart (编辑：…
/// 签发：…      共印50份, as a Word layout puts the copies at the right).
fn closing_parts(text: &str) -> Option<Vec<ClosingLine>> {
    if let Some(c) = closing_line(text) {
        return Some(vec![c]);
    }
    let mut parts: Vec<String> = vec![String::new()];
    let mut gap = 0;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            gap += if c == '\u{3000}' { 2 } else { 1 };
            continue;
        }
        let last = parts.last_mut().expect("one part at least");
        if gap >= 4 && !last.is_empty() {
            parts.push(String::new());
        } else if gap > 0 {
            last.extend(std::iter::repeat_n(' ', gap));
        }
        gap = 0;
        parts.last_mut().expect("one part at least").push(c);
    }
    if parts.len() < 2 {
        return None;
    }
    parts.iter().map(|p| closing_line(p)).collect()
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

/// A value of a new issue that the text does not give, and where it came
/// from instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filled {
    /// The next free number of the year in the library (and the running
    /// total, for the clerk's own bulletin).
    Number {
        number: u32,
        total: Option<u32>,
    },
    /// Today.
    Date(NaiveDate),
    /// From the library's settings.
    Bulletin(String),
    Issuer(String),
    /// The settings' closing block (报/送/发, 共印N份, names).
    Closing(Closing),
    /// Articles under no heading went into this section.
    Section(String),
    /// Left empty: another office's text lacks it, or the settings too.
    Left(Field),
}

/// A masthead or closing value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Bulletin,
    Issuer,
    Closing,
}

/// Whether a text is the clerk's own bulletin, whose gaps the library's
/// settings may fill: its name is the library's (spaces aside), or, when
/// it names no bulletin, its issuing unit is the library's; a text with
/// neither (an article, a masthead-less copy) is taken as the clerk's own.
/// Another office's bulletin keeps only what its text says.
pub fn is_own(m: &Masthead, settings: &Settings) -> bool {
    let same = |a: &str, b: &str| !b.trim().is_empty() && key(a) == key(b);
    match (&m.bulletin, &m.issuer) {
        (Some(b), _) => same(b, &settings.bulletin),
        (None, Some(i)) => same(i, &settings.issuer),
        (None, None) => true,
    }
}

/// Why a parsed bulletin cannot become an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The masthead's 第N期 of that year is already in the library.
    Exists(IssueId),
}

/// The new issue: masthead values found in the text; the next free number
/// and today's date where the text gives none; and, when `fill` (the
/// clerk's own bulletin, see [`is_own`]), the library's bulletin name,
/// issuing unit, running total and closing block where the text lacks them.
/// Every value not from the text is listed.
pub fn new_issue(
    imported: &Imported,
    existing: &[(IssueId, Option<u32>)],
    settings: &Settings,
    today: NaiveDate,
    fill: bool,
) -> Result<(Issue, Vec<Filled>), BuildError> {
    let m = &imported.masthead;
    let date = m.date.unwrap_or(today);
    let mut filled = Vec::new();
    let mut issue = next_issue(&NewIssueSpec {
        existing,
        template: None,
        settings,
        date,
        supplement: m.supplement,
    });
    match m.number {
        Some(n) => {
            issue.number = n;
            // A running total counted on from the library would be wrong
            // for an older issue: keep only the one the masthead gives.
            issue.total = m.total;
        }
        None => {
            if m.total.is_some() || !fill {
                issue.total = m.total;
            }
            filled.push(Filled::Number {
                number: issue.number,
                total: issue.total.filter(|_| m.total.is_none()),
            });
        }
    }
    if m.date.is_none() {
        filled.push(Filled::Date(today));
    }
    let mut value = |found: &Option<String>, setting: &str, field: Field| match found {
        Some(v) => v.clone(),
        None if fill && !setting.trim().is_empty() => {
            filled.push(match field {
                Field::Bulletin => Filled::Bulletin(setting.to_string()),
                _ => Filled::Issuer(setting.to_string()),
            });
            setting.to_string()
        }
        None => {
            filled.push(Filled::Left(field));
            String::new()
        }
    };
    issue.bulletin = value(&m.bulletin, &settings.bulletin, Field::Bulletin);
    issue.issuer = value(&m.issuer, &settings.issuer, Field::Issuer);
    issue.closing = match &imported.closing {
        Some(c) => c.clone(),
        None if fill && settings.closing != Closing::default() => {
            filled.push(Filled::Closing(settings.closing.clone()));
            settings.closing.clone()
        }
        None => {
            if !fill {
                filled.push(Filled::Left(Field::Closing));
            }
            Closing::default()
        }
    };
    for (s, headed) in imported.sections.iter().zip(&imported.headed) {
        if !headed && !s.articles.is_empty() {
            filled.push(Filled::Section(s.title.clone()));
        }
    }
    issue.sections = imported.sections.clone();
    issue.marks = m.marks.clone();
    let id = issue.id();
    if existing.iter().any(|(e, _)| *e == id) {
        return Err(BuildError::Exists(id));
    }
    Ok((issue, filled))
}

/// Where added articles went: section title and how many.
pub type Placement = Vec<(String, usize)>;

/// Adds the parsed articles to `issue`: all into `section` when given
/// (created if missing), else each into the section of the same title
/// (created if missing); articles outside any heading go to the issue's
/// last section.
pub fn add_articles(issue: &mut Issue, imported: &Imported, section: Option<&str>) -> Placement {
    let mut placed: Placement = Vec::new();
    for (s, headed) in imported.sections.iter().zip(&imported.headed) {
        if s.articles.is_empty() {
            continue;
        }
        let target = match section {
            Some(name) => name.to_string(),
            None if *headed => s.title.clone(),
            None => issue
                .sections
                .last()
                .map_or_else(|| s.title.clone(), |l| l.title.clone()),
        };
        let idx = match issue.sections.iter().position(|x| x.title == target) {
            Some(i) => i,
            None => {
                issue.sections.push(Section::new(&target));
                issue.sections.len() - 1
            }
        };
        issue.sections[idx]
            .articles
            .extend(s.articles.iter().cloned());
        match placed.iter_mut().find(|(t, _)| *t == target) {
            Some((_, n)) => *n += s.articles.len(),
            None => placed.push((target, s.articles.len())),
        }
    }
    placed
}

#[cfg(test)]
mod tests;
