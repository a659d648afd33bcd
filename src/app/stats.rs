//! The statistics view (采用统计, Alt+T, `S` in the issue list, or the
//! palette): the table `jianbao stats` prints, full screen — per unit (or
//! section, or month) the articles adopted, features and briefs apart,
//! 字数, the issues they appeared in and, once the inbox is used, 报送数,
//! 采用数 and 采用率. The grouping and the period (all, a year, a quarter)
//! change inside the view, any column sorts the rows, and the table is
//! saved as CSV where the clerk says.

use super::input::LineInput;
use super::overlay::{Env, Keys, Outcome};
use super::{App, Command, Overlay};
use crate::export::stats::{Column, Query, columns, gather, write_csv};
use crate::i18n::{Lang, Msg};
use crate::model::stats::{By, Period, Row, Stats};
use chrono::{Datelike, NaiveDate};
use std::path::PathBuf;

/// The period counted, as the view steps through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    All,
    Year(i32),
    /// A year and its quarter (1–4).
    Quarter(i32, u32),
}

impl Span {
    pub fn period(self) -> Period {
        match self {
            Span::All => Period::default(),
            Span::Year(y) => Period::year(y),
            Span::Quarter(y, q) => Period::quarter(y, q).unwrap_or_else(|| Period::year(y)),
        }
    }

    /// The next kind of period: all → a year → a quarter → all; the year
    /// and quarter those of `today`, or of the year shown.
    fn next_kind(self, today: NaiveDate) -> Span {
        let quarter = |d: NaiveDate| d.month0() / 3 + 1;
        match self {
            Span::All => Span::Year(today.year()),
            Span::Year(y) if y == today.year() => Span::Quarter(y, quarter(today)),
            Span::Year(y) => Span::Quarter(y, 4),
            Span::Quarter(..) => Span::All,
        }
    }

    /// One year or quarter on (`forward`) or back; all stays all.
    fn step(self, forward: bool) -> Span {
        let d = if forward { 1 } else { -1 };
        match self {
            Span::All => Span::All,
            Span::Year(y) => Span::Year(y + d),
            Span::Quarter(y, q) => {
                let n = y * 4 + q as i32 - 1 + d;
                Span::Quarter(n.div_euclid(4), n.rem_euclid(4) as u32 + 1)
            }
        }
    }

    /// 全部, 2023年, 2023年第4季度.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Span::All => lang.t(Msg::StatsViewAll).to_string(),
            Span::Year(y) => lang.fmt(Msg::StatsViewYear, &[&y]),
            Span::Quarter(y, q) => lang.fmt(Msg::StatsViewQuarter, &[&y, &q]),
        }
    }

    /// As a file name part: `all`, `2023`, `2023Q4`.
    fn slug(self) -> String {
        match self {
            Span::All => "all".to_string(),
            Span::Year(y) => y.to_string(),
            Span::Quarter(y, q) => format!("{y}Q{q}"),
        }
    }
}

/// What the view is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Table,
    /// Asking where to save the CSV.
    Path(LineInput),
    /// The file is there: overwrite it (Enter) or choose another name.
    Overwrite {
        input: LineInput,
        path: PathBuf,
    },
}

/// The statistics overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsView {
    pub by: By,
    pub span: Span,
    /// Today, where stepping from all to a year starts.
    today: NaiveDate,
    /// As counted, in the table's own order.
    pub table: Stats,
    /// The rows as shown: sorted by `sort`, or in the table's order.
    pub rows: Vec<Row>,
    /// The column the rows are sorted by; `None`: the table's own order
    /// (most adopted first).
    pub sort: Option<Column>,
    pub descending: bool,
    pub selected: usize,
    /// Issues that could not be read, counted without them.
    pub unread: Vec<String>,
    pub mode: Mode,
    /// What the last action says (saved, an error), until the next key.
    pub message: Option<(String, bool)>,
}

/// What the view asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatsAsk {
    /// Count again: the grouping or the period changed.
    Count,
    /// Propose a path for the CSV.
    ProposePath,
    /// Write the CSV to the typed path (replacing a file there only when
    /// `overwrite`).
    Save { text: String, overwrite: bool },
}

impl StatsView {
    pub fn new(today: NaiveDate) -> StatsView {
        StatsView {
            by: By::Source,
            span: Span::All,
            today,
            table: crate::model::stats::stats(&[], By::Source, Period::default()),
            rows: Vec::new(),
            sort: None,
            descending: false,
            selected: 0,
            unread: Vec::new(),
            mode: Mode::Table,
            message: None,
        }
    }

    pub fn query(&self) -> Query {
        Query {
            by: self.by,
            period: self.span.period(),
            signed: false,
        }
    }

