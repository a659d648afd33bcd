//! The safety net, driven as the clerk and the clock drive it: keys, and
//! ticks with made-up instants.

use super::*;
use crate::app::keymap::Keymap;
use crate::app::{Choice, Focus, Overlay};
use crate::i18n::Lang;
use crate::store::Library;
use crate::store::fs::{Fs, RealFs};
use crate::store::recovery::{RecoveryInfo, SavedState};
use crate::test_support::{app, at, doc, editor, file, key, keys, notice, sample_id, today, typ};
use crossterm::event::KeyEvent;
use crossterm::event::{Event, KeyCode, KeyModifiers};
use std::fs;
use std::io;
use std::path::Path;
use std::path::PathBuf;
use std::sync::Mutex;
use tempfile::TempDir;

const MS: Duration = Duration::from_millis(1);

/// The sample issue open, with its lock, and the first article in the editor.
fn editing() -> (TempDir, App) {
    let (dir, mut app) = app();
    app.start(Some(sample_id()));
    keys(&mut app, &["Down", "Enter"]);
    assert_eq!(app.focus, Focus::Editor);
    (dir, app)
}

fn recovery_file(dir: &TempDir, id: &str) -> PathBuf {
    dir.path().join(format!("lib/.state/recovery/{id}.ron"))
}

