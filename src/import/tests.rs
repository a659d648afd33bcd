use super::*;
use crate::model::{ArticleKind, DistributionKind, Status};
use crate::store::{SAMPLE_ISSUE, codec};

const SAMPLE: &str = include_str!("../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");
const SAMPLE_CRLF: &str = include_str!("../../tests/fixtures/zhoukou-wenming-2023-11-23.crlf.txt");
const SAMPLE_SINGLE: &str =
    include_str!("../../tests/fixtures/zhoukou-wenming-2023-11-23.single.txt");
const SAMPLE_INDENTED: &str =
    include_str!("../../tests/fixtures/zhoukou-wenming-2023-11-23.indented.txt");
const SAMPLE_GBK: &[u8] = include_bytes!("../../tests/fixtures/zhoukou-wenming-2023-11-23.gbk.txt");
const FUGOU: &str = include_str!("../../tests/fixtures/fugou-wenming-2024-03-15.txt");
const FUGOU_RON: &str = include_str!("../../tests/fixtures/fugou-wenming-2024-03-15.ron");

fn opts() -> Options {
    Options {
        default_section: "工作动态".into(),
        fallback_title: "导入的文章".into(),
    }
}

fn parse(text: &str) -> Imported {
    parse_text(text, &opts()).expect("parses")
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn expected_sample() -> Vec<Section> {
    codec::decode_issue(SAMPLE_ISSUE).unwrap().sections
}

fn assert_sections_eq(got: &[Section], want: &[Section]) {
    assert_eq!(got.len(), want.len(), "sections");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.title, w.title);
        assert_eq!(
            g.articles.len(),
            w.articles.len(),
            "articles of {}",
            w.title
        );
        for (ga, wa) in g.articles.iter().zip(&w.articles) {
            assert_eq!(ga.title, wa.title);
            assert_eq!(ga.kind, wa.kind, "{:?}", wa.title);
            assert_eq!(ga.source, wa.source, "{:?}", wa.title);
            assert_eq!(ga.paragraphs.len(), wa.paragraphs.len(), "{:?}", wa.title);
            for (gp, wp) in ga.paragraphs.iter().zip(&wa.paragraphs) {
                assert_eq!(gp, wp);
            }
        }
    }
    assert_eq!(got, want);
}

#[test]
fn the_real_sample_imports_exactly() {
    let imp = parse(SAMPLE);
    assert_eq!(imp.masthead.issuer.as_deref(), Some("周口市文明办"));
    assert_eq!(imp.masthead.date, Some(date("2023-11-23")));
    assert_eq!((imp.masthead.number, imp.masthead.total), (None, None));
    let titles: Vec<&str> = imp.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["工作动态", "经验交流", "文明时讯"]);
    let paragraphs: Vec<usize> = imp.articles().map(|a| a.paragraphs.len()).collect();
    assert_eq!(paragraphs, [5, 5, 4, 1, 1, 1, 1]);
    assert_eq!(
        imp.sections[1].articles[0].title,
        ["市委统战部实施四项举措", "推动文明单位创建走深走实"]
    );
    assert_sections_eq(&imp.sections, &expected_sample());
    assert_eq!(imp.closing, None);
    let r = &imp.report;
    assert!(r.structured && r.hard_wrapped && r.double_spaced);
    assert_eq!(r.toc_entries, 10);
    assert!(r.toc_missing.is_empty() && r.not_in_toc.is_empty());
    assert_eq!(r.stray_spaces, 7);
    assert_eq!((r.page_numbers, r.running_headers), (0, 0));
    assert_eq!(r.tidy.get(&Rule::Space).copied(), Some(34));
    assert_eq!(r.tidy.len(), 1, "{:?}", r.tidy);
}

