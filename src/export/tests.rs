use super::docx::Geometry;
use super::layout::{Align, ArticleRef, LineKind, clean, join_title, layout, run_in_title};
use super::*;
use crate::model::{Article, ArticleKind, Closing, FontSize, Settings};
use crate::store::codec;
use crate::test_support::small_issue;
use proptest::prelude::*;

fn kinds(issue: &Issue, contents: bool) -> Vec<LineKind> {
    layout(issue, contents).iter().map(|l| l.kind).collect()
}

#[test]
fn layout_orders_masthead_contents_sections_and_closing() {
    use LineKind::*;
    let lines = layout(&small_issue(), true);
    let texts: Vec<(LineKind, &str, &str)> = lines
        .iter()
        .map(|l| (l.kind, l.text.as_str(), l.right.as_str()))
        .collect();
    let head = "商水县举办文艺演出。".len();
    let head2 = "太康县举行报告会？".len();
    assert_eq!(
        texts,
        vec![
            (BulletinName, "文明创建简报", ""),
            (Number, "第3期（总第45期）", ""),
            (IssuerDate, "周口市文明办", "2024年1月5日"),
            (MastheadRule, "", ""),
            (Blank, "", ""),
            (ContentsHeading, "本期要目", ""),
            (ContentsSection, "【经验交流】", ""),
            (ContentsEntry, "市委统战部实施四项举措 推动创建走深走实", ""),
            (ContentsSection, "【文明时讯】", ""),
            (ContentsEntry, "商水县举办文艺演出", ""),
            (ContentsEntry, "太康县举行报告会？", ""),
            (Blank, "", ""),
            (Section, "【经验交流】", ""),
            (Blank, "", ""),
            (Title, "市委统战部实施四项举措", ""),
            (Title, "推动创建走深走实", ""),
            (Source, "（市委统战部）", ""),
            (Blank, "", ""),
            (Paragraph, "第一段。", ""),
            (Paragraph, "第二段 有制表。", ""),
            (Blank, "", ""),
            (Section, "【文明时讯】", ""),
            (Blank, "", ""),
            (
                BriefParagraph { title_len: head },
                "商水县举办文艺演出。11月17日，演出。",
                ""
            ),
            (
                BriefParagraph { title_len: head2 },
                "太康县举行报告会？近日，举行。（太康县文明办）",
                ""
            ),
            (Blank, "", ""),
            (ClosingRule { heavy: true }, "", ""),
            (
                Distribution {
                    label_len: "报：".len()
                },
                "报：省文明办",
                ""
            ),
            (ClosingRule { heavy: false }, "", ""),
            (Staff, "编辑：李明　　签发：张华", "共印80份"),
            (ClosingRule { heavy: true }, "", ""),
        ]
    );
    // Lines of an article point back at it (the empty section is skipped
    // in print but keeps its index).
    let brief_line = lines
        .iter()
        .find(|l| matches!(l.kind, BriefParagraph { .. }))
        .unwrap();
    assert_eq!(
        brief_line.article,
        Some(ArticleRef {
            section: 2,
            article: 0
        })
    );
    assert_eq!(
        brief_line.split_run_in(),
        ("商水县举办文艺演出。", "11月17日，演出。")
    );
    assert!(!kinds(&small_issue(), false).contains(&ContentsHeading));
}

#[test]
fn line_kinds_know_their_setting() {
    assert_eq!(LineKind::Title.align(), Align::Center);
    assert_eq!(LineKind::Paragraph.align(), Align::Justify);
    assert_eq!(LineKind::Staff.align(), Align::Spread);
    assert_eq!(LineKind::Paragraph.first_line_indent(), 2);
    assert_eq!(LineKind::Title.first_line_indent(), 0);
    assert_eq!(LineKind::Distribution { label_len: 6 }.side_margin(), 1);
    assert!(LineKind::ClosingRule { heavy: false }.is_rule());
    assert!(!LineKind::Blank.is_rule());
}

#[test]
fn supplements_and_empty_closing_blocks() {
    let mut issue = small_issue();
    issue.supplement = true;
    issue.total = None;
    issue.closing = Closing::default();
    let lines = layout(&issue, false);
    assert_eq!(lines[1].text, "增刊第3期");
    assert!(matches!(
        lines.last().unwrap().kind,
        LineKind::BriefParagraph { .. }
    ));
    // Only copies: a closing block of one line between heavy rules.
    issue.closing.copies = Some(5);
    let tail: Vec<LineKind> = kinds(&issue, false).into_iter().rev().take(3).collect();
    assert_eq!(
        tail,
        vec![
            LineKind::ClosingRule { heavy: true },
            LineKind::Staff,
            LineKind::ClosingRule { heavy: true }
        ]
    );
}

