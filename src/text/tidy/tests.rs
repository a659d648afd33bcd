use super::chars::{KANGXI, SUPPLEMENT};
use super::*;
use proptest::prelude::*;

fn t(s: &str) -> String {
    tidy(s).text
}

fn rules(s: &str) -> Vec<Rule> {
    tidy(s).changes.iter().map(|c| c.rule).collect()
}

#[test]
fn spaces_between_chinese_and_digits_or_latin_go() {
    assert_eq!(t("11 月 22 日，全市"), "11月22日，全市");
    assert_eq!(t("资料组 5 个工作专班"), "资料组5个工作专班");
    assert_eq!(t("使用 App 办理"), "使用App办理");
    assert_eq!(t("增长 12.5 %"), "增长12.5%");
    assert!(rules("11 月").iter().all(|r| *r == Rule::Space));
}

#[test]
fn spaces_between_two_chinese_phrases_stay() {
    assert_eq!(t("“送法律 送政策 送服务”"), "“送法律 送政策 送服务”");
    assert_eq!(t("节能降碳 你我同行"), "节能降碳 你我同行");
    // A run is shortened to one space.
    assert_eq!(t("节能降碳   你我同行"), "节能降碳 你我同行");
}

#[test]
fn spaces_around_chinese_punctuation_go() {
    assert_eq!(t("通报 ， 听取 。"), "通报，听取。");
    assert_eq!(t("“ 送法律 ” 活动"), "“送法律”活动");
    assert_eq!(t("《 行政复议法 》"), "《行政复议法》");
    assert_eq!(t("党建 （文体、图书） 综合"), "党建（文体、图书）综合");
    // A quote that touches Chinese is Chinese punctuation.
    assert_eq!(t("评选出“文明家庭” 126 户"), "评选出“文明家庭”126户");
    assert_eq!(t("共 5 “星级” 户"), "共5“星级”户");
}

#[test]
fn english_keeps_its_spaces() {
    for s in [
        "The quick brown fox",
        "see “Hello World” here",
        "version 3.5 of 1,000 files at 10:30",
    ] {
        assert_eq!(t(s), s);
    }
}

#[test]
fn trailing_spaces_go_and_indents_stay() {
    assert_eq!(t("会议召开。  \n  下一行"), "会议召开。\n  下一行");
    assert_eq!(t("　　正文"), "　　正文");
}

#[test]
fn a_half_width_full_stop_ending_a_chinese_sentence_becomes_a_full_stop() {
    assert_eq!(t("覆盖群众 1,000 余人."), "覆盖群众1,000余人。");
    assert_eq!(t("会议召开.下一阶段"), "会议召开。下一阶段");
    assert_eq!(t("（扶沟县文明办）."), "（扶沟县文明办）。");
    // Tidying again finds nothing to do.
    assert!(tidy("覆盖群众1,000余人。").changes.is_empty());
    // Numbers, versions, addresses and English stay.
    for s in [
        "增长12.5%",
        "版本1.0.",
        "访问中国.cn",
        "见www.gov.cn",
        "It ends here.",
    ] {
        assert_eq!(t(s), s, "{s}");
    }
}

#[test]
fn half_width_punctuation_becomes_full_width_in_chinese() {
    assert_eq!(t("会议,通报;听取:建议?好!"), "会议，通报；听取：建议？好！");
    assert_eq!(t("(扶沟县文明办)"), "（扶沟县文明办）");
    assert_eq!(t("(1)加强领导"), "（1）加强领导");
    assert_eq!(t("我们, 2023年"), "我们，2023年");
    assert!(rules("会议,通报").contains(&Rule::Punctuation));
}

#[test]
fn numbers_addresses_and_english_keep_half_width_punctuation() {
    assert_eq!(t("共3,000人，增长3.5倍"), "共3,000人，增长3.5倍");
    assert_eq!(t("时间:10:30"), "时间：10:30");
    assert_eq!(
        t("网址http://example.com:80/a?b=1"),
        "网址http://example.com:80/a?b=1"
    );
    assert_eq!(t("f(x) = a, b; c"), "f(x) = a, b; c");
}

#[test]
fn straight_quotes_pair_up() {
    assert_eq!(
        t("开展\"文明出行\"\"文明礼仪\"活动"),
        "开展“文明出行”“文明礼仪”活动"
    );
    assert_eq!(t("他说'好'"), "他说‘好’");
    // A straight quote closes a curly one that is open.
    assert_eq!(t("“送法律\"活动"), "“送法律”活动");
    // Apostrophes in English words are not quotes.
    assert_eq!(t("中文：don't"), "中文：don't");
    // No Chinese on the line: left alone.
    assert_eq!(t("say \"hi\""), "say \"hi\"");
}

#[test]
fn ellipses_become_chinese() {
    assert_eq!(t("等等..."), "等等……");
    assert_eq!(t("等等。。。"), "等等……");
    assert_eq!(t("等等......"), "等等……");
    assert_eq!(t("等等…"), "等等……");
    assert_eq!(t("等等……"), "等等……");
    assert_eq!(t("wait..."), "wait...");
    assert_eq!(t("版本1.2"), "版本1.2");
}

