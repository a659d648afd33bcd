//! Word (DOCX) laid out to GB/T 9704-2012, built from the print layout
//! ([`super::layout`]): A4, margins 37/35/28/26 mm, a document grid of 22
//! lines of 28 characters, body in 仿宋_GB2312 三号 with exact line spacing,
//! a red masthead, page numbers — N — at the outer side (even/odd footers),
//! and the closing block between rules. Fonts, sizes, margins and the grid
//! come from [`PrintSettings`].
//!
//! Known docx-rs gaps worked around here: `firstLineChars` is not written
//! (indents are given in twips of the grid's character pitch), the page
//! number field is built run by run so it carries a font, and paragraph
//! borders start from an empty set (`set_border` would add four defaults).

use super::ExportError;
use super::labels;
use super::layout::{Line, LineKind, layout};
use super::page::{
    HEAVY_RULE_PT, LIGHT_RULE_PT, MASTHEAD_RULE_GAP_MM, MASTHEAD_RULE_PT, PAGE_NUMBER_GAP_MM,
};
use crate::model::{FontSize, Issue, PrintSettings, Rgb};
use docx_rs::{
    AlignmentType, BorderType, BreakType, BuildXML, DocGrid, DocGridType, Docx, FieldCharType,
    Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, RunProperty,
    SpecialIndentType, Tab, TabValueType,
};
use std::io::Cursor;
use unicode_width::UnicodeWidthStr;

/// A4 in twips (1/20 pt).
const PAGE_WIDTH: i32 = 11906;
const PAGE_HEIGHT: i32 = 16838;
/// Rule weights in eighths of a point.
const MASTHEAD_RULE: usize = (MASTHEAD_RULE_PT * 8.0) as usize;
const HEAVY_RULE: usize = (HEAVY_RULE_PT * 8.0) as usize;
const LIGHT_RULE: usize = (LIGHT_RULE_PT * 8.0) as usize;

pub fn mm_to_twips(mm: f64) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// Page geometry in twips, derived from the settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    pub footer: i32,
    pub text_width: i32,
    pub text_height: i32,
    /// Exact line spacing of the grid: the type area's height divided by the
    /// lines per page, rounded down so that many lines fit.
    pub line_pitch: i32,
    /// Width of one grid character in twips (type area width / characters
    /// per line).
    pub char_pitch: f64,
    /// `w:charSpace`: the grid pitch minus the body size, in 1/4096 pt,
    /// rounded down so that many characters fit.
    pub char_space: isize,
    /// The same difference as character spacing of body runs, in 1/20 pt
    /// (0 when the grid is wider than the body size). LibreOffice puts a
    /// character wider than a grid cell into two cells, so body text is
    /// condensed to fit one; Word, which compresses to the grid itself,
    /// still sets the same characters per line.
    pub squeeze: i32,
}

impl Geometry {
    pub fn new(s: &PrintSettings) -> Geometry {
        let top = mm_to_twips(f64::from(s.margin_top_mm));
        let bottom = mm_to_twips(f64::from(s.margin_bottom_mm));
        let left = mm_to_twips(f64::from(s.margin_left_mm));
        let right = mm_to_twips(f64::from(s.margin_right_mm));
        let text_width = PAGE_WIDTH - left - right;
        let text_height = PAGE_HEIGHT - top - bottom;
        let line_pitch = text_height / s.lines_per_page as i32;
        let char_pitch = f64::from(text_width) / f64::from(s.chars_per_line);
        let excess = char_pitch / 20.0 - s.body_size.points();
        let char_space = (excess * 4096.0).floor() as isize;
        let squeeze = ((excess * 20.0).floor() as i32).min(0);
        // The footer line's top edge goes PAGE_NUMBER_GAP_MM below the type
        // area; Word measures the footer from the page edge to its bottom.
        let number_line = (f64::from(s.page_number_size.half_points()) * 10.0 * 1.3).round() as i32;
        let footer = (bottom - mm_to_twips(PAGE_NUMBER_GAP_MM) - number_line).max(0);
        Geometry {
            top,
            bottom,
            left,
            right,
            footer,
            text_width,
            text_height,
            line_pitch,
            char_pitch,
            char_space,
            squeeze,
        }
    }
}

