//! SIGHUP (the SSH connection dropped), SIGTERM, SIGINT and SIGQUIT, caught
//! on a thread of their own. It wakes the event loop, which writes the
//! unsaved text to its recovery file, restores the terminal and exits. When
//! the main thread has not finished within [`GRACE`] — it can be stuck:
//! crossterm spins when the terminal is gone (crossterm issue 793) — the
//! signal thread writes the last snapshot itself and ends the process.
//!
//! SIGWINCH also wakes the loop (crossterm turns it into a resize event),
//! since the loop sleeps in `poll(2)` on the terminal and [`Signals::wake_fd`].
//!
//! SIGTSTP (`kill -TSTP`, a job-control stop) is not left to its default
//! action, which would stop the process with the terminal in raw mode on
//! the alternate screen: the loop gives the terminal back first, then stops
//! ([`Signals::take_suspend`]); SIGCONT, however the process was stopped,
//! makes it take the terminal again and redraw everything.

use crate::app::safety::SnapshotSlot;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use std::io::{self, Read, Write};
use std::os::unix::io::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How long the main thread gets to save and exit after a signal.
pub const GRACE: Duration = Duration::from_secs(1);

/// The signals that end jianbao (after saving).
pub const TERMINATING: [i32; 4] = [SIGHUP, SIGTERM, SIGINT, SIGQUIT];

pub struct Signals {
    received: Arc<AtomicI32>,
    suspend: Arc<AtomicBool>,
    resumed: Arc<AtomicBool>,
    wake: UnixStream,
    handle: signal_hook::iterator::Handle,
}

impl Signals {
    /// Starts catching the signals; `slot` holds the text to rescue.
    pub fn spawn(slot: Arc<SnapshotSlot>) -> io::Result<Signals> {
        let (wake, wake_w) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        wake_w.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(SIGWINCH, wake_w.try_clone()?)?;
        let suspend = Arc::new(AtomicBool::new(false));
        let resumed = Arc::new(AtomicBool::new(false));
        // The flag is set before the wake-up byte is written (handlers run
        // in registration order), so the woken loop sees it.
        signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
        signal_hook::low_level::pipe::register(SIGTSTP, wake_w.try_clone()?)?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&resumed))?;
        signal_hook::low_level::pipe::register(SIGCONT, wake_w.try_clone()?)?;
        let mut signals = signal_hook::iterator::Signals::new(TERMINATING)?;
        let handle = signals.handle();
        let received = Arc::new(AtomicI32::new(0));
        let flag = Arc::clone(&received);
        thread::Builder::new()
            .name("jianbao-signals".into())
            .spawn(move || {
                let Some(sig) = signals.forever().next() else {
                    return;
                };
                flag.store(sig, Ordering::SeqCst);
                tracing::warn!(signal = name(sig), "caught signal: saving and exiting");
                let _ = (&wake_w).write(&[1]);
                let start = Instant::now();
                while start.elapsed() < GRACE && !slot.is_done() {
                    thread::sleep(Duration::from_millis(20));
                }
                match slot.rescue() {
                    None => {}
                    Some(Ok(path)) => tracing::warn!(
                        path = %path.display(),
                        "main thread did not respond: wrote the last snapshot"
                    ),
                    Some(Err(e)) => tracing::error!("rescue of the last snapshot failed: {e}"),
                }
                // Time for the main thread to restore the terminal and exit.
                thread::sleep(GRACE);
                tracing::warn!(signal = name(sig), "main thread stuck: exiting");
                std::process::exit(128 + sig);
            })?;
        Ok(Signals {
            received,
            suspend,
            resumed,
            wake,
            handle,
        })
    }

    /// The terminating signal caught, if any.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            sig => Some(sig),
        }
    }

    /// Whether a stop (SIGTSTP) was asked for since the last call.
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// Whether the process was continued (SIGCONT) since the last call.
    pub fn take_resumed(&self) -> bool {
        self.resumed.swap(false, Ordering::SeqCst)
    }

    /// Stops the process as SIGTSTP's default action would; returns when
    /// it is continued. The caller gives the terminal back first.
    pub fn stop_now(&self) -> io::Result<()> {
        signal_hook::low_level::emulate_default_handler(SIGTSTP)
    }

    /// Readable when a signal arrived.
    pub fn wake_fd(&self) -> RawFd {
        self.wake.as_raw_fd()
    }

    /// Empties the wake-up pipe.
    pub fn drain(&self) {
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        self.handle.close();
    }
}

/// SIGHUP, SIGTERM, …
pub fn name(sig: i32) -> &'static str {
    match sig {
        SIGHUP => "SIGHUP",
        SIGTERM => "SIGTERM",
        SIGINT => "SIGINT",
        SIGQUIT => "SIGQUIT",
        _ => "signal",
    }
}
