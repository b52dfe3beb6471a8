//! The timeline pane (`5`): the Gantt chart at each zoom and grouping, the
//! flow charts, and the board's keys acting on the selected task. Snapshots
//! at 120×40 and 80×24 with CJK titles; what text cannot show (red late
//! bars, the selected row) asserted on the cells.

use crate::common;

use common::tui::{app, draw, marked, press, text, type_text};
use standup::model::{Board, TaskId};
use standup::tui::App;
use standup::tui::overlays::Overlay;
use standup::tui::timeline::Row;

fn id(text: &str) -> TaskId {
    text.parse().expect("a task id")
}

fn moves() -> Board {
    standup::store::from_json(include_str!("../fixtures/flow/moves.json"))
        .expect("the fixture loads")
}

fn snapshot(name: &str, board: Board, keys: &str, width: u16, height: u16) {
    let mut app = app(board);
    press(&mut app, keys);
    let buf = draw(&mut app, width, height);
    insta::assert_snapshot!(name, text(&buf));
}

/// The screen line holding `needle`.
fn line_with(screen: &str, needle: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle} in\n{screen}"))
        .to_string()
}

fn on_timeline(keys: &str) -> App {
    let mut app = app(common::demo());
    press(&mut app, "5");
    press(&mut app, keys);
    draw(&mut app, 120, 40);
    app
}

#[test]
fn the_gantt_chart_at_two_zoom_levels_and_both_sizes() {
    for (w, h) in [(120, 40), (80, 24)] {
        snapshot(&format!("timeline_week_{w}x{h}"), common::demo(), "5", w, h);
        snapshot(&format!("timeline_day_{w}x{h}"), common::demo(), "5+", w, h);
        snapshot(
            &format!("timeline_month_{w}x{h}"),
            common::demo(),
            "5-",
            w,
            h,
        );
    }
    snapshot("timeline_by_column_120x40", common::demo(), "5s", 120, 40);
    snapshot("timeline_tiny_20x6", common::demo(), "5", 20, 6);
    snapshot("timeline_help_100x30", common::demo(), "5?", 100, 30);
}

#[test]
fn the_flow_charts_at_both_sizes() {
    for (w, h) in [(120, 40), (80, 24)] {
        snapshot(&format!("flow_moves_{w}x{h}"), moves(), "5v", w, h);
        snapshot(&format!("flow_demo_{w}x{h}"), common::demo(), "5v", w, h);
    }
    // Too small for charts: the figures in words.
    snapshot("flow_moves_50x16", moves(), "5v", 50, 16);
}

#[test]
fn rows_are_grouped_by_owner_with_undated_tasks_apart() {
    let app = on_timeline("");
    let rows = &app.timeline().as_ref().expect("rows prepared").rows;
    let groups: Vec<(&str, usize)> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Group { label, count } => Some((label.as_str(), *count)),
            Row::Task(_) => None,
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("市场部", 2),
            ("Product", 4),
            ("Sales", 4),
            ("Tech", 5),
            ("Lin Fang", 1),
            ("No due date", 1)
        ]
    );
    // Within a group, by start then due.
    let product: Vec<TaskId> = rows
        .iter()
        .skip_while(|r| !matches!(r, Row::Group { label, .. } if label == "Product"))
        .skip(1)
        .map_while(|r| match r {
            Row::Task(id) => Some(*id),
            Row::Group { .. } => None,
        })
        .collect();
    assert_eq!(product, [id("T-1"), id("T-2"), id("T-11"), id("T-14")]);
    let by_column = on_timeline("s");
    let first = &by_column.timeline().expect("rows").rows[0];
    assert_eq!(
        *first,
        Row::Group {
            label: "To do".into(),
            count: 5
        }
    );
}

#[test]
fn the_board_keys_move_open_and_edit_the_selected_task() {
    // T-3, T-8, T-1, T-2, T-11: the fifth task row.
    let mut app = on_timeline("jjjj");
    assert_eq!(app.selected_task(), Some(id("T-11")));
    press(&mut app, "L");
    assert_eq!(app.board().tasks[&id("T-11")].column, "doing");
    // Still selected where the rows were rebuilt.
    assert_eq!(app.selected_task(), Some(id("T-11")));
    press(&mut app, "u");
    assert_eq!(app.board().tasks[&id("T-11")].column, "todo");
    press(&mut app, "<enter>");
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Details { task, .. }) if *task == id("T-11")
    ));
    press(&mut app, "<esc>e");
    assert!(matches!(app.overlay(), Some(Overlay::Form(_))));
    press(&mut app, "<esc>");
    // Grouped by column, the moved card follows into its new group.
    press(&mut app, "sL");
    assert_eq!(app.selected_task(), Some(id("T-11")));
    let rows = &app.timeline().as_ref().expect("rows").rows;
    let at = rows
        .iter()
        .position(|r| *r == Row::Task(id("T-11")))
        .expect("T-11 shown");
    let heading = rows[..at]
        .iter()
        .rev()
        .find_map(|r| match r {
            Row::Group { label, .. } => Some(label.clone()),
            Row::Task(_) => None,
        })
        .expect("a group");
    assert_eq!(heading, "Doing");
}