/// The issue as the bytes of a .docx file.
pub fn to_docx(issue: &Issue, settings: &PrintSettings) -> Result<Vec<u8>, ExportError> {
    let b = Builder {
        s: settings,
        g: Geometry::new(settings),
    };
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH as u32, PAGE_HEIGHT as u32)
        .page_margin(
            PageMargin::new()
                .top(b.g.top)
                .bottom(b.g.bottom)
                .left(b.g.left)
                .right(b.g.right)
                .header(mm_to_twips(15.0))
                .footer(b.g.footer)
                .gutter(0),
        )
        .default_fonts(b.fonts(&settings.body_font))
        .default_size(settings.body_size.half_points() as usize)
        .footer(b.page_number_footer(true))
        .even_footer(b.page_number_footer(false));
    docx.document.section_property = docx.document.section_property.clone().doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(b.g.line_pitch as usize)
            .char_space(b.g.char_space),
    );
    for p in b.paragraphs(&layout(issue, settings.contents)) {
        docx = docx.add_paragraph(p);
    }
    let mut xml = docx.build();
    // LibreOffice sizes the character grid from the Normal style's font
    // size (12 pt when it has none), Word from the document defaults; docx-rs
    // always writes an empty Normal style, so fill it in.
    let normal_rpr = RunProperty::new()
        .size(settings.body_size.half_points() as usize)
        .fonts(b.fonts(&settings.body_font))
        .build();
    xml.styles = replace_once(&xml.styles, EMPTY_NORMAL_RPR, &{
        let mut with = EMPTY_NORMAL_RPR[..EMPTY_NORMAL_RPR.len() - b"<w:rPr />".len()].to_vec();
        with.extend_from_slice(&normal_rpr);
        with
    })
    .ok_or_else(|| ExportError::Docx("no Normal style to set the grid's font size".into()))?;
    let mut buf = Cursor::new(Vec::new());
    xml.pack(&mut buf)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}

/// The Normal style as docx-rs writes it, up to its empty run properties.
const EMPTY_NORMAL_RPR: &[u8] =
    br#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr />"#;

/// `haystack` with the first `needle` replaced, or `None` without one.
fn replace_once(haystack: &[u8], needle: &[u8], with: &[u8]) -> Option<Vec<u8>> {
    let at = haystack.windows(needle.len()).position(|w| w == needle)?;
    let mut out = Vec::with_capacity(haystack.len() + with.len());
    out.extend_from_slice(&haystack[..at]);
    out.extend_from_slice(with);
    out.extend_from_slice(&haystack[at + needle.len()..]);
    Some(out)
}

struct Builder<'a> {
    s: &'a PrintSettings,
    g: Geometry,
}

