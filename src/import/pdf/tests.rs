use super::document::list_widths;
use super::glyphs::{Glyph, Line, Page, set};
use super::*;
use pdf_extract::{Document, Object};

fn glyphs(line: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
    let mut at = x;
    line.chars()
        .map(|c| {
            let advance = if c.is_ascii() { size / 2.0 } else { size };
            let g = Glyph {
                x: at,
                y,
                size,
                advance,
                text: c.to_string(),
            };
            at += advance;
            g
        })
        .collect()
}

fn page(lines: &[(&str, f64, f64)]) -> Page {
    Page {
        height: 842.0,
        glyphs: lines
            .iter()
            .rev()
            .flat_map(|(t, x, y)| glyphs(t, *x, *y, 16.0))
            .collect(),
    }
}

#[test]
fn lines_are_read_top_down_left_to_right_with_indents() {
    let p = page(&[
        ("县文明办开展志愿服务活动", 200.0, 700.0),
        ("3月5日，县文明办组织志愿者走进社区。", 112.0, 670.0),
        ("活动受到群众好评。", 80.0, 645.0),
    ]);
    let t = layout(&[p]);
    let lines: Vec<&str> = t.text.lines().collect();
    assert_eq!(lines[0].trim_start(), "县文明办开展志愿服务活动");
    assert!(lines[0].starts_with(&" ".repeat(14)), "{:?}", lines[0]);
    assert_eq!(lines[1], "    3月5日，县文明办组织志愿者走进社区。");
    assert_eq!(lines[2], "活动受到群众好评。");
}

#[test]
fn headers_footers_and_page_numbers_go_by_position() {
    let pages: Vec<Page> = (1..=3)
        .map(|n| {
            page(&[
                ("文明创建简报（第3期）", 80.0, 800.0),
                (&format!("{}。", "正文".repeat(n)), 80.0, 700.0),
                (&format!("— {n} —"), 280.0, 60.0),
            ])
        })
        .collect();
    let t = layout(&pages);
    assert_eq!(t.text, "正文。\n\u{c}正文正文。\n\u{c}正文正文正文。\n");
    assert_eq!((t.headers, t.page_numbers), (3, 3));
    // A masthead on the first page only is kept, even at the top.
    let first = page(&[("文明创建简报", 200.0, 790.0), ("正文。", 80.0, 700.0)]);
    let t = layout(&[first]);
    assert!(t.text.contains("文明创建简报"), "{}", t.text);
}

#[test]
fn a_paragraph_is_read_from_where_its_lines_end() {
    // Justified lines end at the measure (x = 528): those with digits
    // hold fewer characters but fill it too.
    let mut lines = vec![
        ("全县召开推进会", 240.0, 760.0),
        (
            "3月22日，全市春季农业生产工作会议召开。会议分析了",
            112.0,
            730.0,
        ),
        (
            "当前农业生产形势，安排部署了春耕备播、小麦春季管理和",
            80.0,
            700.0,
        ),
        ("动物防疫等重点工作。", 80.0, 670.0),
        (
            "会议要求，各乡镇要抓好小麦春季田间管理，确保全市",
            112.0,
            640.0,
        ),
        (
            "80万亩小麦稳产增产，抓好春播备耕，提前调运种子、化肥",
            80.0,
            610.0,
        ),
        ("等农资。", 80.0, 580.0),
    ];
    let mut p = Page {
        height: 842.0,
        glyphs: Vec::new(),
    };
    for (t, x, y) in lines.drain(..) {
        let mut g = glyphs(t, x, y, 16.0);
        // Justify the full lines to x = 528.
        let end = g.last().map(|g| g.x + g.advance).unwrap_or(0.0);
        if end > 440.0 && !t.ends_with('。') || t.starts_with("3月") || t.starts_with("会议要求")
        {
            let extra = (528.0 - end) / (g.len() - 1) as f64;
            for (k, x) in g.iter_mut().enumerate() {
                x.x += extra * k as f64;
            }
        }
        p.glyphs.extend(g);
    }
    let t = layout(&[p]);
    let lines: Vec<&str> = t.text.lines().collect();
    assert_eq!(
        lines,
        [
            "                    全县召开推进会",
            "    3月22日，全市春季农业生产工作会议召开。会议分析了当前农业生产形势，安排部署了春耕备播、小麦春季管理和动物防疫等重点工作。",
            "    会议要求，各乡镇要抓好小麦春季田间管理，确保全市80万亩小麦稳产增产，抓好春播备耕，提前调运种子、化肥等农资。",
        ]
    );
}

#[test]
fn gaps_become_spaces_where_they_are_spaces() {
    let mut l = Line {
        y: 0.0,
        size: 16.0,
        glyphs: glyphs("周口市文明办", 80.0, 0.0, 16.0),
    };
    l.glyphs.extend(glyphs("2023年11月23日", 380.0, 0.0, 16.0));
    let s = set(&l, 8.0);
    assert!(
        s.starts_with("周口市文明办 ") && s.ends_with(" 2023年11月23日"),
        "{s}"
    );
    assert!(s.contains("     "), "{s}");
    // Justified Chinese: a little extra space between characters is none.
    let mut g = glyphs("推进创建工作", 80.0, 0.0, 16.0);
    for (k, x) in g.iter_mut().enumerate() {
        x.x += k as f64 * 2.0;
    }
    let l = Line {
        y: 0.0,
        size: 16.0,
        glyphs: g,
    };
    assert_eq!(set(&l, 8.0), "推进创建工作");
    let l = Line {
        y: 0.0,
        size: 16.0,
        glyphs: [
            glyphs("word", 80.0, 0.0, 16.0),
            glyphs("export", 120.0, 0.0, 16.0),
        ]
        .concat(),
    };
    assert_eq!(set(&l, 8.0), "word export");
}

#[test]
fn cid_widths_given_as_ranges_are_listed() {
    let mut doc = Document::with_version("1.7");
    let font = |w: Vec<Object>| {
        let mut d = pdf_extract::Dictionary::new();
        d.set("Type", Object::Name(b"Font".to_vec()));
        d.set("Subtype", Object::Name(b"CIDFontType0".to_vec()));
        d.set("W", Object::Array(w));
        d
    };
    let int = Object::Integer;
    let ranged = doc.add_object(font(vec![
        int(0),
        int(2),
        int(1000),
        int(3),
        Object::Array(vec![int(500), int(600)]),
        int(5),
        int(5),
        Object::Real(250.0),
    ]));
    // A /W that ends in the middle of an entry is left alone.
    let broken = doc.add_object(font(vec![int(0), int(2)]));
    list_widths(&mut doc);
    let w = |id| doc.get_dictionary(id).unwrap().get(b"W").unwrap().clone();
    let real = |v: f32| Object::Real(v);
    assert_eq!(
        w(ranged),
        Object::Array(vec![
            int(0),
            Object::Array(vec![real(1000.0); 3]),
            int(3),
            Object::Array(vec![int(500), int(600)]),
            int(5),
            Object::Array(vec![real(250.0)]),
        ])
    );
    assert_eq!(w(broken), Object::Array(vec![int(0), int(2)]));
}

#[test]
fn what_is_not_a_pdf_or_has_no_text_is_said() {
    assert!(matches!(
        read(b"%PDF-1.4\nnot really"),
        Err(PdfError::Broken(_))
    ));
    assert!(matches!(read(b""), Err(PdfError::Broken(_))));
}
