//! Finding across the whole issue, the readable text column on wide
//! terminals, and second keys for the modifier chords (issue 12).

use super::*;
use crate::app::keymap::Keymap;
use crate::i18n::Lang;
use crate::model::Issue;

/// The first article open in the editor, at its start.
fn in_first_article() -> (TempDir, App) {
    let (d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(0, 0));
    (d, app)
}

fn paragraph(app: &App, i: usize) -> String {
    editor(app).paragraph(i).into_owned()
}

// ----- second keys ---------------------------------------------------

#[test]
fn alt_letters_move_by_word_and_to_either_end_of_the_article() {
    let (_d, mut app) = in_first_article();
    let last = editor(&app).paragraph_count() - 1;
    key(&mut app, "Alt+>");
    assert_eq!(app.last_command, Some(Command::Last));
    assert_eq!(
        editor(&app).caret(),
        crate::text::Pos::new(last, editor(&app).paragraph_len(last))
    );
    typ(&mut app, "甲乙，丙丁");
    key(&mut app, "Alt+B");
    typ(&mut app, "戊");
    assert!(paragraph(&app, last).ends_with("甲乙，戊丙丁"));
    key(&mut app, "Alt+F");
    typ(&mut app, "己");
    assert!(paragraph(&app, last).ends_with("甲乙，戊丙丁己"));
    key(&mut app, "Alt+Backspace");
    assert!(paragraph(&app, last).ends_with("甲乙，"));
    key(&mut app, "Alt+<");
    assert_eq!(editor(&app).caret(), crate::text::Pos::new(0, 0));
    key(&mut app, "Alt+D");
    assert_eq!(app.last_command, Some(Command::DeleteWordForward));
    // F8's extend mode makes them select, as Ctrl+Shift+← would.
    key(&mut app, "F8");
    key(&mut app, "Alt+F");
    assert!(editor(&app).selection().is_some());
}

#[test]
fn text_fields_and_the_import_list_take_the_second_keys_too() {
    let (_d, mut app) = app();
    key(&mut app, "Ctrl+P");
    typ(&mut app, "保存 新");
    key(&mut app, "Alt+B");
    assert_eq!(app.last_command, Some(Command::WordLeft));
    key(&mut app, "Alt+F");
    assert_eq!(app.last_command, Some(Command::WordRight));
    key(&mut app, "Esc");
    key(&mut app, "Ctrl+O");
    key(&mut app, "Alt+>");
    assert_eq!(app.last_command, Some(Command::Last));
    key(&mut app, "Alt+<");
    assert_eq!(app.last_command, Some(Command::First));
}

// ----- the text column on wide terminals -------------------------------

