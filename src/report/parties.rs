//! Each party's part of the minutes: what it finished, moved and is
//! blocked on, what comes next, and the issues it owns or is asked about.

use std::collections::HashMap;

use super::changes::ChangeLine;
use super::{BlockedCard, CardRef, IssueLine, Moved, NextCard, PartyReport};
use crate::i18n::Lang;
use crate::model::standup::{RecordChange, Stop};
use crate::model::time::format_timestamp;
use crate::model::{Board, Issue, Task, TaskId, Timestamp};

/// The cards of the window grouped by who speaks for them, gathered once
/// for every party's part of the minutes rather than once per party: on a
/// board of 10,000 cards, per party was most of the minutes' time.
pub(super) struct Cards<'b> {
    /// Each card's changes in the window, by speaker (`None`: no one).
    changed: HashMap<Option<&'b str>, Vec<(&'b RecordChange, &'b Task)>>,
    /// Unfinished cards nearest to done first, by speaker.
    unfinished: HashMap<Option<&'b str>, Vec<&'b Task>>,
    /// What open issues ask for each card, in issue order.
    help: HashMap<TaskId, Vec<String>>,
}

impl<'b> Cards<'b> {
    pub(super) fn of(board: &'b Board, changes: &'b [RecordChange]) -> Cards<'b> {
        let mut changed: HashMap<_, Vec<_>> = HashMap::new();
        for change in changes {
            if let Some(task) = change
                .record
                .strip_prefix("T-")
                .and(change.record.parse::<TaskId>().ok())
                .and_then(|id| board.tasks.get(&id))
            {
                changed
                    .entry(board.speaker_of(task))
                    .or_default()
                    .push((change, task));
            }
        }
        let mut unfinished: HashMap<_, Vec<_>> = HashMap::new();
        for task in board.tasks_by_column().into_iter().rev().flatten() {
            if !board.is_finished(task) {
                unfinished
                    .entry(board.speaker_of(task))
                    .or_default()
                    .push(task);
            }
        }
        let mut help: HashMap<_, Vec<_>> = HashMap::new();
        for issue in board.issues.values() {
            if let Some(task) = issue.task
                && issue.status.is_active()
                && !issue.support.is_empty()
            {
                help.entry(task)
                    .or_default()
                    .push(format!("{} ({})", issue.support, issue.id));
            }
        }
        Cards {
            changed,
            unfinished,
            help,
        }
    }
}

/// One party's moves, blocked work and next cards (the minutes go by
/// party: `stop` is a party's, or the one of cards no one speaks for).
pub(super) fn party_report(
    board: &Board,
    stop: &Stop,
    cards: &Cards,
    card_changes: &mut HashMap<String, ChangeLine>,
    at: Timestamp,
    l: Lang,
) -> PartyReport {
    let today = at.date_naive();
    let speaker = match stop {
        Stop::Party(code) => Some(code.as_str()),
        _ => None,
    };
    let inform = |t: &Task| {
        board
            .to_inform(t)
            .into_iter()
            .map(|c| board.party_name(c).to_string())
            .collect::<Vec<_>>()
    };
    let column_name = |id: &str| board.column_name(id).to_string();
    let last = board
        .last_column()
        .map(|c| c.id.clone())
        .unwrap_or_default();
    let mut report = PartyReport {
        party: match stop {
            Stop::Party(code) => Some(code.clone()),
            _ => None,
        },
        name: stop.label(board, l),
        finished: Vec::new(),
        moved: Vec::new(),
        added: Vec::new(),
        blocked: Vec::new(),
        next: Vec::new(),
        changed: Vec::new(),
    };
    for &(change, task) in cards.changed.get(&speaker).into_iter().flatten() {
        if let Some(line) = card_changes.remove(&change.record) {
            report.changed.push(line);
        }
        let moved = || Moved {
            task: task.id,
            title: task.title.clone(),
            path: change.path.iter().map(|c| column_name(c)).collect(),
            to_inform: inform(task),
        };
        if change.finished(&last) {
            report.finished.push(moved());
        } else if change.moved() {
            report.moved.push(moved());
        } else if change.created {
            report.added.push(CardRef {
                task: task.id,
                title: task.title.clone(),
                column: column_name(&task.column),
                to_inform: inform(task),
            });
        }
    }
    let mut unfinished = cards.unfinished.get(&speaker).cloned().unwrap_or_default();
    for task in &unfinished {
        if !board.is_blocked(task) {
            continue;
        }
        let waits: Vec<String> = board.waits_on(task).iter().map(|t| t.to_string()).collect();
        let reason = match (&task.blocked, waits.is_empty()) {
            (Some(b), true) => b.reason.clone(),
            (Some(b), false) => format!(
                "{}; {}",
                b.reason,
                l.f("waits on {0}", &[&waits.join(", ")])
            ),
            (None, _) => l.f("waits on {0}", &[&waits.join(", ")]),
        };
        let help = cards.help.get(&task.id).cloned().unwrap_or_default();
        report.blocked.push(BlockedCard {
            task: task.id,
            title: task.title.clone(),
            column: column_name(&task.column),
            reason,
            since: task.blocked.as_ref().map(|b| format_timestamp(&b.since)),
            help,
            accountable: board
                .accountable_of(task)
                .map(|c| board.party_name(c).to_string()),
        });
    }
    // Next: work in progress (nearest to done first), then what waits to
    // start, soonest due first; three at most.
    unfinished.retain(|t| !board.is_blocked(t));
    let first = board.columns.first().map(|c| c.id.as_str());
    let (mut waiting, doing): (Vec<&Task>, Vec<&Task>) = unfinished
        .into_iter()
        .partition(|t| Some(t.column.as_str()) == first);
    waiting.sort_by_key(|t| (t.due.is_none(), t.due));
    report.next = doing
        .into_iter()
        .chain(waiting)
        .take(3)
        .map(|t| NextCard {
            task: t.id,
            title: t.title.clone(),
            column: column_name(&t.column),
            due: t.due,
            overdue: board.is_overdue(t, today),
        })
        .collect();
    report
}

pub(super) fn issue_line(board: &Board, issue: &Issue, at: Timestamp, l: Lang) -> IssueLine {
    let sla = issue.sla(&board.settings.sla, at);
    let (clock, _) = sla.describe(issue, at, l);
    let name = |code: &Option<String>| code.as_deref().map(|c| board.party_name(c).to_string());
    IssueLine {
        id: issue.id,
        title: issue.title.clone(),
        priority: sla.priority.as_str(),
        status: issue.status.as_str(),
        owner: name(&issue.owner),
        reporter: name(&issue.reporter),
        respond_by: format_timestamp(&sla.respond_by),
        resolve_by: format_timestamp(&sla.resolve_by),
        clock,
        breached: sla.breached,
        support: issue.support.clone(),
        accountable: board
            .accountable_for(issue)
            .map(|c| board.party_name(&c).to_string()),
    }
}
