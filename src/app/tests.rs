//! `update` for every command, driven the way a clerk drives it: keys.

use super::*;
use crate::model::{ArticleKind, IssueId};
use crate::store::Library;
use crate::test_support::*;
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use std::fs;
use tempfile::TempDir;
use tree::Node;

#[test]
fn enter_opens_the_selected_issue_and_article() {
    let (_d, mut app) = app();
    assert_eq!(app.focus, Focus::Issues);
    key(&mut app, "Enter");
    assert_eq!(doc(&app).id, sample_id());
    assert_eq!(app.focus, Focus::Tree);
    assert_eq!(doc(&app).tree.selected, Some(Node::Section(0)));
    keys(&mut app, &["Down", "Enter"]);
    assert_eq!(app.focus, Focus::Editor);
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(0, 0));
    key(&mut app, "Esc");
    assert_eq!(app.focus, Focus::Tree);
    key(&mut app, "Esc");
    assert_eq!(app.focus, Focus::Issues);
}

#[test]
fn tab_cycles_through_the_panes_that_have_content() {
    let (_d, mut app) = app();
    key(&mut app, "Tab");
    assert_eq!(app.focus, Focus::Issues, "nothing open: only the list");
    key(&mut app, "Enter");
    key(&mut app, "Tab");
    assert_eq!(app.focus, Focus::Issues, "no article: list and tree");
    keys(&mut app, &["Tab", "Down", "Enter"]);
    assert_eq!(app.focus, Focus::Editor);
    key(&mut app, "Tab");
    assert_eq!(app.focus, Focus::Issues);
    key(&mut app, "Shift+Tab");
    assert_eq!(app.focus, Focus::Editor);
}

#[test]
fn tree_navigation_folding_and_paging() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    key(&mut app, "End");
    assert_eq!(doc(&app).tree.selected, Some(Node::Article(at(2, 3))));
    key(&mut app, "Left");
    assert_eq!(doc(&app).tree.selected, Some(Node::Section(2)));
    key(&mut app, "Left");
    assert!(doc(&app).tree.is_collapsed(2));
    assert_eq!(doc(&app).tree.rows(&doc(&app).issue).len(), 3 + 3);
    key(&mut app, "Right");
    assert!(!doc(&app).tree.is_collapsed(2));
    key(&mut app, "Home");
    assert_eq!(doc(&app).tree.selected, Some(Node::Section(0)));
    key(&mut app, "PageDown");
    assert_eq!(doc(&app).tree.selected, Some(Node::Article(at(2, 3))));
    key(&mut app, "Up");
    assert_eq!(doc(&app).tree.selected, Some(Node::Article(at(2, 2))));
    // Enter on a section folds and unfolds it.
    key(&mut app, "Home");
    key(&mut app, "Enter");
    assert!(doc(&app).tree.is_collapsed(0));
}

#[test]
fn issue_list_navigation() {
    let (_d, mut app) = app();
    app.update(Command::NewIssue);
    key(&mut app, "Enter");
    app.update(Command::Back);
    app.update(Command::Back);
    assert_eq!(app.issue_ids().len(), 2);
    assert_eq!(app.focus, Focus::Issues);
    keys(&mut app, &["Home"]);
    assert_eq!(app.list_selected, 0);
    keys(&mut app, &["Down", "Down", "Down"]);
    assert_eq!(app.list_selected, 1);
    key(&mut app, "Up");
    assert_eq!(app.list_selected, 0);
}

