//! The model's rules, and the property that random sequences of actions keep
//! every invariant while undo and redo restore the exact boards.

use crate::common;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use standup::model::settings::RaciLimits;
use standup::model::{
    Action, Board, Event, History, IssueId, IssueStatus, Level, NewIssue, NewTask, PartyKind, Risk,
    Role, TaskEdit, TaskId, merge,
};

fn task(board: &mut Board, title: &str, column: &str) -> TaskId {
    let applied = board
        .apply(
            &Action::AddTask(NewTask {
                title: title.into(),
                column: Some(column.into()),
                ..NewTask::default()
            }),
            common::now(),
        )
        .expect("task added");
    applied.created.expect("an id").parse().expect("an id")
}

#[test]
fn moving_a_card_sets_started_and_finished_and_logs_the_move() {
    let mut board = Board::new("b", "");
    let id = task(&mut board, "Write copy", "todo");
    let later = common::now() + Duration::hours(2);
    board
        .apply(
            &Action::MoveTask {
                id,
                column: "Doing".into(),
                position: None,
            },
            later,
        )
        .unwrap();
    let t = &board.tasks[&id];
    assert_eq!(t.column, "doing");
    assert_eq!(t.started, Some(later));
    assert_eq!(t.finished, None);
    let done = later + Duration::days(1);
    board
        .apply(
            &Action::MoveTask {
                id,
                column: "done".into(),
                position: None,
            },
            done,
        )
        .unwrap();
    assert_eq!(board.tasks[&id].finished, Some(done));
    assert_eq!(
        board.tasks[&id].started,
        Some(later),
        "started is the first departure only"
    );
    let moves: Vec<_> = board.log.iter().filter(|e| e.what == Event::Move).collect();
    assert_eq!(moves.len(), 2);
    assert_eq!(moves[1].from.as_deref(), Some("doing"));
    assert_eq!(moves[1].to.as_deref(), Some("done"));
    // Back out of the last column: no longer finished.
    board
        .apply(
            &Action::MoveTask {
                id,
                column: "review".into(),
                position: None,
            },
            done,
        )
        .unwrap();
    assert_eq!(board.tasks[&id].finished, None);
}

#[test]
fn a_deleted_id_is_never_reused_even_after_a_reload() {
    let mut board = Board::new("b", "");
    let first = task(&mut board, "one", "todo");
    let second = task(&mut board, "two", "todo");
    board
        .apply(&Action::DeleteTask { id: second }, common::now())
        .unwrap();
    let reloaded = standup::store::from_json(&standup::store::to_json(&board)).unwrap();
    let mut board = reloaded;
    let third = task(&mut board, "three", "todo");
    assert_eq!(first.to_string(), "T-1");
    assert_eq!(third.to_string(), "T-3");
}

#[test]
fn deleting_a_task_drops_references_to_it_and_undo_brings_them_back() {
    let mut board = common::demo();
    let dep: TaskId = "T-6".parse().unwrap();
    let waiting: TaskId = "T-11".parse().unwrap();
    assert_eq!(board.tasks[&waiting].depends_on, vec![dep]);
    let before = board.clone();
    let applied = board
        .apply(&Action::DeleteTask { id: dep }, common::now())
        .unwrap();
    assert!(board.tasks[&waiting].depends_on.is_empty());
    assert!(board.issues.values().all(|i| i.task != Some(dep)));
    assert!(board.integrity_problems().is_empty());
    board.restore(applied.patch);
    assert_eq!(board, before);
}

#[test]
fn refused_actions_name_the_problem_and_change_nothing() {
    let mut board = common::demo();
    let before = board.clone();
    let now = common::now();
    let cases = [
        (
            Action::AddTask(NewTask {
                title: "  ".into(),
                ..NewTask::default()
            }),
            "the title is empty",
        ),
        (
            Action::AddTask(NewTask {
                title: "x".into(),
                owner: Some("nobody".into()),
                ..NewTask::default()
            }),
            "there is no party `nobody` (known: mkt, prod, sales, tech, lin)",
        ),
        (
            Action::MoveTask {
                id: "T-1".parse().unwrap(),
                column: "later".into(),
                position: None,
            },
            "there is no column `later` (columns: todo, doing, review, done)",
        ),
        (
            Action::DeleteTask {
                id: "T-99".parse().unwrap(),
            },
            "there is no task T-99",
        ),
        (
            Action::EditTask {
                id: "T-6".parse().unwrap(),
                edit: TaskEdit {
                    depends_on: Some(vec!["T-11".parse().unwrap()]),
                    ..TaskEdit::default()
                },
            },
            "T-6 cannot depend on T-11: T-11 already waits on T-6",
        ),
        (
            Action::UnblockTask {
                id: "T-1".parse().unwrap(),
            },
            "T-1 is not blocked",
        ),
        (
            Action::ResolveIssue {
                id: "I-1".parse().unwrap(),
                note: String::new(),
            },
            "I-1 is resolved: it cannot be resolved",
        ),
        (
            Action::AddParty {
                code: "m k t".into(),
                name: "x".into(),
                kind: PartyKind::Department,
                department: None,
            },
            "`m k t` is not a usable party code: use up to 16 letters, digits, `-` or `_`",
        ),
    ];
    for (action, message) in cases {
        let err = board.apply(&action, now).unwrap_err();
        assert_eq!(err.to_string(), message);
        assert_eq!(board, before, "{action:?} changed the board");
    }
}

