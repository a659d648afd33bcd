//! Colours that work on 16-colour terminals, and a monochrome theme (for
//! `NO_COLOR`) that relies on bold, reverse and underline only.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub bar: Style,
    pub bar_dirty: Style,
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub dim: Style,
    pub section: Style,
    pub heading: Style,
    pub error: Style,
    pub notice: Style,
    pub key: Style,
    pub field_focus: Style,
    pub button_focus: Style,
}

impl Theme {
    pub fn color() -> Theme {
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            bar: Style::new().fg(Color::White).bg(Color::Blue),
            bar_dirty: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: reversed,
            dim: Style::new().fg(Color::DarkGray),
            section: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            heading: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            notice: Style::new().fg(Color::Black).bg(Color::Yellow),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            field_focus: Style::new().add_modifier(Modifier::UNDERLINED),
            button_focus: reversed.add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            bar: reversed,
            bar_dirty: reversed.add_modifier(Modifier::BOLD),
            border: plain,
            border_focus: bold,
            title: bold,
            selected: reversed,
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            dim: plain,
            section: bold,
            heading: bold,
            error: reversed.add_modifier(Modifier::BOLD),
            notice: reversed,
            key: bold,
            field_focus: Style::new().add_modifier(Modifier::UNDERLINED),
            button_focus: reversed.add_modifier(Modifier::BOLD),
        }
    }

    /// A list row, highlighted when selected (less so without focus).
    pub fn row<'a>(&self, line: Line<'a>, selected: bool, focused: bool) -> Line<'a> {
        match (selected, focused) {
            (false, _) => line,
            (true, true) => line.style(self.selected),
            (true, false) => line.style(self.selected_unfocused),
        }
    }

    /// Monochrome when `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env(no_color: Option<&str>) -> Theme {
        match no_color {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::color(),
        }
    }
}
