//! Importing a bulletin from the editor (Ctrl+O in the issue list: as a
//! new issue; in the tree: into the open issue; or the palette): a path
//! prompt with completion, an encoding choice when detection is unsure,
//! then a read-only preview of what the import will make ([`Plan`]),
//! confirmed or cancelled. The overlay keeps the typed path through every
//! step and every error; the app reads the file, plans and writes
//! (`run.rs`).

pub mod paths;
mod run;

pub use run::roots;

use super::Command;
use super::input::LineInput;
use super::overlay::{Env, Keys, Outcome};
use crate::i18n::{Lang, Msg};
use crate::import::preview::Plan;
use crate::model::IssueId;
use crate::text::wrap;
use encoding_rs::Encoding;
use paths::{Entry, Roots};
use ratatui::layout::Rect;
use std::path::PathBuf;

/// The popup's largest size, borders included.
pub const SIZE: (u16, u16) = (100, 30);
/// Rows of the path step above its list: the field, where relative paths
/// start, a rule.
pub const HEAD_ROWS: u16 = 3;

/// Where the import goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    New,
    /// The open issue.
    Into(IssueId),
}

/// One encoding offered, with the start of the text read in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingChoice {
    pub encoding: &'static Encoding,
    /// Its first lines that hold something, joined.
    pub sample: String,
}

/// How a row of the preview is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// What will be made.
    Head,
    Section,
    Article,
    /// The masthead, the closing block, what was found, tidied or filled.
    Note,
}

/// A screen row of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub text: String,
}

/// What the import would make, shown for the clerk to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub plan: Box<Plan>,
    pub file: PathBuf,
    /// The encoding chosen by hand, if one was.
    pub encoding: Option<&'static Encoding>,
    /// The plan's preview lines, laid out at the popup's width.
    pub rows: Vec<Row>,
    pub scroll: usize,
}

/// Where the overlay is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Typing or choosing the path.
    Path,
    /// The encoding could not be told for sure: the clerk picks one.
    Encoding {
        file: PathBuf,
        choices: Vec<EncodingChoice>,
        selected: usize,
    },
    Preview(Shown),
}

/// The import overlay's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub target: Target,
    pub roots: Roots,
    pub input: LineInput,
    /// Files and folders the typed path may complete to.
    pub matches: Vec<Entry>,
    pub selected: Option<usize>,
    /// The first match shown.
    pub scroll: usize,
    /// Why the last attempt stopped, shown under the list.
    pub error: Option<String>,
    pub step: Step,
    /// The popup's inner area, for paging and laying out the preview.
    pub area: Rect,
}

/// What the app is asked to do for the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Read and plan the file, in this encoding or the one detected.
    Read {
        file: PathBuf,
        encoding: Option<&'static Encoding>,
    },
    /// Make the import shown.
    Confirm,
}

/// The popup's inner area in a terminal `width`×`height`.
pub fn inner(width: u16, height: u16) -> Rect {
    super::layout::inner(popup(width, height))
}

/// The popup: at most [`SIZE`], clear of the panes' borders at each side.
pub fn popup(width: u16, height: u16) -> Rect {
    let w = SIZE.0.min(width.saturating_sub(4));
    super::layout::popup(Rect::new(0, 0, width, height), w, SIZE.1)
}

impl Import {
    pub fn new(target: Target, roots: Roots, start: &str, width: u16, height: u16) -> Import {
        let mut i = Import {
            target,
            roots,
            input: LineInput::new(start),
            matches: Vec::new(),
            selected: None,
            scroll: 0,
            error: None,
            step: Step::Path,
            area: inner(width, height),
        };
        i.refresh();
        i
    }

    /// Rows the list of matches (or encodings, or the preview) shows: the
    /// popup less the head and the hint line.
    pub fn page(&self) -> usize {
        let head = match self.step {
            Step::Path => HEAD_ROWS,
            Step::Encoding { .. } => 2,
            Step::Preview(_) => 0,
        };
        (self.area.height.saturating_sub(head + 1) as usize).max(1)
    }

