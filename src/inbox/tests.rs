//! Submissions of each format through the inbox: recorded (dropped by hand
//! or submitted), units found, adopted into an issue with their source and
//! link, refused by a signed issue, returned and declined with the reason
//! kept.

use super::*;
use crate::model::Status;
use std::fs;
use std::path::PathBuf;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inbox")
        .join(name)
}

fn library() -> (TempDir, Library) {
    let dir = TempDir::new().unwrap();
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    (dir, lib)
}

fn actor() -> Actor {
    Actor {
        name: Some("王文明".into()),
        user: "clerk".into(),
        host: "office".into(),
    }
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-11-21T10:00:00+08:00").unwrap()
}

const SAMPLE: &str = "2023-025";

#[test]
fn dropped_files_get_records_with_their_units() {
    let (_d, lib) = library();
    let inbox = lib.inbox_dir();
    fs::create_dir_all(&inbox).unwrap();
    for f in [
        "白潭镇倡导文明新风.txt",
        "商水县志愿服务.txt",
        "太康县文明办-文明实践.txt",
        "郸城县来稿.docx",
        "损坏的文件.doc",
    ] {
        fs::copy(fixture(f), inbox.join(f)).unwrap();
    }
    let l = scan(&lib, Lang::Zh).unwrap();
    assert!(l.dropped.is_empty());
    let mut rows: Vec<(String, String, UnitFrom, usize)> = l
        .entries
        .iter()
        .map(|e| {
            let r = &e.record;
            (r.file.clone(), r.unit.clone(), r.unit_from, r.chars)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let units: Vec<(&str, &str, UnitFrom)> = rows
        .iter()
        .map(|(f, u, from, _)| (f.as_str(), u.as_str(), *from))
        .collect();
    assert_eq!(
        units,
        [
            ("商水县志愿服务.txt", "商水县文明办", UnitFrom::Signature),
            (
                "太康县文明办-文明实践.txt",
                "太康县文明办",
                UnitFrom::FileName
            ),
            ("损坏的文件.doc", "", UnitFrom::Unknown),
            (
                "白潭镇倡导文明新风.txt",
                "扶沟县文明办",
                UnitFrom::SourceLine
            ),
            ("郸城县来稿.docx", "郸城县文明办", UnitFrom::Author),
        ]
    );
    // The unreadable one is recorded (it can be declined) and named.
    assert_eq!(l.problems.len(), 1, "{:?}", l.problems);
    assert!(l.problems[0].message(Lang::Zh).contains("损坏的文件.doc"));
    let titles: Vec<&str> = l.entries.iter().map(|e| e.record.title.as_str()).collect();
    assert!(
        titles.contains(&"郸城县开展“文明家庭”评选活动"),
        "{titles:?}"
    );
    // Counted as the importer counts: the signature is not text.
    let shangshui = l
        .entries
        .iter()
        .find(|e| e.record.file.starts_with("商水"))
        .unwrap();
    let reading = read_entry(shangshui).unwrap();
    assert_eq!(shangshui.record.chars, reading.chars());
    assert!(
        !reading.articles[0]
            .paragraphs
            .iter()
            .any(|p| p.contains("2023年"))
    );
    // A second look records nothing again.
    let again = scan(&lib, Lang::Zh).unwrap();
    assert_eq!(again.entries.len(), 5);
    assert!(again.problems.is_empty());
}

#[test]
fn submit_adopt_and_the_article_keeps_its_unit_and_link() {
    let (_d, mut lib) = library();
    let how = Submit {
        unit: None,
        note: Some("请审阅".into()),
        submitter: Some("李华".into()),
    };
    let (entry, reading) = submit(&lib, &fixture("白潭镇倡导文明新风.txt"), &how, now()).unwrap();
    assert_eq!(entry.record.unit, "扶沟县文明办");
    assert_eq!(entry.record.note.as_deref(), Some("请审阅"));
    assert_eq!(reading.articles.len(), 1);
    // A unit given wins over the text's.
    let given = Submit {
        unit: Some("扶沟县委宣传部".into()),
        ..Submit::default()
    };
    let (brief, _) = submit(&lib, &fixture("太康县文明办-文明实践.txt"), &given, now()).unwrap();
    assert_eq!(
        (brief.record.unit.as_str(), brief.record.unit_from),
        ("扶沟县委宣传部", UnitFrom::Given)
    );
    let id: IssueId = SAMPLE.parse().unwrap();
    let done = adopt(
        &mut lib,
        &entry,
        id,
        None,
        ArticleKind::Feature,
        &actor(),
        now(),
    )
    .unwrap();
    assert_eq!(done.section, "工作动态");
    assert!(done.entry.decided);
    assert_eq!(done.entry.record.adopted_into(), Some(id));
    let issue = lib.load(&id).unwrap().clone();
    let a = issue.sections[0].articles.last().unwrap();
    assert_eq!(a.title_text(), "扶沟县白潭镇倡导文明新风");
    assert_eq!(a.source.as_deref(), Some("扶沟县文明办"));
    assert_eq!(a.submission, Some(entry.record.id));
    // A brief goes to the last section, unless a section is named.
    let done = adopt(
        &mut lib,
        &brief,
        id,
        None,
        ArticleKind::Brief,
        &actor(),
        now(),
    )
    .unwrap();
    assert_eq!(done.section, "文明时讯");
    let issue = lib.load(&id).unwrap().clone();
    let b = issue.sections.last().unwrap().articles.last().unwrap();
    assert_eq!(
        (b.kind, b.source.as_deref()),
        (ArticleKind::Brief, Some("扶沟县委宣传部"))
    );
    // Adopted once only.
    let err = adopt(
        &mut lib,
        &done.entry,
        id,
        None,
        ArticleKind::Brief,
        &actor(),
        now(),
    )
    .unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("已采用"),
        "{}",
        err.message(Lang::Zh)
    );
    // Into a named section, created when missing.
    let (third, _) = submit(&lib, &fixture("郸城县来稿.docx"), &Submit::default(), now()).unwrap();
    let done = adopt(
        &mut lib,
        &third,
        id,
        Some("【经验交流】"),
        ArticleKind::Feature,
        &actor(),
        now(),
    )
    .unwrap();
    assert_eq!(done.section, "经验交流");
}

#[test]
fn a_signed_issue_refuses_an_adoption_and_nothing_changes() {
    let (_d, mut lib) = library();
    let id: IssueId = SAMPLE.parse().unwrap();
    lib.set_status(&id, Status::Review, &actor(), None, Lang::Zh)
        .unwrap();
    lib.set_status(&id, Status::Signed, &actor(), None, Lang::Zh)
        .unwrap();
    let before = lib.load(&id).unwrap().clone();
    let (entry, _) = submit(
        &lib,
        &fixture("商水县志愿服务.txt"),
        &Submit::default(),
        now(),
    )
    .unwrap();
    let err = adopt(
        &mut lib,
        &entry,
        id,
        None,
        ArticleKind::Brief,
        &actor(),
        now(),
    )
    .unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("已签发"),
        "{}",
        err.message(Lang::Zh)
    );
    lib.reload(&id).unwrap();
    assert_eq!(lib.load(&id).unwrap(), &before);
    let l = lib.read_inbox().unwrap();
    assert_eq!(l.entries[0].record.state, SubState::New);
}

