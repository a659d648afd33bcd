//! Runs the real jianbao binary in a pseudo-terminal and reads its screen
//! through a vt100 emulator, as a clerk would see it.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

impl Session {
    /// Starts `jianbao --library LIB ARGS…` in an 80×24 terminal, in Chinese.
    pub fn start(lib: &Path, args: &[&str]) -> Session {
        Self::start_sized(lib, args, 80, 24)
    }

    pub fn start_sized(lib: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
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
        // Keep the user's real config out of the test.
        let home = lib.parent().unwrap_or(lib).join("home");
        std::fs::create_dir_all(&home).expect("test home");
        cmd.cwd(&home);
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join(".config"));
        let child = pty.slave.spawn_command(cmd).expect("spawn jianbao");
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
            0,
        )));
        let p = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer,
            child,
            _master: pty.master,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Where the terminal cursor is (row, column), 0-based.
    pub fn cursor(&self) -> (u16, u16) {
        self.parser.lock().unwrap().screen().cursor_position()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        // Let the app see each key on its own (a lone Esc must not merge
        // with the next key into Alt+key).
        thread::sleep(Duration::from_millis(60));
    }

    pub fn type_text(&mut self, text: &str) {
        self.send(text.as_bytes());
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
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!("jianbao did not exit:\n{}", self.screen());
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
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
    pub const F4: &[u8] = b"\x1bOS";
    pub const F7: &[u8] = b"\x1b[18~";
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