impl Builder<'_> {
    /// Chinese text in `east_asia`, digits and Latin in the Latin font; the
    /// east-Asian hint keeps “” and — in the Chinese font.
    fn fonts(&self, east_asia: &str) -> RunFonts {
        let latin = &self.s.latin_font;
        RunFonts::new()
            .ascii(latin)
            .hi_ansi(latin)
            .cs(latin)
            .east_asia(east_asia)
            .hint("eastAsia")
    }

    /// A run of text; at the body size condensed to the grid.
    fn run(&self, text: &str, font: &str, size: FontSize) -> Run {
        self.empty_run(font, size).add_text(text)
    }

    fn empty_run(&self, font: &str, size: FontSize) -> Run {
        let run = Run::new()
            .fonts(self.fonts(font))
            .size(size.half_points() as usize);
        if size == self.s.body_size && self.g.squeeze != 0 {
            run.character_spacing(self.g.squeeze)
        } else {
            run
        }
    }

    /// An empty paragraph with exact line spacing `height`, set in `font`
    /// at `size` (its paragraph mark). Only body-size text keeps to the
    /// character grid: larger type would take two cells a character.
    fn paragraph(&self, height: i32, font: &str, size: FontSize) -> Paragraph {
        Paragraph::new()
            .snap_to_grid(size == self.s.body_size)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(height)
                    .before(0)
                    .after(0),
            )
            .fonts(self.fonts(font))
            .size(size.half_points() as usize)
    }

    /// A line of the grid.
    fn grid_line(&self, font: &str, size: FontSize) -> Paragraph {
        self.paragraph(self.g.line_pitch, font, size)
    }

    /// Exact height of whole grid lines that holds a line of `size`.
    fn lines_for(&self, size: FontSize) -> i32 {
        let needed = f64::from(size.half_points()) * 10.0 * 1.25;
        let lines = (needed / f64::from(self.g.line_pitch)).ceil().max(1.0);
        lines as i32 * self.g.line_pitch
    }

    /// Twips of `chars` body characters on the grid.
    fn chars(&self, chars: usize) -> i32 {
        (self.g.char_pitch * chars as f64).round() as i32
    }

    /// Twips of `chars` characters of `size` (off the body grid).
    fn chars_of(size: FontSize, chars: usize) -> i32 {
        (size.half_points() * 10) as i32 * chars as i32
    }

    fn rule(&self, height: i32, weight: usize, color: &Rgb) -> Paragraph {
        let mut p = self.paragraph(height, &self.s.body_font, FontSize::SI_HAO);
        p.property = p.property.set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(weight)
                    .space(0)
                    .color(color.hex()),
            ),
        );
        p
    }

    /// The bulletin name's size: as configured, or smaller so a long name
    /// still fits on one line.
    fn name_size(&self, name: &str) -> FontSize {
        let ems = (name.width() as f64 / 2.0).max(1.0);
        let fit_pt = f64::from(self.g.text_width) / 20.0 / ems * 0.98;
        if fit_pt >= self.s.name_size.points() {
            self.s.name_size
        } else {
            FontSize::from_points((fit_pt * 2.0).floor() / 2.0).unwrap_or(self.s.name_size)
        }
    }

    fn paragraphs(&self, lines: &[Line]) -> Vec<Paragraph> {
        let s = self.s;
        let mut out: Vec<Paragraph> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = &lines[i];
            let text = line.text.as_str();
            let p = match line.kind {
                LineKind::BulletinName => {
                    let size = self.name_size(text);
                    self.paragraph(self.lines_for(size), &s.name_font, size)
                        .align(AlignmentType::Center)
                        .add_run(self.run(text, &s.name_font, size).color(s.name_color.hex()))
                }
                LineKind::Number => self
                    .grid_line(&s.body_font, s.body_size)
                    .align(AlignmentType::Center)
                    .add_run(self.run(text, &s.body_font, s.body_size)),
                LineKind::IssuerDate | LineKind::Staff => {
                    let size = if line.kind == LineKind::Staff {
                        s.closing_size
                    } else {
                        s.body_size
                    };
                    self.spread(line, size)
                }
                LineKind::MastheadRule => self.rule(
                    mm_to_twips(MASTHEAD_RULE_GAP_MM),
                    MASTHEAD_RULE,
                    &s.rule_color,
                ),
                LineKind::ContentsHeading => self
                    .grid_line(&s.heading_font, s.body_size)
                    .align(AlignmentType::Center)
                    .keep_next(true)
                    .add_run(self.run(text, &s.heading_font, s.body_size)),
                LineKind::ContentsSection | LineKind::Section => self
                    .grid_line(&s.heading_font, s.body_size)
                    .keep_next(true)
                    .add_run(self.run(text, &s.heading_font, s.body_size)),
                LineKind::ContentsEntry => self
                    .grid_line(&s.body_font, s.body_size)
                    .align(AlignmentType::Both)
                    .indent(Some(self.chars(2)), None, None, None)
                    .add_run(self.run(text, &s.body_font, s.body_size)),
                LineKind::Title => {
                    let mut p = self
                        .grid_line(&s.title_font, s.title_size)
                        .align(AlignmentType::Center)
                        .keep_next(true)
                        .keep_lines(true)
                        .add_run(self.run(text, &s.title_font, s.title_size));
                    // A two-line title stays one paragraph of two lines.
                    while let Some(next) = lines.get(i + 1)
                        && next.kind == LineKind::Title
                        && next.article == line.article
                    {
                        p = p.add_run(
                            self.empty_run(&s.title_font, s.title_size)
                                .add_break(BreakType::TextWrapping)
                                .add_text(&next.text),
                        );
                        i += 1;
                    }
                    p
                }
                LineKind::Source => self
                    .grid_line(&s.source_font, s.body_size)
                    .align(AlignmentType::Center)
                    .keep_next(true)
                    .add_run(self.run(text, &s.source_font, s.body_size)),
                LineKind::Paragraph | LineKind::BriefParagraph { .. } => {
                    let (head, rest) = line.split_run_in();
                    let mut p = self.body_paragraph();
                    if !head.is_empty() {
                        p = p.add_run(self.run(head, &s.body_font, s.body_size).bold());
                    }
                    p.add_run(self.run(rest, &s.body_font, s.body_size))
                }
                LineKind::ClosingRule { heavy } => {
                    let weight = if heavy { HEAVY_RULE } else { LIGHT_RULE };
                    self.rule(mm_to_twips(1.0), weight, &Rgb::black())
                }
                LineKind::Distribution { label_len } => {
                    let size = s.closing_size;
                    let side = Self::chars_of(size, line.kind.side_margin());
                    let label = &text[..label_len.min(text.len())];
                    let hanging = Self::chars_of(size, label.chars().count());
                    self.grid_line(&s.body_font, size)
                        .align(AlignmentType::Both)
                        .indent(
                            Some(side + hanging),
                            Some(SpecialIndentType::Hanging(hanging)),
                            Some(side),
                            None,
                        )
                        .add_run(self.run(text, &s.body_font, size))
                }
                LineKind::Blank => self.grid_line(&s.body_font, s.body_size).keep_next(true),
            };
            out.push(p);
            i += 1;
        }
        out
    }

    /// Body text: justified, first line indented two grid characters.
    fn body_paragraph(&self) -> Paragraph {
        self.grid_line(&self.s.body_font, self.s.body_size)
            .align(AlignmentType::Both)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(self.chars(2))),
                None,
                None,
            )
            .widow_control(true)
    }

    /// `text` at the left and `right` at the right, each one character in
    /// from the edge, with a right-aligned tab stop.
    fn spread(&self, line: &Line, size: FontSize) -> Paragraph {
        let s = self.s;
        let side = Self::chars_of(size, line.kind.side_margin());
        let mut p = self
            .grid_line(&s.body_font, size)
            .indent(Some(side), None, Some(side), None)
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .pos((self.g.text_width - side).max(0) as usize),
            )
            .add_run(self.run(&line.text, &s.body_font, size));
        if !line.right.is_empty() {
            p = p
                .add_run(self.empty_run(&s.body_font, size).add_tab())
                .add_run(self.run(&line.right, &s.body_font, size));
        }
        p
    }

    /// — N — on the outer side: right on odd pages, left on even ones,
    /// one character in from the edge.
    fn page_number_footer(&self, odd: bool) -> Footer {
        let s = self.s;
        let font = &s.page_number_font;
        let size = s.page_number_size;
        let side = Self::chars_of(size, 1);
        let height = (f64::from(size.half_points()) * 10.0 * 1.3).round() as i32;
        let run = || self.empty_run(font, size);
        let (align, indent) = if odd {
            (AlignmentType::Right, (None, Some(side)))
        } else {
            (AlignmentType::Left, (Some(side), None))
        };
        let p = self
            .paragraph(height, font, size)
            .align(align)
            .indent(indent.0, None, indent.1, None)
            .add_run(run().add_text(format!("{} ", labels::PAGE_DASH)))
            .add_run(run().add_field_char(FieldCharType::Begin, false))
            .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
            .add_run(run().add_field_char(FieldCharType::Separate, false))
            .add_run(run().add_text("1"))
            .add_run(run().add_field_char(FieldCharType::End, false))
            .add_run(run().add_text(format!(" {}", labels::PAGE_DASH)));
        Footer::new().add_paragraph(p)
    }
}
