use super::*;
use crate::i18n::Msg;
use crate::model::Status;
use crate::store::codec::DecodeError;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use tempfile::TempDir;

pub(super) use crate::test_support::{full_issue, minimal_issue};

mod changed;
mod faults;
mod fuzz;
mod lock;
mod log;
mod privacy;
mod races;
mod recovery;
mod workflow;

/// Held by tests that call `log::init`, which redirects the one global
/// log: they would otherwise log into each other's files.
pub(super) static LOG_INIT: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub(super) fn log_init_guard() -> std::sync::MutexGuard<'static, ()> {
    LOG_INIT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether permission bits bind us (they do not for root): a 0500
/// directory must refuse a new file. Prints why a test is skipped.
pub(super) fn permissions_enforced() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new().unwrap();
        let ro = dir.path().join("ro");
        fs::create_dir(&ro).unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o500)).unwrap();
        let enforced = fs::write(ro.join("x"), "x").is_err();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o700)).unwrap();
        if !enforced {
            eprintln!("note: permission bits are not enforced (running as root?); skipping");
        }
        enforced
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Names of leftover temp files under `dir`, recursively.
/// Whether `err` is the operating system refusing permission.
pub(super) fn denied(err: &StoreError) -> bool {
    matches!(err, StoreError::Io { source, .. } if source.kind() == io::ErrorKind::PermissionDenied)
}

pub(super) fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(it) = fs::read_dir(dir) else {
        return out;
    };
    for e in it {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(temp_files(&p));
        } else if p.to_string_lossy().ends_with(atomic::TEMP_SUFFIX) {
            out.push(p);
        }
    }
    out
}

#[test]
fn every_field_survives_a_round_trip() {
    for issue in [full_issue(), minimal_issue()] {
        let text = codec::encode_issue(&issue);
        assert_eq!(codec::decode_issue(&text).unwrap(), issue, "{text}");
    }
    let settings = Settings {
        closing: full_issue().closing,
        section_limits: BTreeMap::from([("文明时讯".to_string(), 300)]),
        ..Settings::default()
    };
    let text = codec::encode_settings(&settings);
    assert!(
        text.contains("section_limits: {\n        \"文明时讯\": 300,"),
        "{text}"
    );
    assert_eq!(codec::decode_settings(&text).unwrap(), settings);
}

#[test]
fn files_diff_well_one_paragraph_per_line_and_optional_fields_left_out() {
    let text = codec::encode_issue(&full_issue());
    assert!(text.contains("\n                        \"一是完善创建机制，强化组织保障。\",\n"));
    // Chinese stays readable; control characters are escaped.
    assert!(text.contains("反斜杠\\\\、制表\\t和"));
    let minimal = codec::encode_issue(&minimal_issue());
    for absent in ["total", "supplement", "copies", "editor", "source"] {
        assert!(!minimal.contains(absent), "{absent} in {minimal}");
    }
    // Stable field order: the order of the struct.
    let pos = |k: &str| text.find(k).unwrap();
    assert!(pos("schema:") < pos("bulletin:") && pos("bulletin:") < pos("number:"));
    assert!(pos("date:") < pos("issuer:") && pos("sections:") < pos("closing:"));
    // Encoding is deterministic.
    assert_eq!(text, codec::encode_issue(&full_issue()));
}

#[test]
fn the_bundled_sample_parses_and_is_written_back_unchanged() {
    let sample = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    assert_eq!(sample.article_count(), 7);
    assert_eq!(codec::encode_issue(&sample), SAMPLE_ISSUE);
}

#[test]
fn a_file_with_a_byte_order_mark_loads() {
    let text = format!("\u{feff}{}", codec::encode_issue(&minimal_issue()));
    assert_eq!(codec::decode_issue(&text).unwrap(), minimal_issue());
}

pub(super) fn temp_library() -> (TempDir, Library) {
    let dir = TempDir::new().unwrap();
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    (dir, lib)
}

