//! One editor per issue: locks, their messages, stale locks taken over.

use super::*;
use crate::store::lock::{IssueLock, LockInfo, LockStatus, current_host, process_alive};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

fn sample(lib: &Library) -> IssueId {
    *lib.entries().next().unwrap().0
}

/// A pid no process has (beyond Linux's pid_max).
const DEAD_PID: u32 = i32::MAX as u32;

fn write_lock_file(lib: &Library, id: &IssueId, text: &str) {
    let path = lib.lock_path(id);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
}

fn dead_lock_text(id: &IssueId, host: &str) -> String {
    format!(
        "(id: \"{id}\", user: \"ghost\", host: \"{host}\", pid: {DEAD_PID}, since: \"2024-01-05T09:30:00+08:00\")\n"
    )
}

#[test]
fn a_second_editor_is_told_who_holds_the_issue() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let lock = lib.lock(&id).unwrap();
    assert_eq!(lock.id(), id);
    assert!(lock.taken_over().is_none());
    assert!(lock.path().is_file());
    let err = lib.lock(&id).unwrap_err();
    let StoreError::Locked(info) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(info.pid, std::process::id());
    assert_eq!(info.host, current_host());
    assert_eq!(info.user, lock.info().user);
    assert_eq!(info.since, lock.info().since);
    let zh = err.message(Lang::Zh);
    assert!(zh.contains("2023-025") && zh.contains("只读"), "{zh}");
    assert!(zh.contains(&format!("进程 {}", std::process::id())), "{zh}");
    let en = err.message(Lang::En);
    assert!(en.contains("read-only") && en.contains(&info.host), "{en}");
    assert_eq!(
        lib.lock_status(&id).unwrap(),
        LockStatus::Held(info.as_ref().clone())
    );
}

#[test]
fn dropping_the_lock_releases_it() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let path = lib.lock(&id).unwrap().path().to_path_buf();
    assert!(!path.exists());
    assert_eq!(lib.lock_status(&id).unwrap(), LockStatus::Free);
    let _again = lib.lock(&id).unwrap();
    // Locks are per issue.
    let other = IssueId::new(2023, 26, false);
    let _other = lib.lock(&other).unwrap();
}

#[test]
fn the_lock_file_names_user_host_pid_and_time() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    let lock = lib.lock(&id).unwrap();
    let text = fs::read_to_string(lock.path()).unwrap();
    assert!(
        text.contains(&format!("pid: {}", std::process::id())),
        "{text}"
    );
    assert!(
        text.contains(&format!("host: \"{}\"", current_host())),
        "{text}"
    );
    // RFC 3339 with the offset.
    let since = text.split("since: \"").nth(1).unwrap();
    let since = &since[..since.find('"').unwrap()];
    chrono::DateTime::parse_from_rfc3339(since).unwrap();
}

#[test]
fn a_crashed_editors_lock_is_taken_over() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    write_lock_file(&lib, &id, &dead_lock_text(&id, &current_host()));
    let LockStatus::Stale(old) = lib.lock_status(&id).unwrap() else {
        panic!("not stale")
    };
    assert_eq!(old.user, "ghost");
    // Probing did not take it.
    assert!(matches!(
        lib.lock_status(&id).unwrap(),
        LockStatus::Stale(_)
    ));
    let lock = lib.lock(&id).unwrap();
    assert_eq!(lock.taken_over().unwrap().pid, DEAD_PID);
    assert_eq!(
        lock.taken_over().unwrap().since.to_rfc3339(),
        "2024-01-05T09:30:00+08:00"
    );
    let text = fs::read_to_string(lock.path()).unwrap();
    assert!(text.contains(&format!("pid: {}", std::process::id())));
    assert!(matches!(lib.lock(&id), Err(StoreError::Locked(_))));
}

#[test]
fn a_lock_without_an_os_lock_is_stale_even_from_another_host() {
    // The OS lock decides where the file system has them: a file nobody
    // holds was left by an editor that ended.
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    write_lock_file(&lib, &id, &dead_lock_text(&id, "other-host"));
    let lock = lib.lock(&id).unwrap();
    assert_eq!(lock.taken_over().unwrap().host, "other-host");
}

#[test]
fn a_garbled_or_empty_lock_file_is_stale_when_unheld() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    for text in ["", "\u{0}\u{1}garbage"] {
        write_lock_file(&lib, &id, text);
        let lock = lib.lock(&id).unwrap();
        assert_eq!(lock.taken_over().unwrap().pid, 0);
    }
}

#[test]
fn an_os_locked_file_is_held_whatever_it_says() {
    let (_dir, lib) = temp_library();
    let id = sample(&lib);
    write_lock_file(&lib, &id, &dead_lock_text(&id, &current_host()));
    let holder = fs::File::open(lib.lock_path(&id)).unwrap();
    fs4::FileExt::try_lock(&holder).unwrap();
    let err = lib.lock(&id).unwrap_err();
    assert!(
        matches!(&err, StoreError::Locked(i) if i.pid == DEAD_PID),
        "{err:?}"
    );
    drop(holder);
    assert!(lib.lock(&id).unwrap().taken_over().is_some());
}

