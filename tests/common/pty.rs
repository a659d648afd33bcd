//! Runs the real jianbao binary in a pseudo-terminal and reads its screen
//! through a vt100 emulator, as a clerk would see it. Like a real terminal
//! it answers cursor-position queries (CSI 6n); it can play a terminal set
//! to GBK, and hang up as a dropped SSH connection does.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::io::{AsRawFd, FromRawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Arc<Mutex<Option<File>>>,
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    gbk: bool,
    queries: Arc<AtomicUsize>,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The terminal a session runs in.
#[derive(Debug, Clone)]
pub struct Terminal {
    pub cols: u16,
    pub rows: u16,
    /// Extra environment, after the defaults (LANG=zh_CN.UTF-8, …).
    pub env: Vec<(String, String)>,
    /// Decode the program's output and encode typed text as GBK, as an SSH
    /// client set to GBK does.
    pub gbk: bool,
    /// How long the terminal takes to answer a cursor-position query, as
    /// over a slow SSH link.
    pub answer_delay: Duration,
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal {
            cols: 80,
            rows: 24,
            env: Vec::new(),
            gbk: false,
            answer_delay: Duration::ZERO,
        }
    }
}

/// A duplicate of `fd` as a `File` of its own.
fn dup(fd: i32) -> File {
    // SAFETY: dup of a valid descriptor; the new one is owned by the File.
    let new = unsafe { libc::dup(fd) };
    assert!(new >= 0, "dup: {}", std::io::Error::last_os_error());
    unsafe { File::from_raw_fd(new) }
}

/// Whether `fd` has something to read within 50 ms.
fn readable(fd: i32) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut p, 1, 50) > 0 }
}

impl Session {
    /// Starts `jianbao --library LIB ARGS…` in an 80×24 terminal, in Chinese.
    pub fn start(lib: &Path, args: &[&str]) -> Session {
        Self::start_in(lib, args, Terminal::default())
    }

    pub fn start_sized(lib: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        Self::start_in(
            lib,
            args,
            Terminal {
                cols,
                rows,
                ..Terminal::default()
            },
        )
    }

    pub fn start_in(lib: &Path, args: &[&str], term: Terminal) -> Session {
        let (cols, rows) = (term.cols, term.rows);
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jianbao"));
        cmd.arg("--library");
        cmd.arg(lib);
        cmd.args(args);
        cmd.env("LANG", "zh_CN.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("JIANBAO_LIBRARY");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        // Keep the user's real config out of the test.
        let home = lib.parent().unwrap_or(lib).join("home");
        std::fs::create_dir_all(&home).expect("test home");
        cmd.cwd(&home);
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join(".config"));
        for (k, v) in &term.env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn jianbao");
        drop(pty.slave);
        let fd = pty.master.as_raw_fd().expect("master fd");
        // Our own descriptors of the master, so that dropping them sends
        // nothing (portable-pty's writer types ^D on drop) and closing them
        // all hangs up.
        let writer = Arc::new(Mutex::new(Some(dup(fd))));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
            0,
        )));
        let stop = Arc::new(AtomicBool::new(false));
        let queries = Arc::new(AtomicUsize::new(0));
        let reader = {
            let (parser, writer, stop) = (parser.clone(), writer.clone(), stop.clone());
            let mut reader = dup(fd);
            let mut screen = Screen {
                parser,
                writer,
                gbk: term.gbk.then(|| encoding_rs::GBK.new_decoder()),
                tail: Vec::new(),
                answer_delay: term.answer_delay,
                queries: queries.clone(),
            };
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while !stop.load(Ordering::SeqCst) {
                    if !readable(reader.as_raw_fd()) {
                        continue;
                    }
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => screen.feed(&buf[..n]),
                    }
                }
            })
        };
        Session {
            parser,
            writer,
            child,
            master: Some(pty.master),
            stop,
            reader: Some(reader),
            gbk: term.gbk,
            queries,
        }
    }

    /// How many cursor-position queries the program has sent.
    pub fn queries(&self) -> usize {
        self.queries.load(Ordering::SeqCst)
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().screen_mut().set_size(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
        );
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Runs `f` on the emulated screen (modes, cursor, cells).
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.parser.lock().unwrap().screen())
    }

    /// Where the terminal cursor is (row, column), 0-based.
    pub fn cursor(&self) -> (u16, u16) {
        self.parser.lock().unwrap().screen().cursor_position()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        {
            let mut w = self.writer.lock().unwrap();
            let w = w.as_mut().expect("the terminal is still there");
            w.write_all(bytes).unwrap();
            w.flush().unwrap();
        }
        // Let the app see each key on its own (a lone Esc must not merge
        // with the next key into Alt+key).
        thread::sleep(Duration::from_millis(60));
    }

    /// Types `text` as the terminal encodes it (UTF-8, or GBK).
    pub fn type_text(&mut self, text: &str) {
        if self.gbk {
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
            assert!(!unmappable, "{text} is not all GBK");
            self.send(&bytes);
        } else {
            self.send(text.as_bytes());
        }
    }

    /// Waits until the screen shows `text`; panics with the screen if not.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!("screen never showed {text:?}:\n{}", self.screen());
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if !self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!("screen still shows {text:?}:\n{}", self.screen());
    }

    /// Waits for the process to end; returns whether it exited successfully.
    pub fn wait_exit(&mut self) -> bool {
        self.wait_exit_code() == 0
    }

    /// Waits for the process to end; returns its exit code.
    pub fn wait_exit_code(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!("jianbao did not exit:\n{}", self.screen());
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Sends `signal` to the program.
    pub fn signal(&self, signal: i32) {
        let pid = self.pid().expect("running") as i32;
        // SAFETY: kill(2) with a pid we started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill {pid}");
    }

    /// Closes the terminal, as a dropped SSH connection does: the program
    /// gets SIGHUP and its terminal reads fail.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.writer.lock().unwrap().take();
        self.master.take();
    }

    /// The terminal's line discipline flags (`c_lflag`), to tell raw mode.
    pub fn local_flags(&self) -> libc::tcflag_t {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the terminal is still there");
        // SAFETY: tcgetattr into a zeroed termios on a valid descriptor.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(fd, &mut t), 0);
            t.c_lflag
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// The screen side of the terminal: output into the emulator, answers to
/// cursor-position queries back to the program.
struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Arc<Mutex<Option<File>>>,
    gbk: Option<encoding_rs::Decoder>,
    /// The end of the previous chunk, in case a query was split.
    tail: Vec<u8>,
    answer_delay: Duration,
    queries: Arc<AtomicUsize>,
}