fn click(app: &mut App, column: u16, row: u16) {
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

/// The cursor line of [`screen`]: where the terminal's cursor is.
fn cursor(app: &App) -> (u16, u16) {
    let s = screen(app);
    let line = s.lines().next().unwrap();
    let (x, y) = line
        .strip_prefix("cursor: ")
        .and_then(|c| c.split_once(','))
        .unwrap_or_else(|| panic!("no cursor:\n{s}"));
    (x.parse().unwrap(), y.parse().unwrap())
}

#[test]
fn a_wide_pane_wraps_the_text_in_a_centred_column_of_40_characters() {
    let (_d, mut app) = app_with(Lang::Zh, Keymap::default(), 160, 40);
    keys(&mut app, &["Enter", "Down", "Enter"]);
    let pane = layout::inner(app.layout().editor.unwrap());
    let body = app.article_areas().unwrap().body;
    assert_eq!(body.width, 80);
    assert_eq!(body.x - pane.x, (pane.width - 80) / 2);
    assert_eq!(editor(&app).width(), 80, "wrapped for the column");
    // No row is wider than the column: 40 Chinese characters at most.
    let widest = editor(&app)
        .visible_rows()
        .iter()
        .map(|r| r.indent + unicode_width::UnicodeWidthStr::width(r.text))
        .max()
        .unwrap();
    assert!((76..=80).contains(&widest), "{widest}");
    // The terminal's cursor sits on the caret, in the column.
    assert_eq!(cursor(&app), (body.x + 4, body.y));
    key(&mut app, "Down");
    let (cx, cy) = editor(&app).caret_screen().unwrap();
    assert_eq!(cy, 1);
    assert_eq!(cursor(&app), (body.x + cx as u16, body.y + 1));
    // A click in the column lands where it points; in the margins, at the
    // nearer end of the row.
    click(&mut app, body.x + 4 + 6, body.y);
    // Indent 4, then "11月22日": column 10 is on 日, the sixth grapheme.
    assert_eq!(editor(&app).caret(), crate::text::Pos::new(0, 5));
    click(&mut app, pane.x + 1, body.y + 1);
    let second = editor(&app).visible_rows()[1].grapheme;
    assert_eq!(editor(&app).caret(), crate::text::Pos::new(0, second));
    click(&mut app, pane.right() - 2, body.y);
    assert_eq!(editor(&app).caret(), crate::text::Pos::new(0, second - 1));
}

#[test]
fn the_column_width_is_configurable_and_0_is_the_whole_pane() {
    let (_d, mut app) = app_with(Lang::Zh, Keymap::default(), 160, 40);
    keys(&mut app, &["Enter", "Down", "Enter"]);
    app.text_width = 0;
    app.handle_event(&Event::Resize(160, 40));
    let pane = layout::inner(app.layout().editor.unwrap());
    let body = app.article_areas().unwrap().body;
    assert_eq!((body.x, body.width), (pane.x, pane.width));
    assert_eq!(editor(&app).width(), pane.width as usize);
}

// ----- finding across the issue ----------------------------------------

use crate::app::find::Scope;
use crate::app::findall::{self, Hit, Place};

fn bar(app: &App) -> &crate::app::find::FindBar {
    doc(app).find.as_ref().expect("the find bar is open")
}

/// Every match of `query` in the working copy, the open article's text
/// included.
fn hits(app: &mut App, query: &str) -> Vec<Hit> {
    app.doc.as_mut().unwrap().flush();
    findall::search(&doc(app).issue, query)
}

/// The match the app shows as current, checked against the screen state:
/// its article open, the tree on it, a text match selected.
fn shown(app: &App) -> Hit {
    let hit = bar(app).issue.current.expect("a current match");
    let a = doc(app).article.as_ref().unwrap();
    assert_eq!(a.pos, hit.at);
    assert_eq!(doc(app).tree.selected, Some(tree::Node::Article(hit.at)));
    match hit.place {
        Place::Body => assert_eq!(a.editor.selection(), Some((hit.start, hit.end))),
        Place::Title => {
            assert_eq!(a.editor.selection(), None);
            assert!(app.title_marks().contains(&(
                hit.start.paragraph,
                hit.start.grapheme,
                hit.end.grapheme,
                true
            )));
        }
    }
    hit
}

#[test]
fn ctrl_f_in_the_tree_steps_through_titles_and_text_of_every_article_in_order() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    assert_eq!(app.focus, Focus::Tree);
    key(&mut app, "Ctrl+F");
    assert_eq!(app.last_command, Some(Command::FindInIssue));
    assert_eq!(bar(&app).scope, Scope::Issue);
    typ(&mut app, "文明");
    let all = hits(&mut app, "文明");
    let articles: std::collections::BTreeSet<_> = all.iter().map(|h| h.at).collect();
    assert!(articles.len() >= 4, "{articles:?}");
    assert!(all.iter().any(|h| h.place == Place::Title));
    // From the tree's place (the first section): the issue's first match.
    assert_eq!(shown(&app), all[0]);
    assert!(
        screen(&app).contains(&format!("第1/{}处", all.len())),
        "{}",
        screen(&app)
    );
    for (i, expected) in all.iter().enumerate().skip(1) {
        key(&mut app, "F3");
        assert_eq!(shown(&app), *expected, "match {i}");
        assert_eq!(bar(&app).issue.position(), (Some(i), all.len()));
    }
    // Past the last: the first again, and said so.
    key(&mut app, "F3");
    assert_eq!(shown(&app), all[0]);
    assert_eq!(notice(&app), "已到末尾，从头继续查找");
    key(&mut app, "Shift+F3");
    assert_eq!(shown(&app), *all.last().unwrap());
    // Esc closes the bar and its marks; the article stays open.
    key(&mut app, "Esc");
    assert!(doc(&app).find.is_none());
    assert!(editor(&app).find_matches().is_empty());
}

