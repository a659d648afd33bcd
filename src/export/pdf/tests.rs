//! Fonts found, substituted, refused and missing; the file's PDF/A and
//! metadata. The layout read back from the file is checked in
//! `tests/export_pdf.rs`.

use super::*;
use crate::export::layout::join_title;
use crate::i18n::Lang;
use crate::store::{SAMPLE_ISSUE, codec};
use std::path::PathBuf;

fn sample() -> Issue {
    codec::decode_issue(SAMPLE_ISSUE).unwrap()
}

/// The Chinese faces committed for the tests (`tests/fixtures/fonts`,
/// subsets of Noto Serif CJK SC Regular and Bold and Noto Sans CJK SC), so
/// that they run where no Chinese font is installed.
fn fixture_fonts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts")
}

/// One font file with Chinese characters, and its family: the subset of
/// Noto Serif CJK SC, which the search for 仿宋 and 宋体 picks.
fn chinese_font() -> (PathBuf, String) {
    (
        fixture_fonts().join("NotoSerifCJKsc-Regular.subset.otf"),
        "Noto Serif CJK SC".to_string(),
    )
}

fn only(files: Vec<PathBuf>) -> FontSources {
    FontSources {
        files,
        system: false,
    }
}

fn export(settings: &PrintSettings, sources: &FontSources) -> Result<Pdf, ExportError> {
    to_pdf(&sample(), settings, sources)
}

#[test]
fn without_any_chinese_font_the_export_says_what_it_looked_for_and_how_to_get_one() {
    let err = export(&PrintSettings::default(), &FontSources::default())
        .err()
        .expect("no fonts, no PDF");
    assert!(matches!(
        err,
        ExportError::Fonts(FontError::NoChineseFont { .. })
    ));
    let zh = err.message(Lang::Zh);
    for s in [
        "找不到中文字体",
        "仿宋_GB2312",
        "方正小标宋简体",
        "黑体",
        "楷体_GB2312",
        "宋体",
        "Noto Serif CJK SC",
        "apt-get install fonts-noto-cjk",
        "font_files",
    ] {
        assert!(zh.contains(s), "{s} in {zh}");
    }
    let en = err.message(Lang::En);
    assert!(en.starts_with("No Chinese font found"), "{en}");
    assert!(
        en.contains("FandolFang") && en.contains("library.ron"),
        "{en}"
    );
}

#[test]
fn font_files_that_are_missing_or_no_fonts_are_named() {
    let dir = tempfile::TempDir::new().unwrap();
    let missing = dir.path().join("fonts/simfang.ttf");
    let err = Fonts::find(&PrintSettings::default(), &only(vec![missing.clone()]))
        .err()
        .unwrap();
    assert!(matches!(&err, FontError::File { path, .. } if *path == missing));
    assert!(err.message(Lang::Zh).contains("simfang.ttf"));
    let text = dir.path().join("notes.ttf");
    std::fs::write(&text, "not a font").unwrap();
    let err = Fonts::find(&PrintSettings::default(), &only(vec![text.clone()]))
        .err()
        .unwrap();
    assert!(matches!(&err, FontError::NotAFont(p) if *p == text));
    assert!(err.message(Lang::En).contains("not a font file"));
    // Relative paths are in the library folder.
    let settings = PrintSettings {
        font_files: vec!["fonts/simfang.ttf".into(), "/abs/kai.ttf".into()],
        ..PrintSettings::default()
    };
    let sources = FontSources::new(&settings, Some(dir.path()));
    assert_eq!(
        sources.files,
        [missing, PathBuf::from("/abs/kai.ttf")],
        "{sources:?}"
    );
    assert!(sources.system);
}

#[test]
fn faces_not_installed_are_replaced_by_the_nearest_and_said_once() {
    let (file, family) = chinese_font();
    let pdf = export(&PrintSettings::default(), &only(vec![file.clone()])).unwrap();
    let report = &pdf.fonts;
    assert!(!report.all_exact());
    let body = report
        .choices
        .iter()
        .find(|c| c.role == Role::Body)
        .unwrap();
    assert_eq!(body.wanted, "仿宋_GB2312");
    assert!(!body.exact);
    assert!(body.used.as_deref().unwrap().starts_with(&family));
    // Without a Latin face, digits and letters come from the Chinese one.
    let latin = report
        .choices
        .iter()
        .find(|c| c.role == Role::Latin)
        .unwrap();
    assert_eq!(latin.used, None);
    let summary = report.summary(Lang::Zh);
    assert!(
        summary.starts_with("所设字体未安装，用了相近的字体："),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("仿宋_GB2312 → {family}")),
        "{summary}"
    );
    assert!(summary.contains("Times New Roman → 中文字体自带的西文字母"));
    assert_eq!(summary.matches("仿宋_GB2312").count(), 1);
    // Named in the settings, the face is used as it is and not mentioned.
    let settings = PrintSettings {
        body_font: family.clone(),
        ..PrintSettings::default()
    };
    let pdf = export(&settings, &only(vec![file])).unwrap();
    let body = pdf
        .fonts
        .choices
        .iter()
        .find(|c| c.role == Role::Body)
        .unwrap();
    assert!(body.exact, "{body:?}");
    assert!(!pdf.fonts.summary(Lang::En).contains(&format!("{family} →")));
}

/// The face `role` was set in.
fn used(report: &FontReport, role: Role) -> Option<&str> {
    let choice = report.choices.iter().find(|c| c.role == role).unwrap();
    choice.used.as_deref()
}

