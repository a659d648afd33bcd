//! The trash overlay: deleted issues, newest first, to restore.

use super::Frame;
use super::theme::Theme;
use super::{fit, popup_pane};
use crate::app::App;
use crate::app::trash::Trash;
use crate::i18n::Msg;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, trash: &Trash) {
    let (rows, selected) = (&trash.rows, trash.selected);
    let h = (rows.len() as u16).saturating_add(2).min(20);
    let inner = popup_pane(frame, theme, 72, h, &app.hint(Msg::TrashTitle, &[]));
    let w = inner.width as usize;
    let skip = (selected + 1).saturating_sub(inner.height as usize);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(skip)
        .take(inner.height as usize)
        .map(|(i, r)| theme.row(Line::from(fit(&r.label, w)), i == selected, true))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