const DSR: &[u8] = b"\x1b[6n";

impl Screen {
    fn feed(&mut self, bytes: &[u8]) {
        let mut data = std::mem::take(&mut self.tail);
        data.extend_from_slice(bytes);
        let mut start = 0;
        while let Some(at) = data[start..].windows(DSR.len()).position(|w| w == DSR) {
            let end = start + at + DSR.len();
            self.show(&data[start..end]);
            let (row, col) = self.parser.lock().unwrap().screen().cursor_position();
            self.queries.fetch_add(1, Ordering::SeqCst);
            thread::sleep(self.answer_delay);
            if let Some(w) = self.writer.lock().unwrap().as_mut() {
                let _ = write!(w, "\x1b[{};{}R", row + 1, col + 1);
            }
            start = end;
        }
        // Keep a possible partial query for the next chunk.
        let keep = (1..DSR.len())
            .rev()
            .find(|&k| data.len() - start >= k && data.ends_with(&DSR[..k]))
            .unwrap_or(0);
        let split = data.len() - keep;
        self.show(&data[start..split]);
        self.tail = data[split..].to_vec();
    }

    fn show(&mut self, bytes: &[u8]) {
        let mut parser = self.parser.lock().unwrap();
        match &mut self.gbk {
            None => parser.process(bytes),
            Some(decoder) => {
                let mut text = String::with_capacity(bytes.len() * 2);
                let mut rest = bytes;
                loop {
                    text.reserve(rest.len() * 3 + 16);
                    let (result, read, _) = decoder.decode_to_string(rest, &mut text, false);
                    rest = &rest[read..];
                    if result == encoding_rs::CoderResult::InputEmpty {
                        break;
                    }
                }
                parser.process(text.as_bytes());
            }
        }
    }
}

/// Key sequences as an xterm sends them.
pub mod keys {
    pub const ENTER: &[u8] = b"\r";
    pub const ESC: &[u8] = b"\x1b";
    pub const TAB: &[u8] = b"\t";
    pub const UP: &[u8] = b"\x1b[A";
    pub const DOWN: &[u8] = b"\x1b[B";
    pub const RIGHT: &[u8] = b"\x1b[C";
    pub const LEFT: &[u8] = b"\x1b[D";
    pub const HOME: &[u8] = b"\x1b[H";
    pub const END: &[u8] = b"\x1b[F";
    pub const INSERT: &[u8] = b"\x1b[2~";
    pub const DELETE: &[u8] = b"\x1b[3~";
    pub const F1: &[u8] = b"\x1bOP";
    pub const F2: &[u8] = b"\x1bOQ";
    pub const F3: &[u8] = b"\x1bOR";
    pub const F4: &[u8] = b"\x1bOS";
    pub const F7: &[u8] = b"\x1b[18~";
    pub const F12: &[u8] = b"\x1b[24~";
    pub const CTRL_C: &[u8] = b"\x03";
    pub const CTRL_N: &[u8] = b"\x0e";
    pub const CTRL_Q: &[u8] = b"\x11";
    pub const CTRL_S: &[u8] = b"\x13";
    pub const CTRL_U: &[u8] = b"\x15";
    pub const CTRL_Z: &[u8] = b"\x1a";
    pub const CTRL_F: &[u8] = b"\x06";

    /// Text as a terminal delivers a paste in bracketed-paste mode.
    pub fn paste(text: &str) -> Vec<u8> {
        [b"\x1b[200~", text.as_bytes(), b"\x1b[201~"].concat()
    }
}
