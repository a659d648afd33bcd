//! The printed words of an issue. They belong to the document, not to the
//! interface, so they stay Chinese whatever the UI language is; every
//! exporter takes them from here.

use crate::model::{DistributionKind, Issue};
use chrono::{Datelike, NaiveDate};

/// Heading of the table of contents.
pub const CONTENTS: &str = "本期要目";
/// Brackets around a section title: 【工作动态】.
pub const SECTION_OPEN: &str = "【";
pub const SECTION_CLOSE: &str = "】";
/// Brackets around a source line: （扶沟县文明办）.
pub const SOURCE_OPEN: &str = "（";
pub const SOURCE_CLOSE: &str = "）";
/// Ends a brief's run-in title when the title has no stop of its own.
pub const BRIEF_STOP: &str = "。";
/// Characters that already end a run-in title.
pub const TERMINAL_PUNCTUATION: &[char] = &['。', '！', '？', '…', '!', '?'];
/// After a distribution label or a staff role.
pub const COLON: &str = "：";
pub const EDITOR: &str = "编辑";
pub const REVIEWER: &str = "审核";
pub const SIGNER: &str = "签发";
/// Between the staff entries of the closing block.
pub const STAFF_GAP: &str = "\u{3000}\u{3000}";
/// The dashes around a page number: — 3 —.
pub const PAGE_DASH: &str = "—";

/// 【工作动态】.
pub fn section(title: &str) -> String {
    format!("{SECTION_OPEN}{title}{SECTION_CLOSE}")
}

/// （扶沟县文明办）.
pub fn source(source: &str) -> String {
    format!("{SOURCE_OPEN}{source}{SOURCE_CLOSE}")
}

/// 第25期, 第25期（总第345期）, 增刊第1期.
pub fn number(issue: &Issue) -> String {
    let base = if issue.supplement {
        format!("增刊第{}期", issue.number)
    } else {
        format!("第{}期", issue.number)
    };
    match issue.total {
        Some(t) => format!("{base}（总第{t}期）"),
        None => base,
    }
}

/// 2023年11月23日: Arabic numerals without leading zeros (GB/T 9704).
pub fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 报：, 送：, 发：.
pub fn distribution(kind: DistributionKind) -> String {
    format!("{}{COLON}", kind.label())
}

/// 共印80份.
pub fn copies(n: u32) -> String {
    format!("共印{n}份")
}

/// 编辑：李明.
pub fn staff(role: &str, name: &str) -> String {
    format!("{role}{COLON}{name}")
}

/// — 3 —, as the page number is printed (the DOCX builds it around a field).
pub fn page_number(n: u32) -> String {
    format!("{PAGE_DASH} {n} {PAGE_DASH}")
}
