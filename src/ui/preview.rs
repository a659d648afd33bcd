//! The print preview overlay: the pages (or rows) of
//! [`crate::app::preview::Preview`], styled by what they set, page numbers
//! under the pages and a dashed line between them, the open article marked
//! in the left margin.

use super::Frame;
use super::theme::Theme;
use super::{fit, width};
use crate::app::App;
use crate::app::preview::{Preview, Shown, areas};
use crate::export::labels;
use crate::export::layout::LineKind;
use crate::export::page::Row;
use crate::i18n::Msg;
use crate::text::{NO_ROW_END, grapheme_width, graphemes, print_width};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Drawn in the margin beside the rows of the article being edited.
const MARK: &str = "▌";

fn style(theme: &Theme, kind: LineKind) -> Style {
    match kind {
        LineKind::BulletinName | LineKind::MastheadRule => theme.section,
        LineKind::ContentsHeading | LineKind::ContentsSection | LineKind::Section => theme.heading,
        LineKind::Title => theme.title,
        _ => Style::default(),
    }
}

/// Text set on the printed page's columns, for the screen: punctuation a
/// terminal shows narrow but print sets full-width (“ ” … —) gets a blank
/// beside it (before an opening mark, after the others), so the rows line
/// up as printed.
fn as_printed(text: &str, paged: bool) -> String {
    if !paged {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for g in graphemes(text) {
        if print_width(g) > grapheme_width(g) {
            if g.chars().next().is_some_and(|c| NO_ROW_END.contains(c)) {
                out.push(' ');
                out.push_str(g);
            } else {
                out.push_str(g);
                out.push(' ');
            }
        } else {
            out.push_str(g);
        }
    }
    out
}

fn row_line(theme: &Theme, row: &Row, page_width: usize, paged: bool) -> Line<'static> {
    let base = style(theme, row.kind);
    if let LineKind::MastheadRule | LineKind::ClosingRule { heavy: true } = row.kind {
        return Line::styled("━".repeat(page_width), base);
    }
    if row.is_rule() {
        return Line::styled("─".repeat(page_width), base);
    }
    let (bold, rest) = row.text.split_at(row.bold);
    let mut spans = vec![Span::raw(" ".repeat(row.lead))];
    if !bold.is_empty() {
        spans.push(Span::styled(as_printed(bold, paged), theme.title));
    }
    spans.push(Span::styled(as_printed(rest, paged), base));
    if !row.right.is_empty() {
        spans.push(Span::raw(" ".repeat(row.gap)));
        spans.push(Span::styled(as_printed(&row.right, paged), base));
    }
    Line::from(spans)
}

fn shown_line(theme: &Theme, shown: &Shown, page_width: usize, paged: bool) -> Line<'static> {
    match shown {
        Shown::Row(row) => row_line(theme, row, page_width, paged),
        Shown::Space => Line::default(),
        // — N — on the outer side, one character in.
        Shown::Number(n) => {
            let text = labels::page_number(*n as u32);
            let lead = if n % 2 == 1 {
                page_width.saturating_sub(width(&text) + 2)
            } else {
                2
            };
            Line::styled(format!("{}{text}", " ".repeat(lead)), theme.dim)
        }
        Shown::Break => Line::styled("┄".repeat(page_width), theme.dim),
    }
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, p: &Preview) {
    let lang = app.lang;
    let (area, page) = areas(frame.area().width, frame.area().height);
    frame.render_widget(Clear, area);
    let title = match &app.doc {
        Some(d) => format!(
            " {}　{}　{} ",
            lang.t(Msg::PreviewTitle),
            d.issue.bulletin,
            lang.issue_number(d.issue.number, d.issue.total, d.issue.supplement)
        ),
        None => format!(" {} ", lang.t(Msg::PreviewTitle)),
    };
    let shown = p.visible().len();
    let position = if p.paged() {
        lang.fmt(Msg::PreviewPage, &[&p.page(), &p.pages])
    } else {
        let rows = lang.fmt(
            Msg::PreviewPosition,
            &[
                &(p.scroll + usize::from(shown > 0)),
                &(p.scroll + shown),
                &p.rows.len(),
            ],
        );
        format!("{rows}　{}", lang.t(Msg::PreviewNarrow))
    };
    let hint = app.hint(Msg::PreviewHint, &[]);
    let room = (area.width as usize).saturating_sub(4);
    let bottom = if width(&hint) + width(&position) + 4 <= room {
        format!(" {hint}　{position} ")
    } else {
        fit(&format!(" {position} "), room)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(fit(&title, room), theme.title))
        .title_bottom(Span::styled(bottom, theme.dim));
    frame.render_widget(block, area);
    // The printed page is centred in the window.
    let page = if p.paged() {
        let w = (p.width as u16).min(page.width);
        Rect {
            x: page.x + (page.width - w) / 2,
            width: w,
            ..page
        }
    } else {
        page
    };
    let lines: Vec<Line> = p
        .visible()
        .iter()
        .map(|r| shown_line(theme, r, page.width as usize, p.paged()))
        .collect();
    frame.render_widget(Paragraph::new(lines), page);
    // The article being edited, marked in the margin.
    if page.x >= 1 {
        let marks: Vec<Line> = p
            .visible()
            .iter()
            .map(|r| match r.row().map(|r| (r.article, r.kind)) {
                Some((Some(a), kind)) if Some(a) == p.focus && kind != LineKind::ContentsEntry => {
                    Line::styled(MARK, theme.key)
                }
                _ => Line::default(),
            })
            .collect();
        let margin = Rect {
            x: page.x - 1,
            width: 1,
            ..page
        };
        frame.render_widget(Paragraph::new(marks), margin);
    }
}
