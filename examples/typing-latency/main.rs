//! Types Chinese into an editor running in a pseudo-terminal, one character
//! at a time, as a clerk on an SSH link does, and measures for each key
//! what comes back: the time until the screen has settled (the last byte
//! written before a quiet spell) and how many bytes were written. Runs
//! jianbao (release build) and, when they are installed, vim and nano on
//! the same text, and prints a Markdown table. In the first case it also
//! runs `cat` in the cooked terminal, whose echo by the kernel is the floor
//! (no program wakes up), and `cat` in a raw terminal, which reads each key
//! and writes it back: the floor for any program that handles keys.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example typing-latency -- [--chars 500] [--quiet-ms 30] [--only jianbao] [--case 1|2|3|4] [--dump N]
//! ```
//!
//! Cases: an empty article (typing at the end of a line), the end of one
//! 20,000-character paragraph, its start (every row after the caret
//! moves), and 2,000-character bracketed pastes into an empty article. `--dump N` prints what came back for the Nth key and after the
//! pause. Not run by `cargo test`; figures and method are in BENCHMARKS.md.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// The text typed: ordinary bulletin prose, cycled.
const PROSE: &str = "为深入贯彻落实党的二十大精神扎实推进全国文明城市创建工作市委统战部始终把精神文明建设放在统战工作的重要位置以四项举措为抓手";

struct Options {
    chars: usize,
    quiet: Duration,
    only: Option<String>,
    /// Only this case (1 to 4).
    case: Option<usize>,
    /// Print what the editor wrote back for this input (1-based), escaped.
    dump: Option<usize>,
}

fn options() -> Options {
    let mut o = Options {
        chars: 500,
        quiet: Duration::from_millis(30),
        only: None,
        case: None,
        dump: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--chars" => o.chars = args[i + 1].parse().expect("--chars N"),
            "--quiet-ms" => {
                o.quiet = Duration::from_millis(args[i + 1].parse().expect("--quiet-ms N"))
            }
            "--only" => o.only = Some(args[i + 1].clone()),
            "--case" => o.case = Some(args[i + 1].parse().expect("--case 1|2|3|4")),
            "--dump" => o.dump = Some(args[i + 1].parse().expect("--dump N")),
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    o
}

/// A program in a pty, with its output counted.
struct Pty {
    master: Box<dyn portable_pty::MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    reader: Box<dyn Read + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    fd: i32,
}

impl Pty {
    fn start(cmd: CommandBuilder) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let fd = pair.master.as_raw_fd().expect("master fd");
        let reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        Pty {
            master: pair.master,
            writer,
            reader,
            child,
            fd,
        }
    }

    fn readable(&self, timeout: Duration) -> bool {
        let mut p = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd.
        unsafe { libc::poll(&mut p, 1, ms) > 0 }
    }

    /// Reads until nothing comes for `quiet`; returns the bytes and when
    /// the last of them arrived. Answers cursor-position queries as a
    /// terminal would.
    fn drain(&mut self, quiet: Duration, first_wait: Duration) -> (usize, Option<Instant>) {
        let (total, last, _) = self.drain_bytes(quiet, first_wait, false);
        (total, last)
    }

    /// As [`Pty::drain`], also returning the bytes when `keep`.
    fn drain_bytes(
        &mut self,
        quiet: Duration,
        first_wait: Duration,
        keep: bool,
    ) -> (usize, Option<Instant>, Vec<u8>) {
        let mut kept = Vec::new();
        let mut total = 0;
        let mut last = None;
        let mut buf = [0u8; 65536];
        let mut wait = first_wait;
        while self.readable(wait) {
            let n = self.reader.read(&mut buf).unwrap_or(0);
            if n == 0 {
                break;
            }
            last = Some(Instant::now());
            total += n;
            if keep {
                kept.extend_from_slice(&buf[..n]);
            }
            if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                let _ = self.writer.write_all(b"\x1b[1;1R");
            }
            wait = quiet;
        }
        (total, last, kept)
    }

    /// Reads until `text` has come and the screen settled (300 ms quiet).
    fn wait_for(&mut self, text: &str, limit: Duration) {
        let start = Instant::now();
        let mut seen = Vec::new();
        while !seen.windows(text.len()).any(|w| w == text.as_bytes()) {
            assert!(start.elapsed() < limit, "never showed {text}");
            seen.extend(self.drain_bytes(Duration::from_millis(50), limit, true).2);
        }
        self.drain(Duration::from_millis(300), Duration::from_millis(300));
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = &self.master;
    }
}

