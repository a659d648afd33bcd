//! Every failing file operation leaves the old files byte-for-byte intact,
//! no temp files behind, the in-memory text untouched, and a clear message.

use super::*;
use crate::store::fs::faulty::{FaultyFs, Op};
use crate::store::recovery::Recovery;
use std::sync::Arc;

/// Disk full, permission denied, I/O error.
const ERRORS: [io::ErrorKind; 3] = [
    io::ErrorKind::StorageFull,
    io::ErrorKind::PermissionDenied,
    io::ErrorKind::Other,
];

fn faulty_library() -> (TempDir, Library, Arc<FaultyFs>) {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    Library::open(&root).unwrap();
    let fs = Arc::new(FaultyFs::new());
    let mut lib = Library::open_with(&root, fs.clone()).unwrap();
    // Open for editing, as the editor has it before any save.
    let id = *lib.entries().next().unwrap().0;
    lib.load(&id).unwrap();
    (dir, lib, fs)
}

/// Every file under `dir` with the hash of its bytes, but the library
/// index: a cache that any open may bring up to date.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, ContentHash> {
    let mut out = BTreeMap::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.ends_with(Path::new(STATE_DIR).join(index::INDEX_DIR)) {
            continue;
        }
        if p.is_dir() {
            out.extend(snapshot(&p));
        } else {
            out.insert(p.clone(), ContentHash::of(&fs::read(&p).unwrap()));
        }
    }
    out
}

/// Runs `op` failing at its 1st, 2nd, … file operation until it no longer
/// reaches the failure; after each failure checks the files are exactly
/// as before. Returns how many operations were tried.
fn each_failing_step(
    setup: impl Fn() -> (TempDir, Library, Arc<FaultyFs>),
    op: impl Fn(&mut Library) -> Result<(), StoreError>,
    check_ok: impl Fn(&Library),
) -> usize {
    for kind in ERRORS {
        for n in 1.. {
            let (dir, mut lib, fs) = setup();
            let before = snapshot(dir.path());
            let memory: Vec<(IssueSummary, Option<Issue>)> = lib
                .entries()
                .map(|(_, e)| (e.summary.clone(), e.issue().cloned()))
                .collect();
            fs.fail_at(n, kind);
            let result = op(&mut lib);
            let log = fs.log();
            if !fs.fired() {
                result.unwrap();
                check_ok(&lib);
                if kind == io::ErrorKind::Other {
                    return n - 1;
                }
                break;
            }
            let (failed, failed_path) = log[n - 1].clone();
            let leftover = temp_files(dir.path());
            if !leftover.is_empty() {
                // Only a temp name that could not be removed after its text
                // was linked into place may stay; the next start sweeps it.
                assert!(
                    failed == Op::Remove && result.is_ok() && leftover == [failed_path],
                    "step {n} ({failed:?}) left {leftover:?}"
                );
                assert_eq!(lib.remove_stale_temps(), leftover);
            }
            match result {
                Err(e) => {
                    assert_eq!(
                        snapshot(dir.path()),
                        before,
                        "step {n} ({failed:?}) {kind:?}"
                    );
                    let now: Vec<(IssueSummary, Option<Issue>)> = lib
                        .entries()
                        .map(|(_, e)| (e.summary.clone(), e.issue().cloned()))
                        .collect();
                    assert_eq!(now, memory, "step {n}: the library in memory changed");
                    let msg = e.message(Lang::Zh);
                    if kind == io::ErrorKind::StorageFull {
                        assert!(msg.contains("磁盘已满"), "{msg}");
                    }
                    if kind == io::ErrorKind::PermissionDenied {
                        assert!(msg.contains("权限"), "{msg}");
                    }
                }
                // Only failures after the new text is in place are not
                // errors: the directory sync, removing the old file of a
                // renamed issue, reading the new file's mtime; and a link
                // refused with EPERM, as file systems without hard links
                // refuse it, which creates the file in place instead.
                Ok(()) => {
                    let no_links = failed == Op::Link && kind == io::ErrorKind::PermissionDenied;
                    assert!(
                        no_links || matches!(failed, Op::SyncDir | Op::Remove | Op::Metadata),
                        "step {n} ({failed:?}) failed but the operation succeeded"
                    );
                    check_ok(&lib);
                }
            }
        }
    }
    unreachable!()
}

fn sample_id(lib: &Library) -> IssueId {
    *lib.entries().next().unwrap().0
}

#[test]
fn a_failing_save_leaves_the_old_file() {
    let steps = each_failing_step(
        faulty_library,
        |lib| {
            let id = sample_id(lib);
            let mut issue = lib.issue(&id).unwrap().into_owned();
            issue.sections[0].articles[0].paragraphs[0] = "新的第一段".into();
            lib.save(&id, issue).map(drop)
        },
        |lib| {
            let text = fs::read_to_string(lib.path_for(&sample_id(lib))).unwrap();
            assert!(text.contains("新的第一段"));
        },
    );
    // Check, read, create temp, write, fsync, rename, directory sync, …
    assert!(steps >= 7, "{steps}");
}

#[test]
fn a_failing_save_can_be_retried() {
    let (_dir, mut lib, fs) = faulty_library();
    let id = sample_id(&lib);
    let mut issue = lib.issue(&id).unwrap().into_owned();
    issue.issuer = "重试".into();
    // Fail at the write of the temp file.
    for n in 1.. {
        fs.fail_at(n, io::ErrorKind::StorageFull);
        let _ = lib.save(&id, issue.clone());
        if fs.log().get(n - 1).is_some_and(|(op, _)| *op == Op::Write) {
            break;
        }
        assert!(n < 20);
    }
    assert_eq!(lib.issue(&id).unwrap().issuer, "周口市文明办");
    fs.fail_at(usize::MAX, io::ErrorKind::Other);
    lib.save(&id, issue).unwrap();
    assert_eq!(lib.issue(&id).unwrap().issuer, "重试");
}