    /// Shows a fresh count, sorted as chosen.
    pub fn set_table(&mut self, table: Stats, unread: Vec<String>) {
        self.table = table;
        self.unread = unread;
        // A column the new table lacks (报送 once by section) sorts no more.
        if self
            .sort
            .is_some_and(|c| !columns(&self.table).contains(&c))
        {
            self.sort = None;
        }
        self.resort();
    }

    fn resort(&mut self) {
        self.rows = self.table.rows.clone();
        match self.sort {
            // Stable: equal rows keep the table's order either way.
            Some(c) if self.descending => self.rows.sort_by(|a, b| c.compare(b, a)),
            Some(c) => self.rows.sort_by(|a, b| c.compare(a, b)),
            None if self.descending => self.rows.reverse(),
            None => {}
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The next column to sort by: the table's order, then each column;
    /// names ascend, counts descend.
    fn next_sort(&mut self) {
        let cols: Vec<Column> = columns(&self.table)
            .into_iter()
            .filter(|c| *c != Column::IssueIds)
            .collect();
        self.sort = match self.sort {
            None => cols.first().copied(),
            Some(c) => cols
                .iter()
                .position(|x| *x == c)
                .and_then(|i| cols.get(i + 1))
                .copied(),
        };
        self.descending = !matches!(self.sort, None | Some(Column::Name));
        self.resort();
    }

    /// The file name proposed for the CSV: `stats-source-2023Q4.csv`.
    pub fn file_name(&self) -> String {
        let by = match self.by {
            By::Source => "source",
            By::Section => "section",
            By::Month => "month",
        };
        format!("stats-{by}-{}.csv", self.span.slug())
    }

    fn table_command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        let page = (env.height as usize).saturating_sub(8).max(1);
        if let Some(to) = crate::app::overlay::moved(self.selected, self.rows.len(), page, cmd) {
            self.selected = to;
            return Some(Outcome::Stay);
        }
        Some(match cmd {
            Command::Close => Outcome::Close,
            Command::StatsGroup => {
                self.by = match self.by {
                    By::Source => By::Section,
                    By::Section => By::Month,
                    By::Month => By::Source,
                };
                self.selected = 0;
                Outcome::Stats(StatsAsk::Count)
            }
            Command::StatsPeriod => {
                self.span = self.span.next_kind(self.today);
                self.selected = 0;
                Outcome::Stats(StatsAsk::Count)
            }
            Command::Left | Command::Right if self.span == Span::All => {
                self.message = Some((env.lang.t(Msg::StatsViewAllNoStep).to_string(), false));
                Outcome::Stay
            }
            Command::Left | Command::Right => {
                self.span = self.span.step(cmd == Command::Right);
                self.selected = 0;
                Outcome::Stats(StatsAsk::Count)
            }
            Command::StatsSort => {
                self.next_sort();
                Outcome::Stay
            }
            Command::StatsReverse => {
                self.descending = !self.descending;
                self.resort();
                Outcome::Stay
            }
            Command::StatsSave => Outcome::Stats(StatsAsk::ProposePath),
            // Enter is the path field's; over the table it does nothing.
            Command::Accept => Outcome::Stay,
            _ => return None,
        })
    }
}

impl Keys for StatsView {
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        self.message = None;
        match &mut self.mode {
            Mode::Table => self.table_command(cmd, env),
            Mode::Path(input) => match cmd {
                Command::Close => {
                    self.mode = Mode::Table;
                    Some(Outcome::Stay)
                }
                Command::Accept => Some(Outcome::Stats(StatsAsk::Save {
                    text: input.text().to_string(),
                    overwrite: false,
                })),
                _ if input.command(cmd) => Some(Outcome::Stay),
                _ => None,
            },
            Mode::Overwrite { input, .. } => match cmd {
                Command::Close => {
                    self.mode = Mode::Path(input.clone());
                    Some(Outcome::Stay)
                }
                Command::Accept => Some(Outcome::Stats(StatsAsk::Save {
                    text: input.text().to_string(),
                    overwrite: true,
                })),
                // Nothing else until answered.
                _ => Some(Outcome::Stay),
            },
        }
    }

    fn text(&mut self, c: char, env: &Env) -> Outcome {
        self.paste(c.encode_utf8(&mut [0; 4]), env)
    }

    fn paste(&mut self, text: &str, _env: &Env) -> Outcome {
        match &mut self.mode {
            Mode::Path(input) => {
                input.insert(text);
                Outcome::Stay
            }
            _ => Outcome::Ignored,
        }
    }
}

impl App {
    /// Opens the statistics view on the whole library, by unit.
    pub(super) fn open_stats(&mut self) {
        self.overlay = Some(Overlay::Stats(Box::new(StatsView::new(self.today))));
        self.count_stats();
    }

