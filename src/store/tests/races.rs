//! Other processes changing the library between our look and our write:
//! every way an issue comes into being is exclusive, never a replacement.

use super::*;
use crate::store::recovery::Recovery;

fn sample_id(lib: &Library) -> IssueId {
    *lib.entries().next().unwrap().0
}

/// Writes `issue` as another process would: straight to its file.
fn behind_our_back(lib: &Library, issue: &Issue) {
    let path = lib.path_for(&issue.id());
    fs::write(&path, codec::encode_issue(issue)).unwrap();
}

fn marked(mut issue: Issue, mark: &str) -> Issue {
    issue.bulletin = mark.into();
    issue
}

#[test]
fn a_number_taken_meanwhile_is_not_overwritten_and_the_next_is_used() {
    let (_dir, mut lib) = temp_library();
    let date = "2023-12-01".parse().unwrap();
    let mut raced = false;
    let created = lib
        .create_with(|lib| {
            let issue = lib.next_numbered(None, date, false)?;
            if !raced {
                // Another clerk creates the same number after we looked.
                raced = true;
                behind_our_back(lib, &marked(issue.clone(), "别人的"));
            }
            Ok(marked(issue, "我的"))
        })
        .unwrap();
    let first = IssueId::new(2023, 26, false);
    assert_eq!(created.taken, Some(first));
    assert_eq!(created.id, IssueId::new(2023, 27, false));
    let reopened = Library::open(lib.root()).unwrap();
    assert_eq!(reopened.issue(&first).unwrap().bulletin, "别人的");
    assert_eq!(reopened.issue(&created.id).unwrap().bulletin, "我的");
}

#[test]
fn a_fixed_number_taken_meanwhile_is_refused() {
    let (_dir, mut lib) = temp_library();
    let mut other = lib.issue(&sample_id(&lib)).unwrap().into_owned();
    other.number = 40;
    let result = lib.create_with(|lib| {
        behind_our_back(lib, &marked(other.clone(), "别人的"));
        Ok(marked(other.clone(), "我的"))
    });
    assert!(matches!(result, Err(StoreError::Exists(id)) if id.number == 40));
    let reopened = Library::open(lib.root()).unwrap();
    assert_eq!(reopened.issue(&other.id()).unwrap().bulletin, "别人的");
}

#[test]
fn insert_never_replaces_a_file_that_appeared_after_the_library_was_read() {
    let (_dir, mut lib) = temp_library();
    let mut issue = lib.issue(&sample_id(&lib)).unwrap().into_owned();
    issue.number = 30;
    behind_our_back(&lib, &marked(issue.clone(), "别人的"));
    assert!(matches!(
        lib.insert(marked(issue.clone(), "我的")),
        Err(StoreError::Exists(_))
    ));
    let text = fs::read_to_string(lib.path_for(&issue.id())).unwrap();
    assert!(text.contains("别人的"));
}

#[test]
fn restoring_from_the_trash_never_replaces_an_issue_created_meanwhile() {
    let (_dir, mut lib) = temp_library();
    let id = sample_id(&lib);
    let original = lib.issue(&id).unwrap().into_owned();
    let trashed = lib.trash(&id).unwrap();
    // `jianbao new` in a script reuses the number while the trash is open.
    behind_our_back(&lib, &marked(original, "新建的"));
    assert!(matches!(lib.restore(&trashed), Err(StoreError::Exists(_))));
    assert!(trashed.exists(), "the trashed file stays in the trash");
    let text = fs::read_to_string(lib.path_for(&id)).unwrap();
    assert!(text.contains("新建的"));
}

#[test]
fn renumbering_never_replaces_an_issue_created_meanwhile() {
    let (_dir, mut lib) = temp_library();
    let id = sample_id(&lib);
    let mut issue = lib.issue(&id).unwrap().into_owned();
    issue.number = 31;
    behind_our_back(&lib, &marked(issue.clone(), "别人的"));
    assert!(matches!(
        lib.save(&id, marked(issue.clone(), "我的")),
        Err(StoreError::Exists(_))
    ));
    let text = fs::read_to_string(lib.path_for(&issue.id())).unwrap();
    assert!(text.contains("别人的"));
    assert!(lib.path_for(&id).exists(), "the old file stays");
}

