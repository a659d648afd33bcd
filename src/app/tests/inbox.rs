//! The inbox view: adopting into the open issue (section, feature or
//! brief; the article keeps its unit and link, the issue is saved, the
//! submission moves to decided/), a signed issue refusing, returning and
//! declining with the note kept, another's decision never overwritten.

use super::*;
use crate::inbox::{Submit, submit};
use crate::model::inbox::SubState;
use crate::store::inbox::Entry;
use chrono::{DateTime, FixedOffset};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inbox")
        .join(name)
}

fn received() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-11-20T09:30:00+08:00").unwrap()
}

/// An app at 80×24 whose inbox holds three submissions, numbered 1–3.
pub(crate) fn with_inbox() -> (TempDir, App) {
    let (dir, app) = app_with(Lang::Zh, Keymap::default(), 80, 24);
    for f in [
        "白潭镇倡导文明新风.txt",
        "商水县志愿服务.txt",
        "郸城县来稿.docx",
    ] {
        submit(&app.lib, &fixture(f), &Submit::default(), received()).unwrap();
    }
    (dir, app)
}

fn records(app: &App) -> Vec<Entry> {
    app.lib.read_inbox().unwrap().entries
}

fn view(app: &App) -> &crate::app::inbox::InboxView {
    match &app.overlay {
        Some(Overlay::Inbox(v)) => v,
        other => panic!("no inbox: {other:?}"),
    }
}

#[test]
fn adopt_into_the_open_issue_as_a_brief_in_the_chosen_section() {
    let (dir, mut app) = with_inbox();
    keys(&mut app, &["Enter", "Ctrl+W"]);
    assert_eq!(view(&app).rows.len(), 3);
    assert!(view(&app).preview[0].contains("扶沟县白潭镇倡导文明新风"));
    // The second (商水县): A, the second section, a brief.
    keys(&mut app, &["Down", "A", "Down", "Space"]);
    let crate::app::inbox::Mode::Adopt { section, kind, .. } = &view(&app).mode else {
        panic!("{:?}", view(&app).mode)
    };
    assert_eq!((*section, *kind), (1, ArticleKind::Brief));
    key(&mut app, "Enter");
    assert!(
        notice(&app).contains("来稿 2 已采用到 2023-025【经验交流】"),
        "{}",
        notice(&app)
    );
    let a = doc(&app).issue.sections[1].articles.last().unwrap().clone();
    assert_eq!(a.title_text(), "商水县举办志愿服务活动");
    assert_eq!(a.kind, ArticleKind::Brief);
    assert_eq!(
        (a.source.as_deref(), a.submission),
        (Some("商水县文明办"), Some(2))
    );
    // Saved, and the submission decided and moved.
    assert!(!app.is_dirty());
    assert!(
        fs::read_to_string(file(&dir, "2023-025"))
            .unwrap()
            .contains("submission: Some(2)")
    );
    let r = records(&app);
    let two = r.iter().find(|e| e.record.id == 2).unwrap();
    assert!(two.decided && two.record.state == SubState::Adopted);
    // The view shows it decided, at the bottom, and goes on to the first
    // still to decide.
    let v = view(&app);
    assert_eq!(v.rows.last().unwrap().record.id, 2);
    assert_eq!(v.selected_entry().unwrap().record.id, 1);
    // A decided one takes no second adoption.
    keys(&mut app, &["Down", "Down", "A"]);
    assert!(notice(&app).contains("已处理完毕"), "{}", notice(&app));
    // Esc closes the view; the tree shows the new article.
    key(&mut app, "Esc");
    assert!(app.overlay.is_none());
}

#[test]
fn a_signed_issue_refuses_and_nothing_changes() {
    let (dir, mut app) = with_inbox();
    crate::test_support::sign_sample(&mut app);
    let before = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    // Refused at once, before a section is picked.
    keys(&mut app, &["Enter", "Ctrl+W", "Enter"]);
    assert!(notice(&app).contains("已签发"), "{}", notice(&app));
    assert!(
        matches!(view(&app).mode, crate::app::inbox::Mode::List),
        "{:?}",
        view(&app).mode
    );
    key(&mut app, "Enter");
    assert!(notice(&app).contains("已签发"), "{}", notice(&app));
    assert_eq!(fs::read_to_string(file(&dir, "2023-025")).unwrap(), before);
    assert!(
        records(&app)
            .iter()
            .all(|e| e.record.state == SubState::New)
    );
    assert!(matches!(app.overlay, Some(Overlay::Inbox(_))));
}

