//! What the panes draw from, derived from the board once per change instead
//! of once per frame: the cards each column shows (filtered, grouped into
//! lanes), ages, RACI problems, loads and the issue order.

use std::collections::HashMap;

use crate::model::raci::{self, Load, Rule, Severity};
use crate::model::since::SinceTally;
use crate::model::sla::SlaIndex;
use crate::model::standup::SinceSummary;
use crate::model::status::Alerts;
use crate::model::triage::{self, Metrics};
use crate::model::{Board, IssueId, Patch, Priority, TaskFilter, TaskId, Timestamp};

/// One swimlane: the cards of one owner (or of nobody), per column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lane {
    /// A party code; `None` for cards without an owner.
    pub owner: Option<String>,
    pub columns: Vec<Vec<TaskId>>,
    /// Cards of this owner in neither the first nor the last column (all
    /// of them, whatever the filter hides).
    pub in_progress: usize,
}

impl Lane {
    /// Card rows the lane needs: its fullest column.
    pub fn depth(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// See the module docs.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Each column's visible cards in order (in lanes mode: lane by lane).
    pub columns: Vec<Vec<TaskId>>,
    /// Each column's card count, filter or not: WIP stays true.
    pub counts: Vec<usize>,
    /// The swimlanes, when the board is grouped by owner.
    pub lanes: Option<Vec<Lane>>,
    /// RACI rows: the tasks that pass the filter, in id order.
    pub raci_rows: Vec<TaskId>,
    /// Every task's broken rules (filtered or not: the summary counts them all).
    pub raci_rules: HashMap<TaskId, Vec<Rule>>,
    pub loads: Vec<(String, Load)>,
    /// Issues: active first, by priority, then nearest deadline.
    pub issues: Vec<IssueId>,
    pub alerts: Alerts,
    /// The queue's 30-day metrics for its footer.
    pub metrics: Metrics,
    /// What happened since the last standup, for the header.
    pub since: Option<SinceSummary>,
    /// What `since` was counted from, for the next change to follow.
    tally: Option<SinceTally>,
    /// Where each issue's log entries stand, updated with what each change
    /// logged, so that a row's SLA clock reads its own entries only.
    pub sla: SlaIndex,
    /// For the RACI summary line: tasks with any role, and the rules
    /// broken on tasks (errors, warnings), counted once per change rather
    /// than on every frame.
    pub planned: usize,
    pub rule_errors: usize,
    pub rule_warnings: usize,
}

impl View {
    /// The view after a change whose undo patch is `before`: the RACI rules
    /// and party loads are updated from the tasks it touched; so is the
    /// rest without a filter or lanes (see [`update`](Self::update)), else
    /// it is laid out again. A change to parties, columns or settings
    /// rebuilds it all.
    pub fn after_change(
        &mut self,
        board: &Board,
        now: Timestamp,
        filter: &TaskFilter,
        lanes: bool,
        before: &Patch,
    ) {
        if before.is_wide() {
            *self = View::build(board, now, filter, lanes);
            return;
        }
        let mut rules = std::mem::take(&mut self.raci_rules);
        let mut loads = std::mem::take(&mut self.loads);
        let at: HashMap<String, usize> = loads
            .iter()
            .enumerate()
            .map(|(i, (code, _))| (code.clone(), i))
            .collect();
        let mut count = |task: &crate::model::Task, sign: i64| {
            for (code, role) in &task.raci {
                if let Some(i) = at.get(code) {
                    loads[*i].1.add(*role, sign);
                }
            }
        };
        let mut counts = Counts::default();
        for (id, old) in before.tasks_before() {
            let finished = |task: Option<&crate::model::Task>| task.map(|t| board.is_finished(t));
            counts.finishing |= finished(old.as_ref()) != finished(board.tasks.get(id));
            if let Some(old) = old {
                count(old, -1);
                counts.task(board, old, now, -1);
            }
            if let Some(gone) = rules.remove(id) {
                counts.rules(&gone, -1);
            }
            if let Some(task) = board.tasks.get(id) {
                count(task, 1);
                counts.task(board, task, now, 1);
                let broken = raci::task_rules(task, &board.settings.raci);
                if !broken.is_empty() {
                    counts.rules(&broken, 1);
                    rules.insert(*id, broken);
                }
            }
        }
        let sla = std::mem::take(&mut self.sla);
        if filter.is_empty() && !lanes {
            self.raci_rules = rules;
            self.loads = loads;
            self.sla = sla;
            self.update(board, now, before, counts);
        } else {
            *self = View::assemble(board, now, filter, lanes, rules, loads, sla);
        }
    }