#[test]
fn save_writes_the_file_and_clears_the_unsaved_mark() {
    let (dir, mut app) = app();
    key(&mut app, "Enter");
    key(&mut app, "F9"); // on a section: nothing to toggle
    key(&mut app, "Down");
    key(&mut app, "F9");
    assert!(app.is_dirty());
    assert_eq!(
        doc(&app).issue.sections[0].articles[0].kind,
        ArticleKind::Brief
    );
    let before = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    key(&mut app, "Ctrl+S");
    assert!(!app.is_dirty());
    let after = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert_ne!(before, after);
    assert!(app.notice.as_ref().unwrap().text.starts_with("已保存"));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (dir, mut app) = app();
    keys(&mut app, &["Enter", "Down", "F9"]);
    key(&mut app, "Ctrl+Q");
    assert!(app.running);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    key(&mut app, "Esc");
    assert!(app.running && app.overlay.is_none());
    // Discard: quits, file untouched.
    let before = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    keys(&mut app, &["Ctrl+Q", "Right", "Enter"]);
    assert!(!app.running);
    assert_eq!(fs::read_to_string(file(&dir, "2023-025")).unwrap(), before);

    // Save: quits after saving.
    let (dir, mut app) = self::app();
    keys(&mut app, &["Enter", "Down", "F9", "Ctrl+Q", "S"]);
    assert!(!app.running);
    let text = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert_eq!(text.matches("kind: Brief").count(), 5);
}

#[test]
fn quitting_without_changes_just_quits() {
    let (_d, mut app) = app();
    key(&mut app, "Ctrl+Q");
    assert!(!app.running);
}

#[test]
fn new_issue_carries_the_sections_over_and_opens_it() {
    let (dir, mut app) = app();
    keys(&mut app, &["Ctrl+N", "Enter"]);
    let d = doc(&app);
    assert_eq!(d.id.to_string(), "2023-026");
    assert_eq!(d.issue.date, today());
    assert_eq!(d.issue.sections.len(), 3);
    assert_eq!(d.issue.article_count(), 0);
    assert!(file(&dir, "2023-026").is_file());
    assert_eq!(app.issue_ids()[0].to_string(), "2023-026");
    assert_eq!(app.list_selected, 0);
}

#[test]
fn new_issue_with_unsaved_changes_asks_and_can_save_first() {
    let (dir, mut app) = app();
    keys(&mut app, &["Enter", "Down", "F9", "Ctrl+N", "Enter"]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(Confirm {
            kind: ConfirmKind::Unsaved(After::CreateIssue(_)),
            ..
        }))
    ));
    key(&mut app, "Enter"); // Save is the default choice
    assert_eq!(doc(&app).id.to_string(), "2023-026");
    let text = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert_eq!(text.matches("kind: Brief").count(), 5);
}

#[test]
fn duplicate_copies_the_articles_under_the_next_number() {
    let (dir, mut app) = app();
    key(&mut app, "Ctrl+D");
    let copy: IssueId = "2023-026".parse().unwrap();
    let issue = app.lib.issue(&copy).unwrap();
    assert_eq!(issue.article_count(), 7);
    assert_eq!(issue.date, today());
    assert_eq!(issue.status, crate::model::Status::Draft);
    assert!(file(&dir, "2023-026").is_file());
}

#[test]
fn delete_issue_moves_it_to_the_trash_after_confirmation() {
    let (dir, mut app) = app();
    keys(&mut app, &["Delete", "Enter"]); // default choice is Cancel
    assert_eq!(app.issue_ids().len(), 1);
    keys(&mut app, &["Delete", "Left", "Enter"]);
    assert!(app.issue_ids().is_empty());
    assert!(!file(&dir, "2023-025").exists());
    let trash: Vec<_> = fs::read_dir(dir.path().join("lib/trash"))
        .unwrap()
        .collect();
    assert_eq!(trash.len(), 1);
}

#[test]
fn deleting_a_signed_issue_says_it_is_signed() {
    let (_dir, mut app) = app();
    key(&mut app, "Delete");
    assert!(!screen(&app).contains("已定稿"), "{}", screen(&app));
    key(&mut app, "Esc");
    crate::test_support::sign_sample(&mut app);
    key(&mut app, "Delete");
    assert!(
        screen(&app).contains("此期已签发，是已定稿的一期"),
        "{}",
        screen(&app)
    );
    // Cancel is still the default.
    key(&mut app, "Enter");
    assert_eq!(app.issue_ids().len(), 1);
}

