//! The PDF export read back, as a PDF reader sees it: the glyphs of its
//! text layer with their positions (pdf-extract, the crate the PDF import
//! uses), grouped into words and rows the way poppler's `pdftotext -bbox`
//! does, and its font dictionaries (lopdf). Checked: A4 pages, rows on the
//! grid within the margins, justified rows reaching both margins, page
//! numbers on the outer side 7 mm below the type area, fonts embedded as
//! subsets with Unicode maps, every title and paragraph copied out exactly,
//! and the same pages, row for row, as the F5 print preview. The issues are
//! set in the Chinese faces committed in tests/fixtures/fonts, so no
//! installed font or tool is needed.

mod common;

use common::{
    fixture_fonts, fugou, jianbao, library_with_fixture_fonts, name_font_files, sample, stderr,
    stdout,
};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jianbao::app::App;
use jianbao::app::keymap::Keymap;
use jianbao::app::preview::Shown;
use jianbao::export::layout::{LineKind, layout};
use jianbao::export::page::{Grid, PT_PER_MM, Page, pages};
use jianbao::export::pdf::{FontSources, to_pdf};
use jianbao::i18n::Lang;
use jianbao::model::{Issue, PrintSettings};
use jianbao::store::Library;
use pdf_extract::{Dictionary, Document, MediaBox, Object, OutputDev, OutputError, Transform};
use std::path::Path;

/// A word as `pdftotext -bbox` gives it: its box in points from the top
/// left of the page.
#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// Words on one vertical position: a row of print.
#[derive(Debug, Clone)]
struct PdfRow {
    words: Vec<Word>,
}

