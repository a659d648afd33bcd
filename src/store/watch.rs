//! A cheap look at the library on disk, to notice what another process
//! changed (another jianbao, `jianbao new` in a script, a `git pull`)
//! without reading a file: the names, sizes and modification times of the
//! issue files and `library.ron`, and of git's own files that move with a
//! commit, a checkout or a merge. Two looks differ when something may have
//! changed; [`Library::rescan`] then finds out what.

use super::{ISSUES_DIR, Library, SETTINGS_FILE};
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Git's files whose stamps move when the state of the work tree does:
/// the index (`git add`, a commit, a merge), HEAD and its log (a commit,
/// a checkout, a pull).
const GIT_FILES: [&str; 4] = ["index", "HEAD", "logs/HEAD", "MERGE_HEAD"];

/// What a file looked like: size and modification time (`None`: absent).
type FileStamp = Option<(u64, Option<SystemTime>)>;

/// What the library looked like on disk at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Look {
    /// The issue folder's entries, sorted by name, with their stamps.
    issues: Vec<(PathBuf, FileStamp)>,
    settings: FileStamp,
    git: Vec<FileStamp>,
}

fn stamp(meta: Option<Metadata>) -> FileStamp {
    meta.map(|m| (m.len(), m.modified().ok()))
}

impl Library {
    /// Looks at the library on disk without reading a file (one directory
    /// listing and a `stat` per issue file).
    pub fn look(&self) -> Look {
        let fs = self.fs.as_ref();
        let mut issues: Vec<(PathBuf, FileStamp)> = fs
            .read_dir(&self.root.join(ISSUES_DIR))
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let s = stamp(fs.metadata(&p).ok());
                (p, s)
            })
            .collect();
        issues.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let git = git_dir(&self.root).map_or_else(Vec::new, |dir| {
            GIT_FILES
                .iter()
                .map(|f| stamp(std::fs::metadata(dir.join(f)).ok()))
                .collect()
        });
        Look {
            issues,
            settings: stamp(fs.metadata(&self.root.join(SETTINGS_FILE)).ok()),
            git,
        }
    }
}

/// The git directory of the work tree holding `root`, if any: the nearest
/// `.git` folder above, or the one a `.git` file points to (a linked work
/// tree, a submodule).
fn git_dir(root: &Path) -> Option<PathBuf> {
    for dir in root.ancestors() {
        let dot = dir.join(".git");
        let Ok(meta) = std::fs::metadata(&dot) else {
            continue;
        };
        if meta.is_dir() {
            return Some(dot);
        }
        let text = std::fs::read_to_string(&dot).ok()?;
        let target = text.trim().strip_prefix("gitdir:")?.trim();
        return Some(dir.join(target));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    #[test]
    fn a_look_changes_with_an_issue_file_added_changed_or_removed_and_not_otherwise() {
        let dir = TempDir::new().unwrap();
        let lib = Library::open(&dir.path().join("lib")).unwrap();
        let first = lib.look();
        assert_eq!(lib.look(), first, "nothing changed");
        let (_, entry) = lib.entries().next().unwrap();
        let path = entry.path.clone();
        let other = path.with_file_name("2023-026.ron");
        std::fs::copy(&path, &other).unwrap();
        let added = lib.look();
        assert_ne!(added, first);
        let mut text = std::fs::read_to_string(&other).unwrap();
        text.push('\n');
        std::fs::write(&other, text).unwrap();
        let changed = lib.look();
        assert_ne!(changed, added);
        std::fs::remove_file(&other).unwrap();
        assert_eq!(lib.look(), first);
    }

    #[test]
    fn the_git_dir_is_found_above_the_library_or_through_a_git_file() {
        let dir = TempDir::new().unwrap();
        let top = dir.path().join("top");
        std::fs::create_dir_all(top.join(".git")).unwrap();
        std::fs::create_dir_all(top.join("a/lib")).unwrap();
        assert_eq!(git_dir(&top.join("a/lib")), Some(top.join(".git")));
        let linked = dir.path().join("linked");
        std::fs::create_dir_all(linked.join("lib")).unwrap();
        std::fs::write(linked.join(".git"), "gitdir: ../top/.git/worktrees/x\n").unwrap();
        assert_eq!(
            git_dir(&linked.join("lib")),
            Some(linked.join("../top/.git/worktrees/x"))
        );
    }
}
