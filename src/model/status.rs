//! What a lead sees at a glance: overdue, blocked, age in column, and the
//! board's alert counts. Derived from the records and the log, never stored.

use chrono::NaiveDate;

use super::board::{Board, Task};
use super::ids::TaskId;
use super::time::Timestamp;

impl Board {
    /// Due date passed and not finished (延期).
    pub fn is_overdue(&self, task: &Task, today: NaiveDate) -> bool {
        task.due.is_some_and(|due| due < today) && !self.is_finished(task)
    }

    /// The unfinished tasks this one waits on.
    pub fn waits_on(&self, task: &Task) -> Vec<TaskId> {
        task.depends_on
            .iter()
            .copied()
            .filter(|id| self.tasks.get(id).is_some_and(|dep| !self.is_finished(dep)))
            .collect()
    }

    /// Flagged as blocked, or waiting on an unfinished task.
    pub fn is_blocked(&self, task: &Task) -> bool {
        task.blocked.is_some() || !self.waits_on(task).is_empty()
    }

    /// The board's alert counts at `now`.
    pub fn alerts(&self, now: Timestamp) -> Alerts {
        let raci_errors = super::raci::error_count(self);
        Alerts {
            raci_errors,
            ..self.alerts_but_raci(now)
        }
    }

    /// [`Board::alerts`] without the RACI errors, for a caller that keeps
    /// the rules per task already (the TUI's view) and counts them itself.
    pub fn alerts_but_raci(&self, now: Timestamp) -> Alerts {
        let today = now.date_naive();
        let mut alerts = Alerts::default();
        for task in self.tasks.values() {
            if self.is_overdue(task, today) {
                alerts.overdue += 1;
            }
            if !self.is_finished(task) && self.is_blocked(task) {
                alerts.blocked += 1;
            }
        }
        alerts.breached = self.breached_count(now);
        alerts
    }

    /// How many issues have a clock past its deadline at `now`.
    pub fn breached_count(&self, now: Timestamp) -> usize {
        self.issues
            .values()
            .filter(|i| i.sla(&self.settings.sla, now).breached)
            .count()
    }
}

/// Counts for the header: what needs attention today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Alerts {
    pub overdue: usize,
    pub blocked: usize,
    pub breached: usize,
    /// RACI rule errors (a task with no A, two A, no R): what `standup
    /// check` and `raci check` fail on is an alert too.
    pub raci_errors: usize,
}
