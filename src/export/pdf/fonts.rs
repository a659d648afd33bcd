//! The faces a PDF is set in: the configured ones (仿宋_GB2312, 方正小标宋简体,
//! 黑体, 楷体_GB2312, 宋体, Times New Roman) when they are installed or named
//! in `font_files`, else the nearest free faces on the system, found with
//! `fontdb` (fontconfig's folders). Faces whose licence forbids embedding
//! are passed over. What stood in for what is kept in a [`FontReport`] for
//! the export summary.

use crate::i18n::{Lang, Msg};
use crate::model::PrintSettings;
use fontdb::{Database, FaceInfo, ID, Source};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a face sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The bulletin's name in the masthead.
    Name,
    /// Article titles.
    Title,
    /// 本期要目 and 【栏目】 headings.
    Heading,
    /// Body text, the number line and the closing block.
    Body,
    /// Source lines （…）.
    Source,
    /// — N —.
    PageNumber,
    /// Digits and Latin letters everywhere.
    Latin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Name,
        Role::Title,
        Role::Heading,
        Role::Body,
        Role::Source,
        Role::PageNumber,
        Role::Latin,
    ];

    /// The face the settings ask for.
    pub fn wanted(self, s: &PrintSettings) -> &str {
        match self {
            Role::Name => &s.name_font,
            Role::Title => &s.title_font,
            Role::Heading => &s.heading_font,
            Role::Body => &s.body_font,
            Role::Source => &s.source_font,
            Role::PageNumber => &s.page_number_font,
            Role::Latin => &s.latin_font,
        }
    }

    /// The kind of design a role needs when its face's name says nothing.
    fn design(self) -> Design {
        match self {
            Role::Name | Role::Title => Design::HeavySong,
            Role::Heading => Design::Hei,
            Role::Body => Design::Fangsong,
            Role::Source => Design::Kai,
            Role::PageNumber => Design::Song,
            Role::Latin => Design::Latin,
        }
    }
}

/// Families of Chinese type, with the faces that carry each: first the
/// same design under its other names (Windows, macOS, Founder), then free
/// faces of that kind (Debian packages fonts-noto-cjk, fonts-arphic-*,
/// fonts-wqy-*, texlive's Fandol, LXGW), then the nearest other design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Design {
    Fangsong,
    Song,
    /// 小标宋 / 中宋: heavy Song for titles.
    HeavySong,
    Hei,
    Kai,
    Latin,
}

const FANGSONG: &[&str] = &[
    "仿宋_GB2312",
    "FangSong_GB2312",
    "仿宋",
    "FangSong",
    "华文仿宋",
    "STFangsong",
    "方正仿宋_GBK",
    "方正仿宋简体",
    "FandolFang",
    "朱雀仿宋（预览测试版）",
    "Zhuque Fangsong (technical preview)",
];
const SONG: &[&str] = &[
    "宋体",
    "SimSun",
    "新宋体",
    "NSimSun",
    "华文宋体",
    "STSong",
    "方正书宋_GBK",
];
const FREE_SONG: &[&str] = &[
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "思源宋体",
    "Noto Serif SC",
    "FandolSong",
    "AR PL UMing CN",
    "AR PL SungtiL GB",
];
const HEAVY_SONG: &[&str] = &[
    "方正小标宋简体",
    "方正小标宋_GBK",
    "FZXiaoBiaoSong-B05S",
    "华文中宋",
    "STZhongsong",
];
const HEI: &[&str] = &[
    "黑体",
    "SimHei",
    "方正黑体_GBK",
    "方正黑体简体",
    "华文黑体",
    "STHeiti",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",
    "Noto Sans SC",
    "FandolHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
];
const KAI: &[&str] = &[
    "楷体_GB2312",
    "KaiTi_GB2312",
    "楷体",
    "KaiTi",
    "华文楷体",
    "STKaiti",
    "方正楷体_GBK",
    "方正楷体简体",
    "FandolKai",
    "AR PL UKai CN",
    "AR PL KaitiM GB",
    "LXGW WenKai",
    "霞鹜文楷",
];
const LATIN: &[&str] = &[
    "Times New Roman",
    // Metrically compatible with Times New Roman.
    "Liberation Serif",
    "Tinos",
    "TeX Gyre Termes",
    "Nimbus Roman",
    "Nimbus Roman No9 L",
    "FreeSerif",
    "DejaVu Serif",
];