#[test]
fn keep_both_takes_the_next_number_when_its_number_is_taken_meanwhile() {
    let (_dir, mut lib) = temp_library();
    let id = sample_id(&lib);
    let mut edited = lib.issue(&id).unwrap().into_owned();
    edited.sections[0].articles[0].paragraphs[0] = "恢复出来的文字".into();
    Recovery::write(&lib, &id, &edited).unwrap();
    let info = Recovery::pending(&lib).unwrap().remove(0);
    // Someone creates 2023-026, the number keep-both would choose, on disk
    // only (this library has not seen it).
    let mut other = edited.clone();
    other.number = 26;
    behind_our_back(&lib, &marked(other, "别人的"));
    let kept = Recovery::keep_both(&mut lib, &info).unwrap();
    assert_eq!(kept, IssueId::new(2023, 27, false));
    let reopened = Library::open(lib.root()).unwrap();
    assert_eq!(
        reopened
            .issue(&IssueId::new(2023, 26, false))
            .unwrap()
            .bulletin,
        "别人的"
    );
    let text = fs::read_to_string(lib.path_for(&kept)).unwrap();
    assert!(text.contains("恢复出来的文字"));
}

#[cfg(unix)]
#[test]
fn a_read_only_issue_file_is_not_written_unless_forced_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, mut lib) = temp_library();
    let id = sample_id(&lib);
    let path = lib.path_for(&id);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    let before = fs::read(&path).unwrap();
    let mut issue = lib.issue(&id).unwrap().into_owned();
    issue.sections[0].articles[0].paragraphs[0] = "新的第一段".into();
    // Also when the clerk already chose to overwrite changes on disk.
    for mode in [SaveMode::Safe, SaveMode::Overwrite] {
        match lib.save_with(&id, issue.clone(), mode) {
            Err(e @ StoreError::ReadOnlyFile { .. }) => {
                assert!(
                    e.message(Lang::Zh).contains("只读"),
                    "{}",
                    e.message(Lang::Zh)
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read(&path).unwrap(), before);
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o400);
    }
    lib.save_with(&id, issue, SaveMode::Force).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("新的第一段"));
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o222, 0, "still read-only: {mode:o}");
}

#[test]
fn a_file_whose_name_and_number_disagree_is_saved_under_its_own_name() {
    let (_dir, lib) = temp_library();
    let id = sample_id(&lib);
    let mut issue = lib.issue(&id).unwrap().into_owned();
    issue.number = 99;
    let odd = lib.issues_dir().join("2023-036.ron");
    fs::write(&odd, codec::encode_issue(&issue)).unwrap();
    let mut lib = Library::open(lib.root()).unwrap();
    let loaded = IssueId::new(2023, 99, false);
    assert_eq!(lib.entry(&loaded).unwrap().path, odd);
    issue.sections[0].title = "改过的栏目".into();
    assert_eq!(lib.save(&loaded, issue).unwrap(), loaded);
    assert!(fs::read_to_string(&odd).unwrap().contains("改过的栏目"));
    assert!(
        !lib.path_for(&loaded).exists(),
        "not renamed behind the clerk's back"
    );
}

