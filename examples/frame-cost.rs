//! Where a typed character's time goes inside jianbao, without the
//! terminal: event handling, the tick, and drawing the frame as the app
//! does (`term::screen`: the panes and rows that changed, the change-only
//! writer), for one character typed at the end of an empty article and of
//! a 20,000-character paragraph (100×30); beside it, a full drawing of
//! every pane through ratatui's `Terminal`, as before.
//!
//! `--pause-ms N` sleeps N ms before each key, as a clerk's keys come
//! (and as the latency harness sends them): the code and data of a key
//! are then no longer in the processor's caches, and every step costs
//! several times what it costs in a tight loop.
//!
//! ```sh
//! cargo run --release --example frame-cost [-- --pause-ms 30]
//! perf record --call-graph dwarf target/release/examples/frame-cost --screen-only
//! ```

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jianbao::app::App;
use jianbao::app::keymap::Keymap;
use jianbao::i18n::Lang;
use jianbao::store::Library;
use jianbao::term::backend::Backend;
use jianbao::term::output::Output;
use jianbao::term::screen::Screen;
use jianbao::ui::theme::Theme;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::time::{Duration, Instant};

fn library(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let lib = dir.join("lib");
    std::fs::create_dir_all(lib.join("issues")).unwrap();
    std::fs::write(
        lib.join("library.ron"),
        "(schema: 1, bulletin: \"测试简报\", issuer: \"测试单位\")\n",
    )
    .unwrap();
    let issue = format!(
        "(schema: 1, bulletin: \"测试简报\", number: 1, date: \"2024-01-02\", issuer: \"测试单位\", status: Draft, sections: [(title: \"工作动态\", articles: [(title: [\"测试\"], kind: Feature, paragraphs: [\"{text}\"])])], closing: ())\n"
    );
    std::fs::write(lib.join("issues/2024-001.ron"), issue).unwrap();
    lib
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

fn main() {
    // For a profile of the app's own drawing alone.
    let screen_only = std::env::args().any(|a| a == "--screen-only");
    let pause = std::env::args()
        .skip_while(|a| a != "--pause-ms")
        .nth(1)
        .map(|ms| Duration::from_millis(ms.parse().expect("--pause-ms N")));
    let prose: Vec<char> = "为深入贯彻落实党的二十大精神扎实推进全国文明城市创建工作"
        .chars()
        .collect();
    for (name, len) in [("empty article", 0usize), ("20,000-char paragraph", 20_000)] {
        let dir = tempfile::tempdir().unwrap();
        let text: String = prose.iter().cycle().take(len).collect();
        let lib = Library::open(&library(dir.path(), &text)).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
        let mut app = App::new(lib, Lang::Zh, Keymap::default(), today);
        app.handle_event(&Event::Resize(100, 30));
        app.start(app.issue_ids().first().copied());
        app.handle_event(&key(KeyCode::Down, KeyModifiers::NONE));
        app.handle_event(&key(KeyCode::Enter, KeyModifiers::NONE));
        app.handle_event(&key(KeyCode::End, KeyModifiers::CONTROL));
        let backend = CrosstermBackend::new(Output::new(std::io::sink()));
        let viewport = Viewport::Fixed(Rect::new(0, 0, 100, 30));
        let mut term = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let mut screen = Screen::fixed(
            Backend::new(Output::new(std::io::sink())),
            Size::new(100, 30),
        );
        let theme = Theme::color();
        term.draw(|f| jianbao::ui::render(&app, &theme, f)).unwrap();
        screen.draw(&app, &theme).unwrap();
        let (mut handle, mut tick, mut draw, mut full) = (
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
        );
        // Paused, fewer keys: 300 take 9 s at 30 ms.
        let n = if pause.is_some() { 300 } else { 2000 };
        for i in 0..n {
            let c = prose[i % prose.len()];
            if let Some(pause) = pause {
                std::thread::sleep(pause);
            }
            let t0 = Instant::now();
            app.handle_event(&key(KeyCode::Char(c), KeyModifiers::NONE));
            let t1 = Instant::now();
            app.tick(t1);
            let t2 = Instant::now();
            screen.draw(&app, &theme).unwrap();
            let t3 = Instant::now();
            if !screen_only {
                term.draw(|f| jianbao::ui::render(&app, &theme, f)).unwrap();
            }
            let t4 = Instant::now();
            handle += t1 - t0;
            tick += t2 - t1;
            draw += t3 - t2;
            full += t4 - t3;
        }
        let us = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
        println!(
            "{name}: handle {:.1} µs, tick {:.1} µs, draw {:.1} µs per key \
             (every pane through ratatui's Terminal: {:.1} µs)",
            us(handle),
            us(tick),
            us(draw),
            us(full)
        );
    }
}
