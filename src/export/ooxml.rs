//! A small WordprocessingML writer: exactly the elements the Word export
//! uses, each property set written in the order of its ECMA-376 schema
//! sequence (`CT_PPrBase`, `EG_RPrBase`, `CT_SectPr`, `CT_TblPrBase`, …), so
//! Word opens the file as it is.
//!
//! Why not docx-rs: its writer puts children out of schema order (`rPr`
//! first in `pPr`, `sz` before `rFonts`, `footerReference` after `docGrid`),
//! which Word may "repair" by dropping formatting, and it ships parts the
//! export does not use (comments, numbering, footnotes). Re-sorting its
//! output would mean parsing and rewriting every part after each release;
//! emitting a dozen element types in the right order by construction is less
//! code and cannot drift. docx-rs is still used to *read* .docx on import.

use std::fmt::{Display, Write};

/// The WordprocessingML namespace and the relationship namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An XML document being written.
#[derive(Debug, Default)]
pub struct Xml {
    out: String,
}

impl Xml {
    pub fn new() -> Xml {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"),
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &dyn Display)], end: &str) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"");
            escape_into(&mut self.out, &v.to_string());
            self.out.push('"');
        }
        self.out.push_str(end);
    }

    /// `<name a="…">`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &dyn Display)]) {
        self.tag(name, attrs, ">");
    }

    /// `<name a="…"/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &dyn Display)]) {
        self.tag(name, attrs, "/>");
    }

    /// `<name w:val="…"/>`.
    pub fn val(&mut self, name: &str, val: &dyn Display) {
        self.empty(name, &[("w:val", val)]);
    }

    pub fn close(&mut self, name: &str) {
        let _ = write!(self.out, "</{name}>");
    }

    /// Escaped character data.
    pub fn text(&mut self, s: &str) {
        escape_into(&mut self.out, s);
    }

    /// `<name>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &dyn Display)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes `&<>"` and drops characters XML 1.0 cannot carry.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// `w:rFonts`: Latin text in `latin`, Chinese in `east_asia`; the East-Asian
/// hint keeps “” — … (shared by both scripts) in the Chinese font.
#[derive(Debug, Clone, PartialEq)]
pub struct Fonts {
    pub latin: String,
    pub east_asia: String,
}

impl Fonts {
    fn write(&self, x: &mut Xml) {
        x.empty(
            "w:rFonts",
            &[
                ("w:hint", &"eastAsia"),
                ("w:ascii", &self.latin),
                ("w:hAnsi", &self.latin),
                ("w:eastAsia", &self.east_asia),
                ("w:cs", &self.latin),
            ],
        );
    }
}

/// Run properties (`CT_RPr`), written in `EG_RPrBase` order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RPr {
    pub fonts: Option<Fonts>,
    pub bold: bool,
    /// `RRGGBB`.
    pub color: Option<String>,
    /// Character spacing in twentieths of a point.
    pub spacing: Option<i32>,
    /// Half-points.
    pub size: Option<u32>,
    /// `w:lang`: Latin language and East-Asian language.
    pub lang: Option<(&'static str, &'static str)>,
}

impl RPr {
    pub fn is_empty(&self) -> bool {
        *self == RPr::default()
    }

    pub fn write(&self, x: &mut Xml) {
        if self.is_empty() {
            return;
        }
        x.open("w:rPr", &[]);
        if let Some(f) = &self.fonts {
            f.write(x);
        }
        if self.bold {
            x.empty("w:b", &[]);
            x.empty("w:bCs", &[]);
        }
        if let Some(c) = &self.color {
            x.val("w:color", c);
        }
        if let Some(s) = self.spacing {
            x.val("w:spacing", &s);
        }
        if let Some(s) = self.size {
            x.val("w:sz", &s);
            x.val("w:szCs", &s);
        }
        if let Some((latin, east_asia)) = self.lang {
            x.empty("w:lang", &[("w:val", &latin), ("w:eastAsia", &east_asia)]);
        }
        x.close("w:rPr");
    }
}

/// One border line (`CT_Border`): weight in eighths of a point.
#[derive(Debug, Clone, PartialEq)]
pub struct Border {
    pub weight: u32,
    pub color: String,
}

impl Border {
    fn write(&self, x: &mut Xml, side: &str) {
        x.empty(
            side,
            &[
                ("w:val", &"single"),
                ("w:color", &self.color),
                ("w:sz", &self.weight),
                ("w:space", &0),
            ],
        );
    }
}

/// A right-aligned tab stop at `pos` twips, with an optional dot leader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tab {
    pub pos: i32,
    pub dots: bool,
}

/// `w:ind` in twips.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Ind {
    pub left: i32,
    pub right: i32,
    pub first_line: i32,
    pub hanging: i32,
}

