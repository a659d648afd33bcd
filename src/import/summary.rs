//! The import summary shown to the clerk: what was found, what was read
//! from the masthead, what was tidied, and anything to check by hand.

use super::decode::DecodeError;
use super::docx::DocxError;
use super::pdf::PdfError;
use super::sniff::Format;
use super::{Found, Imported, ParseError, ReadError, Report};
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

/// Lines about the structure, the masthead and anything to check. `issue`
/// is the new issue, when one is made (its masthead values are named).
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
            out.push(lang.fmt(
                Msg::ImportMasthead,
                &[&found.join(lang.t(Msg::ListSeparator))],
            ));
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
    for (n, msg) in [
        (r.plain_headings, Msg::ImportPlainHeadings),
        (r.briefs_by_sentence, Msg::ImportBriefTitles),
        (r.item_briefs, Msg::ImportItemBriefs),
        (r.glued_titles, Msg::ImportGluedTitles),
    ] {
        if n > 0 {
            out.push(lang.fmt(msg, &[&n]));
        }
    }
    if r.structured && r.untitled > 0 {
        out.push(lang.fmt(Msg::ImportUntitled, &[&r.untitled, &opts_title]));
    }
    if r.tables > 0 {
        out.push(lang.fmt(Msg::ImportTables, &[&r.tables]));
    }
    out
}

/// What a file that gave nothing to import is, and what to do, in a line
/// that starts with the file's `name`.
pub fn error(lang: Lang, name: &str, e: &ReadError) -> String {
    let fmt = |m: Msg, rest: &[&dyn std::fmt::Display]| {
        let mut all: Vec<&dyn std::fmt::Display> = vec![&name];
        all.extend_from_slice(rest);
        lang.fmt(m, &all)
    };
    match e {
        ReadError::Text(DecodeError::Empty) => fmt(Msg::ImportEmpty, &[]),
        ReadError::Text(DecodeError::Binary) => fmt(Msg::ImportBinary, &[]),
        ReadError::Text(DecodeError::Invalid { encoding, offset }) => {
            fmt(Msg::ImportBadEncoding, &[offset, encoding])
        }
        ReadError::Docx(DocxError::NotZip) => fmt(Msg::ImportNotDocx, &[&lang.t(Msg::DocxNotZip)]),
        ReadError::Docx(DocxError::NotDocx(why)) => fmt(Msg::ImportNotDocx, &[why]),
        ReadError::Docx(DocxError::NoText) => fmt(Msg::ImportDocxEmpty, &[]),
        ReadError::Pdf(PdfError::Broken(why)) => fmt(Msg::ImportPdfBroken, &[why]),
        ReadError::Pdf(PdfError::Damaged) => fmt(Msg::ImportPdfDamaged, &[]),
        ReadError::Pdf(PdfError::Encrypted) => fmt(Msg::ImportPdfEncrypted, &[]),
        ReadError::Pdf(PdfError::NoTextLayer { pages }) => fmt(Msg::ImportPdfScan, &[pages]),
        ReadError::Pdf(PdfError::Unmapped { pages }) => fmt(Msg::ImportPdfUnmapped, &[pages]),
        ReadError::Refused(f) => {
            let (what, advice) = match f {
                Format::OldOffice => (
                    lang.t(Msg::FormatOldOffice).to_string(),
                    Msg::AdviceSaveDocx,
                ),
                Format::Rtf => (lang.t(Msg::FormatRtf).to_string(), Msg::AdviceSaveDocx),
                Format::Odt => (lang.t(Msg::FormatOdt).to_string(), Msg::AdviceSaveDocx),
                Format::Ofd => (lang.t(Msg::FormatOfd).to_string(), Msg::AdviceOfd),
                Format::OtherOffice => (
                    lang.t(Msg::FormatOtherOffice).to_string(),
                    Msg::AdviceCopyText,
                ),
                Format::Zip => (lang.t(Msg::FormatZip).to_string(), Msg::AdviceUnpack),
                Format::Archive => (lang.t(Msg::FormatArchive).to_string(), Msg::AdviceUnpack),
                Format::Image(kind) => (lang.fmt(Msg::FormatImage, &[kind]), Msg::AdviceOcr),
                Format::Media => (lang.t(Msg::FormatMedia).to_string(), Msg::AdviceNone),
                Format::Executable => (lang.t(Msg::FormatExecutable).to_string(), Msg::AdviceNone),
            };
            fmt(Msg::ImportRefused, &[&what, &lang.t(advice)])
        }
        ReadError::Parse(ParseError::NoText) => fmt(Msg::ImportNoText, &[]),
        ReadError::Parse(ParseError::NoArticles(found)) => {
            fmt(Msg::ImportOnlyMasthead, &[&found_list(lang, found)])
        }
    }
}

/// What a text without articles holds: masthead (with its values),
/// contents, closing block.
fn found_list(lang: Lang, f: &Found) -> String {
    let m = &f.masthead;
    let mut parts = Vec::new();
    if f.masthead_lines > 0 {
        let mut values: Vec<String> = Vec::new();
        values.extend(m.bulletin.clone());
        if let Some(n) = m.number {
            values.push(lang.issue_number(n, m.total, m.supplement));
        }
        values.extend(m.issuer.clone());
        values.extend(m.date.map(|d| d.to_string()));
        parts.push(lang.fmt(
            Msg::FoundMasthead,
            &[&values.join(lang.t(Msg::ListSeparator))],
        ));
    }
    if !f.contents.is_empty() {
        parts.push(lang.fmt(Msg::FoundContents, &[&f.contents.len()]));
    }
    if f.closing_lines > 0 {
        parts.push(lang.fmt(Msg::FoundClosing, &[&f.closing_lines]));
    }
    parts.join(lang.t(Msg::ListSeparator))
}
