//! Two offices share a library through git, end to end with a real git: a
//! bare repository is the server, two clones are the offices, each with
//! its own home (config.ron name, git identity or none). Create, edit, sign
//! and sync from both; an issue changed on both sides keeps both texts; an
//! issue open in an editor is not changed under it; without git everything
//! else works and sync says why.

mod common;

use common::{command, stderr, stdout};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

/// One office: a clone of the server, and the home of the clerk there.
struct Office {
    lib: PathBuf,
    home: PathBuf,
}

impl Office {
    /// Clones `server` into `root/name`; the clerk is called `name` in
    /// config.ron and, with `git_user`, in git's configuration too.
    fn clone(
        root: &Path,
        server: &Path,
        name: &str,
        clerk: &str,
        git_user: Option<&str>,
    ) -> Office {
        let home = root.join(format!("home-{name}"));
        fs::create_dir_all(home.join(".config/jianbao")).unwrap();
        fs::write(
            home.join(".config/jianbao/config.ron"),
            format!("(name: Some(\"{clerk}\"))"),
        )
        .unwrap();
        if let Some(user) = git_user {
            fs::write(
                home.join(".gitconfig"),
                format!("[user]\n\tname = {user}\n\temail = {name}@example.org\n"),
            )
            .unwrap();
        }
        let office = Office {
            lib: root.join(name),
            home,
        };
        let out = office
            .git_command(root)
            .args(["clone", "-q"])
            .arg(server)
            .arg(&office.lib)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        office
    }