#[test]
fn ctrl_f_in_the_bar_switches_between_the_article_and_the_whole_issue() {
    let (_d, mut app) = in_first_article();
    key(&mut app, "Ctrl+F");
    typ(&mut app, "文明");
    assert_eq!(bar(&app).scope, Scope::Article);
    let here = editor(&app).find_matches().len();
    assert!(screen(&app).contains(&format!("第1/{here}处")));
    assert!(screen(&app).contains("Ctrl+F 全期"), "{}", screen(&app));
    key(&mut app, "Ctrl+F");
    assert_eq!(app.last_command, Some(Command::FindScope));
    assert_eq!(bar(&app).scope, Scope::Issue);
    let all = hits(&mut app, "文明");
    // From the caret: the article's first match of the text.
    let first = shown(&app);
    assert_eq!(first.at, at(0, 0));
    let s = screen(&app);
    assert!(s.contains("全期查找：文明"), "{s}");
    assert!(s.contains(&format!("/{}处", all.len())), "{s}");
    assert!(s.contains("Ctrl+F 本文"), "{s}");
    key(&mut app, "Ctrl+F");
    assert_eq!(bar(&app).scope, Scope::Article);
    assert!(bar(&app).issue.hits.is_empty());
}

#[test]
fn an_edit_while_searching_the_issue_counts_the_matches_again() {
    let (_d, mut app) = in_first_article();
    keys(&mut app, &["Ctrl+F", "Ctrl+F"]);
    typ(&mut app, "文明");
    let before = bar(&app).issue.hits.len();
    // Esc closes the bar; typing 文明 after the selected match adds one;
    // Ctrl+F twice again.
    keys(&mut app, &["Esc", "Right"]);
    typ(&mut app, "文明");
    keys(&mut app, &["Ctrl+F", "Ctrl+F"]);
    typ(&mut app, "文明");
    assert_eq!(bar(&app).issue.hits.len(), before + 1);
    // The next match after the caret is in another article: back to the
    // one typed, whose undo (Ctrl+Z passes through the bar) takes it out.
    assert_ne!(shown(&app).at, at(0, 0));
    key(&mut app, "Shift+F3");
    assert_eq!(shown(&app).at, at(0, 0));
    key(&mut app, "Ctrl+Z");
    assert_eq!(bar(&app).issue.hits.len(), before);
}

/// The replace bar over the whole issue, 文明 → 文化, the review open.
fn review_replacing() -> (TempDir, App) {
    let (d, mut app) = in_first_article();
    key(&mut app, "Ctrl+R");
    typ(&mut app, "文明");
    key(&mut app, "Tab");
    typ(&mut app, "文化");
    keys(&mut app, &["Ctrl+F", "Alt+A"]);
    (d, app)
}

fn review(app: &App) -> &findall::ReplaceReview {
    match &app.overlay {
        Some(Overlay::Replace(r)) => r,
        other => panic!("no review: {other:?}"),
    }
}

#[test]
fn replace_all_in_the_issue_shows_every_match_first_and_esc_changes_nothing() {
    let (_d, mut app) = review_replacing();
    let all = hits(&mut app, "文明");
    let text: Vec<Hit> = all
        .iter()
        .copied()
        .filter(|h| h.place == Place::Body)
        .collect();
    let r = review(&app);
    // Titles and text alike, in issue order, a title's row named so.
    assert_eq!(r.rows.iter().map(|r| r.hit).collect::<Vec<_>>(), all);
    let titles = all.len() - text.len();
    assert!(titles > 0);
    assert_eq!(r.chosen_titles(), titles);
    assert!(r.rows.iter().all(|r| r.matched == "文明"));
    assert!(r.rows[0].article.starts_with("【工作动态】"));
    let row = r.rows.iter().find(|r| r.hit.place == Place::Title).unwrap();
    assert!(row.article.ends_with("】标题"), "{}", row.article);
    let title = &doc(&app).issue.article(row.hit.at).unwrap().title[row.hit.start.paragraph];
    assert!(title.contains(&format!("{}文明{}", row.left, row.right).replace('…', "")));
    let s = screen(&app);
    assert!(
        s.contains(&format!(
            "将在 {} 篇文章中替换 {} 处（共 {} 处），其中标题 {titles} 处",
            r.articles(),
            all.len(),
            all.len()
        )),
        "{s}"
    );
    let before = doc(&app).issue.clone();
    key(&mut app, "Esc");
    assert!(app.overlay.is_none());
    assert_eq!(notice(&app), "已取消替换，文字未变。");
    app.doc.as_mut().unwrap().flush();
    assert_eq!(doc(&app).issue, before);
}