/// Waits (up to 10 s) for the writer thread to make `pred` true of the file.
fn wait_file(path: &Path, pred: impl Fn(Option<&str>) -> bool) {
    for _ in 0..1000 {
        if pred(fs::read_to_string(path).ok().as_deref()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{} never got there", path.display());
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn editor_text(app: &App) -> String {
    editor(app).paragraphs().concat()
}

// ----- autosave rules ---------------------------------------------------

#[test]
fn a_pause_of_one_second_writes_and_typing_never_waits_more_than_1_5_s() {
    let t0 = Instant::now();
    let mut a = Autosave::default();
    assert!(!a.due(t0 + Duration::from_secs(100)), "nothing pending");
    a.changed(t0);
    assert!(!a.due(t0 + 999 * MS));
    assert!(a.due(t0 + Autosave::IDLE));
    // Steady typing, a key every 300 ms: the idle rule never fires, the
    // cap does.
    let mut a = Autosave::default();
    let mut due = Vec::new();
    for i in 0..20u32 {
        let now = t0 + 300 * MS * i;
        if a.due(now) {
            due.push(i);
            a.clear();
        }
        a.changed(now);
    }
    // Pending since key 0: due at 1.5 s (key 5), then from key 5 at key 10…
    assert_eq!(due, [5, 10, 15]);
    assert_eq!(a.deadline(), Some(t0 + 300 * MS * 15 + Autosave::MAX_WAIT));
}

#[test]
fn ticks_write_the_recovery_file_after_a_pause_and_during_steady_typing() {
    let (dir, mut app) = editing();
    let t0 = Instant::now();
    app.tick(t0);
    assert_eq!(app.safety.submitted, 0, "opening is not an edit");
    assert_eq!(
        app.next_tick(t0),
        Some(crate::app::listwatch::IDLE),
        "nothing to wake up for but the issue list's look"
    );
    typ(&mut app, "今天");
    app.tick(t0 + 10 * MS);
    // First due: the 字数 held while typing (see app::counts).
    let counts = app.next_tick(t0 + 10 * MS).unwrap();
    assert!(counts < Autosave::IDLE, "{counts:?}");
    app.tick(t0 + 10 * MS + counts);
    assert_eq!(app.next_tick(t0 + 10 * MS), Some(Autosave::IDLE));
    app.tick(t0 + 900 * MS);
    assert_eq!(app.safety.submitted, 0);
    app.tick(t0 + 1010 * MS);
    assert_eq!(app.safety.submitted, 1);
    let path = recovery_file(&dir, "2023-025");
    wait_file(&path, |t| t.is_some_and(|t| t.contains("今天11月22日")));

    // Steady typing for 6 s, a character every 250 ms: no character waits
    // more than 1.5 s; the first one after a write starts the clock.
    let mut writes = Vec::new();
    for i in 1..=24u32 {
        let now = t0 + Duration::from_secs(5) + 250 * MS * i;
        typ(&mut app, "字");
        let before = app.safety.submitted;
        app.tick(now);
        if app.safety.submitted > before {
            writes.push(i);
        }
    }
    assert_eq!(writes, [7, 14, 21]);
    wait_file(&path, |t| {
        t.is_some_and(|t| t.contains(&format!("今天{}11月22日", "字".repeat(21))))
    });
}

/// Types `text` and ticks at `t0` and a pause later, so the autosave
/// writes it; returns the recovery file, once written.
fn autosaved(app: &mut App, dir: &TempDir, text: &str, t0: Instant) -> PathBuf {
    typ(app, text);
    app.tick(t0);
    app.tick(t0 + Autosave::IDLE);
    let path = recovery_file(dir, "2023-025");
    wait_file(&path, |t| t.is_some_and(|t| t.contains(text)));
    path
}

#[test]
fn undoing_back_to_the_saved_text_removes_the_recovery_file() {
    let (dir, mut app) = editing();
    let t0 = Instant::now();
    let path = autosaved(&mut app, &dir, "删", t0);
    ctrl(&mut app, 'z');
    app.tick(t0 + 2 * Autosave::IDLE);
    app.tick(t0 + 3 * Autosave::IDLE);
    assert!(!app.is_dirty());
    wait_file(&path, |t| t.is_none());
}

#[test]
fn saving_removes_the_recovery_file_and_keeps_the_lock() {
    let (dir, mut app) = editing();
    let path = autosaved(&mut app, &dir, "新", Instant::now());
    ctrl(&mut app, 's');
    assert!(!app.is_dirty(), "{}", notice(&app));
    wait_file(&path, |t| t.is_none());
    assert!(matches!(doc(&app).access, Access::Locked(_)));
    assert!(dir.path().join("lib/.state/locks/2023-025.lock").exists());
}

#[test]
fn a_renumbered_issue_takes_its_lock_to_the_new_id() {
    let (dir, mut app) = editing();
    keys(&mut app, &["F4", "Down", "Ctrl+U"]);
    typ(&mut app, "26");
    keys(&mut app, &["Enter", "Ctrl+S"]);
    assert_eq!(doc(&app).id, "2023-026".parse().unwrap());
    let locks = dir.path().join("lib/.state/locks");
    assert!(locks.join("2023-026.lock").exists());
    assert!(!locks.join("2023-025.lock").exists());
    drop(app);
    assert!(!locks.join("2023-026.lock").exists(), "released on exit");
}

#[test]
fn finish_writes_unsaved_text_at_once_and_removes_the_file_when_saved() {
    let (dir, mut app) = editing();
    typ(&mut app, "未存");
    let path = recovery_file(&dir, "2023-025");
    let written = app.finish().expect("unsaved text").unwrap();
    assert_eq!(written, path);
    assert!(fs::read_to_string(&path).unwrap().contains("未存11月22日"));
    assert!(app.safety.slot.rescue().is_none(), "one final write");

    let (dir, mut app) = editing();
    let path = recovery_file(&dir, "2023-025");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "left over").unwrap();
    assert!(app.finish().is_none());
    assert!(!path.exists());
}

#[test]
fn the_slot_holds_the_last_snapshot_for_a_rescue_by_another_thread() {
    let (dir, mut app) = editing();
    let slot = app.snapshot_slot();
    typ(&mut app, "救");
    let t0 = Instant::now();
    app.tick(t0);
    app.tick(t0 + Autosave::IDLE);
    // The main thread is stuck; the signal thread writes what it has.
    let path = std::thread::spawn(move || slot.rescue())
        .join()
        .unwrap()
        .expect("a snapshot")
        .unwrap();
    assert_eq!(path, recovery_file(&dir, "2023-025"));
    assert!(fs::read_to_string(&path).unwrap().contains("救11月22日"));
    assert!(app.finish().is_none(), "the rescue was the final write");
}

// ----- locks and read-only --------------------------------------------

/// A new library holding the sample issue, no editor running.
fn library() -> TempDir {
    app().0
}

/// Another editor on `dir`'s library, at 80×24, started on `target`.
fn session(dir: &TempDir, target: Option<IssueId>) -> App {
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    let mut app = App::new(lib, Lang::Zh, Keymap::default(), today());
    app.handle_event(&Event::Resize(80, 24));
    app.start(target);
    app
}

#[test]
fn a_second_editor_gets_the_issue_read_only_and_is_told_who_has_it() {
    let (dir, _first) = editing();
    let mut app = session(&dir, Some(sample_id()));
    let info = doc(&app).read_only().expect("read-only").clone();
    assert_eq!(info.pid, std::process::id());
    assert!(
        notice(&app).starts_with("只读：2023-025 正由"),
        "{}",
        notice(&app)
    );
    assert!(notice(&app).contains(&info.user), "{}", notice(&app));
    let before = doc(&app).issue.clone();

    keys(&mut app, &["Down", "Enter"]);
    typ(&mut app, "改");
    assert!(notice(&app).starts_with("只读"), "{}", notice(&app));
    for k in [
        "Enter",
        "Backspace",
        "Delete",
        "Ctrl+X",
        "Ctrl+V",
        "Ctrl+Z",
        "F2",
        "F9",
    ] {
        key(&mut app, k);
        assert!(app.overlay.is_none(), "{k} opened something");
    }
    app.handle_event(&Event::Paste("粘贴".into()));
    for k in ["Alt+Up", "F4", "Ctrl+R", "F6"] {
        app.notice = None;
        key(&mut app, k);
        assert!(notice(&app).starts_with("只读"), "{k}: {}", notice(&app));
    }
    ctrl(&mut app, 's');
    assert!(
        notice(&app).starts_with("只读，不能保存"),
        "{}",
        notice(&app)
    );
    assert_eq!(doc(&app).issue, before);
    assert!(!app.is_dirty());

    // Reading works: select, copy, find.
    keys(&mut app, &["Shift+Right", "Shift+Right"]);
    ctrl(&mut app, 'c');
    assert_eq!(app.clipboard_out.as_deref(), Some("11"));
    key(&mut app, "Right");
    ctrl(&mut app, 'f');
    typ(&mut app, "文明");
    assert!(doc(&app).find.is_some());
    assert!(editor(&app).current_match().is_some());
    // Ticks never write a recovery file for someone else's issue.
    app.tick(Instant::now());
    app.tick(Instant::now() + Duration::from_secs(5));
    assert_eq!(app.safety.submitted, 0);
    assert!(app.finish().is_none());
}

#[test]
fn opening_a_read_only_issue_again_takes_the_lock_once_it_is_free() {
    let (dir, first) = editing();
    let mut app = session(&dir, Some(sample_id()));
    keys(&mut app, &["Esc"]);
    assert_eq!(app.focus, Focus::Issues);
    key(&mut app, "Enter");
    assert!(doc(&app).read_only().is_some(), "still held");
    drop(first);
    keys(&mut app, &["Esc", "Enter"]);
    assert!(matches!(doc(&app).access, Access::Locked(_)));
    keys(&mut app, &["Down", "Enter"]);
    typ(&mut app, "轮到我");
    assert!(app.is_dirty());
}

#[test]
fn an_issue_someone_is_editing_cannot_be_deleted() {
    let (dir, _first) = editing();
    let mut app = session(&dir, None);
    key(&mut app, "Delete");
    assert!(app.overlay.is_none());
    assert!(notice(&app).starts_with("不能删除"), "{}", notice(&app));
    assert!(file(&dir, "2023-025").exists());
}

#[test]
fn a_deleted_issue_takes_its_unsaved_text_along_and_brings_it_back() {
    let (dir, mut app) = editing();
    typ(&mut app, "删前");
    keys(&mut app, &["Esc", "Esc", "Delete", "D"]);
    assert!(app.issue_ids().is_empty(), "{}", notice(&app));
    let kept = dir.path().join("lib/trash/recovery");
    let names: Vec<_> = fs::read_dir(&kept)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(
        fs::read_to_string(&names[0])
            .unwrap()
            .contains("删前11月22日")
    );
    // Nothing is left to be offered for a new issue under the same number,
    // even after the backup thread has run.
    app.finish();
    assert!(!recovery_file(&dir, "2023-025").exists());
    key(&mut app, "Ctrl+T");
    key(&mut app, "Enter");
    assert_eq!(app.issue_ids(), [sample_id()]);
    assert!(recovery_file(&dir, "2023-025").exists());
    let app = session(&dir, Some(sample_id()));
    let (info, _) = offered(&app).expect("the unsaved text is offered again");
    assert_eq!(info.chars, 3000 + 2);
}

#[test]
fn an_unreadable_recovery_file_is_named_at_start_and_never_written_over() {
    let dir = library();
    let recovery = recovery_file(&dir, "2023-025");
    fs::create_dir_all(recovery.parent().unwrap()).unwrap();
    let broken = "(\n    format: 1,\n    id: \"2023-025\",\n    issue: (\n        bulletin: \"只有这里有的文字";
    fs::write(&recovery, broken).unwrap();
    crate::store::recovery::forget_written_for_tests();
    let mut app = session(&dir, Some(sample_id()));
    let said = notice(&app);
    assert!(said.contains("恢复文件无法读取"), "{said}");
    assert!(said.contains("2023-025.ron:5:"), "{said}");
    assert!(said.contains(".unreadable-"), "{said}");
    // Typing and a backup: the broken file is still there, untouched.
    keys(&mut app, &["Down", "Enter"]);
    typ(&mut app, "新字");
    app.finish();
    let aside: Vec<_> = fs::read_dir(recovery.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), broken);
    assert!(fs::read_to_string(&recovery).unwrap().contains("新字"));
}

#[test]
fn temp_files_left_by_a_killed_save_are_removed_at_start() {
    let dir = library();
    let temp = dir.path().join("lib/issues/.2023-025.ron.4194399-3.tmp");
    let file = fs::File::create(&temp).unwrap();
    file.set_modified(std::time::SystemTime::now() - Duration::from_secs(600))
        .unwrap();
    let _app = session(&dir, None);
    assert!(!temp.exists());
}

#[test]
fn a_stale_lock_is_taken_over_and_said_so() {
    let dir = library();
    let locks = dir.path().join("lib/.state/locks");
    fs::create_dir_all(&locks).unwrap();
    fs::write(
        locks.join("2023-025.lock"),
        "(id: \"2023-025\", user: \"clerk\", host: \"desk\", pid: 4242, since: \"2023-11-23T09:00:00+08:00\")\n",
    )
    .unwrap();
    let app = session(&dir, Some(sample_id()));
    assert!(matches!(doc(&app).access, Access::Locked(_)));
    assert!(notice(&app).contains("clerk@desk"), "{}", notice(&app));
    assert!(notice(&app).contains("已接管"), "{}", notice(&app));
}

#[test]
fn an_issue_that_cannot_be_locked_is_editable_with_a_warning() {
    let dir = library();
    // Where the locks folder should be, a file: no lock can be taken.
    fs::create_dir_all(dir.path().join("lib/.state")).unwrap();
    fs::write(dir.path().join("lib/.state/locks"), "").unwrap();
    let mut app = session(&dir, Some(sample_id()));
    assert!(matches!(doc(&app).access, Access::Unlocked));
    assert!(notice(&app).contains("无法加锁"), "{}", notice(&app));
    keys(&mut app, &["Down", "Enter"]);
    typ(&mut app, "仍可编辑");
    ctrl(&mut app, 's');
    assert!(!app.is_dirty(), "{}", notice(&app));
}

// ----- save conflicts ---------------------------------------------------

/// The sample issue changed on disk behind the editor's back.
fn change_on_disk(dir: &TempDir) {
    let path = file(dir, "2023-025");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("11月22日", "11月21日")).unwrap();
}

