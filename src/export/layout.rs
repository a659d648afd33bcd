//! The issue as it prints, as a list of logical lines: masthead, contents,
//! sections, articles, closing block. Each line carries a [`LineKind`] that
//! says how it is set (font, alignment, indent), so the TUI print preview can
//! style and wrap it, and the plain-text and Word exporters render the very
//! same lines: they cannot drift apart.
//!
//! A logical line is one paragraph of print: wrapping it to the page width is
//! the renderer's job. Text is cleaned ([`clean`]): no control characters,
//! no leading or trailing white space, no printed indent.

use super::labels;
/// Where a line comes from in the issue, so a preview can follow the cursor.
pub use crate::model::ArticleRef;
use crate::model::{Article, ArticleKind, Closing, Issue, Section};

/// How a logical line is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// A mark at the upper left, above the masthead (GB/T 9704 7.2): 份号,
    /// 密级和保密期限, 紧急程度, or notices such as 内部资料　注意保存; flush
    /// left, in the heading font.
    Mark,
    /// The bulletin's name, large and red, centred.
    BulletinName,
    /// 第25期（总第345期） or 增刊第1期, centred.
    Number,
    /// Issuing unit on the left (`text`), date on the right (`right`).
    IssuerDate,
    /// The red rule under the masthead (no text).
    MastheadRule,
    /// 本期要目, centred.
    ContentsHeading,
    /// 【工作动态】 in the contents.
    ContentsSection,
    /// An article's title (on one line) in the contents.
    ContentsEntry,
    /// 【工作动态】 before the section's articles.
    Section,
    /// One line of an article's title (two-line titles give two), centred.
    Title,
    /// （扶沟县文明办） under a title, centred.
    Source,
    /// A body paragraph, justified, first line indented two characters.
    Paragraph,
    /// A brief's paragraph whose first `title_len` bytes are the run-in
    /// title with its stop (printed bold), e.g. `标题。正文…`.
    BriefParagraph { title_len: usize },
    /// A rule of the closing block: heavy above and below, light between.
    ClosingRule { heavy: bool },
    /// 报：…, 送：…, 发：…; the first `label_len` bytes are the label, and
    /// continuation rows align with the text after it.
    Distribution { label_len: usize },
    /// 编辑：…　审核：…　签发：… on the left (`text`), 共印N份 on the right
    /// (`right`).
    Staff,
    /// An empty line.
    Blank,
}

/// Horizontal placement of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    /// Justified (the last row left-aligned).
    Justify,
    /// `text` at the left, `right` at the right edge.
    Spread,
}

impl LineKind {
    pub fn align(self) -> Align {
        use LineKind::*;
        match self {
            BulletinName | Number | ContentsHeading | Title | Source => Align::Center,
            Paragraph | BriefParagraph { .. } | Distribution { .. } => Align::Justify,
            IssuerDate | Staff => Align::Spread,
            Mark
            | MastheadRule
            | ContentsSection
            | ContentsEntry
            | Section
            | ClosingRule { .. }
            | Blank => Align::Left,
        }
    }

    /// Indent of the first row, in full-width characters.
    pub fn first_line_indent(self) -> usize {
        use LineKind::*;
        match self {
            Paragraph | BriefParagraph { .. } | ContentsEntry => 2,
            _ => 0,
        }
    }

    /// Space kept free at both sides, in full-width characters (GB/T 9704:
    /// issuing unit, date and closing block are set "左空一字、右空一字").
    pub fn side_margin(self) -> usize {
        use LineKind::*;
        match self {
            IssuerDate | Distribution { .. } | Staff => 1,
            _ => 0,
        }
    }

    /// Whether this line is a rule drawn across the text block.
    pub fn is_rule(self) -> bool {
        matches!(self, LineKind::MastheadRule | LineKind::ClosingRule { .. })
    }
}

/// One logical line of the printed issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    /// The text, without indent; empty for rules and blank lines.
    pub text: String,
    /// Right-aligned text of [`Align::Spread`] lines; empty otherwise.
    pub right: String,
    /// The article this line belongs to, for lines of an article and its
    /// contents entry.
    pub article: Option<ArticleRef>,
}

impl Line {
    fn new(kind: LineKind, text: impl Into<String>) -> Line {
        Line {
            kind,
            text: text.into(),
            right: String::new(),
            article: None,
        }
    }

    fn blank() -> Line {
        Line::new(LineKind::Blank, "")
    }

