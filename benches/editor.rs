//! One typed character in articles of 10k, 100k and 1M characters, as one
//! huge paragraph and as paragraphs of about 200 characters: the edit, the
//! rewrap, scroll_to_caret and rendering into a 100×30 buffer. The caret sits
//! in the middle of the article; the keystroke is undone (untimed) after each
//! iteration so the article keeps its size, and the buffer is reset (untimed)
//! before each render, as ratatui hands a widget a fresh frame buffer.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jianbao::text::{EditAction, Editor, Pos};
use jianbao::ui::editor::{EditorStyles, render};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SENTENCE: &str = "为深入贯彻落实党的二十大精神，进一步推进文明城市创建工作，11月20日，扶沟县召开“文明单位”创建推进会（共120人参加）。";

fn article(chars: usize) -> String {
    SENTENCE.chars().cycle().take(chars).collect()
}

fn editor(chars: usize, one_paragraph: bool) -> Editor {
    let text = article(chars);
    let mut e = if one_paragraph {
        Editor::new([text])
    } else {
        let chars: Vec<char> = text.chars().collect();
        Editor::new(chars.chunks(200).map(|c| c.iter().collect::<String>()))
    };
    e.scroll_to_caret(100, 30);
    let mid = if one_paragraph {
        Pos::new(0, e.paragraph_len(0) / 2)
    } else {
        let p = e.paragraph_count() / 2;
        Pos::new(p, e.paragraph_len(p) / 2)
    };
    e.set_caret(mid);
    e
}

fn typing(c: &mut Criterion) {
    let mut group = c.benchmark_group("type_one_char");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    let styles = EditorStyles::default();
    let area = Rect::new(0, 0, 100, 30);
    for chars in [10_000, 100_000, 1_000_000] {
        for one in [true, false] {
            let name = if one {
                "one_paragraph"
            } else {
                "paragraphs_of_200"
            };
            let mut e = editor(chars, one);
            let mut buf = Buffer::empty(area);
            group.bench_with_input(BenchmarkId::new(name, chars), &chars, |b, _| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        // A fresh frame, as ratatui hands the widget each draw.
                        buf.reset();
                        let t = Instant::now();
                        e.apply(EditAction::Insert("字".into()));
                        e.scroll_to_caret(100, 30);
                        std::hint::black_box(render(&e, area, &mut buf, &styles));
                        total += t.elapsed();
                        e.apply(EditAction::Undo);
                    }
                    total
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, typing);
criterion_main!(benches);
