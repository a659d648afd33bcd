//! The print preview overlay: the page rows of [`crate::export::page`],
//! styled by what they set, the open article marked in the left margin.

use super::theme::Theme;
use super::{fit, width};
use crate::app::App;
use crate::app::preview::{Preview, areas};
use crate::export::layout::LineKind;
use crate::export::page::Row;
use crate::i18n::Msg;
use ratatui::Frame;
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

fn row_line<'a>(theme: &Theme, row: &'a Row, page_width: usize) -> Line<'a> {
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
        spans.push(Span::styled(bold, theme.title));
    }
    spans.push(Span::styled(rest, base));
    if !row.right.is_empty() {
        spans.push(Span::raw(" ".repeat(row.gap)));
        spans.push(Span::styled(row.right.as_str(), base));
    }
    Line::from(spans)
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
    let position = lang.fmt(
        Msg::PreviewPosition,
        &[
            &(p.scroll + usize::from(shown > 0)),
            &(p.scroll + shown),
            &p.rows.len(),
        ],
    );
    let hint = lang.t(Msg::PreviewHint);
    let room = (area.width as usize).saturating_sub(4);
    let bottom = if width(hint) + width(&position) + 4 <= room {
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
    let lines: Vec<Line> = p
        .visible()
        .iter()
        .map(|r| row_line(theme, r, page.width as usize))
        .collect();
    frame.render_widget(Paragraph::new(lines), page);
    // The article being edited, marked in the margin.
    if page.x >= 1 {
        let marks: Vec<Line> = p
            .visible()
            .iter()
            .map(|r| match (r.article, r.kind) {
                (Some(a), kind) if Some(a) == p.focus && kind != LineKind::ContentsEntry => {
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