    fn of(mut self, at: ArticleRef) -> Line {
        self.article = Some(at);
        self
    }

    /// For a [`LineKind::BriefParagraph`], the run-in title (with its stop)
    /// and the rest; for any other line, `("", text)`.
    pub fn split_run_in(&self) -> (&str, &str) {
        match self.kind {
            LineKind::BriefParagraph { title_len } if self.text.is_char_boundary(title_len) => {
                self.text.split_at(title_len)
            }
            _ => ("", &self.text),
        }
    }
}

/// The whole issue as it will print. `contents` adds the table of contents
/// (本期要目) after the masthead when the issue has any article.
pub fn layout(issue: &Issue, contents: bool) -> Vec<Line> {
    let mut lines = Vec::new();
    masthead(issue, &mut lines);
    let sections: Vec<(usize, &Section)> = printed_sections(issue).collect();
    if contents && !sections.is_empty() {
        lines.push(Line::blank());
        lines.push(Line::new(LineKind::ContentsHeading, labels::CONTENTS));
        for (si, section) in &sections {
            lines.push(Line::new(
                LineKind::ContentsSection,
                labels::section(&clean(&section.title)),
            ));
            for (ai, article) in section.articles.iter().enumerate() {
                let at = ArticleRef {
                    section: *si,
                    article: ai,
                };
                lines.push(Line::new(LineKind::ContentsEntry, join_title(&article.title)).of(at));
            }
        }
    }
    for (si, section) in sections {
        lines.push(Line::blank());
        lines.push(Line::new(
            LineKind::Section,
            labels::section(&clean(&section.title)),
        ));
        let mut previous: Option<ArticleKind> = None;
        for (ai, article) in section.articles.iter().enumerate() {
            let at = ArticleRef {
                section: si,
                article: ai,
            };
            // Consecutive briefs read as one list; everything else is set
            // off by an empty line.
            if !(article.kind == ArticleKind::Brief && previous == Some(ArticleKind::Brief)) {
                lines.push(Line::blank());
            }
            previous = Some(article.kind);
            article_lines(article, at, &mut lines);
        }
    }
    closing(&issue.closing, &mut lines);
    lines
}

fn masthead(issue: &Issue, lines: &mut Vec<Line>) {
    for mark in issue.marks.lines() {
        let mark = clean(&mark);
        if !mark.is_empty() {
            lines.push(Line::new(LineKind::Mark, mark));
        }
    }
    let name = clean(&issue.bulletin);
    if !name.is_empty() {
        lines.push(Line::new(LineKind::BulletinName, name));
    }
    lines.push(Line::new(LineKind::Number, labels::number(issue)));
    let mut issuer_date = Line::new(LineKind::IssuerDate, clean(&issue.issuer));
    issuer_date.right = labels::date(issue.date);
    lines.push(issuer_date);
    lines.push(Line::new(LineKind::MastheadRule, ""));
}

fn article_lines(article: &Article, at: ArticleRef, lines: &mut Vec<Line>) {
    let paragraphs = body(article);
    match article.kind {
        ArticleKind::Feature => {
            let title = title_lines(article);
            let has_title = !title.is_empty();
            for t in title {
                lines.push(Line::new(LineKind::Title, t).of(at));
            }
            if let Some(s) = source_line(article) {
                lines.push(Line::new(LineKind::Source, s).of(at));
            }
            if has_title && !paragraphs.is_empty() {
                lines.push(Line::blank().of(at));
            }
            for p in paragraphs {
                lines.push(Line::new(LineKind::Paragraph, p).of(at));
            }
        }
        ArticleKind::Brief => {
            let head = run_in_title(&article.title);
            let mut paragraphs = paragraphs.into_iter();
            let first = paragraphs.next().unwrap_or_default();
            lines.push(
                Line::new(
                    LineKind::BriefParagraph {
                        title_len: head.len(),
                    },
                    head + &first,
                )
                .of(at),
            );
            for p in paragraphs {
                lines.push(Line::new(LineKind::Paragraph, p).of(at));
            }
        }
    }
}

