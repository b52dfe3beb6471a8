//! The board pane as a lead uses it in a standup: every card update from the
//! keyboard, each undoable, with filters, details, lanes and column edits.
//! State is asserted directly; what the screen shows is snapshotted.

use crate::common;
use standup::tui::Effect;

use chrono::NaiveDate;
use common::tui::{app, draw, press, text, type_text};
use standup::model::{Risk, TaskId};
use standup::tui::App;
use standup::tui::overlays::Overlay;

fn id(text: &str) -> TaskId {
    text.parse().expect("a task id")
}

fn column_of(app: &App, task: &str) -> String {
    app.board().tasks[&id(task)].column.clone()
}

fn message(app: &App) -> String {
    app.message()
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn snapshot(name: &str, app: &mut App, width: u16, height: u16) {
    let buf = draw(app, width, height);
    insta::assert_snapshot!(name, text(&buf));
}

#[test]
fn one_key_moves_a_card_across_columns_and_the_selection_follows() {
    let mut app = app(common::demo());
    press(&mut app, "l");
    assert_eq!(app.selected_task(), Some(id("T-1")));
    press(&mut app, "L");
    assert_eq!(column_of(&app, "T-1"), "review");
    assert_eq!(app.selected_task(), Some(id("T-1")));
    assert_eq!(app.board_state().column, 2);
    // Review holds 3 of 3: the move is allowed, and warned about.
    assert!(
        message(&app).contains("over its WIP limit (4/3)"),
        "{}",
        message(&app)
    );
    press(&mut app, "<s-left>");
    assert_eq!(column_of(&app, "T-1"), "doing");
    press(&mut app, "<s-right>");
    assert_eq!(column_of(&app, "T-1"), "review");
    press(&mut app, "x");
    assert_eq!(column_of(&app, "T-1"), "done");
    assert!(app.board().tasks[&id("T-1")].finished.is_some());
    assert_eq!(app.selected_task(), Some(id("T-1")));
    assert!(app.is_dirty(), "a change waits for the loop to save it");
    // At the edges nothing happens.
    press(&mut app, "L");
    assert_eq!(column_of(&app, "T-1"), "done");
}

#[test]
fn shift_j_and_k_reorder_within_a_column() {
    let mut app = app(common::demo());
    let order = |app: &App| -> Vec<TaskId> {
        app.board()
            .column_tasks("todo")
            .iter()
            .map(|t| t.id)
            .collect()
    };
    let before = order(&app);
    assert_eq!(before[0], id("T-4"));
    press(&mut app, "J");
    assert_eq!(order(&app)[..2], [id("T-7"), id("T-4")]);
    assert_eq!(app.selected_task(), Some(id("T-4")));
    press(&mut app, "<s-down>J");
    assert_eq!(order(&app)[3], id("T-4"));
    press(&mut app, "KKK");
    assert_eq!(order(&app), before);
    // Up from the top does nothing (and records nothing to undo).
    press(&mut app, "K");
    assert_eq!(order(&app), before);
}

#[test]
fn undo_gives_back_the_exact_board_and_redo_repeats_every_step() {
    let start = common::demo();
    let mut app = app(start.clone());
    press(&mut app, "lLJx");
    press(&mut app, "hhb");
    type_text(&mut app, "waiting for legal");
    press(&mut app, "<enter>n");
    type_text(&mut app, "新卡片");
    press(&mut app, "<enter>2");
    let after = standup::model::Board::clone(app.board());
    assert_ne!(after, start);
    // Undo works from any pane, and says what it took back.
    press(&mut app, "u");
    assert_eq!(message(&app), "Undid: add card \"新卡片\"");
    press(&mut app, "uuuu");
    assert_eq!(*app.board(), start, "five undos restore the exact board");
    press(&mut app, "u");
    assert_eq!(message(&app), "Nothing to undo");
    press(&mut app, "<c-r><c-r><c-r><c-r><c-r>");
    assert_eq!(*app.board(), after, "five redos repeat every step");
    // A new change after an undo drops the redo branch.
    press(&mut app, "u1j");
    press(&mut app, "L");
    press(&mut app, "<c-r>");
    assert_eq!(message(&app), "Nothing to redo");
}

#[test]
fn a_new_card_is_typed_in_one_form() {
    let mut app = app(common::demo());
    press(&mut app, "ln");
    assert!(matches!(app.overlay(), Some(Overlay::Form(_))));
    type_text(&mut app, "预热海报 poster");
    press(&mut app, "<tab>");
    type_text(&mut app, "市场");
    press(&mut app, "<tab>");
    type_text(&mut app, "+3d");
    press(&mut app, "<tab>h<tab>");
    type_text(&mut app, "A3 and 1080p");
    press(&mut app, "<tab>");
    type_text(&mut app, "T-1, T-6");
    press(&mut app, "<enter>");
    assert_eq!(app.overlay(), None);
    let new = id("T-18");
    let task = &app.board().tasks[&new];
    assert_eq!(task.title, "预热海报 poster");
    assert_eq!(
        task.column, "doing",
        "a new card goes to the selected column"
    );
    assert_eq!(task.owner.as_deref(), Some("mkt"));
    assert_eq!(task.due, NaiveDate::from_ymd_opt(2026, 11, 26));
    assert_eq!(task.risk, Some(Risk::High));
    assert_eq!(task.note, "A3 and 1080p");
    assert_eq!(task.depends_on, vec![id("T-1"), id("T-6")]);
    assert_eq!(app.selected_task(), Some(new));
    assert!(message(&app).starts_with("Added T-18"), "{}", message(&app));
}

#[test]
fn the_form_names_what_is_wrong_and_keeps_what_was_typed() {
    let mut app = app(common::demo());
    press(&mut app, "n<enter>");
    let Some(Overlay::Form(form)) = app.overlay() else {
        panic!("the form stays open");
    };
    assert_eq!(form.error.as_deref(), Some("a card needs a title"));
    type_text(&mut app, "Banner");
    press(&mut app, "<tab><tab>");
    type_text(&mut app, "2026-02-30");
    press(&mut app, "<enter>");
    let Some(Overlay::Form(form)) = app.overlay() else {
        panic!("the form stays open");
    };
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("February 2026 has 28 days"), "{error}");
    assert_eq!(form.title.text(), "Banner");
    press(&mut app, "<s-tab>");
    type_text(&mut app, "nobody-here");
    press(&mut app, "<enter>");
    let Some(Overlay::Form(form)) = app.overlay() else {
        panic!("the form stays open");
    };
    assert_eq!(
        form.error.as_deref(),
        Some("no party matches \"nobody-here\"")
    );
    // Esc leaves the board as it was.
    let before = standup::model::Board::clone(app.board());
    press(&mut app, "<esc>");
    assert_eq!(app.overlay(), None);
    assert_eq!(*app.board(), before);
}

