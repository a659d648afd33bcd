//! The inbox on disk: records beside files, exclusive numbering and
//! creation, decisions re-checked against the disk, decided submissions
//! moved (never deleted), odd files reported and left alone.

use super::*;
use crate::model::Actor;
use crate::model::inbox::UnitFrom;
use chrono::{DateTime, FixedOffset};
use std::fs;
use tempfile::TempDir;

fn library() -> (TempDir, Library) {
    let dir = TempDir::new().unwrap();
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    (dir, lib)
}

fn actor() -> Actor {
    Actor {
        name: Some("王文明".into()),
        user: "clerk".into(),
        host: "office".into(),
    }
}

fn time() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-11-20T09:30:00+08:00").unwrap()
}

fn record(id: u32, file: &str, unit: &str) -> Submission {
    Submission {
        schema: 1,
        id,
        file: file.into(),
        original: None,
        unit: unit.into(),
        unit_from: UnitFrom::Given,
        submitter: None,
        received: time(),
        note: None,
        title: "标题".into(),
        chars: 10,
        state: SubState::New,
        history: Vec::new(),
    }
}

fn submit(lib: &Library, name: &str, text: &str) -> Entry {
    lib.add_submission(name, Some(text.as_bytes()), |id, file| {
        record(id, file, "扶沟县文明办")
    })
    .unwrap()
}