    /// Counts for the view's grouping and period: the saved issues, the
    /// open one as edited.
    fn count_stats(&mut self) {
        let lang = self.lang;
        if let Some(doc) = self.doc.as_mut() {
            doc.flush();
        }
        let Some(Overlay::Stats(view)) = &self.overlay else {
            return;
        };
        let open = self.doc.as_ref().map(|d| (&d.id, &d.issue));
        match gather(&self.lib, &view.query(), open) {
            Ok(g) => {
                let unread = g.unread.iter().map(|e| e.message(lang)).collect();
                if let Some(Overlay::Stats(view)) = &mut self.overlay {
                    view.set_table(g.table, unread);
                }
            }
            Err(e) => {
                let text = e.message(lang);
                if let Some(Overlay::Stats(view)) = &mut self.overlay {
                    view.message = Some((text, true));
                }
            }
        }
    }

    /// Carries out what the statistics view asked for.
    pub(super) fn stats_ask(&mut self, ask: StatsAsk) {
        let lang = self.lang;
        let Some(Overlay::Stats(view)) = &mut self.overlay else {
            return;
        };
        match ask {
            StatsAsk::Count => self.count_stats(),
            StatsAsk::ProposePath => {
                let path = self
                    .lib
                    .root()
                    .join(crate::export::EXPORTS_DIR)
                    .join(view.file_name());
                let mut input = LineInput::new(&self.import_roots.shown(&path));
                input.select_all();
                // Typing replaces the whole path; a move keeps it to edit.
                view.mode = Mode::Path(input);
            }
            StatsAsk::Save { text, overwrite } => {
                if text.trim().is_empty() {
                    view.message = Some((lang.t(Msg::StatsViewNoPath).to_string(), true));
                    return;
                }
                let path = self.import_roots.resolve(&text);
                let mut bytes = Vec::new();
                // Writing into memory cannot fail.
                let _ = write_csv(lang, &view.table_as_shown(), &mut bytes);
                let exports = self.lib.root().join(crate::export::EXPORTS_DIR);
                let result = match path.parent() {
                    Some(dir) if dir == exports => {
                        crate::export::create_exports_dir(self.lib.root()).map(|_| ())
                    }
                    _ => Ok(()),
                }
                .and_then(|()| crate::export::write(&path, &bytes, overwrite));
                let input = LineInput::new(&text);
                match result {
                    Ok(()) => {
                        view.mode = Mode::Table;
                        let msg = lang.fmt(Msg::StatsViewSaved, &[&path.display()]);
                        view.message = Some((msg, false));
                    }
                    Err(crate::export::ExportError::Exists(p)) => {
                        view.mode = Mode::Overwrite { input, path: p };
                    }
                    Err(e) => {
                        view.mode = Mode::Path(input);
                        view.message = Some((e.message(lang), true));
                    }
                }
            }
        }
    }
}

impl StatsView {
    /// The table with its rows in the order shown, for the CSV.
    pub fn table_as_shown(&self) -> Stats {
        Stats {
            rows: self.rows.clone(),
            ..self.table.clone()
        }
    }
}

/// The issues a row appeared in, short: 第40、41期 within one year,
/// 2023年第40期，2024年第1期 across years; runs of three or more as
/// 第1-3期; supplements as 增刊1.
pub fn issue_list(lang: Lang, ids: &[crate::model::IssueId]) -> String {
    let mut years: Vec<i32> = ids.iter().map(|i| i.year).collect();
    years.dedup();
    let mut parts = Vec::new();
    for y in &years {
        let of_year = |supplement: bool| -> Vec<u32> {
            ids.iter()
                .filter(|i| i.year == *y && i.supplement == supplement)
                .map(|i| i.number)
                .collect()
        };
        let mut groups = Vec::new();
        let sep = lang.t(Msg::StatsViewNumberSeparator);
        let regular = runs(&of_year(false), sep);
        if !regular.is_empty() {
            groups.push(lang.fmt(Msg::StatsViewNumbers, &[&regular]));
        }
        let supplements = runs(&of_year(true), sep);
        if !supplements.is_empty() {
            groups.push(lang.fmt(Msg::StatsViewSupplements, &[&supplements]));
        }
        let text = groups.join(lang.t(Msg::ListSeparator));
        parts.push(if years.len() > 1 {
            lang.fmt(Msg::StatsViewInYear, &[y, &text])
        } else {
            text
        });
    }
    parts.join(lang.t(Msg::StatsViewYearSeparator))
}

/// `1、2、5` with runs of three or more as `1-3`.
fn runs(numbers: &[u32], sep: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            out.push(format!("{}-{}", numbers[i], numbers[j]));
        } else {
            out.extend(numbers[i..=j].iter().map(|n| n.to_string()));
        }
        i = j + 1;
    }
    out.join(sep)
}
