//! Unit tests of the editor: every motion and edit, undo grouping, find and
//! replace, counts, layout.

use std::time::{Duration, Instant};

use super::{EditAction as A, Editor, Motion as M, Note, Pos};

fn ed(text: &str, width: usize) -> Editor {
    let mut e = Editor::new(text.split('\n'));
    e.scroll_to_caret(width, 10);
    e
}

fn text(e: &Editor) -> String {
    e.paragraphs().join("\n")
}

fn p(paragraph: usize, grapheme: usize) -> Pos {
    Pos::new(paragraph, grapheme)
}

fn typed(e: &mut Editor, s: &str) {
    for c in s.chars() {
        e.apply(A::Insert(c.to_string()));
    }
}

#[test]
fn new_cleans_and_splits() {
    let e = Editor::new(["一\r\n二", "\u{1b}[1m三\t"]);
    assert_eq!(e.paragraphs(), vec!["一", "二", "[1m三\u{3000}"]);
    assert_eq!(Editor::new(Vec::<String>::new()).paragraphs(), vec![""]);
    assert_eq!(Editor::default().caret(), p(0, 0));
}

#[test]
fn typing_is_one_undo_step_until_a_move() {
    let mut e = ed("", 20);
    typed(&mut e, "你好世界");
    assert_eq!(text(&e), "你好世界");
    assert_eq!(e.caret(), p(0, 4));
    e.apply(A::Move(M::Left));
    typed(&mut e, "们");
    assert_eq!(text(&e), "你好世们界");
    e.apply(A::Undo);
    assert_eq!(text(&e), "你好世界");
    assert_eq!(e.caret(), p(0, 3));
    e.apply(A::Undo);
    assert_eq!(text(&e), "");
    assert_eq!(e.apply(A::Undo).note, Some(Note::NothingToUndo));
    e.apply(A::Redo);
    assert_eq!(text(&e), "你好世界");
    e.apply(A::Redo);
    assert_eq!(text(&e), "你好世们界");
    assert_eq!(e.caret(), p(0, 4));
    assert_eq!(e.apply(A::Redo).note, Some(Note::NothingToRedo));
}

#[test]
fn a_pause_starts_a_new_step() {
    let mut e = ed("", 20);
    let t0 = Instant::now();
    e.apply_at(A::Insert("甲".into()), t0);
    e.apply_at(A::Insert("乙".into()), t0 + Duration::from_millis(500));
    e.apply_at(A::Insert("丙".into()), t0 + Duration::from_secs(5));
    e.apply(A::Undo);
    assert_eq!(text(&e), "甲乙");
    e.apply(A::Undo);
    assert_eq!(text(&e), "");
}

#[test]
fn newline_and_deletes_break_typing_groups() {
    let mut e = ed("", 20);
    typed(&mut e, "一二");
    e.apply(A::Newline);
    typed(&mut e, "三");
    assert_eq!(e.paragraphs(), vec!["一二", "三"]);
    e.apply(A::Backspace);
    typed(&mut e, "四");
    assert_eq!(text(&e), "一二\n四");
    e.apply(A::Undo);
    assert_eq!(text(&e), "一二\n");
    e.apply(A::Undo);
    assert_eq!(text(&e), "一二\n三");
    e.apply(A::Undo);
    assert_eq!(text(&e), "一二\n");
    e.apply(A::Undo);
    assert_eq!(text(&e), "一二");
    e.apply(A::Undo);
    assert_eq!(text(&e), "");
}

#[test]
fn enter_splits_and_backspace_delete_join() {
    let mut e = ed("一二三四", 20);
    e.set_caret(p(0, 2));
    e.apply(A::Newline);
    assert_eq!(e.paragraphs(), vec!["一二", "三四"]);
    assert_eq!(e.caret(), p(1, 0));
    e.apply(A::Backspace);
    assert_eq!(e.paragraphs(), vec!["一二三四"]);
    assert_eq!(e.caret(), p(0, 2));
    e.apply(A::Newline);
    e.set_caret(p(0, 2));
    e.apply(A::Delete);
    assert_eq!(e.paragraphs(), vec!["一二三四"]);
    assert_eq!(e.caret(), p(0, 2));
    // At the edges nothing happens.
    e.set_caret(p(0, 0));
    assert!(!e.apply(A::Backspace).changed);
    e.set_caret(p(0, 4));
    assert!(!e.apply(A::Delete).changed);
}

