use super::*;
use crate::model::{Article, ArticleKind};
use crate::store::index::index_dir;
use crate::store::tests::temp_library;
use crate::test_support::{article, issue, section};
use proptest::prelude::*;
use std::fs;

/// A library of the given issues (the sample removed).
fn library(issues: &[Issue]) -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = temp_library();
    let sample = *lib.entries().next().unwrap().0;
    lib.trash(&sample).unwrap();
    for i in issues {
        lib.insert(i.clone()).unwrap();
    }
    (dir, lib)
}

fn found(lib: &mut Library, q: &str) -> Vec<(String, String)> {
    lib.search(&Query::parse(q), &Filter::default(), None)
        .unwrap()
        .into_iter()
        .map(|h| (h.id().to_string(), h.title().into_owned()))
        .collect()
}

fn three_issues() -> Vec<Issue> {
    vec![
        issue(
            1,
            "2021-03-01",
            vec![section(
                "工作动态",
                vec![
                    article(
                        "全市推进会召开",
                        None,
                        &["扶沟县白潭镇倡导移风易俗。", "其他内容。"],
                    ),
                    article("白潭镇文明新风", Some("扶沟县文明办"), &["内容一。"]),
                ],
            )],
        ),
        issue(
            2,
            "2023-05-01",
            vec![
                section(
                    "经验交流",
                    vec![article("统战部四项举措", None, &["白潭镇有新GDP增长。"])],
                ),
                section(
                    "文明时讯",
                    vec![article("简讯", None, &["太康县举办活动。"])],
                ),
            ],
        ),
        issue(
            3,
            "2022-07-01",
            vec![section(
                "工作动态",
                vec![article("推进会", None, &["白潭 镇不算。"])],
            )],
        ),
    ]
}

#[test]
fn a_chinese_substring_is_found_titles_first_then_newest() {
    let (_dir, mut lib) = library(&three_issues());
    assert_eq!(
        found(&mut lib, "白潭镇"),
        [
            ("2021-001".to_string(), "白潭镇文明新风".to_string()),
            ("2023-002".to_string(), "统战部四项举措".to_string()),
            ("2021-001".to_string(), "全市推进会召开".to_string()),
        ]
    );
}

#[test]
fn every_word_must_be_in_the_article_and_a_phrase_keeps_its_space() {
    let (_dir, mut lib) = library(&three_issues());
    assert_eq!(found(&mut lib, "白潭镇 扶沟县").len(), 2);
    assert_eq!(found(&mut lib, "白潭镇 太康县"), []);
    assert_eq!(found(&mut lib, "白潭 镇不算").len(), 1);
    assert_eq!(
        found(&mut lib, "“白潭 镇”"),
        [("2022-003".into(), "推进会".into())]
    );
    assert_eq!(
        found(&mut lib, "\"潭 镇不"),
        [("2022-003".into(), "推进会".into())]
    );
    // Latin letters in either case, as the find bar.
    assert_eq!(found(&mut lib, "gdp增长").len(), 1);
    assert_eq!(found(&mut lib, "Gdp").len(), 1);
    assert_eq!(found(&mut lib, "没有的词"), []);
    assert_eq!(found(&mut lib, "  "), []);
}

#[test]
fn the_line_shown_is_marked_and_says_where_it_is() {
    let (_dir, mut lib) = library(&three_issues());
    let hits = lib
        .search(&Query::parse("倡导 白潭镇"), &Filter::default(), None)
        .unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h.line, LineKind::Paragraph(0));
    assert_eq!(h.text(), "扶沟县白潭镇倡导移风易俗。");
    let text = h.text();
    let marked: Vec<&str> = h.marks.iter().map(|m| &text[m.clone()]).collect();
    assert_eq!(marked, ["白潭镇倡导"], "adjacent matches merge");
    assert_eq!(h.paragraph_at(), Some((0, "扶沟县".len())));
    assert_eq!((h.section(), h.article(), h.in_title), (0, 0, 0));
    let source = lib
        .search(&Query::parse("文明办"), &Filter::default(), None)
        .unwrap();
    assert_eq!(source[0].line, LineKind::Source);
    assert_eq!(source[0].paragraph_at(), None);
}

#[test]
fn filters_narrow_by_year_section_and_status() {
    let mut issues = three_issues();
    issues[1].status = Status::Signed;
    let (_dir, mut lib) = library(&issues);
    let q = Query::parse("白潭");
    let ids = |lib: &mut Library, f: Filter| -> Vec<String> {
        lib.search(&q, &f, None)
            .unwrap()
            .iter()
            .map(|h| format!("{} {}", h.id(), h.section_title()))
            .collect()
    };
    let year = Filter {
        year: Some(2022),
        ..Filter::default()
    };
    assert_eq!(ids(&mut lib, year), ["2022-003 工作动态"]);
    let section = Filter {
        section: Some("【经验".into()),
        ..Filter::default()
    };
    assert_eq!(ids(&mut lib, section), ["2023-002 经验交流"]);
    let status = Filter {
        status: Some(Status::Signed),
        ..Filter::default()
    };
    assert_eq!(ids(&mut lib, status), ["2023-002 经验交流"]);
}

