//! PDF files: the text layer read glyph by glyph with its position
//! (pdf-extract, which maps CJK fonts through their ToUnicode CMaps as
//! Word, WPS and LibreOffice write them), set out again as lines the way
//! pdftotext -layout does, in reading order. Running headers, footers and
//! page numbers are dropped by where they sit on the page; what remains is
//! text for the same rules as any extracted text.

mod document;
mod glyphs;
mod layout;
#[cfg(test)]
mod tests;

pub use document::load;

use glyphs::Collector;
use layout::layout;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Not readable as a PDF (the reader's words).
    Broken(String),
    /// Its structure reads, but its contents or fonts are damaged.
    Damaged,
    /// Encrypted with a password.
    Encrypted,
    /// Pages but no text: a scan or a picture of text.
    NoTextLayer { pages: usize },
    /// Text whose characters cannot be told (fonts without a map to
    /// Unicode).
    Unmapped { pages: usize },
}

/// The text of a PDF, a line per printed line, pages separated by form
/// feeds, and what was dropped on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
    /// Running headers and footers dropped.
    pub headers: usize,
    pub page_numbers: usize,
}

/// Reads the text layer of a PDF.
pub fn read(bytes: &[u8]) -> Result<PdfText, PdfError> {
    // A broken file must not take the program down with it.
    let collected = super::quietly(|| -> Result<Collector, PdfError> {
        let doc = load(bytes)?;
        let mut c = Collector::default();
        pdf_extract::output_doc(&doc, &mut c).map_err(|e| PdfError::Broken(e.to_string()))?;
        Ok(c)
    })
    .ok_or(PdfError::Damaged)??;
    let pages = collected.pages;
    let visible = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| g.text.chars().any(|c| !c.is_whitespace()))
        .count();
    // Text drawn mostly in fonts that do not say their characters: what
    // could be read would be a fragment.
    if collected.unmapped * 4 > visible {
        return Err(PdfError::Unmapped { pages: pages.len() });
    }
    if visible < 4 * pages.len().max(1) {
        return Err(PdfError::NoTextLayer { pages: pages.len() });
    }
    Ok(layout(&pages))
}
