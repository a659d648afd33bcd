//! The search text of the library: every issue's titles, sources and
//! paragraphs, one line each, in `.state/index/text-YYYY` (one file per
//! year of issues, so a change rewrites one year, not ten). Search maps
//! these files and scans them (see [`crate::store::search`]); a scan of the
//! whole text of 1,000 issues takes a few milliseconds, which an n-gram
//! index would not beat by enough to pay for its size and upkeep (see
//! BENCHMARKS.md).
//!
//! Each issue's text is kept under the SHA-256 of its file: the catalog says
//! which version each file is now, so a text whose file changed is simply
//! not found and is read from the file again.

use super::{Lookup, Stamp, frame, index_dir, unframe, write_index_file};
use crate::model::{Issue, IssueId, Status};
use crate::store::fingerprint::ContentHash;
use crate::store::{Library, StoreError, file_name, load_issue};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

const TEXT_MAGIC: &[u8; 8] = b"JBTEXT\0\x01";
const TEXT_VERSION: u32 = 1;
/// `text-2023`: the search text of the issues of 2023.
const TEXT_PREFIX: &str = "text-";
const NO_TOTAL: u32 = u32::MAX;

/// What a line of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "index")]
pub enum LineKind {
    Title,
    Source,
    /// The paragraph with this index (0-based).
    Paragraph(usize),
}

/// One article's lines in an issue's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSpan {
    pub section: usize,
    /// Index within its section.
    pub article: usize,
    pub has_source: bool,
    /// Byte range of its lines (each ending in `\n`) in the issue's text.
    pub text: Range<usize>,
}

impl ArticleSpan {
    /// The kind of the article's `n`th line (0-based).
    pub fn line_kind(&self, n: usize) -> LineKind {
        match (n, self.has_source) {
            (0, _) => LineKind::Title,
            (1, true) => LineKind::Source,
            (n, true) => LineKind::Paragraph(n - 2),
            (n, false) => LineKind::Paragraph(n - 1),
        }
    }
}

/// Where an issue's text bytes are: in a mapped index file, or in memory
/// (just read from its file, or the unsaved text of the editor).
#[derive(Debug, Clone)]
enum Bytes {
    Mapped(Arc<memmap2::Mmap>, Range<usize>),
    Owned(Arc<[u8]>),
}

/// The searchable text of one version of one issue.
#[derive(Debug, Clone)]
pub struct IssueText {
    /// The file version this is the text of (zero for unsaved text).
    pub hash: ContentHash,
    pub id: IssueId,
    pub total: Option<u32>,
    pub date: NaiveDate,
    pub status: Status,
    pub sections: Vec<String>,
    pub articles: Vec<ArticleSpan>,
    bytes: Bytes,
}

impl IssueText {
    /// The text of `issue`: for every article its title (lines joined), its
    /// source if any, and its paragraphs, a line each. Line breaks inside a
    /// string (a hand-edited file) become spaces, byte for byte, so offsets
    /// in a line are offsets in the string.
    pub fn of(issue: &Issue, hash: ContentHash) -> IssueText {
        let mut text = Vec::new();
        let mut articles = Vec::new();
        let push_line = |text: &mut Vec<u8>, line: &str| {
            text.extend(
                line.bytes()
                    .map(|b| if b == b'\n' || b == b'\r' { b' ' } else { b }),
            );
            text.push(b'\n');
        };
        for (s, section) in issue.sections.iter().enumerate() {
            for (a, article) in section.articles.iter().enumerate() {
                let start = text.len();
                push_line(&mut text, &article.title_text());
                if let Some(source) = &article.source {
                    push_line(&mut text, source);
                }
                for p in &article.paragraphs {
                    push_line(&mut text, p);
                }
                articles.push(ArticleSpan {
                    section: s,
                    article: a,
                    has_source: article.source.is_some(),
                    text: start..text.len(),
                });
            }
        }
        IssueText {
            hash,
            id: issue.id(),
            total: issue.total,
            date: issue.date,
            status: issue.status,
            sections: issue.sections.iter().map(|s| s.title.clone()).collect(),
            articles,
            bytes: Bytes::Owned(text.into()),
        }
    }

