//! `jianbao stats [--by source|section|month] [--year Y | --from D --to D]
//! [--format table|csv|json] [--signed]`: contributor statistics
//! (信息采用统计) as a table, CSV for a spreadsheet, or JSON.

use super::UserError;
use super::args::parse_date;
use crate::i18n::{Lang, Msg};
use crate::model::Issue;
use crate::model::stats::{By, Period, Row, Stats, adoption, stats};
use crate::store::Library;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatsFormat {
    #[default]
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[arg(long, value_name = "source|section|month", value_parser = parse_by, default_value = "source")]
    pub by: By,
    #[arg(long, value_name = "YEAR", value_parser = super::search::parse_year, conflicts_with_all = ["from", "to"])]
    pub year: Option<i32>,
    #[arg(long, value_name = "YYYY-Qn", value_parser = parse_quarter, conflicts_with_all = ["year", "from", "to"])]
    pub quarter: Option<Period>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    #[arg(long, value_name = "table|csv|json", value_parser = parse_format, default_value = "table")]
    pub format: StatsFormat,
    #[arg(long)]
    pub signed: bool,
}

fn choice<T: Copy>(s: &str, options: &[(&[&str], T)]) -> Result<T, String> {
    let t = s.trim().to_lowercase();
    options
        .iter()
        .find(|(names, _)| names.contains(&t.as_str()))
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let all: Vec<&str> = options.iter().map(|(n, _)| n[0]).collect();
            super::detect_lang_from_env().fmt(Msg::BadChoice, &[&s, &all.join(", ")])
        })
}

/// `2023Q4`, `2023-Q4`, `2023-4`, `2023年第4季度`.
fn parse_quarter(s: &str) -> Result<Period, String> {
    let t = s
        .trim()
        .to_uppercase()
        .replace(['年', '第', '季', '度'], " ");
    let digits: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    match digits.as_slice() {
        [y, q] if y.len() == 4 => y
            .parse()
            .ok()
            .zip(q.parse().ok())
            .and_then(|(y, q)| Period::quarter(y, q)),
        _ => None,
    }
    .ok_or_else(|| super::detect_lang_from_env().fmt(Msg::BadQuarter, &[&s]))
}

fn parse_by(s: &str) -> Result<By, String> {
    choice(
        s,
        &[
            (&["source", "unit", "供稿单位", "单位"], By::Source),
            (&["section", "栏目"], By::Section),
            (&["month", "月份", "月"], By::Month),
        ],
    )
}

fn parse_format(s: &str) -> Result<StatsFormat, String> {
    choice(
        s,
        &[
            (&["table", "表格"], StatsFormat::Table),
            (&["csv"], StatsFormat::Csv),
            (&["json"], StatsFormat::Json),
        ],
    )
}

/// Counts the issues of the period (signed ones only with `--signed`) and
/// prints the table.
pub fn run_stats(
    lib: &Library,
    lang: Lang,
    args: &StatsArgs,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let period = match (args.year, args.quarter) {
        (Some(y), _) => Period::year(y),
        (None, Some(q)) => q,
        (None, None) => Period {
            from: args.from,
            to: args.to,
        },
    };
    if let (Some(f), Some(t)) = (period.from, period.to)
        && f > t
    {
        return Err(UserError(lang.fmt(Msg::BadRange, &[&f, &t])));
    }
    let mut issues: Vec<Issue> = Vec::new();
    for (id, e) in lib.entries() {
        let s = &e.summary;
        if !period.contains(s.date) || (args.signed && !s.status.is_read_only()) {
            continue;
        }
        match lib.issue(id) {
            Ok(i) => issues.push(i.into_owned()),
            // Counted without it, and said so.
            Err(e) => eprintln!("{}", e.message(lang)),
        }
    }
    let mut table = stats(&issues, args.by, period);
    // 报送数 and 采用率 once the office uses the inbox.
    if args.by == By::Source {
        let listing = lib.read_inbox().map_err(|e| UserError(e.message(lang)))?;
        if !listing.entries.is_empty() {
            let subs: Vec<_> = listing.entries.into_iter().map(|e| e.record).collect();
            let day = |s: &crate::model::inbox::Submission| {
                s.received.with_timezone(&chrono::Local).date_naive()
            };
            adoption(&mut table, &issues, &subs, day);
        }
    }
    let io = |e: std::io::Error| UserError(e.to_string());
    match args.format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &table)
                .map_err(|e| UserError(e.to_string()))?;
            writeln!(out).map_err(io)
        }
        StatsFormat::Csv => write_csv(lang, &table, out).map_err(io),
        StatsFormat::Table => write_table(lang, &table, out).map_err(io),
    }
}

