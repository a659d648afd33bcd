//! Where each pane goes for a terminal size: a pure function, so `update`
//! knows the pane sizes (for scrolling) and `ui` draws into the same rects.

use super::Focus;
use ratatui::layout::Rect;

/// Below this the app shows 窗口太小 instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, all three panes are shown side by side.
pub const WIDE: u16 = 100;
/// The widest the article's text column grows by default: 40 Chinese
/// characters a row, a comfortable measure to read; wider panes centre it.
pub const TEXT_WIDTH: u16 = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    pub title: Rect,
    pub issues: Option<Rect>,
    pub tree: Option<Rect>,
    pub editor: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Layout {
    /// `has_doc`: an issue is open (otherwise the list gets the room).
    pub fn compute(width: u16, height: u16, focus: Focus, zoom: bool, has_doc: bool) -> Layout {
        let full = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Layout {
                too_small: true,
                title: full,
                status: full,
                ..Layout::default()
            };
        }
        let title = Rect::new(0, 0, width, 1);
        let status = Rect::new(0, height - 1, width, 1);
        let body = Rect::new(0, 1, width, height - 2);
        let mut l = Layout {
            title,
            status,
            ..Layout::default()
        };
        if !has_doc {
            l.issues = Some(body);
            return l;
        }
        if zoom && focus == Focus::Editor {
            l.editor = Some(body);
            return l;
        }
        let split = |x: u16, w: u16| Rect::new(x, body.y, w, body.height);
        if width >= WIDE {
            // Issue list and tree at fixed comfortable widths; the editor takes the rest.
            let list_w = 24.min(width / 5);
            let tree_w = 30.min(width / 4);
            l.issues = Some(split(0, list_w));
            l.tree = Some(split(list_w, tree_w));
            l.editor = Some(split(list_w + tree_w, width - list_w - tree_w));
        } else {
            // Narrow: the issue list folds into the left pane while it has focus.
            let left_w = (width * 3 / 10).max(20);
            let left = split(0, left_w);
            if focus == Focus::Issues {
                l.issues = Some(left);
            } else {
                l.tree = Some(left);
            }
            l.editor = Some(split(left_w, width - left_w));
        }
        l
    }
}

/// The area inside a pane's one-cell border (`ui::pane` draws it).
pub fn inner(pane: Rect) -> Rect {
    Rect {
        x: pane.x.saturating_add(1),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    }
}

/// A popup of at most `w`×`h` centred in `area`, a cell from its edges.
pub fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height.saturating_sub(2)).max(1);
    Rect::new(
        area.x + area.width.saturating_sub(w) / 2,
        area.y + area.height.saturating_sub(h) / 2,
        w,
        h,
    )
}

/// Rows per issue in the issue list: one in a wide pane, two in a narrow one
/// (number and date, then status and counts).
pub fn issue_row_height(pane_width: u16) -> u16 {
    if pane_width >= 44 { 1 } else { 2 }
}

/// The parts of the article pane: the title block, the text, the find bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArticleAreas {
    pub header: Rect,
    pub body: Rect,
    pub find: Option<Rect>,
}

/// Splits the article pane's inner area: up to `header_rows` rows of title
/// block plus a blank row (dropped when the pane is short, the text comes
/// first), the text, and one row for the find bar when it is open. The
/// title block and the text are at most `column` cells wide (0: no limit),
/// centred; the find bar spans the pane.
pub fn article_areas(inner: Rect, header_rows: u16, find: bool, column: u16) -> ArticleAreas {
    let find_h = u16::from(find && inner.height >= 2);
    let text_h = inner.height - find_h;
    // Keep at least 4 text rows; the title block gives way first.
    let header_h = if header_rows > 0 && text_h >= header_rows + 1 + 4 {
        header_rows + 1
    } else {
        0
    };
    let (x, width) = if column > 0 && inner.width > column {
        (inner.x + (inner.width - column) / 2, column)
    } else {
        (inner.x, inner.width)
    };
    let header = Rect {
        x,
        width,
        height: header_h.saturating_sub(1),
        ..inner
    };
    let body = Rect::new(x, inner.y + header_h, width, text_h - header_h);
    let find = (find_h == 1).then(|| Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    });
    ArticleAreas { header, body, find }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_body_at_every_width() {
        for width in [MIN_WIDTH, 60, 80, 99, 100, 120, 250] {
            for focus in [Focus::Issues, Focus::Tree, Focus::Editor] {
                let l = Layout::compute(width, 24, focus, false, true);
                assert!(!l.too_small);
                let panes: Vec<Rect> = [l.issues, l.tree, l.editor].into_iter().flatten().collect();
                let total: u16 = panes.iter().map(|r| r.width).sum();
                assert_eq!(total, width, "{width} {focus:?}");
                assert!(panes.iter().all(|r| r.height == 22));
                let editor = l.editor.unwrap();
                assert!(
                    editor.width >= width / 2,
                    "{width}: editor {}",
                    editor.width
                );
            }
        }
    }

    #[test]
    fn the_title_block_gives_way_to_the_text_in_short_panes() {
        let a = article_areas(Rect::new(10, 2, 50, 20), 2, true, 0);
        assert_eq!(a.header, Rect::new(10, 2, 50, 2));
        assert_eq!(a.body, Rect::new(10, 5, 50, 16));
        assert_eq!(a.find, Some(Rect::new(10, 21, 50, 1)));
        let a = article_areas(Rect::new(0, 0, 50, 6), 3, false, 80);
        assert_eq!(a.header.height, 0);
        assert_eq!(a.body, Rect::new(0, 0, 50, 6));
        let a = article_areas(Rect::new(0, 0, 50, 1), 1, true, 0);
        assert_eq!((a.body.height, a.find), (1, None));
    }

    #[test]
    fn a_wide_pane_centres_a_column_of_the_configured_width() {
        let a = article_areas(Rect::new(31, 2, 127, 36), 2, true, 80);
        // 47 spare cells: 23 to the left, 24 to the right.
        assert_eq!(a.header, Rect::new(54, 2, 80, 2));
        assert_eq!(a.body, Rect::new(54, 5, 80, 32));
        assert_eq!(a.find, Some(Rect::new(31, 37, 127, 1)));
        // No wider than the pane; 0 is no limit.
        assert_eq!(
            article_areas(Rect::new(1, 1, 60, 20), 0, false, 80)
                .body
                .width,
            60
        );
        assert_eq!(
            article_areas(Rect::new(1, 1, 200, 20), 0, false, 0)
                .body
                .width,
            200
        );
    }

    #[test]
    fn narrow_screens_fold_the_list_and_zoom_gives_the_editor_everything() {
        let l = Layout::compute(80, 24, Focus::Tree, false, true);
        assert!(l.issues.is_none() && l.tree.is_some());
        let l = Layout::compute(80, 24, Focus::Issues, false, true);
        assert!(l.issues.is_some() && l.tree.is_none());
        let l = Layout::compute(80, 24, Focus::Editor, true, true);
        assert_eq!(l.editor, Some(Rect::new(0, 1, 80, 22)));
        assert!(Layout::compute(39, 24, Focus::Tree, false, true).too_small);
        assert!(Layout::compute(80, 7, Focus::Tree, false, true).too_small);
    }
}
