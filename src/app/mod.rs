//! The app state machine, and nothing that draws (`ui` renders this state).
//!
//! One event goes one way ([`App::handle_event`]): a key over an overlay
//! (or the find bar) is looked up in its context of the key map and handled
//! by the overlay itself, which answers with an [`overlay::Outcome`] that
//! `App::apply` carries out; a key in a pane is looked up in the pane's
//! context and its [`Command`] applied by [`App::update`] — or typed, in
//! the editor. The palette and mouse clicks go through `update` too.
//!
//! Where things are: [`keymap`] (contexts, keys, the default bindings),
//! [`command`] (every command, by name), [`update`](App::update) (applying
//! them), [`overlay`] (overlays and their outcomes), [`doc`] (the open
//! issue), [`article`] and [`find`] (the editor pane and its find bar), the
//! issue list, the tree's structural edits, the mouse, export; one module
//! per overlay (help, palette, form, dialog, preview, tidy, search, trash);
//! [`safety`] (autosave, recovery, saving, locks, input guards).

pub mod article;
pub mod command;
pub mod config;
pub mod counts;
pub mod dialog;
pub mod doc;
mod export;
pub mod find;
pub mod findall;
pub mod form;
pub mod help;
mod hints;
pub mod import;
pub mod inbox;
pub mod input;
mod issues;
pub mod keymap;
pub mod layout;
mod listwatch;
mod mouse;
pub mod overlay;
pub mod palette;
mod paste;
pub mod preview;
pub mod safety;
pub mod search;
pub mod stats;
mod structure;
mod syncing;
pub mod tidy;
pub mod trash;
pub mod tree;
pub mod undo;
mod update;
pub mod view;
mod workflow;

#[cfg(test)]
mod tests;

pub use command::Command;
pub use dialog::{After, Choice, Confirm, ConfirmKind};
pub use doc::Doc;
pub use overlay::Overlay;
pub use trash::TrashRow;

use keymap::{Context, Key, Keymap, typed};
use layout::Layout;

use crate::i18n::{Lang, Msg};
use crate::store::Library;
use crate::text::EditAction;
use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Issues,
    Tree,
    Editor,
}

/// A status-bar message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub lib: Library,
    pub keymap: Keymap,
    pub focus: Focus,
    pub zoom: bool,
    /// Extend mode (F8 in the editor): moves select.
    pub extend: bool,
    /// The user's `config.ron`, where choices made in the interface (the
    /// language) are remembered; `None`: not remembered (tests).
    pub config_path: Option<std::path::PathBuf>,
    /// Selected row of the issue list (newest first) and its first visible row.
    pub list_selected: usize,
    pub list_scroll: usize,
    pub doc: Option<Doc>,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    pub width: u16,
    pub height: u16,
    /// The widest the article's text column grows (config.ron
    /// `text_width`; 0: the pane's width).
    pub text_width: u16,
    pub running: bool,
    /// What was last copied or cut, for Ctrl+V.
    pub clipboard: String,
    /// Text copied or cut, to hand to the terminal's clipboard (OSC 52).
    pub clipboard_out: Option<String>,
    /// Today, for new issues (set by the caller so tests are stable).
    pub today: NaiveDate,
    /// A hard-wrapped paste the next key may rejoin.
    pub paste_offer: Option<paste::PasteOffer>,
    /// Autosave, recovery offers, encoding checks.
    pub safety: safety::Safety,
    /// The command the last key ran, if any (tests, the debug log).
    pub last_command: Option<Command>,
    /// Where the import prompt's relative and `~` paths start.
    pub import_roots: import::paths::Roots,
    /// What the import prompt starts with: the folder of the last import.
    pub import_last: String,
    /// Who changes statuses here: recorded in the history, and the name
    /// that fills 签发 on signing (config.ron `name`).
    pub actor: crate::model::Actor,
    /// The issue list shows only issues of this status (`None`: all).
    pub list_filter: Option<crate::model::Status>,
    /// The issue selected before a filter hid it, and the one selected
    /// instead (see `cycle_filter`).
    filter_kept: Option<(crate::model::IssueId, Option<crate::model::IssueId>)>,
    /// A sync running on its thread.
    sync_job: Option<syncing::SyncJob>,
    /// Each issue file's state in git, when the library is in a work tree
    /// that tracks it (read at start, on coming back to the list, after a
    /// save, a change of status, a sync, and when the idle list finds the
    /// library changed on disk).
    pub git:
        Option<std::collections::BTreeMap<crate::model::IssueId, crate::store::git::FileState>>,
    /// Which panes the next frame must redraw.
    pub view: view::View,
    /// The library on disk, looked at while the list shows.
    list_watch: listwatch::ListWatch,
}

