//! End to end: the real binary in a pseudo-terminal.

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};
use std::fs;

#[test]
fn opens_the_sample_then_creates_an_issue_with_a_section_and_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let mut s = Session::start(&lib, &[]);
    // The newest issue is open at start, with its sections.
    s.wait_for("文明创建简报  第25期");
    s.wait_for("【经验交流】");

    // A new issue (today's date: the next number of this year) carries the
    // sections over.
    use chrono::Datelike;
    let year = chrono::Local::now().year();
    let number = if year == 2023 { "第26期" } else { "第1期" };
    s.send(CTRL_N);
    s.wait_for("新建一期");
    s.send(ENTER);
    s.wait_for(number);
    s.wait_for(&format!("已新建 {year}-"));

    // A new section…
    s.send(F7);
    s.wait_for("新建栏目");
    s.type_text("基层来风");
    s.send(ENTER);
    s.wait_for("【基层来风】");

    // …and an article in it.
    s.send(INSERT);
    s.wait_for("新建文章");
    s.type_text("县委宣传部召开会议");
    s.send(ENTER);
    s.wait_for("县委宣传部召开会议");
    s.wait_for("未保存");

    // The new article is open in the editor: type Chinese text, two
    // paragraphs, as an IME commits it (several characters at once).
    s.type_text("会议强调，要抓好落实。");
    s.send(ENTER);
    s.type_text("会议要求，各单位");
    s.type_text("按时报送材料。");
    s.wait_for("按时报送材料。");
    // The terminal cursor sits right after the last character typed.
    let (row, col) = s.cursor();
    let line: String = s.screen().lines().nth(row as usize).unwrap().to_string();
    assert!(line.contains("按时报送材料。"), "cursor row {row}: {line}");
    let text_end = unicode_width::UnicodeWidthStr::width(
        &line[..line.find("按时报送材料。").unwrap() + "按时报送材料。".len()],
    );
    assert_eq!(col as usize, text_end, "{}", s.screen());

    s.send(CTRL_S);
    s.wait_for("已保存");
    s.send(CTRL_Q);
    assert!(s.wait_exit());

    let new_file = fs::read_dir(lib.join("issues"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !p.ends_with("2023-025.ron"))
        .expect("the new issue's file");
    let text = fs::read_to_string(&new_file).unwrap();
    assert!(text.contains("title: \"基层来风\""), "{text}");
    assert!(text.contains("\"县委宣传部召开会议\""), "{text}");
    assert!(text.contains("\"会议强调，要抓好落实。\",\n"), "{text}");
    assert!(
        text.contains("\"会议要求，各单位按时报送材料。\",\n"),
        "{text}"
    );

    // Reopen: everything is there.
    let mut s = Session::start(&lib, &[]);
    s.wait_for(number);
    s.wait_for("【基层来风】");
    s.wait_for("县委宣传部");
    s.send(HOME);
    s.send(DOWN);
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("县委宣传部召开会议");
    s.wait_for("会议要求，各单位按时报送材料。");
}

#[test]
fn quitting_with_unsaved_changes_asks_and_cancel_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let mut s = Session::start(&lib, &[]);
    s.wait_for("【工作动态】");
    s.send(F7);
    s.type_text("临时栏目");
    s.send(ENTER);
    s.wait_for("【临时栏目】");
    s.send(CTRL_Q);
    s.wait_for("有未保存的修改");
    s.send(ESC);
    s.wait_gone("有未保存的修改");
    s.send(CTRL_Q);
    s.wait_for("有未保存的修改");
    s.type_text("d");
    assert!(s.wait_exit());
    let text = fs::read_to_string(lib.join("issues/2023-025.ron")).unwrap();
    assert!(!text.contains("临时栏目"));
}

#[test]
fn a_tiny_terminal_gets_a_message_not_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let s = Session::start_sized(&lib, &[], 30, 6);
    s.wait_for("窗口太小");
}

#[test]
fn help_is_one_key_away() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let mut s = Session::start(&lib, &[]);
    s.wait_for("【工作动态】");
    s.send(F1);
    s.wait_for("帮助");
    s.wait_for("Ctrl+S");
    s.send(ESC);
    s.wait_gone("其他键关闭");
}
