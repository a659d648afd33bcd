//! The command line as a user runs it: the real binary on a temporary library.

mod common;

use common::{jianbao, stderr, stdout};
use std::fs;

#[test]
fn first_run_lists_the_sample_issue() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let out = jianbao(&lib, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("2023-025  第25期  2023-11-23  草稿  7篇  "),
        "{text}"
    );
    assert!(lib.join("issues/2023-025.ron").is_file());
}

#[test]
fn new_numbers_on_and_carries_the_masthead_over() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
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
    assert_eq!(
        ids,
        ["2024-S01", "2024-002", "2024-001", "2023-026", "2023-025"]
    );
}

#[test]
fn list_json_is_machine_readable() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
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
    let zh = jianbao(&lib, &["--help"]);
    assert!(zh.status.success());
    assert!(stdout(&zh).contains("用法"));
    assert!(stdout(&zh).contains("列出简报库中的各期"));
    let en = jianbao(&lib, &["--lang", "en", "new", "--help"]);
    assert!(stdout(&en).contains("Usage"));
    assert!(stdout(&en).contains("Create the next issue"));
    let v = jianbao(&lib, &["--version"]);
    assert!(stdout(&v).starts_with("jianbao "));
}
