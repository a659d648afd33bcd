//! The workflow on disk: changing an issue's status (saved with its
//! history, committed to git when signed or distributed), and refusing to
//! write anything but a change of status over a signed or distributed issue.

use super::git::GitOff;
use super::{Library, ProblemKind, SaveMode, StoreError, load_issue};
use crate::i18n::{Lang, Msg};
use crate::model::{
    Actor, Changed, Issue, IssueId, MoveError, ReadOnly, Status, StatusChange, TotalClash,
    total_clashes,
};
use chrono::{DateTime, FixedOffset, Local, Timelike};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What git did with a change of status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commit {
    /// Committed, as this short hash.
    Done(String),
    /// The file was committed as it is already.
    Unchanged,
    /// The git features are off for this library (and why).
    Off(GitOff),
    /// git failed (its message); the change is saved all the same.
    Failed(String),
}

impl Commit {
    /// A line for the clerk, or `None` when there is nothing to say (git
    /// is not used here).
    pub fn message(&self, lang: Lang) -> Option<String> {
        match self {
            Commit::Done(hash) => Some(lang.fmt(Msg::StatusCommitted, &[hash])),
            Commit::Unchanged => None,
            // A library that does not use git needs no word about it.
            Commit::Off(GitOff::NotAWorkTree) => None,
            Commit::Off(off) => Some(lang.fmt(Msg::StatusNotCommitted, &[&off.message(lang)])),
            Commit::Failed(e) => Some(lang.fmt(Msg::StatusNotCommitted, &[e])),
        }
    }
}

/// A change of status, saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusSet {
    pub id: IssueId,
    pub changed: Changed,
    /// What git did, for signing and distributing (the moves that commit).
    pub commit: Option<Commit>,
}

/// Now, to the second, with the local offset, as history records it.
pub fn now() -> DateTime<FixedOffset> {
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

impl Library {
    /// Moves `id` to `to` (see [`Status::check_move`]), with `note` as the
    /// reason, records the change in its history, fills an empty 签发 when
    /// signing, saves it (refusing a file changed on disk since it was
    /// loaded), and, when it is signed or distributed, commits it to git
    /// with the message 签发 第N期（ID） / 印发 第N期（ID）. The caller holds the
    /// issue's edit lock (the editor has it; the command line takes it).
    pub fn set_status(
        &mut self,
        id: &IssueId,
        to: Status,
        actor: &Actor,
        note: Option<&str>,
        lang: Lang,
    ) -> Result<StatusSet, StoreError> {
        let mut issue = self.load(id)?.clone();
        let changed = issue
            .change_status(to, actor, note, now())
            .map_err(|error| StoreError::Move { id: *id, error })?;
        let new_id = self.save(id, issue)?;
        tracing::info!(%id, from = ?changed.change.from, to = ?to, "status changed");
        let commit = matches!(to, Status::Signed | Status::Distributed)
            .then(|| self.commit_status(&new_id, &changed.change, actor, lang));
        Ok(StatusSet {
            id: new_id,
            changed,
            commit,
        })
    }

    /// Commits the issue file of `id` after `change`, with the message
    /// 签发 第N期（ID） (or 印发 …, 提交审核 …, 退回修改 …).
    pub fn commit_status(
        &self,
        id: &IssueId,
        change: &StatusChange,
        actor: &Actor,
        lang: Lang,
    ) -> Commit {
        let git = match self.git() {
            Ok(g) => g,
            Err(off) => return Commit::Off(off),
        };
        let Some(entry) = self.entry(id) else {
            return Commit::Failed(lang.fmt(Msg::NoSuchIssue, &[id]));
        };
        let Some(rel) = entry
            .path
            .strip_prefix(self.root())
            .ok()
            .and_then(|p| p.to_str())
        else {
            return Commit::Failed(entry.path.display().to_string());
        };
        let s = &entry.summary;
        let number = lang.issue_number(s.number, None, s.supplement);
        let msg = match change.status {
            Status::Signed => Msg::CommitSigned,
            Status::Distributed => Msg::CommitDistributed,
            Status::Review => Msg::CommitReview,
            Status::Draft => Msg::CommitReopened,
        };
        let mut message = lang.fmt(msg, &[&number, id]);
        if let Some(note) = &change.note {
            message.push_str("\n\n");
            message.push_str(note);
        }
        match git.commit(&[rel], &message, actor) {
            Ok(Some(hash)) => {
                tracing::info!(%id, %hash, "committed change of status");
                Commit::Done(hash)
            }
            Ok(None) => Commit::Unchanged,
            Err(e) => {
                tracing::warn!(%id, "commit failed: {}", e.0);
                Commit::Failed(e.0)
            }
        }
    }

    /// Refuses to save `new` over a signed or distributed issue unless only
    /// its status and history change. With `mode` other than safe the file
    /// may have changed on disk since it was loaded (signed meanwhile, by a
    /// sync): what is on disk now decides.
    pub(super) fn refuse_read_only(
        &self,
        id: &IssueId,
        new: &Issue,
        mode: SaveMode,
    ) -> Result<(), StoreError> {
        let Some(entry) = self.entry(id) else {
            return Ok(());
        };
        let old: Cow<'_, Issue> = if mode == SaveMode::Safe {
            if !entry.summary.status.is_read_only() {
                return Ok(());
            }
            self.issue(id)?
        } else {
            match load_issue(self.fs().as_ref(), &entry.path) {
                Ok(e) => Cow::Owned(e.issue.expect("load_issue keeps the issue")),
                // Gone or unreadable: nothing signed to protect there.
                Err(_) => return Ok(()),
            }
        };
        match old.read_only() {
            Some(why) if !old.same_text(new) => Err(StoreError::ReadOnlyIssue {
                id: *id,
                why: Box::new(why),
            }),
            _ => Ok(()),
        }
    }
}

