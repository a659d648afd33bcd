//! The article pane: the open article's title block and text.

use super::theme::Theme;
use super::{hint, pane};
use crate::app::{App, Focus};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let focused = app.focus == Focus::Editor;
    let inner = pane(frame, theme, area, lang.t(Msg::PaneEditor), focused);
    let Some((doc, view)) = app
        .doc
        .as_ref()
        .and_then(|d| d.article.as_ref().map(|a| (d, a)))
    else {
        hint(frame, theme, inner, lang.t(Msg::EmptyEditor));
        return;
    };
    let article = &doc.issue.sections[view.pos.0].articles[view.pos.1];
    let mut lines: Vec<Line> = article
        .title
        .iter()
        .map(|t| Line::styled(t.clone(), theme.heading).alignment(Alignment::Center))
        .collect();
    if let Some(src) = &article.source {
        lines.push(Line::from(format!("（{src}）")).alignment(Alignment::Center));
    }
    lines.push(Line::default());
    lines.extend(
        article
            .paragraphs
            .iter()
            .skip(view.scroll)
            .map(|p| Line::from(format!("　　{p}"))),
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
