//! The app state machine: terminal events → commands (via the key map) →
//! `update` on the state. Nothing here draws; `ui` renders this state.

pub mod action;
pub mod article;
pub mod config;
pub mod editor_keys;
pub mod form;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod palette;
pub mod preview;
pub mod safety;
pub mod search;
pub mod tidy;
pub mod tree;

#[cfg(test)]
mod tests;

pub use action::Command;
use form::{Form, FormKey, FormKind};
use keymap::{Context, Key, Keymap};
use layout::Layout;
use palette::Palette;
use tree::{Node, TreeState};

use crate::export::{self, Format};
use crate::i18n::{Lang, Msg};
use crate::model::{ArticleKind, ArticleRef, Issue, IssueId};
use crate::store::Library;
use crate::text::{EditAction, Motion, Note, Outcome};
use article::{ArticleEdit, FindBar};
use chrono::NaiveDate;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

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

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Quit,
    Open(IssueId),
    NewIssue,
    /// Open a search hit (see [`search::Goto`]).
    Search(search::Goto),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmKind {
    /// Save / discard / cancel.
    Unsaved(After),
    DeleteIssue(IssueId),
    DeleteNode(Node),
    /// Overwrite an existing export file.
    Overwrite {
        format: Format,
        contents: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirm {
    pub kind: ConfirmKind,
    pub choice: usize,
}

impl Confirm {
    pub fn choices(&self) -> &'static [Msg] {
        match self.kind {
            ConfirmKind::Unsaved(_) => &[Msg::ChoiceSave, Msg::ChoiceDiscard, Msg::ChoiceCancel],
            ConfirmKind::Overwrite { .. } => &[Msg::ChoiceOverwrite, Msg::ChoiceCancel],
            _ => &[Msg::ChoiceDelete, Msg::ChoiceCancel],
        }
    }
}

/// A deleted issue offered for restoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashRow {
    pub path: std::path::PathBuf,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Trash {
        rows: Vec<TrashRow>,
        selected: usize,
    },
    Palette(Palette),
    Form(Form),
    Confirm(Confirm),
    Preview(preview::Preview),
    Tidy(tidy::TidyReview),
    /// Recovery offers, save conflicts, encoding warnings.
    Safety(safety::Dialog),
    Search(search::Search),
}

/// A button's letter: the one in brackets at the end of its label, "(S)".
fn shortcut(m: Msg) -> Option<char> {
    let en = m.texts().1;
    let inner = en.strip_suffix(')')?.rsplit_once('(')?.1;
    let mut chars = inner.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// What a key does in a dialog with buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ButtonKey {
    /// The selection moved to this button.
    Moved(usize),
    /// The dialog is answered.
    Chosen(Msg),
    Ignored,
}

/// Dialog keys: ←/→ (Tab, ↑/↓) move among `choices`, Enter takes the
/// selected one, Esc answers `escape`, and a button's own letter answers it
/// — typed plainly: Ctrl+D must not discard, nor Ctrl+C cancel.
fn button_key(key: &KeyEvent, choices: &[Msg], choice: usize, escape: Msg) -> ButtonKey {
    let n = choices.len();
    if n == 0 {
        return ButtonKey::Ignored;
    }
    let plain = !key
        .modifiers
        .intersects(crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT);
    match key.code {
        KeyCode::Esc => ButtonKey::Chosen(escape),
        KeyCode::Enter => ButtonKey::Chosen(choices[choice.min(n - 1)]),
        KeyCode::Left | KeyCode::BackTab | KeyCode::Up => ButtonKey::Moved((choice + n - 1) % n),
        KeyCode::Right | KeyCode::Tab | KeyCode::Down => ButtonKey::Moved((choice + 1) % n),
        KeyCode::Char(ch) if plain => {
            let ch = ch.to_ascii_uppercase();
            choices
                .iter()
                .copied()
                .find(|m| shortcut(*m) == Some(ch))
                .map_or(ButtonKey::Ignored, ButtonKey::Chosen)
        }
        _ => ButtonKey::Ignored,
    }
}

/// The issue being edited: a working copy and the last saved version.
#[derive(Debug)]
pub struct Doc {
    pub id: IssueId,
    /// The working copy; the open article's text lives in its editor until
    /// [`Doc::flush`] copies it here.
    pub issue: Issue,
    pub saved: Issue,
    pub tree: TreeState,
    pub article: Option<ArticleEdit>,
    /// Articles edited before, with their undo history, to go back to
    /// (their text is in `issue`; most recent last).
    pub stash: Vec<ArticleEdit>,
    pub find: Option<FindBar>,
    /// Its lock, or who holds it when it is open read-only.
    pub access: safety::Access,
}

/// How many articles keep their undo history when another is opened.
const STASHED_EDITORS: usize = 16;

impl Doc {
    fn new(id: IssueId, issue: Issue, access: safety::Access) -> Doc {
        Doc {
            id,
            tree: TreeState::new(&issue),
            saved: issue.clone(),
            issue,
            article: None,
            stash: Vec::new(),
            find: None,
            access,
        }
    }

