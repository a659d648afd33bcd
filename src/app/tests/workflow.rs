//! The office's workflow in the editor: changes of status by key and
//! palette (allowed moves only, a reason to reopen), a signed issue that
//! refuses every change with who signed it and how to reopen it, F4's
//! read-only view with the history, and the list's status filter.

use super::*;
use crate::app::form::FormKind;
use crate::model::{Actor, Status};

fn clerk(app: &mut App) {
    app.actor = Actor {
        name: Some("王文明".into()),
        user: "clerk".into(),
        host: "office".into(),
    };
}

fn on_disk(dir: &TempDir) -> crate::model::Issue {
    crate::store::codec::decode_issue(&fs::read_to_string(file(dir, "2023-025")).unwrap()).unwrap()
}

/// Runs a palette command by its Chinese name.
fn palette(app: &mut App, name: &str) {
    key(app, "Ctrl+P");
    typ(app, name);
    key(app, "Enter");
}

fn form(app: &App) -> &crate::app::form::Form {
    match &app.overlay {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

/// The sample open in the editor, signed by the clerk through the keys
/// (its 签发 emptied first, so signing fills it).
fn signed() -> (TempDir, App) {
    let (dir, mut app) = app();
    clerk(&mut app);
    key(&mut app, "Enter");
    key(&mut app, "F4");
    let signer = form(&app)
        .fields
        .iter()
        .position(|f| f.label == crate::i18n::Msg::FieldSigner)
        .unwrap();
    for _ in 0..signer {
        key(&mut app, "Tab");
    }
    key(&mut app, "Ctrl+U");
    key(&mut app, "Enter");
    assert_eq!(doc(&app).issue.closing.signer, None);
    // Unsaved: the change of status saves it first.
    assert!(app.is_dirty());
    keys(&mut app, &["Ctrl+K", "Enter"]);
    assert_eq!(notice(&app), "2023-025：草稿 → 待审");
    assert!(!app.is_dirty());
    keys(&mut app, &["Ctrl+K", "Enter"]);
    assert!(
        notice(&app).starts_with("2023-025：待审 → 已签发 签发栏已填为 王文明。"),
        "{}",
        notice(&app)
    );
    (dir, app)
}

#[test]
fn signing_through_the_keys_records_the_history_and_fills_the_signer() {
    let (dir, app) = signed();
    let issue = on_disk(&dir);
    assert_eq!(issue.status, Status::Signed);
    assert_eq!(issue.closing.signer.as_deref(), Some("王文明"));
    let moves: Vec<_> = issue.history.iter().map(|c| (c.from, c.status)).collect();
    assert_eq!(
        moves,
        [
            (Status::Draft, Status::Review),
            (Status::Review, Status::Signed)
        ]
    );
    assert_eq!(issue.history[1].who(), "王文明（clerk@office）");
    // The open issue shows it, and has nothing unsaved.
    assert_eq!(doc(&app).issue.status, Status::Signed);
    assert_eq!(doc(&app).saved, issue);
}

#[test]
fn a_signed_issue_refuses_typing_paste_and_structural_edits() {
    let (dir, mut app) = signed();
    let before = fs::read(file(&dir, "2023-025")).unwrap();
    keys(&mut app, &["Down", "Enter"]);
    assert_eq!(app.focus, Focus::Editor);
    let text = editor(&app).text();
    typ(&mut app, "字");
    assert_eq!(
        notice(&app),
        "只读：2023-025 已签发（签发：王文明）。要修改：Ctrl+K 退回修改并写明原因。"
    );
    app.handle_event(&Event::Paste("粘贴".into()));
    key(&mut app, "Enter");
    key(&mut app, "Backspace");
    key(&mut app, "Ctrl+X");
    assert!(notice(&app).starts_with("只读：2023-025 已签发"));
    assert_eq!(editor(&app).text(), text);
    // The tree's edits, tidying, replacing.
    for k in [
        "F6", "Ctrl+R", "F2", "F9", "Alt+Up", "Esc", "F7", "Insert", "Delete",
    ] {
        app.notice = None;
        key(&mut app, k);
        if k == "Esc" {
            continue;
        }
        assert!(
            notice(&app).starts_with("只读：2023-025 已签发"),
            "{k}: {}",
            notice(&app)
        );
        assert!(app.overlay.is_none(), "{k}");
    }
    assert!(!app.is_dirty());
    key(&mut app, "Ctrl+S");
    assert_eq!(fs::read(file(&dir, "2023-025")).unwrap(), before);
}

#[test]
fn f4_on_a_signed_issue_shows_the_history_and_refuses_edits() {
    let (dir, mut app) = signed();
    let before = fs::read(file(&dir, "2023-025")).unwrap();
    key(&mut app, "F4");
    let f = form(&app);
    assert_eq!(f.kind, FormKind::Issue);
    let why = f.read_only.clone().expect("read-only");
    assert!(
        why.starts_with("2023-025 已签发，不能修改（签发：王文明；王文明（clerk@office） 于 "),
        "{why}"
    );
    assert!(why.contains("按 Ctrl+K（更改状态），选“退回修改”"), "{why}");
    assert_eq!(f.info[0], "状态：已签发");
    assert!(
        f.info[1].contains("待审 → 已签发  王文明（clerk@office）"),
        "{:?}",
        f.info
    );
    assert!(f.info[2].contains("草稿 → 待审"), "{:?}", f.info);
    typ(&mut app, "改");
    assert_eq!(form(&app).error.as_deref(), Some(why.as_str()));
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    assert!(!app.is_dirty());
    assert_eq!(fs::read(file(&dir, "2023-025")).unwrap(), before);
}

#[test]
fn reopening_asks_for_a_reason_and_then_the_issue_takes_edits_again() {
    let (dir, mut app) = signed();
    palette(&mut app, "退回修改");
    assert_eq!(form(&app).status_choice().0, Status::Draft);
    key(&mut app, "Enter");
    assert_eq!(
        form(&app).error.as_deref(),
        Some("退回修改须在“说明”中写明原因。")
    );
    typ(&mut app, "第二篇数据有误");
    key(&mut app, "Enter");
    assert_eq!(notice(&app), "2023-025：已签发 → 草稿");
    let issue = on_disk(&dir);
    assert_eq!(issue.status, Status::Draft);
    assert_eq!(issue.history[2].note.as_deref(), Some("第二篇数据有误"));
    keys(&mut app, &["Down", "Enter"]);
    typ(&mut app, "字");
    assert!(editor(&app).text().starts_with("字"));
}

#[test]
fn a_move_that_is_not_allowed_says_what_is() {
    let (_dir, mut app) = app();
    key(&mut app, "Enter");
    palette(&mut app, "印发");
    assert!(app.overlay.is_none());
    assert_eq!(
        notice(&app),
        "2023-025 现为草稿，不能印发 → 已印发。现在可以：提交审核 → 待审"
    );
    palette(&mut app, "提交审核");
    assert_eq!(form(&app).status_choice(), (Status::Review, None));
    key(&mut app, "Esc");
    assert_eq!(doc(&app).issue.status, Status::Draft);
}

#[test]
fn the_list_changes_the_selected_issue_and_filters_by_status() {
    let (dir, mut app) = app();
    clerk(&mut app);
    keys(&mut app, &["Ctrl+N", "Enter"]);
    // Back in the list, on 第25期, which is not open.
    keys(&mut app, &["Esc", "Down"]);
    let ids =
        |app: &App| -> Vec<String> { app.issue_ids().iter().map(|i| i.to_string()).collect() };
    // Both drafts: the selection stays on its issue.
    key(&mut app, "F");
    assert_eq!(app.list_filter, Some(Status::Draft));
    assert_eq!(ids(&app), ["2023-026", "2023-025"]);
    assert_eq!(app.issue_ids()[app.list_selected], sample_id());
    keys(&mut app, &["Ctrl+K", "Enter"]);
    assert_eq!(notice(&app), "2023-025：草稿 → 待审");
    assert_eq!(on_disk(&dir).status, Status::Review);
    // No lock left behind.
    assert!(!dir.path().join("lib/.state/locks/2023-025.lock").exists());
    assert_eq!(ids(&app), ["2023-026"]);
    key(&mut app, "F");
    assert_eq!(ids(&app), ["2023-025"]);
    assert!(screen(&app).contains("期刊：待审"));
    key(&mut app, "F");
    assert!(ids(&app).is_empty());
    assert!(screen(&app).contains("没有已签发的期刊。"));
    keys(&mut app, &["F", "F"]);
    assert_eq!(app.list_filter, None);
    assert_eq!(ids(&app), ["2023-026", "2023-025"]);
    // 第25期 (in review) selected: hidden by 草稿, selected again by 待审,
    // and after a round through the empty lists.
    key(&mut app, "Down");
    key(&mut app, "F");
    assert_eq!(app.issue_ids()[app.list_selected].to_string(), "2023-026");
    key(&mut app, "F");
    assert_eq!(app.issue_ids()[app.list_selected], sample_id());
    keys(&mut app, &["F", "F", "F"]);
    assert_eq!(app.list_filter, None);
    assert_eq!(app.issue_ids()[app.list_selected], sample_id());
}

#[test]
fn an_issue_another_editor_has_open_keeps_its_status() {
    let (dir, mut app) = app();
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    let _theirs = lib.lock(&sample_id()).unwrap();
    keys(&mut app, &["Ctrl+K", "Enter"]);
    assert!(
        notice(&app).starts_with("2023-025 正由 "),
        "{}",
        notice(&app)
    );
    assert_eq!(on_disk(&dir).status, Status::Draft);
}

#[test]
fn sync_runs_on_a_thread_and_nothing_writes_meanwhile() {
    let (dir, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter"]);
    let before = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    let tx = app.fake_sync();
    assert!(app.syncing());
    // Typing, saving, a status change, a new issue: refused, said why.
    typ(&mut app, "甲");
    assert!(!app.is_dirty());
    assert!(notice(&app).contains("正在同步"), "{}", notice(&app));
    for k in ["Ctrl+S", "Ctrl+K", "Ctrl+N"] {
        app.notice = None;
        key(&mut app, k);
        assert!(notice(&app).contains("正在同步"), "{k}: {}", notice(&app));
        assert!(app.overlay.is_none(), "{k}");
    }
    // The event loop polls while git runs.
    let now = std::time::Instant::now();
    assert!(
        app.next_tick(now)
            .is_some_and(|d| d <= std::time::Duration::from_millis(100))
    );
    // The result comes: said, and the issue can be edited again.
    tx.send(Err("git 不在".to_string())).unwrap();
    app.tick(now);
    assert!(!app.syncing());
    assert_eq!(notice(&app), "git 不在");
    typ(&mut app, "甲");
    assert!(app.is_dirty());
    assert_eq!(fs::read_to_string(file(&dir, "2023-025")).unwrap(), before);
    // A real sync outside git: 正在同步… at once, then why it is off.
    key(&mut app, "Ctrl+S");
    palette(&mut app, "同步");
    assert_eq!(notice(&app), "正在同步…");
    let start = std::time::Instant::now();
    while app.syncing() && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.tick(std::time::Instant::now());
    }
    assert!(!app.syncing());
    assert!(notice(&app).contains("git"), "{}", notice(&app));
}
