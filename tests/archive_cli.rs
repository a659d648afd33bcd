//! `jianbao search` and the library index, as a user (or git) meets them:
//! the real binary on a temporary library.

mod common;

use common::{jianbao, stderr, stdout};
use std::fs;
use std::path::Path;
use std::process::Command;

const SAMPLE: &str = "issues/2023-025.ron";

fn search(lib: &Path, args: &[&str]) -> (String, String) {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    let out = jianbao(lib, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    (stdout(&out), stderr(&out))
}

fn json(lib: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let out = jianbao(lib, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(lib: &Path, words: &str) -> Vec<String> {
    json(lib, &[words])["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs jianbao, which must end with exit code `code`; what it printed
/// (standard output, then error).
fn failure(lib: &Path, args: &[&str], code: i32) -> String {
    let out = jianbao(lib, args);
    let said = stdout(&out) + &stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{said}");
    said
}

fn set_modified(path: &Path, when: std::time::SystemTime) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(when).unwrap();
}

fn git(lib: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(lib)
        .args([
            "-c",
            "user.name=clerk",
            "-c",
            "user.email=clerk@example.org",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", lib.parent().unwrap())
        .output()
        .expect("git (installed by .ci/run) runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn search_lists_issue_section_title_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    // A title match: the title is the line, on the first row.
    let (out, err) = search(&lib, &["白潭镇"]);
    assert_eq!(
        out,
        "2023-025  第25期  2023-11-23  【经验交流】扶沟县白潭镇倡导移风易俗 破除陈规陋习\n"
    );
    assert_eq!(err, "找到 1 篇文章。\n");
    // A body match: the paragraph, indented, under it.
    let (out, _) = search(&lib, &["红白理事会", "33个行政村"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[1].starts_with("    二是红白理事会"), "{out}");
    // Nothing: said on stderr, not an error.
    let (out, err) = search(&lib, &["没有这个词"]);
    assert_eq!(out, "");
    assert_eq!(err, "没有找到“没有这个词”。\n");
}

#[test]
fn search_json_gives_positions_in_characters() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let v = json(&lib, &["倡导", "\"移风易俗\""]);
    assert_eq!(v["query"], serde_json::json!(["倡导", "移风易俗"]));
    let r = &v["results"][0];
    assert_eq!(r["id"], "2023-025");
    assert_eq!(r["number"], 25);
    assert_eq!(r["section"], "经验交流");
    assert_eq!(r["line"]["kind"], "title");
    let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
    let found: Vec<String> = r["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let (s, e) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            text[s..e].iter().collect()
        })
        .collect();
    assert_eq!(found, ["倡导移风易俗"]);
    let body = json(&lib, &["统战知识大讲堂"]);
    assert_eq!(
        body["results"][0]["line"],
        serde_json::json!({"kind": "paragraph", "index": 2})
    );
}

#[test]
fn search_filters_and_bad_options() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    assert_eq!(ids(&lib, "文明").len(), 7);
    let narrowed = json(
        &lib,
        &[
            "文明",
            "--section",
            "【文明时讯】",
            "--status",
            "草稿",
            "--year",
            "2023",
        ],
    );
    assert_eq!(narrowed["results"].as_array().unwrap().len(), 4);
    assert_eq!(
        json(&lib, &["文明", "--year", "2022"])["results"],
        serde_json::json!([])
    );
    assert_eq!(
        json(&lib, &["文明", "--status", "signed"])["results"],
        serde_json::json!([])
    );
    for (option, value, says) in [
        ("--status", "done", "不认识的状态：done"),
        ("--year", "23", "年份应为四位数字"),
    ] {
        let said = failure(&lib, &["search", "文明", option, value], 2);
        assert!(said.contains(says), "{said}");
    }
    failure(&lib, &["search"], 2);
    let said = failure(&lib, &["search", " "], 1);
    assert!(said.contains("请给出要找的词"), "{said}");
}

#[test]
fn the_index_follows_hand_edits_git_checkouts_deletions_and_other_processes() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    assert_eq!(ids(&lib, "白潭镇"), ["2023-025"]);
    git(&lib, &["init", "-q"]);
    git(&lib, &["add", "-A"]);
    git(&lib, &["commit", "-qm", "sample"]);
    // The index is not the bulletin's: git does not see it.
    assert!(lib.join(".state/index/catalog").is_file());
    assert_eq!(git(&lib, &["status", "--porcelain"]), "");

    // A hand edit (same length: only the content differs).
    let path = lib.join(SAMPLE);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("白潭镇", "练寺镇")).unwrap();
    assert_eq!(ids(&lib, "白潭镇"), Vec::<String>::new());
    assert_eq!(ids(&lib, "练寺镇"), ["2023-025"]);
    git(&lib, &["commit", "-qam", "edit"]);

    // git checkout of the older version.
    git(&lib, &["checkout", "-q", "HEAD~1", "--", SAMPLE]);
    assert_eq!(ids(&lib, "白潭镇"), ["2023-025"]);
    assert_eq!(ids(&lib, "练寺镇"), Vec::<String>::new());
    git(&lib, &["checkout", "-q", "HEAD", "--", SAMPLE]);
    assert_eq!(ids(&lib, "练寺镇"), ["2023-025"]);

    // Another process adds an issue: found, and listed.
    let contribution = dir.path().join("稿件.txt");
    fs::write(
        &contribution,
        "关于鹿邑县志愿服务的情况报告\n\n本月以来，鹿邑县扎实推进文明创建，开展志愿服务活动。\n",
    )
    .unwrap();
    let out = jianbao(&lib, &["import", contribution.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let new_id = stdout(&out).trim().to_string();
    assert_eq!(ids(&lib, "鹿邑县 志愿服务"), std::slice::from_ref(&new_id));
    assert!(stdout(&jianbao(&lib, &["list"])).contains(&new_id));

    // Deleted: gone from search and list.
    fs::remove_file(lib.join(SAMPLE)).unwrap();
    assert_eq!(ids(&lib, "练寺镇"), Vec::<String>::new());
    let list = stdout(&jianbao(&lib, &["list"]));
    assert!(!list.contains("2023-025"), "{list}");
    assert_eq!(git(&lib, &["status", "--porcelain", "--", ".state"]), "");
}

#[test]
fn a_damaged_index_is_rebuilt_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let before = stdout(&jianbao(&lib, &["list"]));
    let (found, _) = search(&lib, &["红白理事会"]);
    let index = lib.join(".state/index");
    for name in ["catalog", "text-2023"] {
        let path = index.join(name);
        let mut bytes = fs::read(&path).unwrap();
        let mid = bytes.len() / 2;
        bytes.truncate(mid);
        bytes.extend_from_slice(b"\0garbage");
        fs::write(&path, bytes).unwrap();
    }
    let list = jianbao(&lib, &["list"]);
    assert_eq!(stdout(&list), before);
    assert_eq!(stderr(&list), "");
    let (again, err) = search(&lib, &["红白理事会"]);
    assert_eq!(again, found);
    assert_eq!(err, "找到 1 篇文章。\n");
    let check = jianbao(&lib, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    // Or removed altogether.
    fs::remove_dir_all(&index).unwrap();
    assert_eq!(stdout(&jianbao(&lib, &["list"])), before);
    assert_eq!(search(&lib, &["红白理事会"]).0, found);
}

#[test]
fn check_reads_every_file_even_those_the_index_vouches_for() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let path = lib.join(SAMPLE);
    common::new_library(&lib);
    // Damaged behind the index's back: same size, same time (an old file).
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    set_modified(&path, old);
    common::new_library(&lib);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("schema: 1,", "schema: 1;", 1)).unwrap();
    set_modified(&path, old);
    let said = failure(&lib, &["check"], 1);
    assert!(said.contains("2023-025.ron:2:"), "{said}");
    // Opening it says why, too.
    let said = failure(
        &lib,
        &["export", "2023-025", "-o", "-", "--format", "txt"],
        1,
    );
    assert!(said.contains("2023-025.ron:2:"), "{said}");
}

#[test]
fn search_names_the_files_it_could_not_search() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    fs::write(lib.join("issues/2023-026.ron"), "(schema: 1, 白潭镇").unwrap();
    let (out, err) = search(&lib, &["白潭镇"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(err.contains("有问题的文件："), "{err}");
    assert!(err.contains("2023-026.ron:1:"), "{err}");
}