fn conflict(app: &App) -> Option<&Dialog> {
    match &app.overlay {
        Some(Overlay::Safety(d @ Dialog::Conflict { .. })) => Some(d),
        _ => None,
    }
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten_without_asking() {
    let (dir, mut app) = editing();
    typ(&mut app, "我的");
    change_on_disk(&dir);
    ctrl(&mut app, 's');
    let d = conflict(&app).expect("the conflict dialog");
    assert_eq!(
        d.choices(true),
        [Choice::Overwrite, Choice::LoadDisk, Choice::Cancel]
    );
    assert_eq!(d.choice(false), 2, "cancel is the default");
    // Enter on the default cancels: nothing written, still unsaved.
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    assert!(app.is_dirty());
    assert!(
        fs::read_to_string(file(&dir, "2023-025"))
            .unwrap()
            .contains("11月21日")
    );
    // Overwrite.
    ctrl(&mut app, 's');
    key(&mut app, "y");
    assert!(!app.is_dirty(), "{}", notice(&app));
    let text = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert!(text.contains("我的11月22日"), "ours");
}

#[test]
fn loading_the_disk_version_reseeds_the_editor() {
    let (dir, mut app) = editing();
    typ(&mut app, "我的");
    change_on_disk(&dir);
    ctrl(&mut app, 's');
    key(&mut app, "l");
    assert!(app.overlay.is_none());
    assert!(!app.is_dirty());
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(0, 0));
    assert!(
        editor_text(&app).starts_with("11月21日"),
        "{}",
        editor_text(&app)
    );
    assert!(notice(&app).contains("已载入磁盘上的"), "{}", notice(&app));
    // And it saves normally from there.
    typ(&mut app, "再改");
    ctrl(&mut app, 's');
    assert!(!app.is_dirty(), "{}", notice(&app));
}

