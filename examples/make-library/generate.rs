//! A library of many realistic issues for benchmarks: the sentences, titles
//! and place names of the bundled sample, recombined deterministically, ten
//! issues of ~10,000 characters per… however many years it takes.
//!
//! Shared by `examples/make-library` and the benchmarks (`#[path]`).

use jianbao::model::{Article, ArticleKind, Issue, IssueId, Section, Status};
use jianbao::store::{ISSUES_DIR, Library, SAMPLE_ISSUE, codec};
use std::io::{self, Write};
use std::path::Path;

/// Issues per year: ten years make a library of 1,000.
pub const PER_YEAR: u32 = 100;
/// The last year generated (the sample issue is of 2023).
pub const LAST_YEAR: i32 = 2025;
/// 字数 aimed at per issue.
pub const CHARS_PER_ISSUE: usize = 10_000;

/// Counties and towns mixed into the text, so searches have rare and
/// common words to find.
const PLACES: &[&str] = &[
    "川汇区",
    "淮阳区",
    "扶沟县",
    "西华县",
    "商水县",
    "太康县",
    "鹿邑县",
    "郸城县",
    "沈丘县",
    "项城市",
];
const TOWNS: &[&str] = &[
    "白潭镇",
    "练寺镇",
    "逊母口镇",
    "老城镇",
    "张庄乡",
    "城郊乡",
    "黄泛区农场",
    "东夏亭镇",
];
const SECTIONS: &[&str] = &["工作动态", "经验交流", "文明时讯", "基层动态", "志愿服务"];

/// A small deterministic generator (xorshift64*), so every run makes the
/// same library.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The sample's sentences and titles, the material every issue is made of.
pub struct Material {
    sentences: Vec<String>,
    titles: Vec<String>,
}

impl Material {
    pub fn from_sample() -> Material {
        let sample = codec::decode_issue(SAMPLE_ISSUE).expect("sample parses");
        let mut sentences = Vec::new();
        let mut titles = Vec::new();
        for a in sample.articles() {
            titles.push(a.title_text());
            for p in &a.paragraphs {
                sentences.extend(
                    p.split_inclusive('。')
                        .filter(|s| s.chars().count() > 6)
                        .map(str::to_string),
                );
            }
        }
        Material { sentences, titles }
    }

    fn paragraph(&self, rng: &mut Rng) -> String {
        let mut p = String::new();
        for _ in 0..1 + rng.below(4) {
            let mut s = rng.pick(&self.sentences).clone();
            // Other places than the sample's, now and then.
            if rng.below(3) == 0 {
                for place in PLACES {
                    if s.contains(place) {
                        let other = *rng.pick(PLACES);
                        s = s.replace(place, other);
                        break;
                    }
                }
            }
            if rng.below(12) == 0 {
                s.insert_str(0, &format!("{}{}", rng.pick(PLACES), rng.pick(TOWNS)));
            }
            p.push_str(&s);
        }
        p
    }

    fn title(&self, rng: &mut Rng) -> Vec<String> {
        let base = rng.pick(&self.titles).clone();
        if rng.below(4) == 0 {
            vec![format!("{}{}", rng.pick(PLACES), base)]
        } else {
            vec![base]
        }
    }

    /// Issue `number` of `year`, about [`CHARS_PER_ISSUE`] characters.
    pub fn issue(&self, template: &Issue, year: i32, number: u32) -> Issue {
        let mut rng = Rng::new((year as u64) << 16 | u64::from(number));
        let day = ((number - 1) * 365 / PER_YEAR).min(364);
        let date = chrono::NaiveDate::from_yo_opt(year, day + 1).expect("valid day");
        let mut sections: Vec<Section> = Vec::new();
        let mut chars = 0;
        let mut s = 0;
        while chars < CHARS_PER_ISSUE {
            let mut section = Section::new(SECTIONS[s % SECTIONS.len()]);
            for _ in 0..2 + rng.below(3) {
                if chars >= CHARS_PER_ISSUE {
                    break;
                }
                let brief = rng.below(4) == 0;
                let mut article = Article {
                    title: self.title(&mut rng),
                    kind: if brief {
                        ArticleKind::Brief
                    } else {
                        ArticleKind::Feature
                    },
                    source: (rng.below(3) == 0).then(|| format!("{}文明办", rng.pick(PLACES))),
                    paragraphs: Vec::new(),
                    submission: None,
                };
                for _ in 0..if brief { 1 } else { 3 + rng.below(6) } {
                    article.paragraphs.push(self.paragraph(&mut rng));
                }
                chars += article.char_count();
                section.articles.push(article);
            }
            sections.push(section);
            s += 1;
        }
        let status = if year < LAST_YEAR || number + 3 < PER_YEAR {
            Status::Distributed
        } else {
            Status::Draft
        };
        Issue {
            number,
            total: Some((year - (LAST_YEAR - 20)) as u32 * PER_YEAR + number),
            date,
            status,
            sections,
            ..template.clone()
        }
    }
}

/// Makes a library of `count` issues at `dir` (a new library: the sample
/// issue, then generated ones back from [`LAST_YEAR`]), writing the files
/// directly (no fsync: a benchmark fixture, not the clerk's text).
pub fn make_library(dir: &Path, count: usize) -> io::Result<()> {
    let lib = Library::open(dir).map_err(|e| io::Error::other(e.to_string()))?;
    let existing: Vec<IssueId> = lib.entries().map(|(id, _)| *id).collect();
    let template = codec::decode_issue(SAMPLE_ISSUE).expect("sample parses");
    let material = Material::from_sample();
    let issues = dir.join(ISSUES_DIR);
    let mut made = existing.len();
    let mut n = 0u32;
    while made < count {
        let year = LAST_YEAR - (n / PER_YEAR) as i32;
        let number = PER_YEAR - n % PER_YEAR;
        n += 1;
        let id = IssueId::new(year, number, false);
        if existing.contains(&id) {
            continue;
        }
        let issue = material.issue(&template, year, number);
        write_private(
            &issues.join(format!("{id}.ron")),
            codec::encode_issue(&issue).as_bytes(),
        )?;
        made += 1;
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}
