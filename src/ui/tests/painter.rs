//! The painter draws only the article pane and the bars after typing or a
//! caret move; whatever happens, what it leaves in its buffer is what a
//! full drawing gives.

use crate::app::App;
use crate::app::keymap::Keymap;
use crate::i18n::Lang;
use crate::test_support::{app_with, key, keys, retained_differs, typ};
use crate::ui::Painter;
use crossterm::event::Event;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

fn editing(w: u16, h: u16) -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_with(Lang::Zh, Keymap::default(), w, h);
    keys(&mut app, &["Enter", "Down", "Enter"]);
    (dir, app)
}

#[test]
fn typing_draws_only_the_rows_that_changed() {
    let (_dir, mut app) = editing(100, 30);
    key(&mut app, "Ctrl+End");
    let theme = crate::ui::theme::Theme::color();
    let mut painter = Painter::default();
    let mut kept = Buffer::empty(Rect::new(0, 0, 100, 30));
    let first = painter.paint(&app, &theme, &mut kept);
    assert_eq!(first.rows, vec![0..30], "the first frame draws everything");
    // The first character also changes the unsaved mark: everything.
    typ(&mut app, "文");
    assert_eq!(painter.paint(&app, &theme, &mut kept).rows, vec![0..30]);
    typ(&mut app, "明");
    let caret = painter.paint(&app, &theme, &mut kept).cursor.unwrap();
    // The 字数 are held while typing and the unsaved mark is up: the bars
    // stay as they are, and only the caret's row is drawn.
    typ(&mut app, "城");
    let painted = painter.paint(&app, &theme, &mut kept);
    assert_eq!(painted.rows, vec![caret.y..caret.y + 1]);
    assert_eq!(retained_differs(&app, &mut painter, &mut kept), None);
    // Typing at the start of a paragraph moves its every row.
    keys(&mut app, &["Ctrl+Home", "Down"]);
    painter.paint(&app, &theme, &mut kept);
    typ(&mut app, "新");
    let moved = painter.paint(&app, &theme, &mut kept).rows.len();
    assert!(moved > 1, "{moved}");
    assert_eq!(retained_differs(&app, &mut painter, &mut kept), None);
    // Moving in the tree is not local: everything again.
    key(&mut app, "Esc");
    assert_eq!(painter.paint(&app, &theme, &mut kept).rows, vec![0..30]);
}

#[test]
fn the_count_shown_after_a_pause_redraws_the_tree() {
    let (_dir, mut app) = editing(100, 30);
    let mut painter = Painter::default();
    let mut kept = Buffer::empty(Rect::new(0, 0, 100, 30));
    let t0 = Instant::now();
    app.tick(t0);
    assert_eq!(retained_differs(&app, &mut painter, &mut kept), None);
    typ(&mut app, "文明");
    app.tick(t0);
    assert_eq!(retained_differs(&app, &mut painter, &mut kept), None);
    // The tree's 字数 change only now; a painter that kept the tree would
    // show the old ones.
    app.tick(t0 + Duration::from_secs(1));
    assert_eq!(retained_differs(&app, &mut painter, &mut kept), None);
}

#[derive(Debug, Clone)]
enum Input {
    Key(&'static str),
    Paste(&'static str),
    Resize(u16, u16),
    /// Time passes by this many ms, and the app ticks.
    Wait(u64),
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        12 => prop::sample::select(crate::test_support::DESK_KEYS).prop_map(Input::Key),
        1 => prop::sample::select(vec!["粘贴一段文字。", "第一行\n第二行\n", "\u{202e}反"])
            .prop_map(Input::Paste),
        1 => (20u16..140, 6u16..45).prop_map(|(w, h)| Input::Resize(w, h)),
        2 => (0u64..700).prop_map(Input::Wait),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Typing, moving, selecting, pasting, undoing, finding, pauses and
    /// resizes in any order: after each, the kept frame is the full one.
    #[test]
    fn the_kept_frame_is_always_the_full_frame(inputs in prop::collection::vec(input(), 1..80)) {
        let (_dir, mut app) = editing(100, 30);
        let mut painter = Painter::default();
        let mut kept = Buffer::empty(Rect::new(0, 0, 100, 30));
        let mut now = Instant::now();
        for i in inputs {
            match &i {
                Input::Key(k) => key(&mut app, k),
                Input::Paste(t) => app.handle_event(&Event::Paste(t.to_string())),
                Input::Resize(w, h) => app.handle_event(&Event::Resize(*w, *h)),
                Input::Wait(ms) => now += Duration::from_millis(*ms),
            }
            app.tick(now);
            if !app.running {
                break;
            }
            let differs = retained_differs(&app, &mut painter, &mut kept);
            prop_assert!(differs.is_none(), "after {:?}: {}", i, differs.unwrap_or_default());
        }
    }
}
