//! Print preview (F5): the whole open issue as it will print, unsaved
//! edits included, opened at the article being edited. When the window is
//! as wide as the page's grid, it shows the very pages of the PDF export
//! ([`crate::export::page::pages`]: same rows, same page breaks, page
//! numbers); a narrower window gets the rows set at its width
//! ([`crate::export::page::rows`]), not paged.

use super::overlay::{Env, Keys, Outcome};
use super::{App, Command, Focus, Overlay};
use crate::export::layout::{ArticleRef, Line, LineKind, layout};
use crate::export::page::{Grid, Row, pages, rows};
use crate::i18n::Msg;
use crate::model::PrintSettings;
use crossterm::event::{MouseEvent, MouseEventKind};
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

/// One screen row of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// A row of print: text, a blank line or a rule.
    Row(Row),
    /// A grid line with nothing on it, or a further line of tall type.
    Space,
    /// The page number under a page.
    Number(usize),
    /// Between two pages.
    Break,
}

impl Shown {
    pub fn row(&self) -> Option<&Row> {
        match self {
            Shown::Row(r) => Some(r),
            _ => None,
        }
    }
}

/// The preview's state: the issue's print lines, set as pages (or in rows
/// at the window's width), and the first row shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    lines: Vec<Line>,
    /// The export settings the pages are set by (boxed: the overlay stays
    /// small).
    settings: Box<PrintSettings>,
    pub rows: Vec<Shown>,
    /// The page of each row, from 1 (all 0 when not paged).
    page_of: Vec<usize>,
    /// Pages, or 0 when the window is too narrow to show them.
    pub pages: usize,
    /// Columns the rows are set in: the grid's when paged, else the page
    /// area's.
    pub width: usize,
    /// Rows the page shows.
    pub height: usize,
    pub scroll: usize,
    /// The article open in the editor (or selected in the tree), marked in
    /// the margin.
    pub focus: Option<ArticleRef>,
}

impl Preview {
    pub fn new(
        lines: Vec<Line>,
        settings: PrintSettings,
        focus: Option<ArticleRef>,
        page: Rect,
    ) -> Preview {
        let mut p = Preview {
            lines,
            settings: Box::new(settings),
            rows: Vec::new(),
            page_of: Vec::new(),
            pages: 0,
            width: 0,
            height: 0,
            scroll: 0,
            focus,
        };
        p.fit(page);
        // Open at the article: its first row in the body (not its entry in
        // the contents), with the line before it for context.
        if let Some(at) = focus
            && let Some(i) = p.rows.iter().position(|r| {
                r.row()
                    .is_some_and(|r| r.article == Some(at) && r.kind != LineKind::ContentsEntry)
            })
        {
            p.scroll_to(i.saturating_sub(1));
        }
        p
    }

    /// Whether the rows are the printed pages.
    pub fn paged(&self) -> bool {
        self.pages > 0
    }

    /// Sets the rows again for a page area of a new size, keeping the top
    /// line: as pages when the grid fits, else at the area's width.
    pub fn fit(&mut self, page: Rect) {
        let columns = Grid::new(&self.settings).columns();
        let paged = page.width as usize >= columns;
        let width = if paged { columns } else { page.width as usize };
        if width != self.width || paged != self.paged() || self.rows.is_empty() {
            let top = self.rows[self.scroll.min(self.rows.len())..]
                .iter()
                .find_map(|r| r.row().map(|r| r.line));
            if paged {
                self.set_pages();
            } else {
                self.rows = rows(&self.lines, width)
                    .into_iter()
                    .map(Shown::Row)
                    .collect();
                self.page_of = vec![0; self.rows.len()];
                self.pages = 0;
            }
            self.width = width;
            self.scroll = top
                .and_then(|l| {
                    self.rows
                        .iter()
                        .position(|r| r.row().is_some_and(|r| r.line == l))
                })
                .unwrap_or(0);
        }
        self.height = page.height.max(1) as usize;
        self.scroll_to(self.scroll);
    }

    /// The pages as screen rows: each grid line of a page, its rules, its
    /// number, a break before the next.
    fn set_pages(&mut self) {
        let grid = Grid::new(&self.settings);
        let pages = pages(&self.lines, &grid);
        self.rows.clear();
        self.page_of.clear();
        for page in &pages {
            let mut push = |s: Shown| {
                self.rows.push(s);
                self.page_of.push(page.number);
            };
            if page.number > 1 {
                push(Shown::Break);
            }
            let mut line = 0;
            for placed in &page.rows {
                while line < placed.at {
                    push(Shown::Space);
                    line += 1;
                }
                push(Shown::Row(placed.row.clone()));
                for _ in 1..placed.lines {
                    push(Shown::Space);
                }
                line = line.max(placed.at + placed.lines);
            }
            while line < grid.lines {
                push(Shown::Space);
                line += 1;
            }
            push(Shown::Number(page.number));
        }
        self.pages = pages.len();
    }

    /// The page of the first row shown (0 when not paged).
    pub fn page(&self) -> usize {
        self.page_of.get(self.scroll).copied().unwrap_or(0)
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
    pub fn visible(&self) -> &[Shown] {
        let end = (self.scroll + self.height).min(self.rows.len());
        &self.rows[self.scroll.min(end)..end]
    }
}

/// Scrolling; Esc, Q or F5 close it.
impl Keys for Preview {
    fn command(&mut self, cmd: Command, _env: &Env) -> Option<Outcome> {
        let page = self.height.saturating_sub(1).max(1) as isize;
        match cmd {
            Command::Up => self.scroll_by(-1),
            Command::Down => self.scroll_by(1),
            Command::PageUp => self.scroll_by(-page),
            Command::PageDown => self.scroll_by(page),
            Command::First => self.scroll_to(0),
            Command::Last => self.scroll_to(usize::MAX),
            Command::Close => return Some(Outcome::Close),
            _ => return None,
        }
        Some(Outcome::Stay)
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
            (_, Some(super::tree::Node::Article(at))) => Some(at),
            (Some(a), _) => Some(a.pos),
            _ => None,
        };
        let settings = &self.lib.settings.export;
        let lines = layout(&doc.issue, settings.contents);
        let (_, page) = areas(self.width, self.height);
        self.overlay = Some(Overlay::Preview(Preview::new(
            lines,
            settings.clone(),
            focus,
            page,
        )));
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
}
