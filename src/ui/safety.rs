//! The safety net's dialogs (recovered text, a file changed on disk, a
//! terminal that is not UTF-8) and the state for the title bar.

use super::Frame;
use super::dialog::render_buttons;
use super::popup_pane;
use super::theme::Theme;
use crate::app::safety::{ConflictKind, Dialog, EncodingProblem};
use crate::app::{App, Choice, Doc};
use crate::i18n::{Lang, Msg};
use crate::store::recovery::SavedState;
use crate::text::wrap;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Widest a dialog gets.
const WIDTH: u16 = 74;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, dialog: &Dialog) {
    let lang = app.lang;
    let (title, paragraphs) = content(app, theme, dialog);
    let area = frame.area();
    let w = WIDTH.min(area.width.saturating_sub(2)).max(4);
    // Borders and a column of margin each side.
    let text_w = w.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, (text, style)) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        for line in text.split('\n') {
            for row in wrap(line, text_w, 0) {
                lines.push(Line::styled(line[row.start..row.end].to_string(), *style));
            }
        }
    }
    let buttons = dialog.choices(app.is_dirty());
    let foot = if buttons.is_empty() { 0 } else { 2 };
    let h = lines.len() as u16 + foot + 2;
    let inner = popup_pane(frame, theme, w, h, lang.t(title));
    let text_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        height: inner.height.saturating_sub(foot),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text_area);
    if !buttons.is_empty() {
        render_buttons(
            app,
            theme,
            frame,
            inner,
            &buttons,
            dialog.choice(app.is_dirty()),
        );
    }
}

/// The dialog's title and its paragraphs, each with a style.
fn content(app: &App, theme: &Theme, dialog: &Dialog) -> (Msg, Vec<(String, Style)>) {
    let lang = app.lang;
    let plain = Style::default();
    match dialog {
        Dialog::Recovery { info, open, .. } => {
            let mut v = vec![(
                lang.fmt(
                    Msg::RecoveryFound,
                    &[
                        &info.id,
                        &info.written_local(),
                        &info.user,
                        &info.host,
                        &info.articles,
                        &info.chars,
                    ],
                ),
                theme.heading,
            )];
            match info.saved {
                SavedState::ChangedSince => {
                    v.push((lang.t(Msg::RecoverySavedChanged).into(), plain));
                }
                SavedState::Missing => v.push((lang.t(Msg::RecoverySavedMissing).into(), plain)),
                SavedState::Unchanged => {}
            }
            let lines: Vec<String> = dialog
                .choices(app.is_dirty())
                .into_iter()
                .map(|c| {
                    app.hint(
                        match c {
                            Choice::Restore => Msg::RecoveryRestoreLine,
                            Choice::KeepBoth if info.saved == SavedState::Missing => {
                                Msg::RecoveryKeepMissingLine
                            }
                            Choice::KeepBoth => Msg::RecoveryKeepLine,
                            Choice::DiscardRecovery => Msg::RecoveryDiscardLine,
                            _ => Msg::RecoveryLaterLine,
                        },
                        &[],
                    )
                })
                .collect();
            v.push((lines.join("\n"), plain));
            if !open && info.saved != SavedState::Missing && app.is_dirty() {
                v.push((lang.t(Msg::RecoveryNoRestoreDirty).into(), plain));
            }
            (Msg::RecoveryTitle, v)
        }
        Dialog::Conflict { id, path, kind, .. } => {
            let (title, msg) = match kind {
                ConflictKind::Changed => (Msg::ConflictTitle, Msg::ChangedOnDisk),
                ConflictKind::Deleted => (Msg::ConflictDeletedTitle, Msg::DeletedOnDisk),
                ConflictKind::ReadOnly => (Msg::ReadOnlyFileTitle, Msg::ReadOnlyFile),
            };
            let mut v = vec![(lang.fmt(msg, &[id, &path.display()]), plain)];
            match kind {
                ConflictKind::Changed => v.push((lang.t(Msg::ConflictExplain).into(), plain)),
                ConflictKind::ReadOnly => v.push((lang.t(Msg::ReadOnlyFileExplain).into(), plain)),
                ConflictKind::Deleted => {}
            }
            (title, v)
        }
        Dialog::Encoding(problem) => {
            let what = match problem {
                EncodingProblem::Locale(setting) => lang.fmt(Msg::EncodingLocale, &[setting]),
                EncodingProblem::Terminal { columns } => {
                    lang.fmt(Msg::EncodingTerminal, &[columns])
                }
            };
            let mut v = vec![(what, plain), (lang.t(Msg::EncodingHow).into(), plain)];
            // What a terminal that is not UTF-8 can still show.
            if lang == Lang::Zh {
                v.push((lang.t(Msg::EncodingAscii).into(), plain));
            }
            v.push((lang.t(Msg::AnyKey).into(), theme.dim));
            (Msg::EncodingTitle, v)
        }
    }
}

/// The open issue's state for the title bar: read-only, saved or unsaved,
/// and whether its automatic backup fails.
pub(super) fn state_label(app: &App, doc: &Doc) -> String {
    let lang = app.lang;
    if doc.read_only().is_some() {
        return lang.t(Msg::ReadOnlyMark).to_string();
    }
    let state = if doc.is_dirty() {
        lang.t(Msg::StatusUnsaved)
    } else {
        lang.t(Msg::StatusSaved)
    };
    if app.backup_failed() {
        format!("{state}·{}", lang.t(Msg::BackupFailedMark))
    } else {
        state.to_string()
    }
}
