use super::*;

fn para(text: &str, width: usize) -> Para {
    Para::new(text, Geometry::new(width, 4))
}

#[test]
fn lookups() {
    let p = para("一二三四五六七八九十", 8);
    // rows: 一二 | 三四五六 | 七八九十
    assert_eq!(p.row_count(), 3);
    assert_eq!(p.len(), 10);
    assert_eq!(p.row_of(0), 0);
    assert_eq!(p.row_of(2), 1, "a boundary belongs to the later row");
    assert_eq!(p.row_of(10), 2);
    assert_eq!(p.byte_of(3), 9);
    assert_eq!(p.grapheme_at_byte(9), 3);
    assert_eq!(p.grapheme_at_byte(10), 4, "inside a grapheme rounds up");
    assert_eq!(p.grapheme(2), "三");
    assert_eq!(p.slice(3, 9), "二三");
    assert_eq!(p.count(), 10);
}

#[test]
fn edits_rewrap_like_a_full_wrap() {
    let mut p = para("一二三四五六七八九十", 8);
    p.replace(9, 9, "。");
    p.assert_consistent();
    assert_eq!(p.text(), "一二三。四五六七八九十");
    p.replace(0, 6, "");
    p.assert_consistent();
    p.replace(p.len_bytes(), p.len_bytes(), "e\u{301}");
    p.assert_consistent();
}

#[test]
fn huge_paragraph_spans_chunks() {
    let text = "为深入贯彻落实党的二十大精神，进一步推进文明城市创建工作。".repeat(200);
    let mut p = para(&text, 30);
    assert!(p.chunks.len() > 10);
    p.assert_consistent();
    let mid = p.byte_of(p.len() / 2);
    p.replace(mid, mid, "，");
    p.assert_consistent();
    let at = p.byte_of(100);
    let to = p.byte_of(3000);
    p.replace(at, to, "abc");
    p.assert_consistent();
    // Deleting across a chunk boundary and then everything.
    let n = p.len_bytes();
    p.replace(0, n, "");
    p.assert_consistent();
    assert_eq!(p.row_count(), 1);
}
