//! The import prompt's paths: what a typed path names (`~` is the home
//! folder, a relative path starts at the directory jianbao was started
//! in), and what it may complete to, listed from its directory.

use std::path::{MAIN_SEPARATOR, Path, PathBuf};

/// How many entries of a directory are listed at most.
const MAX_ENTRIES: usize = 1000;

/// A file or folder the typed path may complete to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its name as shown (lossy for a name that is not UTF-8).
    pub name: String,
    pub path: PathBuf,
    pub dir: bool,
    /// Bytes, for a file.
    pub size: Option<u64>,
}

/// Where relative and `~` paths start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roots {
    /// The directory relative paths start at.
    pub base: PathBuf,
    pub home: Option<PathBuf>,
}

fn is_separator(c: char) -> bool {
    c == '/' || c == MAIN_SEPARATOR
}

/// The typed text without the quotes a file manager's drag and drop or a
/// copied path may bring, and without white space around it.
fn unquote(text: &str) -> &str {
    let t = text.trim();
    for q in ['\'', '"'] {
        if let Some(inner) = t.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    t
}

impl Roots {
    /// The path `text` names.
    pub fn resolve(&self, text: &str) -> PathBuf {
        let text = unquote(text);
        if text == "~"
            && let Some(home) = &self.home
        {
            return home.clone();
        }
        if let Some(rest) = text
            .strip_prefix('~')
            .filter(|r| r.starts_with(is_separator))
            && let Some(home) = &self.home
        {
            return home.join(rest.trim_start_matches(is_separator));
        }
        let path = Path::new(text);
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base.join(path)
        }
    }

    /// `path` as the clerk would type it: relative to the base, else under
    /// the home folder as `~/…`.
    pub fn shown(&self, path: &Path) -> String {
        if let Ok(rest) = path.strip_prefix(&self.base)
            && !rest.as_os_str().is_empty()
        {
            return rest.display().to_string();
        }
        if let Some(home) = &self.home
            && let Ok(rest) = path.strip_prefix(home)
        {
            if rest.as_os_str().is_empty() {
                return "~".to_string();
            }
            return format!("~{MAIN_SEPARATOR}{}", rest.display());
        }
        path.display().to_string()
    }

    /// The entries of the typed path's directory whose names start with its
    /// last part (in any letter case when none does in the case typed);
    /// hidden ones only when that part starts with a dot. Folders first.
    pub fn matches(&self, text: &str) -> Vec<Entry> {
        let (dir, prefix) = split(unquote(text));
        let dir = if dir.is_empty() {
            self.base.clone()
        } else {
            self.resolve(dir)
        };
        let Ok(read) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut all: Vec<Entry> = read
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') && !prefix.starts_with('.') {
                    return None;
                }
                // Follows links: a link to a folder is a folder.
                let meta = std::fs::metadata(e.path()).ok();
                let dir = meta.as_ref().is_some_and(|m| m.is_dir());
                Some(Entry {
                    name,
                    path: e.path(),
                    dir,
                    size: meta.filter(|m| m.is_file()).map(|m| m.len()),
                })
            })
            .take(MAX_ENTRIES)
            .collect();
        let exact: Vec<Entry> = all
            .iter()
            .filter(|e| e.name.starts_with(prefix))
            .cloned()
            .collect();
        let mut found = if exact.is_empty() {
            let lower = prefix.to_lowercase();
            all.retain(|e| e.name.to_lowercase().starts_with(&lower));
            all
        } else {
            exact
        };
        found.sort_by(|a, b| b.dir.cmp(&a.dir).then_with(|| a.name.cmp(&b.name)));
        found
    }
}

/// The typed text's directory part (with its last separator) and the
/// start of a name in it.
pub fn split(text: &str) -> (&str, &str) {
    match text.rfind(is_separator) {
        Some(i) => {
            let sep = text[i..].chars().next().map_or(1, char::len_utf8);
            (&text[..i + sep], &text[i + sep..])
        }
        None if text == "~" => (text, ""),
        None => ("", text),
    }
}

/// The text with its last part replaced by `entry`'s name (and a
/// separator after a folder, to go on into it).
pub fn with_entry(text: &str, entry: &Entry) -> String {
    let (dir, _) = split(unquote(text));
    let dir = if dir == "~" {
        format!("~{MAIN_SEPARATOR}")
    } else {
        dir.to_string()
    };
    let sep = if entry.dir {
        MAIN_SEPARATOR.to_string()
    } else {
        String::new()
    };
    format!("{dir}{}{sep}", entry.name)
}

