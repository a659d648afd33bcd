//! The statistics view, full screen: the table (headings, one row a unit,
//! section or month, the total), the selected row in full with the ways
//! its unit was written, the period, and the keys — or the CSV's path.
//! Columns narrow to the window: the name and the issue list are
//! shortened (never cut inside a character), the counts never.

use super::Frame;
use super::theme::Theme;
use super::{fit, pane, set_cursor, width};
use crate::app::App;
use crate::app::stats::{Mode, StatsView, issue_list};
use crate::export::stats::{Column, columns};
use crate::i18n::{Lang, Msg};
use crate::model::stats::{By, Row};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// A cell as shown: the issues as 第N期, the rest as in the CSV.
fn shown(lang: Lang, c: Column, row: &Row, name: Option<&str>) -> String {
    match c {
        Column::IssueIds if name.is_some() => String::new(),
        Column::IssueIds => issue_list(lang, &row.issues),
        _ => c.cell(lang, row, name),
    }
}

/// The widths of the columns in `room` display columns, one space between
/// them: counts as wide as they need; the name and the issues share the
/// rest, the name at most what it needs.
fn widths(cols: &[Column], texts: &[Vec<String>], room: usize) -> Vec<usize> {
    let need: Vec<usize> = (0..cols.len())
        .map(|i| texts.iter().map(|r| width(&r[i])).max().unwrap_or(0))
        .collect();
    let flexible = |c: &Column| matches!(c, Column::Name | Column::IssueIds);
    let fixed: usize = cols
        .iter()
        .zip(&need)
        .filter(|(c, _)| !flexible(c))
        .map(|(_, w)| w + 1)
        .sum();
    let rest = room.saturating_sub(fixed + 1);
    let name_need = need[0];
    let ids_need = need[cols.len() - 1];
    let name_w = if name_need + ids_need <= rest {
        name_need
    } else {
        name_need.min((rest * 2 / 5).max(rest.saturating_sub(ids_need)))
    };
    let mut w = need;
    w[0] = name_w;
    let last = w.len() - 1;
    w[last] = rest.saturating_sub(name_w);
    w
}