/// A temp file named as process `pid` writes them, `age` old.
fn temp_file(dir: &Path, name: &str, pid: u32, age: std::time::Duration) -> PathBuf {
    let path = dir.join(format!(".{name}.{pid}-7{}", atomic::TEMP_SUFFIX));
    let file = fs::File::create(&path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
    path
}

#[test]
fn temp_files_of_ended_processes_are_found_and_removed() {
    let (_dir, lib) = temp_library();
    let minute = std::time::Duration::from_secs(120);
    // A process id that cannot be running: beyond the kernel's limit.
    let dead = 4_194_399;
    let stale = temp_file(&lib.issues_dir(), "2023-025.ron", dead, minute);
    // Ours, not being written: left by a failure of this process.
    let ours = temp_file(
        &lib.issues_dir(),
        "2023-026.ron",
        std::process::id(),
        minute,
    );
    // A live process's temp (pid 1 always runs), and one too young to judge.
    let live = temp_file(&lib.issues_dir(), "2023-027.ron", 1, minute);
    let young = temp_file(
        &lib.issues_dir(),
        "2023-028.ron",
        dead,
        std::time::Duration::ZERO,
    );
    let mut expected = vec![stale.clone(), ours.clone()];
    expected.sort();
    assert_eq!(lib.stale_temps(), expected);
    assert_eq!(lib.remove_stale_temps(), expected);
    assert!(!stale.exists() && !ours.exists());
    assert!(live.exists() && young.exists());
    assert!(lib.stale_temps().is_empty());
}

#[test]
fn a_deleted_issue_takes_its_unsaved_text_to_the_trash_and_back() {
    let (_dir, mut lib) = temp_library();
    let id = sample_id(&lib);
    let mut edited = lib.issue(&id).unwrap().into_owned();
    edited.sections[0].articles[0].paragraphs[0] = "没保存的文字".into();
    Recovery::write(&lib, &id, &edited).unwrap();
    let trashed = lib.trash(&id).unwrap();
    assert!(!Recovery::path(&lib, &id).exists());
    // A new issue reusing the number is not offered the old text.
    let mut fresh = edited.clone();
    fresh.sections.clear();
    lib.insert(fresh).unwrap();
    assert!(Recovery::pending(&lib).unwrap().is_empty());
    // The trash lists the issue only, not its recovery file.
    assert_eq!(lib.trashed().unwrap().len(), 1);
    lib.trash(&id).unwrap();
    assert_eq!(lib.restore(&trashed).unwrap(), id);
    let offers = Recovery::pending(&lib).unwrap();
    assert_eq!(offers.len(), 1);
    let back = Recovery::restore(&lib, &offers[0]).unwrap();
    assert_eq!(back.sections[0].articles[0].paragraphs[0], "没保存的文字");
}

/// A disk where looking at an issue file fails (EIO), as on a failing
/// network share.
#[derive(Debug)]
struct NoStat;

impl crate::store::fs::Fs for NoStat {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        fs::read(path)
    }
    fn metadata(&self, path: &Path) -> io::Result<fs::Metadata> {
        if path.parent().is_some_and(|d| d.ends_with(ISSUES_DIR)) {
            return Err(io::Error::other("I/O error"));
        }
        fs::metadata(path)
    }
    fn read_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        crate::store::fs::RealFs.read_dir(dir)
    }
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        crate::store::fs::RealFs.create_dir_all(dir)
    }
    fn create_new(&self, path: &Path) -> io::Result<fs::File> {
        crate::store::fs::RealFs.create_new(path)
    }
    fn write_all(&self, file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
        crate::store::fs::RealFs.write_all(file, bytes)
    }
    fn sync_file(&self, file: &fs::File) -> io::Result<()> {
        crate::store::fs::RealFs.sync_file(file)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::hard_link(from, to)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        crate::store::fs::RealFs.sync_dir(dir)
    }
}

#[test]
fn numbering_on_a_failing_disk_reports_the_error_instead_of_spinning() {
    let (dir, _) = temp_library();
    let lib = Library::open_with(&dir.path().join("lib"), std::sync::Arc::new(NoStat)).unwrap();
    match lib.next_free_id(2023, false) {
        Err(e) => assert!(e.message(Lang::En).contains("I/O error"), "{e}"),
        Ok(id) => panic!("{id}"),
    }
    assert!(
        lib.next_numbered(None, "2023-12-01".parse().unwrap(), false)
            .is_err()
    );
}