#[test]
fn editing_a_card_changes_only_what_was_changed() {
    let mut app = app(common::demo());
    let before = app.board().tasks[&id("T-4")].clone();
    press(&mut app, "e<c-u>");
    type_text(&mut app, "Customer service script v2");
    // Clear the due date; pick the second party matching "t" (tech first,
    // then those with a "t" inside: mkt).
    press(&mut app, "<tab>");
    press(&mut app, "<c-u>");
    type_text(&mut app, "t");
    press(&mut app, "<down><tab><c-u><enter>");
    let after = &app.board().tasks[&id("T-4")];
    assert_eq!(after.title, "Customer service script v2");
    assert_eq!(after.due, None);
    assert_eq!(after.owner.as_deref(), Some("mkt"));
    assert_eq!(after.risk, before.risk);
    assert_eq!(after.raci, before.raci);
    assert_eq!(message(&app), "Edited T-4");
    press(&mut app, "u");
    assert_eq!(app.board().tasks[&id("T-4")], before);
}

#[test]
fn deleting_asks_first() {
    let mut app = app(common::demo());
    press(&mut app, "dn");
    assert!(app.board().tasks.contains_key(&id("T-4")));
    press(&mut app, "d");
    assert!(matches!(app.overlay(), Some(Overlay::Confirm(_))));
    press(&mut app, "y");
    assert!(!app.board().tasks.contains_key(&id("T-4")));
    assert_eq!(app.selected_task(), Some(id("T-7")));
    press(&mut app, "u");
    assert!(app.board().tasks.contains_key(&id("T-4")));
}