#[test]
fn not_one_character_is_lost_or_added() {
    // Every non-space character of the body (from the repeated first
    // heading on) is in the import, in order, but for the headings, the
    // run-in titles' 。 and the spaces between digits and Chinese.
    let body_start = SAMPLE.find("\n 【工作动态】").unwrap();
    let mut original: String = SAMPLE[body_start..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let imp = parse(SAMPLE);
    let mut imported = String::new();
    for s in &imp.sections {
        imported.push_str(&format!("【{}】", s.title));
        for a in &s.articles {
            imported.push_str(&a.title.concat());
            if a.kind == ArticleKind::Brief {
                imported.push('。');
            }
            imported.extend(a.paragraphs.iter().flat_map(|p| p.chars()));
        }
    }
    imported.retain(|c| !c.is_whitespace());
    original.retain(|c| !c.is_whitespace());
    assert_eq!(imported, original);
}

#[test]
fn the_sample_imports_the_same_in_every_layout() {
    let want = expected_sample();
    let gbk = decode::decode(SAMPLE_GBK, None).unwrap();
    assert_eq!(gbk.encoding, "gb18030");
    for (name, text) in [
        ("crlf", SAMPLE_CRLF),
        ("single", SAMPLE_SINGLE),
        ("indented", SAMPLE_INDENTED),
        ("gbk", gbk.text.as_str()),
    ] {
        let imp = parse(text);
        assert_eq!(
            imp.masthead.issuer.as_deref(),
            Some("周口市文明办"),
            "{name}"
        );
        assert_eq!(imp.masthead.date, Some(date("2023-11-23")), "{name}");
        assert_eq!(imp.sections, want, "{name}");
    }
    // CR alone, as old Macs wrote.
    assert_eq!(parse(&SAMPLE.replace('\n', "\r")).sections, want);
    // Line breaks at the width the PDF had, but no blank lines and a BOM.
    let bom = format!("\u{feff}{SAMPLE_SINGLE}");
    assert_eq!(parse(&bom).sections, want);
}

#[test]
fn a_synthetic_bulletin_with_another_layout() {
    let imp = parse(FUGOU);
    let want = codec::decode_issue(FUGOU_RON).unwrap();
    let (issue, filled) =
        new_issue(&imp, &[], &Settings::default(), date("2000-01-01"), false).unwrap();
    // Everything comes from the text.
    assert_eq!(filled, []);
    assert_eq!(issue.id().to_string(), "2024-003");
    assert_eq!(issue, want);
    let r = &imp.report;
    assert_eq!(r.toc_entries, 0);
    assert_eq!((r.page_numbers, r.running_headers), (4, 3));
    assert_eq!((r.separators, r.stray_spaces), (2, 3));
    assert_eq!(r.closing_lines, 6);
    assert_eq!(r.briefs_by_sentence, 3);
    assert_eq!(r.control_chars, 0);
    assert!(r.hard_wrapped && !r.double_spaced);
}

#[test]
fn a_table_of_contents_with_leaders_confirms_titles() {
    let text = "\
文明创建简报
第12期
市文明办　　2024年5月6日
目　　录
【工作动态】
市里召开推进会……………………1
【简讯】
县里举办培训班……………………2
县里开展义诊……………………2
【工作动态】
市里召开推进会
5月6日，市里召开推进会。
一、明确任务
会议部署了下一步工作。
县里的一件新事
这一行像标题但目录里没有。
【简讯】
县里举办培训班。5月5日，县里举办培训班，100人参加。
县里开展义诊。5月4日，县里开展义诊。
";
    let imp = parse(text);
    assert_eq!(imp.masthead.bulletin.as_deref(), Some("文明创建简报"));
    assert_eq!(imp.masthead.number, Some(12));
    assert_eq!(imp.masthead.issuer.as_deref(), Some("市文明办"));
    assert_eq!(imp.report.toc_entries, 5);
    let a = &imp.sections[0].articles;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].title, ["市里召开推进会"]);
    // The numbered point and the line missing from the contents stay text.
    assert_eq!(
        a[0].paragraphs,
        [
            "5月6日，市里召开推进会。",
            "一、明确任务",
            "会议部署了下一步工作。",
            "县里的一件新事",
            "这一行像标题但目录里没有。"
        ]
    );
    assert_eq!(imp.report.not_in_toc, ["县里的一件新事"]);
    let briefs = &imp.sections[1].articles;
    assert_eq!(briefs[0].title, ["县里举办培训班"]);
    assert_eq!(briefs[0].kind, ArticleKind::Brief);
    assert_eq!(
        briefs[0].paragraphs,
        ["5月5日，县里举办培训班，100人参加。"]
    );
    assert_eq!(briefs[1].paragraphs, ["5月4日，县里开展义诊。"]);
}

#[test]
fn a_missing_toc_title_is_reported() {
    let text = "【动态】\n甲事\n乙事\n【动态】\n甲事\n正文。\n";
    let imp = parse(text);
    assert_eq!(imp.report.toc_missing, ["乙事"]);
}

