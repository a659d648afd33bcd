//! How the print layout ([`super::layout`]) falls into pages of the Word
//! export, estimated on its grid: every line of body text is one grid line
//! of `chars_per_line` characters, wrapped by the Chinese line-breaking
//! rules of [`crate::text::wrap`] (the same as the print preview's
//! [`super::page::rows`]), titles at their own size, empty lines as space
//! that the top of a page drops, headings kept with what follows, no single
//! line of a paragraph alone at the foot or head of a page.
//!
//! The Word export uses it for what it must decide before a word processor
//! lays the pages out: the page numbers shown in 本期要目 until the fields
//! are updated, and whether the closing block (版记) has room on the last
//! page. Characters that print full-width in the Chinese font although
//! terminals count them narrow (“” ‘’ … —) are counted full-width here.

use super::docx::{CLOSING_RULE_LINE, Geometry, name_size, rule_weight};
use super::layout::{ArticleRef, Line, LineKind};
use crate::model::{FontSize, PrintSettings};
use crate::text::wrap;
use std::collections::HashMap;
use std::ops::Range;

/// How a 本期要目 entry is set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// The title's rows, as byte ranges of the line's text.
    pub rows: Vec<Range<usize>>,
    /// Twentieths of a point taken off each character's advance so a title
    /// a little too long still fits one row.
    pub condense: i32,
    /// The page the article starts on, when 本期要目 shows page numbers.
    pub page: Option<usize>,
}

/// The estimate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flow {
    /// Pages the issue takes (the 版记 included).
    pub pages: usize,
    /// Whether the closing block fits under the last text on its page.
    pub closing_fits: bool,
    /// Twips between the last text (or the top of the page when the block
    /// does not fit) and the closing block, so it ends at the foot.
    pub closing_space: i32,
    /// Grid lines (twips) the text takes on the last page, the 版记 not
    /// counted.
    pub last_page_used: i32,
    /// The page each article starts on.
    pub article_pages: HashMap<ArticleRef, usize>,
    entries: HashMap<ArticleRef, Entry>,
}

impl Flow {
    /// How the contents entry `line` is set.
    pub fn entry(&self, line: &Line) -> Entry {
        line.article
            .and_then(|at| self.entries.get(&at).cloned())
            .unwrap_or_else(|| Entry {
                rows: whole(&line.text),
                ..Entry::default()
            })
    }
}

/// One row holding all of `text`.
fn whole(text: &str) -> Vec<Range<usize>> {
    std::iter::once(0..text.len()).collect()
}

/// Full-width stand-ins, of the same UTF-8 length and line-breaking class,
/// for characters the Chinese font sets full-width but terminals count
/// narrow; the wrap of the substituted text is the print's.
fn print_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '“' => '「',
            '”' => '」',
            '‘' => '『',
            '’' => '』',
            '…' | '‥' => '〜',
            '—' | '―' => '一',
            c => c,
        })
        .collect()
}

/// Printed width of `text` in columns (a full-width character two).
pub fn print_width(text: &str) -> usize {
    wrap(&print_text(text), usize::MAX / 4, 0)
        .iter()
        .map(|r| r.width)
        .sum()
}

/// `text` in rows of `cols` columns, the first `indent` columns narrower.
pub fn print_rows(text: &str, cols: usize, indent: usize) -> Vec<Range<usize>> {
    wrap(&print_text(text), cols, indent)
        .into_iter()
        .map(|r| r.start..r.end)
        .collect()
}

/// Columns of a row of type `size` across `width` twips.
fn cols_of(width: i32, size: FontSize) -> usize {
    2 * (width.max(0) as usize / (size.half_points() as usize * 10).max(1))
}

/// One paragraph of the Word file as the estimate sees it.
#[derive(Debug, Clone)]
struct Item {
    /// Space before (dropped at the top of a page).
    before: i32,
    rows: usize,
    row: i32,
    keep_next: bool,
    /// May be split between pages (body text, at least two rows each side).
    split: bool,
    /// Starts an article.
    starts: Option<ArticleRef>,
}

/// Body characters a contents entry leaves for the page number: a dot of
/// leader and two digits.
const NUMBER_CHARS: usize = 3;

