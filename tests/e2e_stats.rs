//! End to end, in a pseudo-terminal: the statistics view opens (Alt+T), changes its grouping and period, saves its CSV, and closes.

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};

#[test]
fn the_statistics_view_counts_groups_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let mut s = Session::start(&lib, &[]);
    s.wait_for("【经验交流】");
    // Alt+T as a terminal sends it (ESC, then the letter); the tree has focus.
    s.send(b"\x1bt");
    s.wait_for("采用统计 · 按供稿单位 · 全部各期");
    // The sample issue: seven articles, all from units named in them.
    s.wait_for("合计");
    s.send(b"g");
    s.wait_for("按栏目");
    s.wait_for("经验交流");
    // A year: today's, then ← back to the sample's.
    s.send(b"p");
    let this_year: i32 = chrono::Local::now()
        .format("%Y")
        .to_string()
        .parse()
        .unwrap();
    s.wait_for(&format!("{this_year}年"));
    for _ in 2023..this_year {
        s.send(LEFT);
    }
    s.wait_for("2023年 ─");
    s.wait_for("经验交流");
    s.send(b"e");
    s.wait_for("存为 CSV：");
    s.send(ENTER);
    s.wait_for("统计表已存为");
    s.send(ESC);
    s.wait_gone("采用统计");
    let csv = std::fs::read_to_string(lib.join("exports/stats-section-2023.csv")).unwrap();
    assert!(csv.contains("经验交流,2,2,0,"), "{csv}");
}