#[test]
fn text_without_structure_is_one_article() {
    let text = "11 月 22 日，全市召开推进会，安排部署下一阶段工作。\n会议要求，各单位抓好落实。\n";
    let imp = parse(text);
    assert!(!imp.report.structured);
    assert_eq!(imp.sections.len(), 1);
    assert_eq!(imp.sections[0].title, "工作动态");
    let a = &imp.sections[0].articles;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].title, ["导入的文章"]);
    assert_eq!(
        a[0].paragraphs,
        [
            "11月22日，全市召开推进会，安排部署下一阶段工作。",
            "会议要求，各单位抓好落实。"
        ]
    );
    assert_eq!(imp.report.untitled, 1);
}

#[test]
fn a_plain_article_keeps_its_title() {
    let text = "县文明办开展志愿服务活动\n\n　　3月5日，县文明办组织志愿者开展活动。\n\n　　活动受到好评。\n";
    let imp = parse(text);
    assert!(imp.report.structured);
    let a = &imp.sections[0].articles[0];
    assert_eq!(a.title, ["县文明办开展志愿服务活动"]);
    assert_eq!(a.paragraphs.len(), 2);
}

#[test]
fn a_title_and_its_date_are_no_masthead() {
    let imp = parse("关于做好防汛工作的通知\n2024年6月1日\n各单位要做好防汛准备。\n");
    assert_eq!(imp.masthead.bulletin, None);
    assert_eq!(imp.masthead.issuer, None);
    let a = &imp.sections[0].articles[0];
    assert_eq!(a.title, ["关于做好防汛工作的通知"]);
    assert_eq!(a.paragraphs, ["2024年6月1日", "各单位要做好防汛准备。"]);
    // A bulletin's name, its unit and its date are one.
    let imp = parse("文明简报\n市文明办\n2024年6月1日\n【动态】\n甲事\n正文。\n");
    assert_eq!(imp.masthead.bulletin.as_deref(), Some("文明简报"));
    assert_eq!(imp.masthead.issuer.as_deref(), Some("市文明办"));
    assert_eq!(imp.masthead.date, Some(date("2024-06-01")));
    assert_eq!(imp.sections[0].articles[0].title, ["甲事"]);
}

#[test]
fn centred_titles_in_a_layout_copy() {
    let text = "\
              县文明办开展志愿服务活动
    3月5日，县文明办组织志愿者走进社区开展志愿服务。
    活动受到群众好评。
              县图书馆举办读书分享会
    3月8日，县图书馆举办读书分享会。
";
    let imp = parse(text);
    let titles: Vec<String> = imp.articles().map(|a| a.title.concat()).collect();
    assert_eq!(
        titles,
        ["县文明办开展志愿服务活动", "县图书馆举办读书分享会"]
    );
    assert_eq!(imp.sections[0].articles[0].paragraphs.len(), 2);
}

#[test]
fn empty_text_is_an_error() {
    assert_eq!(parse_text("", &opts()), Err(ParseError::NoText));
    assert_eq!(parse_text(" \n\n\t\n", &opts()), Err(ParseError::NoText));
    assert_eq!(
        parse_text("— 1 —\n───────\n", &opts()),
        Err(ParseError::NoText)
    );
}

#[test]
fn closing_blocks_go_to_the_closing() {
    let text = "【动态】\n甲事\n正文。\n报：省文明办\n送：市委\n发：各县文明办，\n市直各单位\n共印 80 份\n";
    let imp = parse(text);
    let c = imp.closing.unwrap();
    assert_eq!(c.distribution.len(), 3);
    assert_eq!(c.distribution[2].kind, DistributionKind::Issue);
    assert_eq!(c.distribution[2].recipients, "各县文明办，市直各单位");
    assert_eq!(c.copies, Some(80));
    assert_eq!(imp.sections[0].articles[0].paragraphs, ["正文。"]);
}

