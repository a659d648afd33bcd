//! The inbox view (收件箱, Ctrl+W, F10 or the palette): the submissions with
//! unit, date, title, 字数 and state, the selected one's text as it would be
//! imported (read-only), and the decisions: adopt into the open issue
//! (choosing the section, feature or brief), return with a note, decline
//! with a reason.

use super::input::LineInput;
use super::overlay::{Env, Keys, Outcome};
use super::{App, Command, Overlay};
use crate::i18n::Msg;
use crate::inbox::flags::{Flag, flags, leads};
use crate::model::inbox::SubState;
use crate::model::{ArticleKind, Issue, IssueId};
use crate::store::inbox::{Entry, sub_state};
use std::collections::BTreeMap;

/// What the view is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Choosing a submission.
    List,
    /// Choosing where the selected one goes in the open issue: a section,
    /// a feature or a brief.
    Adopt {
        sections: Vec<String>,
        section: usize,
        kind: ArticleKind,
    },
    /// Writing the note of a return (or the reason of a decline).
    Note { to: SubState, input: LineInput },
    /// Correcting the selected submission's unit (its current one
    /// prefilled).
    Unit(LineInput),
}

/// The inbox overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxView {
    /// Undecided first (oldest first), then the decided.
    pub rows: Vec<Entry>,
    pub flags: BTreeMap<u32, Vec<Flag>>,
    /// Problems found reading the inbox, in words.
    pub problems: Vec<String>,
    pub selected: usize,
    /// The selected submission's text as it would be imported, or why it
    /// cannot be read.
    pub preview: Vec<String>,
    pub scroll: usize,
    pub mode: Mode,
}

/// What the view asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboxAct {
    Adopt {
        entry: Box<Entry>,
        section: usize,
        kind: ArticleKind,
    },
    Decide {
        entry: Box<Entry>,
        to: SubState,
        note: String,
    },
    /// Records the unit as corrected.
    Unit { entry: Box<Entry>, unit: String },
}

impl InboxView {
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.rows.get(self.selected)
    }

    fn select(&mut self, i: usize, lang: crate::i18n::Lang) {
        self.selected = i.min(self.rows.len().saturating_sub(1));
        self.scroll = 0;
        self.preview = match self.selected_entry() {
            Some(e) => match crate::inbox::read_entry(e) {
                Ok(r) => r.preview_lines(&e.record.unit),
                Err(err) => vec![err.message(lang)],
            },
            None => Vec::new(),
        };
    }

    /// The selected submission, if it can still be decided; else a
    /// notice why not.
    fn open_entry(&self) -> Result<&Entry, Msg> {
        match self.selected_entry() {
            None => Err(Msg::InboxNothing),
            Some(e) if e.record.state.is_final() => Err(Msg::InboxDecidedAlready),
            Some(e) => Ok(e),
        }
    }

    fn list_command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        let page = (env.height as usize / 2).max(1);
        Some(match cmd {
            Command::Close => Outcome::Close,
            Command::Up => {
                self.select(self.selected.saturating_sub(1), env.lang);
                Outcome::Stay
            }
            Command::Down => {
                self.select(self.selected + 1, env.lang);
                Outcome::Stay
            }
            // Space pages the text down, as in the print preview.
            Command::PageDown | Command::ToggleItem => {
                let last = self.preview.len().saturating_sub(1);
                self.scroll = (self.scroll + page).min(last);
                Outcome::Stay
            }
            Command::PageUp => {
                self.scroll = self.scroll.saturating_sub(page);
                Outcome::Stay
            }
            Command::InboxAdopt | Command::InboxBrief | Command::Accept => {
                match self.open_entry() {
                    Err(why) => Outcome::Notice(why),
                    // The sections come from the app, which knows the open issue.
                    Ok(_) => Outcome::Inbox(InboxAct::Adopt {
                        entry: Box::new(self.rows[self.selected].clone()),
                        section: usize::MAX,
                        kind: if cmd == Command::InboxBrief {
                            ArticleKind::Brief
                        } else {
                            ArticleKind::Feature
                        },
                    }),
                }
            }
            // A decided submission's unit still counts in the statistics:
            // it may be corrected too.
            Command::InboxUnit => match self.selected_entry() {
                None => Outcome::Notice(Msg::InboxNothing),
                Some(e) => {
                    let mut input = LineInput::new(&e.record.unit);
                    input.select_all();
                    self.mode = Mode::Unit(input);
                    Outcome::Stay
                }
            },
            Command::InboxReturn | Command::InboxDecline => match self.open_entry() {
                Err(why) => Outcome::Notice(why),
                Ok(_) => {
                    let to = if cmd == Command::InboxReturn {
                        SubState::Returned
                    } else {
                        SubState::Declined
                    };
                    self.mode = Mode::Note {
                        to,
                        input: LineInput::default(),
                    };
                    Outcome::Stay
                }
            },
            _ => return None,
        })
    }
}

