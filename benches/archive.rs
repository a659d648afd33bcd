//! Ten years of issues: start-up to the first complete screen (the release
//! binary in a pseudo-terminal, as a clerk over SSH sees it) and its peak
//! memory, `jianbao list`, `jianbao search`, opening an issue, and what the
//! index costs when it has to be built again; beside `grep -rF` over the
//! same files and vim opening one of them. The library is made once by the
//! generator of `examples/make-library` in Cargo's target tmp directory.
//!
//! Results are recorded in BENCHMARKS.md.

#[path = "../examples/make-library/generate.rs"]
mod generate;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jianbao::store::search::{Filter, Query};
use jianbao::store::{ISSUES_DIR, Library, STATE_DIR};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::hint::black_box;
use std::io::Read;
use std::os::unix::io::{AsRawFd, FromRawFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ISSUES: usize = 1000;
const BIN: &str = env!("CARGO_BIN_EXE_jianbao");

/// The 1,000-issue library (made on first use) and the sample library.
fn libraries() -> (PathBuf, PathBuf) {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("archive-bench");
    let big = base.join(format!("lib{ISSUES}"));
    if !big.join(ISSUES_DIR).is_dir() {
        let _ = std::fs::remove_dir_all(&big);
        let t = Instant::now();
        generate::make_library(&big, ISSUES).expect("generate the library");
        eprintln!("generated {ISSUES} issues in {:?}", t.elapsed());
    }
    let sample = base.join("sample");
    Library::open(&sample).expect("sample library");
    // Warm the index (and the page cache) as a library in daily use has it.
    for lib in [&big, &sample] {
        jianbao(lib, &["search", "文明"]);
    }
    (big, sample)
}

fn jianbao(lib: &Path, args: &[&str]) {
    let status = Command::new(BIN)
        .arg("--library")
        .arg(lib)
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run jianbao");
    assert!(status.success(), "jianbao {args:?}");
}

/// Whether `fd` has output within `ms` milliseconds.
fn readable(fd: i32, ms: i32) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut p, 1, ms) > 0 }
}

/// Starts `program args` in an 80×24 pseudo-terminal and returns how long
/// until the screen satisfies `complete`, and the peak memory (VmHWM, kB)
/// of the process at that moment.
fn first_screen(
    program: &str,
    args: &[&str],
    complete: &dyn Fn(&vt100::Screen) -> bool,
) -> (Duration, u64) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("LANG", "zh_CN.UTF-8");
    cmd.env("TERM", "xterm-256color");
    // The encoding probe comes after the first screen; skip its round trip.
    cmd.env("JIANBAO_NO_PROBE", "1");
    let fd = pty.master.as_raw_fd().expect("master fd");
    // SAFETY: a duplicate of the master, owned by this File.
    let mut reader = unsafe { std::fs::File::from_raw_fd(libc::dup(fd)) };
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("not zero");
    let mut parser = vt100::Parser::new(size(24), size(80), 0);
    let mut buf = [0u8; 65536];
    let elapsed = loop {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no complete screen:\n{}",
            parser.screen().contents()
        );
        if !readable(reader.as_raw_fd(), 100) {
            continue;
        }
        let n = reader.read(&mut buf).expect("read the pty");
        parser.process(&buf[..n]);
        if complete(parser.screen()) {
            break start.elapsed();
        }
    };
    let pid = child.process_id().expect("pid");
    let hwm = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0);
    let _ = child.kill();
    let _ = child.wait();
    (elapsed, hwm)
}

/// jianbao's first frame is complete when its last row, the status bar
/// (drawn last), shows the help key.
fn jianbao_ready(screen: &vt100::Screen) -> bool {
    let rows: Vec<String> = screen.rows(0, 80).collect();
    rows.first().is_some_and(|r| r.contains("简报"))
        && rows.last().is_some_and(|r| r.contains("F1 帮助"))
}

fn median(mut v: Vec<u64>) -> u64 {
    v.sort_unstable();
    v[v.len() / 2]
}