#[test]
fn no_issue_open_no_adoption() {
    let (_dir, mut app) = with_inbox();
    keys(&mut app, &["Ctrl+W", "A"]);
    assert!(notice(&app).contains("先打开"), "{}", notice(&app));
    assert_eq!(view(&app).mode, crate::app::inbox::Mode::List);
}

#[test]
fn return_and_decline_with_their_words() {
    let (_dir, mut app) = with_inbox();
    keys(&mut app, &["Ctrl+W", "R"]);
    // An empty note is refused; letters type into the note, not act.
    key(&mut app, "Enter");
    assert!(
        notice(&app).contains("请写明退回修改的意见"),
        "{}",
        notice(&app)
    );
    typ(&mut app, "请补充数据 AR");
    key(&mut app, "Enter");
    assert!(
        notice(&app).contains("来稿 1 已退回修改：请补充数据 AR"),
        "{}",
        notice(&app)
    );
    key(&mut app, "Down");
    keys(&mut app, &["D"]);
    typ(&mut app, "与上期重复");
    key(&mut app, "Enter");
    let r = records(&app);
    let by = |n: u32| r.iter().find(|e| e.record.id == n).unwrap().record.clone();
    assert_eq!(by(1).state, SubState::Returned);
    assert_eq!(by(1).history[0].note.as_deref(), Some("请补充数据 AR"));
    assert_eq!(by(2).state, SubState::Declined);
    assert_eq!(by(2).history[0].note.as_deref(), Some("与上期重复"));
    // Esc in the note field goes back to the list without deciding.
    keys(&mut app, &["Up", "Up", "D", "Esc"]);
    assert_eq!(view(&app).mode, crate::app::inbox::Mode::List);
    assert!(app.overlay.is_some());
}

#[test]
fn another_decision_meanwhile_is_kept_and_the_adoption_undone() {
    let (dir, mut app) = with_inbox();
    keys(&mut app, &["Enter", "Ctrl+W"]);
    // Someone else declines the first while the view is open.
    let other = crate::model::Actor {
        name: Some("李华".into()),
        user: "li".into(),
        host: "desk".into(),
    };
    let first = records(&app).remove(0);
    crate::inbox::decide(
        &app.lib,
        &first,
        SubState::Declined,
        "重复",
        &other,
        received(),
    )
    .unwrap();
    let before = doc(&app).issue.clone();
    keys(&mut app, &["A", "Enter"]);
    assert!(notice(&app).contains("李华"), "{}", notice(&app));
    assert_eq!(doc(&app).issue, before);
    let on_disk = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert!(!on_disk.contains("submission:"), "{on_disk}");
    let r = records(&app);
    assert_eq!(r[0].record.state, SubState::Declined);
    assert_eq!(r[0].record.history.len(), 1);
}

#[test]
fn u_corrects_the_unit_with_the_current_one_prefilled() {
    let (_dir, mut app) = with_inbox();
    keys(&mut app, &["Ctrl+W", "Down", "U"]);
    let crate::app::inbox::Mode::Unit(input) = &view(&app).mode else {
        panic!("{:?}", view(&app).mode)
    };
    assert_eq!(input.text(), "商水县文明办");
    // Typing replaces it whole; letters type (U, A are keys of the list).
    typ(&mut app, "UA商水县委宣传部");
    key(&mut app, "Enter");
    assert!(
        notice(&app).contains("来稿 2 的单位改为 UA商水县委宣传部"),
        "{}",
        notice(&app)
    );
    assert_eq!(records(&app)[1].record.unit, "UA商水县委宣传部");
    // The view shows it, still on the same submission.
    assert_eq!(view(&app).selected, 1);
    assert_eq!(view(&app).rows[1].record.unit, "UA商水县委宣传部");
    // An empty name is refused; Esc leaves the unit as it was.
    keys(&mut app, &["U", "Ctrl+U", "Enter"]);
    assert!(notice(&app).contains("请写出单位名称"), "{}", notice(&app));
    key(&mut app, "Esc");
    assert_eq!(view(&app).mode, crate::app::inbox::Mode::List);
    assert_eq!(records(&app)[1].record.unit, "UA商水县委宣传部");
}