    pub fn text(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Mapped(map, range) => &map[range.clone()],
            Bytes::Owned(bytes) => bytes,
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        let u32_ = |out: &mut Vec<u8>, n: usize| out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&self.hash.0);
        out.extend_from_slice(&self.id.year.to_le_bytes());
        u32_(out, self.id.number as usize);
        out.push(u8::from(self.id.supplement));
        out.extend_from_slice(&self.total.unwrap_or(NO_TOTAL).to_le_bytes());
        out.extend_from_slice(&self.date.num_days_from_ce().to_le_bytes());
        out.push(
            Status::ALL
                .iter()
                .position(|s| *s == self.status)
                .unwrap_or(0) as u8,
        );
        u32_(out, self.sections.len());
        for s in &self.sections {
            u32_(out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
        u32_(out, self.articles.len());
        for a in &self.articles {
            u32_(out, a.section);
            u32_(out, a.article);
            out.push(u8::from(a.has_source));
            u32_(out, a.text.start);
            u32_(out, a.text.end);
        }
        let text = self.text();
        u32_(out, text.len());
        out.extend_from_slice(text);
    }
}

/// Reads the records of a text file; `None` at the first inconsistency (a
/// corrupt file is rebuilt, never half-trusted).
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<Range<usize>> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len())?;
        let r = self.at..end;
        self.at = end;
        Some(r)
    }

    fn u8(&mut self) -> Option<u8> {
        let r = self.take(1)?;
        Some(self.bytes[r.start])
    }

    fn u32(&mut self) -> Option<u32> {
        let r = self.take(4)?;
        Some(u32::from_le_bytes(self.bytes[r].try_into().ok()?))
    }

    fn i32(&mut self) -> Option<i32> {
        Some(self.u32()? as i32)
    }

    fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        // No count can exceed what is left of the file.
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        let r = self.take(n)?;
        String::from_utf8(self.bytes[r].to_vec()).ok()
    }

    /// One record; its text is returned as a range of `bytes`.
    fn record(&mut self) -> Option<(IssueText, Range<usize>)> {
        let r = self.take(32)?;
        let hash = ContentHash(self.bytes[r].try_into().ok()?);
        let year = self.i32()?;
        let number = self.u32()?;
        let supplement = self.u8()? != 0;
        let total = Some(self.u32()?).filter(|t| *t != NO_TOTAL);
        let date = NaiveDate::from_num_days_from_ce_opt(self.i32()?)?;
        let status = *Status::ALL.get(self.u8()? as usize)?;
        let n = self.len()?;
        let sections = (0..n).map(|_| self.string()).collect::<Option<Vec<_>>>()?;
        let n = self.len()?;
        let mut articles = Vec::with_capacity(n);
        for _ in 0..n {
            let section = self.u32()? as usize;
            let article = self.u32()? as usize;
            let has_source = self.u8()? != 0;
            let start = self.u32()? as usize;
            let end = self.u32()? as usize;
            articles.push(ArticleSpan {
                section,
                article,
                has_source,
                text: start..end,
            });
        }
        let len = self.len()?;
        let text = self.take(len)?;
        let t = &self.bytes[text.clone()];
        // Spans in order, inside the text, on line starts, in known sections.
        let mut prev = 0;
        for a in &articles {
            let ok = a.text.start == prev
                && a.text.start < a.text.end
                && a.text.end <= len
                && t[a.text.end - 1] == b'\n'
                && a.section < sections.len();
            if !ok {
                return None;
            }
            prev = a.text.end;
        }
        // The checksum vouches for the bytes themselves (UTF-8 as written).
        if prev != len {
            return None;
        }
        let issue = IssueText {
            hash,
            id: IssueId::new(year, number, supplement),
            total,
            date,
            status,
            sections,
            articles,
            bytes: Bytes::Owned(Arc::from(&[][..])),
        };
        Some((issue, text))
    }
}

