//! jianbao (简报): a terminal editor for Chinese work bulletins.
//!
//! Layers, each using only those above it in this list:
//! - [`model`]: serde types of issues, sections, articles (no I/O);
//! - [`i18n`]: the message table (zh-CN and en);
//! - [`text`]: cleaning, wrapping, the editing buffer, tidy rules, rejoining
//!   hard-wrapped lines (no ratatui, no I/O);
//! - [`store`]: the RON library on disk, locks, recovery, log;
//! - [`import`], [`export`]: text and Word files into issues; Word, PDF, HTML,
//!   Markdown and plain text out, and the print layout;
//! - [`inbox`]: submissions from units, read and adopted into issues;
//! - [`app`]: the state machine (events → commands → update), no drawing;
//! - [`ui`]: pure rendering of the app state, one module per pane;
//! - [`cli`], [`term`]: the command line and the terminal (with `main.rs`).

pub mod i18n;
pub mod model;
pub mod store;
pub mod text;

pub mod export;
pub mod import;
pub mod inbox;

pub mod app;
pub mod ui;

pub mod cli;
pub mod term;

#[cfg(test)]
pub(crate) mod test_support;
