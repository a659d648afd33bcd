//! The issue list pane: newest first, with 第N期, date, status and counts.

use super::Frame;
use super::theme::Theme;
use super::{fit, width};
use super::{hint, pane};
use crate::app::layout::issue_row_height;
use crate::app::{App, Focus};
use crate::i18n::Msg;
use crate::store::git::FileState;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let focused = app.focus == Focus::Issues;
    // The title names the filter, when there is one (全部 is the plain list).
    let title = match app.list_filter {
        Some(s) => lang.fmt(Msg::PaneIssuesFiltered, &[&lang.status(s)]),
        None => lang.t(Msg::PaneIssues).to_string(),
    };
    let inner = pane(frame, theme, area, &title, focused);
    let ids = app.issue_ids();
    if ids.is_empty() {
        let text = match app.list_filter {
            Some(s) if !app.lib.is_empty() => app.hint(Msg::ListFilterEmpty, &[&lang.status(s)]),
            _ => app.hint(Msg::EmptyLibrary, &[]),
        };
        hint(frame, theme, inner, &text);
        return;
    }
    let clashes = app.lib.clashes();
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
            let clash = clashes.get(id);
            // A file whose name and number disagree (see `jianbao check`),
            // or a number another issue has too.
            let odd = if clash.is_some() || app.lib.entry(id).is_some_and(|e| !e.name_matches(id)) {
                "!"
            } else {
                ""
            };
            let head = format!("{marker}{odd}{number} {}", issue.date.format("%Y-%m-%d"));
            // Its git state, when not as committed, and numbering clashes.
            let mut git = String::new();
            if let Some(state) = app
                .git
                .as_ref()
                .and_then(|g| g.get(id))
                .filter(|s| **s != FileState::Unchanged)
            {
                git.push_str("  ");
                git.push_str(state.label(lang));
            }
            let mut clashing = String::new();
            for c in clash.into_iter().flatten() {
                clashing.push_str("  ");
                clashing.push_str(&c.short(lang));
            }
            let extra = format!("{git}{clashing}");
            let lines = if per == 1 {
                let counts = format!(
                    "{}  {}  {}",
                    lang.status(issue.status),
                    lang.fmt(Msg::Articles, &[&issue.articles]),
                    lang.fmt(Msg::Chars, &[&issue.chars])
                );
                vec![padded(format!("{head}  {counts}{extra}"))]
            } else {
                // The narrow pane's second line, short enough for 字数.
                let status = lang.status(issue.status);
                let counts = lang.fmt(
                    Msg::ListCountsNarrow,
                    &[&status, &issue.articles, &issue.chars],
                );
                // Too long for the pane: the git state stays whole; the
                // article count goes first, then the clash (the row's !
                // still marks it), then 字数.
                let chars = lang.fmt(Msg::Chars, &[&issue.chars]);
                let second = [
                    format!("  {counts}{extra}"),
                    format!("  {status}  {chars}{extra}"),
                    format!("  {status}  {chars}{git}"),
                    format!("  {status}{git}"),
                ]
                .into_iter()
                .find(|l| width(l) <= w)
                .unwrap_or_else(|| format!("  {status}{git}"));
                vec![padded(head), padded(second)]
            };
            let selected = i == app.list_selected;
            lines
                .into_iter()
                .map(move |l| theme.row(Line::from(l), selected, focused))
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
