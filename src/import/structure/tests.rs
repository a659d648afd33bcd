use super::article::{cut_title, first_sentence, tidy_title};
use super::shape::trailing_source;
use super::*;

#[test]
fn headings() {
    assert_eq!(heading("【工作动态】").as_deref(), Some("工作动态"));
    assert_eq!(heading(" 〔 基层动态 〕").as_deref(), Some("基层动态"));
    assert_eq!(heading("〔2023〕5号"), None);
    assert_eq!(heading("【工作动态】全市召开"), None);
}

#[test]
fn enumerations_and_sources() {
    for t in [
        "一、加强领导",
        "（一）加强领导",
        "1.加强领导",
        "2、加强",
        "一是加强",
        "第一，",
        "①加强",
    ] {
        assert!(is_enumerated(t), "{t}");
    }
    for t in ["全市推进会召开", "十分重要", "12345"] {
        assert!(!is_enumerated(t), "{t}");
    }
    assert_eq!(
        source_of("（扶沟县文明办）").as_deref(),
        Some("扶沟县文明办")
    );
    assert_eq!(source_of("（一）"), None);
    assert_eq!(source_of("（文体、图书）综合活动室"), None);
    assert_eq!(
        trailing_source("营造了浓厚氛围。（扶沟县文明办）"),
        Some(("营造了浓厚氛围。".into(), "扶沟县文明办".into()))
    );
    assert_eq!(trailing_source("建设党建（文体、图书）"), None);
}

#[test]
fn run_in_titles_are_cut() {
    assert_eq!(
        cut_title(
            "商水县举办“和美乡村·乡风文明”文艺演出。为深入",
            &key("商水县举办“和美乡村·乡风文明”文艺演出"),
            true
        ),
        Some("为深入".into())
    );
    assert_eq!(cut_title("别的文字。为深入", &key("商水县"), true), None);
    assert_eq!(
        first_sentence("太康县举行宣讲报告会。近日，太康县"),
        Some(("太康县举行宣讲报告会".into(), "近日，太康县".into()))
    );
    assert_eq!(first_sentence("为深入宣传，全面推进。发展"), None);
}

#[test]
fn two_line_titles_tidy_as_one() {
    let mut b = Built::default();
    assert_eq!(
        tidy_title(&["开展\"送法律".into(), "送政策\"活动 ".into()], &mut b),
        ["开展“送法律", "送政策”活动"]
    );
    assert_eq!(
        tidy_title(&["市委统战部 2 项举措".into(), "推动创建".into()], &mut b),
        ["市委统战部2项举措", "推动创建"]
    );
}
