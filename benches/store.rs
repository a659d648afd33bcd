//! Storage costs while typing: the recovery write the editor makes every
//! 2 s, a save, and opening a library, on a ~100k-character issue (the
//! sample issue's articles ×30). Files go to Cargo's target tmp directory,
//! on the same disk as the build, so fsync costs are real (not tmpfs).

use criterion::{Criterion, criterion_group, criterion_main};
use jianbao::model::Issue;
use jianbao::store::recovery::Recovery;
use jianbao::store::{Library, SAMPLE_ISSUE, codec};
use std::hint::black_box;
use std::time::Duration;

fn big_issue() -> Issue {
    let mut issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    for section in &mut issue.sections {
        let articles = section.articles.clone();
        for _ in 1..30 {
            section.articles.extend(articles.iter().cloned());
        }
    }
    issue
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mut lib = Library::open(&dir.path().join("lib")).unwrap();
    let id = *lib.entries().next().unwrap().0;
    let mut issue = big_issue();
    lib.save(&id, issue.clone()).unwrap();
    eprintln!(
        "issue: {} articles, {} characters, {} bytes of RON",
        issue.article_count(),
        issue.char_count(),
        codec::encode_issue(&issue).len()
    );

    let mut g = c.benchmark_group("store");
    g.sample_size(30).measurement_time(Duration::from_secs(8));
    g.bench_function("encode_issue", |b| {
        b.iter(|| codec::encode_issue(black_box(&issue)))
    });
    // What the UI thread pays every 2 s: a snapshot of the issue.
    g.bench_function("recovery_prepare", |b| {
        b.iter(|| black_box(Recovery::prepare(&lib, &id, &issue)))
    });
    // What a worker thread pays: encoding, temp file, fsync, rename.
    g.bench_function("recovery_write", |b| {
        b.iter(|| Recovery::write(&lib, &id, black_box(&issue)).unwrap())
    });
    g.bench_function("save", |b| {
        b.iter(|| {
            issue.issuer.push('x');
            lib.save(&id, issue.clone()).unwrap()
        })
    });
    let root = lib.root().to_path_buf();
    g.bench_function("open", |b| {
        b.iter(|| Library::open(black_box(&root)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
