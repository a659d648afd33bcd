//! `cargo run --release --example make-library -- DIR [COUNT]`: a library of
//! COUNT issues (default 1,000) of ~10,000 characters each, for trying
//! start-up, the issue list and search on ten years of bulletins.

mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), count) = (args.first(), args.get(1)) else {
        eprintln!("usage: make-library DIR [COUNT]");
        return ExitCode::from(2);
    };
    let count = match count.map(|c| c.parse::<usize>()) {
        None => 1000,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("COUNT must be a positive number");
            return ExitCode::from(2);
        }
    };
    let dir = PathBuf::from(dir);
    if dir.join(jianbao::store::ISSUES_DIR).exists() {
        eprintln!("{} already holds a library", dir.display());
        return ExitCode::from(1);
    }
    match generate::make_library(&dir, count) {
        Ok(()) => {
            println!("{count} issues in {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}
