//! Snapshots of the print preview and the tidy overlay.

use super::*;
use ratatui::style::{Color, Modifier};

/// Open the sample's 扶沟县白潭镇… article.
const ARTICLE: &[&str] = &["Enter", "Down", "Down", "Down", "Down", "Enter"];

fn with(first: &[&str], then: &[&str]) -> Vec<String> {
    first.iter().chain(then).map(|s| s.to_string()).collect()
}

fn shot(name: &str, w: u16, h: u16, keys_: &[String]) {
    let (_d, mut app) = app(Lang::Zh, w, h);
    let specs: Vec<&str> = keys_.iter().map(String::as_str).collect();
    keys(&mut app, &specs);
    // As the screen stands once typing pauses (the 字数 caught up).
    app.tick(std::time::Instant::now() + crate::app::counts::PAUSE);
    insta::assert_snapshot!(name, screen(&app));
}

#[test]
fn print_preview() {
    let keys_ = with(ARTICLE, &["F5"]);
    shot("preview_80x24", 80, 24, &keys_);
    shot("preview_120x40", 120, 40, &keys_);
    shot("preview_top_80x24", 80, 24, &with(&["Enter", "F5"], &[]));
    shot(
        "preview_end_120x40",
        120,
        40,
        &with(&["Enter", "F5"], &["End"]),
    );
}

#[test]
fn tidy_overlay() {
    let typed = [
        "Ctrl+Home",
        "1",
        "1",
        "Space",
        "月",
        "Space",
        "2",
        "2",
        "Space",
        "日",
        ",",
        "Space",
        "会",
        "议",
        "在",
        "\"",
        "市",
        "委",
        "\"",
        "召",
        "开",
        ".",
        ".",
        ".",
        "F6",
    ];
    shot("tidy_80x24", 80, 24, &with(ARTICLE, &typed));
    let mut more = with(ARTICLE, &typed);
    more.extend(["Down", "Space", "Space"].map(String::from));
    shot("tidy_120x40", 120, 40, &more);
}

/// Without colour the preview relies on bold and reverse alone.
#[test]
fn the_preview_is_monochrome_safe() {
    let (_d, mut app) = app(Lang::Zh, 80, 24);
    keys(&mut app, &["Enter", "F5"]);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| render(&app, &Theme::mono(), f)).unwrap();
    let buf = term.backend().buffer();
    let mut bold = 0;
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        if cell.modifier.contains(Modifier::BOLD) && cell.symbol() != " " {
            bold += 1;
        }
    }
    // The bulletin name, headings, titles and the masthead rule are bold.
    assert!(bold > 40, "{bold}");
}
