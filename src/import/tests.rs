use super::*;
use crate::model::{ArticleKind, DistributionKind, IssueId, Settings, Status};
use crate::store::{SAMPLE_ISSUE, codec};
use chrono::NaiveDate;

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

// --- The shapes of issue 16, each as other offices print it ---------------

/// Text wrapped at 28 characters, as a PDF of a GB/T 9704 page gives it:
/// the first line two short for the indent the copy lost.
fn wrapped(paragraph: &str) -> String {
    let chars: Vec<char> = paragraph.chars().collect();
    let (first, rest) = chars.split_at(26.min(chars.len()));
    std::iter::once(first)
        .chain(rest.chunks(28))
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

const LONG: &str = "会议强调，各级各部门要坚持问题导向，聚焦背街小巷、农贸市场、老旧小区等薄弱环节，逐项建立台账，明确责任单位和完成时限，确保问题整改到位，切实把创建工作抓实抓细抓出成效。";

#[test]
fn shape_1_masthead_lines_in_other_arrangements() {
    // Issuer, number, total and date on one line.
    let imp = parse(
        "决策参考\n发展研究中心编 第1期(总第7期) 2004年3月19日\n县域经济调查\n今年以来，调研组走访了12个县。\n",
    );
    let m = &imp.masthead;
    assert_eq!(m.bulletin.as_deref(), Some("决策参考"));
    assert_eq!((m.number, m.total), (Some(1), Some(7)));
    assert_eq!(m.issuer.as_deref(), Some("发展研究中心"));
    assert_eq!(m.date, Some(date("2004-03-19")));
    // The date glued to the issuer.
    let imp = parse(
        "工作简报\n第5期\n文化街道办事处2013年4月15日\n【动态】\n街道召开会议\n4月12日，街道召开会议。\n",
    );
    assert_eq!(imp.masthead.issuer.as_deref(), Some("文化街道办事处"));
    assert_eq!(imp.masthead.date, Some(date("2013-04-15")));
    // Two joint issuers on two lines.
    let imp = parse(
        "创建工作简报\n第12期\n中共舞阳县委宣传部\n舞阳县文明办　　2019年6月28日\n【动态】\n甲事\n正文。\n",
    );
    assert_eq!(
        imp.masthead.issuer.as_deref(),
        Some("中共舞阳县委宣传部 舞阳县文明办")
    );
    // The bulletin's name and the organisation on separate lines above.
    let imp = parse(
        "现代高教信息\n中国地质大学(武汉)\n2008年第3期（总第45期）\n高等教育研究所　　2008年5月20日\n【动态】\n甲事\n正文。\n",
    );
    let m = &imp.masthead;
    assert_eq!(m.bulletin.as_deref(), Some("现代高教信息"));
    assert_eq!((m.number, m.total), (Some(3), Some(45)));
    assert_eq!(
        m.issuer.as_deref(),
        Some("中国地质大学(武汉)高等教育研究所")
    );
    // The year the numbering counts in is no issuer; a unit under the date.
    let imp = parse(
        "统计信息\n〔2024〕第3期（总第120期）　　2024年5月6日\n叶县统计局\n【动态】\n甲事\n正文。\n",
    );
    assert_eq!(imp.masthead.issuer.as_deref(), Some("叶县统计局"));
    assert_eq!(imp.masthead.number, Some(3));
    let imp = parse(
        "商务工作简报\n2021年第9期\n市商务局办公室　　2021年7月12日\n【动态】\n甲事\n正文。\n",
    );
    assert_eq!(imp.masthead.issuer.as_deref(), Some("市商务局办公室"));
    // The organisation above the name; a heading after the date is no name.
    let imp = parse(
        "河南理工大学\n校园信息\n2015年第8期\n党委宣传部　　2015年10月30日\n要闻简报\n学校召开会议\n10月26日，学校召开会议。\n院部动态\n学院举办讲座\n10月22日，学院举办讲座。\n",
    );
    assert_eq!(imp.masthead.bulletin.as_deref(), Some("校园信息"));
    assert_eq!(
        imp.masthead.issuer.as_deref(),
        Some("河南理工大学党委宣传部")
    );
}

#[test]
fn shape_2_numbered_contents_are_the_contents() {
    for (a, b) in [("1.", "2."), ("一、", "二、"), ("（一）", "（二）")] {
        let text = format!(
            "教育信息\n第7期\n教育局办公室　　2016年9月12日\n本期要目\n{a}全县教育工作会议召开\n{b}秋季开学安全大检查展开\n全县教育工作会议召开\n9月8日，全县教育工作会议召开。\n秋季开学安全大检查展开\n开学前后，教育局开展安全检查。\n"
        );
        let imp = parse(&text);
        assert_eq!(imp.report.toc_entries, 2, "{a}");
        let titles: Vec<String> = imp.articles().map(|x| x.title.concat()).collect();
        assert_eq!(
            titles,
            ["全县教育工作会议召开", "秋季开学安全大检查展开"],
            "{a}"
        );
        assert!(imp.articles().all(|x| x.paragraphs.len() == 1), "{a}");
    }
    // 一、 entries over （一） entries are sections.
    let imp = parse(
        "本期要目\n一、工作动态\n（一）全县会议召开\n二、基层信息\n（一）中心校开展培训\n一、工作动态\n全县会议召开\n9月8日，全县会议召开。\n二、基层信息\n中心校开展培训\n9月1日，中心校开展培训。\n",
    );
    let sections: Vec<&str> = imp.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["工作动态", "基层信息"]);
}

