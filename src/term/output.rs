//! What goes between ratatui and the terminal: a frame is collected and
//! written in one piece when ratatui flushes (one write, so one packet over
//! SSH instead of a write per kilobyte), with its colours in the classic
//! 16-colour codes.
//!
//! crossterm writes even the 16 named colours as 256-colour codes
//! (`ESC[38;5;8m`), which the Linux console, `TERM=vt100` and other
//! 8/16-colour terminals do not know. The theme uses only the 16 named
//! colours, so they are rewritten exactly as `ESC[30m`–`ESC[37m`,
//! `ESC[90m`–`ESC[97m` (and the backgrounds), which every colour terminal
//! understands; they are also shorter.

use std::io::{self, Write};

/// A buffered writer to `inner` that rewrites colours on flush.
#[derive(Debug)]
pub struct Output<W: Write> {
    inner: W,
    frame: Vec<u8>,
}

impl<W: Write> Output<W> {
    pub fn new(inner: W) -> Self {
        Output {
            inner,
            frame: Vec::with_capacity(16 * 1024),
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.frame.is_empty() {
            let out = classic_colors(&self.frame);
            self.frame.clear();
            self.inner.write_all(&out)?;
        }
        self.inner.flush()
    }
}

/// `bytes` with every 256-colour parameter of N < 16 in an SGR sequence
/// (`38;5;N`, `48;5;N`, as in `ESC[38;5;15;48;5;4m`) written as the classic
/// code of that colour; everything else as it was.
pub fn classic_colors(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b
            && let Some((sgr, len)) = rewrite_sgr(&bytes[i..])
        {
            out.extend_from_slice(&sgr);
            i += len;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The rewritten SGR sequence at the start of `s` and its length, if it
/// is one (`ESC [` digits and semicolons `m`) holding a colour to rewrite.
fn rewrite_sgr(s: &[u8]) -> Option<(Vec<u8>, usize)> {
    let body = s.strip_prefix(b"\x1b[")?;
    let n = body
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    if body.get(n) != Some(&b'm') {
        return None;
    }
    let params: Vec<&str> = std::str::from_utf8(&body[..n]).ok()?.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(params.len());
    let mut changed = false;
    let mut p = 0;
    while p < params.len() {
        let classic = match (params[p], params.get(p + 1), params.get(p + 2)) {
            ("38" | "48", Some(&"5"), Some(idx)) => idx.parse::<u8>().ok().and_then(|idx| {
                let (base, bright) = if params[p] == "38" {
                    (30, 90)
                } else {
                    (40, 100)
                };
                match idx {
                    0..=7 => Some(base + idx),
                    8..=15 => Some(bright + idx - 8),
                    _ => None,
                }
            }),
            _ => None,
        };
        match classic {
            Some(code) => {
                out.push(code.to_string());
                changed = true;
                p += 3;
            }
            None => {
                // Keep a whole colour (2;r;g;b or 5;N) together.
                let len = match (params[p], params.get(p + 1)) {
                    ("38" | "48" | "58", Some(&"5")) => 3,
                    ("38" | "48" | "58", Some(&"2")) => 5,
                    _ => 1,
                };
                let end = (p + len).min(params.len());
                out.extend(params[p..end].iter().map(|s| s.to_string()));
                p = end;
            }
        }
    }
    if !changed {
        return None;
    }
    Some((format!("\x1b[{}m", out.join(";")).into_bytes(), 2 + n + 1))
}

/// Whether the terminal can show no colour or attributes at all
/// (`TERM=dumb`, or no `TERM`): then the monochrome theme is used.
pub fn is_dumb(term: Option<&str>) -> bool {
    matches!(term, None | Some("" | "dumb"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixteen_colours_become_classic_codes() {
        assert_eq!(classic_colors(b"\x1b[38;5;8mx"), b"\x1b[90mx");
        assert_eq!(classic_colors(b"\x1b[38;5;1m"), b"\x1b[31m");
        assert_eq!(
            classic_colors(b"\x1b[48;5;4m\x1b[48;5;15m"),
            b"\x1b[44m\x1b[107m"
        );
        // ratatui sets both at once.
        assert_eq!(classic_colors(b"\x1b[38;5;15;48;5;4m"), b"\x1b[97;44m");
        assert_eq!(classic_colors(b"\x1b[38;5;8;49m"), b"\x1b[90;49m");
        assert_eq!(
            classic_colors(b"\x1b[38;2;1;2;3;48;5;1m"),
            b"\x1b[38;2;1;2;3;41m"
        );
        // Others are left as they are.
        for kept in [
            &b"\x1b[38;5;16m"[..],
            b"\x1b[38;5;200m",
            b"\x1b[38;2;1;2;3m",
            b"\x1b[1m\x1b[0m",
            b"\x1b[38;5;m",
            "简报\x1b[38;5;9".as_bytes(),
        ] {
            assert_eq!(classic_colors(kept), kept);
        }
    }

    #[test]
    fn a_frame_is_written_once_on_flush() {
        let mut out = Output::new(Vec::new());
        out.write_all(b"\x1b[38;5;").unwrap();
        out.write_all(b"6m").unwrap();
        out.write_all("栏目".as_bytes()).unwrap();
        assert!(out.inner.is_empty());
        out.flush().unwrap();
        assert_eq!(out.inner, "\x1b[36m栏目".as_bytes());
    }

    #[test]
    fn dumb_terminals_get_no_colour() {
        assert!(is_dumb(Some("dumb")) && is_dumb(None) && is_dumb(Some("")));
        assert!(!is_dumb(Some("linux")) && !is_dumb(Some("xterm")));
    }
}

#[cfg(test)]
mod frame_tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    /// What reached the "terminal".
    #[derive(Default, Clone)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_whole_screen_of_the_app_has_no_256_colour_code() {
        let dir = tempfile::TempDir::new().unwrap();
        let lib = crate::store::Library::open(&dir.path().join("lib")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2023, 11, 30).unwrap();
        let keymap = crate::app::keymap::Keymap::default();
        let mut app = crate::app::App::new(lib, crate::i18n::Lang::Zh, keymap, today);
        app.handle_event(&crossterm::event::Event::Resize(100, 30));
        app.start(app.issue_ids().first().copied());
        let written = Shared::default();
        let backend = CrosstermBackend::new(Output::new(written.clone()));
        let viewport = Viewport::Fixed(Rect::new(0, 0, 100, 30));
        let mut term = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let theme = crate::ui::theme::Theme::color();
        term.draw(|f| crate::ui::render(&app, &theme, f)).unwrap();
        let text = String::from_utf8_lossy(&written.0.borrow()).into_owned();
        assert!(
            text.contains("\x1b[3") || text.contains("\x1b[4"),
            "coloured"
        );
        assert!(!text.contains(";5;"), "{text}");
        assert!(text.contains("栏") && text.contains("2023-11-23"), "{text}");
    }
}
