//! The three-way merge that git sharing and concurrent saves rest on, on
//! random edits of two sides from one base: every edit that does not clash
//! survives, a clash keeps one value and records the other as a conflict,
//! and the result is the same whichever side is "ours", up to the numbers
//! given to new cards. Settling a conflict is an action like any other.

use crate::common;

use chrono::Duration;
use proptest::prelude::*;
use serde_json::Value;
use standup::model::{Action, Board, NewTask, Role, TaskEdit, TaskId, merge};

#[derive(Debug, Clone)]
enum Edit {
    Title(u8, u8),
    Note(u8, u8),
    Move(u8, u8),
    Reorder(u8, u8),
    Due(u8, u8),
    Role(u8, u8, u8),
    Add(u8),
    Delete(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<u8>(), 0u8..3).prop_map(|(t, v)| Edit::Title(t, v)),
        2 => (any::<u8>(), 0u8..3).prop_map(|(t, v)| Edit::Note(t, v)),
        3 => (any::<u8>(), any::<u8>()).prop_map(|(t, c)| Edit::Move(t, c)),
        2 => (any::<u8>(), 0u8..6).prop_map(|(t, p)| Edit::Reorder(t, p)),
        2 => (any::<u8>(), 0u8..20).prop_map(|(t, d)| Edit::Due(t, d)),
        2 => (any::<u8>(), any::<u8>(), 0u8..5).prop_map(|(t, p, r)| Edit::Role(t, p, r)),
        2 => any::<u8>().prop_map(Edit::Add),
        1 => any::<u8>().prop_map(Edit::Delete),
    ]
}

/// The side's edit as an action on its board as it is now.
fn action(board: &Board, edit: &Edit, side: &str) -> Option<Action> {
    let ids: Vec<TaskId> = board.tasks.keys().copied().collect();
    let task = |n: &u8| ids.get(usize::from(*n) % ids.len().max(1)).copied();
    let column = |n: &u8| {
        board.columns[usize::from(*n) % board.columns.len()]
            .id
            .clone()
    };
    let words = ["alpha", "beta", "gamma"];
    let change = |edit: TaskEdit, id| Action::EditTask { id, edit };
    Some(match edit {
        Edit::Title(t, v) => change(
            TaskEdit {
                title: Some(format!("{} {}", words[usize::from(*v)], side)),
                ..TaskEdit::default()
            },
            task(t)?,
        ),
        Edit::Note(t, v) => change(
            TaskEdit {
                note: Some(format!("note {} {side}", words[usize::from(*v)])),
                ..TaskEdit::default()
            },
            task(t)?,
        ),
        Edit::Due(t, d) => change(
            TaskEdit {
                due: Some(Some(
                    common::now().date_naive() + Duration::days(i64::from(*d)),
                )),
                ..TaskEdit::default()
            },
            task(t)?,
        ),
        Edit::Move(t, c) => Action::MoveTask {
            id: task(t)?,
            column: column(c),
            position: None,
        },
        Edit::Reorder(t, p) => {
            let id = task(t)?;
            Action::MoveTask {
                id,
                column: board.tasks[&id].column.clone(),
                position: Some(usize::from(*p)),
            }
        }
        Edit::Role(t, p, r) => Action::SetRole {
            task: task(t)?,
            party: board.parties[usize::from(*p) % board.parties.len()]
                .code
                .clone(),
            role: [
                Some(Role::Responsible),
                Some(Role::Accountable),
                Some(Role::Consulted),
                Some(Role::Informed),
                None,
            ][usize::from(*r)],
        },
        Edit::Add(n) => Action::AddTask(NewTask {
            title: format!("new {n} by {side}"),
            ..NewTask::default()
        }),
        Edit::Delete(t) => Action::DeleteTask { id: task(t)? },
    })
}