impl App {
    pub fn new(lib: Library, lang: Lang, keymap: Keymap, today: NaiveDate) -> App {
        // Unit tests type relative paths (random keys among them): they
        // start beside the test's library, never in the working directory.
        let import_roots = if cfg!(test) {
            import::paths::Roots {
                base: lib.root().parent().unwrap_or(lib.root()).to_path_buf(),
                home: None,
            }
        } else {
            import::roots()
        };
        let mut app = App {
            lang,
            lib,
            keymap,
            focus: Focus::Issues,
            zoom: false,
            extend: false,
            config_path: None,
            list_selected: 0,
            list_scroll: 0,
            doc: None,
            overlay: None,
            notice: None,
            width: 80,
            height: 24,
            text_width: layout::TEXT_WIDTH,
            running: true,
            clipboard: String::new(),
            clipboard_out: None,
            today,
            paste_offer: None,
            safety: safety::Safety::default(),
            last_command: None,
            import_roots,
            import_last: String::new(),
            actor: crate::store::workflow::actor(None),
            list_filter: None,
            filter_kept: None,
            sync_job: None,
            git: None,
            view: view::View::default(),
            list_watch: listwatch::ListWatch::default(),
        };
        app.refresh_git();
        app.watch_start();
        if !app.lib.problems.is_empty() {
            let first = app.lib.problems[0].message(lang);
            app.notify_error(
                app.lang
                    .fmt(Msg::LoadProblems, &[&app.lib.problems.len(), &first]),
            );
        }
        app
    }

    pub fn layout(&self) -> Layout {
        Layout::compute(
            self.width,
            self.height,
            self.focus,
            self.zoom,
            self.doc.is_some(),
        )
    }

