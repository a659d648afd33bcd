//! The walk over the body's lines: drafts of sections and articles, and
//! where a title or a section heading starts.

use super::Built;
use super::shape::{colon_title_start, heading, heading_candidate, key, source_of, title_like};
use crate::import::lines::SrcLine;
use crate::import::toc::TocEntry;
use crate::model::ArticleKind;
use crate::text::rejoin::{ends_sentence, measure};

pub(super) struct Draft {
    pub(super) title: Vec<String>,
    pub(super) kind: ArticleKind,
    /// The title runs into the first paragraph and is to be cut from it.
    pub(super) run_in: bool,
    pub(super) source: Option<String>,
    pub(super) lines: Vec<usize>,
    pub(super) untitled: bool,
}

impl Draft {
    pub(super) fn new(title: Vec<String>, kind: ArticleKind) -> Draft {
        Draft {
            title,
            kind,
            run_in: false,
            source: None,
            lines: Vec::new(),
            untitled: false,
        }
    }

    /// A feature titled by `lines`.
    pub(super) fn feature(lines: &[SrcLine]) -> Draft {
        Draft::new(
            lines.iter().map(|l| l.text.clone()).collect(),
            ArticleKind::Feature,
        )
    }
}

pub(super) struct DraftSection {
    pub(super) title: Option<String>,
    pub(super) articles: Vec<Draft>,
}

pub(super) struct Walker<'a> {
    pub(super) lines: &'a [SrcLine],
    pub(super) keys: Vec<String>,
    /// Per line: the section heading it is.
    pub(super) heads: Vec<Option<String>>,
    pub(super) titles: Vec<(String, String)>,
    pub(super) used: Vec<bool>,
    pub(super) width: Option<u32>,
    pub(super) indents: bool,
    pub(super) hints: bool,
}

/// The widest indent (in columns) a paragraph's first line has: two
/// Chinese characters, or four spaces.
const PARAGRAPH_INDENT: u32 = 4;

/// Lines of one block a title may take.
const MAX_TITLE_LINES: usize = 3;

/// How a title of the table of contents appears in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TocTitle {
    /// On this many lines of its own.
    Lines(usize),
    /// Running into the text after a stop: a brief.
    Brief,
    /// Running into the text with no stop, as pasted from a web page: a
    /// feature whose title lost its line break.
    Glued,
}

