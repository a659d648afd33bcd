//! jianbao (简报): a terminal editor for Chinese work bulletins.
//!
//! Layers, each using only those above it in this list:
//! - [`model`]: serde types of issues, sections, articles (no I/O);
//! - [`i18n`]: the message table (zh-CN and en);
//! - [`text`]: cleaning, wrapping and the editing buffer (no ratatui);
//! - [`store`]: the RON library on disk;
//! - [`export`]: Word, HTML, Markdown and plain text, and the print layout;
//! - [`app`]: the state machine (events → commands → update), no drawing;
//! - [`ui`]: pure rendering of the app state, one module per pane;
//! - [`cli`], [`term`]: the command line and the terminal (with `main.rs`).

pub mod i18n;
pub mod model;
pub mod store;
pub mod text;

pub mod export;

pub mod app;
pub mod ui;

pub mod cli;
pub mod term;