#[test]
fn a_new_card_from_the_timeline_starts_in_the_first_column_selected() {
    let mut app = on_timeline("");
    press(&mut app, "n");
    type_text(&mut app, "复盘会 retro");
    press(&mut app, "<enter>");
    draw(&mut app, 120, 40);
    let selected = app.selected_task().expect("a selection");
    let task = &app.board().tasks[&selected];
    assert_eq!(task.title, "复盘会 retro");
    assert_eq!(task.column, "todo");
}

#[test]
fn a_dependency_shows_as_the_bar_it_waits_on() {
    let mut app = on_timeline("jjjj");
    let screen = text(&draw(&mut app, 120, 40));
    // T-11 waits on T-6: T-6's row is marked, and the status line says so.
    assert!(
        line_with(&screen, "T-6 Coupon").starts_with('▶'),
        "{screen}"
    );
    assert!(!line_with(&screen, "T-1 Campaign").starts_with('▶'));
    let status = screen.lines().nth(38).expect("status line");
    assert!(status.contains("T-11 Price comparison guard"), "{status}");
    assert!(status.contains("waits on T-6"), "{status}");
}

#[test]
fn late_bars_are_red_and_the_selected_row_reversed() {
    let mut app = on_timeline("");
    let screen = marked(&draw(&mut app, 120, 40));
    let lines: Vec<&str> = screen.lines().collect();
    let mark_under = |needle: &str| {
        let at = lines
            .iter()
            .position(|l| l.contains(needle))
            .expect("the row");
        lines.get(at + 1).copied().unwrap_or_default().to_string()
    };
    // T-5 is late: its id and its bar are red.
    assert!(mark_under("T-5 ⊘ Payment").contains("EEEE"), "{screen}");
    // T-3, the first task, is selected.
    assert!(mark_under("T-3 Channel").contains("####"), "{screen}");
    // T-1 is on time: no red.
    assert!(!mark_under("T-1 Campaign").contains('E'), "{screen}");
}

#[test]
fn scrolling_in_time_and_back_to_today() {
    let mut app = on_timeline("");
    let start = text(&draw(&mut app, 120, 40));
    press(&mut app, "l");
    assert!(app.timeline_state().origin.is_some());
    let later = text(&draw(&mut app, 120, 40));
    assert_ne!(start, later);
    press(&mut app, "t");
    assert!(app.timeline_state().origin.is_none());
    // The same chart as before scrolling (the footer now says "Back to today").
    let back = text(&draw(&mut app, 120, 40));
    let without_footer = |s: &str| s.lines().take(38).collect::<Vec<_>>().join("\n");
    assert_eq!(without_footer(&back), without_footer(&start));
    // Zooming keeps the middle of the chart where it was.
    press(&mut app, "llll+");
    let middle_before = app.timeline_state().origin;
    press(&mut app, "-");
    assert_ne!(app.timeline_state().origin, middle_before);
    press(&mut app, "+");
    assert_eq!(app.timeline_state().origin, middle_before);
}

#[test]
fn the_board_filter_applies_to_the_timeline() {
    let mut app = on_timeline("/");
    type_text(&mut app, "coupon");
    press(&mut app, "<enter>");
    let screen = text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("T-6 Coupon rules configuration"),
        "{screen}"
    );
    assert!(!screen.contains("T-1 Campaign"), "{screen}");
    assert!(screen.contains("1 task"), "{screen}");
    press(&mut app, "<esc>");
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("17 tasks"), "{screen}");
}

#[test]
fn flow_view_lists_the_aging_cards_of_a_hand_written_log() {
    let mut app = app(moves());
    press(&mut app, "5v");
    let screen = text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("50% within 2.0d · 85% within 15.0d · 95% within 15.0d (4 cards)"),
        "{screen}"
    );
    assert!(
        screen.contains("T-3 Coupon engine 优惠券 — 13.0d since it started, past the 50th"),
        "{screen}"
    );
    // The removed column keeps its band in the legend.
    assert!(screen.contains("QA (removed)"), "{screen}");
    press(&mut app, "v");
    assert!(text(&draw(&mut app, 120, 40)).contains("Gantt"));
}

#[test]
fn no_size_panics_on_the_timeline() {
    let mut app = app(common::demo());
    for keys in ["5", "+", "+", "-", "-", "-", "s", "v", "v"] {
        press(&mut app, keys);
        for w in [0u16, 1, 2, 5, 13, 19, 37, 59, 61, 200] {
            for h in [0u16, 1, 2, 3, 4, 5, 7, 13, 15, 50] {
                draw(&mut app, w, h);
            }
        }
    }
}
