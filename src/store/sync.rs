//! `jianbao sync`: share the library through git. Local changes of the
//! library are committed, the other side's commits are fetched and ours
//! rebased onto them, and the result is pushed.
//!
//! It never loses text, and never merges an issue line by line behind the
//! clerk's back: an issue changed on both sides keeps one version under its
//! number (ours, unless only theirs is signed) and the other becomes a
//! separate draft under the next free number, as "keep both" does for
//! recovery files; the clerk is told. Inbox records changed on both sides
//! are merged into one keeping every decision (`sync/inbox.rs`), and the
//! clerk is told that too. An issue open in another editor on
//! this machine is not changed under it: if the other side changed it, the
//! sync stops before changing anything. Anything else git cannot merge
//! (library.ron changed on both sides) undoes the rebase and
//! says so.

mod both;
mod inbox;
mod queries;

pub use inbox::RecordMerged;

use super::git::{Git, GitError, GitOff};
use super::lock::{LockInfo, LockStatus, current_host};
use super::{GITIGNORE, ISSUES_DIR, Library, SETTINGS_FILE, StoreError, codec, read_text};
use crate::i18n::{Lang, Msg};
use crate::model::{Actor, IssueId};
use both::{Both, keep_both, rebase};
use queries::{changed, count, in_progress, is_ancestor, merge_base, names, rev};
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// How often a push rejected because the other side moved meanwhile is
/// tried again (fetching and rebasing each time).
const TRIES: usize = 3;

/// An issue changed on both sides since the last sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptBoth {
    pub id: IssueId,
    /// The other version, now a draft of its own.
    pub copy: IssueId,
    /// Whether this machine's version stayed under `id` (else the other
    /// side's did, because it was signed and ours was not).
    pub ours_kept: bool,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// The remote branch synchronised with, e.g. `origin/main`.
    pub upstream: String,
    /// Issues whose local changes were committed before pulling, and
    /// whether `library.ron` was among them.
    pub committed: Vec<IssueId>,
    pub committed_settings: bool,
    /// Issues the other side changed, added or deleted (the editor reloads
    /// those it has open).
    pub received: Vec<IssueId>,
    pub kept_both: Vec<KeptBoth>,
    /// Issues deleted on one side and changed on the other: kept.
    pub restored: Vec<IssueId>,
    /// Copies the other side's sync made of issues changed on both sides,
    /// received now: (the copy, the issue it is a version of).
    pub copies_received: Vec<(IssueId, IssueId)>,
    /// Files of the other side that could not be read as issues, kept
    /// under a name of their own in `issues/` (reported by `check`).
    pub kept_files: Vec<PathBuf>,
    /// Inbox records changed on both sides, merged (every decision kept).
    pub inbox_merged: Vec<RecordMerged>,
    /// Submissions of this office renamed: the other office received
    /// another under the same name.
    pub inbox_renamed: Vec<inbox::Renamed>,
    /// Commits pushed.
    pub pushed: usize,
    /// The branch had no upstream: it was pushed and set as one.
    pub first_push: bool,
}

/// Why a sync did not happen (nothing was changed, or what was done is
/// undone).
#[derive(Debug)]
pub enum SyncError {
    Off(GitOff),
    /// The repository has no remote to sync with.
    NoRemote,
    /// HEAD is detached: no branch to sync.
    Detached,
    /// A merge or rebase is in progress in the work tree.
    Busy,
    /// The other side changed issues that editors here have open.
    Locked(Vec<LockInfo>),
    /// Files outside the issues changed on both sides that git cannot
    /// merge; the rebase was undone.
    Unmerged(Vec<String>),
    /// A git step failed: the step and git's message.
    Git {
        step: &'static str,
        message: String,
    },
    /// Files of the work tree outside the library that the clerk is
    /// changing and the other side changed too: syncing would have to
    /// stash them and could not give them back untouched.
    InTheWay(Vec<String>),
    /// The other side kept moving while we pushed.
    Raced,
    Store(StoreError),
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Store(e)
    }
}

