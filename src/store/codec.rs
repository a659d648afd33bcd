//! The on-disk RON format of issues and settings.

use crate::model::{Issue, SCHEMA_VERSION, Settings};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Why a file's text could not become a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// RON syntax or type error at a 1-based line and column.
    Parse {
        line: usize,
        col: usize,
        message: String,
    },
    /// Written by a newer jianbao; we must not rewrite it.
    NewerSchema { found: u32 },
}

pub(crate) fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
}

fn encode<T: serde::Serialize>(value: &T) -> String {
    // Our types hold only strings, numbers, dates and enums: serialising
    // them cannot fail, so a failure here is a programming error.
    let mut s = ron::ser::to_string_pretty(value, pretty()).expect("RON serialisation of model");
    s.push('\n');
    s
}

pub fn encode_issue(issue: &Issue) -> String {
    encode(issue)
}

pub fn encode_settings(settings: &Settings) -> String {
    encode(settings)
}

/// Only the schema number, read before the full parse so a newer file is
/// refused with a clear message instead of an "unknown field" error.
#[derive(Deserialize)]
struct SchemaProbe {
    #[serde(default)]
    schema: u32,
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Ok(probe) = ron::from_str::<SchemaProbe>(text)
        && probe.schema > SCHEMA_VERSION
    {
        return Err(DecodeError::NewerSchema {
            found: probe.schema,
        });
    }
    ron::from_str::<T>(text).map_err(|e| DecodeError::Parse {
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })
}

pub fn decode_issue(text: &str) -> Result<Issue, DecodeError> {
    decode(text)
}

pub fn decode_settings(text: &str) -> Result<Settings, DecodeError> {
    decode(text)
}

pub fn encode_submission(record: &crate::model::inbox::Submission) -> String {
    encode(record)
}

pub fn decode_submission(text: &str) -> Result<crate::model::inbox::Submission, DecodeError> {
    decode(text)
}
