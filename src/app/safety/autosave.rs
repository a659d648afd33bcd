//! Autosave: unsaved changes go to the open issue's recovery file
//! [`Autosave::IDLE`] after the last change, and at least every
//! [`Autosave::MAX_WAIT`] while changes keep coming, written on the
//! [`RecoveryWriter`] thread; the latest snapshot also waits in a
//! [`SnapshotSlot`] for a rescue when the main thread cannot write; the final
//! write at the end of a session, a suspend or a panic.

use crate::app::App;
use crate::i18n::Msg;
use crate::model::{ArticleRef, Issue, IssueId};
use crate::store::StoreError;
use crate::store::recovery::{PendingWrite, Recovery, RecoveryWriter};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// When unsaved changes are due in the recovery file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Autosave {
    /// The first change not yet written, and the latest.
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Autosave {
    /// A pause this long after a change writes it.
    pub const IDLE: Duration = Duration::from_millis(1000);
    /// Changes never wait longer than this, however fast the typing: with
    /// the write itself (milliseconds), a kill -9 loses under 2 s of work.
    pub const MAX_WAIT: Duration = Duration::from_millis(1500);

    pub fn changed(&mut self, now: Instant) {
        self.first.get_or_insert(now);
        self.last = Some(now);
    }

    /// When the pending changes are due, if there are any.
    pub fn deadline(&self) -> Option<Instant> {
        Some((self.last? + Self::IDLE).min(self.first? + Self::MAX_WAIT))
    }

    pub fn due(&self, now: Instant) -> bool {
        self.deadline().is_some_and(|d| now >= d)
    }

    /// The pending changes were written (or need not be).
    pub fn clear(&mut self) {
        *self = Autosave::default();
    }
}

/// The last autosaved snapshot of unsaved text (at most
/// [`Autosave::MAX_WAIT`] old), shared with whoever must write it when the
/// main thread cannot: the signal thread after a hang-up, or the
/// panic path. Exactly one final write happens: the main thread's own
/// ([`App::finish`]) or the rescue.
#[derive(Debug, Default)]
pub struct SnapshotSlot {
    inner: Mutex<SlotState>,
}

#[derive(Debug, Default)]
struct SlotState {
    latest: Option<PendingWrite>,
    done: bool,
}

impl SnapshotSlot {
    fn lock(&self) -> MutexGuard<'_, SlotState> {
        // A panic while holding it leaves a usable snapshot.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn set(&self, write: Option<PendingWrite>) {
        self.lock().latest = write;
    }

    /// Whether the final write happened.
    pub fn is_done(&self) -> bool {
        self.lock().done
    }

    /// Writes the latest snapshot unless the final write already happened;
    /// the outcome, if there was anything to write.
    pub fn rescue(&self) -> Option<Result<PathBuf, StoreError>> {
        let mut s = self.lock();
        if s.done {
            return None;
        }
        s.done = true;
        s.latest.take().map(PendingWrite::commit)
    }

    /// Runs the main thread's final write, unless a rescue came first.
    fn finish<R>(&self, f: impl FnOnce() -> R) -> Option<R> {
        let mut s = self.lock();
        if s.done {
            return None;
        }
        let r = f();
        s.done = true;
        s.latest = None;
        Some(r)
    }
}

/// What the open issue looked like when last looked at. Typing is told by
/// the editor's revision (free); other changes by comparing the working
/// copy, only after events that were not typing. The open article's text is
/// copied into the working copy only when a snapshot is taken, so a
/// keystroke costs nothing here however long the article.
#[derive(Debug)]
pub(super) struct Seen {
    id: IssueId,
    /// The open article and its editor's revision.
    article: Option<(ArticleRef, u64)>,
    /// [`Safety::events`] then.
    events: u64,
    issue: Issue,
}

impl App {
    /// The process is about to stop (SIGTSTP): queued backups are written,
    /// then the unsaved text goes to its recovery file now, since a stopped
    /// editor is often forgotten and killed.
    pub fn before_suspend(&mut self) {
        if let Some(w) = self.safety.writer.take() {
            for (id, r) in w.finish() {
                if let Err(e) = r {
                    tracing::error!(%id, "recovery write failed: {e}");
                }
            }
            self.safety.writer = Some(RecoveryWriter::spawn());
        }
        self.safety.discarding.clear();
        let Some(doc) = self.doc.as_mut().filter(|d| d.read_only().is_none()) else {
            return;
        };
        doc.flush();
        if doc.issue == doc.saved {
            return;
        }
        match Recovery::write(&self.lib, &doc.id, &doc.issue) {
            Ok(path) => tracing::info!(path = %path.display(), "unsaved text kept before stopping"),
            Err(e) => tracing::error!("recovery write before stopping failed: {e}"),
        }
    }

