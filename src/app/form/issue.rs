//! The issue properties (F4): masthead, marks above it and closing block.
//! The status is not a field: it changes by a command (see
//! [`super::status`]); the form shows it and its history under the fields.

use super::{Field, FieldKind, Form, FormKind, parse_date, parse_number};
use crate::app::input::LineInput;
use crate::i18n::Msg;
use crate::model::{Distribution, DistributionKind, Issue, Marks, Secrecy, Urgency};

/// 密级 in the order of [`Secrecy::ALL`], after 无.
const SECRECY_OPTIONS: [Msg; 4] = [
    Msg::MarkNone,
    Msg::SecrecySecret,
    Msg::SecrecyConfidential,
    Msg::SecrecyTopSecret,
];
/// 紧急程度 in the order of [`Urgency::ALL`], after 无.
const URGENCY_OPTIONS: [Msg; 3] = [Msg::MarkNone, Msg::UrgencyUrgent, Msg::UrgencyExtra];

fn recipients(issue: &Issue, kind: DistributionKind) -> String {
    issue
        .closing
        .distribution
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.recipients.as_str())
        .collect::<Vec<_>>()
        .join("；")
}

/// The notices as the field shows them: 内部资料 注意保存.
fn notices(marks: &Marks) -> String {
    marks.notices.join(" ")
}

/// Position of `x` in `all`, after the leading 无 (0 for none).
fn index_of<T: PartialEq>(all: &[T], x: Option<T>) -> usize {
    x.and_then(|x| all.iter().position(|a| *a == x))
        .map_or(0, |i| i + 1)
}

impl Form {
    pub fn issue(issue: &Issue) -> Form {
        let c = &issue.closing;
        let m = &issue.marks;
        Form::new(
            FormKind::Issue,
            vec![
                Field::text(Msg::FieldBulletin, &issue.bulletin, true),
                Field::number(Msg::FieldNumber, Some(issue.number), true),
                Field::number(Msg::FieldTotal, issue.total, false),
                Field {
                    label: Msg::FieldSupplement,
                    kind: FieldKind::Toggle(issue.supplement),
                    input: LineInput::default(),
                },
                Field {
                    label: Msg::FieldDate,
                    kind: FieldKind::Date,
                    input: LineInput::new(&issue.date.format("%Y-%m-%d").to_string()),
                },
                Field::text(Msg::FieldIssuer, &issue.issuer, true),
                Field::text(
                    Msg::FieldCopyNumber,
                    m.copy_number.as_deref().unwrap_or(""),
                    false,
                ),
                Field::choice(
                    Msg::FieldSecrecy,
                    SECRECY_OPTIONS.to_vec(),
                    index_of(&Secrecy::ALL, m.secrecy),
                ),
                Field::text(
                    Msg::FieldSecrecyPeriod,
                    m.secrecy_period.as_deref().unwrap_or(""),
                    false,
                ),
                Field::choice(
                    Msg::FieldUrgency,
                    URGENCY_OPTIONS.to_vec(),
                    index_of(&Urgency::ALL, m.urgency),
                ),
                Field::text(Msg::FieldNotices, &notices(m), false),
                Field::text(
                    Msg::FieldReport,
                    &recipients(issue, DistributionKind::Report),
                    false,
                ),
                Field::text(
                    Msg::FieldSend,
                    &recipients(issue, DistributionKind::Send),
                    false,
                ),
                Field::text(
                    Msg::FieldIssue,
                    &recipients(issue, DistributionKind::Issue),
                    false,
                ),
                Field::number(Msg::FieldCopies, c.copies, false),
                Field::text(Msg::FieldEditor, c.editor.as_deref().unwrap_or(""), false),
                Field::text(
                    Msg::FieldReviewer,
                    c.reviewer.as_deref().unwrap_or(""),
                    false,
                ),
                Field::text(Msg::FieldSigner, c.signer.as_deref().unwrap_or(""), false),
            ],
        )
    }

    /// Writes the issue form's values into `issue` (call `validate` first).
    pub fn apply_issue(&self, issue: &mut Issue) {
        issue.bulletin = self.text(Msg::FieldBulletin);
        issue.number = parse_number(&self.text(Msg::FieldNumber)).unwrap_or(issue.number);
        issue.total = parse_number(&self.text(Msg::FieldTotal));
        if let FieldKind::Toggle(on) = self.value(Msg::FieldSupplement).kind {
            issue.supplement = on;
        }
        if let Some(d) = parse_date(&self.text(Msg::FieldDate)) {
            issue.date = d;
        }
        issue.issuer = self.text(Msg::FieldIssuer);
        self.apply_marks(&mut issue.marks);
        let c = &mut issue.closing;
        // A kind left as it was keeps its lines exactly; an edited one becomes one line.
        let mut distribution = Vec::new();
        for (kind, label) in [
            (DistributionKind::Report, Msg::FieldReport),
            (DistributionKind::Send, Msg::FieldSend),
            (DistributionKind::Issue, Msg::FieldIssue),
        ] {
            let old: Vec<Distribution> = c
                .distribution
                .iter()
                .filter(|d| d.kind == kind)
                .cloned()
                .collect();
            let joined = old
                .iter()
                .map(|d| d.recipients.as_str())
                .collect::<Vec<_>>()
                .join("；");
            let new = self.text(label);
            if new == joined.trim() {
                distribution.extend(old);
            } else if !new.is_empty() {
                distribution.push(Distribution {
                    kind,
                    recipients: new,
                });
            }
        }
        c.distribution = distribution;
        c.copies = parse_number(&self.text(Msg::FieldCopies));
        c.editor = self.opt_text(Msg::FieldEditor);
        c.reviewer = self.opt_text(Msg::FieldReviewer);
        c.signer = self.opt_text(Msg::FieldSigner);
    }

    fn apply_marks(&self, m: &mut Marks) {
        m.copy_number = self.opt_text(Msg::FieldCopyNumber);
        let secrecy = self.value(Msg::FieldSecrecy).index();
        m.secrecy = secrecy.checked_sub(1).map(|i| Secrecy::ALL[i]);
        m.secrecy_period = self.opt_text(Msg::FieldSecrecyPeriod);
        let urgency = self.value(Msg::FieldUrgency).index();
        m.urgency = urgency.checked_sub(1).map(|i| Urgency::ALL[i]);
        // Notices left as they were keep their exact words.
        let text = self.text(Msg::FieldNotices);
        if text != notices(m).trim() {
            m.notices = text
                .split(|c: char| c.is_whitespace() || "、，,；;".contains(c))
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect();
        }
    }
}
