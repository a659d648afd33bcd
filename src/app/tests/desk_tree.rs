//! The tree at the clerk's desk (issue 12): the text pane follows the
//! tree, undo and redo of the issue's structure, and Ctrl+N asking.

use super::*;
use crate::app::form::Form;
use crate::i18n::Msg;
use crate::model::ArticleRef;

fn shown(app: &App) -> Option<ArticleRef> {
    doc(app).article.as_ref().map(|a| a.pos)
}

fn form(app: &App) -> &Form {
    match &app.overlay {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

fn field(app: &App, label: Msg) -> String {
    form(app)
        .fields
        .iter()
        .find(|f| f.label == label)
        .map(|f| f.display(Lang::Zh))
        .unwrap()
}

/// Moves the form's focus to the field `label`.
fn focus_field(app: &mut App, label: Msg) {
    while form(app).focused().label != label {
        key(app, "Tab");
    }
}

// ----- the text pane follows the tree --------------------------------

#[test]
fn the_text_pane_shows_the_article_highlighted_in_the_tree_read_only() {
    let (_d, mut app) = app_with(Lang::Zh, Keymap::default(), 80, 24);
    key(&mut app, "Enter");
    // On a section row: the section summed up, full titles.
    let s = screen(&app);
    assert!(s.contains("栏目 · Enter 折叠"), "{s}");
    assert!(s.contains("全市创文创卫工作推进会召开"), "{s}");
    keys(&mut app, &["Down", "Down", "Down"]);
    assert_eq!(app.focus, Focus::Tree);
    assert_eq!(shown(&app), Some(at(1, 0)));
    let s = screen(&app);
    assert!(s.contains("正文 · 只读 · Enter 编辑"), "{s}");
    assert!(s.contains("市委统战部始终把精神文明建设"), "{s}");
    // No caret: typing goes nowhere, and says so.
    assert!(!s.starts_with("cursor:"), "{s}");
    typ(&mut app, "字");
    assert_eq!(doc(&app).issue, doc(&app).saved);
    assert!(
        notice(&app).contains("这里不能输入文字"),
        "{}",
        notice(&app)
    );
    // F9 acts on the article shown.
    key(&mut app, "F9");
    assert_eq!(
        doc(&app).issue.sections[1].articles[0].kind,
        ArticleKind::Brief
    );
    // Enter edits it, with the caret in it.
    key(&mut app, "Enter");
    assert_eq!(app.focus, Focus::Editor);
    assert!(screen(&app).starts_with("cursor:"));
    typ(&mut app, "甲");
    assert!(editor(&app).paragraphs()[0].starts_with("甲市委统战部"));
    // Esc: the tree on the article edited, the pane still on it.
    key(&mut app, "Esc");
    assert_eq!(doc(&app).tree.selected, Some(Node::Article(at(1, 0))));
    key(&mut app, "Down");
    assert_eq!(shown(&app), Some(at(1, 1)));
    assert!(screen(&app).contains("扶沟县白潭镇倡导移风易俗"));
    // The typing went into the issue when the pane moved on.
    assert!(doc(&app).issue.sections[1].articles[0].paragraphs[0].starts_with("甲"));
}

#[test]
fn going_back_and_forth_in_the_tree_reuses_each_articles_editor() {
    let (_d, mut app) = app();
    keys(
        &mut app,
        &["Enter", "Down", "Down", "Down", "Enter", "Ctrl+End"],
    );
    let caret = editor(&app).caret();
    assert!(caret.paragraph > 0);
    keys(&mut app, &["Esc", "Down", "Down", "Up", "Up"]);
    // The same editor (not laid out again from the text): caret kept.
    assert_eq!(shown(&app), Some(at(1, 0)));
    assert_eq!(editor(&app).caret(), caret);
    // A key that moves nothing changes nothing.
    let rows: Vec<String> = editor(&app)
        .visible_rows()
        .iter()
        .map(|r| r.text.to_string())
        .collect();
    keys(&mut app, &["Left", "Left"]);
    let again: Vec<String> = editor(&app)
        .visible_rows()
        .iter()
        .map(|r| r.text.to_string())
        .collect();
    assert_eq!(rows, again);
}

#[test]
fn articles_only_looked_at_give_way_before_those_with_an_undo_history() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    typ(&mut app, "改过");
    key(&mut app, "Esc");
    // Thirty more articles in the last section, each looked at in turn.
    let d = app.doc.as_mut().unwrap();
    for i in 0..30 {
        d.issue.sections[2]
            .articles
            .push(crate::model::Article::new(&format!("简讯{i}")));
    }
    key(&mut app, "End");
    for _ in 0..38 {
        key(&mut app, "Up");
    }
    assert!(doc(&app).stash.len() <= 16);
    assert_eq!(shown(&app), Some(at(0, 0)));
    key(&mut app, "Enter");
    key(&mut app, "Ctrl+Z");
    assert!(!editor(&app).paragraphs()[0].contains("改过"));
}

#[test]
fn clicks_follow_the_tree_and_a_click_in_the_text_edits() {
    let (_d, mut app) = app_with(Lang::Zh, Keymap::default(), 80, 24);
    key(&mut app, "Enter");
    let click = |app: &mut App, column, row| {
        app.handle_event(&Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
    };
    // A click on the summary of a section edits nothing.
    click(&mut app, 40, 10);
    assert_eq!(app.focus, Focus::Tree);
    // 扶沟县白潭镇… is the tree's fifth row.
    click(&mut app, 5, 6);
    assert_eq!(app.focus, Focus::Tree);
    assert_eq!(shown(&app), Some(at(1, 1)));
    assert!(screen(&app).contains("正文 · 只读"));
    click(&mut app, 40, 10);
    assert_eq!(app.focus, Focus::Editor);
    assert_eq!(shown(&app), Some(at(1, 1)));
}

#[test]
fn the_palette_acts_on_the_article_shown() {
    let (_d, mut app) = app();
    keys(
        &mut app,
        &["Enter", "Down", "Down", "Down", "Down", "Ctrl+P"],
    );
    typ(&mut app, "查找");
    key(&mut app, "Enter");
    assert_eq!(app.focus, Focus::Editor);
    assert_eq!(shown(&app), Some(at(1, 1)));
    assert!(doc(&app).find.is_some());
}

// ----- undo of structure ----------------------------------------------

#[test]
fn a_deleted_article_comes_back_as_it_was_and_goes_again() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Down", "Down", "Down"]);
    let before = doc(&app).issue.clone();
    key(&mut app, "Delete");
    key(&mut app, "D");
    assert_eq!(doc(&app).issue.article_count(), 6);
    // Text typed elsewhere since stays when the deletion is undone.
    keys(&mut app, &["Home", "Down", "Enter"]);
    typ(&mut app, "后来");
    key(&mut app, "Esc");
    key(&mut app, "Ctrl+Z");
    assert_eq!(
        notice(&app),
        "已撤销：删除《扶沟县白潭镇倡导移风易俗 破除陈规陋习》"
    );
    let issue = &doc(&app).issue;
    assert_eq!(
        issue.sections[1].articles[1],
        before.sections[1].articles[1]
    );
    assert!(issue.sections[0].articles[0].paragraphs[0].starts_with("后来"));
    assert_eq!(doc(&app).tree.selected, Some(Node::Article(at(1, 1))));
    assert_eq!(shown(&app), Some(at(1, 1)));
    key(&mut app, "Ctrl+Y");
    assert!(
        notice(&app).starts_with("已重做：删除《扶沟县"),
        "{}",
        notice(&app)
    );
    assert_eq!(doc(&app).issue.article_count(), 6);
    key(&mut app, "Ctrl+Z");
    assert_eq!(doc(&app).issue.article_count(), 7);
    key(&mut app, "Ctrl+Z");
    assert!(notice(&app).contains("没有可撤销"), "{}", notice(&app));
}

#[test]
fn every_structural_edit_undoes_back_to_the_original_and_redoes_forward() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    let original = doc(&app).issue.clone();
    // Move a section down, an article up across sections (Ctrl+U) and
    // down (Alt+↓), toggle a kind, rename a section, add a section and an
    // article, delete a section with its articles, change the masthead.
    keys(
        &mut app,
        &["Ctrl+D", "Home", "Down", "Down", "Down", "Down"],
    );
    keys(&mut app, &["Ctrl+U", "Alt+Down", "F9"]);
    keys(&mut app, &["Home", "F2", "Ctrl+U"]);
    typ(&mut app, "要闻");
    keys(&mut app, &["Enter", "F7"]);
    typ(&mut app, "基层来风");
    keys(&mut app, &["Enter", "F8"]);
    typ(&mut app, "新文章");
    key(&mut app, "Enter");
    typ(&mut app, "正文一段");
    keys(
        &mut app,
        &["Esc", "End", "Left", "Left", "Delete", "D", "F4"],
    );
    typ(&mut app, "新");
    key(&mut app, "Enter");
    let changed = doc(&app).issue.clone();
    assert_ne!(changed, original);
    assert!(changed.bulletin.ends_with('新'));
    let mut undone = Vec::new();
    for _ in 0..12 {
        key(&mut app, "Ctrl+Z");
        let n = notice(&app);
        if n.contains("没有可撤销") {
            break;
        }
        undone.push(n);
    }
    assert_eq!(
        undone,
        [
            "已撤销：修改报头与版记",
            "已撤销：删除栏目【文明时讯】",
            "已撤销：新建《新文章》",
            "已撤销：新建栏目【基层来风】",
            "已撤销：栏目【经验交流】改名",
            "已撤销：《全市创文创卫工作推进会召开》改为简讯",
            "已撤销：移动《全市创文创卫工作推进会召开》",
            "已撤销：移动《全市创文创卫工作推进会召开》",
            "已撤销：移动栏目【工作动态】",
        ]
    );
    assert_eq!(doc(&app).issue, original);
    assert!(!app.is_dirty(), "back as saved");
    for _ in 0..undone.len() {
        key(&mut app, "Ctrl+Y");
    }
    // The new article's text was in it when it was taken away.
    assert_eq!(doc(&app).issue, changed);
    assert!(app.is_dirty());
}