impl SyncError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SyncError::Off(off) => off.message(lang),
            SyncError::NoRemote => lang.t(Msg::SyncNoRemote).to_string(),
            SyncError::Detached => lang.t(Msg::SyncDetached).to_string(),
            SyncError::Busy => lang.t(Msg::SyncBusy).to_string(),
            SyncError::Locked(locks) => locks
                .iter()
                .map(|l| lang.fmt(Msg::SyncLocked, &[&l.id, &l.user, &l.host, &l.pid]))
                .collect::<Vec<_>>()
                .join("\n"),
            SyncError::Unmerged(files) => lang.fmt(
                Msg::SyncUnmerged,
                &[&files.join(lang.t(Msg::ListSeparator))],
            ),
            SyncError::Git { step, message } => lang.fmt(Msg::SyncGitFailed, &[step, message]),
            SyncError::InTheWay(files) => lang.fmt(
                Msg::SyncInTheWay,
                &[&files.join(lang.t(Msg::ListSeparator))],
            ),
            SyncError::Raced => lang.t(Msg::SyncRaced).to_string(),
            SyncError::Store(e) => e.message(lang),
        }
    }
}

impl SyncReport {
    /// What to tell the clerk, a line each.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let ids = |v: &[IssueId]| {
            v.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(lang.t(Msg::ListSeparator))
        };
        let mut out = Vec::new();
        if !self.committed.is_empty() || self.committed_settings {
            let mut what: Vec<String> = self.committed.iter().map(|i| i.to_string()).collect();
            if self.committed_settings {
                what.push(SETTINGS_FILE.to_string());
            }
            out.push(lang.fmt(
                Msg::SyncCommitted,
                &[&what.join(lang.t(Msg::ListSeparator))],
            ));
        }
        if !self.received.is_empty() {
            out.push(lang.fmt(
                Msg::SyncReceived,
                &[&self.received.len(), &ids(&self.received)],
            ));
        }
        for k in &self.kept_both {
            let (kept, other) = if k.ours_kept {
                (Msg::SyncHere, Msg::SyncThere)
            } else {
                (Msg::SyncThere, Msg::SyncHere)
            };
            out.push(lang.fmt(
                Msg::SyncKeptBoth,
                &[&k.id, &lang.t(kept), &lang.t(other), &k.copy],
            ));
        }
        for (copy, of) in &self.copies_received {
            out.push(lang.fmt(Msg::SyncCopyReceived, &[copy, of]));
        }
        for id in &self.restored {
            out.push(lang.fmt(Msg::SyncRestored, &[id]));
        }
        for p in &self.kept_files {
            out.push(lang.fmt(Msg::SyncKeptFile, &[&p.display()]));
        }
        out.extend(inbox::lines(lang, &self.inbox_merged));
        out.extend(inbox::renamed_lines(lang, &self.inbox_renamed));
        if self.first_push {
            out.push(lang.fmt(Msg::SyncFirstPush, &[&self.upstream]));
        } else if self.pushed > 0 {
            out.push(lang.fmt(Msg::SyncPushed, &[&self.pushed, &self.upstream]));
        }
        if out.is_empty() {
            out.push(lang.fmt(Msg::SyncUpToDate, &[&self.upstream]));
        }
        out
    }
}

fn failed(step: &'static str) -> impl FnOnce(GitError) -> SyncError {
    move |e| SyncError::Git { step, message: e.0 }
}

/// Synchronises the library with its git remote (see the module comment).
/// `actor` authors the commits where git has no user configured; `lang`
/// words the commit messages and the notes of kept versions. Blocks while
/// git talks to the server.
pub fn sync(lib: &mut Library, actor: &Actor, lang: Lang) -> Result<SyncReport, SyncError> {
    let git = lib.git().map_err(SyncError::Off)?.acting_as(actor);
    let mut report = SyncReport::default();
    for _ in 0..TRIES {
        if sync_once(lib, &git, actor, lang, &mut report)? {
            return Ok(report);
        }
        tracing::info!("push rejected: the remote moved meanwhile; syncing again");
    }
    Err(SyncError::Raced)
}

