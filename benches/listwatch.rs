//! What the issue list pays to follow the library on disk (`app::listwatch`):
//! the look taken every 2 s while the clerk is idle, on the one-issue sample
//! library and on 1,000 issues; and, when a look found a change, taking it
//! in (one issue file changed: `Library::rescan`) and the git states read
//! again (`Library::git_states`, two `git` processes).

#[path = "../examples/make-library/generate.rs"]
mod generate;

use criterion::{Criterion, criterion_group, criterion_main};
use jianbao::store::Library;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "b")
        .env("GIT_AUTHOR_EMAIL", "b@b")
        .env("GIT_COMMITTER_NAME", "b")
        .env("GIT_COMMITTER_EMAIL", "b@b")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "git {args:?}");
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let sample = Library::open(&tmp.path().join("sample")).unwrap();
    let big_root = tmp.path().join("big");
    generate::make_library(&big_root, 1000).unwrap();
    git(&big_root, &["init", "-q"]);
    git(&big_root, &["add", "-A"]);
    git(&big_root, &["commit", "-qm", "x"]);
    // Past the index's racy window, as a library is between edits.
    std::thread::sleep(Duration::from_millis(2100));
    let mut big = Library::open(&big_root).unwrap();
    assert_eq!(big.len(), 1000);

    let mut g = c.benchmark_group("listwatch");
    g.sample_size(30).measurement_time(Duration::from_secs(5));
    g.bench_function("look_sample", |b| b.iter(|| black_box(sample.look())));
    g.bench_function("look_1000", |b| b.iter(|| black_box(big.look())));
    let (_, last) = big.entries().next().unwrap();
    let path = last.path.clone();
    g.bench_function("rescan_1000_one_changed", |b| {
        b.iter(|| {
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push(' ');
            std::fs::write(&path, text).unwrap();
            black_box(big.rescan().unwrap())
        })
    });
    g.bench_function("git_states_1000", |b| {
        b.iter(|| black_box(big.git_states().unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