#[test]
fn b_asks_why_before_blocking_and_unblocks_at_once() {
    let mut app = app(common::demo());
    press(&mut app, "b<enter>");
    // An empty reason is refused and the prompt stays.
    assert!(matches!(app.overlay(), Some(Overlay::Prompt(_))));
    type_text(&mut app, "waiting for 法务 review");
    press(&mut app, "<enter>");
    let task = &app.board().tasks[&id("T-4")];
    assert_eq!(
        task.blocked.as_ref().map(|b| b.reason.as_str()),
        Some("waiting for 法务 review")
    );
    press(&mut app, "b");
    assert!(app.board().tasks[&id("T-4")].blocked.is_none());
    assert_eq!(message(&app), "Unblocked T-4");
}

#[test]
fn filters_narrow_the_cards_but_not_the_wip_counts() {
    let mut app = app(common::demo());
    press(&mut app, "/");
    type_text(&mut app, "campaign");
    // The filter applies as it is typed.
    let shown: Vec<TaskId> = app.view().columns.iter().flatten().copied().collect();
    assert_eq!(shown, vec![id("T-13"), id("T-16"), id("T-1")]);
    press(&mut app, "<enter>");
    assert_eq!(app.view().counts, vec![6, 5, 3, 3]);
    snapshot("board_filtered_80x24", &mut app, 80, 24);
    press(&mut app, "<esc>");
    assert!(app.filter().is_empty());
    assert_eq!(app.view().columns.iter().flatten().count(), 17);

    press(&mut app, "fd");
    assert!(app.filter().overdue);
    press(&mut app, "<esc>");
    let overdue: Vec<TaskId> = app.view().columns.iter().flatten().copied().collect();
    assert_eq!(overdue.len(), 3);
    press(&mut app, "fo");
    type_text(&mut app, "tech");
    press(&mut app, "<enter>");
    assert_eq!(app.filter().owner.as_deref(), Some("tech"));
    let shown: Vec<TaskId> = app.view().columns.iter().flatten().copied().collect();
    assert_eq!(shown, vec![id("T-5")]);
    press(&mut app, "<esc>");
    assert!(app.filter().is_empty());
}

#[test]
fn swimlanes_group_the_board_by_owner() {
    let mut app = app(common::demo());
    press(&mut app, "s");
    let lanes = app.view().lanes.clone().expect("lanes are on");
    let owners: Vec<Option<String>> = lanes.iter().map(|l| l.owner.clone()).collect();
    assert_eq!(owners.first(), Some(&Some("mkt".to_string())));
    // Every card is in exactly one lane.
    let total: usize = lanes.iter().flat_map(|l| &l.columns).map(Vec::len).sum();
    assert_eq!(total, 17);
    snapshot("board_lanes_100x30", &mut app, 100, 30);
    // Moving between columns keeps working in lanes.
    press(&mut app, "L");
    assert_eq!(
        column_of(&app, &app.selected_task().unwrap().to_string()),
        "doing"
    );
    press(&mut app, "s");
    assert!(app.view().lanes.is_none());
}

