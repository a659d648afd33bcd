use super::*;
use crate::test_support::signed_issue;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn ids_format_and_parse() {
    let id = IssueId::new(2023, 12, false);
    assert_eq!(id.to_string(), "2023-012");
    assert_eq!("2023-012".parse::<IssueId>().unwrap(), id);
    let s = IssueId::new(2023, 1, true);
    assert_eq!(s.to_string(), "2023-S01");
    assert_eq!("2023-S01".parse::<IssueId>().unwrap(), s);
    assert_eq!("2023-1234".parse::<IssueId>().unwrap().number, 1234);
    for bad in [
        "", "2023", "23-012", "2023-", "2023-0", "2023-S", "2023-x1", "abcd-001",
    ] {
        assert!(bad.parse::<IssueId>().is_err(), "{bad}");
    }
    // Supplements sort after the regular issues of their year.
    assert!(IssueId::new(2023, 40, false) < s);
    assert!(s < IssueId::new(2024, 1, false));
}

#[test]
fn an_issue_knows_its_id_and_counts() {
    let i = signed_issue(12, Some(345), "2023-11-23");
    assert_eq!(i.id().to_string(), "2023-012");
    assert_eq!(i.article_count(), 1);
    assert_eq!(i.paragraph_count(), 2);
    // Title 11 + 12, paragraphs 4 + 3 (spaces do not count).
    assert_eq!(i.char_count(), 11 + 12 + 4 + 3);
    assert_eq!(
        i.sections[0].articles[0].title_text(),
        "市委统战部实施四项举措推动文明单位创建走深走实"
    );
}

#[test]
fn char_count_skips_all_white_space() {
    assert_eq!(char_count("　　11 月 22 日，\t会议。\n"), 10);
    assert_eq!(char_count(""), 0);
}

fn spec<'a>(
    existing: &'a [(IssueId, Option<u32>)],
    template: Option<&'a Issue>,
    settings: &'a Settings,
    d: &str,
    supplement: bool,
) -> NewIssueSpec<'a> {
    NewIssueSpec {
        existing,
        template,
        settings,
        date: date(d),
        supplement,
    }
}

#[test]
fn next_issue_continues_the_year_and_the_running_total() {
    let prev = signed_issue(12, Some(345), "2023-11-23");
    let existing = [
        (IssueId::new(2023, 11, false), Some(344)),
        (prev.id(), Some(345)),
        (IssueId::new(2023, 1, true), None),
    ];
    let settings = Settings::default();
    let next = next_issue(&spec(
        &existing,
        Some(&prev),
        &settings,
        "2023-11-30",
        false,
    ));
    assert_eq!(
        (next.number, next.total, next.supplement),
        (13, Some(346), false)
    );
    assert_eq!(next.status, Status::Draft);
    assert_eq!(next.bulletin, prev.bulletin);
    assert_eq!(next.issuer, prev.issuer);
    assert_eq!(next.closing, prev.closing);
    assert_eq!(next.sections.len(), 1);
    assert_eq!(next.sections[0].title, "工作动态");
    assert!(next.sections[0].articles.is_empty());
    assert_eq!(next.date, date("2023-11-30"));
}

#[test]
fn a_new_year_starts_again_at_one_but_the_total_runs_on() {
    let prev = signed_issue(40, Some(373), "2023-12-28");
    let existing = [(prev.id(), Some(373))];
    let settings = Settings::default();
    let next = next_issue(&spec(
        &existing,
        Some(&prev),
        &settings,
        "2024-01-05",
        false,
    ));
    assert_eq!((next.number, next.total), (1, Some(374)));
    assert_eq!(next.id().to_string(), "2024-001");
}

#[test]
fn supplements_have_their_own_sequence_and_no_total() {
    let prev = signed_issue(12, Some(345), "2023-11-23");
    let existing = [(prev.id(), Some(345)), (IssueId::new(2023, 1, true), None)];
    let settings = Settings::default();
    let next = next_issue(&spec(&existing, Some(&prev), &settings, "2023-11-24", true));
    assert_eq!((next.number, next.total, next.supplement), (2, None, true));
    assert_eq!(next.id().to_string(), "2023-S02");
}