#[test]
fn the_history_keeps_a_hundred_steps() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down"]);
    for _ in 0..105 {
        key(&mut app, "F9");
    }
    let mut n = 0;
    while {
        key(&mut app, "Ctrl+Z");
        notice(&app).starts_with("已撤销")
    } {
        n += 1;
    }
    assert_eq!(n, crate::app::undo::DEPTH);
    // Each toggle keeps its old kind: some bytes a step.
    assert!(doc(&app).journal.weight() < 100 * 1024);
}

#[test]
fn an_undo_is_an_edit_the_recovery_file_sees() {
    let (dir, mut app) = app();
    keys(&mut app, &["Enter", "Down", "F9", "Ctrl+S"]);
    assert!(!app.is_dirty());
    key(&mut app, "Ctrl+Z");
    assert!(app.is_dirty());
    app.finish().unwrap().unwrap();
    let kept = crate::store::recovery::Recovery::path(&app.lib, &sample_id());
    // The sample's four briefs, not the five saved.
    let text = fs::read_to_string(&kept).unwrap();
    assert_eq!(text.matches("kind: Brief").count(), 4, "{text}");
    let saved = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert_eq!(saved.matches("kind: Brief").count(), 5);
}

#[test]
fn a_paste_added_as_articles_is_taken_back_as_one_step() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+End", "Enter"]);
    let pdf = include_str!("../../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");
    let chunk: Vec<&str> = pdf.lines().skip(100).take(82).collect();
    app.handle_event(&Event::Paste(chunk.join("\n") + "\n"));
    keys(&mut app, &["F6", "A"]);
    let added = doc(&app).issue.article_count();
    assert!(added > 7);
    keys(&mut app, &["Esc", "Ctrl+Z"]);
    assert!(
        notice(&app).starts_with("已撤销：粘贴作为文章加入"),
        "{}",
        notice(&app)
    );
    assert_eq!(doc(&app).issue.article_count(), 7);
    key(&mut app, "Ctrl+Y");
    assert_eq!(doc(&app).issue.article_count(), added);
}

