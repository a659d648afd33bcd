//! Recovery files: unsaved text survives a crash.

use super::*;
use crate::store::recovery::{Recovery, RecoveryInfo, SavedState};

fn sample(lib: &Library) -> IssueId {
    *lib.entries().next().unwrap().0
}

fn unsaved(lib: &Library, id: &IssueId) -> Issue {
    let mut issue = lib.issue(id).unwrap().into_owned();
    issue.sections[0].articles[0]
        .paragraphs
        .push("崩溃前刚写的一段话。".into());
    issue
}

/// The library as a new editor process finds it after a crash.
fn reopen(lib: &Library) -> Library {
    Library::open(lib.root()).unwrap()
}

#[test]
fn unsaved_text_is_offered_after_a_crash() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let issue = unsaved(&lib, &id);
    let path = Recovery::write(&lib, &id, &issue).unwrap();
    assert_eq!(path, lib.root().join(".state/recovery/2023-025.ron"));
    assert_eq!(path, Recovery::path(&lib, &id));

    let lib = reopen(&lib);
    let pending = Recovery::pending(&lib).unwrap();
    assert_eq!(pending.len(), 1);
    let info = &pending[0];
    assert_eq!(info.id, id);
    assert_eq!(info.path, path);
    assert_eq!(info.pid, std::process::id());
    assert_eq!(info.saved, SavedState::Unchanged);
    assert_eq!(info.articles, issue.article_count());
    assert_eq!(info.chars, issue.char_count());
    assert!((chrono::Local::now().fixed_offset() - info.written).num_seconds() < 60);
    assert_eq!(Recovery::restore(&lib, info).unwrap(), issue);
    // Restoring leaves the file until the clerk saves.
    assert!(path.exists());
}

#[test]
fn the_recovery_file_is_readable_ron_with_its_metadata() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let path = Recovery::write(&lib, &id, &unsaved(&lib, &id)).unwrap();
    let text = fs::read_to_string(path).unwrap();
    let hash = lib
        .entry(&id)
        .unwrap()
        .fingerprint
        .unwrap()
        .hash
        .to_string();
    assert!(text.contains(&hash), "based_on hash missing");
    assert!(text.contains(&format!("pid: {}", std::process::id())));
    assert!(
        text.contains("\"崩溃前刚写的一段话。\",\n") || text.contains("\"崩溃前刚写的一段话。\"\n")
    );
    assert!(text.contains("written: \""));
}

#[test]
fn a_recovery_equal_to_the_saved_issue_is_not_offered() {
    let (_dir, mut lib) = temp_library();
    let id = sample(&lib);
    let issue = unsaved(&lib, &id);
    Recovery::write(&lib, &id, &issue).unwrap();
    // Saved after the last recovery write, crashed before discarding.
    lib.save(&id, issue).unwrap();
    assert!(Recovery::pending(&reopen(&lib)).unwrap().is_empty());
}

#[test]
fn a_running_editors_recovery_is_not_offered_to_another() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let lock = lib.lock(&id).unwrap();
    Recovery::write(&lib, &id, &unsaved(&lib, &id)).unwrap();
    assert!(Recovery::pending(&reopen(&lib)).unwrap().is_empty());
    drop(lock);
    assert_eq!(Recovery::pending(&reopen(&lib)).unwrap().len(), 1);
}

#[test]
fn a_version_saved_since_is_pointed_out() {
    let (_dir, mut lib) = temp_library();
    let id = sample(&lib);
    Recovery::write(&lib, &id, &unsaved(&lib, &id)).unwrap();
    let mut other = lib.issue(&id).unwrap().into_owned();
    other.issuer = "另一位同事保存的".into();
    lib.save(&id, other).unwrap();
    let pending = Recovery::pending(&reopen(&lib)).unwrap();
    assert_eq!(pending[0].saved, SavedState::ChangedSince);
}

#[test]
fn discard_removes_the_file_and_is_idempotent() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let path = Recovery::write(&lib, &id, &unsaved(&lib, &id)).unwrap();
    Recovery::discard(&lib, &id).unwrap();
    assert!(!path.exists());
    Recovery::discard(&lib, &id).unwrap();
    assert!(Recovery::pending(&lib).unwrap().is_empty());
}