/// A numbering clash of one issue: its 第N期 is in another file too (which
/// did not load), or its 总第N期 is printed by other issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    Number { number: u32, other: PathBuf },
    Total { total: u32, others: Vec<IssueId> },
}

impl Clash {
    /// A line for the properties: what clashes, with what.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Clash::Number { number, other } => {
                lang.fmt(Msg::NumberClash, &[number, &other.display()])
            }
            Clash::Total { total, others } => {
                let others: Vec<String> = others.iter().map(|i| i.to_string()).collect();
                lang.fmt(
                    Msg::TotalClash,
                    &[total, &others.join(lang.t(Msg::ListSeparator))],
                )
            }
        }
    }

    /// A few words for the issue list.
    pub fn short(&self, lang: Lang) -> String {
        match self {
            Clash::Number { number, .. } => lang.fmt(Msg::ListNumberClash, &[number]),
            Clash::Total { total, .. } => lang.fmt(Msg::ListTotalClash, &[total]),
        }
    }
}

impl Library {
    /// Each issue's numbering clashes (issues without any are left out).
    pub fn clashes(&self) -> BTreeMap<IssueId, Vec<Clash>> {
        let mut out: BTreeMap<IssueId, Vec<Clash>> = BTreeMap::new();
        for (id, e) in self.entries() {
            for p in &self.problems {
                if let ProblemKind::Duplicate(first) = &p.kind
                    && *first == e.path
                {
                    out.entry(*id).or_default().push(Clash::Number {
                        number: e.summary.number,
                        other: p.path.clone(),
                    });
                }
            }
        }
        for c in self.total_clashes() {
            for id in &c.ids {
                out.entry(*id).or_default().push(Clash::Total {
                    total: c.total,
                    others: c.ids.iter().filter(|o| *o != id).copied().collect(),
                });
            }
        }
        out
    }

    /// Every 总第N期 printed by more than one issue (for `check`, the list
    /// and F4). Two files of one 第N期 in a year are reported as a
    /// [`super::ProblemKind::Duplicate`] when the library loads.
    pub fn total_clashes(&self) -> Vec<TotalClash> {
        let existing: Vec<(IssueId, Option<u32>)> = self
            .entries()
            .map(|(id, e)| (*id, e.summary.total))
            .collect();
        total_clashes(&existing)
    }
}

