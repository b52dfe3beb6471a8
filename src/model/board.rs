//! The board: its records by id, its settings and log, and what it can
//! tell about itself (the records are in `records.rs`). PRODUCT.md section 2.
//!
//! Changing a board is the job of [`crate::model::action`]:
//! nothing outside this module tree writes to a `Board` except through
//! `Board::apply` and `Board::restore`, which is what keeps undo, the activity
//! log, the CLI and the TUI on one path.

use std::collections::{BTreeMap, HashMap};

use super::ids::{IssueId, TaskId};
use super::index::ColumnIndex;
use super::settings::Settings;

pub use super::records::{
    Blocked, Column, Decision, Event, Issue, IssueStatus, LogEntry, Parked, Party, PartyKind, Risk,
    SpeakerTime, StandupOrder, StandupRecord, Task,
};

/// One board: a project's progress board, RACI grid and issue queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub name: String,
    pub goal: String,
    pub settings: Settings,
    /// In the board's own order (the standup walks them in this order).
    pub parties: Vec<Party>,
    /// Left to right; the last one is "finished".
    pub columns: Vec<Column>,
    /// Keyed by id, so that the file lists them `T-1, T-2, …, T-10`.
    pub tasks: BTreeMap<TaskId, Task>,
    pub issues: BTreeMap<IssueId, Issue>,
    pub standups: Vec<StandupRecord>,
    /// Append-only history of every change.
    pub log: Vec<LogEntry>,
    /// Fields two merged versions set to different values, until settled.
    pub conflicts: Vec<super::conflict::Conflict>,
    /// The highest task and issue numbers ever handed out. Derived from the
    /// records and the log at load, so that a deleted id is never reused
    /// without a counter in the file that two git branches would fight over.
    pub(crate) high_water: HighWater,
    /// Each column's cards in order, derived from `tasks` (see
    /// [`ColumnIndex`]). Code that replaces `tasks` wholesale calls
    /// [`Board::reindex`].
    pub(crate) index: ColumnIndex,
}

/// The highest ids ever handed out on this board.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct HighWater {
    pub task: u32,
    pub issue: u32,
}

impl Default for Board {
    fn default() -> Self {
        Board::new("", "")
    }
}

impl Board {
    /// An empty board with the default columns To do, Doing, Review, Done.
    pub fn new(name: &str, goal: &str) -> Self {
        let column = |id: &str, name: &str| Column {
            id: id.to_string(),
            name: name.to_string(),
            wip: None,
        };
        Board {
            name: name.to_string(),
            goal: goal.to_string(),
            settings: Settings::default(),
            parties: Vec::new(),
            columns: vec![
                column("todo", "To do"),
                column("doing", "Doing"),
                column("review", "Review"),
                column("done", "Done"),
            ],
            tasks: BTreeMap::new(),
            issues: BTreeMap::new(),
            standups: Vec::new(),
            log: Vec::new(),
            conflicts: Vec::new(),
            high_water: HighWater::default(),
            index: ColumnIndex::default(),
        }
    }

    /// Rebuilds the column index after `tasks` was replaced as a whole (a
    /// load, a merge).
    pub fn reindex(&mut self) {
        self.index = ColumnIndex::build(&self.tasks);
    }

    /// Refiles the given tasks in the column index after they changed.
    pub(crate) fn reindex_tasks(&mut self, ids: impl IntoIterator<Item = TaskId>) {
        for id in ids {
            self.index.sync(&self.tasks, id);
        }
    }

    /// Whether the column index files every task where it stands.
    pub fn index_is_consistent(&self) -> bool {
        self.index.matches(&self.tasks)
    }

    /// Rebuilds what is derived from the log: the id high-water marks (with
    /// the records) and each task's last move to another column, both in
    /// one pass over the log, the longest list of a long-lived board. The
    /// store and the merge call this after building a board.
    pub fn recompute_from_log(&mut self) {
        self.scan_log(true);
    }

    /// Rebuilds the id high-water marks alone: for a board read without its
    /// log, from its records.
    pub(crate) fn recompute_high_water(&mut self) {
        self.scan_log(false);
    }

    /// Puts the log read after the rest of the board in its place, before
    /// whatever was logged since (the app shows a large board before its
    /// log is read), and derives from it what the log tells.
    pub fn attach_log(&mut self, log: Vec<LogEntry>) {
        let since = std::mem::replace(&mut self.log, log);
        self.log.extend(since);
        self.recompute_from_log();
    }

    fn scan_log(&mut self, moves: bool) {
        let mut hw = HighWater {
            task: self.tasks.keys().next_back().map_or(0, |id| id.0),
            issue: self.issues.keys().next_back().map_or(0, |id| id.0),
        };
        let mut moved = HashMap::new();
        for entry in &self.log {
            let record = entry.record.as_str();
            if record.starts_with("T-")
                && let Ok(id) = record.parse::<TaskId>()
            {
                hw.task = hw.task.max(id.0);
                if moves && entry.what == Event::Move {
                    moved.insert(id, entry.at);
                }
            } else if record.starts_with("I-")
                && let Ok(id) = record.parse::<IssueId>()
            {
                hw.issue = hw.issue.max(id.0);
            }
        }
        self.high_water = hw;
        if moves {
            for task in self.tasks.values_mut() {
                task.moved = moved.get(&task.id).copied();
            }
        }
    }

