//! Searching every issue of the library (F12 anywhere, F3 in the issue
//! list, or the palette's 搜索全部期刊): an overlay with a query field and
//! the articles found, updated as the clerk types; Enter opens the article
//! with the caret on the match. The unsaved text of the issue being edited
//! is searched as it is on screen.

use super::find::FindBar;
use super::input::LineInput;
use super::overlay::{Env, Keys, Outcome};
use super::{After, App, Command, Overlay};
use crate::i18n::Msg;
use crate::model::{ArticleRef, IssueId};
use crate::store::index::corpus::Corpus;
use crate::store::search::{Filter, Hit, Query};
use crate::text::Pos;
use std::sync::Arc;
use unicode_segmentation::UnicodeSegmentation;

/// Rows a hit takes in the list: its issue and title, then its line.
pub const HIT_ROWS: usize = 2;

/// The text searched, shared while the overlay is open so each key only
/// scans it again (it is mapped from the index, not copied).
#[derive(Clone)]
pub struct Shared(Arc<Corpus>);

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Corpus({} issues)", self.0.issues.len())
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Shared {}

/// The search overlay's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub input: LineInput,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// The first hit shown.
    pub scroll: usize,
    /// The issue whose unsaved text was searched (its hits say so).
    pub unsaved: Option<IssueId>,
    corpus: Shared,
}

impl Search {
    fn new(corpus: Corpus, unsaved: Option<IssueId>) -> Search {
        Search {
            input: LineInput::default(),
            hits: Vec::new(),
            selected: 0,
            scroll: 0,
            unsaved,
            corpus: Shared(Arc::new(corpus)),
        }
    }

    /// Searches again for what is in the field.
    pub fn refresh(&mut self) {
        let query = Query::parse(self.input.text());
        self.hits = self.corpus.0.search(&query, &Filter::default());
        self.selected = 0;
        self.scroll = 0;
    }

    fn step(&mut self, delta: isize, page: usize) {
        let last = self.hits.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
        self.keep_visible(page);
    }

    /// Scrolls so the selected hit is among the `page` shown.
    pub fn keep_visible(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + page {
            self.scroll = self.selected + 1 - page;
        }
    }
}

/// How many hits the overlay shows in a terminal `height` rows high (the
/// popup less its frame, the query row and the rule under it).
pub fn page(height: u16) -> usize {
    (height.saturating_sub(2 + 2 + 2) as usize / HIT_ROWS).max(1)
}

impl Keys for Search {
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        let page = page(env.height);
        match cmd {
            Command::Close => return Some(Outcome::Close),
            Command::Accept => {
                let Some(hit) = self.hits.get(self.selected) else {
                    return Some(Outcome::Stay);
                };
                let at = hit.paragraph_at().map(|(p, start)| {
                    let end = hit.marks.first().map_or(start, |m| m.end);
                    (p, start, end)
                });
                return Some(Outcome::Open(Goto {
                    id: hit.id(),
                    article: ArticleRef::new(hit.section(), hit.article()),
                    at,
                }));
            }
            Command::Up => self.step(-1, page),
            Command::Down => self.step(1, page),
            Command::PageUp => self.step(-(page as isize), page),
            Command::PageDown => self.step(page as isize, page),
            _ if self.input.command(cmd) => self.refresh(),
            _ => return None,
        }
        Some(Outcome::Stay)
    }

    fn text(&mut self, c: char, env: &Env) -> Outcome {
        self.paste(c.encode_utf8(&mut [0; 4]), env)
    }

    /// Types or pastes into the field.
    fn paste(&mut self, text: &str, _env: &Env) -> Outcome {
        self.input.insert(text);
        self.refresh();
        Outcome::Stay
    }
}

/// Where a search hit is, to open it: the issue, the article, and the
/// paragraph and byte range of the match (none for a title or source).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goto {
    pub id: IssueId,
    pub article: ArticleRef,
    /// Paragraph, start and end byte of the match.
    pub at: Option<(usize, usize, usize)>,
}

impl App {
    /// Opens the search overlay on the library as it is now, with the
    /// unsaved text of the open issue.
    pub(super) fn open_search(&mut self) {
        let mut unsaved = None;
        if let Some(doc) = self.doc.as_mut() {
            doc.flush();
            if doc.issue != doc.saved {
                unsaved = Some(doc.id);
            }
        }
        let doc = self.doc.as_ref().filter(|_| unsaved.is_some());
        match self.lib.corpus(doc.map(|d| (&d.id, &d.issue)), None) {
            Ok(corpus) => {
                self.overlay = Some(Overlay::Search(Search::new(corpus, unsaved)));
                // Issues another process added meanwhile are listed too.
                self.keep_visible();
            }
            Err(e) => self.notify_error(e.message(self.lang)),
        }
    }

