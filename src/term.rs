//! The terminal: raw mode, alternate screen, bracketed paste and mouse on
//! entry, all undone on exit and on panic; the event loop, which also
//! watches for signals and a terminal that goes away.

pub mod backend;
pub mod encoding;
#[cfg(unix)]
pub mod input;
pub mod output;
pub mod screen;
#[cfg(unix)]
pub mod signals;

use crate::app::App;
use crate::ui::theme::Theme;
use crossterm::clipboard::CopyToClipboard;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{Command as _, execute};
use std::io::{self, Stdout, Write};
use std::time::{Duration, Instant};

pub type Term = screen::Screen<output::Output<Stdout>>;

/// Puts the terminal back as we found it. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    // Frames leave their last colours set (see `output`): reset them.
    let _ = execute!(
        io::stdout(),
        crossterm::style::SetAttribute(crossterm::style::Attribute::Reset),
        crossterm::style::ResetColor,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Enters full-screen mode; a panic restores the terminal before its
/// message is printed.
pub fn setup() -> io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        tracing::error!("panic: {info}");
        hook(info);
    }));
    enter()?;
    screen::Screen::new(backend::Backend::new(output::Output::new(io::stdout())))
        .inspect_err(|_| restore())
}

/// Raw mode, alternate screen, bracketed paste and mouse: what [`restore`]
/// undoes. Also after a stop, when the shell had the terminal meanwhile.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )
    .inspect_err(|_| restore())
}

/// Takes the terminal again after the process was continued, and makes
/// the next frame redraw every cell (the shell drew over the screen).
fn reenter(term: &mut Term, app: &mut App) -> io::Result<()> {
    enter()?;
    output::invalidate();
    term.clear()?;
    let size = term.size()?;
    app.handle_event(&Event::Resize(size.width, size.height));
    tracing::info!("continued: terminal taken again and redrawn");
    Ok(())
}

/// A stop was asked for (`kill -TSTP`, job control): the unsaved text goes
/// to its recovery file (a stopped editor is often killed), the terminal
/// goes back to the shell as it was, the process stops; when continued it
/// takes the terminal again and redraws.
#[cfg(unix)]
fn suspend(term: &mut Term, app: &mut App, session: &Session) -> io::Result<()> {
    tracing::info!("stopping (SIGTSTP)");
    app.before_suspend();
    restore();
    session.signals.stop_now()?;
    // Continued: SIGCONT has also set its flag; this handles it.
    session.signals.take_resumed();
    reenter(term, app)
}

/// The OSC 52 sequence that puts `text` on the clipboard of the user's own
/// terminal — the one on the clerk's desk, even over SSH.
pub fn osc52(text: &str) -> String {
    let mut out = String::new();
    CopyToClipboard::to_clipboard_from(text)
        .write_ansi(&mut out)
        .expect("writing to a String cannot fail");
    out
}

/// Why the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The clerk quit.
    Quit,
    /// A terminating signal (SIGHUP, SIGTERM, …).
    Signal(i32),
    /// The terminal went away (read error, end of file, hang-up).
    HangUp,
}

/// What the event loop needs besides the app: the signal watcher, and
/// whether to probe the terminal's encoding.
pub struct Session {
    #[cfg(unix)]
    pub signals: signals::Signals,
    pub probe: bool,
}

/// Runs until the app stops, a signal comes or the terminal goes away:
/// draw, sleep until input, a signal or the app's next tick, then take
/// every event already queued (an IME commits several characters at once)
/// before the next draw, so a burst costs one frame.
pub fn run(term: &mut Term, app: &mut App, theme: &Theme, session: &Session) -> io::Result<Exit> {
    let size = term.size()?;
    app.handle_event(&Event::Resize(size.width, size.height));
    app.tick(Instant::now());
    term.draw(app, theme)?;
    #[cfg(unix)]
    let mut keys = Keys::new((size.width, size.height));
    #[cfg(unix)]
    if session.probe {
        let (columns, typed) = keys.probe(term, size.height)?;
        tracing::info!(?columns, "terminal encoding probe");
        app.terminal_probe(columns);
        // Keys typed while the probe waited, in their order.
        for ev in typed {
            app.handle_event(&ev);
        }
        term.clear()?;
    }
    loop {
        #[cfg(unix)]
        {
            if session.signals.take_suspend() {
                suspend(term, app, session)?;
            } else if session.signals.take_resumed() {
                reenter(term, app)?;
            }
        }
        #[cfg(unix)]
        let gone = keys.drain(app, term)?;
        #[cfg(not(unix))]
        let gone = drain_events(app)?;
        if gone {
            return Ok(Exit::HangUp);
        }
        app.tick(Instant::now());
        if let Some(sig) = received(session) {
            return Ok(Exit::Signal(sig));
        }
        if !app.running {
            return Ok(Exit::Quit);
        }
        let drawn = term.draw(app, theme);
        let copied = match app.clipboard_out.take() {
            Some(text) if drawn.is_ok() => {
                let mut out = io::stdout();
                out.write_all(osc52(&text).as_bytes())
                    .and_then(|()| out.flush())
            }
            _ => Ok(()),
        };
        if let Err(e) = drawn.and(copied) {
            return if hung_up() { Ok(Exit::HangUp) } else { Err(e) };
        }
        if wait(app.next_tick(Instant::now()), session)? == Wake::HangUp {
            return Ok(Exit::HangUp);
        }
    }
}

