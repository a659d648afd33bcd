//! How an issue is laid out when exported for print: fonts, sizes, margins
//! and the type area. Stored in `library.ron` as the optional `export`
//! section; every field has a default, so older files load unchanged and a
//! library that keeps the defaults writes no `export` section at all.
//!
//! Defaults follow GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26
//! mm, 22 lines of 28 characters per page, body in 仿宋_GB2312 三号, titles
//! in 方正小标宋简体 二号, page numbers in 宋体 四号.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A font size, kept in half-points (as Word stores it) so it compares
/// exactly. Written in `library.ron` as a Chinese size name such as `"三号"`
/// or as points such as `"15.5pt"`; numbers (`16`, `10.5`) are read too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontSize(u32);

/// The traditional Chinese font sizes (字号) and their size in half-points.
const NAMED_SIZES: &[(&str, u32)] = &[
    ("初号", 84),
    ("小初", 72),
    ("一号", 52),
    ("小一", 48),
    ("二号", 44),
    ("小二", 36),
    ("三号", 32),
    ("小三", 30),
    ("四号", 28),
    ("小四", 24),
    ("五号", 21),
    ("小五", 18),
    ("六号", 15),
    ("小六", 13),
    ("七号", 11),
    ("八号", 10),
];

impl FontSize {
    /// Word's largest font size.
    pub const MAX_POINTS: f64 = 1638.0;

    pub const CHU_HAO: FontSize = FontSize(84);
    pub const ER_HAO: FontSize = FontSize(44);
    pub const SAN_HAO: FontSize = FontSize(32);
    pub const SI_HAO: FontSize = FontSize(28);

    /// From points, rounded to the nearest half-point; `None` outside
    /// 1..=1638 pt.
    pub fn from_points(pt: f64) -> Option<FontSize> {
        if !(1.0..=Self::MAX_POINTS).contains(&pt) {
            return None;
        }
        Some(FontSize((pt * 2.0).round() as u32))
    }

    pub fn half_points(self) -> u32 {
        self.0
    }

    pub fn points(self) -> f64 {
        f64::from(self.0) / 2.0
    }

    /// The Chinese name of a standard size (三号), if it is one.
    pub fn name(self) -> Option<&'static str> {
        NAMED_SIZES
            .iter()
            .find(|(_, hp)| *hp == self.0)
            .map(|(n, _)| *n)
    }

    /// Parses `三号`, `16`, `10.5pt`.
    pub fn parse(s: &str) -> Option<FontSize> {
        let s = s.trim();
        if let Some((_, hp)) = NAMED_SIZES.iter().find(|(n, _)| *n == s) {
            return Some(FontSize(*hp));
        }
        let digits = s
            .strip_suffix("pt")
            .or_else(|| s.strip_suffix("磅"))
            .unwrap_or(s)
            .trim();
        digits.parse::<f64>().ok().and_then(FontSize::from_points)
    }
}

impl fmt::Display for FontSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None if self.0.is_multiple_of(2) => write!(f, "{}pt", self.0 / 2),
            None => write!(f, "{}.5pt", self.0 / 2),
        }
    }
}

impl Serialize for FontSize {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FontSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        const EXPECTED: &str = "a font size such as \"三号\", \"16pt\" or 10.5";
        impl Visitor<'_> for V {
            type Value = FontSize;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FontSize, E> {
                FontSize::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FontSize, E> {
                FontSize::from_points(v)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FontSize, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FontSize, E> {
                self.visit_f64(v as f64)
            }
        }
        d.deserialize_any(V)
    }
}

/// A colour as six hex digits, `RRGGBB` (Word's notation, without `#`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rgb(String);

impl Rgb {
    /// Accepts `FF0000` or `#ff0000`; stored upper-case without `#`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().trim_start_matches('#');
        (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Rgb(hex.to_ascii_uppercase()))
    }

    pub fn red() -> Rgb {
        Rgb("FF0000".into())
    }

    pub fn black() -> Rgb {
        Rgb("000000".into())
    }

    /// `FF0000`.
    pub fn hex(&self) -> &str {
        &self.0
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Rgb::parse(&s).ok_or_else(|| {
            de::Error::invalid_value(de::Unexpected::Str(&s), &"a colour such as \"FF0000\"")
        })
    }
}

