//! End to end: searching every issue from the editor, in a real terminal.

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};
use jianbao::store::{Library, codec};

/// The sample library and an older issue of 2022 that also mentions
/// 白潭镇, in a paragraph of its own.
fn library(dir: &std::path::Path) -> std::path::PathBuf {
    let lib = dir.join("lib");
    let mut library = Library::open(&lib).unwrap();
    let mut older = codec::decode_issue(jianbao::store::SAMPLE_ISSUE).unwrap();
    older.number = 10;
    older.date = "2022-06-01".parse().unwrap();
    older.sections.truncate(1);
    older.sections[0].articles[0].paragraphs =
        vec!["第一段。".into(), "去年白潭镇也开了会。".into()];
    library.insert(older).unwrap();
    lib
}

#[test]
fn f12_searches_every_issue_and_enter_opens_the_article_at_the_match() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let mut s = Session::start_sized(&lib, &[], 100, 30);
    s.wait_for("文明创建简报  第25期");
    s.send(F12);
    s.wait_for("搜索全部期刊");
    s.type_text("白潭镇");
    s.wait_for("2 篇");
    // The newest first: the sample's article, then last year's paragraph.
    let screen = s.screen();
    let newer = screen
        .find("第25期  2023-11-23  【经验交流】")
        .expect(&screen);
    let older = screen
        .find("第10期  2022-06-01  【工作动态】")
        .expect(&screen);
    assert!(newer < older, "{screen}");
    assert!(screen.contains("去年白潭镇也开了会。"), "{screen}");

    // The second hit: last year's issue opens at that paragraph, the match
    // selected in the find bar.
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("文明创建简报  第10期");
    s.wait_for("查找：白潭镇");
    s.wait_for("去年白潭镇也开了会。");
    // The caret (the terminal cursor) is in the editor, at the end of the
    // selected match on the paragraph's row.
    let (row, _) = s.cursor();
    let line = s
        .screen()
        .lines()
        .nth(row as usize)
        .unwrap_or_default()
        .to_string();
    assert!(
        line.contains("查找：白潭镇") || line.contains("白潭镇也开了会"),
        "{line}"
    );
    s.send(CTRL_Q);
    assert!(s.wait_exit());
}

#[test]
fn unsaved_text_is_found_and_f3_in_the_list_searches_too() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let mut s = Session::start_sized(&lib, &[], 100, 30);
    s.wait_for("文明创建简报  第25期");
    // Open the first article and type a word found nowhere else.
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("[编辑]");
    s.type_text("鹿邑县新词");
    s.wait_for("未保存");
    s.send(F12);
    s.wait_for("搜索全部期刊");
    s.type_text("鹿邑县新词");
    s.wait_for("1 篇");
    s.wait_for("第25期  2023-11-23（未保存）");
    s.send(ESC);
    s.wait_gone("搜索全部期刊");

    // From the issue list, F3 searches (the editor's F3 finds the next match).
    s.send(ESC);
    s.send(ESC);
    s.wait_for("Enter 打开");
    s.send(F3);
    s.wait_for("搜索全部期刊");
    s.type_text("去年白潭镇");
    s.wait_for("1 篇");
    // Opening another issue asks about the unsaved text first.
    s.send(ENTER);
    s.wait_for("有未保存的修改");
    s.wait_for("不保存(D)");
    s.type_text("d");
    s.wait_for("文明创建简报  第10期");
    s.wait_for("查找：去年白潭镇");
    s.send(CTRL_Q);
    assert!(s.wait_exit());
}

#[test]
fn ctrl_f_in_the_tree_finds_across_the_issue_and_f3_crosses_articles() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let mut s = Session::start(&lib, &[]);
    s.wait_for("Esc 期刊列表");
    // Ctrl+F as the control byte every terminal sends.
    s.send(CTRL_F);
    s.type_text("白潭镇");
    s.wait_for("全期查找：白潭镇");
    s.wait_for("第1/");
    // The matches are in 扶沟县白潭镇…'s title and text: F3 goes on.
    s.wait_for("扶沟县白潭镇倡导移风易俗");
    s.send(F3);
    s.wait_for("第2/");
}