#[test]
fn runs_of_backspace_or_delete_undo_together() {
    let mut e = ed("一二三四五", 20);
    e.set_caret(p(0, 4));
    e.apply(A::Backspace);
    e.apply(A::Backspace);
    assert_eq!(text(&e), "一二五");
    e.apply(A::Undo);
    assert_eq!(text(&e), "一二三四五");
    assert_eq!(e.caret(), p(0, 4));
    e.set_caret(p(0, 1));
    e.apply(A::Delete);
    e.apply(A::Delete);
    e.apply(A::Delete);
    assert_eq!(text(&e), "一五");
    e.apply(A::Undo);
    assert_eq!(text(&e), "一二三四五");
}

#[test]
fn combining_marks_merge_and_undo_exactly() {
    let mut e = ed("e", 20);
    e.set_caret(p(0, 1));
    e.apply(A::Insert("\u{301}".into()));
    assert_eq!(text(&e), "e\u{301}");
    assert_eq!(e.paragraph_len(0), 1);
    assert_eq!(e.caret(), p(0, 1));
    e.apply(A::Backspace);
    assert_eq!(text(&e), "");
    e.apply(A::Undo);
    e.apply(A::Undo);
    assert_eq!(text(&e), "e");
}

#[test]
fn selection_copy_cut_paste() {
    let mut e = ed("一二三四", 20);
    e.set_caret(p(0, 1));
    e.apply(A::Select(M::Right));
    e.apply(A::Select(M::Right));
    assert_eq!(e.selection(), Some((p(0, 1), p(0, 3))));
    assert_eq!(e.selected_text().as_deref(), Some("二三"));
    assert_eq!(e.selection_char_count(), 2);
    let out = e.apply(A::Copy);
    assert_eq!(out.copied.as_deref(), Some("二三"));
    assert!(!out.changed);
    let out = e.apply(A::Cut);
    assert_eq!(out.copied.as_deref(), Some("二三"));
    assert!(out.changed);
    assert_eq!(text(&e), "一四");
    // The clipboard is the app's: it pastes what Cut gave it.
    e.apply(A::Move(M::DocEnd));
    e.apply(A::Paste(out.copied.unwrap()));
    assert_eq!(text(&e), "一四二三");
    // Copy without a selection copies nothing.
    assert_eq!(e.apply(A::Copy).copied, None);
    // Typing replaces the selection; Left/Right collapse it.
    e.apply(A::SelectAll);
    assert_eq!(e.selected_text().as_deref(), Some("一四二三"));
    e.apply(A::Move(M::Left));
    assert_eq!((e.selection(), e.caret()), (None, p(0, 0)));
    e.apply(A::SelectAll);
    e.apply(A::Move(M::Right));
    assert_eq!((e.selection(), e.caret()), (None, p(0, 4)));
    e.apply(A::SelectAll);
    typed(&mut e, "新");
    assert_eq!(text(&e), "新");
    e.apply(A::Undo);
    assert_eq!(text(&e), "一四二三");
}

#[test]
fn selection_across_paragraphs() {
    let mut e = ed("一二\n三四\n五六", 20);
    e.set_caret(p(0, 1));
    e.apply(A::Select(M::Down));
    e.apply(A::Select(M::Down));
    assert_eq!(e.selected_text().as_deref(), Some("二\n三四\n五"));
    assert_eq!(e.selection_char_count(), 4);
    e.apply(A::Backspace);
    assert_eq!(e.paragraphs(), vec!["一六"]);
    e.apply(A::Undo);
    assert_eq!(e.paragraphs(), vec!["一二", "三四", "五六"]);
    assert_eq!(e.selection(), Some((p(0, 1), p(2, 1))));
}