#[test]
fn locks_lists_held_and_stale_locks_in_id_order() {
    let (_dir, lib) = temp_library();
    let a = IssueId::new(2023, 1, false);
    let b = IssueId::new(2023, 2, false);
    let _held = lib.lock(&b).unwrap();
    write_lock_file(&lib, &a, &dead_lock_text(&a, &current_host()));
    let locks = lib.locks().unwrap();
    assert_eq!(locks.len(), 2);
    assert!(matches!(&locks[0], LockStatus::Stale(i) if i.id == a));
    assert!(matches!(&locks[1], LockStatus::Held(i) if i.id == b));
}

#[test]
fn a_read_only_library_cannot_be_locked_and_says_why() {
    if !permissions_enforced() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let (dir, lib) = temp_library();
    let root = dir.path().join("lib");
    fs::set_permissions(&root, fs::Permissions::from_mode(0o500)).unwrap();
    let err = lib.lock(&sample(&lib)).unwrap_err();
    fs::set_permissions(&root, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(denied(&err), "{err:?}");
    assert!(err.message(Lang::Zh).contains("没有写入权限"));
}

#[test]
fn process_liveness() {
    assert!(process_alive(std::process::id()));
    assert!(!process_alive(DEAD_PID));
    assert!(!process_alive(0));
    assert!(!process_alive(u32::MAX));
}

#[test]
fn lock_info_message_in_both_languages() {
    let info = LockInfo {
        id: IssueId::new(2023, 25, false),
        user: "wang".into(),
        host: "office".into(),
        pid: 4242,
        since: chrono::DateTime::parse_from_rfc3339("2024-01-05T09:30:00+08:00").unwrap(),
    };
    let zh = info.message(Lang::Zh);
    assert!(
        zh.starts_with("2023-025 正由 wang@office（进程 4242）自 "),
        "{zh}"
    );
    let en = info.message(Lang::En);
    assert!(
        en.starts_with("2023-025 is being edited by wang@office (process 4242) since "),
        "{en}"
    );
}

/// Re-runs this test binary as a helper process holding a lock (see
/// `helper_process`).
fn spawn_holder(root: &Path, id: &IssueId, crash: bool) -> (Child, String) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "store::tests::lock::helper_process",
            "--ignored",
            "--nocapture",
        ])
        .env("JIANBAO_TEST_LOCK_ROOT", root)
        .env("JIANBAO_TEST_LOCK_ID", id.to_string())
        .env("JIANBAO_TEST_LOCK_CRASH", if crash { "1" } else { "" })
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "helper ended early");
        if line.starts_with("locked") {
            break;
        }
    }
    // Keep reading, so the helper's test harness can report and exit.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    (child, line.trim().to_string())
}

/// Not a test by itself: when run by `spawn_holder`, takes a lock, says so,
/// then either exits at once without releasing it (a crash) or waits for
/// its stdin to close.
#[test]
#[ignore = "helper process of the lock tests"]
fn helper_process() {
    let Ok(root) = std::env::var("JIANBAO_TEST_LOCK_ROOT") else {
        return;
    };
    let id: IssueId = std::env::var("JIANBAO_TEST_LOCK_ID")
        .unwrap()
        .parse()
        .unwrap();
    let lib = Library::open(Path::new(&root)).unwrap();
    let lock = lib.lock(&id).unwrap();
    println!("locked {}", std::process::id());
    if std::env::var("JIANBAO_TEST_LOCK_CRASH").is_ok_and(|v| v == "1") {
        std::mem::forget(lock);
        std::process::exit(0);
    }
    let mut buf = String::new();
    let _ = std::io::stdin().read_line(&mut buf);
    drop::<IssueLock>(lock);
}

#[test]
fn another_process_holds_the_lock_until_it_dies() {
    let (dir, lib) = temp_library();
    let id = sample(&lib);
    let (mut child, line) = spawn_holder(&dir.path().join("lib"), &id, false);
    let pid = child.id();
    assert_eq!(line, format!("locked {pid}"));
    match lib.lock(&id) {
        Err(StoreError::Locked(info)) => assert_eq!(info.pid, pid),
        other => panic!("{other:?}"),
    }
    // Killed (like a dropped SSH session's editor): the OS lock goes.
    child.kill().unwrap();
    child.wait().unwrap();
    let lock = lib.lock(&id).unwrap();
    assert_eq!(lock.taken_over().unwrap().pid, pid);
}

#[test]
fn a_process_that_exits_without_releasing_leaves_a_stale_lock() {
    let (dir, lib) = temp_library();
    let id = sample(&lib);
    let (mut child, _) = spawn_holder(&dir.path().join("lib"), &id, true);
    let pid = child.id();
    child.wait().unwrap();
    assert!(lib.lock_path(&id).exists());
    assert!(matches!(lib.lock_status(&id).unwrap(), LockStatus::Stale(i) if i.pid == pid));
    assert_eq!(lib.lock(&id).unwrap().taken_over().unwrap().pid, pid);
}

#[test]
fn a_process_that_exits_normally_releases() {
    let (dir, lib) = temp_library();
    let id = sample(&lib);
    let (mut child, _) = spawn_holder(&dir.path().join("lib"), &id, false);
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    assert!(!lib.lock_path(&id).exists());
    assert!(lib.lock(&id).unwrap().taken_over().is_none());
}

#[cfg(unix)]
#[test]
fn the_login_name_comes_from_the_password_database_without_user() {
    let expected = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let expected = String::from_utf8(expected.stdout)
        .unwrap()
        .trim()
        .to_string();
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    assert_eq!(
        crate::store::lock::passwd_name(uid).as_deref(),
        Some(expected.as_str())
    );
    assert_ne!(expected, format!("uid {uid}"));
}
