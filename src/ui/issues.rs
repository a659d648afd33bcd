//! The issue list pane: newest first, with 第N期, date, status and counts.

use super::theme::Theme;
use super::{fit, width};
use super::{hint, pane};
use crate::app::{App, Focus};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let focused = app.focus == Focus::Issues;
    let inner = pane(frame, theme, area, lang.t(Msg::PaneIssues), focused);
    let ids = app.issue_ids();
    if ids.is_empty() {
        hint(frame, theme, inner, lang.t(Msg::EmptyLibrary));
        return;
    }
    let w = inner.width as usize;
    let open = app.doc.as_ref().map(|d| d.id);
    let rows: Vec<Line> = ids
        .iter()
        .enumerate()
        .skip(app.list_scroll)
        .take(inner.height as usize)
        .map(|(i, id)| {
            let issue = app.lib.get(id).expect("listed issue exists");
            let number = lang.issue_number(issue.number, None, issue.supplement);
            let marker = if Some(*id) == open { "▸" } else { " " };
            let mut text = format!("{marker}{number} {}", issue.date.format("%Y-%m-%d"));
            let extra = format!(
                "  {}  {}  {}",
                lang.status(issue.status),
                lang.fmt(Msg::Articles, &[&issue.article_count()]),
                lang.fmt(Msg::Chars, &[&issue.char_count()])
            );
            if width(&text) + width(&extra) <= w {
                text.push_str(&extra);
            } else if width(&text) + 2 + width(lang.status(issue.status)) <= w {
                text.push_str("  ");
                text.push_str(lang.status(issue.status));
            }
            let text = fit(&text, w);
            let pad = w.saturating_sub(width(&text));
            let line = Line::from(text + &" ".repeat(pad));
            theme.row(line, i == app.list_selected, focused)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