#[test]
fn paste_is_cleaned_and_one_step() {
    let mut e = ed("首尾", 20);
    e.set_caret(p(0, 1));
    let big: String = "段落\u{1b}[2J内容\r\n".repeat(5000);
    let out = e.apply(A::Paste(big));
    assert!(out.changed);
    assert_eq!(e.paragraph_count(), 5001);
    assert_eq!(e.paragraph(0), "首段落[2J内容");
    assert_eq!(e.paragraph(5000), "尾");
    assert_eq!(e.caret(), p(5000, 0));
    e.apply(A::Undo);
    assert_eq!(text(&e), "首尾");
    e.apply(A::Insert("a\u{202e}b\tc\u{7}".into()));
    assert_eq!(text(&e), "首ab\u{3000}c尾");
}

#[test]
fn left_right_cross_paragraphs() {
    let mut e = ed("一\n二", 20);
    e.set_caret(p(0, 1));
    e.apply(A::Move(M::Right));
    assert_eq!(e.caret(), p(1, 0));
    e.apply(A::Move(M::Left));
    assert_eq!(e.caret(), p(0, 1));
    e.apply(A::Move(M::DocStart));
    e.apply(A::Move(M::Left));
    assert_eq!(e.caret(), p(0, 0));
    e.apply(A::Move(M::DocEnd));
    assert_eq!(e.caret(), p(1, 1));
    e.apply(A::Move(M::Right));
    assert_eq!(e.caret(), p(1, 1));
}

#[test]
fn caret_after_a_full_row_is_shown_on_the_next_row() {
    // Width 8, indent 4: rows 一二 | 三四五六 | 七八九十 (full) | caret row.
    let mut e = ed("一二三四五六七八九十", 8);
    assert_eq!(e.row_col(p(0, 0)), (0, 4));
    assert_eq!(e.row_col(p(0, 1)), (0, 6));
    assert_eq!(
        e.row_col(p(0, 2)),
        (1, 0),
        "end of a full row = start of the next"
    );
    assert_eq!(
        e.row_col(p(0, 10)),
        (3, 0),
        "after the last character of a full row"
    );
    e.apply(A::Move(M::DocEnd));
    assert_eq!(e.caret_screen(), Some((0, 3)));
    // A paragraph whose last row is not full keeps its caret on it.
    let mut e = ed("一二三", 8);
    assert_eq!(e.row_col(p(0, 3)), (1, 2));
    for g in 0..=3 {
        let (r, c) = e.row_col(p(0, g));
        assert_eq!(e.pos_at(0, r, c), p(0, g));
    }
}

#[test]
fn up_down_keep_the_screen_column() {
    // Rows at width 10: [indent]一二三 | abcdefghij | 四五六七八 | xy
    let mut e = ed("一二三abcdefghij四五六七八xy", 10);
    e.set_caret(p(0, 1)); // screen column 6
    e.apply(A::Move(M::Down));
    assert_eq!(e.caret(), p(0, 9), "column 6 on the Latin row");
    e.apply(A::Move(M::Down));
    assert_eq!(e.caret(), p(0, 16), "column 6 on the Chinese row");
    e.apply(A::Move(M::Down));
    assert_eq!(e.caret(), p(0, 20), "short last row: its end");
    e.apply(A::Move(M::Up));
    assert_eq!(e.caret(), p(0, 16), "the remembered column comes back");
    e.apply(A::Move(M::Up));
    e.apply(A::Move(M::Up));
    assert_eq!(e.caret(), p(0, 1));
    e.apply(A::Move(M::Up));
    assert_eq!(
        e.caret(),
        p(0, 0),
        "up from the first row goes to the start"
    );
    e.apply(A::Move(M::DocEnd));
    e.apply(A::Move(M::Down));
    assert_eq!(e.caret(), p(0, 20), "down on the last row stays at the end");
    // Between paragraphs, and inside a wide character the column rounds left.
    let mut e = ed("ab\n一二三", 20);
    e.set_caret(p(0, 1));
    e.apply(A::Move(M::Down));
    assert_eq!(e.row_col(e.caret()), (0, 4));
    assert_eq!(e.caret(), p(1, 0));
    e.set_caret(p(1, 1));
    e.apply(A::Move(M::Up));
    assert_eq!(e.caret(), p(0, 2));
}

