use super::*;
use proptest::prelude::*;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

/// What reached the "terminal", shared with the test.
use crate::test_support::Written as Shared;

type Term = Terminal<CrosstermBackend<Output<Shared>>>;

fn terminal(w: u16, h: u16) -> (Term, Shared) {
    let written = Shared::default();
    let backend = CrosstermBackend::new(Output::new(written.clone()));
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    (
        Terminal::with_options(backend, TerminalOptions { viewport }).unwrap(),
        written,
    )
}

#[test]
fn the_sixteen_colours_become_classic_codes() {
    let mut sgr = Sgr::default();
    sgr.apply("38;5;15;48;5;4");
    assert_eq!((sgr.fg.as_str(), sgr.bg.as_str()), ("97", "44"));
    sgr.apply("38;5;8;49");
    assert_eq!((sgr.fg.as_str(), sgr.bg.as_str()), ("90", ""));
    sgr.apply("38;5;200;48;2;1;2;3");
    assert_eq!(
        (sgr.fg.as_str(), sgr.bg.as_str()),
        ("38;5;200", "48;2;1;2;3")
    );
    sgr.apply("0;1;7");
    assert_eq!(
        sgr,
        Sgr {
            attrs: (1 << 1) | (1 << 7),
            ..Sgr::default()
        }
    );
}

#[test]
fn a_frame_that_changes_nothing_writes_nothing_and_typing_a_character_writes_a_few_bytes() {
    let (mut term, written) = terminal(40, 5);
    let draw = |term: &mut Term, text: &str| {
        term.draw(|f| {
            let area = f.area();
            f.render_widget(
                ratatui::widgets::Paragraph::new(text.to_string())
                    .style(Style::new().fg(Color::Cyan)),
                area,
            );
            f.set_cursor_position((text.chars().count() as u16 * 2, 0));
        })
        .unwrap();
    };
    draw(&mut term, "简报");
    let first = written.take();
    assert!(!first.is_empty());
    assert!(!String::from_utf8_lossy(&first).contains(";5;"));
    draw(&mut term, "简报");
    assert_eq!(written.take(), b"", "nothing changed, nothing written");
    draw(&mut term, "简报文");
    let typed = written.take();
    // The character alone: the cursor is already there and stays after it.
    assert_eq!(
        typed,
        "文".as_bytes(),
        "{:?}",
        String::from_utf8_lossy(&typed)
    );
    draw(&mut term, "简报文字");
    assert!(written.take().len() <= 12);
}

/// A buffer of random cells: symbols (some wide), colours and attributes.
fn buffer(w: u16, h: u16, cells: &[(u8, u8, u8, u8)]) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let symbols = ["a", "Z", " ", "简", "报", "，", "“", "—", "1"];
    let colors = [
        Color::Reset,
        Color::Red,
        Color::Cyan,
        Color::DarkGray,
        Color::White,
        Color::Blue,
        Color::Indexed(200),
        Color::Rgb(1, 2, 3),
    ];
    let mods = [
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::DIM,
        Modifier::BOLD | Modifier::UNDERLINED,
        Modifier::DIM | Modifier::REVERSED,
    ];
    let mut k = 0;
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let (s, fg, bg, m) = cells[k % cells.len()];
            k += 1;
            let sym = symbols[s as usize % symbols.len()];
            let wide = unicode_width::UnicodeWidthStr::width(sym) == 2;
            if wide && x + 1 >= w {
                x += 1;
                continue;
            }
            let style = Style::new()
                .fg(colors[fg as usize % colors.len()])
                .bg(colors[bg as usize % colors.len()])
                .add_modifier(mods[m as usize % mods.len()]);
            buf.set_string(x, y, sym, style);
            x += if wide { 2 } else { 1 };
        }
    }
    buf
}

/// The same terminal written without the filter: what ratatui alone makes
/// the terminal show.
fn raw_terminal(w: u16, h: u16) -> (Terminal<CrosstermBackend<Shared>>, Shared) {
    let written = Shared::default();
    let backend = CrosstermBackend::new(written.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    (
        Terminal::with_options(backend, TerminalOptions { viewport }).unwrap(),
        written,
    )
}

/// Every cell of `screen`: text, colours, attributes.
fn cells(screen: &vt100::Screen, w: u16, h: u16) -> Vec<String> {
    let mut out = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let c = screen.cell(y, x).unwrap();
            out.push(format!(
                "({x},{y}) {:?} {:?} {:?} b{} d{} i{} u{} r{}",
                c.contents(),
                c.fgcolor(),
                c.bgcolor(),
                c.bold(),
                c.dim(),
                c.italic(),
                c.underline(),
                c.inverse()
            ));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Whatever the frames, the terminal ends up showing exactly what it
    /// shows when ratatui writes to it directly: every cell's text, colours
    /// and attributes, and the cursor; and the text of each frame.
    #[test]
    fn the_terminal_shows_every_frame_as_without_the_filter(
        frames in prop::collection::vec(
            (prop::collection::vec((0u8..9, 0u8..8, 0u8..8, 0u8..6), 1..40), 0u16..12, 0u16..4, any::<bool>()),
            1..6,
        ),
    ) {
        let (w, h) = (12u16, 4u16);
        let (mut term, written) = terminal(w, h);
        let (mut raw, raw_written) = raw_terminal(w, h);
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut vt = vt100::Parser::new(nz(h), nz(w), 0);
        let mut vt_raw = vt100::Parser::new(nz(h), nz(w), 0);
        for (cells_in, cx, cy, show) in &frames {
            let buf = buffer(w, h, cells_in);
            let frame = |f: &mut ratatui::Frame| {
                *f.buffer_mut() = buf.clone();
                if *show {
                    f.set_cursor_position((*cx, *cy));
                }
            };
            term.draw(frame).unwrap();
            raw.draw(frame).unwrap();
            vt.process(&written.take());
            vt_raw.process(&raw_written.take());
            prop_assert_eq!(cells(vt.screen(), w, h), cells(vt_raw.screen(), w, h));
            prop_assert_eq!(vt.screen().hide_cursor(), vt_raw.screen().hide_cursor());
            if *show {
                prop_assert_eq!(vt.screen().cursor_position(), (*cy, *cx));
            }
            for y in 0..h {
                for x in 0..w {
                    let got = vt.screen().cell(y, x).unwrap();
                    if got.has_contents() {
                        prop_assert_eq!(got.contents(), buf[(x, y)].symbol());
                    }
                }
            }
        }
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
    let (mut term, written) = terminal(100, 30);
    let theme = crate::ui::theme::Theme::color();
    term.draw(|f| crate::ui::render(&app, &theme, f)).unwrap();
    let text = String::from_utf8_lossy(&written.take()).into_owned();
    assert!(
        text.contains("\x1b[3") || text.contains("\x1b[9"),
        "coloured"
    );
    assert!(!text.contains(";5;"), "{text}");
    assert!(text.contains("栏") && text.contains("2023-11-23"), "{text}");
}

#[test]
fn dumb_terminals_get_no_colour() {
    assert!(is_dumb(Some("dumb")) && is_dumb(None) && is_dumb(Some("")));
    assert!(!is_dumb(Some("linux")) && !is_dumb(Some("xterm")));
}