#[test]
fn a_new_location_becomes_a_library_with_the_sample() {
    let (dir, lib) = temp_library();
    let root = dir.path().join("lib");
    assert!(root.join(SETTINGS_FILE).is_file());
    assert_eq!(lib.len(), 1);
    let (id, entry) = lib.entries().next().unwrap();
    assert_eq!(id.to_string(), "2023-025");
    assert_eq!(entry.path, root.join("issues/2023-025.ron"));
    assert_eq!(lib.settings.issuer, "周口市文明办");
    assert!(lib.problems.is_empty());
    // Opening again loads the same, and does not add a second sample.
    let again = Library::open(&root).unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again.settings, lib.settings);
}

#[cfg(unix)]
#[test]
fn library_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _lib) = temp_library();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let root = dir.path().join("lib");
    assert_eq!(mode(&root), 0o700);
    assert_eq!(mode(&root.join("issues")), 0o700);
    assert_eq!(mode(&root.join("issues/2023-025.ron")), 0o600);
    assert_eq!(mode(&root.join(SETTINGS_FILE)), 0o600);
}

#[test]
fn a_non_empty_folder_that_is_not_a_library_is_refused_and_untouched() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    assert!(matches!(
        Library::open(dir.path()),
        Err(StoreError::NotALibrary(_))
    ));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn atomic_write_replaces_content_and_leaves_no_temp_files() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.ron");
    atomic::write(&path, b"old").unwrap();
    atomic::write(&path, "新内容".as_bytes()).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "新内容");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["a.ron"]);
}

#[test]
fn a_failed_atomic_write_leaves_the_old_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.ron");
    atomic::write(&path, b"old").unwrap();
    // The target is now a directory's child that cannot be renamed over:
    // make the rename fail by turning the target into a non-empty directory.
    let blocked = dir.path().join("b.ron");
    fs::create_dir(&blocked).unwrap();
    fs::write(blocked.join("x"), "x").unwrap();
    assert!(atomic::write(&blocked, b"new").is_err());
    assert_eq!(fs::read(&path).unwrap(), b"old");
    let leftovers = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

/// Broken files: (name, content, expected line, expected column).
fn broken_files() -> Vec<(&'static str, Vec<u8>, usize, usize)> {
    let good = codec::encode_issue(&full_issue());
    // Cut after line 20: the parser runs out just past its last character.
    let truncated: String = good.lines().take(20).map(|l| format!("{l}\n")).collect();
    let end_col = good.lines().nth(19).unwrap().chars().count() + 1;
    let wrong_type = good.replace("number: 12,", "number: \"十二\",");
    let wrong_line = wrong_type.lines().position(|l| l.contains("十二")).unwrap() + 1;
    vec![
        ("2020-001.ron", b"\x00\x01garbage{{{".to_vec(), 1, 1),
        ("2020-002.ron", truncated.into_bytes(), 20, end_col),
        ("2020-003.ron", wrong_type.into_bytes(), wrong_line, 12),
    ]
}

