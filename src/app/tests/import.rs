//! Importing from the editor: the path prompt and its completion, the
//! encoding choice, the preview, confirming and cancelling, the errors
//! that keep the typed path.

use super::*;
use crate::app::import::paths::Roots;
use crate::app::import::{Import, RowKind, Step, Target};
use crossterm::event::Event;
use std::path::PathBuf;

/// The real sample bulletin's text: the issuing unit and date, no name or
/// number (the library's own: it is numbered next and completed).
const ZHOUKOU: &str = include_str!("../../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");

/// An app whose import prompt starts in `files/` of its temporary folder,
/// with the Zhoukou text as `简报/周口文明简报.txt` and home at `home/`.
fn app_with_files() -> (TempDir, App, PathBuf) {
    let (dir, mut app) = app_with(Lang::Zh, Keymap::default(), 80, 24);
    let base = dir.path().join("files");
    let home = dir.path().join("home");
    fs::create_dir_all(base.join("简报/旧稿")).unwrap();
    fs::create_dir_all(home.join("下载")).unwrap();
    fs::write(base.join("简报/周口文明简报.txt"), ZHOUKOU).unwrap();
    fs::write(home.join("下载/来稿.txt"), "标题\n\n正文第一段。\n").unwrap();
    app.import_roots = Roots {
        base: base.clone(),
        home: Some(home),
    };
    (dir, app, base)
}

fn import(app: &App) -> &Import {
    match &app.overlay {
        Some(Overlay::Import(i)) => i,
        other => panic!("no import overlay: {other:?}"),
    }
}

fn error(app: &App) -> String {
    import(app).error.clone().unwrap_or_default()
}

fn preview_text(app: &App) -> String {
    match &import(app).step {
        Step::Preview(shown) => shown
            .rows
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        other => panic!("no preview: {other:?}"),
    }
}

fn ids(app: &App) -> Vec<String> {
    app.issue_ids().iter().map(ToString::to_string).collect()
}

/// Types `path` into the prompt (replacing what is there) and presses Enter.
fn read(app: &mut App, path: &str) {
    key(app, "Ctrl+U");
    app.handle_event(&Event::Paste(path.into()));
    key(app, "Enter");
}

#[test]
fn tab_completes_cjk_names_and_lists_the_matches() {
    let (_d, mut app, _) = app_with_files();
    key(&mut app, "Ctrl+O");
    assert_eq!(import(&app).target, Target::New);
    let names =
        |app: &App| -> Vec<String> { import(app).matches.iter().map(|e| e.name.clone()).collect() };
    assert_eq!(names(&app), ["简报"], "the start folder is listed");
    typ(&mut app, "简");
    key(&mut app, "Tab");
    assert_eq!(import(&app).input.text(), "简报/");
    assert_eq!(names(&app), ["旧稿", "周口文明简报.txt"], "folders first");
    typ(&mut app, "周");
    key(&mut app, "Tab");
    assert_eq!(import(&app).input.text(), "简报/周口文明简报.txt");
    // ~ is the home folder; a second Tab with nothing to add chooses.
    read(&mut app, "~/");
    assert!(error(&app).contains("是文件夹"), "{}", error(&app));
    assert_eq!(import(&app).input.text(), "~/");
    key(&mut app, "Tab");
    assert_eq!(import(&app).input.text(), "~/下载/");
    key(&mut app, "Tab");
    assert_eq!(import(&app).input.text(), "~/下载/来稿.txt");
    let shown = screen(&app);
    assert!(shown.contains("文件：~/下载/来稿.txt"), "{shown}");
    // Up and Down choose among several; Enter goes into a folder.
    key(&mut app, "Ctrl+U");
    app.handle_event(&Event::Paste("简报/".into()));
    assert!(import(&app).error.is_none());
    keys(&mut app, &["Down", "Enter"]);
    assert_eq!(import(&app).input.text(), "简报/旧稿/");
    assert!(matches!(import(&app).step, Step::Path));
    keys(&mut app, &["Esc"]);
    assert!(app.overlay.is_none());
}