    /// The environment of this office: its home, no system git config.
    fn env(&self, c: &mut Command) {
        c.env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.home.join(".gitconfig"))
            .env_remove("GIT_AUTHOR_NAME")
            .env_remove("GIT_AUTHOR_EMAIL")
            .env_remove("GIT_COMMITTER_NAME")
            .env_remove("GIT_COMMITTER_EMAIL")
            .env("USER", "clerk");
    }

    fn git_command(&self, dir: &Path) -> Command {
        let mut c = Command::new("git");
        c.current_dir(dir);
        self.env(&mut c);
        c
    }

    fn git(&self, args: &[&str]) -> String {
        let out = self.git_command(&self.lib).args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
        stdout(&out)
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut c = command(&self.lib, args);
        self.env(&mut c);
        c.output().unwrap()
    }

    /// Runs jianbao, which must succeed: what it printed (stdout, stderr).
    fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        (stdout(&out), stderr(&out))
    }

    /// Runs jianbao, which must fail with exit code 1: its message.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stdout(&out));
        stderr(&out)
    }

    fn sync(&self) -> String {
        self.ok(&["sync"]).0
    }

    fn path(&self, id: &str) -> PathBuf {
        self.lib.join(format!("issues/{id}.ron"))
    }

    fn read(&self, id: &str) -> String {
        fs::read_to_string(self.path(id)).unwrap()
    }

    /// Edits the issue file as a clerk's save would.
    fn edit(&self, id: &str, from: &str, to: &str) {
        let text = self.read(id);
        assert!(text.contains(from), "{id}: {from}");
        fs::write(self.path(id), text.replacen(from, to, 1)).unwrap();
    }

    fn issue_files(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = fs::read_dir(self.lib.join("issues"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"])
    }
}

/// The server (a bare repository) and office A, whose first sync pushed
/// the new library; then office B cloned it.
fn two_offices() -> (TempDir, Office, Office) {
    let dir = TempDir::new().unwrap();
    let server = dir.path().join("server.git");
    let out = Command::new("git")
        .args(["init", "-q", "--bare"])
        .arg(&server)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git is needed (.ci/run installs it)");
    assert!(out.status.success());
    // Office A: no git identity, so commits are by its configured name.
    let a = Office::clone(dir.path(), &server, "a", "王文明", None);
    common::new_library(&a.lib);
    let first = a.sync();
    assert!(
        first.contains("已推送到 origin/") && first.contains("第一次同步"),
        "{first}"
    );
    let b = Office::clone(dir.path(), &server, "b", "李红", Some("Li Hong"));
    assert!(b.path("2023-025").is_file());
    (dir, a, b)
}

const BRIEF: &str = "扶沟县举办文明实践活动。11月28日，扶沟县在城关镇举办新时代文明实践活动，群众五百余人参加。（扶沟县文明办）\n";

#[test]
fn two_offices_create_edit_sign_and_sync() {
    let (dir, a, b) = two_offices();
    // A makes the next issue and puts a brief into it.
    let (id, _) = a.ok(&["new", "--date", "2023-11-30"]);
    assert_eq!(id.trim(), "2023-026");
    let brief = dir.path().join("brief.txt");
    fs::write(&brief, BRIEF).unwrap();
    a.ok(&["import", brief.to_str().unwrap(), "--into", "2023-026"]);
    let (list, _) = a.ok(&["list"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with("2023-026") && l.ends_with("新建")),
        "{list}"
    );
    let out = a.sync();
    assert!(out.contains("已提交本机的修改：2023-026"), "{out}");
    assert!(out.contains("已推送 1 个提交到 origin/"), "{out}");
    let (list, _) = a.ok(&["list"]);
    assert!(
        !list.contains("新建") && list.contains("未推送 0 个提交"),
        "{list}"
    );

    // B receives it, sends it for review and signs it.
    let out = b.sync();
    assert!(out.contains("收到 1 期的修改：2023-026"), "{out}");
    b.ok(&["status", "2023-026", "review"]);
    let (out, err) = b.ok(&["status", "2023-026", "signed"]);
    assert_eq!(out, "2023-026：待审 → 已签发\n");
    assert!(err.contains("已提交到 git"), "{err}");
    // The closing block carried over from 2023-025 names its 签发 already.
    assert!(!err.contains("签发栏已填为"), "{err}");
    let log = b.git(&["log", "-1", "--format=%an <%ae>%n%s"]);
    assert_eq!(log, "Li Hong <b@example.org>\n签发 第26期（2023-026）\n");
    assert!(b.sync().contains("已推送 1 个提交"));

    // A gets the signed issue: it is read-only there too.
    let out = a.sync();
    assert!(out.contains("收到 1 期的修改：2023-026"), "{out}");
    let (shown, _) = a.ok(&["show", "2023-026", "--history"]);
    assert!(
        shown.contains("状态：已签发（签发：张华；李红（clerk@"),
        "{shown}"
    );
    assert!(shown.contains("草稿 → 待审  李红（clerk@"), "{shown}");
    assert!(shown.contains("待审 → 已签发  李红（clerk@"), "{shown}");
    let before = a.read("2023-026");
    let err = a.fails(&["import", brief.to_str().unwrap(), "--into", "2023-026"]);
    assert!(
        err.contains("2023-026 已签发，不能修改（签发：张华；李红（clerk@"),
        "{err}"
    );
    assert!(
        err.contains("jianbao status 2023-026 draft --note"),
        "{err}"
    );
    assert_eq!(a.read("2023-026"), before);

    // A reopens it with a reason, adds the brief again and distributes it
    // after B signs once more.
    let err = a.fails(&["status", "2023-026", "draft"]);
    assert!(err.contains("退回草稿须写明原因"), "{err}");
    a.ok(&["status", "2023-026", "draft", "--note", "补充一条简讯"]);
    a.ok(&["import", brief.to_str().unwrap(), "--into", "2023-026"]);
    let (list, _) = a.ok(&["list"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with("2023-026") && l.contains("草稿") && l.ends_with("已修改")),
        "{list}"
    );
    a.sync();
    b.sync();
    b.ok(&["status", "2023-026", "review"]);
    b.ok(&["status", "2023-026", "signed"]);
    b.sync();
    a.sync();
    let (_, err) = a.ok(&["status", "2023-026", "distributed"]);
    assert!(err.contains("已提交到 git"), "{err}");
    let log = a.git(&["log", "-1", "--format=%an <%ae>%n%s"]);
    // No git identity at A: its configured name, and login@host.
    assert!(log.starts_with("王文明 <clerk@"), "{log}");
    assert!(log.ends_with(">\n印发 第26期（2023-026）\n"), "{log}");
    a.sync();
    b.sync();
    // Both offices hold the same library.
    assert_eq!(a.issue_files(), b.issue_files());
    let json: serde_json::Value = serde_json::from_str(&b.ok(&["list", "--json"]).0).unwrap();
    let issue = &json["issues"][0];
    assert_eq!(issue["id"], "2023-026");
    assert_eq!(issue["status"], "Distributed");
    assert_eq!(issue["git"], "unchanged");
    let moves: Vec<(String, String)> = issue["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["from"].as_str().unwrap().into(),
                c["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    let moves: Vec<(&str, &str)> = moves
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        moves,
        [
            ("Draft", "Review"),
            ("Review", "Signed"),
            ("Signed", "Draft"),
            ("Draft", "Review"),
            ("Review", "Signed"),
            ("Signed", "Distributed")
        ]
    );
    assert_eq!(issue["history"][2]["note"], "补充一条简讯");
    assert_eq!(json["git"]["ahead"], 0);
}

#[test]
fn an_issue_changed_on_both_sides_keeps_both_texts() {
    let (_dir, a, b) = two_offices();
    a.edit(
        "2023-025",
        "全市创文创卫工作推进会召开",
        "全市创文创卫工作推进会召开（甲改）",
    );
    b.edit(
        "2023-025",
        "全市创文创卫工作推进会召开",
        "全市创文创卫工作推进会召开（乙改）",
    );
    // Both also change different issues, which merge without a word.
    a.ok(&["new", "--date", "2023-11-30"]);
    a.sync();
    let out = b.sync();
    assert!(
        out.contains(
            "2023-025 在两边都被修改：本机的版本保留为 2023-025，对方的版本另存为草稿 2023-027"
        ),
        "{out}"
    );
    assert!(out.contains("收到 1 期的修改：2023-026"), "{out}");
    assert!(b.read("2023-025").contains("（乙改）") && !b.read("2023-025").contains("（甲改）"));
    let copy = b.read("2023-027");
    assert!(copy.contains("（甲改）") && !copy.contains("（乙改）"));
    let (shown, _) = b.ok(&["show", "2023-027", "--history"]);
    assert!(shown.contains("第27期  2023-11-23"), "{shown}");
    assert!(shown.contains("状态：草稿"), "{shown}");
    assert!(
        shown.contains("这是 王文明 的版本，另存为草稿；2023-025 保留了另一个版本"),
        "{shown}"
    );
    // A is told when it gets the copy of its own text.
    let out = a.sync();
    assert!(
        out.contains("2023-027 是对方同步时另存的 2023-025 的另一个版本"),
        "{out}"
    );
    assert_eq!(a.issue_files(), b.issue_files());
    let texts = a
        .issue_files()
        .into_iter()
        .map(|(_, t)| t)
        .collect::<String>();
    assert!(texts.contains("（甲改）") && texts.contains("（乙改）"));
    let (check, _) = a.ok(&["check"]);
    assert!(check.contains("未发现问题"), "{check}");
}

#[test]
fn a_signed_version_keeps_its_number_and_an_edit_deleted_elsewhere_is_kept() {
    let (_dir, a, b) = two_offices();
    a.ok(&["new", "--date", "2023-11-30"]);
    a.sync();
    b.sync();
    // A signs 2023-025 and deletes 2023-026; B edits both.
    a.ok(&["status", "2023-025", "review"]);
    a.ok(&["status", "2023-025", "signed"]);
    fs::remove_file(a.path("2023-026")).unwrap();
    a.sync();
    b.edit(
        "2023-025",
        "全市创文创卫工作推进会召开",
        "全市创文创卫工作推进会召开（乙改）",
    );
    b.edit(
        "2023-026",
        "sections: [",
        "sections: [\n        (title: \"乙加的栏目\", articles: []),",
    );
    let out = b.sync();
    assert!(
        out.contains(
            "2023-025 在两边都被修改：对方的版本保留为 2023-025，本机的版本另存为草稿 2023-027"
        ),
        "{out}"
    );
    assert!(
        out.contains("2023-026 在一边被删除、在另一边被修改：修改后的版本已保留"),
        "{out}"
    );
    assert!(b.read("2023-025").contains("status: Signed"));
    assert!(b.read("2023-027").contains("（乙改）"));
    assert!(b.read("2023-026").contains("乙加的栏目"));
    a.sync();
    assert_eq!(a.issue_files(), b.issue_files());
}

#[test]
fn an_issue_open_in_an_editor_is_not_changed_under_it() {
    let (_dir, a, b) = two_offices();
    a.edit(
        "2023-025",
        "全市创文创卫工作推进会召开",
        "全市创文创卫工作推进会召开（甲改）",
    );
    a.sync();
    // An editor on B's machine has 2023-025 open (this test process).
    let lib = jianbao::store::Library::open(&b.lib).unwrap();
    let lock = lib.lock(&"2023-025".parse().unwrap()).unwrap();
    b.ok(&["new", "--date", "2023-11-30"]);
    let files = b.issue_files();
    let head = b.head();
    let err = b.fails(&["sync"]);
    assert!(err.contains("2023-025 正在被 "), "{err}");
    assert!(err.contains("未同步，什么也没有改"), "{err}");
    assert_eq!(b.issue_files(), files);
    assert_eq!(b.head(), head);
    drop(lock);
    let out = b.sync();
    assert!(out.contains("收到 1 期的修改：2023-025"), "{out}");
    assert!(b.read("2023-025").contains("（甲改）"));
}

#[test]
fn settings_changed_on_both_sides_stop_the_sync_and_lose_nothing() {
    let (_dir, a, b) = two_offices();
    let settings = |o: &Office, name: &str| {
        let path = o.lib.join("library.ron");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replace(
                "bulletin: \"文明创建简报\"",
                &format!("bulletin: \"{name}\""),
            ),
        )
        .unwrap();
    };
    settings(&a, "甲简报");
    a.sync();
    settings(&b, "乙简报");
    let err = b.fails(&["sync"]);
    assert!(
        err.contains("library.ron 在两边都被修改，git 无法自动合并：同步已撤回"),
        "{err}"
    );
    assert!(
        fs::read_to_string(b.lib.join("library.ron"))
            .unwrap()
            .contains("乙简报")
    );
    let status = b.git(&["status", "--porcelain"]);
    assert!(status.is_empty(), "{status}");
    assert!(!b.lib.join(".git/rebase-merge").exists());
}

#[test]
fn without_git_everything_works_and_sync_says_why() {
    let dir = TempDir::new().unwrap();
    let plain = Office {
        lib: dir.path().join("lib"),
        home: dir.path().join("home"),
    };
    fs::create_dir_all(&plain.home).unwrap();
    common::new_library(&plain.lib);
    let err = plain.fails(&["sync"]);
    assert!(
        err.contains("git 功能未启用：简报库不在 git 仓库中"),
        "{err}"
    );
    plain.ok(&["status", "2023-025", "review"]);
    let (_, said) = plain.ok(&["status", "2023-025", "signed"]);
    assert!(!said.contains("git"), "{said}");
    let json: serde_json::Value = serde_json::from_str(&plain.ok(&["list", "--json"]).0).unwrap();
    assert!(json["git"].is_null());
    assert!(
        json["git_off"]
            .as_str()
            .unwrap()
            .contains("不在 git 仓库中")
    );
    assert!(json["issues"][0]["git"].is_null());
    // No git program at all.
    let empty = dir.path().join("no-git");
    fs::create_dir_all(&empty).unwrap();
    let out = command(&plain.lib, &["sync"])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("找不到 git 程序"), "{}", stderr(&out));
    let out = command(&plain.lib, &["status", "2023-025", "distributed"])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Signing in a git work tree that does not track the library (a home
    // folder kept in git) commits nothing there.
    let outer = dir.path().join("home-repo");
    fs::create_dir_all(&outer).unwrap();
    plain
        .git_command(&outer)
        .args(["init", "-q"])
        .output()
        .unwrap();
    let inner = Office {
        lib: outer.join("lib"),
        home: plain.home.clone(),
    };
    common::new_library(&inner.lib);
    inner.ok(&["status", "2023-025", "review"]);
    let (_, said) = inner.ok(&["status", "2023-025", "signed"]);
    assert!(
        said.contains("未提交到 git：git 功能未启用：简报库在 git 仓库"),
        "{said}"
    );
    let err = inner.fails(&["sync"]);
    assert!(err.contains("没有跟踪它"), "{err}");
}

/// A library kept in a folder of a larger repository (the office's
/// documents): git is on once the repository tracks the library, sync
/// commits only the library's files, and the clerk's other work in the
/// repository is never committed, stashed away or overwritten.
#[test]
fn a_library_in_a_folder_of_a_larger_repository_syncs_and_leaves_other_files_alone() {
    let dir = TempDir::new().unwrap();
    let server = dir.path().join("server.git");
    let out = Command::new("git")
        .args(["init", "-q", "--bare"])
        .arg(&server)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let top = Office::clone(dir.path(), &server, "a", "王文明", Some("Wang"));
    fs::create_dir_all(top.lib.join("docs")).unwrap();
    fs::write(top.lib.join("docs/notes.txt"), "会议记录\n").unwrap();
    top.git(&["add", "docs"]);
    top.git(&["commit", "-qm", "notes"]);
    let a = Office {
        lib: top.lib.join("简报库"),
        home: top.home.clone(),
    };
    common::new_library(&a.lib);
    // Not yet tracked: git stays off and says how to turn it on.
    let err = a.fails(&["sync"]);
    assert!(err.contains("没有跟踪它"), "{err}");
    a.git(&["add", "."]);
    a.git(&["commit", "-qm", "简报库"]);
    assert!(a.sync().contains("第一次同步"));

    let b_top = Office::clone(dir.path(), &server, "b", "李红", Some("Li"));
    let b = Office {
        lib: b_top.lib.join("简报库"),
        home: b_top.home.clone(),
    };
    a.edit(
        "2023-025",
        "全市创文创卫工作推进会召开",
        "全市创文创卫工作推进会召开（甲改）",
    );
    a.sync();
    b.edit(
        "2023-025",
        "全市创文创卫工作推进会召开",
        "全市创文创卫工作推进会召开（乙改）",
    );
    // Work of B's outside the library: one file changed, one staged.
    let notes = b_top.lib.join("docs/notes.txt");
    fs::write(&notes, "会议记录\n未完成的修改\n").unwrap();
    fs::write(b_top.lib.join("docs/plan.txt"), "计划\n").unwrap();
    b.git(&["add", "../docs/plan.txt"]);
    let (list, _) = b.ok(&["list"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with("2023-025") && l.ends_with("已修改")),
        "{list}"
    );
    let out = b.sync();
    assert!(out.contains("对方的版本另存为草稿 2023-026"), "{out}");
    assert_eq!(
        fs::read_to_string(&notes).unwrap(),
        "会议记录\n未完成的修改\n"
    );
    let status = b_top.git(&["status", "--porcelain"]);
    assert_eq!(status, " M docs/notes.txt\nA  docs/plan.txt\n");
    assert!(b_top.git(&["stash", "list"]).is_empty());
    let log = b_top.git(&["log", "--name-only", "--format=", "origin/HEAD"]);
    assert!(!log.contains("plan.txt"), "{log}");
    a.sync();
    assert_eq!(a.issue_files(), b.issue_files());

    // The other side changes the very file B is working on: the sync
    // stops before changing anything, naming it.
    fs::write(top.lib.join("docs/notes.txt"), "会议记录（甲）\n").unwrap();
    top.git(&["commit", "-qam", "notes again"]);
    a.sync();
    // B has a change of its own to send, so the sync would rebase.
    b.edit("2023-026", "推进会", "推进大会");
    let head = b.head();
    let err = b.fails(&["sync"]);
    assert!(err.contains("docs/notes.txt"), "{err}");
    assert_eq!(b.head(), head);
    assert_eq!(
        fs::read_to_string(&notes).unwrap(),
        "会议记录\n未完成的修改\n"
    );
    assert!(b_top.git(&["stash", "list"]).is_empty());
}

/// The inbox is shared: a submission made at one office is decided at the
/// other, and the first sees it adopted after its next sync.
#[test]
fn the_inbox_travels_with_the_library() {
    let (_dir, a, b) = two_offices();
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inbox/商水县志愿服务.txt");
    a.ok(&["submit", file.to_str().unwrap()]);
    let out = a.sync();
    assert!(out.contains("已推送 1 个提交"), "{out}");
    b.sync();
    let (list, _) = b.ok(&["inbox"]);
    assert!(
        list.contains("商水县文明办") && list.trim_end().ends_with("新"),
        "{list}"
    );
    b.ok(&["inbox", "adopt", "1", "--into", "2023-025", "--brief"]);
    b.sync();
    a.sync();
    let (list, _) = a.ok(&["inbox"]);
    assert!(list.trim_end().ends_with("已采用 2023-025"), "{list}");
    assert!(a.read("2023-025").contains("商水县举办志愿服务活动"));
    assert!(a.lib.join("inbox/decided/商水县志愿服务.txt.ron").is_file());
    assert!(!a.lib.join("inbox/商水县志愿服务.txt").exists());
}

fn inbox_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inbox")
        .join(name)
}

