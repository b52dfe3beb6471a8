//! Several boards: `--board NAME` opens `boards/NAME.json` under the data
//! directory, `standup boards` lists them with what needs attention on
//! each, and `B` in the TUI switches between them (PRODUCT.md section 2).

use crate::common;
use standup::tui::Effect;

use common::home::Home;
use common::tui::{app, draw, press, text};

#[test]
fn boards_lists_the_default_and_the_named_ones_with_their_alerts() {
    let home = Home::new();
    home.run(&["boards"])
        .success()
        .stdout(predicates::str::contains("No boards yet"));
    home.demo();
    home.run(&["--board", "ops", "init", "--name", "运维 Ops"])
        .success();
    home.run(&[
        "--board",
        "ops",
        "task",
        "add",
        "Rotate keys",
        "--due",
        "2026-11-20",
    ])
    .success();
    assert!(
        home.dir
            .path()
            .join("data/standup/boards/ops.json")
            .is_file()
    );
    std::fs::write(
        home.dir.path().join("data/standup/boards/broken.json"),
        "{ not a board",
    )
    .expect("write");

    let json = home.json(&["boards", "--json"]);
    let rows = json["boards"].as_array().expect("a list");
    let names: Vec<&serde_json::Value> = rows.iter().map(|r| &r["name"]).collect();
    assert_eq!(
        names,
        [&serde_json::Value::Null, &"broken".into(), &"ops".into()]
    );
    assert_eq!(rows[0]["title"], "Double 12 campaign 双十二大促");
    assert_eq!(
        (
            &rows[0]["overdue"],
            &rows[0]["blocked"],
            &rows[0]["breached"]
        ),
        (&3.into(), &3.into(), &1.into())
    );
    assert!(
        rows[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("line 1"))
    );
    assert_eq!(
        (&rows[2]["tasks"], &rows[2]["overdue"]),
        (&1.into(), &1.into())
    );

    let out = home.cmd().arg("boards").output().expect("runs");
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    insta::assert_snapshot!("boards_list", listed);
}

/// `B` asks the loop for the list; the picker marks the open board, and a
/// digit or Enter asks the loop to switch.
#[test]
fn the_board_picker_shows_each_boards_counts_and_picks_one_in_a_key() {
    let home = Home::new();
    home.demo();
    home.run(&["--board", "ops", "init", "--name", "运维 Ops"])
        .success();
    let dir = home.dir.path().join("data/standup");
    let list = standup::store::boards::list(&dir, common::now());
    let mut app = app(common::demo());
    assert_eq!(
        press(&mut app, "B"),
        [Effect::ListBoards],
        "the loop lists the boards"
    );
    app.show_boards(list.clone(), &home.board());
    let screen = text(&draw(&mut app, 100, 20));
    insta::assert_snapshot!("board_picker_100x20", screen);
    for (w, h) in [(1, 1), (30, 4)] {
        draw(&mut app, w, h);
    }
    // The open board again: nothing to do.
    assert_eq!(press(&mut app, "1"), []);
    assert!(
        app.message()
            .as_ref()
            .is_some_and(|m| m.text.contains("open already"))
    );
    app.show_boards(list.clone(), &home.board());
    assert_eq!(
        press(&mut app, "j<enter>"),
        [Effect::OpenBoard(list[1].path.clone())]
    );
    // Switched: the other board, from a clean start.
    let ops = standup::store::from_json(&std::fs::read_to_string(&list[1].path).expect("ops"))
        .expect("opens");
    app.switch_board(ops, "~/.local/share/standup/boards/ops.json".into());
    let screen = text(&draw(&mut app, 100, 20));
    assert!(
        screen.contains("运维 Ops") && screen.contains("Switched to 运维 Ops"),
        "{screen}"
    );
}

/// `n` in the picker asks for a name, refuses one that is a path, and asks
/// the loop to create the board; an empty data directory still opens the
/// picker, which says how to begin.
#[test]
fn the_board_picker_creates_a_named_board() {
    let mut app = app(common::demo());
    app.show_boards(Vec::new(), std::path::Path::new("board.json"));
    let screen = text(&draw(&mut app, 100, 20));
    assert!(
        screen.contains("No board saved yet: n creates a named one"),
        "{screen}"
    );
    press(&mut app, "n");
    common::tui::type_text(&mut app, "team/ops");
    assert_eq!(press(&mut app, "<enter>"), []);
    let screen = text(&draw(&mut app, 100, 20));
    assert!(screen.contains("looks like a path"), "{screen}");
    press(&mut app, "<c-u>");
    common::tui::type_text(&mut app, "运维 ops");
    assert_eq!(
        press(&mut app, "<enter>"),
        [Effect::CreateBoard("运维 ops".into())]
    );
    assert!(app.overlay().is_none());
}