#[test]
fn the_preview_shows_what_will_be_made_and_enter_makes_and_opens_it() {
    let (dir, mut app, _) = app_with_files();
    key(&mut app, "Ctrl+O");
    read(&mut app, "简报/周口文明简报.txt");
    let text = preview_text(&app);
    for part in [
        "预览，未写入任何文件",
        "将新建 2023-026，第26期：3个栏目，7篇",
        "【经验交流】",
        "  市委统战部实施四项举措 / 推动文明单位创建走深走实  5段，876字",
        "〔简讯〕商水县举办",
        "文件：简报/周口文明简报.txt（UTF-8）",
        "文中没有期号，按顺序编为第26期",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    let Step::Preview(shown) = &import(&app).step else {
        unreachable!()
    };
    assert_eq!(shown.rows[0].kind, RowKind::Head);
    assert!(shown.rows.iter().any(|r| r.kind == RowKind::Section));
    // It scrolls, within its length.
    keys(&mut app, &["PageDown", "PageDown", "PageDown", "PageDown"]);
    let Step::Preview(shown) = &import(&app).step else {
        unreachable!()
    };
    assert!(shown.scroll > 0);
    assert!(shown.scroll + import(&app).page() <= shown.rows.len());
    assert!(!file(&dir, "2023-026").exists(), "nothing written yet");
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    assert!(file(&dir, "2023-026").exists());
    assert_eq!(doc(&app).id.to_string(), "2023-026");
    assert_eq!(app.focus, Focus::Tree);
    assert_eq!(doc(&app).issue.sections.len(), 3);
    assert!(
        notice(&app).starts_with("已导入为 2023-026，第26期：3个栏目，7篇"),
        "{}",
        notice(&app)
    );
    // The next prompt starts in the folder of this one.
    key(&mut app, "Esc");
    key(&mut app, "Ctrl+O");
    assert_eq!(import(&app).input.text(), "简报/");
}

#[test]
fn esc_in_the_preview_goes_back_to_the_path_and_writes_nothing() {
    let (dir, mut app, _) = app_with_files();
    let before = fs::read_dir(dir.path().join("lib/issues")).unwrap().count();
    key(&mut app, "Ctrl+O");
    read(&mut app, "简报/周口文明简报.txt");
    assert!(matches!(import(&app).step, Step::Preview(_)));
    key(&mut app, "Esc");
    assert!(matches!(import(&app).step, Step::Path));
    assert_eq!(import(&app).input.text(), "简报/周口文明简报.txt");
    key(&mut app, "Esc");
    assert!(app.overlay.is_none());
    assert_eq!(
        fs::read_dir(dir.path().join("lib/issues")).unwrap().count(),
        before
    );
    assert_eq!(ids(&app), ["2023-025"]);
}

#[test]
fn errors_are_said_in_the_prompt_and_keep_the_typed_path() {
    let (_d, mut app, base) = app_with_files();
    fs::write(base.join("图片.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(base.join("坏.pdf"), b"%PDF-1.4\n1 0 obj garbage").unwrap();
    fs::write(base.join("空.txt"), "").unwrap();
    let noise: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(base.join("数据.bin"), noise).unwrap();
    fs::write(
        base.join("第25期.txt"),
        "文明创建简报\n第25期\n周口市文明办 2023年11月23日\n\n【工作动态】\n\n全市召开推进会\n\n会议要求，抓好落实。\n",
    )
    .unwrap();
    fs::write(
        base.join("只有报头.txt"),
        "文明创建简报\n第30期\n周口市文明办 2023年12月1日\n",
    )
    .unwrap();
    let huge = fs::File::create(base.join("大.txt")).unwrap();
    huge.set_len(65 * 1024 * 1024).unwrap();
    key(&mut app, "Ctrl+O");
    key(&mut app, "Enter");
    assert_eq!(error(&app), "请输入要导入的文件路径，按 Tab 补全。");
    for (path, said) in [
        ("没有这个.txt", "没有这个.txt：没有这个文件。"),
        ("简报", "简报 是文件夹"),
        ("图片.txt", "图片.txt：这是一张 PNG 图片"),
        ("坏.pdf", "坏.pdf：无法作为 PDF 读取"),
        ("空.txt", "空.txt：文件是空的"),
        ("数据.bin", "数据.bin：不是文本文件，或编码无法识别（试过"),
        ("大.txt", "大.txt：文件太大（65 MB）"),
        (
            "只有报头.txt",
            "只有报头.txt：只找到报头（文明创建简报，第30期",
        ),
        (
            "第25期.txt",
            "2023-025 已经存在，未覆盖。要把文章加入这一期，请先打开它，再在栏目树中按 Ctrl+O。",
        ),
    ] {
        read(&mut app, path);
        assert!(error(&app).starts_with(said), "{path}: {}", error(&app));
        assert!(matches!(import(&app).step, Step::Path), "{path}");
        let typed = if path == "简报" { "简报/" } else { path };
        assert_eq!(import(&app).input.text(), typed);
    }
    // Typing clears the message.
    typ(&mut app, "x");
    assert!(import(&app).error.is_none());
    assert_eq!(ids(&app), ["2023-025"]);
}

#[test]
fn into_the_open_issue_adds_the_articles_saves_and_selects_the_first() {
    let (dir, mut app, _) = app_with_files();
    key(&mut app, "Enter");
    key(&mut app, "Ctrl+O");
    assert_eq!(import(&app).target, Target::Into(sample_id()));
    assert!(screen(&app).contains("导入到 2023-025（第25期）"));
    read(&mut app, "~/下载/来稿.txt");
    let text = preview_text(&app);
    assert!(text.contains("将向 2023-025 加入 1篇，1段"), "{text}");
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    assert!(
        notice(&app).starts_with("已向 2023-025 加入 1篇，1段"),
        "{}",
        notice(&app)
    );
    assert!(!app.is_dirty());
    let saved = fs::read_to_string(file(&dir, "2023-025")).unwrap();
    assert!(saved.contains("正文第一段。"), "{saved}");
    let issue = &doc(&app).issue;
    let last = issue.sections.len() - 1;
    let n = issue.sections[last].articles.len();
    assert_eq!(
        doc(&app).tree.selected,
        Some(Node::Article(at(last, n - 1)))
    );
    assert_eq!(issue.sections[last].articles[n - 1].title, ["标题"]);
}

#[test]
fn a_signed_issue_takes_no_import() {
    let (dir, mut app, _) = app_with_files();
    let path = file(&dir, "2023-025");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("status: Draft", "status: Signed")).unwrap();
    app.lib = Library::open(&dir.path().join("lib")).unwrap();
    keys(&mut app, &["Enter", "Ctrl+O"]);
    assert!(app.overlay.is_none());
    assert!(notice(&app).contains("已签发"), "{}", notice(&app));
    assert!(app.notice.as_ref().unwrap().error);
    // From the issue list, a new issue may still be made.
    keys(&mut app, &["Esc", "Ctrl+O"]);
    assert_eq!(import(&app).target, Target::New);
}

#[test]
fn an_unsure_encoding_is_chosen_by_eye() {
    let (_d, mut app, base) = app_with_files();
    let (big5, _, bad) = encoding_rs::BIG5.encode(
        "太康縣舉辦宣講報告會\n\n近日，太康縣新時代文明實踐中心舉行黨的二十大精神宣講報告會。\n",
    );
    assert!(!bad);
    fs::write(base.join("繁體.txt"), &big5).unwrap();
    key(&mut app, "Ctrl+O");
    read(&mut app, "繁體.txt");
    let Step::Encoding {
        choices, selected, ..
    } = &import(&app).step
    else {
        panic!("no encoding choice: {:?}", import(&app).step)
    };
    assert_eq!(*selected, 0);
    assert_eq!(
        choices[0].encoding,
        encoding_rs::GB18030,
        "the detected one first"
    );
    let big5_at = choices
        .iter()
        .position(|c| c.encoding == encoding_rs::BIG5)
        .unwrap();
    assert!(choices[big5_at].sample.starts_with("太康縣舉辦宣講報告會"));
    let shown = screen(&app);
    assert!(shown.contains("无法确定文字编码"), "{shown}");
    assert!(shown.contains("Big5"), "{shown}");
    for _ in 0..big5_at {
        key(&mut app, "Down");
    }
    key(&mut app, "Enter");
    let text = preview_text(&app);
    assert!(text.contains("（Big5）"), "{text}");
    assert!(text.contains("太康縣舉辦宣講報告會"), "{text}");
    // Esc from the choice goes back to the path.
    key(&mut app, "Esc");
    read(&mut app, "繁體.txt");
    key(&mut app, "Esc");
    assert!(matches!(import(&app).step, Step::Path));
    assert_eq!(import(&app).input.text(), "繁體.txt");
}

#[test]
fn a_number_taken_meanwhile_is_not_overwritten() {
    let (dir, mut app, _) = app_with_files();
    key(&mut app, "Ctrl+O");
    read(&mut app, "简报/周口文明简报.txt");
    assert!(preview_text(&app).contains("将新建 2023-026"));
    // Another jianbao creates the next issue while the preview is open.
    let mut other = Library::open(&dir.path().join("lib")).unwrap();
    let made = other.create_next(None, today(), false).unwrap();
    assert_eq!(made.id.to_string(), "2023-026");
    let theirs = fs::read_to_string(file(&dir, "2023-026")).unwrap();
    key(&mut app, "Enter");
    assert_eq!(fs::read_to_string(file(&dir, "2023-026")).unwrap(), theirs);
    assert_eq!(doc(&app).id.to_string(), "2023-027");
    assert!(
        notice(&app).contains("已导入为 2023-027，第27期"),
        "{}",
        notice(&app)
    );
}

#[test]
fn the_palette_offers_both_imports() {
    let (_d, mut app, _) = app_with_files();
    key(&mut app, "Ctrl+P");
    typ(&mut app, "导入到本期");
    key(&mut app, "Enter");
    assert!(app.overlay.is_none());
    assert!(
        notice(&app).contains("还没有打开任何一期"),
        "{}",
        notice(&app)
    );
    key(&mut app, "Ctrl+P");
    typ(&mut app, "导入为新的一期");
    key(&mut app, "Enter");
    assert_eq!(import(&app).target, Target::New);
}
