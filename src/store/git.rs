//! git, the library's way to be shared between offices and machines: a
//! library whose files are in a git work tree shows each issue's state
//! (unchanged, modified, new, conflict), commits an issue when it is signed
//! or distributed, and is synchronised by [`super::sync`].
//!
//! git is run as a program (`git` on `PATH`), never prompting: no terminal
//! for credentials, ssh in batch mode unless the user set an ssh command.
//! Without git, or outside a work tree, everything else works and
//! [`GitOff`] says why the git features are off.

use super::{Library, lock::current_host, lock::current_user};
use crate::i18n::{Lang, Msg};
use crate::model::{Actor, IssueId};
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Why the git features are off for a library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitOff {
    /// No `git` program on `PATH`.
    NotInstalled,
    /// The library is not inside a git work tree.
    NotAWorkTree,
    /// The library is inside a work tree (`top`) that does not track it
    /// (e.g. a home folder kept in git): jianbao does not commit into it.
    NotTracked { top: PathBuf },
    /// git failed; its message.
    Failed(String),
}

impl GitOff {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            GitOff::NotInstalled => lang.t(Msg::GitNotInstalled).to_string(),
            GitOff::NotAWorkTree => lang.t(Msg::GitNotAWorkTree).to_string(),
            GitOff::NotTracked { top } => lang.fmt(Msg::GitNotTracked, &[&top.display()]),
            GitOff::Failed(m) => lang.fmt(Msg::GitFailed, &[m]),
        }
    }
}

/// An issue file's state in git.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileState {
    /// As committed.
    Unchanged,
    /// Changed since the last commit.
    Modified,
    /// Not committed yet.
    New,
    /// Unmerged: git stopped in a merge or rebase (outside jianbao).
    Conflict,
}

impl FileState {
    /// The word shown in the list: 未改动, 已修改, 新建, 冲突.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            FileState::Unchanged => Msg::GitUnchanged,
            FileState::Modified => Msg::GitModified,
            FileState::New => Msg::GitNew,
            FileState::Conflict => Msg::GitConflict,
        })
    }
}

/// What `git status` says of the library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepoStatus {
    /// The branch, `None` when HEAD is detached.
    pub branch: Option<String>,
    /// Its upstream, e.g. `origin/main`.
    pub upstream: Option<String>,
    /// Commits not pushed yet, and commits fetched but not pulled.
    pub ahead: u32,
    pub behind: u32,
    /// Files that are not as committed, by path relative to the top of the
    /// work tree.
    files: HashMap<String, FileState>,
}

/// The git state of every issue of the library, for the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitStates {
    pub repo: RepoStatus,
    pub issues: BTreeMap<IssueId, FileState>,
    /// Files of `issues/` that failed to load (a conflict left in a file
    /// is one), with their state.
    pub problems: Vec<(PathBuf, FileState)>,
}

/// A library's work tree.
#[derive(Debug, Clone)]
pub struct Git {
    /// The library's root, where git runs.
    root: PathBuf,
    /// The top of the work tree.
    top: PathBuf,
    /// The library's folder relative to `top`, `""` or ending in `/`.
    prefix: String,
    /// `-c user.name=… -c user.email=…` for commands that commit.
    identity: Vec<String>,
}

/// A failed git command: what it printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitError(pub String);

impl From<GitError> for GitOff {
    fn from(e: GitError) -> Self {
        GitOff::Failed(e.0)
    }
}

