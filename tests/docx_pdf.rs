//! The Word export as LibreOffice prints it, measured in the PDF: page
//! count and grid, no blank row at the top of a page, the closing block's
//! last rule on the bottom edge of the type area, page numbers 7 mm below it
//! on the outer side, and 本期要目's page numbers where the articles start.
//!
//! These tests need `soffice` (LibreOffice) and `pdftotext`/`pdftoppm`
//! (poppler-utils); `.ci/run` installs them and runs the tests with
//! `--ignored`. Elsewhere they are listed as ignored ("needs soffice"); run
//! them with `cargo test --test docx_pdf -- --ignored`. Under CI (`CI=true`)
//! a missing tool fails the test instead of skipping it.

use jianbao::export::docx::Geometry;
use jianbao::export::{Format, render};
use jianbao::model::{Article, ArticleKind, Issue, PrintSettings, Section};
use jianbao::store::{SAMPLE_ISSUE, codec};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sample() -> Issue {
    codec::decode_issue(SAMPLE_ISSUE).unwrap()
}

/// Points per millimetre.
const PT_PER_MM: f64 = 72.0 / 25.4;

/// A program on the PATH, or a failure under CI (a skip is only honest
/// where nobody promised the tool).
fn tool(names: &[&str]) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .flat_map(|d| names.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
    });
    match found {
        Some(p) => p,
        None => panic!(
            "{} not found: install libreoffice-writer-nogui, fonts-noto-cjk and poppler-utils \
             (.ci/run does when CI=true)",
            names.join(" or ")
        ),
    }
}

fn office() -> PathBuf {
    tool(&["soffice", "libreoffice"])
}

/// Converts each `(name, docx)` to PDF with LibreOffice in one run;
/// returns the PDFs' paths.
fn to_pdfs(dir: &Path, docs: &[(String, Vec<u8>)]) -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for (name, bytes) in docs {
        let input = dir.join(format!("{name}.docx"));
        std::fs::write(&input, bytes).unwrap();
        inputs.push(input);
    }
    // A private profile: a running LibreOffice of the user's is not disturbed.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let out = Command::new(office())
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(&inputs)
        .output()
        .expect("run LibreOffice");
    docs.iter()
        .map(|(name, _)| {
            let pdf = dir.join(format!("{name}.pdf"));
            assert!(
                pdf.is_file(),
                "LibreOffice made no {name}.pdf: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            pdf
        })
        .collect()
}

/// A word of the PDF's text, in points from the page's top left.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// The words of every page, from `pdftotext -bbox`, and the page count.
fn words(pdf: &Path) -> (Vec<Word>, usize) {
    let out = Command::new(tool(&["pdftotext"]))
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |s: &str, name: &str| -> f64 {
        let at = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[at..s[at..].find('"').unwrap() + at].parse().unwrap()
    };
    let mut words = Vec::new();
    let mut pages = 0;
    for (n, page) in html.split("<page ").skip(1).enumerate() {
        pages = n + 1;
        for w in page.split("<word ").skip(1) {
            let text = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
            words.push(Word {
                page: n + 1,
                x0: attr(w, "xMin"),
                y0: attr(w, "yMin"),
                x1: attr(w, "xMax"),
                y1: attr(w, "yMax"),
                text: text.replace("&amp;", "&"),
            });
        }
    }
    (words, pages)
}

/// A grey raster of part of a page: `(width, height, pixels)`, `dpi` dots
/// per inch, the crop given in points.
fn raster(pdf: &Path, page: usize, dpi: u32, crop: [f64; 4]) -> (usize, usize, Vec<u8>) {
    let px = |pt: f64| ((pt * f64::from(dpi) / 72.0).round() as i64).to_string();
    let out = Command::new(tool(&["pdftoppm"]))
        .args(["-gray", "-r", &dpi.to_string()])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .args(["-x", &px(crop[0]), "-y", &px(crop[1])])
        .args(["-W", &px(crop[2]), "-H", &px(crop[3])])
        .arg(pdf)
        .output()
        .expect("run pdftoppm");
    // Binary PGM: "P5\n<w> <h>\n255\n" then the pixels.
    let data = out.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..at]).to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, data[at + 1..at + 1 + w * h].to_vec())
}

/// The page's frame in points: type area top, bottom, left, right.
struct Frame {
    top: f64,
    bottom: f64,
    left: f64,
    right: f64,
    pitch: f64,
}

fn frame(s: &PrintSettings) -> Frame {
    let g = Geometry::new(s);
    Frame {
        top: f64::from(s.margin_top_mm) * PT_PER_MM,
        bottom: (297.0 - f64::from(s.margin_bottom_mm)) * PT_PER_MM,
        left: f64::from(s.margin_left_mm) * PT_PER_MM,
        right: (210.0 - f64::from(s.margin_right_mm)) * PT_PER_MM,
        pitch: f64::from(g.line_pitch) / 20.0,
    }
}