impl Walker<'_> {
    fn is_heading(&self, j: usize) -> bool {
        self.heads.get(j).is_some_and(Option::is_some)
    }

    /// An unused table-of-contents title at line `i`: its index and how it
    /// is printed.
    pub(super) fn toc_title(&self, i: usize) -> Option<(usize, TocTitle)> {
        if self.keys[i].is_empty() {
            return None;
        }
        let unused = || (0..self.titles.len()).filter(|t| !self.used[*t]);
        for t in unused() {
            let kt = &self.titles[t].0;
            let mut acc = String::new();
            for n in 1..=MAX_TITLE_LINES {
                let j = i + n - 1;
                if j >= self.lines.len() || (n > 1 && self.is_heading(j)) {
                    break;
                }
                acc.push_str(&self.keys[j]);
                if acc == *kt {
                    return Some((t, TocTitle::Lines(n)));
                }
                if !kt.starts_with(&acc) {
                    break;
                }
            }
        }
        for t in unused() {
            let kt = &self.titles[t].0;
            let mut acc = String::new();
            let mut j = i;
            while acc.len() <= kt.len() && j < self.lines.len() {
                if j > i && self.is_heading(j) {
                    break;
                }
                acc.push_str(&self.keys[j]);
                j += 1;
            }
            if let Some(rest) = acc.strip_prefix(kt.as_str()) {
                if rest.starts_with(['。', '！', '？']) {
                    return Some((t, TocTitle::Brief));
                }
                if !rest.is_empty() && !rest.starts_with(['，', '、', '；', '：', '”', '）'])
                {
                    return Some((t, TocTitle::Glued));
                }
            }
        }
        None
    }

    /// A title found by its shape at line `i` (after a paragraph's end):
    /// how many lines it takes.
    pub(super) fn shaped_title(&self, i: usize) -> Option<usize> {
        let lines = self.lines;
        if self.hints {
            let k = lines[i..]
                .iter()
                .take(MAX_TITLE_LINES)
                .take_while(|l| l.title_hint)
                .count();
            return (k > 0).then_some(k);
        }
        let shaped = |j: usize| {
            let l = &lines[j];
            // Paragraphs are indented: a title is not, or is centred
            // (indented much more).
            !(self.indents && l.indented && l.indent <= PARAGRAPH_INDENT)
                // In wrapped text, narrower than a paragraph's first line
                // (four units short of full) by more than three units.
                && self.width.is_none_or(|w| measure(&l.text) + 10 <= w)
        };
        let ok = |j: usize| title_like(&lines[j].text) && shaped(j);
        let mut k = if ok(i) {
            1
        } else if colon_title_start(&lines[i].text)
            && shaped(i)
            && lines.get(i + 1).is_some_and(|n| !n.after_blank)
            && ok(i + 1)
        {
            // The first line ends in "：": a title only with its second.
            2
        } else {
            return None;
        };
        while k < MAX_TITLE_LINES
            && i + k < lines.len()
            && ok(i + k)
            && !lines[i + k].after_blank
            && !(lines[i + k].indented && lines[i + k].indent <= PARAGRAPH_INDENT)
        {
            k += 1;
        }
        let next = lines.get(i + k)?;
        if heading(&next.text).is_some()
            || self.is_heading(i + k)
            || (ok(i + k) && source_of(&next.text).is_none())
        {
            return None;
        }
        Some(k)
    }

    /// Whether a title starts at line `i`.
    fn title_at(&self, i: usize) -> bool {
        i < self.lines.len() && (self.toc_title(i).is_some() || self.shaped_title(i).is_some())
    }
}

/// Section headings of `body`: marked ones (【】 ※※ ■), those the table of
/// contents names, and plain or numbered heading lines (要闻简报, 一、工作动态)
/// when a title follows each and there are at least two of a kind (a lone
/// 一、 line is a point of an article).
pub(super) fn find_headings(
    w: &Walker<'_>,
    toc: &[TocEntry],
    built: &mut Built,
) -> Vec<Option<String>> {
    let body = w.lines;
    let toc_heads: Vec<(String, &str)> = toc
        .iter()
        .filter(|e| e.heading)
        .map(|e| (key(&e.text), e.text.as_str()))
        .collect();
    let mut heads: Vec<Option<String>> = body
        .iter()
        .map(|l| {
            heading(&l.text).or_else(|| {
                let k = key(crate::import::toc::unnumbered(&l.text));
                toc_heads
                    .iter()
                    .find(|(tk, _)| *tk == k)
                    .map(|(_, name)| name.to_string())
            })
        })
        .collect();
    let mut candidates: Vec<(usize, String, bool)> = Vec::new();
    for (i, l) in body.iter().enumerate() {
        if heads[i].is_some() {
            continue;
        }
        let after_break = i == 0
            || heads[i - 1].is_some()
            || ends_sentence(&body[i - 1].text)
            || l.after_blank
            || source_of(&body[i - 1].text).is_some();
        if let Some((name, numbered)) = heading_candidate(&l.text)
            && after_break
            && w.title_at(i + 1)
        {
            candidates.push((i, name, numbered));
        }
    }
    for numbered in [true, false] {
        let kind: Vec<&(usize, String, bool)> =
            candidates.iter().filter(|c| c.2 == numbered).collect();
        if kind.len() >= 2 {
            for (i, name, _) in kind {
                heads[*i] = Some(name.clone());
                built.plain_headings += 1;
            }
        }
    }
    heads
}
