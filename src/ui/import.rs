//! The import overlay: the path prompt with its matches, the encoding
//! choice, the preview of what the import will make.

use super::Frame;
use super::theme::Theme;
use super::{fit, popup_pane, set_cursor, width};
use crate::app::App;
use crate::app::import::paths::size_label;
use crate::app::import::{self, HEAD_ROWS, Import, RowKind, Step, hint_msg};
use crate::i18n::Msg;
use crate::text::wrap;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, i: &Import) {
    let lang = app.lang;
    let title = match (&i.step, i.target) {
        (Step::Preview(shown), _) => {
            let name = shown.file.file_name().map_or_else(
                || shown.plan.file.clone(),
                |n| n.to_string_lossy().into_owned(),
            );
            lang.fmt(Msg::ImportPreviewTitle, &[&name])
        }
        (_, import::Target::New) => lang.t(Msg::ImportTitleNew).to_string(),
        (_, import::Target::Into(id)) => {
            let number = app
                .doc
                .as_ref()
                .map(|d| lang.issue_number(d.issue.number, d.issue.total, d.issue.supplement))
                .unwrap_or_default();
            lang.fmt(Msg::ImportTitleInto, &[&id, &number])
        }
    };
    let r = import::popup(frame.area().width, frame.area().height);
    let inner = popup_pane(frame, theme, r.width, r.height, &title);
    if inner.height < HEAD_ROWS + 2 {
        return;
    }
    let w = inner.width as usize;
    let row = |n: u16| Rect {
        y: inner.y + n,
        height: 1,
        ..inner
    };
    let last = row(inner.height - 1);
    let hint = app.hint(hint_msg(&i.step), &[]);
    match &i.step {
        Step::Path => path(app, theme, frame, i, inner),
        Step::Encoding {
            file,
            choices,
            selected,
        } => {
            let ask = lang.fmt(Msg::ImportEncodingAsk, &[&i.roots.shown(file)]);
            frame.render_widget(Paragraph::new(fit(&ask, w)), row(0));
            rule(theme, frame, row(1));
            let rows: Vec<Line> = choices
                .iter()
                .enumerate()
                .take(inner.height.saturating_sub(3) as usize)
                .map(|(n, c)| {
                    let name = format!("{:<10}", c.encoding.name());
                    let sample = fit(&c.sample, w.saturating_sub(width(&name)));
                    let pad = w.saturating_sub(width(&name) + width(&sample));
                    let line = Line::from(vec![
                        Span::styled(name, theme.key),
                        Span::raw(sample),
                        Span::raw(" ".repeat(pad)),
                    ]);
                    theme.row(line, n == *selected, true)
                })
                .collect();
            frame.render_widget(
                Paragraph::new(rows),
                Rect {
                    y: inner.y + 2,
                    height: inner.height.saturating_sub(3),
                    ..inner
                },
            );
        }
        Step::Preview(shown) => {
            let page = inner.height.saturating_sub(1) as usize;
            let top = shown.scroll.min(shown.rows.len().saturating_sub(page));
            let rows: Vec<Line> = shown
                .rows
                .iter()
                .skip(top)
                .take(page)
                .map(|r| {
                    let style = match r.kind {
                        RowKind::Head => theme.heading,
                        RowKind::Section => theme.section,
                        RowKind::Article | RowKind::Note => Style::default(),
                    };
                    Line::styled(r.text.clone(), style)
                })
                .collect();
            frame.render_widget(
                Paragraph::new(rows),
                Rect {
                    height: page as u16,
                    ..inner
                },
            );
            // Where the page is in the whole, beside the keys.
            let end = (top + page).min(shown.rows.len());
            let at = format!("{}–{}/{}", top + 1, end, shown.rows.len());
            let keys = fit(&hint, w.saturating_sub(width(&at) + 1));
            let pad = w.saturating_sub(width(&keys) + width(&at));
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(keys, theme.dim),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(at, theme.dim),
                ])),
                last,
            );
            return;
        }
    }
    frame.render_widget(Paragraph::new(fit(&hint, w)).style(theme.dim), last);
}