fn run(base: &Board, edits: &[Edit], side: &str, offset: i64) -> Board {
    let mut board = base.clone();
    let mut at = common::now() + Duration::minutes(offset);
    for edit in edits {
        at += Duration::minutes(2);
        if let Some(a) = action(&board, edit, side) {
            let _ = board.apply(&a, at);
        }
    }
    board
}

/// A task's fields as the file has them, without the stamp of the last
/// edit (which takes ours quietly).
fn fields(board: &Board, id: TaskId) -> Option<serde_json::Map<String, Value>> {
    let task = board.tasks.get(&id)?;
    match serde_json::to_value(task) {
        Ok(Value::Object(mut map)) => {
            map.remove("updated");
            Some(map)
        }
        _ => None,
    }
}

/// A card's fields as the merge keeps them when the other side deleted
/// some of what it waits on: a card cannot wait on one that is gone, so
/// the merge drops those (and the file omits an empty list).
fn without_deleted(
    fields: &serde_json::Map<String, Value>,
    merged: &Board,
) -> serde_json::Map<String, Value> {
    let mut fields = fields.clone();
    if let Some(Value::Array(deps)) = fields.get_mut("depends_on") {
        deps.retain(|d| {
            d.as_str()
                .and_then(|d| d.parse::<TaskId>().ok())
                .is_some_and(|d| merged.tasks.contains_key(&d))
        });
        if deps.is_empty() {
            fields.remove("depends_on");
        }
    }
    fields
}

/// The merged board's cards with ids left out and each conflicted field
/// replaced by both its values in a fixed order: what must not depend on
/// which side was "ours".
fn normal_form(board: &Board) -> Vec<String> {
    let mut out: Vec<String> = board
        .tasks
        .keys()
        .filter_map(|id| {
            let mut map = fields(board, *id)?;
            map.remove("id");
            for c in board
                .conflicts
                .iter()
                .filter(|c| c.record == id.to_string())
            {
                let mut both = [c.kept.to_string(), c.other.to_string()];
                both.sort();
                map.insert(c.field.clone(), Value::from(both.to_vec()));
            }
            Some(Value::Object(map).to_string())
        })
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn every_edit_that_does_not_clash_survives_and_merge_is_symmetric(
        a_edits in proptest::collection::vec(edit(), 0..14),
        b_edits in proptest::collection::vec(edit(), 0..14),
    ) {
        let base = common::demo();
        let a = run(&base, &a_edits, "a", 0);
        let b = run(&base, &b_edits, "b", 1);
        let m = merge(&base, &a, &b).board;
        prop_assert!(m.integrity_problems().is_empty(), "{:?}", m.integrity_problems());

        for id in base.tasks.keys() {
            let (bf, af, tf) = (fields(&base, *id), fields(&a, *id), fields(&b, *id));
            let mf = fields(&m, *id);
            match (&af, &tf) {
                // Deleted on both sides, or on one side while the other
                // left it alone (not even edited and edited back, which
                // its `updated` stamp tells): gone.
                (None, None) => prop_assert!(mf.is_none()),
                (None, Some(_)) if b.tasks.get(id) == base.tasks.get(id) => {
                    prop_assert!(mf.is_none())
                }
                (Some(_), None) if a.tasks.get(id) == base.tasks.get(id) => {
                    prop_assert!(mf.is_none())
                }
                // Deleted on one side, edited on the other: the edit stays
                // (less what it waits on that the other side deleted).
                (None, Some(t)) => prop_assert_eq!(mf, Some(without_deleted(t, &m))),
                (Some(o), None) => prop_assert_eq!(mf, Some(without_deleted(o, &m))),
                (Some(o), Some(t)) => {
                    let (Some(bm), Some(mm)) = (&bf, &mf) else {
                        return Err(TestCaseError::fail(format!("{id} vanished")));
                    };
                    let keys: std::collections::BTreeSet<&String> =
                        bm.keys().chain(o.keys()).chain(t.keys()).collect();
                    for key in keys {
                        let (bv, ov, tv, mv) = (bm.get(key), o.get(key), t.get(key), mm.get(key));
                        let conflict = m.conflict_at(&id.to_string(), key);
                        if ov == tv || tv == bv {
                            prop_assert_eq!(mv, ov, "{} {}: ours", id, key);
                            prop_assert!(conflict.is_none());
                        } else if ov == bv {
                            prop_assert_eq!(mv, tv, "{} {}: theirs", id, key);
                            prop_assert!(conflict.is_none());
                        } else {
                            prop_assert_eq!(mv, ov, "{} {}: a clash keeps ours", id, key);
                            let c = conflict.map(|i| &m.conflicts[i]);
                            prop_assert!(c.is_some(), "{} {}: the clash is recorded", id, key);
                            let other = c.map(|c| &c.other);
                            prop_assert_eq!(other, Some(tv.unwrap_or(&Value::Null)));
                        }
                    }
                }
            }
        }
        // Every card either side added is there.
        for side in [&a, &b] {
            for task in side.tasks.values().filter(|t| !base.tasks.contains_key(&t.id)) {
                prop_assert!(
                    m.tasks.values().any(|x| x.title == task.title && x.created == task.created),
                    "{} lost", task.title
                );
            }
        }
        // The same board whichever side merges, up to new cards' numbers.
        let swapped = merge(&base, &b, &a).board;
        prop_assert_eq!(normal_form(&m), normal_form(&swapped));
        prop_assert_eq!(m.log.len(), swapped.log.len());
        prop_assert_eq!(m.conflicts.len(), swapped.conflicts.len());
    }
}

