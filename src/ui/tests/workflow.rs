//! Snapshots of the office's workflow: the issue list with statuses, a
//! numbering clash and the status filter, and F4 of a signed issue with its
//! history.

use super::*;
use crate::model::{Actor, Issue, Secrecy, Status};
use crate::store::codec;
use chrono::{Local, TimeZone};

/// Local wall-clock time (what the history shows) on 2023-11-`day`.
fn at(day: u32, h: u32, m: u32) -> chrono::DateTime<chrono::FixedOffset> {
    Local
        .with_ymd_and_hms(2023, 11, day, h, m, 0)
        .unwrap()
        .fixed_offset()
}

/// The sample signed by 王文明, with marks; 第24期 in review and 第26期 a
/// draft printing the same 总第N期 as the sample.
fn office(w: u16, h: u16) -> (TempDir, App) {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    drop(Library::open(&root).unwrap());
    let clerk = Actor {
        name: Some("王文明".into()),
        user: "clerk".into(),
        host: "office".into(),
    };
    let write = |issue: &Issue| {
        std::fs::write(
            root.join(format!("issues/{}.ron", issue.id())),
            codec::encode_issue(issue),
        )
        .unwrap();
    };
    let mut signed = crate::test_support::sample_issue();
    signed.total = Some(301);
    signed.marks.secrecy = Some(Secrecy::Secret);
    signed.marks.secrecy_period = Some("1年".into());
    signed.marks.notices = vec!["内部资料".into()];
    signed.closing.signer = None;
    signed
        .change_status(Status::Review, &clerk, None, at(22, 16, 5))
        .unwrap();
    signed
        .change_status(Status::Signed, &clerk, Some("同意印发"), at(23, 10, 12))
        .unwrap();
    write(&signed);
    let mut review = signed.clone();
    review.number = 24;
    review.total = Some(300);
    review.date = "2023-11-16".parse().unwrap();
    review.status = Status::Review;
    review.history.clear();
    write(&review);
    let mut draft = review.clone();
    draft.number = 26;
    draft.total = Some(301);
    draft.date = "2023-11-30".parse().unwrap();
    draft.status = Status::Draft;
    write(&draft);
    let lib = Library::open(&root).unwrap();
    let mut app = App::new(lib, Lang::Zh, Keymap::default(), today());
    app.handle_event(&Event::Resize(w, h));
    (dir, app)
}

#[test]
fn the_list_shows_statuses_clashes_and_the_filter() {
    let (_d, mut app) = office(80, 24);
    insta::assert_snapshot!("workflow_list_80x24", screen(&app));
    keys(&mut app, &["F", "F", "F"]);
    insta::assert_snapshot!("workflow_list_signed_80x24", screen(&app));
}

#[test]
fn f4_of_a_signed_issue_shows_its_history_read_only() {
    let (_d, mut app) = office(80, 24);
    keys(&mut app, &["Down", "Enter", "F4"]);
    insta::assert_snapshot!("workflow_f4_signed_80x24", screen(&app));
}

/// Each issue's git state beside its status and clash, at 80 columns with
/// the list beside the tree and alone.
#[test]
fn the_list_fits_status_clash_and_git_state_at_80_columns() {
    use crate::store::git::FileState;
    let (_d, mut app) = office(80, 24);
    // Set by hand: coming back to the list reads git again (none here).
    let states = |app: &mut App| {
        let ids = app.issue_ids();
        app.git = Some(
            ids.iter()
                .copied()
                .zip([FileState::Modified, FileState::Conflict, FileState::New])
                .collect(),
        );
    };
    states(&mut app);
    insta::assert_snapshot!("workflow_list_git_80x24", screen(&app));
    keys(&mut app, &["Enter", "Esc"]);
    states(&mut app);
    insta::assert_snapshot!("workflow_list_git_open_80x24", screen(&app));
}

/// An article over its section's length limit (library.ron) is marked in
/// the tree; the others, and other sections' articles, are not.
#[test]
fn the_tree_marks_articles_over_their_sections_limit() {
    let (_d, mut app) = app(Lang::Zh, 80, 24);
    app.lib
        .settings
        .section_limits
        .insert("文明 时讯".into(), 180);
    key(&mut app, "Enter");
    let s = screen(&app);
    let rows: Vec<&str> = s.lines().filter(|l| l.contains("〔简讯〕")).collect();
    assert_eq!(rows.len(), 4, "{s}");
    let counts: Vec<&str> = rows
        .iter()
        .map(|l| {
            l.split('│')
                .nth(1)
                .unwrap()
                .split_whitespace()
                .last()
                .unwrap()
        })
        .collect();
    assert_eq!(counts, ["!205", "143", "163", "!187"], "{s}");
    assert!(s.contains(" 876│") && !s.contains("!876"), "{s}");
}
