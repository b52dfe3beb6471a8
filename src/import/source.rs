//! What an export holds, whichever tool wrote it: cards with the fields we
//! keep, each with its key in the source, and what was left out and why.

use chrono::NaiveDate;

use super::error::Place;
use crate::model::{PartyKind, Risk};

/// Cards read from one export, before they meet the board.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    /// What the log calls it: `jira:PROJ`, `csv:tasks.csv`.
    pub label: String,
    /// The start every key of this source shares (`jira:PROJ-`,
    /// `csv:tasks.csv#`): a card with it that the export no longer holds
    /// is gone from the source.
    pub origins: Vec<String>,
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// Columns the source itself defines (Trello's lists), in its order:
    /// those the board lacks are added.
    pub lists: Vec<String>,
    /// The fields the source has at all: only those are updated on a card
    /// imported before (an empty cell then clears the field).
    pub has: Has,
    /// What the status is called in the source, for messages.
    pub status_label: String,
}

/// Which fields a source carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Has {
    pub status: bool,
    pub owner: bool,
    pub due: bool,
    pub risk: bool,
    pub note: bool,
    pub depends: bool,
}

/// One card as the source has it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    /// Where it is in the file, for messages.
    pub place: Option<Place>,
    /// Where the status was read, for a status no column answers to.
    pub status_place: Option<Place>,
    /// Its key: `jira:PROJ-12`, `trello:<card id>`, `csv:<file>#<key>`.
    pub key: String,
    pub title: String,
    pub status: Option<String>,
    /// The source says it is finished though its status may not (Jira's
    /// Resolved date, taskwarrior's `completed`).
    pub finished: bool,
    pub owner: Option<Owner>,
    pub due: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub risk: Option<Risk>,
    pub note: String,
    /// Other cards it waits on, by their key in this source, or by a title
    /// or card id (`T-4`) on the board.
    pub depends: Vec<String>,
    /// Why it is blocked, when the source says it is.
    pub blocked: Option<String>,
}

/// A party as the source names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub name: String,
    pub kind: PartyKind,
}

/// A record of the source that is not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub what: String,
    pub why: Why,
}

/// Why a record is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Trello: archived, or on an archived list.
    Archived,
    /// taskwarrior: deleted.
    Deleted,
    /// taskwarrior: the template a recurring task repeats.
    Recurring,
    /// A row with cells but no title.
    NoTitle,
    /// The same key as an earlier record (its line or name).
    Repeated(String),
}