/// Paragraph properties (`CT_PPr`), written in `CT_PPrBase` order, the
/// paragraph mark's run properties last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PPr {
    pub keep_next: bool,
    pub keep_lines: bool,
    pub page_break_before: bool,
    pub widow_control: Option<bool>,
    pub border_bottom: Option<Border>,
    pub tabs: Vec<Tab>,
    pub snap_to_grid: Option<bool>,
    /// Space before in twips, and the exact line height in twips.
    pub before: i32,
    pub line: Option<i32>,
    pub ind: Option<Ind>,
    /// `w:jc`: `left`, `center`, `right`, `both`.
    pub jc: Option<&'static str>,
    pub mark: RPr,
}

impl PPr {
    pub fn write(&self, x: &mut Xml) {
        if *self == PPr::default() {
            return;
        }
        x.open("w:pPr", &[]);
        if self.keep_next {
            x.empty("w:keepNext", &[]);
        }
        if self.keep_lines {
            x.empty("w:keepLines", &[]);
        }
        if self.page_break_before {
            x.empty("w:pageBreakBefore", &[]);
        }
        if let Some(on) = self.widow_control {
            x.val("w:widowControl", &u8::from(on));
        }
        if let Some(b) = &self.border_bottom {
            x.open("w:pBdr", &[]);
            b.write(x, "w:bottom");
            x.close("w:pBdr");
        }
        if !self.tabs.is_empty() {
            x.open("w:tabs", &[]);
            for t in &self.tabs {
                let leader = if t.dots { "middleDot" } else { "none" };
                x.empty(
                    "w:tab",
                    &[
                        ("w:val", &"right"),
                        ("w:leader", &leader),
                        ("w:pos", &t.pos),
                    ],
                );
            }
            x.close("w:tabs");
        }
        if let Some(on) = self.snap_to_grid {
            x.val("w:snapToGrid", &u8::from(on));
        }
        if self.before != 0 || self.line.is_some() {
            match self.line {
                Some(line) => x.empty(
                    "w:spacing",
                    &[
                        ("w:before", &self.before),
                        ("w:after", &0),
                        ("w:line", &line),
                        ("w:lineRule", &"exact"),
                    ],
                ),
                None => x.empty("w:spacing", &[("w:before", &self.before), ("w:after", &0)]),
            }
        }
        if let Some(i) = self.ind {
            let mut attrs: Vec<(&str, &dyn Display)> =
                vec![("w:left", &i.left), ("w:right", &i.right)];
            if i.hanging > 0 {
                attrs.push(("w:hanging", &i.hanging));
            } else if i.first_line > 0 {
                attrs.push(("w:firstLine", &i.first_line));
            }
            x.empty("w:ind", &attrs);
        }
        if let Some(jc) = self.jc {
            x.val("w:jc", &jc);
        }
        self.mark.write(x);
        x.close("w:pPr");
    }
}

/// What a run holds.
#[derive(Debug, Clone, PartialEq)]
pub enum RunItem {
    Text(String),
    Tab,
    /// A line break inside the paragraph.
    Break,
    FieldBegin,
    Instr(String),
    FieldSeparate,
    FieldEnd,
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Run(RPr, Vec<RunItem>),
    BookmarkStart(u32, String),
    BookmarkEnd(u32),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub ppr: PPr,
    pub content: Vec<Inline>,
}

impl Paragraph {
    pub fn run(&mut self, rpr: &RPr, items: Vec<RunItem>) {
        self.content.push(Inline::Run(rpr.clone(), items));
    }

    pub fn text(&mut self, rpr: &RPr, text: &str) {
        if !text.is_empty() {
            self.run(rpr, vec![RunItem::Text(text.to_string())]);
        }
    }

    /// A field (`PAGE`, `PAGEREF x`) whose shown result is `result` until the
    /// application updates it.
    pub fn field(&mut self, rpr: &RPr, instr: &str, result: &str) {
        self.run(rpr, vec![RunItem::FieldBegin]);
        self.run(rpr, vec![RunItem::Instr(format!(" {instr} "))]);
        self.run(rpr, vec![RunItem::FieldSeparate]);
        self.text(rpr, result);
        self.run(rpr, vec![RunItem::FieldEnd]);
    }

    pub fn write(&self, x: &mut Xml) {
        x.open("w:p", &[]);
        self.ppr.write(x);
        for c in &self.content {
            match c {
                Inline::BookmarkStart(id, name) => {
                    x.empty("w:bookmarkStart", &[("w:id", id), ("w:name", name)])
                }
                Inline::BookmarkEnd(id) => x.empty("w:bookmarkEnd", &[("w:id", id)]),
                Inline::Run(rpr, items) => {
                    x.open("w:r", &[]);
                    rpr.write(x);
                    for item in items {
                        match item {
                            RunItem::Text(t) => x.leaf("w:t", &[("xml:space", &"preserve")], t),
                            RunItem::Tab => x.empty("w:tab", &[]),
                            RunItem::Break => x.empty("w:br", &[]),
                            RunItem::FieldBegin => {
                                x.empty("w:fldChar", &[("w:fldCharType", &"begin")])
                            }
                            RunItem::FieldSeparate => {
                                x.empty("w:fldChar", &[("w:fldCharType", &"separate")])
                            }
                            RunItem::FieldEnd => x.empty("w:fldChar", &[("w:fldCharType", &"end")]),
                            RunItem::Instr(i) => {
                                x.leaf("w:instrText", &[("xml:space", &"preserve")], i)
                            }
                        }
                    }
                    x.close("w:r");
                }
            }
        }
        x.close("w:p");
    }
}