#[test]
fn sections_are_added_renamed_and_deleted_through_forms() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "F7"]);
    typ(&mut app, "【基层来风】");
    key(&mut app, "Enter");
    assert_eq!(doc(&app).issue.sections[1].title, "基层来风");
    assert_eq!(doc(&app).tree.selected, Some(Node::Section(1)));
    key(&mut app, "F2");
    keys(&mut app, &["Ctrl+U"]);
    typ(&mut app, "各地动态");
    key(&mut app, "Enter");
    assert_eq!(doc(&app).issue.sections[1].title, "各地动态");
    // An empty name is refused with a message, and the form stays.
    key(&mut app, "F2");
    key(&mut app, "Ctrl+U");
    key(&mut app, "Enter");
    match &app.overlay {
        Some(Overlay::Form(f)) => assert!(f.error.as_ref().unwrap().contains("栏目名称")),
        other => panic!("{other:?}"),
    }
    key(&mut app, "Esc");
    keys(&mut app, &["Delete", "D"]);
    assert_eq!(doc(&app).issue.sections.len(), 3);
    // Back to what is on disk: nothing to save.
    assert!(!app.is_dirty());
}

#[test]
fn a_new_article_opens_in_the_editor() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Insert"]);
    typ(&mut app, "第一行标题");
    key(&mut app, "Down");
    typ(&mut app, "第二行标题");
    keys(&mut app, &["Down", "Down", "Space", "Down"]);
    typ(&mut app, "扶沟县文明办");
    key(&mut app, "Enter");
    let art = &doc(&app).issue.sections[0].articles[1];
    assert_eq!(art.title, ["第一行标题", "第二行标题"]);
    assert_eq!(art.kind, ArticleKind::Brief);
    assert_eq!(art.source.as_deref(), Some("扶沟县文明办"));
    assert_eq!(app.focus, Focus::Editor);
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(0, 1));
}

#[test]
fn an_article_without_a_section_is_refused_with_a_hint() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    for _ in 0..3 {
        keys(&mut app, &["Home", "Delete", "D"]);
    }
    assert!(doc(&app).issue.sections.is_empty());
    key(&mut app, "Insert");
    assert!(app.overlay.is_none());
    assert!(app.notice.as_ref().unwrap().text.contains("F7"));
}

#[test]
fn moving_articles_keeps_the_open_one_open() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Down", "Down", "Enter"]);
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(1, 0));
    // From the editor, Alt+Up moves the open article into the previous section.
    key(&mut app, "Alt+Up");
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(0, 1));
    assert_eq!(
        doc(&app).issue.sections[0].articles[1].title[0],
        "市委统战部实施四项举措"
    );
    key(&mut app, "Alt+Down");
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(1, 0));
    // Moving a section carries the open article with it.
    keys(&mut app, &["Esc", "Home", "Alt+Down"]);
    assert_eq!(doc(&app).issue.sections[1].title, "工作动态");
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(0, 0));
    assert_eq!(
        doc(&app).issue.sections[0].articles[0].title[0],
        "市委统战部实施四项举措"
    );
}

#[test]
fn deleting_the_open_article_closes_the_editor() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter", "Esc", "Delete", "D"]);
    assert!(doc(&app).article.is_none());
    assert_eq!(doc(&app).issue.sections[0].articles.len(), 0);
    assert_eq!(app.focus, Focus::Tree);
}

#[test]
fn the_properties_form_renumbers_and_saving_renames_the_file() {
    let (dir, mut app) = app();
    keys(&mut app, &["Enter", "F4", "Down", "Ctrl+U"]);
    typ(&mut app, "30");
    key(&mut app, "Enter");
    assert_eq!(doc(&app).issue.number, 30);
    key(&mut app, "Ctrl+S");
    assert_eq!(doc(&app).id.to_string(), "2023-030");
    assert!(file(&dir, "2023-030").is_file());
    assert!(!file(&dir, "2023-025").exists());
}

