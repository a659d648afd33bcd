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

fn parse_year(s: &str) -> Result<i32, String> {
    let t = s.trim();
    t.parse::<i32>()
        .ok()
        .filter(|_| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| super::detect_lang_from_env().fmt(Msg::BadYear, &[&s]))
}

/// `draft`, `review`, `signed`, `distributed`, or the Chinese names.
fn parse_status(s: &str) -> Result<Status, String> {
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
    article: &'a str,
    article_index: usize,
    line: LineKind,
    text: &'a str,
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

/// `text` with the byte ranges `marks` in bold red (or as it is).
fn highlight(text: &str, marks: &[Range<usize>], color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + marks.len() * 12);
    let mut at = 0;
    for m in marks {
        out.push_str(&text[at..m.start]);
        out.push_str("\x1b[1;31m");
        out.push_str(&text[m.clone()]);
        out.push_str("\x1b[0m");
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
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
    let words = query.terms().collect::<Vec<_>>().join(" ");
    if hits.is_empty() {
        eprintln!("{}", lang.fmt(Msg::SearchNothing, &[&words]));
    } else {
        eprintln!("{}", lang.fmt(Msg::SearchFound, &[&hits.len()]));
    }
    Ok(())
}

fn json_hit(h: &Hit) -> JsonHit<'_> {
    JsonHit {
        id: h.id.to_string(),
        number: h.id.number,
        total: h.total,
        supplement: h.id.supplement,
        date: h.date,
        status: h.status,
        section: &h.section_title,
        section_index: h.section,
        article: &h.title,
        article_index: h.article,
        line: h.line,
        text: &h.text,
        matches: h.marks.iter().map(|m| char_range(&h.text, m)).collect(),
    }
}

/// `2023-025  第25期  2023-11-23  【经验交流】title`, then the matched
/// line indented (a title match is highlighted in the first line).
fn write_hit(out: &mut dyn Write, lang: Lang, h: &Hit, style: Style) -> std::io::Result<()> {
    let number = lang.issue_number(h.id.number, None, h.id.supplement);
    let title = if h.line == LineKind::Title {
        highlight(&h.title, &h.marks, style.color)
    } else {
        h.title.clone()
    };
    writeln!(
        out,
        "{}  {number}  {}  【{}】{title}",
        h.id, h.date, h.section_title
    )?;
    if h.line != LineKind::Title {
        let (text, marks) = match style.width {
            Some(w) => h.snippet(w.saturating_sub(4).max(20)),
            None => (h.text.clone(), h.marks.clone()),
        };
        let text = if h.line == LineKind::Source {
            format!("（{text}）")
        } else {
            text
        };
        let shift = if h.line == LineKind::Source {
            '（'.len_utf8()
        } else {
            0
        };
        let marks: Vec<Range<usize>> = marks
            .iter()
            .map(|m| m.start + shift..m.end + shift)
            .collect();
        writeln!(out, "    {}", highlight(&text, &marks, style.color))?;
    }
    Ok(())
}
