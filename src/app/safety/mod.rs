//! Never lose a word: the app's half of the safety net (the store's half is
//! atomic writes, locks and recovery files).
//!
//! - Autosave: the working copy goes to the open issue's recovery file
//!   [`Autosave::IDLE`] after the last change, and at least every
//!   [`Autosave::MAX_WAIT`] while changes keep coming, written on the
//!   [`RecoveryWriter`] thread so typing never waits for the disk. The app
//!   gets time as data ([`App::tick`]), so the rules are tested with made-up
//!   instants.
//! - Each autosaved snapshot also waits in a [`SnapshotSlot`], for the
//!   signal thread to write when the main thread cannot (crossterm can spin
//!   when the terminal disappears) and for the panic path; the main thread's
//!   own final write, when it can make one, holds everything.
//! - Recovery files left by a crash are offered at start and when their
//!   issue is opened: restore, keep both, discard, or later.
//! - Opening an issue takes its lock; an issue someone else has open is
//!   shown read-only, and every edit is refused with a message.
//! - Saving never overwrites a file changed on disk without asking.
//! - A terminal that is not UTF-8 gets a warning, and its garbled input is
//!   kept out of the text.

mod access;
mod autosave;
mod dialog;
mod guards;
mod recovery;
mod saving;

pub use access::Access;
pub use autosave::{Autosave, SnapshotSlot};
pub use dialog::Dialog;
pub use guards::EncodingProblem;
pub use saving::ConflictKind;

use super::{App, Overlay};
use crate::i18n::Msg;
use crate::model::IssueId;
use crate::store::recovery::{Recovery, RecoveryWriter};
use autosave::Seen;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The safety state of the app.
#[derive(Debug)]
pub struct Safety {
    /// `None` once [`App::finish`] has run.
    writer: Option<RecoveryWriter>,
    slot: Arc<SnapshotSlot>,
    autosave: Autosave,
    seen: Option<Seen>,
    /// Issues whose recovery file the writer has been asked to remove.
    discarding: Vec<IssueId>,
    /// Dialogs waiting for the screen.
    queue: VecDeque<Dialog>,
    /// The last recovery write failed (shown in the title bar until one works).
    backup_failed: bool,
    last_submit: Option<Instant>,
    /// Whether the terminal shows UTF-8, once probed.
    pub terminal_utf8: Option<bool>,
    /// Writes and removals handed to the writer.
    pub submitted: usize,
    /// Events handled so far.
    events: u64,
}

impl Default for Safety {
    fn default() -> Self {
        Safety {
            writer: Some(RecoveryWriter::spawn()),
            slot: Arc::default(),
            autosave: Autosave::default(),
            seen: None,
            discarding: Vec::new(),
            queue: VecDeque::new(),
            backup_failed: false,
            last_submit: None,
            terminal_utf8: None,
            submitted: 0,
            events: 0,
        }
    }
}

/// How long after a write the loop keeps checking for its outcome.
const RESULT_WINDOW: Duration = Duration::from_secs(3);
const RESULT_POLL: Duration = Duration::from_millis(200);

impl Safety {
    /// A save made the recovery file of `old` (the id the issue was loaded
    /// as) obsolete.
    fn saved(&mut self, lib: &crate::store::Library, old: IssueId) {
        self.autosave.clear();
        self.slot.set(None);
        self.discard(lib, old);
    }

    fn discard(&mut self, lib: &crate::store::Library, id: IssueId) {
        if let Some(w) = &self.writer {
            w.discard(lib, &id);
            self.discarding.push(id);
            self.submitted += 1;
        }
    }

    /// Shows `dialog` before anything else queued.
    fn show_first(&mut self, overlay: &mut Option<Overlay>, dialog: Dialog) {
        match overlay.take() {
            None => *overlay = Some(Overlay::Safety(dialog)),
            Some(Overlay::Safety(current)) => {
                self.queue.push_front(current);
                *overlay = Some(Overlay::Safety(dialog));
            }
            Some(other) => {
                self.queue.push_front(dialog);
                *overlay = Some(other);
            }
        }
    }
}

impl App {
    /// Starts the session: queues the recovery offers, then opens `target`
    /// (asking first if it has one).
    pub fn start(&mut self, target: Option<IssueId>) {
        // Left by a save that was killed; the log names each.
        self.lib.remove_stale_temps();
        self.set_aside_unreadable();
        match Recovery::pending(&self.lib) {
            Ok(found) => self.safety.queue.extend(
                found
                    .into_iter()
                    .filter(|i| Some(i.id) != target)
                    .map(|info| Dialog::recovery(info, false)),
            ),
            Err(e) => {
                let msg = self
                    .lang
                    .fmt(Msg::RecoveryListFailed, &[&e.message(self.lang)]);
                self.notify_error(msg);
            }
        }
        if let Some(id) = target {
            self.open_issue(id);
        }
        self.show_queued();
    }

    /// Time passes: collects the writer's outcomes, autosaves when due,
    /// shows queued dialogs and, once typing pauses, the true 字数; an idle
    /// issue list takes in what changed on disk (see `listwatch`). The
    /// event loop calls it after every batch of events and when
    /// [`App::next_tick`] says.
    pub fn tick(&mut self, now: Instant) {
        self.track_tick(|app| {
            app.refresh_counts(now);
            app.collect_writes();
            app.collect_sync();
            app.autosave(now);
            app.show_queued();
            app.watch_list(now);
        });
    }

    /// How long the event loop may sleep before the next [`App::tick`] is
    /// due (`None`: until an event comes).
    pub fn next_tick(&self, now: Instant) -> Option<Duration> {
        let s = &self.safety;
        let mut next = s.autosave.deadline();
        if let Some(due) = self.counts_due() {
            next = Some(next.map_or(due, |n| n.min(due)));
        }
        if let Some(t) = s.last_submit
            && now < t + RESULT_WINDOW
        {
            next = Some(next.map_or(now + RESULT_POLL, |n| n.min(now + RESULT_POLL)));
        }
        if self.overlay.is_none() && !s.queue.is_empty() {
            next = Some(now);
        }
        if self.syncing() {
            let poll = now + crate::app::syncing::SYNC_POLL;
            next = Some(next.map_or(poll, |n| n.min(poll)));
        }
        if let Some(due) = self.watch_due(now) {
            next = Some(next.map_or(due, |n| n.min(due)));
        }
        next.map(|t| t.saturating_duration_since(now))
    }

    /// The latest-snapshot slot, for the signal thread.
    pub fn snapshot_slot(&self) -> Arc<SnapshotSlot> {
        Arc::clone(&self.safety.slot)
    }

    /// Events handled so far (the issue list's watch waits for a pause).
    pub(in crate::app) fn events_handled(&self) -> u64 {
        self.safety.events
    }

    /// Whether the last recovery write failed.
    pub fn backup_failed(&self) -> bool {
        self.safety.backup_failed
    }

    pub(in crate::app) fn show_queued(&mut self) {
        if self.overlay.is_some() {
            return;
        }
        if let Some(d) = self.safety.queue.pop_front() {
            self.overlay = Some(Overlay::Safety(d));
        }
    }
}

#[cfg(test)]
mod tests;
