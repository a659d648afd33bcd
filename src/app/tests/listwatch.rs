//! The issue list follows the library on disk once the clerk is idle, and
//! never while keys come (see `app::listwatch`).

use super::*;
use crate::app::listwatch::{EVERY, IDLE};
use crate::model::Status;
use std::time::{Duration, Instant};

const MS: Duration = Duration::from_millis(1);

/// The same library opened by another process (another jianbao, `jianbao
/// new`, a git pull).
fn other(app: &App) -> Library {
    Library::open(app.lib.root()).unwrap()
}

#[test]
fn an_issue_added_behind_the_apps_back_appears_once_idle_and_not_while_keys_come() {
    let (_d, mut app) = app();
    let t0 = Instant::now();
    app.tick(t0);
    assert_eq!(app.issue_ids(), [sample_id()]);
    let added = other(&app)
        .insert(issue(
            26,
            "2023-11-30",
            vec![section("一", vec![brief("甲", "乙丙")])],
        ))
        .unwrap();
    // Keys every half second for three seconds: nothing is looked at.
    let mut now = t0;
    for k in ["Down", "Up", "Down", "Up", "Down", "Up"] {
        now += 500 * MS;
        key(&mut app, k);
        app.tick(now);
        assert_eq!(app.issue_ids(), [sample_id()], "looked while keys came");
        let wait = app.next_tick(now).expect("the list is watched");
        assert!(wait >= IDLE, "{wait:?}");
    }
    let generation = app.view_generation();
    now += IDLE - MS;
    app.tick(now);
    assert_eq!(app.issue_ids(), [sample_id()], "not idle long enough");
    now += MS;
    app.tick(now);
    assert_eq!(app.issue_ids(), [added, sample_id()]);
    assert!(screen(&app).contains("第26期"), "{}", screen(&app));
    assert_eq!(app.list_selected, 1, "the highlighted issue is kept");
    assert_ne!(app.view_generation(), generation, "the list is redrawn");
}

#[test]
fn changed_and_removed_issues_are_taken_in_and_looks_wait_between_them() {
    let (_d, mut app) = app();
    let second = issue(
        26,
        "2023-11-30",
        vec![section("一", vec![brief("甲", "乙丙")])],
    );
    let mut lib = other(&app);
    let id26 = lib.insert(second.clone()).unwrap();
    let t0 = Instant::now();
    app.tick(t0);
    app.tick(t0 + IDLE);
    assert_eq!(app.issue_ids(), [id26, sample_id()]);
    let chars = app.lib.summary(&id26).unwrap().chars;
    // Opened once, then the sample opened.
    keys(
        &mut app,
        &["Enter", "Shift+Tab", "Down", "Enter", "Shift+Tab"],
    );
    assert_eq!(doc(&app).id, sample_id());
    assert_eq!(app.focus, Focus::Issues);
    let t1 = t0 + 5 * IDLE;
    app.tick(t1);

    let mut changed = second;
    changed.sections[0].articles[0]
        .paragraphs
        .push("又一段新的文字".into());
    changed.status = Status::Review;
    let generation = app.view_generation();
    lib.save(&id26, changed).unwrap();
    app.tick(t1 + IDLE);
    let now = app.lib.summary(&id26).unwrap();
    assert_eq!(now.chars, chars + 7, "字数 taken in");
    assert_eq!(now.status, Status::Review);
    assert_ne!(app.view_generation(), generation, "the list is redrawn");

    // Just looked: the next look waits.
    std::fs::remove_file(lib.entry(&id26).unwrap().path.clone()).unwrap();
    app.tick(t1 + IDLE + EVERY - MS);
    assert_eq!(app.issue_ids(), [id26, sample_id()]);
    let t2 = t1 + IDLE + EVERY;
    app.tick(t2);
    assert_eq!(app.issue_ids(), [sample_id()]);
    assert_eq!(app.list_selected, 0);
    // Nothing changed: no redraw.
    let generation = app.view_generation();
    app.tick(t2 + EVERY);
    assert_eq!(app.view_generation(), generation);
}

#[test]
fn the_open_issue_is_not_touched_and_a_hidden_list_is_not_watched() {
    let (_d, mut app) = app_with(Lang::Zh, Keymap::default(), 80, 24);
    app.start(Some(sample_id()));
    let before = doc(&app).issue.clone();
    let mut lib = other(&app);
    let mut theirs = lib.load(&sample_id()).unwrap().clone();
    theirs.sections[0].articles[0]
        .paragraphs
        .push("又一段".into());
    lib.save(&sample_id(), theirs).unwrap();
    let added = lib
        .insert(issue(
            26,
            "2023-11-30",
            vec![section("一", vec![brief("甲", "乙丙")])],
        ))
        .unwrap();
    // 80 columns, the tree has the focus: the list is folded away.
    assert_eq!(app.focus, Focus::Tree);
    let t0 = Instant::now();
    app.tick(t0);
    assert_eq!(app.next_tick(t0), None, "nothing to wake up for");
    app.tick(t0 + 10 * IDLE);
    assert_eq!(app.issue_ids(), [sample_id()]);
    // The list unfolds: it is watched, and the open issue stays as loaded.
    key(&mut app, "Shift+Tab");
    assert_eq!(app.focus, Focus::Issues);
    let t1 = t0 + 20 * IDLE;
    app.tick(t1);
    assert_eq!(app.next_tick(t1), Some(IDLE));
    app.tick(t1 + IDLE);
    assert!(app.issue_ids().contains(&added));
    assert_eq!(doc(&app).issue, before);
    assert!(!app.is_dirty());
    assert_eq!(app.lib.entry(&sample_id()).unwrap().issue(), Some(&before));
}