    /// Brings an unfiltered view without lanes up to date after a change
    /// that touched the tasks and issues of `before`, by what it touched:
    /// the columns it moved cards in or out of, the rows it added or
    /// removed, the counts by the difference it made. A key that changes
    /// one card costs the same on a board of 100,000 as of 1,000 (but for
    /// the issues' order and the since-standup summary, worked out again
    /// when issues or the log changed).
    fn update(&mut self, board: &Board, now: Timestamp, before: &Patch, counts: Counts) {
        let mut columns: Vec<usize> = Vec::new();
        for (id, old) in before.tasks_before() {
            let was = old.as_ref().map(|t| t.column.as_str());
            let is = board.tasks.get(id).map(|t| t.column.as_str());
            for column in [was, is].into_iter().flatten() {
                if let Some(c) = board.column_index(column) {
                    columns.push(c);
                }
            }
            match (self.raci_rows.binary_search(id), is.is_some()) {
                (Ok(i), false) => {
                    self.raci_rows.remove(i);
                }
                (Err(i), true) => self.raci_rows.insert(i, *id),
                _ => {}
            }
        }
        columns.sort_unstable();
        columns.dedup();
        for c in columns {
            if let (Some(column), Some(shown)) = (board.columns.get(c), self.columns.get_mut(c)) {
                shown.clear();
                shown.extend(board.column_ids(&column.id));
                self.counts[c] = shown.len();
            }
        }
        let apply = |n: &mut usize, by: i64| *n = n.saturating_add_signed(by as isize);
        apply(&mut self.planned, counts.planned);
        apply(&mut self.rule_errors, counts.errors);
        apply(&mut self.rule_warnings, counts.warnings);
        self.alerts.raci_errors = self.rule_errors;
        apply(&mut self.alerts.overdue, counts.overdue);
        if counts.finishing {
            // A card finished, unfinished, added or deleted may have
            // blocked or freed the cards that wait on it.
            apply(&mut self.alerts.blocked, blocked_change(board, before));
        } else {
            apply(&mut self.alerts.blocked, counts.blocked);
        }
        if before.touches_issues() {
            self.issues = issue_order(board, now);
            self.metrics = triage::metrics(board, now);
            self.alerts.breached = board.breached_count(now);
        }
        self.sla.update(board);
        let tally = match self.tally.take() {
            Some(mut tally) => {
                let (cut, removed) = before.log_cut();
                tally.follow(board, now, cut, removed);
                tally
            }
            None => SinceTally::new(board, now),
        };
        let mut since = tally.summary();
        self.tally = Some(tally);
        since.breached = match self.since {
            Some(was) if was.since == since.since && !before.touches_issues() => was.breached,
            _ => board.breached_since(since.since.from, now),
        };
        self.since = Some(since);
    }

    pub fn build(board: &Board, now: Timestamp, filter: &TaskFilter, lanes: bool) -> View {
        let rules = board
            .tasks
            .values()
            .map(|t| (t.id, raci::task_rules(t, &board.settings.raci)))
            .filter(|(_, rules)| !rules.is_empty())
            .collect();
        View::assemble(
            board,
            now,
            filter,
            lanes,
            rules,
            raci::loads(board),
            SlaIndex::default(),
        )
    }

    /// The view of the same board under another filter or with lanes on
    /// or off: the RACI rules, loads and SLA index, which neither changes,
    /// are kept (a full build works them out for every card).
    pub fn relaid(self, board: &Board, now: Timestamp, filter: &TaskFilter, lanes: bool) -> View {
        View::assemble(
            board,
            now,
            filter,
            lanes,
            self.raci_rules,
            self.loads,
            self.sla,
        )
    }