impl Git {
    /// The work tree holding the library at `root`, if git is installed and
    /// the library is in one that tracks it (or the library is its top).
    pub fn open(root: &Path) -> Result<Git, GitOff> {
        let out = run_git(
            root,
            &[
                "rev-parse",
                "--is-inside-work-tree",
                "--show-prefix",
                "--show-toplevel",
            ],
        )
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => GitOff::NotInstalled,
            _ => GitOff::Failed(e.to_string()),
        })?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(if err.contains("not a git repository") {
                GitOff::NotAWorkTree
            } else {
                GitOff::Failed(err.trim().to_string())
            });
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines();
        if lines.next() != Some("true") {
            return Err(GitOff::NotAWorkTree);
        }
        let prefix = lines.next().unwrap_or_default().to_string();
        let top = PathBuf::from(lines.next().unwrap_or_default());
        let git = Git {
            root: root.to_path_buf(),
            top,
            prefix,
            identity: Vec::new(),
        };
        if !git.prefix.is_empty() && !git.tracks_library()? {
            return Err(GitOff::NotTracked { top: git.top });
        }
        Ok(git)
    }

    /// Whether the work tree tracks any file of the library.
    fn tracks_library(&self) -> Result<bool, GitOff> {
        let out = self.git(&["ls-files", "--", super::SETTINGS_FILE, super::ISSUES_DIR])?;
        Ok(!out.trim().is_empty())
    }

    pub fn top(&self) -> &Path {
        &self.top
    }

    /// This work tree, committing as `actor` where git has no user
    /// configured (see [`Git::identity`]): commits, and the commits a
    /// rebase makes.
    pub fn acting_as(mut self, actor: &Actor) -> Git {
        let (name, email) = self.identity(actor);
        self.identity = vec![
            "-c".into(),
            format!("user.name={name}"),
            "-c".into(),
            format!("user.email={email}"),
        ];
        self
    }

    /// `git ARGS` in the library's folder, never prompting.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut all: Vec<&str> = self.identity.iter().map(String::as_str).collect();
        all.extend_from_slice(args);
        command(&self.root, &all)
    }

    /// Runs `git ARGS`: its standard output, or what it said on failure.
    pub(crate) fn git(&self, args: &[&str]) -> Result<String, GitError> {
        let out = self
            .command(args)
            .output()
            .map_err(|e| GitError(e.to_string()))?;
        output_text(out)
    }

    /// Runs `git ARGS`: whether it succeeded (for commands whose exit code
    /// is the answer, such as `diff --quiet`).
    pub(crate) fn test(&self, args: &[&str]) -> Result<bool, GitError> {
        let out = self
            .command(args)
            .output()
            .map_err(|e| GitError(e.to_string()))?;
        match out.status.code() {
            Some(0) => Ok(true),
            Some(1) => Ok(false),
            _ => Err(GitError(failure_text(&out))),
        }
    }

    /// Whether git is in the middle of a merge, rebase or cherry-pick.
    pub fn in_progress(&self) -> bool {
        const MARKERS: [&str; 4] = [
            "rebase-merge",
            "rebase-apply",
            "MERGE_HEAD",
            "CHERRY_PICK_HEAD",
        ];
        let mut args = vec!["rev-parse"];
        for m in MARKERS {
            args.extend(["--git-path", m]);
        }
        match self.git(&args) {
            Ok(out) => out.lines().any(|l| {
                let p = PathBuf::from(l.trim());
                // Relative paths are relative to where git ran: the library.
                if p.is_absolute() {
                    p
                } else {
                    self.root.join(p)
                }
                .exists()
            }),
            Err(_) => false,
        }
    }

    /// The path of a library file relative to the top of the work tree,
    /// as git names it.
    pub fn rel(&self, path: &Path) -> Option<String> {
        let inside = path.strip_prefix(&self.root).ok()?;
        let inside = inside.to_str()?.replace('\\', "/");
        Some(format!("{}{inside}", self.prefix))
    }

    /// The library path of a file git names relative to the top, if it is
    /// in the library.
    pub fn library_path(&self, rel: &str) -> Option<PathBuf> {
        rel.strip_prefix(&self.prefix).map(|r| self.root.join(r))
    }

    /// A path git names relative to the top, relative to the library
    /// instead, if it is in the library.
    pub fn library_rel<'a>(&self, rel: &'a str) -> Option<&'a str> {
        rel.strip_prefix(&self.prefix)
    }

    /// `git status` of the library's folder.
    pub fn status(&self) -> Result<RepoStatus, GitOff> {
        let out = self.git(&[
            "status",
            "--porcelain=v2",
            "--branch",
            "-z",
            "--untracked-files=all",
            "--",
            ".",
        ])?;
        Ok(parse_status(&out))
    }

    /// Commits the library files `paths` (relative to the library) with
    /// `message`, and nothing else the user may have staged. The author is
    /// git's configured user, or else `actor` (their configured name, or
    /// login). Returns the short hash, or `None` when the files are as
    /// committed.
    pub fn commit(
        &self,
        paths: &[&str],
        message: &str,
        actor: &Actor,
    ) -> Result<Option<String>, GitError> {
        let mut add = vec!["add", "-A", "--"];
        add.extend_from_slice(paths);
        self.git(&add)?;
        let mut quiet = vec!["diff", "--cached", "--quiet", "--"];
        quiet.extend_from_slice(paths);
        if self.test(&quiet)? {
            return Ok(None);
        }
        let git = self.clone().acting_as(actor);
        let mut commit = vec!["commit", "-q", "-m", message, "--"];
        commit.extend_from_slice(paths);
        git.git(&commit)?;
        let hash = self.git(&["rev-parse", "--short", "HEAD"])?;
        Ok(Some(hash.trim().to_string()))
    }

    /// Author name and email: git's configuration where set, else the
    /// actor's name (or login) and login@host.
    pub fn identity(&self, actor: &Actor) -> (String, String) {
        let config = |key: &str| {
            self.git(&["config", "--get", key])
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let user = if actor.user.is_empty() {
            current_user()
        } else {
            actor.user.clone()
        };
        let host = if actor.host.is_empty() {
            current_host()
        } else {
            actor.host.clone()
        };
        let name = config("user.name")
            .or_else(|| actor.name().map(str::to_string))
            .unwrap_or_else(|| user.clone());
        let email = config("user.email").unwrap_or_else(|| format!("{user}@{host}"));
        (name, email)
    }
}

