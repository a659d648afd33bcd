//! The statistics view against the hand-counted library of
//! `tests/fixtures/stats` (see its README): opening and closing, the
//! grouping, the period stepped by year and quarter, sorting, the inbox's
//! columns, saving the CSV without overwriting unasked.

use super::*;
use crate::app::stats::{Mode, Span, StatsView, issue_list};
use crate::export::stats::Column;
use crate::inbox::{Submit, submit};
use crate::test_support::counted_app;

fn view(app: &App) -> &StatsView {
    match &app.overlay {
        Some(Overlay::Stats(v)) => v,
        other => panic!("no statistics view: {other:?}"),
    }
}

/// Name, articles, features, briefs, 字数 of each row as shown.
fn rows(app: &App) -> Vec<(String, usize, usize, usize, usize)> {
    view(app)
        .rows
        .iter()
        .map(|r| (r.name.clone(), r.articles, r.features, r.briefs, r.chars))
        .collect()
}

fn row(name: &str, a: usize, f: usize, b: usize, c: usize) -> (String, usize, usize, usize, usize) {
    (name.to_string(), a, f, b, c)
}

#[test]
fn opens_from_the_list_and_the_palette_and_esc_closes() {
    let (_d, mut app) = counted_app(80, 24);
    key(&mut app, "S");
    assert_eq!(app.last_command, Some(Command::Stats));
    // The whole library, by unit: 扶沟县文明办 has 2024's article too.
    assert_eq!(
        rows(&app),
        [
            row("扶沟县文明办", 4, 2, 2, 31),
            row("商水县文明办", 2, 1, 1, 17),
            row("", 1, 0, 1, 5),
        ]
    );
    assert_eq!((view(&app).table.issues, view(&app).table.unsigned), (3, 2));
    key(&mut app, "Esc");
    assert!(app.overlay.is_none());
    // From the editor, and by name in the palette.
    keys(&mut app, &["Enter", "Tab"]);
    key(&mut app, "Alt+T");
    assert!(matches!(app.overlay, Some(Overlay::Stats(_))));
    key(&mut app, "Esc");
    key(&mut app, "Ctrl+P");
    typ(&mut app, "采用统计");
    key(&mut app, "Enter");
    assert!(matches!(app.overlay, Some(Overlay::Stats(_))));
}

#[test]
fn grouping_and_period_change_inside_the_view() {
    let (_d, mut app) = counted_app(80, 24);
    key(&mut app, "S");
    // By section: 文明时讯 and 【文明时讯】 are one.
    key(&mut app, "G");
    assert_eq!(
        rows(&app),
        [row("文明时讯", 4, 0, 4, 25), row("工作动态", 3, 3, 0, 28)]
    );
    key(&mut app, "G");
    let months: Vec<String> = view(&app).rows.iter().map(|r| r.key.clone()).collect();
    assert_eq!(months, ["2023-11", "2023-12", "2024-01"]);
    key(&mut app, "G");
    assert_eq!(view(&app).rows.len(), 3);
    // ←→ mean nothing while counting everything: said so.
    key(&mut app, "Left");
    assert_eq!(view(&app).span, Span::All);
    assert!(view(&app).message.is_some());
    // All → today's year (2023) → its quarter (Q4) → all.
    key(&mut app, "P");
    assert_eq!(view(&app).span, Span::Year(2023));
    assert_eq!(
        rows(&app),
        [
            row("扶沟县文明办", 3, 1, 2, 26),
            row("商水县文明办", 2, 1, 1, 17),
            row("", 1, 0, 1, 5),
        ]
    );
    key(&mut app, "Right");
    assert_eq!(view(&app).span, Span::Year(2024));
    assert_eq!(rows(&app), [row("扶沟县文明办", 1, 1, 0, 5)]);
    key(&mut app, "Left");
    key(&mut app, "P");
    assert_eq!(view(&app).span, Span::Quarter(2023, 4));
    assert_eq!(view(&app).table.issues, 2);
    // Q4 2023 → Q1 2024 across the year; Q3 2023 holds nothing.
    key(&mut app, "Right");
    assert_eq!(view(&app).span, Span::Quarter(2024, 1));
    assert_eq!(view(&app).table.issues, 1);
    keys(&mut app, &["Left", "Left"]);
    assert_eq!(view(&app).span, Span::Quarter(2023, 3));
    assert_eq!(view(&app).table.issues, 0);
    assert!(view(&app).rows.is_empty());
    key(&mut app, "P");
    assert_eq!(view(&app).span, Span::All);
}

#[test]
fn any_column_sorts_and_r_reverses() {
    let (_d, mut app) = counted_app(80, 24);
    key(&mut app, "S");
    let names =
        |app: &App| -> Vec<String> { view(app).rows.iter().map(|r| r.name.clone()).collect() };
    // By name, ascending (in the order of the Unicode tables, by radical
    // and strokes: 商 before 扶; the row without a name first).
    key(&mut app, "S");
    assert_eq!(view(&app).sort, Some(Column::Name));
    assert_eq!(names(&app), ["", "商水县文明办", "扶沟县文明办"]);
    key(&mut app, "R");
    assert_eq!(names(&app), ["扶沟县文明办", "商水县文明办", ""]);
    // Then 采用, 正文, 简讯, 字数 descending: 简讯 ties keep the table's order.
    keys(&mut app, &["S", "S", "S"]);
    assert_eq!(view(&app).sort, Some(Column::Briefs));
    assert!(view(&app).descending);
    assert_eq!(names(&app), ["扶沟县文明办", "商水县文明办", ""]);
    key(&mut app, "R");
    assert_eq!(names(&app), ["商水县文明办", "", "扶沟县文明办"]);
    // Past the last column (字数, 期数): the table's own order again.
    keys(&mut app, &["S", "S", "S"]);
    assert_eq!(view(&app).sort, None);
    assert_eq!(names(&app), ["扶沟县文明办", "商水县文明办", ""]);
}