#[test]
fn a_conflict_while_quitting_goes_on_to_quit_once_resolved() {
    let (dir, mut app) = editing();
    typ(&mut app, "我的");
    change_on_disk(&dir);
    key(&mut app, "Ctrl+Q");
    key(&mut app, "s");
    assert!(conflict(&app).is_some());
    assert!(app.running);
    key(&mut app, "y");
    assert!(!app.running, "quit after overwriting");
}

#[test]
fn a_file_deleted_on_disk_can_be_saved_again() {
    let (dir, mut app) = editing();
    typ(&mut app, "还在");
    fs::remove_file(file(&dir, "2023-025")).unwrap();
    ctrl(&mut app, 's');
    let d = conflict(&app).expect("the conflict dialog");
    assert_eq!(d.choices(true), [Choice::Save, Choice::Cancel]);
    key(&mut app, "Enter");
    assert!(!app.is_dirty(), "{}", notice(&app));
    assert!(
        fs::read_to_string(file(&dir, "2023-025"))
            .unwrap()
            .contains("还在11月22日")
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_written_only_when_the_clerk_confirms() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, mut app) = editing();
    let path = file(&dir, "2023-025");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    let before = fs::read(&path).unwrap();
    typ(&mut app, "只读");
    ctrl(&mut app, 's');
    let d = conflict(&app).expect("the read-only dialog");
    assert_eq!(d.choices(true), [Choice::WriteAnyway, Choice::Cancel]);
    // Enter answers the default, Cancel: nothing is written.
    key(&mut app, "Enter");
    assert!(app.is_dirty());
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o400
    );
    ctrl(&mut app, 's');
    key(&mut app, "w");
    assert!(!app.is_dirty(), "{}", notice(&app));
    assert!(fs::read_to_string(&path).unwrap().contains("只读11月22日"));
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o222, 0);
}

