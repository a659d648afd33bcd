use super::*;

/// Wraps `paras` like a printer: `width` characters a line, first lines two
/// shorter (the indent lost in extraction), punctuation never starting a line.
fn wrap(paras: &[&str], width: usize) -> String {
    let mut out = Vec::new();
    for p in paras {
        let chars: Vec<char> = p.chars().collect();
        let mut i = 0;
        let mut w = width - 2;
        while i < chars.len() {
            let mut end = (i + w).min(chars.len());
            while end < chars.len() && "，。、；：”）》".contains(chars[end]) {
                end += 1;
            }
            out.push(chars[i..end].iter().collect::<String>());
            i = end;
            w = width;
        }
    }
    out.join("\n")
}

const P1: &str = "张建慧强调，要压实创建责任，坚持全员参与全民共创。要坚持以上率下、一级带着一级干的工作机制。各区各有关部门主要负责同志要靠前指挥，广大干部要履职尽责。";
const P2: &str = "会上，市委常委、宣传部长王少青通报近期创文工作进展情况。淮阳区、川汇区、市城乡一体化示范区和市直有关部门主要负责同志分别发言。";
const P3: &str = "同时，各行政村推选一名宣传员。";

#[test]
fn printer_wrapped_paragraphs_come_back() {
    let text = wrap(&[P1, P2, P3], 26);
    assert!(looks_hard_wrapped(&text));
    assert_eq!(rejoin(&text), [P1, P2, P3].join("\n"));
}

#[test]
fn a_first_line_that_ends_a_sentence_does_not_end_the_paragraph() {
    // "张建慧强调，要压实创建责任，坚持全员参与全民共创。" fills the first line
    // exactly (24 characters) and ends with 。.
    let text = wrap(&[P1, P2], 26);
    assert!(text.starts_with("张建慧强调，要压实创建责任，坚持全员参与全民共创。\n"));
    assert_eq!(rejoin(&text), [P1, P2].join("\n"));
}

#[test]
fn a_full_last_line_is_told_by_the_next_first_line() {
    // P4's last line is full and ends a sentence; P2's first line is two
    // characters short.
    let p4 = "一二三四五六七八九十一二三四五六七八九十一二三，一二三四五六七八九十一二三四五六七八九十一二三四五。";
    let text = wrap(&[p4, P2], 26);
    assert_eq!(text.lines().nth(1).unwrap().chars().count(), 26);
    assert_eq!(rejoin(&text), [p4, P2].join("\n"));
}

#[test]
fn indents_and_double_spacing() {
    let text = format!("　　{P1}\n　　{P2}\n");
    assert!(!looks_hard_wrapped(&text));
    assert_eq!(rejoin(&text), [P1, P2].join("\n"));
    let wrapped = wrap(&[P1, P2], 26);
    let double: String = wrapped.lines().map(|l| format!("{l}\n\n")).collect();
    assert!(is_double_spaced(&double.lines().collect::<Vec<_>>()));
    assert_eq!(rejoin(&double), [P1, P2].join("\n"));
}

#[test]
fn a_stray_leading_space_is_not_an_indent() {
    let wrapped = wrap(&[P1, P2], 26);
    let mut lines: Vec<String> = wrapped.lines().map(String::from).collect();
    lines[2] = format!(" {}", lines[2]);
    let text = lines.join("\n");
    let scanned = scan(&text);
    assert!(!scanned[2].indented);
    assert!(!scanned[2].text.starts_with(' '));
    assert_eq!(rejoin(&text), [P1, P2].join("\n"));
}

#[test]
fn blank_lines_in_single_spaced_text_end_paragraphs() {
    let text = "第一段很短。\n\n第二段也很短。\n第三段。";
    assert_eq!(rejoin(text), "第一段很短。\n第二段也很短。\n第三段。");
    assert!(!looks_hard_wrapped(text));
}

#[test]
fn the_real_sample_rejoins() {
    let sample = include_str!("../../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");
    // The first article's body: lines 26 to 99.
    let body: String = sample
        .lines()
        .skip(25)
        .take(74)
        .map(|l| format!("{l}\n"))
        .collect();
    let paras: Vec<String> = rejoin(&body).lines().map(String::from).collect();
    assert_eq!(paras.len(), 5, "{paras:#?}");
    assert!(paras[0].starts_with("11 月 22 日，全市"));
    assert!(paras[0].ends_with("主持会议并讲话。"));
    assert!(paras[2].contains("精准发力、狠抓落实"));
    assert!(paras[4].ends_with("分别发言。"));
}

#[test]
fn latin_words_keep_a_space_when_joined() {
    assert_eq!(
        join(["see the", "report", "第", "3", "期"]),
        "see the report第3期"
    );
    assert_eq!(join(["12", "34"]), "1234");
}

#[test]
fn measures_count_chinese_double() {
    assert_eq!(measure("文明“办”"), 10);
    assert_eq!(measure("11 月"), 5);
    assert!(ends_sentence("讲话。”"));
    assert!(!ends_sentence("“文明家庭”"));
    assert_eq!(typical_width(["短"]), None);
}

#[test]
fn the_full_width_is_the_widest_common_width() {
    // Two paragraphs: more first and last lines than full ones.
    let text = wrap(&[P1, P2], 26);
    assert_eq!(typical_width(text.lines()), Some(52));
    let sample = include_str!("../../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");
    assert_eq!(typical_width(sample.lines().skip(21)), Some(52));
    // Two overlong lines among many full ones do not count.
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for _ in 0..4 {
        lines.extend(text.lines().map(String::from));
    }
    lines.push("一".repeat(40));
    lines.push("一".repeat(40));
    assert_eq!(typical_width(lines.iter().map(|s| s.as_str())), Some(52));
    // Paragraphs one to a line are not hard-wrapped, whatever the titles.
    let flat = format!("短标题一二三四五\n{P1}\n短标题一二三四六\n{P2}");
    let w = typical_width(flat.lines()).unwrap();
    assert!(!is_hard_wrapped(flat.lines(), w));
}
