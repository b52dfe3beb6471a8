//! The weekly report: where each party's work stands at the end of a week,
//! what slipped and why, the problems of the week and how work flowed. Built
//! from the board at a moment (pure: no clock, no files), then written as
//! Markdown ([`super::week_markdown`]) or JSON (the [`WeekReport`] as is).
//!
//! A past week is reported from the board as it stood at the week's end,
//! read back from the activity log ([`Board::as_of`]): nothing that
//! happened later shows, and every change of the week is listed.

use std::collections::HashMap;

use crate::i18n::Lang;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::changes::{self, ChangeLine, Miss, Slip};
use crate::model::board::Risk;
use crate::model::flow::{Percentiles, day_start, week_start};
use crate::model::standup::Stop;
use crate::model::time::format_timestamp;
use crate::model::wording::Reported;
use crate::model::{Board, Issue, IssueId, Task, TaskId, Timestamp};

/// Throughput is shown for this many weeks, the report's week last.
const TREND_WEEKS: u32 = 4;

/// See the module docs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekReport {
    pub board: String,
    /// ISO week, `2026-W48`.
    pub week: String,
    /// First and last day of the week.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The moment the report describes: the end of the week, or now while
    /// it runs.
    pub at: String,
    /// The week is over: `at` is its end.
    pub over: bool,
    /// Per party (then cards nobody owns), those with something to report.
    pub parties: Vec<PartyWeek>,
    pub problems: Problems,
    /// Cards whose due date moved later in the week.
    pub deadline_slips: Vec<Slip>,
    /// SLA targets missed in the week.
    pub sla_misses: Vec<Miss>,
    pub raci_errors: Vec<super::RaciError>,
    pub flow: FlowFigures,
    /// Every change of the week, by record, in words.
    pub changes: Vec<ChangeLine>,
}

/// One party's week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyWeek {
    /// A party code; `null` for cards with no owner.
    pub party: Option<String>,
    pub name: String,
    pub finished: Vec<FinishedCard>,
    /// Started, neither late nor at risk.
    pub in_progress: Vec<InProgress>,
    pub delayed: Vec<Delayed>,
    pub at_risk: Vec<AtRisk>,
    pub due_next_week: Vec<DueCard>,
}

