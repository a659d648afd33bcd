//! From cleaned lines to sections, articles and paragraphs.
//!
//! Sections are 【…】 or 〔…〕 headings. With a table of contents, an
//! article starts where the body repeats one of its titles: as a line of
//! its own, on two or three lines, or running into the text (a brief).
//! Without one, a title is a short line that ends no sentence, comes after
//! a paragraph's end and before a paragraph; text at the start of a section
//! that has no title is a run of briefs, each titled up to its first 。.

mod article;
mod shape;
#[cfg(test)]
mod tests;
mod walker;

pub(crate) use shape::SOURCE_ENDINGS;
pub use shape::{heading, is_enumerated, is_item, key, source_of, without_mark};

use super::lines::SrcLine;
use super::toc::TocEntry;
use crate::model::{Article, ArticleKind, Section};
use crate::text::rejoin::{self, ends_sentence, measure};
use crate::text::tidy::Rule;
use article::{finish, paragraph_lines};
use shape::{ends_paragraph, glued_title, is_date_line, unspaced};
use std::collections::BTreeMap;
use walker::{Draft, DraftSection, TocTitle, Walker, find_headings};

/// The body's structure and what building it did.
#[derive(Debug, Default)]
pub struct Built {
    pub sections: Vec<Section>,
    /// Per section: it comes from a heading (not the default section).
    pub headed: Vec<bool>,
    /// Line breaks removed inside paragraphs.
    pub joined_lines: usize,
    pub tidy: BTreeMap<Rule, usize>,
    /// Table-of-contents titles the body never repeats.
    pub toc_missing: Vec<String>,
    /// Lines that look like titles but are not in the table of contents:
    /// kept as text.
    pub not_in_toc: Vec<String>,
    /// Articles titled with the fallback title, and briefs titled by their
    /// first sentence.
    pub untitled: usize,
    pub briefs_by_sentence: usize,
    /// Briefs marked ◆ ● after an article, split from it.
    pub item_briefs: usize,
    /// Titles pasted together with their first paragraph, split (without
    /// a table of contents to confirm them).
    pub glued_titles: usize,
    /// Sections found by a plain or numbered heading line (要闻简报,
    /// 一、工作动态) rather than a marked one.
    pub plain_headings: usize,
    /// Any heading or title found.
    pub structured: bool,
    pub hard_wrapped: bool,
    /// The full width of hard-wrapped lines, `None` for a paragraph a line.
    pub width: Option<u32>,
    /// Per body line: what it was taken for.
    pub roles: Vec<Role>,
}

/// What a body line was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading,
    /// A line of a title printed on lines of its own.
    Title,
    /// A source on a line of its own: （扶沟县文明办）.
    Source,
    /// A line that is only a date: a dateline or signature.
    Date,
    /// Text of a paragraph (a title running into it included).
    Text,
}

impl Role {
    /// A line that is never joined with the lines around it.
    pub fn stands_alone(self) -> bool {
        self != Role::Text
    }
}

/// The full width of hard-wrapped lines, `None` if the text has a
/// paragraph a line. Besides the general rule (most lines full), a short
/// bulletin of short paragraphs is wrapped when several lines stop
/// mid-sentence at the full width, or four units short of it as a
/// paragraph's first line, and no line is longer.
fn wrap_width(content: &[&str]) -> Option<u32> {
    let hanging = |t: &str| {
        let t = t.trim_end();
        match t.chars().next_back() {
            Some(c) if "，。、；：！？”’）》".contains(c) => {
                measure(&t[..t.len() - c.len_utf8()])
            }
            _ => measure(t),
        }
    };
    let mut width = rejoin::typical_width(content.iter().copied())?;
    // Where paragraphs are two or three lines, their first lines (four
    // units short of full) outnumber the full ones: a line that stops
    // mid-sentence four units wider is the full width.
    if let Some(full) = content
        .iter()
        .filter(|t| !ends_paragraph(t))
        .map(|t| hanging(t))
        .filter(|m| (width + 3..=width + 5).contains(m))
        .max()
    {
        width = full;
    }
    if rejoin::is_hard_wrapped(content.iter().copied(), width) {
        return Some(width);
    }
    let (mut all, mut stopped, mut long) = (0usize, 0usize, 0usize);
    for t in content.iter().filter(|t| !t.trim().is_empty()) {
        all += 1;
        let m = hanging(t);
        if !ends_paragraph(t) && m + 5 >= width && m <= width + 2 {
            stopped += 1;
        }
        if m > width + 4 {
            long += 1;
        }
    }
    (stopped >= 2 && long == 0 && stopped * 5 >= all).then_some(width)
}

