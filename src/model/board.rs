//! The board and its records, exactly as PRODUCT.md section 2 names them.
//!
//! Records are plain data. Changing them is the job of [`crate::model::action`]:
//! nothing outside this module tree writes to a `Board` except through
//! `Board::apply` and `Board::restore`, which is what keeps undo, the activity
//! log, the CLI and the TUI on one path.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{IssueId, TaskId};
use super::index::ColumnIndex;
use super::raci::Role;
use super::settings::Settings;
use super::time::Timestamp;
use super::triage::Level;
use crate::i18n::mark;

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

/// A department or a person taking part in the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Short code chosen by the user (`mkt`, `prod`): what RACI cells and
    /// owners refer to.
    pub code: String,
    pub name: String,
    pub kind: PartyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

/// Whether a party is a whole department or one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    #[default]
    Department,
    Person,
}

/// A column of the progress board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wip: Option<u32>,
}

impl Column {
    /// A short ASCII id from the name (`In review` → `in-review`), or
    /// `col-N` for names with no ASCII letters (`评审`), not used by any of
    /// `columns`.
    pub fn fresh_id(name: &str, columns: &[Column]) -> String {
        let slug = crate::text::slug(name, 24);
        let base = if slug.is_empty() {
            "col".to_string()
        } else {
            slug
        };
        let taken = |id: &str| columns.iter().any(|c| c.id == id);
        if !taken(&base) && base != "col" {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }
}

/// How risky a task is, as the lead judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    Low,
    Medium,
    High,
}

/// Why a task is flagged as blocked, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blocked {
    pub reason: String,
    #[serde(with = "super::time::serde_ts")]
    pub since: Timestamp,
}

/// A card on the progress board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: TaskId,
    pub title: String,
    /// A column id.
    pub column: String,
    /// Position within the column: lower first, ties by id. One number per
    /// card, so that reordering touches one record and git merges each
    /// side's moves independently.
    pub rank: i64,
    /// A party code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Risk>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<Blocked>,
    /// Party code → role. Sorted by code, so the file is stable.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub raci: BTreeMap<String, Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<TaskId>,
    #[serde(with = "super::time::serde_ts")]
    pub created: Timestamp,
    #[serde(with = "super::time::serde_ts")]
    pub updated: Timestamp,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::serde_opt_ts"
    )]
    pub started: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::serde_opt_ts"
    )]
    pub finished: Option<Timestamp>,
    /// When it last moved to another column; `None` if it is still in the
    /// column it was created in. Derived from the activity log when the
    /// board is read (not written to the file), then kept by `MoveTask`, so
    /// that a card's age in its column costs nothing to show.
    #[serde(skip)]
    pub moved: Option<Timestamp>,
}

impl Task {
    /// When the card entered the column it is in now.
    pub fn entered(&self) -> Timestamp {
        self.moved.unwrap_or(self.created)
    }
}

/// Where an issue is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueStatus {
    Open,
    Acknowledged,
    Resolved,
    Closed,
}

impl IssueStatus {
    pub const ALL: [IssueStatus; 4] = [
        IssueStatus::Open,
        IssueStatus::Acknowledged,
        IssueStatus::Resolved,
        IssueStatus::Closed,
    ];

    /// The status a word names, as [`as_str`](Self::as_str) writes it.
    pub fn named(word: &str) -> Option<IssueStatus> {
        IssueStatus::ALL.into_iter().find(|s| s.as_str() == word)
    }

    /// The word used in the UI, the CLI and the file.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::Open => mark("open"),
            IssueStatus::Acknowledged => mark("acknowledged"),
            IssueStatus::Resolved => mark("resolved"),
            IssueStatus::Closed => mark("closed"),
        }
    }

    /// Open and acknowledged issues still need someone's work.
    pub fn is_active(self) -> bool {
        matches!(self, IssueStatus::Open | IssueStatus::Acknowledged)
    }
}

/// A problem raised by anyone, with one owner and deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: IssueId,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub impact: Level,
    pub urgency: Level,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub support: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proposal: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<TaskId>,
    pub status: IssueStatus,
    #[serde(with = "super::time::serde_ts")]
    pub opened: Timestamp,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::serde_opt_ts"
    )]
    pub acknowledged: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::serde_opt_ts"
    )]
    pub resolved: Option<Timestamp>,
    /// When it was last reopened: the resolution clock starts again there.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::serde_opt_ts"
    )]
    pub reopened: Option<Timestamp>,
    /// Only when set by hand; otherwise derived from the SLA targets.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::serde_opt_ts"
    )]
    pub respond_by: Option<Timestamp>,
    /// Only when set by hand; otherwise derived from the SLA targets.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::serde_opt_ts"
    )]
    pub resolve_by: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resolution: String,
}

