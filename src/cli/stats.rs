//! `jianbao stats [--by source|section|month] [--year Y | --from D --to D]
//! [--format table|csv|json] [--signed]`: contributor statistics
//! (信息采用统计) as a table, CSV for a spreadsheet, or JSON.

use super::UserError;
use super::args::parse_date;
use crate::export::stats::{Query, cells, gather, headings, total_cells, write_csv};
use crate::i18n::{Lang, Msg};
use crate::model::stats::{By, Period, Stats};
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
    let q = Query {
        by: args.by,
        period,
        signed: args.signed,
    };
    let gathered = gather(lib, &q, None).map_err(|e| UserError(e.message(lang)))?;
    // Counted without them, and said so.
    for e in &gathered.unread {
        eprintln!("{}", e.message(lang));
    }
    let table = gathered.table;
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

fn write_table(lang: Lang, t: &Stats, out: &mut dyn Write) -> std::io::Result<()> {
    let any = lang.t(Msg::StatsAny);
    let day = |d: Option<NaiveDate>| d.map_or_else(|| any.to_string(), |d| d.to_string());
    if t.issues == 0 {
        writeln!(out, "{}", lang.t(Msg::StatsEmpty))?;
    } else {
        let mut rows: Vec<Vec<String>> = vec![headings(lang, t)];
        rows.extend(t.rows.iter().map(|r| cells(lang, t, r, None)));
        rows.push(total_cells(lang, t));
        let n = rows[0].len();
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
