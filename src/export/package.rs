//! The parts of the .docx package around the document: content types,
//! relationships, core and application properties, the font table, and the
//! zip archive that holds them. Only parts the document uses are shipped.

use super::ExportError;
use super::ooxml::{W_NS, Xml};
use chrono::NaiveDate;
use std::io::{Cursor, Write};

/// What the package holds besides the document.
pub struct Package<'a> {
    pub document: String,
    pub styles: String,
    pub settings: String,
    /// Odd-page and even-page footers.
    pub footers: [String; 2],
    /// Fonts the document names, each once.
    pub fonts: Vec<&'a str>,
    /// `dc:title`, `dc:creator`, and the date of creation.
    pub title: String,
    pub creator: String,
    pub date: NaiveDate,
}

/// Relationship ids of the document's parts.
pub const STYLES_ID: &str = "rId1";
pub const SETTINGS_ID: &str = "rId2";
pub const FONTS_ID: &str = "rId3";
pub const FOOTER_ODD_ID: &str = "rId4";
pub const FOOTER_EVEN_ID: &str = "rId5";

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The application's name and version, as the package names its producer.
pub fn application() -> String {
    format!("jianbao {}", env!("CARGO_PKG_VERSION"))
}

impl Package<'_> {
    /// The parts by name, in the order they are zipped.
    pub fn parts(&self) -> Vec<(&'static str, String)> {
        vec![
            ("[Content_Types].xml", content_types()),
            ("_rels/.rels", package_rels()),
            ("docProps/core.xml", self.core()),
            ("docProps/app.xml", app()),
            ("word/document.xml", self.document.clone()),
            ("word/_rels/document.xml.rels", document_rels()),
            ("word/styles.xml", self.styles.clone()),
            ("word/settings.xml", self.settings.clone()),
            ("word/fontTable.xml", font_table(&self.fonts)),
            ("word/footer1.xml", self.footers[0].clone()),
            ("word/footer2.xml", self.footers[1].clone()),
        ]
    }

    /// The .docx file's bytes.
    pub fn zip(&self) -> Result<Vec<u8>, ExportError> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let fail = |e: &dyn std::fmt::Display| ExportError::Docx(e.to_string());
        for (name, xml) in self.parts() {
            zip.start_file(name, options).map_err(|e| fail(&e))?;
            zip.write_all(xml.as_bytes()).map_err(|e| fail(&e))?;
        }
        let cursor = zip.finish().map_err(|e| fail(&e))?;
        Ok(cursor.into_inner())
    }

    fn core(&self) -> String {
        let mut x = Xml::new();
        x.open(
            "cp:coreProperties",
            &[
                (
                    "xmlns:cp",
                    &"http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
                ),
                ("xmlns:dc", &"http://purl.org/dc/elements/1.1/"),
                ("xmlns:dcterms", &"http://purl.org/dc/terms/"),
                ("xmlns:xsi", &"http://www.w3.org/2001/XMLSchema-instance"),
            ],
        );
        x.leaf("dc:title", &[], &self.title);
        x.leaf("dc:creator", &[], &self.creator);
        x.leaf("cp:lastModifiedBy", &[], &application());
        x.leaf("dc:language", &[], "zh-CN");
        let stamp = format!("{}T00:00:00Z", self.date.format("%Y-%m-%d"));
        for el in ["dcterms:created", "dcterms:modified"] {
            x.leaf(el, &[("xsi:type", &"dcterms:W3CDTF")], &stamp);
        }
        x.close("cp:coreProperties");
        x.finish()
    }
}

fn content_types() -> String {
    let mut x = Xml::new();
    x.open(
        "Types",
        &[(
            "xmlns",
            &"http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", &"rels"),
            (
                "ContentType",
                &"application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", &"xml"), ("ContentType", &"application/xml")],
    );
    let overrides = [
        ("/word/document.xml", format!("{WML}.document.main+xml")),
        ("/word/styles.xml", format!("{WML}.styles+xml")),
        ("/word/settings.xml", format!("{WML}.settings+xml")),
        ("/word/fontTable.xml", format!("{WML}.fontTable+xml")),
        ("/word/footer1.xml", format!("{WML}.footer+xml")),
        ("/word/footer2.xml", format!("{WML}.footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ];
    for (part, ty) in &overrides {
        x.empty("Override", &[("PartName", part), ("ContentType", ty)]);
    }
    x.close("Types");
    x.finish()
}

fn relationships(rels: &[(&str, String, &str)]) -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", &PKG_REL)]);
    for (id, ty, target) in rels {
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", ty), ("Target", target)],
        );
    }
    x.close("Relationships");
    x.finish()
}

fn package_rels() -> String {
    relationships(&[
        ("rId1", format!("{REL}/officeDocument"), "word/document.xml"),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .into(),
            "docProps/core.xml",
        ),
        (
            "rId3",
            format!("{REL}/extended-properties"),
            "docProps/app.xml",
        ),
    ])
}