/// One standup meeting as it was held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandupRecord {
    pub date: NaiveDate,
    /// Who spoke in turn: the parties, or the board's columns right to left.
    #[serde(default, skip_serializing_if = "StandupOrder::is_default")]
    pub order: StandupOrder,
    #[serde(with = "super::time::serde_ts")]
    pub started: Timestamp,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::serde_opt_ts"
    )]
    pub ended: Option<Timestamp>,
    /// Seconds spoken, in speaking order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<SpeakerTime>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parked: Vec<Parked>,
}

/// The order a standup walks the board in (PRODUCT.md section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StandupOrder {
    /// Each party in the board's order, skipping who has nothing to say.
    #[default]
    Party,
    /// The board's columns right to left: work about to finish first.
    Board,
}

impl StandupOrder {
    fn is_default(&self) -> bool {
        *self == StandupOrder::Party
    }

    /// The word used in the CLI and the minutes.
    pub fn as_str(self) -> &'static str {
        match self {
            StandupOrder::Party => "party",
            StandupOrder::Board => "board",
        }
    }
}

/// How long one party spoke in a standup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerTime {
    /// A party code, or a column id when the standup walked the board.
    pub speaker: String,
    pub seconds: u32,
}

/// A decision taken in a standup, with who carries it out and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

/// A topic parked for after the standup, with who takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parked {
    pub topic: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// What a log entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    Create,
    Edit,
    Move,
    Delete,
    Block,
    Unblock,
    Role,
    Acknowledge,
    Resolve,
    Close,
    Reopen,
    Escalate,
    /// A standup began (record `standup`, `to` its date).
    Start,
    /// A standup ended.
    End,
    /// A decision was recorded in a standup.
    Decide,
    /// A topic was parked in a standup.
    Park,
    /// A conflict left by a merge was settled (`from` the value the board
    /// held, `to` the one chosen).
    Settle,
}

impl Event {
    /// What happened, in a word or two (to be translated where shown).
    pub fn word(self) -> &'static str {
        match self {
            Event::Create => mark("created"),
            Event::Edit => mark("edited"),
            Event::Move => mark("moved"),
            Event::Delete => mark("deleted"),
            Event::Block => mark("blocked"),
            Event::Unblock => mark("unblocked"),
            Event::Role => mark("role"),
            Event::Acknowledge => mark("acknowledged"),
            Event::Resolve => mark("resolved"),
            Event::Close => mark("closed"),
            Event::Reopen => mark("reopened"),
            Event::Escalate => mark("escalated"),
            Event::Start => mark("standup started"),
            Event::End => mark("standup ended"),
            Event::Decide => mark("decision"),
            Event::Park => mark("parked"),
            Event::Settle => mark("settled"),
        }
    }
}

/// One line of the activity log: at `at`, `what` happened to `record`
/// (`T-3`, `I-2`, `party:mkt`, `column:doing`, `board`), optionally to one
/// `field`, changing it `from` → `to`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    #[serde(with = "super::time::serde_ts")]
    pub at: Timestamp,
    pub what: Event,
    pub record: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

impl Issue {
    /// An empty open issue raised at `opened`, for checking what a form
    /// would raise before it is raised.
    pub fn draft(opened: Timestamp) -> Issue {
        Issue {
            id: IssueId::from_number(1),
            title: String::new(),
            detail: String::new(),
            reporter: None,
            parties: Vec::new(),
            owner: None,
            impact: Level::Medium,
            urgency: Level::Medium,
            support: String::new(),
            proposal: String::new(),
            task: None,
            status: IssueStatus::Open,
            opened,
            acknowledged: None,
            resolved: None,
            reopened: None,
            respond_by: None,
            resolve_by: None,
            resolution: String::new(),
        }
    }
}

impl Task {
    /// The card a deletion logged, as it was when deleted: its record in
    /// JSON (older files log its title alone, and give `None`).
    pub fn deleted_as(from: &str) -> Option<Task> {
        from.starts_with('{')
            .then(|| serde_json::from_str(from).ok())
            .flatten()
    }
}

impl LogEntry {
    /// The level an escalation raised the urgency to: its `to` reads
    /// `medium (accountable: prod): the reason`.
    pub fn escalated_to(&self) -> Option<(&str, &str)> {
        let to = self.to.as_deref()?;
        let end = to.find([' ', ':']).unwrap_or(to.len());
        Some(to.split_at(end))
    }

    /// A deleted card's title, whether the deletion logged the card or its
    /// title alone.
    pub fn deleted_title(&self) -> Option<String> {
        let from = self.from.as_deref()?;
        Some(Task::deleted_as(from).map_or_else(|| from.to_string(), |t| t.title))
    }
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
        self.party(code).map_or(code, |p| p.name.as_str())
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

impl<const P: char> super::ids::Id<P> {
    /// Makes an id from its number. Numbers start at 1.
    pub fn from_number(n: u32) -> Self {
        super::ids::Id(n.max(1))
    }
}
