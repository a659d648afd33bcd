//! Print preview, tidying and rejoining a paste, driven by keys.

use super::*;
use crate::app::preview::{Preview, Shown};
use crate::export::layout::{ArticleRef, LineKind};
use crossterm::event::{MouseEvent, MouseEventKind};

fn preview(app: &App) -> &Preview {
    match &app.overlay {
        Some(Overlay::Preview(p)) => p,
        other => panic!("no preview: {other:?}"),
    }
}

fn review(app: &App) -> &tidy::TidyReview {
    match &app.overlay {
        Some(Overlay::Tidy(t)) => t,
        other => panic!("no tidy overlay: {other:?}"),
    }
}

fn wheel(app: &mut App, kind: MouseEventKind) {
    app.handle_event(&Event::Mouse(MouseEvent {
        kind,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
}

/// The sample's second feature, 扶沟县白潭镇…, open in the editor.
fn with_article() -> (TempDir, App) {
    let (d, mut app) = app();
    keys(
        &mut app,
        &["Enter", "Down", "Down", "Down", "Down", "Enter"],
    );
    assert_eq!(doc(&app).article.as_ref().unwrap().pos, at(1, 1));
    (d, app)
}

/// The print rows of the preview, without page furniture.
fn printed(p: &Preview) -> Vec<&crate::export::page::Row> {
    p.rows.iter().filter_map(Shown::row).collect()
}

#[test]
fn f5_shows_the_issue_as_it_prints_at_the_open_article_with_unsaved_edits() {
    let (_d, mut app) = with_article();
    typ(&mut app, "新写的一句。");
    key(&mut app, "F5");
    let p = preview(&app);
    // The printed page's grid: 28 characters (56 columns) a line, shown
    // whole; as many rows as the screen less the frame.
    assert_eq!((p.width, p.height), (56, 38));
    assert!(p.paged());
    let all: Vec<&str> = printed(p).iter().map(|r| r.text.as_str()).collect();
    for s in ["文明创建简报", "本期要目", "【经验交流】", "报：省文明办"] {
        assert!(all.contains(&s), "{s} in {all:?}");
    }
    assert!(printed(p).iter().any(|r| r.right == "共印80份"));
    // Every page ends with its number; a break line between pages.
    let numbers: Vec<usize> = p
        .rows
        .iter()
        .filter_map(|r| match r {
            Shown::Number(n) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, (1..=p.pages).collect::<Vec<_>>());
    assert!(p.pages >= 2, "{}", p.pages);
    assert_eq!(
        p.rows.iter().filter(|r| **r == Shown::Break).count(),
        p.pages - 1
    );
    // Opened at the article: the line before its title, then the title.
    let at = ArticleRef {
        section: 1,
        article: 1,
    };
    assert_eq!(p.focus, Some(at));
    let shown = p.visible();
    let title = shown[1].row().unwrap();
    assert_eq!(title.kind, LineKind::Title);
    assert_eq!(title.text, "扶沟县白潭镇倡导移风易俗 破除陈规陋习");
    // Titles are centred on the page.
    let w = crate::text::Measure::Print.str(&title.text);
    assert_eq!(title.lead, (56 - w) / 2);
    // What was typed and not saved is there, indented two characters.
    let typed = shown
        .iter()
        .filter_map(Shown::row)
        .find(|r| r.text.starts_with("新写的一句。"));
    assert_eq!(typed.map(|r| r.lead), Some(4));
    assert!(app.is_dirty());
}

#[test]
fn the_preview_scrolls_and_closes_with_esc_q_or_f5() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    key(&mut app, "F5");
    assert_eq!(preview(&app).scroll, 0, "no article: from the top");
    let max = preview(&app).max_scroll();
    assert!(max > 40, "{max}");
    key(&mut app, "Down");
    assert_eq!(preview(&app).scroll, 1);
    key(&mut app, "PageDown");
    assert_eq!(preview(&app).scroll, 1 + 37);
    key(&mut app, "Up");
    assert_eq!(preview(&app).scroll, 37);
    key(&mut app, "PageUp");
    assert_eq!(preview(&app).scroll, 0);
    key(&mut app, "End");
    assert_eq!(preview(&app).scroll, max);
    key(&mut app, "Down");
    assert_eq!(preview(&app).scroll, max, "not past the end");
    let last = preview(&app).visible().last().unwrap().clone();
    assert_eq!(last, Shown::Number(preview(&app).pages));
    wheel(&mut app, MouseEventKind::ScrollUp);
    assert_eq!(preview(&app).scroll, max - 3);
    wheel(&mut app, MouseEventKind::ScrollDown);
    assert_eq!(preview(&app).scroll, max);
    key(&mut app, "Home");
    assert_eq!(preview(&app).scroll, 0);
    // Other keys do nothing; Esc, q and F5 close it.
    typ(&mut app, "x");
    key(&mut app, "Ctrl+S");
    assert_eq!(preview(&app).scroll, 0);
    assert!(!app.is_dirty() && app.notice.is_none());
    for close in ["Esc", "q", "F5"] {
        key(&mut app, close);
        assert!(app.overlay.is_none(), "{close}");
        key(&mut app, "F5");
        preview(&app);
    }
}

#[test]
fn the_preview_sets_its_rows_again_on_resize_keeping_its_place() {
    let (_d, mut app) = with_article();
    key(&mut app, "F5");
    let top = preview(&app).visible()[1].row().unwrap().line;
    // Still as wide as the page: the same pages, fewer rows shown.
    app.handle_event(&Event::Resize(80, 24));
    let p = preview(&app);
    assert_eq!((p.width, p.height, p.paged()), (56, 22, true));
    assert_eq!(p.visible()[1].row().unwrap().line, top);
    // Narrower than the page: rows at the window's width, not paged.
    app.handle_event(&Event::Resize(50, 20));
    let p = preview(&app);
    assert_eq!((p.width, p.paged()), (46, false));
    assert!(
        p.rows
            .iter()
            .all(|r| r.row().is_some_and(|r| r.width() <= 46))
    );
    assert_eq!(p.visible()[0].row().unwrap().line, top);
    app.handle_event(&Event::Resize(120, 40));
    assert_eq!((preview(&app).width, preview(&app).paged()), (56, true));
}

#[test]
fn the_preview_is_in_the_palette_and_needs_an_issue() {
    let (_d, mut app) = app();
    key(&mut app, "F5");
    assert!(app.overlay.is_none());
    assert!(notice(&app).contains("还没有打开任何一期"));
    key(&mut app, "Enter");
    key(&mut app, "Ctrl+P");
    typ(&mut app, "打印预览");
    key(&mut app, "Enter");
    preview(&app);
    // Opened from the tree on an article: at that article.
    key(&mut app, "Esc");
    keys(&mut app, &["End", "F5"]);
    let at = ArticleRef {
        section: 2,
        article: 3,
    };
    assert_eq!(preview(&app).focus, Some(at));
    assert_eq!(preview(&app).scroll, preview(&app).max_scroll());
}

/// Types `text` at the start of the open article.
fn type_at_start(app: &mut App, text: &str) {
    key(app, "Ctrl+Home");
    typ(app, text);
    key(app, "Enter");
}

#[test]
fn f6_previews_the_changes_and_tidies_the_article_in_one_undo_step() {
    let (_d, mut app) = with_article();
    type_at_start(&mut app, "11 月 22 日, 会议召开.");
    let typed = editor(&app).paragraphs();
    key(&mut app, "F6");
    let t = review(&app);
    assert!(!t.selection);
    let rules: Vec<_> = t.counts();
    use crate::text::tidy::Rule;
    assert_eq!(rules, vec![(Rule::Space, 4, 4), (Rule::Punctuation, 2, 2)]);
    let e = t.excerpt(0);
    assert_eq!(
        (e.left.as_str(), e.old.as_str(), e.new.as_str()),
        ("11", "␣", "")
    );
    assert_eq!(e.right, "月 22 日, …");
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    assert_eq!(editor(&app).paragraph(0), "11月22日，会议召开。");
    assert!(notice(&app).contains("已整理 6 处"), "{}", notice(&app));
    assert!(app.is_dirty());
    key(&mut app, "Ctrl+Z");
    assert_eq!(editor(&app).paragraphs(), typed);
    key(&mut app, "Ctrl+Y");
    assert_eq!(editor(&app).paragraph(0), "11月22日，会议召开。");
}

#[test]
fn changes_can_be_unticked_one_by_one_or_all_at_once() {
    let (_d, mut app) = with_article();
    type_at_start(&mut app, "11 月 22 日");
    let typed = editor(&app).paragraphs();
    key(&mut app, "F6");
    assert_eq!(review(&app).changes.len(), 3);
    // Space unticks the row and moves on to the next.
    key(&mut app, "Space");
    assert_eq!(review(&app).on, vec![false, true, true]);
    assert_eq!(review(&app).selected, 1);
    keys(&mut app, &["End", "Space", "Home"]);
    assert_eq!(review(&app).on, vec![false, true, false]);
    assert_eq!(
        review(&app).counts()[0],
        (crate::text::tidy::Rule::Space, 3, 1)
    );
    // A: all on (some were off), A again: all off.
    key(&mut app, "a");
    assert_eq!(review(&app).on, vec![true; 3]);
    key(&mut app, "A");
    assert_eq!(review(&app).on, vec![false; 3]);
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    assert!(notice(&app).contains("没有勾选"));
    assert_eq!(editor(&app).paragraphs(), typed);
    // Only the second change.
    keys(&mut app, &["F6", "Space", "Down", "Down", "Space", "Enter"]);
    assert_eq!(editor(&app).paragraph(0), "11 月22 日");
    // Esc cancels.
    keys(&mut app, &["F6", "Esc"]);
    assert!(app.overlay.is_none());
    assert!(notice(&app).contains("已取消"));
    assert_eq!(editor(&app).paragraph(0), "11 月22 日");
}

#[test]
fn with_a_selection_only_the_selection_is_tidied() {
    let (_d, mut app) = with_article();
    type_at_start(&mut app, "11 月 22 日");
    keys(
        &mut app,
        &[
            "Ctrl+Home",
            "Shift+Right",
            "Shift+Right",
            "Shift+Right",
            "Shift+Right",
        ],
    );
    assert_eq!(editor(&app).selected_text().as_deref(), Some("11 月"));
    key(&mut app, "F6");
    assert!(review(&app).selection);
    assert_eq!(review(&app).changes.len(), 1);
    key(&mut app, "Enter");
    assert_eq!(editor(&app).paragraph(0), "11月 22 日");
    // The selection stays on the tidied text.
    assert_eq!(editor(&app).selected_text().as_deref(), Some("11月"));
    // A selection with nothing to tidy says so.
    key(&mut app, "F6");
    assert!(app.overlay.is_none());
    assert!(notice(&app).contains("选中的文字无需整理"));
}

#[test]
fn tidy_needs_an_article_and_something_to_tidy() {
    let (_d, mut app) = app();
    key(&mut app, "Enter");
    key(&mut app, "F6"); // the tree has no F6
    assert!(app.overlay.is_none());
    key(&mut app, "Ctrl+P");
    typ(&mut app, "整理文字");
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    assert!(notice(&app).contains("还没有打开文章"));
    // The sample's text is tidy already.
    keys(&mut app, &["Down", "Enter", "F6"]);
    assert!(app.overlay.is_none());
    assert!(notice(&app).contains("全文无需整理"));
    assert!(!app.is_dirty());
}

/// The first article of the sample as the PDF gave it: hard-wrapped,
/// with blank lines between the lines.
fn hard_wrapped() -> String {
    let pdf = include_str!("../../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");
    let start = pdf.find("11 月 22 日，全市").unwrap();
    let end = pdf.find("书记张建慧主持会议并讲话。").unwrap();
    let end = pdf[end..].find("。").unwrap() + end + "。".len();
    let end = pdf[end..].find("决项").map_or(end, |_| end);
    pdf[start..end].to_string()
}

#[test]
fn a_hard_wrapped_paste_can_be_joined_with_f6_and_undone() {
    let (_d, mut app) = with_article();
    key(&mut app, "Ctrl+End");
    key(&mut app, "Enter");
    let before = editor(&app).paragraph_count();
    let pasted = hard_wrapped();
    assert!(pasted.matches('\n').count() >= 6, "{pasted}");
    app.handle_event(&Event::Paste(pasted.clone()));
    // Pasted as it is, with the offer in the status line.
    let as_pasted = editor(&app).paragraphs();
    assert!(as_pasted.len() > before + 3);
    assert!(app.paste_offer.is_some());
    assert_eq!(notice(&app), "粘贴的文字像是硬换行的：按 F6 合并为段落");
    key(&mut app, "F6");
    assert!(app.overlay.is_none(), "F6 joined, it did not tidy");
    let joined = editor(&app).paragraphs();
    assert_eq!(joined.len(), before);
    assert!(
        joined[before - 1]
            .starts_with("11 月 22 日，全市创文创卫工作推进会召开，通报创建工作进展情况"),
        "{joined:?}"
    );
    assert!(joined[before - 1].ends_with("主持会议并讲话。"));
    assert!(notice(&app).contains("已合并为 1 段"), "{}", notice(&app));
    // Undo gives the paste back as it came; undo again takes it away.
    key(&mut app, "Ctrl+Z");
    assert_eq!(editor(&app).paragraphs(), as_pasted);
    key(&mut app, "Ctrl+Z");
    assert_eq!(editor(&app).paragraph_count(), before);
    assert_eq!(editor(&app).paragraph(before - 1), "");
}

#[test]
fn after_joining_the_view_shows_the_joined_text() {
    let (_d, mut app) = with_article();
    app.handle_event(&Event::Resize(80, 24));
    keys(&mut app, &["Ctrl+End", "Enter"]);
    let pdf = include_str!("../../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");
    let lines: Vec<&str> = pdf.lines().skip(25).take(20).collect();
    app.handle_event(&Event::Paste(lines.join("\n") + "\n"));
    key(&mut app, "F6");
    let rows = editor(&app).visible_rows();
    assert!(
        rows.iter().filter(|r| !r.text.is_empty()).count() > 5,
        "{rows:?}"
    );
}

#[test]
fn the_offer_goes_at_the_next_other_key_and_only_hard_wrapped_pastes_get_it() {
    let (_d, mut app) = with_article();
    key(&mut app, "Ctrl+End");
    app.handle_event(&Event::Paste(hard_wrapped()));
    assert!(app.paste_offer.is_some());
    let pasted = editor(&app).paragraphs();
    key(&mut app, "Left");
    assert!(app.paste_offer.is_none());
    assert!(app.notice.is_none(), "{}", notice(&app));
    // F6 now tidies (the pasted text has spaces to take out).
    key(&mut app, "F6");
    review(&app);
    key(&mut app, "Esc");
    assert_eq!(editor(&app).paragraphs(), pasted);

    // Lines that are paragraphs already: no offer.
    app.handle_event(&Event::Paste("第一段。\n第二段。\n".into()));
    assert!(app.paste_offer.is_none());
    assert!(!notice(&app).contains("硬换行"));
}

mod random {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Input {
        Key(&'static str),
        Paste(String),
        Resize(u16, u16),
        Wheel(bool),
    }

    const KEYS: &[&str] = &[
        "F5",
        "F6",
        "Space",
        "a",
        "A",
        "Enter",
        "Esc",
        "Up",
        "Down",
        "PageUp",
        "PageDown",
        "Home",
        "End",
        "q",
        "Ctrl+Z",
        "Ctrl+Y",
        "Shift+Right",
        "Shift+Down",
        "Ctrl+Home",
        "Ctrl+End",
        "1",
        "月",
        ",",
        "Backspace",
    ];

    fn input() -> impl Strategy<Value = Input> {
        prop_oneof![
            8 => prop::sample::select(KEYS).prop_map(Input::Key),
            1 => prop::sample::select(vec!["11 月 22 日, 会议...", "第一段。\n第二段。"])
                .prop_map(|s| Input::Paste(s.to_string())),
            1 => Just(()).prop_map(|_| Input::Paste(hard_wrapped())),
            1 => (1u16..140, 1u16..50).prop_map(|(w, h)| Input::Resize(w, h)),
            1 => any::<bool>().prop_map(Input::Wheel),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Any mix of preview, tidy and paste keys at any size: no panic,
        /// every state renders, nothing is written, and undoing everything
        /// gives the article back as it was.
        #[test]
        fn preview_tidy_and_paste_hold_together(inputs in prop::collection::vec(input(), 1..60)) {
            let (dir, mut app) = with_article();
            let file = fs::read_to_string(super::file(&dir, "2023-025")).unwrap();
            let original = editor(&app).paragraphs();
            for i in inputs {
                match i {
                    Input::Key(k) => key(&mut app, k),
                    Input::Paste(t) => app.handle_event(&Event::Paste(t)),
                    Input::Resize(w, h) => app.handle_event(&Event::Resize(w, h)),
                    Input::Wheel(up) => wheel(&mut app, if up {
                        MouseEventKind::ScrollUp
                    } else {
                        MouseEventKind::ScrollDown
                    }),
                }
                // Esc leaves the editor: back to it, so no other article opens.
                app.focus = Focus::Editor;
                if let Some(Overlay::Tidy(t)) = &app.overlay {
                    prop_assert_eq!(t.on.len(), t.changes.len());
                    prop_assert!(t.selected < t.changes.len());
                }
                if let Some(Overlay::Preview(p)) = &app.overlay {
                    prop_assert!(p.scroll <= p.max_scroll());
                }
                let backend = ratatui::backend::TestBackend::new(app.width.max(1), app.height.max(1));
                let mut term = ratatui::Terminal::new(backend).unwrap();
                term.draw(|f| crate::ui::render(&app, &crate::ui::theme::Theme::color(), f)).unwrap();
            }
            app.overlay = None;
            // Keys act only where the clerk can see them.
            app.handle_event(&Event::Resize(80, 24));
            while editor(&app).can_undo() {
                key(&mut app, "Ctrl+Z");
            }
            prop_assert_eq!(editor(&app).paragraphs(), original);
            prop_assert_eq!(fs::read_to_string(super::file(&dir, "2023-025")).unwrap(), file);
        }
    }
}
