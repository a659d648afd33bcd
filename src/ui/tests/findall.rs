//! Snapshots of finding across the issue and of the text column on wide
//! terminals (issue 12).

use super::*;

fn shot(name: &str, w: u16, h: u16, keys_: &[&str], text: &str) {
    let (_d, mut app) = app(Lang::Zh, w, h);
    keys(&mut app, keys_);
    crate::test_support::typ(&mut app, text);
    // As the screen stands once typing pauses (the 字数 caught up).
    app.tick(std::time::Instant::now() + crate::app::counts::PAUSE);
    insta::assert_snapshot!(name, screen(&app));
}

#[test]
fn a_wide_window_centres_the_text_in_a_column() {
    let article = ["Enter", "Down", "Down", "Down", "Enter"];
    shot("column_160x40", 160, 40, &article, "");
    let mut zoomed = article.to_vec();
    zoomed.extend(["F11", "Ctrl+F"]);
    shot("column_zoom_find_120x40", 120, 40, &zoomed, "文明");
}

#[test]
fn finding_across_the_issue_from_the_tree() {
    // Ctrl+F in the tree: the whole issue, "第2/N处" after F3.
    shot(
        "find_issue_80x24",
        80,
        24,
        &["Enter", "Ctrl+F", "文", "明", "F3"],
        "",
    );
    shot(
        "find_issue_120x40",
        120,
        40,
        &[
            "Enter", "Down", "Down", "Down", "Down", "Ctrl+F", "文", "明",
        ],
        "",
    );
}

#[test]
fn replacing_all_across_the_issue_shows_the_matches_first() {
    let keys_ = ["Enter", "Ctrl+R", "文", "明", "Tab", "文", "化", "Alt+A"];
    shot("replace_issue_80x24", 80, 24, &keys_, "");
    shot("replace_issue_120x40", 120, 40, &keys_, "");
}