#[test]
fn a_failing_renaming_save_leaves_the_old_file() {
    each_failing_step(
        faulty_library,
        |lib| {
            let id = sample_id(lib);
            let mut issue = lib.issue(&id).unwrap().into_owned();
            issue.number = 30;
            lib.save(&id, issue).map(drop)
        },
        |lib| {
            let new = IssueId::new(2023, 30, false);
            assert!(lib.contains(&new));
            assert!(lib.path_for(&new).is_file());
        },
    );
}

#[test]
fn a_failing_insert_leaves_nothing() {
    each_failing_step(
        faulty_library,
        |lib| lib.insert(minimal_issue()).map(drop),
        |lib| assert!(lib.path_for(&minimal_issue().id()).is_file()),
    );
}

#[test]
fn a_failing_settings_save_leaves_the_old_settings() {
    each_failing_step(
        faulty_library,
        |lib| {
            lib.settings.issuer = "新单位".into();
            lib.save_settings()
        },
        |lib| {
            let text = fs::read_to_string(lib.root().join(SETTINGS_FILE)).unwrap();
            assert!(text.contains("新单位"));
        },
    );
}

#[test]
fn a_failing_trash_leaves_the_issue() {
    each_failing_step(
        faulty_library,
        |lib| lib.trash(&sample_id(lib)).map(drop),
        |lib| assert!(lib.is_empty()),
    );
}

#[test]
fn a_failing_recovery_write_keeps_the_previous_recovery_file() {
    let setup = || {
        let (dir, lib, fs) = faulty_library();
        let id = sample_id(&lib);
        let mut issue = lib.issue(&id).unwrap().into_owned();
        issue.issuer = "第一次备份".into();
        Recovery::write(&lib, &id, &issue).unwrap();
        (dir, lib, fs)
    };
    each_failing_step(
        setup,
        |lib| {
            let id = sample_id(lib);
            let mut issue = lib.issue(&id).unwrap().into_owned();
            issue.issuer = "第二次备份".into();
            Recovery::write(lib, &id, &issue).map(drop)
        },
        |lib| {
            let text = fs::read_to_string(Recovery::path(lib, &sample_id(lib))).unwrap();
            assert!(text.contains("第二次备份"));
        },
    );
}

#[test]
fn a_failing_read_is_a_problem_not_a_crash() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    Library::open(&root).unwrap();
    let fs = Arc::new(FaultyFs::new());
    for n in 1.. {
        fs.fail_at(n, io::ErrorKind::PermissionDenied);
        let before = snapshot(&root);
        let result = Library::open_with(&root, fs.clone());
        assert_eq!(snapshot(&root), before);
        if !fs.fired() {
            assert_eq!(result.unwrap().len(), 1);
            break;
        }
        let failed = fs.log().last().unwrap().clone();
        match result {
            Ok(lib) => {
                // A file that could not be read is reported, not dropped.
                if failed.0 == Op::Read {
                    assert_eq!(lib.problems.len(), 1, "{failed:?}");
                    assert_eq!(lib.problems[0].kind, ProblemKind::PermissionDenied);
                    let msg = lib.problems[0].message(Lang::Zh);
                    assert!(msg.contains("没有读取权限"), "{msg}");
                }
            }
            Err(e) => assert!(e.message(Lang::En).contains("permission denied"), "{e}"),
        }
    }
}

#[test]
fn a_first_run_cut_short_at_any_step_is_finished_by_the_next_open() {
    for kind in ERRORS {
        for n in 1.. {
            let dir = TempDir::new().unwrap();
            let root = dir.path().join("lib");
            let fs_ = Arc::new(FaultyFs::new());
            fs_.fail_at(n, kind);
            let first = Library::open_with(&root, fs_.clone());
            if !fs_.fired() {
                first.unwrap();
                break;
            }
            if first.is_ok() {
                // Only steps after everything is in place may fail quietly.
                let failed = fs_.log()[n - 1].0;
                let no_links = failed == Op::Link && kind == io::ErrorKind::PermissionDenied;
                assert!(
                    no_links || matches!(failed, Op::SyncDir | Op::Metadata | Op::Remove),
                    "step {n} ({failed:?})"
                );
            }
            // The next run (the disk has room again) finds a whole library.
            let lib = Library::open(&root).unwrap();
            assert_eq!(lib.len(), 1, "step {n} {kind:?}");
            assert_eq!(lib.settings.bulletin, "文明创建简报", "step {n}");
            assert!(root.join(SETTINGS_FILE).is_file(), "step {n}");
            assert!(lib.problems.is_empty(), "step {n}: {:?}", lib.problems);
        }
    }
}

#[test]
fn a_folder_with_more_than_an_interrupted_creation_is_left_alone() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    fs::create_dir_all(root.join(ISSUES_DIR)).unwrap();
    // An old library without library.ron, holding a clerk's issue.
    let mut issue = full_issue();
    issue.supplement = false;
    fs::write(
        root.join("issues/2023-012.ron"),
        codec::encode_issue(&issue),
    )
    .unwrap();
    let lib = Library::open(&root).unwrap();
    assert_eq!(lib.len(), 1);
    assert!(
        !root.join(SETTINGS_FILE).exists(),
        "not turned into a new library"
    );
}