/// Two clashes merged: the board holds ours, the conflicts hold theirs;
/// settling one takes the other value, the other keeps ours, and undo
/// brings each conflict back exactly.
#[test]
fn conflicts_are_settled_by_actions_and_undone_exactly() {
    let base = common::demo();
    let t4: TaskId = "T-4".parse().expect("id");
    let at = common::now();
    let title = |text: &str| Action::EditTask {
        id: t4,
        edit: TaskEdit {
            title: Some(text.into()),
            due: Some(None),
            ..TaskEdit::default()
        },
    };
    let mut ours = base.clone();
    ours.apply(&title("Ours"), at).expect("edit");
    let mut theirs = base.clone();
    theirs
        .apply(
            &Action::EditTask {
                id: t4,
                edit: TaskEdit {
                    title: Some("Theirs".into()),
                    due: Some(Some(at.date_naive() + Duration::days(3))),
                    ..TaskEdit::default()
                },
            },
            at,
        )
        .expect("edit");
    let mut board = merge(&base, &ours, &theirs).board;
    let fields: Vec<&str> = board.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["due", "title"]);
    assert_eq!(board.tasks[&t4].title, "Ours");
    assert_eq!(board.tasks[&t4].due, None);

    // Saved and read back, the conflicts are in the file.
    let text = standup::store::to_json(&board);
    assert!(text.contains("\"conflicts\": ["));
    assert_eq!(standup::store::from_json(&text).expect("loads"), board);

    let mut history = standup::model::History::default();
    let before = board.clone();
    let settle = |field: &str, take_other: bool| Action::SettleConflict {
        record: "T-4".into(),
        field: field.into(),
        take: take_other.then_some(0),
    };
    history
        .apply(&mut board, &settle("title", true), at)
        .expect("settled");
    assert_eq!(board.tasks[&t4].title, "Theirs");
    history
        .apply(&mut board, &settle("due", false), at)
        .expect("settled");
    assert_eq!(board.tasks[&t4].due, None);
    assert!(board.conflicts.is_empty());
    let last = board.log.last().expect("logged");
    assert_eq!(
        (
            last.record.as_str(),
            last.field.as_deref(),
            last.to.as_deref()
        ),
        ("T-4", Some("due"), Some("(not set)"))
    );
    // Settled twice is refused, naming it.
    let again = board.apply(&settle("due", true), at).expect_err("gone");
    assert_eq!(
        again.to_string(),
        "there is no conflict on T-4 due (see `standup check`)"
    );
    while history.undo(&mut board).is_some() {}
    assert_eq!(board, before);
}

