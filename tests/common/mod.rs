#![allow(dead_code)]

//! Helpers shared by the command-line tests: the real binary on a
//! temporary library, in Chinese.

use std::path::Path;
use std::process::{Command, Output};

pub fn jianbao(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("JIANBAO_LIBRARY")
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run jianbao")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[cfg(unix)]
pub mod pty;
