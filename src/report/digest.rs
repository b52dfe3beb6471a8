//! The daily digest a lead posts to the cross-department group before
//! the day ends: per department what was done today, what is in progress,
//! what is blocked and what help it needs, what is due tomorrow; then the
//! open P1 and P2 problems.

use std::fmt::Write;

use chrono::Duration;

use super::markdown::{clean, push_line};
use crate::i18n::Locale;
use crate::model::standup::Stop;
use crate::model::triage::Priority;
use crate::model::{Board, Task, Timestamp};

/// How many cards of one kind a department's lines name before counting.
const NAMED: usize = 8;

fn cards(tasks: &[&Task], l: &Locale) -> String {
    let mut named: Vec<String> = tasks
        .iter()
        .take(NAMED)
        .map(|t| format!("{} {}", t.id, clean(&t.title)))
        .collect();
    if tasks.len() > NAMED {
        named.push(l.f("{0} more", &[&(tasks.len() - NAMED)]));
    }
    named.join(l.lang.punct("; "))
}

/// The digest of `board` at `now`, as Markdown in `l`.
pub fn digest(board: &Board, now: Timestamp, l: &Locale) -> String {
    let today = now.date_naive();
    let tomorrow = today + Duration::days(1);
    let mut out = String::new();
    let name = if board.name.is_empty() {
        String::new()
    } else {
        format!(" — {}", clean(&board.name))
    };
    push_line(
        &mut out,
        &l.f("# Daily digest{0} — {1}", &[&name, &l.day_short(today)]),
    );
    let stops = board
        .parties
        .iter()
        .map(|p| Stop::Party(p.code.clone()))
        .chain([Stop::Unowned]);
    let all: Vec<&Task> = board.tasks_by_column().into_iter().flatten().collect();
    let mut any = false;
    for stop in stops {
        let ours: Vec<&Task> = all
            .iter()
            .copied()
            .filter(|t| board.task_is_for(t, &stop))
            .collect();
        let done: Vec<&Task> = ours
            .iter()
            .copied()
            .filter(|t| board.is_finished(t) && t.finished.is_some_and(|f| f.date_naive() == today))
            .collect();
        let open: Vec<&Task> = ours
            .iter()
            .copied()
            .filter(|t| !board.is_finished(t))
            .collect();
        let first = board.columns.first().map(|c| c.id.as_str());
        let doing: Vec<&Task> = open
            .iter()
            .copied()
            .filter(|t| Some(t.column.as_str()) != first && !board.is_blocked(t))
            .collect();
        let blocked: Vec<&Task> = open
            .iter()
            .copied()
            .filter(|t| board.is_blocked(t))
            .collect();
        let due: Vec<&Task> = open
            .iter()
            .copied()
            .filter(|t| t.due == Some(tomorrow))
            .collect();
        if done.is_empty() && doing.is_empty() && blocked.is_empty() && due.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(out, "\n## {}", clean(&stop.label(board, l.lang)));
        if !done.is_empty() {
            push_line(&mut out, &l.f("- Done today: {0}", &[&cards(&done, l)]));
        }
        if !doing.is_empty() {
            push_line(
                &mut out,
                &l.f(
                    "- In progress ({0}): {1}",
                    &[&doing.len(), &cards(&doing, l)],
                ),
            );
        }
        for t in &blocked {
            let why = t.blocked.as_ref().map_or_else(
                || {
                    let waits: Vec<String> =
                        board.waits_on(t).iter().map(|d| d.to_string()).collect();
                    l.f("waits on {0}", &[&waits.join(", ")])
                },
                |b| clean(&b.reason),
            );
            let help: Vec<String> = board
                .issues
                .values()
                .filter(|i| i.task == Some(t.id) && i.status.is_active() && !i.support.is_empty())
                .map(|i| clean(&i.support))
                .collect();
            let mut line = l.f("- Blocked: {0} {1} — {2}", &[&t.id, &clean(&t.title), &why]);
            if !help.is_empty() {
                line.push_str(&l.f(". Help needed: {0}", &[&help.join("; ")]));
            }
            push_line(&mut out, &line);
        }
        if !due.is_empty() {
            push_line(&mut out, &l.f("- Due tomorrow: {0}", &[&cards(&due, l)]));
        }
    }
    if !any {
        push_line(
            &mut out,
            &format!(
                "\n{}",
                l.t("Nothing done, in progress, blocked or due tomorrow.")
            ),
        );
    }
    let urgent: Vec<_> = board
        .issues_by_urgency(now)
        .into_iter()
        .filter(|i| matches!(i.priority(), Priority::P1 | Priority::P2))
        .collect();
    let _ = writeln!(out, "\n## {}", l.t("Open P1 and P2 problems"));
    if urgent.is_empty() {
        push_line(&mut out, l.t("None."));
    }
    for issue in urgent {
        let owner = issue.owner.as_deref().map_or_else(
            || l.t("no owner").to_string(),
            |o| clean(board.party_name(o)),
        );
        let (clock, _) = board.clock(issue, now, l.lang);
        let mut line = format!(
            "- {} {} {} — {owner}{}{clock}",
            issue.priority().as_str(),
            issue.id,
            clean(&issue.title),
            l.lang.punct(", ")
        );
        if !issue.support.is_empty() {
            line.push_str(&l.f(". Help needed: {0}", &[&clean(&issue.support)]));
        }
        push_line(&mut out, &line);
    }
    out
}
