//! What the unit tests share: the Issue fixtures and builders, and an app on
//! a fresh library driven by keys, with its screen as text. (The
//! integration tests under `tests/` have `tests/common`.)

use crate::app::keymap::{Key, Keymap};
use crate::app::{App, Doc};
use crate::i18n::Lang;
use crate::model::{
    Article, ArticleKind, ArticleRef, Closing, Distribution, DistributionKind, Issue, IssueId,
    SCHEMA_VERSION, Section, Status,
};
use crate::store::{Library, SAMPLE_ISSUE, codec};
use crate::ui::{render, theme::Theme};
use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

// ----- issues ---------------------------------------------------------

/// The bundled sample: 第25期 of 文明创建简报, three sections, seven articles.
pub fn sample_issue() -> Issue {
    codec::decode_issue(SAMPLE_ISSUE).unwrap()
}

pub fn sample_id() -> IssueId {
    "2023-025".parse().unwrap()
}

/// An issue with every field set to something other than its default.
pub fn full_issue() -> Issue {
    Issue {
        schema: SCHEMA_VERSION,
        bulletin: "文明创建简报".into(),
        number: 12,
        total: Some(345),
        supplement: true,
        date: "2023-11-23".parse().unwrap(),
        issuer: "周口市文明办".into(),
        marks: crate::model::Marks {
            copy_number: Some("000012".into()),
            secrecy: Some(crate::model::Secrecy::Secret),
            secrecy_period: Some("1年".into()),
            urgency: Some(crate::model::Urgency::Urgent),
            notices: vec!["内部资料".into(), "注意保存".into()],
        },
        status: Status::Distributed,
        history: vec![crate::model::StatusChange {
            status: Status::Distributed,
            from: Status::Signed,
            name: Some("王文明".into()),
            user: "clerk".into(),
            host: "office".into(),
            time: "2023-11-23T10:12:00+08:00".parse().unwrap(),
            note: Some("已印发".into()),
            copy_of: Some(IssueId::new(2023, 11, false)),
        }],
        sections: vec![
            Section {
                title: "经验交流".into(),
                articles: vec![Article {
                    title: vec![
                        "市委统战部实施四项举措".into(),
                        "推动文明单位创建走深走实".into(),
                    ],
                    kind: ArticleKind::Feature,
                    source: Some("市委统战部".into()),
                    paragraphs: vec![
                        "一是完善创建机制，强化组织保障。".into(),
                        "含“引号”、\"ASCII quotes\"、反斜杠\\、制表\t和 emoji 🎉".into(),
                    ],
                    submission: None,
                }],
            },
            Section {
                title: "文明时讯".into(),
                articles: vec![Article {
                    title: vec!["商水县举办“和美乡村·乡风文明”文艺演出".into()],
                    kind: ArticleKind::Brief,
                    source: None,
                    paragraphs: vec!["为深入宣传贯彻党的二十大精神。".into()],
                    submission: None,
                }],
            },
            Section {
                title: "空栏目".into(),
                articles: vec![],
            },
        ],
        closing: Closing {
            distribution: vec![
                Distribution {
                    kind: DistributionKind::Report,
                    recipients: "省文明办".into(),
                },
                Distribution {
                    kind: DistributionKind::Send,
                    recipients: "市委、市政府领导".into(),
                },
                Distribution {
                    kind: DistributionKind::Issue,
                    recipients: "各县（市、区）文明办".into(),
                },
            ],
            copies: Some(80),
            editor: Some("李明".into()),
            reviewer: Some("王芳".into()),
            signer: Some("张华".into()),
        },
    }
}

pub fn minimal_issue() -> Issue {
    Issue {
        schema: SCHEMA_VERSION,
        bulletin: "工作简报".into(),
        number: 1,
        total: None,
        supplement: false,
        date: "2024-01-05".parse().unwrap(),
        issuer: String::new(),
        status: Status::Draft,
        marks: Default::default(),
        history: Vec::new(),
        sections: vec![],
        closing: Closing::default(),
    }
}

/// A signed issue of one section holding one article of two paragraphs,
/// with 80 copies: what numbering carries over to the next issue.
pub fn signed_issue(number: u32, total: Option<u32>, d: &str) -> Issue {
    Issue {
        schema: SCHEMA_VERSION,
        bulletin: "文明创建简报".into(),
        number,
        total,
        supplement: false,
        date: d.parse().unwrap(),
        issuer: "周口市文明办".into(),
        status: Status::Signed,
        marks: Default::default(),
        history: Vec::new(),
        sections: vec![Section {
            title: "工作动态".into(),
            articles: vec![Article {
                title: vec![
                    "市委统战部实施四项举措".into(),
                    "推动文明单位创建走深走实".into(),
                ],
                kind: ArticleKind::Feature,
                source: Some("市委统战部".into()),
                paragraphs: vec!["第一段。".into(), "第 二 段".into()],
                submission: None,
            }],
        }],
        closing: Closing {
            copies: Some(80),
            ..Closing::default()
        },
    }
}