impl PdfRow {
    fn x0(&self) -> f64 {
        self.words[0].x0
    }
    fn x1(&self) -> f64 {
        self.words.iter().map(|w| w.x1).fold(f64::MIN, f64::max)
    }
    fn centre(&self) -> f64 {
        (self.words[0].y0 + self.words[0].y1) / 2.0
    }
    /// The text as copied: words joined by a space.
    fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct PdfPage {
    width: f64,
    height: f64,
    rows: Vec<PdfRow>,
}

/// One glyph of the text layer: its origin on the baseline (PDF units, y
/// upwards), its size and advance as printed.
struct Glyph {
    x: f64,
    y: f64,
    size: f64,
    advance: f64,
    text: String,
}

/// The glyphs of each page, and its size.
#[derive(Default)]
struct Glyphs {
    pages: Vec<(MediaBox, Vec<Glyph>)>,
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        _page: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push((*media, Vec::new()));
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // Upright text, possibly condensed (a run of digits): the height
        // from the vertical scale, the advance from the horizontal one.
        let page = &mut self.pages.last_mut().expect("a page").1;
        page.push(Glyph {
            x: trm.m31,
            y: trm.m32,
            size: font_size * trm.m22.abs(),
            advance: width * font_size * trm.m11,
            text: text.to_string(),
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The value of `key` in `dict`, following a reference.
fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let o = dict.get(key).ok()?;
    doc.dereference(o).ok().map(|(_, o)| o)
}

/// The font that draws the glyphs of a font dictionary: a composite
/// font's descendant, or the font itself.
fn glyph_font<'a>(doc: &'a Document, font: &'a Dictionary) -> &'a Dictionary {
    match get(doc, font, b"DescendantFonts") {
        Some(Object::Array(d)) => doc.dereference(&d[0]).unwrap().1.as_dict().unwrap(),
        _ => font,
    }
}

/// The font descriptor of a font dictionary.
fn descriptor<'a>(doc: &'a Document, font: &'a Dictionary) -> &'a Dictionary {
    let font = glyph_font(doc, font);
    get(doc, font, b"FontDescriptor")
        .unwrap()
        .as_dict()
        .unwrap()
}

/// The fonts of every page, each once: (resource name, font dictionary).
fn fonts_of(doc: &Document) -> Vec<(Vec<u8>, &Dictionary)> {
    let mut out: Vec<(Vec<u8>, &Dictionary)> = Vec::new();
    for page in doc.get_pages().into_values() {
        for (name, font) in doc.get_page_fonts(page).unwrap() {
            if !out.iter().any(|(_, f)| std::ptr::eq(*f, font)) {
                out.push((name, font));
            }
        }
    }
    out
}

/// Whether a font's ToUnicode map gives Chinese characters.
fn sets_chinese(doc: &Document, font: &Dictionary) -> bool {
    let Some(Object::Stream(map)) = get(doc, font, b"ToUnicode") else {
        return false;
    };
    let map = String::from_utf8_lossy(&map.decompressed_content().unwrap()).into_owned();
    map.split(['<', '>'])
        .filter(|t| t.len() == 4)
        .filter_map(|t| u32::from_str_radix(t, 16).ok())
        .any(|u| (0x4E00..=0x9FFF).contains(&u))
}

/// The ascent and descent (in ems, the descent negative) that a reader
/// puts a word's box between: its font descriptor's (poppler's too). The
/// reader here cannot tell which face set a glyph, so it takes the
/// Chinese faces' (in these files they share them); a Latin face (for
/// digits and letters, where installed) starts no row the checks measure.
fn vertical_metrics(doc: &Document) -> (f64, f64) {
    let metric = |d: &Dictionary, key: &[u8]| get(doc, d, key).unwrap().as_float().unwrap();
    let all: Vec<(f64, f64)> = fonts_of(doc)
        .into_iter()
        .filter(|(_, f)| sets_chinese(doc, f))
        .map(|(_, f)| descriptor(doc, f))
        .map(|d| {
            (
                f64::from(metric(d, b"Ascent")) / 1000.0,
                f64::from(metric(d, b"Descent")) / 1000.0,
            )
        })
        .collect();
    assert!(!all.is_empty(), "no Chinese fonts");
    assert!(all.iter().all(|m| *m == all[0]), "{all:?}");
    all[0]
}

/// The pages of the PDF at `path`: its glyphs put into words as pdftotext
/// does (a gap of more than a tenth of the size, or a space, ends a word),
/// the words into rows (centres within 8 pt, far less than a line), top to
/// bottom.
fn read_pdf(path: &Path) -> Vec<PdfPage> {
    // Loaded as the PDF import loads it (pdf-extract misreads some CID
    // font widths otherwise).
    let doc = jianbao::import::pdf::load(&std::fs::read(path).unwrap()).unwrap();
    let (ascent, descent) = vertical_metrics(&doc);
    let mut glyphs = Glyphs::default();
    pdf_extract::output_doc(&doc, &mut glyphs).unwrap();
    let mut pages = Vec::new();
    for (media, mut page) in glyphs.pages {
        let height = media.ury - media.lly;
        let centre = |g: &Glyph| height - g.y - (ascent + descent) / 2.0 * g.size;
        page.sort_by(|a, b| centre(a).total_cmp(&centre(b)));
        let mut lines: Vec<Vec<Glyph>> = Vec::new();
        for g in page {
            match lines.last_mut() {
                Some(l) if (centre(&l[0]) - centre(&g)).abs() < 8.0 => l.push(g),
                _ => lines.push(vec![g]),
            }
        }
        let rows = lines
            .into_iter()
            .map(|mut line| {
                line.sort_by(|a, b| a.x.total_cmp(&b.x));
                let mut words: Vec<Word> = Vec::new();
                let mut open = false;
                for g in line {
                    if g.text.trim().is_empty() {
                        open = false;
                        continue;
                    }
                    let (y0, y1) = (
                        height - g.y - ascent * g.size,
                        height - g.y - descent * g.size,
                    );
                    match words.last_mut() {
                        Some(w) if open && g.x - w.x1 <= 0.1 * g.size => {
                            w.x1 = g.x + g.advance;
                            w.y0 = w.y0.min(y0);
                            w.y1 = w.y1.max(y1);
                            w.text.push_str(&g.text);
                        }
                        _ => words.push(Word {
                            x0: g.x,
                            y0,
                            x1: g.x + g.advance,
                            y1,
                            text: g.text,
                        }),
                    }
                    open = true;
                }
                PdfRow { words }
            })
            .filter(|r| !r.words.is_empty())
            .collect();
        pages.push(PdfPage {
            width: media.urx - media.llx,
            height,
            rows,
        });
    }
    pages
}

/// The issue's PDF in `dir`, set in the fixture faces alone (not the
/// system's: the same file on every machine).
fn write_pdf(issue: &Issue, settings: &PrintSettings, dir: &Path) -> std::path::PathBuf {
    let fonts = FontSources {
        files: vec![fixture_fonts()],
        system: false,
    };
    let bytes = to_pdf(issue, settings, &fonts).unwrap().bytes;
    let path = dir.join("issue.pdf");
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Text without white space, to compare rows as printed.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The type area in points: left, top, right, bottom.
fn type_area(s: &PrintSettings) -> (f64, f64, f64, f64) {
    let mm = |v: u32| f64::from(v) * PT_PER_MM;
    (
        mm(s.margin_left_mm),
        mm(s.margin_top_mm),
        mm(210 - s.margin_right_mm),
        mm(297 - s.margin_bottom_mm),
    )
}

/// Splits the PDF's rows into those of the type area and the page number.
fn split_number(page: &PdfPage, bottom: f64) -> (Vec<&PdfRow>, Option<&PdfRow>) {
    let body = page.rows.iter().filter(|r| r.centre() < bottom).collect();
    let number = page.rows.iter().find(|r| r.centre() > bottom);
    (body, number)
}

/// Checks the PDF of `issue` against the pages of the print layout: the
/// same rows on each page, each where the grid puts it.
fn check_layout(issue: &Issue, settings: &PrintSettings) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = read_pdf(&write_pdf(issue, settings, dir.path()));
    let grid = Grid::new(settings);
    let lines = layout(issue, settings.contents);
    let model: Vec<Page> = pages(&lines, &grid);
    assert_eq!(pdf.len(), model.len(), "page count");
    let (left, top, right, bottom) = type_area(settings);
    let line_pt = grid.line_pt();
    // Rows of body type, to check the vertical grid: (PDF centre − grid
    // line top) is the same for all of them.
    let mut offsets: Vec<f64> = Vec::new();
    let all_rows: Vec<&jianbao::export::page::Placed> =
        model.iter().flat_map(|p| p.rows.iter()).collect();
    let mut k = 0;
    for (page, expected) in pdf.iter().zip(&model) {
        assert!(
            (page.width - 595.2756).abs() < 0.01,
            "A4 width {}",
            page.width
        );
        assert!(
            (page.height - 841.8898).abs() < 0.01,
            "A4 height {}",
            page.height
        );
        let (rows, number) = split_number(page, bottom);
        let printed: Vec<_> = expected
            .rows
            .iter()
            .filter(|p| !p.row.text.is_empty() || !p.row.right.is_empty())
            .collect();
        let got: Vec<String> = rows.iter().map(|r| squeeze(&r.text())).collect();
        let want: Vec<String> = printed
            .iter()
            .map(|p| squeeze(&format!("{}{}", p.row.text, p.row.right)))
            .collect();
        assert_eq!(got, want, "page {}", expected.number);
        for (r, p) in rows.iter().zip(&printed) {
            // Within the margins (a glyph larger than its grid cell
            // overhangs it).
            let line = &lines[p.row.line];
            let column = grid.column_pt(line);
            let overhang = (grid.size(line) - 2.0 * column).max(0.0) + 0.5;
            assert!(r.x0() >= left - 0.01 && r.x1() <= right + overhang, "{r:?}");
            assert!(
                r.words[0].y0 >= top - 1.0 && r.words[0].y1 <= bottom + 1.0,
                "{r:?}"
            );
            let first_is_han = p
                .row
                .text
                .chars()
                .next()
                .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
            if grid.on_grid(line) && first_is_han {
                offsets.push(r.centre() - (top + (p.at as f64 + 0.5) * line_pt));
                if line.kind.align() == jianbao::export::layout::Align::Justify
                    || line.kind == LineKind::Section
                {
                    // Indents and margins in whole columns of the grid.
                    let x = left + p.row.lead as f64 * column;
                    assert!(
                        (r.x0() - x).abs() < 0.05,
                        "{} at {} not {x}",
                        r.text(),
                        r.x0()
                    );
                }
            }
            if line.kind.align() == jianbao::export::layout::Align::Center {
                let mid = (r.x0() + r.x1()) / 2.0;
                assert!((mid - (left + right) / 2.0).abs() < 1.0, "centred: {r:?}");
            }
        }
        // Justified rows that are not a paragraph's last reach the right
        // margin.
        for p in &expected.rows {
            let next = all_rows.get(k + 1).map(|n| n.row.line);
            k += 1;
            let justified = matches!(
                p.row.kind,
                LineKind::Paragraph | LineKind::BriefParagraph { .. }
            );
            if justified && next == Some(p.row.line) {
                let r = rows
                    .iter()
                    .find(|r| squeeze(&r.text()) == squeeze(&p.row.text))
                    .unwrap();
                // (A Chinese glyph larger than its cell overhangs it.)
                let line = &lines[p.row.line];
                let overhang = (grid.size(line) - 2.0 * grid.column_pt(line)).max(0.0);
                assert!(
                    r.x1() > right - 0.5 && r.x1() < right + overhang + 0.5,
                    "justified to {right}: {r:?}"
                );
            }
        }
        // — N — on the outer side, one character (四号, 14 pt) in, its line
        // 7 mm below the type area.
        let number = number.expect("a page number");
        assert_eq!(squeeze(&number.text()), format!("—{}—", expected.number));
        let size = settings.page_number_size.points();
        if expected.number % 2 == 1 {
            assert!(
                number.x1() <= right - size + 0.01 && number.x1() > right - size - 3.0,
                "{number:?}"
            );
        } else {
            assert!((number.x0() - (left + size)).abs() < 0.05, "{number:?}");
        }
        let line_top = number.words.iter().map(|w| w.y0).fold(f64::MAX, f64::min);
        assert!(
            (line_top - (bottom + 7.0 * PT_PER_MM)).abs() < 1.5,
            "{number:?}"
        );
    }
    assert!(offsets.len() > 20, "{}", offsets.len());
    let first = offsets[0];
    assert!(
        offsets.iter().all(|o| (o - first).abs() < 0.05),
        "rows off the grid: {offsets:?}"
    );
}

#[test]
fn pages_are_a4_and_rows_sit_on_the_grid_within_the_margins() {
    check_layout(&sample(), &PrintSettings::default());
    check_layout(&fugou(), &PrintSettings::default());
}

/// Margins, grid and contents other than the defaults.
fn other_settings() -> PrintSettings {
    PrintSettings {
        margin_top_mm: 30,
        margin_bottom_mm: 30,
        margin_left_mm: 25,
        margin_right_mm: 25,
        lines_per_page: 25,
        chars_per_line: 30,
        contents: false,
        ..PrintSettings::default()
    }
}

#[test]
fn other_margins_and_grids_are_kept_too() {
    check_layout(&sample(), &other_settings());
    check_layout(&fugou(), &other_settings());
}

/// The PDF's text as copied: every row of the type area in order, rows
/// run together (a paragraph continues on the next row), page numbers left
/// out.
fn copied_text(path: &Path, settings: &PrintSettings) -> String {
    let (_, _, _, bottom) = type_area(settings);
    read_pdf(path)
        .iter()
        .flat_map(|p| {
            split_number(p, bottom)
                .0
                .into_iter()
                .map(|r| r.text())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_title_and_paragraph_copies_out_exactly() {
    for (issue, settings) in [
        (sample(), PrintSettings::default()),
        (fugou(), PrintSettings::default()),
        (sample(), other_settings()),
        (fugou(), other_settings()),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let text = copied_text(&write_pdf(&issue, &settings, dir.path()), &settings);
        let mut pieces = 0;
        for section in &issue.sections {
            for article in &section.articles {
                let mut parts: Vec<&str> = article.title.iter().map(|t| t.trim()).collect();
                parts.extend(article.paragraphs.iter().map(|p| p.trim()));
                parts.extend(article.source.as_deref().map(str::trim));
                for part in parts.into_iter().filter(|p| !p.is_empty()) {
                    assert!(
                        text.contains(part),
                        "not copied out exactly: {part}\n{text}"
                    );
                    pieces += 1;
                }
            }
        }
        assert!(pieces > 15, "{pieces}");
        assert!(text.contains(&issue.bulletin));
        assert!(text.contains(&issue.issuer));
    }
}

#[test]
fn fonts_are_embedded_as_subsets_with_unicode_maps() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pdf(&sample(), &PrintSettings::default(), dir.path());
    let doc = Document::load_mem(&std::fs::read(&path).unwrap()).unwrap();
    let mut faces: Vec<String> = Vec::new();
    for (resource, font) in fonts_of(&doc) {
        let what = String::from_utf8_lossy(&resource).into_owned();
        let name = |d: &Dictionary, key: &[u8]| {
            String::from_utf8(get(&doc, d, key).unwrap().as_name().unwrap().to_vec()).unwrap()
        };
        // A composite font: Chinese needs two-byte codes.
        assert_eq!(name(font, b"Subtype"), "Type0", "{what}");
        // ABCDEF+Name: a subset, the descriptor saying the same.
        let base = name(glyph_font(&doc, font), b"BaseFont");
        let (tag, face) = base.split_at(7);
        assert!(
            tag.ends_with('+') && tag[..6].bytes().all(|b| b.is_ascii_uppercase()),
            "{base}"
        );
        let d = descriptor(&doc, font);
        assert_eq!(name(d, b"FontName"), base);
        // Embedded.
        assert!(
            [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| matches!(get(&doc, d, k), Some(Object::Stream(_)))),
            "{base} is not embedded"
        );
        // A map from its glyphs back to Unicode.
        let Some(Object::Stream(map)) = get(&doc, font, b"ToUnicode") else {
            panic!("{base} has no ToUnicode map");
        };
        let map = String::from_utf8_lossy(&map.decompressed_content().unwrap()).into_owned();
        assert!(
            map.contains("beginbfchar") || map.contains("beginbfrange"),
            "{base}: {map}"
        );
        faces.push(face.to_string());
    }
    faces.sort();
    // Titles, headings and body: the three fixture faces.
    assert_eq!(
        faces,
        [
            "NotoSansCJKsc-Regular",
            "NotoSerifCJKsc-Bold",
            "NotoSerifCJKsc-Regular"
        ]
    );
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn the_pdf_has_the_pages_of_the_print_preview() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("lib")).unwrap();
    lib.settings.export.font_files = vec![fixture_fonts().display().to_string()];
    let mut app = App::new(
        lib,
        Lang::Zh,
        Keymap::default(),
        chrono::NaiveDate::from_ymd_opt(2023, 11, 30).unwrap(),
    );
    app.handle_event(&Event::Resize(120, 40));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(5));
    let Some(jianbao::app::Overlay::Preview(preview)) = &app.overlay else {
        panic!("no preview");
    };
    assert!(preview.paged());
    // The preview's rows with text, page by page.
    let mut shown: Vec<Vec<String>> = vec![Vec::new()];
    for r in &preview.rows {
        match r {
            Shown::Row(row) if !row.text.is_empty() || !row.right.is_empty() => shown
                .last_mut()
                .unwrap()
                .push(squeeze(&format!("{}{}", row.text, row.right))),
            Shown::Number(n) => shown.last_mut().unwrap().push(format!("—{n}—")),
            Shown::Break => shown.push(Vec::new()),
            _ => {}
        }
    }
    assert_eq!(shown.len(), preview.pages);
    // Ctrl+E, PDF.
    press(&mut app, KeyCode::Esc);
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('e'),
        KeyModifiers::CONTROL,
    )));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let path = dir.path().join("lib/exports/2023-025.pdf");
    let pdf = read_pdf(&path);
    let printed: Vec<Vec<String>> = pdf
        .iter()
        .map(|p| p.rows.iter().map(|r| squeeze(&r.text())).collect())
        .collect();
    assert_eq!(printed.len(), shown.len(), "page count");
    for (k, (p, s)) in printed.iter().zip(&shown).enumerate() {
        assert_eq!(p, s, "page {}", k + 1);
    }
}