/// Print layout of exported issues (the `export` section of `library.ron`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrintSettings {
    /// Print the table of contents (本期要目) after the masthead.
    pub contents: bool,
    /// Bulletin name in the masthead (shrunk to fit one line when long).
    pub name_font: String,
    pub name_size: FontSize,
    pub name_color: Rgb,
    /// The rule under the masthead.
    pub rule_color: Rgb,
    /// Article titles.
    pub title_font: String,
    pub title_size: FontSize,
    /// Section headings 【…】 and the contents heading.
    pub heading_font: String,
    /// Body text; also the number line and the closing block.
    pub body_font: String,
    pub body_size: FontSize,
    /// Source lines （…）.
    pub source_font: String,
    /// Digits and Latin letters everywhere.
    pub latin_font: String,
    /// Closing block (版记): 报/送/发 lines, staff, copies.
    pub closing_size: FontSize,
    /// Page numbers — N — at the outer side of the page.
    pub page_number_font: String,
    pub page_number_size: FontSize,
    /// Page margins in millimetres (A4 page).
    pub margin_top_mm: u32,
    pub margin_bottom_mm: u32,
    pub margin_left_mm: u32,
    pub margin_right_mm: u32,
    /// The type area's grid: lines per page, characters per line.
    pub lines_per_page: u32,
    pub chars_per_line: u32,
    /// Plain text only: set the issue as a page this many display columns
    /// wide (paragraphs wrapped, titles centred); `None` writes each
    /// paragraph on one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_wrap: Option<u32>,
    /// PDF only: font files, or folders of them, searched before the
    /// system's fonts for the faces named above (a relative path is in the
    /// library folder), e.g. `["fonts/simfang.ttf"]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub font_files: Vec<String>,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            contents: true,
            name_font: "方正小标宋简体".into(),
            name_size: FontSize::CHU_HAO,
            name_color: Rgb::red(),
            rule_color: Rgb::red(),
            title_font: "方正小标宋简体".into(),
            title_size: FontSize::ER_HAO,
            heading_font: "黑体".into(),
            body_font: "仿宋_GB2312".into(),
            body_size: FontSize::SAN_HAO,
            source_font: "楷体_GB2312".into(),
            latin_font: "Times New Roman".into(),
            closing_size: FontSize::SI_HAO,
            page_number_font: "宋体".into(),
            page_number_size: FontSize::SI_HAO,
            margin_top_mm: 37,
            margin_bottom_mm: 35,
            margin_left_mm: 28,
            margin_right_mm: 26,
            lines_per_page: 22,
            chars_per_line: 28,
            text_wrap: None,
            font_files: Vec::new(),
        }
    }
}

impl PrintSettings {
    /// A4 in millimetres.
    pub const PAGE_WIDTH_MM: u32 = 210;
    pub const PAGE_HEIGHT_MM: u32 = 297;
    /// Widths [`PrintSettings::text_wrap`] may take, in display columns: a
    /// Chinese character takes two.
    pub const TEXT_WRAP: std::ops::RangeInclusive<u32> = 10..=1000;

    pub fn is_default(&self) -> bool {
        *self == PrintSettings::default()
    }

    /// Why these settings cannot lay out a page, if they cannot: the type
    /// area must hold at least one line of one character of body text.
    pub fn problem(&self) -> Option<PrintProblem> {
        let width = Self::PAGE_WIDTH_MM.checked_sub(self.margin_left_mm + self.margin_right_mm);
        let height = Self::PAGE_HEIGHT_MM.checked_sub(self.margin_top_mm + self.margin_bottom_mm);
        let (Some(width), Some(height)) = (width, height) else {
            return Some(PrintProblem::Margins);
        };
        if width < 20 || height < 20 {
            return Some(PrintProblem::Margins);
        }
        if !(1..=60).contains(&self.lines_per_page) || !(1..=60).contains(&self.chars_per_line) {
            return Some(PrintProblem::Grid);
        }
        if self
            .text_wrap
            .is_some_and(|w| !Self::TEXT_WRAP.contains(&w))
        {
            return Some(PrintProblem::TextWrap);
        }
        None
    }
}

/// What is wrong with a [`PrintSettings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintProblem {
    /// The margins leave less than 20 mm of an A4 page.
    Margins,
    /// Lines per page or characters per line outside 1..=60.
    Grid,
    /// A text wrap width outside [`PrintSettings::TEXT_WRAP`].
    TextWrap,
}
