//! A day at the clerk's desk (issue 12): what composing a whole issue at
//! 80×24 found wanting, driven by keys.

use super::*;
use crate::app::keymap::Context;

/// Lines `from..=to` (1-based) of the sample PDF's text, as copied.
fn pdf_lines(from: usize, to: usize) -> String {
    let pdf = include_str!("../../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");
    let lines: Vec<&str> = pdf.lines().skip(from - 1).take(to + 1 - from).collect();
    lines.join("\n") + "\n"
}

/// The first article open in the editor, the caret on a new empty
/// paragraph at its end.
fn at_the_end_of_the_first_article() -> (TempDir, App) {
    let (d, mut app) = app();
    keys(&mut app, &["Enter", "Down", "Enter", "Ctrl+End", "Enter"]);
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(0, 0));
    (d, app)
}

fn confirm(app: &App) -> Confirm {
    match &app.overlay {
        Some(Overlay::Confirm(c)) => *c,
        other => panic!("no dialog: {other:?}"),
    }
}

#[test]
fn rejoining_a_paste_keeps_headings_titles_and_sources_apart() {
    let (_d, mut app) = at_the_end_of_the_first_article();
    let before = editor(&app).paragraph_count();
    // 【经验交流】, a title on two lines, an article, the next title.
    app.handle_event(&Event::Paste(pdf_lines(101, 182)));
    assert!(notice(&app).contains("含有栏目或标题"), "{}", notice(&app));
    key(&mut app, "F6");
    let c = confirm(&app);
    assert_eq!(
        c.choices(),
        [Choice::AsArticles, Choice::AsText, Choice::Cancel]
    );
    assert!(screen(&app).contains("作为文章加入(A)"), "{}", screen(&app));
    key(&mut app, "T");
    assert!(app.overlay.is_none());
    let p = editor(&app).paragraphs();
    let new = &p[before - 1..];
    assert_eq!(new[0], "【经验交流】");
    assert_eq!(new[1], "市委统战部实施四项举措");
    assert_eq!(new[2], "推动文明单位创建走深走实");
    assert!(
        new[3].starts_with("市委统战部始终") && new[3].ends_with("全面发展。"),
        "{new:?}"
    );
    assert!(
        new.contains(&"扶沟县白潭镇倡导移风易俗 破除陈规陋习".to_string()),
        "{new:?}"
    );
    // One undo step gives the paste back as it came.
    key(&mut app, "Ctrl+Z");
    assert!(editor(&app).paragraph_count() > p.len() + 20);
}

#[test]
fn a_paste_with_a_heading_and_titles_can_become_articles_in_their_section() {
    let (_d, mut app) = at_the_end_of_the_first_article();
    let text = editor(&app).paragraphs();
    let in_section = doc(&app).issue.sections[1].articles.len();
    app.handle_event(&Event::Paste(pdf_lines(101, 182)));
    key(&mut app, "F6");
    key(&mut app, "A");
    assert!(app.overlay.is_none());
    // The article is as it was; the two articles are at the end of 经验交流.
    assert_eq!(editor(&app).paragraphs(), text);
    let sec = &doc(&app).issue.sections[1];
    assert_eq!(sec.title, "经验交流");
    assert_eq!(sec.articles.len(), in_section + 2);
    let added = &sec.articles[in_section];
    assert_eq!(
        added.title,
        ["市委统战部实施四项举措", "推动文明单位创建走深走实"]
    );
    assert_eq!(added.paragraphs.len(), 5);
    assert!(added.paragraphs[0].starts_with("市委统战部始终把精神文明建设"));
    assert_eq!(
        sec.articles[in_section + 1].title,
        ["扶沟县白潭镇倡导移风易俗 破除陈规陋习"]
    );
    assert!(notice(&app).contains("已加入 2 篇文章"), "{}", notice(&app));
    assert!(app.is_dirty());
}