impl Keys for InboxView {
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        match &mut self.mode {
            Mode::List => self.list_command(cmd, env),
            Mode::Adopt {
                sections,
                section,
                kind,
            } => Some(match cmd {
                Command::Close => {
                    self.mode = Mode::List;
                    Outcome::Stay
                }
                Command::Up => {
                    *section = section.saturating_sub(1);
                    Outcome::Stay
                }
                Command::Down => {
                    *section = (*section + 1).min(sections.len().saturating_sub(1));
                    Outcome::Stay
                }
                Command::ToggleItem | Command::InboxBrief | Command::ToggleKind => {
                    *kind = match kind {
                        ArticleKind::Feature => ArticleKind::Brief,
                        ArticleKind::Brief => ArticleKind::Feature,
                    };
                    Outcome::Stay
                }
                Command::Accept => {
                    let act = InboxAct::Adopt {
                        entry: Box::new(self.rows[self.selected].clone()),
                        section: *section,
                        kind: *kind,
                    };
                    self.mode = Mode::List;
                    Outcome::Inbox(act)
                }
                _ => return None,
            }),
            Mode::Note { to, input } => match cmd {
                Command::Close => {
                    self.mode = Mode::List;
                    Some(Outcome::Stay)
                }
                Command::Accept if input.text().trim().is_empty() => {
                    Some(Outcome::Notice(if *to == SubState::Declined {
                        Msg::InboxNeedsReasonTui
                    } else {
                        Msg::InboxNeedsNoteTui
                    }))
                }
                Command::Accept => {
                    let act = InboxAct::Decide {
                        entry: Box::new(self.rows[self.selected].clone()),
                        to: *to,
                        note: input.text().trim().to_string(),
                    };
                    self.mode = Mode::List;
                    Some(Outcome::Inbox(act))
                }
                _ if input.command(cmd) => Some(Outcome::Stay),
                _ => None,
            },
            Mode::Unit(input) => match cmd {
                Command::Close => {
                    self.mode = Mode::List;
                    Some(Outcome::Stay)
                }
                Command::Accept if input.text().trim().is_empty() => {
                    Some(Outcome::Notice(Msg::InboxNeedsUnitTui))
                }
                Command::Accept => {
                    let act = InboxAct::Unit {
                        entry: Box::new(self.rows[self.selected].clone()),
                        unit: input.text().trim().to_string(),
                    };
                    self.mode = Mode::List;
                    Some(Outcome::Inbox(act))
                }
                _ if input.command(cmd) => Some(Outcome::Stay),
                _ => None,
            },
        }
    }

    fn text(&mut self, c: char, env: &Env) -> Outcome {
        self.paste(c.encode_utf8(&mut [0; 4]), env)
    }

    fn paste(&mut self, text: &str, _env: &Env) -> Outcome {
        match &mut self.mode {
            Mode::Note { input, .. } | Mode::Unit(input) => {
                input.insert(text);
                Outcome::Stay
            }
            _ => Outcome::Ignored,
        }
    }
}

impl App {
    /// Opens the inbox view, recording files dropped into `inbox/` by hand.
    pub(super) fn open_inbox(&mut self) {
        self.show_inbox(false);
    }

