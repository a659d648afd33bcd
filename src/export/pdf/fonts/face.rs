//! One loaded face: its metrics and glyph cache, and whether its licence
//! allows embedding.

use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// Vertical metrics and a glyph cache of one face.
pub struct Face {
    /// The family and, when not regular, the weight: `Noto Serif CJK SC Bold`.
    pub name: String,
    pub font: krilla::text::Font,
    data: Arc<Vec<u8>>,
    index: u32,
    /// Typographic ascender and descender, in ems (the descender negative).
    pub ascent: f32,
    pub descent: f32,
    glyphs: RefCell<HashMap<char, Option<(u32, f32)>>>,
}

impl Face {
    pub(super) fn load(data: Arc<Vec<u8>>, index: u32, name: String) -> Option<Face> {
        let f = FontRef::from_index(&data, index).ok()?;
        let upem = f32::from(f.head().ok()?.units_per_em());
        let (ascent, descent) = match f.os2() {
            Ok(os2) => (os2.s_typo_ascender(), os2.s_typo_descender()),
            Err(_) => {
                let hhea = f.hhea().ok()?;
                (hhea.ascender().to_i16(), hhea.descender().to_i16())
            }
        };
        let font = krilla::text::Font::new(krilla::Data::from(data.clone()), index)?;
        Some(Face {
            name,
            font,
            ascent: f32::from(ascent) / upem,
            descent: f32::from(descent) / upem,
            data,
            index,
            glyphs: RefCell::default(),
        })
    }

    /// The glyph of `c` and its advance in ems, if the face has it.
    pub fn glyph(&self, c: char) -> Option<(u32, f32)> {
        if let Some(g) = self.glyphs.borrow().get(&c) {
            return *g;
        }
        let found = FontRef::from_index(&self.data, self.index)
            .ok()
            .and_then(|f| {
                let gid = f.charmap().map(c)?;
                let upem = f32::from(f.head().ok()?.units_per_em());
                let advance = f
                    .glyph_metrics(Size::unscaled(), LocationRef::default())
                    .advance_width(gid)?;
                Some((gid.to_u32(), advance / upem))
            });
        self.glyphs.borrow_mut().insert(c, found);
        found
    }

    /// Whether the face sets Chinese.
    pub(super) fn is_chinese(&self) -> bool {
        self.glyph('中').is_some() && self.glyph('文').is_some()
    }
}

/// Whether the face's licence forbids embedding it (OS/2 fsType
/// "restricted licence").
pub(super) fn restricted(data: &[u8], index: u32) -> bool {
    FontRef::from_index(data, index)
        .ok()
        .and_then(|f| f.os2().ok().map(|o| o.fs_type() & 0xF == 2))
        .unwrap_or(false)
}