#[test]
fn unsaved_text_is_searched_in_place_of_the_file() {
    let (_dir, mut lib) = library(&three_issues());
    let id = IssueId::new(2022, 3, false);
    let mut edited = lib.load(&id).unwrap().clone();
    edited.sections[0].articles[0].paragraphs[0] = "刚打的字：鹿邑县。".into();
    let q = Query::parse("鹿邑县");
    assert!(lib.search(&q, &Filter::default(), None).unwrap().is_empty());
    let hits = lib
        .search(&q, &Filter::default(), Some((&id, &edited)))
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id(), id);
    // The saved text is not found in its place.
    let old = Query::parse("镇不算");
    assert!(
        lib.search(&old, &Filter::default(), Some((&id, &edited)))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn snippets_fit_and_keep_the_match() {
    let text = format!("{}白潭镇{}", "甲".repeat(40), "乙".repeat(40));
    let one = issue(
        1,
        "2023-01-01",
        vec![section("工作动态", vec![article("标题", None, &[&text])])],
    );
    let corpus = Corpus {
        issues: vec![Arc::new(IssueText::of(
            &one,
            crate::store::ContentHash([0; 32]),
        ))],
    };
    let hits = corpus.search(&Query::parse("白潭镇"), &Filter::default());
    let hit = &hits[0];
    for width in [10, 20, 41, 60] {
        let (s, marks) = hit.snippet(width);
        let cols: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(cols <= width, "{width}: {s}");
        assert_eq!(&s[marks[0].clone()], "白潭镇", "{width}: {s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
    }
    assert_eq!(hit.snippet(1000).0, text);
}

#[test]
fn the_search_text_follows_the_files_and_survives_damage() {
    let (_dir, mut lib) = library(&three_issues());
    assert_eq!(found(&mut lib, "太康县").len(), 1);
    let root = lib.root().to_path_buf();
    let year_file = index_dir(&root).join("text-2023");
    assert!(year_file.is_file());
    // Changed by hand after the index was written.
    let path = lib.path_for(&IssueId::new(2023, 2, false));
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("太康县", "郸城县")).unwrap();
    assert_eq!(found(&mut lib, "太康县"), []);
    assert_eq!(found(&mut lib, "郸城县").len(), 1);
    // Damaged index files are not trusted.
    let good = fs::read(&year_file).unwrap();
    for damage in [0, good.len() / 2, good.len() - 1] {
        let mut bad = good.clone();
        bad[damage] ^= 0x55;
        fs::write(&year_file, &bad).unwrap();
        let mut reopened = Library::open(&root).unwrap();
        assert_eq!(found(&mut reopened, "郸城县").len(), 1, "byte {damage}");
        assert_eq!(fs::read(&year_file).unwrap(), good, "rewritten as it was");
    }
    fs::write(&year_file, b"").unwrap();
    assert_eq!(found(&mut Library::open(&root).unwrap(), "郸城县").len(), 1);
    // A year without issues loses its file.
    lib.trash(&IssueId::new(2023, 2, false)).unwrap();
    assert_eq!(found(&mut lib, "郸城县"), []);
    assert!(!year_file.exists());
}

// ----- search against a brute-force scan, on random libraries -----

/// Characters that make many partial matches: a few Chinese ones, Latin in
/// both cases, a space and punctuation.
fn text_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            '白', '潭', '镇', '文', '明', 'a', 'B', 'b', ' ', '，', '1',
        ]),
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

/// Short words, so that many of them are found.
fn word_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec!['白', '潭', '镇', '文', 'a', 'B', 'b', '1']),
        1..3,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn issue_strategy() -> impl Strategy<Value = Issue> {
    let art = (
        text_strategy(),
        proptest::option::of(text_strategy()),
        proptest::collection::vec(text_strategy(), 0..4),
    )
        .prop_map(|(t, s, ps)| Article {
            title: vec![t],
            kind: ArticleKind::Feature,
            source: s,
            paragraphs: ps,
            submission: None,
        });
    let sec = (
        prop::sample::select(vec!["工作动态", "经验交流", "文明时讯"]),
        proptest::collection::vec(art, 0..3),
    )
        .prop_map(|(t, arts)| section(t, arts));
    (
        1u32..40,
        2019i32..2024,
        1u32..300,
        prop::sample::select(Status::ALL.to_vec()),
        proptest::collection::vec(sec, 0..3),
    )
        .prop_map(|(number, year, day, status, sections)| {
            let date = chrono::NaiveDate::from_yo_opt(year, day).unwrap();
            let mut i = issue(number, &date.to_string(), sections);
            i.status = status;
            i
        })
}

