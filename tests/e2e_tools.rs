//! End to end, in a pseudo-terminal: the print preview, tidying and
//! rejoining a hard-wrapped paste, as a clerk uses them.

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};

const F5: &[u8] = b"\x1b[15~";
const F6: &[u8] = b"\x1b[17~";
const CTRL_HOME: &[u8] = b"\x1b[1;5H";
const CTRL_END: &[u8] = b"\x1b[1;5F";

fn start() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start(&dir.path().join("lib"), &[]);
    s.wait_for("【经验交流】");
    (dir, s)
}

#[test]
fn the_preview_shows_the_contents_and_the_closing_block() {
    let (_d, mut s) = start();
    s.send(F5);
    s.wait_for("打印预览");
    s.wait_for("本期要目");
    s.wait_for("【工作动态】");
    s.send(END);
    s.wait_for("报：省文明办");
    s.wait_for("共印80份");
    s.wait_gone("本期要目");
    s.send(HOME);
    s.wait_for("本期要目");
    s.send(ESC);
    s.wait_gone("打印预览");
    s.wait_for("栏目");
}

#[test]
fn tidying_through_the_ui_and_undoing_it() {
    let (_d, mut s) = start();
    // The first article of the first section.
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("通报创建");
    s.send(CTRL_HOME);
    s.type_text("会议于11 月 22 日召开。");
    s.wait_for("会议于11 月 22 日召开。");
    s.send(F6);
    s.wait_for("整理文字：全文");
    s.wait_for("空格 3");
    s.send(ENTER);
    s.wait_gone("整理文字：全文");
    s.wait_for("已整理 3 处");
    s.wait_for("会议于11月22日召开。");
    s.send(CTRL_Z);
    s.wait_for("会议于11 月 22 日召开。");
}

#[test]
fn a_hard_wrapped_paste_is_joined_on_request() {
    let (_d, mut s) = start();
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("通报创建");
    s.send(CTRL_END);
    s.send(ENTER);
    let pasted = "张建慧强调，要践行以人民为中心的发展思想，切实增\n\
                  强做好创文创卫工作的政治自觉、思想自觉和行动自觉。要\n\
                  推动创建工作与日常工作融合，把工作做在平时、抓在经常、\n\
                  落在当下，推进创建工作走深走实。\n";
    s.send(&paste(pasted));
    s.wait_for("像是硬换行的：按 F6 合并为段落");
    s.send(F6);
    s.wait_for("已合并为 1 段");
    s.wait_for("的发展思想，切实增强");
    s.send(CTRL_Z);
    s.wait_gone("切实增强");
    s.wait_for("强做好创文创卫工作的政治自觉");
}
