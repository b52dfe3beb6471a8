//! How standup holds up as a board grows: boards of 100, 1,000 and 10,000
//! tasks (a tenth as many issues, 30 parties, about six log entries per
//! task), each measured for load, serialise, atomic save, one frame of each
//! pane at 200×50 (the timeline's Gantt chart and flow charts included),
//! the view rebuilt after a change, the timeline's rows and flow figures,
//! one action with its undo record, the RACI check and the minutes.
//! Targets and results: docs/PERFORMANCE.md. Run with `cargo bench`.

use std::hint::black_box;

use chrono::DateTime;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use standup::i18n::Lang;
use standup::model::{Action, Board, History, TaskId, Timestamp};
use standup::report;
use standup::scale::{self, Size};
use standup::store;
use standup::tui::{App, Pane, Theme};

// Measured with the allocator the app uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn now() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").expect("a valid moment")
}

fn board(tasks: usize) -> Board {
    let size = Size {
        tasks,
        issues: tasks / 10,
        parties: 30,
    };
    let made = scale::board(now(), size).expect("the generated board builds");
    // Measured as the app holds a board: read from its file. (A board read
    // in order is laid out in memory in order, and saves a third faster
    // than one just generated.)
    store::from_json(&store::to_json(&made)).expect("the board reads back")
}

fn boards() -> Vec<(usize, Board)> {
    SIZES.iter().map(|n| (*n, board(*n))).collect()
}

fn file(c: &mut Criterion) {
    let boards = boards();
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut group = c.benchmark_group("file");
    group.sample_size(20);
    for (n, board) in &boards {
        let text = store::to_json(board);
        // What the app reads before its first frame: all but the log. The
        // board is dropped outside the timing: freeing it is not part of
        // loading (the app frees it once, at exit).
        group.bench_with_input(BenchmarkId::new("load", n), &text, |b, text| {
            b.iter_with_large_drop(|| store::from_json_without_log(black_box(text)).expect("loads"))
        });
        // The log, read just after the first frame and put in place.
        let (shown, log) = store::from_json_without_log(&text).expect("loads");
        let log = log.expect("a log");
        group.bench_with_input(BenchmarkId::new("log", n), &text, |b, text| {
            b.iter_batched(
                || shown.clone(),
                |mut board| {
                    board.attach_log(store::read_log(black_box(text), &log).expect("reads"));
                    board
                },
                BatchSize::LargeInput,
            )
        });
        // The whole file at once, as a command or a merge reads it.
        group.bench_with_input(BenchmarkId::new("load_whole", n), &text, |b, text| {
            b.iter_with_large_drop(|| store::from_json(black_box(text)).expect("loads"))
        });
        // Into a buffer kept between saves, as the saver writes.
        let mut out = Vec::new();
        group.bench_with_input(BenchmarkId::new("serialise", n), board, |b, board| {
            b.iter(|| store::format::write_json(black_box(board), &mut out))
        });
        let path = dir.path().join(format!("board-{n}.json"));
        store::atomic::write_atomic(&path, text.as_bytes()).expect("first write");
        let (mut handle, _) = store::BoardFile::open(&path).expect("opens");
        group.bench_with_input(BenchmarkId::new("save", n), board, |b, board| {
            b.iter(|| handle.save_merging(black_box(board)).expect("saves"))
        });
    }
    group.finish();
}

