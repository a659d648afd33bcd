//! End to end, in a pseudo-terminal: importing the real sample bulletin's
//! text as a new issue through the keys (Ctrl+O, a path completed with
//! Tab, the preview, Enter).

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};

const CTRL_O: &[u8] = b"\x0f";
const TAB: &[u8] = b"\t";

#[test]
fn a_bulletin_is_imported_as_a_new_issue_through_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    // The editor starts in lib/../home: relative paths start there.
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("来稿")).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/zhoukou-wenming-2023-11-23.txt"
        ),
        home.join("来稿/周口文明简报.txt"),
    )
    .unwrap();
    let mut s = Session::start(&lib, &[]);
    s.wait_for("【经验交流】");
    // From the issue list: a new issue.
    s.send(ESC);
    s.send(CTRL_O);
    s.wait_for("导入为新的一期");
    s.type_text("来");
    s.send(TAB);
    s.wait_for("文件：来稿/");
    s.wait_for("周口文明简报.txt");
    s.send(TAB);
    s.wait_for("文件：来稿/周口文明简报.txt");
    s.send(ENTER);
    s.wait_for("导入预览：周口文明简报.txt");
    s.wait_for("将新建 2023-026，第26期：3个栏目，7篇");
    s.wait_for("【文明时讯】");
    s.send(ENTER);
    s.wait_for("已导入为 2023-026");
    s.wait_gone("导入预览");
    s.wait_for("【经验交流】");
    assert!(lib.join("issues/2023-026.ron").exists());
    let saved = std::fs::read_to_string(lib.join("issues/2023-026.ron")).unwrap();
    assert!(saved.contains("市委统战部始终把精神文明建设"), "{saved}");
}