    /// Ends the session: waits for queued recovery writes, then writes the
    /// unsaved text (if any) to the open issue's recovery file, or removes
    /// that file when everything is saved. Returns the file written.
    pub fn finish(&mut self) -> Option<Result<PathBuf, StoreError>> {
        if let Some(w) = self.safety.writer.take() {
            // Queued writes first, so none lands after the final one.
            for (id, r) in w.finish() {
                if let Err(e) = r {
                    tracing::error!(%id, "recovery write failed: {e}");
                }
            }
        }
        let slot = Arc::clone(&self.safety.slot);
        let App { doc, lib, .. } = self;
        slot.finish(|| {
            let doc = doc.as_mut().filter(|d| d.read_only().is_none())?;
            doc.flush();
            if doc.issue != doc.saved {
                Some(Recovery::write(lib, &doc.id, &doc.issue))
            } else {
                if let Err(e) = Recovery::discard(lib, &doc.id) {
                    tracing::warn!(id = %doc.id, "could not remove recovery file: {e}");
                }
                None
            }
        })
        .flatten()
    }

    /// [`App::finish`] after a panic, when the state may be broken: falls
    /// back on the last snapshot taken.
    pub fn rescue(&mut self) -> Option<Result<PathBuf, StoreError>> {
        let slot = Arc::clone(&self.safety.slot);
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.finish())) {
            Ok(r) => r,
            Err(_) => slot.rescue(),
        }
    }

    pub(super) fn collect_writes(&mut self) {
        let Some(w) = &self.safety.writer else { return };
        for (id, result) in w.results() {
            match result {
                Ok(Some(_)) => self.safety.backup_failed = false,
                Ok(None) => self.safety.discarding.retain(|d| *d != id),
                Err(e) => {
                    self.safety.discarding.retain(|d| *d != id);
                    if !self.safety.backup_failed {
                        let msg = self
                            .lang
                            .fmt(Msg::RecoveryWriteFailed, &[&e.message(self.lang)]);
                        self.notify_error(msg);
                    }
                    self.safety.backup_failed = true;
                }
            }
        }
    }

    pub(super) fn autosave(&mut self, now: Instant) {
        let App {
            doc, lib, safety, ..
        } = self;
        let Some(doc) = doc.as_mut().filter(|d| d.read_only().is_none()) else {
            // Nothing of ours to keep (a read-only issue's recovery file is
            // its editor's).
            safety.seen = None;
            safety.autosave.clear();
            safety.slot.set(None);
            return;
        };
        let article = doc.article.as_ref().map(|a| (a.pos, a.editor.revision()));
        match &mut safety.seen {
            Some(seen) if seen.id == doc.id => {
                if seen.events != safety.events {
                    seen.events = safety.events;
                    if seen.article != article {
                        seen.article = article;
                        safety.autosave.changed(now);
                    } else if seen.issue != doc.issue {
                        seen.issue = doc.issue.clone();
                        safety.autosave.changed(now);
                    }
                }
            }
            _ => {
                // A newly opened issue is new work only when it comes
                // unsaved (restored from a recovery file).
                safety.autosave.clear();
                if doc.is_dirty() {
                    safety.autosave.changed(now);
                }
                safety.seen = Some(Seen {
                    id: doc.id,
                    article,
                    events: safety.events,
                    issue: doc.issue.clone(),
                });
            }
        }
        if !safety.autosave.due(now) {
            return;
        }
        safety.autosave.clear();
        safety.last_submit = Some(now);
        doc.flush();
        if let Some(seen) = &mut safety.seen {
            seen.issue = doc.issue.clone();
        }
        if doc.issue != doc.saved {
            safety
                .slot
                .set(Some(Recovery::prepare(lib, &doc.id, &doc.issue)));
            if let Some(w) = &safety.writer {
                w.submit(Recovery::prepare(lib, &doc.id, &doc.issue));
                safety.submitted += 1;
            }
        } else {
            // Undone back to the saved text.
            safety.slot.set(None);
            safety.discard(lib, doc.id);
        }
    }
}
