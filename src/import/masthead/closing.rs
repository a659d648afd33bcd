//! The closing block (版记): 报/送/发 lists, 共印N份, 编辑/审核/签发 and the
//! 印发 line, read line by line and gathered into a [`Closing`].

use super::names::clean_issuer;
use super::numbers::{find_date, numbered, strip_spaces};
use crate::model::{Closing, Distribution, DistributionKind};
use chrono::NaiveDate;

/// One closing-block line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosingLine {
    Distribution(Distribution),
    Copies(u32),
    People(Vec<(Role, String)>),
    /// 周口市文明办　2023年11月23日印发
    Printed {
        issuer: Option<String>,
        date: NaiveDate,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Editor,
    Reviewer,
    Signer,
}

const DISTRIBUTION_LABELS: [(&str, DistributionKind); 13] = [
    ("抄报", DistributionKind::Report),
    ("呈报", DistributionKind::Report),
    ("报送", DistributionKind::Report),
    ("报", DistributionKind::Report),
    ("抄送", DistributionKind::Send),
    ("分送", DistributionKind::Send),
    ("送阅", DistributionKind::Send),
    ("送", DistributionKind::Send),
    ("印发", DistributionKind::Issue),
    ("下发", DistributionKind::Issue),
    ("分发", DistributionKind::Issue),
    ("发送", DistributionKind::Issue),
    ("发", DistributionKind::Issue),
];

const ROLE_LABELS: [(&str, Role); 9] = [
    ("责任编辑", Role::Editor),
    ("责编", Role::Editor),
    ("编辑", Role::Editor),
    ("主编", Role::Editor),
    ("审核", Role::Reviewer),
    ("审稿", Role::Reviewer),
    ("审定", Role::Reviewer),
    ("核稿", Role::Reviewer),
    ("签发", Role::Signer),
];

fn after_label<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(label)?;
    let rest = rest.trim_start_matches([' ', '　']);
    rest.strip_prefix(['：', ':'])
}

/// Reads a closing-block line; `None` if it is not one (or holds anything
/// the closing block cannot keep, so that nothing is lost).
pub fn closing_line(text: &str) -> Option<ClosingLine> {
    let t = text.trim();
    for (label, kind) in DISTRIBUTION_LABELS {
        if let Some(rest) = after_label(t, label) {
            let recipients = rest.trim();
            if recipients.is_empty() {
                return None;
            }
            return Some(ClosingLine::Distribution(Distribution {
                kind,
                recipients: recipients.to_string(),
            }));
        }
    }
    let compact = strip_spaces(t);
    let inner = compact.trim_matches(['（', '）', '(', ')']);
    // 共印80份, 印80份: the whole line.
    for prefix in ["共印", "印"] {
        if let Some((n, r)) = numbered(inner, prefix, '份')
            && r == (0..inner.len())
        {
            return Some(ClosingLine::Copies(n));
        }
    }
    if compact.ends_with("印发")
        && let Some((date, r)) = find_date(t)
    {
        let issuer = clean_issuer(&t[..r.start]);
        if t[r.end..].trim() == "印发" {
            return Some(ClosingLine::Printed { issuer, date });
        }
    }
    people(t).map(ClosingLine::People)
}

/// 编辑：李明　审核：王芳　签发：张华 — every part must be a known role.
fn people(t: &str) -> Option<Vec<(Role, String)>> {
    let mut out: Vec<(Role, String)> = Vec::new();
    let mut rest = t.trim();
    while !rest.is_empty() {
        let (role, after) = ROLE_LABELS
            .iter()
            .find_map(|(l, r)| after_label(rest, l).map(|a| (*r, a)))?;
        // The value runs to the next label.
        let end = after
            .char_indices()
            .find(|(i, _)| {
                let tail = after[*i..].trim_start();
                *i > 0
                    && after[..*i].ends_with([' ', '　', '\t'])
                    && ROLE_LABELS
                        .iter()
                        .any(|(l, _)| after_label(tail, l).is_some())
            })
            .map_or(after.len(), |(i, _)| i);
        let value = after[..end].trim();
        // A wide gap ends the names: what follows is set apart (共印N份).
        if value.is_empty() || value.contains(['。', '，', '：', ':']) || value.contains("   ") {
            return None;
        }
        out.push((role, value.to_string()));
        rest = after[end..].trim_start();
    }
    (!out.is_empty()).then_some(out)
}

/// Builds the closing block from its lines; wrapped recipients (a line that
/// is no closing line of its own) continue the distribution line before.
pub fn closing_from(lines: &[ClosingLine]) -> Closing {
    let mut c = Closing::default();
    for l in lines {
        match l {
            ClosingLine::Distribution(d) => c.distribution.push(d.clone()),
            ClosingLine::Copies(n) => c.copies = Some(*n),
            ClosingLine::People(p) => {
                for (role, name) in p {
                    let slot = match role {
                        Role::Editor => &mut c.editor,
                        Role::Reviewer => &mut c.reviewer,
                        Role::Signer => &mut c.signer,
                    };
                    *slot = Some(name.clone());
                }
            }
            ClosingLine::Printed { .. } => {}
        }
    }
    c
}