    /// Shows the inbox as it is now: on the submission selected before, or,
    /// after a decision (`next`), on the first still to decide.
    fn show_inbox(&mut self, next: bool) {
        let lang = self.lang;
        let listing = match crate::inbox::scan(&self.lib, lang) {
            Ok(l) => l,
            Err(e) => return self.notify_error(e.message(lang)),
        };
        let issues: Vec<(IssueId, Issue)> = self
            .lib
            .entries()
            .filter_map(|(id, _)| self.lib.issue(id).ok().map(|i| (*id, i.into_owned())))
            .collect();
        let refs: Vec<(IssueId, &Issue)> = issues.iter().map(|(id, i)| (*id, i)).collect();
        let flags = flags(&listing, &refs, &leads(&listing));
        let problems: Vec<String> = listing.problems.iter().map(|p| p.message(lang)).collect();
        let mut rows = listing.entries;
        rows.sort_by_key(|e| e.record.state.is_final());
        let keep = match &self.overlay {
            Some(Overlay::Inbox(v)) => v.selected_entry().map(|e| e.record.id),
            _ => None,
        };
        let mut view = InboxView {
            rows,
            flags,
            problems,
            selected: 0,
            preview: Vec::new(),
            scroll: 0,
            mode: Mode::List,
        };
        let pending = view.rows.iter().position(|e| !e.record.state.is_final());
        let kept = keep.and_then(|id| view.rows.iter().position(|e| e.record.id == id));
        let at = if next { pending.or(kept) } else { kept }.unwrap_or(0);
        view.select(at, lang);
        if let Some(first) = view.problems.first() {
            self.notify_error(first.clone());
        }
        self.overlay = Some(Overlay::Inbox(view));
    }

    /// Carries out a decision taken in the inbox view, then shows the
    /// inbox as it is now.
    pub(super) fn inbox_act(&mut self, act: InboxAct) {
        let lang = self.lang;
        let now = crate::store::workflow::now();
        match act {
            InboxAct::Adopt {
                entry,
                section: usize::MAX,
                kind,
            } => self.choose_section(*entry, kind),
            InboxAct::Adopt {
                entry,
                section,
                kind,
            } => {
                if let Some(msg) = self.adopt_into_open(&entry, section, kind) {
                    self.show_inbox(true);
                    self.notify(msg);
                } else {
                    // The reason is on the status line; the view stays.
                    let notice = self.notice.clone();
                    self.open_inbox();
                    self.notice = notice;
                }
            }
            InboxAct::Unit { entry, unit } => {
                match crate::inbox::set_unit(&self.lib, &entry, &unit) {
                    Ok(_) => {
                        self.open_inbox();
                        self.notify(lang.fmt(Msg::InboxUnitLine, &[&entry.record.id, &unit]));
                    }
                    Err(e) => {
                        self.open_inbox();
                        self.notify_error(e.message(lang));
                    }
                }
            }
            InboxAct::Decide { entry, to, note } => {
                let actor = self.actor.clone();
                match crate::inbox::decide(&self.lib, &entry, to, &note, &actor, now) {
                    Ok(_) => {
                        self.show_inbox(true);
                        let msg = if to == SubState::Declined {
                            Msg::InboxDeclinedLine
                        } else {
                            Msg::InboxReturnedLine
                        };
                        self.notify(lang.fmt(msg, &[&entry.record.id, &note]));
                    }
                    Err(e) => {
                        self.open_inbox();
                        self.notify_error(e.message(lang));
                    }
                }
            }
        }
    }

    /// The section picker for an adoption into the open issue.
    fn choose_section(&mut self, entry: Entry, kind: ArticleKind) {
        let lang = self.lang;
        if self.doc.is_none() {
            return self.notify_error(lang.t(Msg::InboxNoIssue).to_string());
        }
        // Before a section is picked: a signed issue (or one someone else
        // has, or a sync running) takes nothing.
        if self.refuse_read_only() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let sections: Vec<String> = doc.issue.sections.iter().map(|s| s.title.clone()).collect();
        let section = match kind {
            ArticleKind::Brief => sections.len().saturating_sub(1),
            ArticleKind::Feature => 0,
        };
        if let Some(Overlay::Inbox(v)) = &mut self.overlay {
            if let Some(i) = v.rows.iter().position(|e| e.path == entry.path) {
                v.selected = i;
            }
            v.mode = Mode::Adopt {
                sections,
                section,
                kind,
            };
        }
    }

