//! Finding the faces of an export on the system and in `font_files`:
//! per role, by design when the wanted one is missing, and per character
//! for what the chosen faces lack.

use super::face::{Face, restricted};
use super::roles::{Design, normalize};
use super::{Choice, FontError, FontReport, FontSources, Role};
use crate::model::PrintSettings;
use fontdb::{Database, FaceInfo, ID, Source};
use skrifa::{FontRef, MetadataProvider};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The faces of an export, one per role (the Latin role may have none),
/// and any added for characters the others lack.
pub struct Fonts {
    db: Database,
    faces: Vec<Face>,
    roles: HashMap<Role, usize>,
    /// File contents by path, shared by the faces of a collection.
    files: HashMap<PathBuf, Arc<Vec<u8>>>,
    pub report: FontReport,
}

impl Fonts {
    /// Finds a face for every role. Fails when no face with Chinese
    /// characters is found at all, naming what was looked for.
    pub fn find(settings: &PrintSettings, sources: &FontSources) -> Result<Fonts, FontError> {
        let mut db = Database::new();
        for path in &sources.files {
            let before = db.len();
            let meta = std::fs::metadata(path).map_err(|e| FontError::File {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            if meta.is_dir() {
                db.load_fonts_dir(path);
            } else {
                db.load_font_file(path).map_err(|e| FontError::File {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
                if db.len() == before {
                    return Err(FontError::NotAFont(path.clone()));
                }
            }
        }
        // Faces from `font_files` come first in the database, so they win
        // over system faces of the same name.
        if sources.system {
            db.load_system_fonts();
        }
        let mut fonts = Fonts {
            db,
            faces: Vec::new(),
            roles: HashMap::new(),
            files: HashMap::new(),
            report: FontReport::default(),
        };
        for role in Role::ALL {
            let wanted = role.wanted(settings).trim().to_string();
            let design = match role {
                Role::Latin => Design::Latin,
                _ => Design::of(&wanted, role.design()),
            };
            let mut tries: Vec<(String, u16)> = vec![(wanted.clone(), 400)];
            tries.extend(
                design
                    .candidates()
                    .into_iter()
                    .map(|(n, w)| (n.to_string(), w)),
            );
            let chinese = role != Role::Latin;
            let found = tries.iter().enumerate().find_map(|(k, (family, weight))| {
                fonts.face_of(family, *weight, chinese).map(|i| (k, i))
            });
            if let Some((_, i)) = found {
                fonts.roles.insert(role, i);
            }
            fonts.report.choices.push(Choice {
                role,
                wanted,
                used: found.map(|(_, i)| fonts.faces[i].name.clone()),
                exact: found.is_some_and(|(k, _)| k == 0),
            });
        }
        // A role whose design is missing takes another role's Chinese face;
        // with none at all, look for any Chinese face on the system.
        let any = Role::ALL
            .iter()
            .filter(|r| **r != Role::Latin)
            .find_map(|r| fonts.roles.get(r).copied())
            .or_else(|| fonts.any_chinese_face());
        let Some(any) = any else {
            let mut looked_for: Vec<String> = Role::ALL
                .iter()
                .filter(|r| **r != Role::Latin)
                .map(|r| r.wanted(settings).to_string())
                .collect();
            looked_for.extend(
                [
                    "Noto Serif CJK SC",
                    "Noto Sans CJK SC",
                    "Source Han Serif SC",
                    "FandolFang",
                    "AR PL UMing CN",
                    "WenQuanYi Zen Hei",
                ]
                .map(String::from),
            );
            looked_for.dedup();
            return Err(FontError::NoChineseFont { looked_for });
        };
        for c in fonts.report.choices.iter_mut() {
            if c.role != Role::Latin && !fonts.roles.contains_key(&c.role) {
                fonts.roles.insert(c.role, any);
                c.used = Some(fonts.faces[any].name.clone());
                c.exact = false;
            }
        }
        Ok(fonts)
    }

    /// The face of `family` nearest to `weight` (upright), loaded; `None`
    /// when it is not installed, cannot be embedded, or (with `chinese`)
    /// has no Chinese characters.
    fn face_of(&mut self, family: &str, weight: u16, chinese: bool) -> Option<usize> {
        let want = normalize(family);
        if want.is_empty() {
            return None;
        }
        let mut matching: Vec<&FaceInfo> = self
            .db
            .faces()
            .filter(|f| {
                f.families.iter().any(|(n, _)| normalize(n) == want)
                    || normalize(&f.post_script_name) == want
            })
            .collect();
        // Upright before italic, then nearest weight; the database's order
        // (font_files first) breaks ties.
        matching.sort_by_key(|f| {
            (
                f.style != fontdb::Style::Normal,
                f.weight.0.abs_diff(weight),
            )
        });
        let ids: Vec<(ID, String)> = matching.iter().map(|f| (f.id, face_name(f))).collect();
        for (id, name) in ids {
            if let Some(i) = self.faces.iter().position(|f| f.name == name) {
                return Some(i);
            }
            let Some(face) = self.load(id, &name) else {
                continue;
            };
            if chinese && !face.is_chinese() {
                continue;
            }
            self.faces.push(face);
            return Some(self.faces.len() - 1);
        }
        None
    }

    /// Loads face `id`, unless its licence forbids embedding (then noted).
    fn load(&mut self, id: ID, name: &str) -> Option<Face> {
        let (source, index) = self.db.face_source(id)?;
        let data = match &source {
            Source::File(path) | Source::SharedFile(path, _) => match self.files.get(path) {
                Some(d) => d.clone(),
                None => {
                    let d = Arc::new(std::fs::read(path).ok()?);
                    self.files.insert(path.clone(), d.clone());
                    d
                }
            },
            Source::Binary(b) => Arc::new(b.as_ref().as_ref().to_vec()),
        };
        if restricted(&data, index) {
            if !self.report.restricted.iter().any(|r| r == name) {
                self.report.restricted.push(name.to_string());
            }
            return None;
        }
        Face::load(data, index, name.to_string())
    }

    /// Any face on the system that sets Chinese, loaded.
    fn any_chinese_face(&mut self) -> Option<usize> {
        let ids: Vec<(ID, String)> = self
            .db
            .faces()
            .filter(|f| f.style == fontdb::Style::Normal)
            .filter(|f| {
                self.db
                    .with_face_data(f.id, |d, i| {
                        FontRef::from_index(d, i).is_ok_and(|r| {
                            let m = r.charmap();
                            m.map('中').is_some() && m.map('文').is_some()
                        })
                    })
                    .unwrap_or(false)
            })
            .map(|f| (f.id, face_name(f)))
            .collect();
        for (id, name) in ids {
            if let Some(face) = self.load(id, &name) {
                self.faces.push(face);
                return Some(self.faces.len() - 1);
            }
        }
        None
    }

    /// The face set for `role` (for the Latin role, possibly none).
    pub fn role(&self, role: Role) -> Option<&Face> {
        self.roles.get(&role).map(|&i| &self.faces[i])
    }

    /// The faces in the order to try for a character of `role`: its own,
    /// then those of the other roles, then those added by [`Fonts::cover`].
    pub fn chain(&self, role: Role) -> impl Iterator<Item = &Face> {
        let own = self.roles.get(&role).copied();
        own.into_iter()
            .chain((0..self.faces.len()).filter(move |i| Some(*i) != own))
            .map(|i| &self.faces[i])
    }

    /// Makes sure some face has every character of `texts` (what
    /// [`ignorable`] says may go unprinted aside): one found on the system
    /// is added for a character the chosen faces lack. Fails on a
    /// character no installed face has, quoting the text around it.
    pub fn cover<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) -> Result<(), FontError> {
        for text in texts {
            for (at, c) in text.char_indices() {
                if ignorable(c) || self.faces.iter().any(|f| f.glyph(c).is_some()) {
                    continue;
                }
                match self.search(c) {
                    Some(face) => {
                        self.report.fallbacks.push(face.name.clone());
                        self.faces.push(face);
                    }
                    None => {
                        return Err(FontError::MissingGlyph {
                            ch: c,
                            context: context(text, at),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// A face on the system, not yet loaded, that has `c`.
    fn search(&mut self, c: char) -> Option<Face> {
        let ids: Vec<(ID, String)> = self
            .db
            .faces()
            .filter(|f| {
                self.db
                    .with_face_data(f.id, |d, i| {
                        FontRef::from_index(d, i).is_ok_and(|r| r.charmap().map(c).is_some())
                    })
                    .unwrap_or(false)
            })
            .map(|f| (f.id, face_name(f)))
            .collect();
        let fresh: Vec<(ID, String)> = ids
            .into_iter()
            .filter(|(_, name)| !self.faces.iter().any(|f| f.name == *name))
            .collect();
        fresh
            .into_iter()
            .find_map(|(id, name)| self.load(id, &name))
    }
}

/// Characters that may go unprinted when no face has them: zero-width
/// spaces and joiners, variation selectors, soft hyphens.
pub fn ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0100}'..='\u{E01EF}')
}

/// Up to ten characters either side of byte `at` of `text`.
fn context(text: &str, at: usize) -> String {
    let before: String = text[..at]
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[at..].chars().take(11).collect();
    format!("{before}{after}")
}

/// The English family of a face (the first listed), or its PostScript name.
fn display_family(f: &FaceInfo) -> String {
    f.families
        .first()
        .map(|(n, _)| n.clone())
        .unwrap_or_else(|| f.post_script_name.clone())
}

/// `Noto Serif CJK SC`, `Noto Serif CJK SC Bold`: the family and the
/// weight when it is not regular.
fn face_name(f: &FaceInfo) -> String {
    let family = display_family(f);
    let weight = match f.weight.0 {
        0..=349 => " Light",
        350..=549 => "",
        550..=649 => " SemiBold",
        650..=799 => " Bold",
        _ => " Black",
    };
    let italic = if f.style == fontdb::Style::Normal {
        ""
    } else {
        " Italic"
    };
    format!("{family}{weight}{italic}")
}
