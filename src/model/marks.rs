//! Marks printed above the masthead, at the upper left (GB/T 9704-2012
//! 7.2): 份号 (the copy's number), 密级和保密期限 (秘密★1年), 紧急程度 (特急,
//! 加急), and the notices bulletins carry such as 内部资料 and 注意保存.

use super::filled;
use serde::{Deserialize, Serialize};

/// The marks of an issue; all optional, none by default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marks {
    /// 份号: the copy's number, six digits in GB/T 9704 (e.g. "000123").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_number: Option<String>,
    /// 密级.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<Secrecy>,
    /// 保密期限, e.g. "1年", "6个月", "长期"; printed after the 密级 and ★.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy_period: Option<String>,
    /// 紧急程度.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Notices such as 内部资料, 注意保存, 仅供参考, printed on one line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// 密级.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Secrecy {
    /// 秘密.
    Secret,
    /// 机密.
    Confidential,
    /// 绝密.
    TopSecret,
}

/// 紧急程度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Urgency {
    /// 加急.
    Urgent,
    /// 特急.
    ExtraUrgent,
}

impl Secrecy {
    pub const ALL: [Secrecy; 3] = [Secrecy::Secret, Secrecy::Confidential, Secrecy::TopSecret];

    /// The printed word: 秘密, 机密, 绝密.
    pub fn label(self) -> &'static str {
        match self {
            Secrecy::Secret => "秘密",
            Secrecy::Confidential => "机密",
            Secrecy::TopSecret => "绝密",
        }
    }

    pub fn from_label(s: &str) -> Option<Secrecy> {
        Self::ALL.into_iter().find(|x| x.label() == s)
    }
}

impl Urgency {
    pub const ALL: [Urgency; 2] = [Urgency::Urgent, Urgency::ExtraUrgent];

    /// The printed word: 加急, 特急.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Urgent => "加急",
            Urgency::ExtraUrgent => "特急",
        }
    }

    pub fn from_label(s: &str) -> Option<Urgency> {
        Self::ALL.into_iter().find(|x| x.label() == s)
    }
}

/// Between 密级 and 保密期限: 秘密★1年.
pub const SECRECY_STAR: char = '★';

impl Marks {
    pub fn is_empty(&self) -> bool {
        self.lines().is_empty()
    }

    /// 秘密★1年, or 秘密 without a period; `None` without a 密级 (a period
    /// alone means nothing).
    pub fn secrecy_text(&self) -> Option<String> {
        let s = self.secrecy?.label();
        Some(match filled(self.secrecy_period.as_deref()) {
            Some(p) => format!("{s}{SECRECY_STAR}{p}"),
            None => s.to_string(),
        })
    }

    /// The lines printed at the upper left, top to bottom, in the order of
    /// GB/T 9704 (份号, 密级和保密期限, 紧急程度), the notices last.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(filled(self.copy_number.as_deref()).map(str::to_string));
        out.extend(self.secrecy_text());
        out.extend(self.urgency.map(|u| u.label().to_string()));
        let notices: Vec<&str> = self
            .notices
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        if !notices.is_empty() {
            out.push(notices.join(NOTICE_GAP));
        }
        out
    }

    /// Adds what `other` has and this lacks (marks read from several lines).
    pub fn merge(&mut self, other: Marks) {
        self.copy_number = self.copy_number.take().or(other.copy_number);
        self.secrecy = self.secrecy.or(other.secrecy);
        self.secrecy_period = self.secrecy_period.take().or(other.secrecy_period);
        self.urgency = self.urgency.or(other.urgency);
        for n in other.notices {
            if !self.notices.contains(&n) {
                self.notices.push(n);
            }
        }
    }
}

/// Between notices on their line: 内部资料　注意保存.
pub const NOTICE_GAP: &str = "\u{3000}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_print_in_the_order_of_gb_t_9704() {
        assert!(Marks::default().is_empty());
        let m = Marks {
            copy_number: Some("000123".into()),
            secrecy: Some(Secrecy::Secret),
            secrecy_period: Some("1年".into()),
            urgency: Some(Urgency::ExtraUrgent),
            notices: vec!["内部资料".into(), "注意保存".into()],
        };
        assert_eq!(
            m.lines(),
            ["000123", "秘密★1年", "特急", "内部资料　注意保存"]
        );
        let bare = Marks {
            secrecy: Some(Secrecy::Confidential),
            ..Marks::default()
        };
        assert_eq!(bare.lines(), ["机密"]);
        // A period without a 密级 prints nothing; blanks are nothing.
        let odd = Marks {
            secrecy_period: Some("1年".into()),
            copy_number: Some(" ".into()),
            notices: vec!["".into()],
            ..Marks::default()
        };
        assert!(odd.is_empty());
    }

    #[test]
    fn marks_read_from_several_lines_merge() {
        let mut m = Marks {
            notices: vec!["内部资料".into()],
            ..Marks::default()
        };
        m.merge(Marks {
            urgency: Some(Urgency::Urgent),
            notices: vec!["内部资料".into(), "注意保存".into()],
            ..Marks::default()
        });
        assert_eq!(m.urgency, Some(Urgency::Urgent));
        assert_eq!(m.notices, ["内部资料", "注意保存"]);
    }
}
