//! How the TUI keeps its board and the file in step when saves run on
//! another thread: a save that finishes after further changes neither marks
//! them saved nor loses them, and a merge with changes made elsewhere is
//! carried onto whatever was typed meanwhile.

use crate::common;

use standup::model::{Action, PartyKind, merge};

use common::tui::{app, press};

#[test]
fn a_save_of_an_older_snapshot_leaves_newer_changes_waiting() {
    let mut app = app(common::demo());
    press(&mut app, "L");
    let upto = app.changes();
    press(&mut app, "L");
    assert!(app.changes() > upto);
    app.saved_up_to(upto);
    assert!(app.is_dirty(), "the second move is not on disk yet");
    app.saved_up_to(app.changes());
    assert!(!app.is_dirty());
}

#[test]
fn a_merge_that_finishes_late_keeps_what_was_typed_meanwhile() {
    let mut app = app(common::demo());
    // Change 1: T-1 moves right; the loop snapshots the board to save it.
    press(&mut app, "L");
    let snapshot = standup::model::Board::clone(app.board());
    let upto = app.changes();
    // Change 2, typed while the save runs: T-1 moves right again.
    press(&mut app, "L");
    let typed = app.board().tasks[&"T-1".parse().unwrap()].column.clone();
    // Meanwhile another program added a party; the save merged the snapshot
    // with it and wrote that.
    let mut theirs = common::demo();
    theirs
        .apply(
            &Action::AddParty {
                code: "legal".into(),
                name: "法务部".into(),
                kind: PartyKind::Department,
                department: None,
            },
            common::now(),
        )
        .unwrap();
    let written = merge(&common::demo(), &snapshot, &theirs);
    app.merged_up_to(written, &snapshot, upto);
    assert!(app.board().party("legal").is_some(), "their party is here");
    assert_eq!(
        app.board().tasks[&"T-1".parse().unwrap()].column,
        typed,
        "the second move survived"
    );
    assert!(app.is_dirty(), "the second move still has to be saved");
    assert!(app.board().index_is_consistent());
}

/// The board is shared with the save under way, not copied for it: a key
/// pressed while the save still builds the board's text waits the moment
/// until it lets go and changes the same board; one pressed while a handle
/// is kept for longer copies it, and the kept board stays as it was.
#[test]
fn a_change_during_a_save_waits_for_it_instead_of_copying_the_board() {
    use standup::model::Board;
    use standup::tui::shared::SharedBoard;
    use std::time::Duration;

    // The wait itself, with a deadline no loaded machine reaches: the save
    // lets go after 5 ms, and the board it held is the one changed.
    let mut board = SharedBoard::new(common::demo());
    let first: *const Board = &*board;
    let saving = board.lend();
    let save = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(5));
        drop(saving);
    });
    let changed: *const Board = board.get_mut_within(Duration::from_secs(60));
    save.join().expect("the save ends");
    assert_eq!(changed, first, "the same board, not a copy");

    // A key goes through the same wait: with nothing else holding the
    // board, it changes it in place.
    let mut app = app(common::demo());
    let board: *const Board = app.board();
    press(&mut app, "L");
    assert_eq!(
        app.board() as *const Board,
        board,
        "the same board, changed"
    );
    assert_eq!(app.board().tasks[&"T-4".parse().unwrap()].column, "doing");

    let kept = app.lend_board();
    press(&mut app, "L");
    assert!(!kept.is(app.board()), "copied");
    assert_eq!(kept.tasks[&"T-4".parse().unwrap()].column, "doing");
    assert_eq!(app.board().tasks[&"T-4".parse().unwrap()].column, "review");
}

/// After a merge renumbers the card just added here (another writer took
/// its id), the selection follows the card to its new id: the next `L`
/// moves it, not the other writer's card.
#[test]
fn the_selection_follows_a_card_the_merge_renumbered() {
    let mut app = app(common::demo());
    let new = |title: &str| {
        Action::AddTask(standup::model::NewTask {
            title: title.into(),
            column: Some("todo".into()),
            ..Default::default()
        })
    };
    let base = common::demo();
    // Here: a new card T-18, selected.
    press(&mut app, "n");
    common::tui::type_text(&mut app, "Ours");
    press(&mut app, "<enter>");
    let ours_id = app.selected_task().expect("selected");
    assert_eq!(ours_id.to_string(), "T-18");
    // Elsewhere: another writer's T-18, saved first.
    let mut theirs = common::demo();
    theirs.apply(&new("Theirs"), common::now()).unwrap();
    let snapshot = standup::model::Board::clone(app.board());
    let written = merge(&base, &snapshot, &theirs);
    assert_eq!(
        written.renumbered.get("T-18").map(String::as_str),
        Some("T-19")
    );
    app.merged(written);
    let selected = app.selected_task().expect("still selected");
    assert_eq!(app.board().tasks[&selected].title, "Ours");
    press(&mut app, "L");
    assert_eq!(app.board().tasks[&selected].column, "doing", "ours moved");
    let theirs_id: standup::model::TaskId = "T-18".parse().unwrap();
    assert_eq!(
        app.board().tasks[&theirs_id].column,
        "todo",
        "theirs did not"
    );
}