#[test]
fn double_hyphens_become_a_dash() {
    assert_eq!(t("文明--和谐"), "文明——和谐");
    assert_eq!(t("文明 -- 和谐"), "文明——和谐");
    assert_eq!(t("运行 git --version"), "运行git --version");
    assert_eq!(t("2023-11-23"), "2023-11-23");
}

#[test]
fn full_width_digits_and_letters_become_half_width() {
    assert_eq!(t("２０２３年ＡＢｃ"), "2023年ABc");
    assert!(rules("２").contains(&Rule::Width));
    // Full-width punctuation is Chinese punctuation: kept.
    assert_eq!(t("你好！（一）"), "你好！（一）");
}

#[test]
fn invisible_characters_go() {
    assert_eq!(t("文\u{200B}明\u{FEFF}办\u{00AD}"), "文明办");
    assert_eq!(t("文明\u{00A0}办"), "文明 办");
    assert_eq!(t("11\u{00A0}月"), "11月");
    assert_eq!(t("a\u{00A0}b"), "a b");
    // Emoji sequences keep their joiner.
    assert_eq!(t("👨\u{200D}👩"), "👨\u{200D}👩");
}

#[test]
fn radical_look_alikes_become_characters() {
    assert_eq!(t("⽂明⼯作"), "文明工作");
    assert_eq!(t("⻓江⻔⼝"), "长江门口");
    assert_eq!(t("⻘年⼾籍"), "青年户籍");
    assert_eq!(radical_to_char('\u{2F00}'), Some('一'));
    assert_eq!(radical_to_char('\u{2FD5}'), Some('龠'));
    assert_eq!(radical_to_char('\u{2EC8}'), None);
    assert_eq!(radical_to_char('文'), None);
    assert_eq!(KANGXI.chars().count(), 0x2FD6 - 0x2F00);
    assert!(SUPPLEMENT.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn changes_carry_positions_in_the_input() {
    let input = "会议,通报 11 月";
    let r = tidy(input);
    assert_eq!(r.text, "会议，通报11月");
    let comma = &r.changes[0];
    assert_eq!(&input[comma.range.clone()], ",");
    assert_eq!(comma.replacement, "，");
    assert_eq!(comma.rule, Rule::Punctuation);
    for c in &r.changes[1..] {
        assert_eq!(&input[c.range.clone()], " ");
        assert_eq!(c.replacement, "");
    }
    assert_eq!(apply(input, &r.changes), r.text);
    assert_eq!(r.counts(), vec![(Rule::Space, 2), (Rule::Punctuation, 1)]);
}

#[test]
fn all_line_endings_are_kept() {
    let input = "一 ,\r\n二 ,\r三 ,\n";
    assert_eq!(t(input), "一，\r\n二，\r三，\n");
}

#[test]
fn already_tidy_text_is_unchanged() {
    let s = "11月22日，全市创文创卫工作推进会召开。开展“送法律 送政策 送服务”进社区宣讲活动……";
    assert!(tidy(s).changes.is_empty());
}

fn han(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| radical_to_char(c).unwrap_or(c))
        .filter(|c| is_han(*c))
        .collect()
}

fn messy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "文", "明", "办", "，", "。", "、", "“", "”", "‘", "’", "《", "》", "（", "）", "…", "—",
        "·", "　", " ", "  ", "\u{00A0}", "\u{200B}", "\u{200D}", ",", ";", ":", "?", "!", "(",
        ")", "\"", "'", ".", "-", "－", "．", "1", "2", "0", "a", "Z", "%", "/", "２", "Ａ", "⽂",
        "⻓", "\n", "\r\n", "😀", "#",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

#[test]
fn a_dash_made_later_in_the_line_settles_in_one_pass() {
    let once = t("-－“--");
    assert_eq!(once, "——“——");
    assert_eq!(t(&once), once);
}

proptest! {
    #[test]
    fn tidy_is_idempotent_and_keeps_every_chinese_character(s in messy()) {
        let once = tidy(&s);
        prop_assert_eq!(apply(&s, &once.changes), once.text.clone());
        prop_assert!(once.changes.windows(2).all(|w| w[0].range.end <= w[1].range.start));
        let twice = tidy(&once.text);
        prop_assert_eq!(&twice.text, &once.text, "changes on second pass: {:?}", twice.changes);
        prop_assert_eq!(han(&once.text), han(&s));
        prop_assert_eq!(once.text.matches('\n').count(), s.matches('\n').count());
    }

    #[test]
    fn tidy_never_panics_on_any_text(s in "\\PC{0,60}") {
        let r = tidy(&s);
        prop_assert_eq!(han(&r.text), han(&s));
    }
}

#[test]
fn tidy_twice_changes_nothing_after_a_dash_before_punctuation() {
    // Found by the idempotence property: the full stop made after the
    // hyphens is Chinese context for them on the second pass.
    let once = t("-－.“，");
    assert_eq!(t(&once), once);
}
