//! Issue ids: `2023-012` for 第12期 of 2023, `2023-S01` for the first 增刊.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IssueId {
    pub year: i32,
    /// Supplements sort after regular issues of the same year.
    pub supplement: bool,
    pub number: u32,
}

impl IssueId {
    pub fn new(year: i32, number: u32, supplement: bool) -> Self {
        IssueId {
            year,
            supplement,
            number,
        }
    }
}

impl fmt::Display for IssueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.supplement {
            write!(f, "{:04}-S{:02}", self.year, self.number)
        } else {
            write!(f, "{:04}-{:03}", self.year, self.number)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an issue id: {0:?} (expected e.g. 2023-012 or 2023-S01)")]
pub struct IssueIdError(pub String);

impl FromStr for IssueId {
    type Err = IssueIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || IssueIdError(s.to_string());
        let (year, rest) = s.split_once('-').ok_or_else(err)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let (supplement, digits) = match rest.strip_prefix(['S', 's']) {
            Some(d) => (true, d),
            None => (false, rest),
        };
        if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let number: u32 = digits.parse().map_err(|_| err())?;
        if number == 0 {
            return Err(err());
        }
        Ok(IssueId::new(
            year.parse().map_err(|_| err())?,
            number,
            supplement,
        ))
    }
}

/// Written as its display form, `"2023-025"` (JSON output of the command line).
impl serde::Serialize for IssueId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read from its display form, `"2023-025"`.
impl<'de> serde::Deserialize<'de> for IssueId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
