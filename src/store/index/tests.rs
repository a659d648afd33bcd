//! The index is a cache: used when it matches the files, rebuilt when it
//! does not, and never the reason a change on disk goes unseen.

use super::*;
use crate::model::{Issue, IssueId};
use crate::store::fs::faulty::{FaultyFs, Op};
use crate::store::tests::{full_issue, temp_library};
use crate::store::{ISSUES_DIR, Library, SAMPLE_ISSUE, codec};
use std::fs;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tempfile::TempDir;

/// Sets the file's modification time back, as for a file written long
/// before the library is opened (out of the racy window).
fn age(path: &Path, by: Duration) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - by).unwrap();
}

fn age_all(root: &Path) {
    for e in fs::read_dir(root.join(ISSUES_DIR)).unwrap() {
        age(&e.unwrap().path(), Duration::from_secs(3600));
    }
}

/// A library of the sample and `n` more issues (numbers 1…n of 2022),
/// its files an hour old, opened once so the index is written.
fn library(n: u32) -> (TempDir, PathBuf) {
    let (dir, mut lib) = temp_library();
    for number in 1..=n {
        let mut issue = full_issue();
        issue.supplement = false;
        issue.number = number;
        issue.date = chrono::NaiveDate::from_ymd_opt(2022, 1, number).unwrap();
        lib.insert(issue).unwrap();
    }
    let root = lib.root().to_path_buf();
    age_all(&root);
    Library::open(&root).unwrap();
    (dir, root)
}

/// The issue files read (not just looked at) while opening `root`.
fn files_read_at_open(root: &Path) -> (Library, Vec<PathBuf>) {
    let fs_ = Arc::new(FaultyFs::new());
    fs_.fail_at(usize::MAX, io::ErrorKind::Other);
    let lib = Library::open_with(root, fs_.clone()).unwrap();
    let read = fs_
        .log()
        .into_iter()
        .filter(|(op, p)| *op == Op::Read && p.starts_with(root.join(ISSUES_DIR)))
        .map(|(_, p)| p)
        .collect();
    (lib, read)
}

fn write_issue(root: &Path, issue: &Issue) -> PathBuf {
    let path = root.join(ISSUES_DIR).join(format!("{}.ron", issue.id()));
    fs::write(&path, codec::encode_issue(issue)).unwrap();
    path
}

#[test]
fn a_library_opens_from_the_index_without_reading_an_issue() {
    let (_dir, root) = library(3);
    let (lib, read) = files_read_at_open(&root);
    assert_eq!(read, Vec::<PathBuf>::new());
    assert_eq!(lib.len(), 4);
    let id = IssueId::new(2022, 2, false);
    let summary = lib.summary(&id).unwrap();
    let issue = full_issue();
    assert_eq!(summary.articles, issue.article_count());
    assert_eq!(summary.chars, issue.char_count());
    assert_eq!(summary.date.to_string(), "2022-01-02");
    // The body comes when asked for, and is the file's.
    let mut lib = lib;
    assert!(lib.entry(&id).unwrap().issue().is_none());
    assert_eq!(lib.load(&id).unwrap().sections, issue.sections);
}

#[test]
fn the_index_lives_in_state_and_is_private() {
    let (_dir, root) = library(1);
    let catalog = index_dir(&root).join(CATALOG_FILE);
    assert!(catalog.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&catalog), 0o600);
        assert_eq!(mode(&index_dir(&root)), 0o700);
    }
}