/// The keyboard, read from standard input and decoded by [`input`] (which
/// knows the SSH clients' sequences), and the window size.
#[cfg(unix)]
struct Keys {
    decoder: input::Decoder,
    size: (u16, u16),
}

#[cfg(unix)]
impl Keys {
    /// How long a lone ESC or half a sequence waits for the rest.
    const SEQUENCE_WAIT: Duration = Duration::from_millis(30);

    fn new(size: (u16, u16)) -> Self {
        Keys {
            decoder: input::Decoder::new(),
            size,
        }
    }

    /// How long the encoding probe waits for the terminal's answer.
    const PROBE_WAIT: Duration = Duration::from_secs(2);

    /// Runs the encoding probe ([`encoding::probe`]) and reads the answer
    /// itself: the columns the probe took (`None` if the terminal did not
    /// answer in time), and the events typed meanwhile, kept for the app.
    fn probe(&mut self, term: &mut Term, rows: u16) -> io::Result<(Option<u16>, Vec<Event>)> {
        encoding::probe(term.backend_mut(), rows)?;
        let deadline = Instant::now() + Self::PROBE_WAIT;
        let mut typed = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            if let Some((col, _)) = self.decoder.take_report() {
                return Ok((Some(col), typed));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok((None, typed));
            }
            match read_input(&mut buf, left.min(Self::SEQUENCE_WAIT))? {
                Read::Bytes(n) => typed.extend(self.decoder.feed(&buf[..n])),
                Read::Gone => return Ok((None, typed)),
                Read::Nothing if self.decoder.waiting() => typed.extend(self.decoder.flush()),
                Read::Nothing => {}
            }
        }
    }

    /// Hands every event waiting to the app (a resize, then the input
    /// read so far); returns whether the terminal has gone. A key read on
    /// its own that types a character as it is goes to the screen first
    /// ([`screen::Screen::echo`]), then to the app.
    fn drain(&mut self, app: &mut App, term: &mut Term) -> io::Result<bool> {
        if let Ok(size) = backend::size()
            && size != self.size
        {
            self.size = size;
            term.forget_echo();
            app.handle_event(&Event::Resize(size.0, size.1));
        }
        let mut buf = [0u8; 8192];
        while app.running {
            match read_input(&mut buf, Duration::ZERO)? {
                Read::Bytes(n) => {
                    let events = self.decoder.feed(&buf[..n]);
                    if let [Event::Key(key)] = events.as_slice()
                        && !self.decoder.waiting()
                        && term.echo_ready()
                        && let Some(c) = app.types_as_is(key)
                    {
                        // A failed write shows in the frame's.
                        let _ = term.echo(c);
                    }
                    for ev in events {
                        debug_panic(&ev);
                        app.handle_event(&ev);
                    }
                }
                Read::Gone => return Ok(true),
                Read::Nothing if self.decoder.waiting() => {
                    // The rest of a sequence, or a lone Esc.
                    match read_input(&mut buf, Self::SEQUENCE_WAIT)? {
                        Read::Bytes(n) => {
                            for ev in self.decoder.feed(&buf[..n]) {
                                debug_panic(&ev);
                                app.handle_event(&ev);
                            }
                        }
                        Read::Gone => return Ok(true),
                        Read::Nothing => {
                            for ev in self.decoder.flush() {
                                app.handle_event(&ev);
                            }
                            break;
                        }
                    }
                }
                Read::Nothing => break,
            }
        }
        Ok(false)
    }
}

