//! The tidy overlay: counts per rule, then one row per change (ticked or
//! not, its rule, before → after in context), then the keys.

use super::Frame;
use super::theme::Theme;
use super::{popup_pane, review_rows, set_cursor, width};
use crate::app::App;
use crate::app::tidy::{TidyReview, rule_name};
use crate::i18n::Msg;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, t: &TidyReview) {
    let lang = app.lang;
    let title = lang.t(if t.selection {
        Msg::TidyTitleSelection
    } else {
        Msg::TidyTitleArticle
    });
    // Summary, rows, keys and the frame: no taller than the changes need.
    let h = (t.changes.len() + 4).clamp(8, 30) as u16;
    let inner = popup_pane(frame, theme, 100, h, title);
    if inner.height < 3 {
        return;
    }

    let mut summary = lang.fmt(Msg::TidySummary, &[&t.changes.len(), &t.chosen()]);
    let parts: Vec<String> = t
        .counts()
        .into_iter()
        .map(|(rule, n, on)| {
            let name = rule_name(lang, rule);
            if on == n {
                format!("{name} {n}")
            } else {
                format!("{name} {on}/{n}")
            }
        })
        .collect();
    summary.push_str(&parts.join(" · "));
    let hint = app.hint(Msg::TidyHint, &[]);
    let list = review_rows(frame, theme, inner, &summary, &hint);
    let name_w = t
        .changes
        .iter()
        .map(|c| width(rule_name(lang, c.rule)))
        .max()
        .unwrap_or(0);
    let skip = (t.selected + 1).saturating_sub(list.height as usize);
    let old_style = Style::new().add_modifier(Modifier::UNDERLINED);
    let new_style = Style::new().add_modifier(Modifier::BOLD);
    let rows: Vec<Line> = (skip..t.changes.len())
        .take(list.height as usize)
        .map(|i| {
            let e = t.excerpt(i);
            let name = rule_name(lang, t.changes[i].rule);
            let pad = " ".repeat(name_w - width(name) + 1);
            let tick = if t.on[i] { "[x] " } else { "[ ] " };
            let line = Line::from(vec![
                Span::raw(tick),
                Span::raw(format!("{name}{pad}")),
                Span::raw(e.left.clone()),
                Span::styled(e.old, old_style),
                Span::raw(e.right.clone()),
                Span::raw(" → "),
                Span::raw(e.left),
                Span::styled(e.new, new_style),
                Span::raw(e.right),
            ]);
            match (i == t.selected, t.on[i]) {
                (true, _) => line.style(theme.selected),
                (false, false) => line.style(theme.dim),
                (false, true) => line,
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);
    // The terminal cursor on the row under the cursor (screen readers
    // follow it).
    let y = list.y + (t.selected - skip) as u16;
    set_cursor(frame, list, list.x, y);
}