#[test]
fn home_end_of_screen_rows() {
    let mut e = ed("一二三四五六七八九十", 8);
    e.set_caret(p(0, 3)); // on row 1: 三四五六
    e.apply(A::Move(M::RowEnd));
    assert_eq!(
        e.caret(),
        p(0, 5),
        "before the last character of a wrapped row"
    );
    e.apply(A::Move(M::RowStart));
    assert_eq!(e.caret(), p(0, 2));
    e.set_caret(p(0, 7));
    e.apply(A::Move(M::RowEnd));
    assert_eq!(
        e.caret(),
        p(0, 9),
        "the last row is full: its end is on the caret row"
    );
    let mut e = ed("一二三", 8);
    e.set_caret(p(0, 2));
    e.apply(A::Move(M::RowEnd));
    assert_eq!(e.caret(), p(0, 3), "last row: after the last character");
    e.apply(A::Move(M::RowStart));
    assert_eq!(e.caret(), p(0, 2));
}

#[test]
fn page_up_down() {
    let text: Vec<String> = (0..50).map(|i| format!("第{i}段")).collect();
    let mut e = Editor::new(&text);
    e.scroll_to_caret(40, 10);
    e.apply(A::Move(M::PageDown));
    assert_eq!(e.caret().paragraph, 9);
    e.scroll_to_caret(40, 10);
    assert_eq!(
        e.caret_screen().map(|c| c.1),
        Some(0),
        "the page scrolled with the caret"
    );
    e.apply(A::Select(M::PageDown));
    assert_eq!(e.caret().paragraph, 18);
    assert!(e.selection().is_some());
    e.apply(A::Move(M::PageUp));
    e.apply(A::Move(M::PageUp));
    assert_eq!(e.caret().paragraph, 0);
    e.apply(A::Move(M::PageUp));
    assert_eq!(e.caret(), p(0, 0));
}

#[test]
fn word_and_phrase_motions() {
    let mut e = ed("为深入贯彻，进一步推进。Rust is fast, ok", 80);
    let stops: Vec<usize> = std::iter::from_fn(|| {
        let before = e.caret();
        e.apply(A::Move(M::WordRight));
        (e.caret() != before).then_some(e.caret().grapheme)
    })
    .collect();
    assert_eq!(stops, vec![6, 12, 17, 20, 26, 28]);
    let back: Vec<usize> = std::iter::from_fn(|| {
        let before = e.caret();
        e.apply(A::Move(M::WordLeft));
        (e.caret() != before).then_some(e.caret().grapheme)
    })
    .collect();
    assert_eq!(back, vec![26, 20, 17, 12, 6, 0]);
    // Across paragraphs.
    let mut e = ed("一\n二", 80);
    e.set_caret(p(0, 1));
    e.apply(A::Move(M::WordRight));
    assert_eq!(e.caret(), p(1, 0));
    e.apply(A::Move(M::WordLeft));
    assert_eq!(e.caret(), p(0, 1));
    // Ctrl+Backspace deletes the phrase before the caret.
    let mut e = ed("为深入贯彻，进一步", 80);
    e.apply(A::Move(M::DocEnd));
    e.apply(A::DeleteWordBack);
    assert_eq!(text(&e), "为深入贯彻，");
    e.apply(A::Move(M::DocStart));
    e.apply(A::DeleteWordForward);
    assert_eq!(text(&e), "");
}

#[test]
fn find_incremental_next_previous() {
    let mut e = ed("文明城市\n创建文明，Wen ming wen", 80);
    e.apply(A::Find("文".into()));
    assert_eq!(e.find_matches(), &[(p(0, 0), p(0, 1)), (p(1, 2), p(1, 3))]);
    assert_eq!(e.current_match(), Some(0));
    e.apply(A::Find("文明".into()));
    assert_eq!(
        e.selection(),
        Some((p(0, 0), p(0, 2))),
        "refining keeps the same match"
    );
    assert_eq!(e.apply(A::FindNext).note, None);
    assert_eq!(e.selection(), Some((p(1, 2), p(1, 4))));
    assert_eq!(e.apply(A::FindNext).note, Some(Note::Wrapped));
    assert_eq!(e.current_match(), Some(0));
    assert_eq!(e.apply(A::FindPrev).note, Some(Note::Wrapped));
    assert_eq!(e.current_match(), Some(1));
    e.apply(A::FindPrev);
    assert_eq!(e.current_match(), Some(0));
    // ASCII case is ignored.
    e.apply(A::Find("wen".into()));
    assert_eq!(e.find_matches().len(), 2);
    assert_eq!(e.apply(A::Find("没有".into())).note, Some(Note::NotFound));
    assert!(e.find_matches().is_empty());
    e.apply(A::Find("文".into()));
    e.apply(A::ClearFind);
    // No query left: nothing is found, nor said to be missing.
    assert!(e.find_matches().is_empty());
    assert_eq!(e.apply(A::FindNext).note, None);
}