#[test]
fn replace_all_in_the_issue_replaces_the_ticked_and_each_article_undoes_its_own() {
    let (_d, mut app) = review_replacing();
    let r = review(&app).clone();
    let n = r.rows.len();
    // Untick the first match.
    key(&mut app, "Space");
    let articles = review(&app).articles();
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    let titles = r.chosen_titles();
    assert_eq!(
        notice(&app),
        format!(
            "已在 {} 篇文章中替换 {} 处，其中标题 {titles} 处\
             （标题：在目录中按 Ctrl+Z 撤销；正文：在各篇文章中按 Ctrl+Z 撤销）",
            articles,
            n - 1
        )
    );
    let left = hits(&mut app, "文明");
    assert_eq!(left, vec![r.rows[0].hit], "only the unticked one");
    assert!(app.is_dirty());
    // Another article that had matches: its own undo gives its text back.
    let other = r
        .rows
        .iter()
        .filter(|r| r.hit.place == Place::Body)
        .map(|r| r.hit.at)
        .find(|a| *a != at(0, 0))
        .unwrap();
    let replaced = doc(&app).issue.article(other).unwrap().paragraphs.clone();
    key(&mut app, "Esc");
    key(&mut app, "Esc");
    app.open_article(other);
    assert_eq!(editor(&app).paragraphs(), replaced);
    key(&mut app, "Ctrl+Z");
    let back = editor(&app).paragraphs().join("\n");
    let originally = crate::test_support::sample_issue()
        .article(other)
        .unwrap()
        .paragraphs
        .join("\n");
    assert_eq!(back, originally);
}

#[test]
fn a_signed_issue_refuses_replacing_across_the_issue() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    app.doc.as_mut().unwrap().issue.status = crate::model::Status::Signed;
    key(&mut app, "Ctrl+R");
    assert!(doc(&app).find.is_none());
    assert!(notice(&app).contains("已签发"), "{}", notice(&app));
    // Finding still works.
    key(&mut app, "Ctrl+F");
    typ(&mut app, "文明");
    assert!(bar(&app).issue.current.is_some());
}

/// The replace bar over the whole issue, 文明 → 文化, at the first match
/// in a title; the test's issue as it was, and that match.
fn at_a_title_match() -> (TempDir, App, Issue, Hit) {
    let (d, mut app) = in_first_article();
    key(&mut app, "Ctrl+R");
    typ(&mut app, "文明");
    key(&mut app, "Tab");
    typ(&mut app, "文化");
    key(&mut app, "Ctrl+F");
    assert_eq!(bar(&app).scope, Scope::Issue);
    let before = {
        app.doc.as_mut().unwrap().flush();
        doc(&app).issue.clone()
    };
    for _ in 0..hits(&mut app, "文明").len() {
        if shown(&app).place == Place::Title {
            break;
        }
        key(&mut app, "F3");
    }
    let hit = shown(&app);
    assert_eq!(hit.place, Place::Title);
    (d, app, before, hit)
}

fn titles(issue: &Issue) -> Vec<Vec<String>> {
    let articles = issue.sections.iter().flat_map(|s| &s.articles);
    articles.map(|a| a.title.clone()).collect()
}

