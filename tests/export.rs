//! Exports of the sample issue: snapshots of the text formats, the Word
//! file's XML and the HTML's self-containment. The Word package's structure
//! is checked in `docx_xml.rs`, its pages as LibreOffice prints them in
//! `docx_pdf.rs`.

use jianbao::export::{Format, render};
use jianbao::model::{ArticleKind, Issue, PrintSettings};
use jianbao::store::{SAMPLE_ISSUE, codec};
use proptest::prelude::*;
use std::io::Read;

fn sample() -> Issue {
    codec::decode_issue(SAMPLE_ISSUE).unwrap()
}

fn export(issue: &Issue, format: Format) -> Vec<u8> {
    render(issue, format, &PrintSettings::default()).unwrap()
}

fn text(issue: &Issue, format: Format) -> String {
    String::from_utf8(export(issue, format)).unwrap()
}

#[test]
fn sample_as_plain_text() {
    insta::assert_snapshot!(text(&sample(), Format::Text));
}

fn wrapped(issue: &Issue, width: u32) -> String {
    let settings = PrintSettings {
        text_wrap: Some(width),
        ..PrintSettings::default()
    };
    String::from_utf8(render(issue, Format::Text, &settings).unwrap()).unwrap()
}

#[test]
fn sample_as_plain_text_wrapped_at_40() {
    insta::assert_snapshot!(wrapped(&sample(), 40));
}

/// Checks a wrapped export: no line wider than `width`, none starting
/// (after its indent) with punctuation that may not start a line, every
/// character of the paragraphs still there in order.
fn check_wrapped(issue: &Issue, width: u32) -> Result<(), TestCaseError> {
    let text = wrapped(issue, width);
    for line in text.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        prop_assert!(
            w <= width as usize,
            "{} columns at --wrap {}: {}",
            w,
            width,
            line
        );
        let first = line.trim_start_matches([' ', '\u{3000}']).chars().next();
        prop_assert!(
            !first.is_some_and(|c| "，。、；：？！”）》".contains(c)),
            "line starts with {:?} at --wrap {}: {}",
            first,
            width,
            line
        );
    }
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for p in issue.articles().flat_map(|a| &a.paragraphs) {
        let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert!(
            squeezed.contains(&p),
            "paragraph lost at --wrap {}: {}",
            width,
            p
        );
    }
    Ok(())
}

