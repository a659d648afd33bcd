//! Word (DOCX) laid out to GB/T 9704-2012, built from the print layout
//! ([`super::layout`]): A4, margins 37/35/28/26 mm, a document grid of 22
//! lines of 28 characters, body in 仿宋_GB2312 三号 with exact line spacing,
//! a red masthead, page numbers — N — in 4号半角宋体 at the outer side, 7 mm
//! below the type area (even/odd footers), and the closing block (版记)
//! between rules at the foot of the last page. Fonts, sizes, margins and the
//! grid come from [`PrintSettings`].
//!
//! The parts are written by [`super::ooxml`] (schema order by construction)
//! and packed by [`super::package`]; where the layout needs to know what a
//! page holds (page numbers in 本期要目, room for the 版记), it asks
//! [`super::flow`].

use super::ExportError;
use super::flow::{self, Flow};
use super::labels;
use super::layout::{ArticleRef, Line, LineKind, clean, layout};
use super::ooxml::{self, Border, Fonts, Ind, Inline, PPr, Paragraph, RPr, RunItem, SectPr, Tab};
use super::package::{self, Package};
pub use super::page::PAGE_NUMBER_GAP_MM;
use super::page::{HEAVY_RULE_PT, LIGHT_RULE_PT, MASTHEAD_RULE_GAP_MM, MASTHEAD_RULE_PT};
use crate::model::{FontSize, Issue, PrintSettings, Rgb};
use unicode_width::UnicodeWidthStr;

/// A4 in twips (1/20 pt).
pub const PAGE_WIDTH: i32 = 11906;
pub const PAGE_HEIGHT: i32 = 16838;
/// Rule weights in eighths of a point, from the print grid's (GB/T 9704
/// 7.4.1): masthead 1.5 pt; closing block heavy 1 pt, light 0.75 pt.
const MASTHEAD_RULE: u32 = (MASTHEAD_RULE_PT * 8.0) as u32;
const HEAVY_RULE: u32 = (HEAVY_RULE_PT * 8.0) as u32;
const LIGHT_RULE: u32 = (LIGHT_RULE_PT * 8.0) as u32;
/// Height of a closing-block rule's line: the rule is its bottom border.
pub const CLOSING_RULE_LINE: i32 = 40;

/// A closing-block rule's weight in eighths of a point.
pub fn rule_weight(heavy: bool) -> u32 {
    if heavy { HEAVY_RULE } else { LIGHT_RULE }
}

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
    /// Word's footer distance: from the page's bottom edge to the bottom of
    /// the page number's line.
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
    /// Exact height of the page number's line: its type size, so the line's
    /// middle (where the dashes are) is where the geometry puts it.
    pub number_line: i32,
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
        let number_line = (s.page_number_size.half_points() * 10) as i32;
        // The line's middle goes PAGE_NUMBER_GAP_MM below the type area.
        let footer = (bottom - mm_to_twips(PAGE_NUMBER_GAP_MM) - number_line / 2).max(0);
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
            number_line,
        }
    }

    /// Exact height of whole grid lines that holds a line of `size`.
    pub fn lines_for(&self, size: FontSize) -> i32 {
        let needed = f64::from(size.half_points()) * 10.0 * 1.25;
        let lines = (needed / f64::from(self.line_pitch)).ceil().max(1.0);
        lines as i32 * self.line_pitch
    }

    /// Twips of the masthead rule's line (the rule is its bottom border).
    pub fn masthead_rule(&self) -> i32 {
        mm_to_twips(MASTHEAD_RULE_GAP_MM)
    }
}

/// The bulletin name's size: as configured, or smaller so a long name still
/// fits on one line.
pub fn name_size(s: &PrintSettings, g: &Geometry, name: &str) -> FontSize {
    let ems = (name.width() as f64 / 2.0).max(1.0);
    let fit_pt = f64::from(g.text_width) / 20.0 / ems * 0.98;
    if fit_pt >= s.name_size.points() {
        s.name_size
    } else {
        FontSize::from_points((fit_pt * 2.0).floor() / 2.0).unwrap_or(s.name_size)
    }
}