/// The cells laid out in their widths: text to the left, counts to the
/// right.
fn layout(cols: &[Column], cells: &[String], w: &[usize]) -> String {
    let mut out = String::new();
    for (i, (c, cell)) in cols.iter().zip(cells).enumerate() {
        let t = fit(cell, w[i]);
        let pad = " ".repeat(w[i].saturating_sub(width(&t)));
        if matches!(c, Column::Name | Column::IssueIds) {
            out.push_str(&t);
            out.push_str(&pad);
        } else {
            out.push_str(&pad);
            out.push_str(&t);
        }
        if i + 1 < cols.len() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, v: &StatsView) {
    let lang = app.lang;
    let area = frame.area();
    frame.render_widget(Clear, area);
    let by = match v.by {
        By::Source => Msg::StatsSource,
        By::Section => Msg::StatsSection,
        By::Month => Msg::StatsMonth,
    };
    let mut title = lang.fmt(Msg::StatsViewTitle, &[&lang.t(by), &v.span.label(lang)]);
    if let Some(c) = v.sort {
        let order = lang.t(if v.descending {
            Msg::StatsViewDescending
        } else {
            Msg::StatsViewAscending
        });
        let sorted = lang.fmt(Msg::StatsViewSortedBy, &[&c.heading(lang, v.by), &order]);
        title = format!("{title} · {sorted}");
    }
    let title = fit(
        &format!(" {title} "),
        (area.width as usize).saturating_sub(2),
    );
    let inner = pane(frame, theme, area, &title, true);
    if inner.height < 6 || inner.width < 20 {
        return;
    }
    let w = inner.width as usize;
    let line_at = |y: u16| Rect {
        y,
        height: 1,
        ..inner
    };
    let put = |frame: &mut Frame, y: u16, line: Line| {
        frame.render_widget(Paragraph::new(line), line_at(y));
    };
    let t = &v.table;
    let cols = columns(t);
    // Headings (the sorted one marked), the rows, the total.
    let mut texts: Vec<Vec<String>> = vec![
        cols.iter()
            .map(|c| {
                let h = c.heading(lang, v.by).to_string();
                match v.sort {
                    Some(s) if s == *c && v.descending => format!("{h}↓"),
                    Some(s) if s == *c => format!("{h}↑"),
                    _ => h,
                }
            })
            .collect(),
    ];
    texts.extend(
        v.rows
            .iter()
            .map(|r| cols.iter().map(|c| shown(lang, *c, r, None)).collect()),
    );
    let total_name = lang.t(Msg::StatsTotal);
    texts.push(
        cols.iter()
            .map(|c| shown(lang, *c, &t.total, Some(total_name)))
            .collect(),
    );
    let cw = widths(&cols, &texts, w);
    let bottom = inner.bottom();
    // Under the rows: a rule and the total; at the bottom the selected row
    // in full (two lines), the period, the keys.
    let footer = 4;
    put(
        frame,
        inner.y,
        Line::styled(layout(&cols, &texts[0], &cw), theme.heading),
    );
    let rows_y = inner.y + 1;
    let room = (inner.height as usize).saturating_sub(3 + footer).max(1);
    if v.rows.is_empty() {
        let empty = lang.t(if t.issues == 0 {
            Msg::StatsEmpty
        } else {
            Msg::StatsViewNoArticles
        });
        put(frame, rows_y, Line::styled(fit(empty, w), theme.dim));
    }
    let skip = (v.selected + 1).saturating_sub(room);
    for (n, (i, cells)) in texts[1..=v.rows.len()]
        .iter()
        .enumerate()
        .skip(skip)
        .take(room)
        .enumerate()
    {
        let mut line = Line::from(layout(&cols, cells, &cw));
        if v.rows[i].key.is_empty() {
            line = line.style(theme.dim);
        }
        let line = theme.row(line, i == v.selected, matches!(v.mode, Mode::Table));
        put(frame, rows_y + n as u16, line);
    }
    let rule_y = rows_y + v.rows.len().clamp(1, room) as u16;
    put(frame, rule_y, Line::styled("─".repeat(w), theme.border));
    let total = texts
        .last()
        .map(|c| layout(&cols, c, &cw))
        .unwrap_or_default();
    put(frame, rule_y + 1, Line::styled(total, theme.title));
    let foot_y = bottom - footer as u16;
    // The selected row in full: its name, every issue, the spellings merged.
    let detail = match v.rows.get(v.selected) {
        Some(r) => {
            let name = Column::Name.cell(lang, r, None);
            let mut d = format!("{name}：{}", issue_list(lang, &r.issues));
            if !r.variants.is_empty() {
                let merged = lang.fmt(
                    Msg::StatsMerged,
                    &[&name, &r.variants.join(lang.t(Msg::ListSeparator))],
                );
                d = format!("{d}　{merged}");
            }
            d
        }
        None => String::new(),
    };
    let rows = crate::text::wrap(&detail, w.max(2), 0);
    for (n, row) in rows.iter().take(2).enumerate() {
        let mut text = detail[row.start..row.end].to_string();
        if n == 1 && rows.len() > 2 {
            text = fit(&format!("{text}{}", &detail[row.end..]), w);
        }
        put(frame, foot_y + n as u16, Line::styled(text, theme.dim));
    }
    let any = lang.t(Msg::StatsAny);
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(|| any.to_string(), |d| d.to_string());
    let mut period = lang.fmt(
        Msg::StatsPeriod,
        &[&day(t.period.from), &day(t.period.to), &t.issues],
    );
    if t.unsigned > 0 {
        // Chinese sentences run on; English ones take a space.
        if lang == Lang::En {
            period.push(' ');
        }
        period.push_str(&lang.fmt(Msg::StatsUnsigned, &[&t.unsigned]));
    }
    if let Some(first) = v.unread.first() {
        let unread = lang.fmt(Msg::StatsViewUnread, &[&v.unread.len(), first]);
        period = format!("{unread} {period}");
    }
    put(frame, foot_y + 2, Line::styled(fit(&period, w), theme.dim));
    render_last_line(app, theme, frame, v, line_at(bottom - 1));
}

/// The keys, what the last action said, or the CSV's path field.
fn render_last_line(app: &App, theme: &Theme, frame: &mut Frame, v: &StatsView, at: Rect) {
    let lang = app.lang;
    let w = at.width as usize;
    let (input, prompt, hint) = match &v.mode {
        Mode::Table => {
            let line = match &v.message {
                Some((m, true)) => Line::styled(fit(m, w), theme.error),
                Some((m, false)) => Line::styled(fit(m, w), theme.notice),
                None => Line::styled(fit(&app.hint(Msg::StatsViewHint, &[]), w), theme.dim),
            };
            frame.render_widget(Paragraph::new(line), at);
            return;
        }
        Mode::Path(input) => (
            input,
            lang.t(Msg::StatsViewPathPrompt).to_string(),
            app.hint(Msg::StatsViewPathHint, &[]),
        ),
        Mode::Overwrite { path, .. } => {
            let ask = lang.fmt(Msg::StatsViewOverwrite, &[&path.display()]);
            let hint = app.hint(Msg::StatsViewOverwriteHint, &[]);
            let room = w.saturating_sub(width(&hint) + 1);
            let line = Line::from(vec![
                Span::styled(fit(&ask, room), theme.error),
                Span::raw(" "),
                Span::styled(hint, theme.dim),
            ]);
            frame.render_widget(Paragraph::new(line), at);
            return;
        }
    };
    // An error (a folder that is not there) shows in place of the hint.
    let (hint, hint_style): (String, Style) = match &v.message {
        Some((m, _)) => (m.clone(), theme.error),
        None => (hint, theme.dim),
    };
    let hint = fit(&hint, w / 3);
    let field_w = w.saturating_sub(width(&prompt) + width(&hint) + 1);
    // The end of a long path, where the name is, stays in sight.
    let text = input.text();
    let caret = input.caret_column();
    let start = caret.saturating_sub(field_w.saturating_sub(1));
    let rest = skip_columns(text, start);
    let skipped = width(text) - width(&rest);
    let visible = fit(&rest, field_w);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt.clone(), theme.title),
            Span::styled(
                format!(
                    "{visible}{}",
                    " ".repeat(field_w.saturating_sub(width(&visible)))
                ),
                theme.field_focus,
            ),
            Span::raw(" "),
            Span::styled(hint, hint_style),
        ])),
        at,
    );
    set_cursor(
        frame,
        at,
        at.x + (width(&prompt) + caret.saturating_sub(skipped)).min(w.saturating_sub(1)) as u16,
        at.y,
    );
}

/// `s` without its first `n` display columns (a wide character cut in two
/// goes whole).
fn skip_columns(s: &str, n: usize) -> String {
    let mut used = 0;
    s.chars()
        .skip_while(|c| {
            if used >= n {
                return false;
            }
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            true
        })
        .collect()
}