/// Builds the sections of `body`. `logical` lines are paragraphs already
/// (a Word file); otherwise hard-wrapped lines are rejoined.
pub fn build(
    body: &[SrcLine],
    toc: &[TocEntry],
    logical: bool,
    default_section: &str,
    fallback_title: &str,
) -> Built {
    let mut built = Built::default();
    let content: Vec<&str> = body
        .iter()
        .filter(|l| heading(&l.text).is_none())
        .map(|l| l.text.as_str())
        .collect();
    let width = if logical {
        None
    } else {
        // The space pdftotext puts between Chinese and digits stands for
        // a quarter of a character: it would make a line look overlong.
        let spaced: Vec<String> = content.iter().map(|t| unspaced(t)).collect();
        let spaced: Vec<&str> = spaced.iter().map(String::as_str).collect();
        wrap_width(&spaced)
    };
    built.hard_wrapped = width.is_some();
    built.width = width;
    built.roles = vec![Role::Text; body.len()];
    let titles: Vec<(String, String)> = toc
        .iter()
        .filter(|e| !e.heading)
        .map(|e| (key(&e.text), e.text.clone()))
        .collect();
    let mut w = Walker {
        lines: body,
        keys: body.iter().map(|l| key(&l.text)).collect(),
        heads: body.iter().map(|l| heading(&l.text)).collect(),
        used: vec![false; titles.len()],
        titles,
        width,
        indents: body.iter().filter(|l| l.indented).count() >= 2,
        hints: body.iter().any(|l| l.title_hint),
    };
    w.heads = find_headings(&w, toc, &mut built);
    let mut sections: Vec<DraftSection> = Vec::new();
    // Whether the line before ended a paragraph (or a title, a heading).
    let mut at_break = true;
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        if let Some(h) = &w.heads[i] {
            sections.push(DraftSection {
                title: Some(h.clone()),
                articles: Vec::new(),
            });
            built.structured = true;
            built.roles[i] = Role::Heading;
            at_break = true;
            i += 1;
            continue;
        }
        if sections.is_empty() {
            sections.push(DraftSection {
                title: None,
                articles: Vec::new(),
            });
        }
        let section = sections.last_mut().expect("just ensured");
        let at_break_here = at_break || line.after_blank || line.indented;
        if let Some((t, how)) = w.toc_title(i)
            && (how != TocTitle::Glued || at_break_here)
        {
            w.used[t] = true;
            let draft = match how {
                TocTitle::Lines(n) => Draft::feature(&body[i..i + n]),
                TocTitle::Brief | TocTitle::Glued => {
                    let kind = if how == TocTitle::Brief {
                        ArticleKind::Brief
                    } else {
                        ArticleKind::Feature
                    };
                    Draft {
                        run_in: true,
                        lines: vec![i],
                        ..Draft::new(vec![w.titles[t].1.clone()], kind)
                    }
                }
            };
            section.articles.push(draft);
            built.structured = true;
            let n = match how {
                TocTitle::Lines(n) => {
                    built.roles[i..i + n].fill(Role::Title);
                    n
                }
                _ => 1,
            };
            at_break = matches!(how, TocTitle::Lines(_)) || ends_sentence(&line.text);
            i += n;
            continue;
        }
        if at_break_here && let Some(n) = w.shaped_title(i) {
            if w.titles.is_empty() {
                section.articles.push(Draft::feature(&body[i..i + n]));
                built.structured = true;
                built.roles[i..i + n].fill(Role::Title);
                at_break = true;
                i += n;
                continue;
            }
            built
                .not_in_toc
                .push(body[i..i + n].iter().map(|l| l.text.as_str()).collect());
        }
        // A title pasted together with its paragraph (a paragraph a line,
        // no contents to go by).
        if at_break_here
            && w.titles.is_empty()
            && w.width.is_none()
            && let Some(at) = glued_title(&line.text)
        {
            section.articles.push(Draft {
                run_in: true,
                lines: vec![i],
                ..Draft::new(vec![line.text[..at].to_string()], ArticleKind::Feature)
            });
            built.structured = true;
            built.glued_titles += 1;
            at_break = ends_sentence(&line.text);
            i += 1;
            continue;
        }
        if let Some(src) = source_of(&line.text)
            && let Some(a) = section.articles.last_mut()
            && a.source.is_none()
            && (a.lines.is_empty()
                || ends_sentence(&body[*a.lines.last().expect("not empty")].text))
            && !a.untitled
        {
            a.source = Some(src);
            at_break = true;
            i += 1;
            continue;
        }
        if section.articles.is_empty() {
            section.articles.push(Draft {
                untitled: true,
                ..Draft::new(Vec::new(), ArticleKind::Feature)
            });
        }
        section
            .articles
            .last_mut()
            .expect("just ensured")
            .lines
            .push(i);
        at_break = ends_paragraph(&line.text);
        i += 1;
    }
    // Sources and dates the walk left in the text (an untitled article's,
    // or one signed after its last paragraph) stand alone all the same.
    for (role, l) in built.roles.iter_mut().zip(body) {
        if *role == Role::Text {
            if source_of(&l.text).is_some() {
                *role = Role::Source;
            } else if is_date_line(l.text.trim()) {
                *role = Role::Date;
            }
        }
    }
    built.toc_missing = w
        .titles
        .iter()
        .zip(&w.used)
        .filter(|(_, used)| !**used)
        .map(|((_, text), _)| text.clone())
        .collect();
    for ds in sections {
        let has_heading = ds.title.is_some();
        let mut articles: Vec<Article> = Vec::new();
        for d in ds.articles {
            finish(
                &w,
                d,
                has_heading,
                fallback_title,
                &mut articles,
                &mut built,
            );
        }
        if !has_heading && articles.is_empty() {
            continue;
        }
        built.headed.push(has_heading);
        built.sections.push(Section {
            title: ds.title.unwrap_or_else(|| default_section.to_string()),
            articles,
        });
    }
    built
}