    /// Everything but the RACI rules and loads, built from the board.
    fn assemble(
        board: &Board,
        now: Timestamp,
        filter: &TaskFilter,
        lanes: bool,
        raci_rules: HashMap<TaskId, Vec<Rule>>,
        loads: Vec<(String, Load)>,
        mut sla: SlaIndex,
    ) -> View {
        let today = now.date_naive();
        let by_column = board.tasks_by_column();
        let counts = by_column.iter().map(Vec::len).collect();
        let visible: Vec<Vec<TaskId>> = by_column
            .iter()
            .map(|col| {
                col.iter()
                    .filter(|t| filter.is_empty() || filter.matches(board, t, today))
                    .map(|t| t.id)
                    .collect()
            })
            .collect();
        let (columns, lanes) = if lanes {
            let lanes = swimlanes(board, &visible);
            let columns = (0..visible.len())
                .map(|c| {
                    lanes
                        .iter()
                        .flat_map(|l| l.columns[c].iter().copied())
                        .collect()
                })
                .collect();
            (columns, Some(lanes))
        } else {
            (visible, None)
        };
        let raci_rows: Vec<TaskId> = board
            .tasks
            .values()
            .filter(|t| filter.is_empty() || filter.matches(board, t, today))
            .map(|t| t.id)
            .collect();
        sla.update(board);
        let tally = SinceTally::new(board, now);
        // The RACI errors from the rules kept per task, not a second check.
        let raci_errors = raci_rules
            .values()
            .flatten()
            .filter(|r| r.severity() == Severity::Error)
            .count();
        let rule_warnings = raci_rules.values().map(Vec::len).sum::<usize>() - raci_errors;
        let planned = board.tasks.values().filter(|t| !t.raci.is_empty()).count();
        View {
            columns,
            counts,
            lanes,
            raci_rows,
            raci_rules,
            loads,
            issues: issue_order(board, now),
            alerts: Alerts {
                raci_errors,
                ..board.alerts_but_raci(now)
            },
            metrics: triage::metrics(board, now),
            since: Some(SinceSummary {
                breached: board.breached_since(tally.summary().since.from, now),
                ..tally.summary()
            }),
            tally: Some(tally),
            sla,
            planned,
            rule_errors: raci_errors,
            rule_warnings,
        }
    }

    /// Where a card is shown: (column, index in the column).
    pub fn position_of(&self, id: TaskId) -> Option<(usize, usize)> {
        self.columns
            .iter()
            .enumerate()
            .find_map(|(c, cards)| cards.iter().position(|t| *t == id).map(|i| (c, i)))
    }

