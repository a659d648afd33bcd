//! The article pane: the open article's title block and text.

use super::theme::Theme;
use crate::app::{App, Focus};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let focused = app.focus == Focus::Editor;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(Span::styled(lang.t(Msg::PaneEditor), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some((doc, view)) = app
        .doc
        .as_ref()
        .and_then(|d| d.article.as_ref().map(|a| (d, a)))
    else {
        frame.render_widget(
            Paragraph::new(lang.t(Msg::EmptyEditor))
                .style(theme.dim)
                .wrap(Wrap { trim: true }),
            inner,
        );
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