#[test]
fn columns_are_added_renamed_limited_moved_and_deleted_from_the_keyboard() {
    let mut app = app(common::demo());
    press(&mut app, "A");
    type_text(&mut app, "QA");
    press(&mut app, "<enter>");
    let names: Vec<&str> = app
        .board()
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["To do", "Doing", "Review", "QA", "Done"]);
    assert_eq!(app.board_state().column, 3, "the new column is selected");
    press(&mut app, "W");
    type_text(&mut app, "2");
    press(&mut app, "<enter>");
    assert_eq!(app.board().columns[3].wip, Some(2));
    press(&mut app, "W<c-u>");
    type_text(&mut app, "zero");
    press(&mut app, "<enter>");
    assert!(
        matches!(app.overlay(), Some(Overlay::Prompt(_))),
        "a bad limit keeps the prompt"
    );
    press(&mut app, "<esc>R<c-u>");
    type_text(&mut app, "质检");
    press(&mut app, "<enter><lt>");
    let names: Vec<&str> = app
        .board()
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["To do", "Doing", "质检", "Review", "Done"]);
    assert_eq!(
        app.board_state().column,
        2,
        "the selection moves with the column"
    );
    press(&mut app, "Dy");
    assert_eq!(app.board().columns.len(), 4);
    // A column with cards asks at once where they go (tests/it/trust.rs).
    press(&mut app, "D");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("its 3 cards go to"), "{screen}");
    press(&mut app, "<esc>");
    assert_eq!(app.board().columns.len(), 4);
}

#[test]
fn details_show_dependencies_both_ways_and_the_history() {
    let mut app = app(common::demo());
    // T-6 (Review, first) is what T-11 waits on.
    press(&mut app, "ll<enter>");
    assert!(matches!(app.overlay(), Some(Overlay::Details { .. })));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Needed by"), "{screen}");
    assert!(screen.contains("T-11"), "{screen}");
    assert!(screen.contains("History"), "{screen}");
    // Its lines were prepared before the frame (they scan the log), not
    // built while drawing it.
    assert_eq!(app.panels().len(), 1);
    snapshot("details_80x24", &mut app, 80, 24);
    press(&mut app, "<esc>");
    assert_eq!(app.overlay(), None);
}

/// A large board is drawn before its log is read: its first frame leaves
/// out what comes from the log rather than show it empty ("no changes",
/// "no changes logged") or wrong (a card's age counted from its creation),
/// and shows it once the log is in place.
#[test]
fn the_first_frame_before_the_log_leaves_out_what_the_log_tells() {
    let mut board = common::demo();
    let log = std::mem::take(&mut board.log);
    let mut app = app(board);
    app.await_log();
    let first = text(&draw(&mut app, 200, 30));
    assert!(first.contains("T-4 Customer service training"), "{first}");
    assert!(first.contains("prod 11-26 med"), "{first}");
    for absent in [
        "Since standup",
        "Last 24h",
        "no changes",
        "History",
        "med 12d",
        "To do for",
    ] {
        assert!(!first.contains(absent), "{absent:?} in:\n{first}");
    }
    app.log_read(log);
    let then = text(&draw(&mut app, 200, 30));
    assert!(then.contains("Since standup Sun 09:13: 2 raised"), "{then}");
    assert!(then.contains("History"), "{then}");
    assert!(then.contains("prod 11-26 med 12d"), "{then}");
    assert!(then.contains("To do for 12d"), "{then}");
    assert!(then.contains("11-11 09:00 RACI: Sales made R"), "{then}");
}

#[test]
fn screens_of_the_board_pane() {
    let mut over = app(common::demo());
    press(&mut over, "lL");
    snapshot("board_wip_over_80x24", &mut over, 80, 24);

    let mut form = app(common::demo());
    press(&mut form, "n");
    type_text(&mut form, "双十二预热海报 Poster for the 12.12 warm-up");
    press(&mut form, "<tab>");
    type_text(&mut form, "m");
    press(&mut form, "<tab>");
    type_text(&mut form, "fri");
    snapshot("form_chinese_80x24", &mut form, 80, 24);

    let mut wide = app(common::demo());
    press(&mut wide, "l");
    snapshot("board_side_panel_160x40", &mut wide, 160, 40);

    let mut small = app(common::demo());
    press(&mut small, "lj");
    snapshot("board_40x12", &mut small, 40, 12);

    let mut block = app(common::chinese());
    press(&mut block, "b");
    type_text(&mut block, "等待法务审核");
    snapshot("block_prompt_chinese_80x24", &mut block, 80, 24);
}