pub fn brief(title: &str, text: &str) -> Article {
    Article {
        title: vec![title.into()],
        kind: ArticleKind::Brief,
        source: None,
        paragraphs: vec![text.into()],
        submission: None,
    }
}

/// A small issue with an empty section, briefs, odd white space and a
/// distribution line of blanks: what the exports must cope with.
pub fn small_issue() -> Issue {
    Issue {
        schema: SCHEMA_VERSION,
        bulletin: "文明创建简报".into(),
        number: 3,
        total: Some(45),
        supplement: false,
        date: "2024-01-05".parse().unwrap(),
        issuer: "周口市文明办".into(),
        status: Status::Draft,
        marks: Default::default(),
        history: Vec::new(),
        sections: vec![
            Section {
                title: "经验交流".into(),
                articles: vec![Article {
                    title: vec!["市委统战部实施四项举措".into(), "推动创建走深走实".into()],
                    kind: ArticleKind::Feature,
                    source: Some("市委统战部".into()),
                    paragraphs: vec![
                        "第一段。".into(),
                        "　　第二段\t有制表。\u{7}".into(),
                        " ".into(),
                    ],
                    submission: None,
                }],
            },
            Section::new("空栏目"),
            Section {
                title: "文明时讯".into(),
                articles: vec![
                    brief("商水县举办文艺演出", "11月17日，演出。"),
                    Article {
                        source: Some("太康县文明办".into()),
                        ..brief("太康县举行报告会？", "近日，举行。")
                    },
                ],
            },
        ],
        closing: Closing {
            distribution: vec![
                Distribution {
                    kind: DistributionKind::Report,
                    recipients: "省文明办".into(),
                },
                Distribution {
                    kind: DistributionKind::Issue,
                    recipients: "  ".into(),
                },
            ],
            copies: Some(80),
            editor: Some("李明".into()),
            reviewer: None,
            signer: Some("张华".into()),
        },
    }
}

pub fn article(title: &str, source: Option<&str>, paragraphs: &[&str]) -> Article {
    Article {
        title: vec![title.to_string()],
        kind: ArticleKind::Feature,
        source: source.map(str::to_string),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        submission: None,
    }
}

/// The minimal issue with a number, a date and sections.
pub fn issue(number: u32, date: &str, sections: Vec<Section>) -> Issue {
    let mut i = minimal_issue();
    i.number = number;
    i.supplement = false;
    i.date = date.parse().unwrap();
    i.sections = sections;
    i
}

pub fn section(title: &str, articles: Vec<Article>) -> Section {
    Section {
        title: title.to_string(),
        articles,
    }
}

/// The article at section `s`, place `a`.
pub fn at(s: usize, a: usize) -> ArticleRef {
    ArticleRef::new(s, a)
}

// ----- the app --------------------------------------------------------

/// The day the tests' app thinks it is.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 11, 30).unwrap()
}

/// An app in Chinese on a fresh library (holding the sample issue), at
/// 120×40.
pub fn app() -> (TempDir, App) {
    app_with(Lang::Zh, Keymap::default(), 120, 40)
}

/// An app on a fresh library, in `lang`, with `keymap`, at `w`×`h`.
pub fn app_with(lang: Lang, keymap: Keymap, w: u16, h: u16) -> (TempDir, App) {
    let dir = TempDir::new().unwrap();
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    let mut app = App::new(lib, lang, keymap, today());
    app.handle_event(&Event::Resize(w, h));
    (dir, app)
}

/// Keys a clerk presses at the desk, for the random-key proptests: typing,
/// moving, selecting, editing, undo, find, dialogs, saving.
pub const DESK_KEYS: &[&str] = &[
    "文",
    "7",
    "a",
    "字",
    "，",
    "Space",
    "Enter",
    "Backspace",
    "Delete",
    "Left",
    "Right",
    "Up",
    "Down",
    "Home",
    "End",
    "PageUp",
    "PageDown",
    "Ctrl+Home",
    "Ctrl+End",
    "Shift+Right",
    "Shift+Down",
    "Ctrl+Left",
    "Ctrl+Right",
    "Ctrl+Backspace",
    "Ctrl+Z",
    "Ctrl+Y",
    "Ctrl+X",
    "Ctrl+C",
    "Ctrl+V",
    "Ctrl+A",
    "Ctrl+F",
    "Ctrl+R",
    "F3",
    "F8",
    "Esc",
    "Tab",
    "F2",
    "F4",
    "F6",
    "F9",
    "Ctrl+S",
    "Ctrl+U",
    "Ctrl+D",
    "Alt+J",
];

