//! End to end, in a pseudo-terminal: a file dropped into the inbox by hand
//! is found, read and adopted into the open issue; another is declined
//! with a reason.

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};
use std::fs;

const CTRL_W: &[u8] = b"\x17";

#[test]
fn a_dropped_file_is_adopted_and_another_declined() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inbox");
    fs::create_dir_all(lib.join("inbox")).unwrap();
    for f in ["商水县志愿服务.txt", "郸城县来稿.docx"] {
        fs::copy(fixtures.join(f), lib.join("inbox").join(f)).unwrap();
    }
    let mut s = Session::start(&lib, &[]);
    s.wait_for("【经验交流】");
    s.send(CTRL_W);
    s.wait_for("收件箱（2篇未处理）");
    s.wait_for("商水县文明办");
    s.wait_for("郸城县文明办");
    // The first one's text as it would be imported, the signature taken off.
    s.wait_for("劝导不文明行为300余起");
    s.send(b"a");
    s.wait_for("选栏目");
    s.send(ENTER);
    s.wait_for("已采用到 2023-025【工作动态】");
    s.wait_for("收件箱（1篇未处理）");
    // The other: declined with a reason typed in the field.
    s.send(b"d");
    s.wait_for("不采用的原因");
    s.type_text("与上期重复");
    s.send(ENTER);
    s.wait_for("不采用：与上期重复");
    s.wait_for("收件箱（0篇未处理）");
    s.send(ESC);
    s.wait_gone("收件箱");
    let issue = fs::read_to_string(lib.join("issues/2023-025.ron")).unwrap();
    assert!(issue.contains("商水县举办志愿服务活动"), "{issue}");
    assert!(issue.contains("submission: Some("), "{issue}");
    assert!(lib.join("inbox/decided/商水县志愿服务.txt.ron").exists());
    assert!(lib.join("inbox/decided/郸城县来稿.docx.ron").exists());
}