fn startup(c: &mut Criterion, big: &Path, sample: &Path) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(30).measurement_time(Duration::from_secs(10));
    for (name, lib) in [("sample", sample), ("1000_issues", big)] {
        let args = ["--library", lib.to_str().unwrap()];
        let mut peaks = Vec::new();
        g.bench_function(BenchmarkId::new("first_screen", name), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (t, hwm) = first_screen(BIN, &args, &jianbao_ready);
                    total += t;
                    peaks.push(hwm);
                }
                total
            })
        });
        eprintln!(
            "startup/{name}: peak memory (VmHWM) median {} kB",
            median(peaks)
        );
    }
    // The first start after the index is lost: every issue is read once.
    let args = ["--library", big.to_str().unwrap()];
    g.sample_size(10);
    g.bench_function("first_screen_without_index/1000_issues", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                std::fs::remove_dir_all(big.join(STATE_DIR).join("index")).unwrap();
                total += first_screen(BIN, &args, &jianbao_ready).0;
            }
            total
        })
    });
    // vim opening one of the issue files, to the file's message on its
    // last row, for comparison.
    if Command::new("vim")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok()
    {
        let file = big.join(ISSUES_DIR).join("2025-100.ron");
        let file = file.to_str().unwrap().to_string();
        let mut peaks = Vec::new();
        g.sample_size(30);
        g.bench_function("vim_opens_an_issue_file", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (t, hwm) = first_screen(
                        "vim",
                        &["-u", "NONE", "-i", "NONE", "-N", "-n", &file],
                        &|s: &vt100::Screen| {
                            s.rows(0, 80)
                                .last()
                                .is_some_and(|r| r.contains("2025-100.ron"))
                        },
                    );
                    total += t;
                    peaks.push(hwm);
                }
                total
            })
        });
        eprintln!("vim: peak memory (VmHWM) median {} kB", median(peaks));
    } else {
        eprintln!("vim not installed: its comparison skipped");
    }
    g.finish();
    // Put the index back for the benches that follow.
    jianbao(big, &["search", "文明"]);
}

fn commands(c: &mut Criterion, big: &Path) {
    let mut g = c.benchmark_group("command");
    g.sample_size(30).measurement_time(Duration::from_secs(8));
    g.bench_function("list/1000_issues", |b| b.iter(|| jianbao(big, &["list"])));
    for words in ["白潭镇", "扶沟县 倡导", "没有这个词", "文明"] {
        g.bench_function(BenchmarkId::new("search/1000_issues", words), |b| {
            let mut args = vec!["search"];
            args.extend(words.split(' '));
            b.iter(|| jianbao(big, &args))
        });
    }
    let issues = big.join(ISSUES_DIR);
    g.bench_function("grep_rF/1000_issues/白潭镇", |b| {
        b.iter(|| {
            Command::new("grep")
                .args(["-rF", "白潭镇"])
                .arg(&issues)
                .stdout(Stdio::null())
                .status()
                .expect("grep")
        })
    });
    g.finish();
}

fn in_process(c: &mut Criterion, big: &Path) {
    let mut g = c.benchmark_group("library");
    g.sample_size(30).measurement_time(Duration::from_secs(8));
    g.bench_function("open/1000_issues", |b| {
        b.iter(|| Library::open(black_box(big)).unwrap())
    });
    let mut lib = Library::open(big).unwrap();
    let newest = lib.latest().unwrap();
    g.bench_function("open_an_issue/1000_issues", |b| {
        b.iter(|| {
            lib.unload(&newest);
            lib.load(&newest).unwrap().sections.len()
        })
    });
    // What the search overlay does once when it opens, then at each key.
    g.bench_function("search_text/1000_issues", |b| {
        b.iter(|| lib.corpus(None, None).unwrap().issues.len())
    });
    // The first search after the search text is lost: every issue read.
    let index = big.join(STATE_DIR).join("index");
    g.sample_size(10);
    g.bench_function("search_text_without_index/1000_issues", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                for e in std::fs::read_dir(&index).unwrap() {
                    let path = e.unwrap().path();
                    if path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("text-"))
                    {
                        std::fs::remove_file(path).unwrap();
                    }
                }
                let t = Instant::now();
                black_box(lib.corpus(None, None).unwrap().issues.len());
                total += t.elapsed();
            }
            total
        })
    });
    g.sample_size(30);
    let corpus = lib.corpus(None, None).unwrap();
    for words in ["白潭镇", "扶沟县 倡导", "没有这个词", "文明"] {
        let q = Query::parse(words);
        g.bench_function(BenchmarkId::new("scan/1000_issues", words), |b| {
            b.iter(|| corpus.search(&q, &Filter::default()).len())
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let (big, sample) = libraries();
    startup(c, &big, &sample);
    commands(c, &big);
    in_process(c, &big);
}

criterion_group!(benches, bench);
criterion_main!(benches);
