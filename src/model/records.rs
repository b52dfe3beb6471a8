//! The records a board holds, exactly as PRODUCT.md section 2 names them:
//! parties, columns, tasks, issues, standups and the activity log. Plain
//! data; only `Board::apply` and `Board::restore` change them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{IssueId, TaskId};
use super::raci::Role;
use super::time::Timestamp;
use super::triage::Level;
use crate::i18n::mark;

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
    /// Where an imported card came from (`jira:PROJ-12`, `trello:<card
    /// id>`, `csv:<file>#<key>`), so that importing a newer export updates
    /// it instead of adding it twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
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
    /// Cards were imported from another tool (`record` the source, `to`
    /// the counts, as `added=3 updated=1 …`); each card's own entries
    /// follow it.
    Import,
    /// An alert was sent to a chat (`to`: `target:key`), so that it is
    /// not sent again, by this copy or a merged one.
    Alert,
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
            Event::Import => mark("imported"),
            Event::Alert => mark("alert sent"),
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

impl<const P: char> super::ids::Id<P> {
    /// Makes an id from its number. Numbers start at 1.
    pub fn from_number(n: u32) -> Self {
        super::ids::Id(n.max(1))
    }
}