    /// Adds the submission's articles to the open issue, saves it and
    /// records the adoption; the message to show, or `None` after a
    /// notice of why not (a signed issue, a read-only one, a record
    /// changed by someone else — then the articles are taken out again).
    fn adopt_into_open(
        &mut self,
        entry: &Entry,
        section: usize,
        kind: ArticleKind,
    ) -> Option<String> {
        let lang = self.lang;
        if let Err(e) = self.lib.check_submission(entry) {
            self.notify_error(e.message(lang));
            return None;
        }
        let reading = match crate::inbox::read_entry(entry) {
            Ok(r) => r,
            Err(e) => {
                self.notify_error(e.message(lang));
                return None;
            }
        };
        let fallback = self
            .lib
            .settings
            .sections
            .first()
            .cloned()
            .unwrap_or_else(|| "工作动态".to_string());
        let doc = self.doc.as_mut()?;
        if let Some(why) = doc.issue.read_only() {
            let msg = crate::store::workflow::read_only_message(lang, &doc.id, &why);
            self.notify_error(msg);
            return None;
        }
        doc.flush();
        let before = doc.issue.clone();
        let name = doc.issue.sections.get(section).map(|s| s.title.clone());
        let articles = crate::inbox::articles_for(&reading, &entry.record, kind);
        let titles: Vec<String> = articles.iter().map(|a| a.title_text()).collect();
        let at = crate::inbox::place(&mut doc.issue, articles, name.as_deref(), &fallback);
        if at.section >= before.sections.len() {
            doc.follow(super::tree::Change::InsertSection(at.section));
        }
        let placed = doc.issue.sections[at.section].title.clone();
        if !self.save() {
            self.undo_adoption(before);
            return None;
        }
        let id = self.doc.as_ref()?.id;
        let actor = self.actor.clone();
        let now = crate::store::workflow::now();
        match crate::inbox::record_adoption(&self.lib, entry, id, titles.clone(), &actor, now) {
            Ok(_) => Some(lang.fmt(
                Msg::InboxAdoptedLine,
                &[
                    &entry.record.id,
                    &id,
                    &placed,
                    &titles.join(lang.t(Msg::ListSeparator)),
                ],
            )),
            Err(e) => {
                self.undo_adoption(before);
                self.save();
                self.notify_error(e.message(lang));
                None
            }
        }
    }

    /// Puts the open issue back as it was before an adoption.
    fn undo_adoption(&mut self, before: Issue) {
        if let Some(doc) = self.doc.as_mut() {
            let open = doc.article.as_ref().map(|a| a.pos);
            let added = doc.issue.sections.len() > before.sections.len();
            doc.issue = before;
            if added {
                doc.follow(super::tree::Change::RemoveSection(doc.issue.sections.len()));
            }
            if let Some(pos) = open {
                doc.tree.selected = Some(super::tree::Node::Article(pos));
            }
        }
    }
}

/// The row of a submission in the view: 收文号, date, unit, title, 字数,
/// state (and the issue it went into).
pub fn row_cells(lang: crate::i18n::Lang, e: &Entry) -> [String; 5] {
    let r = &e.record;
    let date = r
        .received
        .with_timezone(&chrono::Local)
        .format("%m-%d")
        .to_string();
    let unit = if r.unit.trim().is_empty() {
        lang.t(Msg::InboxUnitUnknown).to_string()
    } else {
        r.unit.clone()
    };
    let title = if r.title.is_empty() {
        r.file.clone()
    } else {
        r.title.clone()
    };
    let mut state = sub_state(lang, r.state).to_string();
    if let Some(id) = r.adopted_into().filter(|_| r.state == SubState::Adopted) {
        state = format!("{state} {id}");
    }
    [
        format!("{:>3} {date}", r.id),
        unit,
        title,
        r.chars.to_string(),
        state,
    ]
}
