//! The office's workflow in the editor: changing the status of the issue
//! selected in the list (or the one open), refusing to change a signed or
//! distributed issue, the list's status filter, and the properties' view
//! of the status, its history and numbering clashes.

use super::form::{Form, move_label};
use super::{App, Focus, Overlay};
use crate::i18n::Msg;
use crate::model::{Issue, IssueId, Status};
use crate::store::StoreError;
use crate::store::workflow::{history_line, read_only_message};

/// The list's filter, in the order the key cycles through.
const FILTERS: [Option<Status>; 5] = [
    None,
    Some(Status::Draft),
    Some(Status::Review),
    Some(Status::Signed),
    Some(Status::Distributed),
];

impl App {
    /// The issue a change of status is for: the selected one in the list,
    /// else the open one.
    fn status_target(&self) -> Option<IssueId> {
        match self.focus {
            Focus::Issues => self.issue_ids().get(self.list_selected).copied(),
            _ => self.doc.as_ref().map(|d| d.id),
        }
    }

    /// Asks how to change the status of the target issue, `wanted` chosen;
    /// a move that is not allowed now is refused with what is.
    pub(super) fn open_status_form(&mut self, wanted: Option<Status>) {
        let Some(id) = self.status_target() else {
            self.notify(self.lang.t(Msg::NoIssueOpen).to_string());
            return;
        };
        let Some(from) = self.lib.summary(&id).map(|s| s.status) else {
            return;
        };
        if let Some(to) = wanted
            && !from.moves().contains(&to)
        {
            let lang = self.lang;
            let allowed: Vec<&str> = from
                .moves()
                .into_iter()
                .map(|s| lang.t(move_label(s)))
                .collect();
            self.notify_error(lang.fmt(
                Msg::MoveNotAllowedTui,
                &[
                    &id,
                    &lang.status(from),
                    &lang.t(move_label(to)),
                    &allowed.join(lang.t(Msg::ListSeparator)),
                ],
            ));
            return;
        }
        let mut form = Form::status(id, from, wanted);
        let number = self
            .lib
            .summary(&id)
            .map(|s| self.lang.issue_number(s.number, s.total, s.supplement))
            .unwrap_or_default();
        form.info = vec![
            self.lang
                .fmt(Msg::StatusNow, &[&number, &id, &self.lang.status(from)]),
        ];
        self.overlay = Some(Overlay::Form(form));
    }

    /// Moves `id` to `to` with `note`: the open issue is saved first, the
    /// issue's lock is held (the editor's, or taken for the moment), and
    /// the open issue shows the result. Says what happened, or why not.
    pub(super) fn change_status(
        &mut self,
        id: IssueId,
        to: crate::model::Status,
        note: Option<&str>,
    ) {
        let lang = self.lang;
        let open = self.doc.as_ref().is_some_and(|d| d.id == id);
        if open {
            if let Some(info) = self.doc.as_ref().and_then(|d| d.read_only()) {
                let msg = lang.fmt(Msg::StatusBusy, &[&id, &info.user, &info.host]);
                self.notify_error(msg);
                return;
            }
            // Its text first, as the clerk sees it; a failed save says why.
            if self.is_dirty() && !self.save() {
                return;
            }
        }
        // Not under another editor: its next save would undo the change.
        let _lock = if open {
            None
        } else {
            match self.lib.lock(&id) {
                Ok(lock) => Some(lock),
                Err(StoreError::Locked(info)) => {
                    let msg = lang.fmt(Msg::StatusBusy, &[&id, &info.user, &info.host]);
                    self.notify_error(msg);
                    return;
                }
                Err(e) => {
                    self.notify_error(e.message(lang));
                    return;
                }
            }
        };
        if !open && let Err(e) = self.lib.reload(&id) {
            self.notify_error(e.message(lang));
            return;
        }
        let set = match self.lib.set_status(&id, to, &self.actor, note, lang) {
            Ok(set) => set,
            Err(e) => {
                self.notify_error(e.message(lang));
                return;
            }
        };
        if open {
            self.reload_open(set.id);
        }
        self.select_in_list(set.id);
        self.refresh_git();
        let c = &set.changed.change;
        let mut words = vec![lang.fmt(
            Msg::StatusChanged,
            &[&set.id, &lang.status(c.from), &lang.status(c.status)],
        )];
        if let Some(name) = &set.changed.signer_filled {
            words.push(lang.fmt(Msg::StatusSignerFilled, &[name]));
        }
        if set.changed.signer_missing {
            words.push(lang.t(Msg::StatusSignerMissing).to_string());
        }
        words.extend(set.commit.as_ref().and_then(|c| c.message(lang)));
        let failed = matches!(set.commit, Some(crate::store::workflow::Commit::Failed(_)));
        let text = words.join(" ");
        if failed {
            self.notify_error(text);
        } else {
            self.notify(text);
        }
    }