#[test]
fn the_properties_form_refuses_a_number_that_is_taken() {
    let (_d, mut app) = app();
    key(&mut app, "Ctrl+D"); // 2023-026 exists now
    keys(&mut app, &["Enter", "F4", "Down", "Ctrl+U"]);
    // The list's first row is the copy (newest first): rename it to 25.
    typ(&mut app, "25");
    key(&mut app, "Enter");
    match &app.overlay {
        Some(Overlay::Form(f)) => assert!(f.error.as_ref().unwrap().contains("2023-025")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn zoom_needs_an_open_article() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    key(&mut app, "F11");
    assert!(!app.zoom);
    keys(&mut app, &["Down", "Enter", "F11"]);
    assert!(app.zoom);
    assert_eq!(app.layout().editor.unwrap().width, 120);
    key(&mut app, "Esc");
    assert!(!app.zoom);
}

#[test]
fn help_palette_and_language() {
    let (_d, mut app) = app();
    key(&mut app, "F1");
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    key(&mut app, "Down");
    assert!(matches!(&app.overlay, Some(Overlay::Help(h)) if h.scroll == 1));
    key(&mut app, "Esc");
    assert!(app.overlay.is_none());
    key(&mut app, "Ctrl+G");
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    key(&mut app, "q");
    key(&mut app, "Ctrl+P");
    typ(&mut app, "新建一期");
    keys(&mut app, &["Enter", "Enter"]);
    assert_eq!(doc(&app).id.to_string(), "2023-026");
    key(&mut app, "Ctrl+L");
    assert_eq!(app.lang, Lang::En);
    app.update(Command::SwitchLanguage);
    assert_eq!(app.lang, Lang::Zh);
}

#[test]
fn pasting_into_a_form_flattens_lines() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "F7"]);
    app.handle_event(&Event::Paste("基层\r\n来风".into()));
    key(&mut app, "Enter");
    assert_eq!(doc(&app).issue.sections[1].title, "基层来风");
}

#[test]
fn a_tiny_window_is_flagged_acts_on_nothing_unseen_and_recovers() {
    let (dir, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    let before = doc(&app).issue.clone();
    app.handle_event(&Event::Resize(30, 5));
    assert!(app.layout().too_small);
    // Typing, pasting, clicking and deleting do nothing while unseen.
    typ(&mut app, "看不见");
    app.handle_event(&Event::Paste("粘贴".into()));
    keys(&mut app, &["Esc", "Esc", "Delete", "D"]);
    assert_eq!(doc(&app).issue, before);
    assert!(file(&dir, "2023-025").exists());
    assert_eq!(app.focus, Focus::Editor);
    // Help and quit still answer.
    key(&mut app, "F1");
    assert!(
        matches!(app.overlay, Some(Overlay::Help(_))),
        "{:?}",
        app.overlay
    );
    key(&mut app, "F1");
    app.handle_event(&Event::Resize(80, 24));
    assert!(!app.layout().too_small);
    typ(&mut app, "看得见");
    assert!(editor(&app).paragraphs()[0].starts_with("看得见"));
    app.handle_event(&Event::Resize(30, 5));
    key(&mut app, "Ctrl+Q");
    assert!(
        app.running || app.overlay.is_some(),
        "asks about the unsaved text"
    );
}

#[test]
fn mouse_clicks_focus_and_select() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    let layout = app.layout();
    let tree = layout.tree.unwrap();
    let click = |col, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Third row of the tree (below the border): the first article.
    app.handle_event(&click(tree.x + 2, tree.y + 2));
    assert_eq!(doc(&app).tree.selected, Some(Node::Article(at(0, 0))));
    // Clicking it again opens it.
    app.handle_event(&click(tree.x + 2, tree.y + 2));
    assert_eq!(app.focus, Focus::Editor);
    // A click on the list's empty area focuses it.
    let list = layout.issues.unwrap();
    app.handle_event(&click(list.x + 2, list.y + 5));
    assert_eq!(app.focus, Focus::Issues);
}

