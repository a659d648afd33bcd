//! Exporting an issue: Word (DOCX, laid out to GB/T 9704), PDF (the same,
//! drawn natively), HTML, Markdown and plain text, one module per format.
//!
//! [`layout::layout`] is the issue as it prints, line by line; the plain-text,
//! Word and PDF exporters (and the TUI print preview) are built on it.
//! [`page::rows`] sets those lines in rows of a fixed width for plain text
//! with a wrap width; [`page::pages`] sets them on the printed page's grid
//! and breaks them into pages, for the PDF and the print preview. HTML and
//! Markdown keep the document structure (sections, articles) for the web and
//! share its helpers and the printed labels of [`labels`].

pub mod docx;
pub mod flow;
pub mod html;
pub mod labels;
pub mod layout;
pub mod md;
pub mod ooxml;
pub mod package;
pub mod page;
pub mod pdf;
pub mod stats;
pub mod txt;

use crate::i18n::{Lang, Msg};
use crate::model::{Issue, IssueId, PrintProblem, PrintSettings};
use crate::store::atomic;
use std::io;
use std::path::{Path, PathBuf};

/// Folder of the library that exports go to by default.
pub const EXPORTS_DIR: &str = "exports";

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Docx,
    Pdf,
    Html,
    Markdown,
    Text,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Docx,
        Format::Pdf,
        Format::Html,
        Format::Markdown,
        Format::Text,
    ];

    /// File name extension, also the name given to `--format`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
        }
    }

    /// What the format is called, for messages.
    pub fn name(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Format::Docx => Msg::FormatDocx,
            Format::Pdf => Msg::FormatPdf,
            Format::Html => Msg::FormatHtml,
            Format::Markdown => Msg::FormatMarkdown,
            Format::Text => Msg::FormatText,
        })
    }

    /// `docx`, `pdf`, `html`, `md`, `txt` and their usual other names.
    pub fn parse(s: &str) -> Option<Format> {
        match s
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase()
            .as_str()
        {
            "docx" | "word" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// The format a file name's extension asks for.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::parse)
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0} already exists")]
    Exists(PathBuf),
    /// A device, FIFO or socket: never replaced by a file, even with force.
    #[error("{0} is not a regular file")]
    NotAFile(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("export settings: {0:?}")]
    Settings(PrintProblem),
    #[error("DOCX: {0}")]
    Docx(String),
    #[error("fonts: {0}")]
    Fonts(#[from] pdf::FontError),
    #[error("PDF: {0}")]
    Pdf(String),
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportError::Exists(p) => lang.fmt(Msg::ExportExists, &[&p.display()]),
            ExportError::NotAFile(p) => lang.fmt(Msg::ExportNotAFile, &[&p.display()]),
            ExportError::Io { path, source } => lang.fmt(Msg::ExportIo, &[&path.display(), source]),
            ExportError::Settings(PrintProblem::Margins) => {
                lang.t(Msg::ExportBadMargins).to_string()
            }
            ExportError::Settings(PrintProblem::Grid) => lang.t(Msg::ExportBadGrid).to_string(),
            ExportError::Settings(PrintProblem::TextWrap) => {
                let r = PrintSettings::TEXT_WRAP;
                lang.fmt(Msg::ExportBadWrap, &[r.start(), r.end()])
            }
            ExportError::Docx(e) => lang.fmt(Msg::ExportDocxFailed, &[e]),
            ExportError::Fonts(e) => e.message(lang),
            ExportError::Pdf(e) => lang.fmt(Msg::PdfFailed, &[e]),
        }
    }
}

/// The issue in `format`, as the bytes of the file. A PDF is set in the
/// system's fonts and the settings' `font_files` (relative paths from the
/// working directory); see [`render_in`].
pub fn render(
    issue: &Issue,
    format: Format,
    settings: &PrintSettings,
) -> Result<Vec<u8>, ExportError> {
    render_in(issue, format, settings, None).map(|r| r.bytes)
}

/// An export's file, and for a PDF the faces it was set in.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub fonts: Option<pdf::FontReport>,
}

impl Rendered {
    /// What the export summary says about fonts, when faces stood in for
    /// the configured ones (see [`pdf::FontReport::summary`]).
    pub fn font_note(&self, lang: Lang) -> Option<String> {
        self.fonts
            .as_ref()
            .map(|f| f.summary(lang))
            .filter(|s| !s.is_empty())
    }
}

/// The issue in `format` for the library at `library` (where a PDF's
/// `font_files` are found).
pub fn render_in(
    issue: &Issue,
    format: Format,
    settings: &PrintSettings,
    library: Option<&Path>,
) -> Result<Rendered, ExportError> {
    if let Some(problem) = settings.problem() {
        return Err(ExportError::Settings(problem));
    }
    // A file edited by hand may hold controls or bidi overrides.
    let cleaned = crate::text::clean_issue(issue);
    let issue = &cleaned;
    let bytes = match format {
        Format::Docx => docx::to_docx(issue, settings)?,
        Format::Pdf => {
            let sources = pdf::FontSources::new(settings, library);
            let made = pdf::to_pdf(issue, settings, &sources)?;
            return Ok(Rendered {
                bytes: made.bytes,
                fonts: Some(made.fonts),
            });
        }
        Format::Html => html::to_html(issue, settings).into_bytes(),
        Format::Markdown => md::to_markdown(issue, settings.contents).into_bytes(),
        Format::Text => txt::to_text(issue, settings).into_bytes(),
    };
    Ok(Rendered { bytes, fonts: None })
}

/// Where an export goes when no path is given: `exports/2023-025.docx` in
/// the library.
pub fn default_path(library_root: &Path, id: &IssueId, format: Format) -> PathBuf {
    library_root.join(EXPORTS_DIR).join(file_name(id, format))
}

/// `2023-025.docx`.
pub fn file_name(id: &IssueId, format: Format) -> String {
    format!("{id}.{}", format.extension())
}

/// Creates the library's `exports/` folder (owner-only) if it is missing.
pub fn create_exports_dir(library_root: &Path) -> Result<PathBuf, ExportError> {
    let dir = library_root.join(EXPORTS_DIR);
    atomic::create_private_dir(&dir).map_err(|source| ExportError::Io {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}

/// Writes an export atomically, owner-only. An existing file (or anything
/// else at `path`) is replaced only with `overwrite`.
pub fn write(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    // What a link points to decides: /dev/null is not replaced by a file.
    if path.metadata().is_ok_and(|m| !m.is_file()) {
        return Err(ExportError::NotAFile(path.to_path_buf()));
    }
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(ExportError::Exists(path.to_path_buf()));
    }
    atomic::write(path, bytes).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests;
