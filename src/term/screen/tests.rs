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

/// The key event of `spec` (`字`, `Ctrl+End`).
fn event(spec: &str) -> crossterm::event::KeyEvent {
    let k: crate::app::keymap::Key = spec.parse().unwrap();
    crossterm::event::KeyEvent::new(k.code, k.mods)
}

impl Seen {
    /// What the event loop does with a key read on its own: echo it when
    /// the last frame left room and it types as it is, then hand it to the
    /// app. Returns the bytes the echo wrote, if it echoed.
    fn press(&mut self, app: &mut App, spec: &str) -> Option<usize> {
        let ev = event(spec);
        let mut echoed = None;
        if self.screen.echo_ready()
            && let Some(c) = app.types_as_is(&ev)
            && self.screen.echo(c).unwrap()
        {
            let bytes = self.out.take();
            self.vt.process(&bytes);
            echoed = Some(bytes.len());
        }
        app.handle_event(&crossterm::event::Event::Key(ev));
        echoed
    }

    /// The cells the screen believes shown, against a full drawing:
    /// symbols and styles.
    fn check_kept(&self, app: &App) {
        let (full, _) = full_frame(app);
        for (i, (kept, want)) in self
            .screen
            .shown
            .content
            .iter()
            .zip(&full.content)
            .enumerate()
        {
            let (x, y) = full.pos_of(i);
            assert_eq!(kept, want, "cell {x},{y}");
        }
    }
}

#[test]
fn a_character_typed_at_the_end_is_shown_before_the_app_handles_it() {
    let (_dir, mut app) = app_with(Lang::Zh, Keymap::default(), 100, 30);
    let mut seen = Seen::new(100, 30);
    keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+End"]);
    seen.draw(&app);
    let t0 = Instant::now();
    let (mut echoed, mut not_echoed) = (Vec::new(), 0);
    let text = "为深入贯彻落实党的二十大精神，abc“扎实推进”全国文明城市创建工作。".repeat(2);
    for (i, c) in text.chars().enumerate() {
        let col = seen.vt.screen().cursor_position().1;
        let echo = seen.press(&mut app, &c.to_string());
        if let Some(n) = echo {
            echoed.push(n);
            // The screen shows the character before the frame.
            let (row, col) = seen.vt.screen().cursor_position();
            let shown = seen.vt.screen().contents_between(row, 0, row, col);
            assert!(shown.ends_with(c), "{shown:?} does not end with {c}");
        }
        app.tick(t0);
        let written = seen.draw(&app);
        seen.check(&app);
        seen.check_kept(&app);
        // The frame after an echo writes nothing, unless the caret went on
        // to the next row (the view may scroll) or the unsaved mark came.
        // A key not echoed began a row: the row was full, or the caret
        // stood where a row begins.
        let moved = seen.vt.screen().cursor_position().1 < col;
        let row_start = col == app.article_areas().unwrap().body.x;
        match echo {
            Some(_) => assert!(written == 0 || moved || i == 0, "{c}: {written} bytes"),
            None => {
                assert!(moved || row_start, "{c} was not echoed");
                not_echoed += 1;
            }
        }
    }
    assert!(not_echoed <= 4, "{not_echoed}");
    // The echo is the character's own bytes (after a frame that left
    // other colours set, ESC[0m more).
    assert!(echoed.iter().all(|&n| n <= 7), "{echoed:?}");
    assert!(echoed[2..].iter().all(|&n| n <= 3), "{echoed:?}");
}

