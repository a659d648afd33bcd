//! The inbox view: the submissions (收文号 and date, unit, title, 字数,
//! state) over the selected one's text as it would be imported; the
//! section picker of an adoption or the field of a note in its place.

use super::Frame;
use super::theme::Theme;
use super::{fit, popup_pane, set_cursor, width};
use crate::app::App;
use crate::app::inbox::{InboxView, Mode, row_cells};
use crate::i18n::Msg;
use crate::inbox::flags::flag_text;
use crate::model::inbox::SubState;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, v: &InboxView) {
    let lang = app.lang;
    let area = frame.area();
    let pending = v.rows.iter().filter(|e| !e.record.state.is_final()).count();
    // Clear of the panes' borders, which would double its corners.
    let inner = popup_pane(
        frame,
        theme,
        100.min(area.width.saturating_sub(4)),
        area.height,
        &lang.fmt(Msg::InboxTitle, &[&pending]),
    );
    if inner.height < 6 {
        return;
    }
    let w = inner.width as usize;
    let line_at = |y: u16| Rect {
        y,
        height: 1,
        ..inner
    };
    // The list: up to half the height.
    let list_h = ((inner.height as usize - 3) / 2).clamp(1, v.rows.len().max(1));
    let skip = (v.selected + 1).saturating_sub(list_h);
    for (n, (i, e)) in v
        .rows
        .iter()
        .enumerate()
        .skip(skip)
        .take(list_h)
        .enumerate()
    {
        let [head, unit, title, chars, state] = row_cells(lang, e);
        let flag = if v.flags.contains_key(&e.record.id) {
            "!"
        } else {
            " "
        };
        let unit = fit(&unit, 12);
        let state = fit(&state, 16);
        let fixed = width(&head) + 1 + 12 + 1 + 1 + 5 + 1 + width(&state) + 1;
        let title_w = w.saturating_sub(fixed);
        let title = fit(&title, title_w);
        let text = format!(
            "{head}{flag}{unit}{} {title}{} {chars:>5} {state}",
            " ".repeat(12usize.saturating_sub(width(&unit))),
            " ".repeat(title_w.saturating_sub(width(&title))),
        );
        let mut line = Line::from(fit(&text, w));
        if e.record.state.is_final() {
            line = line.style(theme.dim);
        }
        frame.render_widget(
            Paragraph::new(theme.row(line, i == v.selected, matches!(v.mode, Mode::List))),
            line_at(inner.y + n as u16),
        );
    }
    let rule_y = inner.y + list_h as u16;
    frame.render_widget(
        Paragraph::new("─".repeat(w)).style(theme.border),
        line_at(rule_y),
    );
    let body = Rect {
        y: rule_y + 1,
        height: inner.bottom().saturating_sub(rule_y + 2),
        ..inner
    };
    let hint_y = inner.bottom() - 1;
    match &v.mode {
        Mode::List if v.rows.is_empty() => {
            super::hint(frame, theme, body, lang.t(Msg::InboxEmptyTui));
        }
        Mode::List => {
            render_preview(app, theme, frame, v, body);
            let hint = app.hint(Msg::InboxHint, &[]);
            frame.render_widget(
                Paragraph::new(fit(&hint, w)).style(theme.dim),
                line_at(hint_y),
            );
        }
        Mode::Adopt {
            sections,
            section,
            kind,
        } => {
            let id = app
                .doc
                .as_ref()
                .map(|d| d.id.to_string())
                .unwrap_or_default();
            let mut lines = vec![Line::from(Span::styled(
                lang.fmt(Msg::InboxAdoptTitle, &[&id]),
                theme.title,
            ))];
            // A duplicate may still be adopted: said before it is.
            let selected = v.selected_entry().map(|e| e.record.id);
            for f in selected
                .and_then(|id| v.flags.get(&id))
                .into_iter()
                .flatten()
            {
                if !matches!(f, crate::inbox::flags::Flag::AdoptedTwice(_)) {
                    let warn = lang.fmt(Msg::InboxDuplicateWarn, &[&flag_text(lang, f)]);
                    lines.push(Line::from(Span::styled(fit(&warn, w), theme.error)));
                }
            }
            let as_kind = lang.fmt(Msg::InboxAdoptAs, &[&lang.kind(*kind)]);
            lines.push(Line::from(as_kind));
            let room = (body.height as usize).saturating_sub(lines.len()).max(1);
            let skip = (section + 1).saturating_sub(room);
            for (i, s) in sections.iter().enumerate().skip(skip).take(room) {
                let l = Line::from(fit(&format!("【{s}】"), w));
                lines.push(theme.row(l, i == *section, true));
            }
            frame.render_widget(Paragraph::new(lines), body);
            let hint = app.hint(Msg::InboxAdoptHint, &[]);
            frame.render_widget(
                Paragraph::new(fit(&hint, w)).style(theme.dim),
                line_at(hint_y),
            );
        }
        Mode::Note { input, .. } | Mode::Unit(input) => {
            render_preview(
                app,
                theme,
                frame,
                v,
                Rect {
                    height: body.height.saturating_sub(1),
                    ..body
                },
            );
            let label = lang.t(match &v.mode {
                Mode::Note {
                    to: SubState::Declined,
                    ..
                } => Msg::InboxReasonTitle,
                Mode::Note { .. } => Msg::InboxNoteTitle,
                _ => Msg::InboxUnitTitle,
            });
            let prompt = format!("{label}：");
            let hint = app.hint(Msg::InboxNoteHint, &[]);
            let field_w = w.saturating_sub(width(&prompt) + width(&hint) + 1);
            let text = fit(input.text(), field_w);
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(prompt.clone(), theme.title),
                    Span::styled(
                        format!("{text}{}", " ".repeat(field_w.saturating_sub(width(&text)))),
                        theme.field_focus,
                    ),
                    Span::raw(" "),
                    Span::styled(hint, theme.dim),
                ])),
                line_at(hint_y),
            );
            set_cursor(
                frame,
                inner,
                inner.x + (width(&prompt) + input.caret_column()).min(w.saturating_sub(1)) as u16,
                hint_y,
            );
        }
    }
}

/// The selected submission: its flags and last decision, then its text.
fn render_preview(app: &App, theme: &Theme, frame: &mut Frame, v: &InboxView, area: Rect) {
    let lang = app.lang;
    let w = area.width as usize;
    let Some(e) = v.selected_entry() else {
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    for f in v.flags.get(&e.record.id).into_iter().flatten() {
        lines.push(Line::from(Span::styled(
            fit(&format!("! {}", flag_text(lang, f)), w),
            theme.title,
        )));
    }
    if let Some(d) = e.record.last() {
        let mut l = format!(
            "{}：{}",
            crate::store::inbox::sub_state(lang, d.state),
            d.who()
        );
        if let Some(n) = &d.note {
            l.push_str(&format!("，{n}"));
        }
        lines.push(Line::from(Span::styled(fit(&l, w), theme.dim)));
    }
    if v.preview.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(Msg::InboxNoPreview),
            theme.dim,
        )));
    }
    // The text, wrapped at the pane's width by the Chinese line-breaking
    // rules, from where it is scrolled to.
    let mut text: Vec<Line> = Vec::new();
    for p in &v.preview {
        if p.is_empty() {
            text.push(Line::from(""));
            continue;
        }
        for row in crate::text::wrap(p, w.max(2), 0) {
            text.push(Line::from(p[row.start..row.end].to_string()));
        }
    }
    lines.extend(text.into_iter().skip(v.scroll));
    frame.render_widget(Paragraph::new(lines), area);
}