    /// The id the next new task will get; `None` once the highest number
    /// an id can hold is taken (ids never wrap round to reuse `T-1`).
    pub fn next_task_id(&self) -> Option<TaskId> {
        self.high_water.task.checked_add(1).map(TaskId::from_number)
    }

    /// The id the next new issue will get; `None` as for tasks.
    pub fn next_issue_id(&self) -> Option<IssueId> {
        self.high_water
            .issue
            .checked_add(1)
            .map(IssueId::from_number)
    }

    /// What stops new records from being added: ids used up. `standup
    /// check` reports these.
    pub fn id_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.high_water.task == u32::MAX {
            problems.push(format!(
                "T-{} is the highest id a card can have: no card can be added to this board",
                u32::MAX
            ));
        }
        if self.high_water.issue == u32::MAX {
            problems.push(format!(
                "I-{} is the highest id an issue can have: no issue can be raised on this board",
                u32::MAX
            ));
        }
        problems
    }

    /// What a record was called when it was created or deleted, as the log
    /// says: the name of a column or a party since removed, the title of a
    /// deleted card.
    pub fn logged_name(&self, record: &str) -> Option<String> {
        self.log
            .iter()
            .rev()
            .filter(|e| e.record == record)
            .find_map(|e| match e.what {
                Event::Delete => e.deleted_title(),
                Event::Create => e.to.clone(),
                _ => None,
            })
    }

    /// The party with this code.
    pub fn party(&self, code: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.code == code)
    }

    /// A party's name, or the code itself when no party has it.
    pub fn party_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.party(code)
            .or_else(|| self.party(self.current_code(code)))
            .map_or(code, |p| p.name.as_str())
    }

    /// `市场部 (mkt)`: a party's name with its code, or the code alone when
    /// no party has it.
    pub fn party_label(&self, code: &str) -> String {
        self.party(code)
            .map_or_else(|| code.to_string(), |p| format!("{} ({code})", p.name))
    }

    /// Finds a party by code or name, case-insensitively, as people type it.
    pub fn find_party(&self, text: &str) -> Option<&Party> {
        let t = text.trim();
        self.parties
            .iter()
            .find(|p| p.code.eq_ignore_ascii_case(t))
            .or_else(|| {
                self.parties
                    .iter()
                    .find(|p| p.name.to_lowercase() == t.to_lowercase())
            })
    }

    /// Who answers for an issue when it is escalated: the Accountable party
    /// of its linked task, else its owner's department, else its owner.
    pub fn accountable_for(&self, issue: &Issue) -> Option<String> {
        let from_task = issue
            .task
            .and_then(|t| self.tasks.get(&t))
            .and_then(|t| self.accountable_of(t))
            .map(str::to_string);
        from_task.or_else(|| {
            let owner = issue.owner.as_deref()?;
            let department = self.party(owner).and_then(|p| p.department.clone());
            Some(department.unwrap_or_else(|| owner.to_string()))
        })
    }

    /// The column with this id.
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }

    /// A column's name, or the id itself when no column has it (a record
    /// in the log may name a column since deleted).
    pub fn column_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.column(id).map_or(id, |c| c.name.as_str())
    }

    /// Position of a column, left to right.
    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// Finds a column by id or name, case-insensitively (PRODUCT.md: wherever
    /// a column is named, its id or its name works).
    pub fn find_column(&self, text: &str) -> Option<&Column> {
        let t = text.trim().to_lowercase();
        self.columns
            .iter()
            .find(|c| c.id.to_lowercase() == t)
            .or_else(|| self.columns.iter().find(|c| c.name.to_lowercase() == t))
    }

    /// The "finished" column: the last one.
    pub fn last_column(&self) -> Option<&Column> {
        self.columns.last()
    }

    /// Whether a task sits in the last column.
    pub fn is_finished(&self, task: &Task) -> bool {
        self.columns.last().is_some_and(|c| c.id == task.column)
    }

    /// The tasks of one column in board order (rank, then id).
    pub fn column_tasks(&self, column: &str) -> Vec<&Task> {
        self.index
            .column(column)
            .filter_map(|id| self.tasks.get(&id))
            .collect()
    }

    /// The ids of one column's tasks in board order (rank, then id).
    pub fn column_ids(&self, column: &str) -> impl DoubleEndedIterator<Item = TaskId> + '_ {
        self.index.column(column)
    }

    /// How many cards a column holds.
    pub fn column_count(&self, column: &str) -> usize {
        self.index.count(column)
    }

    /// Every column's tasks in board order.
    pub fn tasks_by_column(&self) -> Vec<Vec<&Task>> {
        self.columns
            .iter()
            .map(|c| self.column_tasks(&c.id))
            .collect()
    }
}