#[test]
fn submissions_are_numbered_and_kept_beside_their_record() {
    let (_d, lib) = library();
    assert!(lib.read_inbox().unwrap().entries.is_empty());
    let a = submit(&lib, "白潭镇.txt", "白潭镇倡导文明新风");
    let b = submit(&lib, "白潭镇.txt", "第二版");
    assert_eq!((a.record.id, b.record.id), (1, 2));
    // The second file of the same name is kept under another.
    assert_eq!(b.record.file, "白潭镇 (2).txt");
    assert_eq!(
        fs::read_to_string(lib.inbox_dir().join("白潭镇.txt")).unwrap(),
        "白潭镇倡导文明新风"
    );
    assert!(lib.inbox_dir().join("白潭镇 (2).txt.ron").exists());
    // Dropped by hand: listed as such until it gets its record.
    fs::write(lib.inbox_dir().join("商水县.txt"), "商水县举办活动").unwrap();
    let l = lib.read_inbox().unwrap();
    assert_eq!(l.entries.len(), 2);
    assert_eq!(l.dropped, [lib.inbox_dir().join("商水县.txt")]);
    assert_eq!(l.next_id(), 3);
    let c = lib
        .add_submission("商水县.txt", None, |id, f| record(id, f, "商水县"))
        .unwrap();
    assert_eq!(c.record.id, 3);
    // Another jianbao finding the same file a moment later gets no second record.
    let again = lib.add_submission("商水县.txt", None, |id, f| record(id, f, "商水县"));
    assert!(matches!(again, Err(InboxError::Recorded(f)) if f == "商水县.txt"));
    let l = lib.read_inbox().unwrap();
    assert!(l.dropped.is_empty());
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let ids: Vec<u32> = l.entries.iter().map(|e| e.record.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(
        lib.submission_bytes(&l.entries[0]).unwrap(),
        "白潭镇倡导文明新风".as_bytes()
    );
}

#[test]
fn a_decided_submission_moves_with_its_record_and_history() {
    let (_d, lib) = library();
    let a = submit(&lib, "白潭镇.txt", "正文");
    let returned = lib
        .update_submission(&a, |s| {
            s.decide(
                SubState::Returned,
                &actor(),
                Some("请补充数据"),
                None,
                time(),
            )
            .map(|_| ())
        })
        .unwrap();
    assert!(!returned.decided);
    let declined = lib
        .update_submission(&returned, |s| {
            s.decide(
                SubState::Declined,
                &actor(),
                Some("与上期重复"),
                None,
                time(),
            )
            .map(|_| ())
        })
        .unwrap();
    assert!(declined.decided);
    assert_eq!(declined.path, lib.decided_dir().join("白潭镇.txt.ron"));
    assert!(!lib.inbox_dir().join("白潭镇.txt").exists());
    assert!(!lib.inbox_dir().join("白潭镇.txt.ron").exists());
    assert_eq!(
        fs::read_to_string(lib.decided_dir().join("白潭镇.txt")).unwrap(),
        "正文"
    );
    let l = lib.read_inbox().unwrap();
    let e = &l.entries[0];
    assert!(e.decided && !e.missing);
    assert_eq!(e.record.state, SubState::Declined);
    let notes: Vec<_> = e.record.history.iter().map(|d| d.note.clone()).collect();
    assert_eq!(
        notes,
        [
            Some("请补充数据".to_string()),
            Some("与上期重复".to_string())
        ]
    );
    // A decided submission takes no further decision, and stays.
    let err = lib
        .update_submission(e, |s| {
            s.decide(SubState::Returned, &actor(), Some("x"), None, time())
                .map(|_| ())
        })
        .unwrap_err();
    assert!(matches!(
        err,
        InboxError::Decide(DecideError::Final(SubState::Declined))
    ));
    // A later file of the same name, decided too, does not replace it.
    let b = submit(&lib, "白潭镇.txt", "又一篇");
    let b = lib
        .update_submission(&b, |s| {
            s.decide(SubState::Declined, &actor(), Some("重复"), None, time())
                .map(|_| ())
        })
        .unwrap();
    assert_eq!(b.record.file, "白潭镇 (2).txt");
    assert_eq!(lib.read_inbox().unwrap().entries.len(), 2);
}

#[test]
fn another_decision_made_meanwhile_is_never_overwritten() {
    let (_d, lib) = library();
    let seen = submit(&lib, "白潭镇.txt", "正文");
    // Another clerk returns it first.
    let other = Actor {
        name: Some("李华".into()),
        ..actor()
    };
    lib.update_submission(&seen, |s| {
        s.decide(SubState::Returned, &other, Some("请改"), None, time())
            .map(|_| ())
    })
    .unwrap();
    let err = lib
        .update_submission(&seen, |s| {
            s.decide(SubState::Declined, &actor(), Some("不用"), None, time())
                .map(|_| ())
        })
        .unwrap_err();
    let InboxError::Changed { now: Some(now), .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(now.state, SubState::Returned);
    assert!(
        err.message(Lang::Zh).contains("李华"),
        "{}",
        err.message(Lang::Zh)
    );
    // Then declined by the other (moved): the stale view is told where it is.
    let fresh = lib.read_inbox().unwrap().entries.remove(0);
    lib.update_submission(&fresh, |s| {
        s.decide(SubState::Declined, &other, Some("不用"), None, time())
            .map(|_| ())
    })
    .unwrap();
    let err = lib
        .update_submission(&fresh, |s| {
            s.decide(
                SubState::Adopted,
                &actor(),
                None,
                Some(("2023-025".parse().unwrap(), vec![])),
                time(),
            )
            .map(|_| ())
        })
        .unwrap_err();
    match err {
        InboxError::Changed { now: Some(now), .. } => assert_eq!(now.state, SubState::Declined),
        e => panic!("{e:?}"),
    }
}

#[test]
fn a_move_cut_short_is_finished_at_the_next_read() {
    let (_d, lib) = library();
    let a = submit(&lib, "白潭镇.txt", "正文");
    // As if jianbao stopped right after writing the decision in place.
    let mut r = a.record.clone();
    r.decide(SubState::Declined, &actor(), Some("重复"), None, time())
        .unwrap();
    fs::write(&a.path, codec::encode_submission(&r)).unwrap();
    let l = lib.read_inbox().unwrap();
    assert!(l.entries[0].decided, "{:?}", l.entries);
    assert!(lib.decided_dir().join("白潭镇.txt").exists());
    assert!(lib.decided_dir().join("白潭镇.txt.ron").exists());
    // And after the file had moved, before its record.
    let b = submit(&lib, "商水县.txt", "正文");
    let mut r = b.record.clone();
    r.decide(SubState::Declined, &actor(), Some("重复"), None, time())
        .unwrap();
    fs::write(&b.path, codec::encode_submission(&r)).unwrap();
    fs::rename(b.file_path(), lib.decided_dir().join("商水县.txt")).unwrap();
    let l = lib.read_inbox().unwrap();
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    assert!(l.entries.iter().all(|e| e.decided && !e.missing));
    assert!(!b.path.exists());
}

#[test]
fn odd_things_in_the_inbox_are_reported_and_left_alone() {
    let (_d, lib) = library();
    let inbox = lib.inbox_dir();
    fs::create_dir_all(inbox.join("旧稿")).unwrap();
    fs::create_dir_all(lib.decided_dir()).unwrap();
    fs::write(inbox.join("坏记录.txt"), "x").unwrap();
    fs::write(inbox.join("坏记录.txt.ron"), "(schema: 1, id: ").unwrap();
    fs::write(
        inbox.join("孤记录.txt.ron"),
        codec::encode_submission(&record(7, "孤记录.txt", "")),
    )
    .unwrap();
    fs::write(lib.decided_dir().join("无记录.docx"), "x").unwrap();
    fs::write(inbox.join(".hidden"), "x").unwrap();
    let l = lib.read_inbox().unwrap();
    let kinds: Vec<String> = l
        .problems
        .iter()
        .map(|p| {
            format!(
                "{} {:?}",
                p.path.file_name().unwrap().to_string_lossy(),
                std::mem::discriminant(&p.kind)
            )
        })
        .collect();
    assert_eq!(l.problems.len(), 4, "{kinds:?}");
    let msgs: Vec<String> = l.problems.iter().map(|p| p.message(Lang::Zh)).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("旧稿") && m.contains("文件夹")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("坏记录.txt.ron")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("孤记录.txt.ron") && m.contains("不见了")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("无记录.docx")), "{msgs:?}");
    // The file beside a broken record is not taken as dropped (its record is
    // the clerk's to mend), and nothing was removed.
    assert!(l.dropped.is_empty(), "{:?}", l.dropped);
    assert!(inbox.join("坏记录.txt").exists() && inbox.join("旧稿").is_dir());
    // Two records numbered alike (two offices at once) are named.
    fs::write(inbox.join("甲.txt"), "x").unwrap();
    fs::write(
        inbox.join("甲.txt.ron"),
        codec::encode_submission(&record(7, "甲.txt", "")),
    )
    .unwrap();
    let l = lib.read_inbox().unwrap();
    assert!(
        l.problems
            .iter()
            .any(|p| matches!(p.kind, InboxProblemKind::SameNumber(_)))
    );
}

#[test]
fn two_jianbaos_submitting_at_once_get_distinct_numbers_and_files() {
    let (_d, lib) = library();
    let root = lib.root().to_path_buf();
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let root = root.clone();
            std::thread::spawn(move || {
                let lib = Library::open(&root).unwrap();
                for i in 0..8 {
                    submit(&lib, "来稿.txt", &format!("{t}-{i}"));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let l = lib.read_inbox().unwrap();
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let mut ids: Vec<u32> = l.entries.iter().map(|e| e.record.id).collect();
    ids.sort();
    assert_eq!(ids, (1..=16).collect::<Vec<_>>());
    let mut texts: Vec<String> = l
        .entries
        .iter()
        .map(|e| String::from_utf8(lib.submission_bytes(e).unwrap()).unwrap())
        .collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), 16);
}
