//! The inbox from the command line: each format end to end (submit →
//! inbox → adopt → article with source → stats), files dropped by hand,
//! a decline kept with its reason, a signed issue refusing, duplicates and
//! the JSON list.

mod common;

use common::{jianbao, stderr, stdout};
use std::fs;
use std::path::{Path, PathBuf};

fn ok(lib: &Path, args: &[&str]) -> (String, String) {
    let out = jianbao(lib, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    (stdout(&out), stderr(&out))
}

fn fails(lib: &Path, args: &[&str]) -> String {
    let out = jianbao(lib, args);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stdout(&out));
    stderr(&out)
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inbox")
        .join(name)
        .display()
        .to_string()
}

fn library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    (dir, lib)
}

fn issue(lib: &Path) -> jianbao::model::Issue {
    let text = fs::read_to_string(lib.join("issues/2023-025.ron")).unwrap();
    jianbao::store::codec::decode_issue(&text).unwrap()
}

#[test]
fn each_format_from_submission_to_article_and_statistics() {
    let (_d, lib) = library();
    let (out, _) = ok(&lib, &["submit", &fixture("白潭镇倡导文明新风.txt")]);
    assert_eq!(
        out,
        "收文 1：白潭镇倡导文明新风.txt（扶沟县文明办，据来源行）\n"
    );
    let (out, _) = ok(
        &lib,
        &["submit", &fixture("郸城县来稿.docx"), "--note", "请审阅"],
    );
    assert_eq!(
        out,
        "收文 2：郸城县来稿.docx（郸城县文明办，据 Word 作者）\n"
    );
    let (out, _) = ok(
        &lib,
        &[
            "submit",
            &fixture("商水县志愿服务.txt"),
            "--unit",
            "商水县委宣传部",
        ],
    );
    assert_eq!(out, "收文 3：商水县志愿服务.txt（商水县委宣传部）\n");
    let (list, _) = ok(&lib, &["inbox"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    assert!(lines[1].contains("郸城县文明办") && lines[1].contains("郸城县开展“文明家庭”评选活动"));
    assert!(
        lines[1].contains("90字") && lines[1].ends_with("新"),
        "{list}"
    );
    // Adopt: a feature into the first section, a brief into 文明时讯.
    let (out, _) = ok(&lib, &["inbox", "adopt", "2", "--into", "2023-025"]);
    assert_eq!(
        out,
        "来稿 2 已采用到 2023-025【工作动态】：郸城县开展“文明家庭”评选活动\n"
    );
    ok(
        &lib,
        &["inbox", "adopt", "白潭镇", "--into", "2023-025", "--brief"],
    );
    let i = issue(&lib);
    let a = i.sections[0].articles.last().unwrap();
    assert_eq!(
        (a.source.as_deref(), a.submission),
        (Some("郸城县文明办"), Some(2))
    );
    let b = i.sections.last().unwrap().articles.last().unwrap();
    assert_eq!(b.kind, jianbao::model::ArticleKind::Brief);
    assert_eq!(
        (b.source.as_deref(), b.submission),
        (Some("扶沟县文明办"), Some(1))
    );
    let (list, _) = ok(&lib, &["inbox"]);
    assert!(
        list.lines().next().unwrap().ends_with("已采用 2023-025"),
        "{list}"
    );
    assert!(lib.join("inbox/decided/郸城县来稿.docx").exists());
    // Declined, the reason kept; the list shows it, show tells it.
    ok(&lib, &["inbox", "decline", "3", "--reason", "与上期重复"]);
    let (show, _) = ok(&lib, &["inbox", "show", "3"]);
    assert!(
        show.contains("不采用") && show.contains("与上期重复"),
        "{show}"
    );
    assert!(show.contains("商水县举办志愿服务活动"), "{show}");
    let (pending, _) = ok(&lib, &["inbox", "--pending"]);
    assert!(pending.starts_with("收件箱是空的"), "{pending}");
    // Statistics: 报送, 采用, 采用率 per unit.
    let (table, _) = ok(&lib, &["stats"]);
    let head = table.lines().next().unwrap();
    assert!(
        head.starts_with("供稿单位") && head.contains("报送") && head.contains("采用率"),
        "{table}"
    );
    let row = |unit: &str| {
        table
            .lines()
            .find(|l| l.starts_with(unit))
            .unwrap_or_else(|| panic!("{unit}: {table}"))
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row("郸城县文明办"), "郸城县文明办 1 1 100.0%");
    assert_eq!(row("商水县委宣传部"), "商水县委宣传部 1 0 0.0%");
    let (csv, _) = ok(&lib, &["stats", "--format", "csv"]);
    assert!(
        csv.starts_with("\u{feff}供稿单位,报送,采用,采用率,"),
        "{csv}"
    );
}

#[test]
fn dropped_files_are_recorded_with_their_units_and_odd_ones_named() {
    let (_d, lib) = library();
    let inbox = lib.join("inbox");
    fs::create_dir_all(&inbox).unwrap();
    for f in [
        "太康县文明办-文明实践.txt",
        "商水县志愿服务.txt",
        "损坏的文件.doc",
    ] {
        fs::copy(fixture(f), inbox.join(f)).unwrap();
    }
    let (list, err) = ok(&lib, &["inbox"]);
    assert!(
        list.contains("太康县文明办") && list.contains("商水县文明办"),
        "{list}"
    );
    assert!(list.contains("（单位不明）"), "{list}");
    assert!(
        err.contains("损坏的文件.doc") && err.contains("不能作为来稿读取"),
        "{err}"
    );
    for f in [
        "太康县文明办-文明实践.txt.ron",
        "商水县志愿服务.txt.ron",
        "损坏的文件.doc.ron",
    ] {
        assert!(inbox.join(f).exists(), "{f}");
    }
    // The unit can be corrected; an unreadable file can be declined.
    let (out, _) = ok(&lib, &["inbox", "unit", "损坏", "西华县文明办"]);
    assert!(out.contains("西华县文明办"), "{out}");
    ok(
        &lib,
        &["inbox", "decline", "损坏", "--reason", "请改发 .docx"],
    );
    assert!(lib.join("inbox/decided/损坏的文件.doc").exists());
    // Wrong names are told, with what would match.
    let err = fails(&lib, &["inbox", "decline", "9", "--reason", "x"]);
    assert!(err.contains("没有来稿 9"), "{err}");
    let err = fails(
        &lib,
        &["inbox", "return", "商水县志愿服务.txt", "--note", " "],
    );
    assert!(err.contains("意见"), "{err}");
    // Submitting an unreadable file copies nothing.
    let err = fails(&lib, &["submit", &fixture("损坏的文件.doc")]);
    assert!(err.contains("损坏的文件.doc"), "{err}");
    assert!(!inbox.join("损坏的文件 (2).doc").exists());
}

#[test]
fn a_signed_issue_refuses_an_adoption() {
    let (_d, lib) = library();
    ok(&lib, &["status", "2023-025", "review"]);
    ok(&lib, &["status", "2023-025", "signed"]);
    ok(&lib, &["submit", &fixture("白潭镇倡导文明新风.txt")]);
    let before = issue(&lib);
    let err = fails(&lib, &["inbox", "adopt", "1", "--into", "2023-025"]);
    assert!(err.contains("已签发") && err.contains("2023-025"), "{err}");
    assert_eq!(issue(&lib), before);
    let (list, _) = ok(&lib, &["inbox"]);
    assert!(list.trim_end().ends_with("新"), "{list}");
}

#[test]
fn duplicates_are_flagged_and_json_tells_everything() {
    let (_d, lib) = library();
    ok(&lib, &["submit", &fixture("白潭镇倡导文明新风.txt")]);
    ok(&lib, &["submit", &fixture("白潭镇倡导文明新风.txt")]);
    ok(&lib, &["inbox", "adopt", "1", "--into", "2023-025"]);
    let (list, _) = ok(&lib, &["inbox"]);
    assert!(
        list.contains("与 2023-025 中已有的文章《扶沟县白潭镇倡导文明新风》相同"),
        "{list}"
    );
    assert!(list.contains("与来稿 1 相同"), "{list}");
    let (json, _) = ok(&lib, &["inbox", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let subs = v["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), 2);
    assert_eq!(subs[0]["state"], "Adopted");
    assert_eq!(subs[0]["adopted_into"], "2023-025");
    assert_eq!(subs[0]["unit"], "扶沟县文明办");
    assert_eq!(subs[1]["file"], "白潭镇倡导文明新风 (2).txt");
    assert_eq!(subs[1]["original"], "白潭镇倡导文明新风.txt");
    assert_eq!(subs[1]["flags"][0]["in_issue"]["issue"], "2023-025");
    assert_eq!(subs[1]["flags"][0]["in_issue"]["percent"], 100);
    // Two offices adopting the same submission (seen after a sync): flagged.
    let i = issue(&lib);
    let copy = i.sections[0].articles.last().unwrap().clone();
    let mut other = i.clone();
    other.number = 26;
    other.sections = vec![jianbao::model::Section {
        title: "工作动态".into(),
        articles: vec![copy],
    }];
    fs::write(
        lib.join("issues/2023-026.ron"),
        jianbao::store::codec::encode_issue(&other),
    )
    .unwrap();
    let (list, _) = ok(&lib, &["inbox"]);
    assert!(
        list.contains("被采用了不止一次：2023-025，2023-026"),
        "{list}"
    );
    // Adopting the duplicate all the same: warned first.
    let (_, err) = ok(&lib, &["inbox", "adopt", "2", "--into", "2023-025"]);
    assert!(
        err.contains("注意：这篇来稿与 2023-025 中已有的文章《扶沟县白潭镇倡导文明新风》相同"),
        "{err}"
    );
}

#[test]
fn read_only_commands_need_a_library() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("none");
    let err = fails(&lib, &["inbox"]);
    assert!(err.contains("这里还没有简报库"), "{err}");
    assert!(!lib.exists());
}