/// Rules across the type area on `page`: the y (points) of every run of
/// rows dark across at least 90% of its width.
fn rules(pdf: &Path, page: usize, f: &Frame) -> Vec<f64> {
    let dpi = 150;
    let (w, h, px) = raster(
        pdf,
        page,
        dpi,
        [
            f.left,
            f.top - 20.0,
            f.right - f.left,
            f.bottom - f.top + 40.0,
        ],
    );
    let mut rows: Vec<usize> = Vec::new();
    for y in 0..h {
        let dark = px[y * w..(y + 1) * w].iter().filter(|&&p| p < 160).count();
        if dark * 10 >= w * 9 {
            rows.push(y);
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    for y in rows {
        match out.last_mut() {
            Some(run) if y - run.last().unwrap() <= 1 => run.push(y),
            _ => out.push(vec![y]),
        }
    }
    out.iter()
        .map(|run| {
            let mid = run.iter().sum::<usize>() as f64 / run.len() as f64;
            f.top - 20.0 + mid * 72.0 / f64::from(dpi)
        })
        .collect()
}

/// The y (points) of the page number's first dash stroke on `page`.
fn dash_stroke(pdf: &Path, page: usize, dash: &Word) -> f64 {
    let dpi = 600;
    let (w, h, px) = raster(
        pdf,
        page,
        dpi,
        [
            dash.x0,
            dash.y0 - 5.0,
            dash.x1 - dash.x0,
            dash.y1 - dash.y0 + 10.0,
        ],
    );
    let rows: Vec<usize> = (0..h)
        .filter(|y| px[y * w..(y + 1) * w].iter().filter(|&&p| p < 128).count() * 2 > w)
        .collect();
    assert!(!rows.is_empty(), "no dash stroke on page {page}");
    let mid = (rows[0] + rows[rows.len() - 1]) as f64 / 2.0;
    dash.y0 - 5.0 + mid * 72.0 / f64::from(dpi)
}

#[test]
#[ignore = "needs soffice"]
fn libreoffice_prints_the_sample_to_gbt_9704() {
    let settings = PrintSettings::default();
    let f = frame(&settings);
    let dir = tempfile::tempdir().unwrap();
    let docx = render(&sample(), Format::Docx, &settings).unwrap();
    let pdf = to_pdfs(dir.path(), &[("sample".into(), docx.clone())]).remove(0);
    let (words, pages) = words(&pdf);
    // Measured with the Noto CJK fonts: 8 pages, as the flow estimates.
    let lines = jianbao::export::layout::layout(&sample(), true);
    let flow = jianbao::export::flow::flow(&lines, &settings, &Geometry::new(&settings));
    assert_eq!(pages, flow.pages, "pages");
    assert!((7..=9).contains(&pages));
    for page in 1..=pages {
        let on: Vec<&Word> = words.iter().filter(|w| w.page == page).collect();
        let (body, foot): (Vec<&Word>, Vec<&Word>) =
            on.iter().partition(|w| w.y1 <= f.bottom + 2.0);
        // No blank row at the top: the first text sits in the first line.
        let first = body.iter().map(|w| w.y0).fold(f64::MAX, f64::min);
        assert!(
            first - f.top < f.pitch * 0.5,
            "page {page}: text starts {:.1} mm below the type area's top",
            (first - f.top) / PT_PER_MM
        );
        // — N — with its dashes 7 mm below the type area, at the outer side.
        let number: String = foot.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(number, format!("—{page}—"), "page {page}");
        let dash = foot.iter().find(|w| w.text == "—").unwrap();
        let gap = (dash_stroke(&pdf, page, dash) - f.bottom) / PT_PER_MM;
        assert!(
            (6.5..=7.5).contains(&gap),
            "page {page}: page number {gap:.2} mm below the type area"
        );
        let centre = (dash.x0 + foot.last().unwrap().x1) / 2.0;
        if page % 2 == 1 {
            assert!(centre > (f.left + f.right) / 2.0, "odd page {page}: right");
        } else {
            assert!(centre < (f.left + f.right) / 2.0, "even page {page}: left");
        }
    }
    // The closing block at the foot of the last page: three rules, the
    // last on the type area's bottom edge, the block's text between them.
    let found = rules(&pdf, pages, &f);
    assert_eq!(found.len(), 3, "closing rules: {found:?}");
    let last = found[2];
    assert!(
        (f.bottom - last).abs() < PT_PER_MM,
        "last rule {:.2} mm above the type area's bottom",
        (f.bottom - last) / PT_PER_MM
    );
    let squeeze = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .collect()
    };
    let below: String = words
        .iter()
        .filter(|w| w.page == pages && w.y0 > found[0] && w.y1 < f.bottom)
        .map(|w| squeeze(&w.text))
        .collect();
    let closing: String = jianbao::export::layout::layout(&sample(), false)
        .iter()
        .filter(|l| {
            matches!(
                l.kind,
                jianbao::export::layout::LineKind::Distribution { .. }
                    | jianbao::export::layout::LineKind::Staff
            )
        })
        .map(|l| squeeze(&format!("{}{}", l.text, l.right)))
        .collect();
    assert_eq!(below, closing, "between the closing rules");
    // 本期要目's page numbers are the pages the articles start on.
    let issue = sample();
    for (at, page) in &flow.article_pages {
        let article = &issue.sections[at.section].articles[at.article];
        let head: String = article.title.concat().chars().take(5).collect();
        let printed = words
            .iter()
            .find(|w| w.page > 1 && w.text.starts_with(&head))
            .map(|w| w.page);
        assert_eq!(printed, Some(*page), "{head}");
        let entry = words
            .iter()
            .filter(|w| w.page == 1)
            .skip_while(|w| !w.text.starts_with(&head))
            .find(|w| w.text.contains('·'))
            .map(|w| w.text.rsplit('·').next().unwrap().to_string());
        assert_eq!(entry, Some(page.to_string()), "contents entry {head}");
    }
}

/// An issue of `n` one-line paragraphs (26 characters after the
/// two-character indent fill a 28-character line exactly), with the
/// sample's closing block when `closing`.
fn grid_issue(n: usize, closing: bool) -> Issue {
    let mut issue = sample();
    issue.sections = vec![Section {
        title: "工作动态".into(),
        articles: vec![Article {
            title: vec!["网格测试".into()],
            kind: ArticleKind::Feature,
            source: None,
            paragraphs: (0..n).map(|_| "文".repeat(26)).collect(),
            submission: None,
        }],
    }];
    if !closing {
        issue.closing = Default::default();
    }
    issue
}

#[test]
#[ignore = "needs soffice"]
fn libreoffice_keeps_the_grid() {
    // The first page holds the masthead, the section heading, the title
    // and 12 paragraph lines; every further page 22 lines of 28 characters.
    // 12 + 2 × 22 lines fill three pages exactly; one more line needs a
    // fourth. A grid off by one line or character breaks this.
    let settings = PrintSettings {
        contents: false,
        ..PrintSettings::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<(String, Vec<u8>)> = [56, 57]
        .iter()
        .map(|&n| {
            let docx = render(&grid_issue(n, false), Format::Docx, &settings).unwrap();
            (format!("grid{n}"), docx)
        })
        .collect();
    let pdfs = to_pdfs(dir.path(), &docs);
    let counts: Vec<usize> = pdfs.iter().map(|p| words(p).1).collect();
    assert_eq!(counts, [3, 4]);
}

#[test]
#[ignore = "needs soffice"]
fn the_closing_block_ends_on_the_type_areas_foot_however_full_the_last_page() {
    // From a last page with room to spare, through one just full, to one
    // with no room: the block's last rule is on the foot of the last page,
    // below all text, and nothing prints after it.
    let settings = PrintSettings {
        contents: false,
        ..PrintSettings::default()
    };
    let f = frame(&settings);
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<(String, Vec<u8>)> = (50..=57)
        .map(|n| {
            let docx = render(&grid_issue(n, true), Format::Docx, &settings).unwrap();
            (format!("closing{n}"), docx)
        })
        .collect();
    let pdfs = to_pdfs(dir.path(), &docs);
    for (pdf, (name, _)) in pdfs.iter().zip(&docs) {
        let (words, pages) = words(pdf);
        let found = rules(pdf, pages, &f);
        assert_eq!(found.len(), 3, "{name}: rules {found:?}");
        assert!(
            (f.bottom - found[2]).abs() < PT_PER_MM,
            "{name}: last rule {:.2} mm above the foot",
            (f.bottom - found[2]) / PT_PER_MM
        );
        let paragraph_text = words
            .iter()
            .filter(|w| w.page == pages && w.text.starts_with("文文"));
        for w in paragraph_text {
            assert!(w.y1 < found[0], "{name}: text under the closing block");
        }
        // All the body text is printed: 26 characters a paragraph.
        let chars: usize = words
            .iter()
            .map(|w| w.text.chars().filter(|&c| c == '文').count())
            .sum();
        let n: usize = name.trim_start_matches("closing").parse().unwrap();
        // 文 also appears in 文明办 of the closing block and the masthead.
        assert!(chars >= n * 26, "{name}: {chars} characters");
    }
}