#[test]
fn an_import_into_the_issue_is_undone_and_unsaved_again() {
    let (dir, mut app) = app();
    fs::write(dir.path().join("来稿.txt"), "标题\n\n正文第一段。\n").unwrap();
    app.import_roots.base = dir.path().to_path_buf();
    keys(&mut app, &["Enter", "Ctrl+O"]);
    app.handle_event(&Event::Paste("来稿.txt".into()));
    keys(&mut app, &["Enter", "Enter"]);
    assert_eq!(doc(&app).issue.article_count(), 8);
    assert!(!app.is_dirty());
    key(&mut app, "Ctrl+Z");
    assert_eq!(notice(&app), "已撤销：导入 1 篇文章");
    assert_eq!(doc(&app).issue.article_count(), 7);
    assert!(app.is_dirty());
}

#[test]
fn a_signed_issue_refuses_undo() {
    let (_d, mut app) = app();
    keys(
        &mut app,
        &["Enter", "Down", "F9", "Ctrl+K", "Enter", "Ctrl+K", "Enter"],
    );
    assert_eq!(doc(&app).issue.status, crate::model::Status::Signed);
    let before = doc(&app).issue.clone();
    key(&mut app, "Ctrl+Z");
    assert!(notice(&app).starts_with("只读"), "{}", notice(&app));
    assert_eq!(doc(&app).issue, before);
}