    /// In lanes mode, the lane a column's `index`-th card belongs to and its
    /// row within the lane.
    pub fn lane_of(&self, column: usize, index: usize) -> Option<(usize, usize)> {
        let lanes = self.lanes.as_ref()?;
        let mut skipped = 0;
        for (l, lane) in lanes.iter().enumerate() {
            let n = lane.columns.get(column).map_or(0, Vec::len);
            if index < skipped + n {
                return Some((l, index - skipped));
            }
            skipped += n;
        }
        None
    }
}

/// Issues: active first, by priority, then nearest deadline.
fn issue_order(board: &Board, now: Timestamp) -> Vec<IssueId> {
    let mut issues: Vec<(bool, Priority, Timestamp, IssueId)> = board
        .issues
        .values()
        .map(|i| {
            let sla = i.sla(&board.settings.sla, now);
            let deadline = sla.running.map_or(sla.resolve_by, |(_, by)| by);
            (!i.status.is_active(), sla.priority, deadline, i.id)
        })
        .collect();
    issues.sort();
    issues.into_iter().map(|(_, _, _, id)| id).collect()
}

/// How many more cards are blocked after a change that finished,
/// unfinished, added or deleted a card: among the cards it touched and
/// those waiting on such a card, each as it stood (its waits judged by how
/// the cards it waits on stood) and as it stands.
fn blocked_change(board: &Board, before: &Patch) -> i64 {
    use crate::model::Task;
    let then: HashMap<TaskId, Option<&Task>> = before
        .tasks_before()
        .iter()
        .map(|(id, old)| (*id, old.as_ref()))
        .collect();
    let unfinished = |task: Option<&Task>| task.is_some_and(|t| !board.is_finished(t));
    let unfinished_then = |id: &TaskId| match then.get(id) {
        Some(old) => unfinished(*old),
        None => unfinished(board.tasks.get(id)),
    };
    let changed: Vec<TaskId> = then
        .iter()
        .filter(|(id, old)| unfinished(**old) != unfinished(board.tasks.get(*id)))
        .map(|(id, _)| *id)
        .collect();
    let blocked_then = |task: &Task| {
        !board.is_finished(task)
            && (task.blocked.is_some() || task.depends_on.iter().any(unfinished_then))
    };
    let blocked_now = |task: &Task| !board.is_finished(task) && board.is_blocked(task);
    let mut change = 0;
    for (id, old) in &then {
        change -= i64::from(old.is_some_and(blocked_then));
        change += i64::from(board.tasks.get(id).is_some_and(blocked_now));
    }
    for task in board.tasks.values() {
        let waits = !task.depends_on.is_empty() && !then.contains_key(&task.id);
        if waits && task.depends_on.iter().any(|d| changed.contains(d)) {
            change += i64::from(blocked_now(task)) - i64::from(blocked_then(task));
        }
    }
    change
}

/// How a change moved the view's counts: each card it touched counted
/// out as it was and in as it is.
#[derive(Default)]
struct Counts {
    planned: i64,
    errors: i64,
    warnings: i64,
    overdue: i64,
    blocked: i64,
    /// A card touched was finished and is not, or the other way round, or
    /// it came or went: the cards waiting on it may have changed too.
    finishing: bool,
}

impl Counts {
    fn task(&mut self, board: &Board, task: &crate::model::Task, now: Timestamp, sign: i64) {
        let today = now.date_naive();
        let finished = board.is_finished(task);
        self.planned += sign * i64::from(!task.raci.is_empty());
        self.overdue += sign * i64::from(board.is_overdue(task, today));
        self.blocked += sign * i64::from(!finished && board.is_blocked(task));
    }

    fn rules(&mut self, rules: &[Rule], sign: i64) {
        let errors = rules
            .iter()
            .filter(|r| r.severity() == Severity::Error)
            .count() as i64;
        self.errors += sign * errors;
        self.warnings += sign * (rules.len() as i64 - errors);
    }
}

/// Lanes in the board's party order, then the cards without an owner.
/// Lanes with no visible card are left out.
fn swimlanes(board: &Board, visible: &[Vec<TaskId>]) -> Vec<Lane> {
    let ncols = board.columns.len();
    let mut owners: Vec<Option<String>> =
        board.parties.iter().map(|p| Some(p.code.clone())).collect();
    owners.push(None);
    let index: HashMap<Option<&str>, usize> = owners
        .iter()
        .enumerate()
        .map(|(i, o)| (o.as_deref(), i))
        .collect();
    let mut lanes: Vec<Lane> = owners
        .iter()
        .map(|owner| Lane {
            owner: owner.clone(),
            columns: vec![Vec::new(); ncols],
            in_progress: 0,
        })
        .collect();
    let none = lanes.len() - 1;
    for (c, cards) in visible.iter().enumerate() {
        for id in cards {
            let owner = board.tasks.get(id).and_then(|t| t.owner.as_deref());
            let lane = index.get(&owner).copied().unwrap_or(none);
            lanes[lane].columns[c].push(*id);
        }
    }
    let last = ncols.saturating_sub(1);
    for task in board.tasks.values() {
        let c = board.column_index(&task.column).unwrap_or(0);
        if c != 0 && c != last {
            let lane = index.get(&task.owner.as_deref()).copied().unwrap_or(none);
            lanes[lane].in_progress += 1;
        }
    }
    lanes.retain(|l| l.depth() > 0);
    lanes
}
