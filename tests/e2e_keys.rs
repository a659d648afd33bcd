//! The keys of the SSH clients clerks use on Windows, as raw bytes in a
//! pseudo-terminal: PuTTY/KiTTY defaults, xterm (Windows Terminal,
//! MobaXterm, Xshell and SecureCRT in xterm mode), rxvt and the Linux
//! console. Each must act as the key it stands for.

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};

/// The sample issue in a 120×40 terminal, the tree focused on the second
/// article of 【经验交流】 (扶沟县白潭镇…).
fn on_second_article() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let mut s = Session::start_sized(&lib, &[], 120, 40);
    s.wait_for("【经验交流】");
    for _ in 0..4 {
        s.send(DOWN);
    }
    (dir, s)
}

/// The row of the tree holding `text` (the list and the tree take the
/// first 54 columns; the text pane shows the highlighted article's title).
fn row_of(s: &Session, text: &str) -> usize {
    s.with_screen(|screen| screen.rows(0, 54).position(|l| l.contains(text)))
        .unwrap_or_else(|| panic!("{text} not on screen:\n{}", s.screen()))
}

fn moves_the_article_up(alt_up: &[u8], name: &str) {
    let (_dir, mut s) = on_second_article();
    s.wait_for("扶沟县白潭镇");
    assert!(
        row_of(&s, "扶沟县白潭镇") > row_of(&s, "市委统战部实施"),
        "{name}"
    );
    s.send(alt_up);
    let start = std::time::Instant::now();
    while row_of(&s, "扶沟县白潭镇") > row_of(&s, "市委统战部实施") {
        assert!(
            start.elapsed() < common::pty::TIMEOUT,
            "{name}: not moved\n{}",
            s.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // And nothing else happened: still in the tree, the editor not left.
    s.wait_for("未保存");
}

#[test]
fn putty_alt_up_moves_the_article() {
    moves_the_article_up(b"\x1b\x1b[A", "PuTTY Alt+Up");
}

#[test]
fn xterm_alt_and_ctrl_up_move_the_article() {
    moves_the_article_up(b"\x1b[1;3A", "xterm Alt+Up");
    moves_the_article_up(b"\x1b[1;5A", "xterm Ctrl+Up");
}

#[test]
fn putty_and_rxvt_ctrl_up_move_the_article() {
    moves_the_article_up(b"\x1bOA", "PuTTY Ctrl+Up");
    moves_the_article_up(b"\x1bOa", "rxvt Ctrl+Up");
}

#[test]
fn ctrl_u_moves_the_article_up_in_any_terminal() {
    // A control byte: no escape sequence for a client to garble.
    moves_the_article_up(b"\x15", "Ctrl+U");
}

#[test]
fn function_keys_of_every_family_open_help() {
    for (bytes, name) in [
        (&b"\x1bOP"[..], "xterm F1"),
        (b"\x1b[11~", "PuTTY F1"),
        (b"\x1b[[A", "Linux console F1"),
    ] {
        let (_dir, mut s) = on_second_article();
        s.send(bytes);
        s.wait_for("帮助");
        s.wait_for("Ctrl+S");
        assert!(s.screen().contains("Ctrl+Q"), "{name}\n{}", s.screen());
    }
}

#[test]
fn ctrl_h_is_backspace_and_a_lone_esc_still_leaves_the_editor() {
    let (_dir, mut s) = on_second_article();
    s.send(ENTER);
    s.wait_for("扶沟县白潭镇倡导");
    s.type_text("甲乙");
    s.wait_for("甲乙");
    // Backspace as Ctrl+H (0x08).
    s.send(b"\x08");
    s.wait_gone("甲乙");
    s.wait_for("甲");
    // A lone Esc (no sequence after it) is the Esc key.
    s.send(ESC);
    s.wait_for("Enter 编辑");
}

/// The second keys of the editor's Ctrl chords, as PuTTY and KiTTY send
/// Alt+key by default (ESC, then the key's own byte), as do MobaXterm,
/// Windows Terminal and xterm (metaSendsEscape); Xshell and SecureCRT once
/// "Alt as Meta" is set.
#[test]
fn putty_alt_letters_move_by_word_and_to_either_end() {
    let (_dir, mut s) = on_second_article();
    s.send(ENTER);
    s.wait_for("扶沟县白潭镇倡导");
    // Alt+> (ESC >): the end of the article.
    s.send(b"\x1b>");
    s.type_text("甲乙，丙丁");
    s.wait_for("甲乙，丙丁");
    // Alt+B (ESC b): back to the start of the phrase.
    s.send(b"\x1bb");
    s.type_text("戊");
    s.wait_for("甲乙，戊丙丁");
    // Alt+F (ESC f): on past its end.
    s.send(b"\x1bf");
    s.type_text("己");
    s.wait_for("甲乙，戊丙丁己");
    // Alt+Backspace (ESC DEL): the phrase before the caret goes.
    s.send(b"\x1b\x7f");
    s.wait_gone("戊丙丁己");
    s.wait_for("甲乙，");
    // Alt+< (ESC <): the start of the article, where typing goes first.
    s.send(b"\x1b<");
    s.type_text("庚");
    s.wait_for("庚");
    let screen = s.screen();
    let first = screen
        .lines()
        .find(|l| l.contains('庚'))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        first
            .split('│')
            .any(|cell| cell.trim_start().starts_with('庚')),
        "庚 not at the start of the text:\n{screen}"
    );
}
