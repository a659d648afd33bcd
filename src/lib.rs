//! jianbao (简报): a terminal editor for Chinese work bulletins.
//!
//! Layers, each using only those above it in this list:
//! - [`model`]: serde types of issues, sections, articles (no I/O);
//! - [`i18n`]: the message table (zh-CN and en);
//! - [`text`]: text rules (tidying, rejoining hard-wrapped lines);
//! - [`store`]: the RON library on disk;
//! - [`import`]: turning text and Word files into issues;
//! - [`cli`]: the command line (with `main.rs`).

pub mod i18n;
pub mod model;
pub mod store;
pub mod text;

pub mod import;

pub mod cli;