#[test]
fn titles_join_and_run_in_sensibly() {
    let t = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(join_title(&t(&["上行", "下行"])), "上行 下行");
    assert_eq!(join_title(&t(&["上行，", "下行"])), "上行，下行");
    assert_eq!(join_title(&t(&["上行", "“下行”"])), "上行“下行”");
    assert_eq!(join_title(&t(&["  ", "只有一行 "])), "只有一行");
    assert_eq!(run_in_title(&t(&["标题"])), "标题。");
    assert_eq!(run_in_title(&t(&["标题！"])), "标题！");
    assert_eq!(run_in_title(&t(&["标题……"])), "标题……");
    assert_eq!(run_in_title(&t(&[""])), "");
}

#[test]
fn clean_drops_controls_and_trims() {
    assert_eq!(
        clean("\u{3000}\u{3000}正文\t内容\r\n续\u{1b}[31m\u{feff} "),
        "正文 内容  续[31m"
    );
    assert_eq!(clean("\u{85}a\u{7f}"), "a");
}

#[test]
fn plain_text_spreads_and_indents() {
    let text = txt::to_text(&small_issue(), &PrintSettings::default());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "文明创建简报");
    assert!(
        lines[2].starts_with("\u{3000}周口市文明办\u{3000}"),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with("\u{3000}2024年1月5日"), "{}", lines[2]);
    // The date ends one character in from a 28-character line.
    use unicode_width::UnicodeWidthStr;
    assert_eq!(lines[2].width(), 56 - 2);
    assert_eq!(lines[3], "─".repeat(56));
    assert!(text.contains("\n\u{3000}\u{3000}第一段。\n"));
    assert!(text.contains("\n\u{3000}报：省文明办\n"));
    assert!(text.ends_with("共印80份\n────────────────────────────────────────────────────────\n"));
    assert!(!text.contains('\u{7}'));
}

#[test]
fn markdown_escapes_what_markdown_would_read() {
    assert_eq!(md::escape("# 标题"), "\\# 标题");
    assert_eq!(md::escape("1. 一是"), "1\\. 一是");
    assert_eq!(md::escape("- 列表"), "\\- 列表");
    assert_eq!(
        md::escape("a*b_c[d]<e>&f|g~h`i\\"),
        "a\\*b\\_c\\[d\\]\\<e\\>\\&f\\|g\\~h\\`i\\\\"
    );
    assert_eq!(md::escape("2023年"), "2023年");
    let mut issue = small_issue();
    issue.bulletin = "简报\"引号\"".into();
    let text = md::to_markdown(&issue, false);
    assert!(!text.contains("本期要目"));
    assert!(text.starts_with("---\nbulletin: \"简报\\\"引号\\\"\"\nnumber: 3\ntotal: 45\nsupplement: false\ndate: 2024-01-05\nissuer: \"周口市文明办\"\n---\n"), "{text}");
    assert!(text.contains("\n**商水县举办文艺演出**。11月17日，演出。\n"));
    assert!(text.contains("\n**太康县举行报告会**？近日，举行。（太康县文明办）\n"));
}

#[test]
fn markdown_prints_the_contents_when_asked() {
    let issue = small_issue();
    let text = md::to_markdown(&issue, true);
    let at = text
        .find("**本期要目**")
        .unwrap_or_else(|| panic!("{text}"));
    // After the masthead, before the first section; empty sections left out.
    assert!(at > text.find("# 文明创建简报").unwrap());
    assert!(at < text.find("## 经验交流").unwrap());
    assert!(
        text.contains("【经验交流】\n\n- 市委统战部实施四项举措 推动创建走深走实\n\n【文明时讯】\n\n- 商水县举办文艺演出\n- 太康县举行报告会？"),
        "{text}"
    );
    assert!(!text.contains("【空栏目】"));
    // Through render, as the editor's export and the command line ask.
    let no = PrintSettings {
        contents: false,
        ..PrintSettings::default()
    };
    let off = String::from_utf8(render(&issue, Format::Markdown, &no).unwrap()).unwrap();
    assert!(!off.contains("本期要目"));
    let on =
        String::from_utf8(render(&issue, Format::Markdown, &PrintSettings::default()).unwrap())
            .unwrap();
    assert_eq!(on.contains("本期要目"), PrintSettings::default().contents);
}