#[test]
fn shape_3_a_two_line_title_whose_first_line_ends_in_a_colon() {
    // Confirmed by a contents entry printed on two lines.
    let text = "本期要目\n1.教育部长周济强调：人才是建设创新型\n  国家的头等大事\n2.高校评估工作交流会召开\n教育部长周济强调：\n人才是建设创新型国家的头等大事\n5月上旬，教育部召开会议。\n（摘自《中国教育报》）\n高校评估工作交流会召开\n4月下旬，交流会在武汉召开。\n";
    let imp = parse(text);
    let a: Vec<&Article> = imp.articles().collect();
    assert_eq!(
        a[0].title,
        ["教育部长周济强调：", "人才是建设创新型国家的头等大事"]
    );
    assert_eq!(a[0].paragraphs, ["5月上旬，教育部召开会议。"]);
    assert_eq!(a[0].source.as_deref(), Some("摘自《中国教育报》"));
    assert_eq!(a.len(), 2);
    // Without contents, by its shape.
    let imp = parse(
        "【要闻】\n教育部长周济强调：\n人才是建设创新型国家的头等大事\n5月上旬，教育部召开会议。\n",
    );
    let a = &imp.sections[0].articles[0];
    assert_eq!(
        a.title,
        ["教育部长周济强调：", "人才是建设创新型国家的头等大事"]
    );
    assert_eq!(a.paragraphs.len(), 1);
}

#[test]
fn shape_4_a_title_run_into_its_first_paragraph() {
    // Named by the contents.
    let text = "目录\n张良镇召开脱贫攻坚推进会\n姚店村开展人居环境整治\n\n张良镇召开脱贫攻坚推进会8月1日，张良镇召开推进会。\n\n会议安排部署了下一步工作。\n\n姚店村开展人居环境整治近日，姚店村清理垃圾120余车。\n";
    let imp = parse(text);
    let a: Vec<&Article> = imp.articles().collect();
    assert_eq!(a[0].title, ["张良镇召开脱贫攻坚推进会"]);
    assert_eq!(a[0].kind, ArticleKind::Feature);
    assert_eq!(
        a[0].paragraphs,
        ["8月1日，张良镇召开推进会。", "会议安排部署了下一步工作。"]
    );
    assert_eq!(a[1].title, ["姚店村开展人居环境整治"]);
    assert_eq!(a[1].paragraphs, ["近日，姚店村清理垃圾120余车。"]);
    // No contents: the title before the paragraph's dateline, and said so.
    let imp = parse(
        "姚店村开展人居环境整治7月下旬以来，姚店村清理垃圾120余车。\n\n镇卫生院开展义诊活动7月30日，镇卫生院到西马村义诊。\n",
    );
    let titles: Vec<String> = imp.articles().map(|x| x.title.concat()).collect();
    assert_eq!(titles, ["姚店村开展人居环境整治", "镇卫生院开展义诊活动"]);
    assert_eq!(imp.report.glued_titles, 2);
    // A sentence that merely starts with a date is no title.
    let imp = parse("全县召开会议\n\n会议于3月5日，在县委召开。\n");
    assert_eq!(imp.articles().count(), 1);
}

