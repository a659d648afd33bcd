//! The log goes to a file in the state directory.

use super::*;
use crate::store::lock::LockStatus;

#[test]
fn loads_saves_takeovers_and_errors_are_logged_to_the_state_directory() {
    let _guard = log_init_guard();
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    let path = crate::store::log::init(&root).unwrap();
    assert_eq!(path, root.join(".state/jianbao.log"));
    let mut lib = Library::open(&root).unwrap();
    let id = *lib.entries().next().unwrap().0;
    let mut issue = lib.issue(&id).unwrap().into_owned();
    issue.issuer = "记日志".into();
    lib.save(&id, issue.clone()).unwrap();
    // A stale lock, taken over.
    let lock_path = lib.lock_path(&id);
    fs::create_dir_all(lock_path.parent().unwrap()).unwrap();
    fs::write(&lock_path, "").unwrap();
    assert!(matches!(
        lib.lock_status(&id).unwrap(),
        LockStatus::Stale(_)
    ));
    drop(lib.lock(&id).unwrap());
    // A refused save.
    fs::write(lib.path_for(&id), "changed").unwrap();
    assert!(lib.save(&id, issue).is_err());
    let log = fs::read_to_string(&path).unwrap();
    for needle in [
        "log opened",
        "created library",
        "saved issue",
        "took over stale lock",
        "released lock",
        "save refused",
    ] {
        assert!(log.contains(needle), "{needle} not in log:\n{log}");
    }
    assert!(log.contains(&root.display().to_string()));
}
