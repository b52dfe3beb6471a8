//! The pure core: the board, its records and its rules. Nothing here touches
//! a terminal, a file or the system clock; time comes in as an argument.

pub mod action;
pub mod board;
pub mod conflict;
pub mod dates;
pub mod filter;
pub mod flow;
pub mod history;
pub mod ids;
pub mod index;
pub mod matrix;
pub mod merge;
pub mod parties;
pub mod patch;
pub mod raci;
pub mod records;
pub mod replay;
pub mod settings;
pub mod since;
pub mod sla;
pub mod standup;
pub mod status;
pub mod summary;
pub mod time;
pub mod triage;
pub mod validate;
pub mod wording;

pub use action::{Action, ActionError, Applied, IssueEdit, NewIssue, NewTask, TaskEdit, Warning};
pub use board::{
    Blocked, Board, Column, Decision, Event, Issue, IssueStatus, LogEntry, Parked, Party,
    PartyKind, Risk, SpeakerTime, StandupOrder, StandupRecord, Task,
};
pub use conflict::{Conflict, RecordRef};
pub use filter::{IssueFilter, TaskFilter};
pub use history::History;
pub use ids::{IssueId, TaskId};
pub use merge::{Merged, merge};
pub use patch::Patch;
pub use raci::Role;
pub use time::Timestamp;
pub use triage::{Level, Priority};