    /// Lays the overlay out for a terminal of a new size.
    pub fn fit(&mut self, width: u16, height: u16, lang: Lang) {
        self.area = inner(width, height);
        if let Step::Preview(shown) = &mut self.step {
            let top = shown.scroll;
            shown.rows = rows(&shown.plan, lang, self.area.width as usize);
            shown.scroll = top;
        }
        self.clamp();
    }

    /// Lists the matches of what is typed now.
    fn refresh(&mut self) {
        self.matches = self.roots.matches(self.input.text());
        self.selected = None;
        self.scroll = 0;
    }

    /// Puts `entry` in the field: a folder to go on into, a file to read.
    fn take(&mut self, entry: &Entry) {
        self.input.set(&paths::with_entry(self.input.text(), entry));
        self.refresh();
    }

    fn select(&mut self, delta: isize) {
        let n = self.matches.len();
        if n == 0 {
            return;
        }
        let cur = self.selected.map_or(-1, |s| s as isize);
        self.selected = Some((cur + delta).clamp(0, n as isize - 1) as usize);
        self.clamp();
    }

    /// Keeps the selection and the preview's scroll in view.
    fn clamp(&mut self) {
        let page = self.page();
        match &mut self.step {
            Step::Path => {
                if let Some(s) = self.selected {
                    if s < self.scroll {
                        self.scroll = s;
                    } else if s >= self.scroll + page {
                        self.scroll = s + 1 - page;
                    }
                }
            }
            Step::Preview(shown) => {
                shown.scroll = shown.scroll.min(shown.rows.len().saturating_sub(page));
            }
            Step::Encoding { .. } => {}
        }
    }

    /// Shows the import's preview for confirmation.
    pub fn show(
        &mut self,
        plan: Plan,
        file: PathBuf,
        encoding: Option<&'static Encoding>,
        lang: Lang,
    ) {
        let rows = rows(&plan, lang, self.area.width as usize);
        self.error = None;
        self.step = Step::Preview(Shown {
            plan: Box::new(plan),
            file,
            encoding,
            rows,
            scroll: 0,
        });
    }

    /// Back to the path, saying why.
    pub fn fail(&mut self, message: String) {
        self.step = Step::Path;
        self.error = Some(message);
    }

    /// A key of the path step.
    fn path_command(&mut self, cmd: Command, lang: Lang) -> Option<Outcome> {
        let page = self.page() as isize;
        match cmd {
            Command::Close => return Some(Outcome::Close),
            Command::Complete => {
                if let Some(entry) = self.selected.and_then(|s| self.matches.get(s)).cloned() {
                    self.take(&entry);
                } else if let Some(text) = paths::complete(self.input.text(), &self.matches) {
                    self.input.set(&text);
                    self.refresh();
                } else if !self.matches.is_empty() {
                    // Nothing more to add: choose among them.
                    self.select(1);
                }
            }
            Command::Accept => return Some(self.accept_path(lang)),
            Command::Up => self.select(-1),
            Command::Down => self.select(1),
            Command::PageUp => self.select(-page),
            Command::PageDown => self.select(page),
            Command::First => self.select(isize::MIN / 2),
            Command::Last => self.select(isize::MAX / 2),
            _ if self.input.command(cmd) => {
                self.error = None;
                self.refresh();
            }
            _ => return None,
        }
        Some(Outcome::Stay)
    }