#[test]
fn columns_and_parties_are_found_by_id_or_name_in_any_case() {
    let board = common::demo();
    assert_eq!(board.resolve_column("DOING").unwrap(), "doing");
    assert_eq!(board.resolve_column("to do").unwrap(), "todo");
    assert_eq!(board.resolve_party("市场部").unwrap(), "mkt");
    assert_eq!(board.resolve_party("MKT").unwrap(), "mkt");
}

#[test]
fn over_the_wip_limit_is_allowed_with_a_warning() {
    let mut board = common::demo();
    let applied = common::move_task(&mut board, "T-4", "doing");
    assert_eq!(
        applied.warnings,
        vec![standup::model::Warning::OverWip {
            column: "Doing".into(),
            count: 6,
            limit: 5
        }]
    );
}

#[test]
fn reordering_within_a_column_renumbers_only_when_out_of_room() {
    let mut board = Board::new("b", "");
    let ids: Vec<TaskId> = (0..4)
        .map(|n| task(&mut board, &format!("t{n}"), "todo"))
        .collect();
    // Put the last card first, forty times over between the same neighbours.
    for _ in 0..40 {
        let last = board.column_tasks("todo").last().unwrap().id;
        board
            .apply(
                &Action::MoveTask {
                    id: last,
                    column: "todo".into(),
                    position: Some(1),
                },
                common::now(),
            )
            .unwrap();
        let order: Vec<TaskId> = board.column_tasks("todo").iter().map(|t| t.id).collect();
        assert_eq!(order.len(), 4);
        assert_eq!(order[1], last);
    }
    let mut order: Vec<TaskId> = board.column_tasks("todo").iter().map(|t| t.id).collect();
    order.sort();
    assert_eq!(order, ids);
}

#[test]
fn issue_lifecycle_and_priority() {
    let mut board = common::demo();
    let now = common::now();
    let applied = board
        .apply(
            &Action::AddIssue(NewIssue {
                title: "Page slow".into(),
                detail: String::new(),
                reporter: None,
                parties: vec!["tech".into(), "Tech".into()],
                owner: Some("tech".into()),
                impact: Level::High,
                urgency: Level::High,
                support: "two engineers".into(),
                proposal: String::new(),
                task: None,
                respond_by: None,
                resolve_by: None,
            }),
            now,
        )
        .unwrap();
    let id: IssueId = applied.created.unwrap().parse().unwrap();
    assert_eq!(
        board.issues[&id].parties,
        vec!["tech".to_string()],
        "duplicates collapse"
    );
    let sla = board.issues[&id].sla(&board.settings.sla, now + Duration::minutes(29));
    assert_eq!(sla.priority.as_str(), "P1");
    assert!(!sla.breached);
    assert!(
        board.issues[&id]
            .sla(&board.settings.sla, now + Duration::minutes(31))
            .breached
    );
    board
        .apply(
            &Action::AcknowledgeIssue { id },
            now + Duration::minutes(20),
        )
        .unwrap();
    let issue = &board.issues[&id];
    assert!(
        !issue
            .sla(&board.settings.sla, now + Duration::minutes(31))
            .breached
    );
    assert!(
        issue
            .sla(&board.settings.sla, now + Duration::minutes(121))
            .breached
    );
    board
        .apply(
            &Action::ResolveIssue {
                id,
                note: "cached".into(),
            },
            now + Duration::hours(1),
        )
        .unwrap();
    board
        .apply(
            &Action::CloseIssue {
                id,
                reason: String::new(),
            },
            now + Duration::hours(2),
        )
        .unwrap();
    assert_eq!(board.issues[&id].status, IssueStatus::Closed);
    board
        .apply(&Action::ReopenIssue { id }, now + Duration::hours(3))
        .unwrap();
    assert_eq!(board.issues[&id].status, IssueStatus::Acknowledged);
    assert_eq!(board.issues[&id].resolved, None);
}

#[test]
fn overdue_and_blocked_are_derived() {
    let board = common::demo();
    let today = common::now().date_naive();
    let t = |n: &str| &board.tasks[&n.parse::<TaskId>().unwrap()];
    assert!(board.is_overdue(t("T-5"), today));
    assert!(
        !board.is_overdue(t("T-2"), today),
        "finished work is never overdue"
    );
    assert!(board.is_blocked(t("T-5")), "flagged");
    assert!(board.is_blocked(t("T-11")), "waits on unfinished T-6");
    assert!(!board.is_blocked(t("T-9")), "waits on T-2, which is done");
    let alerts = board.alerts(common::now());
    assert_eq!((alerts.overdue, alerts.blocked, alerts.breached), (3, 3, 1));
}

