//! Issues changed on both sides: the rebase that takes the local side of
//! their conflicts, then one version under the number and the other as a
//! new draft.

use super::inbox::{Clash, Take, clashes, settled_later};
use super::{
    KeptBoth, SyncError, SyncReport, changed, failed, in_progress, issue_id, merge_base, names,
};
use crate::i18n::{Lang, Msg};
use crate::model::{Actor, Issue, IssueId, Status, StatusChange};
use crate::store::ISSUES_DIR;
use crate::store::git::Git;
use crate::store::{Library, atomic, codec, io_err};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// An issue file changed on both sides, with each side's bytes (`None`:
/// deleted there). `rel` is relative to the top of the work tree.
pub(super) struct Both {
    pub(super) rel: String,
    ours: Option<Vec<u8>>,
    theirs: Option<Vec<u8>>,
}

/// The bytes of `rel` at `rev`, `None` where it does not exist.
pub(super) fn show(git: &Git, rev: &str, rel: &str) -> Option<Vec<u8>> {
    let out = git
        .command(&["show", &format!("{rev}:{rel}")])
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// Rebases the local commits onto `up`. Issue files changed on both sides
/// are returned with both versions (those that differ), to be kept both,
/// and the inbox records changed on both sides, to be merged;
/// while replaying, git's conflicts in issue files take the local side
/// (the file is set right afterwards). A conflict in any other file undoes
/// the rebase.
pub(super) fn rebase(git: &Git, up: &str) -> Result<(Vec<Both>, Vec<Clash>), SyncError> {
    let base = merge_base(git, "HEAD", up);
    let records = clashes(git, base.as_deref(), up)?;
    let ours: BTreeSet<String> = changed(git, base.as_deref(), "HEAD", ISSUES_DIR)?
        .into_iter()
        .collect();
    let theirs: BTreeSet<String> = changed(git, base.as_deref(), up, ISSUES_DIR)?
        .into_iter()
        .collect();
    let both: Vec<Both> = ours
        .intersection(&theirs)
        .map(|rel| Both {
            rel: rel.clone(),
            ours: show(git, "HEAD", rel),
            theirs: show(git, up, rel),
        })
        .filter(|b| b.ours != b.theirs)
        .collect();
    // The library's own changes are committed by now; what is left is the
    // clerk's other work in a larger work tree, which git stashes around the
    // rebase and gives back (none of it is in a file the other side changed:
    // see `refuse_in_the_way`).
    let out = git
        .command(&["rebase", "--quiet", "--autostash", up])
        .output()
        .map_err(|e| SyncError::Git {
            step: "rebase",
            message: e.to_string(),
        })?;
    if out.status.success() {
        return Ok((both, records));
    }
    if !in_progress(git) {
        return Err(SyncError::Git {
            step: "rebase",
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    // Each stop: the local side of issue files and of the inbox records
    // merged afterwards, anything else undoes it.
    for _ in 0..10_000 {
        let unmerged = names(git, &["diff", "--name-only", "--diff-filter=U", "-z"])?;
        let others: Vec<String> = unmerged
            .iter()
            .filter(|r| issue_id(git, r).is_none() && settled_later(git, r, &records).is_none())
            .cloned()
            .collect();
        if !others.is_empty() {
            let _ = git.git(&["rebase", "--abort"]);
            return Err(SyncError::Unmerged(others));
        }
        for rel in &unmerged {
            let path = format!(":/{rel}");
            // "theirs" in a rebase is the commit being replayed: ours.
            let side = match settled_later(git, rel, &records) {
                Some(Take::Upstream) => "--ours",
                _ => "--theirs",
            };
            if git.git(&["checkout", side, "--", &path]).is_ok() {
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
                Ok((both, records))
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
pub(super) fn keep_both(
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
    let here = actor.who();
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
                    time: crate::store::workflow::now(),
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

/// Keeps bytes that are no readable issue next to `path`, under a name of
/// their own (`2023-025.sync-20240105-101500.ron`): `check` reports it.
fn keep_file(lib: &Library, path: &Path, bytes: &[u8]) -> Result<PathBuf, SyncError> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("issue");
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let kept = path.with_file_name(format!("{stem}.sync-{stamp}.ron"));
    atomic::create_new_with(lib.fs().as_ref(), &kept, bytes).map_err(io_err(&kept))?;
    Ok(kept)
}

/// `path` relative to the library, with `/`.
fn library_rel(lib: &Library, path: &Path) -> String {
    path.strip_prefix(lib.root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