    pub fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(Doc::is_dirty)
    }

    pub(crate) fn notify(&mut self, text: String) {
        self.notice = Some(Notice { text, error: false });
    }

    pub(crate) fn notify_error(&mut self, text: String) {
        self.notice = Some(Notice { text, error: true });
    }

    // ----- events -------------------------------------------------------

    /// Applies one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        self.track_view(|app| app.apply_event(event));
    }

    fn apply_event(&mut self, event: &Event) {
        if self.before_event(event) {
            return;
        }
        if self.layout().too_small && !self.acts_unseen(event) {
            // Nothing may change where the clerk cannot see it.
            tracing::debug!("window too small: event ignored");
            return;
        }
        let focus = self.focus;
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => self.handle_paste(text),
            Event::Mouse(m) => self.handle_mouse(m),
            Event::Resize(w, h) => {
                self.width = *w;
                self.height = *h;
                self.fit_overlay();
                self.keep_visible();
            }
            _ => {}
        }
        if self.focus == Focus::Issues && focus != Focus::Issues {
            self.refresh_list();
        }
    }

    /// What still acts while the window is too small to show anything: a
    /// resize, and the keys of Quit and Help.
    fn acts_unseen(&self, event: &Event) -> bool {
        match event {
            Event::Resize(..) => true,
            Event::Key(key) => matches!(
                self.keymap.lookup(Context::Global, Key::from_event(key)),
                Some(Command::Quit | Command::Help)
            ),
            _ => false,
        }
    }

    fn context(&self) -> Context {
        match self.focus {
            Focus::Issues => Context::Issues,
            Focus::Tree => Context::Tree,
            Focus::Editor => Context::Editor,
        }
    }

    fn handle_key(&mut self, event: &KeyEvent) {
        let key = Key::from_event(event);
        self.last_command = None;
        if self.overlay.is_some() {
            self.overlay_key(event, key);
        } else {
            // A notice stays until the next key.
            self.notice = None;
            // The offer to rejoin a paste stands until the next key.
            let offer = self.paste_offer.take();
            let tidy = self.keymap.lookup(Context::Editor, key) == Some(Command::Tidy);
            if tidy && offer.is_some_and(|o| self.take_paste_offer(o)) {
                self.last_command = Some(Command::Tidy);
            } else if !(self.find_open() && self.find_key(event, key)) {
                self.pane_key(event, key);
            }
        }
        // The text may have changed under a search across the issue.
        self.sync_issue_find();
        if let Some(cmd) = self.last_command {
            tracing::trace!(?cmd, "key");
        }
        if self.focus != Focus::Editor || self.overlay.is_some() {
            self.extend = false;
        }
        // Any key may have changed the text or the layout (a dialog that
        // reloads, new title lines): lay the view out again.
        self.keep_visible();
    }

    /// A key for the pane that has focus: its command, or in the editor
    /// the character it types.
    fn pane_key(&mut self, event: &KeyEvent, key: Key) {
        match self.keymap.lookup(self.context(), key) {
            Some(cmd) => {
                self.last_command = Some(cmd);
                self.update(cmd);
            }
            None => match typed(event) {
                Some(c) if self.focus == Focus::Editor => {
                    self.edit(EditAction::Insert(c.to_string()))
                }
                _ => self.unbound_key(event),
            },
        }
    }

    fn handle_paste(&mut self, text: &str) {
        if self.overlay.is_some() {
            self.overlay_paste(text);
        } else if self.find_open() {
            self.find_paste(text);
        } else if self.focus == Focus::Editor {
            self.paste_into_editor(text);
        } else {
            // Nowhere to put it: say where a paste goes (the text stays on
            // the clerk's clipboard).
            self.notify(self.lang.t(Msg::TypeWhere).to_string());
        }
        self.keep_visible();
    }

    /// After a resize: lays out the overlay that depends on the size.
    fn fit_overlay(&mut self) {
        let (width, height) = (self.width, self.height);
        match self.overlay.as_mut() {
            Some(Overlay::Preview(p)) => p.fit(preview::areas(width, height).1),
            Some(Overlay::Help(h)) => h.fit(width, height),
            Some(Overlay::Import(i)) => i.fit(width, height, self.lang),
            _ => {}
        }
    }

    /// Where the parts of the article pane are, if one is shown.
    pub fn article_areas(&self) -> Option<layout::ArticleAreas> {
        self.article_areas_in(self.layout().editor?)
    }

    /// The parts of the article pane drawn at `pane`.
    pub fn article_areas_in(&self, pane: ratatui::layout::Rect) -> Option<layout::ArticleAreas> {
        let doc = self.doc.as_ref()?;
        let a = doc.article.as_ref()?;
        let art = doc.issue.article(a.pos)?;
        let inner = layout::inner(pane);
        let header = art.title.len() + usize::from(art.source.is_some());
        Some(layout::article_areas(
            inner,
            header as u16,
            doc.find.is_some(),
            self.text_width,
        ))
    }

    /// Scrolls lists so their selection stays in view.
    pub(crate) fn keep_visible(&mut self) {
        let layout = self.layout();
        // Every key comes here: count the issues, do not sort them.
        let n = self.lib.len();
        self.list_selected = self.list_selected.min(n.saturating_sub(1));
        if let Some(r) = layout.issues {
            let per = layout::issue_row_height(r.width) as usize;
            let h = ((r.height as usize).saturating_sub(2) / per).max(1);
            if self.list_selected < self.list_scroll {
                self.list_scroll = self.list_selected;
            } else if self.list_selected >= self.list_scroll + h {
                self.list_scroll = self.list_selected + 1 - h;
            }
        }
        if let Some(doc) = self.doc.as_mut() {
            doc.tree.fix(&doc.issue);
            if self.focus == Focus::Tree {
                doc.show_selected();
            }
            if let Some(r) = layout.tree {
                doc.tree
                    .keep_visible(&doc.issue, (r.height as usize).saturating_sub(2));
            }
        }
        if let Some(body) = self.article_areas().map(|a| a.body)
            && let Some(a) = self.doc.as_mut().and_then(|d| d.article.as_mut())
        {
            a.editor
                .scroll_to_caret(body.width as usize, body.height as usize);
        }
    }
}
