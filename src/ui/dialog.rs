//! Confirmation dialogs: unsaved changes, deleting.

use super::Frame;
use super::popup_pane;
use super::theme::Theme;
use crate::app::tree::Node;
use crate::app::{App, Choice, Confirm, ConfirmKind};
use crate::i18n::Msg;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, c: &Confirm) {
    let lang = app.lang;
    let doc = app.doc.as_ref();
    let text = match c.kind {
        ConfirmKind::Unsaved(_) => {
            let id = doc.map(|d| d.id.to_string()).unwrap_or_default();
            lang.fmt(Msg::ConfirmUnsaved, &[&id])
        }
        ConfirmKind::DeleteIssue(id) => {
            let mut text = lang.fmt(Msg::ConfirmDeleteIssue, &[&id]);
            if doc.is_some_and(|d| d.id == id && d.is_dirty()) {
                text.push_str(lang.t(Msg::ConfirmDeleteUnsaved));
            }
            // A signed or distributed issue is the office's record.
            if let Some(s) = app.lib.summary(&id).map(|s| s.status)
                && s.is_read_only()
            {
                text.push_str(&lang.fmt(Msg::ConfirmDeleteFinished, &[&lang.status(s)]));
            }
            text
        }
        ConfirmKind::Overwrite { format, .. } => {
            let name = doc
                .map(|d| crate::export::file_name(&d.id, format))
                .unwrap_or_default();
            lang.fmt(Msg::ConfirmOverwrite, &[&name])
        }
        ConfirmKind::DeleteNode(Node::Section(s)) => {
            let sec = doc.and_then(|d| d.issue.sections.get(s));
            let title = sec.map(|s| s.title.clone()).unwrap_or_default();
            let n = sec.map_or(0, |s| s.articles.len());
            lang.fmt(Msg::ConfirmDeleteSection, &[&title, &n])
        }
        ConfirmKind::DeleteNode(Node::Article(at)) => {
            let title = doc
                .and_then(|d| d.issue.article(at))
                .map(|a| a.title_text())
                .unwrap_or_default();
            lang.fmt(Msg::ConfirmDeleteArticle, &[&title])
        }
        ConfirmKind::PasteArticles(offer) => lang.fmt(
            Msg::ConfirmPasteArticles,
            &[&offer.sections, &offer.articles],
        ),
    };
    let inner = popup_pane(frame, theme, 56, 8, lang.t(Msg::ConfirmTitle));
    frame.render_widget(
        super::wrapped(&text, inner.width, ratatui::style::Style::new()),
        inner,
    );
    render_buttons(app, theme, frame, inner, c.choices(), c.choice);
}

/// The row of buttons at the foot of a dialog's `inner` area, `choice`
/// highlighted.
pub(super) fn render_buttons(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    inner: Rect,
    choices: &[Choice],
    choice: usize,
) {
    let mut spans = Vec::new();
    for (i, c) in choices.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("   "));
        }
        let label = format!(" {} ", c.button(app.lang, &app.keymap));
        spans.push(if i == choice {
            Span::styled(label, theme.button_focus)
        } else {
            Span::raw(label)
        });
    }
    if inner.height > 0 {
        let y = inner.y + inner.height - 1;
        frame.render_widget(
            Paragraph::new(Line::from(spans)).alignment(Alignment::Center),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }
}