/// The estimate for `lines` set with `s` on the page `g`.
pub fn flow(lines: &[Line], s: &PrintSettings, g: &Geometry) -> Flow {
    let with = estimate(lines, s, g, true);
    // Page numbers in 本期要目 only help when the issue has more pages.
    if with.pages > 1 {
        with
    } else {
        estimate(lines, s, g, false)
    }
}

fn estimate(lines: &[Line], s: &PrintSettings, g: &Geometry, numbers: bool) -> Flow {
    let body_cols = 2 * s.chars_per_line as usize;
    let pitch = g.line_pitch;
    let mut entries = HashMap::new();
    let mut items: Vec<Item> = Vec::new();
    let mut blank = 0;
    let mut closing: Vec<&Line> = Vec::new();
    let mut seen: Option<ArticleRef> = None;
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let mut item = Item {
            before: blank * pitch,
            rows: 1,
            row: pitch,
            keep_next: false,
            split: false,
            starts: None,
        };
        match l.kind {
            LineKind::Blank => {
                blank += 1;
                i += 1;
                continue;
            }
            LineKind::ClosingRule { .. } | LineKind::Distribution { .. } | LineKind::Staff => {
                closing.push(l);
                i += 1;
                continue;
            }
            LineKind::BulletinName => {
                item.row = g.lines_for(name_size(s, g, &l.text));
            }
            LineKind::MastheadRule => item.row = g.masthead_rule(),
            LineKind::Number | LineKind::IssuerDate => {}
            LineKind::Mark => item.keep_next = true,
            LineKind::ContentsHeading | LineKind::ContentsSection | LineKind::Section => {
                item.keep_next = true;
            }
            LineKind::ContentsEntry => {
                let entry = contents_entry(&l.text, body_cols, numbers, g, s);
                item.rows = entry.rows.len();
                if let Some(at) = l.article {
                    entries.insert(at, entry);
                }
            }
            LineKind::Title => {
                let cols = cols_of(g.text_width, s.title_size);
                item.rows = print_rows(&l.text, cols, 0).len();
                while let Some(next) = lines.get(i + 1)
                    && next.kind == LineKind::Title
                    && next.article == l.article
                {
                    item.rows += print_rows(&next.text, cols, 0).len();
                    i += 1;
                }
                item.keep_next = true;
            }
            LineKind::Source => item.keep_next = true,
            LineKind::Paragraph | LineKind::BriefParagraph { .. } => {
                item.rows = print_rows(&l.text, body_cols, 4).len();
                item.split = true;
            }
        }
        if let Some(at) = l.article
            && l.kind != LineKind::ContentsEntry
            && seen != Some(at)
        {
            seen = Some(at);
            item.starts = Some(at);
        }
        blank = 0;
        items.push(item);
        i += 1;
    }
    // LibreOffice fills a page of the grid with at most its lines; Word
    // has the few twips the rounded-down pitch leaves over to spare.
    let height = s.lines_per_page as i32 * pitch;
    let (pages, used, article_pages) = paginate(&items, height);
    let closing_height = closing_height(&closing, s, g);
    let closing_fits = closing.is_empty() || used + closing_height <= height;
    let closing_space = if closing_fits {
        height - used - closing_height
    } else {
        height - closing_height
    }
    .max(0);
    if numbers {
        for (at, entry) in entries.iter_mut() {
            entry.page = article_pages.get(at).copied();
        }
    }
    Flow {
        pages: pages + usize::from(!closing_fits),
        closing_fits,
        closing_space,
        last_page_used: used,
        article_pages,
        entries,
    }
}

