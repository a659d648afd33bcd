//! Snapshots of the statistics view against the hand-counted library of
//! `tests/fixtures/stats`: by unit with the inbox's columns at 80×24 and
//! 120×40, a quarter by section sorted by 字数, the CSV's path field.

use crate::inbox::{Submit, submit};
use crate::test_support::{counted_app, keys, screen};

fn shot(name: &str, w: u16, h: u16, inbox: bool, keys_: &[&str]) {
    let (_d, mut app) = counted_app(w, h);
    if name.contains("_en_") {
        app.lang = crate::i18n::Lang::En;
    }
    if inbox {
        let received = chrono::DateTime::parse_from_rfc3339("2023-11-20T09:30:00+08:00").unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inbox");
        for (file, unit) in [
            ("白潭镇倡导文明新风.txt", "扶沟县文明办"),
            ("商水县志愿服务.txt", "太康县文明办"),
        ] {
            let how = Submit {
                unit: Some(unit.to_string()),
                ..Submit::default()
            };
            submit(&app.lib, &dir.join(file), &how, received).unwrap();
        }
    }
    keys(&mut app, keys_);
    insta::assert_snapshot!(name, screen(&app));
}

#[test]
fn stats_view() {
    shot("stats_inbox_80x24", 80, 24, true, &["S"]);
    shot("stats_inbox_120x40", 120, 40, true, &["S", "Down"]);
    shot("stats_plain_80x24", 80, 24, false, &["S"]);
    shot(
        "stats_quarter_by_section_120x40",
        120,
        40,
        false,
        &["S", "G", "P", "P", "S", "S", "S", "S", "S"],
    );
    shot("stats_save_80x24", 80, 24, false, &["S", "P", "Ctrl+S"]);
    shot("stats_en_80x24", 80, 24, true, &["S"]);
}

/// A period whose issues hold no articles says so under the headings.
#[test]
fn an_issue_without_articles() {
    let (d, mut app) = counted_app(80, 24);
    let id: crate::model::IssueId = "2024-001".parse().unwrap();
    let mut issue = app.lib.issue(&id).unwrap().into_owned();
    issue.sections.clear();
    std::fs::write(
        d.path().join("lib/issues/2024-001.ron"),
        crate::store::codec::encode_issue(&issue),
    )
    .unwrap();
    app.lib.rescan().unwrap();
    keys(&mut app, &["S", "P", "Right"]);
    let s = screen(&app);
    assert!(s.contains("这段时间的各期还没有文章。"), "{s}");
    assert!(s.contains("共 1 期"), "{s}");
}
