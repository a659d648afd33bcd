//! The faces a PDF is set in: the configured ones (仿宋_GB2312, 方正小标宋简体,
//! 黑体, 楷体_GB2312, 宋体, Times New Roman) when they are installed or named
//! in `font_files`, else the nearest free faces on the system, found with
//! `fontdb` (fontconfig's folders). Faces whose licence forbids embedding
//! are passed over. What stood in for what is kept in a [`FontReport`] for
//! the export summary.

mod face;
mod lookup;
mod report;
mod roles;

pub use face::Face;
pub use lookup::{Fonts, ignorable};
pub use report::{Choice, FontReport};
pub use roles::Role;

use crate::i18n::{Lang, Msg};
use crate::model::PrintSettings;
use std::path::{Path, PathBuf};

/// Where to look for fonts.
#[derive(Debug, Clone, Default)]
pub struct FontSources {
    /// Font files or folders of them, searched first.
    pub files: Vec<PathBuf>,
    /// Also the system's fonts.
    pub system: bool,
}

impl FontSources {
    /// The settings' `font_files` (relative to `library`, when given) and
    /// the system's fonts.
    pub fn new(settings: &PrintSettings, library: Option<&Path>) -> FontSources {
        let files = settings
            .font_files
            .iter()
            .map(|f| {
                let p = PathBuf::from(f);
                match library {
                    Some(root) if p.is_relative() => root.join(p),
                    _ => p,
                }
            })
            .collect();
        FontSources {
            files,
            system: true,
        }
    }
}

/// Why no faces could be had.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// A file or folder named in `font_files` cannot be read.
    #[error("{path}: {reason}")]
    File { path: PathBuf, reason: String },
    /// A file named in `font_files` holds no font.
    #[error("{0}: not a font file")]
    NotAFont(PathBuf),
    /// No face with Chinese characters anywhere.
    #[error("no Chinese font found (looked for {looked_for:?})")]
    NoChineseFont { looked_for: Vec<String> },
    /// A character that no installed face has.
    #[error("no font has {ch:?}")]
    MissingGlyph { ch: char, context: String },
}

impl FontError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FontError::File { path, reason } => {
                lang.fmt(Msg::PdfFontFile, &[&path.display(), reason])
            }
            FontError::NotAFont(path) => lang.fmt(Msg::PdfNotAFont, &[&path.display()]),
            FontError::NoChineseFont { looked_for } => {
                let sep = if lang == Lang::Zh { "、" } else { ", " };
                lang.fmt(Msg::PdfNoChineseFont, &[&looked_for.join(sep)])
            }
            FontError::MissingGlyph { ch, context } => lang.fmt(
                Msg::PdfMissingGlyph,
                &[ch, &format!("U+{:04X}", *ch as u32), context],
            ),
        }
    }
}