impl Design {
    /// From a face's name: 仿宋 → Fangsong, 楷 → Kai, and so on.
    fn of(name: &str, fallback: Design) -> Design {
        let n = normalize(name);
        let has = |keys: &[&str]| keys.iter().any(|k| n.contains(k));
        if has(&["仿宋", "fangsong"]) {
            Design::Fangsong
        } else if has(&["楷", "kai"]) {
            Design::Kai
        } else if has(&["标宋", "中宋", "biaosong", "zhongsong"]) {
            Design::HeavySong
        } else if has(&["黑", "hei", "sans"]) {
            Design::Hei
        } else if has(&["宋", "song", "ming", "明"]) {
            Design::Song
        } else {
            fallback
        }
    }

    /// Families to try, best first, and the weight wanted of each: the free
    /// stand-ins for a heavy Song are their bold faces.
    fn candidates(self) -> Vec<(&'static str, u16)> {
        let weight = |names: &'static [&'static str], w: u16| names.iter().map(move |n| (*n, w));
        let song = || weight(SONG, 400).chain(weight(FREE_SONG, 400));
        match self {
            Design::Fangsong => weight(FANGSONG, 400).chain(song()).collect(),
            Design::Kai => weight(KAI, 400)
                .chain(weight(FANGSONG, 400))
                .chain(song())
                .collect(),
            Design::Song => song().chain(weight(HEI, 400)).collect(),
            Design::HeavySong => weight(HEAVY_SONG, 400)
                .chain(weight(FREE_SONG, 700))
                .chain(song())
                .collect(),
            Design::Hei => weight(HEI, 400).chain(song()).collect(),
            Design::Latin => weight(LATIN, 400).collect(),
        }
    }
}

/// A family name for comparison: lower case, without spaces, `_` or `-`.
fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

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

/// What a role is set in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub role: Role,
    /// The face the settings name.
    pub wanted: String,
    /// The face used (family, and the weight when not regular), if any: the
    /// Latin role may have none and use the Chinese faces' own letters.
    pub used: Option<String>,
    /// Whether `used` is the wanted face itself.
    pub exact: bool,
}

/// The faces found for an export, for its summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontReport {
    pub choices: Vec<Choice>,
    /// Installed faces passed over because their licence forbids embedding.
    pub restricted: Vec<String>,
    /// Faces used for characters the chosen ones lack.
    pub fallbacks: Vec<String>,
}

impl FontReport {
    /// Whether every role has the face it asked for.
    pub fn all_exact(&self) -> bool {
        self.choices.iter().all(|c| c.exact) && self.fallbacks.is_empty()
    }

    /// One line per substitution: `仿宋_GB2312 → Noto Serif CJK SC`, each
    /// wanted face once.
    pub fn substitutions(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in self.choices.iter().filter(|c| !c.exact) {
            let used = c
                .used
                .clone()
                .unwrap_or_else(|| lang.t(Msg::PdfFontChineseLetters).to_string());
            let line = format!("{} → {used}", c.wanted);
            if !out.contains(&line) {
                out.push(line);
            }
        }
        out
    }

    /// The summary, in one line: which faces stood in for which, faces
    /// passed over and faces added for missing characters; empty when
    /// every face was there.
    pub fn summary(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Zh { "；" } else { "; " };
        let mut parts = Vec::new();
        let subs = self.substitutions(lang);
        if !subs.is_empty() {
            parts.push(lang.fmt(Msg::PdfFontsSubstituted, &[&subs.join(sep)]));
        }
        if !self.restricted.is_empty() {
            parts.push(lang.fmt(Msg::PdfFontsRestricted, &[&self.restricted.join(sep)]));
        }
        if !self.fallbacks.is_empty() {
            parts.push(lang.fmt(Msg::PdfFontsFallback, &[&self.fallbacks.join(sep)]));
        }
        parts.join(" ")
    }
}

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
    fn load(data: Arc<Vec<u8>>, index: u32, name: String) -> Option<Face> {
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
    fn is_chinese(&self) -> bool {
        self.glyph('中').is_some() && self.glyph('文').is_some()
    }
}

/// Whether the face's licence forbids embedding it (OS/2 fsType
/// "restricted licence").
fn restricted(data: &[u8], index: u32) -> bool {
    FontRef::from_index(data, index)
        .ok()
        .and_then(|f| f.os2().ok().map(|o| o.fs_type() & 0xF == 2))
        .unwrap_or(false)
}

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