    /// Replaces the working copy (reload, discard, restore): editors holding
    /// the old text are dropped; `reopen` opens that article again if it
    /// still exists (the internal clipboard is kept).
    pub fn replace_issue(&mut self, issue: Issue, reopen: Option<ArticleRef>) {
        let clipboard = self.clipboard();
        self.tree = TreeState::new(&issue);
        self.issue = issue;
        self.stash.clear();
        self.find = None;
        let reopened = reopen.and_then(|at| Some((at, self.issue.article(at)?)));
        self.article = reopened.map(|(at, a)| ArticleEdit::open(at, &a.paragraphs, &clipboard));
        if let Some((at, _)) = reopened {
            self.tree.selected = Some(Node::Article(at));
        }
    }

    /// The internal clipboard (it lives in the open article's editor).
    fn clipboard(&self) -> String {
        self.article
            .as_ref()
            .map(|e| e.editor.clipboard().to_string())
            .unwrap_or_default()
    }

    /// Makes the article at `pos` the open one, keeping the one that was
    /// open (and its undo history) for later.
    fn switch_article(&mut self, pos: ArticleRef) {
        if self.article.as_ref().is_some_and(|e| e.pos == pos) {
            return;
        }
        let Some(paragraphs) = self.issue.article(pos).map(|a| a.paragraphs.clone()) else {
            return;
        };
        self.flush();
        let clipboard = self.clipboard();
        if let Some(old) = self.article.take() {
            self.stash.push(old);
            if self.stash.len() > STASHED_EDITORS {
                self.stash.remove(0);
            }
        }
        let edit = match self.stash.iter().position(|e| e.pos == pos) {
            Some(i) => {
                let mut edit = self.stash.remove(i);
                edit.editor.set_clipboard(&clipboard);
                edit
            }
            None => ArticleEdit::open(pos, &paragraphs, &clipboard),
        };
        self.article = Some(edit);
        self.find = None;
    }

    /// Keeps everything that points into the issue in step with a
    /// structural edit: the open article (closed if it was removed), the
    /// stashed editors and the fold state.
    fn follow(&mut self, change: tree::Change) {
        match change {
            tree::Change::SwapSections(i, j) => self.tree.collapsed.swap(i, j),
            tree::Change::InsertSection(i) => self.tree.collapsed.insert(i, false),
            tree::Change::RemoveSection(i) if i < self.tree.collapsed.len() => {
                self.tree.collapsed.remove(i);
            }
            _ => {}
        }
        if let Some(a) = self.article.as_mut() {
            match tree::follow(a.pos, change) {
                Some(pos) => a.pos = pos,
                None => {
                    self.article = None;
                    self.find = None;
                }
            }
        }
        self.stash
            .retain_mut(|e| match tree::follow(e.pos, change) {
                Some(pos) => {
                    e.pos = pos;
                    true
                }
                None => false,
            });
    }

    pub fn is_dirty(&self) -> bool {
        self.article
            .as_ref()
            .is_some_and(ArticleEdit::has_unflushed)
            || self.issue != self.saved
    }

    /// Copies the editor's text into the working copy.
    pub fn flush(&mut self) {
        if let Some(a) = self.article.as_mut()
            && let Some(text) = a.take_changes()
            && let Some(article) = self.issue.article_mut(a.pos)
        {
            article.paragraphs = text;
        }
    }

    /// 字数 of an article, live from the editor when it is open.
    pub fn article_chars(&self, at: ArticleRef) -> usize {
        let Some(article) = self.issue.article(at) else {
            return 0;
        };
        match &self.article {
            Some(e) if e.pos == at => e.editor.char_count() + article.title_chars(),
            _ => article.char_count(),
        }
    }

    pub fn section_chars(&self, s: usize) -> usize {
        let n = self
            .issue
            .sections
            .get(s)
            .map_or(0, |sec| sec.articles.len());
        (0..n)
            .map(|a| self.article_chars(ArticleRef::new(s, a)))
            .sum()
    }

    pub fn total_chars(&self) -> usize {
        (0..self.issue.sections.len())
            .map(|s| self.section_chars(s))
            .sum()
    }
}

#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub lib: Library,
    pub keymap: Keymap,
    pub focus: Focus,
    pub zoom: bool,
    /// Selected row of the issue list (newest first) and its first visible row.
    pub list_selected: usize,
    pub list_scroll: usize,
    pub doc: Option<Doc>,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    pub width: u16,
    pub height: u16,
    pub running: bool,
    /// Text copied or cut, to hand to the terminal's clipboard (OSC 52).
    pub clipboard_out: Option<String>,
    /// Today, for new issues (set by the caller so tests are stable).
    pub today: NaiveDate,
    /// A hard-wrapped paste the next key may rejoin.
    pub paste_offer: Option<tidy::PasteOffer>,
    /// Autosave, recovery offers, encoding checks.
    pub safety: safety::Safety,
}

impl App {
    pub fn new(lib: Library, lang: Lang, keymap: Keymap, today: NaiveDate) -> App {
        let mut app = App {
            lang,
            lib,
            keymap,
            focus: Focus::Issues,
            zoom: false,
            list_selected: 0,
            list_scroll: 0,
            doc: None,
            overlay: None,
            notice: None,
            width: 80,
            height: 24,
            running: true,
            clipboard_out: None,
            today,
            paste_offer: None,
            safety: safety::Safety::default(),
        };
        if !app.lib.problems.is_empty() {
            let first = app.lib.problems[0].message(lang);
            app.notify_error(
                app.lang
                    .fmt(Msg::LoadProblems, &[&app.lib.problems.len(), &first]),
            );
        }
        app
    }

