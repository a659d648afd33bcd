//! The help overlay (F1 / Ctrl+G): the lines `app::help` laid out from the
//! key map in use.

use super::Frame;
use super::popup_pane;
use super::theme::Theme;
use crate::app::App;
use crate::app::help::{Help, LineKind, SIZE};
use crate::i18n::Msg;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, help: &Help) {
    let inner = popup_pane(frame, theme, SIZE.0, SIZE.1, &app.hint(Msg::HelpTitle, &[]));
    let lines: Vec<Line> = help
        .visible()
        .iter()
        .map(|l| match l.kind {
            LineKind::Heading => Line::styled(l.text.clone(), theme.heading),
            LineKind::Keys => Line::from(vec![
                Span::styled(l.key.clone(), theme.key),
                Span::raw(l.text.clone()),
            ]),
            LineKind::Text => Line::from(l.text.clone()),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