/// A hit as compared: issue, section, article, line, marks, words in title.
type Found = (IssueId, usize, usize, LineKind, Vec<Range<usize>>, usize);

/// What search must answer, by the plainest possible means.
fn brute_force(issues: &[Issue], terms: &[String], filter: &Filter) -> Vec<Found> {
    let fold = |s: &str| s.to_ascii_lowercase();
    let mut out = Vec::new();
    for issue in issues {
        if filter.year.is_some_and(|y| y != issue.year())
            || filter.status.is_some_and(|s| s != issue.status)
        {
            continue;
        }
        for (s, sec) in issue.sections.iter().enumerate() {
            if !filter.section_matches(&sec.title) {
                continue;
            }
            for (a, art) in sec.articles.iter().enumerate() {
                let mut lines = vec![(LineKind::Title, art.title_text())];
                if let Some(src) = &art.source {
                    lines.push((LineKind::Source, src.clone()));
                }
                for (p, text) in art.paragraphs.iter().enumerate() {
                    lines.push((LineKind::Paragraph(p), text.clone()));
                }
                let has = |line: &str, t: &str| fold(line).contains(&fold(t));
                if !terms.iter().all(|t| lines.iter().any(|(_, l)| has(l, t))) {
                    continue;
                }
                let count = |l: &str| terms.iter().filter(|t| has(l, t)).count();
                let in_title = count(&lines[0].1);
                let best = lines
                    .iter()
                    .enumerate()
                    .fold(
                        (0, 0),
                        |b, (i, (_, l))| if count(l) > b.1 { (i, count(l)) } else { b },
                    )
                    .0;
                let (kind, line) = &lines[best];
                let mut marks: Vec<Range<usize>> = Vec::new();
                for t in terms {
                    let (hay, needle) = (fold(line), fold(t));
                    let mut at = 0;
                    while let Some(i) = hay[at..].find(&needle) {
                        marks.push(at + i..at + i + needle.len());
                        at += i + needle.len();
                    }
                }
                marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
                let mut merged: Vec<Range<usize>> = Vec::new();
                for m in marks {
                    match merged.last_mut() {
                        Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
                        _ => merged.push(m),
                    }
                }
                out.push((issue.id(), s, a, *kind, merged, in_title, issue.date));
            }
        }
    }
    out.sort_by_key(|h| {
        (
            std::cmp::Reverse(h.5),
            std::cmp::Reverse(h.6),
            std::cmp::Reverse(h.0),
            h.1,
            h.2,
        )
    });
    out.into_iter()
        .map(|h| (h.0, h.1, h.2, h.3, h.4, h.5))
        .collect()
}

fn check(issues: &[Issue], query: &str, filter: &Filter) -> Result<(), TestCaseError> {
    let (_dir, mut lib) = library(issues);
    let q = Query::parse(query);
    let terms: Vec<String> = q.terms().map(str::to_string).collect();
    let expected = if terms.is_empty() {
        Vec::new()
    } else {
        brute_force(issues, &terms, filter)
    };
    // Twice: building the index, then from it.
    for round in 0..2 {
        let got: Vec<_> = lib
            .search(&q, filter, None)
            .unwrap()
            .into_iter()
            .map(|h| {
                (
                    h.id(),
                    h.section(),
                    h.article(),
                    h.line,
                    h.marks.clone(),
                    h.in_title,
                )
            })
            .collect();
        prop_assert_eq!(&got, &expected, "round {} query {:?}", round, query);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn search_agrees_with_a_brute_force_scan(
        issues in proptest::collection::vec(issue_strategy(), 1..5),
        query in proptest::collection::vec(word_strategy(), 1..3),
        quoted in proptest::bool::weighted(0.25),
        year in proptest::option::of(2019i32..2024),
        section in proptest::option::of(prop::sample::select(vec!["工作", "交流", "无此栏目"])),
    ) {
        // Distinct ids (a library holds one file per issue).
        let mut seen = std::collections::HashSet::new();
        let issues: Vec<Issue> = issues.into_iter().filter(|i| seen.insert(i.id())).collect();
        let query = if quoted {
            format!("\"{}\"", query.join(" "))
        } else {
            query.join(" ")
        };
        let filter = Filter { year, section: section.map(str::to_string), status: None };
        check(&issues, &query, &filter)?;
    }
}