fn document_rels() -> String {
    relationships(&[
        (STYLES_ID, format!("{REL}/styles"), "styles.xml"),
        (SETTINGS_ID, format!("{REL}/settings"), "settings.xml"),
        (FONTS_ID, format!("{REL}/fontTable"), "fontTable.xml"),
        (FOOTER_ODD_ID, format!("{REL}/footer"), "footer1.xml"),
        (FOOTER_EVEN_ID, format!("{REL}/footer"), "footer2.xml"),
    ])
}

fn app() -> String {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[(
            "xmlns",
            &"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    x.leaf("Application", &[], &application());
    x.close("Properties");
    x.finish()
}

/// What Word needs to substitute a font that is missing: its PANOSE class,
/// character set, family, and a look-alike to try first.
struct FontInfo {
    name: &'static str,
    alt: Option<&'static str>,
    panose: &'static str,
    /// `86` GB2312, `00` ANSI.
    charset: &'static str,
    family: &'static str,
    pitch: &'static str,
}

/// The fonts GB/T 9704 documents use. The `_GB2312` faces of old Windows
/// are often missing today, their successors (仿宋, 楷体) are not; 方正小标宋简体
/// comes with the 方正 fonts only, and 华文中宋 (with Office), a heavier 宋体,
/// is its usual stand-in. It is given 宋体's PANOSE class so that, where
/// 华文中宋 is missing too, matching lands on a 宋体 face.
const KNOWN_FONTS: &[FontInfo] = &[
    FontInfo {
        name: "Times New Roman",
        alt: None,
        panose: "02020603050405020304",
        charset: "00",
        family: "roman",
        pitch: "variable",
    },
    FontInfo {
        name: "宋体",
        alt: Some("SimSun"),
        panose: "02010600030101010101",
        charset: "86",
        family: "auto",
        pitch: "variable",
    },
    FontInfo {
        name: "黑体",
        alt: Some("SimHei"),
        panose: "02010609060101010101",
        charset: "86",
        family: "modern",
        pitch: "fixed",
    },
    FontInfo {
        name: "仿宋",
        alt: Some("FangSong"),
        panose: "02010609060101010101",
        charset: "86",
        family: "modern",
        pitch: "fixed",
    },
    FontInfo {
        name: "楷体",
        alt: Some("KaiTi"),
        panose: "02010609060101010101",
        charset: "86",
        family: "modern",
        pitch: "fixed",
    },
    FontInfo {
        name: "仿宋_GB2312",
        alt: Some("仿宋"),
        panose: "02010609030101010101",
        charset: "86",
        family: "modern",
        pitch: "fixed",
    },
    FontInfo {
        name: "楷体_GB2312",
        alt: Some("楷体"),
        panose: "02010609030101010101",
        charset: "86",
        family: "modern",
        pitch: "fixed",
    },
    FontInfo {
        name: "方正小标宋简体",
        alt: Some("华文中宋"),
        panose: "02010600030101010101",
        charset: "86",
        family: "auto",
        pitch: "variable",
    },
    FontInfo {
        name: "华文中宋",
        alt: Some("STZhongsong"),
        panose: "02010600040101010101",
        charset: "86",
        family: "auto",
        pitch: "variable",
    },
];

/// `fontTable.xml`: every font the document names, with what is known of
/// it; a font not in [`KNOWN_FONTS`] gets the GB2312 character set when its
/// name is Chinese, so Word substitutes a Chinese face for it.
fn font_table(fonts: &[&str]) -> String {
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", &W_NS)]);
    for name in fonts {
        x.open("w:font", &[("w:name", name)]);
        // CT_Font order: altName panose1 charset family pitch.
        match KNOWN_FONTS.iter().find(|f| f.name == *name) {
            Some(f) => {
                if let Some(alt) = f.alt {
                    x.val("w:altName", &alt);
                }
                x.val("w:panose1", &f.panose);
                x.val("w:charset", &f.charset);
                x.val("w:family", &f.family);
                x.val("w:pitch", &f.pitch);
            }
            None => {
                let chinese = !name.is_ascii();
                x.val("w:charset", &if chinese { "86" } else { "00" });
                x.val("w:family", &"auto");
                x.val("w:pitch", &"variable");
            }
        }
        x.close("w:font");
    }
    x.close("w:fonts");
    x.finish()
}
