//! Rendering: one module per pane, each a pure function of state.

pub mod editor;
