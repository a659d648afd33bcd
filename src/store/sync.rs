//! `jianbao sync`: share the library through git. Local changes of the
//! library are committed, the other side's commits are fetched and ours
//! rebased onto them, and the result is pushed.
//!
//! It never loses text, and never merges an issue line by line behind the
//! clerk's back: an issue changed on both sides keeps one version under its
//! number (ours, unless only theirs is signed) and the other becomes a
//! separate draft under the next free number, as "keep both" does for
//! recovery files; the clerk is told. An issue open in another editor on
//! this machine is not changed under it: if the other side changed it, the
//! sync stops before changing anything. Anything git cannot merge outside
//! the issues (library.ron changed on both sides) undoes the rebase and
//! says so.

use super::git::{Git, GitError, GitOff};
use super::lock::{LockInfo, LockStatus, current_host};
use super::{
    DiskChange, GITIGNORE, ISSUES_DIR, Library, Problem, ProblemKind, SETTINGS_FILE, StoreError,
};
use super::{atomic, codec, io_err, read_text};
use crate::i18n::{Lang, Msg};
use crate::model::{Actor, Issue, IssueId, Status, StatusChange};
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

/// An issue file changed on both sides, with each side's bytes (`None`:
/// deleted there). `rel` is relative to the top of the work tree.
struct Both {
    rel: String,
    ours: Option<Vec<u8>>,
    theirs: Option<Vec<u8>>,
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
        refuse_locked(lib, git, &changed(git, base.as_deref(), up)?)?;
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
        Some(_) => both = rebase(git, &up)?,
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
            None => changed(git, None, "HEAD"),
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

/// Whether a merge or rebase is in progress.
fn in_progress(git: &Git) -> bool {
    git.in_progress()
}

fn rev(git: &Git, r: &str) -> Result<String, SyncError> {
    git.git(&["rev-parse", "--verify", r])
        .map(|s| s.trim().to_string())
        .map_err(failed("rev-parse"))
}

fn merge_base(git: &Git, a: &str, b: &str) -> Option<String> {
    git.git(&["merge-base", a, b])
        .ok()
        .map(|s| s.trim().to_string())
}

fn is_ancestor(git: &Git, a: &str, b: &str) -> bool {
    git.test(&["merge-base", "--is-ancestor", a, b])
        .unwrap_or(false)
}

/// Commits in `range` (e.g. `origin/main..HEAD`).
fn count(git: &Git, range: &str) -> Result<usize, SyncError> {
    git.git(&["rev-list", "--count", range])
        .map_err(failed("rev-list"))
        .map(|n| n.trim().parse().unwrap_or(0))
}

/// NUL-separated names printed by `git ARGS`.
fn names(git: &Git, args: &[&str]) -> Result<Vec<String>, SyncError> {
    Ok(git
        .git(args)
        .map_err(failed("diff"))?
        .split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect())
}

/// The library's issue files changed from `base` to `tip` (everything at
/// `tip` without a common base), relative to the top of the work tree.
fn changed(git: &Git, base: Option<&str>, tip: &str) -> Result<Vec<String>, SyncError> {
    match base {
        Some(b) => names(
            git,
            &[
                "diff",
                "--name-only",
                "--no-renames",
                "-z",
                b,
                tip,
                "--",
                ISSUES_DIR,
            ],
        ),
        None => names(
            git,
            &[
                "ls-tree",
                "-r",
                "--name-only",
                "--full-name",
                "-z",
                tip,
                "--",
                ISSUES_DIR,
            ],
        ),
    }
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

/// The bytes of `rel` at `rev`, `None` where it does not exist.
fn show(git: &Git, rev: &str, rel: &str) -> Option<Vec<u8>> {
    let out = git
        .command(&["show", &format!("{rev}:{rel}")])
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// Rebases the local commits onto `up`. Issue files changed on both sides
/// are returned with both versions (those that differ), to be kept both;
/// while replaying, git's conflicts in issue files take the local side
/// (the file is set right afterwards). A conflict in any other file undoes
/// the rebase.
fn rebase(git: &Git, up: &str) -> Result<Vec<Both>, SyncError> {
    let base = merge_base(git, "HEAD", up);
    let ours: BTreeSet<String> = changed(git, base.as_deref(), "HEAD")?.into_iter().collect();
    let theirs: BTreeSet<String> = changed(git, base.as_deref(), up)?.into_iter().collect();
    let both: Vec<Both> = ours
        .intersection(&theirs)
        .map(|rel| Both {
            rel: rel.clone(),
            ours: show(git, "HEAD", rel),
            theirs: show(git, up, rel),
        })
        .filter(|b| b.ours != b.theirs)
        .collect();
    let out = git
        .command(&["rebase", "--quiet", "--no-autostash", up])
        .output()
        .map_err(|e| SyncError::Git {
            step: "rebase",
            message: e.to_string(),
        })?;
    if out.status.success() {
        return Ok(both);
    }
    if !in_progress(git) {
        return Err(SyncError::Git {
            step: "rebase",
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    // Each stop: the local side of issue files, anything else undoes it.
    for _ in 0..10_000 {
        let unmerged = names(git, &["diff", "--name-only", "--diff-filter=U", "-z"])?;
        let others: Vec<String> = unmerged
            .iter()
            .filter(|r| issue_id(git, r).is_none())
            .cloned()
            .collect();
        if !others.is_empty() {
            let _ = git.git(&["rebase", "--abort"]);
            return Err(SyncError::Unmerged(others));
        }
        for rel in &unmerged {
            let path = format!(":/{rel}");
            // "theirs" in a rebase is the commit being replayed: ours.
            if git.git(&["checkout", "--theirs", "--", &path]).is_ok() {
                git.git(&["add", "--", &path]).map_err(failed("add"))?;
            } else {
                git.git(&["rm", "--quiet", "--", &path])
                    .map_err(failed("rm"))?;
            }
        }
        let empty = git.test(&["diff", "--cached", "--quiet"]).unwrap_or(false);
        let step = if empty { "--skip" } else { "--continue" };
        let out = git
            .command(&["rebase", step])
            .output()
            .map_err(|e| SyncError::Git {
                step: "rebase",
                message: e.to_string(),
            })?;
        let stopped = || SyncError::Git {
            step: "rebase",
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        };
        if !in_progress(git) {
            return if out.status.success() {
                Ok(both)
            } else {
                Err(stopped())
            };
        }
        // Stopped again, but not at a conflict: something else is wrong.
        if !out.status.success()
            && names(git, &["diff", "--name-only", "--diff-filter=U", "-z"])?.is_empty()
        {
            let _ = git.git(&["rebase", "--abort"]);
            return Err(stopped());
        }
    }
    let _ = git.git(&["rebase", "--abort"]);
    Err(SyncError::Git {
        step: "rebase",
        message: "did not finish".into(),
    })
}

/// After the rebase: each issue changed on both sides gets one version
/// under its number and the other as a new draft; one deleted on a side
/// and changed on the other is kept. Then commits that.
fn keep_both(
    lib: &mut Library,
    git: &Git,
    actor: &Actor,
    lang: Lang,
    up: &str,
    both: Vec<Both>,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    if both.is_empty() {
        return Ok(());
    }
    let here = actor_who(actor);
    let mut paths: Vec<String> = Vec::new();
    // The other version of an issue, whose version it is, and whether ours
    // stayed under the number.
    let mut copies: Vec<(IssueId, Vec<u8>, String, bool)> = Vec::new();
    for b in both {
        let Some(path) = git.library_path(&b.rel) else {
            continue;
        };
        let id = issue_id(git, &b.rel);
        let (keep, other, ours_kept) = match (b.ours, b.theirs) {
            (Some(o), None) => (o, None, true),
            (None, Some(t)) => (t, None, false),
            (Some(o), Some(t)) => {
                let signed = |bytes: &[u8]| {
                    std::str::from_utf8(bytes)
                        .ok()
                        .and_then(|s| codec::decode_issue(s).ok())
                        .is_some_and(|i| i.status.is_read_only())
                };
                if signed(&t) && !signed(&o) {
                    (t, Some(o), false)
                } else {
                    (o, Some(t), true)
                }
            }
            (None, None) => continue,
        };
        atomic::write_with(lib.fs().as_ref(), &path, &keep).map_err(io_err(&path))?;
        paths.push(library_rel(lib, &path));
        match (other, id) {
            (None, Some(id)) => report.restored.push(id),
            (Some(bytes), Some(id)) => {
                // Whose the other version is: the author of the last commit
                // that changed it on the other side.
                let whose = if ours_kept {
                    git.git(&[
                        "log",
                        "-1",
                        "--format=%an",
                        up,
                        "--",
                        &format!(":/{}", b.rel),
                    ])
                    .map(|s| s.trim().to_string())
                    .ok()
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| up.to_string())
                } else {
                    here.clone()
                };
                copies.push((id, bytes, whose, ours_kept));
            }
            (Some(bytes), None) => {
                let kept = keep_file(lib, &path, &bytes)?;
                paths.push(library_rel(lib, &kept));
                report.kept_files.push(kept);
            }
            (None, None) => {}
        }
    }
    lib.rescan()?;
    let mut kept_lines = Vec::new();
    for (id, bytes, whose, ours_kept) in copies {
        let parsed = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|s| codec::decode_issue(s).ok());
        let Some(other) = parsed else {
            let path = lib.path_for(&id);
            let kept = keep_file(lib, &path, &bytes)?;
            paths.push(library_rel(lib, &kept));
            report.kept_files.push(kept);
            continue;
        };
        let note = lang.fmt(Msg::SyncCopyNote, &[&id, &whose]);
        let copy = lib
            .create_with(|lib| {
                let mut issue: Issue = other.clone();
                let free = lib.next_free_id(issue.year(), issue.supplement)?;
                issue.number = free.number;
                // A draft of its own: no running total of its own either.
                issue.total = None;
                issue.history.push(StatusChange {
                    status: Status::Draft,
                    from: issue.status,
                    name: actor.name().map(str::to_string),
                    user: actor.user.clone(),
                    host: actor.host.clone(),
                    time: super::workflow::now(),
                    note: Some(note.clone()),
                    copy_of: Some(id),
                });
                issue.status = Status::Draft;
                Ok(issue)
            })?
            .id;
        tracing::warn!(%id, %copy, ours_kept, "issue changed on both sides: kept both");
        paths.push(library_rel(lib, &lib.path_for(&copy)));
        kept_lines.push(lang.fmt(Msg::SyncCommitKeptBoth, &[&id, &copy]));
        report.kept_both.push(KeptBoth {
            id,
            copy,
            ours_kept,
        });
    }
    let message = if kept_lines.is_empty() {
        lang.t(Msg::SyncCommitRestored).to_string()
    } else {
        kept_lines.join("\n")
    };
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    git.commit(&paths, &message, actor)
        .map_err(failed("commit"))?;
    Ok(())
}

/// `王文明（clerk@office）` or `clerk@office`.
fn actor_who(actor: &Actor) -> String {
    let at = format!("{}@{}", actor.user, actor.host);
    match actor.name() {
        Some(n) => format!("{n}（{at}）"),
        None => at,
    }
}

/// Keeps bytes that are no readable issue next to `path`, under a name of
/// their own (`2023-025.sync-20240105-101500.ron`): `check` reports it.
fn keep_file(lib: &Library, path: &std::path::Path, bytes: &[u8]) -> Result<PathBuf, SyncError> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("issue");
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let kept = path.with_file_name(format!("{stem}.sync-{stamp}.ron"));
    atomic::create_new_with(lib.fs().as_ref(), &kept, bytes).map_err(io_err(&kept))?;
    Ok(kept)
}

/// `path` relative to the library, with `/`.
fn library_rel(lib: &Library, path: &std::path::Path) -> String {
    path.strip_prefix(lib.root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// What [`Library::rescan`] found changed on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rescanned {
    /// Issues whose files changed, were added or were removed.
    pub changed: Vec<IssueId>,
    pub added: Vec<IssueId>,
    pub removed: Vec<IssueId>,
}

impl Library {
    /// Takes in what changed on disk behind the library's back (a git
    /// pull, a sync): `library.ron` is read again, issue files that changed
    /// are read again, those gone are dropped and new ones added. An issue
    /// whose text is loaded (open in the editor) is left as it was loaded,
    /// so that saving it still finds the file changed on disk and asks.
    pub fn rescan(&mut self) -> Result<Rescanned, StoreError> {
        let mut out = Rescanned::default();
        let settings_path = self.root().join(SETTINGS_FILE);
        self.problems.retain(|p| p.path != settings_path);
        match read_text(self.fs().as_ref(), &settings_path)
            .and_then(|(text, _)| codec::decode_settings(&text).map_err(ProblemKind::Decode))
        {
            Ok(s) => self.settings = s,
            Err(kind) => self.problems.push(Problem {
                path: settings_path,
                kind,
            }),
        }
        let ids: Vec<IssueId> = self.entries.keys().copied().collect();
        for id in ids {
            if self.entries[&id].issue.is_some() {
                continue;
            }
            match self.disk_change(&id)? {
                None => {}
                Some(change) => {
                    let entry = self.entries.remove(&id).expect("listed above");
                    self.problems.retain(|p| p.path != entry.path);
                    match change {
                        DiskChange::Deleted => out.removed.push(id),
                        DiskChange::Modified => out.changed.push(id),
                    }
                }
            }
        }
        // Files that failed to load may load now (a conflict resolved).
        let listed: HashSet<PathBuf> = self.entries.values().map(|e| e.path.clone()).collect();
        let issues = self.issues_dir();
        self.problems
            .retain(|p| !p.path.starts_with(&issues) || listed.contains(&p.path));
        let before: HashSet<IssueId> = self.entries.keys().copied().collect();
        self.refresh()?;
        for id in self.entries.keys() {
            if !before.contains(id) {
                if out.changed.contains(id) {
                    continue;
                }
                if let Some(k) = out.removed.iter().position(|r| r == id) {
                    out.removed.remove(k);
                    out.changed.push(*id);
                } else {
                    out.added.push(*id);
                }
            }
        }
        let (still, gone): (Vec<IssueId>, Vec<IssueId>) = out
            .changed
            .iter()
            .partition(|id| self.entries.contains_key(id));
        out.changed = still;
        out.removed.extend(gone);
        self.save_index();
        Ok(out)
    }
}
