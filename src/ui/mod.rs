//! Rendering: a pure function of the app state, one module per pane or
//! overlay. Nothing here changes state.

mod article;
mod bars;
mod dialog;
pub mod editor;
mod findall;
mod form;
mod frame;
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
pub use article::{EchoSlot, echo_slot, put_typed};
pub use frame::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use theme::Theme;
use unicode_width::UnicodeWidthChar;

/// Draws the whole screen for `app` into a ratatui frame (tests, and
/// anything drawing through ratatui's `Terminal`).
pub fn render(app: &App, theme: &Theme, frame: &mut ratatui::Frame) {
    let mut ours = Frame::new(frame.buffer_mut());
    draw(app, theme, &mut ours);
    let cursor = ours.cursor();
    let area = frame.area();
    scrub(frame.buffer_mut(), area);
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// Draws frames into a buffer that keeps the last one: after typing or a
/// caret move in the editor ([`App::view_generation`] unchanged) only the
/// article pane and the two bars are drawn again, the rest is left as it
/// was; after anything else, everything. On a slow link, and for the
/// latency of a key, drawing and comparing the whole screen each key was
/// most of jianbao's time.
#[derive(Debug, Default)]
pub struct Painter {
    /// The generation and the size of the last frame drawn.
    last: Option<(u64, Rect)>,
    /// What the rows of the article's text show.
    text_rows: editor::Shown,
    /// What the bars show (`None`: not known).
    title: Option<bars::TitleText>,
    status: Option<bars::StatusText>,
}

/// What [`Painter::paint`] drew: where the cursor goes, and the rows that
/// may have changed (the others are as the last frame left them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Painted {
    pub cursor: Option<Position>,
    pub rows: Vec<std::ops::Range<u16>>,
}

impl Painter {
    /// The next frame draws everything (the buffer was cleared or resized,
    /// or something else drew on the terminal).
    pub fn forget(&mut self) {
        self.last = None;
    }

    /// Draws `app` into `buf`, which holds the frame this painter drew last
    /// (or anything, after [`Painter::forget`]).
    pub fn paint(&mut self, app: &App, theme: &Theme, buf: &mut Buffer) -> Painted {
        let area = buf.area;
        let key = (app.view_generation(), area);
        let unchanged = self.last == Some(key);
        self.last = Some(key);
        let layout = layout_in(app, area);
        // Only typing or moving in the editor leaves the generation as it
        // was (see `app::view`); the pane shows the editor then.
        if unchanged
            && app.focus == crate::app::Focus::Editor
            && app.overlay.is_none()
            && !layout.too_small
            && let Some(editor) = layout.editor
        {
            let mut frame = Frame::new(buf);
            let mut rows: Vec<std::ops::Range<u16>> = Vec::new();
            let title = bars::title_text(app);
            if self.title.as_ref() != Some(&title) {
                frame.render_widget(Clear, layout.title);
                bars::render_title_text(theme, &mut frame, layout.title, &title);
                rows.push(layout.title.top()..layout.title.bottom());
                self.title = Some(title);
            }
            let status = bars::status_text(app);
            if self.status.as_ref() != Some(&status) {
                frame.render_widget(Clear, layout.status);
                bars::render_status_text(app, theme, &mut frame, layout.status, &status);
                rows.push(layout.status.top()..layout.status.bottom());
                self.status = Some(status);
            }
            let text = article::render_local(app, theme, &mut frame, editor, &mut self.text_rows);
            let cursor = frame.cursor();
            for r in &rows {
                scrub(buf, Rect::new(area.x, r.start, area.width, r.end - r.start));
            }
            for &y in &text {
                scrub(buf, Rect::new(editor.x, y, editor.width, 1));
            }
            rows.extend(text.iter().map(|&y| y..y + 1));
            return Painted { cursor, rows };
        }
        let cursor = draw_all(app, theme, buf);
        // What a popup covers is not what the rows under it show.
        let bare = !layout.too_small && app.overlay.is_none();
        match layout.editor {
            Some(editor) if bare && app.focus == crate::app::Focus::Editor => {
                article::note_drawn(app, editor, &mut self.text_rows);
            }
            _ => self.text_rows = editor::Shown::default(),
        }
        self.title = bare.then(|| bars::title_text(app));
        self.status = bare.then(|| bars::status_text(app));
        Painted {
            cursor,
            rows: std::iter::once(area.top()..area.bottom()).collect(),
        }
    }
}