/// The records of the inbox of `office` (in `inbox/` and `decided/`).
fn records(office: &Office) -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["inbox", "inbox/decided"] {
        let Ok(rd) = fs::read_dir(office.lib.join(dir)) else {
            continue;
        };
        for e in rd {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".ron") {
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}

/// Two offices adopt one submission before a sync: both syncs go
/// through, the record keeps both adoptions, and the inbox flags it.
#[test]
fn a_submission_adopted_in_both_offices_keeps_both_adoptions_and_is_flagged() {
    let (_dir, a, b) = two_offices();
    let file = inbox_fixture("商水县志愿服务.txt");
    a.ok(&["submit", file.to_str().unwrap()]);
    a.sync();
    b.sync();
    a.ok(&["inbox", "adopt", "1", "--into", "2023-025", "--brief"]);
    b.ok(&["inbox", "adopt", "1", "--into", "2023-025", "--brief"]);
    a.sync();
    let out = b.sync();
    assert!(
        out.contains(
            "来稿 1（商水县志愿服务.txt）在两处都有改动：已合并为一份记录，2 项决定都保留。"
        ),
        "{out}"
    );
    assert!(
        out.contains("来稿 1 在两处共被采用了 2 次（2023-025）"),
        "{out}"
    );
    assert!(out.contains("已推送"), "{out}");
    let out = a.sync();
    assert!(!out.contains("冲突") && !out.contains("git pull"), "{out}");
    for office in [&a, &b] {
        assert_eq!(records(office), ["inbox/decided/商水县志愿服务.txt.ron"]);
        let record =
            fs::read_to_string(office.lib.join("inbox/decided/商水县志愿服务.txt.ron")).unwrap();
        assert_eq!(record.matches("state: Adopted").count(), 3, "{record}");
        assert!(
            record.contains("王文明") && record.contains("李红"),
            "{record}"
        );
        let (list, _) = office.ok(&["inbox"]);
        assert!(
            list.contains("已采用 2023-025") && list.contains("! 被采用了不止一次：2023-025"),
            "{list}"
        );
        assert!(!office.lib.join("inbox/商水县志愿服务.txt").exists());
        assert!(
            office
                .lib
                .join("inbox/decided/商水县志愿服务.txt")
                .is_file()
        );
    }
    assert_eq!(a.head(), b.head());
    // Later syncs work as ever.
    b.ok(&["inbox", "unit", "1", "商水县志愿者协会"]);
    assert!(b.sync().contains("已推送 1 个提交"));
    a.sync();
    let (list, _) = a.ok(&["inbox"]);
    assert!(list.contains("商水县志愿者协会"), "{list}");
    assert!(a.sync().contains("已是最新"));
}

/// A file dropped by hand, committed by a sync without a record, then
/// opened in both offices: each gives it a record, and the sync makes them
/// one.
#[test]
fn a_file_dropped_by_hand_and_recorded_in_both_offices_gets_one_record() {
    let (_dir, a, b) = two_offices();
    fs::create_dir_all(a.lib.join("inbox")).unwrap();
    fs::copy(
        inbox_fixture("太康县文明办-文明实践.txt"),
        a.lib.join("inbox/手放.txt"),
    )
    .unwrap();
    a.sync();
    b.sync();
    assert!(b.lib.join("inbox/手放.txt").is_file());
    assert!(records(&b).is_empty());
    // A has a submission of its own first: the dropped file is its 2, B's 1.
    a.ok(&[
        "submit",
        inbox_fixture("商水县志愿服务.txt").to_str().unwrap(),
    ]);
    let (list, _) = a.ok(&["inbox"]);
    assert!(list.contains("   2  "), "{list}");
    a.ok(&["inbox", "unit", "2", "太康县文明办"]);
    b.ok(&["inbox", "unit", "1", "太康县委宣传部"]);
    a.ok(&["inbox", "return", "2", "--note", "请补充活动人数"]);
    a.sync();
    let out = b.sync();
    assert!(
        out.contains("来稿 2（手放.txt）在两处都有改动：已合并为一份记录，1 项决定都保留。"),
        "{out}"
    );
    assert!(
        out.contains("来稿 2（手放.txt）在两处各登记了一次：保留收文号 2，本机曾编为 1。"),
        "{out}"
    );
    // Corrected to different units: this office's kept, the other named.
    assert!(
        out.contains("来稿 2：两处的供稿单位不同，保留“太康县委宣传部”，另一处为“太康县文明办”"),
        "{out}"
    );
    a.sync();
    for office in [&a, &b] {
        assert_eq!(
            records(office),
            ["inbox/商水县志愿服务.txt.ron", "inbox/手放.txt.ron"]
        );
        let (json, _) = office.ok(&["inbox", "--json"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let subs = v["submissions"].as_array().unwrap();
        assert_eq!(subs.len(), 2, "{json}");
        let dropped = subs.iter().find(|s| s["file"] == "手放.txt").unwrap();
        assert_eq!(dropped["id"], 2);
        assert_eq!(dropped["unit"], "太康县委宣传部");
        assert_eq!(dropped["state"], "Returned");
        assert_eq!(dropped["history"][0]["note"], "请补充活动人数");
        assert!(v["problems"].as_array().unwrap().is_empty(), "{json}");
    }
    // A later sync: adopted at B, seen adopted at A.
    b.ok(&["inbox", "adopt", "2", "--into", "2023-025", "--brief"]);
    assert!(b.sync().contains("已推送 1 个提交"));
    a.sync();
    let (list, _) = a.ok(&["inbox"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with("   2") && l.ends_with("已采用 2023-025")),
        "{list}"
    );
    assert_eq!(
        records(&a),
        ["inbox/decided/手放.txt.ron", "inbox/商水县志愿服务.txt.ron"]
    );
}

/// Each office receives its own file under one name (来稿.txt from two
/// units) before a sync: the sync goes through, the other office's keeps
/// the name, this office's is renamed, and both offices end with both.
#[test]
fn two_submissions_under_one_name_are_both_kept() {
    for adopted in [false, true] {
        two_under_one_name(adopted);
    }
}

fn two_under_one_name(adopted: bool) {
    let (dir, a, b) = two_offices();
    let same_name = |fixture: &str, office: &str| {
        let d = dir.path().join(office);
        fs::create_dir_all(&d).unwrap();
        let to = d.join("来稿.txt");
        fs::copy(inbox_fixture(fixture), &to).unwrap();
        to
    };
    let from_a = same_name("商水县志愿服务.txt", "from-a");
    let from_b = same_name("白潭镇倡导文明新风.txt", "from-b");
    a.ok(&["submit", from_a.to_str().unwrap()]);
    b.ok(&["submit", from_b.to_str().unwrap()]);
    // B may also adopt its own before syncing: its record in decided/.
    if adopted {
        b.ok(&["inbox", "adopt", "1", "--into", "2023-025", "--brief"]);
    }
    let renamed_dir = if adopted { "inbox/decided" } else { "inbox" };
    a.sync();
    let out = b.sync();
    assert!(
        out.contains("来稿 1（来稿.txt）与另一处收到的同名来稿不是同一份：本机这一份已改名为“来稿 (2).txt”，两份都保留。"),
        "{out}"
    );
    assert!(out.contains("已推送"), "{out}");
    let out = a.sync();
    assert!(!out.contains("冲突"), "{out}");
    let want_a = fs::read(inbox_fixture("商水县志愿服务.txt")).unwrap();
    let want_b = fs::read(inbox_fixture("白潭镇倡导文明新风.txt")).unwrap();
    for office in [&a, &b] {
        let mut want = vec![
            format!("{renamed_dir}/来稿 (2).txt.ron"),
            "inbox/来稿.txt.ron".to_string(),
        ];
        want.sort();
        assert_eq!(records(office), want);
        assert_eq!(fs::read(office.lib.join("inbox/来稿.txt")).unwrap(), want_a);
        assert_eq!(
            fs::read(office.lib.join(format!("{renamed_dir}/来稿 (2).txt"))).unwrap(),
            want_b
        );
        assert!(!office.lib.join("inbox/decided/来稿.txt").exists());
        let (json, _) = office.ok(&["inbox", "--json"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let subs = v["submissions"].as_array().unwrap();
        assert_eq!(subs.len(), 2, "{json}");
        let renamed = subs.iter().find(|s| s["file"] == "来稿 (2).txt").unwrap();
        let state = if adopted { "Adopted" } else { "New" };
        assert_eq!(renamed["state"], state, "{json}");
        assert_eq!(renamed["original"], "来稿.txt", "{json}");
    }
    assert_eq!(
        a.read("2023-025").contains("扶沟县白潭镇倡导文明新风"),
        adopted
    );
    assert_eq!(a.head(), b.head());
    assert!(a.sync().contains("已是最新"));
}
