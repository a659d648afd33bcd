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
mod issue;
pub mod lines;
pub mod masthead;
mod parse;
pub mod pdf;
pub mod preview;
mod regions;
pub mod sniff;
pub mod structure;
pub mod summary;
pub mod toc;

pub use issue::{BuildError, Field, Filled, Placement, add_articles, is_own, new_issue};

use crate::model::{Article, Closing, Section};
use crate::text::tidy::Rule;
use masthead::Masthead;
use parse::parse_lines;
use std::collections::BTreeMap;

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

#[cfg(test)]
mod tests;
