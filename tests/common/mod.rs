#![allow(dead_code)]

//! Helpers shared by the command-line tests: the real binary on a
//! temporary library, in Chinese.

use std::path::Path;
use std::process::{Command, Output};

/// The command `jianbao --library LIB ARGS…` in Chinese, not yet run.
pub fn command(lib: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jianbao"));
    c.arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("JIANBAO_LIBRARY")
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// Creates a library with its sample issue at `lib`, as the first run of
/// the editor does (commands that only read do not create one).
pub fn new_library(lib: &Path) {
    jianbao::store::Library::open(lib).expect("create the library");
}

pub fn jianbao(lib: &Path, args: &[&str]) -> Output {
    command(lib, args).output().expect("run jianbao")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[cfg(unix)]
pub mod pty;

/// The sample issue (assets/sample-issue.ron).
pub fn sample() -> jianbao::model::Issue {
    jianbao::store::codec::decode_issue(jianbao::store::SAMPLE_ISSUE).unwrap()
}

/// The synthetic Fugou bulletin of the fixtures.
pub fn fugou() -> jianbao::model::Issue {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fugou-wenming-2024-03-15.ron");
    jianbao::store::codec::decode_issue(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The Chinese faces committed for the tests (subsets of Noto Serif CJK
/// SC and Noto Sans CJK SC, see tests/fixtures/fonts/make.py): PDF exports
/// set in them need no installed font.
pub fn fixture_fonts() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts")
}

/// Makes the library at `lib` (with the sample issue) and has its PDF
/// exports set in the fixture faces: copied into `lib/fonts`, named in
/// library.ron as `font_files: ["fonts"]` (relative to the library).
pub fn library_with_fixture_fonts(lib: &Path) {
    assert!(jianbao(lib, &["list"]).status.success());
    let fonts = lib.join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    for f in std::fs::read_dir(fixture_fonts()).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|e| e == "otf") {
            std::fs::copy(&f, fonts.join(f.file_name().unwrap())).unwrap();
        }
    }
    name_font_files(lib, &["fonts"]);
}

/// Names `files` as the `font_files` of the library at `lib` (made
/// already, its library.ron without an export section).
pub fn name_font_files(lib: &Path, files: &[&str]) {
    let settings = std::fs::read_to_string(lib.join("library.ron")).unwrap();
    assert!(!settings.contains("export:"), "{settings}");
    let list: Vec<String> = files.iter().map(|f| format!("{f:?}")).collect();
    let with_fonts = settings.trim_end().trim_end_matches(')').to_string()
        + &format!("    export: (font_files: [{}]),\n)\n", list.join(", "));
    std::fs::write(lib.join("library.ron"), with_fonts).unwrap();
}