#[test]
fn shape_5_marked_items_start_a_paragraph_or_a_brief() {
    // ◆ after a line that ends at full width.
    let text = format!(
        "【工作动态】\n街道召开工作讲评会\n{}\n会议要求，重点抓好以下工作：\n{}\n{}\n【社区动态】\n◆北海社区开展志愿服务活动。社区志愿者服务群众120余人次。\n◆凯旋社区举办法律讲座。80余名居民参加。\n",
        wrapped(LONG),
        wrapped(&format!("◆抓好环境卫生整治。{LONG}")),
        wrapped(&format!("◆抓好安全生产排查。{LONG}"))
    );
    let imp = parse(&text);
    let a = &imp.sections[0].articles[0];
    assert_eq!(a.paragraphs.len(), 4, "{:?}", a.paragraphs);
    assert!(a.paragraphs[2].starts_with("◆抓好环境卫生整治。"));
    assert!(a.paragraphs[3].starts_with("◆抓好安全生产排查。"));
    // A section of marked briefs: the mark is no part of the title.
    let briefs = &imp.sections[1].articles;
    assert_eq!(briefs[0].title, ["北海社区开展志愿服务活动"]);
    assert_eq!(briefs[0].kind, ArticleKind::Brief);
    assert_eq!(briefs[1].paragraphs, ["80余名居民参加。"]);
    // Marked briefs after an article (not introduced by a colon).
    let imp = parse(
        "【德育天地】\n初二年级举行青春礼\n4月26日，初二年级举行十四岁青春礼。\n●学校开展消防演练。全校师生3分钟内疏散到操场。\n●学校召开家长会。各班主任通报学习情况。\n",
    );
    let titles: Vec<String> = imp.articles().map(|x| x.title.concat()).collect();
    assert_eq!(
        titles,
        ["初二年级举行青春礼", "学校开展消防演练", "学校召开家长会"]
    );
    assert_eq!(imp.report.item_briefs, 2);
}

#[test]
fn shape_6_section_headings_in_other_forms() {
    for (a, b) in [
        ("※思想教育※", "※创建动态※"),
        ("★ 思想教育 ★", "★ 创建动态 ★"),
        ("■ 思想教育", "■ 创建动态"),
        ("一、思想教育", "二、创建动态"),
        ("思想教育园地", "创建动态"),
    ] {
        let text = format!(
            "{a}\n全县开展端午主题活动\n端午节期间，全县开展主题活动120余场。\n{b}\n背街小巷改造工程启动\n6月20日，改造工程全面启动。\n"
        );
        let imp = parse(&text);
        let sections: Vec<&str> = imp.sections.iter().map(|s| s.title.as_str()).collect();
        let want = if a.contains("园地") {
            ["思想教育园地", "创建动态"]
        } else {
            ["思想教育", "创建动态"]
        };
        assert_eq!(sections, want, "{a}");
        assert!(imp.headed.iter().all(|h| *h), "{a}");
        assert_eq!(imp.articles().count(), 2, "{a}");
    }
    // A lone 一、 line is a point of an article, not a section.
    let imp = parse(&format!(
        "县域经济调查\n{}\n一、基本态势\n{}\n",
        wrapped(LONG),
        wrapped(LONG)
    ));
    assert_eq!(imp.sections.len(), 1);
    assert!(!imp.headed[0]);
    assert_eq!(imp.sections[0].articles[0].paragraphs[1], "一、基本态势");
}

#[test]
fn shape_7_rules_of_dots_and_dashes_are_dropped() {
    let imp = parse(
        "【动态】\n甲事\n甲事的正文。\n…………………………………………\n乙事\n乙事的正文。\n————————————\n丙事\n丙事的正文。\n",
    );
    let titles: Vec<String> = imp.articles().map(|x| x.title.concat()).collect();
    assert_eq!(titles, ["甲事", "乙事", "丙事"]);
    assert!(imp.articles().all(|a| a.paragraphs.len() == 1));
    assert_eq!(imp.report.separators, 2);
}