#[cfg(unix)]
enum Read {
    Bytes(usize),
    Nothing,
    Gone,
}

/// Reads what standard input has within `wait`.
#[cfg(unix)]
fn read_input(buf: &mut [u8], wait: Duration) -> io::Result<Read> {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = wait.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(Read::Nothing)
        } else {
            Err(e)
        };
    }
    if n == 0 {
        return Ok(Read::Nothing);
    }
    if fd.revents & libc::POLLIN == 0 {
        // Hang-up or error without data.
        return Ok(Read::Gone);
    }
    // SAFETY: `buf` is valid for writes of its length.
    let got = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
    match got {
        0 => Ok(Read::Gone),
        n if n > 0 => Ok(Read::Bytes(n as usize)),
        _ => {
            let e = io::Error::last_os_error();
            match e.kind() {
                io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock => Ok(Read::Nothing),
                _ if e.raw_os_error() == Some(libc::EIO) => Ok(Read::Gone),
                _ => Err(e),
            }
        }
    }
}

/// Hands every queued event to the app; returns whether the terminal has
/// gone. crossterm would spin on a terminal that has gone, so it is asked
/// only while the terminal is there.
#[cfg(not(unix))]
fn drain_events(app: &mut App) -> io::Result<bool> {
    while app.running {
        if hung_up() {
            return Ok(true);
        }
        let ready = crossterm::event::poll(Duration::ZERO).and_then(|ready| {
            if ready {
                crossterm::event::read().map(Some)
            } else {
                Ok(None)
            }
        });
        match ready {
            Ok(Some(ev)) => {
                debug_panic(&ev);
                app.handle_event(&ev);
            }
            Ok(None) => break,
            Err(_) if hung_up() => return Ok(true),
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// Debug builds with `JIANBAO_DEBUG_PANIC` set panic on F12, so the tests
/// can check what a crash leaves behind (terminal, text, message).
fn debug_panic(ev: &Event) {
    #[cfg(debug_assertions)]
    if matches!(ev, Event::Key(k) if k.code == crossterm::event::KeyCode::F(12))
        && std::env::var_os("JIANBAO_DEBUG_PANIC").is_some()
    {
        panic!("JIANBAO_DEBUG_PANIC: F12 pressed");
    }
    #[cfg(not(debug_assertions))]
    let _ = ev;
}

fn received(session: &Session) -> Option<i32> {
    #[cfg(unix)]
    {
        session.signals.received()
    }
    #[cfg(not(unix))]
    {
        let _ = session;
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wake {
    /// Input, a signal or the timeout: look again.
    Look,
    HangUp,
}

/// Sleeps until the terminal has input or has gone, a signal arrives, or
/// `timeout` passes (`None`: no timeout).
#[cfg(unix)]
fn wait(timeout: Option<Duration>, session: &Session) -> io::Result<Wake> {
    let ms = timeout.map_or(-1, |d| {
        d.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
    });
    let mut fds = [
        libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: session.signals.wake_fd(),
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    // SAFETY: `fds` is a valid array of two pollfd for the call's duration.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(Wake::Look)
        } else {
            Err(e)
        };
    }
    if fds[1].revents != 0 {
        session.signals.drain();
    }
    if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Ok(Wake::HangUp);
    }
    Ok(Wake::Look)
}

#[cfg(not(unix))]
fn wait(timeout: Option<Duration>, _session: &Session) -> io::Result<Wake> {
    crossterm::event::poll(timeout.unwrap_or(Duration::from_secs(3600)))?;
    Ok(Wake::Look)
}

/// Whether the terminal has gone (hang-up, error or closed).
#[cfg(unix)]
pub fn hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no timeout.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
pub fn hung_up() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::osc52;

    #[test]
    fn osc52_carries_base64_of_the_utf8_text() {
        // ESC ] 52 ; c ; base64 ST
        assert_eq!(osc52(""), "\x1b]52;c;\x1b\\");
        assert_eq!(osc52("a"), "\x1b]52;c;YQ==\x1b\\");
        assert_eq!(osc52("ab"), "\x1b]52;c;YWI=\x1b\\");
        assert_eq!(osc52("abc"), "\x1b]52;c;YWJj\x1b\\");
        // 简报 is E7 AE 80 E6 8A A5.
        assert_eq!(osc52("简报"), "\x1b]52;c;566A5oql\x1b\\");
    }
}