#[test]
fn keep_both_saves_the_recovered_text_as_the_next_free_number() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let issue = unsaved(&lib, &id);
    Recovery::write(&lib, &id, &issue).unwrap();
    let mut lib = reopen(&lib);
    // A broken file holds 2023-026: its name is skipped, not overwritten.
    fs::write(lib.issues_dir().join("2023-026.ron"), "broken").unwrap();
    let info = Recovery::pending(&lib).unwrap().remove(0);
    let new_id = Recovery::keep_both(&mut lib, &info).unwrap();
    assert_eq!(new_id, IssueId::new(2023, 27, false));
    let copy = lib.issue(&new_id).unwrap();
    assert_eq!(copy.sections, issue.sections);
    assert_eq!(copy.total, None);
    assert_eq!(copy.status, Status::Draft);
    // The saved issue is untouched, the broken file too, the recovery gone.
    assert_eq!(lib.issue(&id).unwrap(), reopen(&lib).issue(&id).unwrap());
    assert_ne!(lib.issue(&id).unwrap().sections, issue.sections);
    assert_eq!(
        fs::read_to_string(lib.issues_dir().join("2023-026.ron")).unwrap(),
        "broken"
    );
    assert!(!info.path.exists());
    assert!(Recovery::pending(&lib).unwrap().is_empty());
}

#[test]
fn keep_both_restores_a_deleted_issue_under_its_own_number() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let issue = unsaved(&lib, &id);
    Recovery::write(&lib, &id, &issue).unwrap();
    // Deleted outside jianbao (by hand, by git): the recovery file stays.
    fs::remove_file(lib.path_for(&id)).unwrap();
    let mut lib = reopen(&lib);
    let info: RecoveryInfo = Recovery::pending(&lib).unwrap().remove(0);
    assert_eq!(info.saved, SavedState::Missing);
    assert_eq!(Recovery::keep_both(&mut lib, &info).unwrap(), id);
    assert_eq!(*lib.issue(&id).unwrap(), issue);
}

#[test]
fn unreadable_recovery_files_are_skipped_not_fatal() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let path = Recovery::write(&lib, &id, &unsaved(&lib, &id)).unwrap();
    let dir = path.parent().unwrap();
    fs::write(dir.join("2023-001.ron"), "garbage").unwrap();
    fs::write(dir.join("notes.txt"), "x").unwrap();
    fs::write(
        dir.join("2023-002.ron"),
        fs::read_to_string(&path)
            .unwrap()
            .replace("format: 1,", "format: 9,"),
    )
    .unwrap();
    let pending = Recovery::pending(&lib).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].id, id);
}

/// A recovery file of `id` cut off half-way (a full disk, a crash of the
/// machine) and one from a newer jianbao: both may be the only copy.
fn broken_recovery_files(lib: &Library, id: &IssueId) -> (PathBuf, Vec<u8>, PathBuf, Vec<u8>) {
    let path = Recovery::write(lib, id, &unsaved(lib, id)).unwrap();
    let full = fs::read(&path).unwrap();
    let mut cut = full.len() / 2;
    while std::str::from_utf8(&full[..cut]).is_err() {
        cut -= 1;
    }
    let truncated = full[..cut].to_vec();
    fs::write(&path, &truncated).unwrap();
    let newer_path = path.with_file_name("2023-002.ron");
    let newer = String::from_utf8(full)
        .unwrap()
        .replace("format: 1,", "format: 9,")
        .replace("\"2023-025\"", "\"2023-002\"")
        .into_bytes();
    fs::write(&newer_path, &newer).unwrap();
    (path, truncated, newer_path, newer)
}

#[test]
fn unreadable_recovery_files_are_reported_and_set_aside_never_written_over() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let (path, truncated, newer_path, newer) = broken_recovery_files(&lib, &id);
    let lib = reopen(&lib);
    let problems = Recovery::unreadable(&lib).unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let msg = problems[1].message(Lang::En);
    assert!(msg.starts_with(&format!("{}:", path.display())), "{msg}");
    assert!(
        matches!(problems[1].kind, ProblemKind::Decode(DecodeError::Parse { line, .. }) if line > 1),
        "{problems:?}"
    );
    assert!(matches!(
        problems[0].kind,
        ProblemKind::Decode(DecodeError::NewerSchema { found: 9 })
    ));
    let moved = Recovery::set_aside_unreadable(&lib).unwrap();
    assert_eq!(moved.len(), 2);
    assert!(!path.exists() && !newer_path.exists());
    for (problem, to) in &moved {
        assert!(to.to_string_lossy().contains(".unreadable-"), "{to:?}");
        assert!([&path, &newer_path].contains(&&problem.path));
    }
    let bytes: Vec<Vec<u8>> = moved.iter().map(|(_, to)| fs::read(to).unwrap()).collect();
    assert!(bytes.contains(&truncated) && bytes.contains(&newer));
    // Still problems for `check`, not offers; setting aside again moves nothing.
    assert_eq!(Recovery::unreadable(&lib).unwrap().len(), 2);
    assert!(Recovery::pending(&lib).unwrap().is_empty());
    assert!(Recovery::set_aside_unreadable(&lib).unwrap().is_empty());
}