#[test]
fn shape_8_the_library_fills_only_its_own_bulletin_and_says_what() {
    let settings = Settings {
        bulletin: "文明创建简报".into(),
        issuer: "周口市文明办".into(),
        sections: vec!["工作动态".into()],
        closing: crate::model::Closing {
            copies: Some(80),
            ..Default::default()
        },
        ..Settings::default()
    };
    // Another office's bulletin without a closing block or an issuer.
    let other = parse(
        "商务工作简报\n第9期\n2021年7月12日\n全市消费促进月活动启动\n7月1日，活动在市区启动。\n",
    );
    assert!(!is_own(&other.masthead, &settings));
    let (issue, filled) = new_issue(&other, &[], &settings, date("2024-01-01"), false).unwrap();
    assert_eq!(issue.closing, crate::model::Closing::default());
    assert_eq!(issue.issuer, "");
    assert_eq!(issue.bulletin, "商务工作简报");
    assert_eq!(
        filled,
        [
            Filled::Left(Field::Issuer),
            Filled::Left(Field::Closing),
            Filled::Section("工作动态".into())
        ]
    );
    // The clerk's own: named like the library (spaces aside), or unnamed
    // and issued by the library's unit, or with no masthead at all.
    let own = parse("文明创建 简报\n第9期\n2021年7月12日\n全市推进会召开\n7月1日，推进会召开。\n");
    assert!(is_own(&own.masthead, &settings));
    assert!(is_own(&parse(SAMPLE).masthead, &settings));
    assert!(is_own(&parse("会议召开。\n").masthead, &settings));
    let (issue, filled) = new_issue(&own, &[], &settings, date("2024-01-01"), true).unwrap();
    assert_eq!(issue.issuer, "周口市文明办");
    assert_eq!(issue.closing.copies, Some(80));
    assert_eq!(
        filled,
        [
            Filled::Issuer("周口市文明办".into()),
            Filled::Closing(settings.closing.clone()),
            Filled::Section("工作动态".into())
        ]
    );
}

#[test]
fn shape_9_a_masthead_and_contents_alone_are_no_articles() {
    let text = "文明创建简报\n第25期\n周口市文明办　　2023年11月23日\n本期要目\n【工作动态】\n全市创文创卫工作推进会召开\n【经验交流】\n市委统战部实施四项举措\n扶沟县白潭镇倡导移风易俗\n";
    match parse_text(text, &opts()) {
        Err(ParseError::NoArticles(found)) => {
            assert_eq!(found.masthead.number, Some(25));
            assert_eq!(found.masthead_lines, 3);
            assert_eq!(found.contents.len(), 3);
        }
        other => panic!("{other:?}"),
    }
    // Without a 本期要目 line: titles and no sentence.
    let text = "文明创建简报\n第25期\n周口市文明办　　2023年11月23日\n全市创文创卫工作推进会召开\n市委统战部实施四项举措\n";
    assert!(matches!(
        parse_text(text, &opts()),
        Err(ParseError::NoArticles(_))
    ));
}

#[test]
fn shape_10_a_pdf_or_another_binary_is_never_text() {
    // A PDF is read as one (here a broken one), never decoded as GB18030.
    let fake = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    assert!(matches!(
        read(fake, None, &opts()),
        Err(ReadError::Pdf(pdf::PdfError::Broken(_)))
    ));
    for (bytes, format) in [
        (
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0][..],
            sniff::Format::OldOffice,
        ),
        (b"\x89PNG\r\n\x1a\n\0\0", sniff::Format::Image("PNG")),
        (b"{\\rtf1\\ansi \xBC\xF2\xB1\xA8", sniff::Format::Rtf),
    ] {
        assert_eq!(
            read(bytes, None, &opts()).unwrap_err(),
            ReadError::Refused(format)
        );
    }
    // GBK text is still text.
    let (gbk, _, _) = encoding_rs::GB18030.encode("【动态】\n甲事\n正文。\n");
    let (imp, source) = read(&gbk, None, &opts()).unwrap();
    assert_eq!(source, Source::Text("gb18030"));
    assert_eq!(imp.articles().count(), 1);
}

#[test]
fn a_reader_that_panics_is_a_broken_file_and_says_nothing() {
    assert_eq!(quietly(|| 7), Some(7));
    let r: Option<()> = quietly(|| panic!("a broken font"));
    assert_eq!(r, None);
    // A damaged PDF: the fonts' parsers panic, the import says so.
    let pdf = include_bytes!("../../tests/fixtures/bulletins/pdf/nongye-xinxi-2010-03.pdf");
    let mut damaged = pdf.to_vec();
    let mut seed = 1u32;
    for _ in 0..30 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let at = (seed as usize >> 8) % (damaged.len() - 3000);
        damaged[at] = (seed >> 16) as u8;
    }
    match read(&damaged, None, &opts()) {
        Ok(_) | Err(ReadError::Pdf(_)) => {}
        Err(e) => panic!("{e:?}"),
    }
}
