//! Typing end to end: the 字数 held while typing catch up once typing
//! pauses, and the screen the change-only frames leave is the very screen a
//! full redraw of the same state paints.

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};
use std::thread;
use std::time::{Duration, Instant};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// What a clerk sees: every cell's text, colours and attributes (an
/// untouched cell reads as a space), where the cursor is and whether it
/// shows — not the pen the last write left set.
type Seen = (Vec<String>, (u16, u16), bool);

fn seen(s: &Session) -> Seen {
    s.with_screen(|sc| {
        let rows = (0..ROWS)
            .map(|y| {
                (0..COLS)
                    .filter_map(|x| sc.cell(y, x))
                    .map(|c| {
                        let text = if c.has_contents() { c.contents() } else { " " };
                        format!(
                            "{text}{:?}{:?}{}{}{}{}{}",
                            c.fgcolor(),
                            c.bgcolor(),
                            u8::from(c.bold()),
                            u8::from(c.dim()),
                            u8::from(c.italic()),
                            u8::from(c.underline()),
                            u8::from(c.inverse())
                        )
                    })
                    .collect()
            })
            .collect();
        (rows, sc.cursor_position(), sc.hide_cursor())
    })
}

/// Waits until the screen has not changed for `quiet`; returns it.
fn settled(s: &Session, quiet: Duration) -> Seen {
    let start = Instant::now();
    let mut last = seen(s);
    let mut since = Instant::now();
    while since.elapsed() < quiet {
        assert!(
            start.elapsed() < common::pty::TIMEOUT,
            "never settled:\n{}",
            s.screen()
        );
        thread::sleep(Duration::from_millis(20));
        let now = seen(s);
        if now != last {
            last = now;
            since = Instant::now();
        }
    }
    last
}

/// The 字数 the status bar shows.
fn status_count(s: &Session) -> usize {
    let screen = s.screen();
    let last = screen.lines().last().unwrap_or_default().to_string();
    let at = last
        .find("字数 ")
        .unwrap_or_else(|| panic!("no 字数: {last}"));
    last[at + "字数 ".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[test]
fn typed_text_and_counters_end_up_as_a_full_redraw_paints_them() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let mut s = Session::start_sized(&lib, &[], COLS, ROWS);
    s.wait_for("【工作动态】");
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("11月22日");
    s.wait_for("字数 ");
    let before = status_count(&s);
    // The first section holds only the first article: both rows show its 字数.
    let rows_with = |s: &Session, n: usize| {
        s.screen()
            .lines()
            .filter(|l| l.contains(&format!(" {n}│")))
            .count()
    };
    assert_eq!(rows_with(&s, before), 2, "{}", s.screen());

    // To the end of the article, then a character at a time (a key every
    // 60 ms: typing, not a pause), wrapping onto new rows.
    s.send(b"\x1b[1;5F");
    let typed = "市委统战部实施四项举措推动文明单位创建走深走实";
    for c in typed.chars() {
        s.type_text(&c.to_string());
    }
    s.send(b"\x7f");
    let after = before + typed.chars().count() - 1;
    s.wait_for("创建走深走");
    s.wait_for(&format!("字数 {after}"));
    let incremental = settled(&s, Duration::from_millis(500));
    assert_eq!(rows_with(&s, after), 2, "{}", s.screen());
    assert!(s.screen().contains("未保存"));

    // A stop and a continue make jianbao forget what the terminal shows and
    // paint every cell again.
    s.signal(libc::SIGTSTP);
    let start = Instant::now();
    while s.with_screen(|sc| sc.alternate_screen()) {
        assert!(start.elapsed() < common::pty::TIMEOUT, "never stopped");
        thread::sleep(Duration::from_millis(10));
    }
    s.signal(libc::SIGCONT);
    s.wait_for("创建走深走");
    let full = settled(&s, Duration::from_millis(500));
    for (y, (a, b)) in incremental.0.iter().zip(&full.0).enumerate() {
        assert_eq!(a, b, "row {y} differs from a full redraw");
    }
    assert_eq!(incremental.1, full.1, "cursor");
    assert_eq!(incremental.2, full.2, "cursor shown");
    s.send(CTRL_Q);
    s.wait_for("有未保存的修改");
}
