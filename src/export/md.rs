//! Markdown (CommonMark) for wikis and static sites: YAML front matter with
//! the masthead, `## section`, `### title`, paragraphs separated by blank
//! lines, briefs with a bold run-in title, the closing block at the end.

use super::labels;
use super::layout::{
    body, clean, distribution, join_title, printed_sections, run_in_title, source_line, staff_text,
};
use crate::model::{ArticleKind, Issue};

/// The issue as Markdown, ending with a newline; `contents` adds 本期要目
/// (each section, its titles as a list) after the masthead.
pub fn to_markdown(issue: &Issue, contents: bool) -> String {
    let mut blocks: Vec<String> = Vec::new();
    blocks.push(front_matter(issue));
    // The marks above the masthead, one line each (a hard break between).
    let marks: Vec<String> = issue
        .marks
        .lines()
        .iter()
        .map(|m| escape(&clean(m)))
        .filter(|m| !m.is_empty())
        .collect();
    if !marks.is_empty() {
        blocks.push(marks.join("\\\n"));
    }
    let name = clean(&issue.bulletin);
    if !name.is_empty() {
        blocks.push(format!("# {}", escape(&name)));
    }
    blocks.push(escape(&labels::number(issue)));
    let issuer = clean(&issue.issuer);
    let date = labels::date(issue.date);
    blocks.push(if issuer.is_empty() {
        date
    } else {
        format!("{}\u{3000}{date}", escape(&issuer))
    });
    if contents {
        contents_blocks(issue, &mut blocks);
    }
    for (_, section) in printed_sections(issue) {
        blocks.push(format!("## {}", escape(&clean(&section.title))));
        for article in &section.articles {
            article_blocks(article, &mut blocks);
        }
    }
    closing_blocks(issue, &mut blocks);
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// 本期要目: a bold heading (not a `##`, which would read as a section),
/// then per section its name and its titles as a list.
fn contents_blocks(issue: &Issue, blocks: &mut Vec<String>) {
    let sections: Vec<_> = printed_sections(issue).collect();
    if sections.is_empty() {
        return;
    }
    blocks.push(format!("**{}**", labels::CONTENTS));
    for (_, section) in sections {
        blocks.push(escape(&labels::section(&clean(&section.title))));
        let titles: Vec<String> = section
            .articles
            .iter()
            .map(|a| format!("- {}", escape_inline(&join_title(&a.title))))
            .collect();
        blocks.push(titles.join("\n"));
    }
}

fn front_matter(issue: &Issue) -> String {
    let total = issue
        .total
        .map_or_else(|| "null".to_string(), |t| t.to_string());
    let mut fm = format!(
        "---\nbulletin: {}\nnumber: {}\ntotal: {}\nsupplement: {}\ndate: {}\nissuer: {}\n",
        yaml_string(&clean(&issue.bulletin)),
        issue.number,
        total,
        issue.supplement,
        issue.date.format("%Y-%m-%d"),
        yaml_string(&clean(&issue.issuer)),
    );
    // The marks, where set: 份号, 密级和保密期限, 紧急程度, notices.
    let m = &issue.marks;
    let mut field = |key: &str, value: Option<String>| {
        if let Some(v) = value.map(|v| clean(&v)).filter(|v| !v.is_empty()) {
            fm.push_str(&format!("{key}: {}\n", yaml_string(&v)));
        }
    };
    field("copy_number", m.copy_number.clone());
    field("secrecy", m.secrecy_text());
    field("urgency", m.urgency.map(|u| u.label().to_string()));
    let notices: Vec<String> = m
        .notices
        .iter()
        .map(|n| clean(n))
        .filter(|n| !n.is_empty())
        .map(|n| yaml_string(&n))
        .collect();
    if !notices.is_empty() {
        fm.push_str(&format!("notices: [{}]\n", notices.join(", ")));
    }
    fm.push_str("---");
    fm
}

fn article_blocks(article: &crate::model::Article, blocks: &mut Vec<String>) {
    let paragraphs = body(article);
    match article.kind {
        ArticleKind::Feature => {
            let title = join_title(&article.title);
            if !title.is_empty() {
                blocks.push(format!("### {}", escape(&title)));
            }
            if let Some(s) = source_line(article) {
                blocks.push(escape(&s));
            }
            blocks.extend(paragraphs.iter().map(|p| escape(p)));
        }
        ArticleKind::Brief => {
            let mut paragraphs = paragraphs.iter();
            let first = paragraphs.next().map(String::as_str).unwrap_or("");
            blocks.push(format!(
                "{}{}",
                bold_run_in(&run_in_title(&article.title)),
                escape_inline(first)
            ));
            blocks.extend(paragraphs.map(|p| escape(p)));
        }
    }
}

/// `**标题**。`: the stop stays outside the emphasis, because CommonMark
/// does not close `**` between a punctuation mark and a following letter
/// (as in `**标题。**正文`).
fn bold_run_in(head: &str) -> String {
    let title = head.trim_end_matches(|c| labels::TERMINAL_PUNCTUATION.contains(&c));
    let stop = &head[title.len()..];
    if title.is_empty() {
        escape(stop)
    } else {
        format!("**{}**{}", escape(title), escape_inline(stop))
    }
}

fn closing_blocks(issue: &Issue, blocks: &mut Vec<String>) {
    let closing = &issue.closing;
    let mut lines: Vec<String> = distribution(closing)
        .into_iter()
        .map(|(label, r)| escape(&(label + &r)))
        .collect();
    let staff: Vec<String> = [staff_text(closing)]
        .into_iter()
        .chain(closing.copies.map(labels::copies))
        .filter(|s| !s.is_empty())
        .collect();
    if !staff.is_empty() {
        lines.push(escape(&staff.join(labels::STAFF_GAP)));
    }
    if !lines.is_empty() {
        blocks.push("---".to_string());
        blocks.extend(lines);
    }
}

/// A YAML double-quoted scalar.
fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text that starts a block: inline escapes, plus the markers that
/// would make the line a heading, quote, list or rule.
pub fn escape(text: &str) -> String {
    let mut out = escape_inline(text);
    let first = out.chars().next();
    if matches!(first, Some('#' | '+' | '-' | '=')) {
        out.insert(0, '\\');
    } else if let Some(digits) = out.find(|c: char| !c.is_ascii_digit())
        && digits > 0
        && out[digits..].starts_with(['.', ')'])
    {
        // "1. 一是……" would become an ordered list.
        out.insert(digits, '\\');
    }
    out
}

/// Backslash-escapes the ASCII characters CommonMark gives a meaning inside
/// a line (emphasis, code, links, HTML, entities, tables, strike-through).
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
