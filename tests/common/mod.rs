#![allow(dead_code)]

//! Helpers shared by the command-line tests: the real binary on a
//! temporary library, in Chinese.

use std::path::Path;
use std::process::{Command, Output};

/// The command `jianbao --library LIB ARGS…` in Chinese, not yet run.
pub fn command(lib: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jianbao"));
    c.arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("JIANBAO_LIBRARY")
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

pub fn jianbao(lib: &Path, args: &[&str]) -> Output {
    command(lib, args).output().expect("run jianbao")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[cfg(unix)]
pub mod pty;
