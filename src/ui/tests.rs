//! Snapshots of the main screens (Chinese UI) at 80×24 and 120×40.

use crate::app::App;
use crate::app::keymap::Keymap;
use crate::i18n::Lang;
use crate::store::Library;
use crate::test_support::{app_with, key, keys, screen, today};
use crate::ui::{render, theme::Theme};
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

fn app(lang: Lang, w: u16, h: u16) -> (TempDir, App) {
    app_with(lang, Keymap::default(), w, h)
}

macro_rules! shot {
    ($name:literal, $w:expr, $h:expr, $keys:expr) => {{
        let (_d, mut app) = app(Lang::Zh, $w, $h);
        keys(&mut app, $keys);
        insta::assert_snapshot!($name, screen(&app));
    }};
}

#[test]
fn issue_list_on_start() {
    shot!("list_80x24", 80, 24, &[]);
    shot!("list_120x40", 120, 40, &[]);
}

#[test]
fn issue_open_with_tree() {
    shot!("tree_80x24", 80, 24, &["Enter"]);
    shot!("tree_120x40", 120, 40, &["Enter", "Down", "Down"]);
}

#[test]
fn article_open() {
    shot!(
        "article_80x24",
        80,
        24,
        &["Enter", "Down", "Down", "Down", "Enter"]
    );
    shot!(
        "article_120x40",
        120,
        40,
        &["Enter", "Down", "Down", "Down", "Enter"]
    );
    shot!(
        "article_zoom_80x24",
        80,
        24,
        &["Enter", "Down", "Enter", "F11"]
    );
}

#[test]
fn overlays() {
    shot!("help_80x24", 80, 24, &["F1"]);
    shot!("help_120x40", 120, 40, &["Enter", "F1"]);
    shot!("form_issue_80x24", 80, 24, &["Enter", "F4"]);
    shot!(
        "form_issue_120x40",
        120,
        40,
        &["Enter", "F4", "Down", "Down"]
    );
    shot!("form_article_80x24", 80, 24, &["Enter", "Down", "F2"]);
    shot!("palette_80x24", 80, 24, &["Ctrl+P", "s", "e"]);
    shot!("confirm_delete_80x24", 80, 24, &["Enter", "Down", "Delete"]);
}

#[test]
fn search_overlay() {
    shot!("search_80x24", 80, 24, &["F12", "白", "潭", "镇"]);
    shot!("search_120x40", 120, 40, &["F3", "文", "明", " ", "办"]);
}

#[test]
fn too_small_and_english() {
    shot!("too_small", 30, 6, &[]);
    let (_d, mut app) = app(Lang::En, 80, 24);
    keys(&mut app, &["Enter", "Down", "F9"]);
    insta::assert_snapshot!("english_unsaved_80x24", screen(&app));
}

mod desk_tree;
mod findall;
mod inbox;
mod painter;
mod stats;
mod tools;
mod workflow;

#[test]
fn invisible_and_bidi_characters_never_reach_the_terminal() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    Library::open(&root).unwrap();
    // A file edited by hand: an override in the name, zero-width
    // characters in a title and the text.
    let path = root.join("issues/2023-025.ron");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace(
            "bulletin: \"文明创建简报\"",
            "bulletin: \"文明\u{202e}创建简报\"",
        )
        .replacen("11月22日", "11月\u{200b}22\u{200d}日", 1)
        .replace("title: \"经验交流\"", "title: \"经验\u{2066}交流\"");
    std::fs::write(&path, text).unwrap();
    let lib = Library::open(&root).unwrap();
    let mut app = App::new(lib, Lang::Zh, Keymap::default(), today());
    app.handle_event(&Event::Resize(120, 40));
    let bad = |s: &str| matches!(crate::text::for_display(s), std::borrow::Cow::Owned(_));
    for specs in [&["Enter"][..], &["Down", "Enter"], &["F5"]] {
        keys(&mut app, specs);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| render(&app, &Theme::color(), f)).unwrap();
        for cell in term.backend().buffer().content.iter() {
            assert!(!bad(cell.symbol()), "{:?} after {specs:?}", cell.symbol());
        }
        let shown = screen(&app);
        assert!(
            shown.contains("文明创建简报") || shown.contains("11月"),
            "{shown}"
        );
    }
}

/// The import prompt with its matches, and the preview, at 80×24; relative
/// paths start at the home folder, so the screen does not name the
/// temporary folder.
#[test]
fn import_overlay() {
    let (d, mut app) = app(Lang::Zh, 80, 24);
    let base = d.path().join("files");
    std::fs::create_dir_all(base.join("简报/旧稿")).unwrap();
    std::fs::write(
        base.join("简报/周口文明简报.txt"),
        include_str!("../../tests/fixtures/zhoukou-wenming-2023-11-23.txt"),
    )
    .unwrap();
    std::fs::write(base.join("简报/扶沟来稿.docx"), "").unwrap();
    app.import_roots = crate::app::import::paths::Roots {
        base: base.clone(),
        home: Some(base),
    };
    keys(&mut app, &["Ctrl+O", "简", "Tab", "Down", "Down"]);
    insta::assert_snapshot!("import_prompt_80x24", screen(&app));
    key(&mut app, "Enter");
    insta::assert_snapshot!("import_preview_80x24", screen(&app));
}
