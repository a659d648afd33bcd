//! Contributor statistics (信息采用统计): how many articles each contributing
//! unit (供稿单位, an article's `source`) had adopted in a period, features
//! and briefs apart, their 字数, and the issues they appeared in; or the same
//! by section or by month.
//!
//! Units written slightly differently count as one: （扶沟县文明办）,
//! 扶沟县文明办 and 扶沟县 文明办供稿 are the same unit ([`unit_key`]).

use super::inbox::Submission;
use super::{ArticleKind, Issue, IssueId, Status, bare_title, section_key};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// What the rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// 供稿单位: the article's source.
    #[default]
    Source,
    /// 栏目.
    Section,
    /// The month of the issue's date.
    Month,
}

/// The issues counted: by date, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    /// The quarter `q` (1–4) of `year`.
    pub fn quarter(year: i32, q: u32) -> Option<Period> {
        if !(1..=4).contains(&q) {
            return None;
        }
        let from = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?;
        let to = match q {
            4 => NaiveDate::from_ymd_opt(year, 12, 31)?,
            _ => NaiveDate::from_ymd_opt(year, 3 * q + 1, 1)?.pred_opt()?,
        };
        Some(Period {
            from: Some(from),
            to: Some(to),
        })
    }

    /// The calendar year `year`.
    pub fn year(year: i32) -> Period {
        Period {
            from: NaiveDate::from_ymd_opt(year, 1, 1),
            to: NaiveDate::from_ymd_opt(year, 12, 31),
        }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Row {
    /// What the row counts by: the unit's key, the section's, or `2023-11`.
    pub key: String,
    /// As printed: the way the unit (or section) is written most often.
    /// Empty for articles without a source.
    pub name: String,
    /// Every way the unit or section was written (as in the issues), when
    /// more than one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// Articles adopted: features and briefs.
    pub articles: usize,
    pub features: usize,
    pub briefs: usize,
    /// 字数 of the articles (titles and text).
    pub chars: usize,
    /// The issues the articles appeared in, in id order.
    pub issues: Vec<IssueId>,
    /// 报送数, 采用数, when the inbox is counted (see [`adoption`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adopted: Option<usize>,
}

impl Row {
    /// 采用率 in per cent, when anything was submitted.
    pub fn rate(&self) -> Option<f64> {
        match (self.submitted, self.adopted) {
            (Some(s), Some(a)) if s > 0 => Some(a as f64 * 100.0 / s as f64),
            _ => None,
        }
    }
}

/// The table: rows and their total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub by: By,
    pub period: Period,
    pub rows: Vec<Row>,
    pub total: Row,
    /// Issues counted, and how many of them are not signed yet (draft or
    /// in review: their articles may still change).
    pub issues: usize,
    pub unsigned: usize,
}

