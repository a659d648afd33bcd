//! 字数 while typing. Three counters show the open article's 字数 (its row
//! and its section's row in the tree, the status bar); redrawn at every
//! key they would cost most of the bytes a typed character sends over SSH.
//! So typing holds the 字数 shown where it was, and the first tick after
//! typing pauses for [`PAUSE`] brings them up to date. Other edits (a
//! paste, a cut, undo, replace) and leaving the article show the true 字数
//! at once.

use super::App;
use crate::text::EditAction;
use std::time::{Duration, Instant};

/// How long typing must pause before the counters are brought up to date.
pub const PAUSE: Duration = Duration::from_millis(300);

/// The open article's 字数 as shown while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    /// The editor's 字数 when typing began.
    pub chars: usize,
    /// When to show the true 字数 again.
    pub due: Instant,
}

/// Whether `action` is typing, whose counters wait for a pause.
pub(super) fn is_typing(action: &EditAction) -> bool {
    matches!(
        action,
        EditAction::Insert(_)
            | EditAction::Newline
            | EditAction::Backspace
            | EditAction::Delete
            | EditAction::DeleteWordBack
            | EditAction::DeleteWordForward
    )
}

impl App {
    /// Time passes: a pause in typing shows the true 字数.
    pub(super) fn refresh_counts(&mut self, now: Instant) {
        if let Some(a) = self.doc.as_mut().and_then(|d| d.article.as_mut())
            && a.held.is_some_and(|h| now >= h.due)
        {
            a.held = None;
        }
    }

    /// When the held 字数 are due, if any are held.
    pub(super) fn counts_due(&self) -> Option<Instant> {
        self.doc.as_ref()?.article.as_ref()?.held.map(|h| h.due)
    }
}
