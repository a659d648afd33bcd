//! 字数 held still while typing and brought up to date when it pauses.

use super::*;
use crate::app::counts::PAUSE;
use std::time::{Duration, Instant};

const MS: Duration = Duration::from_millis(1);

/// The open article's and its section's 字数 as the tree shows them, and
/// whether the status bar shows the article's.
fn shown(app: &App) -> (usize, usize, bool) {
    let d = doc(app);
    let chars = d.article_chars(at(0, 0));
    let status = screen(app).contains(&format!("字数 {chars}"));
    (chars, d.section_chars(0), status)
}

#[test]
fn counters_hold_while_typing_and_catch_up_after_a_pause() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    assert_eq!(app.focus, Focus::Editor);
    let now = Instant::now();
    app.tick(now);
    let (article, section, status) = shown(&app);
    assert!(status);
    assert_eq!(
        app.next_tick(now),
        Some(crate::app::listwatch::IDLE),
        "nothing held yet: only the issue list's look"
    );

    let t0 = Instant::now();
    typ(&mut app, "今天天气好");
    key(&mut app, "Backspace");
    assert_eq!(shown(&app), (article, section, true), "held while typing");
    app.tick(t0 + 100 * MS);
    assert_eq!(
        shown(&app),
        (article, section, true),
        "not paused long enough"
    );
    let wait = app.next_tick(t0 + 100 * MS).expect("a tick is due");
    assert!(
        wait <= PAUSE,
        "the loop wakes up for the counters: {wait:?}"
    );

    // Each key starts the pause again.
    let t1 = Instant::now();
    typ(&mut app, "吗");
    app.tick(t1 + PAUSE - 50 * MS);
    assert_eq!(shown(&app).0, article);
    app.tick(Instant::now() + PAUSE);
    assert_eq!(shown(&app), (article + 5, section + 5, true), "caught up");
    assert_eq!(shown(&app).0, live(&app));
}

/// The open article's 字数 counted now.
fn live(app: &App) -> usize {
    editor(app).char_count() + doc(app).issue.article(at(0, 0)).unwrap().title_chars()
}

#[test]
fn other_edits_and_leaving_the_article_show_the_true_count_at_once() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    let (article, section, _) = shown(&app);
    typ(&mut app, "一二");
    assert_eq!(shown(&app).0, article);
    // A paste is one change, counted at once (the typing before it too).
    app.handle_event(&Event::Paste("三四五".into()));
    assert_eq!(shown(&app), (article + 5, section + 5, true));
    typ(&mut app, "六");
    assert_eq!(shown(&app).0, article + 5);
    key(&mut app, "Ctrl+Z");
    assert!(live(&app) < article + 6, "undone");
    assert_eq!(shown(&app).0, live(&app), "undo is counted at once");
    let undone = live(&app);
    typ(&mut app, "七");
    assert_eq!(shown(&app).0, undone);
    // Moving the caret is not a pause.
    key(&mut app, "Left");
    assert_eq!(shown(&app).0, undone);
    // Another article opened: the one left shows its true 字数.
    keys(&mut app, &["Esc", "Down", "Down", "Enter"]);
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(1, 0));
    assert_eq!(doc(&app).article_chars(at(0, 0)), undone + 1);
    assert_eq!(doc(&app).section_chars(0), section - article + undone + 1);
}