#[test]
fn a_backup_never_writes_over_an_unreadable_recovery_file() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let (path, truncated, _, _) = broken_recovery_files(&lib, &id);
    // Another process (not the one that wrote it) backs up the same issue.
    let lib = reopen(&lib);
    super::super::recovery::forget_written_for_tests();
    Recovery::write(&lib, &id, &unsaved(&lib, &id)).unwrap();
    let aside: Vec<PathBuf> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("2023-025.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(&aside[0]).unwrap(), truncated);
    // Ours is in place, and offered as any recovery file of an issue that
    // no editor holds.
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("崩溃前刚写的一段话")
    );
    assert_eq!(Recovery::pending(&lib).unwrap().len(), 1);
}

#[test]
fn a_write_to_a_read_only_library_fails_with_a_message_and_keeps_the_old_file() {
    if !permissions_enforced() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let path = Recovery::write(&lib, &id, &unsaved(&lib, &id)).unwrap();
    let before = fs::read(&path).unwrap();
    let dir = path.parent().unwrap();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
    let mut newer = unsaved(&lib, &id);
    newer.issuer = "新".into();
    let err = Recovery::write(&lib, &id, &newer).unwrap_err();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(
        err.message(Lang::Zh).contains("没有写入权限"),
        "{}",
        err.message(Lang::Zh)
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(temp_files(lib.root()).is_empty());
}

#[test]
fn a_prepared_write_can_be_committed_on_another_thread() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let job = Recovery::prepare(&lib, &id, &unsaved(&lib, &id));
    assert_eq!(job.id(), id);
    let path = std::thread::spawn(move || job.commit())
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(
        Recovery::restore(&lib, &Recovery::pending(&lib).unwrap()[0]).unwrap(),
        unsaved(&lib, &id)
    );
    assert!(path.exists());
}

#[test]
fn the_writer_thread_writes_in_order_and_discards_after_writes() {
    use crate::store::recovery::RecoveryWriter;
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let writer = RecoveryWriter::spawn();
    let mut issue = unsaved(&lib, &id);
    for n in 0..20 {
        issue.issuer = format!("第{n}次");
        writer.submit(Recovery::prepare(&lib, &id, &issue));
    }
    let results = writer.finish();
    assert!(!results.is_empty() && results.len() <= 20);
    assert!(
        results
            .iter()
            .all(|(i, r)| *i == id && r.as_ref().unwrap().is_some())
    );
    // The newest snapshot is the one on disk.
    let info = Recovery::pending(&lib).unwrap().remove(0);
    assert_eq!(Recovery::restore(&lib, &info).unwrap().issuer, "第19次");

    // A discard queued after writes wins.
    let writer = RecoveryWriter::spawn();
    writer.submit(Recovery::prepare(&lib, &id, &issue));
    writer.discard(&lib, &id);
    let results = writer.finish();
    assert!(matches!(results.last(), Some((_, Ok(None)))));
    assert!(!Recovery::path(&lib, &id).exists());
}

#[test]
fn the_writer_reports_failures() {
    use crate::store::fs::faulty::FaultyFs;
    use crate::store::recovery::RecoveryWriter;
    use std::sync::Arc;
    let (dir, _) = temp_library();
    let fs = Arc::new(FaultyFs::new());
    let lib = Library::open_with(&dir.path().join("lib"), fs.clone()).unwrap();
    let id = sample(&lib);
    // The temp file's creation fails: the disk is full.
    fs.fail_at(3, io::ErrorKind::StorageFull);
    let writer = RecoveryWriter::spawn();
    writer.submit(Recovery::prepare(&lib, &id, &unsaved(&lib, &id)));
    let results = writer.finish();
    let (_, Err(e)) = &results[0] else {
        panic!("{results:?}")
    };
    let msg = Lang::Zh.fmt(Msg::RecoveryWriteFailed, &[&e.message(Lang::Zh)]);
    assert!(msg.contains("磁盘已满"), "{msg} {:?}", fs.log());
}