#[test]
fn html_escapes_text_and_settings() {
    let mut issue = small_issue();
    issue.sections[0].articles[0].paragraphs[0] = "<script>alert('x')</script> & more".into();
    let settings = PrintSettings {
        body_font: "仿宋</style><script>".into(),
        ..PrintSettings::default()
    };
    let html = html::to_html(&issue, &settings);
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert_eq!(html.matches("</style>").count(), 1);
}

#[test]
fn geometry_follows_gbt_9704() {
    let g = Geometry::new(&PrintSettings::default());
    assert_eq!((g.top, g.bottom, g.left, g.right), (2098, 1984, 1587, 1474));
    assert_eq!(g.text_width, 8845);
    assert_eq!(g.line_pitch, 579);
    assert_eq!(g.char_space, -842);
    assert_eq!(g.squeeze, -5);
    // 28 condensed characters fit the line, 22 lines the page.
    assert!(28 * (320 + g.squeeze) <= g.text_width);
    assert!(22 * g.line_pitch <= g.text_height);
    assert!(23 * g.line_pitch > g.text_height);
}

#[test]
fn formats_parse_and_name_files() {
    assert_eq!(Format::parse("DOCX"), Some(Format::Docx));
    assert_eq!(Format::parse("markdown"), Some(Format::Markdown));
    assert_eq!(Format::parse(".PDF"), Some(Format::Pdf));
    assert_eq!(Format::parse("odt"), None);
    assert_eq!(Format::from_path(Path::new("out/a.pdf")), Some(Format::Pdf));
    assert_eq!(
        Format::from_path(Path::new("out/a.htm")),
        Some(Format::Html)
    );
    let id: IssueId = "2023-025".parse().unwrap();
    assert_eq!(
        default_path(Path::new("/lib"), &id, Format::Text),
        Path::new("/lib/exports/2023-025.txt")
    );
}

#[test]
fn bad_print_settings_are_refused() {
    let settings = PrintSettings {
        margin_left_mm: 150,
        margin_right_mm: 50,
        ..PrintSettings::default()
    };
    assert!(matches!(
        render(&small_issue(), Format::Docx, &settings),
        Err(ExportError::Settings(PrintProblem::Margins))
    ));
    let settings = PrintSettings {
        lines_per_page: 0,
        ..PrintSettings::default()
    };
    assert!(matches!(
        render(&small_issue(), Format::Text, &settings),
        Err(ExportError::Settings(PrintProblem::Grid))
    ));
}

#[test]
fn writing_refuses_to_overwrite_without_permission() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    write(&path, b"one", false).unwrap();
    assert!(matches!(
        write(&path, b"two", false),
        Err(ExportError::Exists(_))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), b"one");
    write(&path, b"two", true).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"two");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn print_settings_stay_out_of_library_ron_until_changed() {
    let text = codec::encode_settings(&Settings::default());
    assert!(!text.contains("export"), "{text}");
    // An old library.ron without the section loads with the defaults.
    let old = "(schema: 1, bulletin: \"工作简报\", issuer: \"办公室\")";
    assert_eq!(
        codec::decode_settings(old).unwrap().export,
        PrintSettings::default()
    );
    // A partial section keeps the other defaults; sizes read as names,
    // points or numbers.
    let partial = "(schema: 1, bulletin: \"b\", issuer: \"i\", export: (contents: false, body_size: \"小三\", title_size: 21, name_size: \"40.5pt\", name_color: \"#c00000\"))";
    let s = codec::decode_settings(partial).unwrap().export;
    assert!(!s.contents);
    assert_eq!(s.body_size.points(), 15.0);
    assert_eq!(s.title_size.points(), 21.0);
    assert_eq!(s.name_size.points(), 40.5);
    assert_eq!(s.name_color.hex(), "C00000");
    assert_eq!(s.margin_top_mm, 37);
    // Round trip.
    let settings = Settings {
        export: s.clone(),
        ..Settings::default()
    };
    let text = codec::encode_settings(&settings);
    assert!(text.contains("body_size: \"小三\""), "{text}");
    assert!(text.contains("name_size: \"40.5pt\""), "{text}");
    assert_eq!(codec::decode_settings(&text).unwrap().export, s);
    // Typos and bad values are reported with a position.
    for bad in [
        "export: (body_sise: \"三号\")",
        "export: (body_size: \"大号\")",
        "export: (name_color: \"red\")",
    ] {
        let text = format!("(schema: 1, bulletin: \"b\", issuer: \"i\", {bad})");
        assert!(codec::decode_settings(&text).is_err(), "{bad}");
    }
}