#[test]
fn what_is_not_typed_as_it_is_is_not_echoed() {
    let (_dir, mut app) = app_with(Lang::Zh, Keymap::default(), 100, 30);
    let mut seen = Seen::new(100, 30);
    keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+End"]);
    seen.draw(&app);
    // Dashes and ellipses pair up and spaces may break a row; keys with
    // Ctrl are commands.
    for spec in ["—", "…", "Ctrl+A", "Space"] {
        assert_eq!(seen.press(&mut app, spec), None, "{spec}");
        seen.draw(&app);
        seen.check(&app);
    }
    // Not at the end of a paragraph: the rest of the row moves.
    keys(&mut app, &["Esc", "Left"]);
    seen.draw(&app);
    assert!(!seen.screen.echo_ready());
    // A selection is replaced; the find bar takes keys; the tree is not text.
    keys(&mut app, &["End", "Shift+Left"]);
    seen.draw(&app);
    assert!(!seen.screen.echo_ready());
    keys(&mut app, &["Right", "Ctrl+F"]);
    seen.draw(&app);
    assert!(!seen.screen.echo_ready());
    keys(&mut app, &["Esc", "Esc"]);
    seen.draw(&app);
    assert_ne!(app.focus, crate::app::Focus::Editor);
    assert!(!seen.screen.echo_ready());
    assert_eq!(seen.press(&mut app, "字"), None);
}

#[test]
fn an_echo_the_app_did_not_follow_is_put_right_by_the_next_frame() {
    let (_dir, mut app) = app_with(Lang::Zh, Keymap::default(), 100, 30);
    let mut seen = Seen::new(100, 30);
    keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+End"]);
    seen.draw(&app);
    // As if the key had been refused: echoed, never handled.
    assert!(seen.screen.echo('字').unwrap());
    seen.vt.process(&seen.out.take());
    assert!(seen.draw(&app) > 0);
    seen.check(&app);
    seen.check_kept(&app);
    // A resize between the frame and the key: no echo.
    assert!(seen.screen.echo_ready());
    seen.screen.forget_echo();
    assert!(!seen.screen.echo('字').unwrap());
}

mod echo_proptest {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Typing at the end of the text at any width: an echoed character
        /// is what the app does with the key, so the frame after it writes
        /// nothing unless the caret went on to a new row (the guess was
        /// right, not only put right).
        #[test]
        fn an_echo_is_what_the_app_does(
            typed in prop::collection::vec(
                prop::sample::select(vec!["字", "文", "a", "Z", "7", "，", "。", "、", "“", "”", "（", "）", "《", "》", "！", "Space", "—", "…"]),
                1..120,
            ),
            width in 30u16..120,
        ) {
            let (_dir, mut app) = app_with(Lang::Zh, Keymap::default(), width, 20);
            let mut seen = Seen::new(width, 20);
            keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+End"]);
            seen.draw(&app);
            let t0 = Instant::now();
            for (i, spec) in typed.iter().enumerate() {
                let col = seen.vt.screen().cursor_position().1;
                let echoed = seen.press(&mut app, spec);
                app.tick(t0);
                let written = seen.draw(&app);
                seen.check(&app);
                let moved = seen.vt.screen().cursor_position().1 < col;
                prop_assert!(
                    echoed.is_none() || written == 0 || moved || i == 0,
                    "{spec} at {col}: echoed, then {written} bytes"
                );
            }
            seen.check_kept(&app);
        }

        /// Keys in any order, each echoed where the event loop would echo
        /// it, with pauses: after every frame the terminal shows the full
        /// drawing and the screen knows what it shows.
        #[test]
        fn echoed_keys_end_as_a_full_drawing(
            inputs in prop::collection::vec((prop::sample::select(crate::test_support::DESK_KEYS), 0u64..400), 1..60)
        ) {
            let (_dir, mut app) = app_with(Lang::Zh, Keymap::default(), 60, 16);
            let mut seen = Seen::new(60, 16);
            keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+End"]);
            seen.draw(&app);
            let mut now = Instant::now();
            for (spec, ms) in inputs {
                seen.press(&mut app, spec);
                now += Duration::from_millis(ms);
                app.tick(now);
                if !app.running {
                    break;
                }
                seen.draw(&app);
                seen.check(&app);
                seen.check_kept(&app);
            }
        }
    }
}
