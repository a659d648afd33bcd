//! The office's workflow end to end: the real binary in an 80×24
//! pseudo-terminal signs an issue through the keys (Ctrl+K twice), sees
//! typing refused with who signed it and how to reopen it, and reopens it
//! with a reason.

#![cfg(unix)]

mod common;

use common::pty::{Session, keys::*};
use std::fs;

const CTRL_K: &[u8] = b"\x0b";

#[test]
fn signing_through_the_keys_makes_the_issue_read_only_until_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    // The clerk's name, which signing writes into an empty 签发.
    let config = dir.path().join("home/.config/jianbao");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.ron"), "(name: Some(\"王文明\"))").unwrap();
    common::new_library(&lib);
    let path = lib.join("issues/2023-025.ron");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("signer: Some(\"张华\"),\n", "")).unwrap();

    let mut s = Session::start(&lib, &[]);
    s.wait_for("【工作动态】");
    s.send(CTRL_K);
    s.wait_for("提交审核 → 待审");
    s.send(ENTER);
    s.wait_for("2023-025：草稿 → 待审");
    s.send(CTRL_K);
    s.wait_for("签发 → 已签发");
    s.send(ENTER);
    s.wait_for("签发栏已填为 王文明");
    let signed = fs::read_to_string(&path).unwrap();
    assert!(signed.contains("status: Signed"), "{signed}");
    assert!(signed.contains("signer: Some(\"王文明\")"), "{signed}");

    // Into the first article: typing is refused, the text stays.
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("11月22日");
    s.type_text("不该出现");
    s.wait_for("只读：2023-025 已签发（签发：王文明）。要修改：Ctrl+K 退回修改");
    assert!(!s.screen().contains("不该出现"), "{}", s.screen());
    assert_eq!(fs::read_to_string(&path).unwrap(), signed);

    // Reopening asks for a reason; then typing goes in.
    s.send(CTRL_K);
    s.wait_for("印发 → 已印发");
    s.send(RIGHT);
    s.wait_for("退回修改 → 草稿（须写明原因）");
    s.send(ENTER);
    s.wait_for("退回修改须在“说明”中写明原因。");
    s.type_text("补充一条简讯");
    s.send(ENTER);
    s.wait_for("2023-025：已签发 → 草稿");
    s.type_text("可以改了");
    s.wait_for("可以改了11月22日");
    s.send(CTRL_S);
    s.wait_for("已保存");
    let reopened = fs::read_to_string(&path).unwrap();
    assert!(
        reopened.contains("note: Some(\"补充一条简讯\")"),
        "{reopened}"
    );
    assert!(reopened.contains("可以改了11月22日"), "{reopened}");
    s.send(CTRL_Q);
    assert!(s.wait_exit());
}