#[test]
fn without_a_template_the_settings_give_the_masthead() {
    let settings = Settings {
        bulletin: "工作简报".into(),
        issuer: "某某办公室".into(),
        sections: vec!["工作动态".into(), "基层来风".into()],
        ..Settings::default()
    };
    let next = next_issue(&spec(&[], None, &settings, "2024-03-01", false));
    assert_eq!((next.number, next.total), (1, None));
    assert_eq!(next.issuer, "某某办公室");
    let titles: Vec<_> = next.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["工作动态", "基层来风"]);
}

#[test]
fn numbers_come_from_the_whole_library_across_years_and_supplements() {
    // 2023: 第1–40期 (总第334–373期) and 增刊第1–2期; 2024: 第1期 so far.
    let mut existing: Vec<(IssueId, Option<u32>)> = (1..=40)
        .map(|n| (IssueId::new(2023, n, false), Some(333 + n)))
        .collect();
    existing.push((IssueId::new(2023, 1, true), None));
    existing.push((IssueId::new(2023, 2, true), None));
    // The template is an old issue: the numbers still follow the library.
    let template = signed_issue(10, Some(343), "2023-03-10");
    let settings = Settings::default();
    let next = |existing: &[(IssueId, Option<u32>)], d: &str, supplement: bool| {
        next_issue(&spec(existing, Some(&template), &settings, d, supplement))
    };
    let late = next(&existing, "2023-12-30", false);
    assert_eq!(
        (late.id().to_string(), late.total),
        ("2023-041".into(), Some(374))
    );
    let first = next(&existing, "2024-01-05", false);
    assert_eq!(
        (first.id().to_string(), first.total),
        ("2024-001".into(), Some(374))
    );
    existing.push((first.id(), first.total));
    let s = next(&existing, "2024-01-20", true);
    assert_eq!((s.id().to_string(), s.total), ("2024-S01".into(), None));
    existing.push((s.id(), None));
    let second = next(&existing, "2024-01-19", false);
    assert_eq!(
        (second.id().to_string(), second.total),
        ("2024-002".into(), Some(375))
    );
    let s2 = next(&existing, "2023-12-31", true);
    assert_eq!(s2.id().to_string(), "2023-S03");
    assert!(total_clashes(&existing).is_empty());
    // 总第374期 printed twice, and once more for 375.
    existing.push((IssueId::new(2024, 2, false), Some(374)));
    existing.push((IssueId::new(2024, 3, false), Some(375)));
    existing.push((IssueId::new(2024, 4, false), Some(375)));
    let clashes = total_clashes(&existing);
    assert_eq!(clashes.len(), 2);
    assert_eq!(clashes[0].total, 374);
    let ids: Vec<String> = clashes[0].ids.iter().map(|i| i.to_string()).collect();
    assert_eq!(ids, ["2024-001", "2024-002"]);
    assert_eq!(clashes[1].ids.len(), 2);
}

#[test]
fn a_new_issue_keeps_the_marks_but_not_the_copy_number() {
    let mut prev = signed_issue(12, None, "2023-11-23");
    prev.marks = Marks {
        copy_number: Some("000012".into()),
        secrecy: Some(Secrecy::Secret),
        secrecy_period: Some("1年".into()),
        urgency: None,
        notices: vec!["内部资料".into()],
    };
    let existing = [(prev.id(), None)];
    let settings = Settings::default();
    let next = next_issue(&spec(
        &existing,
        Some(&prev),
        &settings,
        "2023-11-30",
        false,
    ));
    assert_eq!(next.marks.copy_number, None);
    assert_eq!(next.marks.lines(), ["秘密★1年", "内部资料"]);
    assert!(next.history.is_empty());
    assert!(
        next_issue(&spec(&existing, None, &settings, "2023-11-30", false))
            .marks
            .is_empty()
    );
}
