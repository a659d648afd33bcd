//! Rendering: a pure function of the app state, one module per pane or
//! overlay. Nothing here changes state.

mod article;
mod bars;
mod dialog;
pub mod editor;
mod form;
mod help;
mod import;
mod inbox;
mod issues;
mod palette;
mod preview;
mod safety;
mod search;
mod stats;
pub mod theme;
mod tidy;
mod trash;
mod tree;

use crate::app::{App, Overlay};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use theme::Theme;
use unicode_width::UnicodeWidthChar;

/// Draws the whole screen for `app`.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    draw(app, theme, frame);
    scrub(frame.buffer_mut());
}

/// Takes out of every cell the characters that must never reach the
/// terminal (bidi overrides, zero-width joiners, controls), wherever they
/// came from: a bulletin name loaded from a file, a title, a message.
fn scrub(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        let printable_ascii = matches!(symbol.as_bytes(), [b] if (0x20..0x7f).contains(b));
        if !printable_ascii && let std::borrow::Cow::Owned(clean) = crate::text::for_display(symbol)
        {
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    // The same layout `update` uses, for the size actually being drawn.
    let layout = crate::app::layout::Layout::compute(
        area.width,
        area.height,
        app.focus,
        app.zoom,
        app.doc.is_some(),
    );
    if layout.too_small {
        let msg = app.hint(
            Msg::TooSmall,
            &[
                &crate::app::layout::MIN_WIDTH,
                &crate::app::layout::MIN_HEIGHT,
                &area.width,
                &area.height,
            ],
        );
        frame.render_widget(
            Paragraph::new(msg)
                .style(theme.error)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    // The print preview takes the whole screen.
    if let Some(Overlay::Preview(p)) = &app.overlay {
        preview::render(app, theme, frame, p);
        return;
    }
    bars::render_title(app, theme, frame, layout.title);
    bars::render_status(app, theme, frame, layout.status);
    if let Some(r) = layout.issues {
        issues::render(app, theme, frame, r);
    }
    if let Some(r) = layout.tree {
        tree::render(app, theme, frame, r);
    }
    if let Some(r) = layout.editor {
        article::render(app, theme, frame, r);
    }
    match &app.overlay {
        Some(Overlay::Help(h)) => help::render(app, theme, frame, h),
        Some(Overlay::Trash(t)) => trash::render(app, theme, frame, t),
        Some(Overlay::Palette(p)) => palette::render(app, theme, frame, p),
        Some(Overlay::Form(f)) => form::render(app, theme, frame, f),
        Some(Overlay::Confirm(c)) => dialog::render(app, theme, frame, c),
        Some(Overlay::Preview(_)) => {}
        Some(Overlay::Tidy(t)) => tidy::render(app, theme, frame, t),
        Some(Overlay::Safety(d)) => safety::render(app, theme, frame, d),
        Some(Overlay::Search(s)) => search::render(app, theme, frame, s),
        Some(Overlay::Import(i)) => import::render(app, theme, frame, i),
        Some(Overlay::Inbox(v)) => inbox::render(app, theme, frame, v),
        Some(Overlay::Stats(v)) => stats::render(app, theme, frame, v),
        None => {}
    }
}

/// Draws a pane's frame and returns the area inside it.
pub(crate) fn pane(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    title: &str,
    focused: bool,
) -> Rect {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(Span::styled(title.to_string(), theme.title));
    frame.render_widget(block, area);
    // The app lays out and hit-tests with the same inner area.
    crate::app::layout::inner(area)
}

/// A centred popup with a titled frame; returns the area inside it.
pub(crate) fn popup_pane(frame: &mut Frame, theme: &Theme, w: u16, h: u16, title: &str) -> Rect {
    let area = popup(frame, w, h);
    pane(frame, theme, area, title, true)
}

/// A dim, wrapped hint shown in an empty pane.
pub(crate) fn hint(frame: &mut Frame, theme: &Theme, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(text.to_string())
            .style(theme.dim)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// `s` cut to at most `width` columns, ending in … when cut.
pub(crate) fn fit(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Display width of `s`.
pub(crate) fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// A centred popup of at most `w`×`h`, cleared, within the frame.
pub(crate) fn popup(frame: &mut Frame, w: u16, h: u16) -> Rect {
    let area = frame.area();
    // The app lays out the help with the same rect.
    let r = crate::app::layout::popup(area, w, h);
    frame.render_widget(Clear, r);
    // A wide character just left of the popup would cover its left border.
    if r.x > area.x {
        for y in r.top()..r.bottom() {
            let cell = &mut frame.buffer_mut()[(r.x - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    r
}

/// Places the terminal cursor (IMEs put their window there), if inside `area`.
pub(crate) fn set_cursor(frame: &mut Frame, area: Rect, x: u16, y: u16) {
    if area.contains(Position::new(x, y)) {
        frame.set_cursor_position(Position::new(x, y));
    }
}

#[cfg(test)]
mod tests;