    /// Ids of the issue list, newest first.
    pub fn issue_ids(&self) -> Vec<IssueId> {
        let mut ids: Vec<(NaiveDate, IssueId)> = self
            .lib
            .entries()
            .map(|(id, e)| (e.summary.date, *id))
            .collect();
        ids.sort_by(|a, b| b.cmp(a));
        ids.into_iter().map(|(_, id)| id).collect()
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

    fn notify(&mut self, text: String) {
        self.notice = Some(Notice { text, error: false });
    }

    fn notify_error(&mut self, text: String) {
        self.notice = Some(Notice { text, error: true });
    }

    // ----- events -------------------------------------------------------

    /// Applies one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
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
                self.fit_preview();
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

    /// Shows issues added to the library by someone else since the start
    /// (another jianbao, `jianbao new`, a git pull).
    fn refresh_list(&mut self) {
        let selected = self.issue_ids().get(self.list_selected).copied();
        match self.lib.refresh() {
            Ok(0) => {}
            Ok(_) => {
                if let Some(id) = selected {
                    self.select_in_list(id);
                }
                self.keep_visible();
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    fn context(&self) -> Context {
        match self.focus {
            Focus::Issues => Context::Issues,
            Focus::Tree => Context::Tree,
            Focus::Editor => Context::Editor,
        }
    }

    fn handle_key(&mut self, key: &KeyEvent) {
        if self.overlay.is_some() {
            self.handle_overlay_key(key);
        } else if !self.paste_offer_key(key) {
            self.handle_pane_key(key);
        }
        // Any key may have changed the text or the layout (a dialog that
        // reloads, new title lines): lay the view out again.
        self.keep_visible();
    }

    /// A key for the pane that has focus.
    fn handle_pane_key(&mut self, key: &KeyEvent) {
        // A notice stays until the next key.
        self.notice = None;
        let k = Key::from_event(key);
        if self.focus == Focus::Editor && self.find_key(key) {
            // The find bar took it.
        } else if let Some(cmd) = self.keymap.lookup(self.context(), k) {
            self.run(cmd);
        } else if self.focus == Focus::Editor
            && let Some(action) = editor_keys::editor_action(key)
        {
            self.edit(action);
        } else {
            self.unbound_key(key);
        }
    }

    fn handle_paste(&mut self, text: &str) {
        match &mut self.overlay {
            Some(Overlay::Form(form)) => form.paste(text),
            Some(Overlay::Palette(p)) => p.input.insert(text),
            Some(Overlay::Search(s)) => s.paste(text),
            Some(_) => {}
            None if self.focus == Focus::Editor => {
                if let Some(bar) = self.doc.as_mut().and_then(|d| d.find.as_mut()) {
                    bar.field().insert(text);
                    self.refind();
                } else {
                    self.paste_into_editor(text);
                }
            }
            // Nowhere to put it: say where a paste goes (the text stays on
            // the clerk's clipboard).
            None => self.notify(self.lang.t(Msg::TypeWhere).to_string()),
        }
        self.keep_visible();
    }

    /// Applies an editing action to the open article.
    fn edit(&mut self, action: EditAction) {
        if self.refuse_edit(&action) {
            return;
        }
        let Some(a) = self.doc.as_mut().and_then(|d| d.article.as_mut()) else {
            return;
        };
        let outcome = a.editor.apply_at(action, std::time::Instant::now());
        self.after_edit(outcome);
    }

    fn after_edit(&mut self, outcome: Outcome) {
        if let Some(text) = outcome.copied {
            self.clipboard_out = Some(text);
        }
        if let Some(note) = outcome.note {
            let text = match note {
                Note::NotFound => self.lang.t(Msg::FindNotFound).to_string(),
                Note::Wrapped => self.lang.t(Msg::FindWrapped).to_string(),
                Note::Replaced(n) => self.lang.fmt(Msg::Replaced, &[&n]),
                Note::NothingToUndo => self.lang.t(Msg::NothingToUndo).to_string(),
                Note::NothingToRedo => self.lang.t(Msg::NothingToRedo).to_string(),
            };
            self.notify(text);
        }
    }

    /// Keys for the open find bar; returns whether the key was its.
    fn find_key(&mut self, key: &KeyEvent) -> bool {
        let Some(bar) = self.doc.as_mut().and_then(|d| d.find.as_mut()) else {
            return false;
        };
        let alt = key.modifiers.contains(crossterm::event::KeyModifiers::ALT);
        let action = match key.code {
            KeyCode::Esc => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.find = None;
                }
                Some(EditAction::ClearFind)
            }
            KeyCode::Tab | KeyCode::BackTab if bar.replace.is_some() => {
                bar.on_replace = !bar.on_replace;
                None
            }
            KeyCode::Char('a') | KeyCode::Char('A') if alt && bar.replace.is_some() => {
                Some(EditAction::ReplaceAll(bar.replacement()))
            }
            KeyCode::Enter if bar.on_replace => Some(EditAction::Replace(bar.replacement())),
            KeyCode::Enter | KeyCode::Down | KeyCode::F(3)
                if !key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::SHIFT) =>
            {
                Some(EditAction::FindNext)
            }
            KeyCode::Up | KeyCode::F(3) => Some(EditAction::FindPrev),
            _ => {
                if !bar.field().handle_key(key) {
                    return false;
                }
                if !bar.on_replace {
                    self.refind();
                }
                return true;
            }
        };
        if let Some(action) = action {
            self.edit(action);
        }
        true
    }

    /// Searches again for the find bar's query (incremental find).
    fn refind(&mut self) {
        let query = self
            .doc
            .as_ref()
            .and_then(|d| d.find.as_ref())
            .map(|b| b.query.text().to_string());
        if let Some(q) = query {
            self.edit(EditAction::Find(q));
        }
    }

    /// Opens the find bar (with the replace field for `replace`).
    fn open_find(&mut self, replace: bool) {
        if !self.article_open() {
            self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
            return;
        }
        self.focus = Focus::Editor;
        let Some(doc) = self.doc.as_mut() else { return };
        let selected = doc
            .article
            .as_ref()
            .and_then(|a| a.editor.selected_text())
            .filter(|t| !t.contains('\n'));
        let bar = doc.find.get_or_insert_with(FindBar::default);
        if let Some(t) = selected {
            bar.query.set(&t);
        }
        // As in Word: the query field first (holding the selection), Tab to
        // the replacement.
        if replace {
            bar.replace.get_or_insert_with(Default::default);
        }
        bar.on_replace = false;
        self.refind();
    }

    fn handle_mouse(&mut self, m: &MouseEvent) {
        if self.overlay.is_some() {
            self.preview_mouse(m);
            return;
        }
        let layout = self.layout();
        let inside = |r: Option<ratatui::layout::Rect>| {
            r.filter(|r| r.contains(ratatui::layout::Position::new(m.column, m.row)))
        };
        let scroll = match m.kind {
            MouseEventKind::ScrollUp => -3,
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::Down(MouseButton::Left) => 0,
            _ => return,
        };
        if let Some(r) = inside(layout.issues) {
            if scroll != 0 {
                self.move_list_selection(scroll);
            } else {
                self.focus = Focus::Issues;
                // Row 0 is the border.
                let row = (m.row - r.y) as usize;
                if row >= 1 {
                    let i =
                        self.list_scroll + (row - 1) / layout::issue_row_height(r.width) as usize;
                    if i < self.issue_ids().len() {
                        if i == self.list_selected {
                            self.run(Command::Open);
                        }
                        self.list_selected = i;
                    }
                }
            }
        } else if let Some(r) = inside(layout.tree) {
            let Some(doc) = self.doc.as_mut() else { return };
            if scroll != 0 {
                doc.tree.step(&doc.issue, scroll);
            } else {
                self.focus = Focus::Tree;
                let row = (m.row - r.y) as usize;
                let rows = doc.tree.rows(&doc.issue);
                if row >= 1
                    && let Some(node) = rows.get(doc.tree.scroll + row - 1)
                {
                    let again = doc.tree.selected == Some(*node);
                    doc.tree.selected = Some(*node);
                    if again {
                        self.run(Command::Open);
                    }
                }
            }
        } else if inside(layout.editor).is_some() && self.article_open() {
            let body = self.article_areas().map(|a| a.body);
            let Some(a) = self.doc.as_mut().and_then(|d| d.article.as_mut()) else {
                return;
            };
            if scroll != 0 {
                let motion = if scroll < 0 { Motion::Up } else { Motion::Down };
                for _ in 0..scroll.unsigned_abs() {
                    a.editor.apply(EditAction::Move(motion));
                }
            } else {
                self.focus = Focus::Editor;
                if let Some(body) =
                    body.filter(|b| b.contains(ratatui::layout::Position::new(m.column, m.row)))
                {
                    let y = (m.row - body.y) as usize;
                    let x = (m.column - body.x) as usize;
                    if let Some((p, r)) =
                        a.editor.visible_rows().get(y).map(|v| (v.paragraph, v.row))
                    {
                        let pos = a.editor.pos_at(p, r, x);
                        a.editor.set_caret(pos);
                    }
                }
            }
        }
        self.keep_visible();
    }

    fn handle_overlay_key(&mut self, key: &KeyEvent) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        match overlay {
            Overlay::Help { scroll } => {
                let scroll = match key.code {
                    KeyCode::Down => scroll + 1,
                    KeyCode::Up => scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => scroll + 10,
                    KeyCode::PageUp => scroll.saturating_sub(10),
                    KeyCode::Home => 0,
                    _ => return, // any other key closes help
                };
                self.overlay = Some(Overlay::Help { scroll });
            }
            Overlay::Trash { rows, selected } => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Some(row) = rows.get(selected) {
                        self.restore_issue(&row.path.clone());
                    }
                }
                KeyCode::Up | KeyCode::Down => {
                    let selected = if key.code == KeyCode::Up {
                        selected.saturating_sub(1)
                    } else {
                        (selected + 1).min(rows.len().saturating_sub(1))
                    };
                    self.overlay = Some(Overlay::Trash { rows, selected });
                }
                _ => self.overlay = Some(Overlay::Trash { rows, selected }),
            },
            Overlay::Palette(mut p) => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Some(cmd) = p.chosen() {
                        self.run(cmd);
                        self.keep_visible();
                    }
                }
                KeyCode::Up => {
                    p.selected = p.selected.saturating_sub(1);
                    self.overlay = Some(Overlay::Palette(p));
                }
                KeyCode::Down => {
                    p.selected = (p.selected + 1).min(p.matches().len().saturating_sub(1));
                    self.overlay = Some(Overlay::Palette(p));
                }
                _ => {
                    if p.input.handle_key(key) {
                        p.selected = 0;
                    }
                    self.overlay = Some(Overlay::Palette(p));
                }
            },
            Overlay::Preview(p) => self.preview_key(p, key),
            Overlay::Tidy(t) => self.tidy_key(t, key),
            Overlay::Form(mut form) => match form.handle_key(key) {
                FormKey::Cancel => {}
                FormKey::Submit => self.submit_form(form),
                FormKey::Handled | FormKey::Ignored => self.overlay = Some(Overlay::Form(form)),
            },
            Overlay::Safety(d) => self.safety_dialog_key(d, key),
            Overlay::Search(s) => self.search_key(s, key),
            Overlay::Confirm(mut c) => {
                let answer = match button_key(key, c.choices(), c.choice, Msg::ChoiceCancel) {
                    // N(o) cancels too.
                    ButtonKey::Ignored
                        if !key.modifiers.intersects(
                            crossterm::event::KeyModifiers::CONTROL
                                | crossterm::event::KeyModifiers::ALT,
                        ) && matches!(key.code, KeyCode::Char('n' | 'N')) =>
                    {
                        ButtonKey::Chosen(Msg::ChoiceCancel)
                    }
                    other => other,
                };
                match answer {
                    ButtonKey::Chosen(m) => self.confirm(c.kind, m),
                    ButtonKey::Moved(i) => {
                        c.choice = i;
                        self.overlay = Some(Overlay::Confirm(c));
                    }
                    ButtonKey::Ignored => self.overlay = Some(Overlay::Confirm(c)),
                }
            }
        }
    }

    fn confirm(&mut self, kind: ConfirmKind, choice: Msg) {
        if choice == Msg::ChoiceCancel {
            return;
        }
        match kind {
            ConfirmKind::Unsaved(after) => {
                if choice == Msg::ChoiceSave
                    && !self.save_as(crate::store::SaveMode::Safe, Some(after))
                {
                    return;
                }
                if choice == Msg::ChoiceDiscard {
                    self.forget_unsaved();
                    if let Some(doc) = self.doc.as_mut() {
                        let saved = doc.saved.clone();
                        doc.replace_issue(saved, None);
                    }
                }
                self.after(after);
            }
            ConfirmKind::DeleteIssue(id) => self.delete_issue(id),
            ConfirmKind::DeleteNode(node) => self.delete_node(node),
            ConfirmKind::Overwrite { format, contents } => self.export(format, contents, true),
        }
    }

    /// Runs `after` if nothing is unsaved, else asks first.
    fn guard_unsaved(&mut self, after: After) {
        if self.is_dirty() {
            self.overlay = Some(Overlay::Confirm(Confirm {
                kind: ConfirmKind::Unsaved(after),
                choice: 0,
            }));
        } else {
            self.after(after);
        }
    }

    fn after(&mut self, after: After) {
        match after {
            After::Quit => self.running = false,
            After::Open(id) => self.open_issue(id),
            After::NewIssue => self.new_issue(),
            After::Search(goto) => self.goto_hit(goto),
        }
    }

    // ----- commands ---------------------------------------------------

    /// Carries out a command in the current focus.
    pub fn run(&mut self, cmd: Command) {
        if self.refuse_command(cmd) {
            return;
        }
        match cmd {
            Command::Quit => self.guard_unsaved(After::Quit),
            Command::Save => {
                self.save();
            }
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::Palette => self.overlay = Some(Overlay::Palette(Palette::default())),
            Command::FocusNext => self.cycle_focus(1),
            Command::FocusPrev => self.cycle_focus(-1),
            Command::Zoom => {
                if self.article_open() {
                    self.zoom = !self.zoom;
                    self.focus = Focus::Editor;
                } else {
                    self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
                }
            }
            Command::Export => match &self.doc {
                Some(_) => {
                    let contents = self.lib.settings.export.contents;
                    self.overlay = Some(Overlay::Form(Form::export(contents)));
                }
                None => self.notify(self.lang.t(Msg::NoIssueOpen).to_string()),
            },
            Command::Undo
            | Command::Redo
            | Command::Cut
            | Command::Copy
            | Command::Paste
            | Command::SelectAll => {
                if !self.article_open() {
                    self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
                    return;
                }
                self.focus = Focus::Editor;
                self.edit(match cmd {
                    Command::Undo => EditAction::Undo,
                    Command::Redo => EditAction::Redo,
                    Command::Cut => EditAction::Cut,
                    Command::Copy => EditAction::Copy,
                    Command::Paste => EditAction::PasteClipboard,
                    _ => EditAction::SelectAll,
                });
            }
            Command::Preview => self.open_preview(),
            Command::Tidy => self.open_tidy(),
            Command::Find => self.open_find(false),
            Command::Replace => self.open_find(true),
            Command::SearchAll => self.open_search(),
            Command::Properties => match &self.doc {
                Some(doc) => self.overlay = Some(Overlay::Form(Form::issue(&doc.issue))),
                None => self.notify(self.lang.t(Msg::NoIssueOpen).to_string()),
            },
            Command::SwitchLanguage => {
                self.lang = match self.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
            }
            Command::NewIssue => self.guard_unsaved(After::NewIssue),
            Command::DuplicateIssue => self.duplicate_issue(),
            Command::Trash => self.open_trash(),
            Command::DeleteIssue => {
                if let Some(id) = self.issue_ids().get(self.list_selected).copied() {
                    self.overlay = Some(Overlay::Confirm(Confirm {
                        kind: ConfirmKind::DeleteIssue(id),
                        choice: 1,
                    }));
                }
            }
            Command::AddSection => self.with_tree(|app, at| {
                app.overlay = Some(Overlay::Form(Form::new_section(at)));
            }),
            Command::AddArticle => self.with_tree(|app, at| {
                if at.is_some() {
                    app.overlay = Some(Overlay::Form(Form::new_article(at)));
                } else {
                    app.notify(app.lang.t(Msg::NeedSection).to_string());
                }
            }),
            Command::Rename => self.with_tree(|app, at| {
                let Some(doc) = &app.doc else { return };
                let form = match at {
                    Some(Node::Section(s)) => match doc.issue.sections.get(s) {
                        Some(sec) => Form::section(s, &sec.title),
                        None => return,
                    },
                    Some(Node::Article(at)) => match doc.issue.article(at) {
                        Some(article) => Form::article(at, article),
                        None => return,
                    },
                    None => return,
                };
                app.overlay = Some(Overlay::Form(form));
            }),
            Command::DeleteItem => self.with_tree(|app, at| {
                if let Some(node) = at {
                    app.overlay = Some(Overlay::Confirm(Confirm {
                        kind: ConfirmKind::DeleteNode(node),
                        choice: 1,
                    }));
                }
            }),
            Command::MoveUp | Command::MoveDown => self.move_node(cmd == Command::MoveUp),
            Command::ToggleKind => self.with_tree(|app, at| {
                if let (Some(Node::Article(at)), Some(doc)) = (at, app.doc.as_mut())
                    && let Some(art) = doc.issue.article_mut(at)
                {
                    art.kind = match art.kind {
                        ArticleKind::Feature => ArticleKind::Brief,
                        ArticleKind::Brief => ArticleKind::Feature,
                    };
                    let kind = app.lang.kind(art.kind);
                    app.notify(app.lang.fmt(Msg::KindNow, &[&kind]));
                }
            }),
            Command::Expand | Command::Collapse => {
                if let Some(doc) = self.doc.as_mut()
                    && let Some(node) = doc.tree.selected
                {
                    let s = node.section();
                    let collapse = cmd == Command::Collapse;
                    if collapse && matches!(node, Node::Article(..)) {
                        doc.tree.selected = Some(Node::Section(s));
                    } else if let Some(c) = doc.tree.collapsed.get_mut(s) {
                        *c = collapse;
                    }
                }
            }
            Command::Up => self.step(-1),
            Command::Down => self.step(1),
            Command::PageUp => self.step(-self.page()),
            Command::PageDown => self.step(self.page()),
            Command::First => self.step(isize::MIN / 2),
            Command::Last => self.step(isize::MAX / 2),
            Command::Open => self.open_selected(),
            Command::Back => match self.focus {
                Focus::Editor => {
                    self.focus = Focus::Tree;
                    self.zoom = false;
                }
                Focus::Tree => self.focus = Focus::Issues,
                Focus::Issues => {}
            },
        }
    }

    fn article_open(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.article.is_some())
    }

    /// Runs a tree command on the selected node (the open article when the
    /// editor has focus).
    fn with_tree(&mut self, f: impl FnOnce(&mut App, Option<Node>)) {
        let Some(doc) = &self.doc else {
            self.notify(self.lang.t(Msg::NoIssueOpen).to_string());
            return;
        };
        let at = match (self.focus, &doc.article) {
            (Focus::Editor, Some(a)) => Some(Node::Article(a.pos)),
            _ => doc.tree.selected,
        };
        f(self, at);
    }

    fn cycle_focus(&mut self, delta: isize) {
        let mut order = vec![Focus::Issues];
        if self.doc.is_some() {
            order.push(Focus::Tree);
        }
        if self.article_open() {
            order.push(Focus::Editor);
        }
        let cur = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[((cur + delta).rem_euclid(n)) as usize];
        if self.focus != Focus::Editor {
            self.zoom = false;
        }
    }

    /// Selects issue `id` in the list, if it is there.
    pub(crate) fn select_in_list(&mut self, id: IssueId) {
        if let Some(i) = self.issue_ids().iter().position(|x| *x == id) {
            self.list_selected = i;
        }
    }

    /// Moves the issue list's selection `delta` rows, within the list.
    fn move_list_selection(&mut self, delta: isize) {
        let last = self.issue_ids().len().saturating_sub(1) as isize;
        self.list_selected = (self.list_selected as isize + delta).clamp(0, last) as usize;
    }

    fn page(&self) -> isize {
        (self.height as isize - 4).max(1)
    }

    fn step(&mut self, delta: isize) {
        match self.focus {
            Focus::Issues => self.move_list_selection(delta),
            Focus::Tree => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.tree.step(&doc.issue, delta);
                }
            }
            Focus::Editor => {}
        }
    }

    fn open_selected(&mut self) {
        match self.focus {
            Focus::Issues => {
                if let Some(id) = self.issue_ids().get(self.list_selected).copied() {
                    // Opening a read-only issue again tries its lock again.
                    if self
                        .doc
                        .as_ref()
                        .is_some_and(|d| d.id == id && d.read_only().is_none())
                    {
                        self.focus = Focus::Tree;
                    } else {
                        self.guard_unsaved(After::Open(id));
                    }
                }
            }
            Focus::Tree => {
                let Some(doc) = self.doc.as_mut() else { return };
                match doc.tree.selected {
                    Some(Node::Article(at)) => self.open_article(at),
                    Some(Node::Section(s)) => {
                        if let Some(c) = doc.tree.collapsed.get_mut(s) {
                            *c = !*c;
                        }
                    }
                    None => {}
                }
            }
            Focus::Editor => {}
        }
    }

    fn open_article(&mut self, at: ArticleRef) {
        if let Some(doc) = self.doc.as_mut() {
            doc.switch_article(at);
            if doc.article.as_ref().is_some_and(|a| a.pos == at) {
                doc.tree.selected = Some(Node::Article(at));
                self.focus = Focus::Editor;
            }
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
        ))
    }

    /// Opens an issue by id (the caller has dealt with unsaved changes),
    /// after offering its recovery file if it has one.
    pub fn open_issue(&mut self, id: IssueId) {
        if !self.offer_before_open(id) {
            self.load_doc(id);
        }
    }

    /// Opens an issue by id and takes its lock; returns whether it opened.
    fn load_doc(&mut self, id: IssueId) -> bool {
        let issue = match self.lib.load(&id) {
            Ok(issue) => issue.clone(),
            Err(e) => {
                self.notify_error(e.message(self.lang));
                return false;
            }
        };
        // Release the old lock first: it may be this issue's.
        self.doc = None;
        let access = self.lock_for_edit(id);
        self.doc = Some(Doc::new(id, issue, access));
        self.select_in_list(id);
        self.focus = Focus::Tree;
        self.zoom = false;
        true
    }

    /// Saves the open issue; reports and returns whether it worked.
    pub fn save(&mut self) -> bool {
        self.save_as(crate::store::SaveMode::Safe, None)
    }

    fn new_issue(&mut self) {
        let template = self.doc.as_ref().map(|d| d.id);
        match self.lib.create_next(template.as_ref(), self.today, false) {
            Ok(created) => {
                let id = created.id;
                // From the library: opening may stop at a recovery offer.
                let number = self
                    .lib
                    .summary(&id)
                    .map(|i| self.lang.issue_number(i.number, i.total, i.supplement))
                    .unwrap_or_default();
                self.open_issue(id);
                self.notify(
                    self.created_message(created, self.lang.fmt(Msg::NewCreated, &[&id, &number])),
                );
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    /// `done`, preceded by a word on a number another process took first.
    fn created_message(&self, created: crate::store::Created, done: String) -> String {
        match created.taken {
            Some(taken) => format!(
                "{} {done}",
                self.lang.fmt(Msg::NumberTaken, &[&taken, &created.id])
            ),
            None => done,
        }
    }

    /// A full copy of the selected issue (articles included) as the next number.
    fn duplicate_issue(&mut self) {
        let Some(id) = self.issue_ids().get(self.list_selected).copied() else {
            return;
        };
        match self.lib.duplicate(&id, self.today) {
            Ok(created) => {
                self.select_in_list(created.id);
                let done = self.lang.fmt(Msg::Duplicated, &[&id, &created.id]);
                self.notify(self.created_message(created, done));
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    fn delete_issue(&mut self, id: IssueId) {
        // Unsaved text of the open issue goes to the trash with it, in its
        // recovery file, as it is now.
        if let Some(doc) = self.doc.as_mut().filter(|d| d.id == id)
            && doc.read_only().is_none()
            && doc.is_dirty()
        {
            doc.flush();
            if let Err(e) = crate::store::recovery::Recovery::write(&self.lib, &id, &doc.issue) {
                tracing::error!(%id, "unsaved text not kept before deleting: {e}");
            }
        }
        match self.lib.trash(&id) {
            Ok(path) => {
                if self.doc.as_ref().is_some_and(|d| d.id == id) {
                    // No later backup may bring its recovery file back.
                    self.forget_unsaved();
                    self.doc = None;
                    self.focus = Focus::Issues;
                }
                let n = self.issue_ids().len();
                self.list_selected = self.list_selected.min(n.saturating_sub(1));
                self.notify(self.lang.fmt(Msg::Trashed, &[&id, &path.display()]));
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    /// The trash overlay: deleted issues, newest first.
    fn open_trash(&mut self) {
        let lang = self.lang;
        match self.lib.trashed() {
            Ok(items) if items.is_empty() => self.notify(lang.t(Msg::TrashEmpty).to_string()),
            Ok(items) => {
                let rows = items
                    .into_iter()
                    .map(|t| {
                        let when = t
                            .deleted
                            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                            .unwrap_or_default();
                        let what = match &t.issue {
                            Ok(i) => format!(
                                "{}  {}  {}  {}",
                                i.id(),
                                lang.issue_number(i.number, i.total, i.supplement),
                                i.date,
                                lang.fmt(Msg::Articles, &[&i.article_count()])
                            ),
                            Err(_) => t.path.display().to_string(),
                        };
                        TrashRow {
                            label: lang.fmt(Msg::TrashRow, &[&what, &when]),
                            path: t.path,
                        }
                    })
                    .collect();
                self.overlay = Some(Overlay::Trash { rows, selected: 0 });
            }
            Err(e) => self.notify_error(e.message(lang)),
        }
    }

    fn restore_issue(&mut self, path: &std::path::Path) {
        match self.lib.restore(path) {
            Ok(id) => {
                self.select_in_list(id);
                self.focus = Focus::Issues;
                self.notify(self.lang.fmt(Msg::Restored, &[&id]));
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    fn delete_node(&mut self, node: Node) {
        let Some(doc) = self.doc.as_mut() else { return };
        let change = tree::remove(&mut doc.issue, node);
        doc.follow(change);
        if doc.article.is_none() && self.focus == Focus::Editor {
            self.focus = Focus::Tree;
            self.zoom = false;
        }
        doc.tree.fix(&doc.issue);
    }

    fn move_node(&mut self, up: bool) {
        self.with_tree(|app, at| {
            let Some(doc) = app.doc.as_mut() else { return };
            let Some(node) = at else { return };
            let moved = if up {
                tree::move_up(&mut doc.issue, node)
            } else {
                tree::move_down(&mut doc.issue, node)
            };
            let Some((to, change)) = moved else { return };
            doc.follow(change);
            // A moved article is visible in its new section.
            if let Node::Article(at) = to
                && let Some(c) = doc.tree.collapsed.get_mut(at.section)
            {
                *c = false;
            }
            doc.tree.selected = Some(to);
        });
    }

    fn submit_form(&mut self, mut form: Form) {
        if form.validate(self.lang).is_err() {
            self.overlay = Some(Overlay::Form(form));
            return;
        }
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut() else { return };
        match form.kind {
            FormKind::Issue => {
                let mut issue = doc.issue.clone();
                form.apply_issue(&mut issue);
                let new_id = issue.id();
                if new_id != doc.id && self.lib.contains(&new_id) {
                    form.error = Some(lang.fmt(Msg::IssueExists, &[&new_id]));
                    self.overlay = Some(Overlay::Form(form));
                    return;
                }
                doc.issue = issue;
            }
            FormKind::Article(at) => {
                if let Some(article) = doc.issue.article_mut(at) {
                    form.apply_article(article);
                }
            }
            FormKind::NewArticle(at) => {
                let mut article = crate::model::Article::new("");
                form.apply_article(&mut article);
                if let Some((Node::Article(at), change)) =
                    tree::add_article(&mut doc.issue, at, article)
                {
                    doc.follow(change);
                    if let Some(c) = doc.tree.collapsed.get_mut(at.section) {
                        *c = false;
                    }
                    self.open_article(at);
                }
            }
            FormKind::Section(s) => doc.issue.sections[s].title = form.section_title(),
            FormKind::Export => {
                let (format, contents) = form.export_choice();
                self.export(format, contents, false);
            }
            FormKind::NewSection(at) => {
                let (node, change) = tree::add_section(&mut doc.issue, at, &form.section_title());
                doc.follow(change);
                doc.tree.selected = Some(node);
                self.focus = Focus::Tree;
            }
        }
    }

    /// Exports the open issue as shown (unsaved edits included) into the
    /// library's `exports/` folder; asks before replacing a file.
    fn export(&mut self, format: Format, contents: bool, overwrite: bool) {
        let Some(doc) = self.doc.as_mut() else { return };
        doc.flush();
        let doc = &*doc;
        let lang = self.lang;
        let mut settings = self.lib.settings.export.clone();
        settings.contents = contents;
        let path = export::default_path(self.lib.root(), &doc.id, format);
        if !overwrite && path.exists() {
            self.overlay = Some(Overlay::Confirm(Confirm {
                kind: ConfirmKind::Overwrite { format, contents },
                choice: 1,
            }));
            return;
        }
        let result = export::render_in(&doc.issue, format, &settings, Some(self.lib.root()))
            .and_then(|r| {
                export::create_exports_dir(self.lib.root())?;
                export::write(&path, &r.bytes, overwrite)?;
                Ok(r.font_note(lang))
            });
        match result {
            Ok(note) => {
                let done = lang.fmt(Msg::ExportDone, &[&path.display(), &format.name(lang)]);
                self.notify(match note {
                    Some(note) => format!("{done} {note}"),
                    None => done,
                })
            }
            Err(e) => self.notify_error(e.message(lang)),
        }
    }

    /// Scrolls lists so their selection stays in view.
    fn keep_visible(&mut self) {
        let layout = self.layout();
        let n = self.issue_ids().len();
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
