//! End to end, in a pseudo-terminal: the issue list follows the library on
//! disk. Another `jianbao new` adds an issue while the editor shows the
//! list, and it appears without a key.

#![cfg(unix)]

mod common;

use common::pty::Session;

#[test]
fn an_issue_another_jianbao_adds_appears_in_the_list_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    // Wide: the list is shown beside the open issue.
    let s = Session::start_sized(&lib, &[], 120, 30);
    s.wait_for("【经验交流】");
    s.wait_for("第25期");
    assert!(!s.screen().contains("第26期"));
    let out = common::jianbao(&lib, &["new", "--date", "2023-11-30"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    s.wait_for("第26期");
}
