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
    "中", "文", "简", "报", "工", "作", "a", "b", "Z", "x", "1", "2", "0", " ", " ", "😀",
    "👩\u{200d}💻", "👍🏽", "e\u{301}", "\u{301}", "，", "。", "、", "；", "：", "？", "！", "…",
    "”", "’", "）", "》", "】", "」", "“", "‘", "（", "《", "【", "「", "—", ".", ",", "-", "(",
    ")", "%", "\u{a0}", "２", "\u{3000}",
];

pub(crate) fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

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
}

#[test]
fn incremental_rewrap_in_a_long_paragraph() {
    // Long enough for many chunks at every width; edits near chunk edges.
    let base = "为深入贯彻落实党的二十大精神，进一步推进“文明城市”创建工作（2023年）。Rust is fine… ".repeat(40);
    for width in [2, 3, 7, 20, 41] {
        let mut p = Para::new(&base, Geometry::new(width, 4));
        for (i, ins) in ["。", "", "abc", "“", "，，", "e\u{301}"].iter().enumerate() {
            let g = (i * 397) % p.len();
            let (b0, b1) = (p.byte_of(g), p.byte_of(g + i % 3));
            p.replace(b0, b1, ins);
            p.assert_consistent();
        }
    }
}
