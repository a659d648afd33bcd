//! `sync` from the editor, on a thread: git may take a while (a slow
//! server, a network drive), and the window keeps drawing meanwhile — it
//! says 正在同步… at once. While git runs, nothing that writes to the
//! library is done (edits, saving, statuses, imports, adoptions are
//! refused with a word), so no issue changes under the sync; the result
//! comes back through [`App::tick`], which takes in what the other side
//! brought and reloads the open issue when it was among it.

use super::App;
use crate::i18n::Msg;
use crate::store::Library;
use crate::store::sync::{SyncReport, sync};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A sync running on its thread: its result, or why it failed, in words.
#[derive(Debug)]
pub struct SyncJob {
    rx: Receiver<Result<SyncReport, String>>,
}

/// How often the event loop looks for the result while git runs.
pub const SYNC_POLL: std::time::Duration = std::time::Duration::from_millis(100);

impl App {
    /// Shares the library through git (see [`crate::store::sync`]): the
    /// open issue is saved first; git runs on a thread.
    pub(super) fn sync(&mut self) {
        let lang = self.lang;
        if self.doc.as_ref().is_some_and(|d| d.read_only().is_none())
            && self.is_dirty()
            && !self.save()
        {
            return;
        }
        let (tx, rx) = channel();
        let root = self.lib.root().to_path_buf();
        let actor = self.actor.clone();
        // A library of its own, as `jianbao sync` in another terminal
        // would open it; this process's locks are its own.
        let spawned = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                let result = match Library::open(&root) {
                    Ok(mut lib) => sync(&mut lib, &actor, lang).map_err(|e| e.message(lang)),
                    Err(e) => Err(e.message(lang)),
                };
                // The app may be gone (quit meanwhile): nobody to tell.
                let _ = tx.send(result);
            });
        match spawned {
            Ok(_) => {
                self.sync_job = Some(SyncJob { rx });
                self.notify(lang.t(Msg::SyncRunning).to_string());
            }
            Err(e) => self.notify_error(e.to_string()),
        }
    }

    /// Whether a sync is running.
    pub fn syncing(&self) -> bool {
        self.sync_job.is_some()
    }

    /// Takes the sync's result when it has come.
    pub(super) fn collect_sync(&mut self) {
        let Some(job) = &self.sync_job else { return };
        let result = match job.rx.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(self.lang.t(Msg::SyncLost).to_string()),
        };
        self.sync_job = None;
        // The list's git states, issues received: every pane may change.
        self.view_changed();
        let lang = self.lang;
        match result {
            Ok(report) => {
                // What the other side brought, into this library too.
                if let Err(e) = self.lib.rescan() {
                    self.notify_error(e.message(lang));
                }
                if let Some(id) = self.doc.as_ref().map(|d| d.id)
                    && (report.received.contains(&id)
                        || report.kept_both.iter().any(|k| k.id == id))
                {
                    self.reload_open(id);
                }
                self.notify(report.lines(lang).join(" "));
            }
            Err(msg) => self.notify_error(msg),
        }
        self.refresh_git();
        self.keep_visible();
    }

    /// Refuses a change while git runs, saying why.
    pub(super) fn refuse_syncing(&mut self) -> bool {
        if self.syncing() {
            self.notify_error(self.lang.t(Msg::SyncWait).to_string());
        }
        self.syncing()
    }

    /// For tests: a sync whose result the test sends.
    #[cfg(test)]
    pub(super) fn fake_sync(&mut self) -> std::sync::mpsc::Sender<Result<SyncReport, String>> {
        let (tx, rx) = channel();
        self.sync_job = Some(SyncJob { rx });
        tx
    }
}
