//! Form overlays: issue properties (with the status, its history and
//! numbering clashes under the fields), a change of status, article
//! properties, section names.

use super::Frame;
use super::theme::Theme;
use super::{fit, popup_pane, set_cursor, width};
use crate::app::App;
use crate::app::form::Form;
use crate::i18n::Msg;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, form: &Form) {
    let lang = app.lang;
    // The foot: a read-only form's reason takes up to three lines.
    let foot_h: u16 = if form.read_only.is_some() { 3 } else { 2 };
    let gap = if form.info.is_empty() { 2 } else { 1 };
    let rows = form.fields.len() as u16 + gap + foot_h + form.info.len() as u16;
    let inner = popup_pane(frame, theme, 70, rows + 2, lang.t(form.title()));
    // Info lines under the fields, leaving most of a short popup to them.
    let info_h = (form.info.len() as u16).min(inner.height.saturating_sub(foot_h + 1) / 2);
    let label_w = form
        .fields
        .iter()
        .map(|f| width(lang.t(f.label)))
        .max()
        .unwrap_or(0)
        + 2;
    let value_w = (inner.width as usize).saturating_sub(label_w + 1);
    // Keep the focused field visible when the popup is short.
    let visible = inner.height.saturating_sub(foot_h + 1 + info_h) as usize;
    let skip = (form.focus + 1).saturating_sub(visible.max(1));
    for (row, (i, field)) in form
        .fields
        .iter()
        .enumerate()
        .skip(skip)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let label = lang.t(field.label);
        let pad = label_w.saturating_sub(width(label) + 1);
        let focused = i == form.focus;
        let value = field.display(lang);
        // Scroll long values so the caret stays in view.
        let caret = if field.is_textual() {
            field.input.caret_column()
        } else {
            0
        };
        let shift = caret.saturating_sub(value_w.saturating_sub(1));
        let shown: String = skip_columns(&value, shift);
        let shown = fit(&shown, value_w);
        let value_style = if focused {
            theme.field_focus
        } else {
            ratatui::style::Style::new()
        };
        let fill = value_w.saturating_sub(width(&shown));
        let line = Line::from(vec![
            Span::raw(" ".repeat(pad)),
            Span::styled(label, if focused { theme.key } else { theme.heading }),
            Span::raw(" "),
            Span::styled(shown + &" ".repeat(fill), value_style),
        ]);
        frame.render_widget(
            Paragraph::new(line),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
        // A read-only form takes no typing: no caret.
        if focused && field.is_textual() && form.read_only.is_none() {
            let x = inner.x + (label_w + caret - shift) as u16;
            set_cursor(frame, inner, x, y);
        }
    }
    let foot_y = inner.y + inner.height.saturating_sub(foot_h);
    let info_y = foot_y.saturating_sub(info_h);
    for (i, line) in form.info.iter().take(info_h as usize).enumerate() {
        // Clashes are marked ！ and shown as problems.
        let style = if line.starts_with('！') {
            theme.error
        } else {
            theme.dim
        };
        frame.render_widget(
            Paragraph::new(Line::styled(fit(line, inner.width as usize), style)),
            Rect {
                y: info_y + i as u16,
                height: 1,
                ..inner
            },
        );
    }
    let foot = Rect {
        y: foot_y,
        height: foot_h,
        ..inner
    };
    let (text, style) = match (&form.error, &form.read_only) {
        (Some(e), _) => (e.clone(), theme.error),
        (None, Some(why)) => (why.clone(), theme.dim),
        (None, None) => (app.hint(Msg::FormHint, &[]), theme.dim),
    };
    frame.render_widget(super::wrapped(&text, foot.width, style), foot);
}

/// `s` without its first `cols` display columns.
fn skip_columns(s: &str, cols: usize) -> String {
    let mut used = 0;
    s.chars()
        .skip_while(|c| {
            if used >= cols {
                return false;
            }
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            true
        })
        .collect()
}