#[test]
fn enter_in_the_replace_bar_replaces_a_title_match_and_the_tree_undoes_it() {
    let (_d, mut app, before, hit) = at_a_title_match();
    let title = before.article(hit.at).unwrap().title.clone();
    key(&mut app, "Enter");
    assert_eq!(
        notice(&app),
        "已替换标题中的 1 处（在目录中按 Ctrl+Z 撤销）"
    );
    let now = doc(&app).issue.article(hit.at).unwrap().title.clone();
    let line = hit.start.paragraph;
    assert_eq!(now[line], title[line].replacen("文明", "文化", 1));
    assert!(app.is_dirty());
    // On to the next match, the replaced one no longer counted.
    let next = shown(&app);
    assert!(next > hit, "{next:?} after {hit:?}");
    let found = hits(&mut app, "文明");
    assert_eq!(bar(&app).issue.hits, found);
    // The title block marks only what is still there.
    for (l, s, e, _) in app.title_marks() {
        let g: Vec<&str> = crate::text::graphemes(&now[l]).collect();
        assert_eq!(g[s..e].concat(), "文明");
    }
    // The article's text is untouched, so its own undo has nothing of it.
    assert_eq!(doc(&app).issue.sections, {
        let mut s = before.sections.clone();
        s[hit.at.section].articles[hit.at.article].title = now;
        s
    });
    keys(&mut app, &["Esc", "Esc"]);
    assert_eq!(app.focus, Focus::Tree);
    key(&mut app, "Ctrl+Z");
    assert_eq!(notice(&app), "已撤销：替换标题中的“文明”");
    assert_eq!(doc(&app).issue.article(hit.at).unwrap().title, title);
}

#[test]
fn replace_all_replaces_titles_too_and_one_undo_in_the_tree_gives_them_all_back() {
    let (_d, mut app) = review_replacing();
    let r = review(&app).clone();
    let in_titles = r.chosen_titles();
    assert!(in_titles >= 2, "several titles: {in_titles}");
    app.doc.as_mut().unwrap().flush();
    let before = doc(&app).issue.clone();
    key(&mut app, "Enter");
    assert!(hits(&mut app, "文明").is_empty());
    let replaced = doc(&app).issue.clone();
    let changed: Vec<_> = titles(&before)
        .into_iter()
        .zip(titles(&replaced))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed.len(),
        r.rows
            .iter()
            .filter(|r| r.hit.place == Place::Title)
            .map(|r| r.hit.at)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    );
    for (old, new) in &changed {
        let old: Vec<String> = old.iter().map(|l| l.replace("文明", "文化")).collect();
        assert_eq!(&old, new);
    }
    // One step in the tree: every title back, the text left replaced
    // (each article undoes its own).
    keys(&mut app, &["Esc", "Esc"]);
    assert_eq!(app.focus, Focus::Tree);
    key(&mut app, "Ctrl+Z");
    assert_eq!(notice(&app), "已撤销：替换标题中的“文明”");
    assert_eq!(titles(&doc(&app).issue), titles(&before));
    let left = hits(&mut app, "文明");
    assert_eq!(left.len(), in_titles);
    assert!(left.iter().all(|h| h.place == Place::Title));
    // And redone as one.
    key(&mut app, "Ctrl+Y");
    assert_eq!(titles(&doc(&app).issue), titles(&replaced));
}

#[test]
fn a_signed_issue_refuses_replacing_a_title_one_by_one_or_all() {
    let (_d, mut app, before, hit) = at_a_title_match();
    app.doc.as_mut().unwrap().issue.status = crate::model::Status::Signed;
    key(&mut app, "Enter");
    assert!(notice(&app).contains("已签发"), "{}", notice(&app));
    assert_eq!(titles(&doc(&app).issue), titles(&before));
    assert_eq!(bar(&app).issue.current, Some(hit));
    key(&mut app, "Alt+A");
    assert!(app.overlay.is_none());
    assert!(notice(&app).contains("已签发"), "{}", notice(&app));
    assert_eq!(titles(&doc(&app).issue), titles(&before));
}

#[test]
fn an_issue_without_articles_says_there_is_nothing_to_search() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    app.doc.as_mut().unwrap().issue.sections.clear();
    key(&mut app, "Ctrl+F");
    assert!(doc(&app).find.is_none());
    assert_eq!(notice(&app), "本期还没有文章，无处查找。");
}