/// A unit's name as printed in the table: brackets, white space, labels
/// (来源：, 供稿单位：) and endings (供稿, 报送) taken off; full-width
/// letters and digits made half-width.
pub fn unit_name(source: &str) -> String {
    const PREFIXES: [&str; 8] = [
        "信息来源",
        "供稿单位",
        "报送单位",
        "来源",
        "供稿",
        "稿源",
        "作者",
        "单位",
    ];
    const SUFFIXES: [&str; 5] = ["供稿", "报送", "提供", "撰稿", "来稿"];
    const EDGES: &str = "（）()【】〔〕[]［］「」<>《》。，、；;：:.,·-—";
    let mut s: String = source
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    loop {
        let before = s.len();
        s = s.trim_matches(|c| EDGES.contains(c)).to_string();
        for p in PREFIXES {
            if let Some(rest) = s.strip_prefix(p)
                && let Some(rest) = rest.strip_prefix(['：', ':'])
            {
                s = rest.to_string();
            }
        }
        for suf in SUFFIXES {
            if let Some(rest) = s.strip_suffix(suf)
                && !rest.is_empty()
            {
                s = rest.to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// What makes two ways of writing a unit the same unit.
pub fn unit_key(source: &str) -> String {
    unit_name(source).to_lowercase()
}

fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// Counts the articles of `issues` dated within `period`, by `by`.
pub fn stats<'a>(issues: impl IntoIterator<Item = &'a Issue>, by: By, period: Period) -> Stats {
    // Per key: the row, and how often each spelling was seen.
    let mut rows: HashMap<String, (Row, Vec<(String, usize)>)> = HashMap::new();
    let mut total = Row::default();
    let mut counted = 0;
    let mut unsigned = 0;
    for issue in issues {
        if !period.contains(issue.date) {
            continue;
        }
        counted += 1;
        if matches!(issue.status, Status::Draft | Status::Review) {
            unsigned += 1;
        }
        let id = issue.id();
        for section in &issue.sections {
            for article in &section.articles {
                // The key rows are merged by, and the spelling as written.
                let (key, name) = match by {
                    By::Source => {
                        let raw = article.source.as_deref().unwrap_or("").trim();
                        (unit_key(raw), raw.to_string())
                    }
                    By::Section => {
                        let raw = section.title.trim();
                        (section_key(raw), raw.to_string())
                    }
                    By::Month => {
                        let m = issue.date.format("%Y-%m").to_string();
                        (m.clone(), m)
                    }
                };
                let (row, spellings) = rows.entry(key.clone()).or_insert_with(|| {
                    (
                        Row {
                            key,
                            ..Row::default()
                        },
                        Vec::new(),
                    )
                });
                match spellings.iter_mut().find(|(s, _)| *s == name) {
                    Some((_, n)) => *n += 1,
                    None => spellings.push((name, 1)),
                }
                for r in [&mut *row, &mut total] {
                    r.articles += 1;
                    match article.kind {
                        ArticleKind::Feature => r.features += 1,
                        ArticleKind::Brief => r.briefs += 1,
                    }
                    r.chars += article.char_count();
                    if r.issues.last() != Some(&id) {
                        r.issues.push(id);
                    }
                }
            }
        }
    }
    let mut rows: Vec<Row> = rows
        .into_values()
        .map(|(mut row, spellings)| {
            // The most frequent spelling, the first seen among equals.
            let best = spellings
                .iter()
                .enumerate()
                .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
                .map(|(_, (s, _))| s.clone())
                .unwrap_or_default();
            row.name = match by {
                By::Source => unit_name(&best),
                By::Section => bare_title(&best).to_string(),
                By::Month => best,
            };
            if spellings.len() > 1 {
                row.variants = spellings.into_iter().map(|(s, _)| s).collect();
            }
            row.issues.sort();
            row.issues.dedup();
            row
        })
        .collect();
    match by {
        By::Month => rows.sort_by(|a, b| a.key.cmp(&b.key)),
        _ => rows.sort_by(|a, b| {
            // Articles without a source last.
            (
                a.key.is_empty(),
                std::cmp::Reverse(a.articles),
                std::cmp::Reverse(a.chars),
            )
                .cmp(&(
                    b.key.is_empty(),
                    std::cmp::Reverse(b.articles),
                    std::cmp::Reverse(b.chars),
                ))
                .then_with(|| a.name.cmp(&b.name))
        }),
    }
    total.issues.sort();
    total.issues.dedup();
    Stats {
        by,
        period,
        rows,
        total,
        issues: counted,
        unsigned,
    }
}

/// Adds the inbox to a table by source: per unit 报送数 (its submissions
/// received in the period, and its articles there typed in without one)
/// and 采用数 (the submissions its articles of the period were adopted
/// from, each once, and those typed-in articles); a unit that submitted
/// and had nothing adopted gets its row. `received` gives a submission's
/// local date.
pub fn adoption<'a>(
    table: &mut Stats,
    issues: impl IntoIterator<Item = &'a Issue>,
    submissions: &[Submission],
    received: impl Fn(&Submission) -> NaiveDate,
) {
    if table.by != By::Source {
        return;
    }
    // Per unit key: submitted, adopted, and the submissions seen adopted.
    let mut counts: HashMap<String, (usize, usize, HashSet<u32>)> = HashMap::new();
    for issue in issues {
        if !table.period.contains(issue.date) {
            continue;
        }
        for a in issue.articles() {
            let key = unit_key(a.source.as_deref().unwrap_or(""));
            let c = counts.entry(key).or_default();
            match a.submission {
                Some(n) => {
                    if c.2.insert(n) {
                        c.1 += 1;
                    }
                }
                None => {
                    c.0 += 1;
                    c.1 += 1;
                }
            }
        }
    }
    let mut names: HashMap<String, String> = HashMap::new();
    for s in submissions {
        if !table.period.contains(received(s)) {
            continue;
        }
        let key = unit_key(&s.unit);
        counts.entry(key.clone()).or_default().0 += 1;
        names.entry(key).or_insert_with(|| unit_name(&s.unit));
    }
    let (mut submitted, mut adopted) = (0, 0);
    for (key, (s, a, _)) in counts {
        submitted += s;
        adopted += a;
        match table.rows.iter_mut().find(|r| r.key == key) {
            Some(row) => {
                row.submitted = Some(s);
                row.adopted = Some(a);
            }
            None => table.rows.push(Row {
                name: names.get(&key).cloned().unwrap_or_default(),
                key,
                submitted: Some(s),
                adopted: Some(a),
                ..Row::default()
            }),
        }
    }
    for row in &mut table.rows {
        row.submitted.get_or_insert(0);
        row.adopted.get_or_insert(0);
    }
    table.total.submitted = Some(submitted);
    table.total.adopted = Some(adopted);
    // Units without a source last, then by adoptions and submissions.
    table.rows.sort_by(|a, b| {
        (
            a.key.is_empty(),
            std::cmp::Reverse(a.adopted),
            std::cmp::Reverse(a.submitted),
        )
            .cmp(&(
                b.key.is_empty(),
                std::cmp::Reverse(b.adopted),
                std::cmp::Reverse(b.submitted),
            ))
            .then_with(|| a.name.cmp(&b.name))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-counted library of `tests/fixtures/stats` (see its README).
    fn library() -> Vec<Issue> {
        [
            include_str!("../../tests/fixtures/stats/2023-040.ron"),
            include_str!("../../tests/fixtures/stats/2023-041.ron"),
            include_str!("../../tests/fixtures/stats/2024-001.ron"),
        ]
        .iter()
        .map(|t| ron::from_str(t).unwrap())
        .collect()
    }

    fn ids(r: &Row) -> Vec<String> {
        r.issues.iter().map(|i| i.to_string()).collect()
    }

    #[test]
    fn units_written_differently_are_one() {
        for s in [
            "（扶沟县文明办）",
            "扶沟县文明办",
            "扶沟县 文明办供稿",
            "来源：扶沟县文明办",
            "(扶沟县文明办)。",
        ] {
            assert_eq!(unit_name(s), "扶沟县文明办", "{s}");
        }
        assert_eq!(unit_key("ＡＢＣ办"), unit_key("abc办"));
        assert_eq!(unit_name("供稿"), "供稿");
        assert_eq!(unit_name(""), "");
    }

    #[test]
    fn by_source_matches_the_hand_count() {
        let lib = library();
        let t = stats(&lib, By::Source, Period::year(2023));
        assert_eq!((t.issues, t.unsigned), (2, 1));
        let rows: Vec<(&str, usize, usize, usize, usize)> = t
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.articles, r.features, r.briefs, r.chars))
            .collect();
        assert_eq!(
            rows,
            [
                ("扶沟县文明办", 3, 1, 2, 13 + 6 + 7),
                ("商水县文明办", 2, 1, 1, 10 + 7),
                ("", 1, 0, 1, 5),
            ]
        );
        assert_eq!(ids(&t.rows[0]), ["2023-040", "2023-041"]);
        assert_eq!(
            t.rows[0].variants,
            [
                "（扶沟县文明办）",
                "扶沟县 文明办供稿",
                "来源：扶沟县文明办"
            ]
        );
        assert!(t.rows[1].variants.is_empty());
        assert_eq!((t.total.articles, t.total.chars), (6, 26 + 17 + 5));
        assert_eq!(ids(&t.total), ["2023-040", "2023-041"]);
        // The whole library: 2024's article joins the unit's row.
        let all = stats(&lib, By::Source, Period::default());
        assert_eq!((all.issues, all.unsigned), (3, 2));
        assert_eq!((all.rows[0].articles, all.rows[0].chars), (4, 31));
        let december = Period {
            from: "2023-12-01".parse().ok(),
            to: "2023-12-31".parse().ok(),
        };
        let t = stats(&lib, By::Source, december);
        assert_eq!(t.issues, 1);
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn by_section_and_by_month() {
        let lib = library();
        let t = stats(&lib, By::Section, Period::default());
        let rows: Vec<(&str, usize, usize)> = t
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.features, r.briefs))
            .collect();
        // 文明时讯 and 【文明时讯】 are one section.
        assert_eq!(rows, [("文明时讯", 0, 4), ("工作动态", 3, 0)]);
        assert_eq!(t.rows[0].variants, ["文明时讯", "【文明时讯】"]);
        let t = stats(&lib, By::Month, Period::default());
        let rows: Vec<(&str, usize)> = t
            .rows
            .iter()
            .map(|r| (r.key.as_str(), r.articles))
            .collect();
        assert_eq!(rows, [("2023-11", 4), ("2023-12", 2), ("2024-01", 1)]);
    }

    #[test]
    fn adoption_counts_submissions_and_typed_in_articles() {
        let mut lib = library();
        let fugou = unit_key("扶沟县文明办");
        let a = lib
            .iter_mut()
            .filter(|i| i.year() == 2023)
            .flat_map(|i| i.sections.iter_mut().flat_map(|s| s.articles.iter_mut()))
            .find(|a| unit_key(a.source.as_deref().unwrap_or("")) == fugou)
            .unwrap();
        a.submission = Some(1);
        let sub = |id: u32, unit: &str, day: &str| {
            let t = format!("{day}T09:00:00+08:00");
            Submission {
                schema: 1,
                id,
                file: format!("{id}.txt"),
                original: None,
                unit: unit.into(),
                unit_from: super::super::inbox::UnitFrom::Given,
                submitter: None,
                received: chrono::DateTime::parse_from_rfc3339(&t).unwrap(),
                note: None,
                title: String::new(),
                chars: 0,
                state: super::super::inbox::SubState::New,
                history: Vec::new(),
            }
        };
        let subs = [
            sub(1, "扶沟县文明办", "2023-11-20"),
            sub(2, "太康县文明办", "2023-11-21"),
            sub(3, "（扶沟县文明办）", "2024-01-05"),
        ];
        let day = |s: &Submission| s.received.date_naive();
        let mut t = stats(&lib, By::Source, Period::year(2023));
        adoption(&mut t, &lib, &subs, day);
        let rows: Vec<(&str, Option<usize>, Option<usize>)> = t
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.submitted, r.adopted))
            .collect();
        assert_eq!(
            rows,
            [
                ("扶沟县文明办", Some(3), Some(3)),
                ("商水县文明办", Some(2), Some(2)),
                ("太康县文明办", Some(1), Some(0)),
                ("", Some(1), Some(1)),
            ]
        );
        assert_eq!(t.rows[2].rate(), Some(0.0));
        assert_eq!((t.total.submitted, t.total.adopted), (Some(7), Some(6)));
        // The first quarter of 2024: a submission, its unit's one article.
        let q1 = Period::quarter(2024, 1).unwrap();
        assert_eq!(q1.to, "2024-03-31".parse().ok());
        let mut t = stats(&lib, By::Source, q1);
        adoption(&mut t, &lib, &subs, day);
        assert_eq!((t.rows[0].submitted, t.rows[0].adopted), (Some(2), Some(1)));
        assert_eq!(t.rows[0].rate(), Some(50.0));
        assert!(Period::quarter(2024, 5).is_none());
    }
}
