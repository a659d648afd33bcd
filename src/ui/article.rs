//! The article pane: the open article's title block, its text in the
//! editor, and the find bar. Outside the editor it shows what the tree
//! highlights: that article read-only (no caret; the title names the key
//! that edits it), or a summary of a highlighted section.

use super::Frame;
use super::theme::Theme;
use super::{fit, hint, pane, set_cursor, width};
use crate::app::{App, Focus};
use crate::i18n::Msg;
use crate::model::{ArticleKind, ArticleRef};
use crate::ui::editor::{self, EditorStyles};
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let focused = app.focus == Focus::Editor;
    let section = app.shown_section();
    let title = match (section, app.focus) {
        (Some(_), _) => app.hint(Msg::PaneSection, &[]),
        (None, Focus::Tree) if app.doc.as_ref().is_some_and(|d| d.article.is_some()) => {
            app.hint(Msg::PaneEditorReadOnly, &[])
        }
        _ => lang.t(Msg::PaneEditor).to_string(),
    };
    let title = fit(&title, area.width.saturating_sub(2) as usize);
    let inner = pane(frame, theme, area, &title, focused);
    if let (Some(s), Some(doc)) = (section, app.doc.as_ref()) {
        section_summary(app, theme, frame, inner, doc, s);
        return;
    }
    let (Some(doc), Some(areas)) = (app.doc.as_ref(), app.article_areas_in(area)) else {
        hint(frame, theme, inner, lang.t(Msg::EmptyEditor));
        return;
    };
    let Some((edit, article)) = doc
        .article
        .as_ref()
        .and_then(|e| Some((e, doc.issue.article(e.pos)?)))
    else {
        return;
    };
    // Matches of a search across the issue, marked in the title.
    let marks = app.title_marks();
    let mut header: Vec<Line> = article
        .title
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let here: Vec<_> = marks.iter().filter(|m| m.0 == i).collect();
            let w = areas.header.width as usize;
            if here.is_empty() || width(t) > w {
                return Line::styled(fit(t, w), theme.heading).alignment(Alignment::Center);
            }
            let spans: Vec<Span> = crate::text::graphemes(t)
                .enumerate()
                .map(|(k, g)| {
                    let style = match here.iter().find(|m| m.1 <= k && k < m.2) {
                        Some(m) if m.3 => theme.heading.add_modifier(
                            ratatui::style::Modifier::REVERSED
                                | ratatui::style::Modifier::UNDERLINED,
                        ),
                        Some(_) => theme
                            .heading
                            .add_modifier(ratatui::style::Modifier::UNDERLINED),
                        None => theme.heading,
                    };
                    Span::styled(g.to_string(), style)
                })
                .collect();
            Line::from(spans).alignment(Alignment::Center)
        })
        .collect();
    if let Some(src) = &article.source {
        header.push(
            Line::from(fit(&format!("（{src}）"), areas.header.width as usize))
                .alignment(Alignment::Center),
        );
    }
    frame.render_widget(Paragraph::new(header), areas.header);

    let caret = editor::render(
        &edit.editor,
        areas.body,
        frame.buffer_mut(),
        &EditorStyles::default(),
    );
    find_bar_and_cursor(app, theme, frame, &areas, caret);
}

/// Draws again what typing or a caret move can change in the article pane
/// (see `ui::Painter`): the rows of the text that changed, the find bar;
/// the frame and the title are as the last frame left them. Returns the
/// screen rows drawn.
pub fn render_local(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    shown: &mut editor::Shown,
) -> Vec<u16> {
    let (Some(doc), Some(areas)) = (app.doc.as_ref(), app.article_areas_in(area)) else {
        return Vec::new();
    };
    let Some(edit) = doc.article.as_ref() else {
        return Vec::new();
    };
    let (caret, mut drawn) = editor::render_changed(
        &edit.editor,
        areas.body,
        frame.buffer_mut(),
        &EditorStyles::default(),
        shown,
    );
    if let Some(r) = areas.find {
        frame.render_widget(ratatui::widgets::Clear, r);
        drawn.extend(r.top()..r.bottom());
    }
    find_bar_and_cursor(app, theme, frame, &areas, caret);
    drawn
}