/// Whether the table has the inbox's columns (报送, 采用率).
fn with_inbox(t: &Stats) -> bool {
    t.total.submitted.is_some()
}

fn headings(lang: Lang, t: &Stats) -> Vec<String> {
    let first = match t.by {
        By::Source => Msg::StatsSource,
        By::Section => Msg::StatsSection,
        By::Month => Msg::StatsMonth,
    };
    let mut h = vec![lang.t(first)];
    if with_inbox(t) {
        h.extend([
            lang.t(Msg::StatsSubmitted),
            lang.t(Msg::StatsArticles),
            lang.t(Msg::StatsRate),
        ]);
    } else {
        h.push(lang.t(Msg::StatsArticles));
    }
    h.extend([
        lang.t(Msg::StatsFeatures),
        lang.t(Msg::StatsBriefs),
        lang.t(Msg::StatsChars),
        lang.t(Msg::StatsIssueCount),
        lang.t(Msg::StatsIssueIds),
    ]);
    h.into_iter().map(str::to_string).collect()
}

/// The cells of a row: name, counts, the issues.
fn cells(lang: Lang, row: &Row, name: Option<&str>) -> Vec<String> {
    let name = match name {
        Some(n) => n.to_string(),
        None if row.name.is_empty() => lang.t(Msg::StatsNoSource).to_string(),
        None => row.name.clone(),
    };
    let ids: Vec<String> = row.issues.iter().map(|i| i.to_string()).collect();
    let mut c = vec![name];
    match (row.submitted, row.adopted) {
        (Some(s), Some(a)) => c.extend([
            s.to_string(),
            a.to_string(),
            row.rate()
                .map_or_else(|| "-".to_string(), |r| format!("{r:.1}%")),
        ]),
        _ => c.push(row.articles.to_string()),
    }
    c.extend([
        row.features.to_string(),
        row.briefs.to_string(),
        row.chars.to_string(),
        row.issues.len().to_string(),
        ids.join(" "),
    ]);
    c
}

fn write_table(lang: Lang, t: &Stats, out: &mut dyn Write) -> std::io::Result<()> {
    let any = lang.t(Msg::StatsAny);
    let day = |d: Option<NaiveDate>| d.map_or_else(|| any.to_string(), |d| d.to_string());
    if t.issues == 0 {
        writeln!(out, "{}", lang.t(Msg::StatsEmpty))?;
    } else {
        let mut rows: Vec<Vec<String>> = vec![headings(lang, t)];
        rows.extend(t.rows.iter().map(|r| cells(lang, r, None)));
        rows.push(cells(lang, &t.total, Some(lang.t(Msg::StatsTotal))));
        // The total's issues are every issue counted: not listed again.
        let n = rows[0].len();
        if let Some(last) = rows.last_mut().and_then(|r| r.last_mut()) {
            last.clear();
        }
        let widths: Vec<usize> = (0..n)
            .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
            .collect();
        for r in &rows {
            let mut line = String::new();
            for (c, cell) in r.iter().enumerate() {
                let pad = " ".repeat(widths[c] - cell.width());
                match c {
                    _ if c == 0 || c == n - 1 => {
                        line.push_str(cell);
                        line.push_str(&pad);
                    }
                    _ => {
                        line.push_str(&pad);
                        line.push_str(cell);
                    }
                }
                line.push_str("  ");
            }
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    writeln!(
        out,
        "{}",
        lang.fmt(
            Msg::StatsPeriod,
            &[&day(t.period.from), &day(t.period.to), &t.issues]
        )
    )?;
    if t.unsigned > 0 {
        writeln!(out, "{}", lang.fmt(Msg::StatsUnsigned, &[&t.unsigned]))?;
    }
    for r in t.rows.iter().filter(|r| !r.variants.is_empty()) {
        writeln!(
            out,
            "{}",
            lang.fmt(
                Msg::StatsMerged,
                &[&r.name, &r.variants.join(lang.t(Msg::ListSeparator))]
            )
        )?;
    }
    Ok(())
}

/// RFC 4180, with a byte-order mark so that Excel reads it as UTF-8.
fn write_csv(lang: Lang, t: &Stats, out: &mut dyn Write) -> std::io::Result<()> {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let line = |cells: &[String]| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",");
    out.write_all("\u{feff}".as_bytes())?;
    write!(out, "{}\r\n", line(&headings(lang, t)))?;
    for r in &t.rows {
        write!(out, "{}\r\n", line(&cells(lang, r, None)))?;
    }
    let mut total = cells(lang, &t.total, Some(lang.t(Msg::StatsTotal)));
    if let Some(last) = total.last_mut() {
        last.clear();
    }
    write!(out, "{}\r\n", line(&total))?;
    Ok(())
}
