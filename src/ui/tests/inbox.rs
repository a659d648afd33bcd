//! Snapshots of the inbox view at 80×24 and 120×40: the list over the selected
//! submission's text, the section picker of an adoption, the field of a
//! decline's reason, an empty inbox.

use super::*;
use crate::inbox::{Submit, submit};

fn shot(name: &str, submissions: &[&str], keys_: &[&str]) {
    let (w, h) = if name.ends_with("120x40") {
        (120, 40)
    } else {
        (80, 24)
    };
    let (_d, mut app) = app(Lang::Zh, w, h);
    let received = chrono::DateTime::parse_from_rfc3339("2023-11-20T09:30:00+08:00").unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inbox");
    for f in submissions {
        submit(&app.lib, &dir.join(f), &Submit::default(), received).unwrap();
    }
    keys(&mut app, keys_);
    insta::assert_snapshot!(name, screen(&app));
}

const THREE: &[&str] = &[
    "白潭镇倡导文明新风.txt",
    "商水县志愿服务.txt",
    "郸城县来稿.docx",
];

#[test]
fn inbox_view() {
    shot("inbox_80x24", THREE, &["Enter", "Ctrl+W", "Down", "Down"]);
    shot("inbox_adopt_80x24", THREE, &["Enter", "Ctrl+W", "B"]);
    shot(
        "inbox_decline_80x24",
        THREE,
        &["Ctrl+W", "D", "与", "上", "期", "重", "复"],
    );
    shot("inbox_empty_80x24", &[], &["Ctrl+W"]);
}

/// The wide window (issue 18): the list over the text, a duplicate
/// flagged with what it repeats, the warning before adopting it.
#[test]
fn inbox_view_wide() {
    shot("inbox_120x40", THREE, &["Enter", "Ctrl+W", "Down"]);
    let twice = &[THREE[0], THREE[1], THREE[0]];
    shot(
        "inbox_duplicate_120x40",
        twice,
        &["Enter", "Ctrl+W", "End", "Down", "Down"],
    );
    shot(
        "inbox_duplicate_adopt_120x40",
        twice,
        &["Enter", "Ctrl+W", "Down", "Down", "A"],
    );
}