#[test]
fn a_hand_edited_file_is_read_again() {
    let (_dir, root) = library(2);
    let id = IssueId::new(2022, 2, false);
    let path = root.join(ISSUES_DIR).join("2022-002.ron");
    let mut issue = codec::decode_issue(&fs::read_to_string(&path).unwrap()).unwrap();
    issue.status = crate::model::Status::Review;
    issue.sections.truncate(1);
    fs::write(&path, codec::encode_issue(&issue)).unwrap();
    let (lib, read) = files_read_at_open(&root);
    assert_eq!(read, vec![path.clone()]);
    let summary = lib.summary(&id).unwrap();
    assert_eq!(summary.status, crate::model::Status::Review);
    assert_eq!(summary.articles, issue.article_count());
    // The index learned it: the next open reads nothing (once the file is
    // old enough to be trusted by its time).
    age(&path, Duration::from_secs(60));
    let (_, read) = files_read_at_open(&root);
    assert_eq!(
        read,
        vec![path.clone()],
        "the new time is not in the index yet"
    );
    let (_, read) = files_read_at_open(&root);
    assert_eq!(read, Vec::<PathBuf>::new());
}

#[test]
fn an_edit_in_the_same_clock_tick_with_the_same_size_is_caught() {
    let (_dir, root) = library(1);
    let id = IssueId::new(2022, 1, false);
    let path = root.join(ISSUES_DIR).join("2022-001.ron");
    // Just written: the index keeps the entry racy.
    let mut issue = full_issue();
    issue.supplement = false;
    issue.number = 1;
    issue.date = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    issue.issuer = "甲甲".into();
    let written = write_issue(&root, &issue);
    assert_eq!(written, path);
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    Library::open(&root).unwrap();
    // Same size, same time: only the content tells.
    issue.issuer = "乙乙".into();
    fs::write(&path, codec::encode_issue(&issue)).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let mut lib = Library::open(&root).unwrap();
    assert_eq!(lib.load(&id).unwrap().issuer, "乙乙");
    let hash = ContentHash::of(&fs::read(&path).unwrap());
    assert_eq!(lib.entry(&id).unwrap().fingerprint.unwrap().hash, hash);
}

#[test]
fn deleted_and_added_files_are_seen() {
    let (_dir, root) = library(3);
    fs::remove_file(root.join(ISSUES_DIR).join("2022-002.ron")).unwrap();
    let mut added = full_issue();
    added.supplement = false;
    added.number = 9;
    added.date = chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap();
    write_issue(&root, &added);
    let lib = Library::open(&root).unwrap();
    let ids: Vec<String> = lib.entries().map(|(id, _)| id.to_string()).collect();
    assert_eq!(ids, ["2022-001", "2022-003", "2022-009", "2023-025"]);
    let catalog = Catalog::load(&root);
    assert!(catalog.get("2022-002.ron").is_none(), "pruned");
    assert!(catalog.get("2022-009.ron").is_some());
}

#[test]
fn a_file_added_by_another_process_while_open_is_listed_on_refresh() {
    let (_dir, root) = library(1);
    let mut lib = Library::open(&root).unwrap();
    let mut other = Library::open(&root).unwrap();
    let created = other
        .create_next(
            None,
            chrono::NaiveDate::from_ymd_opt(2023, 12, 1).unwrap(),
            false,
        )
        .unwrap();
    assert!(!lib.contains(&created.id));
    assert_eq!(lib.refresh().unwrap(), 1);
    assert_eq!(lib.summary(&created.id).unwrap().articles, 0);
}

#[test]
fn a_file_changed_after_open_is_loaded_as_it_is_now() {
    let (_dir, root) = library(1);
    let id = IssueId::new(2022, 1, false);
    let mut lib = Library::open(&root).unwrap();
    let path = lib.path_for(&id);
    let mut theirs = codec::decode_issue(&fs::read_to_string(&path).unwrap()).unwrap();
    theirs.issuer = "别人改过".into();
    // (A draft: a distributed issue would refuse the edit below.)
    theirs.status = crate::model::Status::Draft;
    fs::write(&path, codec::encode_issue(&theirs)).unwrap();
    // Not opened before: what is opened now is their version, and a save
    // of it is not a conflict.
    let mut mine = lib.load(&id).unwrap().clone();
    assert_eq!(mine.issuer, "别人改过");
    assert_eq!(lib.summary(&id).unwrap().chars, theirs.char_count());
    mine.issuer = "我的".into();
    lib.save(&id, mine).unwrap();
}