#[test]
fn opening_another_issue_clears_the_history() {
    let (_d, mut app) = app();
    // Ctrl+N, Enter, and Enter to save the open issue first.
    keys(
        &mut app,
        &["Enter", "Down", "F9", "Ctrl+N", "Enter", "Enter"],
    );
    assert_eq!(doc(&app).id.to_string(), "2023-026");
    keys(&mut app, &["Esc", "Down", "Enter"]);
    assert_eq!(doc(&app).id, sample_id());
    key(&mut app, "Ctrl+Z");
    assert!(notice(&app).contains("没有可撤销"), "{}", notice(&app));
}

// ----- Ctrl+N asks ----------------------------------------------------

#[test]
fn ctrl_n_proposes_the_next_numbers_and_esc_creates_nothing() {
    let (_d, mut app) = app();
    key(&mut app, "Ctrl+N");
    assert_eq!(form(&app).title(), Msg::FormNewIssueTitle);
    assert_eq!(field(&app, Msg::FieldNumber), "26");
    assert_eq!(field(&app, Msg::FieldTotal), "");
    assert_eq!(field(&app, Msg::FieldDate), "2023-11-30");
    assert_eq!(field(&app, Msg::FieldSupplement), "否");
    assert_eq!(form(&app).info, ["报头、栏目和版记沿用 2023-025"]);
    key(&mut app, "Esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.issue_ids().len(), 1);
    assert!(app.doc.is_none());
}

#[test]
fn a_number_taken_is_shown_before_creating_and_refused() {
    let (_d, mut app) = app();
    key(&mut app, "Ctrl+N");
    keys(&mut app, &["Ctrl+U"]);
    typ(&mut app, "25");
    assert_eq!(form(&app).info[1], "！2023-025 已有这一期：请改第N期");
    key(&mut app, "Enter");
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    assert_eq!(
        form(&app).error.as_deref(),
        Some("2023-025 已有这一期：请改第N期")
    );
    assert_eq!(app.issue_ids().len(), 1);
    // Changed: made under the number typed.
    keys(&mut app, &["Ctrl+U"]);
    typ(&mut app, "30");
    assert_eq!(form(&app).info.len(), 1);
    key(&mut app, "Enter");
    assert_eq!(doc(&app).id.to_string(), "2023-030");
}

#[test]
fn a_running_total_printed_by_another_issue_is_a_clash() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    key(&mut app, "F4");
    focus_field(&mut app, Msg::FieldTotal);
    typ(&mut app, "301");
    keys(&mut app, &["Enter", "Ctrl+S", "Ctrl+N"]);
    assert_eq!(field(&app, Msg::FieldTotal), "302");
    focus_field(&mut app, Msg::FieldTotal);
    key(&mut app, "Ctrl+U");
    typ(&mut app, "301");
    assert!(
        form(&app).info[1].starts_with("！总第301期"),
        "{:?}",
        form(&app).info
    );
    key(&mut app, "Enter");
    assert!(form(&app).error.is_some());
    assert_eq!(form(&app).focused().label, Msg::FieldTotal);
    key(&mut app, "Ctrl+U");
    typ(&mut app, "302");
    key(&mut app, "Enter");
    assert_eq!(doc(&app).issue.total, Some(302));
}

#[test]
fn a_supplement_and_another_year_take_their_own_sequences() {
    let (_d, mut app) = app();
    key(&mut app, "Ctrl+N");
    focus_field(&mut app, Msg::FieldSupplement);
    key(&mut app, "Space");
    assert_eq!(field(&app, Msg::FieldNumber), "1");
    key(&mut app, "Enter");
    assert_eq!(doc(&app).id.to_string(), "2023-S01");
    assert!(doc(&app).issue.supplement);
    key(&mut app, "Ctrl+N");
    focus_field(&mut app, Msg::FieldDate);
    key(&mut app, "Ctrl+U");
    typ(&mut app, "2024-01-05");
    assert_eq!(field(&app, Msg::FieldNumber), "1");
    key(&mut app, "Enter");
    assert_eq!(doc(&app).id.to_string(), "2024-001");
    assert_eq!(doc(&app).issue.date.to_string(), "2024-01-05");
}
