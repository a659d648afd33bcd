use super::*;
use crate::model::{Distribution, DistributionKind};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn chinese_numbers() {
    assert_eq!(chinese_number("二十五"), Some(25));
    assert_eq!(chinese_number("十二"), Some(12));
    assert_eq!(chinese_number("一百零三"), Some(103));
    assert_eq!(chinese_number("二〇二三"), Some(2023));
    assert_eq!(chinese_number("文"), None);
}

#[test]
fn dates_in_every_usual_form() {
    for (s, d) in [
        (" 周口市文明办 2023年 11月23日", "2023-11-23"),
        ("2023 年 11 月 3 日", "2023-11-03"),
        ("二〇二三年十一月二十三日", "2023-11-23"),
        ("日期：2024-03-15", "2024-03-15"),
        ("2024.3.5", "2024-03-05"),
    ] {
        assert_eq!(find_date(s).map(|(d, _)| d), Some(date(d)), "{s}");
    }
    assert_eq!(find_date("2023年13月1日"), None);
    assert_eq!(find_date("第25期"), None);
}

#[test]
fn masthead_lines() {
    let m = masthead_line(" 周口市文明办 2023年 11月23日", false).unwrap();
    assert_eq!(m.issuer.as_deref(), Some("周口市文明办"));
    assert_eq!(m.date, Some(date("2023-11-23")));
    let m = masthead_line("第3期（总第57期）", false).unwrap();
    assert_eq!((m.number, m.total), (Some(3), Some(57)));
    let m = masthead_line("第 二十五 期", false).unwrap();
    assert_eq!(m.number, Some(25));
    let m = masthead_line("扶沟县文明办编　　　　2024年3月15日", false).unwrap();
    assert_eq!(m.issuer.as_deref(), Some("扶沟县文明办"));
    let m = masthead_line("周 口 市 文 明 办　2023年11月23日", false).unwrap();
    assert_eq!(m.issuer.as_deref(), Some("周口市文明办"));
    let m = masthead_line("编印单位：中共扶沟县委宣传部", false).unwrap();
    assert_eq!(m.issuer.as_deref(), Some("中共扶沟县委宣传部"));
    let m = masthead_line("扶沟县文明创建简报", false).unwrap();
    assert_eq!(m.name.as_deref(), Some("扶沟县文明创建简报"));
    let m = masthead_line("增刊第1期", false).unwrap();
    assert!(m.supplement);
    assert_eq!(m.number, Some(1));
    assert!(masthead_line("内部资料　注意保存", false).unwrap().mark);
    assert_eq!(masthead_line("【工作动态】", false), None);
    assert_eq!(masthead_line("全市创文创卫工作推进会召开", false), None);
    assert!(masthead_line("文明创建", true).is_some());
}

#[test]
fn marks_above_the_masthead_are_read() {
    let marks = |t: &str| masthead_line(t, true).filter(|m| m.mark).map(|m| m.marks);
    let m = marks("内部资料　注意保存").unwrap();
    assert_eq!(m.notices, ["内部资料", "注意保存"]);
    assert_eq!(
        marks("内部资料注意保存").unwrap().notices,
        ["内部资料", "注意保存"]
    );
    assert_eq!(marks("（内部资料）").unwrap().notices, ["内部资料"]);
    // Words beside a known notice are notices too: nothing is dropped.
    assert_eq!(
        marks("内部资料 请勿外传").unwrap().notices,
        ["内部资料", "请勿外传"]
    );
    let m = marks("秘密★1年").unwrap();
    assert_eq!(
        (m.secrecy, m.secrecy_period.as_deref()),
        (Some(Secrecy::Secret), Some("1年"))
    );
    let m = marks("机密 ★长期").unwrap();
    assert_eq!(
        (m.secrecy, m.secrecy_period.as_deref()),
        (Some(Secrecy::Confidential), Some("长期"))
    );
    assert_eq!(marks("绝密").unwrap().secrecy, Some(Secrecy::TopSecret));
    assert_eq!(marks("特急").unwrap().urgency, Some(Urgency::ExtraUrgent));
    assert_eq!(marks("加急").unwrap().urgency, Some(Urgency::Urgent));
    assert_eq!(
        marks("000123").unwrap().copy_number.as_deref(),
        Some("000123")
    );
    let m = marks("000123　秘密★6个月　特急").unwrap();
    assert_eq!(m.lines(), ["000123", "秘密★6个月", "特急"]);
    // 第N期 beside a notice stays the number.
    let line = masthead_line("内部资料　　第3期", false).unwrap();
    assert_eq!((line.number, line.marks.notices.len()), (Some(3), 1));
    // Not marks: a name, digits that are no copy number, a sentence.
    assert_eq!(marks("文明创建简报"), None);
    assert_eq!(marks("12345"), None);
    assert_eq!(masthead_line("特急情况下要求各单位加强值守。", false), None);
}

#[test]
fn closing_lines() {
    assert_eq!(
        closing_line("报：市文明办"),
        Some(ClosingLine::Distribution(Distribution {
            kind: DistributionKind::Report,
            recipients: "市文明办".into()
        }))
    );
    assert!(matches!(
        closing_line("抄送：县委、县政府"),
        Some(ClosingLine::Distribution(Distribution {
            kind: DistributionKind::Send,
            ..
        }))
    ));
    assert_eq!(
        closing_line("（共印 60 份）"),
        Some(ClosingLine::Copies(60))
    );
    assert_eq!(
        closing_line("编辑：赵磊　　审核：孙丽　　签发：陈刚"),
        Some(ClosingLine::People(vec![
            (Role::Editor, "赵磊".into()),
            (Role::Reviewer, "孙丽".into()),
            (Role::Signer, "陈刚".into())
        ]))
    );
    assert!(matches!(
        closing_line("扶沟县文明办　　2024年3月15日印发"),
        Some(ClosingLine::Printed { .. })
    ));
    // Not closing lines: prose, unknown roles.
    assert_eq!(closing_line("发展。11 月 17 日，商水县"), None);
    assert_eq!(closing_line("编辑：赵磊　校对：钱七"), None);
    assert_eq!(closing_line("报告会。近日"), None);
}