/// What one run measured.
struct Run {
    editor: String,
    case: &'static str,
    latencies: Vec<Duration>,
    /// Bytes written back for each input.
    bytes: Vec<usize>,
    /// Characters in each input (1 typed, or a paste).
    chars: usize,
    /// Bytes written after typing stopped (deferred counters), spread over
    /// the characters typed.
    after: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Types `o.chars` characters, one at a time, each once the screen settled.
fn type_into(pty: &mut Pty, o: &Options) -> (Vec<Duration>, Vec<usize>, usize) {
    let keys = PROSE.chars().cycle().take(o.chars).map(|c| c.to_string());
    send_each(pty, keys, o)
}

/// Pastes 2,000 characters `PASTES` times (bracketed, as a terminal sends
/// a paste), each once the screen settled.
fn paste_into(pty: &mut Pty, o: &Options) -> (Vec<Duration>, Vec<usize>, usize) {
    let text: String = PROSE.chars().cycle().take(PASTE_CHARS).collect();
    let pastes = (0..PASTES).map(|_| format!("\x1b[200~{text}\x1b[201~"));
    send_each(pty, pastes, o)
}

const PASTE_CHARS: usize = 2_000;
const PASTES: usize = 10;

/// Sends each input once the screen settled after the one before; returns
/// the latencies, the bytes written back for each, and those written after
/// the last once typing paused.
fn send_each(
    pty: &mut Pty,
    inputs: impl Iterator<Item = String>,
    o: &Options,
) -> (Vec<Duration>, Vec<usize>, usize) {
    let mut latencies = Vec::new();
    let mut bytes = Vec::new();
    for (k, input) in inputs.enumerate() {
        let dump = o.dump == Some(k + 1);
        let t0 = Instant::now();
        pty.send(input.as_bytes());
        let (n, last, kept) = pty.drain_bytes(o.quiet, Duration::from_secs(2), dump);
        if dump {
            eprintln!(
                "input {} ({input}): {} bytes: {}",
                k + 1,
                n,
                kept.escape_ascii()
            );
        }
        latencies.push(last.map_or(Duration::ZERO, |l| l - t0));
        bytes.push(n);
    }
    let (after, _, kept) = pty.drain_bytes(
        Duration::from_millis(500),
        Duration::from_millis(800),
        o.dump.is_some(),
    );
    if o.dump.is_some() {
        eprintln!("after the pause: {after} bytes: {}", kept.escape_ascii());
    }
    (latencies, bytes, after)
}

/// A library holding one issue with one article of `text`.
fn library(dir: &Path, text: &str) -> PathBuf {
    let lib = dir.join("lib");
    let issues = lib.join("issues");
    std::fs::create_dir_all(&issues).unwrap();
    std::fs::write(
        lib.join("library.ron"),
        "(schema: 1, bulletin: \"测试简报\", issuer: \"测试单位\")\n",
    )
    .unwrap();
    let issue = format!(
        "(\n    schema: 1,\n    bulletin: \"测试简报\",\n    number: 1,\n    date: \"2024-01-02\",\n    issuer: \"测试单位\",\n    status: Draft,\n    sections: [\n        (\n            title: \"工作动态\",\n            articles: [\n                (\n                    title: [\"测试\"],\n                    kind: Feature,\n                    paragraphs: [\n                        \"{text}\",\n                    ],\n                ),\n            ],\n        ),\n    ],\n    closing: (),\n)\n"
    );
    std::fs::write(issues.join("2024-001.ron"), issue).unwrap();
    lib
}

fn base_cmd(program: &str) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(program);
    cmd.env("LANG", "zh_CN.UTF-8");
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("LC_ALL");
    cmd
}

/// The release build, or the binary named by `JIANBAO_BIN` (to compare
/// two builds).
fn jianbao_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("JIANBAO_BIN") {
        return PathBuf::from(bin);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/jianbao");
    assert!(bin.exists(), "build it first: cargo build --release");
    bin
}

fn run_jianbao(case: &'static str, text: &str, at_start: bool, paste: bool, o: &Options) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path(), text);
    let mut cmd = base_cmd(jianbao_bin().to_str().unwrap());
    cmd.args(["--library", lib.to_str().unwrap(), "open", "2024-001"]);
    cmd.env("JIANBAO_NO_PROBE", "1");
    cmd.env("HOME", dir.path());
    cmd.env("XDG_CONFIG_HOME", dir.path().join("config"));
    let mut pty = Pty::start(cmd);
    // On a busy machine the first screen can take seconds; keys sent before
    // it would be echoed by the terminal, not typed into jianbao.
    pty.wait_for("字数", Duration::from_secs(30));
    // Tree → the article → the editor; then to the end or the start.
    pty.send(b"\x1b[B");
    pty.drain(Duration::from_millis(100), Duration::from_secs(2));
    pty.send(b"\r");
    pty.drain(Duration::from_millis(100), Duration::from_secs(2));
    pty.send(if at_start { b"\x1b[1;5H" } else { b"\x1b[1;5F" });
    pty.drain(Duration::from_millis(300), Duration::from_secs(2));
    let (latencies, bytes, after) = if paste {
        paste_into(&mut pty, o)
    } else {
        type_into(&mut pty, o)
    };
    Run {
        editor: "jianbao".into(),
        case,
        latencies,
        bytes,
        chars: if paste { PASTE_CHARS } else { 1 },
        after,
    }
}

