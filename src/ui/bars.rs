//! The title bar (bulletin, 第N期, date, status) and the status bar (mode,
//! saved/unsaved, 字数, key hints or the latest notice).

use super::theme::Theme;
use super::{fit, width};
use crate::app::{App, Focus};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render_title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
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
    let style = if app.is_dirty() {
        theme.bar_dirty
    } else {
        theme.bar
    };
    let w = area.width as usize;
    let right = fit(&right, w / 2);
    let left = fit(&left, w.saturating_sub(width(&right) + 1));
    let pad = w.saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(style), area);
}

pub fn render_status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let w = area.width as usize;
    if let Some(n) = &app.notice {
        let style = if n.error { theme.error } else { theme.notice };
        frame.render_widget(
            Paragraph::new(fit(&format!(" {}", n.text), w)).style(style),
            area,
        );
        return;
    }
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
    let hint = app.hint(
        match app.focus {
            Focus::Issues => Msg::HintIssues,
            Focus::Tree => Msg::HintTree,
            Focus::Editor => Msg::HintEditor,
        },
        &[],
    );
    let hint = fit(&hint, w.saturating_sub(width(&left) + 3));
    let pad = w.saturating_sub(width(&left) + width(&hint) + 1);
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::styled(hint, theme.bar),
        Span::raw(" "),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.bar), area);
}