/// What Tab makes of `text` with these matches: the one match, or the
/// longest start all of them share when it is longer than what is typed.
pub fn complete(text: &str, matches: &[Entry]) -> Option<String> {
    match matches {
        [] => None,
        [one] => Some(with_entry(text, one)).filter(|t| t != text),
        [first, rest @ ..] => {
            let mut common: Vec<char> = first.name.chars().collect();
            for e in rest {
                let n = common
                    .iter()
                    .zip(e.name.chars())
                    .take_while(|(a, b)| **a == *b)
                    .count();
                common.truncate(n);
            }
            let (dir, prefix) = split(unquote(text));
            let common: String = common.into_iter().collect();
            (common.chars().count() > prefix.chars().count() && common.starts_with(prefix))
                .then(|| format!("{dir}{common}"))
        }
    }
}

/// A size as shown beside a file: 812 B, 12 KB, 3.4 MB.
pub fn size_label(bytes: u64) -> String {
    const K: u64 = 1024;
    match bytes {
        b if b < K => format!("{b} B"),
        b if b < K * K => format!("{} KB", b.div_ceil(K)),
        b => format!("{:.1} MB", b as f64 / (K * K) as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn roots() -> (tempfile::TempDir, Roots) {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("work");
        let home = dir.path().join("home");
        for d in [
            base.join("简报/2023"),
            base.join("简报/2024"),
            home.join("文档"),
        ] {
            fs::create_dir_all(d).unwrap();
        }
        fs::write(base.join("简报/周口文明简报.txt"), "甲").unwrap();
        fs::write(base.join("简报/周口文明简报.pdf"), "乙乙").unwrap();
        fs::write(base.join("简报/.hidden"), "").unwrap();
        fs::write(base.join("Notes.TXT"), "").unwrap();
        fs::write(home.join("文档/来稿.docx"), "").unwrap();
        (
            dir,
            Roots {
                base,
                home: Some(home),
            },
        )
    }

    fn names(m: &[Entry]) -> Vec<&str> {
        m.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn relative_paths_start_at_the_base_and_tilde_at_home() {
        let (_d, r) = roots();
        assert_eq!(r.resolve("简报/a.txt"), r.base.join("简报/a.txt"));
        assert_eq!(
            r.resolve("~/文档/来稿.docx"),
            r.home.as_ref().unwrap().join("文档/来稿.docx")
        );
        assert_eq!(r.resolve("~"), *r.home.as_ref().unwrap());
        assert_eq!(r.resolve("/tmp/x"), PathBuf::from("/tmp/x"));
        assert_eq!(
            r.resolve("  '简报/有 空格.txt'\n"),
            r.base.join("简报/有 空格.txt")
        );
        assert_eq!(r.shown(&r.home.as_ref().unwrap().join("文档")), "~/文档");
        assert_eq!(r.shown(&r.base.join("简报/a.txt")), "简报/a.txt");
        assert_eq!(r.shown(Path::new("/srv/x")), "/srv/x");
    }

    #[test]
    fn matches_list_folders_first_and_hide_dot_files() {
        let (_d, r) = roots();
        let m = r.matches("简报/");
        assert_eq!(
            names(&m),
            ["2023", "2024", "周口文明简报.pdf", "周口文明简报.txt"]
        );
        assert!(m[0].dir && !m[2].dir);
        assert_eq!(m[2].size, Some(6));
        assert_eq!(names(&r.matches("简报/.")), [".hidden"]);
        assert_eq!(names(&r.matches("简报/周口")).len(), 2);
        // In any case when none matches in the case typed.
        assert_eq!(names(&r.matches("notes")), ["Notes.TXT"]);
        assert_eq!(names(&r.matches("~/文")), ["文档"]);
        assert!(r.matches("没有/").is_empty());
        assert_eq!(names(&r.matches("")), ["简报", "Notes.TXT"]);
    }

    #[test]
    fn tab_completes_the_one_match_or_the_common_start() {
        let (_d, r) = roots();
        let c = |t: &str| complete(t, &r.matches(t));
        assert_eq!(c("简").as_deref(), Some("简报/"));
        assert_eq!(c("简报/周").as_deref(), Some("简报/周口文明简报."));
        assert_eq!(
            c("简报/周口文明简报.t").as_deref(),
            Some("简报/周口文明简报.txt")
        );
        assert_eq!(c("简报/周口文明简报.txt"), None, "nothing more to add");
        assert_eq!(
            c("简报/202").as_deref(),
            None,
            "2023 and 2024 share only 202"
        );
        assert_eq!(c("~/文").as_deref(), Some("~/文档/"));
        assert_eq!(c("~/文档/").as_deref(), Some("~/文档/来稿.docx"));
        assert_eq!(c("zz"), None);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_label(812), "812 B");
        assert_eq!(size_label(12 * 1024 - 10), "12 KB");
        assert_eq!(size_label(3_565_158), "3.4 MB");
    }
}
