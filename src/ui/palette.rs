//! The command palette overlay.

use super::Frame;
use super::theme::Theme;
use super::{fit, popup_pane, set_cursor, width};
use crate::app::App;
use crate::app::palette::Palette;
use crate::i18n::Msg;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, p: &Palette) {
    let lang = app.lang;
    let inner = popup_pane(frame, theme, 60, 18, lang.t(Msg::PaletteTitle));
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let prompt = format!("> {}", p.input.text());
    frame.render_widget(Paragraph::new(fit(&prompt, w)), Rect { height: 1, ..inner });
    set_cursor(
        frame,
        inner,
        inner.x + (2 + p.input.caret_column()).min(w.saturating_sub(1)) as u16,
        inner.y,
    );
    let matches = p.matches();
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if matches.is_empty() {
        frame.render_widget(
            Paragraph::new(lang.t(Msg::PaletteEmpty)).style(theme.dim),
            list,
        );
        return;
    }
    let selected = p.selected.min(matches.len() - 1);
    let skip = (selected + 1).saturating_sub(list.height as usize);
    let rows: Vec<Line> = matches
        .iter()
        .enumerate()
        .skip(skip)
        .take(list.height as usize)
        .map(|(i, cmd)| {
            let key = app
                .keymap
                .key_for(crate::app::keymap::Context::Global, *cmd)
                .map(|k| k.to_string())
                .unwrap_or_default();
            let label = fit(cmd.label(lang), w.saturating_sub(width(&key) + 2));
            let pad = w.saturating_sub(width(&label) + width(&key));
            let line = Line::from(vec![
                Span::raw(label),
                Span::raw(" ".repeat(pad)),
                Span::styled(key, theme.key),
            ]);
            if i == selected {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);
}
