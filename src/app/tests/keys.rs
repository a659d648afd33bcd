//! The one key map, end to end: every key F1 shows acts where it says, an
//! override in `config.ron` changes what a key does and what F1 shows, the
//! palette offers every command, the find bar hands the editor's keys on.

use super::*;
use crate::app::config::Config;
use crate::app::help::{self, Row};
use crate::app::keymap::Context;
use crate::store::recovery::Recovery;

/// An app where the keys of `context` act, ready for `command` (a dialog
/// answer needs a dialog that offers it).
fn in_context(context: Context, command: Command) -> (TempDir, App) {
    let (dir, mut app) = app();
    match context {
        Context::Global | Context::Issues => {}
        Context::Tree => key(&mut app, "Enter"),
        Context::Editor => keys(&mut app, &["Enter", "Down", "Enter"]),
        Context::Find => keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+R"]),
        // Any text field: the palette's, with text to move and delete in.
        Context::Field => {
            key(&mut app, "Ctrl+P");
            typ(&mut app, "保存 新");
            key(&mut app, "Left");
        }
        Context::Palette => key(&mut app, "Ctrl+P"),
        Context::Search => {
            key(&mut app, "F12");
            typ(&mut app, "文明");
        }
        // On the supplement toggle, which Space flips.
        Context::Form => keys(&mut app, &["Enter", "F4", "Down", "Down", "Down"]),
        Context::Dialog => dialog(&dir, &mut app, command),
        Context::Tidy => {
            keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+Home"]);
            typ(&mut app, "1 月, 会议.");
            key(&mut app, "F6");
        }
        Context::Replace => {
            keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+R"]);
            typ(&mut app, "文明");
            key(&mut app, "Tab");
            typ(&mut app, "文化");
            keys(&mut app, &["Ctrl+F", "Alt+A"]);
        }
        Context::Preview => keys(&mut app, &["Enter", "F5"]),
        Context::Trash => keys(&mut app, &["Delete", "D", "Ctrl+T"]),
        Context::Inbox => key(&mut app, "Ctrl+W"),
        Context::Stats => key(&mut app, "Alt+T"),
        Context::Help => key(&mut app, "F1"),
        Context::Import => key(&mut app, "Ctrl+O"),
    }
    let shown = app.overlay.as_ref().map(Overlay::context);
    let expected = match context {
        Context::Global | Context::Issues | Context::Tree | Context::Editor | Context::Find => None,
        Context::Field => Some(Context::Palette),
        other => Some(other),
    };
    assert_eq!(shown, expected, "set up {context:?} for {command:?}");
    (dir, app)
}

/// Opens a dialog that offers `command` if it is an answer (else the
/// unsaved-changes one).
fn dialog(dir: &TempDir, app: &mut App, command: Command) {
    match command {
        Command::Answer(Choice::Delete) => key(app, "Delete"),
        Command::Answer(Choice::Overwrite) => {
            keys(
                app,
                &["Enter", "Ctrl+E", "Right", "Right", "Right", "Enter"],
            );
            keys(app, &["Ctrl+E", "Right", "Right", "Right", "Enter"]);
        }
        Command::Answer(
            Choice::Restore | Choice::KeepBoth | Choice::DiscardRecovery | Choice::Later,
        ) => {
            let mut issue = app.lib.issue(&sample_id()).unwrap().into_owned();
            issue.bulletin.push_str("（改）");
            Recovery::write(&app.lib, &sample_id(), &issue).unwrap();
            app.start(Some(sample_id()));
        }
        Command::Answer(Choice::LoadDisk | Choice::WriteAnyway) => {
            keys(app, &["Enter", "Down", "F9"]);
            let path = file(dir, "2023-025");
            if command == Command::Answer(Choice::LoadDisk) {
                let text = fs::read_to_string(&path).unwrap();
                fs::write(&path, text.replace("11月22日", "11月21日")).unwrap();
            } else {
                let mut perms = fs::metadata(&path).unwrap().permissions();
                perms.set_readonly(true);
                fs::set_permissions(&path, perms).unwrap();
            }
            key(app, "Ctrl+S");
        }
        Command::Answer(Choice::AsArticles | Choice::AsText) => {
            keys(app, &["Enter", "Down", "Enter", "Ctrl+End"]);
            app.handle_event(&Event::Paste(
                "\n【志愿服务】\n市城管局开展志愿服务\n近日，市城管局组织志愿者开展服务。\n".into(),
            ));
            key(app, "F6");
        }
        _ => keys(app, &["Enter", "Down", "F9", "Ctrl+Q"]),
    }
}

