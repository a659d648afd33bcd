use super::*;
use crate::export::layout::{Line, LineKind, layout};
use crate::model::PrintSettings;
use crate::store::{SAMPLE_ISSUE, codec};
use crate::text::Measure;

fn line(kind: LineKind, text: &str, right: &str) -> Line {
    Line {
        kind,
        text: text.into(),
        right: right.into(),
        article: None,
    }
}

/// Rows as text: blanks for the lead and gap, `=` across for rules.
fn show(rows: &[Row], width: usize) -> Vec<String> {
    rows.iter()
        .map(|r| {
            if r.is_rule() {
                "=".repeat(width)
            } else {
                format!(
                    "{}{}{}{}",
                    " ".repeat(r.lead),
                    r.text,
                    " ".repeat(r.gap),
                    r.right
                )
            }
        })
        .collect()
}

#[test]
fn paragraphs_wrap_with_the_indent_and_the_line_breaking_rules() {
    let l = line(LineKind::Paragraph, "一二三四五六七八九十。甲乙", "");
    assert_eq!(
        show(&rows(&[l], 12), 12),
        ["    一二三四", "五六七八九", "十。甲乙"]
    );
}

#[test]
fn centred_lines_are_centred_and_spread_lines_reach_the_margins() {
    let lines = [
        line(LineKind::Title, "全市推进会召开", ""),
        line(LineKind::IssuerDate, "周口市文明办", "2023年11月23日"),
        line(LineKind::MastheadRule, "", ""),
    ];
    assert_eq!(
        show(&rows(&lines, 40), 40),
        [
            "             全市推进会召开",
            "  周口市文明办          2023年11月23日",
            &"=".repeat(40),
        ]
    );
    // Too narrow for both parts: the date goes to the right margin
    // on a row of its own.
    assert_eq!(
        show(&rows(&lines[1..2], 24), 24),
        ["  周口市文明办", "        2023年11月23日"]
    );
}

#[test]
fn staff_lines_break_between_roles() {
    let l = line(
        LineKind::Staff,
        "编辑：李明　　审核：王芳　　签发：张华",
        "共印80份",
    );
    assert_eq!(
        show(&rows(std::slice::from_ref(&l), 40), 40),
        [
            "  编辑：李明　　审核：王芳".to_string(),
            format!("  签发：张华{}共印80份", " ".repeat(18)),
        ]
    );
    assert_eq!(
        show(&rows(&[l], 20), 20),
        [
            "  编辑：李明",
            "  审核：王芳",
            "  签发：张华",
            "          共印80份"
        ]
    );
}

#[test]
fn briefs_mark_their_run_in_title_across_rows() {
    let mut l = line(
        LineKind::BriefParagraph { title_len: 0 },
        "标题很长很长。正文",
        "",
    );
    l.kind = LineKind::BriefParagraph {
        title_len: "标题很长很长。".len(),
    };
    let r = rows(&[l], 10);
    let bold: Vec<&str> = r.iter().map(|r| &r.text[..r.bold]).collect();
    assert_eq!(bold, ["标题很", "长很长。", ""]);
    assert_eq!(r[1].text, "长很长。正");
    assert_eq!(r[2].text, "文");
}

#[test]
fn distribution_rows_align_after_the_label() {
    let l = line(
        LineKind::Distribution {
            label_len: "发：".len(),
        },
        "发：各县（市、区）文明办，市文明委各成员单位",
        "",
    );
    let shown = show(&rows(&[l], 30), 30);
    assert_eq!(shown[0], "  发：各县（市、区）文明办，");
    assert!(
        shown[1..].iter().all(|s| s.starts_with("      ")),
        "{shown:?}"
    );
}

#[test]
fn the_sample_fits_every_width() {
    let issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    let lines = layout(&issue, true);
    for width in [10, 11, 17, 40, 76, 200] {
        let rows = rows(&lines, width);
        for r in &rows {
            assert!(r.width() <= width, "{width}: {r:?}");
        }
        // Every line is set, in order.
        let mut seen: Vec<usize> = rows.iter().map(|r| r.line).collect();
        seen.dedup();
        assert_eq!(seen, (0..lines.len()).collect::<Vec<_>>());
    }
}