#[test]
fn returned_and_declined_keep_their_reasons() {
    let (_d, lib) = library();
    let (entry, _) = submit(
        &lib,
        &fixture("商水县志愿服务.txt"),
        &Submit::default(),
        now(),
    )
    .unwrap();
    let returned = decide(
        &lib,
        &entry,
        SubState::Returned,
        "请补充活动照片说明",
        &actor(),
        now(),
    )
    .unwrap();
    assert!(!returned.decided);
    let declined = decide(
        &lib,
        &returned,
        SubState::Declined,
        "与上期重复",
        &actor(),
        now(),
    )
    .unwrap();
    assert!(declined.decided);
    let l = lib.read_inbox().unwrap();
    let r = &l.entries[0].record;
    assert_eq!(r.state, SubState::Declined);
    let notes: Vec<&str> = r.history.iter().filter_map(|d| d.note.as_deref()).collect();
    assert_eq!(notes, ["请补充活动照片说明", "与上期重复"]);
    assert!(lib.decided_dir().join("商水县志愿服务.txt").exists());
    // A blank reason is refused.
    let (other, _) = submit(
        &lib,
        &fixture("白潭镇倡导文明新风.txt"),
        &Submit::default(),
        now(),
    )
    .unwrap();
    let err = decide(&lib, &other, SubState::Declined, "  ", &actor(), now()).unwrap_err();
    assert!(err.message(Lang::Zh).contains("原因"));
    // The unit can be corrected.
    let fixed = set_unit(&lib, &other, "扶沟县白潭镇").unwrap();
    assert_eq!(
        (fixed.record.unit.as_str(), fixed.record.unit_from),
        ("扶沟县白潭镇", UnitFrom::Given)
    );
}

#[test]
fn submissions_are_found_by_number_or_name() {
    let (_d, lib) = library();
    submit(
        &lib,
        &fixture("白潭镇倡导文明新风.txt"),
        &Submit::default(),
        now(),
    )
    .unwrap();
    submit(
        &lib,
        &fixture("白潭镇倡导文明新风.txt"),
        &Submit::default(),
        now(),
    )
    .unwrap();
    submit(
        &lib,
        &fixture("商水县志愿服务.txt"),
        &Submit::default(),
        now(),
    )
    .unwrap();
    let l = lib.read_inbox().unwrap();
    assert_eq!(
        find(&l, "3", Lang::Zh).unwrap().record.file,
        "商水县志愿服务.txt"
    );
    assert_eq!(find(&l, "#1", Lang::Zh).unwrap().record.id, 1);
    assert_eq!(find(&l, "商水", Lang::Zh).unwrap().record.id, 3);
    assert_eq!(
        find(&l, "白潭镇倡导文明新风 (2).txt", Lang::Zh)
            .unwrap()
            .record
            .id,
        2
    );
    let many = find(&l, "白潭镇", Lang::Zh).unwrap_err();
    assert!(many.contains("1（") && many.contains("2（"), "{many}");
    assert!(find(&l, "9", Lang::Zh).unwrap_err().contains("没有来稿"));
}

#[test]
fn unreadable_files_are_not_submitted() {
    let (_d, lib) = library();
    let err = submit(&lib, &fixture("损坏的文件.doc"), &Submit::default(), now()).unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("损坏的文件.doc"),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(lib.read_inbox().unwrap().entries.is_empty());
    assert!(!lib.inbox_dir().join("损坏的文件.doc").exists());
}
