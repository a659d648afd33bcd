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

use super::action::Command;
use super::{After, App, ButtonKey, Doc, Focus, Overlay, button_key};
use crate::i18n::Msg;
use crate::model::{ArticleRef, Issue, IssueId};
use crate::store::lock::{IssueLock, LockInfo, LockStatus};
use crate::store::recovery::{PendingWrite, Recovery, RecoveryInfo, RecoveryWriter, SavedState};
use crate::store::{SaveMode, StoreError};
use crate::text::EditAction;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;
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

    fn set(&self, write: Option<PendingWrite>) {
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

/// How the open issue is held.
#[derive(Debug, Default)]
pub enum Access {
    /// This editor holds the issue's lock.
    Locked(IssueLock),
    /// Another editor holds it: read-only.
    ReadOnly(Box<LockInfo>),
    /// No lock could be taken (e.g. a read-only library): editable, as in
    /// vim or nano, but nothing keeps a second editor out.
    #[default]
    Unlocked,
}

/// Why the terminal seems not to be UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingProblem {
    /// The locale names another charset, e.g. `LANG=zh_CN.GBK`.
    Locale(String),
    /// Two wide test characters moved the cursor this many columns, not 4.
    Terminal { columns: u16 },
}

/// Why a save stopped to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Someone changed the file since it was opened.
    Changed,
    /// Someone deleted the file since it was opened.
    Deleted,
    /// The file has no write permission (`chmod a-w`): maybe on purpose.
    ReadOnly,
}

/// The dialogs of this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Unsaved text found in a recovery file. `open`: asked on the way to
    /// opening its issue (which happens unless the answer is "later").
    Recovery {
        info: RecoveryInfo,
        open: bool,
        /// The selected button; `None` until the clerk moves it: the safe
        /// default, chosen among the buttons shown at the time.
        choice: Option<usize>,
    },
    /// Saving found the file changed or deleted on disk, or read-only.
    Conflict {
        id: IssueId,
        path: PathBuf,
        kind: ConflictKind,
        after: Option<After>,
        choice: usize,
    },
    /// The terminal is not UTF-8; any key closes it.
    Encoding(EncodingProblem),
}

impl Dialog {
    /// The offer of `info`.
    fn recovery(info: RecoveryInfo, open: bool) -> Dialog {
        Dialog::Recovery {
            info,
            open,
            choice: None,
        }
    }

    /// The buttons; `dirty`: the open issue has unsaved changes (then a
    /// recovery offer for another issue cannot restore in place).
    pub fn choices(&self, dirty: bool) -> Vec<Msg> {
        match self {
            Dialog::Recovery { info, open, .. } => {
                let mut v = Vec::with_capacity(4);
                if info.saved != SavedState::Missing && (*open || !dirty) {
                    v.push(Msg::ChoiceRestore);
                }
                v.extend([
                    Msg::ChoiceKeepBoth,
                    Msg::ChoiceDiscardRecovery,
                    Msg::ChoiceLater,
                ]);
                v
            }
            Dialog::Conflict { kind, .. } => match kind {
                ConflictKind::Changed => {
                    vec![Msg::ChoiceOverwrite, Msg::ChoiceLoadDisk, Msg::ChoiceCancel]
                }
                ConflictKind::Deleted => vec![Msg::ChoiceSave, Msg::ChoiceCancel],
                ConflictKind::ReadOnly => vec![Msg::ChoiceWriteAnyway, Msg::ChoiceCancel],
            },
            Dialog::Encoding(_) => Vec::new(),
        }
    }

    /// The selected button among `choices(dirty)`. A recovery offer starts
    /// on Restore, or on Keep both where someone saved since (restoring would
    /// replace their version) or Restore is not offered: never on Discard.
    pub fn choice(&self, dirty: bool) -> usize {
        match self {
            Dialog::Recovery {
                choice: Some(c), ..
            }
            | Dialog::Conflict { choice: c, .. } => *c,
            Dialog::Recovery {
                info, choice: None, ..
            } => {
                let preferred = if info.saved == SavedState::ChangedSince {
                    Msg::ChoiceKeepBoth
                } else {
                    Msg::ChoiceRestore
                };
                let choices = self.choices(dirty);
                choices
                    .iter()
                    .position(|m| *m == preferred)
                    .or_else(|| choices.iter().position(|m| *m == Msg::ChoiceKeepBoth))
                    .unwrap_or(0)
            }
            Dialog::Encoding(_) => 0,
        }
    }