// ----- recovery offers --------------------------------------------------

/// A library where a crashed editor left `text`, typed at the start of
/// the sample issue, in its recovery file.
fn crashed(text: &str) -> TempDir {
    let dir = library();
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    let mut issue = lib.issue(&sample_id()).unwrap().into_owned();
    issue.sections[0].articles[0].paragraphs[0].insert_str(0, text);
    Recovery::write(&lib, &sample_id(), &issue).unwrap();
    dir
}

fn offered(app: &App) -> Option<(&RecoveryInfo, bool)> {
    match &app.overlay {
        Some(Overlay::Safety(Dialog::Recovery { info, open, .. })) => Some((info, *open)),
        _ => None,
    }
}

#[test]
fn restore_opens_the_issue_with_the_recovered_text_unsaved() {
    let dir = crashed("找回来的");
    let mut app = session(&dir, Some(sample_id()));
    let (info, open) = offered(&app).expect("the offer");
    assert!(open);
    assert_eq!(info.saved, SavedState::Unchanged);
    assert_eq!(info.chars, 3000 + 4);
    assert!(app.doc.is_none(), "opening waits for the answer");
    // Rendering the offer at 80×24 shows what will be recovered.
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    term.draw(|f| crate::ui::render(&app, &crate::ui::theme::Theme::color(), f))
        .unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect::<String>()
        .replace(' ', "");
    for part in ["恢复未保存的文字", "3004字", "恢复(R)", "以后再说(L)"] {
        assert!(screen.contains(part), "{part}");
    }

    key(&mut app, "r");
    assert!(app.overlay.is_none());
    assert!(app.is_dirty());
    assert!(matches!(doc(&app).access, Access::Locked(_)));
    assert!(doc(&app).issue.sections[0].articles[0].paragraphs[0].starts_with("找回来的11月22日"));
    assert!(notice(&app).contains("已恢复"), "{}", notice(&app));
    ctrl(&mut app, 's');
    assert!(
        fs::read_to_string(file(&dir, "2023-025"))
            .unwrap()
            .contains("找回来的11月22日")
    );
    wait_file(&recovery_file(&dir, "2023-025"), |t| t.is_none());
}

#[test]
fn keep_both_saves_the_recovered_text_as_a_draft_and_opens_the_saved_issue() {
    let dir = crashed("另一稿");
    let mut app = session(&dir, Some(sample_id()));
    key(&mut app, "k");
    assert!(!app.is_dirty());
    assert_eq!(doc(&app).id, sample_id());
    let copy = fs::read_to_string(file(&dir, "2023-026")).unwrap();
    assert!(copy.contains("另一稿11月22日"));
    assert!(copy.contains("status: Draft"));
    assert!(!recovery_file(&dir, "2023-025").exists());
    assert!(notice(&app).contains("2023-026"), "{}", notice(&app));
}

#[test]
fn discard_deletes_the_recovered_text_and_opens_the_issue() {
    let dir = crashed("不要了");
    let mut app = session(&dir, Some(sample_id()));
    key(&mut app, "d");
    assert!(!recovery_file(&dir, "2023-025").exists());
    assert_eq!(doc(&app).id, sample_id());
    assert!(!app.is_dirty());
}

#[test]
fn later_leaves_the_file_and_asks_again_on_open() {
    let dir = crashed("等等");
    let mut app = session(&dir, Some(sample_id()));
    key(&mut app, "Esc");
    assert!(app.doc.is_none(), "not opened: editing would overwrite it");
    assert!(recovery_file(&dir, "2023-025").exists());
    assert!(notice(&app).contains("仍然保留"), "{}", notice(&app));
    key(&mut app, "Enter");
    assert!(offered(&app).is_some(), "asked again");
    key(&mut app, "r");
    assert!(app.is_dirty());
}

#[test]
fn ctrl_d_in_dialogs_does_not_discard() {
    let dir = crashed("留着");
    let mut app = session(&dir, Some(sample_id()));
    ctrl(&mut app, 'd');
    assert!(offered(&app).is_some());
    assert!(recovery_file(&dir, "2023-025").exists());
    key(&mut app, "r");
    keys(&mut app, &["Ctrl+Q"]);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    ctrl(&mut app, 'd');
    ctrl(&mut app, 'c');
    assert!(app.running);
    assert!(app.is_dirty(), "Ctrl+D did not discard");
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
}

#[test]
fn an_offer_for_a_deleted_issue_can_only_be_kept_or_discarded() {
    let dir = crashed("孤本");
    fs::remove_file(file(&dir, "2023-025")).unwrap();
    let mut app = session(&dir, None);
    let (info, open) = offered(&app).expect("offered at start");
    assert!(!open);
    assert_eq!(info.saved, SavedState::Missing);
    let Some(Overlay::Safety(d)) = &app.overlay else {
        unreachable!()
    };
    assert_eq!(
        d.choices(false),
        [Choice::KeepBoth, Choice::DiscardRecovery, Choice::Later]
    );
    key(&mut app, "r");
    assert!(offered(&app).is_some(), "no restore button");
    key(&mut app, "k");
    let back = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert!(back.contains("孤本11月22日"), "its own id was free");
}

