//! jianbao (简报): a terminal editor for Chinese work bulletins.
//!
//! Layers, each using only those above it in this list:
//! - [`model`]: serde types of issues, sections, articles (no I/O);
//! - [`i18n`]: the message table (zh-CN and en);
//! - [`text`]: cleaning, wrapping and the editing buffer (no ratatui);
//! - [`store`]: the RON library on disk;
//! - [`app`]: the state machine (events → actions → update);
//! - [`ui`]: rendering, one module per pane;
//! - [`cli`]: the command line (with `main.rs`).

pub mod i18n;
pub mod model;
pub mod store;
pub mod text;

pub mod app;
pub mod ui;

pub mod cli;