#[test]
fn the_command_line_writes_pdf_and_names_the_fonts_used_once() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    // Only the fixture faces (Noto CJK SC), in the library's fonts/.
    library_with_fixture_fonts(&lib);
    let out = jianbao(&lib, &["export", "2023-025", "--format", "pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = lib.join("exports/2023-025.pdf");
    assert_eq!(stdout(&out), format!("{}\n", path.display()));
    let err = stderr(&out);
    assert!(err.contains("已导出 2023-025（PDF）"), "{err}");
    // Faces not installed are named once, with what stood in for them.
    assert_eq!(err.matches("所设字体未安装").count(), 1, "{err}");
    assert_eq!(err.matches("仿宋_GB2312 → ").count(), 1, "{err}");
    assert!(err.contains("仿宋_GB2312 → Noto Serif CJK SC"), "{err}");
    assert!(err.contains("黑体 → Noto Sans CJK SC"), "{err}");
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    // The format follows -o's extension.
    let named = dir.path().join("简报.pdf");
    let out = jianbao(&lib, &["export", "2023-025", "-o", named.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&named).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_font_file_named_in_the_settings_that_is_not_there_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    name_font_files(&lib, &["fonts/simfang.ttf"]);
    let out = jianbao(&lib, &["export", "2023-025", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&lib.join("fonts/simfang.ttf").display().to_string()),
        "{err}"
    );
    assert!(err.contains("font_files"), "{err}");
    assert!(!lib.join("exports/2023-025.pdf").exists());
}

#[test]
fn masthead_marks_are_printed_at_the_upper_left_above_the_name() {
    use jianbao::model::{Marks, Secrecy, Urgency};
    let mut issue = sample();
    issue.marks = Marks {
        copy_number: Some("000123".into()),
        secrecy: Some(Secrecy::Secret),
        secrecy_period: Some("1年".into()),
        urgency: Some(Urgency::ExtraUrgent),
        notices: vec!["内部资料".into(), "注意保存".into()],
    };
    let settings = PrintSettings::default();
    // Rows on the grid, within the margins, as the preview's pages.
    check_layout(&issue, &settings);
    let dir = tempfile::tempdir().unwrap();
    let pdf = read_pdf(&write_pdf(&issue, &settings, dir.path()));
    let (left, top, right, _) = type_area(&settings);
    let rows = &pdf[0].rows;
    for (k, want) in ["000123", "秘密★1年", "特急", "内部资料注意保存"]
        .iter()
        .enumerate()
    {
        assert_eq!(squeeze(&rows[k].text()), *want);
        // GB/T 9704: flush left (顶格), the first lines of the type area.
        assert!((rows[k].x0() - left).abs() < 1.0, "{:?}", rows[k]);
        assert!(rows[k].words[0].y0 >= top - 1.0);
    }
    assert_eq!(squeeze(&rows[4].text()), "文明创建简报");
    assert!(rows[4].centre() > rows[3].centre());
    let mid = (rows[4].x0() + rows[4].x1()) / 2.0;
    assert!((mid - (left + right) / 2.0).abs() < 1.0);
}