#[test]
fn broken_files_are_announced_at_start() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    Library::open(&root).unwrap();
    fs::write(root.join("issues/2024-001.ron"), "(garbage").unwrap();
    let app = App::new(
        Library::open(&root).unwrap(),
        Lang::Zh,
        Keymap::default(),
        today(),
    );
    let n = app.notice.unwrap();
    assert!(n.error);
    assert!(n.text.contains("2024-001.ron:1:"), "{}", n.text);
}

#[test]
fn export_goes_to_the_exports_folder_and_asks_before_overwriting() {
    let (dir, mut app) = app();
    key(&mut app, "Enter");
    key(&mut app, "Ctrl+E");
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    // Fourth format: Markdown.
    keys(&mut app, &["Right", "Right", "Right", "Enter"]);
    let path = dir.path().join("lib/exports/2023-025.md");
    let first = fs::read_to_string(&path).unwrap();
    assert!(first.contains("## 工作动态"), "{first}");
    assert!(app.notice.as_ref().unwrap().text.contains("2023-025.md"));
    // Again, after an edit: asks; N keeps the old file, Y replaces it.
    keys(
        &mut app,
        &["Down", "F9", "Ctrl+E", "Right", "Right", "Right", "Enter"],
    );
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(Confirm {
            kind: ConfirmKind::Overwrite { .. },
            ..
        }))
    ));
    key(&mut app, "n");
    assert_eq!(fs::read_to_string(&path).unwrap(), first);
    keys(
        &mut app,
        &["Ctrl+E", "Right", "Right", "Right", "Enter", "y"],
    );
    assert_ne!(fs::read_to_string(&path).unwrap(), first);
    // Word, the default format.
    keys(&mut app, &["Ctrl+E", "Enter"]);
    let docx = fs::read(dir.path().join("lib/exports/2023-025.docx")).unwrap();
    assert_eq!(&docx[..2], b"PK");
}

#[test]
fn ctrl_e_offers_pdf_and_writes_it_into_exports() {
    let (dir, mut app) = app();
    // Second format: PDF, set in the Chinese faces committed for the tests
    // (the library's font_files), so that no installed font is needed.
    app.lib.settings.export.font_files = vec![
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fonts")
            .display()
            .to_string(),
    ];
    key(&mut app, "Enter");
    keys(&mut app, &["Ctrl+E", "Right", "Enter"]);
    let pdf = fs::read(dir.path().join("lib/exports/2023-025.pdf")).unwrap();
    assert_eq!(&pdf[..5], b"%PDF-");
    let n = app.notice.as_ref().unwrap();
    assert!(!n.error, "{}", n.text);
    assert!(
        n.text.contains("2023-025.pdf") && n.text.contains("PDF"),
        "{}",
        n.text
    );
}

#[test]
fn only_a_buttons_own_letter_answers_a_dialog() {
    let (_d, mut app) = app();
    // "S" (save) must not answer a delete question.
    keys(&mut app, &["Delete", "S", "Y"]);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    key(&mut app, "D");
    assert!(app.issue_ids().is_empty());
}

#[test]
fn typed_chinese_goes_into_the_article_and_is_saved() {
    let (dir, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    typ(&mut app, "今天下午，");
    assert!(app.is_dirty());
    let a = doc(&app).article.as_ref().unwrap();
    assert!(a.editor.paragraph(0).starts_with("今天下午，11月22日"));
    // The tree and status count the text once typing pauses.
    assert_eq!(doc(&app).article_chars(at(0, 0)), 922);
    app.tick(std::time::Instant::now() + crate::app::counts::PAUSE);
    assert_eq!(doc(&app).article_chars(at(0, 0)), 922 + 5);
    key(&mut app, "Ctrl+S");
    assert!(!app.is_dirty());
    let text = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert!(text.contains("\"今天下午，11月22日"));
}

#[test]
fn enter_splits_a_paragraph_and_undo_takes_typing_back() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    typ(&mut app, "第一段");
    key(&mut app, "Enter");
    let a = doc(&app).article.as_ref().unwrap();
    assert_eq!(a.editor.paragraph(0), "第一段");
    assert_eq!(a.editor.paragraph_count(), 6);
    keys(&mut app, &["Ctrl+Z", "Ctrl+Z"]);
    let a = doc(&app).article.as_ref().unwrap();
    assert_eq!(a.editor.paragraph_count(), 5);
    assert!(a.editor.paragraph(0).starts_with("11月22日"));
}