/// The issue as the bytes of a .docx file.
pub fn to_docx(issue: &Issue, settings: &PrintSettings) -> Result<Vec<u8>, ExportError> {
    let g = Geometry::new(settings);
    let lines = layout(issue, settings.contents);
    let flow = flow::flow(&lines, settings, &g);
    let b = Builder {
        s: settings,
        g,
        flow: &flow,
    };
    let sect = SectPr {
        footer_odd: package::FOOTER_ODD_ID.into(),
        footer_even: package::FOOTER_EVEN_ID.into(),
        page: (PAGE_WIDTH, PAGE_HEIGHT),
        margins: [
            g.top,
            g.right,
            g.bottom,
            g.left,
            mm_to_twips(15.0),
            g.footer,
        ],
        line_pitch: g.line_pitch,
        char_space: g.char_space as i64,
    };
    let defaults = RPr {
        fonts: Some(b.fonts(&settings.body_font)),
        size: Some(settings.body_size.half_points()),
        lang: Some(("en-US", "zh-CN")),
        ..RPr::default()
    };
    let name = clean(&issue.bulletin);
    let title = [name.as_str(), labels::number(issue).as_str()]
        .join(" ")
        .trim()
        .to_string();
    let issuer = clean(&issue.issuer);
    let fonts = used_fonts(settings);
    Package {
        document: ooxml::document(&b.blocks(&lines), &sect),
        styles: ooxml::styles(&defaults),
        settings: ooxml::settings(),
        footers: [b.page_number_footer(true), b.page_number_footer(false)],
        fonts,
        title,
        creator: if issuer.is_empty() {
            package::application()
        } else {
            issuer
        },
        date: issue.date,
    }
    .zip()
}

/// Every font the settings name, each once, in a stable order.
fn used_fonts(s: &PrintSettings) -> Vec<&str> {
    let mut fonts: Vec<&str> = Vec::new();
    for f in [
        &s.latin_font,
        &s.body_font,
        &s.name_font,
        &s.title_font,
        &s.heading_font,
        &s.source_font,
        &s.page_number_font,
    ] {
        if !f.is_empty() && !fonts.contains(&f.as_str()) {
            fonts.push(f);
        }
    }
    fonts
}

/// A bookmark name for an article's first line (hidden in Word: it starts
/// with an underscore).
fn bookmark(at: ArticleRef) -> String {
    format!("_jb_s{}_a{}", at.section + 1, at.article + 1)
}

struct Builder<'a> {
    s: &'a PrintSettings,
    g: Geometry,
    flow: &'a Flow,
}

