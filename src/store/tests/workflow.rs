//! Changes of status on disk: kept with their history, and a signed or
//! distributed issue refuses every other change until it is reopened.

use super::*;
use crate::model::{Actor, MoveError, StatusChange};
use crate::store::workflow::Commit;

fn actor() -> Actor {
    Actor {
        name: Some("王文明".into()),
        user: "clerk".into(),
        host: "office".into(),
    }
}

const SAMPLE: IssueId = IssueId {
    year: 2023,
    supplement: false,
    number: 25,
};

fn signed_library() -> (TempDir, Library) {
    let (dir, mut lib) = temp_library();
    let mut issue = lib.load(&SAMPLE).unwrap().clone();
    issue.closing.signer = None;
    lib.save(&SAMPLE, issue).unwrap();
    lib.set_status(&SAMPLE, Status::Review, &actor(), None, Lang::Zh)
        .unwrap();
    let set = lib
        .set_status(&SAMPLE, Status::Signed, &actor(), None, Lang::Zh)
        .unwrap();
    assert_eq!(set.changed.signer_filled.as_deref(), Some("王文明"));
    // Not in a git work tree: nothing to commit, and nothing to say.
    assert_eq!(
        set.commit,
        Some(Commit::Off(crate::store::git::GitOff::NotAWorkTree))
    );
    assert_eq!(set.commit.unwrap().message(Lang::Zh), None);
    (dir, lib)
}

#[test]
fn a_change_of_status_is_saved_with_its_history() {
    let (_dir, lib) = signed_library();
    let text = fs::read_to_string(lib.path_for(&SAMPLE)).unwrap();
    let on_disk = codec::decode_issue(&text).unwrap();
    assert_eq!(on_disk.status, Status::Signed);
    assert_eq!(on_disk.closing.signer.as_deref(), Some("王文明"));
    let moves: Vec<(Status, Status)> = on_disk.history.iter().map(|c| (c.from, c.status)).collect();
    assert_eq!(
        moves,
        [
            (Status::Draft, Status::Review),
            (Status::Review, Status::Signed)
        ]
    );
    let c: &StatusChange = &on_disk.history[1];
    assert_eq!(
        (c.name.as_deref(), c.user.as_str(), c.host.as_str()),
        (Some("王文明"), "clerk", "office")
    );
    // Whole seconds in the file.
    let time = text
        .split("time: \"")
        .nth(2)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(!time.contains('.'), "{time}");
    assert_eq!(
        time.parse::<chrono::DateTime<chrono::FixedOffset>>()
            .unwrap(),
        c.time
    );
    assert_eq!(lib.summary(&SAMPLE).unwrap().status, Status::Signed);
}

#[test]
fn a_signed_issue_refuses_edits_but_not_a_change_of_status() {
    let (_dir, mut lib) = signed_library();
    let path = lib.path_for(&SAMPLE);
    let before = fs::read(&path).unwrap();
    let mut edited = lib.load(&SAMPLE).unwrap().clone();
    edited.sections[0].articles[0].paragraphs[0].push_str("又改一句。");
    let err = lib.save(&SAMPLE, edited.clone()).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnlyIssue { .. }), "{err:?}");
    let msg = err.message(Lang::Zh);
    assert!(
        msg.starts_with("2023-025 已签发，不能修改（签发：王文明；王文明（clerk@office） 于 "),
        "{msg}"
    );
    assert!(
        err.message(Lang::En)
            .contains("is signed and cannot be changed (signer: 王文明; signed by")
    );
    assert_eq!(fs::read(&path).unwrap(), before, "nothing written");
    // Moving on to distributed is a change of status only.
    lib.set_status(&SAMPLE, Status::Distributed, &actor(), None, Lang::Zh)
        .unwrap();
    let err = lib.save(&SAMPLE, edited.clone()).unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("已印发"),
        "{}",
        err.message(Lang::Zh)
    );
    // Reopening needs a reason; then the edit saves.
    let err = lib
        .set_status(&SAMPLE, Status::Draft, &actor(), None, Lang::Zh)
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Move {
            error: MoveError::NeedsNote { .. },
            ..
        }
    ));
    assert_eq!(
        err.message(Lang::Zh),
        "2023-025 从已印发退回草稿须写明原因。"
    );
    let err = lib
        .set_status(&SAMPLE, Status::Review, &actor(), Some("x"), Lang::Zh)
        .unwrap_err();
    assert!(
        err.message(Lang::Zh)
            .contains("现在可以改为：draft（草稿）（须写明原因）"),
        "{}",
        err.message(Lang::Zh)
    );
    lib.set_status(&SAMPLE, Status::Draft, &actor(), Some("标题有误"), Lang::Zh)
        .unwrap();
    let mut again = lib.load(&SAMPLE).unwrap().clone();
    again.sections[0].articles[0].paragraphs[0].push_str("又改一句。");
    lib.save(&SAMPLE, again).unwrap();
}