#[test]
fn a_paste_is_cleaned_and_one_undo_step() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    app.handle_event(&Event::Paste("甲\u{1b}[31m乙\r\n丙".into()));
    let a = doc(&app).article.as_ref().unwrap();
    assert_eq!(a.editor.paragraph(0), "甲[31m乙");
    assert!(a.editor.paragraph(1).starts_with("丙11月"));
    key(&mut app, "Ctrl+Z");
    let a = doc(&app).article.as_ref().unwrap();
    assert!(a.editor.paragraph(0).starts_with("11月22日"));
    assert!(!app.is_dirty() || doc(&app).issue == doc(&app).saved);
}

#[test]
fn switching_articles_keeps_what_was_typed() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    typ(&mut app, "甲");
    keys(&mut app, &["Esc", "Down", "Down", "Enter"]);
    typ(&mut app, "乙");
    keys(&mut app, &["Esc", "Home", "Down", "Enter"]);
    assert!(
        doc(&app)
            .article
            .as_ref()
            .unwrap()
            .editor
            .paragraph(0)
            .starts_with("甲11月")
    );
    assert!(doc(&app).issue.sections[1].articles[0].paragraphs[0].starts_with("乙市委"));
}

#[test]
fn copy_reaches_the_terminal_clipboard_and_paste_works_across_articles() {
    let (_d, mut app) = app();
    keys(
        &mut app,
        &[
            "Enter",
            "Down",
            "Enter",
            "Shift+Right",
            "Shift+Right",
            "Ctrl+C",
        ],
    );
    assert_eq!(app.clipboard_out.as_deref(), Some("11"));
    keys(&mut app, &["Esc", "Down", "Down", "Enter", "Ctrl+V"]);
    assert!(
        doc(&app)
            .article
            .as_ref()
            .unwrap()
            .editor
            .paragraph(0)
            .starts_with("11市委")
    );
}

#[test]
fn find_and_replace_all_through_the_bar() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+R"]);
    typ(&mut app, "张建慧");
    key(&mut app, "Tab");
    typ(&mut app, "市委书记");
    key(&mut app, "Alt+A");
    assert!(
        app.notice.as_ref().unwrap().text.contains("4"),
        "{:?}",
        app.notice
    );
    key(&mut app, "Esc");
    assert!(doc(&app).find.is_none());
    let a = doc(&app).article.as_ref().unwrap();
    assert!(!a.editor.paragraphs().concat().contains("张建慧"));
    // One undo step brings every one back.
    key(&mut app, "Ctrl+Z");
    let a = doc(&app).article.as_ref().unwrap();
    assert_eq!(a.editor.paragraphs().concat().matches("张建慧").count(), 4);
    // Find with no match says so.
    key(&mut app, "Ctrl+F");
    typ(&mut app, "不存在的词");
    assert_eq!(app.notice.as_ref().unwrap().text, "未找到");
}

#[test]
fn a_click_in_the_text_moves_the_caret() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    let body = app.article_areas().unwrap().body;
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: body.x + 4 + 6,
        row: body.y,
        modifiers: KeyModifiers::NONE,
    }));
    // Indent 4, then "11月22日": column 10 is on 日, the sixth grapheme.
    let caret = doc(&app).article.as_ref().unwrap().editor.caret();
    assert_eq!((caret.paragraph, caret.grapheme), (0, 5));
}

