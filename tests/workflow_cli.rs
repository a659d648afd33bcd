//! The office's workflow from the command line, without git: statistics
//! against a hand-counted library, numbering across a year boundary and
//! with 增刊, duplicate running totals and over-long articles in `check`,
//! and the wording of refused changes of status.

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
    stdout(&out) + &stderr(&out)
}

/// A library holding the three hand-counted issues of
/// `tests/fixtures/stats` (see its README), the sample issue removed.
fn counted_library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    fs::remove_file(lib.join("issues/2023-025.ron")).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stats");
    for name in ["2023-040.ron", "2023-041.ron", "2024-001.ron"] {
        fs::copy(fixtures.join(name), lib.join("issues").join(name)).unwrap();
    }
    (dir, lib)
}

#[test]
fn stats_by_unit_match_the_hand_count() {
    let (_dir, lib) = counted_library();
    let (table, _) = ok(&lib, &["stats", "--year", "2023"]);
    let want = "\
供稿单位      采用  正文  简讯  字数  期数  所在各期
扶沟县文明办     3     1     2    26     2  2023-040 2023-041
商水县文明办     2     1     1    17     2  2023-040 2023-041
（未注明）       1     0     1     5     1  2023-040
合计             6     2     4    48     2
统计范围：2023-01-01 至 2023-12-31，共 2 期。
其中 1 期尚未签发（草稿或待审），其文章可能还会改动。
“扶沟县文明办”合并了这些写法：（扶沟县文明办），扶沟县 文明办供稿，来源：扶沟县文明办
";
    assert_eq!(table, want);
    // Signed issues only, from a date on.
    let (table, _) = ok(&lib, &["stats", "--signed", "--from", "2023-10-01"]);
    assert!(
        table.contains("合计             4     2     2    34     1"),
        "{table}"
    );
    assert!(
        table.contains("统计范围：2023-10-01 至 不限，共 1 期。"),
        "{table}"
    );
    // CSV for Excel: a BOM, CRLF, quoted where needed.
    let out = jianbao(&lib, &["stats", "--format", "csv", "--to", "2023-12-31"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("\u{feff}供稿单位,采用,正文,简讯,字数,期数,所在各期\r\n"));
    assert!(
        csv.contains("\r\n扶沟县文明办,3,1,2,26,2,2023-040 2023-041\r\n"),
        "{csv}"
    );
    assert!(csv.ends_with("\r\n合计,6,2,4,48,2,\r\n"), "{csv}");
    // JSON for scripts: the whole library.
    let (json, _) = ok(&lib, &["stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["by"], "source");
    assert_eq!(v["issues"], 3);
    assert_eq!(v["unsigned"], 2);
    let first = &v["rows"][0];
    assert_eq!(first["name"], "扶沟县文明办");
    assert_eq!(
        (first["articles"].as_u64(), first["chars"].as_u64()),
        (Some(4), Some(31))
    );
    assert_eq!(
        first["issues"],
        serde_json::json!(["2023-040", "2023-041", "2024-001"])
    );
    assert_eq!(v["total"]["chars"], 53);
}

#[test]
fn stats_by_section_and_month_and_bad_arguments() {
    let (_dir, lib) = counted_library();
    let (table, _) = ok(&lib, &["stats", "--by", "section"]);
    let rows: Vec<&str> = table.lines().take(3).collect();
    assert_eq!(
        rows,
        [
            "栏目      采用  正文  简讯  字数  期数  所在各期",
            "文明时讯     4     0     4    25     2  2023-040 2023-041",
            "工作动态     3     3     0    28     2  2023-040 2024-001",
        ]
    );
    let (table, _) = ok(&lib, &["--lang", "en", "stats", "--by", "month"]);
    let rows: Vec<&str> = table.lines().take(4).collect();
    assert_eq!(
        rows[0],
        "Month    Adopted  Features  Briefs  Chars  Issues  In issues"
    );
    assert!(
        rows[1].starts_with("2023-11        4") && rows[3].starts_with("2024-01        1"),
        "{table}"
    );
    let (empty, _) = ok(&lib, &["stats", "--year", "2020"]);
    assert!(empty.starts_with("这段时间没有任何一期。\n"), "{empty}");
    let err = fails(
        &lib,
        &["stats", "--from", "2024-01-01", "--to", "2023-01-01"],
    );
    assert!(
        err.contains("起始日期 2024-01-01 晚于结束日期 2023-01-01"),
        "{err}"
    );
    let out = jianbao(&lib, &["stats", "--by", "person"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("不认识的取值：person（可用：source, section, month）"),
        "{}",
        stderr(&out)
    );
    let out = jianbao(&lib, &["stats", "--year", "2023", "--from", "2023-01-01"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn numbers_run_on_across_a_year_and_supplements_have_their_own() {
    let (_dir, lib) = counted_library();
    let next = |args: &[&str]| {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        let (id, said) = ok(&lib, &all);
        (id.trim().to_string(), said)
    };
    // 2024 has 第1期 (总第375期): the next follows it, from the whole library.
    let (id, said) = next(&["--date", "2024-01-12", "--from", "2023-040"]);
    assert_eq!(id, "2024-002");
    assert!(said.contains("第2期（总第376期）"), "{said}");
    let (id, said) = next(&["--supplement", "--date", "2024-01-15"]);
    assert_eq!(id, "2024-S01");
    assert!(
        said.contains("增刊第1期") && !said.contains("总第"),
        "{said}"
    );
    let (id, _) = next(&["--supplement", "--date", "2024-02-01"]);
    assert_eq!(id, "2024-S02");
    let (id, said) = next(&["--date", "2024-02-02"]);
    assert_eq!(id, "2024-003");
    assert!(said.contains("（总第377期）"), "{said}");
    // Back in 2023: 第42期, and still the next running total.
    let (id, said) = next(&["--date", "2023-12-29"]);
    assert_eq!(id, "2023-042");
    assert!(said.contains("第42期（总第378期）"), "{said}");
    let (check, _) = ok(&lib, &["check"]);
    assert!(check.contains("未发现问题"), "{check}");
}

#[test]
fn check_flags_a_running_total_printed_twice_and_reports_long_articles() {
    let (_dir, lib) = counted_library();
    let path = lib.join("issues/2024-001.ron");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("total: Some(375)", "total: Some(374)")).unwrap();
    let out = jianbao(&lib, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    assert!(said.contains("总第374期重复：2023-041，2024-001"), "{said}");
    let (list, _) = ok(&lib, &["list"]);
    let flagged: Vec<&str> = list
        .lines()
        .filter(|l| l.contains("！总第374期重复"))
        .collect();
    assert_eq!(flagged.len(), 2, "{list}");
    fs::write(&path, text).unwrap();
    // Briefs of 文明时讯 at most 6 字.
    let settings = lib.join("library.ron");
    let s = fs::read_to_string(&settings).unwrap();
    let s = s.replacen(
        "    closing: (",
        "    section_limits: {\"文明时讯\": 6},\n    closing: (",
        1,
    );
    fs::write(&settings, s).unwrap();
    let (check, _) = ok(&lib, &["check"]);
    let long: Vec<&str> = check.lines().filter(|l| l.contains("超过本栏目")).collect();
    assert_eq!(long.len(), 2, "{check}");
    assert!(
        long[0].ends_with("2023-041【文明时讯】“简讯” 7字，超过本栏目每篇 6 字的上限。"),
        "{}",
        long[0]
    );
    let (shown, _) = ok(&lib, &["show", "2023-041"]);
    assert!(
        shown.contains("  超长：“快讯” 7字，本栏目每篇不超过 6 字"),
        "{shown}"
    );
    let (json, _) = ok(&lib, &["show", "2023-041", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["overlong"][1],
        serde_json::json!({"section": 0, "article": 1, "chars": 7, "limit": 6})
    );
    assert_eq!(v["issue"]["total"], 374);
}

#[test]
fn changes_of_status_say_what_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let err = fails(&lib, &["status", "2023-025", "signed"]);
    assert!(err.contains("2023-025 不能从草稿改为已签发：每次只能前进一步，或退回草稿。现在可以改为：review（待审）"), "{err}");
    let err = fails(&lib, &["status", "2023-025", "草稿"]);
    assert!(err.contains("2023-025 已经是草稿。"), "{err}");
    let (out, _) = ok(&lib, &["--lang", "en", "status", "2023-025", "review"]);
    assert_eq!(out, "2023-025: draft → in review\n");
    let out = jianbao(&lib, &["status", "2023-025", "approved"]);
    assert_eq!(out.status.code(), Some(2));
    let err = fails(&lib, &["status", "2023-099", "review"]);
    assert!(err.contains("2023-099"), "{err}");
    // A signed issue's file is not written by an import into it; the
    // history shows who signed.
    ok(&lib, &["status", "2023-025", "signed"]);
    let (shown, _) = ok(&lib, &["show", "2023-025", "--history"]);
    assert!(shown.contains("状态：已签发（签发：张华；"), "{shown}");
    assert!(
        shown.lines().filter(|l| l.contains(" → ")).count() == 2,
        "{shown}"
    );
}