    /// Opens a search hit: in the open issue at once, in another after the
    /// unsaved changes of the open one are dealt with.
    pub(super) fn open_hit(&mut self, goto: Goto) {
        if self.doc.as_ref().is_some_and(|d| d.id == goto.id) {
            self.goto_hit(goto);
        } else {
            self.guard_unsaved(After::Search(goto));
        }
    }

    /// Shows the article of a hit with the caret on the match, which the
    /// find bar selects (F3 then steps through the article's other matches).
    pub(super) fn goto_hit(&mut self, goto: Goto) {
        if self.doc.as_ref().is_none_or(|d| d.id != goto.id) {
            if !self.lib.contains(&goto.id) {
                self.notify_error(self.lang.fmt(Msg::SearchGone, &[&goto.id]));
                return;
            }
            // Opening may stop at a recovery offer: then the clerk decides first.
            self.open_issue(goto.id);
        }
        let Some(doc) = self.doc.as_mut().filter(|d| d.id == goto.id) else {
            return;
        };
        let Some(article) = doc.issue.article(goto.article) else {
            return;
        };
        // The text may have changed since the search: only a match still
        // there is selected.
        let found = goto.at.and_then(|(p, start, end)| {
            let text = article.paragraphs.get(p)?;
            let before = text.get(..start)?;
            let matched = text.get(start..end)?.to_string();
            Some((Pos::new(p, before.graphemes(true).count()), matched))
        });
        self.open_article(goto.article);
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(edit) = doc.article.as_mut() else {
            return;
        };
        match found {
            Some((caret, matched)) if !matched.is_empty() => {
                edit.editor.set_caret(caret);
                doc.find = Some(FindBar {
                    query: LineInput::new(&matched),
                    ..FindBar::default()
                });
                // Selects the match at the caret, and marks the others.
                self.refind();
            }
            _ => edit.editor.set_caret(Pos::new(0, 0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Focus;
    use crate::app::keymap::Keymap;
    use crate::i18n::Lang;
    use crate::test_support::{app_with, keys};
    use crossterm::event::Event;

    fn app() -> (tempfile::TempDir, App) {
        app_with(Lang::Zh, Keymap::default(), 100, 30)
    }

    fn search(app: &App) -> &Search {
        match &app.overlay {
            Some(Overlay::Search(s)) => s,
            other => panic!("no search overlay: {other:?}"),
        }
    }

    #[test]
    fn enter_puts_the_caret_on_the_match_in_the_open_issue() {
        let (_dir, mut app) = app();
        keys(&mut app, &["Enter"]);
        let id = app.doc.as_ref().unwrap().id;
        keys(&mut app, &["F12"]);
        app.handle_event(&Event::Paste("33个行政村".into()));
        assert_eq!(search(&app).hits.len(), 1);
        keys(&mut app, &["Enter"]);
        assert!(app.overlay.is_none());
        let doc = app.doc.as_ref().unwrap();
        assert_eq!(doc.id, id);
        assert_eq!(app.focus, Focus::Editor);
        let edit = doc.article.as_ref().unwrap();
        let para = &doc.issue.article(edit.pos).unwrap().paragraphs[2];
        let (start, end) = edit.editor.selection().expect("the match is selected");
        assert_eq!(start.paragraph, 2);
        let before: String = para.graphemes(true).take(start.grapheme).collect();
        let matched: String = para
            .graphemes(true)
            .skip(start.grapheme)
            .take(end.grapheme - start.grapheme)
            .collect();
        assert!(before.ends_with("发挥红白理事会作用，"), "{before}");
        assert_eq!(matched, "33个行政村");
        assert_eq!(doc.find.as_ref().unwrap().query.text(), "33个行政村");
    }

    #[test]
    fn keys_move_through_the_hits_and_esc_closes() {
        let (_dir, mut app) = app();
        keys(&mut app, &["F3", "文", "明"]);
        let n = search(&app).hits.len();
        assert!(n > 3, "{n}");
        keys(&mut app, &["Down", "Down", "Up"]);
        assert_eq!(search(&app).selected, 1);
        keys(&mut app, &["PageDown", "PageDown"]);
        assert_eq!(search(&app).selected, n - 1);
        keys(&mut app, &["Backspace"]);
        assert_eq!(search(&app).selected, 0, "a new query starts at the top");
        keys(&mut app, &["Esc"]);
        assert!(app.overlay.is_none());
    }

    #[test]
    fn a_hit_whose_issue_is_gone_says_so() {
        let (_dir, mut app) = app();
        keys(&mut app, &["F12", "白", "潭", "镇"]);
        let id = search(&app).hits[0].id();
        app.lib.trash(&id).unwrap();
        keys(&mut app, &["Enter"]);
        let notice = app.notice.as_ref().unwrap();
        assert!(notice.text.contains("已不在简报库中"), "{}", notice.text);
        assert!(app.doc.is_none());
    }
}