/// One round: `Ok(false)` when the push was rejected because the other
/// side pushed meanwhile.
fn sync_once(
    lib: &mut Library,
    git: &Git,
    actor: &Actor,
    lang: Lang,
    report: &mut SyncReport,
) -> Result<bool, SyncError> {
    if in_progress(git) {
        return Err(SyncError::Busy);
    }
    let branch = git
        .git(&["symbolic-ref", "--quiet", "--short", "HEAD"])
        .map(|b| b.trim().to_string())
        .map_err(|_| SyncError::Detached)?;
    let mut upstream = git
        .git(&[
            "rev-parse",
            "--abbrev-ref",
            "--symbolic-full-name",
            "@{upstream}",
        ])
        .ok()
        .map(|u| u.trim().to_string());
    let remote = match &upstream {
        Some(_) => git
            .git(&["config", "--get", &format!("branch.{branch}.remote")])
            .map(|r| r.trim().to_string())
            .map_err(|_| SyncError::NoRemote)?,
        None => {
            let remotes = git.git(&["remote"]).map_err(failed("remote"))?;
            let remotes: Vec<&str> = remotes.lines().collect();
            match remotes.as_slice() {
                [] => return Err(SyncError::NoRemote),
                [one] => one.to_string(),
                many if many.contains(&"origin") => "origin".to_string(),
                _ => return Err(SyncError::NoRemote),
            }
        }
    };
    git.git(&["fetch", "--quiet", &remote])
        .map_err(failed("fetch"))?;
    if upstream.is_none() {
        // A clone of a repository that had this branch when we first
        // pushed elsewhere: track it.
        let theirs = format!("{remote}/{branch}");
        if git
            .test(&[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("refs/remotes/{theirs}"),
            ])
            .unwrap_or(false)
        {
            git.git(&["branch", "--quiet", &format!("--set-upstream-to={theirs}")])
                .map_err(failed("branch"))?;
            upstream = Some(theirs);
        }
    }
    report.upstream = upstream
        .clone()
        .unwrap_or_else(|| format!("{remote}/{branch}"));
    let has_head = git
        .test(&["rev-parse", "--verify", "--quiet", "HEAD"])
        .unwrap_or(false);
    if let Some(up) = &upstream {
        let base = if has_head {
            merge_base(git, "HEAD", up)
        } else {
            None
        };
        refuse_locked(lib, git, &changed(git, base.as_deref(), up, ISSUES_DIR)?)?;
        refuse_in_the_way(git, base.as_deref(), up)?;
    }
    commit_local(lib, git, actor, lang, report)?;
    let has_head = git
        .test(&["rev-parse", "--verify", "--quiet", "HEAD"])
        .unwrap_or(false);
    let Some(up) = upstream else {
        if !has_head {
            return Ok(true);
        }
        report.pushed = count(git, "HEAD")?;
        git.git(&["push", "--quiet", "--set-upstream", &remote, &branch])
            .map_err(failed("push"))?;
        report.first_push = true;
        return Ok(true);
    };
    let before = has_head.then(|| rev(git, "HEAD")).transpose()?;
    let mut both: Vec<Both> = Vec::new();
    let mut records = Vec::new();
    match &before {
        None => {
            git.git(&["merge", "--quiet", "--ff-only", &up])
                .map_err(failed("merge"))?;
        }
        Some(_) if is_ancestor(git, &up, "HEAD") => {}
        Some(_) if is_ancestor(git, "HEAD", &up) => {
            git.git(&["merge", "--quiet", "--ff-only", &up])
                .map_err(failed("merge"))?;
        }
        Some(_) => (both, records) = rebase(git, &up)?,
    }
    // What the other side changed (the issues changed on both sides are
    // reported as kept both), and the versions another sync kept as copies.
    let handled: HashSet<&str> = both.iter().map(|b| b.rel.as_str()).collect();
    let diff = |filter: &str| -> Result<Vec<String>, SyncError> {
        match &before {
            Some(b) => names(
                git,
                &[
                    "diff",
                    "--name-only",
                    "--no-renames",
                    filter,
                    "-z",
                    b,
                    "HEAD",
                    "--",
                    ISSUES_DIR,
                ],
            ),
            None => changed(git, None, "HEAD", ISSUES_DIR),
        }
    };
    for rel in diff("--diff-filter=ACDMRT")?
        .iter()
        .filter(|r| !handled.contains(r.as_str()))
    {
        if let Some(id) = issue_id(git, rel)
            && !report.received.contains(&id)
        {
            report.received.push(id);
        }
    }
    let added = diff("--diff-filter=A")?;
    keep_both(lib, git, actor, lang, &up, both, report)?;
    report
        .inbox_renamed
        .extend(inbox::rename_twins(lib, git, actor, lang, &up, &records)?);
    report
        .inbox_merged
        .extend(inbox::merge_records(lib, git, actor, lang, records)?);
    for rel in &added {
        if let Some(path) = git.library_path(rel)
            && let Ok((text, _)) = read_text(lib.fs().as_ref(), &path)
            && let Ok(issue) = codec::decode_issue(&text)
            && let Some(of) = issue.history.last().and_then(|c| c.copy_of)
        {
            report.copies_received.push((issue.id(), of));
        }
    }
    lib.rescan()?;
    let ahead = count(git, &format!("{up}..HEAD"))?;
    if ahead == 0 {
        return Ok(true);
    }
    let (_, their_branch) = up.split_once('/').unwrap_or((&remote, &branch));
    let out = git
        .command(&[
            "push",
            "--quiet",
            &remote,
            &format!("HEAD:refs/heads/{their_branch}"),
        ])
        .output()
        .map_err(|e| SyncError::Git {
            step: "push",
            message: e.to_string(),
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("rejected") || err.contains("fetch first") {
            return Ok(false);
        }
        return Err(SyncError::Git {
            step: "push",
            message: err.trim().to_string(),
        });
    }
    report.pushed += ahead;
    Ok(true)
}

/// The issue a file of `issues/` holds, by its name.
fn issue_id(git: &Git, rel: &str) -> Option<IssueId> {
    let path = git.library_path(rel)?;
    if path.parent()?.file_name()? != ISSUES_DIR {
        return None;
    }
    path.file_stem()?.to_str()?.parse().ok()
}

/// Stops when editors on this machine (other than this process) have open
/// an issue the other side changed: the file is not changed under them.
fn refuse_locked(lib: &Library, git: &Git, incoming: &[String]) -> Result<(), SyncError> {
    let me = (std::process::id(), current_host());
    let mut held = Vec::new();
    for rel in incoming {
        let Some(id) = issue_id(git, rel) else {
            continue;
        };
        if let Ok(LockStatus::Held(info)) = lib.lock_status(&id)
            && (info.pid, info.host.clone()) != me
        {
            held.push(info);
        }
    }
    if held.is_empty() {
        Ok(())
    } else {
        Err(SyncError::Locked(held))
    }
}

/// Stops when the library lives in a larger work tree and files of it
/// outside the library that have uncommitted changes (or are untracked)
/// were changed by the other side too. Other uncommitted work is stashed
/// around the rebase and given back as it was; these files could not be.
fn refuse_in_the_way(git: &Git, base: Option<&str>, up: &str) -> Result<(), SyncError> {
    let status = git
        .git(&[
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--no-renames",
            "--",
            ":/",
        ])
        .map_err(failed("status"))?;
    let dirty: BTreeSet<&str> = status
        .split('\0')
        .filter(|r| r.len() > 3)
        .map(|r| &r[3..])
        .filter(|rel| git.library_path(rel).is_none())
        .collect();
    if dirty.is_empty() {
        return Ok(());
    }
    let theirs = match base {
        Some(b) => names(git, &["diff", "--name-only", "--no-renames", "-z", b, up])?,
        None => names(
            git,
            &["ls-tree", "-r", "--name-only", "--full-name", "-z", up],
        )?,
    };
    let in_the_way: Vec<String> = theirs
        .into_iter()
        .filter(|rel| dirty.contains(rel.as_str()))
        .collect();
    if in_the_way.is_empty() {
        Ok(())
    } else {
        Err(SyncError::InTheWay(in_the_way))
    }
}

/// Commits what changed in `issues/` and `library.ron` since the last
/// commit.
fn commit_local(
    lib: &Library,
    git: &Git,
    actor: &Actor,
    lang: Lang,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let status = git
        .git(&[
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--no-renames",
            "--",
            ISSUES_DIR,
            SETTINGS_FILE,
            GITIGNORE,
            super::inbox::INBOX_DIR,
        ])
        .map_err(failed("status"))?;
    let mut paths: BTreeSet<String> = BTreeSet::new();
    for rec in status.split('\0').filter(|r| r.len() > 3) {
        let rel = &rec[3..];
        if let Some(path) = git.library_path(rel)
            && let Ok(inside) = path.strip_prefix(lib.root())
            && let Some(inside) = inside.to_str()
        {
            paths.insert(inside.replace('\\', "/"));
            match issue_id(git, rel) {
                Some(id) if !report.committed.contains(&id) => report.committed.push(id),
                Some(_) => {}
                None => report.committed_settings |= inside == SETTINGS_FILE,
            }
        }
    }
    if paths.is_empty() {
        return Ok(());
    }
    // The issues by id, other files by name.
    let what: Vec<String> = paths
        .iter()
        .map(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            match name
                .strip_suffix(".ron")
                .and_then(|s| s.parse::<IssueId>().ok())
            {
                Some(id) if p.starts_with(ISSUES_DIR) => id.to_string(),
                _ => p.clone(),
            }
        })
        .collect();
    let what = what.join(lang.t(Msg::ListSeparator));
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    git.commit(&paths, &lang.fmt(Msg::SyncCommitLocal, &[&what]), actor)
        .map_err(failed("commit"))?;
    Ok(())
}