impl PartyWeek {
    fn is_empty(&self) -> bool {
        self.finished.is_empty()
            && self.in_progress.is_empty()
            && self.delayed.is_empty()
            && self.at_risk.is_empty()
            && self.due_next_week.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinishedCard {
    pub task: TaskId,
    pub title: String,
    pub finished: String,
    /// Started to finished, in days to a tenth.
    pub cycle_days: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InProgress {
    pub task: TaskId,
    pub title: String,
    pub column: String,
    /// Since it started, in days to a tenth.
    pub age_days: f64,
    pub due: Option<NaiveDate>,
}

/// A card past its due date, with what holds it up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delayed {
    pub task: TaskId,
    pub title: String,
    pub column: String,
    pub due: NaiveDate,
    pub days_late: i64,
    /// The block's reason, the cards it waits on, its open issues; or that
    /// nobody said.
    pub reasons: Vec<String>,
}

/// A card not late yet, with why it may be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtRisk {
    pub task: TaskId,
    pub title: String,
    pub column: String,
    pub due: Option<NaiveDate>,
    pub why: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueCard {
    pub task: TaskId,
    pub title: String,
    pub column: String,
    pub due: NaiveDate,
}

/// The week's problems.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problems {
    pub raised: Vec<ProblemLine>,
    pub resolved: Vec<ProblemLine>,
    /// Running past a deadline at the report's moment, or resolved in the
    /// week after their resolve-by.
    pub breached: Vec<ProblemLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemLine {
    pub id: IssueId,
    pub title: String,
    pub priority: &'static str,
    pub status: &'static str,
    pub owner: Option<String>,
    pub resolve_by: String,
    pub resolution: String,
}

/// How work flowed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowFigures {
    /// Cards finished in the week.
    pub throughput: usize,
    /// Of the cards finished in the week, in days to a tenth.
    pub median_cycle_days: Option<f64>,
    pub p85_cycle_days: Option<f64>,
    /// Cards finished per week, the report's week last.
    pub trend: Vec<WeekCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekCount {
    pub week: NaiveDate,
    pub finished: usize,
}

fn days(d: Duration) -> f64 {
    (d.num_minutes() as f64 / 144.0).round() / 10.0
}

/// The report of the week `date` is in (weeks starting on `first_day`), as
/// of `now` (or that week's end, when it is over).
pub fn week(
    board: &Board,
    date: NaiveDate,
    now: Timestamp,
    first_day: Weekday,
    l: Lang,
) -> Result<WeekReport, super::ReportError> {
    let from = week_start(date, first_day);
    let to = from + Duration::days(6);
    let start = day_start(from, now);
    let end = day_start(from + Duration::weeks(1), now);
    let at = now.min(end);
    let then = board.as_of(at)?;
    let board: &Board = &then;
    let today = at.date_naive();
    let in_week = |t: Timestamp| t >= start && t < end && t <= at;

    let paths = board.paths();
    let finishes = board.finishes(&paths);
    let first = board.columns.first().map_or("", |c| c.id.as_str());
    let started = |id: TaskId| paths.get(&id).and_then(|p| p.started(first));
    let weekly: Vec<_> = finishes.iter().filter(|f| in_week(f.finished)).collect();

    // Each party's cards in board order, sorted out in one pass.
    let mut by_speaker: HashMap<Option<&str>, Vec<&Task>> = HashMap::new();
    for task in board.tasks_by_column().into_iter().flatten() {
        by_speaker
            .entry(board.speaker_of(task))
            .or_default()
            .push(task);
    }
    // Each card's open issues, found once rather than per late card.
    let mut linked: HashMap<TaskId, Vec<&Issue>> = HashMap::new();
    for issue in board.issues.values().filter(|i| i.status.is_active()) {
        if let Some(task) = issue.task {
            linked.entry(task).or_default().push(issue);
        }
    }
    let parties = board
        .parties
        .iter()
        .map(|p| Stop::Party(p.code.clone()))
        .chain([Stop::Unowned])
        .map(|stop| {
            let speaker = match &stop {
                Stop::Party(code) => Some(code.as_str()),
                _ => None,
            };
            let ours: &[&Task] = by_speaker.get(&speaker).map_or(&[], Vec::as_slice);
            let column = |t: &Task| board.column_name(&t.column).to_string();
            let mut finished: Vec<FinishedCard> = weekly
                .iter()
                .filter_map(|f| {
                    let task = board.tasks.get(&f.task)?;
                    board.task_is_for(task, &stop).then(|| FinishedCard {
                        task: f.task,
                        title: task.title.clone(),
                        finished: format_timestamp(&f.finished),
                        cycle_days: days(f.cycle()),
                    })
                })
                .collect();
            finished.sort_by(|a, b| a.finished.cmp(&b.finished).then(a.task.cmp(&b.task)));
            let next_from = to + Duration::days(1);
            let next_to = to + Duration::days(7);
            let unfinished: Vec<&Task> = ours
                .iter()
                .copied()
                .filter(|t| !board.is_finished(t))
                .collect();
            // Each unfinished card in one section: late, else at risk,
            // else in progress (once started).
            let (mut delayed, mut at_risk, mut in_progress) = (Vec::new(), Vec::new(), Vec::new());
            for t in &unfinished {
                if let Some(due) = t.due.filter(|_| board.is_overdue(t, today)) {
                    delayed.push(Delayed {
                        task: t.id,
                        title: t.title.clone(),
                        column: column(t),
                        due,
                        days_late: (today - due).num_days(),
                        reasons: reasons(board, t, linked.get(&t.id), l),
                    });
                    continue;
                }
                let why = risks(board, t, today, next_to, l);
                if !why.is_empty() {
                    at_risk.push(AtRisk {
                        task: t.id,
                        title: t.title.clone(),
                        column: column(t),
                        due: t.due,
                        why,
                    });
                } else if let Some(since) = started(t.id).filter(|s| *s <= at) {
                    in_progress.push(InProgress {
                        task: t.id,
                        title: t.title.clone(),
                        column: column(t),
                        age_days: days(at - since),
                        due: t.due,
                    });
                }
            }
            let mut due_next_week: Vec<DueCard> = unfinished
                .iter()
                .filter_map(|t| {
                    let due = t.due.filter(|d| *d >= next_from && *d <= next_to)?;
                    Some(DueCard {
                        task: t.id,
                        title: t.title.clone(),
                        column: column(t),
                        due,
                    })
                })
                .collect();
            due_next_week.sort_by_key(|c| (c.due, c.task));
            PartyWeek {
                party: match &stop {
                    Stop::Party(code) => Some(code.clone()),
                    _ => None,
                },
                name: stop.label(board, l),
                finished,
                in_progress,
                delayed,
                at_risk,
                due_next_week,
            }
        })
        .filter(|p| !p.is_empty())
        .collect();

    let line = |issue: &Issue| problem_line(board, issue, at);
    let raised = board
        .issues
        .values()
        .filter(|i| in_week(i.opened))
        .map(line)
        .collect();
    let resolved = board
        .issues
        .values()
        .filter(|i| i.resolved.is_some_and(in_week))
        .map(line)
        .collect();
    let breached = board
        .issues
        .values()
        .filter(|i| {
            let sla = i.sla(&board.settings.sla, at);
            let late = i.resolved.is_some_and(|r| in_week(r) && r > sla.resolve_by);
            (i.opened <= at && sla.breached) || late
        })
        .map(line)
        .collect();

    let raci_errors = super::raci_errors(board, l);

    let cycles = Percentiles::of(weekly.iter().map(|f| f.cycle()).collect());
    let trend = (0..TREND_WEEKS)
        .rev()
        .map(|back| {
            let week = from - Duration::weeks(i64::from(back));
            let (a, b) = (
                day_start(week, now),
                day_start(week + Duration::weeks(1), now),
            );
            WeekCount {
                week,
                finished: finishes
                    .iter()
                    .filter(|f| f.finished >= a && f.finished < b && f.finished <= at)
                    .count(),
            }
        })
        .collect();
    let iso = from.iso_week();
    let window = start - Duration::seconds(1);
    Ok(WeekReport {
        board: board.name.clone(),
        week: format!("{}-W{:02}", iso.year(), iso.week()),
        from,
        to,
        at: format_timestamp(&at),
        over: at == end,
        parties,
        problems: Problems {
            raised,
            resolved,
            breached,
        },
        deadline_slips: changes::slips(board, window, at),
        sla_misses: changes::misses(board, window, at),
        raci_errors,
        flow: FlowFigures {
            throughput: weekly.len(),
            median_cycle_days: cycles.map(|p| days(p.p50)),
            p85_cycle_days: cycles.map(|p| days(p.p85)),
            trend,
        },
        changes: changes::lines(board, window, at, &|_| Reported::default(), l),
    })
}

/// Why a late card is late, as the board tells it.
fn reasons(board: &Board, task: &Task, issues: Option<&Vec<&Issue>>, l: Lang) -> Vec<String> {
    let mut reasons = Vec::new();
    if let Some(b) = &task.blocked {
        reasons.push(l.f("blocked: {0}", &[&b.reason]));
    }
    let waits = board.waits_on(task);
    if !waits.is_empty() {
        let ids: Vec<String> = waits.iter().map(|t| t.to_string()).collect();
        reasons.push(l.f("waits on {0}", &[&ids.join(", ")]));
    }
    for issue in issues.into_iter().flatten() {
        reasons.push(l.f("issue {0}: {1}", &[&issue.id, &issue.title]));
    }
    if reasons.is_empty() {
        reasons.push(l.t("no reason recorded").into());
    }
    reasons
}

/// Why a card that is not late may become so by `horizon`.
fn risks(board: &Board, task: &Task, today: NaiveDate, horizon: NaiveDate, l: Lang) -> Vec<String> {
    let mut why = Vec::new();
    if task.risk == Some(Risk::High) {
        why.push(l.t("high risk").to_string());
    }
    let due_soon = task.due.is_some_and(|d| d <= horizon);
    if due_soon && board.is_blocked(task) {
        why.push(l.t("blocked with its due date close").to_string());
    }
    let first = board.columns.first().map(|c| c.id.as_str());
    if task.due.is_some_and(|d| d <= today + Duration::days(2))
        && Some(task.column.as_str()) == first
    {
        why.push(l.t("due within two days and not started").to_string());
    }
    why
}

fn problem_line(board: &Board, issue: &Issue, at: Timestamp) -> ProblemLine {
    let sla = issue.sla(&board.settings.sla, at);
    ProblemLine {
        id: issue.id,
        title: issue.title.clone(),
        priority: sla.priority.as_str(),
        status: issue.status.as_str(),
        owner: issue
            .owner
            .as_deref()
            .map(|c| board.party_name(c).to_string()),
        resolve_by: format_timestamp(&sla.resolve_by),
        resolution: issue.resolution.clone(),
    }
}
