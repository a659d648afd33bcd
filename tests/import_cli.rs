//! `jianbao import` as a user runs it: the real binary on a temporary library.

mod common;

use common::{jianbao, stderr, stdout};
use jianbao::model::{ArticleKind, Issue};
use jianbao::store::{SAMPLE_ISSUE, codec};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn issue(lib: &Path, id: &str) -> Issue {
    let text = fs::read_to_string(lib.join(format!("issues/{id}.ron"))).unwrap();
    codec::decode_issue(&text).unwrap()
}

fn issue_files(lib: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(lib.join("issues"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    // Create the library (with its sample issue 2023-025).
    assert!(jianbao(&lib, &["list"]).status.success());
    (dir, lib)
}

#[test]
fn a_text_file_becomes_the_next_issue() {
    let (_dir, lib) = setup();
    let out = jianbao(
        &lib,
        &["import", &fixture("zhoukou-wenming-2023-11-23.txt")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "2023-026\n");
    let err = stderr(&out);
    assert!(
        err.starts_with("已导入为 2023-026，第26期：3个栏目，7篇，18段，"),
        "{err}"
    );
    assert!(err.contains("报头：周口市文明办，2023-11-23"), "{err}");
    assert!(err.contains("目录 10 条"), "{err}");
    assert!(err.contains("合并硬换行"), "{err}");
    let imported = issue(&lib, "2023-026");
    let sample = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    assert_eq!(imported.sections, sample.sections);
    assert_eq!(imported.issuer, "周口市文明办");
    assert_eq!(imported.date.to_string(), "2023-11-23");
    let list = stdout(&jianbao(&lib, &["list"]));
    assert!(list.starts_with("2023-026  第26期"), "{list}");
}

#[test]
fn a_gbk_file_is_detected_and_a_wrong_encoding_refused() {
    let (_dir, lib) = setup();
    let gbk = fixture("zhoukou-wenming-2023-11-23.gbk.txt");
    let out = jianbao(&lib, &["import", &gbk, "--encoding", "utf-8"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("不是有效的 UTF-8 编码"),
        "{}",
        stderr(&out)
    );
    assert_eq!(issue_files(&lib), ["2023-025.ron"]);
    let out = jianbao(&lib, &["import", &gbk]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("（gb18030）"), "{}", stderr(&out));
    let sample = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    assert_eq!(issue(&lib, "2023-026").sections, sample.sections);
    let out = jianbao(&lib, &["import", &gbk, "--encoding", "klingon"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_masthead_number_is_used_and_never_overwritten() {
    let (_dir, lib) = setup();
    let fugou = fixture("fugou-wenming-2024-03-15.txt");
    let out = jianbao(&lib, &["import", &fugou]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "2024-003\n");
    let want =
        codec::decode_issue(&fs::read_to_string(fixture("fugou-wenming-2024-03-15.ron")).unwrap())
            .unwrap();
    assert_eq!(issue(&lib, "2024-003"), want);
    let before = fs::read(lib.join("issues/2024-003.ron")).unwrap();
    let out = jianbao(&lib, &["import", &fugou]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("2024-003 已经存在，未覆盖"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(lib.join("issues/2024-003.ron")).unwrap(), before);
}

fn write_docx(path: &Path, paragraphs: &[(&str, bool)]) {
    use docx_rs::{AlignmentType, Docx, Paragraph, Run};
    let mut doc = Docx::new();
    for (text, centred) in paragraphs {
        let mut p = Paragraph::new().add_run(Run::new().add_text(*text));
        if *centred {
            p = p.align(AlignmentType::Center);
        }
        doc = doc.add_paragraph(p);
    }
    let file = fs::File::create(path).unwrap();
    doc.build().pack(file).unwrap();
}

#[test]
fn a_word_article_is_added_to_an_issue() {
    let (dir, lib) = setup();
    let path = dir.path().join("来稿.docx");
    write_docx(
        &path,
        &[
            ("县文明办开展学雷锋志愿服务活动", true),
            (
                "　　3月5日，县文明办组织志愿者走进社区，开展义诊、理发等志愿服务。",
                false,
            ),
            ("　　活动共服务群众 300 余人。", false),
        ],
    );
    let p = path.to_str().unwrap();
    let out = jianbao(
        &lib,
        &["import", p, "--into", "2023-025", "--section", "文明时讯"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "2023-025\n");
    assert!(
        stderr(&out).starts_with("已向 2023-025 加入 1篇，2段，"),
        "{}",
        stderr(&out)
    );
    let i = issue(&lib, "2023-025");
    let section = i.sections.iter().find(|s| s.title == "文明时讯").unwrap();
    let a = section.articles.last().unwrap();
    assert_eq!(a.title, ["县文明办开展学雷锋志愿服务活动"]);
    assert_eq!(a.kind, ArticleKind::Feature);
    assert_eq!(a.paragraphs[1], "活动共服务群众300余人。");
    assert_eq!(i.article_count(), 8);
    // Without --section the articles go to the last section.
    let out = jianbao(&lib, &["import", p, "--into", "2023-025"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(issue(&lib, "2023-025").sections[2].articles.len(), 6);
    // Errors: no such issue, --section without --into, not a Word file.
    let out = jianbao(&lib, &["import", p, "--into", "2030-001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("没有这一期"), "{}", stderr(&out));
    let out = jianbao(&lib, &["import", p, "--section", "文明时讯"]);
    assert_eq!(out.status.code(), Some(2));
    // A Word file cut short (as a failed download leaves it).
    let whole = fs::read(&path).unwrap();
    let fake = dir.path().join("坏的.docx");
    fs::write(&fake, &whole[..whole.len() / 2]).unwrap();
    let out = jianbao(
        &lib,
        &["import", fake.to_str().unwrap(), "--into", "2023-025"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("无法作为 Word 文件读取"),
        "{}",
        stderr(&out)
    );
    assert_eq!(issue(&lib, "2023-025").article_count(), 9);
    // An issue open in an editor (here: locked by this process) is refused.
    let library = jianbao::store::Library::open(&lib).unwrap();
    let id = "2023-025".parse().unwrap();
    let lock = library.lock(&id).unwrap();
    let before = fs::read(lib.join("issues/2023-025.ron")).unwrap();
    let out = jianbao(&lib, &["import", p, "--into", "2023-025"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("正由"), "{}", stderr(&out));
    assert_eq!(fs::read(lib.join("issues/2023-025.ron")).unwrap(), before);
    drop(lock);
    let out = jianbao(&lib, &["import", p, "--into", "2023-025"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn empty_binary_and_missing_files_get_a_clear_message() {
    let (dir, lib) = setup();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let out = jianbao(&lib, &["import", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("文件是空的"), "{}", stderr(&out));
    let blank = dir.path().join("blank.txt");
    fs::write(&blank, "\n  \r\n\t\n").unwrap();
    let out = jianbao(&lib, &["import", blank.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("只有空白"), "{}", stderr(&out));
    let binary = dir.path().join("photo.jpg");
    fs::write(
        &binary,
        [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
        ],
    )
    .unwrap();
    let out = jianbao(&lib, &["import", binary.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    // Refused by its content, with what it is and what to do.
    assert!(
        stderr(&out)
            .contains("这是一张 JPEG 图片，不是可导入的文字。图片里的文字要先做文字识别（OCR）。"),
        "{}",
        stderr(&out)
    );
    let out = jianbao(&lib, &["import", "/nonexistent/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("无法读取"), "{}", stderr(&out));
    assert_eq!(issue_files(&lib), ["2023-025.ron"]);
}

#[test]
fn unstructured_text_is_one_article_and_says_so() {
    let (dir, lib) = setup();
    let path = dir.path().join("会议纪要.txt");
    fs::write(
        &path,
        "11月22日，全市召开推进会，安排部署下一阶段工作。\n会议要求，各单位抓好落实。\n",
    )
    .unwrap();
    let out = jianbao(&lib, &["--lang", "en", "import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("No sections or titles found: the whole text is one article, “会议纪要”"),
        "{err}"
    );
    assert!(err.contains("No date in the text"), "{err}");
    let id = stdout(&out).trim().to_string();
    let i = issue(&lib, &id);
    assert_eq!(i.article_count(), 1);
    assert_eq!(i.sections[0].articles[0].title, ["会议纪要"]);
    assert_eq!(i.sections[0].articles[0].paragraphs.len(), 2);
}

#[test]
fn import_help_is_translated() {
    let (_dir, lib) = setup();
    let zh = stdout(&jianbao(&lib, &["import", "--help"]));
    assert!(zh.contains("把文章加入这一期"), "{zh}");
    let en = stdout(&jianbao(&lib, &["--lang", "en", "import", "--help"]));
    assert!(en.contains("Text encoding"), "{en}");
}