#[test]
fn the_inbox_adds_submitted_adopted_and_rate() {
    let (_d, mut app) = counted_app(80, 24);
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
    key(&mut app, "S");
    let got: Vec<(String, Option<usize>, Option<usize>)> = view(&app)
        .rows
        .iter()
        .map(|r| (r.name.clone(), r.submitted, r.adopted))
        .collect();
    // Typed-in articles count as submitted and adopted; 太康 sent one,
    // none adopted.
    let want = [
        ("扶沟县文明办", 5, 4),
        ("商水县文明办", 2, 2),
        ("太康县文明办", 1, 0),
        ("", 1, 1),
    ];
    let want: Vec<(String, Option<usize>, Option<usize>)> = want
        .iter()
        .map(|(n, s, a)| (n.to_string(), Some(*s), Some(*a)))
        .collect();
    assert_eq!(got, want);
    // Sorting by 采用率: 100% first, 太康's 0% last.
    keys(&mut app, &["S", "S", "S", "S"]);
    assert_eq!(view(&app).sort, Some(Column::Rate));
    let rates: Vec<String> = view(&app)
        .rows
        .iter()
        .map(|r| Column::Rate.cell(Lang::Zh, r, None))
        .collect();
    assert_eq!(rates, ["100.0%", "100.0%", "80.0%", "0.0%"]);
    // By section the inbox's columns go (their sort with them).
    key(&mut app, "G");
    assert_eq!(view(&app).sort, None);
    assert!(view(&app).table.total.submitted.is_none());
}

#[test]
fn saves_csv_where_asked_and_never_overwrites_unasked() {
    let (d, mut app) = counted_app(80, 24);
    keys(&mut app, &["S", "P"]);
    key(&mut app, "Ctrl+S");
    let Mode::Path(input) = &view(&app).mode else {
        panic!("no path asked: {:?}", view(&app).mode)
    };
    assert_eq!(input.text(), "lib/exports/stats-source-2023.csv");
    key(&mut app, "Enter");
    let path = d.path().join("lib/exports/stats-source-2023.csv");
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.starts_with("\u{feff}供稿单位,采用,正文,简讯,字数,期数,所在各期\r\n"));
    assert!(
        csv.contains("\r\n扶沟县文明办,3,1,2,26,2,2023-040 2023-041\r\n"),
        "{csv}"
    );
    assert!(csv.ends_with("\r\n合计,6,2,4,48,2,\r\n"), "{csv}");
    assert_eq!(view(&app).mode, Mode::Table);
    let (said, error) = view(&app).message.clone().unwrap();
    assert!(
        !error && said.contains("lib/exports/stats-source-2023.csv"),
        "{said}"
    );
    // Sorted by name, saved again: the file is there, so it asks.
    key(&mut app, "S");
    key(&mut app, "E");
    key(&mut app, "Enter");
    assert!(matches!(view(&app).mode, Mode::Overwrite { .. }));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), csv);
    // Esc: another name instead.
    key(&mut app, "Esc");
    assert!(matches!(view(&app).mode, Mode::Path(_)));
    keys(&mut app, &["Ctrl+U"]);
    typ(&mut app, "q4.csv");
    key(&mut app, "Enter");
    let other = std::fs::read_to_string(d.path().join("q4.csv")).unwrap();
    // In the order shown: by name, the row without a source first.
    assert!(
        other.contains("\r\n（未注明）,1,0,1,5,1,2023-040\r\n商水县文明办"),
        "{other}"
    );
    // Asked and answered: overwritten.
    keys(&mut app, &["Ctrl+S", "Enter", "Enter"]);
    assert_eq!(view(&app).mode, Mode::Table);
    assert_ne!(std::fs::read_to_string(&path).unwrap(), csv);
    // A folder that is not there: said, the path kept to correct.
    keys(&mut app, &["Ctrl+S", "Ctrl+U"]);
    typ(&mut app, "nowhere/x.csv");
    key(&mut app, "Enter");
    assert!(matches!(view(&app).mode, Mode::Path(_)));
    assert!(view(&app).message.as_ref().is_some_and(|(_, e)| *e));
}

#[test]
fn unsaved_edits_of_the_open_issue_count() {
    let (_d, mut app) = counted_app(80, 24);
    // 2024-001 is first in the list: open its one article, type two
    // characters.
    keys(&mut app, &["Enter", "Down", "Enter", "End"]);
    typ(&mut app, "两字");
    assert!(app.is_dirty());
    key(&mut app, "Alt+T");
    assert_eq!(view(&app).rows[0].chars, 31 + 2);
}

#[test]
fn issue_lists_are_short() {
    let id = |s: &str| s.parse::<crate::model::IssueId>().unwrap();
    let ids = |v: &[&str]| v.iter().map(|s| id(s)).collect::<Vec<_>>();
    let zh = Lang::Zh;
    assert_eq!(
        issue_list(zh, &ids(&["2023-040", "2023-041"])),
        "第40、41期"
    );
    assert_eq!(
        issue_list(zh, &ids(&["2023-001", "2023-002", "2023-003", "2023-007"])),
        "第1-3、7期"
    );
    assert_eq!(
        issue_list(zh, &ids(&["2023-040", "2023-S01", "2024-001"])),
        "2023年第40期，增刊第1期；2024年第1期"
    );
    assert_eq!(
        issue_list(Lang::En, &ids(&["2023-040", "2023-041"])),
        "No. 40, 41"
    );
    assert_eq!(issue_list(zh, &[]), "");
}