/// The other side's value no longer fits: its column was deleted here
/// since. Taking it is refused with the reason; keeping ours works.
#[test]
fn an_other_value_that_no_longer_fits_is_refused() {
    let mut board = common::demo();
    let t4: TaskId = "T-4".parse().expect("id");
    board.conflicts.push(standup::model::Conflict {
        record: "T-4".into(),
        field: "column".into(),
        kept: "todo".into(),
        other: "archive".into(),
        also: Vec::new(),
    });
    let before = board.clone();
    let take = Action::SettleConflict {
        record: "T-4".into(),
        field: "column".into(),
        take: Some(0),
    };
    let refused = board.apply(&take, common::now()).expect_err("misfit");
    assert!(
        refused
            .to_string()
            .starts_with("the other value of T-4 column does not fit the board now"),
        "{refused}"
    );
    assert_eq!(board, before, "a refusal changes nothing");
    let keep = Action::SettleConflict {
        record: "T-4".into(),
        field: "column".into(),
        take: None,
    };
    board.apply(&keep, common::now()).expect("kept");
    assert_eq!(board.tasks[&t4].column, "todo");
    assert!(board.conflicts.is_empty());
}

/// In the TUI: the header counts the conflicts, `C` lists them with both
/// values, `o` takes the other side's, `x` keeps the board's, and `u`
/// brings one back.
#[test]
fn conflicts_show_in_the_header_and_are_settled_by_keys() {
    use common::tui::{app, draw, press, text};
    let mut board = common::chinese();
    let first: TaskId = *board.tasks.keys().next().expect("a task");
    let title = board.tasks[&first].title.clone();
    for (field, kept, other) in [
        (
            "title",
            Value::from(title.clone()),
            Value::from("市场部的标题 Their title"),
        ),
        ("due", Value::Null, Value::from("2026-12-01")),
    ] {
        board.conflicts.push(standup::model::Conflict {
            record: first.to_string(),
            field: field.into(),
            kept,
            other,
            also: Vec::new(),
        });
    }
    let mut app = app(board);
    press(&mut app, "C");
    let screen = text(&draw(&mut app, 100, 24));
    insta::assert_snapshot!("conflicts_overlay_100x24", screen);
    // Tiny terminals draw what fits and never panic.
    for (w, h) in [(20, 6), (1, 1), (40, 3)] {
        draw(&mut app, w, h);
    }
    press(&mut app, "o");
    assert_eq!(app.board().tasks[&first].title, "市场部的标题 Their title");
    assert_eq!(
        app.board().conflicts.len(),
        1,
        "the overlay stays for the next"
    );
    press(&mut app, "x");
    assert!(app.board().conflicts.is_empty());
    assert!(app.board().tasks[&first].due.is_none());
    let screen = text(&draw(&mut app, 100, 24));
    assert!(screen.contains("Every conflict is settled"), "{screen}");
    assert!(!screen.contains("conflict (C)") && !screen.contains("conflicts (C)"));
    press(&mut app, "u");
    assert_eq!(app.board().conflicts.len(), 1);
    let header = text(&draw(&mut app, 100, 24));
    assert!(
        header
            .lines()
            .next()
            .is_some_and(|l| l.contains("1 conflict (C)")),
        "{header}"
    );
}

fn add_at(board: &mut Board, title: &str, hhmm: &str) {
    let at = chrono::DateTime::parse_from_rfc3339(&format!("2026-11-23T{hhmm}:00+08:00")).unwrap();
    board
        .apply(
            &Action::AddTask(NewTask {
                title: title.into(),
                ..NewTask::default()
            }),
            at,
        )
        .unwrap();
}

