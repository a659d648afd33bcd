//! Snapshots of the editor pane on ratatui's TestBackend.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;

use super::{EditorStyles, render};
use crate::text::{EditAction as A, Editor, Motion as M, Pos};

const ARTICLE: &str = "为深入贯彻落实党的二十大精神，进一步推进文明城市创建工作，11月20日，扶沟县召开“文明单位”创建推进会。\n会议要求：一是提高认识；二是压实责任（各单位主要负责人为第一责任人）；三是强化督导……确保2023年度目标任务全面完成。";

/// Renders `e` on a `w`×`h` terminal and returns the screen with the caret
/// drawn as `▏` before the character it precedes, plus its position.
fn screen(e: &mut Editor, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        let area = f.area();
        e.scroll_to_caret(area.width as usize, area.height as usize);
        if let Some(p) = render(e, area, f.buffer_mut(), &EditorStyles::default()) {
            f.set_cursor_position(p);
        }
    })
    .unwrap();
    let cursor = t.get_cursor_position().unwrap();
    format!("{}\ncaret: {cursor:?}", t.backend())
}

#[test]
fn article_at_several_widths() {
    for w in [40u16, 23, 9, 2] {
        let mut e = Editor::new(ARTICLE.split('\n'));
        e.set_caret(Pos::new(0, 30));
        insta::assert_snapshot!(format!("width_{w}"), screen(&mut e, w, 12));
    }
}

#[test]
fn caret_after_a_full_row_sits_at_the_next_row_start() {
    // Width 12, indent 4: 4 + 8 columns, then rows of 6 characters; 16
    // characters fill the second row exactly.
    let mut e = Editor::new(["一二三四五六七八九十甲乙"]);
    e.apply(A::Move(M::DocEnd));
    insta::assert_snapshot!("full_row_caret", screen(&mut e, 12, 4));
    // Typing there puts the character where the caret was shown.
    e.apply(A::Insert("丙".into()));
    insta::assert_snapshot!("full_row_typed", screen(&mut e, 12, 4));
}

#[test]
fn scrolled_to_the_end_of_a_long_article() {
    let mut e = Editor::new(ARTICLE.split('\n'));
    e.apply(A::Move(M::DocEnd));
    insta::assert_snapshot!("scrolled_end", screen(&mut e, 20, 5));
}

#[test]
fn selection_and_matches_are_marked_without_colour() {
    let mut e = Editor::new(ARTICLE.split('\n'));
    e.apply(A::Find("创建".into()));
    let mut buf = Buffer::empty(Rect::new(0, 0, 30, 8));
    e.scroll_to_caret(30, 8);
    render(&e, buf.area, &mut buf, &EditorStyles::default());
    // Current match (the first 创建): reversed and underlined; the other one underlined.
    let (cur, other) = (e.find_matches()[0], e.find_matches()[1]);
    let find = |s: &str| {
        (0..buf.area.height)
            .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].symbol() == s)
            .map(|(x, y)| buf[(x, y)].modifier)
            .collect::<Vec<_>>()
    };
    assert_eq!(cur.0, Pos::new(0, 24));
    assert_eq!(other.0, Pos::new(0, 47));
    let chuang = find("创");
    assert_eq!(
        chuang,
        vec![
            Modifier::REVERSED | Modifier::UNDERLINED,
            Modifier::UNDERLINED
        ]
    );
    // A selection is reversed.
    e.apply(A::ClearFind);
    e.set_caret(Pos::new(0, 0));
    e.apply(A::Select(M::Right));
    render(&e, buf.area, &mut buf, &EditorStyles::default());
    assert_eq!(buf[(4, 0)].symbol(), "为");
    assert_eq!(buf[(4, 0)].modifier, Modifier::REVERSED);
    assert_eq!(buf[(6, 0)].modifier, Modifier::empty());
    insta::assert_snapshot!("selection_styles", format!("{buf:?}"));
}

#[test]
fn render_writes_every_cell_and_stays_in_its_area() {
    let mut e = Editor::new(["短"]);
    let mut buf = Buffer::with_lines(["xxxxxxxxxx"; 4]);
    e.scroll_to_caret(6, 2);
    let caret = render(
        &e,
        Rect::new(2, 1, 6, 2),
        &mut buf,
        &EditorStyles::default(),
    );
    assert_eq!(caret, Some(Position::new(6, 1)));
    assert_eq!(
        buf,
        Buffer::with_lines(["xxxxxxxxxx", "xx    短xx", "xx      xx", "xxxxxxxxxx"])
    );
}

#[test]
fn zero_width_graphemes_get_a_cell_of_their_own() {
    // A combining accent with nothing to sit on (the zero-width space of
    // old never gets into the text: the cleaner takes it out).
    let mut e = Editor::new(["\u{301}b"]);
    let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
    e.scroll_to_caret(10, 1);
    render(&e, buf.area, &mut buf, &EditorStyles::default());
    assert_eq!(buf[(4, 0)].symbol(), "\u{25cc}\u{301}");
    assert_eq!(buf[(5, 0)].symbol(), "b");
}

#[test]
fn an_invisible_character_is_shown_as_the_circle_alone() {
    assert_eq!(crate::text::cell_symbol("\u{200b}"), "\u{25cc}");
    assert_eq!(crate::text::cell_symbol("\u{202e}"), "\u{25cc}");
}
