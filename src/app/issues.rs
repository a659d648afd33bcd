//! The issue list: which issues there are, opening, creating, duplicating
//! and deleting issues, and the trash.

use super::doc::Doc;
use super::form::{Form, NewIssueChoice};
use super::{App, Focus, Overlay};
use crate::i18n::Msg;
use crate::model::IssueId;

impl App {
    /// Ids of the issue list, newest first, of the status filtered for.
    pub fn issue_ids(&self) -> Vec<IssueId> {
        self.lib
            .newest_first()
            .filter(|(_, e)| self.list_filter.is_none_or(|s| e.summary.status == s))
            .map(|(id, _)| *id)
            .collect()
    }

    /// Shows issues added to the library by someone else since the start
    /// (another jianbao, `jianbao new`, a git pull).
    pub(super) fn refresh_list(&mut self) {
        self.refresh_git();
        let selected = self.issue_ids().get(self.list_selected).copied();
        match self.lib.refresh() {
            Ok(0) => {}
            Ok(_) => {
                if let Some(id) = selected {
                    self.select_in_list(id);
                }
                self.keep_visible();
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    /// Selects issue `id` in the list, if it is there.
    pub(crate) fn select_in_list(&mut self, id: IssueId) {
        if let Some(i) = self.issue_ids().iter().position(|x| *x == id) {
            self.list_selected = i;
        }
    }

    /// Moves the issue list's selection `delta` rows, within the list.
    pub(super) fn move_list_selection(&mut self, delta: isize) {
        let last = self.issue_ids().len().saturating_sub(1) as isize;
        self.list_selected = (self.list_selected as isize + delta).clamp(0, last) as usize;
    }

    /// Opens an issue by id (the caller has dealt with unsaved changes),
    /// after offering its recovery file if it has one.
    pub fn open_issue(&mut self, id: IssueId) {
        if !self.offer_before_open(id) {
            self.load_doc(id);
        }
    }

    /// Opens an issue by id and takes its lock; returns whether it opened.
    pub(super) fn load_doc(&mut self, id: IssueId) -> bool {
        let issue = match self.lib.load(&id) {
            Ok(issue) => issue.clone(),
            Err(e) => {
                self.notify_error(e.message(self.lang));
                return false;
            }
        };
        // Release the old lock first: it may be this issue's.
        self.doc = None;
        let access = self.lock_for_edit(id);
        self.doc = Some(Doc::new(id, issue, access));
        self.select_in_list(id);
        self.focus = Focus::Tree;
        self.zoom = false;
        true
    }

    /// Saves the open issue; reports and returns whether it worked.
    pub fn save(&mut self) -> bool {
        let saved = self.save_as(crate::store::SaveMode::Safe, None);
        if saved {
            self.refresh_git();
        }
        saved
    }

    /// The new-issue form (Ctrl+N): the next 第N期, 总第N期 and today's
    /// date, as `jianbao new` would take them, to confirm or change.
    pub(super) fn open_new_issue_form(&mut self) {
        let template = self.doc.as_ref().map(|d| d.id);
        match self.lib.next_numbered(template.as_ref(), self.today, false) {
            Ok(next) => {
                let existing = self
                    .lib
                    .entries()
                    .map(|(id, e)| (*id, e.summary.total))
                    .collect();
                let template = template.or_else(|| self.lib.latest());
                let form = Form::new_issue(&next, existing, template, self.lang);
                self.overlay = Some(Overlay::Form(form));
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    /// Creates the issue the new-issue form asked for (unsaved changes of
    /// the open one dealt with) and opens it. A number left as proposed
    /// moves on when another clerk takes it meanwhile; one typed in is kept
    /// or refused.
    pub(super) fn create_issue(&mut self, choice: NewIssueChoice) {
        let template = self.doc.as_ref().map(|d| d.id);
        let made = self.lib.create_with(|lib| {
            let mut issue = lib.next_numbered(template.as_ref(), choice.date, choice.supplement)?;
            if let Some(n) = choice.number {
                issue.number = n;
            }
            if let Some(t) = choice.total {
                issue.total = t;
            }
            Ok(issue)
        });
        match made {
            Ok(created) => {
                let id = created.id;
                // From the library: opening may stop at a recovery offer.
                let number = self
                    .lib
                    .summary(&id)
                    .map(|i| self.lang.issue_number(i.number, i.total, i.supplement))
                    .unwrap_or_default();
                self.open_issue(id);
                self.notify(
                    self.created_message(created, self.lang.fmt(Msg::NewCreated, &[&id, &number])),
                );
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    /// `done`, preceded by a word on a number another process took first.
    fn created_message(&self, created: crate::store::Created, done: String) -> String {
        let mut text = match created.taken {
            Some(taken) => format!(
                "{} {done}",
                self.lang.fmt(Msg::NumberTaken, &[&taken, &created.id])
            ),
            None => done,
        };
        // A date before the previous issue's prints the issues out of
        // order: say so (F4 changes it).
        if let Some(date) = self.lib.entry(&created.id).map(|e| e.summary.date)
            && let Some((prev, e)) = self.lib.previous(&created.id)
            && date < e.summary.date
        {
            text.push(' ');
            text.push_str(&self.hint(Msg::DateBeforePrevious, &[&date, prev, &e.summary.date]));
        }
        text
    }

    /// A full copy of the selected issue (articles included) as the next number.
    pub(super) fn duplicate_issue(&mut self) {
        let Some(id) = self.issue_ids().get(self.list_selected).copied() else {
            return;
        };
        match self.lib.duplicate(&id, self.today) {
            Ok(created) => {
                self.refresh_git();
                self.select_in_list(created.id);
                let done = self.lang.fmt(Msg::Duplicated, &[&id, &created.id]);
                self.notify(self.created_message(created, done));
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    pub(super) fn delete_issue(&mut self, id: IssueId) {
        // Unsaved text of the open issue goes to the trash with it, in its
        // recovery file, as it is now.
        if let Some(doc) = self.doc.as_mut().filter(|d| d.id == id)
            && doc.read_only().is_none()
            && doc.is_dirty()
        {
            doc.flush();
            if let Err(e) = crate::store::recovery::Recovery::write(&self.lib, &id, &doc.issue) {
                tracing::error!(%id, "unsaved text not kept before deleting: {e}");
            }
        }
        match self.lib.trash(&id) {
            Ok(path) => {
                if self.doc.as_ref().is_some_and(|d| d.id == id) {
                    // No later backup may bring its recovery file back.
                    self.forget_unsaved();
                    self.doc = None;
                    self.focus = Focus::Issues;
                }
                self.refresh_git();
                let n = self.issue_ids().len();
                self.list_selected = self.list_selected.min(n.saturating_sub(1));
                self.notify(self.lang.fmt(Msg::Trashed, &[&id, &path.display()]));
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }
}