fn model(c: &mut Criterion) {
    let boards = boards();
    let mut group = c.benchmark_group("model");
    for (n, board) in &boards {
        // A card moved to the next column and back: each iteration applies
        // two actions (with their undo records) and leaves the board as it
        // found it, so every iteration measures the same work.
        let mut board = board.clone();
        let mut history = History::default();
        let id = TaskId::from_number(*n as u32 / 2);
        let there = Action::MoveTask {
            id,
            column: "review".into(),
            position: None,
        };
        let back = Action::MoveTask {
            id,
            column: "doing".into(),
            position: None,
        };
        group.bench_function(BenchmarkId::new("action_with_undo_x2", n), |b| {
            b.iter(|| {
                history.apply(&mut board, &there, now()).expect("moves");
                history.apply(&mut board, &back, now()).expect("moves back");
            })
        });
        group.bench_function(BenchmarkId::new("undo_redo", n), |b| {
            b.iter(|| {
                history.undo(&mut board);
                history.redo(&mut board);
            })
        });
        let board = boards.iter().find(|(m, _)| m == n).map(|(_, b)| b);
        // What a key pressed while a save runs costs first: the board is
        // shared with the saving thread, so the change copies it.
        group.bench_with_input(BenchmarkId::new("copy_for_save", n), &board, |b, board| {
            b.iter_with_large_drop(|| black_box(board.expect("board")).clone())
        });
        group.bench_with_input(BenchmarkId::new("raci_check", n), &board, |b, board| {
            b.iter(|| standup::model::raci::check(black_box(board.expect("board"))))
        });
        // The minutes of the day, as `standup minutes` writes them: the
        // report gathered from the log and the records, then its Markdown.
        let locale = standup::i18n::Locale::default();
        group.bench_with_input(BenchmarkId::new("minutes", n), &board, |b, board| {
            b.iter(|| {
                let board = black_box(board.expect("board"));
                let minutes = report::minutes(board, report::Which::Latest, now(), Lang::En)
                    .expect("minutes");
                report::markdown::render(&minutes, &locale)
            })
        });
        // The web page a save publishes: every section of the board.
        group.bench_with_input(BenchmarkId::new("web_page", n), &board, |b, board| {
            b.iter(|| {
                let board = black_box(board.expect("board"));
                report::html::page(board, now(), &locale, chrono::Weekday::Mon)
            })
        });
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let boards = boards();
    let area = Rect::new(0, 0, 200, 50);
    let mut group = c.benchmark_group("render_200x50");
    for (n, board) in boards {
        let mut app = App::new(board, now(), "board.json".into(), Theme::colored());
        // What every change costs the TUI on top of the action: rebuilding
        // what the panes draw from.
        group.bench_function(BenchmarkId::new("view_rebuild", n), |b| {
            b.iter(|| app.refresh())
        });
        // A key press as the TUI handles it: the action, its undo record and
        // the view brought up to date; then `u`, the same again.
        let set = Action::SetRole {
            task: TaskId::from_number(n as u32 / 2),
            party: "d3".into(),
            role: Some(standup::model::Role::Informed),
        };
        group.bench_function(BenchmarkId::new("key_and_undo", n), |b| {
            b.iter(|| {
                let _ = app.perform(&set);
                app.undo();
            })
        });
        // The timeline's rows, rebuilt after a change while it shows, and
        // the flow figures, read from the whole log when the flow view
        // opens or the board changes.
        press(&mut app, '5');
        group.bench_function(BenchmarkId::new("timeline_rows", n), |b| {
            b.iter(|| {
                app.forget_prepared();
                app.prepare_timeline();
            })
        });
        group.bench_function(BenchmarkId::new("flow_figures", n), |b| {
            b.iter(|| app.board().flow(now(), 8, chrono::Weekday::Mon))
        });
        for (pane, flow) in [
            (Pane::Board, false),
            (Pane::Raci, false),
            (Pane::Issues, false),
            (Pane::Timeline, false),
            (Pane::Timeline, true),
        ] {
            let digit = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0);
            press(&mut app, char::from(b'1' + digit as u8));
            let flowing = app.timeline_state().mode == standup::tui::timeline::Mode::Flow;
            if flow != flowing {
                press(&mut app, 'v');
            }
            app.follow_selection(area);
            let name = if flow {
                "Flow"
            } else {
                pane.title(standup::i18n::Lang::En)
            };
            let mut buf = Buffer::empty(area);
            group.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter(|| {
                    buf.reset();
                    (&app).render(area, &mut buf);
                })
            });
        }
    }
    group.finish();
}

/// One key, then the frame, in each pane, at 1,000, 10,000 and 100,000
/// cards: what a person waits for. `j` and `k` alternate, so that the
/// selection stays where the board is large; the standup is running, so
/// that its pane shows a speaker.
fn key_then_frame(c: &mut Criterion) {
    let area = Rect::new(0, 0, 200, 50);
    let mut group = c.benchmark_group("key_then_frame");
    group.sample_size(30);
    for n in [1_000, 10_000, 100_000] {
        let mut app = App::new(board(n), now(), "board.json".into(), Theme::colored());
        app.follow_selection(area);
        let mut buf = Buffer::empty(area);
        for pane in [
            Pane::Board,
            Pane::Raci,
            Pane::Issues,
            Pane::Standup,
            Pane::Timeline,
        ] {
            let digit = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0);
            press(&mut app, char::from(b'1' + digit as u8));
            if pane == Pane::Standup && app.meeting().is_none() {
                press(&mut app, 's');
            }
            app.follow_selection(area);
            let mut down = true;
            group.bench_function(
                BenchmarkId::new(pane.title(standup::i18n::Lang::En), n),
                |b| {
                    b.iter(|| {
                        press(&mut app, if down { 'j' } else { 'k' });
                        down = !down;
                        app.follow_selection(area);
                        buf.reset();
                        (&app).render(area, &mut buf);
                    })
                },
            );
        }
    }
    group.finish();
}

/// A key that changes the board, then the frame, at 1,000, 10,000 and
/// 100,000 cards: `L` moves the selected card to the next column, `u`
/// takes it back, alternating. (`H` instead of `u` would pile thousands
/// of moves into that one card's history, which its details panel lists:
/// the cost of a card's history, not of the board's size.)
fn change_then_frame(c: &mut Criterion) {
    let area = Rect::new(0, 0, 200, 50);
    let mut group = c.benchmark_group("change_then_frame");
    group.sample_size(30);
    for n in [1_000, 10_000, 100_000] {
        let mut app = App::new(board(n), now(), "board.json".into(), Theme::colored());
        app.follow_selection(area);
        let mut buf = Buffer::empty(area);
        let mut forth = true;
        group.bench_function(BenchmarkId::new("L_then_u", n), |b| {
            b.iter(|| {
                press(&mut app, if forth { 'L' } else { 'u' });
                forth = !forth;
                app.follow_selection(area);
                buf.reset();
                (&app).render(area, &mut buf);
            })
        });
    }
    group.finish();
}

/// Presses a key as the terminal would send it.
fn press(app: &mut App, key: char) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let _ = app.handle_key(&KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
}

criterion_group!(
    benches,
    file,
    model,
    render,
    key_then_frame,
    change_then_frame
);
criterion_main!(benches);