/// Draws every pane of `app` into `buf` (cleared first); where the cursor
/// goes.
pub fn draw_all(app: &App, theme: &Theme, buf: &mut Buffer) -> Option<Position> {
    buf.reset();
    let area = buf.area;
    let mut frame = Frame::new(buf);
    draw(app, theme, &mut frame);
    let cursor = frame.cursor();
    scrub(buf, area);
    cursor
}

/// Takes out of every cell of `area` the characters that must never reach
/// the terminal (bidi overrides, zero-width joiners, controls), wherever
/// they came from: a bulletin name loaded from a file, a title, a message.
fn scrub(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let start = buf.index_of(area.x, y);
        for cell in &mut buf.content[start..start + area.width as usize] {
            let symbol = cell.symbol();
            let printable_ascii = matches!(symbol.as_bytes(), [b] if (0x20..0x7f).contains(b));
            if !printable_ascii
                && let std::borrow::Cow::Owned(clean) = crate::text::for_display(symbol)
            {
                cell.set_symbol(if clean.is_empty() { " " } else { &clean });
            }
        }
    }
}

/// The same layout `update` uses, for the size actually being drawn.
fn layout_in(app: &App, area: Rect) -> crate::app::layout::Layout {
    crate::app::layout::Layout::compute(
        area.width,
        area.height,
        app.focus,
        app.zoom,
        app.doc.is_some(),
    )
}

fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let layout = layout_in(app, area);
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
        frame.render_widget(wrapped(&msg, area.width, theme.error), area);
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
        Some(Overlay::Replace(r)) => findall::render(app, theme, frame, r),
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

/// A review popup's rows (tidy, replace all): `summary` on the first row
/// of `inner`, `hint` on the last; the rows between, for the list.
pub(crate) fn review_rows(
    frame: &mut Frame,
    theme: &Theme,
    inner: Rect,
    summary: &str,
    hint: &str,
) -> Rect {
    let w = inner.width as usize;
    let row = |y: u16| Rect {
        y: inner.y + y,
        height: 1,
        ..inner
    };
    frame.render_widget(
        ratatui::widgets::Paragraph::new(fit(summary, w)).style(theme.heading),
        row(0),
    );
    frame.render_widget(
        ratatui::widgets::Paragraph::new(fit(hint, w)).style(theme.dim),
        row(inner.height - 1),
    );
    Rect {
        y: inner.y + 1,
        height: inner.height - 2,
        ..inner
    }
}

/// A centred popup with a titled frame; returns the area inside it.
pub(crate) fn popup_pane(frame: &mut Frame, theme: &Theme, w: u16, h: u16, title: &str) -> Rect {
    let area = popup(frame, w, h);
    pane(frame, theme, area, title, true)
}

/// A dim, wrapped hint shown in an empty pane.
pub(crate) fn hint(frame: &mut Frame, theme: &Theme, area: Rect, text: &str) {
    frame.render_widget(wrapped(text, area.width, theme.dim), area);
}

/// `text` wrapped to `width` columns by display width, as the editor wraps
/// (no row starts with closing punctuation). ratatui's own wrapping could
/// put a wide character in the last column, where it covers the border.
pub(crate) fn wrapped(text: &str, width: u16, style: ratatui::style::Style) -> Paragraph<'static> {
    let width = (width as usize).max(2);
    let lines: Vec<ratatui::text::Line> = text
        .split('\n')
        .flat_map(|para| {
            crate::text::wrap(para, width, 0)
                .into_iter()
                .map(|r| ratatui::text::Line::from(para[r.start..r.end].trim().to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    Paragraph::new(lines).style(style)
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
