//! Property tests of wrapping and of the incremental paragraph cache.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::breaks::{break_allowed, classify, grapheme_width};
use super::para::{Geometry, Para};
use super::wrap::{first_row_indent, wrap};

/// Pieces of text the generators combine: Chinese, ASCII words, digits,
/// spaces, emoji (with ZWJ and modifiers), combining marks, Chinese and ASCII
/// punctuation, dashes, ellipses, no-break spaces, full-width digits.
const PIECES: &[&str] = &[
    "中",
    "文",
    "简",
    "报",
    "工",
    "作",
    "a",
    "b",
    "Z",
    "x",
    "1",
    "2",
    "0",
    " ",
    " ",
    "😀",
    "👩\u{200d}💻",
    "👍🏽",
    "e\u{301}",
    "\u{301}",
    "，",
    "。",
    "、",
    "；",
    "：",
    "？",
    "！",
    "…",
    "”",
    "’",
    "）",
    "》",
    "】",
    "」",
    "“",
    "‘",
    "（",
    "《",
    "【",
    "「",
    "—",
    ".",
    ",",
    "-",
    "(",
    ")",
    "%",
    "\u{a0}",
    "２",
    "\u{3000}",
];

pub(crate) fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn fast_graphemes_match_unicode_segmentation(text in text_strategy(60), extra in "\\PC{0,20}") {
        let text = text + &extra + "\u{1f1e8}\u{1f1f3}\u{1f1e8}" + "\u{1100}\u{1161}\u{11a8}中\u{302a}a\u{309a}ｶﾞ";
        let fast: Vec<&str> = super::breaks::graphemes(&text).collect();
        let slow: Vec<&str> = text.graphemes(true).collect();
        prop_assert_eq!(&fast, &slow);
        for g in slow {
            use unicode_width::UnicodeWidthStr;
            prop_assert_eq!(grapheme_width(g), g.width().clamp(1, 2), "width of {:?}", g);
            prop_assert_eq!(super::breaks::cell(g).1, grapheme_width(g));
        }
    }

    #[test]
    fn wrap_properties(text in text_strategy(80), width in 2usize..40, indent in prop::sample::select(vec![0usize, 4])) {
        let rows = wrap(&text, width, indent);
        let graphemes: Vec<&str> = text.graphemes(true).collect();
        let classes: Vec<_> = graphemes.iter().map(|g| classify(g)).collect();
        let allowed = |p: usize| break_allowed(p.checked_sub(2).map(|i| classes[i]), classes[p - 1], classes[p]);
        prop_assert!(!rows.is_empty());
        prop_assert_eq!(rows[0].start, 0);
        prop_assert_eq!(rows[0].g_start, 0);
        prop_assert_eq!(rows.last().unwrap().end, text.len());
        prop_assert_eq!(rows.last().unwrap().g_end, graphemes.len());
        for (k, r) in rows.iter().enumerate() {
            // Every grapheme exactly once: rows are contiguous and match the text.
            if k > 0 {
                prop_assert_eq!(r.start, rows[k - 1].end);
                prop_assert_eq!(r.g_start, rows[k - 1].g_end);
            }
            prop_assert_eq!(text[r.start..r.end].graphemes(true).count(), r.g_end - r.g_start);
            let w: usize = graphemes[r.g_start..r.g_end].iter().map(|g| grapheme_width(g)).sum();
            prop_assert_eq!(w, r.width);
            let avail = if k == 0 { width - first_row_indent(width, indent) } else { width };
            prop_assert!(r.width <= avail, "row {} too wide", k);
            prop_assert!(rows.len() == 1 || r.g_end > r.g_start, "empty row");
            // A row ends at a break the rules allow, unless it has none at all.
            if k + 1 < rows.len() {
                let b = r.g_end;
                if !allowed(b) {
                    prop_assert!(
                        ((r.g_start + 1)..=b).all(|p| !allowed(p)),
                        "row {} breaks at a forbidden point though it could break earlier", k
                    );
                }
            }
        }
    }

    #[test]
    fn incremental_rewrap_matches_full_wrap(
        text in text_strategy(200),
        width in 2usize..30,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..6, text_strategy(6)), 1..12),
    ) {
        let mut p = Para::new(&text, Geometry::new(width, 4));
        p.assert_consistent();
        for (at, del, ins) in edits {
            let len = p.len();
            let g0 = at.index(len + 1);
            let g1 = (g0 + del).min(len);
            let (b0, b1) = (p.byte_of(g0), p.byte_of(g1));
            p.replace(b0, b1, &ins);
            p.assert_consistent();
        }
    }

    #[test]
    fn lazy_layout_matches_full_wrap(
        text in text_strategy(400),
        ops in prop::collection::vec((0u8..4, any::<prop::sample::Index>(), 0usize..40, text_strategy(5)), 1..20),
    ) {
        // Long paragraphs at small widths, resized and edited while the tail
        // is stale, laid out piecemeal.
        let mut p = Para::new(&text, Geometry::new(5, 4));
        let mut model = text.clone();
        for (kind, at, n, ins) in ops {
            match kind {
                0 => p.set_geometry(Geometry::new(2 + n % 20, 4)),
                1 => p.ensure_rows(n),
                2 => p.ensure_grapheme(at.index(p.len() + 1)),
                _ => {
                    let len = p.len();
                    let g0 = at.index(len + 1);
                    let g1 = (g0 + n % 7).min(len);
                    let (b0, b1) = (p.byte_of(g0), p.byte_of(g1));
                    p.replace(b0, b1, &ins);
                    model.replace_range(b0..b1, &ins);
                }
            }
            prop_assert_eq!(p.text(), model.as_str());
            prop_assert_eq!(p.len(), model.graphemes(true).count());
        }
        p.assert_consistent();
    }
}

