#![allow(dead_code)]

//! Scoring an import against a truth file of the corpus in
//! `tests/fixtures/bulletins/` (written by its make.py): field by field, so
//! that a report says what an importer gets wrong, not only that it does.

use jianbao::import::Imported;
use jianbao::model::{Article, Closing};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Deserialize)]
pub struct Truth {
    pub layout: String,
    pub masthead: TruthMasthead,
    pub sections: Vec<TruthSection>,
    pub closing: Option<Closing>,
}

#[derive(Debug, Deserialize)]
pub struct TruthMasthead {
    pub bulletin: Option<String>,
    pub number: Option<u32>,
    pub total: Option<u32>,
    pub issuer: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct TruthSection {
    /// `None`: the text has no heading there.
    pub title: Option<String>,
    pub articles: Vec<Article>,
}

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bulletins")
}

/// The corpus: (name, text file, truth), in name order.
pub fn corpus() -> Vec<(String, PathBuf, Truth)> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    names.sort();
    for ron in names {
        let name = ron.file_stem().unwrap().to_string_lossy().into_owned();
        let truth: Truth = ron::from_str(&std::fs::read_to_string(&ron).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", ron.display()));
        out.push((name, ron.with_extension("txt"), truth));
    }
    out
}

/// Hits and counts per field.
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub fields: BTreeMap<&'static str, (usize, usize)>,
    /// What went wrong, for the report.
    pub misses: Vec<String>,
}

impl Score {
    fn add(&mut self, field: &'static str, hit: bool, what: impl FnOnce() -> String) {
        let e = self.fields.entry(field).or_default();
        e.1 += 1;
        if hit {
            e.0 += 1;
        } else {
            self.misses.push(format!("{field}: {}", what()));
        }
    }

    pub fn merge(&mut self, other: &Score) {
        for (k, (h, n)) in &other.fields {
            let e = self.fields.entry(k).or_default();
            e.0 += h;
            e.1 += n;
        }
    }

    pub fn total(&self) -> f64 {
        let (h, n) = self
            .fields
            .values()
            .fold((0, 0), |(h, n), (a, b)| (h + a, n + b));
        if n == 0 { 1.0 } else { h as f64 / n as f64 }
    }

    pub fn field(&self, f: &str) -> f64 {
        match self.fields.get(f) {
            Some((h, n)) if *n > 0 => *h as f64 / *n as f64,
            _ => 1.0,
        }
    }
}