/// Who is working: the configured name (config.ron `name`), login and host.
pub fn actor(name: Option<String>) -> Actor {
    Actor {
        name: name.filter(|n| !n.trim().is_empty()),
        user: super::lock::current_user(),
        host: super::lock::current_host(),
    }
}

/// One line of the history: `2023-11-23 10:12  待审 → 已签发  王文明（clerk@office）`.
pub fn history_line(lang: Lang, c: &StatusChange) -> String {
    let moved = if c.from == c.status {
        lang.status(c.status).to_string()
    } else {
        format!("{} → {}", lang.status(c.from), lang.status(c.status))
    };
    let mut line = format!(
        "{}  {moved}  {}",
        c.time.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
        c.who()
    );
    if let Some(note) = &c.note {
        line.push_str("  ");
        line.push_str(&lang.fmt(Msg::ShowHistoryNote, &[note]));
    }
    line
}

/// Who signed (and distributed) a read-only issue, and when: `签发：王文明`,
/// `clerk@office 于 2023-11-23 10:12 签发`.
pub fn read_only_details(lang: Lang, why: &ReadOnly) -> Vec<String> {
    let mut details: Vec<String> = Vec::new();
    if let Some(s) = &why.signer {
        details.push(lang.fmt(Msg::ReadOnlySigner, &[s]));
    }
    let when = |c: &StatusChange| {
        c.time
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    if let Some(c) = &why.signed {
        details.push(lang.fmt(Msg::ReadOnlySignedBy, &[&c.who(), &when(c)]));
    }
    if why.status == Status::Distributed
        && let Some(c) = why
            .last
            .as_ref()
            .filter(|c| c.status == Status::Distributed)
    {
        details.push(lang.fmt(Msg::ReadOnlyDistributedBy, &[&c.who(), &when(c)]));
    }
    details
}

/// "2023-025 已签发，不能修改（签发：王文明；clerk@office 于 … 签发）。"
pub fn read_only_message(lang: Lang, id: &IssueId, why: &ReadOnly) -> String {
    let details = read_only_details(lang, why);
    let status = lang.status(why.status);
    if details.is_empty() {
        lang.fmt(Msg::ReadOnlyIssueBare, &[id, &status])
    } else {
        let sep = lang.t(Msg::ReadOnlySeparator);
        lang.fmt(Msg::ReadOnlyIssue, &[id, &status, &details.join(sep)])
    }
}

/// Why a move is refused, and what is allowed instead.
pub fn move_message(lang: Lang, id: &IssueId, error: MoveError) -> String {
    match error {
        MoveError::Same(s) => lang.fmt(Msg::MoveSame, &[id, &lang.status(s)]),
        MoveError::Skip { from, to } | MoveError::Back { from, to } => {
            let allowed: Vec<String> = from
                .moves()
                .into_iter()
                .map(|s| {
                    // The command-line word, and the status's name where it
                    // differs (English: "review (in review)", "draft").
                    let (word, shown) = (status_word(s), lang.status(s));
                    let mut name = if word == shown {
                        word.to_string()
                    } else {
                        lang.fmt(Msg::MoveAllowedName, &[&word, &shown])
                    };
                    if s == Status::Draft {
                        name.push_str(lang.t(Msg::MoveNeedsNoteShort));
                    }
                    name
                })
                .collect();
            lang.fmt(
                Msg::MoveNotAllowed,
                &[
                    id,
                    &lang.status(from),
                    &lang.status(to),
                    &allowed.join(lang.t(Msg::ListSeparator)),
                ],
            )
        }
        MoveError::NeedsNote { from } => lang.fmt(Msg::MoveNeedsNote, &[id, &lang.status(from)]),
    }
}

/// The word the command line takes for a status: draft, review, signed,
/// distributed.
pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::Draft => "draft",
        Status::Review => "review",
        Status::Signed => "signed",
        Status::Distributed => "distributed",
    }
}
