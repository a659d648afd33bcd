//! The import summary shown to the clerk: what was found, what was read
//! from the masthead, what was tidied, and anything to check by hand.

use super::{Imported, Report};
use crate::i18n::{Lang, Msg};
use crate::model::Issue;
use crate::text::tidy::Rule;

/// Counts of the imported text (not of a whole issue it was added to).
pub fn counts(imported: &Imported) -> (usize, usize, usize, usize) {
    let articles = imported.articles().count();
    let paragraphs = imported.articles().map(|a| a.paragraphs.len()).sum();
    let chars = imported.articles().map(|a| a.char_count()).sum();
    (imported.sections.len(), articles, paragraphs, chars)
}

fn rule_msg(r: Rule) -> Msg {
    match r {
        Rule::Space => Msg::TidySpace,
        Rule::Punctuation => Msg::TidyPunctuation,
        Rule::Quotes => Msg::TidyQuotes,
        Rule::Ellipsis => Msg::TidyEllipsis,
        Rule::Dash => Msg::TidyDash,
        Rule::Width => Msg::TidyWidth,
        Rule::Invisible => Msg::TidyInvisible,
        Rule::Radical => Msg::TidyRadical,
    }
}

fn list(lang: Lang, items: &[String]) -> String {
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    let quoted: Vec<String> = items
        .iter()
        .take(5)
        .map(|s| lang.fmt(Msg::Quoted, &[s]))
        .collect();
    let mut out = quoted.join(sep);
    if items.len() > 5 {
        out.push_str(&lang.fmt(Msg::AndMore, &[&(items.len() - 5)]));
    }
    out
}

/// What was removed or changed, one phrase each, in a line.
pub fn tidied(lang: Lang, r: &Report) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut add = |n: usize, m: Msg| {
        if n > 0 {
            parts.push(lang.fmt(m, &[&n]));
        }
    };
    add(r.joined_lines, Msg::TidyJoined);
    add(r.page_numbers, Msg::TidyPageNumbers);
    add(r.running_headers, Msg::TidyHeaders);
    add(r.separators, Msg::TidySeparators);
    add(r.stray_spaces, Msg::TidyStraySpaces);
    add(r.control_chars, Msg::TidyControls);
    for (rule, n) in &r.tidy {
        add(*n, rule_msg(*rule));
    }
    if r.double_spaced {
        parts.push(lang.t(Msg::TidyDoubleSpaced).to_string());
    }
    let sep = match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    };
    (!parts.is_empty()).then(|| lang.fmt(Msg::ImportTidied, &[&parts.join(sep)]))
}

/// Lines about the structure, the masthead and anything to check.
pub fn details(
    lang: Lang,
    imported: &Imported,
    issue: Option<&Issue>,
    opts_title: &str,
) -> Vec<String> {
    let r = &imported.report;
    let m = &imported.masthead;
    let mut out = Vec::new();
    if !r.structured {
        let section = imported
            .sections
            .first()
            .map(|s| s.title.as_str())
            .unwrap_or_default();
        out.push(lang.fmt(Msg::ImportUnstructured, &[&opts_title, &section]));
    }
    if let Some(issue) = issue {
        let mut found = Vec::new();
        if m.bulletin.is_some() {
            found.push(issue.bulletin.clone());
        }
        if m.number.is_some() || m.total.is_some() {
            found.push(lang.issue_number(issue.number, issue.total, issue.supplement));
        }
        if m.issuer.is_some() {
            found.push(issue.issuer.clone());
        }
        if m.date.is_some() {
            found.push(issue.date.to_string());
        }
        if !found.is_empty() {
            let sep = match lang {
                Lang::Zh => "，",
                Lang::En => ", ",
            };
            out.push(lang.fmt(Msg::ImportMasthead, &[&found.join(sep)]));
        }
        if m.number.is_none() {
            out.push(lang.fmt(
                Msg::ImportNumbered,
                &[&lang.issue_number(issue.number, issue.total, issue.supplement)],
            ));
        }
        if m.date.is_none() {
            out.push(lang.fmt(Msg::ImportDateToday, &[&issue.date]));
        }
        if m.bulletin.is_none() {
            out.push(lang.fmt(Msg::ImportBulletinFromSettings, &[&issue.bulletin]));
        }
        if m.issuer.is_none() {
            out.push(if issue.issuer.is_empty() {
                lang.t(Msg::ImportIssuerMissing).to_string()
            } else {
                lang.fmt(Msg::ImportIssuerFromSettings, &[&issue.issuer])
            });
        }
        if imported.closing.is_some() {
            out.push(lang.fmt(Msg::ImportClosing, &[&r.closing_lines]));
        }
    }
    if r.toc_entries > 0 {
        out.push(lang.fmt(Msg::ImportToc, &[&r.toc_entries]));
    }
    if !r.toc_missing.is_empty() {
        out.push(lang.fmt(Msg::ImportTocMissing, &[&list(lang, &r.toc_missing)]));
    }
    if !r.not_in_toc.is_empty() {
        out.push(lang.fmt(Msg::ImportNotInToc, &[&list(lang, &r.not_in_toc)]));
    }
    if r.briefs_by_sentence > 0 {
        out.push(lang.fmt(Msg::ImportBriefTitles, &[&r.briefs_by_sentence]));
    }
    if r.structured && r.untitled > 0 {
        out.push(lang.fmt(Msg::ImportUntitled, &[&r.untitled, &opts_title]));
    }
    if r.tables > 0 {
        out.push(lang.fmt(Msg::ImportTables, &[&r.tables]));
    }
    out
}
