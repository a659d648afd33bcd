//! Tidying text in the editor (F6, 整理文字).
//!
//! Tidy runs [`crate::text::tidy`] on the selection (or the whole article)
//! and shows every change in an overlay; the clerk unticks what should stay
//! and accepts: the editor gets one [`EditAction::Splice`], one undo step.
//! Rejoining a paste, offered on the same key, is in [`super::paste`].

use super::keymap::Context;
use super::overlay::{Env, Keys, Outcome};
use super::{App, Command, Focus, Overlay};
use crate::i18n::{Lang, Msg};
use crate::model::ArticleRef;
use crate::text::tidy::{Change, Rule, tidy};
use crate::text::{EditAction, Splice};

/// Columns of context shown at most on each side of a change.
const CONTEXT: usize = 10;

/// The tidy overlay: the changes tidying would make, each on or off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TidyReview {
    /// The article and the editor revision the changes were found in.
    pos: ArticleRef,
    revision: u64,
    /// Where `source` starts in the editor's text.
    base: usize,
    source: String,
    pub changes: Vec<Change>,
    pub on: Vec<bool>,
    /// The row under the cursor.
    pub selected: usize,
    /// Tidying the selection (not the whole article).
    pub selection: bool,
}

/// A change in context, for display: `left`, then `old` (in the text now)
/// or `new` (after tidying), then `right`. Spaces and invisible characters
/// in `old` and `new` are made visible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub left: String,
    pub old: String,
    pub new: String,
    pub right: String,
}

/// The characters of `chars` that fit in [`CONTEXT`] columns.
fn within(chars: impl Iterator<Item = char>) -> String {
    let mut used = 0;
    chars
        .take_while(|c| {
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            used <= CONTEXT
        })
        .collect()
}

/// Spaces as ␣, invisible and other blank characters as <U+XXXX>.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ' ' => "␣".to_string(),
            '\u{3000}' => "□".to_string(),
            c if c.is_whitespace()
                || c.is_control()
                || unicode_width::UnicodeWidthChar::width(c) == Some(0) =>
            {
                format!("<U+{:04X}>", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

/// The short name of a tidy rule, for the rows of the overlay.
pub fn rule_name(lang: Lang, rule: Rule) -> &'static str {
    lang.t(match rule {
        Rule::Space => Msg::RuleSpace,
        Rule::Punctuation => Msg::RulePunctuation,
        Rule::Quotes => Msg::RuleQuotes,
        Rule::Ellipsis => Msg::RuleEllipsis,
        Rule::Dash => Msg::RuleDash,
        Rule::Width => Msg::RuleWidth,
        Rule::Invisible => Msg::RuleInvisible,
        Rule::Radical => Msg::RuleRadical,
    })
}

impl TidyReview {
    /// Change `i` with up to `CONTEXT` columns of its line each side.
    pub fn excerpt(&self, i: usize) -> Excerpt {
        let c = &self.changes[i];
        let line_start = self.source[..c.range.start]
            .rfind('\n')
            .map_or(0, |k| k + 1);
        let line_end = self.source[c.range.end..]
            .find('\n')
            .map_or(self.source.len(), |k| c.range.end + k);
        let before = &self.source[line_start..c.range.start];
        let after = &self.source[c.range.end..line_end];
        let mut left: String = within(before.chars().rev()).chars().rev().collect();
        if left.len() < before.len() {
            left.insert(0, '…');
        }
        let mut right = within(after.chars());
        if right.len() < after.len() {
            right.push('…');
        }
        Excerpt {
            left,
            old: visible(&self.source[c.range.clone()]),
            new: visible(&c.replacement),
            right,
        }
    }

    /// Changes per rule (rules without changes left out), and how many of
    /// them are on.
    pub fn counts(&self) -> Vec<(Rule, usize, usize)> {
        Rule::ALL
            .iter()
            .map(|r| {
                let of_rule = || {
                    self.changes
                        .iter()
                        .zip(&self.on)
                        .filter(|(c, _)| c.rule == *r)
                };
                (
                    *r,
                    of_rule().count(),
                    of_rule().filter(|(_, on)| **on).count(),
                )
            })
            .filter(|(_, n, _)| *n > 0)
            .collect()
    }

    pub fn chosen(&self) -> usize {
        self.on.iter().filter(|o| **o).count()
    }
}

impl Keys for TidyReview {
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        let last = self.changes.len().saturating_sub(1);
        let page = (env.height as usize).saturating_sub(10).max(1);
        if let Some(to) = super::overlay::moved(self.selected, self.changes.len(), page, cmd) {
            self.selected = to;
            return Some(Outcome::Stay);
        }
        match cmd {
            Command::Close => return Some(Outcome::CloseWith(Msg::TidyCancelled)),
            Command::Accept => return Some(Outcome::Tidy),
            Command::ToggleItem => {
                if let Some(on) = self.on.get_mut(self.selected) {
                    *on = !*on;
                }
                // On to the next row, as in a checklist.
                self.selected = (self.selected + 1).min(last);
            }
            Command::ToggleAll => {
                let all = self.chosen() < self.changes.len();
                self.on.iter_mut().for_each(|o| *o = all);
            }
            _ => return None,
        }
        Some(Outcome::Stay)
    }
}

impl App {
    /// The key that runs `cmd` in the editor, for messages.
    pub(super) fn editor_key(&self, cmd: Command) -> String {
        self.keymap
            .key_for(Context::Editor, cmd)
            .map(|k| k.to_string())
            .unwrap_or_default()
    }

    /// Opens the tidy overlay on the selection, or the whole article.
    pub(super) fn open_tidy(&mut self) {
        let Some(a) = self.doc.as_ref().and_then(|d| d.article.as_ref()) else {
            self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
            return;
        };
        let text = a.editor.text();
        let (range, selection) = match a.editor.selection() {
            Some((s, e)) => (a.editor.offset(s)..a.editor.offset(e), true),
            None => (0..text.len(), false),
        };
        let source = text[range.clone()].to_string();
        let changes = tidy(&source).changes;
        self.focus = Focus::Editor;
        if changes.is_empty() {
            let msg = if selection {
                Msg::TidyNothingSelected
            } else {
                Msg::TidyNothing
            };
            self.notify(self.lang.t(msg).to_string());
            return;
        }
        self.overlay = Some(Overlay::Tidy(TidyReview {
            pos: a.pos,
            revision: a.editor.revision(),
            base: range.start,
            source,
            on: vec![true; changes.len()],
            changes,
            selected: 0,
            selection,
        }));
    }

    /// Makes the chosen changes, as one undo step.
    pub(super) fn accept_tidy(&mut self, t: TidyReview) {
        let chosen: Vec<Splice> = t
            .changes
            .iter()
            .zip(&t.on)
            .filter(|(_, on)| **on)
            .map(|(c, _)| Splice {
                range: t.base + c.range.start..t.base + c.range.end,
                text: c.replacement.clone(),
            })
            .collect();
        if chosen.is_empty() {
            self.notify(self.lang.t(Msg::TidyNoneChosen).to_string());
            return;
        }
        let current = self
            .doc
            .as_ref()
            .and_then(|d| d.article.as_ref())
            .is_some_and(|a| a.pos == t.pos && a.editor.revision() == t.revision);
        if !current {
            self.notify_error(self.lang.t(Msg::TidyStale).to_string());
            return;
        }
        let n = chosen.len();
        self.edit(EditAction::Splice(chosen));
        self.notify(self.lang.fmt(Msg::TidyDone, &[&n]));
    }
}