/// Sends the sample issue for review and signs it, as another clerk would
/// (through the library, not the app's keys).
pub fn sign_sample(app: &mut App) {
    let actor = crate::model::Actor {
        name: None,
        user: "u".into(),
        host: "h".into(),
    };
    for to in [crate::model::Status::Review, crate::model::Status::Signed] {
        app.lib
            .set_status(&sample_id(), to, &actor, None, Lang::Zh)
            .unwrap();
    }
}

/// Presses a key written as in the configuration (`Ctrl+S`, `F1`, `字`).
pub fn key(app: &mut App, spec: &str) {
    let k: Key = spec.parse().unwrap();
    app.handle_event(&Event::Key(KeyEvent::new(k.code, k.mods)));
}

pub fn keys(app: &mut App, specs: &[&str]) {
    for s in specs {
        key(app, s);
    }
}

/// Types `text`, a key per character.
pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

pub fn doc(app: &App) -> &Doc {
    app.doc.as_ref().expect("an issue is open")
}

/// The open article's editor.
pub fn editor(app: &App) -> &crate::text::Editor {
    &doc(app)
        .article
        .as_ref()
        .expect("an article is open")
        .editor
}

/// The status-line notice, or "".
pub fn notice(app: &App) -> String {
    app.notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// The file of issue `id` in the test library.
pub fn file(dir: &TempDir, id: &str) -> std::path::PathBuf {
    dir.path().join(format!("lib/issues/{id}.ron"))
}

/// The screen as text, with the cursor position when it is shown.
pub fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| render(app, &Theme::color(), f)).unwrap();
    let backend = term.backend();
    let mut out = String::new();
    if backend.cursor_visible() {
        let p = backend.cursor_position();
        out.push_str(&format!("cursor: {},{}\n", p.x, p.y));
    }
    let buf = backend.buffer();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A full drawing of `app` (every pane) and where the cursor goes.
pub fn full_frame(app: &App) -> (ratatui::buffer::Buffer, Option<ratatui::layout::Position>) {
    let area = ratatui::layout::Rect::new(0, 0, app.width, app.height);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    let cursor = crate::ui::draw_all(app, &Theme::color(), &mut buf);
    (buf, cursor)
}

/// Draws `app` with `painter` into `kept` (the frames it drew before) and
/// says how it differs from a full drawing, if it does.
pub fn retained_differs(
    app: &App,
    painter: &mut crate::ui::Painter,
    kept: &mut ratatui::buffer::Buffer,
) -> Option<String> {
    let area = ratatui::layout::Rect::new(0, 0, app.width, app.height);
    if kept.area != area {
        kept.resize(area);
    }
    let painted = painter.paint(app, &Theme::color(), kept);
    let (full, cursor) = full_frame(app);
    if painted.cursor != cursor {
        return Some(format!("cursor {:?}, full {:?}", painted.cursor, cursor));
    }
    let differ: Vec<usize> = (0..full.content.len())
        .filter(|&i| full.content[i] != kept.content[i])
        .collect();
    let &first = differ.first()?;
    let (x, y) = full.pos_of(first);
    Some(format!(
        "{} cells differ, first at {x},{y}: {:?} where the full drawing has {:?}",
        differ.len(),
        kept.content[first].symbol(),
        full.content[first].symbol()
    ))
}

/// A writer standing for the terminal: what was written, shared with the
/// test.
#[derive(Default, Clone)]
pub struct Written(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Written {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Written {
    /// What was written since the last call.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

/// An app at `w`×`h` on a library holding only the three hand-counted
/// issues of `tests/fixtures/stats` (see its README); relative paths typed
/// in prompts start at the folder holding the library (`lib/…`).
pub fn counted_app(w: u16, h: u16) -> (TempDir, App) {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("lib");
    drop(Library::open(&root).unwrap());
    std::fs::remove_file(root.join("issues/2023-025.ron")).unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stats");
    for name in ["2023-040.ron", "2023-041.ron", "2024-001.ron"] {
        std::fs::copy(fixtures.join(name), root.join("issues").join(name)).unwrap();
    }
    let lib = Library::open(&root).unwrap();
    let mut app = App::new(lib, Lang::Zh, Keymap::default(), today());
    app.import_roots = crate::app::import::paths::Roots {
        base: dir.path().to_path_buf(),
        home: None,
    };
    app.handle_event(&Event::Resize(w, h));
    (dir, app)
}

/// A wide character whose next cell holds something: the terminal would
/// show the character over it (ratatui does not draw a covered cell).
pub fn covered_cell(buf: &ratatui::buffer::Buffer) -> Option<String> {
    let a = buf.area;
    for y in a.top()..a.bottom() {
        for x in a.left()..a.right().saturating_sub(1) {
            let s = buf[(x, y)].symbol();
            if unicode_width::UnicodeWidthStr::width(s) > 1 && buf[(x + 1, y)].symbol() != " " {
                return Some(format!(
                    "{s:?} at {x},{y} covers {:?}",
                    buf[(x + 1, y)].symbol()
                ));
            }
        }
    }
    None
}