/// Every issue text in the year file at `path`, by hash; empty when the
/// file is missing or corrupt.
fn read_year(path: &Path) -> HashMap<ContentHash, IssueText> {
    let map = match File::open(path).and_then(|f| {
        // SAFETY: index files are only ever replaced by a rename (see
        // `atomic::write`), never written in place or truncated, so the
        // mapped file does not change under us; its content is checked
        // (checksum, bounds, UTF-8) before any of it is used.
        unsafe { memmap2::Mmap::map(&f) }
    }) {
        Ok(m) => Arc::new(m),
        Err(e) => {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(path = %path.display(), "search text unreadable, rebuilding: {e}");
            }
            return HashMap::new();
        }
    };
    let parsed = unframe(TEXT_MAGIC, TEXT_VERSION, &map).and_then(|payload| {
        let offset = map.len() - payload.len();
        let mut r = Reader {
            bytes: payload,
            at: 0,
        };
        let n = r.len()?;
        let mut out = HashMap::with_capacity(n);
        for _ in 0..n {
            let (mut issue, text) = r.record()?;
            issue.bytes = Bytes::Mapped(map.clone(), offset + text.start..offset + text.end);
            out.insert(issue.hash, issue);
        }
        (r.at == payload.len()).then_some(out)
    });
    parsed.unwrap_or_else(|| {
        tracing::warn!(path = %path.display(), "search text corrupt, rebuilding");
        HashMap::new()
    })
}

fn year_file(year: i32) -> String {
    format!("{TEXT_PREFIX}{year}")
}

/// The search text of the whole library as it is now: one [`IssueText`]
/// per issue, mapped from the index where it is up to date.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub issues: Vec<Arc<IssueText>>,
}

impl Library {
    /// The search text of every issue as it is on disk now, with `unsaved`
    /// (the issue being edited, as loaded under that id) in place of its
    /// file. Files changed since they were indexed, by anyone, are read
    /// again; the index is brought up to date on disk (failures to write it
    /// are logged only). Only `year`'s issues, when given.
    pub fn corpus(
        &mut self,
        unsaved: Option<(&IssueId, &Issue)>,
        year: Option<i32>,
    ) -> Result<Corpus, StoreError> {
        self.refresh()?;
        let root = self.root.clone();
        let dir = index_dir(&root);
        // The version of every file now, and the issues read to learn it.
        let mut versions: Vec<(IssueId, ContentHash, i32)> = Vec::new();
        let mut fresh: HashMap<ContentHash, Issue> = HashMap::new();
        let ids: Vec<IssueId> = self.entries.keys().copied().collect();
        for id in ids {
            let path = self.entries[&id].path.clone();
            if let Some((hash, issue)) = self.current_version(&id, &path) {
                let y = self
                    .index
                    .get(&file_name(&path).unwrap_or_default())
                    .map_or(id.year, |ix| ix.summary.id().year);
                if year.is_none_or(|want| want == y) {
                    versions.push((id, hash, y));
                    if let Some(issue) = issue {
                        fresh.insert(hash, issue);
                    }
                }
            }
        }
        let years: BTreeSet<i32> = versions.iter().map(|v| v.2).collect();
        let mut stored: BTreeMap<i32, HashMap<ContentHash, IssueText>> = years
            .iter()
            .map(|y| (*y, read_year(&dir.join(year_file(*y)))))
            .collect();
        let mut corpus = Corpus::default();
        let mut stale: BTreeSet<i32> = BTreeSet::new();
        let mut by_year: BTreeMap<i32, Vec<Arc<IssueText>>> = BTreeMap::new();
        for (id, hash, y) in &versions {
            let known = stored.get_mut(y).and_then(|m| m.remove(hash));
            let text = match known {
                Some(t) => t,
                None => {
                    let issue = match fresh.remove(hash) {
                        Some(issue) => issue,
                        None => match self.read_version(id, hash) {
                            Some(issue) => issue,
                            None => continue,
                        },
                    };
                    stale.insert(*y);
                    IssueText::of(&issue, *hash)
                }
            };
            let text = Arc::new(text);
            by_year.entry(*y).or_default().push(text.clone());
            // The file of the issue being edited stays in the index, but
            // its unsaved text is what is searched.
            if unsaved.is_none_or(|(u, _)| u != id) {
                corpus.issues.push(text);
            }
        }
        // Texts of versions no longer in the library make a year stale too.
        stale.extend(
            stored
                .iter()
                .filter(|(_, m)| !m.is_empty())
                .map(|(y, _)| *y),
        );
        for y in &stale {
            let texts = by_year.remove(y).unwrap_or_default();
            let mut payload = Vec::new();
            payload.extend_from_slice(&(texts.len() as u32).to_le_bytes());
            for t in &texts {
                t.encode(&mut payload);
            }
            let bytes = frame(TEXT_MAGIC, TEXT_VERSION, &payload);
            if let Err(e) = write_index_file(&root, &year_file(*y), &bytes) {
                tracing::warn!(year = y, "search text not written: {e}");
            }
        }
        if year.is_none() {
            self.remove_stale_years(&dir, &years);
        }
        if let Some((id, issue)) = unsaved {
            let mut text = IssueText::of(issue, ContentHash([0; 32]));
            // Found under the id it is open as, whatever number it has now.
            text.id = *id;
            corpus.issues.push(Arc::new(text));
        }
        self.save_index();
        Ok(corpus)
    }