#[test]
fn a_file_renumbered_on_disk_after_open_is_listed_under_its_new_number() {
    let (_dir, root) = library(1);
    let id = IssueId::new(2022, 1, false);
    let mut lib = Library::open(&root).unwrap();
    let path = lib.path_for(&id);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("number: 1,", "number: 7,")).unwrap();
    assert!(matches!(
        lib.load(&id),
        Err(crate::store::StoreError::NotFound(_))
    ));
    let new = IssueId::new(2022, 7, false);
    assert_eq!(lib.load(&new).unwrap().number, 7);
}

#[test]
fn a_corrupt_or_foreign_catalog_is_rebuilt() {
    let (_dir, root) = library(2);
    let catalog = index_dir(&root).join(CATALOG_FILE);
    let good = fs::read(&catalog).unwrap();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    let mut older = good.clone();
    older[8] = 0;
    for bad in [
        b"garbage".to_vec(),
        Vec::new(),
        good[..good.len() - 10].to_vec(),
        flipped,
        older,
    ] {
        fs::write(&catalog, &bad).unwrap();
        let (lib, read) = files_read_at_open(&root);
        assert_eq!(lib.len(), 3);
        assert_eq!(read.len(), 3, "every file read again");
        assert!(lib.problems.is_empty(), "{:?}", lib.problems);
        let again = fs::read(&catalog).unwrap();
        assert!(
            unframe(CATALOG_MAGIC, CATALOG_VERSION, &again).is_some(),
            "rewritten"
        );
    }
    // A folder where the catalog should be: the library still opens.
    fs::remove_file(&catalog).unwrap();
    fs::create_dir(&catalog).unwrap();
    let lib = Library::open(&root).unwrap();
    assert_eq!(lib.len(), 3);
}

#[cfg(unix)]
#[test]
fn a_read_only_library_opens_without_writing_an_index() {
    use std::os::unix::fs::PermissionsExt;
    if !crate::store::tests::permissions_enforced() {
        return;
    }
    let (_dir, mut lib) = temp_library();
    let root = lib.root().to_path_buf();
    let id = *lib.entries().next().unwrap().0;
    let sample = lib.load(&id).unwrap().clone();
    fs::remove_dir_all(index_dir(&root)).unwrap();
    let state = root.join(crate::store::STATE_DIR);
    fs::set_permissions(&state, fs::Permissions::from_mode(0o500)).unwrap();
    let opened = Library::open(&root);
    fs::set_permissions(&state, fs::Permissions::from_mode(0o700)).unwrap();
    let mut opened = opened.unwrap();
    assert_eq!(*opened.load(&id).unwrap(), sample);
    assert!(!index_dir(&root).exists());
}

#[test]
fn stamps_round_trip_before_and_after_1970() {
    for t in [
        SystemTime::UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_789),
        SystemTime::UNIX_EPOCH - Duration::new(5, 250_000_000),
        SystemTime::UNIX_EPOCH - Duration::from_secs(7),
    ] {
        assert_eq!(Stamp::new(10, t).modified(), t);
    }
}

#[test]
fn frames_tell_damage() {
    let payload = b"payload".to_vec();
    let framed = frame(CATALOG_MAGIC, 1, &payload);
    assert_eq!(unframe(CATALOG_MAGIC, 1, &framed), Some(&payload[..]));
    assert_eq!(unframe(CATALOG_MAGIC, 2, &framed), None);
    assert_eq!(unframe(b"JBOTHER\x01", 1, &framed), None);
    for i in 0..framed.len() {
        let mut bad = framed.clone();
        bad[i] ^= 1;
        assert_eq!(unframe(CATALOG_MAGIC, 1, &bad), None, "byte {i}");
    }
    assert_eq!(unframe(CATALOG_MAGIC, 1, &framed[..framed.len() - 1]), None);
}

#[test]
fn the_sample_issue_summary_matches_the_issue() {
    let issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    let s = issue.summary();
    assert_eq!(s.id(), issue.id());
    assert_eq!(
        (s.articles, s.chars),
        (issue.article_count(), issue.char_count())
    );
}