    /// Selects button `next`.
    fn select(&mut self, next: usize) {
        match self {
            Dialog::Recovery { choice, .. } => *choice = Some(next),
            Dialog::Conflict { choice, .. } => *choice = next,
            Dialog::Encoding(_) => {}
        }
    }

    /// What Esc means.
    fn escape(&self) -> Msg {
        match self {
            Dialog::Recovery { .. } => Msg::ChoiceLater,
            _ => Msg::ChoiceCancel,
        }
    }
}

/// What the open issue looked like when last looked at. Typing is told by
/// the editor's revision (free); other changes by comparing the working
/// copy, only after events that were not typing. The open article's text is
/// copied into the working copy only when a snapshot is taken, so a
/// keystroke costs nothing here however long the article.
#[derive(Debug)]
struct Seen {
    id: IssueId,
    /// The open article and its editor's revision.
    article: Option<(ArticleRef, u64)>,
    /// [`Safety::events`] then.
    events: u64,
    issue: Issue,
}

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

impl Doc {
    /// Who holds the issue, when it is open read-only.
    pub fn read_only(&self) -> Option<&LockInfo> {
        match &self.access {
            Access::ReadOnly(info) => Some(info),
            _ => None,
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

    /// Moves unreadable recovery files out of the way of backups, saying
    /// where each went: they may hold the only copy of someone's text.
    fn set_aside_unreadable(&mut self) {
        let lang = self.lang;
        match Recovery::set_aside_unreadable(&self.lib) {
            Ok(moved) => {
                for (problem, to) in moved {
                    let msg = lang.fmt(
                        Msg::RecoverySetAside,
                        &[&problem.message(lang), &to.display()],
                    );
                    self.notify_error(msg);
                }
            }
            Err(e) => {
                let msg = lang.fmt(Msg::RecoveryListFailed, &[&e.message(lang)]);
                self.notify_error(msg);
            }
        }
    }

    /// Time passes: collects the writer's outcomes, autosaves when due and
    /// shows queued dialogs. The event loop calls it after every batch of
    /// events and when [`App::next_tick`] says.
    pub fn tick(&mut self, now: Instant) {
        self.collect_writes();
        self.autosave(now);
        self.show_queued();
    }

    /// How long the event loop may sleep before the next [`App::tick`] is
    /// due (`None`: until an event comes).
    pub fn next_tick(&self, now: Instant) -> Option<Duration> {
        let s = &self.safety;
        let mut next = s.autosave.deadline();
        if let Some(t) = s.last_submit
            && now < t + RESULT_WINDOW
        {
            next = Some(next.map_or(now + RESULT_POLL, |n| n.min(now + RESULT_POLL)));
        }
        if self.overlay.is_none() && !s.queue.is_empty() {
            next = Some(now);
        }
        next.map(|t| t.saturating_duration_since(now))
    }

    /// The latest-snapshot slot, for the signal thread.
    pub fn snapshot_slot(&self) -> Arc<SnapshotSlot> {
        Arc::clone(&self.safety.slot)
    }

    /// Whether the last recovery write failed.
    pub fn backup_failed(&self) -> bool {
        self.safety.backup_failed
    }

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

    /// The terminal's answer to the encoding probe: how many columns two
    /// wide characters took (`None`: no answer).
    pub fn terminal_probe(&mut self, columns: Option<u16>) {
        match columns {
            Some(4) => {
                // The terminal is UTF-8 whatever the locale says.
                self.safety.terminal_utf8 = Some(true);
            }
            Some(columns) => self.encoding_problem(EncodingProblem::Terminal { columns }),
            None => {}
        }
    }

    /// Warns that the terminal is not UTF-8, and refuses typed non-ASCII
    /// input from now on: when the terminal itself showed it, or when the
    /// locale names another charset, until the probe (if it runs) finds the
    /// terminal is UTF-8 after all. GBK bytes can be valid UTF-8 (D2 BB is
    /// "һ"), so garbage would otherwise go into the text unseen.
    pub fn encoding_problem(&mut self, problem: EncodingProblem) {
        tracing::warn!(?problem, "terminal is not UTF-8");
        let shown = matches!(problem, EncodingProblem::Terminal { .. });
        if shown || self.safety.terminal_utf8 != Some(true) {
            self.safety.terminal_utf8 = Some(false);
        }
        self.safety
            .show_first(&mut self.overlay, Dialog::Encoding(problem));
    }

    fn show_queued(&mut self) {
        if self.overlay.is_some() {
            return;
        }
        if let Some(d) = self.safety.queue.pop_front() {
            self.overlay = Some(Overlay::Safety(d));
        }
    }

    fn collect_writes(&mut self) {
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

    fn autosave(&mut self, now: Instant) {
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

    /// Opens `id` after the caller dealt with unsaved changes: first offers
    /// its recovery file, if it has one (then opening waits for the answer).
    pub(super) fn offer_before_open(&mut self, id: IssueId) -> bool {
        self.set_aside_unreadable();
        let found = match Recovery::pending(&self.lib) {
            Ok(found) => found,
            Err(e) => {
                let msg = self
                    .lang
                    .fmt(Msg::RecoveryListFailed, &[&e.message(self.lang)]);
                self.notify_error(msg);
                return false;
            }
        };
        let Some(info) = found
            .into_iter()
            .find(|i| i.id == id && !self.safety.discarding.contains(&i.id))
        else {
            return false;
        };
        self.safety
            .queue
            .retain(|d| !matches!(d, Dialog::Recovery { info: other, .. } if other.id == id));
        self.safety
            .show_first(&mut self.overlay, Dialog::recovery(info, true));
        true
    }

    /// Takes the lock of `id` for a document about to open, saying what
    /// happened when it is not a plain success.
    pub(super) fn lock_for_edit(&mut self, id: IssueId) -> Access {
        match self.lib.lock(&id) {
            Ok(lock) => {
                if let Some(old) = lock.taken_over() {
                    let msg = self
                        .lang
                        .fmt(Msg::LockTakenOver, &[&id, &old.user, &old.host, &old.pid]);
                    self.notify(msg);
                }
                Access::Locked(lock)
            }
            Err(StoreError::Locked(info)) => {
                // What matters first: a status line cuts the end off.
                let msg = self.lang.fmt(
                    Msg::ReadOnlyOpened,
                    &[
                        &info.id,
                        &info.user,
                        &info.host,
                        &info.pid,
                        &info.since_local(),
                    ],
                );
                self.notify_error(msg);
                Access::ReadOnly(info)
            }
            Err(e) => {
                let msg = self
                    .lang
                    .fmt(Msg::LockFailed, &[&id, &e.message(self.lang)]);
                self.notify_error(msg);
                Access::Unlocked
            }
        }
    }

    /// Saves the open issue (`mode`: whether it may write over changes made
    /// on disk); reports and returns whether it worked. A file changed on
    /// disk opens the conflict dialog, which goes on with `after`.
    pub(super) fn save_as(&mut self, mode: SaveMode, after: Option<After>) -> bool {
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut() else {
            self.notify(lang.t(Msg::NoIssueOpen).to_string());
            return false;
        };
        if let Some(info) = doc.read_only() {
            let msg = lang.fmt(
                Msg::ReadOnlyNoSave,
                &[&info.id, &info.user, &info.host, &info.pid],
            );
            self.notify_error(msg);
            return false;
        }
        doc.flush();
        let old = doc.id;
        match self.lib.save_with(&old, doc.issue.clone(), mode) {
            Ok(new_id) => {
                doc.id = new_id;
                doc.saved = doc.issue.clone();
                if new_id != old {
                    // The lock follows the file to its new name.
                    match self.lib.lock(&new_id) {
                        Ok(lock) => doc.access = Access::Locked(lock),
                        Err(e) => tracing::warn!(%new_id, "could not lock the renamed issue: {e}"),
                    }
                }
                self.safety.saved(&self.lib, old);
                let path = self.lib.path_for(&new_id);
                self.notify(lang.fmt(Msg::Saved, &[&path.display()]));
                self.select_in_list(new_id);
                true
            }
            Err(e @ (StoreError::ChangedOnDisk { .. } | StoreError::ReadOnlyFile { .. })) => {
                let (id, path, kind) = match e {
                    StoreError::ChangedOnDisk {
                        id,
                        path,
                        deleted: true,
                    } => (id, path, ConflictKind::Deleted),
                    StoreError::ChangedOnDisk { id, path, .. } => (id, path, ConflictKind::Changed),
                    StoreError::ReadOnlyFile { id, path } => (id, path, ConflictKind::ReadOnly),
                    _ => unreachable!("matched above"),
                };
                let dialog = Dialog::Conflict {
                    id,
                    path,
                    kind,
                    after,
                    // Nothing is lost by cancelling; recreating a deleted
                    // file loses nothing either.
                    choice: match kind {
                        ConflictKind::Deleted => 0,
                        ConflictKind::Changed => 2,
                        ConflictKind::ReadOnly => 1,
                    },
                };
                self.safety.show_first(&mut self.overlay, dialog);
                false
            }
            Err(e) => {
                let msg = lang.fmt(Msg::SaveFailed, &[&e.message(lang)]);
                self.notify_error(msg);
                false
            }
        }
    }

    /// The clerk chose to throw the open issue's changes away: its recovery
    /// file goes too.
    pub(super) fn forget_unsaved(&mut self) {
        if let Some(doc) = &self.doc
            && doc.read_only().is_none()
        {
            let id = doc.id;
            self.safety.autosave.clear();
            self.safety.slot.set(None);
            self.safety.discard(&self.lib, id);
        }
    }

    /// Sees every event first: counts it (autosave looks for changes only
    /// after events), and keeps input a terminal that is not UTF-8 garbled
    /// out of the text; returns whether the event was refused.
    pub(super) fn before_event(&mut self, event: &Event) -> bool {
        self.safety.events += 1;
        let not_utf8 = self.safety.terminal_utf8 == Some(false);
        let refused = match event {
            // crossterm decodes a paste lossily: U+FFFD marks bytes that
            // were not UTF-8, unless the terminal is known to be UTF-8 (then
            // it is in the text itself, as in PDF extractions).
            Event::Paste(text)
                if text.contains('\u{FFFD}') && self.safety.terminal_utf8 != Some(true) =>
            {
                Some(Msg::PasteNotUtf8)
            }
            Event::Paste(text) if not_utf8 && !text.is_ascii() => Some(Msg::InputNotUtf8),
            // crossterm drops invalid UTF-8 from keys, but some GBK byte
            // pairs are valid UTF-8 (BA C3 B0 A1 “好啊” gives ð): in a
            // terminal known not to be UTF-8 no typed non-ASCII is real.
            Event::Key(k) if not_utf8 && matches!(k.code, KeyCode::Char(c) if !c.is_ascii()) => {
                Some(Msg::InputNotUtf8)
            }
            _ => None,
        };
        if let Some(m) = refused {
            self.notify_error(self.lang.t(m).to_string());
        }
        refused.is_some()
    }

    /// Refuses an editing action on a read-only issue (moving, selecting,
    /// finding and copying are fine).
    pub(super) fn refuse_edit(&mut self, action: &EditAction) -> bool {
        let reads = matches!(
            action,
            EditAction::Move(_)
                | EditAction::Select(_)
                | EditAction::SelectAll
                | EditAction::Copy
                | EditAction::Find(_)
                | EditAction::FindNext
                | EditAction::FindPrev
                | EditAction::ClearFind
        );
        !reads && self.refuse_read_only()
    }

    /// Refuses a command that would change a read-only issue, or delete an
    /// issue someone is editing.
    pub(super) fn refuse_command(&mut self, cmd: Command) -> bool {
        match cmd {
            Command::Properties
            | Command::Replace
            | Command::AddSection
            | Command::AddArticle
            | Command::Rename
            | Command::DeleteItem
            | Command::MoveUp
            | Command::MoveDown
            | Command::ToggleKind
            | Command::Tidy => self.refuse_read_only(),
            Command::DeleteIssue => {
                let Some(id) = self.issue_ids().get(self.list_selected).copied() else {
                    return false;
                };
                let ours = self
                    .doc
                    .as_ref()
                    .is_some_and(|d| d.id == id && matches!(d.access, Access::Locked(_)));
                match self.lib.lock_status(&id) {
                    Ok(LockStatus::Held(info)) if !ours => {
                        let msg = self
                            .lang
                            .fmt(Msg::DeleteLocked, &[&info.message(self.lang)]);
                        self.notify_error(msg);
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn refuse_read_only(&mut self) -> bool {
        let Some(info) = self.doc.as_ref().and_then(Doc::read_only) else {
            return false;
        };
        let msg = self
            .lang
            .fmt(Msg::ReadOnlyRefused, &[&info.id, &info.user, &info.host]);
        self.notify_error(msg);
        true
    }

    /// A key nothing took: Ctrl+C, the habit of a lifetime, gets a hint.
    pub(super) fn unbound_key(&mut self, key: &KeyEvent) {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('c' | 'C'))
        {
            self.notify(self.lang.t(Msg::CtrlCHint).to_string());
        } else if plain && matches!(key.code, KeyCode::Char(_)) && self.focus != Focus::Editor {
            // Typing outside the text goes nowhere: say where it would go.
            self.notify(self.lang.t(Msg::TypeWhere).to_string());
        }
    }

    /// A key in one of this module's dialogs.
    pub(super) fn safety_dialog_key(&mut self, mut dialog: Dialog, key: &KeyEvent) {
        if let Dialog::Encoding(_) = dialog {
            // Any key closes it.
            self.show_queued();
            return;
        }
        let dirty = self.is_dirty();
        let choices = dialog.choices(dirty);
        match button_key(key, &choices, dialog.choice(dirty), dialog.escape()) {
            ButtonKey::Moved(i) => {
                dialog.select(i);
                self.overlay = Some(Overlay::Safety(dialog));
            }
            ButtonKey::Ignored => self.overlay = Some(Overlay::Safety(dialog)),
            ButtonKey::Chosen(choice) => {
                match dialog {
                    Dialog::Recovery { info, open, .. } => {
                        self.resolve_recovery(&info, open, choice)
                    }
                    Dialog::Conflict { after, .. } => self.resolve_conflict(after, choice),
                    Dialog::Encoding(_) => {}
                }
                self.show_queued();
            }
        }
    }

    fn resolve_recovery(&mut self, info: &RecoveryInfo, open: bool, choice: Msg) {
        let lang = self.lang;
        match choice {
            Msg::ChoiceRestore => match Recovery::restore(&self.lib, info) {
                Ok(issue) => {
                    if !self.load_doc(info.id) {
                        return;
                    }
                    let Some(doc) = self.doc.as_mut().filter(|d| d.read_only().is_none()) else {
                        // Someone opened it meanwhile: the file stays.
                        return;
                    };
                    doc.replace_issue(issue, None);
                    let (articles, chars) = (info.articles, info.chars);
                    self.notify(lang.fmt(Msg::RecoveryRestored, &[&info.id, &articles, &chars]));
                }
                Err(e) => self.notify_error(lang.fmt(Msg::RecoveryFailed, &[&e.message(lang)])),
            },
            Msg::ChoiceKeepBoth => match Recovery::keep_both(&mut self.lib, info) {
                Ok(new_id) => {
                    if open {
                        self.load_doc(info.id);
                    }
                    let msg = if info.saved == SavedState::Missing {
                        lang.fmt(Msg::RecoveryKeptMissing, &[&new_id])
                    } else {
                        lang.fmt(Msg::RecoveryKept, &[&new_id, &info.id])
                    };
                    self.notify(msg);
                }
                Err(e) => self.notify_error(lang.fmt(Msg::RecoveryFailed, &[&e.message(lang)])),
            },
            Msg::ChoiceDiscardRecovery => match Recovery::discard(&self.lib, &info.id) {
                Ok(()) => {
                    if open {
                        self.load_doc(info.id);
                    }
                    self.notify(lang.fmt(Msg::RecoveryDiscarded, &[&info.id]));
                }
                Err(e) => self.notify_error(lang.fmt(Msg::RecoveryFailed, &[&e.message(lang)])),
            },
            _ => self.notify(lang.fmt(Msg::RecoveryLater, &[&info.id])),
        }
    }

    fn resolve_conflict(&mut self, after: Option<After>, choice: Msg) {
        let done = match choice {
            Msg::ChoiceOverwrite | Msg::ChoiceSave => self.save_as(SaveMode::Overwrite, after),
            Msg::ChoiceWriteAnyway => self.save_as(SaveMode::Force, after),
            Msg::ChoiceLoadDisk => self.reload_doc(),
            _ => false,
        };
        if done && let Some(after) = after {
            self.after(after);
        }
    }

    /// Replaces the working copy with the version on disk, keeping the
    /// open article open where it still exists.
    fn reload_doc(&mut self) -> bool {
        let lang = self.lang;
        let Some(id) = self.doc.as_ref().map(|d| d.id) else {
            return false;
        };
        let new_id = match self.lib.reload(&id) {
            Ok(new_id) => new_id,
            Err(e) => {
                self.notify_error(e.message(lang));
                return false;
            }
        };
        let Some(issue) = self.lib.load(&new_id).ok().cloned() else {
            return false;
        };
        let relock = (new_id != id).then(|| self.lib.lock(&new_id));
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        match relock {
            Some(Ok(lock)) => doc.access = Access::Locked(lock),
            Some(Err(e)) => tracing::warn!(%new_id, "could not lock the reloaded issue: {e}"),
            None => {}
        }
        let pos = doc.article.as_ref().map(|a| a.pos);
        doc.id = new_id;
        doc.saved = issue.clone();
        doc.replace_issue(issue, pos);
        if doc.article.is_none() && self.focus == Focus::Editor {
            self.focus = Focus::Tree;
            self.zoom = false;
        }
        self.notify(lang.fmt(Msg::Reloaded, &[&new_id]));
        true
    }
}

#[cfg(test)]
mod tests;