fn settings(lines: u32, chars: u32) -> PrintSettings {
    PrintSettings {
        lines_per_page: lines,
        chars_per_line: chars,
        ..PrintSettings::default()
    }
}

fn para(text: &str) -> Line {
    line(LineKind::Paragraph, text, "")
}

/// Each page's rows as (grid line, text); rules as "=".
fn shown(pages: &[Page]) -> Vec<Vec<(usize, String)>> {
    pages
        .iter()
        .map(|p| {
            p.rows
                .iter()
                .map(|r| {
                    let t = if r.row.is_rule() {
                        "=".to_string()
                    } else {
                        r.row.text.clone()
                    };
                    (r.at, t)
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_default_grid_is_gb_t_9704() {
    let g = Grid::new(&PrintSettings::default());
    assert_eq!((g.chars, g.lines, g.columns()), (28, 22, 56));
    // 156 × 225 mm of type area.
    assert!((g.width_pt - 442.205).abs() < 0.01, "{}", g.width_pt);
    assert!((g.height_pt - 637.795).abs() < 0.01, "{}", g.height_pt);
    assert!((g.line_pt() - 28.991).abs() < 0.01);
    let body = para("正文");
    assert_eq!((g.fit(&body), g.lines_of(&body)), (56, 1));
    // 二号 titles: 20 characters a line, one grid line high.
    let title = line(LineKind::Title, "标题", "");
    assert_eq!((g.fit(&title), g.lines_of(&title)), (40, 1));
    // The 初号 name takes two lines; a long one shrinks to fit.
    let name = line(LineKind::BulletinName, "文明创建简报", "");
    assert_eq!((g.size(&name), g.lines_of(&name)), (42.0, 2));
    let long = "某某市精神文明建设委员会办公室文明创建工作简报";
    assert!(g.name_size(long) < 20.0);
    assert!(g.name_size(long) * (long.chars().count() as f64) <= g.width_pt);
    // The closing block's 四号 stays within the grid's columns.
    let closing = line(LineKind::Distribution { label_len: 6 }, "报：省", "");
    assert_eq!((g.fit(&closing), g.lines_of(&closing)), (56, 1));
    assert_eq!(g.lines_of(&line(LineKind::MastheadRule, "", "")), 0);
}

#[test]
fn print_rows_set_quotes_full_width_and_titles_on_fewer_columns() {
    let g = Grid::new(&settings(22, 10));
    let rows = print_rows(&[para("一“二三四五六七八九十")], &g);
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    // 10 characters a line, less the indent of two: “ takes a cell.
    assert_eq!(texts, ["一“二三四五六七", "八九十"]);
    assert!(rows.iter().all(|r| r.width_by(Measure::Print) <= 20));
    // 二号 on the default grid: 20 characters a row, centred in 56.
    let g = Grid::new(&PrintSettings::default());
    let title = "一二三四五六七八九十".repeat(2) + "甲乙丙丁戊";
    let rows = print_rows(&[line(LineKind::Title, &title, "")], &g);
    let shown: Vec<(usize, usize)> = rows
        .iter()
        .map(|r| (r.lead, r.text.chars().count()))
        .collect();
    assert_eq!(shown, [(8, 20), (23, 5)]);
}

#[test]
fn pages_keep_headings_with_text_and_leave_no_lone_rows() {
    let g = Grid::new(&settings(6, 5));
    let lines = [
        para("一二三四五六七八九十甲乙丙丁"), // 4 rows
        line(LineKind::Blank, "", ""),
        line(LineKind::Section, "【栏目】", ""),
        para("一二三四五六七八"), // 2 rows
    ];
    let p = pages(&lines, &g);
    // The heading would be the page's last row: it goes over with its
    // text; the blank before it is not carried to the next page's top.
    assert_eq!(
        shown(&p),
        [
            vec![
                (0, "一二三".into()),
                (1, "四五六七八".into()),
                (2, "九十甲乙丙".into()),
                (3, "丁".into()),
                (4, "".into()),
            ],
            vec![
                (0, "【栏目】".into()),
                (1, "一二三".into()),
                (2, "四五六七八".into()),
            ],
        ]
    );
    assert_eq!((p[0].number, p[1].number), (1, 2));
    assert!(p[0].is_odd() && !p[1].is_odd());
}

#[test]
fn a_paragraph_leaves_neither_its_first_nor_its_last_row_alone() {
    let g = Grid::new(&settings(4, 5));
    let four = "一二三四五六七八九十甲乙丙丁戊己"; // 4 rows
    // Three lines used: one left, and a first row may not stay alone.
    let p = pages(&[para("一二三四五六七八九十甲乙丙"), para(four)], &g);
    assert_eq!(p[0].rows.len(), 3);
    assert_eq!(p[1].rows[0].row.text, "一二三");
    // Two lines used: the next paragraph's first two rows fit, but its
    // last row would be alone on the next page: two rows go over.
    let p = pages(&[para("一二三四五六七八"), para(four)], &g);
    assert_eq!(
        shown(&p),
        [
            vec![
                (0, "一二三".into()),
                (1, "四五六七八".into()),
                (2, "一二三".into()),
                (3, "四五六七八".into()),
            ],
            vec![(0, "九十甲乙丙".into()), (1, "丁戊己".into())],
        ]
    );
}

#[test]
fn the_closing_block_sits_at_the_foot_of_the_last_page() {
    let issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    let lines = layout(&issue, true);
    let g = Grid::new(&PrintSettings::default());
    let p = pages(&lines, &g);
    let last = p.last().unwrap();
    let closing: Vec<&Placed> = last
        .rows
        .iter()
        .filter(|r| {
            matches!(
                r.row.kind,
                LineKind::ClosingRule { .. } | LineKind::Distribution { .. } | LineKind::Staff
            )
        })
        .collect();
    // Rules between lines; 报, 送, 发 and the staff line on the last four.
    let at: Vec<(usize, usize)> = closing.iter().map(|r| (r.at, r.lines)).collect();
    assert_eq!(
        at,
        [
            (18, 0),
            (18, 1),
            (19, 1),
            (20, 1),
            (21, 0),
            (21, 1),
            (22, 0)
        ]
    );
    // Everything else is above it, after a blank line at least.
    let body_end = last
        .rows
        .iter()
        .filter(|r| !closing.iter().any(|c| std::ptr::eq(*c, *r)))
        .filter(|r| r.row.kind != LineKind::Blank)
        .map(|r| r.at + r.lines)
        .max()
        .unwrap();
    assert!(body_end < 18, "{body_end}");
    // A closing block that does not fit goes to the foot of a new page.
    let short = settings(5, 28);
    let p = pages(&lines, &Grid::new(&short));
    let last = p.last().unwrap();
    assert!(last.rows.iter().all(|r| r.row.kind != LineKind::Paragraph));
}

#[test]
fn every_row_is_on_one_page_in_order_within_the_grid() {
    let issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    for (lines_per_page, chars) in [(22, 28), (3, 10), (40, 35), (1, 1)] {
        let s = settings(lines_per_page, chars);
        let g = Grid::new(&s);
        let lines = layout(&issue, true);
        let p = pages(&lines, &g);
        let rows = print_rows(&lines, &g);
        let placed: Vec<&Row> = p
            .iter()
            .flat_map(|p| p.rows.iter().map(|r| &r.row))
            .collect();
        // All rows but blank lines at the top of a page and the one
        // setting the closing block off, in order.
        let kept: Vec<&Row> = rows.iter().filter(|r| r.kind != LineKind::Blank).collect();
        let placed_text: Vec<&Row> = placed
            .iter()
            .copied()
            .filter(|r| r.kind != LineKind::Blank)
            .collect();
        assert_eq!(placed_text, kept, "{lines_per_page}×{chars}");
        for page in &p {
            let mut last = 0;
            for r in &page.rows {
                assert!(r.at >= last, "{lines_per_page}×{chars}: {r:?}");
                last = r.at + r.lines;
                // Only a row taller than the page may overflow it.
                assert!(last <= g.lines || r.lines > g.lines || r.at == 0);
            }
            assert!(
                page.rows
                    .first()
                    .is_none_or(|r| r.row.kind != LineKind::Blank)
            );
        }
    }
}
