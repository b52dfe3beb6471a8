//! Boards and moments shared by the integration tests.
#![allow(dead_code)]

pub mod home;
pub mod standin;
pub mod tui;

use chrono::DateTime;
use standup::model::{Action, Board, NewTask, PartyKind, Role, TaskId, Timestamp};

/// The moment every test pins: a Monday morning in Shanghai.
pub fn now() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").expect("a valid timestamp")
}

pub const NOW: &str = "2026-11-23T09:00:00+08:00";

/// The demo board at the pinned moment.
pub fn demo() -> Board {
    standup::demo::board(now()).expect("the demo board builds")
}

/// A board built from a RACI table fixture (first column: task title, then
/// one column per party), the way a lead would paste it from a spreadsheet.
/// Chinese party names get codes from their names (`市场部` → `市场`).
pub fn board_from_table(text: &str, separator: char, name: &str) -> Board {
    let mut board = Board::new(name, "");
    let at = now();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines.next().expect("a header").split(separator).collect();
    let mut codes = Vec::new();
    for (i, party) in header.iter().enumerate().skip(1) {
        let code = format!("p{i}");
        board
            .apply(
                &Action::AddParty {
                    code: code.clone(),
                    name: party.trim().to_string(),
                    kind: PartyKind::Department,
                    department: None,
                },
                at,
            )
            .expect("party");
        codes.push(code);
    }
    for (row, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(separator).collect();
        let applied = board
            .apply(
                &Action::AddTask(NewTask {
                    title: cells[0].to_string(),
                    column: Some(["todo", "doing", "review", "done"][row % 4].to_string()),
                    owner: Some(codes[row % codes.len()].clone()),
                    ..NewTask::default()
                }),
                at,
            )
            .expect("task");
        let id: TaskId = applied.created.expect("an id").parse().expect("an id");
        for (i, cell) in cells.iter().enumerate().skip(1) {
            if let Some(role) = Role::parse(cell) {
                board
                    .apply(
                        &Action::SetRole {
                            task: id,
                            party: codes[i - 1].clone(),
                            role: Some(role),
                        },
                        at,
                    )
                    .expect("role");
            }
        }
    }
    board
}

/// The Chinese campaign fixture as a board.
pub fn chinese() -> Board {
    board_from_table(
        include_str!("../fixtures/raci-campaign-zh.tsv"),
        '\t',
        "双十二大促 项目进度看板",
    )
}

/// The English campaign fixture as a board.
pub fn english() -> Board {
    board_from_table(
        include_str!("../fixtures/raci-campaign-en.tsv"),
        '\t',
        "Campaign",
    )
}

/// Moves a card to a column at the pinned moment, as `standup task move` does.
pub fn move_task(board: &mut Board, id: &str, column: &str) -> standup::model::Applied {
    let id: TaskId = id.parse().expect("a task id");
    board
        .apply(
            &Action::MoveTask {
                id,
                column: column.into(),
                position: None,
            },
            now(),
        )
        .expect("the move is accepted")
}

/// A generated board of `tasks` tasks and `parties` parties at the pinned moment.
pub fn big(tasks: usize, parties: usize) -> Board {
    let size = standup::scale::Size {
        tasks,
        issues: tasks / 10,
        parties,
    };
    standup::scale::board(now(), size).expect("the generated board builds")
}

/// The first line of `text` that still holds an English sentence: two
/// English words of two letters or more side by side, `allowed` ones
/// (acronyms, codes) and the parts of file paths aside. For the tests that
/// hold a Chinese screen, message or report to having none.
pub fn english_left<'t>(text: &'t str, allowed: &[&str]) -> Option<&'t str> {
    text.lines().find(|line| {
        let in_path = |w: &str| {
            line.contains(&format!("/{w}"))
                || line.contains(&format!("{w}/"))
                || (line.contains(&format!("{w}.")) && line.contains('/'))
        };
        let words: Vec<&str> = line
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2 && !allowed.contains(w) && !in_path(w))
            .collect();
        words
            .windows(2)
            .any(|pair| line.contains(&format!("{} {}", pair[0], pair[1])))
    })
}
