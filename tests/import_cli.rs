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
    common::new_library(&lib);
    // Create the library (with its sample issue 2023-025).
    common::new_library(&lib);
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

/// The bytes of every issue file, to see that nothing was written.
fn snapshot(lib: &Path) -> Vec<(String, Vec<u8>)> {
    issue_files(lib)
        .into_iter()
        .map(|n| {
            let bytes = fs::read(lib.join("issues").join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

#[test]
fn a_dry_run_shows_the_structure_and_writes_nothing() {
    let (_dir, lib) = setup();
    let before = snapshot(&lib);
    let fugou = fixture("fugou-wenming-2024-03-15.txt");
    let out = jianbao(&lib, &["import", "--dry-run", &fugou]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out);
    for line in [
        "预览，未写入任何文件：",
        "将新建 2024-003，第3期（总第57期）：3个栏目，6篇，10段，674字",
        "报头：扶沟县文明创建简报｜第3期（总第57期）｜扶沟县文明办｜2024-03-15",
        "【工作部署】",
        "  全县召开2024年文明城市 / 创建工作推进会（扶沟县文明办）  3段，225字",
        "  〔简讯〕县图书馆举办读书分享会  1段，51字",
        "版记：报：市文明办；送：县委、县人大、县政府、县政协有关领导；",
        "3 篇简讯的标题取自其第一句",
        "整理：合并硬换行 20 处；删去页码 4 个；删去重复的页眉 3 行；",
    ] {
        assert!(shown.contains(line), "{line}\n{shown}");
    }
    assert_eq!(snapshot(&lib), before);
    // The same for articles to add to an issue.
    let out = jianbao(&lib, &["import", "--dry-run", &fugou, "--into", "2023-025"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("将向 2023-025 加入 6篇，10段，674字："),
        "{}",
        stdout(&out)
    );
    assert_eq!(snapshot(&lib), before);
    // What would be refused is refused the same.
    let out = jianbao(&lib, &["import", "--dry-run", &fugou]);
    assert!(out.status.success());
    assert!(jianbao(&lib, &["import", &fugou]).status.success());
    let out = jianbao(&lib, &["import", "--dry-run", &fugou]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("2024-003 已经存在"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn another_offices_bulletin_gets_nothing_from_the_library() {
    let (_dir, lib) = setup();
    // A statistics bulletin with no closing block: the library's (报/送/发,
    // 共印80份) is not added, and the summary says so.
    let tongji = format!(
        "{}/tests/fixtures/bulletins/tongji-xinxi-2024-03.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = jianbao(&lib, &["import", &tongji]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("文中没有版记，按外单位简报导入，不用简报库设置的版记"),
        "{err}"
    );
    assert!(
        err.contains("没有栏目标题的文章放入栏目“工作动态”"),
        "{err}"
    );
    let i = issue(&lib, "2024-003");
    assert_eq!(i.closing, Default::default());
    assert_eq!(
        (i.bulletin.as_str(), i.issuer.as_str()),
        ("统计信息", "叶县统计局")
    );
    // Asked to, the library fills it, and the summary lists it.
    fs::remove_file(lib.join("issues/2024-003.ron")).unwrap();
    let out = jianbao(&lib, &["import", "--fill", &tongji]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("文中没有版记，用简报库设置的版记（5 行）"),
        "{}",
        stderr(&out)
    );
    assert_eq!(issue(&lib, "2024-003").closing.copies, Some(80));
    // The clerk's own text (the library's unit) is filled unasked.
    let out = jianbao(
        &lib,
        &["import", &fixture("zhoukou-wenming-2023-11-23.txt")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("文中没有简报名称，用简报库设置的“文明创建简报”"),
        "{err}"
    );
    assert!(err.contains("用简报库设置的版记"), "{err}");
    // --no-fill keeps it to the text.
    let out = jianbao(
        &lib,
        &[
            "import",
            "--no-fill",
            &fixture("zhoukou-wenming-2023-11-23.txt"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    let i = issue(&lib, &id);
    assert_eq!(i.bulletin, "");
    assert_eq!(i.closing, Default::default());
    assert!(stderr(&out).contains("文中没有简报名称，按外单位简报导入，留空"));
    // --fill and --no-fill exclude each other, and --into fills nothing.
    let out = jianbao(&lib, &["import", "--fill", "--no-fill", &tongji]);
    assert_eq!(out.status.code(), Some(2));
    let out = jianbao(&lib, &["import", "--fill", &tongji, "--into", "2023-025"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_masthead_and_contents_alone_are_refused_with_what_was_found() {
    let (dir, lib) = setup();
    let path = dir.path().join("目录.txt");
    fs::write(
        &path,
        "文明创建简报\n第25期\n周口市文明办　　2023年11月23日\n本期要目\n【工作动态】\n全市创文创卫工作推进会召开\n【经验交流】\n市委统战部实施四项举措\n扶沟县白潭镇倡导移风易俗\n",
    )
    .unwrap();
    let out = jianbao(&lib, &["import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "只找到报头（文明创建简报，第25期，周口市文明办，2023-11-23），目录 3 条，没有找到文章正文，未导入。"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(issue_files(&lib), ["2023-025.ron"]);
}

#[test]
fn files_that_are_no_bulletin_are_refused_by_their_content() {
    let (dir, lib) = setup();
    for (name, bytes, says) in [
        (
            "旧简报.doc",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            "这是旧版 Word 或 WPS 文件（.doc、.wps），不是可导入的文字。请在 Word 或 WPS 中另存为 .docx 再导入。",
        ),
        (
            // Named .txt, but a zip.
            "简报.txt",
            b"PK\x03\x04\x14\0\0\0photos/a.jpg".to_vec(),
            "这是一个 zip 压缩包，不是可导入的文字。请先解压，再导入其中的简报文件。",
        ),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = jianbao(&lib, &["import", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
    }
    assert_eq!(issue_files(&lib), ["2023-025.ron"]);
}
