//! The search overlay: the query, then the articles found, two rows each
//! (issue, date, 【section】title; the matched line), matches marked.

use super::Frame;
use super::theme::Theme;
use super::{fit, popup_pane, set_cursor, width};
use crate::app::App;
use crate::app::search::{HIT_ROWS, Search};
use crate::i18n::Msg;
use crate::store::index::corpus::LineKind;
use crate::store::search::Hit;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, s: &Search) {
    let lang = app.lang;
    let area = frame.area();
    let inner = popup_pane(
        frame,
        theme,
        110,
        area.height,
        &app.hint(Msg::SearchTitle, &[]),
    );
    if inner.height < 3 {
        return;
    }
    let w = inner.width as usize;
    // The query, with the count at the right.
    let prompt = "> ";
    let count = if s.input.text().trim().is_empty() {
        String::new()
    } else {
        lang.fmt(Msg::SearchCount, &[&s.hits.len()])
    };
    let field = fit(
        &format!("{prompt}{}", s.input.text()),
        w.saturating_sub(width(&count) + 1),
    );
    let pad = w.saturating_sub(width(&field) + width(&count));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(field),
            Span::raw(" ".repeat(pad)),
            Span::styled(count, theme.dim),
        ])),
        Rect { height: 1, ..inner },
    );
    set_cursor(
        frame,
        inner,
        inner.x + (width(prompt) + s.input.caret_column()).min(w.saturating_sub(1)) as u16,
        inner.y,
    );
    frame.render_widget(
        Paragraph::new("─".repeat(w)).style(theme.border),
        Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        },
    );
    let list = Rect {
        y: inner.y + 2,
        height: inner.height - 2,
        ..inner
    };
    if s.hits.is_empty() {
        let hint = if s.input.text().trim().is_empty() {
            lang.t(Msg::SearchHint)
        } else {
            lang.t(Msg::SearchEmpty)
        };
        super::hint(frame, theme, list, hint);
        return;
    }
    // A match stands out in colour and without (bold, underlined).
    let mark = theme.section.add_modifier(Modifier::UNDERLINED);
    let page = (list.height as usize / HIT_ROWS).max(1);
    // The selection stays in view whatever the terminal's size now.
    let scroll = s
        .scroll
        .min(s.selected)
        .max((s.selected + 1).saturating_sub(page));
    let rows: Vec<Line> = s
        .hits
        .iter()
        .enumerate()
        .skip(scroll)
        .take(page)
        .flat_map(|(i, hit)| {
            let unsaved = (s.unsaved == Some(hit.id())).then(|| lang.t(Msg::SearchUnsaved));
            let lines = hit_lines(app, hit, unsaved, w, mark);
            let selected = i == s.selected;
            lines.into_iter().map(move |l| theme.row(l, selected, true))
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);
}

/// The two rows of a hit, `w` columns wide (padded, so a selected hit is
/// one bar).
fn hit_lines(
    app: &App,
    hit: &Hit,
    unsaved: Option<&str>,
    w: usize,
    mark: Style,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let id = hit.id();
    let number = lang.issue_number(id.number, None, id.supplement);
    let mut head = format!("{number}  {}", hit.date().format("%Y-%m-%d"));
    if let Some(u) = unsaved {
        head += &format!("（{u}）");
    }
    head += &format!("  【{}】", hit.section_title());
    let room = w.saturating_sub(width(&head));
    let title_marks: &[Range<usize>] = if hit.line == LineKind::Title {
        &hit.marks
    } else {
        &[]
    };
    let mut first = vec![Span::raw(head)];
    first.extend(marked(&fit(&hit.title(), room), title_marks, mark));
    let (text, marks) = hit.snippet(w.saturating_sub(2));
    let text = match hit.line {
        LineKind::Source => format!("（{text}）"),
        _ => text,
    };
    let shift = if hit.line == LineKind::Source {
        '（'.len_utf8()
    } else {
        0
    };
    let marks: Vec<Range<usize>> = marks
        .iter()
        .map(|m| m.start + shift..m.end + shift)
        .collect();
    let mut second = vec![Span::raw("  ")];
    second.extend(marked(&text, &marks, mark));
    [first, second]
        .into_iter()
        .map(|spans| {
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            let mut spans = spans;
            spans.push(Span::raw(" ".repeat(w.saturating_sub(used))));
            Line::from(spans)
        })
        .collect()
}

/// `text` as spans with the byte ranges `marks` (those inside it) styled.
fn marked(text: &str, marks: &[Range<usize>], style: Style) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    for m in marks {
        if m.start < at
            || m.end > text.len()
            || !text.is_char_boundary(m.start)
            || !text.is_char_boundary(m.end)
        {
            continue;
        }
        if m.start > at {
            out.push(Span::raw(text[at..m.start].to_string()));
        }
        out.push(Span::styled(text[m.clone()].to_string(), style));
        at = m.end;
    }
    if at < text.len() {
        out.push(Span::raw(text[at..].to_string()));
    }
    out
}
