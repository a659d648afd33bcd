//! Masthead marks (份号, 密级和保密期限, 紧急程度, 内部资料/注意保存): printed
//! where set, at the upper left above the masthead (GB/T 9704 7.2), in every
//! export and in the pages of the preview and the PDF, and read back by the
//! importer from the text and Word exports.

use jianbao::export::layout::{LineKind, layout};
use jianbao::export::page::{Grid, pages};
use jianbao::export::{Format, render};
use jianbao::import::{self, Options};
use jianbao::model::{Issue, Marks, PrintSettings, Secrecy, Urgency};
use jianbao::store::{SAMPLE_ISSUE, codec};

const MARKS: [&str; 4] = ["000123", "秘密★1年", "特急", "内部资料　注意保存"];

fn marks() -> Marks {
    Marks {
        copy_number: Some("000123".into()),
        secrecy: Some(Secrecy::Secret),
        secrecy_period: Some("1年".into()),
        urgency: Some(Urgency::ExtraUrgent),
        notices: vec!["内部资料".into(), "注意保存".into()],
    }
}

fn marked() -> Issue {
    let mut issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    issue.marks = marks();
    issue
}

fn text(format: Format) -> String {
    let bytes = render(&marked(), format, &PrintSettings::default()).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn document_xml() -> String {
    let bytes = render(&marked(), Format::Docx, &PrintSettings::default()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}

#[test]
fn the_layout_puts_the_marks_first_flush_left() {
    let lines = layout(&marked(), true);
    let kinds: Vec<LineKind> = lines.iter().take(5).map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            LineKind::Mark,
            LineKind::Mark,
            LineKind::Mark,
            LineKind::Mark,
            LineKind::BulletinName
        ]
    );
    let texts: Vec<&str> = lines.iter().take(4).map(|l| l.text.as_str()).collect();
    assert_eq!(texts, MARKS);
    // Without marks the masthead starts with the name, as before.
    let plain = layout(&codec::decode_issue(SAMPLE_ISSUE).unwrap(), true);
    assert_eq!(plain[0].kind, LineKind::BulletinName);
    // On the printed page's grid (the preview and the PDF): the first rows
    // of page 1, at the left margin, the name centred under them.
    let paged = pages(&lines, &Grid::new(&PrintSettings::default()));
    let rows = &paged[0].rows;
    for (k, want) in MARKS.iter().enumerate() {
        assert_eq!(rows[k].row.kind, LineKind::Mark);
        assert_eq!(rows[k].row.text, *want);
        assert_eq!(rows[k].row.lead, 0, "{want}");
        assert_eq!(rows[k].at, k);
    }
    assert_eq!(rows[4].row.kind, LineKind::BulletinName);
    assert!(rows[4].row.lead > 0);
}

#[test]
fn plain_text_prints_the_marks_above_the_name_at_the_left() {
    let txt = text(Format::Text);
    let lines: Vec<&str> = txt.lines().collect();
    assert_eq!(lines[..5], [&MARKS[..], &["文明创建简报"]].concat());
    // Set as a page (--wrap): the marks at the margin, the name centred.
    let settings = PrintSettings {
        text_wrap: Some(72),
        ..PrintSettings::default()
    };
    let page = String::from_utf8(render(&marked(), Format::Text, &settings).unwrap()).unwrap();
    let lines: Vec<&str> = page.lines().collect();
    assert_eq!(lines[..4], MARKS);
    assert!(
        lines[4].trim_start() == "文明创建简报" && lines[4].starts_with('　'),
        "{}",
        lines[4]
    );
}

#[test]
fn markdown_has_them_in_the_front_matter_and_above_the_name() {
    let md = text(Format::Markdown);
    let (front, body) = md.split_once("\n---\n").unwrap();
    for field in [
        "copy_number: \"000123\"",
        "secrecy: \"秘密★1年\"",
        "urgency: \"特急\"",
        "notices: [\"内部资料\", \"注意保存\"]",
    ] {
        assert!(front.contains(field), "{field}\n{front}");
    }
    let block = body.trim_start().split("\n\n").next().unwrap();
    assert_eq!(block, "000123\\\n秘密★1年\\\n特急\\\n内部资料　注意保存");
    assert!(body.contains("\n\n# 文明创建简报\n"));
    let plain = String::from_utf8(
        render(
            &codec::decode_issue(SAMPLE_ISSUE).unwrap(),
            Format::Markdown,
            &PrintSettings::default(),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(!plain.contains("secrecy") && !plain.contains("notices"));
}

#[test]
fn html_sets_them_in_the_masthead_before_the_name() {
    let html = text(Format::Html);
    let header = &html[html.find("<header class=\"masthead\">").unwrap()..];
    let name = header.find("<h1 class=\"bulletin\">").unwrap();
    let mut at = 0;
    for m in MARKS {
        let tag = format!("<p class=\"mark\">{m}</p>");
        let pos = header.find(&tag).unwrap_or_else(|| panic!("{tag}"));
        assert!(pos > at && pos < name, "{m}");
        at = pos;
    }
    assert!(html.contains(".mark {") && html.contains("text-align: left"));
}

#[test]
fn word_sets_them_flush_left_in_the_heading_font_before_the_name() {
    let xml = document_xml();
    let name = xml.find("文明创建简报").unwrap();
    let mut at = 0;
    for m in MARKS {
        let pos = xml.find(&format!(">{m}<")).unwrap_or_else(|| panic!("{m}"));
        assert!(pos > at && pos < name, "{m}");
        // Its paragraph: not centred, in 黑体.
        let start = xml[..pos].rfind("<w:p>").unwrap();
        let para = &xml[start..pos];
        assert!(!para.contains("<w:jc "), "{m}: {para}");
        assert!(para.contains("w:eastAsia=\"黑体\""), "{m}: {para}");
        at = pos;
    }
}

fn read_back(format: Format) -> Marks {
    let bytes = render(&marked(), format, &PrintSettings::default()).unwrap();
    let opts = Options {
        default_section: "工作动态".into(),
        fallback_title: "导入".into(),
    };
    let (imported, _) = import::read(&bytes, None, &opts).unwrap();
    assert_eq!(imported.masthead.number, Some(25), "{format:?}");
    assert_eq!(imported.masthead.bulletin.as_deref(), Some("文明创建简报"));
    imported.masthead.marks
}

#[test]
fn the_importer_reads_them_back_from_text_and_word() {
    assert_eq!(read_back(Format::Text), marks());
    assert_eq!(read_back(Format::Docx), marks());
    // And they survive the issue file.
    let text = codec::encode_issue(&marked());
    assert!(text.contains("secrecy: Some(Secret)"), "{text}");
    assert_eq!(codec::decode_issue(&text).unwrap().marks, marks());
}