    /// Enter on the path: a chosen folder is gone into, a chosen or typed
    /// file read.
    fn accept_path(&mut self, lang: Lang) -> Outcome {
        let chosen = self.selected.and_then(|s| self.matches.get(s)).cloned();
        if let Some(entry) = chosen {
            self.take(&entry);
            if entry.dir {
                return Outcome::Stay;
            }
            return Outcome::Import(Ask::Read {
                file: entry.path,
                encoding: None,
            });
        }
        if self.input.text().trim().is_empty() {
            self.error = Some(lang.t(Msg::ImportTypePath).to_string());
            return Outcome::Stay;
        }
        let file = self.roots.resolve(self.input.text());
        if file.is_dir() {
            // Go into it, and say to choose a file there.
            let text = self.input.text().trim_end().to_string();
            if !text.ends_with(['/', std::path::MAIN_SEPARATOR]) {
                self.input
                    .set(&format!("{text}{}", std::path::MAIN_SEPARATOR));
            }
            self.refresh();
            self.error = Some(lang.fmt(Msg::ImportIsDir, &[&self.roots.shown(&file)]));
            return Outcome::Stay;
        }
        Outcome::Import(Ask::Read {
            file,
            encoding: None,
        })
    }
}

/// The preview lines of `plan` laid out `width` columns wide.
pub fn rows(plan: &Plan, lang: Lang, width: usize) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, line) in plan.preview(lang).iter().enumerate() {
        let kind = if i < 2 {
            RowKind::Head
        } else if line.starts_with('【') {
            RowKind::Section
        } else if line.starts_with("  ") {
            RowKind::Article
        } else {
            RowKind::Note
        };
        // Continuation rows of an article are indented under its title.
        let indent = if kind == RowKind::Article { 4 } else { 0 };
        for (n, r) in wrap(line, width.max(8) - indent, 0).into_iter().enumerate() {
            let pad = if n > 0 {
                " ".repeat(indent)
            } else {
                String::new()
            };
            out.push(Row {
                kind,
                text: format!("{pad}{}", &line[r.start..r.end]),
            });
        }
    }
    out
}

impl Keys for Import {
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        let page = self.page() as isize;
        match &mut self.step {
            Step::Path => self.path_command(cmd, env.lang),
            Step::Encoding {
                file,
                choices,
                selected,
            } => {
                let last = choices.len().saturating_sub(1) as isize;
                let mut to = |delta: isize| {
                    *selected = (*selected as isize + delta).clamp(0, last) as usize;
                };
                match cmd {
                    Command::Up => to(-1),
                    Command::Down => to(1),
                    Command::PageUp => to(-page),
                    Command::PageDown => to(page),
                    Command::First => to(isize::MIN / 2),
                    Command::Last => to(isize::MAX / 2),
                    Command::Accept => {
                        let file = file.clone();
                        let encoding = choices.get(*selected).map(|c| c.encoding);
                        return Some(Outcome::Import(Ask::Read { file, encoding }));
                    }
                    Command::Close => self.step = Step::Path,
                    _ => return None,
                }
                Some(Outcome::Stay)
            }
            Step::Preview(shown) => {
                let most = shown.rows.len().saturating_sub(page as usize);
                let mut by = |delta: isize| {
                    shown.scroll = shown.scroll.saturating_add_signed(delta).min(most);
                };
                match cmd {
                    Command::Up => by(-1),
                    Command::Down => by(1),
                    Command::PageUp => by(-(page - 1).max(1)),
                    Command::PageDown => by((page - 1).max(1)),
                    Command::First => by(isize::MIN / 2),
                    Command::Last => by(isize::MAX / 2),
                    Command::Accept => return Some(Outcome::Import(Ask::Confirm)),
                    // Cancelled: back to the path, as typed.
                    Command::Close => self.step = Step::Path,
                    _ => return None,
                }
                Some(Outcome::Stay)
            }
        }
    }

    fn text(&mut self, c: char, env: &Env) -> Outcome {
        self.paste(c.encode_utf8(&mut [0; 4]), env)
    }

    fn paste(&mut self, text: &str, _env: &Env) -> Outcome {
        if self.step != Step::Path {
            return Outcome::Ignored;
        }
        self.input.insert(text);
        self.error = None;
        self.refresh();
        Outcome::Stay
    }
}

/// The hint of a step, its message and the keys it names.
pub fn hint_msg(step: &Step) -> Msg {
    match step {
        Step::Path => Msg::ImportPathHint,
        Step::Encoding { .. } => Msg::ImportEncodingHint,
        Step::Preview(_) => Msg::ImportPreviewHint,
    }
}