/// Section properties (`CT_SectPr`): references first, then page size,
/// margins, numbering, `titlePg`, grid.
#[derive(Debug, Clone, PartialEq)]
pub struct SectPr {
    /// Relationship ids of the odd-page (default) and even-page footers.
    pub footer_odd: String,
    pub footer_even: String,
    pub page: (i32, i32),
    /// top, right, bottom, left, header, footer.
    pub margins: [i32; 6],
    pub line_pitch: i32,
    pub char_space: i64,
}

impl SectPr {
    pub fn write(&self, x: &mut Xml) {
        x.open("w:sectPr", &[]);
        x.empty(
            "w:footerReference",
            &[("w:type", &"default"), ("r:id", &self.footer_odd)],
        );
        x.empty(
            "w:footerReference",
            &[("w:type", &"even"), ("r:id", &self.footer_even)],
        );
        x.empty("w:pgSz", &[("w:w", &self.page.0), ("w:h", &self.page.1)]);
        let [top, right, bottom, left, header, footer] = self.margins;
        x.empty(
            "w:pgMar",
            &[
                ("w:top", &top),
                ("w:right", &right),
                ("w:bottom", &bottom),
                ("w:left", &left),
                ("w:header", &header),
                ("w:footer", &footer),
                ("w:gutter", &0),
            ],
        );
        x.empty("w:pgNumType", &[("w:fmt", &"decimal"), ("w:start", &1)]);
        x.empty("w:cols", &[("w:space", &0)]);
        x.empty(
            "w:docGrid",
            &[
                ("w:type", &"lines"),
                ("w:linePitch", &self.line_pitch),
                ("w:charSpace", &self.char_space),
            ],
        );
        x.close("w:sectPr");
    }
}

/// `<w:document>` around `paragraphs` and the section properties.
pub fn document(paragraphs: &[Paragraph], sect: &SectPr) -> String {
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", &W_NS), ("xmlns:r", &R_NS)]);
    x.open("w:body", &[]);
    for p in paragraphs {
        p.write(&mut x);
    }
    sect.write(&mut x);
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

/// `<w:ftr>` holding `paragraphs`.
pub fn footer(paragraphs: &[Paragraph]) -> String {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", &W_NS), ("xmlns:r", &R_NS)]);
    for p in paragraphs {
        p.write(&mut x);
    }
    x.close("w:ftr");
    x.finish()
}

/// `styles.xml`: document defaults (fonts, size, language, no automatic
/// spacing between Chinese and Latin, no hanging punctuation) and the
/// Normal style, which LibreOffice sizes its character grid by.
pub fn styles(defaults: &RPr) -> String {
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", &W_NS)]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    defaults.write(&mut x);
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    x.open("w:pPr", &[]);
    // CT_PPrBase order: kinsoku overflowPunct autoSpaceDE autoSpaceDN spacing.
    x.val("w:kinsoku", &1);
    x.val("w:overflowPunct", &0);
    x.val("w:autoSpaceDE", &0);
    x.val("w:autoSpaceDN", &0);
    x.empty("w:spacing", &[("w:before", &0), ("w:after", &0)]);
    x.close("w:pPr");
    x.close("w:pPrDefault");
    x.close("w:docDefaults");
    x.open(
        "w:style",
        &[
            ("w:type", &"paragraph"),
            ("w:default", &1),
            ("w:styleId", &"Normal"),
        ],
    );
    x.val("w:name", &"Normal");
    x.empty("w:qFormat", &[]);
    defaults.write(&mut x);
    x.close("w:style");
    x.open(
        "w:style",
        &[
            ("w:type", &"character"),
            ("w:default", &1),
            ("w:styleId", &"DefaultParagraphFont"),
        ],
    );
    x.val("w:name", &"Default Paragraph Font");
    x.val("w:uiPriority", &1);
    x.empty("w:semiHidden", &[]);
    x.empty("w:unhideWhenUsed", &[]);
    x.close("w:style");
    x.close("w:styles");
    x.finish()
}

/// `settings.xml`: even and odd footers, Chinese line-breaking rules, no
/// punctuation compression, and the compatibility mode of Word 2013+.
pub fn settings() -> String {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", &W_NS)]);
    // CT_Settings order.
    x.empty("w:zoom", &[("w:percent", &100)]);
    x.val("w:defaultTabStop", &420);
    x.empty("w:evenAndOddHeaders", &[]);
    x.val("w:characterSpacingControl", &"doNotCompress");
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", &"compatibilityMode"),
            ("w:uri", &"http://schemas.microsoft.com/office/word"),
            ("w:val", &15),
        ],
    );
    x.close("w:compat");
    x.empty(
        "w:themeFontLang",
        &[("w:val", &"en-US"), ("w:eastAsia", &"zh-CN")],
    );
    x.close("w:settings");
    x.finish()
}