#[test]
fn find_follows_edits() {
    let mut e = ed("甲乙甲", 80);
    e.apply(A::Find("甲".into()));
    e.apply(A::Move(M::DocEnd));
    typed(&mut e, "甲");
    assert_eq!(e.find_matches().len(), 3);
    // "e" does not match inside the grapheme "é".
    let mut e = ed("e\u{301}e", 80);
    e.apply(A::Find("e".into()));
    assert_eq!(e.find_matches(), &[(p(0, 1), p(0, 2))]);
}

#[test]
fn replace_one_and_all() {
    let mut e = ed("创建文明城市，文明单位\n文明家庭", 80);
    e.apply(A::Find("文明".into()));
    assert_eq!(
        e.apply(A::Replace("精神文明".into())).note,
        Some(Note::Replaced(1))
    );
    assert_eq!(e.paragraph(0), "创建精神文明城市，文明单位");
    assert_eq!(
        e.selection(),
        Some((p(0, 9), p(0, 11))),
        "the next match is selected"
    );
    e.apply(A::Undo);
    assert_eq!(e.paragraph(0), "创建文明城市，文明单位");
    let out = e.apply(A::ReplaceAll("文化".into()));
    assert_eq!(out.note, Some(Note::Replaced(3)));
    assert_eq!(text(&e), "创建文化城市，文化单位\n文化家庭");
    e.apply(A::Undo);
    assert_eq!(text(&e), "创建文明城市，文明单位\n文明家庭");
    e.apply(A::Redo);
    assert_eq!(text(&e), "创建文化城市，文化单位\n文化家庭");
    assert_eq!(
        e.apply(A::ReplaceAll("x".into())).note,
        Some(Note::NotFound)
    );
    // Replace without a selected match only selects the next one.
    let mut e = ed("甲乙甲", 80);
    e.apply(A::Find("甲".into()));
    e.apply(A::Move(M::DocEnd));
    let out = e.apply(A::Replace("丙".into()));
    assert!(!out.changed);
    assert_eq!(e.current_match(), Some(0));
}

#[test]
fn counts() {
    let mut e = ed("一二 三，\nabc d", 80);
    assert_eq!(e.char_count(), 8);
    e.apply(A::SelectAll);
    assert_eq!(e.selection_char_count(), 8);
    e.apply(A::Move(M::DocStart));
    assert_eq!(e.selection_char_count(), 0);
    typed(&mut e, "\u{3000}新");
    assert_eq!(e.char_count(), 9);
}

#[test]
fn revision_moves_on_every_change_only() {
    let mut e = ed("一", 80);
    let r0 = e.revision();
    e.apply(A::Move(M::DocEnd));
    assert_eq!(e.revision(), r0);
    typed(&mut e, "二");
    let r1 = e.revision();
    assert!(r1 > r0);
    e.apply(A::Undo);
    assert!(e.revision() > r1, "undo is a change too");
}

#[test]
fn scrolling_keeps_the_caret_visible() {
    let text: Vec<String> = (0..100).map(|i| format!("第{i}段")).collect();
    let mut e = Editor::new(&text);
    e.scroll_to_caret(20, 5);
    e.apply(A::Move(M::DocEnd));
    e.scroll_to_caret(20, 5);
    assert_eq!(e.top(), (95, 0));
    assert_eq!(e.caret_screen(), Some((10, 4)));
    let rows = e.visible_rows();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        (rows[0].paragraph, rows[0].text, rows[0].indent),
        (95, "第95段", 4)
    );
    e.apply(A::Move(M::DocStart));
    e.scroll_to_caret(20, 5);
    assert_eq!(e.top(), (0, 0));
}

