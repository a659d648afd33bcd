//! Private files on shared servers, and real read-only directories.

use super::*;
use crate::store::recovery::Recovery;

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn every_file_the_store_writes_is_private() {
    let _guard = log_init_guard();
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    let log = crate::store::log::init(&root).unwrap();
    let mut lib = Library::open(&root).unwrap();
    let id = *lib.entries().next().unwrap().0;
    Recovery::write(&lib, &id, &lib.issue(&id).unwrap()).unwrap();
    let lock = lib.lock(&id).unwrap();
    let trashed = lib.trash(&id).unwrap();
    // The recovery file went to the trash with its issue.
    let recovery = root
        .join(TRASH_DIR)
        .join("recovery")
        .join(trashed.file_name().unwrap());
    assert!(recovery.exists());
    let exported = root.join("export.txt");
    atomic::write(&exported, "导出".as_bytes()).unwrap();
    for d in [
        root.clone(),
        root.join(ISSUES_DIR),
        root.join(TRASH_DIR),
        root.join(STATE_DIR),
        root.join(".state/locks"),
        root.join(".state/recovery"),
    ] {
        assert_eq!(mode(&d), 0o700, "{}", d.display());
    }
    for f in [
        root.join(SETTINGS_FILE),
        root.join(GITIGNORE),
        root.join(".state/.gitignore"),
        log,
        recovery,
        lock.path().to_path_buf(),
        trashed.clone(),
        exported,
    ] {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
    drop(lock);
    let restored = lib.restore(&trashed).unwrap();
    assert_eq!(mode(&lib.path_for(&restored)), 0o600);
}

#[test]
fn state_is_kept_out_of_git() {
    let (dir, lib) = temp_library();
    let root = dir.path().join("lib");
    assert_eq!(
        fs::read_to_string(root.join(GITIGNORE)).unwrap(),
        "/.state/\n"
    );
    // Libraries made before `.state/` existed are covered by its own file.
    fs::remove_file(root.join(GITIGNORE)).unwrap();
    let _lock = lib.lock(lib.entries().next().unwrap().0).unwrap();
    assert_eq!(
        fs::read_to_string(root.join(".state/.gitignore")).unwrap(),
        "*\n"
    );
    assert!(
        !root.join(GITIGNORE).exists(),
        "the clerk's own .gitignore is theirs"
    );
}

#[test]
fn a_library_folder_holding_only_state_is_new() {
    let _guard = log_init_guard();
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    crate::store::log::init(&root).unwrap();
    let lib = Library::open(&root).unwrap();
    assert_eq!(lib.len(), 1);
}

/// Permission bits enforced (not root): a read-only issues folder.
#[cfg(unix)]
#[test]
fn saving_into_a_read_only_folder_fails_clearly_and_keeps_everything() {
    use std::os::unix::fs::PermissionsExt;
    if !permissions_enforced() {
        return;
    }
    let (_dir, mut lib) = temp_library();
    let id = *lib.entries().next().unwrap().0;
    let path = lib.path_for(&id);
    let before = fs::read(&path).unwrap();
    let mut issue = lib.issue(&id).unwrap().into_owned();
    issue.issuer = "改".into();
    let issues = lib.issues_dir();
    fs::set_permissions(&issues, fs::Permissions::from_mode(0o500)).unwrap();
    let err = lib.save(&id, issue.clone()).unwrap_err();
    let insert = lib.insert(minimal_issue()).unwrap_err();
    fs::set_permissions(&issues, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(denied(&err), "{err:?}");
    assert!(err.message(Lang::Zh).contains("没有写入权限"));
    assert!(err.message(Lang::En).contains("permission denied"));
    assert!(denied(&insert), "{insert:?}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(lib.issue(&id).unwrap().issuer, "周口市文明办");
    assert!(temp_files(lib.root()).is_empty());
    // Writable again: the same save goes through.
    lib.save(&id, issue).unwrap();
}

#[cfg(unix)]
#[test]
fn an_unreadable_issue_file_is_reported_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    if !permissions_enforced() {
        return;
    }
    let (dir, mut lib) = temp_library();
    let id = lib.insert(minimal_issue()).unwrap();
    let path = lib.path_for(&id);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let mut again = Library::open(&dir.path().join("lib")).unwrap();
    assert_eq!(again.problems.len(), 1);
    assert_eq!(again.problems[0].kind, ProblemKind::PermissionDenied);
    assert!(again.problems[0].message(Lang::Zh).contains("没有读取权限"));
    // Its name stays taken.
    assert!(matches!(
        again.insert(minimal_issue()),
        Err(StoreError::Exists(_))
    ));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(
        fs::read(&path).unwrap(),
        codec::encode_issue(&minimal_issue()).into_bytes()
    );
}
