//! The new-issue form (Ctrl+N): 第N期, 总第N期 and the date proposed by the
//! library's numbering (as `jianbao new` takes them), to confirm or change,
//! and 增刊 for a supplement's own sequence. A number another issue already
//! has is named under the fields as it is typed, and refused on Enter.

use super::{Field, FieldKind, Form, FormKind, parse_date, parse_number};
use crate::app::input::LineInput;
use crate::i18n::{Lang, Msg};
use crate::model::{Issue, IssueId, NewIssueSpec, Settings, next_issue, total_clashes};
use crate::store::workflow::Clash;
use chrono::{Datelike, NaiveDate};

/// What the form knows of the library: enough to propose numbers for
/// another year or sequence and to name clashes, without reaching into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIssueInfo {
    /// Every issue of the library: its id and 总第N期.
    existing: Vec<(IssueId, Option<u32>)>,
    /// The issue the masthead, section titles and closing block come from.
    template: Option<IssueId>,
    /// The numbers proposed for the year and sequence now chosen.
    proposed: Proposal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Proposal {
    year: i32,
    supplement: bool,
    number: u32,
    total: Option<u32>,
}

/// The new issue as the form gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewIssueChoice {
    pub date: NaiveDate,
    pub supplement: bool,
    /// A number the clerk typed; `None`: the next free one, which moves on
    /// when another clerk takes it meanwhile.
    pub number: Option<u32>,
    /// A 总第N期 the clerk typed or emptied (`Some(None)`); `None`: the one
    /// proposed.
    pub total: Option<Option<u32>>,
}

const FIELDS: [Msg; 4] = [
    Msg::FieldNumber,
    Msg::FieldTotal,
    Msg::FieldSupplement,
    Msg::FieldDate,
];

impl Form {
    /// The form for a new issue, filled with `next` (the library's next
    /// issue, see `Library::next_numbered`).
    pub fn new_issue(
        next: &Issue,
        existing: Vec<(IssueId, Option<u32>)>,
        template: Option<IssueId>,
        lang: Lang,
    ) -> Form {
        let mut form = Form::new(
            FormKind::NewIssue,
            vec![
                Field::number(FIELDS[0], Some(next.number), true),
                Field::number(FIELDS[1], next.total, false),
                Field {
                    label: FIELDS[2],
                    kind: FieldKind::Toggle(next.supplement),
                    input: LineInput::default(),
                },
                Field {
                    label: FIELDS[3],
                    kind: FieldKind::Date,
                    input: LineInput::new(&next.date.format("%Y-%m-%d").to_string()),
                },
            ],
        );
        form.new_issue = Some(Box::new(NewIssueInfo {
            existing,
            template,
            proposed: Proposal {
                year: next.date.year(),
                supplement: next.supplement,
                number: next.number,
                total: next.total,
            },
        }));
        form.refresh_new_issue(lang);
        form
    }

    fn supplement(&self) -> bool {
        matches!(
            self.value(Msg::FieldSupplement).kind,
            FieldKind::Toggle(true)
        )
    }

    /// After a change: a number or total still as proposed follows the year
    /// and sequence chosen; the lines under the fields are written again.
    pub(super) fn refresh_new_issue(&mut self, lang: Lang) {
        if self.new_issue.is_none() {
            return;
        }
        let supplement = self.supplement();
        let date = parse_date(&self.text(Msg::FieldDate));
        let Some(info) = self.new_issue.as_deref_mut() else {
            return;
        };
        let old = info.proposed;
        let year = date.map_or(old.year, |d| d.year());
        if (year, supplement) != (old.year, old.supplement) {
            let next = next_issue(&NewIssueSpec {
                existing: &info.existing,
                template: None,
                settings: &Settings::default(),
                date: date.unwrap_or_default(),
                supplement,
            });
            let new = Proposal {
                year,
                supplement,
                number: next.number,
                total: next.total,
            };
            info.proposed = new;
            let shown = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
            for (label, was, now) in [
                (Msg::FieldNumber, Some(old.number), Some(new.number)),
                (Msg::FieldTotal, old.total, new.total),
            ] {
                let field = self
                    .fields
                    .iter_mut()
                    .find(|f| f.label == label)
                    .expect("form has the field");
                if field.input.text().trim() == shown(was) {
                    field.input = LineInput::new(&shown(now));
                }
            }
        }
        self.info = self.new_issue_lines(lang);
    }

    /// Where the rest comes from, then every clash (marked ！).
    fn new_issue_lines(&self, lang: Lang) -> Vec<String> {
        let Some(info) = self.new_issue.as_deref() else {
            return Vec::new();
        };
        let mut lines = vec![match info.template {
            Some(t) => lang.fmt(Msg::NewIssueFrom, &[&t]),
            None => lang.t(Msg::NewIssueFromSettings).to_string(),
        }];
        lines.extend(self.new_issue_clashes(lang).into_iter().map(|(_, l)| l));
        lines
    }

    /// The clashes of the numbers as typed with the library's issues: the
    /// same 第N期 (one file each, so it cannot be created) or 总第N期 (which
    /// `jianbao check` fails on), each with the field to change.
    fn new_issue_clashes(&self, lang: Lang) -> Vec<(usize, String)> {
        let (Some(info), Some(number), Some(date)) = (
            self.new_issue.as_deref(),
            parse_number(&self.text(Msg::FieldNumber)),
            parse_date(&self.text(Msg::FieldDate)),
        ) else {
            return Vec::new();
        };
        let id = IssueId::new(date.year(), number, self.supplement());
        let mut out = Vec::new();
        if info.existing.iter().any(|(e, _)| *e == id) {
            out.push((0, format!("！{}", lang.fmt(Msg::NewIssueTaken, &[&id]))));
        }
        if let Some(total) = parse_number(&self.text(Msg::FieldTotal)) {
            let mut all = info.existing.clone();
            all.push((id, Some(total)));
            for c in total_clashes(&all) {
                if c.ids.contains(&id) {
                    let others = c.ids.into_iter().filter(|o| *o != id).collect();
                    let clash = Clash::Total { total, others };
                    out.push((1, format!("！{}", clash.message(lang))));
                }
            }
        }
        out
    }

    /// A clash refuses the form: the first one, on the field to change.
    pub(super) fn validate_new_issue(&mut self, lang: Lang) -> Result<(), String> {
        if self.kind != FormKind::NewIssue {
            return Ok(());
        }
        let Some((field, line)) = self.new_issue_clashes(lang).into_iter().next() else {
            return Ok(());
        };
        let p = line.trim_start_matches('！').to_string();
        self.focus = field;
        self.error = Some(p.clone());
        Err(p)
    }

    /// The new issue as chosen (call `validate` first).
    pub fn new_issue_choice(&self, today: NaiveDate) -> NewIssueChoice {
        let proposed = self.new_issue.as_deref().map(|i| i.proposed);
        let number = parse_number(&self.text(Msg::FieldNumber));
        let total = parse_number(&self.text(Msg::FieldTotal));
        NewIssueChoice {
            date: parse_date(&self.text(Msg::FieldDate)).unwrap_or(today),
            supplement: self.supplement(),
            number: number.filter(|n| proposed.is_none_or(|p| p.number != *n)),
            total: Some(total).filter(|t| proposed.is_none_or(|p| p.total != *t)),
        }
    }
}
