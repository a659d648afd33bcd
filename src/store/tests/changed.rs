//! A file changed on disk since it was loaded is never silently overwritten.

use super::*;

fn library_with_issue() -> (TempDir, Library, IssueId, PathBuf) {
    let (dir, mut lib) = temp_library();
    let id = lib.insert(minimal_issue()).unwrap();
    let path = lib.path_for(&id);
    (dir, lib, id, path)
}

fn edited(lib: &Library, id: &IssueId) -> Issue {
    let mut issue = lib.issue(id).unwrap().into_owned();
    issue.issuer = "我的修改".into();
    issue
}

#[test]
fn save_refuses_a_file_changed_on_disk_and_leaves_it() {
    let (_dir, mut lib, id, path) = library_with_issue();
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("issuer: \"\"", "issuer: \"别人的修改\"");
    fs::write(&path, &theirs).unwrap();
    assert_eq!(lib.disk_change(&id).unwrap(), Some(DiskChange::Modified));
    let err = lib.save(&id, edited(&lib, &id)).unwrap_err();
    match &err {
        StoreError::ChangedOnDisk {
            id: e_id,
            path: e_path,
            deleted: false,
        } => {
            assert_eq!(e_id, &id);
            assert_eq!(e_path, &path);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.message(Lang::Zh).contains("已被修改"),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(err.message(Lang::En).contains("changed on disk"));
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // The clerk's text in the library is the one loaded, not theirs or ours.
    assert_eq!(lib.issue(&id).unwrap().issuer, "");

    // Overwriting is a deliberate choice.
    lib.save_forced(&id, edited(&lib, &id)).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("我的修改"));
    assert_eq!(lib.disk_change(&id).unwrap(), None);
    // And later saves need no force.
    let mut again = lib.issue(&id).unwrap().into_owned();
    again.issuer = "再改".into();
    lib.save(&id, again).unwrap();
}

#[test]
fn a_same_size_edit_with_the_same_mtime_is_caught_by_the_hash() {
    let (_dir, mut lib, id, path) = library_with_issue();
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let theirs = text.replace("number: 1,", "number: 2,");
    assert_eq!(theirs.len(), text.len());
    fs::write(&path, &theirs).unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
    assert!(matches!(
        lib.save(&id, edited(&lib, &id)),
        Err(StoreError::ChangedOnDisk { deleted: false, .. })
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn a_touched_file_with_the_same_content_is_not_a_conflict() {
    let (_dir, mut lib, id, path) = library_with_issue();
    let later = SystemTime::now() + std::time::Duration::from_secs(3600);
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(lib.disk_change(&id).unwrap(), None);
    lib.save(&id, edited(&lib, &id)).unwrap();
}

#[test]
fn a_file_deleted_on_disk_is_reported_and_recreated_only_on_request() {
    let (_dir, mut lib, id, path) = library_with_issue();
    fs::remove_file(&path).unwrap();
    assert_eq!(lib.disk_change(&id).unwrap(), Some(DiskChange::Deleted));
    let err = lib.save(&id, edited(&lib, &id)).unwrap_err();
    assert!(matches!(
        err,
        StoreError::ChangedOnDisk { deleted: true, .. }
    ));
    assert!(err.message(Lang::Zh).contains("已被删除"));
    assert!(!path.exists());
    lib.save_forced(&id, edited(&lib, &id)).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("我的修改"));
}

#[test]
fn a_renaming_save_also_checks_the_old_file() {
    let (dir, mut lib, id, path) = library_with_issue();
    fs::write(
        &path,
        codec::encode_issue(&full_issue()).replace("2023-11-23", "2024-01-05"),
    )
    .unwrap();
    let mut renumbered = edited(&lib, &id);
    renumbered.number = 9;
    assert!(matches!(
        lib.save(&id, renumbered),
        Err(StoreError::ChangedOnDisk { .. })
    ));
    assert!(!dir.path().join("lib/issues/2024-009.ron").exists());
    assert!(path.exists());
}

#[test]
fn reload_takes_the_disk_version() {
    let (_dir, mut lib, id, path) = library_with_issue();
    let mut theirs = lib.issue(&id).unwrap().into_owned();
    theirs.issuer = "别人的修改".into();
    fs::write(&path, codec::encode_issue(&theirs)).unwrap();
    assert_eq!(lib.reload(&id).unwrap(), id);
    assert_eq!(lib.issue(&id).unwrap().issuer, "别人的修改");
    assert_eq!(lib.disk_change(&id).unwrap(), None);
    lib.save(&id, edited(&lib, &id)).unwrap();

    // The other editor renumbered it in place: the entry follows.
    let mut renumbered = lib.issue(&id).unwrap().into_owned();
    renumbered.number = 4;
    fs::write(&path, codec::encode_issue(&renumbered)).unwrap();
    let new_id = lib.reload(&id).unwrap();
    assert_eq!(new_id.number, 4);
    assert!(!lib.contains(&id));
}

#[test]
fn reloading_a_broken_file_changes_nothing() {
    let (_dir, mut lib, id, path) = library_with_issue();
    fs::write(&path, "(schema: 1, broken").unwrap();
    let err = lib.reload(&id).unwrap_err();
    assert!(matches!(err, StoreError::Load(_)), "{err:?}");
    assert!(
        err.message(Lang::En).contains(":1:"),
        "{}",
        err.message(Lang::En)
    );
    assert_eq!(*lib.issue(&id).unwrap(), minimal_issue());
    assert_eq!(fs::read_to_string(&path).unwrap(), "(schema: 1, broken");
    // A save is refused too: the broken file is someone's work.
    assert!(lib.save(&id, edited(&lib, &id)).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), "(schema: 1, broken");
}

#[test]
fn fingerprints_hold_the_content_hash() {
    let (_dir, lib, id, path) = library_with_issue();
    let fp = lib.entry(&id).unwrap().fingerprint.unwrap();
    let bytes = fs::read(&path).unwrap();
    assert_eq!(fp.len, bytes.len() as u64);
    assert_eq!(fp.hash, ContentHash::of(&bytes));
    let hex = fp.hash.to_string();
    assert_eq!(hex.len(), 64);
    assert_eq!(hex.parse::<ContentHash>(), Ok(fp.hash));
    assert!("xyz".parse::<ContentHash>().is_err());
    // Reopening computes the same fingerprint.
    let again = Library::open(lib.root()).unwrap();
    assert_eq!(again.entry(&id).unwrap().fingerprint.unwrap().hash, fp.hash);
}