fn rule(theme: &Theme, frame: &mut Frame, at: Rect) {
    frame.render_widget(
        Paragraph::new("─".repeat(at.width as usize)).style(theme.border),
        at,
    );
}

/// The path step: the field, where relative paths start, the matches, and
/// why the last attempt stopped.
fn path(app: &App, theme: &Theme, frame: &mut Frame, i: &Import, inner: Rect) {
    let lang = app.lang;
    let w = inner.width as usize;
    let label = lang.t(Msg::ImportFileLabel);
    // A long path shows its end, where the caret usually is.
    let room = w.saturating_sub(width(label) + 1);
    let caret = i.input.caret_column();
    let text = i.input.text();
    let (shown, caret) = if caret <= room {
        (fit(text, room + 1), caret)
    } else {
        let mut skip = 0;
        let mut cut = text;
        for (at, c) in text.char_indices() {
            if caret - skip <= room {
                cut = &text[at..];
                break;
            }
            skip += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
        (fit(cut, room + 1), caret - skip)
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label, theme.key),
            Span::raw(shown),
        ])),
        Rect { height: 1, ..inner },
    );
    set_cursor(
        frame,
        inner,
        inner.x + (width(label) + caret).min(w.saturating_sub(1)) as u16,
        inner.y,
    );
    let base = i.roots.shown(&i.roots.base);
    let note = fit(&lang.fmt(Msg::ImportRelative, &[&base]), w);
    frame.render_widget(
        Paragraph::new(note).style(theme.dim),
        Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        },
    );
    rule(
        theme,
        frame,
        Rect {
            y: inner.y + 2,
            height: 1,
            ..inner
        },
    );
    // The error under the list, wrapped, at most a third of the popup.
    let error: Vec<String> = i
        .error
        .as_deref()
        .filter(|e| !e.is_empty())
        .map(|e| {
            wrap(e, w, 0)
                .into_iter()
                .map(|r| e[r.start..r.end].to_string())
                .collect()
        })
        .unwrap_or_default();
    let list_h = inner.height.saturating_sub(HEAD_ROWS + 1);
    let error_h = (error.len() as u16).min(list_h / 3 + 1).min(list_h);
    let list = Rect {
        y: inner.y + HEAD_ROWS,
        height: list_h - error_h,
        ..inner
    };
    if error_h > 0 {
        let rows: Vec<Line> = error
            .into_iter()
            .take(error_h as usize)
            .map(|l| Line::styled(l, theme.error))
            .collect();
        frame.render_widget(
            Paragraph::new(rows),
            Rect {
                y: list.y + list.height,
                height: error_h,
                ..inner
            },
        );
    }
    if i.matches.is_empty() {
        if !i.input.text().trim().is_empty() {
            super::hint(frame, theme, list, lang.t(Msg::ImportNoMatch));
        }
        return;
    }
    let page = (list.height as usize).max(1);
    let scroll = match i.selected {
        Some(s) => i.scroll.min(s).max((s + 1).saturating_sub(page)),
        None => 0,
    };
    let rows: Vec<Line> = i
        .matches
        .iter()
        .enumerate()
        .skip(scroll)
        .take(page)
        .map(|(n, e)| {
            let size = e.size.map(size_label).unwrap_or_default();
            let name = if e.dir {
                format!("{}/", e.name)
            } else {
                e.name.clone()
            };
            let name = fit(&name, w.saturating_sub(width(&size) + 2));
            let pad = w.saturating_sub(width(&name) + width(&size));
            let style = if e.dir {
                theme.section
            } else {
                Style::default()
            };
            let line = Line::from(vec![
                Span::styled(name, style),
                Span::raw(" ".repeat(pad)),
                Span::styled(size, theme.dim),
            ]);
            theme.row(line, i.selected == Some(n), true)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);
}