    /// The version (hash) of issue `id`'s file now, and the issue when it
    /// had to be read to tell; the entry's summary follows a file changed
    /// on disk, unless the issue is loaded (its version is the one being
    /// edited). `None` when the file cannot be read or parsed now.
    fn current_version(
        &mut self,
        id: &IssueId,
        path: &Path,
    ) -> Option<(ContentHash, Option<Issue>)> {
        let name = file_name(path)?;
        let meta = self.fs.metadata(path).ok()?;
        match self.index.lookup(&name, &meta) {
            Lookup::Valid(ix) => return Some((ix.content_hash()?, None)),
            Lookup::Racy(_) | Lookup::Unknown => {}
        }
        let stamp = Stamp::of(&meta);
        let entry = load_issue(self.fs.as_ref(), path).ok()?;
        let fp = entry.fingerprint?;
        self.index_entry(&name, stamp, &entry);
        let issue = entry.issue.clone()?;
        if let Some(e) = self.entries.get_mut(id)
            && e.issue.is_none()
            && entry.summary.id() == *id
        {
            e.summary = entry.summary;
            e.fingerprint = Some(fp);
        }
        Some((fp.hash, Some(issue)))
    }

    /// Issue `id` read from its file, if the file is still at `hash`.
    fn read_version(&self, id: &IssueId, hash: &ContentHash) -> Option<Issue> {
        let entry = load_issue(self.fs.as_ref(), &self.entries.get(id)?.path).ok()?;
        (entry.fingerprint?.hash == *hash).then_some(entry.issue?)
    }

    /// Removes the text files of years that no longer have issues.
    fn remove_stale_years(&self, dir: &Path, years: &BTreeSet<i32>) {
        let Ok(names) = std::fs::read_dir(dir) else {
            return;
        };
        for e in names.flatten() {
            let name = e.file_name();
            let Some(y) = name
                .to_str()
                .and_then(|n| n.strip_prefix(TEXT_PREFIX))
                .and_then(|y| y.parse::<i32>().ok())
            else {
                continue;
            };
            if !years.contains(&y)
                && let Err(err) = std::fs::remove_file(e.path())
            {
                tracing::warn!(path = %e.path().display(), "old search text not removed: {err}");
            }
        }
    }
}