/// `git -C root ARGS` with an environment that never waits for a person:
/// no terminal prompts, ssh in batch mode (unless the user chose an ssh
/// command), C locale for messages we read, no optional locks.
fn command(root: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_EDITOR", "true")
        .env("LC_ALL", "C")
        .env("LANGUAGE", "C");
    if std::env::var_os("GIT_SSH_COMMAND").is_none() && std::env::var_os("GIT_SSH").is_none() {
        c.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    }
    c
}

fn run_git(root: &Path, args: &[&str]) -> io::Result<Output> {
    command(root, args).output()
}

fn failure_text(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if err.is_empty() {
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    } else {
        err
    }
}

fn output_text(out: Output) -> Result<String, GitError> {
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(GitError(failure_text(&out)))
    }
}

/// Reads `git status --porcelain=v2 --branch -z`.
fn parse_status(out: &str) -> RepoStatus {
    let mut s = RepoStatus::default();
    let mut fields = out.split('\0');
    while let Some(rec) = fields.next() {
        if let Some(h) = rec.strip_prefix("# ") {
            let (key, value) = h.split_once(' ').unwrap_or((h, ""));
            match key {
                "branch.head" if value != "(detached)" => s.branch = Some(value.to_string()),
                "branch.upstream" => s.upstream = Some(value.to_string()),
                "branch.ab" => {
                    for part in value.split(' ') {
                        if let Some(n) = part.strip_prefix('+') {
                            s.ahead = n.parse().unwrap_or(0);
                        } else if let Some(n) = part.strip_prefix('-') {
                            s.behind = n.parse().unwrap_or(0);
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        let mut parts = rec.splitn(2, ' ');
        let kind = parts.next().unwrap_or_default();
        let rest = parts.next().unwrap_or_default();
        // The path is the last of a fixed number of space-separated fields
        // (it may hold spaces itself).
        let path_after = |n: usize| rest.splitn(n + 1, ' ').nth(n).unwrap_or_default();
        let (path, state) = match kind {
            "1" => {
                let xy = rest.get(..2).unwrap_or_default();
                let state = if xy.starts_with('A') {
                    FileState::New
                } else {
                    FileState::Modified
                };
                (path_after(7), state)
            }
            "2" => {
                // A rename: the original path follows as a field of its own.
                fields.next();
                (path_after(8), FileState::New)
            }
            "u" => (path_after(9), FileState::Conflict),
            "?" => (rest, FileState::New),
            _ => continue,
        };
        if !path.is_empty() {
            s.files.insert(path.to_string(), state);
        }
    }
    s
}

impl RepoStatus {
    /// The state of the file `rel` (relative to the top of the work tree).
    pub fn state(&self, rel: &str) -> FileState {
        self.files.get(rel).copied().unwrap_or(FileState::Unchanged)
    }
}

impl Library {
    /// The library's work tree, or why git is off.
    pub fn git(&self) -> Result<Git, GitOff> {
        Git::open(self.root())
    }

    /// Each issue's git state, for the list; `Err` says why git is off.
    pub fn git_states(&self) -> Result<GitStates, GitOff> {
        let git = self.git()?;
        let repo = git.status()?;
        let state = |path: &Path| {
            git.rel(path)
                .map_or(FileState::Unchanged, |rel| repo.state(&rel))
        };
        let issues = self
            .entries()
            .map(|(id, e)| (*id, state(&e.path)))
            .collect();
        let problems = self
            .problems
            .iter()
            .map(|p| (p.path.clone(), state(&p.path)))
            .collect();
        Ok(GitStates {
            repo,
            issues,
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_v2_is_read_with_spaces_renames_and_conflicts() {
        let out = "# branch.oid abc\0# branch.head main\0# branch.upstream origin/main\0\
                   # branch.ab +2 -1\0\
                   1 .M N... 100644 100644 100644 aaa bbb lib/issues/2023-025.ron\0\
                   1 A. N... 000000 100644 100644 000 ccc lib/issues/2023-026.ron\0\
                   2 R. N... 100644 100644 100644 aaa bbb R100 lib/issues/2023-027.ron\0lib/issues/old.ron\0\
                   u UU N... 100644 100644 100644 100644 a b c lib/issues/2023-028.ron\0\
                   ? lib/issues/a b.ron\0";
        let s = parse_status(out);
        assert_eq!(s.branch.as_deref(), Some("main"));
        assert_eq!(s.upstream.as_deref(), Some("origin/main"));
        assert_eq!((s.ahead, s.behind), (2, 1));
        assert_eq!(s.state("lib/issues/2023-025.ron"), FileState::Modified);
        assert_eq!(s.state("lib/issues/2023-026.ron"), FileState::New);
        assert_eq!(s.state("lib/issues/2023-027.ron"), FileState::New);
        assert_eq!(s.state("lib/issues/old.ron"), FileState::Unchanged);
        assert_eq!(s.state("lib/issues/2023-028.ron"), FileState::Conflict);
        assert_eq!(s.state("lib/issues/a b.ron"), FileState::New);
        assert_eq!(s.state("lib/issues/2023-001.ron"), FileState::Unchanged);
    }
}