#[test]
fn font_sizes_parse_and_print() {
    assert_eq!(FontSize::parse("三号"), Some(FontSize::SAN_HAO));
    assert_eq!(FontSize::parse("16"), Some(FontSize::SAN_HAO));
    assert_eq!(FontSize::parse("10.5pt").unwrap().name(), Some("五号"));
    assert_eq!(FontSize::parse("0"), None);
    assert_eq!(FontSize::parse("2000"), None);
    assert_eq!(FontSize::parse("17").unwrap().to_string(), "17pt");
    assert_eq!(FontSize::parse("17.25").unwrap().to_string(), "17.5pt");
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\PC]{0,40}",
        "[<>&\"'*_#`\\\\\u{0}-\u{1f}\u{3000}一-龥a-z0-9 ]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the clerk typed, every format renders, nothing of the text
    /// becomes markup or a control character, and every paragraph's text
    /// is in the plain-text export.
    #[test]
    fn any_text_exports_safely(
        title in text_strategy(),
        source in proptest::option::of(text_strategy()),
        paragraphs in proptest::collection::vec(text_strategy(), 0..4),
        is_brief in any::<bool>(),
        recipients in text_strategy(),
    ) {
        let mut issue = small_issue();
        issue.sections[0].articles.push(Article {
            title: vec![title.clone(), "第二行".into()],
            kind: if is_brief { ArticleKind::Brief } else { ArticleKind::Feature },
            source,
            paragraphs: paragraphs.clone(),
            submission: None,
        });
        issue.closing.distribution[0].recipients = recipients;
        let settings = PrintSettings::default();
        let text = txt::to_text(&issue, &settings);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        for p in &paragraphs {
            prop_assert!(text.contains(&clean(p)));
        }
        let html = html::to_html(&issue, &settings);
        prop_assert_eq!(html.matches('<').count(), html::to_html(&small_issue_with_blank(&issue), &settings).matches('<').count());
        let md = md::to_markdown(&issue, true);
        prop_assert!(!md.chars().any(|c| c.is_control() && c != '\n'));
        prop_assert!(render(&issue, Format::Docx, &settings).is_ok());
    }
}

/// `issue` with every text of the added article replaced by a plain word,
/// so its HTML has exactly the same tags.
fn small_issue_with_blank(issue: &Issue) -> Issue {
    let mut plain = issue.clone();
    let a = plain.sections[0].articles.last_mut().unwrap();
    let word = |s: &String| {
        if clean(s).is_empty() {
            String::new()
        } else {
            "字".to_string()
        }
    };
    a.title = a.title.iter().map(word).collect();
    a.source = a.source.as_ref().map(word);
    a.paragraphs = a.paragraphs.iter().map(word).collect();
    let r = &mut plain.closing.distribution[0].recipients;
    *r = word(r);
    plain
}

#[test]
fn no_format_carries_a_bidi_override_or_zero_width_character() {
    let mut issue = codec::decode_issue(crate::store::SAMPLE_ISSUE).unwrap();
    issue.bulletin = "文明\u{202e}创建简报".into();
    issue.sections[1].title = "经验\u{2066}交流".into();
    issue.sections[0].articles[0].paragraphs[0].insert(0, '\u{200b}');
    issue.sections[0].articles[0].title[0].push('\u{200d}');
    let settings = PrintSettings::default();
    for format in [Format::Text, Format::Markdown, Format::Html, Format::Docx] {
        let bytes = render(&issue, format, &settings).unwrap();
        let text = if format == Format::Docx {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
                .unwrap();
            xml
        } else {
            String::from_utf8(bytes).unwrap()
        };
        let found: Vec<char> = text
            .chars()
            .filter(|c| crate::text::is_removed(*c) && *c != '\n' && *c != '\r' && *c != '\t')
            .collect();
        assert!(found.is_empty(), "{format:?}: {found:?}");
        assert!(text.contains("文明创建简报"), "{format:?}");
    }
}
