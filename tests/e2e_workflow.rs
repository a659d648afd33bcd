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

fn git(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "李红")
        .env("GIT_AUTHOR_EMAIL", "li@example.org")
        .env("GIT_COMMITTER_NAME", "李红")
        .env("GIT_COMMITTER_EMAIL", "li@example.org")
        .output()
        .expect("git is needed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 同步（git） from the palette: the first sync pushes the new library; a
/// change the other office pushed then shows in the open issue.
#[test]
fn sync_from_the_palette_pushes_and_brings_the_other_side_in() {
    let dir = tempfile::tempdir().unwrap();
    let server = dir.path().join("server.git");
    fs::create_dir_all(&server).unwrap();
    git(&server, &["init", "-q", "--bare"]);
    git(dir.path(), &["clone", "-q", "server.git", "lib"]);
    let lib = dir.path().join("lib");
    let term = common::pty::Terminal {
        env: vec![
            ("GIT_CONFIG_NOSYSTEM".into(), "1".into()),
            ("GIT_CONFIG_GLOBAL".into(), "/dev/null".into()),
        ],
        ..common::pty::Terminal::default()
    };
    let mut s = Session::start_in(&lib, &[], term);
    s.wait_for("【工作动态】");
    // New in git: F4 says so.
    s.send(F4);
    s.wait_for("状态：草稿  git：新建");
    s.send(ESC);
    s.wait_gone("状态：草稿");
    let sync = |s: &mut Session| {
        s.send(b"\x10");
        s.wait_for("命令面板");
        s.type_text("同步");
        s.wait_for("同步（git）");
        s.send(ENTER);
    };
    sync(&mut s);
    // Git runs on a thread; its result comes through the event loop.
    s.wait_for("第一次同步");
    s.send(F4);
    s.wait_for("状态：草稿  git：未改动");
    s.send(ESC);
    s.wait_gone("状态：草稿");

    // The other office changes a title and pushes it.
    git(dir.path(), &["clone", "-q", "server.git", "other"]);
    let other = dir.path().join("other/issues/2023-025.ron");
    let text = fs::read_to_string(&other).unwrap();
    fs::write(
        &other,
        text.replacen("全市创文创卫工作推进会召开", "全市创文工作推进会召开", 1),
    )
    .unwrap();
    git(&dir.path().join("other"), &["commit", "-qam", "标题"]);
    git(&dir.path().join("other"), &["push", "-q"]);
    sync(&mut s);
    s.wait_for("收到 1 期的修改：2023-025");
    s.wait_for("全市创文工作推…");
    s.send(CTRL_Q);
    assert!(s.wait_exit());
}
