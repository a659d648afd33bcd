//! `jianbao search WORDS… [--json] [--year Y] [--section S] [--status S]`:
//! every article of the library holding all the words, best first, each
//! with its issue, section, title and the line where the words are.

use super::UserError;
use crate::i18n::{Lang, Msg};
use crate::model::Status;
use crate::store::Library;
use crate::store::index::corpus::LineKind;
use crate::store::search::{Filter, Hit, Query};
use clap::Args;
use std::io::Write;
use std::ops::Range;

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[arg(value_name = "WORDS", required = true, num_args = 1..)]
    pub words: Vec<String>,
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_name = "YYYY", value_parser = parse_year)]
    pub year: Option<i32>,
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub status: Option<Status>,
}

pub(super) fn parse_year(s: &str) -> Result<i32, String> {
    let t = s.trim();
    t.parse::<i32>()
        .ok()
        .filter(|_| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| super::detect_lang_from_env().fmt(Msg::BadYear, &[&s]))
}

/// `draft`, `review`, `signed`, `distributed`, or the Chinese names.
pub(super) fn parse_status(s: &str) -> Result<Status, String> {
    let t = s.trim().to_lowercase();
    Status::ALL
        .iter()
        .copied()
        .find(|st| {
            format!("{st:?}").to_lowercase() == t
                || Lang::Zh.status(*st) == t
                || Lang::En.status(*st) == t
        })
        .ok_or_else(|| super::detect_lang_from_env().fmt(Msg::BadStatus, &[&s]))
}

/// How to show the matches in the text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI bold red around matches (a terminal, and NO_COLOR unset).
    pub color: bool,
    /// Display columns for the matched line (a terminal's width), or the
    /// whole line.
    pub width: Option<usize>,
}

#[derive(Debug, serde::Serialize)]
struct JsonHit<'a> {
    id: String,
    number: u32,
    total: Option<u32>,
    supplement: bool,
    date: chrono::NaiveDate,
    status: Status,
    section: &'a str,
    section_index: usize,
    article: std::borrow::Cow<'a, str>,
    article_index: usize,
    line: LineKind,
    text: std::borrow::Cow<'a, str>,
    /// Matches as [start, end) in characters (Unicode scalar values).
    matches: Vec<[usize; 2]>,
}

#[derive(Debug, serde::Serialize)]
struct JsonOut<'a> {
    library: String,
    query: Vec<&'a str>,
    results: Vec<JsonHit<'a>>,
    problems: Vec<String>,
}

fn char_range(text: &str, r: &Range<usize>) -> [usize; 2] {
    let start = text[..r.start].chars().count();
    [start, start + text[r.clone()].chars().count()]
}

/// Writes `text` with the byte ranges `marks` in bold red (or as it is).
fn write_marked(
    out: &mut dyn Write,
    text: &str,
    marks: &[Range<usize>],
    color: bool,
) -> std::io::Result<()> {
    if !color {
        return out.write_all(text.as_bytes());
    }
    let mut at = 0;
    for m in marks {
        write!(
            out,
            "{}\x1b[1;31m{}\x1b[0m",
            &text[at..m.start],
            &text[m.clone()]
        )?;
        at = m.end;
    }
    out.write_all(&text.as_bytes()[at..])
}

pub fn run_search(
    lib: &mut Library,
    lang: Lang,
    args: &SearchArgs,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let query = Query::parse(&args.words.join(" "));
    if query.is_empty() {
        return Err(UserError(lang.t(Msg::SearchNoWords).to_string()));
    }
    let filter = Filter {
        year: args.year,
        section: args.section.clone(),
        status: args.status,
    };
    let hits = lib
        .search(&query, &filter, None)
        .map_err(|e| UserError(e.message(lang)))?;
    let io = |e: std::io::Error| UserError(e.to_string());
    // Thousands of lines for a common word: not a write each.
    let mut out = std::io::BufWriter::new(out);
    let out: &mut dyn Write = &mut out;
    if args.json {
        let doc = JsonOut {
            library: lib.root().display().to_string(),
            query: query.terms().collect(),
            results: hits.iter().map(json_hit).collect(),
            problems: lib.problems.iter().map(|p| p.message(lang)).collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(|e| UserError(e.to_string()))?;
        writeln!(out).map_err(io)?;
        return out.flush().map_err(io);
    }
    for h in &hits {
        write_hit(out, lang, h, style).map_err(io)?;
    }
    out.flush().map_err(io)?;
    // Files that do not load were not searched: say which.
    if !lib.problems.is_empty() {
        eprintln!("{}", lang.t(Msg::ListProblems));
        for p in &lib.problems {
            eprintln!("  {}", p.message(lang));
        }
    }
    let words = query.terms().collect::<Vec<_>>().join(" ");
    if hits.is_empty() {
        eprintln!("{}", lang.fmt(Msg::SearchNothing, &[&words]));
    } else {
        eprintln!("{}", lang.fmt(Msg::SearchFound, &[&hits.len()]));
    }
    Ok(())
}

fn json_hit(h: &Hit) -> JsonHit<'_> {
    let text = h.text();
    JsonHit {
        id: h.id().to_string(),
        number: h.id().number,
        total: h.total(),
        supplement: h.id().supplement,
        date: h.date(),
        status: h.status(),
        section: h.section_title(),
        section_index: h.section(),
        article: h.title(),
        article_index: h.article(),
        line: h.line,
        matches: h.marks.iter().map(|m| char_range(&text, m)).collect(),
        text,
    }
}

/// `2023-025  第25期  2023-11-23  【经验交流】title`, then the matched
/// line indented (a title match is highlighted in the first line).
fn write_hit(out: &mut dyn Write, lang: Lang, h: &Hit, style: Style) -> std::io::Result<()> {
    let id = h.id();
    let number = lang.issue_number(id.number, None, id.supplement);
    write!(
        out,
        "{id}  {number}  {}  【{}】",
        h.date(),
        h.section_title()
    )?;
    let title_marks: &[Range<usize>] = if h.line == LineKind::Title {
        &h.marks
    } else {
        &[]
    };
    write_marked(out, &h.title(), title_marks, style.color)?;
    writeln!(out)?;
    if h.line == LineKind::Title {
        return Ok(());
    }
    let (text, marks) = match style.width {
        Some(w) => {
            let (text, marks) = h.snippet(w.saturating_sub(4).max(20));
            (std::borrow::Cow::Owned(text), marks)
        }
        None => (h.text(), h.marks.clone()),
    };
    let (open, close) = if h.line == LineKind::Source {
        ("（", "）")
    } else {
        ("", "")
    };
    write!(out, "    {open}")?;
    write_marked(out, &text, &marks, style.color)?;
    writeln!(out, "{close}")
}
