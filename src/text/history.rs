//! Undo and redo: steps of primitive replacements in byte positions, so that
//! undoing restores the text byte for byte whatever the grapheme clustering.

use std::time::{Duration, Instant};

use super::editor::Pos;

/// A position as paragraph and byte offset, for exact replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BPos {
    pub para: usize,
    pub byte: usize,
}

impl BPos {
    /// The position after `text` (paragraph breaks as `\n`) inserted at `self`.
    pub fn after(self, text: &str) -> BPos {
        match text.rfind('\n') {
            None => BPos {
                para: self.para,
                byte: self.byte + text.len(),
            },
            Some(i) => BPos {
                para: self.para + text.matches('\n').count(),
                byte: text.len() - i - 1,
            },
        }
    }
}

/// `removed` was replaced by `inserted` at `at`.
#[derive(Debug, Clone)]
pub(crate) struct Edit {
    pub at: BPos,
    pub removed: String,
    pub inserted: String,
}

/// Caret and selection anchor, restored by undo and redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sel {
    pub caret: Pos,
    pub anchor: Option<Pos>,
}

/// What made a step; consecutive steps of the same kind may merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StepKind {
    Typing,
    Backspace,
    Delete,
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub edits: Vec<Edit>,
    pub before: Sel,
    pub after: Sel,
    kind: StepKind,
    time: Option<Instant>,
}

/// A pause longer than this between keystrokes starts a new undo step.
pub(crate) const PAUSE: Duration = Duration::from_secs(2);

/// History kept is bounded by the text it holds, not by a step count.
const MAX_BYTES: usize = 256 << 20;

#[derive(Debug, Default, Clone)]
pub(crate) struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Whether the last step may still absorb the next edit of its kind.
    open: bool,
    bytes: usize,
}

fn size(s: &Step) -> usize {
    s.edits
        .iter()
        .map(|e| e.removed.len() + e.inserted.len() + 64)
        .sum()
}

impl History {
    /// Ends the current group: the next edit starts a new step.
    pub fn close(&mut self) {
        self.open = false;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Records a step, merging it into the previous one when it continues a
    /// run of typing, of Backspace or of Delete.
    pub fn record(
        &mut self,
        kind: StepKind,
        edits: Vec<Edit>,
        before: Sel,
        after: Sel,
        time: Option<Instant>,
    ) {
        self.redo.clear();
        if self.open
            && kind != StepKind::Other
            && edits.len() == 1
            && let Some(last) = self.undo.last_mut()
            && last.kind == kind
            && last.edits.len() == 1
            && !matches!((last.time, time), (Some(a), Some(b)) if b.saturating_duration_since(a) > PAUSE)
        {
            let (prev, new) = (&mut last.edits[0], &edits[0]);
            let merged = match kind {
                StepKind::Typing => {
                    let ok = new.removed.is_empty() && prev.at.after(&prev.inserted) == new.at;
                    if ok {
                        prev.inserted.push_str(&new.inserted);
                    }
                    ok
                }
                StepKind::Backspace => {
                    let ok = prev.inserted.is_empty() && new.at.after(&new.removed) == prev.at;
                    if ok {
                        prev.at = new.at;
                        prev.removed.insert_str(0, &new.removed);
                    }
                    ok
                }
                StepKind::Delete => {
                    let ok = prev.inserted.is_empty() && new.at == prev.at;
                    if ok {
                        prev.removed.push_str(&new.removed);
                    }
                    ok
                }
                StepKind::Other => false,
            };
            if merged {
                self.bytes += new.removed.len() + new.inserted.len();
                last.after = after;
                last.time = time.or(last.time);
                return;
            }
        }
        let step = Step {
            edits,
            before,
            after,
            kind,
            time,
        };
        self.bytes += size(&step);
        self.undo.push(step);
        self.open = kind != StepKind::Other;
        while self.bytes > MAX_BYTES && self.undo.len() > 1 {
            let old = self.undo.remove(0);
            self.bytes -= size(&old);
        }
    }

    pub fn pop_undo(&mut self) -> Option<Step> {
        self.open = false;
        let s = self.undo.pop()?;
        self.bytes -= size(&s);
        Some(s)
    }

    pub fn push_redo(&mut self, s: Step) {
        self.redo.push(s);
    }

    pub fn pop_redo(&mut self) -> Option<Step> {
        self.open = false;
        self.redo.pop()
    }

    /// Puts a redone step back on the undo stack without touching redo.
    pub fn push_undo(&mut self, s: Step) {
        self.bytes += size(&s);
        self.undo.push(s);
    }
}