#[test]
fn resize_keeps_the_caret_on_its_character() {
    let mut e = ed(
        &"为深入贯彻落实党的二十大精神，进一步推进文明城市创建工作。".repeat(10),
        40,
    );
    e.set_caret(p(0, 150));
    for w in [40, 11, 2, 3, 97, 40] {
        e.scroll_to_caret(w, 6);
        assert_eq!(e.caret(), p(0, 150));
        let (x, y) = e.caret_screen().expect("caret visible");
        assert!(x < w && y < 6, "caret at ({x},{y}) outside {w}×6");
        let (r, c) = e.row_col(e.caret());
        assert_eq!(e.pos_at(0, r, c), e.caret());
    }
}

#[test]
fn rows_stay_valid_after_paragraphs_vanish() {
    let text: Vec<String> = (0..30).map(|i| format!("第{i}段")).collect();
    let mut e = Editor::new(&text);
    e.apply(A::Move(M::DocEnd));
    e.scroll_to_caret(20, 5);
    e.apply(A::SelectAll);
    e.apply(A::Delete);
    // Rendering state is readable before the next scroll_to_caret.
    assert_eq!(e.visible_rows().len(), 1);
    e.scroll_to_caret(20, 5);
    assert_eq!(e.caret_screen(), Some((4, 0)));
    e.apply(A::Undo);
    e.scroll_to_caret(20, 5);
    assert_eq!(e.paragraph_count(), 30);
}

fn splice(range: std::ops::Range<usize>, text: &str) -> super::Splice {
    super::Splice {
        range,
        text: text.to_string(),
    }
}

#[test]
fn a_splice_is_one_undo_step_and_the_caret_follows_its_text() {
    let mut e = ed("11 月 22 日，会议召开。\n第二段", 40);
    assert_eq!(e.text(), "11 月 22 日，会议召开。\n第二段");
    // The caret after "召开": it keeps to that character.
    e.set_caret(p(0, 14));
    assert_eq!(e.offset(e.caret()), "11 月 22 日，会议召开".len());
    let out = e.apply(A::Splice(vec![
        splice(2..3, ""),
        splice(6..7, ""),
        splice(9..10, ""),
    ]));
    assert!(out.changed);
    assert_eq!(text(&e), "11月22日，会议召开。\n第二段");
    assert_eq!(e.caret(), p(0, 11));
    e.apply(A::Undo);
    assert_eq!(text(&e), "11 月 22 日，会议召开。\n第二段");
    assert_eq!(e.caret(), p(0, 14));
    e.apply(A::Redo);
    assert_eq!(text(&e), "11月22日，会议召开。\n第二段");
    assert_eq!(e.caret(), p(0, 11));
    // Nothing else went into the history.
    e.apply(A::Undo);
    assert_eq!(e.apply(A::Undo).note, Some(Note::NothingToUndo));
}

#[test]
fn a_splice_may_join_paragraphs_and_keeps_the_selection_on_its_text() {
    let mut e = ed("前言\n一二三\n四五六\n后记", 40);
    // Select 一二三\n四五六 and replace it with one paragraph.
    e.set_caret(p(1, 0));
    e.apply(A::Select(M::Down));
    e.apply(A::Select(M::RowEnd));
    let s = e.offset(p(1, 0));
    let end = e.offset(e.caret());
    assert_eq!(e.selected_text().as_deref(), Some("一二三\n四五六"));
    e.apply(A::Splice(vec![splice(s..end, "一二三四五六")]));
    assert_eq!(e.paragraphs(), vec!["前言", "一二三四五六", "后记"]);
    assert_eq!(e.selected_text().as_deref(), Some("一二三四五六"));
    e.apply(A::Undo);
    assert_eq!(e.paragraphs(), vec!["前言", "一二三", "四五六", "后记"]);
    assert_eq!(e.selected_text().as_deref(), Some("一二三\n四五六"));
    // A caret inside a replaced range goes to the end of the replacement.
    e.set_caret(p(1, 1));
    e.apply(A::Splice(vec![splice(s..s + 9, "甲")]));
    assert_eq!(e.paragraphs(), vec!["前言", "甲", "四五六", "后记"]);
    assert_eq!(e.caret(), p(1, 1));
}

