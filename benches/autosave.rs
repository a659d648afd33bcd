//! What the safety net costs the UI thread while typing, on the sample issue
//! (3000 characters, the open article 922) and on an 86k-character one (its
//! articles ×20, the open article's paragraphs ×30: 27 660 characters):
//! the tick after a keystroke (a change noticed by the editor's revision),
//! an idle tick, and the tick that takes a snapshot (the open article copied
//! into the working copy, two clones for the writer thread and the signal
//! thread; the write itself happens on the writer thread and is not counted).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jianbao::app::App;
use jianbao::app::keymap::Keymap;
use jianbao::app::safety::Autosave;
use jianbao::i18n::Lang;
use jianbao::store::{Library, SAMPLE_ISSUE, codec};
use std::time::{Duration, Instant};

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// An app editing the first article of the sample issue or, `big`, of the
/// sample with its articles ×20 and the first article's paragraphs ×30.
fn editing(dir: &std::path::Path, big: bool) -> App {
    let mut lib = Library::open(&dir.join("lib")).unwrap();
    let id = *lib.entries().next().unwrap().0;
    let mut issue = codec::decode_issue(SAMPLE_ISSUE).unwrap();
    if big {
        for section in &mut issue.sections {
            let articles = section.articles.clone();
            for _ in 1..20 {
                section.articles.extend(articles.iter().cloned());
            }
        }
        let first = &mut issue.sections[0].articles[0].paragraphs;
        *first = first
            .iter()
            .cycle()
            .take(first.len() * 30)
            .cloned()
            .collect();
    }
    lib.save(&id, issue).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2023, 11, 30).unwrap();
    let mut app = App::new(lib, Lang::Zh, Keymap::default(), today);
    app.handle_event(&Event::Resize(120, 40));
    app.start(Some(id));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    app
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("autosave");
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    for big in [false, true] {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let mut app = editing(dir.path(), big);
        let chars = app.doc.as_ref().unwrap().total_chars();
        let mut now = Instant::now();
        g.bench_with_input(
            BenchmarkId::new("tick_after_keystroke", chars),
            &chars,
            |b, _| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        key(&mut app, KeyCode::Char('字'));
                        key(&mut app, KeyCode::Backspace);
                        now += Duration::from_millis(1);
                        let t = Instant::now();
                        app.tick(now);
                        total += t.elapsed();
                    }
                    total
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("tick_idle", chars), &chars, |b, _| {
            b.iter(|| app.tick(now))
        });
        g.bench_with_input(BenchmarkId::new("tick_snapshot", chars), &chars, |b, _| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    key(&mut app, KeyCode::Char('字'));
                    now += Duration::from_millis(1);
                    app.tick(now);
                    now += Autosave::MAX_WAIT;
                    let t = Instant::now();
                    app.tick(now);
                    total += t.elapsed();
                }
                total
            })
        });
        drop(app);
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
