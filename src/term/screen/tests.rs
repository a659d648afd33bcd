//! What the terminal shows after frames drawn by the screen (read back with
//! a terminal emulator) is what a full drawing of the app gives.

use super::*;
use crate::app::keymap::Keymap;
use crate::i18n::Lang;
use crate::term::output::Output;
use crate::test_support::Written as Shared;
use crate::test_support::{app_with, full_frame, key, keys, typ};
use std::time::{Duration, Instant};

struct Seen {
    screen: Screen<Output<Shared>>,
    out: Shared,
    vt: vt100::Parser,
}

impl Seen {
    fn new(w: u16, h: u16) -> Seen {
        let out = Shared::default();
        let screen = Screen::fixed(Backend::new(Output::new(out.clone())), Size::new(w, h));
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        Seen {
            screen,
            out,
            vt: vt100::Parser::new(nz(h), nz(w), 0),
        }
    }

    /// Draws `app`; the bytes written.
    fn draw(&mut self, app: &App) -> usize {
        self.screen.draw(app, &Theme::color()).unwrap();
        let bytes = self.out.take();
        self.vt.process(&bytes);
        bytes.len()
    }

    /// The emulator's screen against a full drawing: text and cursor.
    fn check(&self, app: &App) {
        let (full, cursor) = full_frame(app);
        let screen = self.vt.screen();
        for y in 0..app.height {
            let mut want = String::new();
            let mut x = 0;
            while x < app.width {
                let s = full[(x, y)].symbol();
                want.push_str(s);
                x += unicode_width::UnicodeWidthStr::width(s).max(1) as u16;
            }
            let got = screen.contents_between(y, 0, y, app.width);
            assert_eq!(got.trim_end(), want.trim_end(), "row {y}");
        }
        match cursor {
            Some(p) => {
                assert!(!screen.hide_cursor());
                assert_eq!(screen.cursor_position(), (p.y, p.x));
            }
            None => assert!(screen.hide_cursor()),
        }
    }
}

#[test]
fn typed_text_a_pause_and_a_resize_end_as_a_full_drawing() {
    let (_dir, mut app) = app_with(Lang::Zh, Keymap::default(), 100, 30);
    let mut seen = Seen::new(100, 30);
    seen.draw(&app);
    seen.check(&app);
    keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+End"]);
    seen.draw(&app);
    seen.check(&app);
    let t0 = Instant::now();
    let mut typed = Vec::new();
    for c in "为深入贯彻落实党的二十大精神，扎实推进全国文明城市创建工作。".chars()
    {
        typ(&mut app, &c.to_string());
        app.tick(t0);
        typed.push(seen.draw(&app));
        seen.check(&app);
    }
    // At the end of a line a character costs its own bytes, or a cursor
    // move more where a row begins.
    typed.sort_unstable();
    assert!(typed[typed.len() / 2] <= 12, "{typed:?}");
    // The pause shows the true 字数 in the tree and the status bar.
    app.tick(t0 + Duration::from_secs(1));
    seen.draw(&app);
    seen.check(&app);
    key(&mut app, "Shift+Left");
    seen.draw(&app);
    seen.check(&app);
    app.handle_event(&crossterm::event::Event::Resize(80, 24));
    seen.screen.set_size(Size::new(80, 24));
    let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    seen.vt.screen_mut().set_size(nz(24), nz(80));
    seen.draw(&app);
    seen.check(&app);
}

#[test]
fn a_frame_that_changes_nothing_writes_nothing() {
    let (_dir, mut app) = app_with(Lang::Zh, Keymap::default(), 100, 30);
    let mut seen = Seen::new(100, 30);
    keys(&mut app, &["Enter", "Down", "Enter"]);
    seen.draw(&app);
    assert_eq!(seen.draw(&app), 0);
    app.tick(Instant::now());
    assert_eq!(seen.draw(&app), 0);
}