#[test]
fn broken_files_are_reported_with_line_and_column_and_left_unchanged() {
    let (dir, mut lib) = temp_library();
    let root = dir.path().join("lib");
    let issues = root.join(ISSUES_DIR);
    let mut good = minimal_issue();
    good.number = 7;
    lib.insert(good.clone()).unwrap();
    let files = broken_files();
    for (name, bytes, _, _) in &files {
        fs::write(issues.join(name), bytes).unwrap();
    }
    // Saved by a GBK editor: 你 is C4 E3.
    let gbk = b"(\n    schema: 1,\n    bulletin: \"\xc4\xe3\",\n".to_vec();
    let bad_at = gbk.iter().position(|b| *b == 0xc4).unwrap();
    fs::write(issues.join("2020-004.ron"), &gbk).unwrap();

    let lib = Library::open(&root).unwrap();
    // The good issues still load.
    assert_eq!(lib.len(), 2);
    assert!(lib.issue(&good.id()).is_ok());
    assert_eq!(lib.problems.len(), 4);
    for (name, bytes, line, col) in &files {
        let p = lib
            .problems
            .iter()
            .find(|p| p.path.ends_with(name))
            .unwrap();
        let msg = p.message(Lang::En);
        match &p.kind {
            ProblemKind::Decode(DecodeError::Parse {
                line: l, col: c, ..
            }) => {
                assert_eq!(*l, *line, "{msg}");
                assert_eq!(*c, *col, "{msg}");
                assert!(
                    msg.starts_with(&format!("{}:{l}:{c}: ", p.path.display())),
                    "{msg}"
                );
            }
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(&fs::read(issues.join(name)).unwrap(), bytes);
    }
    let not_utf8 = lib
        .problems
        .iter()
        .find(|p| p.path.ends_with("2020-004.ron"))
        .unwrap();
    assert_eq!(
        not_utf8.kind,
        ProblemKind::NotUtf8 {
            offset: bad_at,
            line: 3
        }
    );
    let msg = not_utf8.message(Lang::En);
    assert!(
        msg.contains(&format!(
            "2020-004.ron:3: not UTF-8 text (from byte {bad_at},"
        )),
        "{msg}"
    );
}

#[test]
fn a_broken_file_is_never_written_over() {
    let (dir, _) = temp_library();
    let root = dir.path().join("lib");
    let path = root.join("issues/2024-001.ron");
    fs::write(&path, "(schema: 1, garbage").unwrap();
    let mut lib = Library::open(&root).unwrap();
    assert_eq!(lib.problems.len(), 1);
    let err = lib.insert(minimal_issue()).unwrap_err();
    assert!(matches!(err, StoreError::Exists(_)), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "(schema: 1, garbage");
    // Nor can another issue be renamed onto it.
    let mut other = minimal_issue();
    other.number = 2;
    let id = lib.insert(other.clone()).unwrap();
    other.number = 1;
    assert!(lib.save(&id, other).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), "(schema: 1, garbage");
}

