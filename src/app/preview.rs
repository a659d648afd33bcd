//! Print preview (F5): the whole open issue as it will print, set at the
//! overlay's width by [`crate::export::page`] from the same layout the
//! exports use, scrollable, opened at the article being edited.

use super::{App, Command, Focus, Overlay};
use crate::export::layout::{ArticleRef, Line, LineKind, layout};
use crate::export::page::{Row, rows};
use crate::i18n::Msg;
use crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

/// Rows a mouse wheel notch scrolls.
const WHEEL: usize = 3;

/// Where the preview draws: its frame (the whole screen) and the page
/// inside it, one blank column from the frame at each side.
pub fn areas(width: u16, height: u16) -> (Rect, Rect) {
    let frame = Rect::new(0, 0, width, height);
    let page = Rect::new(
        2.min(width),
        1.min(height),
        width.saturating_sub(4),
        height.saturating_sub(2),
    );
    (frame, page)
}

/// The preview's state: the issue's print lines, set in rows at the page
/// width, and the first row shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    lines: Vec<Line>,
    pub rows: Vec<Row>,
    /// Columns the rows are set in (the page width).
    pub width: usize,
    /// Rows the page shows.
    pub height: usize,
    pub scroll: usize,
    /// The article open in the editor (or selected in the tree), marked in
    /// the margin.
    pub focus: Option<ArticleRef>,
}

impl Preview {
    pub fn new(lines: Vec<Line>, focus: Option<ArticleRef>, page: Rect) -> Preview {
        let mut p = Preview {
            lines,
            rows: Vec::new(),
            width: 0,
            height: 0,
            scroll: 0,
            focus,
        };
        p.fit(page);
        // Open at the article: its first row in the body (not its entry in
        // the contents), with the line before it for context.
        if let Some(at) = focus
            && let Some(i) = p
                .rows
                .iter()
                .position(|r| r.article == Some(at) && r.kind != LineKind::ContentsEntry)
        {
            p.scroll_to(i.saturating_sub(1));
        }
        p
    }

    /// Sets the rows again for a page of a new size, keeping the top line.
    pub fn fit(&mut self, page: Rect) {
        let (width, height) = (page.width as usize, page.height.max(1) as usize);
        if width != self.width {
            let top = self.rows.get(self.scroll).map(|r| r.line);
            self.rows = rows(&self.lines, width);
            self.width = width;
            self.scroll = top
                .and_then(|l| self.rows.iter().position(|r| r.line == l))
                .unwrap_or(0);
        }
        self.height = height;
        self.scroll_to(self.scroll);
    }

    /// The furthest scroll: the last row at the bottom of the page.
    pub fn max_scroll(&self) -> usize {
        self.rows.len().saturating_sub(self.height)
    }

    fn scroll_to(&mut self, row: usize) {
        self.scroll = row.min(self.max_scroll());
    }

    fn scroll_by(&mut self, delta: isize) {
        self.scroll_to(self.scroll.saturating_add_signed(delta));
    }

    /// The rows on the page now.
    pub fn visible(&self) -> &[Row] {
        let end = (self.scroll + self.height).min(self.rows.len());
        &self.rows[self.scroll.min(end)..end]
    }
}

impl App {
    /// Opens the print preview of the open issue, unsaved edits included.
    pub(super) fn open_preview(&mut self) {
        let Some(doc) = self.doc.as_mut() else {
            self.notify(self.lang.t(Msg::NoIssueOpen).to_string());
            return;
        };
        doc.flush();
        let focus = match (&doc.article, doc.tree.selected) {
            (Some(a), _) if self.focus == Focus::Editor => Some(a.pos),
            (_, Some(super::tree::Node::Article(s, a))) => Some((s, a)),
            (Some(a), _) => Some(a.pos),
            _ => None,
        }
        .map(|(section, article)| ArticleRef { section, article });
        let lines = layout(&doc.issue, self.lib.settings.export.contents);
        let (_, page) = areas(self.width, self.height);
        self.overlay = Some(Overlay::Preview(Preview::new(lines, focus, page)));
    }

    /// Keys of the open preview: scrolling; Esc, q or the preview key close it.
    pub(super) fn preview_key(&mut self, mut p: Preview, key: &KeyEvent) {
        let page = p.height.saturating_sub(1).max(1) as isize;
        let k = super::keymap::Key::from_event(key);
        if self.keymap.lookup(super::keymap::Context::Global, k) == Some(Command::Preview) {
            return;
        }
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('Q') => return,
            KeyCode::Up => p.scroll_by(-1),
            KeyCode::Down => p.scroll_by(1),
            KeyCode::PageUp => p.scroll_by(-page),
            KeyCode::PageDown | KeyCode::Char(' ') => p.scroll_by(page),
            KeyCode::Home => p.scroll_to(0),
            KeyCode::End => p.scroll_to(usize::MAX),
            _ => {}
        }
        self.overlay = Some(Overlay::Preview(p));
    }

    /// The mouse wheel scrolls the preview.
    pub(super) fn preview_mouse(&mut self, m: &MouseEvent) {
        if let Some(Overlay::Preview(p)) = self.overlay.as_mut() {
            match m.kind {
                MouseEventKind::ScrollUp => p.scroll_by(-(WHEEL as isize)),
                MouseEventKind::ScrollDown => p.scroll_by(WHEEL as isize),
                _ => {}
            }
        }
    }

    /// After a resize: sets the preview's rows at the new width.
    pub(super) fn fit_preview(&mut self) {
        let (_, page) = areas(self.width, self.height);
        if let Some(Overlay::Preview(p)) = self.overlay.as_mut() {
            p.fit(page);
        }
    }
}