/// The key rows of the help, with their context and command.
fn help_rows(keymap: &Keymap) -> Vec<(Context, Command, Vec<Key>)> {
    help::rows(keymap, Lang::Zh)
        .into_iter()
        .filter_map(|r| match r {
            Row::Keys {
                context,
                command,
                keys,
                ..
            } => Some((context, command, keys)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_key_the_help_shows_runs_its_command_where_it_is_shown() {
    let rows = help_rows(&Keymap::default());
    let contexts: std::collections::HashSet<Context> = rows.iter().map(|r| r.0).collect();
    assert_eq!(contexts.len(), Context::ALL.len(), "every context has keys");
    let mut pressed = 0;
    for (context, command, keys) in rows {
        // Global keys act in every pane that does not bind them itself.
        let panes: &[Context] = match context {
            Context::Global => &[Context::Issues, Context::Tree, Context::Editor],
            _ => &[context],
        };
        for &pane in panes {
            for k in &keys {
                // A pane's own binding of the key comes first (Ctrl+F in
                // the tree finds across the issue).
                if pane != context && Keymap::default().lookup(pane, *k) != Some(command) {
                    continue;
                }
                let (_dir, mut app) = in_context(pane, command);
                app.handle_event(&Event::Key(KeyEvent::new(k.code, k.mods)));
                assert_eq!(
                    app.last_command,
                    Some(command),
                    "{k} in {pane:?} (shown under {context:?})"
                );
                pressed += 1;
            }
        }
    }
    assert!(pressed > 200, "{pressed} keys");
}

/// What F1 shows, as text, from its first line to its last.
fn help_text(app: &mut App) -> String {
    key(app, "F1");
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!("no help: {:?}", app.overlay)
    };
    let text = h
        .lines
        .iter()
        .map(|l| format!("{}{}", l.key, l.text))
        .collect::<Vec<_>>()
        .join("\n");
    key(app, "Esc");
    text
}

#[test]
fn an_override_in_the_configuration_changes_the_key_and_what_f1_shows() {
    let config = Config::parse(
        r#"(keys: [
            (context: Global, key: "F12", command: Save),
            (context: Editor, key: "Ctrl+A", command: LineStart),
        ])"#,
    )
    .unwrap();
    let (dir, mut app) = app_with(Lang::Zh, Keymap::with_overrides(config.keys), 120, 40);
    let before = help_text(&mut app);
    keys(&mut app, &["Enter", "Down", "Enter"]);
    typ(&mut app, "甲");
    // F12 saves instead of searching.
    key(&mut app, "F12");
    assert!(app.overlay.is_none());
    assert!(!app.is_dirty(), "{}", notice(&app));
    assert!(
        fs::read_to_string(file(&dir, "2023-025"))
            .unwrap()
            .contains("\"甲11月22日")
    );
    // Ctrl+A goes to the row's start instead of selecting everything.
    key(&mut app, "Ctrl+A");
    assert!(editor(&app).selection().is_none());
    assert_eq!(editor(&app).caret().grapheme, 0);
    // F1 shows it, and the keys they replaced are gone from the old rows.
    assert!(before.contains("  F12, Ctrl+S   保存"), "{before}");
    assert!(before.contains("  Ctrl+Shift+F  搜索全部期刊"), "{before}");
    assert!(!before.contains("F12, Ctrl+Shift+F"), "{before}");
    assert!(before.contains("  Ctrl+A, Home  到行首"), "{before}");
    assert!(!before.contains("全选\n"), "{before}");
    let rows = help_rows(&app.keymap);
    assert!(
        !rows
            .iter()
            .any(|(ctx, cmd, _)| *ctx == Context::Editor && *cmd == Command::SelectAll),
        "select all has no key left in the editor"
    );
    // The palette still offers it, without a key.
    key(&mut app, "Ctrl+P");
    typ(&mut app, "全选");
    key(&mut app, "Enter");
    assert!(editor(&app).selection().is_some());
}

#[test]
fn the_palette_offers_every_command_of_the_panes_in_both_languages() {
    let map = Keymap::default();
    let in_panes = |cmd: Command| {
        [
            Context::Global,
            Context::Issues,
            Context::Tree,
            Context::Editor,
        ]
        .into_iter()
        .any(|ctx| !map.keys_for(ctx, cmd).is_empty())
    };
    for cmd in Command::all() {
        if cmd.in_palette() {
            for (lang, name) in [(Lang::Zh, cmd.names().0), (Lang::En, cmd.names().1)] {
                let (_d, mut app) = app_with(lang, Keymap::default(), 120, 40);
                key(&mut app, "Ctrl+P");
                app.handle_event(&Event::Paste(name.to_string()));
                let Some(Overlay::Palette(p)) = &app.overlay else {
                    panic!("no palette")
                };
                assert!(p.matches().contains(&cmd), "{cmd:?} by {name:?}");
            }
        } else {
            // What the palette leaves out is an overlay's own key.
            assert!(!in_panes(cmd), "{cmd:?} is bound in a pane");
        }
    }
    // Every key of the panes is in the palette.
    for ctx in [
        Context::Global,
        Context::Issues,
        Context::Tree,
        Context::Editor,
    ] {
        for b in map.bindings(ctx) {
            assert!(b.command.in_palette(), "{:?} {}", b.command, b.key);
        }
    }
}

#[test]
fn help_scrolls_no_further_than_its_last_line() {
    let (_d, mut app) = app_with(Lang::Zh, Keymap::default(), 120, 24);
    key(&mut app, "F1");
    let help = |app: &App| match &app.overlay {
        Some(Overlay::Help(h)) => h.clone(),
        other => panic!("{other:?}"),
    };
    let h = help(&app);
    assert!(h.max_scroll() > 0);
    key(&mut app, "End");
    assert_eq!(help(&app).scroll, h.max_scroll());
    keys(&mut app, &["Down", "PageDown", "Space"]);
    let end = help(&app);
    assert_eq!(end.scroll, end.max_scroll());
    assert_eq!(end.visible().last(), end.lines.last());
    assert!(end.visible().len() == end.height);
    // A taller window shows more, still ending at the last line.
    app.handle_event(&Event::Resize(120, 60));
    let taller = help(&app);
    assert!(taller.scroll < end.scroll);
    assert_eq!(taller.scroll, taller.max_scroll());
    key(&mut app, "Home");
    assert_eq!(help(&app).scroll, 0);
    // Any other key closes it.
    key(&mut app, "x");
    assert!(app.overlay.is_none());
}

#[test]
fn the_find_bar_hands_the_editors_keys_on() {
    let (_d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+F"]);
    typ(&mut app, "文明");
    let query = |app: &App| doc(app).find.as_ref().unwrap().query.text().to_string();
    // Alt+Z zooms; it used to type a "z" into the query.
    key(&mut app, "Alt+Z");
    assert!(app.zoom);
    assert_eq!(query(&app), "文明");
    key(&mut app, "Alt+Z");
    // Alt+↓ moves the article; it used to find the previous match.
    key(&mut app, "Alt+Down");
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(1, 0));
    assert_eq!(app.last_command, Some(Command::MoveDown));
    assert_eq!(query(&app), "文明");
    // The bar's own keys stay its: ↓ finds, Backspace edits the query.
    key(&mut app, "Down");
    assert_eq!(app.last_command, Some(Command::FindNext));
    key(&mut app, "Backspace");
    assert_eq!(query(&app), "文");
    key(&mut app, "Esc");
    assert!(doc(&app).find.is_none());
}