#[test]
fn queued_offers_cannot_restore_over_unsaved_work() {
    let dir = crashed("甲");
    let app = session(&dir, None);
    let Some(Overlay::Safety(d)) = app.overlay.clone() else {
        panic!("offered")
    };
    assert_eq!(d.choices(false)[0], Choice::Restore);
    assert_eq!(d.choices(true)[0], Choice::KeepBoth);
}

#[test]
fn enter_on_a_recovery_offer_never_discards() {
    let dir = crashed("甲");
    let app = session(&dir, None);
    let Some(Overlay::Safety(mut d)) = app.overlay.clone() else {
        panic!("offered")
    };
    for saved in [
        SavedState::Unchanged,
        SavedState::ChangedSince,
        SavedState::Missing,
    ] {
        if let Dialog::Recovery { info, .. } = &mut d {
            info.saved = saved;
        }
        for dirty in [false, true] {
            let chosen = d.choices(dirty)[d.choice(dirty)];
            let expected = match (saved, dirty) {
                (SavedState::Unchanged, false) => Choice::Restore,
                _ => Choice::KeepBoth,
            };
            assert_eq!(chosen, expected, "{saved:?} dirty={dirty}");
        }
    }
}

// ----- keys and encodings -----------------------------------------------

#[test]
fn ctrl_c_copies_in_the_text_and_only_hints_elsewhere() {
    let (_d, mut app) = editing();
    keys(&mut app, &["Shift+Right"]);
    ctrl(&mut app, 'c');
    assert_eq!(app.clipboard_out.as_deref(), Some("1"));
    key(&mut app, "Esc");
    ctrl(&mut app, 'c');
    assert!(app.running);
    assert!(notice(&app).contains("Ctrl+Q"), "{}", notice(&app));
    key(&mut app, "Esc");
    ctrl(&mut app, 'c');
    assert!(app.running);
    assert_eq!(app.focus, Focus::Issues);
}

#[test]
fn a_terminal_that_is_not_utf8_is_warned_about_and_its_input_kept_out() {
    let (_d, mut app) = editing();
    app.terminal_probe(Some(4));
    assert!(app.overlay.is_none());
    typ(&mut app, "中");
    app.terminal_probe(Some(6));
    assert!(matches!(
        app.overlay,
        Some(Overlay::Safety(Dialog::Encoding(
            EncodingProblem::Terminal { columns: 6 }
        )))
    ));
    key(&mut app, "x");
    assert!(app.overlay.is_none(), "any key closes the warning");
    // GBK 好啊 (BA C3 B0 A1) reaches the app as ð: refused, ASCII is fine.
    typ(&mut app, "ð好");
    assert!(notice(&app).contains("not UTF-8"), "{}", notice(&app));
    typ(&mut app, "a");
    app.handle_event(&Event::Paste("粘贴".into()));
    assert!(
        editor_text(&app).starts_with("中a11月22日"),
        "{}",
        editor_text(&app)
    );
}

#[test]
fn a_gbk_locale_keeps_garbage_out_until_the_terminal_shows_it_is_utf8() {
    let (_d, mut app) = editing();
    // LANG=zh_CN.GBK with the probe skipped (JIANBAO_NO_PROBE=1).
    app.encoding_problem(EncodingProblem::Locale("LANG=zh_CN.GBK".into()));
    key(&mut app, "x");
    // GBK 一 (D2 BB) is valid UTF-8: it arrives as һ and must not go in.
    typ(&mut app, "һ");
    app.handle_event(&Event::Paste("一".into()));
    assert!(notice(&app).contains("not UTF-8"), "{}", notice(&app));
    typ(&mut app, "a");
    assert!(
        editor_text(&app).starts_with("a11月22日"),
        "{}",
        editor_text(&app)
    );
    // The probe (when it runs) shows the terminal is UTF-8 after all.
    app.terminal_probe(Some(4));
    typ(&mut app, "中");
    assert!(
        editor_text(&app).starts_with("a中11月"),
        "{}",
        editor_text(&app)
    );
}

#[test]
fn a_paste_with_undecodable_bytes_is_refused() {
    let (_d, mut app) = editing();
    app.handle_event(&Event::Paste("好\u{FFFD}\u{FFFD}".into()));
    assert!(notice(&app).contains("�"), "{}", notice(&app));
    assert!(!app.is_dirty());
    app.handle_event(&Event::Paste("好".into()));
    assert!(app.is_dirty());
    // A terminal known to be UTF-8 sent those bytes as they are: the text
    // itself holds U+FFFD (PDF extractions do), and it goes in.
    app.terminal_probe(Some(4));
    app.handle_event(&Event::Paste("缺\u{FFFD}字".into()));
    assert!(
        editor_text(&app).contains("缺\u{FFFD}字"),
        "{}",
        editor_text(&app)
    );
}