impl Builder<'_> {
    /// Chinese text in `east_asia`, digits and Latin in the Latin font.
    fn fonts(&self, east_asia: &str) -> Fonts {
        Fonts {
            latin: self.s.latin_font.clone(),
            east_asia: east_asia.to_string(),
        }
    }

    /// Run properties of text in `font` at `size`; at the body size
    /// condensed to the grid.
    fn rpr(&self, font: &str, size: FontSize) -> RPr {
        RPr {
            fonts: Some(self.fonts(font)),
            size: Some(size.half_points()),
            spacing: (size == self.s.body_size && self.g.squeeze != 0).then_some(self.g.squeeze),
            ..RPr::default()
        }
    }

    /// An empty paragraph with exact line spacing `height`, its mark set in
    /// `font` at `size`. Only body-size text keeps to the character grid:
    /// larger type would take two cells a character.
    fn paragraph(&self, height: i32, font: &str, size: FontSize) -> Paragraph {
        Paragraph {
            ppr: PPr {
                snap_to_grid: Some(size == self.s.body_size),
                line: Some(height),
                mark: RPr {
                    fonts: Some(self.fonts(font)),
                    size: Some(size.half_points()),
                    ..RPr::default()
                },
                ..PPr::default()
            },
            content: Vec::new(),
        }
    }

    /// A line of the grid.
    fn grid_line(&self, font: &str, size: FontSize) -> Paragraph {
        self.paragraph(self.g.line_pitch, font, size)
    }

    /// Twips of `chars` body characters on the grid.
    fn chars(&self, chars: usize) -> i32 {
        (self.g.char_pitch * chars as f64).round() as i32
    }

    /// Twips of `chars` characters of `size` (off the body grid).
    fn chars_of(size: FontSize, chars: usize) -> i32 {
        (size.half_points() * 10) as i32 * chars as i32
    }

    fn rule(&self, height: i32, weight: u32, color: &Rgb) -> Paragraph {
        let mut p = self.paragraph(height, &self.s.body_font, FontSize::SI_HAO);
        p.ppr.border_bottom = Some(Border {
            weight,
            color: color.hex().to_string(),
        });
        p
    }

    /// A line's text in one run.
    fn line(&self, mut p: Paragraph, text: &str, font: &str, size: FontSize) -> Paragraph {
        p.text(&self.rpr(font, size), text);
        p
    }

    /// The body: a paragraph per logical line (an empty line becomes space
    /// before the next paragraph, which Word and LibreOffice drop at the top
    /// of a page), the closing block as a table at the foot of the last page.
    fn blocks(&self, lines: &[Line]) -> Vec<Paragraph> {
        let s = self.s;
        let mut out: Vec<Paragraph> = Vec::new();
        let mut blank = 0;
        let mut bookmarks = 0u32;
        let mut marked: Option<ArticleRef> = None;
        let mut i = 0;
        while i < lines.len() {
            let line = &lines[i];
            let text = line.text.as_str();
            let mut p = match line.kind {
                LineKind::Blank => {
                    blank += 1;
                    i += 1;
                    continue;
                }
                LineKind::ClosingRule { .. } | LineKind::Distribution { .. } | LineKind::Staff => {
                    let end = lines[i..]
                        .iter()
                        .position(|l| {
                            !matches!(
                                l.kind,
                                LineKind::ClosingRule { .. }
                                    | LineKind::Distribution { .. }
                                    | LineKind::Staff
                            )
                        })
                        .map_or(lines.len(), |n| i + n);
                    self.closing(&lines[i..end], &mut out);
                    blank = 0;
                    i = end;
                    continue;
                }
                LineKind::BulletinName => {
                    let size = name_size(s, &self.g, text);
                    let mut p = self.paragraph(self.g.lines_for(size), &s.name_font, size);
                    p.ppr.jc = Some("center");
                    let mut rpr = self.rpr(&s.name_font, size);
                    rpr.color = Some(s.name_color.hex().to_string());
                    p.text(&rpr, text);
                    p
                }
                // GB/T 9704 7.2: 份号, 密级 and 紧急程度 flush left in 黑体 三号
                // (digits in the Latin font).
                LineKind::Mark => {
                    let mut p = self.grid_line(&s.heading_font, s.body_size);
                    p.ppr.keep_next = true;
                    self.line(p, text, &s.heading_font, s.body_size)
                }
                LineKind::Number => {
                    let mut p = self.grid_line(&s.body_font, s.body_size);
                    p.ppr.jc = Some("center");
                    self.line(p, text, &s.body_font, s.body_size)
                }
                LineKind::IssuerDate => self.spread(line, s.body_size),
                LineKind::MastheadRule => {
                    self.rule(self.g.masthead_rule(), MASTHEAD_RULE, &s.rule_color)
                }
                LineKind::ContentsHeading => {
                    let mut p = self.grid_line(&s.heading_font, s.body_size);
                    p.ppr.jc = Some("center");
                    p.ppr.keep_next = true;
                    self.line(p, text, &s.heading_font, s.body_size)
                }
                LineKind::ContentsSection | LineKind::Section => {
                    let mut p = self.grid_line(&s.heading_font, s.body_size);
                    p.ppr.keep_next = true;
                    self.line(p, text, &s.heading_font, s.body_size)
                }
                LineKind::ContentsEntry => self.contents_entry(line),
                LineKind::Title => {
                    let mut p = self.grid_line(&s.title_font, s.title_size);
                    p.ppr.jc = Some("center");
                    p.ppr.keep_next = true;
                    p.ppr.keep_lines = true;
                    let rpr = self.rpr(&s.title_font, s.title_size);
                    p.text(&rpr, text);
                    // A two-line title stays one paragraph of two lines.
                    while let Some(next) = lines.get(i + 1)
                        && next.kind == LineKind::Title
                        && next.article == line.article
                    {
                        p.run(&rpr, vec![RunItem::Break, RunItem::Text(next.text.clone())]);
                        i += 1;
                    }
                    p
                }
                LineKind::Source => {
                    let mut p = self.grid_line(&s.source_font, s.body_size);
                    p.ppr.jc = Some("center");
                    p.ppr.keep_next = true;
                    self.line(p, text, &s.source_font, s.body_size)
                }
                LineKind::Paragraph | LineKind::BriefParagraph { .. } => {
                    let (head, rest) = line.split_run_in();
                    let mut p = self.body_paragraph();
                    let rpr = self.rpr(&s.body_font, s.body_size);
                    p.text(
                        &RPr {
                            bold: true,
                            ..rpr.clone()
                        },
                        head,
                    );
                    p.text(&rpr, rest);
                    p
                }
            };
            p.ppr.before = blank * self.g.line_pitch;
            blank = 0;
            // The first line of an article carries the bookmark that 本期要目
            // points at.
            if let Some(at) = line.article
                && marked != Some(at)
                && line.kind != LineKind::ContentsEntry
            {
                marked = Some(at);
                bookmarks += 1;
                p.content
                    .insert(0, Inline::BookmarkStart(bookmarks, bookmark(at)));
                p.content.push(Inline::BookmarkEnd(bookmarks));
            }
            out.push(p);
            i += 1;
        }
        out
    }

    /// Body text: justified, first line indented two grid characters.
    fn body_paragraph(&self) -> Paragraph {
        let mut p = self.grid_line(&self.s.body_font, self.s.body_size);
        p.ppr.jc = Some("both");
        p.ppr.widow_control = Some(true);
        p.ppr.ind = Some(Ind {
            first_line: self.chars(2),
            ..Ind::default()
        });
        p
    }

    /// An entry of 本期要目: the title two characters in, and where the flow
    /// knows the pages, a dot leader to the article's page number (a
    /// `PAGEREF` field: Word and LibreOffice update it, the estimate is what
    /// shows until then). A title too long for one line is condensed a
    /// little, or broken where the flow says, the rows after the first
    /// hanging two characters further in.
    fn contents_entry(&self, line: &Line) -> Paragraph {
        let s = self.s;
        let mut p = self.grid_line(&s.body_font, s.body_size);
        let entry = self.flow.entry(line);
        p.ppr.ind = Some(if entry.rows.len() > 1 {
            Ind {
                left: self.chars(4),
                hanging: self.chars(2),
                ..Ind::default()
            }
        } else {
            Ind {
                left: self.chars(2),
                ..Ind::default()
            }
        });
        let mut rpr = self.rpr(&s.body_font, s.body_size);
        if entry.condense > 0 {
            rpr.spacing = Some(rpr.spacing.unwrap_or(0) - entry.condense);
        }
        for (k, row) in entry.rows.iter().enumerate() {
            if k > 0 {
                p.run(&rpr, vec![RunItem::Break]);
            }
            p.text(&rpr, &line.text[row.clone()]);
        }
        if let (Some(page), Some(at)) = (entry.page, line.article) {
            p.ppr.tabs.push(Tab {
                pos: self.g.text_width,
                dots: true,
            });
            let plain = self.rpr(&s.body_font, s.body_size);
            p.run(&plain, vec![RunItem::Tab]);
            p.field(
                &plain,
                &format!("PAGEREF {} \\h", bookmark(at)),
                &page.to_string(),
            );
        }
        p
    }

    /// `text` at the left and `right` at the right, each one character in
    /// from the edge, with a right-aligned tab stop.
    fn spread(&self, line: &Line, size: FontSize) -> Paragraph {
        let s = self.s;
        let side = Self::chars_of(size, line.kind.side_margin());
        let mut p = self.grid_line(&s.body_font, size);
        p.ppr.ind = Some(Ind {
            left: side,
            right: side,
            ..Ind::default()
        });
        p.ppr.tabs.push(Tab {
            pos: (self.g.text_width - side).max(0),
            dots: false,
        });
        let rpr = self.rpr(&s.body_font, size);
        p.text(&rpr, &line.text);
        if !line.right.is_empty() {
            p.run(&rpr, vec![RunItem::Tab]);
            p.text(&rpr, &line.right);
        }
        p
    }

    /// The closing block (版记): its lines between heavy rules, a light rule
    /// above the staff line, kept together at the foot of the last page: the
    /// space before it is what the flow finds free under the last text, so
    /// its last rule is the type area's bottom edge (GB/T 9704 7.4.1). With
    /// no room under the text it starts a page of its own, at the foot too.
    ///
    /// (A frame or floating table anchored to the bottom margin would not
    /// depend on the estimate, but LibreOffice 7.4 sets both in the text
    /// flow.)
    fn closing(&self, lines: &[Line], out: &mut Vec<Paragraph>) {
        let s = self.s;
        let size = s.closing_size;
        let start = out.len();
        for line in lines {
            let mut p = match line.kind {
                LineKind::ClosingRule { heavy } => {
                    self.rule(CLOSING_RULE_LINE, rule_weight(heavy), &Rgb::black())
                }
                LineKind::Distribution { label_len } => {
                    let side = Self::chars_of(size, line.kind.side_margin());
                    let label = &line.text[..label_len.min(line.text.len())];
                    let hanging = Self::chars_of(size, label.chars().count());
                    let mut p = self.grid_line(&s.body_font, size);
                    p.ppr.jc = Some("both");
                    p.ppr.ind = Some(Ind {
                        left: side + hanging,
                        right: side,
                        hanging,
                        ..Ind::default()
                    });
                    self.line(p, &line.text, &s.body_font, size)
                }
                LineKind::Staff => self.spread(line, size),
                _ => continue,
            };
            p.ppr.keep_next = true;
            p.ppr.keep_lines = true;
            out.push(p);
        }
        if let Some(last) = out.last_mut() {
            last.ppr.keep_next = false;
        }
        if let Some(first) = out.get_mut(start) {
            first.ppr.page_break_before = !self.flow.closing_fits;
            first.ppr.before = self.flow.closing_space;
        }
    }

    /// — N — on the outer side: right on odd pages, left on even ones, one
    /// character in from the edge, all of it (digits and dashes) in the
    /// page number font (GB/T 9704: 4号半角宋体).
    fn page_number_footer(&self, odd: bool) -> String {
        let s = self.s;
        let font = &s.page_number_font;
        let size = s.page_number_size;
        let side = Self::chars_of(size, 1);
        let mut p = self.paragraph(self.g.number_line, font, size);
        p.ppr.snap_to_grid = Some(false);
        let (jc, ind) = if odd {
            (
                "right",
                Ind {
                    right: side,
                    ..Ind::default()
                },
            )
        } else {
            (
                "left",
                Ind {
                    left: side,
                    ..Ind::default()
                },
            )
        };
        p.ppr.jc = Some(jc);
        p.ppr.ind = Some(ind);
        let rpr = RPr {
            fonts: Some(Fonts {
                latin: font.clone(),
                east_asia: font.clone(),
            }),
            size: Some(size.half_points()),
            ..RPr::default()
        };
        p.ppr.mark = rpr.clone();
        p.text(&rpr, &format!("{} ", labels::PAGE_DASH));
        p.field(&rpr, "PAGE", "1");
        p.text(&rpr, &format!(" {}", labels::PAGE_DASH));
        ooxml::footer(&[p])
    }
}
