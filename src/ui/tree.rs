//! The section tree pane: 【sections】 with their articles and 字数.

use super::Frame;
use super::theme::Theme;
use super::{fit, width};
use super::{hint, pane};
use crate::app::tree::Node;
use crate::app::{App, Focus};
use crate::i18n::Msg;
use crate::model::ArticleKind;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let focused = app.focus == Focus::Tree;
    // Where the issue list is folded away, the title names the issue and
    // the key back to the list (a new user would not guess Esc).
    let title = match &app.doc {
        Some(doc) if app.width < crate::app::layout::WIDE => {
            let i = &doc.issue;
            let number = lang.issue_number(i.number, None, i.supplement);
            fit(
                &app.hint(Msg::TreeTitleNarrow, &[&number]),
                area.width.saturating_sub(2) as usize,
            )
        }
        _ => lang.t(Msg::PaneTree).to_string(),
    };
    let inner = pane(frame, theme, area, &title, focused);
    let Some(doc) = &app.doc else { return };
    let issue = &doc.issue;
    if issue.sections.is_empty() {
        hint(frame, theme, inner, lang.t(Msg::EmptyIssue));
        return;
    }
    let w = inner.width as usize;
    let open = doc.article.as_ref().map(|a| a.pos);
    let rows: Vec<Line> = doc
        .tree
        .rows(issue)
        .into_iter()
        .skip(doc.tree.scroll)
        .take(inner.height as usize)
        .filter_map(|node| {
            let (label, count, style) = match node {
                Node::Section(s) => {
                    let sec = issue.sections.get(s)?;
                    let fold = if doc.tree.is_collapsed(s) {
                        "▸"
                    } else {
                        "▾"
                    };
                    (
                        format!("{fold}【{}】", sec.title),
                        doc.section_chars(s),
                        theme.section,
                    )
                }
                Node::Article(at) => {
                    let art = issue.article(at)?;
                    let mark = if open == Some(at) { "▸" } else { " " };
                    let kind = if art.kind == ArticleKind::Brief {
                        lang.t(Msg::BriefMark).to_string()
                    } else {
                        String::new()
                    };
                    let title = art.title_text();
                    let title = if title.is_empty() {
                        "…".to_string()
                    } else {
                        title
                    };
                    (
                        format!(" {mark}{kind}{title}"),
                        doc.article_chars(at),
                        ratatui::style::Style::new(),
                    )
                }
            };
            // Over its section's limit (library.ron): the count marked.
            let over = match node {
                Node::Article(at) => issue
                    .sections
                    .get(at.section)
                    .and_then(|s| app.lib.settings.section_limit(&s.title))
                    .is_some_and(|limit| count > limit as usize),
                Node::Section(_) => false,
            };
            let (count, count_style) = if over {
                (format!("!{count}"), theme.error)
            } else {
                (count.to_string(), theme.dim)
            };
            let room = w.saturating_sub(width(&count) + 1);
            let label = fit(&label, room);
            let pad = w.saturating_sub(width(&label) + width(&count));
            let line = Line::from(vec![
                Span::styled(label, style),
                Span::raw(" ".repeat(pad)),
                Span::styled(count, count_style),
            ]);
            Some(theme.row(line, doc.tree.selected == Some(node), focused))
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