#[test]
fn writing_over_a_version_signed_on_disk_meanwhile_is_refused() {
    let (_dir, mut lib) = temp_library();
    let path = lib.path_for(&SAMPLE);
    let mut mine = lib.load(&SAMPLE).unwrap().clone();
    mine.issuer = "我的修改".into();
    // Another office signed it (a sync brought it in).
    let mut theirs = mine.clone();
    theirs.issuer = "周口市文明办".into();
    theirs.status = Status::Signed;
    fs::write(&path, codec::encode_issue(&theirs)).unwrap();
    assert!(matches!(
        lib.save(&SAMPLE, mine.clone()),
        Err(StoreError::ChangedOnDisk { .. })
    ));
    let err = lib.save_forced(&SAMPLE, mine).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnlyIssue { .. }), "{err:?}");
    assert_eq!(
        codec::decode_issue(&fs::read_to_string(&path).unwrap()).unwrap(),
        theirs
    );
}

#[test]
fn duplicate_running_totals_are_found() {
    let (_dir, mut lib) = temp_library();
    assert!(lib.total_clashes().is_empty());
    let mut a = minimal_issue();
    a.total = Some(345);
    let mut b = minimal_issue();
    b.number = 2;
    b.total = Some(345);
    lib.insert(a).unwrap();
    lib.insert(b).unwrap();
    let clashes = lib.total_clashes();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].total, 345);
    assert_eq!(clashes[0].ids.len(), 2);
}

#[test]
fn a_rescan_takes_in_changes_on_disk_but_leaves_an_open_issue_as_loaded() {
    let (dir, mut lib) = temp_library();
    let root = dir.path().join("lib");
    let other = lib
        .create_next(None, "2023-11-30".parse().unwrap(), false)
        .unwrap()
        .id;
    let open = lib.load(&SAMPLE).unwrap().clone();
    lib.unload(&other);
    // Behind the library's back (a pull): both changed, one added, and
    // library.ron changed.
    let mut changed = lib.issue(&other).unwrap().into_owned();
    changed.issuer = "对方改过".into();
    fs::write(lib.path_for(&other), codec::encode_issue(&changed)).unwrap();
    let mut theirs = open.clone();
    theirs.issuer = "对方改过".into();
    fs::write(lib.path_for(&SAMPLE), codec::encode_issue(&theirs)).unwrap();
    let mut added = minimal_issue();
    added.date = "2023-12-05".parse().unwrap();
    added.number = 27;
    fs::write(
        root.join("issues/2023-027.ron"),
        codec::encode_issue(&added),
    )
    .unwrap();
    let settings = fs::read_to_string(root.join(SETTINGS_FILE))
        .unwrap()
        .replace("文明创建简报", "文明简报");
    fs::write(root.join(SETTINGS_FILE), settings).unwrap();
    let r = lib.rescan().unwrap();
    assert_eq!(r.changed, [other]);
    assert_eq!(r.added, [added.id()]);
    assert!(r.removed.is_empty());
    assert_eq!(lib.settings.bulletin, "文明简报");
    assert_eq!(lib.issue(&other).unwrap().issuer, "对方改过");
    // The issue open in the editor: its save still finds the change.
    assert_eq!(lib.issue(&SAMPLE).unwrap().issuer, open.issuer);
    assert!(matches!(
        lib.save(&SAMPLE, open),
        Err(StoreError::ChangedOnDisk { .. })
    ));
    // A file gone is dropped.
    fs::remove_file(root.join("issues/2023-027.ron")).unwrap();
    assert_eq!(lib.rescan().unwrap().removed, [added.id()]);
    assert!(!lib.contains(&added.id()));
}

#[test]
fn a_duplicate_of_a_signed_issue_is_a_draft_without_its_history_or_copy_number() {
    let (_dir, mut lib) = signed_library();
    let mut original = lib.issue(&SAMPLE).unwrap().into_owned();
    original.marks.copy_number = Some("000123".into());
    original.marks.notices = vec!["内部资料".into()];
    // Written by hand: the store refuses to save a signed issue.
    fs::write(lib.path_for(&SAMPLE), codec::encode_issue(&original)).unwrap();
    lib.unload(&SAMPLE);
    lib.refresh().unwrap();
    assert_eq!(lib.issue(&SAMPLE).unwrap().marks, original.marks);
    assert_eq!(original.history.len(), 2);
    let copy = lib
        .duplicate(&SAMPLE, "2023-11-30".parse().unwrap())
        .unwrap()
        .id;
    let copy = lib.issue(&copy).unwrap().into_owned();
    assert_eq!(copy.status, Status::Draft);
    assert!(copy.history.is_empty(), "{:?}", copy.history);
    assert_eq!(copy.marks.copy_number, None);
    assert_eq!(copy.marks.notices, ["内部资料"]);
    assert_eq!(copy.sections, original.sections);
}