#[test]
fn the_encoding_warning_comes_before_a_recovery_offer() {
    let dir = crashed("乙");
    let mut app = session(&dir, Some(sample_id()));
    app.encoding_problem(EncodingProblem::Locale("LANG=zh_CN.GBK".into()));
    assert!(matches!(
        app.overlay,
        Some(Overlay::Safety(Dialog::Encoding(_)))
    ));
    key(&mut app, "Enter");
    assert!(offered(&app).is_some(), "the offer comes back");
}

// ----- failing disks ----------------------------------------------------

/// The real file system, whose writes fail with `kind` while it is set.
#[derive(Debug, Default)]
struct Failing(Mutex<Option<io::ErrorKind>>);

impl Failing {
    fn set(&self, kind: Option<io::ErrorKind>) {
        *self.0.lock().unwrap() = kind;
    }

    fn check(&self) -> io::Result<()> {
        match *self.0.lock().unwrap() {
            Some(kind) => Err(io::Error::from(kind)),
            None => Ok(()),
        }
    }
}

impl Fs for Failing {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        RealFs.read(path)
    }
    fn metadata(&self, path: &Path) -> io::Result<fs::Metadata> {
        RealFs.metadata(path)
    }
    fn read_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        RealFs.read_dir(dir)
    }
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        self.check()?;
        RealFs.create_dir_all(dir)
    }
    fn create_new(&self, path: &Path) -> io::Result<fs::File> {
        self.check()?;
        RealFs.create_new(path)
    }
    fn write_all(&self, file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
        self.check()?;
        RealFs.write_all(file, bytes)
    }
    fn sync_file(&self, file: &fs::File) -> io::Result<()> {
        RealFs.sync_file(file)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.check()?;
        RealFs.rename(from, to)
    }
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.check()?;
        RealFs.hard_link(from, to)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.check()?;
        RealFs.remove_file(path)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        RealFs.sync_dir(dir)
    }
}