#[test]
fn titles_under_no_heading_follow_the_article_and_a_new_heading_makes_a_section() {
    let (_d, mut app) = at_the_end_of_the_first_article();
    let sections = doc(&app).issue.sections.len();
    let text = "这是上一篇的最后一句。\n\n太康县举行宣讲报告会\n近日，太康县新时代文明实践中心举行宣讲报告会。\n【志愿服务】\n市城管局开展志愿服务\n11月20日，市城管局组织志愿者开展服务活动。\n";
    app.handle_event(&Event::Paste(text.into()));
    key(&mut app, "F6");
    key(&mut app, "Enter"); // the first button: as articles
    let issue = &doc(&app).issue;
    assert_eq!(
        issue.sections[0].articles[1].title,
        ["太康县举行宣讲报告会"]
    );
    assert_eq!(issue.sections.len(), sections + 1);
    let last = issue.sections.last().unwrap();
    assert_eq!(last.title, "志愿服务");
    assert_eq!(last.articles[0].title, ["市城管局开展志愿服务"]);
    // The text before the first title stays in the article.
    let p = editor(&app).paragraphs();
    assert_eq!(p.last().unwrap(), "这是上一篇的最后一句。");
}

#[test]
fn join_lines_on_a_selection_is_a_command() {
    let (_d, mut app) = at_the_end_of_the_first_article();
    typ(&mut app, "全市推进会召开，通报");
    key(&mut app, "Enter");
    typ(&mut app, "创建工作进展情况。");
    key(&mut app, "Alt+J");
    assert!(notice(&app).contains("先选中"), "{}", notice(&app));
    keys(&mut app, &["Shift+Up", "Shift+Home"]);
    key(&mut app, "Alt+J");
    let p = editor(&app).paragraphs();
    assert_eq!(p.last().unwrap(), "全市推进会召开，通报创建工作进展情况。");
    assert!(notice(&app).contains("已合并 1 处断行"), "{}", notice(&app));
    key(&mut app, "Ctrl+Z");
    assert_eq!(
        editor(&app).paragraphs().last().unwrap(),
        "创建工作进展情况。"
    );
    // In the palette by its name.
    key(&mut app, "Ctrl+P");
    typ(&mut app, "合并断行");
    assert!(screen(&app).contains("合并断行"));
}

#[test]
fn moving_an_article_has_keys_any_terminal_passes() {
    let (_d, mut app) = app();
    // The tree on 扶沟县白潭镇…, the second article of 【经验交流】.
    keys(&mut app, &["Enter", "Down", "Down", "Down", "Down"]);
    let second = doc(&app).issue.sections[1].articles[1].title.clone();
    key(&mut app, "Ctrl+U");
    assert_eq!(doc(&app).issue.sections[1].articles[0].title, second);
    key(&mut app, "Ctrl+D");
    assert_eq!(doc(&app).issue.sections[1].articles[1].title, second);
    // In the editor too.
    key(&mut app, "Enter");
    key(&mut app, "Ctrl+U");
    assert_eq!(doc(&app).issue.sections[1].articles[0].title, second);
    assert_eq!(app.focus, Focus::Editor);
    // F1 lists them.
    let rows = crate::app::help::rows(&app.keymap, Lang::Zh);
    let listed = |context, k: &str| {
        rows.iter().any(|r| matches!(r, crate::app::help::Row::Keys { context: c, command: Command::MoveDown, keys, .. }
            if *c == context && keys.iter().any(|x| x.to_string() == k)))
    };
    assert!(listed(Context::Tree, "Ctrl+D"));
    assert!(listed(Context::Editor, "Ctrl+D"));
}

#[test]
fn f8_extends_the_selection_without_shift_until_esc() {
    let (_d, mut app) = at_the_end_of_the_first_article();
    typ(&mut app, "文明创建");
    key(&mut app, "Home");
    key(&mut app, "F8");
    assert!(screen(&app).contains("[扩展选定]"), "{}", screen(&app));
    keys(&mut app, &["Right", "Right"]);
    assert_eq!(editor(&app).selection_char_count(), 2);
    // Esc ends the mode and stays in the editor; a move then deselects.
    key(&mut app, "Esc");
    assert_eq!(app.focus, Focus::Editor);
    assert!(!app.extend);
    key(&mut app, "Right");
    assert_eq!(editor(&app).selection_char_count(), 0);
    // An edit ends it too: typing replaces the selection.
    keys(&mut app, &["F8", "Left"]);
    typ(&mut app, "X");
    assert!(!app.extend);
    assert!(
        editor(&app).paragraphs().last().unwrap().starts_with("文X"),
        "{:?}",
        editor(&app).paragraphs()
    );
}