#[test]
fn a_bad_or_empty_splice_changes_nothing() {
    let mut e = ed("一二三", 40);
    let rev = e.revision();
    for bad in [
        vec![splice(3..6, "x"), splice(0..4, "y")], // overlapping
        vec![splice(3..6, "x"), splice(0..3, "y")], // unsorted
        vec![splice(1..3, "x")],                    // inside a character
        vec![splice(6..12, "x")],                   // past the end
        vec![splice(3..6, "二")],                   // no change
        vec![],
    ] {
        let out = e.apply(A::Splice(bad));
        assert!(!out.changed);
    }
    assert_eq!(e.revision(), rev);
    assert_eq!(text(&e), "一二三");
    assert!(!e.can_undo());
}

#[test]
fn a_splice_inside_a_grapheme_lays_out_as_the_text_would() {
    // A combining accent sits inside the grapheme "a\u{301}".
    let src = "甲乙a\u{301}b丙丁戊己庚辛壬癸";
    let mut e = ed(src, 8);
    let at = src.find('\u{301}').unwrap();
    e.apply(A::Splice(vec![splice(at..at + 2, "")]));
    assert_eq!(text(&e), "甲乙ab丙丁戊己庚辛壬癸");
    e.scroll_to_caret(8, 10);
    let mut fresh = ed(&text(&e), 8);
    fresh.scroll_to_caret(8, 10);
    let rows = |e: &Editor| -> Vec<(usize, String)> {
        e.visible_rows()
            .iter()
            .map(|r| (r.indent, r.text.to_string()))
            .collect()
    };
    assert_eq!(rows(&e), rows(&fresh));
    e.apply(A::Undo);
    assert_eq!(text(&e), src);
}

#[test]
fn after_a_splice_the_view_keeps_its_text() {
    let lines: Vec<String> = (0..20).map(|i| format!("第{i}行")).collect();
    let mut e = Editor::new(&lines);
    e.apply(A::Move(M::DocEnd));
    e.scroll_to_caret(20, 8);
    assert_eq!(e.top(), (12, 0));
    // Lines 5 to 19 become one paragraph: the first row shown was among
    // them, so the view starts at or before where they start (not at the
    // caret's row), and stays full.
    let whole = e.text();
    let start = e.offset(p(5, 0));
    let joined = whole[start..].replace('\n', "");
    e.apply(A::Splice(vec![splice(start..whole.len(), &joined)]));
    e.scroll_to_caret(20, 8);
    assert_eq!(e.paragraph_count(), 6);
    assert!(e.top() <= (5, 0), "{:?}", e.top());
    let rows = e.visible_rows();
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().any(|r| r.paragraph == 5 && r.row == 0));
    assert_eq!(e.caret_screen().map(|(_, y)| y), Some(7));
}

/// The rows shown that hold text (the viewport is full when all do).
fn filled(e: &Editor) -> usize {
    e.visible_rows().len()
}

#[test]
fn the_pane_stays_full_after_a_page_down_past_the_end_and_a_taller_window() {
    let text: Vec<String> = (0..30).map(|i| format!("第{i}段")).collect();
    let mut e = Editor::new(&text);
    e.scroll_to_caret(40, 10);
    for _ in 0..5 {
        e.apply(A::Move(M::PageDown));
        e.scroll_to_caret(40, 10);
        assert_eq!(filled(&e), 10, "top {:?}", e.top());
    }
    assert_eq!(e.caret().paragraph, 29);
    assert_eq!(e.top(), (20, 0));
    // At the end, the window grows: the text moves down to fill it.
    e.scroll_to_caret(40, 24);
    assert_eq!(filled(&e), 24);
    assert_eq!(e.top(), (6, 0));
    assert_eq!(e.caret_screen().map(|c| c.1), Some(23));
    // Text shorter than the pane starts at the top.
    let mut short = Editor::new(&["一".to_string(), "二".to_string()]);
    short.apply(A::Move(M::DocEnd));
    short.scroll_to_caret(40, 10);
    assert_eq!(short.top(), (0, 0));
}