#[test]
fn a_deleted_issue_comes_back_from_the_trash() {
    let (dir, mut app) = app();
    key(&mut app, "Ctrl+T");
    assert_eq!(app.notice.as_ref().unwrap().text, "回收站是空的。");
    keys(&mut app, &["Delete", "D"]);
    assert!(app.issue_ids().is_empty());
    key(&mut app, "Ctrl+T");
    match &app.overlay {
        Some(Overlay::Trash(trash)) => {
            let rows = &trash.rows;
            assert_eq!(rows.len(), 1);
            assert!(
                rows[0].label.starts_with("2023-025  第25期"),
                "{}",
                rows[0].label
            );
        }
        other => panic!("{other:?}"),
    }
    key(&mut app, "Enter");
    assert_eq!(app.issue_ids(), [sample_id()]);
    assert!(file(&dir, "2023-025").is_file());
    assert_eq!(app.notice.as_ref().unwrap().text, "已恢复 2023-025");
}

#[test]
fn editing_commands_are_reachable_by_name() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    typ(&mut app, "甲");
    key(&mut app, "Ctrl+P");
    typ(&mut app, "撤销");
    key(&mut app, "Enter");
    let a = doc(&app).article.as_ref().unwrap();
    assert!(a.editor.paragraph(0).starts_with("11月"));
    key(&mut app, "Ctrl+P");
    typ(&mut app, "select all");
    key(&mut app, "Enter");
    let a = doc(&app).article.as_ref().unwrap();
    assert_eq!(a.editor.selection_char_count(), 922 - 13);
}

#[test]
fn typing_outside_the_text_says_where_typing_goes() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter", "Tab"]);
    assert_eq!(app.focus, Focus::Issues);
    typ(&mut app, "测");
    assert!(notice(&app).contains("Enter"), "{}", notice(&app));
    app.notice = None;
    app.handle_event(&Event::Paste("粘贴的文字".into()));
    assert!(notice(&app).contains("Enter"), "{}", notice(&app));
    assert!(!doc(&app).is_dirty());
}

