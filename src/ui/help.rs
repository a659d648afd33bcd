//! The help overlay (F1 / Ctrl+G): what the panes are, and every key.

use super::popup_pane;
use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::{App, Command};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Keys of the editor itself, listed for the help screen.
const EDITOR_KEYS: &[(&str, Msg)] = &[
    ("Enter", Msg::KeyNewParagraph),
    ("Backspace/Del", Msg::KeyDeleteChar),
    ("Ctrl+Bksp/Del", Msg::KeyDeleteWord),
    ("←→↑↓", Msg::KeyMove),
    ("Home/End", Msg::KeyRowEnds),
    ("Ctrl+←/→", Msg::KeyWord),
    ("Ctrl+Home/End", Msg::KeyDocEnds),
    ("PgUp/PgDn", Msg::KeyPage),
    ("Shift+…", Msg::KeySelect),
    ("Ctrl+A", Msg::KeySelectAll),
    ("Ctrl+X/C/V", Msg::KeyClipboard),
    ("Ctrl+Z/Y", Msg::KeyUndoRedo),
    ("F3/Shift+F3", Msg::KeyFindNext),
    ("Alt+A", Msg::KeyReplaceAll),
];

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, scroll: usize) {
    let lang = app.lang;
    let inner = popup_pane(frame, theme, 76, 40, lang.t(Msg::HelpTitle));
    let mut lines = vec![Line::from(lang.t(Msg::HelpIntro)), Line::default()];
    for (ctx, heading) in [
        (Context::Global, Msg::HelpGlobal),
        (Context::Issues, Msg::HelpIssues),
        (Context::Tree, Msg::HelpTree),
        (Context::Editor, Msg::HelpEditor),
    ] {
        lines.push(Line::styled(lang.t(heading), theme.heading));
        let mut seen = Vec::new();
        for b in app.keymap.bindings().iter().filter(|b| b.context == ctx) {
            // A user binding shadows the default for the same key.
            if seen.contains(&b.key) {
                continue;
            }
            seen.push(b.key);
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", b.key.to_string()), theme.key),
                Span::raw(b.command.label(lang)),
            ]));
        }
        if ctx == Context::Editor {
            // The tidy key also rejoins a hard-wrapped paste, right after it.
            let rejoin = app
                .keymap
                .key_for(Context::Editor, Command::Tidy)
                .map(|k| (k.to_string(), Msg::KeyRejoinPaste));
            let fixed = EDITOR_KEYS.iter().map(|(k, m)| (k.to_string(), *m));
            for (key, msg) in fixed.chain(rejoin) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {key:<14}"), theme.key),
                    Span::raw(lang.t(msg)),
                ]));
            }
        }
        lines.push(Line::default());
    }
    let para = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll.min(u16::MAX as usize) as u16, 0));
    frame.render_widget(para, inner);
}
