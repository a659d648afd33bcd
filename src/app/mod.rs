//! The app state machine: events → actions → update (no drawing).

pub mod editor_keys;