#[test]
fn the_palette_selection_stays_on_the_list() {
    let (_d, mut app) = app();
    key(&mut app, "Ctrl+P");
    typ(&mut app, "文章");
    let n = match &app.overlay {
        Some(Overlay::Palette(p)) => p.matches().len(),
        other => panic!("{other:?}"),
    };
    assert!(n >= 2);
    for _ in 0..n + 5 {
        key(&mut app, "Down");
    }
    key(&mut app, "Up");
    match &app.overlay {
        Some(Overlay::Palette(p)) => assert_eq!(p.selected, n - 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn issues_made_elsewhere_appear_and_new_numbers_follow_them() {
    let (dir, mut app) = app();
    keys(&mut app, &["Enter"]);
    // Another jianbao adds an issue while this one runs.
    let mut other = Library::open(&dir.path().join("lib")).unwrap();
    let made = other.create_next(None, today(), false).unwrap().id;
    assert_eq!(made.to_string(), "2023-026");
    key(&mut app, "Esc");
    assert_eq!(app.focus, Focus::Issues);
    assert_eq!(app.issue_ids()[0], made);
    // The list keeps the issue that was selected.
    assert_eq!(app.issue_ids()[app.list_selected], sample_id());
    keys(&mut app, &["Ctrl+N", "Enter"]);
    assert_eq!(doc(&app).id.to_string(), "2023-027");
}

#[test]
fn each_article_keeps_its_undo_history_when_another_is_opened() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    typ(&mut app, "甲乙");
    keys(&mut app, &["Esc", "Down", "Down", "Enter"]);
    typ(&mut app, "丙");
    // Moving the first article keeps its history with it.
    keys(&mut app, &["Esc", "Home", "Down", "Alt+Down"]);
    assert_eq!(doc(&app).tree.selected, Some(Node::Article(at(1, 0))));
    key(&mut app, "Enter");
    assert!(editor(&app).paragraph(0).starts_with("甲乙11月"));
    key(&mut app, "Ctrl+Z");
    assert!(
        editor(&app).paragraph(0).starts_with("11月"),
        "{}",
        editor(&app).paragraph(0)
    );
    // The other article kept its own.
    keys(&mut app, &["Esc", "Down", "Enter", "Ctrl+Z"]);
    assert!(editor(&app).paragraph(0).starts_with("市委统战部"));
}

mod random_keys {
    use super::*;
    use proptest::prelude::*;

    const KEYS: &[&str] = &[
        "Up",
        "Down",
        "Left",
        "Right",
        "Home",
        "End",
        "PageUp",
        "PageDown",
        "Enter",
        "Esc",
        "Tab",
        "Shift+Tab",
        "Insert",
        "Delete",
        "F1",
        "F2",
        "F4",
        "F7",
        "F8",
        "F9",
        "F11",
        "Ctrl+P",
        "Ctrl+G",
        "Ctrl+L",
        "Alt+Up",
        "Alt+Down",
        "Ctrl+U",
        "Space",
        "Backspace",
        "a",
        "字",
        "D",
        "C",
        "Ctrl+Q",
        "Ctrl+S",
        "Ctrl+N",
        "Ctrl+D",
        "Ctrl+C",
        "r",
        "k",
        "l",
        "y",
        // The find bar, the overlays, and keys the find bar hands on.
        "Ctrl+F",
        "Ctrl+R",
        "Alt+Z",
        "Alt+A",
        "F3",
        "F5",
        "F6",
        "F12",
        "Ctrl+T",
        "Ctrl+Z",
        "Ctrl+V",
        "Ctrl+Left",
    ];

    fn snapshot(dir: &TempDir) -> Vec<(String, String)> {
        let mut files: Vec<_> = fs::read_dir(dir.path().join("lib/issues"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// No key sequence panics, and files change only when a command
        /// that writes (save, new, duplicate, delete) actually ran.
        #[test]
        fn random_keys_never_panic_nor_write_unasked(
            seq in proptest::collection::vec((0..KEYS.len(), 20u16..140, 4u16..50), 1..120)
        ) {
            let (dir, mut app) = app();
            let before = snapshot(&dir);
            let mut wrote = false;
            // Time passes too: autosave and its dialogs are part of the state.
            let mut now = std::time::Instant::now();
            // The screen's painter, which keeps what did not change.
            let mut painter = crate::ui::Painter::default();
            let mut kept = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 1, 1));
            for (k, w, h) in seq {
                if k % 17 == 0 {
                    app.handle_event(&Event::Resize(w, h));
                }
                let ids_before = app.issue_ids();
                let saved_before = app.doc.as_ref().map(|d| d.saved.clone());
                key(&mut app, KEYS[k]);
                now += std::time::Duration::from_millis(w as u64 * 9);
                app.tick(now);
                let saved_after = app.doc.as_ref().map(|d| d.saved.clone());
                if app.issue_ids() != ids_before
                    || (saved_before.is_some() && saved_after.is_some() && saved_before != saved_after)
                {
                    wrote = true;
                }
                if !app.running {
                    break;
                }
                // Rendering any reachable state works at any size.
                let backend = ratatui::backend::TestBackend::new(w.max(1), h.max(1));
                let mut term = ratatui::Terminal::new(backend).unwrap();
                term.draw(|f| crate::ui::render(&app, &crate::ui::theme::Theme::color(), f)).unwrap();
                let covered = crate::test_support::covered_cell(&crate::test_support::full_frame(&app).0);
                prop_assert!(covered.is_none(), "after {}: {}", KEYS[k], covered.unwrap_or_default());
                let differs = crate::test_support::retained_differs(&app, &mut painter, &mut kept);
                prop_assert!(differs.is_none(), "after {}: {}", KEYS[k], differs.unwrap_or_default());
            }
            if !wrote {
                let after = snapshot(&dir);
                prop_assert!(after == before, "files changed without a save: {:?}",
                    after.iter().map(|(n, t)| (n, t.len())).collect::<Vec<_>>());
            }
        }
    }
}

mod counts;
mod desk;
mod desk_tree;
mod findall;
mod import;
mod inbox;
mod keys;
mod listwatch;
mod stats;
mod tools;
mod workflow;
