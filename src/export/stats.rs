//! The contributor statistics table (信息采用统计) as `jianbao stats` and
//! the TUI's statistics view both show it: gathered from the library (the
//! issues of the period and the inbox's records), its headings and cells
//! in words, and CSV for a spreadsheet.

use crate::i18n::{Lang, Msg};
use crate::model::stats::{By, Period, Row, Stats, adoption, stats};
use crate::model::{Issue, IssueId};
use crate::store::{Library, StoreError};
use std::io::Write;

/// What to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Query {
    pub by: By,
    pub period: Period,
    /// Signed and distributed issues only.
    pub signed: bool,
}

/// The table, and the issues that could not be read (counted without them).
#[derive(Debug)]
pub struct Gathered {
    pub table: Stats,
    pub unread: Vec<StoreError>,
}

/// Counts the issues of the period (signed ones only if asked) and, by
/// source once the office uses the inbox, its submissions. `open` is an
/// issue as the editor holds it, unsaved edits included, counted instead
/// of its file.
pub fn gather(
    lib: &Library,
    q: &Query,
    open: Option<(&IssueId, &Issue)>,
) -> Result<Gathered, StoreError> {
    let mut issues: Vec<Issue> = Vec::new();
    let mut unread = Vec::new();
    for (id, e) in lib.entries() {
        let s = &e.summary;
        if !q.period.contains(s.date) || (q.signed && !s.status.is_read_only()) {
            continue;
        }
        match open.filter(|(o, _)| *o == id) {
            Some((_, issue)) => issues.push(issue.clone()),
            None => match lib.issue(id) {
                Ok(i) => issues.push(i.into_owned()),
                Err(e) => unread.push(e),
            },
        }
    }
    let mut table = stats(&issues, q.by, q.period);
    // 报送数 and 采用率 once the office uses the inbox.
    if q.by == By::Source {
        let listing = lib.read_inbox()?;
        if !listing.entries.is_empty() {
            let subs: Vec<_> = listing.entries.into_iter().map(|e| e.record).collect();
            let day = |s: &crate::model::inbox::Submission| {
                s.received.with_timezone(&chrono::Local).date_naive()
            };
            adoption(&mut table, &issues, &subs, day);
        }
    }
    Ok(Gathered { table, unread })
}

/// Whether the table has the inbox's columns (报送, 采用率).
pub fn with_inbox(t: &Stats) -> bool {
    t.total.submitted.is_some()
}

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The unit, section or month.
    Name,
    Submitted,
    /// Articles adopted (采用).
    Adopted,
    Rate,
    Features,
    Briefs,
    Chars,
    IssueCount,
    IssueIds,
}

/// The columns of `t`, in order.
pub fn columns(t: &Stats) -> Vec<Column> {
    let mut c = vec![Column::Name];
    if with_inbox(t) {
        c.extend([Column::Submitted, Column::Adopted, Column::Rate]);
    } else {
        c.push(Column::Adopted);
    }
    c.extend([
        Column::Features,
        Column::Briefs,
        Column::Chars,
        Column::IssueCount,
        Column::IssueIds,
    ]);
    c
}

impl Column {
    pub fn heading(self, lang: Lang, by: By) -> &'static str {
        lang.t(match self {
            Column::Name => match by {
                By::Source => Msg::StatsSource,
                By::Section => Msg::StatsSection,
                By::Month => Msg::StatsMonth,
            },
            Column::Submitted => Msg::StatsSubmitted,
            Column::Adopted => Msg::StatsArticles,
            Column::Rate => Msg::StatsRate,
            Column::Features => Msg::StatsFeatures,
            Column::Briefs => Msg::StatsBriefs,
            Column::Chars => Msg::StatsChars,
            Column::IssueCount => Msg::StatsIssueCount,
            Column::IssueIds => Msg::StatsIssueIds,
        })
    }

    /// The row's cell in words; `name` in place of the row's own.
    pub fn cell(self, lang: Lang, row: &Row, name: Option<&str>) -> String {
        match self {
            Column::Name => match name {
                Some(n) => n.to_string(),
                None if row.name.is_empty() => lang.t(Msg::StatsNoSource).to_string(),
                None => row.name.clone(),
            },
            Column::Submitted => row.submitted.unwrap_or(0).to_string(),
            // 采用: the inbox's count where there is one.
            Column::Adopted => row.adopted.unwrap_or(row.articles).to_string(),
            Column::Rate => row
                .rate()
                .map_or_else(|| "-".to_string(), |r| format!("{r:.1}%")),
            Column::Features => row.features.to_string(),
            Column::Briefs => row.briefs.to_string(),
            Column::Chars => row.chars.to_string(),
            Column::IssueCount => row.issues.len().to_string(),
            Column::IssueIds => {
                let ids: Vec<String> = row.issues.iter().map(|i| i.to_string()).collect();
                ids.join(" ")
            }
        }
    }

    /// Orders two rows by this column (names in code-point order, rates
    /// with "none" lowest, the issue list by its count).
    pub fn compare(self, a: &Row, b: &Row) -> std::cmp::Ordering {
        match self {
            Column::Name => a.name.cmp(&b.name),
            Column::Submitted => a.submitted.cmp(&b.submitted),
            Column::Adopted => a
                .adopted
                .unwrap_or(a.articles)
                .cmp(&b.adopted.unwrap_or(b.articles)),
            Column::Rate => a
                .rate()
                .partial_cmp(&b.rate())
                .unwrap_or(std::cmp::Ordering::Equal),
            Column::Features => a.features.cmp(&b.features),
            Column::Briefs => a.briefs.cmp(&b.briefs),
            Column::Chars => a.chars.cmp(&b.chars),
            Column::IssueCount | Column::IssueIds => a.issues.len().cmp(&b.issues.len()),
        }
    }
}

pub fn headings(lang: Lang, t: &Stats) -> Vec<String> {
    columns(t)
        .into_iter()
        .map(|c| c.heading(lang, t.by).to_string())
        .collect()
}

/// The cells of a row: name, counts, the issues.
pub fn cells(lang: Lang, t: &Stats, row: &Row, name: Option<&str>) -> Vec<String> {
    columns(t)
        .into_iter()
        .map(|c| c.cell(lang, row, name))
        .collect()
}

/// The total's cells: the issues it lists are every issue counted, not
/// listed again.
pub fn total_cells(lang: Lang, t: &Stats) -> Vec<String> {
    let mut c = cells(lang, t, &t.total, Some(lang.t(Msg::StatsTotal)));
    if let Some(last) = c.last_mut() {
        last.clear();
    }
    c
}

/// RFC 4180, with a byte-order mark so that Excel reads it as UTF-8.
pub fn write_csv(lang: Lang, t: &Stats, out: &mut dyn Write) -> std::io::Result<()> {
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
        write!(out, "{}\r\n", line(&cells(lang, t, r, None)))?;
    }
    write!(out, "{}\r\n", line(&total_cells(lang, t)))?;
    Ok(())
}