fn closing(closing: &Closing, lines: &mut Vec<Line>) {
    let distribution: Vec<Line> = distribution(closing)
        .into_iter()
        .map(|(label, r)| {
            Line::new(
                LineKind::Distribution {
                    label_len: label.len(),
                },
                label + &r,
            )
        })
        .collect();
    let staff = staff_text(closing);
    let copies = closing.copies.map(labels::copies).unwrap_or_default();
    let has_staff = !staff.is_empty() || !copies.is_empty();
    if distribution.is_empty() && !has_staff {
        return;
    }
    lines.push(Line::blank());
    lines.push(Line::new(LineKind::ClosingRule { heavy: true }, ""));
    let has_distribution = !distribution.is_empty();
    lines.extend(distribution);
    if has_staff {
        if has_distribution {
            lines.push(Line::new(LineKind::ClosingRule { heavy: false }, ""));
        }
        let mut line = Line::new(LineKind::Staff, staff);
        line.right = copies;
        lines.push(line);
    }
    lines.push(Line::new(LineKind::ClosingRule { heavy: true }, ""));
}

/// The 报/送/发 lines that name recipients, as (label, recipients):
/// `("报：", "省文明办")`.
pub fn distribution(closing: &Closing) -> Vec<(String, String)> {
    closing
        .distribution
        .iter()
        .map(|d| (labels::distribution(d.kind), clean(&d.recipients)))
        .filter(|(_, r)| !r.is_empty())
        .collect()
}

/// A feature's title lines as printed (cleaned, empty ones dropped).
pub fn title_lines(article: &Article) -> Vec<String> {
    article
        .title
        .iter()
        .map(|t| clean(t))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A feature's source line, （扶沟县文明办）, if it has one.
pub fn source_line(article: &Article) -> Option<String> {
    let s = clean(article.source.as_deref()?);
    (!s.is_empty()).then(|| labels::source(&s))
}

/// 编辑：李明　　审核：王芳　　签发：张华 (the roles that are filled in).
pub fn staff_text(closing: &Closing) -> String {
    [
        (labels::EDITOR, &closing.editor),
        (labels::REVIEWER, &closing.reviewer),
        (labels::SIGNER, &closing.signer),
    ]
    .into_iter()
    .filter_map(|(role, name)| {
        let name = clean(name.as_deref()?);
        (!name.is_empty()).then(|| labels::staff(role, &name))
    })
    .collect::<Vec<_>>()
    .join(labels::STAFF_GAP)
}

/// The sections that print: those with at least one article, with their
/// index in the issue.
pub fn printed_sections(issue: &Issue) -> impl Iterator<Item = (usize, &Section)> {
    issue
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.articles.is_empty())
}

/// An article's paragraphs as printed: cleaned, empty ones dropped; a
/// brief's source goes at the end of its last paragraph.
pub fn body(article: &Article) -> Vec<String> {
    let mut paragraphs: Vec<String> = article
        .paragraphs
        .iter()
        .map(|p| clean(p))
        .filter(|p| !p.is_empty())
        .collect();
    if article.kind == ArticleKind::Brief
        && let Some(s) = article
            .source
            .as_deref()
            .map(clean)
            .filter(|s| !s.is_empty())
    {
        match paragraphs.last_mut() {
            Some(last) => last.push_str(&labels::source(&s)),
            None => paragraphs.push(labels::source(&s)),
        }
    }
    paragraphs
}

/// A brief's title as it runs into the text: the title on one line and a
/// stop, unless it ends with one already (`标题。`, `标题？`).
pub fn run_in_title(title: &[String]) -> String {
    let t = join_title(title);
    if t.is_empty() || t.ends_with(labels::TERMINAL_PUNCTUATION) {
        t
    } else {
        t + labels::BRIEF_STOP
    }
}

/// A title of one or more lines on one line, as in the contents: lines are
/// joined with a space, or directly where Chinese punctuation meets.
pub fn join_title(title: &[String]) -> String {
    let mut out = String::new();
    for part in title.iter().map(|t| clean(t)).filter(|t| !t.is_empty()) {
        let glued = out.chars().next_back().is_none_or(is_cjk_punctuation)
            || part.chars().next().is_some_and(is_cjk_punctuation);
        if !glued {
            out.push(' ');
        }
        out.push_str(&part);
    }
    out
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation: 、。〈〉《》「」【】…
        | '\u{FF01}'..='\u{FF0F}' // ！＂＃…／
        | '\u{FF1A}'..='\u{FF20}' // ：；＜＝＞？＠
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2010}'..='\u{2027}' // dashes, ‘’“”, …, ·
    )
}

/// Text fit to print: tabs and line breaks become spaces, other control
/// characters (which XML cannot carry and terminals misread) and byte-order
/// marks are dropped, and white space (including U+3000) is trimmed.
pub fn clean(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
            '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    mapped.trim().to_string()
}
