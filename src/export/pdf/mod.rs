//! PDF laid out to GB/T 9704-2012, written natively with `krilla`: the
//! pages of [`super::page::pages`] (the very pages the print preview
//! shows) drawn glyph by glyph on the type area's grid. A4, margins, the
//! grid of lines and characters, fonts and sizes come from
//! [`PrintSettings`].
//!
//! Body-size type keeps to the grid: a Chinese character (and “”…— ·, set
//! full-width as Chinese fonts do) fills one cell, a run of digits or Latin
//! letters its half-width columns (centred in them, or condensed to fit);
//! justified rows spread what is left over between their characters.
//! Titles, the bulletin name and the closing block are set at their own
//! size on the columns [`Grid`] gives them. Rules lie between grid lines;
//! the masthead's red rule 4 mm under the issuing unit's line. Page numbers
//! — N — sit on the outer side, one character in, 7 mm below the type area.
//!
//! The file is PDF/A-2b: fonts embedded as subsets with ToUnicode maps (text
//! copies and searches as the Chinese it is), title (bulletin and number),
//! author (issuing unit) and date in the metadata, and an outline of
//! sections and articles.

pub mod fonts;
mod glyphs;
mod painter;

pub use fonts::{FontError, FontReport, FontSources, Fonts, Role};

use super::ExportError;
use super::labels;
use super::layout::layout;
use super::page::{Grid, PT_PER_MM, Page, pages};
use crate::model::{Issue, PrintSettings, Rgb};
use chrono::Datelike;
use krilla::color::rgb;
use krilla::configure::{Configuration, Validator};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::{Document, SerializeSettings};
use painter::Painter;

/// A4 in points.
pub const PAGE_WIDTH_PT: f64 = PrintSettings::PAGE_WIDTH_MM as f64 * PT_PER_MM;
pub const PAGE_HEIGHT_PT: f64 = PrintSettings::PAGE_HEIGHT_MM as f64 * PT_PER_MM;

/// What a PDF export made: the file, and the faces it was set in.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub fonts: FontReport,
}

/// The issue as a PDF, with fonts from `sources`.
pub fn to_pdf(
    issue: &Issue,
    settings: &PrintSettings,
    sources: &FontSources,
) -> Result<Pdf, ExportError> {
    let lines = layout(issue, settings.contents);
    let grid = Grid::new(settings);
    let pages = pages(&lines, &grid);
    let mut fonts = Fonts::find(settings, sources)?;
    let numbers: Vec<String> = pages
        .iter()
        .map(|p| labels::page_number(p.number as u32))
        .collect();
    fonts.cover(
        lines
            .iter()
            .flat_map(|l| [l.text.as_str(), l.right.as_str()])
            .chain(numbers.iter().map(String::as_str)),
    )?;
    let painter = Painter {
        s: settings,
        grid: &grid,
        fonts: &fonts,
        lines: &lines,
        last_rows: last_rows(&pages),
    };
    let mut doc = Document::new_with(SerializeSettings {
        configuration: Configuration::new_with_validator(Validator::A2_B),
        ..Default::default()
    });
    let size = PageSettings::from_wh(PAGE_WIDTH_PT as f32, PAGE_HEIGHT_PT as f32)
        .expect("A4 is a valid page size");
    for page in &pages {
        let mut p = doc.start_page_with(size.clone());
        let mut surface = p.surface();
        painter.page(&mut surface, page);
        surface.finish();
        p.finish();
    }
    doc.set_metadata(metadata(issue));
    doc.set_outline(painter.outline(issue, &pages));
    let bytes = doc
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
    let mut report = fonts.report.clone();
    report.fallbacks.dedup();
    Ok(Pdf {
        bytes,
        fonts: report,
    })
}

/// Title (bulletin and number), author (issuing unit), the issue's date
/// (also as the creation date, so the same issue gives the same file),
/// language.
fn metadata(issue: &Issue) -> Metadata {
    let bulletin = super::layout::clean(&issue.bulletin);
    let issuer = super::layout::clean(&issue.issuer);
    let title = format!("{bulletin} {}", labels::number(issue))
        .trim()
        .to_string();
    let d = issue.date;
    let mut m = Metadata::new()
        .title(title.clone())
        .description(
            format!("{title} {issuer} {}", labels::date(d))
                .trim()
                .to_string(),
        )
        .language("zh-CN".into())
        .creator(format!("jianbao {}", env!("CARGO_PKG_VERSION")))
        .creation_date(
            DateTime::new(d.year().clamp(0, 9999) as u16)
                .month(d.month() as u8)
                .day(d.day() as u8),
        );
    if !issuer.is_empty() {
        m = m.authors(vec![issuer]);
    }
    m
}

/// For every row of every page, in order, whether it is the last row of
/// its logical line (a justified paragraph's last row is not spread).
fn last_rows(pages: &[Page]) -> Vec<Vec<bool>> {
    let all: Vec<usize> = pages
        .iter()
        .flat_map(|p| p.rows.iter().map(|r| r.row.line))
        .collect();
    let mut k = 0;
    pages
        .iter()
        .map(|p| {
            p.rows
                .iter()
                .map(|_| {
                    k += 1;
                    all.get(k) != all.get(k - 1)
                })
                .collect()
        })
        .collect()
}

fn fill_of(color: &Rgb) -> Fill {
    let hex = color.hex();
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    Fill {
        paint: rgb::Color::new(byte(0), byte(2), byte(4)).into(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests;