#[test]
fn the_footer_says_whether_the_change_was_saved() {
    let mut app = app(common::demo());
    press(&mut app, "lL");
    app.saved();
    assert!(message(&app).ends_with(" · saved"), "{}", message(&app));
    assert!(!app.is_dirty());
    press(&mut app, "H");
    app.save_failed("cannot save board board.json: permission denied.".into());
    assert!(message(&app).starts_with("NOT SAVED"), "{}", message(&app));
    assert!(
        app.is_dirty(),
        "the change stays in memory for the next try"
    );
}

#[test]
fn quitting_with_an_open_form_keeps_what_was_typed() {
    let mut app = app(common::demo());
    press(&mut app, "n");
    type_text(&mut app, "Typed just before quitting");
    assert_eq!(press(&mut app, "<c-c>"), [Effect::Quit]);
    assert_eq!(
        app.board().tasks[&id("T-18")].title,
        "Typed just before quitting"
    );
}

#[test]
fn a_save_that_merged_shows_both_changes_and_says_so() {
    let base = common::demo();
    let mut app = app(base.clone());
    press(&mut app, "lL");
    let mut theirs = base.clone();
    theirs
        .apply(
            &standup::model::Action::AddTask(standup::model::NewTask {
                title: "From a script".into(),
                ..Default::default()
            }),
            common::now(),
        )
        .unwrap();
    let merged = standup::model::merge(&base, app.board(), &theirs);
    app.merged(merged);
    assert_eq!(column_of(&app, "T-1"), "review");
    assert_eq!(app.board().tasks[&id("T-18")].title, "From a script");
    assert_eq!(app.selected_task(), Some(id("T-1")));
    assert!(
        message(&app).starts_with(
            "Moved T-1 to Review · Review is over its WIP limit (4/3) · saved, merged"
        ),
        "{}",
        message(&app)
    );
    assert!(!app.is_dirty());
    press(&mut app, "u");
    assert_eq!(message(&app), "Nothing to undo");
    // A change made elsewhere while nothing is unsaved is simply shown.
    let mut later = standup::model::Board::clone(app.board());
    later
        .apply(
            &standup::model::Action::DeleteTask { id: id("T-18") },
            common::now(),
        )
        .unwrap();
    app.reloaded(later);
    assert!(!app.board().tasks.contains_key(&id("T-18")));
    assert_eq!(app.selected_task(), Some(id("T-1")));
}

#[test]
fn every_overlay_draws_at_every_size_without_panicking() {
    for keys in [
        "n", "e", "<enter>", "d", "b", "f", "/", "fo", "A", "W", "s", "?",
    ] {
        let mut app = app(common::chinese());
        press(&mut app, keys);
        type_text(&mut app, "双十二");
        for w in [0u16, 1, 2, 3, 5, 9, 20, 39, 41, 80, 139, 140, 300] {
            for h in [0u16, 1, 2, 3, 4, 5, 7, 12, 24, 100] {
                draw(&mut app, w, h);
            }
        }
    }
}

#[test]
fn the_side_panel_follows_each_change_and_each_move_of_the_cursor() {
    let mut app = app(common::demo());
    let panel = |app: &mut standup::tui::App| {
        let screen = text(&draw(app, 160, 40));
        screen
            .lines()
            .find_map(|l| l.split('│').next_back().filter(|p| p.contains("Column")))
            .map(str::trim)
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        panel(&mut app).starts_with("Column    To do"),
        "{}",
        panel(&mut app)
    );
    // The card moves: its panel says where it is now, at once.
    press(&mut app, "L");
    assert!(
        panel(&mut app).starts_with("Column    Doing"),
        "{}",
        panel(&mut app)
    );
    // Undo: back again.
    press(&mut app, "u");
    assert!(panel(&mut app).starts_with("Column    To do"));
    // The cursor moves to another card: the panel follows.
    press(&mut app, "l");
    assert!(panel(&mut app).starts_with("Column    Doing"));
}