/// A contents entry in rows of the body grid: two characters in, room for
/// the page number on the last row. Up to a tenth too long it is condensed
/// onto one row; longer, it is broken into rows of even length (so no row
/// holds a lone character), the rows after the first two characters further
/// in.
fn contents_entry(
    text: &str,
    body_cols: usize,
    numbers: bool,
    g: &Geometry,
    s: &PrintSettings,
) -> Entry {
    let reserve = if numbers { 2 * NUMBER_CHARS } else { 0 };
    let room = body_cols.saturating_sub(4 + reserve).max(4);
    let width = print_width(text);
    if width <= room {
        return Entry {
            rows: whole(text),
            ..Entry::default()
        };
    }
    if width * 10 <= room * 11 {
        let chars = text.chars().count().max(1) as f64;
        let over = (width - room) as f64 * g.char_pitch / 2.0;
        let body_advance = s.body_size.points() * 20.0;
        // Never more than a fifth of a character.
        let condense = ((over / chars).ceil() as i32).min((body_advance / 5.0) as i32);
        return Entry {
            rows: whole(text),
            condense,
            page: None,
        };
    }
    let cols = room.saturating_sub(4).max(4);
    let mut rows = print_rows(text, cols, 0);
    let n = rows.len();
    // Even the rows out: the narrowest width that still needs n rows.
    let mut target = width.div_ceil(n);
    while target < cols {
        let even = print_rows(text, target, 0);
        if even.len() == n {
            rows = even;
            break;
        }
        target += 1;
    }
    Entry {
        rows,
        ..Entry::default()
    }
}

/// Twips the closing block takes: its rows at the closing size, with its
/// rules.
fn closing_height(closing: &[&Line], s: &PrintSettings, g: &Geometry) -> i32 {
    let size = s.closing_size;
    let side = 2 * size.half_points() as i32 * 10;
    let cols = cols_of(g.text_width - side, size);
    let rows: usize = closing
        .iter()
        .map(|l| match l.kind {
            LineKind::Distribution { label_len } => {
                let label = 2 * l.text[..label_len.min(l.text.len())].chars().count();
                print_rows(
                    &l.text[label_len.min(l.text.len())..],
                    cols.saturating_sub(label),
                    0,
                )
                .len()
            }
            LineKind::Staff => {
                let both = print_width(&l.text) + 4 + print_width(&l.right);
                if both <= cols { 1 } else { 2 }
            }
            _ => 0,
        })
        .sum();
    // A rule is the bottom border of a line of its own, drawn below the
    // line: its weight (eighths of a point) adds to the height.
    let rules: i32 = closing
        .iter()
        .map(|l| match l.kind {
            LineKind::ClosingRule { heavy } => {
                CLOSING_RULE_LINE + (rule_weight(heavy) * 20).div_ceil(8) as i32
            }
            _ => 0,
        })
        .sum();
    rows as i32 * g.line_pitch + rules
}

