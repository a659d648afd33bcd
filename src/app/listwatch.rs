//! The issue list follows the library on disk. A library is shared:
//! another jianbao, a `jianbao new` in a script or a `git pull` may change
//! it at any moment. While the list is on screen and the clerk is idle
//! (no event for [`IDLE`]), the app looks at the library every [`EVERY`]
//! (names, sizes and modification times: no file is read; see
//! `store::Look`) and, when the look changed, takes the changes in: new
//! and removed issues, 字数, statuses and git states, the highlighted
//! issue kept. The open issue's text is never touched (the editor asks
//! when its file changed on disk). Nothing runs while events come.

use super::App;
use crate::model::IssueId;
use crate::store::Look;
use std::time::{Duration, Instant};

/// How long no event must come before the library is looked at.
pub const IDLE: Duration = Duration::from_secs(1);
/// The least time between two looks.
pub const EVERY: Duration = Duration::from_secs(2);
/// A look may take this share of the time at most: a slow disk (a network
/// share) is looked at less often.
const SHARE: u32 = 200;

#[derive(Debug, Default)]
pub struct ListWatch {
    /// The library as last looked at (`None`: not yet).
    look: Option<Look>,
    /// Events handled by the last tick, and when that tick saw them move.
    events: u64,
    last_event: Option<Instant>,
    /// When the library was last looked at.
    last_look: Option<Instant>,
    /// The least time between looks, grown when a look is slow.
    every: Duration,
}

impl ListWatch {
    /// When the next look is due, counted from `now` when nothing has
    /// happened yet.
    fn due(&self, now: Instant) -> Instant {
        let idle = self.last_event.unwrap_or(now) + IDLE;
        let every = self.last_look.map_or(idle, |t| t + self.every.max(EVERY));
        idle.max(every)
    }
}

impl App {
    /// Whether the issue list is drawn and nothing is over it.
    fn list_watched(&self) -> bool {
        self.overlay.is_none() && !self.syncing() && self.layout().issues.is_some()
    }

    /// Takes the first look (at start): changes are counted from here.
    pub(super) fn watch_start(&mut self) {
        self.list_watch.look = Some(self.lib.look());
    }

    /// Time passed ([`App::tick`]): events since the last tick put the
    /// look off; an idle list is looked at when due.
    pub(super) fn watch_list(&mut self, now: Instant) {
        let events = self.events_handled();
        let w = &mut self.list_watch;
        if events != w.events || w.last_event.is_none() {
            w.events = events;
            w.last_event = Some(now);
        }
        if !self.list_watched() || now < self.list_watch.due(now) {
            return;
        }
        let started = Instant::now();
        let look = self.lib.look();
        let w = &mut self.list_watch;
        w.every = started.elapsed() * SHARE;
        w.last_look = Some(now);
        if w.look.as_ref() != Some(&look) {
            w.look = Some(look);
            self.take_in_disk_changes();
        }
    }

    /// When [`App::watch_list`] next has work, if the list is watched.
    pub(super) fn watch_due(&self, now: Instant) -> Option<Instant> {
        self.list_watched().then(|| self.list_watch.due(now))
    }

    /// The library changed on disk: the list takes in what changed, the
    /// highlighted issue kept (when it is still there).
    fn take_in_disk_changes(&mut self) {
        let selected = self.issue_ids().get(self.list_selected).copied();
        let open = self.doc.as_ref().map(|d| d.id);
        // Issues read earlier and no longer open are read again if they
        // changed; the open one stays as loaded (see `Library::rescan`).
        let loaded: Vec<IssueId> = self
            .lib
            .entries()
            .filter(|(id, e)| e.issue().is_some() && Some(**id) != open)
            .map(|(id, _)| *id)
            .collect();
        for id in &loaded {
            self.lib.unload(id);
        }
        if let Err(e) = self.lib.rescan() {
            self.notify_error(e.message(self.lang));
        }
        self.refresh_git();
        let ids = self.issue_ids();
        match selected.and_then(|s| ids.iter().position(|x| *x == s)) {
            Some(i) => self.list_selected = i,
            None => self.list_selected = self.list_selected.min(ids.len().saturating_sub(1)),
        }
        self.keep_visible();
        self.view_changed();
    }
}