#[test]
fn demo_board_is_realistic() {
    let board = common::demo();
    assert!(board.tasks.len() >= 15);
    assert!(board.issues.len() >= 4);
    assert!(board.parties.iter().any(|p| p.name == "市场部"));
    for column in ["todo", "doing", "review", "done"] {
        assert!(
            board.tasks.values().any(|t| t.column == column),
            "{column} has cards"
        );
    }
    let priorities: std::collections::BTreeSet<_> =
        board.issues.values().map(|i| i.priority()).collect();
    assert!(priorities.len() >= 4);
    let problems = standup::model::raci::check(&board);
    assert!(problems.iter().any(|p| p.rule.name() == "no-accountable"));
    assert!(board.integrity_problems().is_empty());
    assert!(
        board.log.windows(2).all(|w| w[0].at <= w[1].at),
        "the log reads in time order"
    );
}

// --- property: invariants, undo and redo ------------------------------------

/// An action described by small numbers, resolved against the board as it
/// is when applied: most are valid, some point at things that do not exist.
#[derive(Debug, Clone)]
enum Op {
    AddParty(u8),
    AddColumn(u8, Option<u8>),
    AddTask(u8, u8, Option<u8>, Option<i8>),
    Move(u8, u8, Option<u8>),
    Edit(u8, Option<u8>, Option<i8>, Vec<u8>, Option<u8>),
    Delete(u8),
    Block(u8, bool),
    Unblock(u8),
    Role(u8, u8, Option<u8>),
    AddIssue(u8, Option<u8>),
    Issue(u8, u8),
    Info(u8),
    RenameColumn(u8, u8),
    MoveColumn(u8, u8),
    DeleteColumn(u8),
    SetWip(u8, Option<u8>),
    RenameParty(u8, u8),
    RecodeParty(u8, u8),
    MoveParty(u8, u8),
    RemoveParty(u8, bool),
    Limits(u8, u8, u8, u8),
    EditIssue(u8, u8, Option<u8>),
    Escalate(u8, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => any::<u8>().prop_map(Op::AddParty),
        1 => (any::<u8>(), proptest::option::of(0u8..4)).prop_map(|(a, b)| Op::AddColumn(a, b)),
        4 => (any::<u8>(), any::<u8>(), proptest::option::of(any::<u8>()), proptest::option::of(any::<i8>()))
            .prop_map(|(a, b, c, d)| Op::AddTask(a, b, c, d)),
        4 => (any::<u8>(), any::<u8>(), proptest::option::of(0u8..8)).prop_map(|(a, b, c)| Op::Move(a, b, c)),
        2 => (any::<u8>(), proptest::option::of(any::<u8>()), proptest::option::of(any::<i8>()),
            proptest::collection::vec(any::<u8>(), 0..3), proptest::option::of(0u8..4))
            .prop_map(|(a, b, c, d, e)| Op::Edit(a, b, c, d, e)),
        1 => any::<u8>().prop_map(Op::Delete),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Op::Block(a, b)),
        1 => any::<u8>().prop_map(Op::Unblock),
        3 => (any::<u8>(), any::<u8>(), proptest::option::of(0u8..5)).prop_map(|(a, b, c)| Op::Role(a, b, c)),
        1 => (any::<u8>(), proptest::option::of(any::<u8>())).prop_map(|(a, b)| Op::AddIssue(a, b)),
        2 => (any::<u8>(), 0u8..4).prop_map(|(a, b)| Op::Issue(a, b)),
        1 => any::<u8>().prop_map(Op::Info),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::RenameColumn(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::MoveColumn(a, b)),
        1 => any::<u8>().prop_map(Op::DeleteColumn),
        1 => (any::<u8>(), proptest::option::of(0u8..6)).prop_map(|(a, b)| Op::SetWip(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::RenameParty(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::RecodeParty(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::MoveParty(a, b)),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Op::RemoveParty(a, b)),
        1 => (0u8..6, 0u8..6, 0u8..6, 0u8..6).prop_map(|(a, b, c, d)| Op::Limits(a, b, c, d)),
        1 => (any::<u8>(), any::<u8>(), proptest::option::of(any::<u8>())).prop_map(|(a, b, c)| Op::EditIssue(a, b, c)),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Op::Escalate(a, b)),
    ]
}

/// The nth existing task, or (one time in eight) one that does not exist.
fn pick_task(board: &Board, n: u8) -> TaskId {
    let ids: Vec<TaskId> = board.tasks.keys().copied().collect();
    if ids.is_empty() || n % 8 == 7 {
        return TaskId::from_number(900 + u32::from(n));
    }
    ids[usize::from(n) % ids.len()]
}

fn pick_party(board: &Board, n: u8) -> String {
    if board.parties.is_empty() || n % 8 == 7 {
        return format!("ghost{n}");
    }
    board.parties[usize::from(n) % board.parties.len()]
        .code
        .clone()
}

fn pick_column(board: &Board, n: u8) -> String {
    if n % 16 == 15 {
        return "nowhere".into();
    }
    board.columns[usize::from(n) % board.columns.len()]
        .id
        .clone()
}