/// How many entries of `log` say exactly the same as another.
fn repeats(log: &[standup::model::LogEntry]) -> usize {
    standup::model::merge::without_repeats(log).1
}

/// Clones of `base` (each its board and the shared version it last synced
/// with) pull from and push to one shared repository: first in `order`
/// (each byte picks a clone), then every clone once more. Each pull merges
/// against the version the clone last synced with, as git's merge base.
/// Returns the shared board at the end.
fn pull_and_push(base: &Board, mut clones: Vec<(Board, Board)>, order: &[u8]) -> Board {
    let mut shared = base.clone();
    let sync = |clone: &mut (Board, Board), shared: &mut Board| {
        let merged = merge(&clone.1, &clone.0, shared).board;
        *shared = merged.clone();
        *clone = (merged.clone(), merged);
    };
    for pick in order {
        let a = usize::from(*pick) % clones.len();
        sync(&mut clones[a], &mut shared);
    }
    for clone in clones.iter_mut() {
        sync(clone, &mut shared);
    }
    shared
}

/// The repro: a merge whose base is not a prefix of the sides'
/// logs (a merged log is sorted by time) once logged an add twice.
#[test]
fn a_merge_over_an_earlier_merge_logs_each_entry_once() {
    let b0 = Board::new("b", "");
    let mut x = b0.clone();
    let mut y = b0.clone();
    add_at(&mut x, "from X", "09:02");
    add_at(&mut y, "from Y", "09:01");
    let m = merge(&b0, &x, &y).board;
    let mut z = x.clone();
    add_at(&mut z, "from Z", "09:03");
    let merged = merge(&x, &z, &m).board;
    assert_eq!(merged.tasks.len(), 3);
    assert_eq!(merged.log.len(), 3, "{:#?}", merged.log);
    assert_eq!(repeats(&merged.log), 0);
    // A merge with an empty base does not double the log either.
    let again = merge(&Board::new("b", ""), &merged, &merged).board;
    assert_eq!(again.log, merged.log);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any number of clones, each adding cards, pull from and push to one
    /// shared repository in any order (each pull merges against the version
    /// the clone last synced with, as git's merge base): every card of
    /// every clone ends up there once, and the log holds each real entry
    /// exactly once.
    #[test]
    fn clones_merged_in_any_order_keep_every_card_and_each_entry_once(
        adds in proptest::collection::vec(1usize..5, 2..6),
        order in proptest::collection::vec(any::<u8>(), 0..12),
    ) {
        let base = common::demo();
        let mut clones: Vec<(Board, Board)> = Vec::new();
        let mut minute = 0;
        for (n, count) in adds.iter().enumerate() {
            let mut board = base.clone();
            for i in 0..*count {
                minute += 1;
                let at = common::now() + Duration::minutes(minute);
                board.apply(&Action::AddTask(NewTask { title: format!("clone {n} card {i}"), ..NewTask::default() }), at).unwrap();
            }
            clones.push((board, base.clone()));
        }
        let shared = pull_and_push(&base, clones, &order);
        let all = &shared;
        let total: usize = adds.iter().sum();
        prop_assert_eq!(all.tasks.len(), base.tasks.len() + total);
        let titles: std::collections::HashSet<&str> = all.tasks.values().map(|t| t.title.as_str()).collect();
        prop_assert_eq!(titles.len(), all.tasks.len(), "no card twice");
        prop_assert_eq!(repeats(&all.log), 0, "no entry twice");
        prop_assert_eq!(all.log.len(), base.log.len() + total, "exactly the real entries");
        prop_assert!(all.log.windows(2).all(|w| w[0].at <= w[1].at), "in time order");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Several clones each give one card's title a value (some the same),
    /// then pull and push in any order: every distinct value is either the
    /// board's or one of its conflict's, and nothing else is.
    #[test]
    fn any_number_of_sides_keep_every_distinct_value(
        titles in proptest::collection::vec(0u8..5, 3..6),
        order in proptest::collection::vec(any::<u8>(), 0..10),
    ) {
        let base = common::demo();
        let t4: TaskId = "T-4".parse().unwrap();
        let mut clones: Vec<(Board, Board)> = Vec::new();
        for (n, title) in titles.iter().enumerate() {
            let mut board = base.clone();
            let at = common::now() + Duration::minutes(n as i64 + 1);
            let edit = TaskEdit { title: Some(format!("Title {title}")), ..TaskEdit::default() };
            board.apply(&Action::EditTask { id: t4, edit }, at).unwrap();
            clones.push((board, base.clone()));
        }
        let shared = pull_and_push(&base, clones, &order);
        let written: std::collections::BTreeSet<String> =
            titles.iter().map(|t| format!("Title {t}")).collect();
        let mut held = std::collections::BTreeSet::new();
        held.insert(shared.tasks[&t4].title.clone());
        for c in shared.conflicts.iter().filter(|c| c.record == "T-4" && c.field == "title") {
            prop_assert_eq!(&c.kept, &Value::from(shared.tasks[&t4].title.clone()));
            for v in c.alternatives() {
                held.insert(v.as_str().unwrap_or_default().to_string());
            }
        }
        prop_assert_eq!(held, written);
        prop_assert_eq!(standup::model::merge::without_repeats(&shared.log).1, 0);
    }
}

/// Three titles for one card: the list numbers the other two, and a
/// number takes that one.
#[test]
fn a_conflict_of_three_values_offers_each_and_takes_the_one_chosen() {
    use common::tui::{app, draw, press, text};
    let mut board = common::demo();
    board.conflicts.push(standup::model::Conflict {
        record: "T-4".into(),
        field: "title".into(),
        kept: Value::from("Ours"),
        other: Value::from("Theirs"),
        also: vec![Value::from("A third")],
    });
    let mut app = app(board.clone());
    press(&mut app, "C");
    let screen = text(&draw(&mut app, 100, 24));
    assert!(
        screen.contains("other 1") && screen.contains("Theirs"),
        "{screen}"
    );
    assert!(
        screen.contains("other 2") && screen.contains("A third"),
        "{screen}"
    );
    assert!(screen.contains("1-9"), "{screen}");
    press(&mut app, "2");
    let t4: TaskId = "T-4".parse().unwrap();
    assert_eq!(app.board().tasks[&t4].title, "A third");
    assert!(app.board().conflicts.is_empty());
    // A value that is not there is refused, and the board left alone.
    let err = board
        .apply(
            &Action::SettleConflict {
                record: "T-4".into(),
                field: "title".into(),
                take: Some(2),
            },
            common::now(),
        )
        .expect_err("there is no third other value");
    assert!(
        err.to_string()
            .contains("has 2 other value(s): there is no value 3"),
        "{err}"
    );
}

#[test]
fn the_command_line_numbers_every_other_value_and_takes_one() {
    let home = common::home::Home::new();
    home.demo();
    let mut board =
        standup::store::from_json(&std::fs::read_to_string(home.board()).unwrap()).unwrap();
    board.conflicts.push(standup::model::Conflict {
        record: "T-4".into(),
        field: "title".into(),
        kept: Value::from("Ours"),
        other: Value::from("Theirs"),
        also: vec![Value::from("A third")],
    });
    std::fs::write(home.board(), standup::store::to_json(&board)).unwrap();
    let list = home.cmd().args(["conflict", "list"]).output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(
        list.contains("T-4 title: this board \"Ours\", other 1 \"Theirs\", other 2 \"A third\""),
        "{list}"
    );
    home.run(&["conflict", "take", "T-4", "title", "2"])
        .success();
    let after = standup::store::from_json(&std::fs::read_to_string(home.board()).unwrap()).unwrap();
    assert_eq!(
        after.tasks[&"T-4".parse::<TaskId>().unwrap()].title,
        "A third"
    );
    assert!(after.conflicts.is_empty());
}