#[test]
fn replace_selects_the_query_it_holds_so_typing_replaces_it() {
    let (_d, mut app) = at_the_end_of_the_first_article();
    key(&mut app, "Ctrl+F");
    typ(&mut app, "文明");
    key(&mut app, "Ctrl+R");
    typ(&mut app, "群众");
    let bar = doc(&app).find.as_ref().unwrap();
    assert_eq!(bar.query.text(), "群众");
    // Tab to the replacement; typing there, then back: the query stays.
    key(&mut app, "Tab");
    typ(&mut app, "人民");
    assert_eq!(doc(&app).find.as_ref().unwrap().replacement(), "人民");
    // Ctrl+R again selects both: typing replaces the query.
    key(&mut app, "Ctrl+R");
    typ(&mut app, "创建");
    assert_eq!(doc(&app).find.as_ref().unwrap().query.text(), "创建");
}

#[test]
fn the_list_is_newest_first_by_number_as_jianbao_list_and_an_earlier_date_is_warned() {
    let (_d, mut app) = app();
    // The copy gets a date before its source's (a wrong clock, or a
    // source dated ahead).
    app.today = chrono::NaiveDate::from_ymd_opt(2023, 11, 20).unwrap();
    key(&mut app, "Ctrl+D");
    let n = notice(&app);
    assert!(n.contains("早于上一期 2023-025 的 2023-11-23"), "{n}");
    assert!(n.contains("按 F4 修改"), "{n}");
    let ids: Vec<String> = app.issue_ids().iter().map(|i| i.to_string()).collect();
    assert_eq!(ids, ["2023-026", "2023-025"]);
    let listed: Vec<String> = crate::cli::list_rows(&app.lib, None, false)
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, ids);
    // A date after the previous issue's says nothing more.
    app.today = chrono::NaiveDate::from_ymd_opt(2023, 11, 30).unwrap();
    key(&mut app, "Ctrl+D");
    assert!(!notice(&app).contains("早于"), "{}", notice(&app));
}