/// Chinese prose in fragments: words, each maybe followed by a stop or
/// comma, quoted and bracketed phrases, numbers, Latin words. (A run of
/// closing marks longer than a row could only break before one of them.)
fn prose() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "文",
        "明创",
        "建工作",
        "文明，",
        "创建。",
        "工作、",
        "会议；",
        "要求：",
        "是否？",
        "好！",
        "“文明”",
        "（创建）",
        "《文明》",
        "……",
        "——",
        "2023",
        "11月",
        "Rust ",
        "“创建”。",
    ]);
    prop::collection::vec(piece, 1..80).prop_map(|v| format!("简{}", v.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn wrapped_text_fits_and_keeps_the_line_breaking_rules(
        width in 10u32..130,
        paragraphs in prop::collection::vec(prose(), 1..4),
        brief in any::<bool>(),
    ) {
        let mut issue = sample();
        let article = &mut issue.sections[0].articles[0];
        article.paragraphs = paragraphs;
        if brief {
            article.kind = ArticleKind::Brief;
        }
        check_wrapped(&issue, width)?;
    }
}

#[test]
fn the_sample_wraps_at_every_width() {
    for width in 10..=130 {
        check_wrapped(&sample(), width).unwrap();
    }
}

#[test]
fn sample_as_markdown() {
    insta::assert_snapshot!(text(&sample(), Format::Markdown));
}

/// The parts of a .docx file, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    &parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

#[test]
fn docx_is_laid_out_to_gbt_9704() {
    let mut issue = sample();
    issue.sections[1].articles[1].source = Some("扶沟县文明办".into());
    let parts = unzip(&export(&issue, Format::Docx));
    let doc = part(&parts, "word/document.xml");
    // A4, margins 37/35/28/26 mm, a grid of 22 lines of 28 characters.
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "{doc}"
    );
    assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
    assert!(doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579" w:charSpace="-842"/>"#));
    // Even and odd footers.
    assert!(doc.contains(r#"<w:footerReference w:type="default""#));
    assert!(doc.contains(r#"<w:footerReference w:type="even""#));
    assert!(part(&parts, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    // Fonts: Chinese per role, digits and Latin in Times New Roman.
    for font in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(
            doc.contains(&format!(
                r#"w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{font}" w:cs="Times New Roman""#
            )),
            "{font}"
        );
    }
    // Masthead in red at 初号; titles 二号; body 三号 with exact spacing of
    // one grid line and a two-character first-line indent, condensed to
    // the grid.
    assert!(doc.contains(r#"<w:color w:val="FF0000"/><w:sz w:val="84"/><w:szCs w:val="84"/>"#));
    assert!(doc.contains(r#"<w:sz w:val="44"/>"#));
    assert!(doc.contains(r#"<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="632"/><w:jc w:val="both"/>"#));
    assert!(doc.contains(r#"<w:spacing w:val="-5"/><w:sz w:val="32"/>"#));
    // The red rule under the masthead: one bottom border, nothing else.
    assert!(
        doc.contains(
            r#"<w:pBdr><w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="0"/></w:pBdr>"#
        ),
        "{doc}"
    );
    // Contents, sections, a two-line title kept as one paragraph of two lines.
    assert!(doc.contains(">本期要目<"));
    assert!(doc.contains(">【经验交流】<"));
    assert!(doc.contains(r#">市委统战部实施四项举措</w:t></w:r><w:r><w:rPr>"#));
    assert!(doc.contains(r#"<w:br/><w:t xml:space="preserve">推动文明单位创建走深走实<"#));
    assert!(doc.contains(">（扶沟县文明办）<"));
    // Dates without leading zeros; briefs run in with a bold title.
    assert!(doc.contains(">2023年11月23日<"));
    assert!(doc.contains(r#"w:cs="Times New Roman"/><w:b/><w:bCs/><w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">商水县举办“和美乡村·乡风文明”文艺演出。</w:t>"#), "{doc}");
    // Closing block between rules.
    for s in [
        "报：省文明办",
        "共印80份",
        "编辑：李明　　审核：王芳　　签发：张华",
    ] {
        assert!(doc.contains(s), "{s}");
    }
    // The Normal style carries the body size (LibreOffice sizes its grid by it).
    let styles = part(&parts, "word/styles.xml");
    assert!(
        styles.contains(r#"w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:rFonts"#)
            && styles.contains(r#"<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>"#),
        "{styles}"
    );
}

#[test]
fn docx_follows_the_print_settings() {
    let settings = PrintSettings {
        body_font: "宋体".into(),
        margin_top_mm: 30,
        lines_per_page: 20,
        contents: false,
        ..PrintSettings::default()
    };
    let parts = unzip(&render(&sample(), Format::Docx, &settings).unwrap());
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains(r#"w:top="1701""#));
    // (16838 - 1701 - 1984) / 20
    assert!(doc.contains(r#"w:linePitch="657""#));
    assert!(doc.contains(r#"w:eastAsia="宋体""#));
    assert!(!doc.contains("仿宋_GB2312"));
    assert!(!doc.contains("本期要目"));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let html = text(&sample(), Format::Html);
    for bad in [
        "http:", "https:", "src=", "<link", "<script", "<img", "url(",
    ] {
        assert!(!html.contains(bad), "{bad}");
    }
    let mut issue = sample();
    issue.sections[0].articles[0].paragraphs[0] =
        "<script>alert(1)</script><img src=x onerror=alert(2)>".into();
    let injected = text(&issue, Format::Html);
    assert!(!injected.contains("<script") && !injected.contains("<img"));
    assert!(injected.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    // A4 print layout with the GB/T margins and page numbers; a responsive
    // screen layout.
    assert!(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"));
    assert!(html.contains("@bottom-right") && html.contains("@bottom-left"));
    assert!(html.contains("@media print"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("\"仿宋_GB2312\", \"FangSong_GB2312\""));
    assert!(html.contains("<h3>市委统战部实施四项举措<br>推动文明单位创建走深走实</h3>"));
    assert!(html.contains("<p><strong>商水县举办“和美乡村·乡风文明”文艺演出。</strong>为深入"));
    assert!(html.contains("<a href=\"#a2-1\">市委统战部实施四项举措 推动文明单位创建走深走实</a>"));
    assert!(html.contains("<span class=\"label\">报：</span>省文明办"));
    // In print the closing block is pushed to the foot of the last page:
    // the sample's leaves 4457 twips (78.6 mm) above it in Word, plus the
    // three rules' lines (3 × 40 twips) that HTML draws as borders.
    assert!(html.contains(".closing { font-size: 14pt; margin-top: 80.7mm; border-top-width"));
}