#[test]
fn a_new_issue_takes_the_next_free_number_or_refuses_a_taken_one() {
    let settings = Settings {
        bulletin: "文明创建简报".into(),
        issuer: "某办".into(),
        ..Settings::default()
    };
    let imp = parse(SAMPLE);
    let existing = [(IssueId::new(2023, 25, false), Some(345))];
    let (issue, filled) = new_issue(&imp, &existing, &settings, date("2024-01-01"), true).unwrap();
    assert_eq!(issue.id().to_string(), "2023-026");
    assert_eq!(issue.total, Some(346));
    assert_eq!(
        filled,
        [
            Filled::Number {
                number: 26,
                total: Some(346)
            },
            Filled::Bulletin("文明创建简报".into())
        ]
    );
    assert_eq!(issue.bulletin, "文明创建简报");
    assert_eq!(issue.issuer, "周口市文明办");
    assert_eq!(issue.status, Status::Draft);
    assert_eq!(issue.date, date("2023-11-23"));

    let fugou = parse(FUGOU);
    let taken = [(IssueId::new(2024, 3, false), None)];
    assert_eq!(
        new_issue(&fugou, &taken, &settings, date("2024-01-01"), false),
        Err(BuildError::Exists(IssueId::new(2024, 3, false)))
    );
    // No date in the text: today.
    let plain = parse("会议召开。\n");
    let (issue, filled) = new_issue(&plain, &[], &settings, date("2024-06-01"), true).unwrap();
    assert_eq!(issue.id().to_string(), "2024-001");
    assert_eq!(issue.issuer, "某办");
    assert!(filled.contains(&Filled::Date(date("2024-06-01"))));
    assert!(filled.contains(&Filled::Section("工作动态".into())));
}

#[test]
fn articles_are_added_where_they_belong() {
    let mut issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    let before = issue.article_count();
    let plain = parse("县文明办开展志愿服务活动\n\n　　3月5日，县文明办组织志愿者开展活动。\n");
    let placed = add_articles(&mut issue, &plain, None);
    assert_eq!(placed, [("文明时讯".to_string(), 1)]);
    assert_eq!(
        issue.sections[2].articles.last().unwrap().title,
        ["县文明办开展志愿服务活动"]
    );
    let placed = add_articles(&mut issue, &plain, Some("基层来风"));
    assert_eq!(placed, [("基层来风".to_string(), 1)]);
    assert_eq!(issue.sections.last().unwrap().title, "基层来风");
    let headed = parse("【经验交流】\n甲事\n正文。\n【新栏目】\n乙事\n正文。\n");
    let placed = add_articles(&mut issue, &headed, None);
    assert_eq!(
        placed,
        [("经验交流".to_string(), 1), ("新栏目".to_string(), 1)]
    );
    assert_eq!(issue.article_count(), before + 4);
}

#[test]
fn word_files_import_like_text() {
    let bytes = docx::build(&[
        ("县文明办开展志愿服务活动", true),
        ("（县文明办）", true),
        (
            "　　3月5日，县文明办组织志愿者走进社区，开展义诊、理发等服务。",
            false,
        ),
        ("　　活动受益群众300余人。", false),
    ]);
    let imp = parse_docx(&bytes, &opts()).unwrap();
    assert_eq!(imp.sections.len(), 1);
    let a = &imp.sections[0].articles[0];
    assert_eq!(a.title, ["县文明办开展志愿服务活动"]);
    assert_eq!(a.source.as_deref(), Some("县文明办"));
    assert_eq!(
        a.paragraphs,
        [
            "3月5日，县文明办组织志愿者走进社区，开展义诊、理发等服务。",
            "活动受益群众300余人。"
        ]
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn bulletin_like() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "\n",
            "\n\n",
            "\r\n",
            " ",
            "　　",
            "【工作动态】",
            "〔简讯〕",
            "第3期",
            "（总第57期）",
            "2023年11月23日",
            "周口市文明办",
            "全市召开推进会",
            "。",
            "，",
            "“",
            "”",
            "\"",
            "11 ",
            "月",
            "— 2 —",
            "──────",
            "报：",
            "送：",
            "发：",
            "共印80份",
            "编辑：",
            "李明",
            "（扶沟县文明办）",
            "目录",
            "……1",
            "一、",
            "(",
            ")",
            "⽂",
            "\u{200B}",
            "\u{0C}",
            "\u{7}",
            "a",
            "...",
            "--",
            "这是一段比较长的正文内容用来凑够一行的宽度",
            "文明简报",
        ]);
        prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn parsing_any_text_gives_a_result_or_no_text(s in bulletin_like()) {
            match parse_text(&s, &opts()) {
                Ok(imp) => {
                    for a in imp.articles() {
                        prop_assert!(!a.title.is_empty());
                        prop_assert!(a.paragraphs.iter().all(|p| !p.trim().is_empty()));
                    }
                }
                Err(ParseError::NoText | ParseError::NoArticles(_)) => {}
            }
        }
    }
}