/// Where the terminal may show a character typed now, before the app has
/// handled it (`term::screen`): on the caret, at the end of its paragraph,
/// with `room` blank columns up to the text's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EchoSlot {
    pub at: ratatui::layout::Position,
    pub room: u16,
}

/// The [`EchoSlot`] of the frame `buf`, whose cursor is `cursor`, if the
/// app would take a character typed now as it is (`App::echo_ready`).
pub fn echo_slot(
    app: &App,
    buf: &ratatui::buffer::Buffer,
    cursor: Option<ratatui::layout::Position>,
) -> Option<EchoSlot> {
    let at = cursor?;
    if !app.echo_ready() {
        return None;
    }
    let body = app.article_areas()?.body;
    let edit = app.doc.as_ref()?.article.as_ref()?;
    if !body.contains(at) {
        return None;
    }
    let width = u16::try_from(edit.editor.width()).unwrap_or(u16::MAX);
    let end = body.right().min(body.x.saturating_add(width));
    let room = editor::room_after(buf, at, end, &EditorStyles::default());
    // Not where a row begins: a character typed there may take graphemes
    // from the row before (a word's letters, an opening bracket that may
    // not end a row, punctuation that may not begin one).
    (room > 0 && at.x > body.x).then_some(EchoSlot { at, room })
}

/// Puts `c`, typed into `slot`, into `buf` as the frame after the key will
/// draw it, if it fits; returns the columns it takes.
pub fn put_typed(buf: &mut ratatui::buffer::Buffer, slot: EchoSlot, c: char) -> Option<u16> {
    editor::put_typed(buf, slot.at, slot.room, c, &EditorStyles::default())
}

/// Records in `shown` the text rows a full drawing of the pane drew.
pub fn note_drawn(app: &App, area: Rect, shown: &mut editor::Shown) {
    let areas = app.article_areas_in(area);
    match (app.doc.as_ref().and_then(|d| d.article.as_ref()), areas) {
        (Some(edit), Some(areas)) => {
            shown.note(&edit.editor, areas.body, &EditorStyles::default());
        }
        _ => *shown = editor::Shown::default(),
    }
}

/// The find bar, when open, and the terminal cursor: in the bar's field,
/// or on the caret.
fn find_bar_and_cursor(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    areas: &crate::app::layout::ArticleAreas,
    caret: Option<ratatui::layout::Position>,
) {
    let lang = app.lang;
    let focused = app.focus == Focus::Editor;
    let Some(doc) = app.doc.as_ref() else { return };
    if let (Some(bar), Some(r)) = (&doc.find, areas.find) {
        let issue = bar.scope == crate::app::find::Scope::Issue;
        let find_label = if issue {
            Msg::FindIssueLabel
        } else {
            Msg::FindLabel
        };
        let (label, field, hint_msg) = match (&bar.replace, bar.on_replace) {
            (Some(rep), true) => (Msg::ReplaceLabel, rep, Msg::ReplaceHint),
            (Some(_), false) => (find_label, &bar.query, Msg::ReplaceHint),
            (None, _) => (find_label, &bar.query, Msg::FindHint),
        };
        let label = lang.t(label);
        let w = r.width as usize;
        let room = w.saturating_sub(width(label) + 1);
        let value = fit(field.text(), room);
        // 第3/12处: where the current match is among all of the scope.
        let (current, total) = if issue {
            bar.issue.position()
        } else {
            doc.article.as_ref().map_or((None, 0), |edit| {
                (
                    edit.editor.current_match(),
                    edit.editor.find_matches().len(),
                )
            })
        };
        let count = match (bar.query.text().is_empty(), current) {
            (true, _) => String::new(),
            (false, Some(i)) => format!("  {}", lang.fmt(Msg::FindCount, &[&(i + 1), &total])),
            (false, None) => format!("  {}", lang.fmt(Msg::FindTotal, &[&total])),
        };
        let count = fit(&count, room.saturating_sub(width(&value)));
        // Ctrl+F switches to the other scope: named in the hint.
        let other = lang.t(if issue {
            Msg::ScopeArticle
        } else {
            Msg::ScopeIssue
        });
        let hint_text = fit(
            &app.hint(hint_msg, &[&other]),
            room.saturating_sub(width(&value) + width(&count) + 2),
        );
        let pad =
            w.saturating_sub(width(label) + width(&value) + width(&count) + width(&hint_text));
        let line = Line::from(vec![
            Span::styled(label, theme.key),
            Span::styled(
                value,
                if field.is_selected() {
                    theme
                        .field_focus
                        .add_modifier(ratatui::style::Modifier::REVERSED)
                } else {
                    theme.field_focus
                },
            ),
            Span::styled(count, theme.key),
            Span::raw(" ".repeat(pad)),
            Span::styled(hint_text, theme.dim),
        ]);
        frame.render_widget(Paragraph::new(line), r);
        if focused {
            let x = r.x + (width(label) + field.caret_column()).min(w.saturating_sub(1)) as u16;
            set_cursor(frame, r, x, r.y);
        }
    } else if focused && let Some(p) = caret {
        set_cursor(frame, areas.body, p.x, p.y);
    }
}