#[test]
fn form_hints_stay_inside_their_border_in_a_small_window() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(40, 10), (40, 9), (40, 8)] {
            for form in ["F4", "Ctrl+E"] {
                let (_d, mut app) = app_with(lang, Keymap::default(), w, h);
                keys(&mut app, &["Enter", form]);
                let s = screen(&app);
                let rows: Vec<&str> = s.lines().filter(|l| !l.starts_with("cursor:")).collect();
                // The popup's bottom border is whole: └, then only ─, then ┘.
                let bottom = rows
                    .iter()
                    .rev()
                    .find(|l| l.contains('└'))
                    .unwrap_or_else(|| panic!("{s}"));
                let inner: String = bottom
                    .chars()
                    .skip_while(|c| *c != '─')
                    .take_while(|c| *c != '┘')
                    .collect();
                assert!(
                    inner.chars().count() > 20 && inner.chars().all(|c| c == '─'),
                    "{form} at {w}×{h}:\n{s}"
                );
                // And every row of it has its right border, in the column
                // of the bottom row's ┘, cell by cell (a hint running over
                // it would leave only the pane's border behind it).
                let (buf, _) = crate::test_support::full_frame(&app);
                let a = buf.area;
                let cell = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
                let bottom_y = (0..a.height)
                    .rev()
                    .find(|&y| (0..a.width).any(|x| cell(x, y) == "└"))
                    .unwrap();
                let right = (0..a.width).find(|&x| cell(x, bottom_y) == "┘").unwrap();
                let top_y = (0..bottom_y).find(|&y| cell(right, y) == "┐").unwrap();
                for y in top_y..=bottom_y {
                    assert!(
                        ["│", "┐", "┘"].contains(&cell(right, y).as_str()),
                        "{form} at {w}×{h}, row {y}:\n{s}"
                    );
                    // A wide character covers the cell after it on the
                    // terminal: that cell must hold nothing (the border
                    // there would not be drawn).
                    for x in 0..a.width - 1 {
                        let wide = unicode_width::UnicodeWidthStr::width(cell(x, y).as_str()) > 1;
                        assert!(
                            !wide || cell(x + 1, y) == " ",
                            "{form} at {w}×{h}: {:?} at {x},{y} covers {:?}\n{s}",
                            cell(x, y),
                            cell(x + 1, y)
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn typing_over_a_selection_is_undone_in_one_step() {
    let (_d, mut app) = at_the_end_of_the_first_article();
    typ(&mut app, "文明创建");
    let before = editor(&app).paragraphs();
    keys(&mut app, &["Shift+Left", "Shift+Left"]);
    typ(&mut app, "工");
    assert_eq!(editor(&app).paragraphs().last().unwrap(), "文明工");
    key(&mut app, "Ctrl+Z");
    assert_eq!(editor(&app).paragraphs(), before);
    // Undo gives the selection back; several characters typed over it,
    // one key each (an IME's commit arrives so through many terminals),
    // are one step too.
    assert_eq!(editor(&app).selection_char_count(), 2);
    typ(&mut app, "工作");
    assert_eq!(editor(&app).paragraphs().last().unwrap(), "文明工作");
    key(&mut app, "Ctrl+Z");
    assert_eq!(editor(&app).paragraphs(), before);
    assert_eq!(editor(&app).selection_char_count(), 2);
    // An IME's commit as a paste over a selection too.
    app.handle_event(&Event::Paste("工作".into()));
    key(&mut app, "Ctrl+Z");
    assert_eq!(editor(&app).paragraphs(), before);
}

#[test]
fn english_reads_naturally_at_80_columns() {
    let (_d, mut app) = app_with(Lang::En, Keymap::default(), 80, 24);
    // The list, folded into the left pane beside the open issue, shows the
    // word count whole.
    keys(&mut app, &["Enter", "Esc", "Esc"]);
    let s = screen(&app);
    let row = s.lines().find(|l| l.contains("│  draft")).unwrap_or("");
    assert!(row.contains("3000"), "{s}");
    // Briefs are marked in English brackets, not Chinese ones.
    keys(&mut app, &["Enter"]);
    let s = screen(&app);
    assert!(s.contains("┌No. 25 · Esc issues"), "{s}");
    assert!(!s.contains("〔brief〕") && s.contains("[brief]"), "{s}");
    // A toggle reads as a checkbox.
    key(&mut app, "Ctrl+E");
    let s = screen(&app);
    assert!(!s.contains("contents yes") && s.contains("[x]"), "{s}");
}

#[test]
fn the_tree_names_the_issue_and_the_way_back_to_the_list_where_the_list_is_folded() {
    let (_d, mut app) = app_with(Lang::Zh, Keymap::default(), 80, 24);
    key(&mut app, "Enter");
    let s = screen(&app);
    assert!(s.contains("┌第25期 · Esc 期刊列表"), "{s}");
    // Side by side with the list, the pane's own name is enough.
    app.handle_event(&Event::Resize(120, 40));
    assert!(screen(&app).contains("┌栏目"), "{}", screen(&app));
}

#[test]
fn the_language_chosen_is_remembered_in_config_ron() {
    let (d, mut app) = app();
    let path = d.path().join("config").join("config.ron");
    app.config_path = Some(path.clone());
    key(&mut app, "Ctrl+L");
    let c = crate::app::config::Config::parse(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(c.lang, Some(Lang::En));
    // The rest of a user's file stays as written.
    fs::write(
        &path,
        "(\n    lang: Some(En),\n    name: Some(\"王文明\"), // 签发人\n)\n",
    )
    .unwrap();
    key(&mut app, "Ctrl+L");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "(\n    lang: Some(Zh),\n    name: Some(\"王文明\"), // 签发人\n)\n"
    );
    // A broken file is not touched, and the clerk is told.
    fs::write(&path, "(lang: Some(Fr))").unwrap();
    key(&mut app, "Ctrl+L");
    assert_eq!(fs::read_to_string(&path).unwrap(), "(lang: Some(Fr))");
    assert!(
        app.notice.as_ref().is_some_and(|n| n.error),
        "{:?}",
        app.notice
    );
}