/// Lays `items` into pages of `height` twips: the pages used, the twips
/// used on the last one, and the page each article starts on.
fn paginate(items: &[Item], height: i32) -> (usize, i32, HashMap<ArticleRef, usize>) {
    let mut page = 1;
    let mut y = 0;
    let mut starts = HashMap::new();
    for (k, item) in items.iter().enumerate() {
        // A heading goes with what follows: it and every kept paragraph
        // after it, and the first two rows of the next.
        if y > 0 && item.keep_next {
            let mut need = item.before + item.rows as i32 * item.row;
            let mut j = k + 1;
            while let Some(next) = items.get(j) {
                let rows = if next.keep_next {
                    next.rows
                } else if next.split {
                    next.rows.min(2)
                } else {
                    next.rows
                };
                need += next.before + rows as i32 * next.row;
                if !next.keep_next {
                    break;
                }
                j += 1;
            }
            if y + need > height && need <= height {
                page += 1;
                y = 0;
            }
        }
        let before = if y == 0 { 0 } else { item.before };
        let whole = before + item.rows as i32 * item.row;
        if y > 0 && y + whole > height {
            let fit = ((height - y - before) / item.row).max(0) as usize;
            if item.split && item.rows >= 4 && fit >= 2 {
                // Split, leaving at least two rows on each page.
                let first = fit.min(item.rows - 2);
                if let Some(at) = item.starts {
                    starts.insert(at, page);
                }
                let mut rest = item.rows - first;
                page += 1;
                let per_page = (height / item.row).max(1) as usize;
                while rest > per_page {
                    rest -= per_page;
                    page += 1;
                }
                y = rest as i32 * item.row;
                continue;
            }
            page += 1;
            y = 0;
        }
        if let Some(at) = item.starts {
            starts.insert(at, page);
        }
        let before = if y == 0 { 0 } else { item.before };
        y += before + item.rows as i32 * item.row;
        while y > height {
            y -= height;
            page += 1;
        }
    }
    (page, y, starts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::layout::layout;
    use crate::model::{Article, ArticleKind, Closing, Issue, Section};
    use crate::store::{SAMPLE_ISSUE, codec};

    fn sample() -> Issue {
        codec::decode_issue(SAMPLE_ISSUE).unwrap()
    }

    /// `n` paragraphs of one full line each, with the sample's closing
    /// block or none.
    fn grid(n: usize, closing: bool) -> Issue {
        let mut issue = sample();
        issue.sections = vec![Section {
            title: "工作动态".into(),
            articles: vec![Article {
                title: vec!["网格测试".into()],
                kind: ArticleKind::Feature,
                source: None,
                paragraphs: (0..n).map(|_| "文".repeat(26)).collect(),
                submission: None,
            }],
        }];
        if !closing {
            issue.closing = Closing::default();
        }
        issue
    }

    fn estimate(issue: &Issue, contents: bool) -> Flow {
        let s = PrintSettings {
            contents,
            ..PrintSettings::default()
        };
        flow(&layout(issue, contents), &s, &Geometry::new(&s))
    }

    #[test]
    fn pages_fill_with_grid_lines() {
        // Masthead, heading and title leave 12 lines on the first page.
        assert_eq!(estimate(&grid(56, false), false).pages, 3);
        assert_eq!(estimate(&grid(57, false), false).pages, 4);
        let f = estimate(&grid(57, false), false);
        assert_eq!(f.last_page_used, 579);
    }

    #[test]
    fn the_closing_block_takes_the_room_left_or_a_page_of_its_own() {
        // 16 lines on the third page leave 6 lines: enough for the block's
        // four lines and rules; 18 leave 4: not enough.
        let roomy = estimate(&grid(50, true), false);
        assert!(roomy.closing_fits);
        assert_eq!(roomy.pages, 3);
        // Rules: lines of 40 twips, plus the border (1 pt heavy, ¾ pt light).
        let block = 4 * 579 + 3 * 40 + 20 + 15 + 20;
        assert_eq!(roomy.closing_space, 22 * 579 - 16 * 579 - block);
        let full = estimate(&grid(52, true), false);
        assert!(!full.closing_fits);
        assert_eq!(full.pages, 4);
        assert_eq!(full.closing_space, 22 * 579 - block);
    }

    #[test]
    fn the_sample_starts_its_articles_where_libreoffice_does() {
        // Pages measured in LibreOffice's PDF of the sample (docx_pdf.rs
        // checks the same against the PDF where LibreOffice is installed).
        let f = estimate(&sample(), true);
        let mut pages: Vec<(usize, usize, usize)> = f
            .article_pages
            .iter()
            .map(|(a, p)| (a.section, a.article, *p))
            .collect();
        pages.sort();
        assert_eq!(
            pages,
            [
                (0, 0, 2),
                (1, 0, 4),
                (1, 1, 6),
                (2, 0, 7),
                (2, 1, 7),
                (2, 2, 7),
                (2, 3, 8)
            ]
        );
        assert_eq!(f.pages, 8);
        assert!(f.closing_fits);
    }

    #[test]
    fn contents_entries_fit_condense_or_break_evenly() {
        let s = PrintSettings::default();
        let g = Geometry::new(&s);
        let entry = |t: &str| contents_entry(t, 56, true, &g, &s);
        // 23 characters and the page number fit.
        let fits = entry(&"文".repeat(23));
        assert_eq!((fits.rows.len(), fits.condense), (1, 0));
        // 24 are condensed by a fraction of a point a character.
        let tight = entry(&"文".repeat(24));
        assert_eq!(tight.rows.len(), 1);
        assert!((1..=32).contains(&tight.condense), "{}", tight.condense);
        // 27 break in two rows of 14 and 13, not 21 and 6 (or 26 and 1).
        let text = "文".repeat(27);
        let long = entry(&text);
        let widths: Vec<usize> = long
            .rows
            .iter()
            .map(|r| text[r.clone()].chars().count())
            .collect();
        assert_eq!(widths, [14, 13]);
        // Quotation marks print full-width: counted as such.
        assert_eq!(print_width("“文明”"), 8);
    }
}
