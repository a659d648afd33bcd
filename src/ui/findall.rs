//! The replace-all review across the issue: how many where, then one row
//! per match (ticked or not, its article, the match → its replacement in
//! context), then the keys.

use super::Frame;
use super::theme::Theme;
use super::{fit, popup_pane, review_rows, set_cursor, width};
use crate::app::App;
use crate::app::findall::ReplaceReview;
use crate::i18n::Msg;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, r: &ReplaceReview) {
    let lang = app.lang;
    let title = lang.fmt(Msg::ReplaceAllTitle, &[&r.query, &r.with]);
    let h = (r.rows.len() + 4).clamp(8, 30) as u16;
    let inner = popup_pane(frame, theme, 110, h, &title);
    if inner.height < 3 {
        return;
    }
    let w = inner.width as usize;
    let mut summary = lang.fmt(
        Msg::ReplaceAllSummary,
        &[&r.chosen(), &r.articles(), &r.rows.len()],
    );
    let titles = r.chosen_titles();
    if titles > 0 {
        summary.push_str(&lang.fmt(Msg::ReplaceAllTitles, &[&titles]));
    }
    let hint = app.hint(Msg::ReplaceAllHint, &[]);
    let list = review_rows(frame, theme, inner, &summary, &hint);
    // The article's name takes at most a third of the row.
    let name_w = r
        .rows
        .iter()
        .map(|row| width(&row.article))
        .max()
        .unwrap_or(0)
        .min(w / 3);
    let skip = (r.selected + 1).saturating_sub(list.height as usize);
    let old_style = Style::new().add_modifier(Modifier::UNDERLINED);
    let new_style = Style::new().add_modifier(Modifier::BOLD);
    let rows: Vec<Line> = (skip..r.rows.len())
        .take(list.height as usize)
        .map(|i| {
            let row = &r.rows[i];
            let name = fit(&row.article, name_w);
            let pad = " ".repeat(name_w - width(&name) + 1);
            let tick = if r.on[i] { "[x] " } else { "[ ] " };
            let line = Line::from(vec![
                Span::raw(tick),
                Span::raw(format!("{name}{pad}")),
                Span::raw(row.left.clone()),
                Span::styled(row.matched.clone(), old_style),
                Span::raw("→"),
                Span::styled(r.with.clone(), new_style),
                Span::raw(row.right.clone()),
            ]);
            match (i == r.selected, r.on[i]) {
                (true, _) => line.style(theme.selected),
                (false, false) => line.style(theme.dim),
                (false, true) => line,
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);
    let y = list.y + (r.selected - skip) as u16;
    set_cursor(frame, list, list.x, y);
}
