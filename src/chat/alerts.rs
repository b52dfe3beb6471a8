//! What needs someone now, for `standup alerts`: an SLA clock entering its
//! last quarter, breached, or stopped past its deadline; a card past its
//! due date; a card whose dependencies are all finished (its owner can
//! start); a blocked card no one has touched for days. Each alert has a
//! key that says what it is about and which time it is about (a reopened
//! issue, a new due date, a new block), so that it is sent once: the keys
//! sent are logged in the board, which merges across clones.

use chrono::Duration;

use crate::config::chat::AlertRules;
use crate::i18n::Lang;
use crate::model::triage::SlaClock;
use crate::model::{Board, Event, Task, Timestamp};

/// One alert: its key and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub key: String,
    pub line: String,
}

/// The alerts that hold at `now`, by `rules`, in the order of the board:
/// problems first, then cards.
pub fn due(board: &Board, now: Timestamp, rules: &AlertRules, l: Lang) -> Vec<Alert> {
    let mut out = Vec::new();
    let owner = |code: Option<&str>| match code {
        Some(c) => l.f("Owner: {0}.", &[&board.party_name(c)]),
        None => l.t("No owner.").to_string(),
    };
    let stamp = |t: &Timestamp| t.format("%Y%m%dT%H%M").to_string();
    if rules.sla {
        for issue in board.issues.values() {
            let facts = board.sla_facts(issue, now);
            let who = owner(
                issue
                    .owner
                    .as_deref()
                    .or(board.accountable_for(issue).as_deref()),
            );
            for fact in facts.clocks() {
                let clock = match fact.clock {
                    SlaClock::Respond => "respond",
                    SlaClock::Resolve => "resolve",
                };
                let base = format!("sla:{}:{clock}:{}", issue.id, stamp(&fact.started));
                let by = l.duration_largest(fact.deadline - now);
                let late = fact.missed_by(now).map(|d| l.duration_largest(d));
                let (state, said) = match (fact.stopped, late) {
                    (None, Some(late)) => (
                        "breached",
                        if clock == "respond" {
                            l.f(
                                "{0} {1} “{2}”: no response, {3} past its target.",
                                &[&fact.priority.as_str(), &issue.id, &issue.title, &late],
                            )
                        } else {
                            l.f(
                                "{0} {1} “{2}”: not resolved, {3} past its target.",
                                &[&fact.priority.as_str(), &issue.id, &issue.title, &late],
                            )
                        },
                    ),
                    (None, None) if (fact.deadline - now) * 4 <= fact.deadline - fact.started => (
                        "at-risk",
                        if clock == "respond" {
                            l.f(
                                "{0} {1} “{2}”: respond within {3}.",
                                &[&fact.priority.as_str(), &issue.id, &issue.title, &by],
                            )
                        } else {
                            l.f(
                                "{0} {1} “{2}”: resolve within {3}.",
                                &[&fact.priority.as_str(), &issue.id, &issue.title, &by],
                            )
                        },
                    ),
                    (Some(stopped), Some(late)) if now - stopped <= Duration::days(1) => (
                        "missed",
                        l.f(
                            "{0} {1} “{2}”: the {3} target was missed by {4}.",
                            &[
                                &fact.priority.as_str(),
                                &issue.id,
                                &issue.title,
                                &l.t(clock),
                                &late,
                            ],
                        ),
                    ),
                    _ => continue,
                };
                out.push(Alert {
                    key: format!("{base}:{state}"),
                    line: l.tidy(format!("{said} {who}")),
                });
            }
        }
    }
    let today = now.date_naive();
    // A card's alert: what is wrong, then who answers for it.
    let said = |key: String, what: String, t: &Task| Alert {
        key,
        line: l.tidy(format!("{what} {}", owner(board.speaker_of(t)))),
    };
    for task in board.tasks_by_column().into_iter().flatten() {
        if board.is_finished(task) {
            continue;
        }
        if rules.overdue
            && let Some(due) = task.due.filter(|d| *d < today)
        {
            let late = (today - due).num_days();
            out.push(said(
                format!("overdue:{}:{due}", task.id),
                l.f(
                    "{0} “{1}” is overdue: due {2}, {3} day(s) ago.",
                    &[&task.id, &task.title, &due, &late],
                ),
                task,
            ));
        }
        let first = board.columns.first().is_some_and(|c| c.id == task.column);
        if rules.ready && first && !task.depends_on.is_empty() && board.waits_on(task).is_empty() {
            let deps: Vec<String> = task.depends_on.iter().map(|d| d.to_string()).collect();
            out.push(said(
                format!("ready:{}:{}", task.id, deps.join(",")),
                l.f(
                    "{0} “{1}” can start: {2} finished.",
                    &[&task.id, &task.title, &deps.join(", ")],
                ),
                task,
            ));
        }
        if rules.stale
            && let Some(blocked) = &task.blocked
            && now - task.updated >= Duration::days(i64::from(rules.stale_days))
        {
            let days = (now - task.updated).num_days();
            out.push(said(
                format!("stale:{}:{}", task.id, stamp(&blocked.since)),
                l.f(
                    "{0} “{1}” has been blocked with no update for {2} days: {3}.",
                    &[&task.id, &task.title, &days, &blocked.reason],
                ),
                task,
            ));
        }
    }
    out
}

/// The alert keys already sent to `target`, as the board's log has them.
pub fn sent(board: &Board, target: &str) -> std::collections::HashSet<String> {
    let prefix = format!("{target}:");
    board
        .log
        .iter()
        .filter(|e| e.what == Event::Alert)
        .filter_map(|e| e.to.as_deref()?.strip_prefix(&prefix).map(str::to_string))
        .collect()
}
