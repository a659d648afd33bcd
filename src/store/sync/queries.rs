//! The git questions a sync asks: revisions, ancestry, counts and the
//! files changed between two commits.

use super::{SyncError, failed};
use crate::store::git::Git;

/// Whether a merge or rebase is in progress.
pub(super) fn in_progress(git: &Git) -> bool {
    git.in_progress()
}

pub(super) fn rev(git: &Git, r: &str) -> Result<String, SyncError> {
    git.git(&["rev-parse", "--verify", r])
        .map(|s| s.trim().to_string())
        .map_err(failed("rev-parse"))
}

pub(super) fn merge_base(git: &Git, a: &str, b: &str) -> Option<String> {
    git.git(&["merge-base", a, b])
        .ok()
        .map(|s| s.trim().to_string())
}

pub(super) fn is_ancestor(git: &Git, a: &str, b: &str) -> bool {
    git.test(&["merge-base", "--is-ancestor", a, b])
        .unwrap_or(false)
}

/// Commits in `range` (e.g. `origin/main..HEAD`).
pub(super) fn count(git: &Git, range: &str) -> Result<usize, SyncError> {
    git.git(&["rev-list", "--count", range])
        .map_err(failed("rev-list"))
        .map(|n| n.trim().parse().unwrap_or(0))
}

/// NUL-separated names printed by `git ARGS`.
pub(super) fn names(git: &Git, args: &[&str]) -> Result<Vec<String>, SyncError> {
    Ok(git
        .git(args)
        .map_err(failed("diff"))?
        .split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect())
}

/// The files of the library's folder `dir` (`issues`, `inbox`) changed
/// from `base` to `tip` (everything at `tip` without a common base),
/// relative to the top of the work tree.
pub(super) fn changed(
    git: &Git,
    base: Option<&str>,
    tip: &str,
    dir: &str,
) -> Result<Vec<String>, SyncError> {
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
                dir,
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
                dir,
            ],
        ),
    }
}
