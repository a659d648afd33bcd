//! Several clerks (and scripts) on one library at the same moment: real
//! `jianbao` processes started together must never overwrite each other's
//! issues. Each success has a file of its own holding its own text.

mod common;

use jianbao::model::Issue;
use jianbao::store::codec;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

fn spawn(lib: &Path, args: &[&str]) -> Child {
    common::command(lib, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start jianbao")
}

fn issues(lib: &Path) -> BTreeMap<String, Issue> {
    fs::read_dir(lib.join("issues"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            let issue = codec::decode_issue(&fs::read_to_string(&p).unwrap()).unwrap();
            (id, issue)
        })
        .collect()
}

fn text_of(issue: &Issue) -> String {
    issue
        .sections
        .iter()
        .flat_map(|s| &s.articles)
        .flat_map(|a| a.title.iter().chain(&a.paragraphs))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

/// A contribution without a masthead (so the importer numbers it), marked
/// so its text can be found again.
fn write_text(dir: &Path, marker: &str) -> PathBuf {
    let path = dir.join(format!("{marker}.txt"));
    let body = format!(
        "关于{marker}的情况报告\n\n本月以来，{marker}所在单位扎实推进文明创建，开展志愿服务活动，群众满意度明显提升。\n"
    );
    fs::write(&path, body).unwrap();
    path
}

#[derive(Debug)]
enum Job {
    New,
    Import(String),
    Into(String),
}

#[test]
fn twenty_clerks_at_once_never_overwrite_an_issue() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    common::new_library(&lib);
    let mut jobs = Vec::new();
    for i in 0..20 {
        jobs.push(match i % 5 {
            0 | 3 => Job::New,
            1 | 2 => Job::Import(format!("甲{i}号材料")),
            _ => Job::Into(format!("乙{i}号稿件")),
        });
    }
    let files: Vec<Option<PathBuf>> = jobs
        .iter()
        .map(|j| match j {
            Job::New => None,
            Job::Import(m) | Job::Into(m) => Some(write_text(dir.path(), m)),
        })
        .collect();
    // Start them all before waiting for any.
    let children: Vec<Child> = jobs
        .iter()
        .zip(&files)
        .map(|(job, file)| {
            let file = file.as_ref().map(|f| f.to_str().unwrap());
            match job {
                Job::New => spawn(&lib, &["new", "--date", "2023-12-01"]),
                Job::Import(_) => spawn(&lib, &["import", file.unwrap()]),
                Job::Into(_) => spawn(&lib, &["import", file.unwrap(), "--into", "2023-025"]),
            }
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();

    let on_disk = issues(&lib);
    let mut created: BTreeMap<String, &Job> = BTreeMap::new();
    let mut successes = 0;
    for (job, out) in jobs.iter().zip(&outputs) {
        let stdout = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            // A refusal is allowed (e.g. the issue was locked by another
            // import for too long); a silent overwrite is not.
            eprintln!("{job:?} refused: {stderr}");
            continue;
        }
        successes += 1;
        match job {
            Job::New | Job::Import(_) => {
                assert!(
                    created.insert(stdout.clone(), job).is_none(),
                    "two processes reported creating {stdout}: {job:?}"
                );
                let issue = on_disk
                    .get(&stdout)
                    .unwrap_or_else(|| panic!("{stdout} reported but not on disk"));
                if let Job::Import(marker) = job {
                    assert!(
                        text_of(issue).contains(marker.as_str()),
                        "{stdout} does not hold {marker}'s text"
                    );
                }
            }
            Job::Into(marker) => {
                assert_eq!(stdout, "2023-025");
                assert!(
                    text_of(&on_disk["2023-025"]).contains(marker.as_str()),
                    "2023-025 lost {marker}'s article"
                );
            }
        }
    }
    // Every created issue is its own file; imports' texts are each in
    // exactly one file.
    for job in &jobs {
        if let Job::Import(marker) = job {
            let holders = on_disk
                .values()
                .filter(|i| text_of(i).contains(marker.as_str()))
                .count();
            assert!(holders <= 1, "{marker} is in {holders} issues");
        }
    }
    let news = jobs.iter().filter(|j| matches!(j, Job::New)).count();
    let imports = jobs.iter().filter(|j| matches!(j, Job::Import(_))).count();
    let made = created.len();
    assert_eq!(on_disk.len(), 1 + made, "files: {:?}", on_disk.keys());
    // `new` and numbered imports cannot be refused by a race: they take the
    // next number.
    assert_eq!(made, news + imports, "{outputs:#?}");
    assert!(successes >= news + imports);
}
