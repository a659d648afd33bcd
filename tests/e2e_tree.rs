//! End to end, in a pseudo-terminal at 80×24: the text pane following the
//! tree, undoing a deletion in the tree, and the new-issue form (issue 12).

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};

const CTRL_Y: &[u8] = b"\x19";

fn start() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start(&dir.path().join("lib"), &[]);
    s.wait_for("【经验交流】");
    (dir, s)
}

#[test]
fn the_pane_follows_the_tree_and_a_deletion_is_undone_and_redone() {
    let (_d, mut s) = start();
    // The highlighted article is shown, read-only, without a caret.
    s.send(DOWN);
    s.wait_for("正文 · 只读 · Enter 编辑");
    s.wait_for("通报创建");
    s.send(DOWN);
    s.send(DOWN);
    s.wait_for("市委统战部始终");
    // Delete it, then take it back.
    s.send(DELETE);
    s.wait_for("删除文章");
    s.send(b"d");
    s.wait_gone("市委统战部实施…");
    s.send(CTRL_Z);
    s.wait_for("已撤销：删除《市委统战部实施四项举措》");
    s.wait_for("市委统战部实施…");
    s.wait_for("市委统战部始终");
    s.send(CTRL_Y);
    s.wait_for("已重做：删除《市委统战部实施四项举措》");
    s.wait_gone("市委统战部实施…");
    s.send(CTRL_Z);
    s.wait_for("市委统战部实施…");
    // Enter edits the article shown: typing goes into it.
    s.send(ENTER);
    s.wait_gone("只读");
    s.type_text("甲乙");
    s.wait_for("甲乙市委统战部");
}

#[test]
fn ctrl_n_asks_for_the_numbers_names_a_clash_and_esc_creates_nothing() {
    use chrono::Datelike;
    let year = chrono::Local::now().year();
    let (_d, mut s) = start();
    // The first issue of this year, as proposed.
    s.send(CTRL_N);
    s.wait_for("新建一期");
    s.wait_for("报头、栏目和版记沿用 2023-025");
    s.send(ENTER);
    s.wait_for(&format!("已新建 {year}-001"));
    // The next one is proposed as 第2期; 第1期 is taken, and said so.
    s.send(CTRL_N);
    s.wait_for("新建一期");
    s.send(CTRL_U);
    s.type_text("1");
    s.wait_for(&format!("！{year}-001 已有这一期：请改第N期"));
    s.send(ENTER);
    s.wait_for("新建一期");
    // Esc: nothing made.
    s.send(ESC);
    s.wait_gone("新建一期");
    s.send(ESC);
    s.wait_for("期刊");
    assert!(
        !s.screen().contains(&format!("{year}-002")),
        "{}",
        s.screen()
    );
    assert!(!s.screen().contains("第2期"), "{}", s.screen());
}