/// Rejoins a chunk's lines (pasted into an article) into paragraphs by the
/// rules articles are built with, each heading, title line, source and
/// dateline a paragraph of its own; nothing is tidied. Lines that show no
/// printed width are left a paragraph each, unless `asked`: then a line
/// that ends no sentence runs on into the next. Also gives what building
/// the chunk into sections found.
pub fn rejoin_chunk(
    lines: &[SrcLine],
    asked: bool,
    default_section: &str,
    fallback_title: &str,
) -> (Vec<String>, Built) {
    let built = build(lines, &[], false, default_section, fallback_title);
    let idx: Vec<usize> = (0..lines.len()).collect();
    // Without a printed width any short line is title-shaped: lines the
    // clerk asked to join are joined unless they are headings, sources or
    // dates.
    let titles = !asked || built.width.is_some();
    let alone = |k: usize| match built.roles[k] {
        Role::Title => titles,
        role => role.stands_alone(),
    };
    // No line is full at an unbounded width: every line that ends a
    // sentence ends its paragraph, and no other does.
    let width = built.width.or(asked.then_some(u32::MAX / 4));
    let rl = paragraph_lines(lines, &idx, width, alone);
    let paragraphs = rejoin::paragraphs(&rl, width)
        .into_iter()
        .map(|r| rejoin::join(rl[r].iter().map(|l| l.text)))
        .collect();
    (paragraphs, built)
}