fn to_action(board: &Board, op: &Op) -> Action {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let titles = [
        "Campaign page",
        "活动页面设计",
        "  ",
        "Payment load test",
        "客服培训 training",
    ];
    let roles = [
        Role::Responsible,
        Role::Accountable,
        Role::Consulted,
        Role::Informed,
        Role::AccountableResponsible,
    ];
    match op {
        Op::AddParty(n) => Action::AddParty {
            code: format!("p{}", n % 12),
            name: format!("部门 {n}"),
            kind: PartyKind::Department,
            department: None,
        },
        Op::AddColumn(n, wip) => Action::AddColumn {
            name: format!("Stage {}", n % 6),
            wip: wip.map(u32::from),
        },
        Op::AddTask(t, c, owner, due) => Action::AddTask(NewTask {
            title: titles[usize::from(*t) % titles.len()].into(),
            column: Some(pick_column(board, *c)),
            owner: owner.map(|o| pick_party(board, o)),
            due: due.map(|d| today + Duration::days(i64::from(d))),
            risk: Some(Risk::High),
            note: String::new(),
            depends_on: Vec::new(),
            source: Some(format!("csv:sheet.csv#{t}")),
            started: None,
        }),
        Op::Move(t, c, position) => Action::MoveTask {
            id: pick_task(board, *t),
            column: pick_column(board, *c),
            position: position.map(usize::from),
        },
        Op::Edit(t, owner, due, deps, title) => Action::EditTask {
            id: pick_task(board, *t),
            edit: TaskEdit {
                title: title.map(|n| titles[usize::from(n) % titles.len()].to_string()),
                owner: owner.map(|o| {
                    if o % 5 == 0 {
                        None
                    } else {
                        Some(pick_party(board, o))
                    }
                }),
                due: due.map(|d| {
                    if d % 5 == 0 {
                        None
                    } else {
                        Some(today + Duration::days(i64::from(d)))
                    }
                }),
                risk: None,
                note: Some(format!("note {t}")),
                depends_on: (!deps.is_empty())
                    .then(|| deps.iter().map(|d| pick_task(board, *d)).collect()),
            },
        },
        Op::Delete(t) => Action::DeleteTask {
            id: pick_task(board, *t),
        },
        Op::Block(t, empty) => Action::BlockTask {
            id: pick_task(board, *t),
            reason: if *empty {
                " ".into()
            } else {
                "waiting for ops".into()
            },
        },
        Op::Unblock(t) => Action::UnblockTask {
            id: pick_task(board, *t),
        },
        Op::Role(t, p, r) => Action::SetRole {
            task: pick_task(board, *t),
            party: pick_party(board, *p),
            role: r.map(|r| roles[usize::from(r)]),
        },
        Op::AddIssue(owner, task) => Action::AddIssue(NewIssue {
            title: "Checkout slow".into(),
            detail: String::new(),
            reporter: None,
            parties: Vec::new(),
            owner: Some(pick_party(board, *owner)),
            impact: Level::High,
            urgency: Level::Low,
            support: String::new(),
            proposal: String::new(),
            task: task.map(|t| pick_task(board, t)),
            respond_by: None,
            resolve_by: None,
        }),
        Op::Issue(n, verb) => {
            let ids: Vec<IssueId> = board.issues.keys().copied().collect();
            let id = if ids.is_empty() {
                IssueId::from_number(77)
            } else {
                ids[usize::from(*n) % ids.len()]
            };
            match verb {
                0 => Action::AcknowledgeIssue { id },
                1 => Action::ResolveIssue {
                    id,
                    note: "done".into(),
                },
                // Half the closes say why, which changes the resolution.
                2 => Action::CloseIssue {
                    id,
                    reason: if n % 2 == 0 {
                        String::new()
                    } else {
                        format!("duplicate {n}")
                    },
                },
                _ => Action::ReopenIssue { id },
            }
        }
        Op::Info(n) => Action::SetInfo {
            name: Some(format!("Board {n}")),
            goal: Some(format!("Goal {}", n % 3)),
        },
        Op::RenameColumn(c, n) => Action::RenameColumn {
            column: pick_column(board, *c),
            name: ["Doing", "评审", "QA", " ", "Blocked"][usize::from(*n) % 5].into(),
        },
        Op::MoveColumn(c, to) => Action::MoveColumn {
            column: pick_column(board, *c),
            position: usize::from(*to % 6),
        },
        // Odd ones move the column's cards somewhere first (maybe into the
        // column itself, which is refused).
        Op::DeleteColumn(c) => Action::DeleteColumn {
            column: pick_column(board, *c),
            move_to: (c % 2 == 1).then(|| pick_column(board, c / 2)),
        },
        Op::SetWip(c, wip) => Action::SetWip {
            column: pick_column(board, *c),
            wip: wip.map(u32::from),
        },
        Op::RenameParty(p, n) => Action::RenameParty {
            party: pick_party(board, *p),
            name: ["市场部", " ", "Ops", "法务部 Legal"][usize::from(*n) % 4].into(),
        },
        // New codes, taken ones and bad ones alike.
        Op::RecodeParty(p, n) => Action::RecodeParty {
            party: pick_party(board, *p),
            code: ["市场", "ops", "mkt", "bad code", "p1", "法务"][usize::from(*n) % 6].into(),
        },
        Op::MoveParty(p, to) => Action::MoveParty {
            party: pick_party(board, *p),
            position: usize::from(*to % 8),
        },
        Op::RemoveParty(p, cascade) => Action::RemoveParty {
            party: pick_party(board, *p),
            cascade: *cascade,
        },
        Op::EditIssue(n, owner, task) => {
            let ids: Vec<IssueId> = board.issues.keys().copied().collect();
            let id = ids
                .get(usize::from(*n) % ids.len().max(1))
                .copied()
                .unwrap_or(IssueId::from_number(77));
            Action::EditIssue {
                id,
                edit: standup::model::IssueEdit {
                    owner: Some((owner % 4 != 0).then(|| pick_party(board, *owner))),
                    urgency: Some(
                        [Level::High, Level::Medium, Level::Low][usize::from(*owner) % 3],
                    ),
                    task: task.map(|t| (t % 3 != 0).then(|| pick_task(board, t))),
                    support: Some(format!("support {n}")),
                    ..Default::default()
                },
            }
        }
        Op::Escalate(n, reason) => {
            let ids: Vec<IssueId> = board.issues.keys().copied().collect();
            let id = ids
                .get(usize::from(*n) % ids.len().max(1))
                .copied()
                .unwrap_or(IssueId::from_number(77));
            Action::EscalateIssue {
                id,
                reason: if *reason {
                    "customers waiting".into()
                } else {
                    String::new()
                },
            }
        }
        Op::Limits(r, c, or, oa) => Action::SetRaciLimits(RaciLimits {
            responsible_warn: u32::from(*r),
            consulted_max: u32::from(*c),
            overload_r: u32::from(*or),
            overload_a: u32::from(*oa),
        }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_keep_invariants_and_undo_is_exact(ops in proptest::collection::vec(op(), 1..60)) {
        let mut board = common::demo();
        let mut at = common::now();
        for op in &ops {
            at += Duration::minutes(7);
            let action = to_action(&board, op);
            let before = board.clone();
            match board.apply(&action, at) {
                Err(_) => {
                    prop_assert_eq!(&board, &before, "a refused {:?} changed the board", action);
                    prop_assert!(board.index_is_consistent(), "a refused {:?} left the index behind", action);
                }
                Ok(applied) => {
                    let problems = board.integrity_problems();
                    prop_assert!(problems.is_empty(), "{:?} broke invariants: {:?}", action, problems);
                    let after = board.clone();
                    let redo = board.restore(applied.patch);
                    prop_assert_eq!(&board, &before, "undo of {:?} is not exact", action);
                    prop_assert!(board.index_is_consistent(), "undo of {:?} left the index behind", action);
                    board.restore(redo);
                    prop_assert_eq!(&board, &after, "redo of {:?} is not exact", action);
                    prop_assert!(board.index_is_consistent(), "redo of {:?} left the index behind", action);
                }
            }
        }
        // The file keeps it all: a save and a load give the same board.
        let text = standup::store::to_json(&board);
        let loaded = standup::store::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded, &board);
        prop_assert_eq!(standup::store::to_json(&loaded), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The session history as the TUI drives it: random changes with undos
    /// and redos in between walk exactly back and forth along the boards.
    #[test]
    fn history_walks_back_and_forth_along_the_exact_boards(
        steps in proptest::collection::vec((op(), 0u8..10), 1..50)
    ) {
        let mut board = common::demo();
        let mut history = History::default();
        // The boards the session went through, and where it stands.
        let mut states = vec![board.clone()];
        let mut at_state: usize = 0;
        let mut at = common::now();
        for (op, roll) in &steps {
            at += Duration::minutes(3);
            match roll {
                0 | 1 => {
                    let undone = history.undo(&mut board).is_some();
                    prop_assert_eq!(undone, at_state > 0);
                    at_state = at_state.saturating_sub(1);
                    prop_assert_eq!(&board, &states[at_state]);
                }
                2 => {
                    let redone = history.redo(&mut board).is_some();
                    prop_assert_eq!(redone, at_state + 1 < states.len());
                    if redone {
                        at_state += 1;
                    }
                    prop_assert_eq!(&board, &states[at_state]);
                }
                _ => {
                    let action = to_action(&board, op);
                    if let Ok(applied) = history.apply(&mut board, &action, at)
                        && !applied.patch.is_noop(&board)
                    {
                        states.truncate(at_state + 1);
                        states.push(board.clone());
                        at_state += 1;
                    }
                    prop_assert_eq!(&board, &states[at_state]);
                }
            }
            prop_assert!(board.integrity_problems().is_empty());
        }
        while history.undo(&mut board).is_some() {}
        prop_assert_eq!(&board, &states[0], "undoing everything gives back the start");
    }

    /// Two sessions change copies of one board; the merge keeps every card
    /// either side created, every change only one side made, and a valid
    /// board. Merging with an unchanged side gives the other side.
    #[test]
    fn merging_two_sessions_loses_nothing(
        ours_ops in proptest::collection::vec(op(), 0..25),
        theirs_ops in proptest::collection::vec(op(), 0..25),
    ) {
        let base = common::demo();
        let run = |ops: &[Op], minutes: i64| {
            let mut board = base.clone();
            let mut at = common::now() + Duration::minutes(minutes);
            for op in ops {
                at += Duration::minutes(5);
                let action = to_action(&board, op);
                let _ = board.apply(&action, at);
            }
            board
        };
        let ours = run(&ours_ops, 0);
        let theirs = run(&theirs_ops, 1);
        prop_assert_eq!(&merge(&base, &ours, &base).board, &ours);
        prop_assert_eq!(&merge(&base, &base, &theirs).board, &theirs);
        let merged = merge(&base, &ours, &theirs);
        let problems = merged.board.integrity_problems();
        prop_assert!(problems.is_empty(), "merge broke invariants: {:?}", problems);
        for side in [&ours, &theirs] {
            for task in side.tasks.values().filter(|t| !base.tasks.contains_key(&t.id)) {
                prop_assert!(
                    merged.board.tasks.values().any(|m| m.title == task.title && m.created == task.created),
                    "new card {} \"{}\" was lost", task.id, task.title
                );
            }
            // Every log entry either side added is kept (ids may be renumbered).
            let added = side.log.len() - side.log.iter().zip(&base.log).take_while(|(a, b)| a == b).count();
            let kept = merged.board.log.len();
            prop_assert!(kept >= added);
        }
        // Cards only one side touched end up as that side left them.
        for (id, task) in &base.tasks {
            let (o, t) = (ours.tasks.get(id), theirs.tasks.get(id));
            if t == Some(task) && o.is_some() && ours.columns == base.columns && theirs.columns == base.columns {
                prop_assert_eq!(merged.board.tasks.get(id).map(|m| (&m.title, &m.column)), o.map(|m| (&m.title, &m.column)));
            }
        }
        // What was merged saves and loads as it is.
        let text = standup::store::to_json(&merged.board);
        let loaded = standup::store::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded, &merged.board);
    }
}

#[test]
fn a_new_column_goes_before_the_last_and_reordering_restamps_finished() {
    let mut board = common::demo();
    board
        .apply(
            &Action::AddColumn {
                name: "QA".into(),
                wip: Some(2),
            },
            common::now(),
        )
        .unwrap();
    let ids: Vec<&str> = board.columns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["todo", "doing", "review", "qa", "done"]);
    // Moving Done away from the end: its cards are no longer finished, and
    // the cards of the new last column are.
    let done: Vec<TaskId> = board.column_tasks("done").iter().map(|t| t.id).collect();
    let review: Vec<TaskId> = board.column_tasks("review").iter().map(|t| t.id).collect();
    let before = board.clone();
    let applied = board
        .apply(
            &Action::MoveColumn {
                column: "Done".into(),
                position: 3,
            },
            common::now(),
        )
        .unwrap();
    assert_eq!(board.last_column().map(|c| c.id.as_str()), Some("qa"));
    assert!(done.iter().all(|id| board.tasks[id].finished.is_none()));
    assert!(review.iter().all(|id| board.tasks[id].finished.is_none()));
    board.restore(applied.patch);
    assert_eq!(board, before);
    // Only empty columns go, and never the last one left.
    let err = board
        .apply(
            &Action::DeleteColumn {
                column: "review".into(),
                move_to: None,
            },
            common::now(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "column `Review` still holds 3 card(s): say which column they go to"
    );
    board
        .apply(
            &Action::DeleteColumn {
                column: "qa".into(),
                move_to: None,
            },
            common::now(),
        )
        .unwrap();
    assert_eq!(board.columns.len(), 4);
    let err = board
        .apply(
            &Action::RenameColumn {
                column: "doing".into(),
                name: "review".into(),
            },
            common::now(),
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "a column named `review` exists already");
    let mut lone = Board::new("lone", "");
    for c in ["todo", "doing", "review"] {
        for _ in 0..1 {
            lone.apply(
                &Action::DeleteColumn {
                    column: c.into(),
                    move_to: None,
                },
                common::now(),
            )
            .unwrap();
        }
    }
    let err = lone
        .apply(
            &Action::DeleteColumn {
                column: "done".into(),
                move_to: None,
            },
            common::now(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "`Done` is the only column; a board needs one"
    );
}

#[test]
fn merge_renumbers_cards_both_sides_created_and_reports_clashes() {
    let base = common::demo();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let at = common::now();
    let add = |board: &mut Board, title: &str, deps: Vec<TaskId>| {
        board
            .apply(
                &Action::AddTask(NewTask {
                    title: title.into(),
                    depends_on: deps,
                    ..Default::default()
                }),
                at,
            )
            .unwrap()
            .created
            .unwrap()
            .parse::<TaskId>()
            .unwrap()
    };
    let ours_new = add(&mut ours, "Ours", vec![]);
    let ours_next = add(&mut ours, "Ours follow-up", vec![ours_new]);
    let theirs_new = add(&mut theirs, "Theirs", vec![]);
    assert_eq!(ours_new, theirs_new, "both sides handed out T-18");
    // The same field changed both ways, and a different field each.
    let t4: TaskId = "T-4".parse().unwrap();
    let edit = |title: Option<&str>, note: Option<&str>| Action::EditTask {
        id: t4,
        edit: TaskEdit {
            title: title.map(Into::into),
            note: note.map(Into::into),
            ..Default::default()
        },
    };
    ours.apply(&edit(Some("Script, ours"), None), at).unwrap();
    theirs
        .apply(&edit(Some("Script, theirs"), Some("from legal")), at)
        .unwrap();
    let merged = merge(&base, &ours, &theirs);
    let b = &merged.board;
    assert!(
        b.integrity_problems().is_empty(),
        "{:?}",
        b.integrity_problems()
    );
    let titles: Vec<&str> = b.tasks.values().map(|t| t.title.as_str()).collect();
    assert!(
        titles.contains(&"Ours")
            && titles.contains(&"Theirs")
            && titles.contains(&"Ours follow-up")
    );
    let renumbered = b.tasks.values().find(|t| t.title == "Ours").unwrap().id;
    assert_ne!(renumbered, theirs_new);
    let follow = b
        .tasks
        .values()
        .find(|t| t.title == "Ours follow-up")
        .unwrap();
    assert_eq!(
        follow.depends_on,
        vec![renumbered],
        "references follow the renumbering"
    );
    assert_eq!(
        follow.id, ours_next,
        "an id the other side never handed out stays"
    );
    assert_eq!(b.tasks[&t4].title, "Script, ours");
    assert_eq!(b.tasks[&t4].note, "from legal");
    assert!(
        merged
            .notes
            .iter()
            .any(|n| n.contains("T-4: title changed both here and elsewhere")),
        "{:?}",
        merged.notes
    );
    assert!(
        merged
            .notes
            .iter()
            .any(|n| n.contains("T-18 was also created elsewhere")),
        "{:?}",
        merged.notes
    );
    // New ids keep counting past everything either side handed out.
    assert!(b.next_task_id().expect("ids left").number() > follow.id.number());
}

#[test]
fn undo_memory_is_bounded_by_what_changed() {
    // A 10,000-task board: each move's undo patch holds that one task, not
    // the board; of 1,000 moves the history keeps the last 500 steps, so
    // 500 task copies in all.
    let mut board = Board::new("big", "");
    for n in 0..10_000 {
        task(&mut board, &format!("task {n}"), "todo");
    }
    let mut history = History::default();
    let columns = ["doing", "review", "done"];
    for n in 0..1_000u32 {
        let id = TaskId::from_number(1 + n * 7 % 10_000);
        let action = Action::MoveTask {
            id,
            column: columns[n as usize % 3].into(),
            position: None,
        };
        let applied = history.apply(&mut board, &action, common::now()).unwrap();
        assert_eq!(applied.patch.task_ids().collect::<Vec<_>>(), vec![id]);
    }
    assert_eq!(history.records_held(), 500);
    assert!(board.index_is_consistent());
    assert_eq!(
        board.column_count("doing")
            + board.column_count("review")
            + board.column_count("done")
            + board.column_count("todo"),
        10_000
    );
}

#[test]
fn a_party_in_use_is_removed_only_with_what_names_it_and_undo_brings_all_back() {
    let original = common::demo();
    let mut board = original.clone();
    let mut history = History::default();
    let keep = Action::RemoveParty {
        party: "prod".into(),
        cascade: false,
    };
    let err = history
        .apply(&mut board, &keep, common::now())
        .expect_err("prod holds roles");
    assert!(
        err.to_string()
            .contains("holds 13 roles, owns 4 cards and is named on 3 issues"),
        "{err}"
    );
    assert_eq!(board, original);
    let cascade = Action::RemoveParty {
        party: "prod".into(),
        cascade: true,
    };
    history
        .apply(&mut board, &cascade, common::now())
        .expect("removed with its roles");
    assert!(board.party("prod").is_none());
    assert_eq!(board.integrity_problems(), Vec::<String>::new());
    assert!(
        board
            .tasks
            .values()
            .all(|t| !t.raci.contains_key("prod") && t.owner.as_deref() != Some("prod"))
    );
    history.undo(&mut board);
    assert_eq!(board, original);
}

/// What a report of a past moment shows of a board: every field the log
/// reads back (not ranks, times of the day a card moved, party kinds or a
/// resolution's note, which the log does not hold).
fn as_reported(board: &Board) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "{:?} {:?} {} {}\n",
        board.name, board.goal, board.settings.sla, board.settings.raci
    );
    for t in board.tasks.values() {
        let _ = writeln!(
            out,
            "{} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            t.id,
            t.title,
            t.column,
            t.owner,
            t.due,
            t.risk,
            t.blocked.as_ref().map(|b| &b.reason),
            t.raci,
            t.depends_on,
            t.note
        );
    }
    for i in board.issues.values() {
        let _ = writeln!(
            out,
            "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            i.id,
            i.title,
            i.status,
            i.owner,
            i.impact,
            i.urgency,
            i.acknowledged,
            i.resolved,
            i.reopened,
            i.task,
            i.parties,
            i.support
        );
    }
    let mut parties: Vec<String> = board
        .parties
        .iter()
        .map(|p| format!("{} {:?}", p.code, p.name))
        .collect();
    parties.sort();
    let mut columns: Vec<String> = board
        .columns
        .iter()
        .map(|c| format!("{} {:?}", c.id, c.name))
        .collect();
    columns.sort();
    let _ = writeln!(out, "{parties:?}\n{columns:?}");
    out
}

/// The words of a report, for finding ids in it: `T-1` is not `T-10`.
fn tokens(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The board read back from its log at any past moment is the board
    /// as it stood then: every change after it undone, none before it.
    #[test]
    fn the_board_read_back_at_a_moment_is_the_board_of_that_moment(
        steps in proptest::collection::vec((op(), 1u16..600), 1..40)
    ) {
        let mut board = common::demo();
        let mut at = common::now();
        let mut seen = vec![(at, as_reported(&board))];
        for (op, minutes) in &steps {
            at += Duration::minutes(i64::from(*minutes));
            let action = to_action(&board, op);
            let _ = board.apply(&action, at);
            seen.push((at, as_reported(&board)));
        }
        for (moment, expected) in &seen {
            let then = board.as_of(*moment).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&as_reported(&then), expected, "at {}", moment);
            prop_assert!(then.log.iter().all(|e| e.at <= *moment));
            prop_assert!(then.integrity_problems().is_empty(), "{:?}", then.integrity_problems());
        }
    }

    /// With standups held now and then and the clock stepping at random,
    /// the minutes of any past day report every logged change of their
    /// window, and nothing that happened after the day.
    #[test]
    fn past_minutes_report_their_window_and_nothing_later(
        steps in proptest::collection::vec((op(), 1u16..900, 0u8..12), 1..40)
    ) {
        use standup::i18n::{Lang, Locale};
        use standup::report::{self, Which, markdown};
        let mut board = common::demo();
        let mut at = common::now();
        for (op, minutes, roll) in &steps {
            at += Duration::minutes(i64::from(*minutes));
            let action = match roll {
                0 => Action::StartStandup { order: standup::model::StandupOrder::Party },
                1 => Action::EndStandup { speakers: None },
                2 => Action::Decide(standup::model::Decision {
                    text: format!("decided at {}", at.format("%d%H%M")),
                    owner: None,
                    due: None,
                }),
                _ => to_action(&board, op),
            };
            let _ = board.apply(&action, at);
        }
        let first = common::now().date_naive() + Duration::days(1);
        let today = at.date_naive();
        let mut day = first;
        while day < today {
            let minutes = report::minutes(&board, Which::Date(day), at, Lang::En)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let since = chrono::DateTime::parse_from_rfc3339(&minutes.since).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let until = chrono::DateTime::parse_from_rfc3339(&minutes.until).map_err(|e| TestCaseError::fail(e.to_string()))?;
            // A day's end, or the end of its standup when that ran past
            // midnight (what was said in the meeting belongs to it).
            let day_end = standup::model::flow::day_start(day + Duration::days(1), at);
            let meeting_end = board
                .standups
                .iter()
                .filter(|s| s.date == day)
                .filter_map(|s| s.ended)
                .max();
            let end = meeting_end.map_or(day_end, |m| m.max(day_end));
            prop_assert!(until <= end, "{} ends {} after its day", day, until);
            let md = markdown::render(&minutes, &Locale::default());
            let words = tokens(&md);
            for entry in board.log.iter().filter(|e| e.at > since && e.at <= until) {
                let record = entry.record.as_str();
                if record.starts_with("T-") || record.starts_with("I-") {
                    prop_assert!(words.contains(record), "{} {:?} of {} missing:\n{}", record, entry.what, entry.at, md);
                } else if entry.what == Event::Decide {
                    let text = entry.to.clone().unwrap_or_default();
                    prop_assert!(md.contains(&text), "decision {} missing:\n{}", text, md);
                }
            }
            // Nothing created after the window shows, nor any decision.
            for entry in board.log.iter().filter(|e| e.at > until) {
                if entry.what == Event::Create
                    && (entry.record.starts_with("T-") || entry.record.starts_with("I-"))
                {
                    prop_assert!(!words.contains(&entry.record), "{} of {} in {}'s minutes:\n{}", entry.record, entry.at, day, md);
                }
                if entry.what == Event::Decide {
                    let text = entry.to.clone().unwrap_or_default();
                    prop_assert!(!md.contains(&text), "later decision {} in:\n{}", text, md);
                }
            }
            day += Duration::days(1);
        }
    }
}
