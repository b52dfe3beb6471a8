//! Undo and redo without copying the board.
//!
//! A [`Patch`] holds the before-image of only the records one action touched,
//! plus where the log stood. Restoring a patch swaps those records back and
//! returns the inverse patch, so undo produces redo and redo produces undo.
//! Memory per change is the size of what changed, whatever the board's size.

use std::mem;

use super::board::{Board, Column, HighWater, Issue, LogEntry, Party, StandupRecord, Task};
use super::conflict::Conflict;
use super::ids::{IssueId, TaskId};
use super::settings::Settings;

/// The before-image of one change; see the module docs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patch {
    pub(crate) tasks: Vec<(TaskId, Option<Task>)>,
    pub(crate) issues: Vec<(IssueId, Option<Issue>)>,
    pub(crate) parties: Option<Vec<Party>>,
    pub(crate) columns: Option<Vec<Column>>,
    pub(crate) info: Option<(String, String)>,
    pub(crate) settings: Option<Box<Settings>>,
    pub(crate) standups: Option<Vec<StandupRecord>>,
    pub(crate) conflicts: Option<Vec<Conflict>>,
    pub(crate) log_len: usize,
    pub(crate) log_tail: Vec<LogEntry>,
    pub(crate) high_water: HighWater,
}

impl Patch {
    /// A patch that would change nothing on `board` as it is now.
    pub(crate) fn empty_for(board: &Board) -> Patch {
        Patch {
            log_len: board.log.len(),
            high_water: board.high_water,
            ..Patch::default()
        }
    }

    /// True when restoring it leaves the board as it is (no record touched,
    /// the log where it was).
    pub fn is_noop(&self, board: &Board) -> bool {
        self.tasks.is_empty()
            && self.issues.is_empty()
            && self.parties.is_none()
            && self.columns.is_none()
            && self.info.is_none()
            && self.settings.is_none()
            && self.standups.is_none()
            && self.conflicts.is_none()
            && self.log_tail.is_empty()
            && self.log_len == board.log.len()
            && self.high_water == board.high_water
    }

    /// The touched tasks as they were before the change this patch undoes
    /// (`None`: the task did not exist).
    pub fn tasks_before(&self) -> &[(TaskId, Option<Task>)] {
        &self.tasks
    }

    /// The issues this patch restores, each with the value it restores
    /// (`None`: the issue did not exist).
    pub fn issues_before(&self) -> &[(IssueId, Option<Issue>)] {
        &self.issues
    }

    /// Where restoring this patch cuts the log, and the entries it puts
    /// back after the cut. For the patch a change returns (to undo it),
    /// read the other way: where the change cut the log and what it took
    /// off; the entries after the cut are what it appended.
    pub fn log_cut(&self) -> (usize, &[LogEntry]) {
        (self.log_len, &self.log_tail)
    }

    /// Whether the change touched any issue.
    pub fn touches_issues(&self) -> bool {
        !self.issues.is_empty()
    }

    /// Whether the change reached beyond tasks and issues: parties, columns
    /// or settings, which everything derived from the board may depend on.
    pub fn is_wide(&self) -> bool {
        self.parties.is_some() || self.columns.is_some() || self.settings.is_some()
    }

    /// How many records this patch holds a copy of.
    pub fn records(&self) -> usize {
        self.tasks.len()
            + self.issues.len()
            + self.parties.as_ref().map_or(0, Vec::len)
            + self.columns.as_ref().map_or(0, Vec::len)
            + self.log_tail.len()
    }

    /// The ids of the tasks this patch touches: a UI keeps its selection on them.
    pub fn task_ids(&self) -> impl Iterator<Item = TaskId> + '_ {
        self.tasks.iter().map(|(id, _)| *id)
    }
}

impl Board {
    /// Puts back what `patch` recorded and returns the patch that undoes this.
    pub fn restore(&mut self, patch: Patch) -> Patch {
        let keep = patch.log_len.min(self.log.len());
        let mut inverse = Patch {
            log_len: keep,
            high_water: self.high_water,
            ..Patch::default()
        };
        // Records are restored in reverse order of first touch, so that the
        // inverse lists them in the order the original change made them.
        for (id, before) in patch.tasks.into_iter().rev() {
            let now = match before {
                Some(task) => self.tasks.insert(id, task),
                None => self.tasks.remove(&id),
            };
            inverse.tasks.push((id, now));
        }
        inverse.tasks.reverse();
        let touched: Vec<TaskId> = inverse.task_ids().collect();
        self.reindex_tasks(touched);
        for (id, before) in patch.issues.into_iter().rev() {
            let now = match before {
                Some(issue) => self.issues.insert(id, issue),
                None => self.issues.remove(&id),
            };
            inverse.issues.push((id, now));
        }
        inverse.issues.reverse();
        if let Some(parties) = patch.parties {
            inverse.parties = Some(mem::replace(&mut self.parties, parties));
        }
        if let Some(columns) = patch.columns {
            inverse.columns = Some(mem::replace(&mut self.columns, columns));
        }
        if let Some((name, goal)) = patch.info {
            let old_name = mem::replace(&mut self.name, name);
            let old_goal = mem::replace(&mut self.goal, goal);
            inverse.info = Some((old_name, old_goal));
        }
        if let Some(settings) = patch.settings {
            inverse.settings = Some(Box::new(mem::replace(&mut self.settings, *settings)));
        }
        if let Some(standups) = patch.standups {
            inverse.standups = Some(mem::replace(&mut self.standups, standups));
        }
        if let Some(conflicts) = patch.conflicts {
            inverse.conflicts = Some(mem::replace(&mut self.conflicts, conflicts));
        }
        inverse.log_tail = self.log.split_off(keep);
        self.log.extend(patch.log_tail);
        self.high_water = patch.high_water;
        inverse
    }
}