#[test]
fn a_failing_disk_keeps_the_text_and_the_file_and_says_why() {
    let dir = library();
    let fs_ = Arc::new(Failing::default());
    let lib = Library::open_with(&dir.path().join("lib"), fs_.clone()).unwrap();
    let mut app = App::new(lib, Lang::Zh, Keymap::default(), today());
    app.handle_event(&Event::Resize(120, 40));
    app.start(Some(sample_id()));
    keys(&mut app, &["Down", "Enter"]);
    let before = fs::read(file(&dir, "2023-025")).unwrap();
    for (kind, says) in [
        (io::ErrorKind::PermissionDenied, "没有写入权限"),
        (io::ErrorKind::StorageFull, "磁盘已满"),
        (io::ErrorKind::ReadOnlyFilesystem, "文件系统只读"),
    ] {
        fs_.set(Some(kind));
        typ(&mut app, "字");
        ctrl(&mut app, 's');
        let n = notice(&app);
        assert!(n.starts_with("保存失败"), "{n}");
        assert!(n.contains(says), "{n}");
        assert!(n.contains("编辑中的内容未丢失"), "{n}");
        assert!(app.is_dirty());
        assert_eq!(fs::read(file(&dir, "2023-025")).unwrap(), before);
    }
    // The backup fails too: said once, and marked in the title bar.
    let t0 = Instant::now();
    app.notice = None;
    app.tick(t0);
    app.tick(t0 + Autosave::IDLE);
    for _ in 0..500 {
        app.tick(t0 + Autosave::IDLE);
        if app.backup_failed() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(app.backup_failed());
    assert!(notice(&app).starts_with("自动备份失败"), "{}", notice(&app));
    // The disk is back: saving works and the text is all there.
    fs_.set(None);
    ctrl(&mut app, 's');
    assert!(!app.is_dirty(), "{}", notice(&app));
    assert!(
        fs::read_to_string(file(&dir, "2023-025"))
            .unwrap()
            .contains("字字字11月22日")
    );
}

#[test]
fn structural_edits_are_autosaved_and_moving_about_is_not_an_edit() {
    let (dir, mut app) = app();
    app.start(Some(sample_id()));
    let t0 = Instant::now();
    keys(&mut app, &["Down", "Down", "Up", "Enter", "Esc"]);
    app.tick(t0);
    assert_eq!(
        app.next_tick(t0),
        Some(crate::app::listwatch::IDLE),
        "no edit, nothing pending but the issue list's look"
    );
    key(&mut app, "F9");
    app.tick(t0);
    assert_eq!(app.next_tick(t0), Some(Autosave::IDLE));
    app.tick(t0 + Autosave::IDLE);
    assert_eq!(app.safety.submitted, 1);
    wait_file(&recovery_file(&dir, "2023-025"), |t| {
        t.is_some_and(|t| t.contains("kind: Brief"))
    });
}

mod random {
    use super::*;
    use proptest::prelude::*;

    /// Keys that never delete text by themselves; choices in dialogs may.
    const KEYS: &[&str] = &[
        "Up",
        "Down",
        "PageUp",
        "PageDown",
        "Home",
        "End",
        "Enter",
        "Esc",
        "Tab",
        "Shift+Tab",
        "F1",
        "F2",
        "F4",
        "F9",
        "Alt+Up",
        "Alt+Down",
        "Ctrl+S",
        "Ctrl+Q",
        "Ctrl+N",
        "Ctrl+C",
        "Ctrl+D",
        "Ctrl+V",
        "Ctrl+F",
        "r",
        "k",
        "d",
        "l",
        "y",
        "c",
        "s",
        "字",
    ];

    /// Where the marker may be found after the session.
    fn everywhere(dir: &TempDir) -> String {
        let mut all = String::new();
        for sub in ["issues", "trash", ".state/recovery"] {
            if let Ok(entries) = fs::read_dir(dir.path().join("lib").join(sub)) {
                for e in entries {
                    all += &fs::read_to_string(e.unwrap().path()).unwrap_or_default();
                }
            }
        }
        all
    }

    fn destructive(app: &App, k: &str) -> bool {
        matches!(
            app.overlay,
            Some(
                Overlay::Confirm(_)
                    | Overlay::Safety(Dialog::Recovery { .. } | Dialog::Conflict { .. })
            )
        ) && matches!(k, "d" | "l" | "Enter")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        /// With recovered text on offer and the file changed on disk at some
        /// point, no key sequence panics, and the recovered text survives
        /// (in an issue, the trash or a recovery file) unless the clerk
        /// chose to throw something away.
        #[test]
        fn recovered_text_survives_any_keys_but_an_explicit_discard(
            seq in proptest::collection::vec((0..KEYS.len(), 0u64..1600), 1..60),
            change_at in 0usize..60,
        ) {
            let dir = crashed("㊣");
            let mut app = session(&dir, Some(sample_id()));
            let mut now = Instant::now();
            let mut discarded = false;
            for (i, (k, ms)) in seq.into_iter().enumerate() {
                if i == change_at {
                    change_on_disk(&dir);
                }
                discarded |= destructive(&app, KEYS[k]);
                key(&mut app, KEYS[k]);
                now += Duration::from_millis(ms);
                app.tick(now);
                if !app.running {
                    break;
                }
                let backend = ratatui::backend::TestBackend::new(80, 24);
                let mut term = ratatui::Terminal::new(backend).unwrap();
                term.draw(|f| crate::ui::render(&app, &crate::ui::theme::Theme::color(), f)).unwrap();
            }
            let _ = app.finish();
            drop(app);
            prop_assert!(discarded || everywhere(&dir).contains('㊣'), "the recovered text is gone");
        }

        /// A read-only issue: no key changes the working copy or a file.
        #[test]
        fn a_read_only_issue_takes_no_edit(
            seq in proptest::collection::vec(0..KEYS.len() + 4, 1..80),
        ) {
            let (dir, _first) = editing();
            let mut app = session(&dir, Some(sample_id()));
            let issue = doc(&app).issue.clone();
            let saved = fs::read(file(&dir, "2023-025")).unwrap();
            for k in seq {
                match k.checked_sub(KEYS.len()) {
                    None => key(&mut app, KEYS[k]),
                    Some(0) => app.handle_event(&Event::Paste("粘贴".into())),
                    Some(1) => key(&mut app, "Backspace"),
                    Some(2) => key(&mut app, "Delete"),
                    Some(_) => key(&mut app, "Ctrl+X"),
                }
                app.tick(Instant::now());
                if !app.running {
                    break;
                }
                if let Some(d) = app.doc.as_ref().filter(|d| d.id == sample_id()) {
                    prop_assert!(d.read_only().is_some());
                    prop_assert_eq!(&d.issue, &issue);
                    prop_assert!(d.article.as_ref().is_none_or(|a| !a.has_unflushed()));
                }
            }
            // A new issue (Ctrl+N) is this editor's own; the sample is not.
            let _ = app.finish();
            prop_assert_eq!(fs::read(file(&dir, "2023-025")).unwrap(), saved);
            prop_assert!(!recovery_file(&dir, "2023-025").exists());
        }
    }
}

#[test]
fn when_someone_saved_since_keeping_both_is_the_default() {
    let dir = crashed("我的稿");
    change_on_disk(&dir);
    let mut app = session(&dir, Some(sample_id()));
    let (info, _) = offered(&app).expect("the offer");
    assert_eq!(info.saved, SavedState::ChangedSince);
    key(&mut app, "Enter");
    assert!(!app.is_dirty());
    assert!(
        fs::read_to_string(file(&dir, "2023-026"))
            .unwrap()
            .contains("我的稿11月22日")
    );
    assert!(
        fs::read_to_string(file(&dir, "2023-025"))
            .unwrap()
            .contains("11月21日"),
        "their version untouched"
    );
}