fn run_other(
    editor: &str,
    case: &'static str,
    text: &str,
    at_start: bool,
    paste: bool,
    o: &Options,
) -> Option<Run> {
    let path = which(editor)?;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("text.txt");
    std::fs::write(&file, format!("{text}\n")).unwrap();
    let mut cmd = base_cmd(path.to_str().unwrap());
    cmd.env("HOME", dir.path());
    match editor {
        "vim" => {
            cmd.args([
                "-u",
                "NONE",
                "-N",
                "-n",
                "-c",
                "set encoding=utf-8 wrap",
                file.to_str()?,
            ]);
        }
        _ => {
            cmd.args(["-I", "--softwrap", file.to_str()?]);
        }
    }
    let mut pty = Pty::start(cmd);
    pty.drain(Duration::from_millis(300), Duration::from_secs(5));
    match (editor, at_start) {
        ("vim", true) => pty.send(b"gg0i"),
        ("vim", false) => pty.send(b"gg$a"),
        (_, true) => pty.send(b"\x1b[H"),
        (_, false) => pty.send(b"\x1b[F"),
    }
    pty.drain(Duration::from_millis(300), Duration::from_secs(2));
    let (latencies, bytes, after) = if paste {
        paste_into(&mut pty, o)
    } else {
        type_into(&mut pty, o)
    };
    Some(Run {
        editor: editor.into(),
        case,
        latencies,
        bytes,
        chars: if paste { PASTE_CHARS } else { 1 },
        after,
    })
}

/// `cat` in a pseudo-terminal, cooked (the kernel echoes each key, 3 bytes
/// of UTF-8, and no program wakes up) or raw (`cat` reads each key and
/// writes it back, as any program handling keys must): the floors.
fn run_floor(case: &'static str, raw: bool, o: &Options) -> Option<Run> {
    let mut cmd = base_cmd(which("sh")?.to_str()?);
    cmd.args([
        "-c",
        if raw {
            "stty raw -echo; exec cat"
        } else {
            "exec cat"
        },
    ]);
    let mut pty = Pty::start(cmd);
    pty.drain(Duration::from_millis(300), Duration::from_secs(2));
    let (latencies, bytes, after) = type_into(&mut pty, o);
    Some(Run {
        editor: if raw { "cat, raw" } else { "cat, cooked" }.into(),
        case,
        latencies,
        bytes,
        chars: 1,
        after,
    })
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

fn main() {
    let o = options();
    let long: String = PROSE.chars().cycle().take(20_000).collect();
    let all_cases: [(&'static str, &str, bool, bool); 4] = [
        ("empty article, end of line", "", false, false),
        ("20,000-char paragraph, at its end", &long, false, false),
        ("20,000-char paragraph, at its start", &long, true, false),
        ("2,000-char bracketed paste, empty article", "", false, true),
    ];
    let mut runs = Vec::new();
    for (n, (case, text, at_start, paste)) in all_cases.into_iter().enumerate() {
        if o.case.is_some_and(|c| c != n + 1) {
            continue;
        }
        for editor in ["cat", "cat-raw", "jianbao", "vim", "nano"] {
            let floor = editor.starts_with("cat");
            if o.only.as_deref().is_some_and(|only| only != editor) || (floor && n > 0) {
                continue;
            }
            eprintln!("{editor}: {case} …");
            let run = match editor {
                "jianbao" => Some(run_jianbao(case, text, at_start, paste, &o)),
                "cat" => run_floor(case, false, &o),
                "cat-raw" => run_floor(case, true, &o),
                _ => run_other(editor, case, text, at_start, paste, &o),
            };
            runs.extend(run);
        }
    }
    println!(
        "{} characters typed one at a time (cases 1–3), {PASTES} pastes of {PASTE_CHARS} characters (case 4), into a {COLS}×{ROWS} pseudo-terminal; settled = {} ms without output.\n",
        o.chars,
        o.quiet.as_millis()
    );
    println!(
        "| editor | case | latency median | p95 | bytes/char median | bytes/char mean | + after the pause |"
    );
    println!("|---|---|---|---|---|---|---|");
    for r in &runs {
        let mut lat = r.latencies.clone();
        lat.sort();
        let mut b = r.bytes.clone();
        b.sort();
        let typed = (r.bytes.len() * r.chars) as f64;
        let mean = r.bytes.iter().sum::<usize>() as f64 / typed;
        println!(
            "| {} | {} | {:.3} ms | {:.3} ms | {:.1} | {:.1} | {:.2} |",
            r.editor,
            r.case,
            percentile(&lat, 0.5).as_secs_f64() * 1e3,
            percentile(&lat, 0.95).as_secs_f64() * 1e3,
            b[b.len() / 2] as f64 / r.chars as f64,
            mean,
            r.after as f64 / typed,
        );
    }
}
