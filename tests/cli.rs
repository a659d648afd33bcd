//! The command line as a user runs it: the real binary on a temporary library.

mod common;

use common::{jianbao, stderr, stdout};
use std::fs;

#[test]
fn commands_that_read_never_create_a_library_and_new_does() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    for args in [
        &["list"][..],
        &["check"],
        &["export", "2023-025"],
        &["search", "文明"],
        &["import", "--dry-run", "/nonexistent.txt"],
    ] {
        let out = jianbao(&lib, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("这里还没有简报库"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!lib.exists(), "{args:?} created {}", lib.display());
    }
    // `new` (like the editor's first run and `import`) creates it, with
    // the sample issue.
    let out = jianbao(&lib, &["new", "--date", "2023-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = jianbao(&lib, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("2023-026  第26期  2023-11-30  草稿  0篇  "),
        "{text}"
    );
    assert!(
        text.contains("\n2023-025  第25期  2023-11-23  草稿  7篇  "),
        "{text}"
    );
    assert!(lib.join("issues/2023-025.ron").is_file());
}

#[test]
fn new_numbers_on_and_carries_the_masthead_over() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let out = jianbao(&lib, &["new", "--date", "2023-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "2023-026\n");
    let out = jianbao(&lib, &["new", "--date", "2024-01-04"]);
    assert_eq!(stdout(&out), "2024-001\n");
    let out = jianbao(&lib, &["new", "--supplement", "--date", "2024-01-05"]);
    assert_eq!(stdout(&out), "2024-S01\n");
    let out = jianbao(&lib, &["new", "--from", "2023-025", "--date", "2024-01-11"]);
    assert_eq!(stdout(&out), "2024-002\n");
    let text = fs::read_to_string(lib.join("issues/2024-002.ron")).unwrap();
    assert!(text.contains("issuer: \"周口市文明办\""));
    assert!(text.contains("title: \"经验交流\""));
    assert!(text.contains("copies: Some(80)"));

    let list = stdout(&jianbao(&lib, &["list"]));
    let ids: Vec<&str> = list.lines().map(|l| &l[..8]).collect();
    // The supplement of 5 January between the issues of the 4th and 11th.
    assert_eq!(
        ids,
        ["2024-002", "2024-S01", "2024-001", "2023-026", "2023-025"]
    );
}

#[test]
fn list_json_is_machine_readable() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let out = jianbao(&lib, &["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["issues"][0];
    assert_eq!(first["id"], "2023-025");
    assert_eq!(first["articles"], 7);
    assert_eq!(first["date"], "2023-11-23");
    assert!(first["chars"].as_u64().unwrap() > 2500);
    assert_eq!(v["problems"].as_array().unwrap().len(), 0);
}

#[test]
fn check_reports_broken_files_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let out = jianbao(&lib, &["check"]);
    assert!(out.status.success());
    fs::write(lib.join("issues/2024-009.ron"), "(schema: 1,\n  number: x").unwrap();
    let out = jianbao(&lib, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("2024-009.ron:2:"), "{text}");
    // list still shows the good issue and names the broken file.
    let list = stdout(&jianbao(&lib, &["list"]));
    assert!(list.starts_with("2023-025"));
    assert!(list.contains("2024-009.ron:2:"), "{list}");
}

#[test]
fn errors_and_usage_have_their_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let out = jianbao(&lib, &["new", "--from", "1999-001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("没有这一期"), "{}", stderr(&out));
    let out = jianbao(&lib, &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = jianbao(&lib, &["new", "--date", "2023-13-45"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("日期格式不对"), "{}", stderr(&out));
    let notlib = dir.path().join("notlib");
    fs::create_dir(&notlib).unwrap();
    fs::write(notlib.join("x.txt"), "x").unwrap();
    let out = jianbao(&notlib, &["list"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn help_speaks_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let zh = jianbao(&lib, &["--help"]);
    assert!(zh.status.success());
    assert!(stdout(&zh).contains("用法"));
    assert!(stdout(&zh).contains("列出简报库中的各期"));
    let en = jianbao(&lib, &["--lang", "en", "new", "--help"]);
    assert!(stdout(&en).contains("Usage"));
    assert!(stdout(&en).contains("Create the next issue"));
    let v = jianbao(&lib, &["--version"]);
    assert!(stdout(&v).starts_with("jianbao "));
    // `help` as git and cargo have it.
    let help = jianbao(&lib, &["help"]);
    assert!(help.status.success());
    assert_eq!(stdout(&help), stdout(&zh));
    let help_new = jianbao(&lib, &["--lang", "en", "help", "new"]);
    assert_eq!(stdout(&help_new), stdout(&en));
}

#[test]
fn check_mentions_unsaved_text_and_stale_locks_without_failing() {
    use jianbao::store::Library;
    use jianbao::store::recovery::Recovery;
    let dir = tempfile::tempdir().unwrap();
    let lib_dir = dir.path().join("lib");
    let lib = Library::open(&lib_dir).unwrap();
    let id = *lib.entries().next().unwrap().0;
    let mut issue = lib.issue(&id).unwrap().into_owned();
    issue.issuer = "未保存".into();
    Recovery::write(&lib, &id, &issue).unwrap();
    // A lock left by a process that no longer exists.
    fs::create_dir_all(lib_dir.join(".state/locks")).unwrap();
    fs::write(
        lib_dir.join(".state/locks/2023-025.lock"),
        "(id: \"2023-025\", user: \"wang\", host: \"office\", pid: 2147483647, since: \"2024-01-05T09:30:00+08:00\")",
    )
    .unwrap();
    let out = jianbao(&lib_dir, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("未发现问题"), "{text}");
    assert!(text.contains("恢复文件：2023-025 有未保存的修改"), "{text}");
    assert!(
        text.contains("过期的锁：2023-025，wang@office（进程 2147483647）"),
        "{text}"
    );
    // Checking changed nothing.
    assert!(lib_dir.join(".state/recovery/2023-025.ron").exists());
    let lock = fs::read_to_string(lib_dir.join(".state/locks/2023-025.lock")).unwrap();
    assert!(lock.contains("wang"));
    // And the log went to the state directory, not the screen.
    assert!(lib_dir.join(".state/jianbao.log").is_file());
    assert!(!stderr(&out).contains("INFO"));
}

#[test]
fn the_library_can_come_from_the_environment_and_an_empty_variable_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("envlib");
    let run = |value: &std::ffi::OsStr, data_home: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["new", "--date", "2023-11-30"])
            .env("JIANBAO_LIBRARY", value)
            .env("XDG_DATA_HOME", data_home)
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .unwrap()
    };
    let out = run(lib.as_os_str(), &dir.path().join("xdg"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(lib.join("issues/2023-025.ron").is_file());
    // Empty: as if unset, the platform data directory.
    let out = run(std::ffi::OsStr::new(""), &dir.path().join("xdg"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("xdg/jianbao/issues/2023-025.ron").is_file());
}

#[test]
fn files_that_are_not_issues_are_named_with_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let issues = lib.join("issues");
    // A folder where a file should be; a file from a newer jianbao; a file
    // saved in GBK (你 = C4 E3) on line 2; a file renamed by hand.
    fs::create_dir(issues.join("2023-030.ron")).unwrap();
    let sample = fs::read_to_string(issues.join("2023-025.ron")).unwrap();
    fs::write(
        issues.join("2023-031.ron"),
        sample.replace("schema: 1,", "schema: 9,"),
    )
    .unwrap();
    fs::write(
        issues.join("2023-032.ron"),
        b"(\n  bulletin: \"\xc4\xe3\",\n",
    )
    .unwrap();
    fs::write(
        issues.join("2023-036.ron"),
        sample.replace("number: 25,", "number: 99,"),
    )
    .unwrap();

    let out = jianbao(&lib, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("2023-030.ron：这是一个文件夹"), "{text}");
    assert!(text.contains("2023-031.ron：文件格式版本 9"), "{text}");
    assert!(
        text.contains("2023-032.ron:2：不是 UTF-8 编码的文本（第 15 字节起"),
        "{text}"
    );
    assert!(
        text.contains("2023-036.ron：文件名与内容不符，内容是 2023-099"),
        "{text}"
    );

    // The mismatched file is listed under its content and said so.
    let list = stdout(&jianbao(&lib, &["list"]));
    assert!(list.contains("2023-099  第99期"), "{list}");
    assert!(list.contains("有问题的文件："), "{list}");
    assert!(list.contains("文件名与内容不符"), "{list}");

    // Opening a file that fails to load says why, not "no such issue".
    let out = jianbao(&lib, &["open", "2023-031"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("文件格式版本 9"), "{}", stderr(&out));
    let out = jianbao(&lib, &["export", "2023-032"]);
    assert!(stderr(&out).contains("不是 UTF-8"), "{}", stderr(&out));
    let out = jianbao(&lib, &["open", "2023-077"]);
    assert!(stderr(&out).contains("没有"), "{}", stderr(&out));
}

#[test]
fn check_names_unreadable_recovery_files_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let recovery = lib.join(".state/recovery");
    fs::create_dir_all(&recovery).unwrap();
    fs::write(
        recovery.join("2023-025.ron"),
        "(\n    format: 1,\n    id: \"2023-0",
    )
    .unwrap();
    let out = jianbao(&lib, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains(".state/recovery/2023-025.ron:3:"), "{text}");
    assert!(text.contains("无法读取的恢复文件"), "{text}");
    // `check` only reads: the file is where it was.
    assert!(recovery.join("2023-025.ron").exists());
}

#[test]
fn check_lists_temp_files_left_by_a_killed_save() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    // As `kill -9` during a save leaves it: process 4194399 cannot exist.
    let temp = lib.join("issues/.2023-025.ron.4194399-3.tmp");
    let file = fs::File::create(&temp).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(600))
        .unwrap();
    let out = jianbao(&lib, &["check"]);
    let text = stdout(&out);
    assert!(
        text.contains("临时文件：") && text.contains(".2023-025.ron.4194399-3.tmp"),
        "{text}"
    );
    assert!(out.status.success(), "garbage, not damage: {text}");
    assert!(temp.exists(), "check only reads");
}