#[test]
fn incremental_rewrap_in_a_long_paragraph() {
    // Long enough for many chunks at every width; edits near chunk edges.
    let base =
        "为深入贯彻落实党的二十大精神，进一步推进“文明城市”创建工作（2023年）。Rust is fine… "
            .repeat(40);
    for width in [2, 3, 7, 20, 41] {
        let mut p = Para::new(&base, Geometry::new(width, 4));
        for (i, ins) in ["。", "", "abc", "“", "，，", "e\u{301}"]
            .iter()
            .enumerate()
        {
            let g = (i * 397) % p.len();
            let (b0, b1) = (p.byte_of(g), p.byte_of(g + i % 3));
            p.replace(b0, b1, ins);
            p.assert_consistent();
        }
    }
}

mod editor {
    use super::text_strategy;
    use crate::text::{EditAction as A, Editor, Motion as M, Pos, clean};
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[derive(Debug, Clone)]
    enum Op {
        Insert(String),
        Newline,
        Backspace,
        Delete,
        Left,
        Right,
        /// Motions the model does not predict: it takes the caret over.
        Other(M),
        ReplaceAll(String),
        Resize(usize),
        /// Tidies the text, keeping the changes whose bit is set (cycling).
        Tidy(u8),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => text_strategy(4).prop_map(Op::Insert),
            1 => "[\\r\\n\\t\\x1b\\u{202e}a中]{0,4}".prop_map(Op::Insert),
            1 => Just(Op::Newline),
            2 => Just(Op::Backspace),
            1 => Just(Op::Delete),
            2 => Just(Op::Left),
            1 => Just(Op::Right),
            2 => prop::sample::select(vec![
                M::Up, M::Down, M::RowStart, M::RowEnd, M::DocStart, M::DocEnd,
                M::PageUp, M::PageDown, M::WordLeft, M::WordRight,
            ]).prop_map(Op::Other),
            1 => text_strategy(3).prop_map(Op::ReplaceAll),
            1 => (2usize..40).prop_map(Op::Resize),
            1 => any::<u8>().prop_map(Op::Tidy),
        ]
    }

    /// The caret as a byte offset in the paragraphs joined by `\n`.
    fn caret_byte(e: &Editor) -> usize {
        let c = e.caret();
        let before: usize = (0..c.paragraph).map(|i| e.paragraph(i).len() + 1).sum();
        let para = e.paragraph(c.paragraph);
        before
            + para
                .grapheme_indices(true)
                .nth(c.grapheme)
                .map_or(para.len(), |(i, _)| i)
    }

    fn boundaries(s: &str) -> Vec<usize> {
        let mut v: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
        v.push(s.len());
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

        #[test]
        fn edits_match_a_string_model_and_undo_restores(
            start in text_strategy(40),
            width in 2usize..40,
            ops in prop::collection::vec(op(), 1..40),
        ) {
            let original = clean(&start);
            let mut e = Editor::new([start.as_str()]);
            e.scroll_to_caret(width, 5);
            let mut model = original.clone();
            let mut caret = 0usize;
            for op in ops {
                match op {
                    Op::Insert(t) => {
                        let t = clean(&t);
                        e.apply(A::Insert(t.clone()));
                        model.insert_str(caret, &t);
                        // The caret lands after the text, rounded up to a grapheme boundary.
                        let end = caret + t.len();
                        caret = *boundaries(&model).iter().find(|&&b| b >= end).unwrap();
                    }
                    Op::Newline => {
                        e.apply(A::Newline);
                        model.insert(caret, '\n');
                        caret += 1;
                    }
                    Op::Backspace => {
                        e.apply(A::Backspace);
                        if let Some(&b) = boundaries(&model).iter().rev().find(|&&b| b < caret) {
                            model.replace_range(b..caret, "");
                            caret = b;
                        }
                    }
                    Op::Delete => {
                        e.apply(A::Delete);
                        if let Some(&b) = boundaries(&model).iter().find(|&&b| b > caret) {
                            model.replace_range(caret..b, "");
                        }
                    }
                    Op::Left => {
                        e.apply(A::Move(M::Left));
                        caret = boundaries(&model).into_iter().rev().find(|&b| b < caret).unwrap_or(0);
                    }
                    Op::Right => {
                        e.apply(A::Move(M::Right));
                        caret = boundaries(&model).into_iter().find(|&b| b > caret).unwrap_or(caret);
                    }
                    Op::Other(m) => {
                        e.apply(A::Move(m));
                        caret = caret_byte(&e);
                        prop_assert!(boundaries(&model).contains(&caret));
                    }
                    Op::ReplaceAll(q) => {
                        let q = clean(&q);
                        e.apply(A::Find(q.clone()));
                        let n = e.find_matches().len();
                        e.apply(A::ReplaceAll("替".into()));
                        e.apply(A::ClearFind);
                        if n > 0 {
                            model = e.paragraphs().join("\n");
                        }
                        caret = caret_byte(&e);
                    }
                    Op::Resize(w) => {
                        e.scroll_to_caret(w, 5);
                    }
                    Op::Tidy(mask) => {
                        let tidied = crate::text::tidy::tidy(&e.text());
                        let kept: Vec<_> = tidied
                            .changes
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| mask & (1 << (i % 8)) != 0)
                            .map(|(_, c)| c.clone())
                            .collect();
                        let splices = kept
                            .iter()
                            .map(|c| crate::text::Splice {
                                range: c.range.clone(),
                                text: c.replacement.clone(),
                            })
                            .collect();
                        e.apply(A::Splice(splices));
                        model = crate::text::tidy::apply(&model, &kept);
                        caret = caret_byte(&e);
                    }
                }
                // A deletion can join a combining mark to the grapheme before
                // the caret: the caret then moves past the joined grapheme.
                caret = *boundaries(&model).iter().find(|&&b| b >= caret).unwrap();
                e.scroll_to_caret(e.width(), 5);
                prop_assert_eq!(e.paragraphs().join("\n"), model.clone());
                prop_assert_eq!(caret_byte(&e), caret);
                let (x, _) = e.caret_screen().expect("caret visible after scroll_to_caret");
                prop_assert!(x < e.width(), "caret column {} outside width {}", x, e.width());
            }
            while e.can_undo() {
                e.apply(A::Undo);
            }
            prop_assert_eq!(e.paragraphs().join("\n"), original);
        }

        #[test]
        fn caret_maps_to_screen_and_back(text in text_strategy(120), width in 2usize..40) {
            let mut e = Editor::new(text.split('\n'));
            e.scroll_to_caret(width, 5);
            for para in 0..e.paragraph_count() {
                let mut last = (0, 0);
                for g in 0..=e.paragraph_len(para) {
                    let pos = Pos::new(para, g);
                    let (r, c) = e.row_col(pos);
                    prop_assert!(c < width, "column {} at width {}", c, width);
                    prop_assert!((r, c) > last || g == 0, "screen order follows text order");
                    last = (r, c);
                    prop_assert_eq!(e.pos_at(para, r, c), pos);
                }
            }
        }
    }
}
