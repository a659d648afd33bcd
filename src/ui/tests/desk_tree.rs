//! Snapshots of the tree at the clerk's desk (issue 12): the article the
//! tree highlights shown read-only, a section summed up, the new-issue
//! form with its proposal and a clash, the undo said on the status line.

use super::*;

#[test]
fn the_text_pane_follows_the_tree() {
    shot!(
        "follow_read_only_80x24",
        80,
        24,
        &["Enter", "Down", "Down", "Down"]
    );
    shot!("follow_section_80x24", 80, 24, &["Enter", "End", "Left"]);
    let (_d, mut app) = app(Lang::En, 80, 24);
    keys(&mut app, &["Enter", "Down", "Down", "Down", "Down"]);
    insta::assert_snapshot!("follow_read_only_english_80x24", screen(&app));
}

#[test]
fn the_new_issue_form() {
    shot!("new_issue_80x24", 80, 24, &["Ctrl+N"]);
    shot!(
        "new_issue_clash_80x24",
        80,
        24,
        &["Ctrl+N", "Ctrl+U", "2", "5"]
    );
}

#[test]
fn an_undone_deletion_is_said() {
    shot!(
        "undo_delete_80x24",
        80,
        24,
        &["Enter", "Down", "Down", "Down", "Delete", "D", "Ctrl+Z"]
    );
}
