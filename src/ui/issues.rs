//! The issue list pane: newest first, with 第N期, date, status and counts.

use super::theme::Theme;
use super::{fit, width};
use super::{hint, pane};
use crate::app::layout::issue_row_height;
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
        hint(frame, theme, inner, &app.hint(Msg::EmptyLibrary, &[]));
        return;
    }
    let w = inner.width as usize;
    let open = app.doc.as_ref().map(|d| d.id);
    // Narrow panes give each issue two lines, so the counts always show.
    let per = issue_row_height(area.width) as usize;
    let padded = |text: String| {
        let text = fit(&text, w);
        let pad = w.saturating_sub(width(&text));
        text + &" ".repeat(pad)
    };
    let rows: Vec<Line> = ids
        .iter()
        .enumerate()
        .skip(app.list_scroll)
        .take((inner.height as usize).div_ceil(per))
        .flat_map(|(i, id)| {
            let issue = app.lib.summary(id).expect("listed issue exists");
            let number = lang.issue_number(issue.number, None, issue.supplement);
            let marker = if Some(*id) == open { "▸" } else { " " };
            // A file whose name and number disagree (see `jianbao check`).
            let odd = if app.lib.entry(id).is_some_and(|e| !e.name_matches(id)) {
                "!"
            } else {
                ""
            };
            let head = format!("{marker}{odd}{number} {}", issue.date.format("%Y-%m-%d"));
            let lines = if per == 1 {
                let counts = format!(
                    "{}  {}  {}",
                    lang.status(issue.status),
                    lang.fmt(Msg::Articles, &[&issue.articles]),
                    lang.fmt(Msg::Chars, &[&issue.chars])
                );
                vec![padded(format!("{head}  {counts}"))]
            } else {
                // The narrow pane's second line, short enough for 字数.
                let status = lang.status(issue.status);
                let counts = lang.fmt(
                    Msg::ListCountsNarrow,
                    &[&status, &issue.articles, &issue.chars],
                );
                vec![padded(head), padded(format!("  {counts}"))]
            };
            let selected = i == app.list_selected;
            lines
                .into_iter()
                .map(move |l| theme.row(Line::from(l), selected, focused))
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