    /// Why the open issue takes no change, when it is signed or
    /// distributed: who signed it and how to reopen it.
    pub(super) fn signed_refusal(&self) -> Option<String> {
        let (id, why) = self
            .doc
            .as_ref()
            .and_then(|d| Some((d.id, d.issue.read_only()?)))?;
        // One status line: who signed, and the key that reopens (F4 has
        // the whole story).
        let status = self.lang.status(why.status);
        let signer = why.signer.clone().or_else(|| {
            why.signed
                .as_ref()
                .map(|c| c.name.clone().unwrap_or_else(|| c.who()))
        });
        Some(match signer {
            Some(s) => self.hint(Msg::SignedRefused, &[&id, &status, &s]),
            None => self.hint(Msg::SignedRefusedBare, &[&id, &status]),
        })
    }

    /// Refuses a change to the open issue when it is signed or distributed
    /// ([`App::signed_refusal`] on the status line).
    pub(super) fn refuse_signed(&mut self) -> bool {
        match self.signed_refusal() {
            Some(msg) => {
                self.notify_error(msg);
                true
            }
            None => false,
        }
    }

    /// The properties of the open issue (F4): editable for a draft or an
    /// issue in review, read-only (saying why) when signed; with the
    /// status, its history and numbering clashes under the fields.
    pub(super) fn open_properties(&mut self) {
        let Some(doc) = self.doc.as_ref() else {
            self.notify(self.lang.t(Msg::NoIssueOpen).to_string());
            return;
        };
        let mut form = Form::issue(&doc.issue);
        form.info = self.issue_info(doc.id, &doc.issue);
        if let Some(why) = doc.issue.read_only() {
            form.read_only = Some(format!(
                "{}{}",
                read_only_message(self.lang, &doc.id, &why),
                self.hint(Msg::ReopenHintTui, &[])
            ));
        }
        self.overlay = Some(Overlay::Form(form));
    }

    /// The status and its history, and numbering clashes, for F4.
    fn issue_info(&self, id: IssueId, issue: &Issue) -> Vec<String> {
        let lang = self.lang;
        let mut out: Vec<String> = self
            .lib
            .clashes()
            .remove(&id)
            .unwrap_or_default()
            .iter()
            .map(|c| format!("！{}", c.message(lang)))
            .collect();
        let mut status = lang.fmt(Msg::ShowStatus, &[&lang.status(issue.status)]);
        if let Some(state) = self.git.as_ref().and_then(|g| g.get(&id)) {
            status.push_str("  ");
            status.push_str(&lang.fmt(Msg::ShowGit, &[&state.label(lang)]));
        }
        out.push(status);
        if issue.history.is_empty() {
            out.push(format!("  {}", lang.t(Msg::ShowHistoryEmpty)));
        }
        // Newest first: what matters is how it got to where it is.
        out.extend(
            issue
                .history
                .iter()
                .rev()
                .map(|c| format!("  {}", history_line(lang, c))),
        );
        out
    }

    /// Shows the next status filter of the issue list, keeping the
    /// selected issue selected while it is shown.
    /// An issue a filter hid comes back selected when a later filter
    /// shows it again, unless the clerk moved meanwhile.
    pub(super) fn cycle_filter(&mut self) {
        let current = self.issue_ids().get(self.list_selected).copied();
        let wanted = match self.filter_kept.take() {
            Some((hidden, put)) if current == put => Some(hidden),
            _ => current,
        };
        let i = FILTERS
            .iter()
            .position(|f| *f == self.list_filter)
            .unwrap_or(0);
        self.list_filter = FILTERS[(i + 1) % FILTERS.len()];
        self.list_selected = 0;
        self.list_scroll = 0;
        let ids = self.issue_ids();
        match wanted {
            Some(id) if ids.contains(&id) => self.select_in_list(id),
            // Through an empty list too.
            Some(id) => self.filter_kept = Some((id, ids.first().copied())),
            None => {}
        }
    }

    /// Reads each issue file's state in git again (nothing when git is off
    /// for the library: the list then shows none).
    pub(super) fn refresh_git(&mut self) {
        self.git = self.lib.git_states().ok().map(|g| g.issues);
    }

    /// Reads the open issue `id` again from disk (it has nothing unsaved).
    pub(super) fn reload_open(&mut self, id: IssueId) {
        match self
            .lib
            .reload(&id)
            .and_then(|id| Ok(self.lib.load(&id)?.clone()))
        {
            Ok(issue) => {
                if let Some(doc) = self.doc.as_mut() {
                    let pos = doc.article.as_ref().map(|a| a.pos);
                    doc.saved = issue.clone();
                    doc.replace_issue(issue, pos);
                }
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }
}