/// A section at a glance: its articles (full titles, sources, 字数 against
/// the section's limit), which the tree can only cut short.
fn section_summary(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    doc: &crate::app::Doc,
    s: usize,
) {
    let lang = app.lang;
    let Some(sec) = doc.issue.sections.get(s) else {
        return;
    };
    let w = area.width as usize;
    let briefs = sec
        .articles
        .iter()
        .filter(|a| a.kind == ArticleKind::Brief)
        .count();
    let mut lines = vec![Line::styled(
        fit(
            &lang.fmt(
                Msg::SectionSummary,
                &[
                    &sec.title,
                    &sec.articles.len(),
                    &(sec.articles.len() - briefs),
                    &briefs,
                    &doc.section_chars(s),
                ],
            ),
            w,
        ),
        theme.heading,
    )];
    let limit = app.lib.settings.section_limit(&sec.title);
    if let Some(n) = limit {
        lines.push(Line::styled(
            fit(&lang.fmt(Msg::SectionLimit, &[&n]), w),
            theme.dim,
        ));
    }
    lines.push(Line::default());
    if sec.articles.is_empty() {
        // Wrapped by display width (and no row starting with ：).
        let hint = app.hint(Msg::SectionEmpty, &[]);
        for r in crate::text::wrap(&hint, w.max(2), 0) {
            lines.push(Line::styled(
                hint[r.start..r.end].trim().to_string(),
                theme.dim,
            ));
        }
    }
    for (i, art) in sec.articles.iter().enumerate() {
        let chars = doc.article_chars(ArticleRef::new(s, i));
        let over = limit.is_some_and(|n| chars > n as usize);
        let count = if over {
            format!("{}{chars}", lang.t(Msg::SectionOverLimit))
        } else {
            chars.to_string()
        };
        let kind = if art.kind == ArticleKind::Brief {
            lang.t(Msg::BriefMark)
        } else {
            ""
        };
        let head = format!("{:>2} {kind}", i + 1);
        let room = w.saturating_sub(width(&head) + width(&count) + 1);
        let title = fit(&art.title.join(" "), room);
        let pad = w.saturating_sub(width(&head) + width(&title) + width(&count));
        lines.push(Line::from(vec![
            Span::raw(head),
            Span::raw(title),
            Span::raw(" ".repeat(pad)),
            Span::styled(count, if over { theme.error } else { theme.dim }),
        ]));
        if let Some(src) = &art.source {
            lines.push(Line::styled(fit(&format!("   （{src}）"), w), theme.dim));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