fn key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Longest common subsequence of two key lists: the matched index pairs.
fn align(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Scores `got` against `truth`. Fields: the five masthead values;
/// sections (heading found, in order); articles (found, with no extra
/// ones: counted over the larger of the two lists); for each article of the
/// truth its title, kind, source, section, paragraph count; every
/// paragraph's text; the closing block's lines and values.
pub fn score(got: &Imported, truth: &Truth) -> Score {
    let mut s = Score::default();
    let m = &got.masthead;
    let t = &truth.masthead;
    s.add("bulletin", m.bulletin == t.bulletin, || {
        format!("{:?} for {:?}", m.bulletin, t.bulletin)
    });
    s.add("number", m.number == t.number, || {
        format!("{:?} for {:?}", m.number, t.number)
    });
    s.add("total", m.total == t.total, || {
        format!("{:?} for {:?}", m.total, t.total)
    });
    s.add("issuer", m.issuer == t.issuer, || {
        format!("{:?} for {:?}", m.issuer, t.issuer)
    });
    let date = m.date.map(|d| d.to_string());
    s.add("date", date == t.date, || {
        format!("{date:?} for {:?}", t.date)
    });

    // Sections: the headed ones, in order.
    let got_sections: Vec<String> = got
        .sections
        .iter()
        .zip(&got.headed)
        .filter(|(_, h)| **h)
        .map(|(x, _)| x.title.clone())
        .collect();
    let want_sections: Vec<String> = truth
        .sections
        .iter()
        .filter_map(|x| x.title.clone())
        .collect();
    let matched = align(&want_sections, &got_sections).len();
    for k in 0..want_sections.len().max(got_sections.len()) {
        s.add("sections", k < matched, || {
            format!("{got_sections:?} for {want_sections:?}")
        });
    }

    // Articles, with the section each is in.
    let flat = |secs: Vec<(Option<String>, &Vec<Article>)>| -> Vec<(Option<String>, Article)> {
        secs.into_iter()
            .flat_map(|(t, a)| a.iter().map(move |a| (t.clone(), a.clone())))
            .collect()
    };
    let got_articles = flat(
        got.sections
            .iter()
            .zip(&got.headed)
            .map(|(x, h)| (h.then(|| x.title.clone()), &x.articles))
            .collect(),
    );
    let want_articles = flat(
        truth
            .sections
            .iter()
            .map(|x| (x.title.clone(), &x.articles))
            .collect(),
    );
    let gk: Vec<String> = got_articles
        .iter()
        .map(|(_, a)| key(&a.title.concat()))
        .collect();
    let wk: Vec<String> = want_articles
        .iter()
        .map(|(_, a)| key(&a.title.concat()))
        .collect();
    let pairs = align(&wk, &gk);
    for k in 0..wk.len().max(gk.len()) {
        s.add("articles", k < pairs.len(), || {
            format!("{} found for {}: {gk:?}", gk.len(), wk.len())
        });
    }
    for (i, (wsec, want)) in want_articles.iter().enumerate() {
        let found = pairs
            .iter()
            .find(|(w, _)| *w == i)
            .map(|(_, g)| &got_articles[*g]);
        let title = want.title.concat();
        s.add(
            "titles",
            found.is_some_and(|(_, g)| g.title == want.title),
            || format!("{:?} for {:?}", found.map(|(_, g)| &g.title), want.title),
        );
        s.add(
            "kinds",
            found.is_some_and(|(_, g)| g.kind == want.kind),
            || format!("{title}: {:?}", found.map(|(_, g)| g.kind)),
        );
        s.add(
            "sources",
            found.is_some_and(|(_, g)| g.source == want.source),
            || {
                format!(
                    "{title}: {:?} for {:?}",
                    found.map(|(_, g)| &g.source),
                    want.source
                )
            },
        );
        s.add(
            "placement",
            found.is_some_and(|(gsec, _)| gsec == wsec),
            || format!("{title}: {:?} for {wsec:?}", found.map(|(s, _)| s)),
        );
        s.add(
            "paragraph counts",
            found.is_some_and(|(_, g)| g.paragraphs.len() == want.paragraphs.len()),
            || {
                format!(
                    "{title}: {:?} for {}",
                    found.map(|(_, g)| g.paragraphs.len()),
                    want.paragraphs.len()
                )
            },
        );
        let got_paragraphs: Vec<String> =
            found.map(|(_, g)| g.paragraphs.clone()).unwrap_or_default();
        let same = align(&want.paragraphs, &got_paragraphs);
        for (k, p) in want.paragraphs.iter().enumerate() {
            s.add("text", same.iter().any(|(w, _)| *w == k), || {
                format!("{title}: missing {p:?} in {got_paragraphs:?}")
            });
        }
    }

    // The closing block.
    match (&truth.closing, &got.closing) {
        (None, g) => s.add("closing", g.is_none(), || format!("{g:?} for none")),
        (Some(w), g) => {
            let empty = Closing::default();
            let g = g.as_ref().unwrap_or(&empty);
            for (k, d) in w.distribution.iter().enumerate() {
                s.add("closing", g.distribution.get(k) == Some(d), || {
                    format!("{:?} for {d:?}", g.distribution.get(k))
                });
            }
            for (f, gv, wv) in [
                (
                    "copies",
                    g.copies.map(|c| c.to_string()),
                    w.copies.map(|c| c.to_string()),
                ),
                ("editor", g.editor.clone(), w.editor.clone()),
                ("reviewer", g.reviewer.clone(), w.reviewer.clone()),
                ("signer", g.signer.clone(), w.signer.clone()),
            ] {
                if wv.is_some() || gv.is_some() {
                    s.add("closing", gv == wv, || format!("{f}: {gv:?} for {wv:?}"));
                }
            }
        }
    }
    s
}

/// Scores gathered over bulletins, with each one's misses for the report.
#[derive(Debug, Default)]
pub struct Tally {
    pub all: Score,
    pub each: Vec<(String, f64)>,
    pub report: String,
}

impl Tally {
    pub fn add(&mut self, name: &str, s: &Score) {
        self.report
            .push_str(&format!("{name}: {:.1}%\n", 100.0 * s.total()));
        for m in &s.misses {
            self.report.push_str(&format!("    {m}\n"));
        }
        self.each.push((name.to_string(), s.total()));
        self.all.merge(s);
    }

    /// The report with the table of fields at its end (also printed, for
    /// `--nocapture`).
    pub fn finish(&mut self) -> &str {
        self.report.push_str(&table(&self.all));
        eprintln!("{}", self.report);
        &self.report
    }
}

/// A table of the per-field scores.
pub fn table(s: &Score) -> String {
    let mut out = String::new();
    for (f, (h, n)) in &s.fields {
        out.push_str(&format!(
            "  {f:<17} {h:>4}/{n:<4} {:>6.1}%\n",
            100.0 * *h as f64 / (*n).max(1) as f64
        ));
    }
    out.push_str(&format!("  {:<17} {:>16.1}%\n", "all", 100.0 * s.total()));
    out
}