#[test]
fn a_newer_schema_is_refused_and_not_rewritten() {
    let (dir, _) = temp_library();
    let root = dir.path().join("lib");
    let path = root.join("issues/2030-001.ron");
    let text = codec::encode_issue(&minimal_issue())
        .replace("schema: 1,", "schema: 99,")
        .replace("issuer: \"\",", "issuer: \"\",\n    future_field: true,");
    fs::write(&path, &text).unwrap();
    let lib = Library::open(&root).unwrap();
    assert_eq!(lib.len(), 1);
    let p = &lib.problems[0];
    assert_eq!(
        p.kind,
        ProblemKind::Decode(DecodeError::NewerSchema { found: 99 })
    );
    assert!(p.message(Lang::Zh).contains("99"));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_broken_settings_file_is_reported_and_defaults_are_used() {
    let (dir, _) = temp_library();
    let root = dir.path().join("lib");
    fs::write(root.join(SETTINGS_FILE), "(schema: 1, bulletin: ").unwrap();
    let lib = Library::open(&root).unwrap();
    assert_eq!(lib.settings, Settings::default());
    assert_eq!(lib.problems.len(), 1);
    // Saving names the problem instead of writing over the file.
    match lib.save_settings() {
        Err(StoreError::Load(p)) => assert_eq!(p, lib.problems[0]),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        fs::read_to_string(root.join(SETTINGS_FILE)).unwrap(),
        "(schema: 1, bulletin: "
    );
}

#[test]
fn saving_with_a_new_number_renames_the_file() {
    let (dir, mut lib) = temp_library();
    let id = lib.insert(minimal_issue()).unwrap();
    let mut changed = lib.issue(&id).unwrap().into_owned();
    changed.number = 5;
    changed.issuer = "新单位".into();
    let new_id = lib.save(&id, changed).unwrap();
    assert_eq!(new_id.to_string(), "2024-005");
    let issues = dir.path().join("lib/issues");
    assert!(!issues.join("2024-001.ron").exists());
    let back = Library::open(&dir.path().join("lib")).unwrap();
    assert_eq!(back.issue(&new_id).unwrap().issuer, "新单位");
    assert!(!back.contains(&id));
}

#[test]
fn two_files_with_the_same_issue_keep_the_first_and_report_the_second() {
    let (dir, mut lib) = temp_library();
    let id = lib.insert(minimal_issue()).unwrap();
    let issues = dir.path().join("lib/issues");
    fs::copy(issues.join("2024-001.ron"), issues.join("copy.ron")).unwrap();
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    assert!(lib.contains(&id));
    assert_eq!(lib.problems.len(), 1);
    assert!(matches!(lib.problems[0].kind, ProblemKind::Duplicate(_)));
}

#[test]
fn create_next_numbers_from_the_library() {
    let (_dir, mut lib) = temp_library();
    let date = "2023-11-30".parse().unwrap();
    let id = lib.create_next(None, date, false).unwrap().id;
    assert_eq!(id.to_string(), "2023-026");
    let issue = lib.issue(&id).unwrap();
    assert_eq!(issue.sections.len(), 3);
    assert_eq!(issue.article_count(), 0);
    let s = lib.create_next(None, date, true).unwrap().id;
    assert_eq!(s.to_string(), "2023-S01");
    let next_year = lib
        .create_next(Some(&id), "2024-01-04".parse().unwrap(), false)
        .unwrap()
        .id;
    assert_eq!(next_year.to_string(), "2024-001");
    assert!(matches!(
        lib.create_next(Some(&IssueId::new(1999, 1, false)), date, false),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn a_supplement_is_listed_among_the_regular_issues_by_its_date() {
    let (_dir, mut lib) = temp_library();
    let d = |s: &str| s.parse().unwrap();
    // 2023-025 is dated 2023-11-23.
    lib.create_next(None, d("2023-06-01"), true).unwrap(); // S01
    lib.create_next(None, d("2023-11-30"), false).unwrap(); // 026
    lib.create_next(None, d("2023-11-30"), true).unwrap(); // S02, same day
    lib.create_next(None, d("2023-12-20"), true).unwrap(); // S03
    lib.create_next(None, d("2024-01-04"), false).unwrap(); // 2024-001
    let order: Vec<String> = lib.newest_first().map(|(id, _)| id.to_string()).collect();
    assert_eq!(
        order,
        [
            "2024-001", "2023-S03", "2023-S02", "2023-026", "2023-025", "2023-S01"
        ]
    );
}

#[test]
fn trashed_issues_can_be_restored() {
    let (dir, mut lib) = temp_library();
    let id = *lib.entries().next().unwrap().0;
    assert!(lib.trashed().unwrap().is_empty());
    let trashed = lib.trash(&id).unwrap();
    assert!(trashed.starts_with(dir.path().join("lib/trash")));
    assert!(!lib.contains(&id));
    let listed = lib.trashed().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, trashed);
    assert_eq!(listed[0].issue.as_ref().unwrap().id(), id);
    let age = chrono::Local::now().naive_local() - listed[0].deleted.unwrap();
    assert!(age.num_seconds().abs() < 60, "{age}");
    assert!(Library::open(&dir.path().join("lib")).unwrap().is_empty());
    // A file renamed by hand is still listed, whatever its name holds.
    let odd = trashed.with_file_name("2023-025.v2第二十五期.ron");
    fs::copy(&trashed, &odd).unwrap();
    let listed = lib.trashed().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().any(|t| t.path == odd && t.deleted.is_none()));
    fs::remove_file(&odd).unwrap();
    let back = lib.restore(&trashed).unwrap();
    assert_eq!(back, id);
    assert!(!trashed.exists());
    assert_eq!(Library::open(&dir.path().join("lib")).unwrap().len(), 1);
}
