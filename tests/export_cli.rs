//! `jianbao export` as a user runs it: the real binary on a temporary library.

mod common;

use common::{jianbao, library_with_fixture_fonts, stderr, stdout};
use std::fs;

#[test]
fn every_format_goes_to_the_exports_folder() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    // The PDF in the faces committed for the tests: no installed font needed.
    library_with_fixture_fonts(&lib);
    for (format, start) in [
        ("docx", &b"PK"[..]),
        ("pdf", b"%PDF-"),
        ("html", b"<!DOCTYPE html>"),
        ("md", b"---\nbulletin:"),
        ("txt", "文明创建简报\n".as_bytes()),
    ] {
        let out = jianbao(&lib, &["export", "2023-025", "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let path = lib.join(format!("exports/2023-025.{format}"));
        assert_eq!(stdout(&out), format!("{}\n", path.display()));
        assert!(stderr(&out).contains("已导出 2023-025"), "{}", stderr(&out));
        let bytes = fs::read(&path).unwrap();
        assert!(bytes.starts_with(start), "{format}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{format}");
            let dir_mode = fs::metadata(lib.join("exports"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(dir_mode & 0o777, 0o700);
        }
    }
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(lib.join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
}

#[test]
fn an_existing_file_is_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let target = dir.path().join("简报.txt");
    fs::write(&target, "别人的文件").unwrap();
    let t = target.to_str().unwrap();
    let out = jianbao(&lib, &["export", "2023-025", "-o", t]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("已经存在"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(fs::read_to_string(&target).unwrap(), "别人的文件");

    // The format follows the extension; --force replaces the file.
    let out = jianbao(&lib, &["export", "2023-025", "-o", t, "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{t}\n"));
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("文明创建简报\n第25期\n")
    );

    // The default path is protected the same way.
    assert!(jianbao(&lib, &["export", "2023-025"]).status.success());
    let again = jianbao(&lib, &["export", "2023-025"]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn output_into_a_folder_and_without_contents() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let outdir = dir.path().join("out");
    fs::create_dir(&outdir).unwrap();
    let out = jianbao(
        &lib,
        &[
            "export",
            "2023-025",
            "-f",
            "markdown",
            "--no-contents",
            "-o",
            outdir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(outdir.join("2023-025.md")).unwrap();
    assert!(text.contains("## 经验交流"));
    let out = jianbao(
        &lib,
        &[
            "export",
            "2023-025",
            "-f",
            "txt",
            "--no-contents",
            "-o",
            outdir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let text = fs::read_to_string(outdir.join("2023-025.txt")).unwrap();
    assert!(!text.contains("本期要目"));
    assert!(text.contains("【经验交流】"));
}

#[test]
fn unknown_issues_formats_and_folders_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let out = jianbao(&lib, &["export", "1999-001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("没有这一期：1999-001"),
        "{}",
        stderr(&out)
    );
    assert!(!lib.join("exports/1999-001.docx").exists());

    let out = jianbao(&lib, &["export", "2023-025", "--format", "odt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("不支持的导出格式"),
        "{}",
        stderr(&out)
    );

    let out = jianbao(&lib, &["export", "2023-x"]);
    assert_eq!(out.status.code(), Some(2));

    let missing = dir.path().join("no/such/dir/a.docx");
    let out = jianbao(
        &lib,
        &["export", "2023-025", "-o", missing.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("无法写入"), "{}", stderr(&out));
}

#[test]
fn bad_print_settings_get_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let settings = fs::read_to_string(lib.join("library.ron")).unwrap();
    let broken = settings.trim_end().trim_end_matches(')').to_string()
        + "    export: (margin_left_mm: 120, margin_right_mm: 80),\n)\n";
    fs::write(lib.join("library.ron"), broken).unwrap();
    let out = jianbao(&lib, &["export", "2023-025"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("页边距"), "{}", stderr(&out));
}

#[test]
fn export_help_is_translated() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let out = jianbao(&lib, &["export", "--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("覆盖已有的同名文件"), "{text}");
    assert!(text.contains("--format <docx|pdf|html|md|txt>"), "{text}");
    let out = jianbao(&lib, &["--lang", "en", "export", "--help"]);
    assert!(stdout(&out).contains("Overwrite an existing file"));
}

#[test]
fn plain_text_wraps_at_the_width_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let target = dir.path().join("简报.txt");
    let t = target.to_str().unwrap();
    let out = jianbao(&lib, &["export", "2023-025", "-o", t, "--wrap", "40"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(&target).unwrap();
    assert!(text.lines().count() > 100, "{text}");
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 40, "{line}");
    }
    assert!(
        text.contains("\n　　11月22日，全市创文创卫工作推进会召\n"),
        "{text}"
    );

    // Too narrow, or not a number: a usage error that says what is wanted.
    for bad in ["9", "0", "10.5", "四十", "1001"] {
        let out = jianbao(&lib, &["export", "2023-025", "-f", "txt", "--wrap", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains("--wrap 应为 10 到 1000 之间的整数"),
            "{}",
            stderr(&out)
        );
    }
    // --wrap alone means plain text; only plain text wraps.
    let out = jianbao(&lib, &["export", "2023-025", "--wrap", "72"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(lib.join("exports/2023-025.txt")).unwrap();
    assert!(
        text.lines()
            .any(|l| unicode_width::UnicodeWidthStr::width(l) == 72)
    );
    let out = jianbao(&lib, &["export", "2023-025", "-f", "docx", "--wrap", "40"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("只用于纯文本"), "{}", stderr(&out));
    assert!(!lib.join("exports/2023-025.docx").exists());

    // The width can also be set once in library.ron; a bad one is reported.
    let settings = fs::read_to_string(lib.join("library.ron")).unwrap();
    let with = |w: u32| {
        settings.trim_end().trim_end_matches(')').to_string()
            + &format!("    export: (text_wrap: Some({w})),\n)\n")
    };
    fs::write(lib.join("library.ron"), with(30)).unwrap();
    let out = jianbao(&lib, &["export", "2023-025", "-o", t, "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(&target).unwrap();
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 30)
    );
    fs::write(lib.join("library.ron"), with(5)).unwrap();
    let out = jianbao(&lib, &["export", "2023-025", "-o", t, "--force"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("text_wrap"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_never_replaced_and_dash_is_standard_output() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let fifo = dir.path().join("pipe");
    let name = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    for force in [false, true] {
        let mut args = vec!["export", "2023-025", "--format", "txt", "-o"];
        args.push(fifo.to_str().unwrap());
        if force {
            args.push("--force");
        }
        let out = jianbao(&lib, &args);
        assert_eq!(out.status.code(), Some(1), "force {force}");
        assert!(stderr(&out).contains("不是普通文件"), "{}", stderr(&out));
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
    let out = jianbao(&lib, &["export", "2023-025", "--format", "txt", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("文明创建简报\n"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("市委统战部实施四项举措"));
    assert!(!lib.join("-").exists() && !std::path::Path::new("-").exists());
}

#[test]
fn an_output_extension_that_names_no_format_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    for name in ["z.rtf", "z.doc"] {
        let target = dir.path().join(name);
        let out = jianbao(
            &lib,
            &["export", "2023-025", "-o", target.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(1), "{name}");
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            stderr(&out).contains(&format!(
                "不支持的导出格式：{ext}（可用 docx、pdf、html、md、txt）"
            )),
            "{}",
            stderr(&out)
        );
        assert!(!target.exists());
    }
    // Without an extension, or with --format, the name is the clerk's choice.
    let plain = dir.path().join("简报");
    let out = jianbao(&lib, &["export", "2023-025", "-o", plain.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read(&plain).unwrap().starts_with(b"PK"));
    let forced = dir.path().join("z.doc");
    let out = jianbao(
        &lib,
        &[
            "export",
            "2023-025",
            "--format",
            "txt",
            "-o",
            forced.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}