#[test]
fn each_role_gets_the_free_face_of_its_kind() {
    // Regular and bold Noto Serif CJK SC and Noto Sans CJK SC.
    let pdf = export(&PrintSettings::default(), &only(vec![fixture_fonts()])).unwrap();
    let report = &pdf.fonts;
    // 仿宋 and 宋体 → the serif; 方正小标宋 (a heavy Song) → its bold; 黑体
    // → the sans; 楷体 → nearest is the serif.
    assert_eq!(used(report, Role::Body), Some("Noto Serif CJK SC"));
    assert_eq!(used(report, Role::PageNumber), Some("Noto Serif CJK SC"));
    assert_eq!(used(report, Role::Source), Some("Noto Serif CJK SC"));
    assert_eq!(used(report, Role::Name), Some("Noto Serif CJK SC Bold"));
    assert_eq!(used(report, Role::Title), Some("Noto Serif CJK SC Bold"));
    assert_eq!(used(report, Role::Heading), Some("Noto Sans CJK SC"));
    assert_eq!(used(report, Role::Latin), None);
    assert!(report.fallbacks.is_empty() && report.restricted.is_empty());
    let summary = report.summary(Lang::Zh);
    for line in [
        "仿宋_GB2312 → Noto Serif CJK SC",
        "方正小标宋简体 → Noto Serif CJK SC Bold",
        "黑体 → Noto Sans CJK SC",
    ] {
        assert_eq!(summary.matches(line).count(), 1, "{summary}");
    }
}

/// The same, from the faces fonts-noto-cjk installs, found where
/// fontconfig keeps them (no `font_files`).
#[test]
#[ignore = "needs fonts-noto-cjk"]
fn installed_noto_cjk_is_found_without_font_files() {
    let sources = FontSources::new(&PrintSettings::default(), None);
    assert!(sources.files.is_empty() && sources.system);
    let pdf = export(&PrintSettings::default(), &sources)
        .unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
    let report = &pdf.fonts;
    assert_eq!(used(report, Role::Body), Some("Noto Serif CJK SC"));
    assert_eq!(used(report, Role::Title), Some("Noto Serif CJK SC Bold"));
    assert_eq!(used(report, Role::Heading), Some("Noto Sans CJK SC"));
    assert!(report.restricted.is_empty(), "{report:?}");
}

/// Sets the OS/2 fsType of every face of the font file at `path` to
/// "restricted licence embedding".
fn restrict(path: &std::path::Path) {
    let mut data = std::fs::read(path).unwrap();
    let u32_at = |d: &[u8], at: usize| u32::from_be_bytes(d[at..at + 4].try_into().unwrap());
    let faces: Vec<usize> = if &data[..4] == b"ttcf" {
        (0..u32_at(&data, 8) as usize)
            .map(|i| u32_at(&data, 12 + 4 * i) as usize)
            .collect()
    } else {
        vec![0]
    };
    for face in faces {
        let tables = u16::from_be_bytes([data[face + 4], data[face + 5]]) as usize;
        for t in 0..tables {
            let record = face + 12 + 16 * t;
            if &data[record..record + 4] == b"OS/2" {
                let os2 = u32_at(&data, record + 8) as usize;
                data[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
            }
        }
    }
    std::fs::write(path, data).unwrap();
}

#[test]
fn faces_whose_licence_forbids_embedding_are_passed_over() {
    let (file, family) = chinese_font();
    let dir = tempfile::TempDir::new().unwrap();
    let copy = dir.path().join(file.file_name().unwrap());
    std::fs::copy(&file, &copy).unwrap();
    restrict(&copy);
    // Alone, the restricted copy is as good as no font.
    let err = Fonts::find(&PrintSettings::default(), &only(vec![copy.clone()]));
    assert!(matches!(err, Err(FontError::NoChineseFont { .. })));
    // Listed first, it is passed over for the same face elsewhere, and said.
    let pdf = export(&PrintSettings::default(), &only(vec![copy, file])).unwrap();
    assert!(
        pdf.fonts.restricted.iter().any(|r| r.starts_with(&family)),
        "{:?}",
        pdf.fonts
    );
    assert!(pdf.fonts.summary(Lang::Zh).contains("授权不允许嵌入"));
}

#[test]
fn a_character_no_font_has_is_named_with_its_place() {
    let (file, _) = chinese_font();
    let mut issue = sample();
    issue.sections[0].articles[0].paragraphs[0] = "会议强调\u{10FFFD}要坚持".into();
    let err = to_pdf(&issue, &PrintSettings::default(), &only(vec![file]))
        .err()
        .unwrap();
    let msg = err.message(Lang::Zh);
    assert!(msg.contains("U+10FFFD"), "{msg}");
    assert!(msg.contains("会议强调"), "{msg}");
}

#[test]
fn the_file_is_pdf_a_2b_with_title_author_and_date() {
    let (file, _) = chinese_font();
    let pdf = export(&PrintSettings::default(), &only(vec![file])).unwrap();
    let bytes = &pdf.bytes;
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(has("<pdfaid:part>2</pdfaid:part>"));
    assert!(has("<pdfaid:conformance>B</pdfaid:conformance>"));
    // XMP carries the metadata as text.
    assert!(has("文明创建简报 第25期"));
    assert!(has("周口市文明办"));
    assert!(has("2023-11-23"));
    // Bookmarks: each section, and each article under it.
    let utf16 = |s: &str| {
        let hex: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
        format!("/Title <FEFF{hex}>")
    };
    let issue = sample();
    for section in &issue.sections {
        assert!(
            has(&utf16(&format!("【{}】", section.title))),
            "{}",
            section.title
        );
        for a in &section.articles {
            assert!(has(&utf16(&join_title(&a.title))), "{:?}", a.title);
        }
    }
    // The same issue gives the same file.
    let (file, _) = chinese_font();
    let again = export(&PrintSettings::default(), &only(vec![file])).unwrap();
    assert!(again.bytes == pdf.bytes);
}
