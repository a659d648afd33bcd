//! The title bar (bulletin, 第N期, date, status) and the status bar (mode,
//! saved/unsaved, 字数, key hints or the latest notice).

use super::Frame;
use super::theme::Theme;
use super::{fit, width};
use crate::app::{App, Focus};
use crate::i18n::Msg;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What the title bar shows: its left and right text, and whether the
/// issue is unsaved (its colour).
pub type TitleText = (String, String, bool);

pub fn title_text(app: &App) -> TitleText {
    let lang = app.lang;
    let (left, right) = match &app.doc {
        Some(doc) => {
            let i = &doc.issue;
            let left = format!(
                " {}  {}  {}  {}",
                i.bulletin,
                lang.issue_number(i.number, i.total, i.supplement),
                i.date,
                lang.status(i.status)
            );
            let state = super::safety::state_label(app, doc);
            (left, format!("{}  ● {} ", doc.id, state))
        }
        None => (" jianbao 简报".to_string(), String::new()),
    };
    (left, right, app.is_dirty())
}

pub fn render_title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    render_title_text(theme, frame, area, &title_text(app));
}

pub fn render_title_text(theme: &Theme, frame: &mut Frame, area: Rect, text: &TitleText) {
    let (left, right, dirty) = text;
    let style = if *dirty { theme.bar_dirty } else { theme.bar };
    let w = area.width as usize;
    let right = fit(right, w / 2);
    let left = fit(left, w.saturating_sub(width(&right) + 1));
    let pad = w.saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(style), area);
}

/// What the status bar shows but its key hints (which follow the focus
/// and the language): the notice, or the mode and the 字数.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusText {
    notice: Option<crate::app::Notice>,
    left: String,
    focus: Focus,
}

pub fn status_text(app: &App) -> StatusText {
    if let Some(n) = &app.notice {
        return StatusText {
            notice: Some(n.clone()),
            left: String::new(),
            focus: app.focus,
        };
    }
    let lang = app.lang;
    let mode = if app.focus == Focus::Editor && app.extend {
        lang.t(Msg::ModeExtend)
    } else if app.focus == Focus::Editor {
        lang.t(Msg::ModeEdit)
    } else {
        lang.t(Msg::ModeBrowse)
    };
    let mut left = format!(" [{mode}]");
    if let Some(d) = &app.doc {
        let (chars, selected) = match &d.article {
            Some(a) => (d.article_chars(a.pos), a.editor.selection_char_count()),
            None => (d.total_chars(), 0),
        };
        left.push_str("  ");
        left.push_str(&lang.fmt(Msg::StatusChars, &[&chars]));
        if selected > 0 {
            left.push_str(&lang.fmt(Msg::SelectionChars, &[&selected]));
        }
    }
    StatusText {
        notice: None,
        left,
        focus: app.focus,
    }
}

pub fn render_status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    render_status_text(app, theme, frame, area, &status_text(app));
}

pub fn render_status_text(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    text: &StatusText,
) {
    let w = area.width as usize;
    if let Some(n) = &text.notice {
        let style = if n.error { theme.error } else { theme.notice };
        frame.render_widget(
            Paragraph::new(fit(&format!(" {}", n.text), w)).style(style),
            area,
        );
        return;
    }
    let left = &text.left;
    let hint = app.hint(
        match text.focus {
            Focus::Issues => Msg::HintIssues,
            Focus::Tree => Msg::HintTree,
            Focus::Editor => Msg::HintEditor,
        },
        &[],
    );
    let hint = fit(&hint, w.saturating_sub(width(left) + 3));
    let pad = w.saturating_sub(width(left) + width(&hint) + 1);
    let line = Line::from(vec![
        Span::raw(left.clone()),
        Span::raw(" ".repeat(pad)),
        Span::styled(hint, theme.bar),
        Span::raw(" "),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.bar), area);
}
