//! The board as it stood at a past moment, read back from the activity log.
//!
//! A report about a past day or week must show the board as it was then,
//! not today's. The board keeps a log, not snapshots, so the past is found by
//! walking back from today's board and undoing, newest first, every entry
//! logged after the moment: each entry says what it changed from. Walking
//! back starts from the truth (the board as saved) and needs no entry from
//! before the moment; only a record deleted since is rebuilt from what the
//! log says of it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};

use super::board::{Blocked, Board, Column, Event, IssueStatus, LogEntry, Party, PartyKind, Task};
use super::ids::{IssueId, TaskId};
use super::raci::Role;
use super::time::Timestamp;
use super::triage::Level;

/// Why the board cannot be shown as it stood at a moment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the board's activity log begins at {begins}: it says nothing of the board before")]
    BeforeLog { begins: String },
    #[error("the board has no activity log: it says nothing of the board before now")]
    NoLog,
}

impl ReplayError {
    /// The message in `l`.
    pub fn localized(&self, l: crate::i18n::Lang) -> String {
        match self {
            ReplayError::BeforeLog { begins } => l.f(
                "the board's activity log begins at {0}: it says nothing of the board before",
                &[begins],
            ),
            ReplayError::NoLog => l
                .t("the board has no activity log: it says nothing of the board before now")
                .into(),
        }
    }
}

impl Board {
    /// The board as it stood at `at`: every entry logged after `at` undone,
    /// the log cut there. Borrowed when nothing was logged since. Refused
    /// for a moment before the log begins, which the log cannot tell.
    pub fn as_of(&self, at: Timestamp) -> Result<Cow<'_, Board>, ReplayError> {
        let cut = self.log.partition_point(|e| e.at <= at);
        if cut == self.log.len() {
            return Ok(Cow::Borrowed(self));
        }
        match self.log.first() {
            None => return Err(ReplayError::NoLog),
            Some(first) if first.at > at => {
                return Err(ReplayError::BeforeLog {
                    begins: super::time::format_timestamp(&first.at),
                });
            }
            Some(_) => {}
        }
        let mut past = self.clone();
        for (i, entry) in self.log.iter().enumerate().skip(cut).rev() {
            past.undo_entry(entry, &self.log[..i]);
        }
        past.log.truncate(cut);
        past.standups_as_of(at, &self.log[cut..]);
        for task in past.tasks.values_mut() {
            task.started = task.started.filter(|s| *s <= at);
            task.finished = task.finished.filter(|f| *f <= at);
            task.updated = task.updated.min(at);
        }
        past.reindex();
        past.recompute_from_log();
        Ok(Cow::Owned(past))
    }

    /// Undoes one log entry; `before` is the log up to it, for what the
    /// entry itself does not say (a deleted record's last values).
    fn undo_entry(&mut self, entry: &LogEntry, before: &[LogEntry]) {
        let record = entry.record.as_str();
        if let Some(id) = record.strip_prefix("T-").and(record.parse::<TaskId>().ok()) {
            self.undo_task(id, entry, before);
        } else if let Some(id) = record
            .strip_prefix("I-")
            .and(record.parse::<IssueId>().ok())
        {
            self.undo_issue(id, entry, before);
        } else if let Some(code) = record.strip_prefix("party:") {
            self.undo_party(code, entry);
        } else if let Some(id) = record.strip_prefix("column:") {
            self.undo_column(id, entry);
        } else if record == "board" {
            self.undo_board(entry);
        }
    }

    fn undo_task(&mut self, id: TaskId, entry: &LogEntry, before: &[LogEntry]) {
        let from = entry.from.clone();
        if entry.what == Event::Delete {
            let text = from.unwrap_or_default();
            let task = match Task::deleted_as(&text) {
                Some(task) => task,
                // An older file logged the title alone.
                None => rebuilt_task(id, text, entry.at, before, self),
            };
            self.tasks.insert(id, task);
            return;
        }
        if entry.what == Event::Create {
            self.tasks.remove(&id);
            return;
        }
        let Some(task) = self.tasks.get_mut(&id) else {
            return;
        };
        undo_task_field(task, entry, before);
    }

    fn undo_issue(&mut self, id: IssueId, entry: &LogEntry, before: &[LogEntry]) {
        if entry.what == Event::Create {
            self.issues.remove(&id);
            return;
        }
        let Some(issue) = self.issues.get_mut(&id) else {
            return;
        };
        let status = entry.from.as_deref().and_then(IssueStatus::named);
        let last = |what: Event| {
            before
                .iter()
                .rev()
                .find(|e| e.record == entry.record && e.what == what)
                .map(|e| e.at)
        };
        match entry.what {
            Event::Acknowledge => {
                issue.status = status.unwrap_or(IssueStatus::Open);
                issue.acknowledged = None;
            }
            Event::Resolve => {
                issue.status = status.unwrap_or(IssueStatus::Acknowledged);
                issue.resolved = None;
                issue.resolution.clear();
                // A resolve of an issue never acknowledged answered it too.
                if issue.status == IssueStatus::Open {
                    issue.acknowledged = None;
                }
            }
            Event::Close => issue.status = status.unwrap_or(IssueStatus::Resolved),
            Event::Reopen => {
                issue.status = status.unwrap_or(IssueStatus::Resolved);
                issue.reopened = last(Event::Reopen);
                // Resolved when the last step of its cycle was a resolve (a
                // reopen clears it; a close keeps it).
                issue.resolved = before
                    .iter()
                    .rev()
                    .filter(|e| e.record == entry.record)
                    .find(|e| matches!(e.what, Event::Resolve | Event::Reopen))
                    .filter(|e| e.what == Event::Resolve)
                    .map(|e| e.at);
            }
            Event::Edit | Event::Escalate | Event::Settle => {
                let from = entry.from.clone();
                let moment = || {
                    from.as_deref()
                        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                };
                match entry.field.as_deref() {
                    Some("title") => issue.title = from.unwrap_or_default(),
                    Some("detail") => issue.detail = from.unwrap_or_default(),
                    Some("owner") => issue.owner = from,
                    Some("parties") => {
                        issue.parties = from
                            .map(|p| split_list(&p).map(str::to_string).collect())
                            .unwrap_or_default();
                    }
                    Some("impact") => {
                        issue.impact = from.as_deref().and_then(Level::parse).unwrap_or_default();
                    }
                    Some("urgency") => {
                        issue.urgency = from.as_deref().and_then(Level::parse).unwrap_or_default();
                    }
                    Some("support") => issue.support = from.unwrap_or_default(),
                    Some("resolution") => issue.resolution = from.unwrap_or_default(),
                    Some("proposal") => issue.proposal = from.unwrap_or_default(),
                    Some("task") => issue.task = from.and_then(|t| t.parse().ok()),
                    Some("respond_by") => issue.respond_by = moment(),
                    Some("resolve_by") => issue.resolve_by = moment(),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn undo_party(&mut self, code: &str, entry: &LogEntry) {
        match (entry.what, entry.field.as_deref()) {
            (Event::Create, _) => self.parties.retain(|p| p.code != code),
            (Event::Delete, _) if self.party(code).is_none() => {
                self.parties.push(Party {
                    code: code.to_string(),
                    name: entry.from.clone().unwrap_or_else(|| code.to_string()),
                    kind: PartyKind::Department,
                    department: None,
                });
            }
            (Event::Edit, Some("name")) => {
                if let Some(p) = self.parties.iter_mut().find(|p| p.code == code) {
                    p.name = entry.from.clone().unwrap_or_default();
                }
            }
            (Event::Edit, Some("code")) => {
                if let Some(old) = entry.from.as_deref() {
                    crate::model::parties::rename_code(self, code, old);
                }
            }
            _ => {}
        }
    }

    fn undo_column(&mut self, id: &str, entry: &LogEntry) {
        match (entry.what, entry.field.as_deref()) {
            (Event::Create, _) => self.columns.retain(|c| c.id != id),
            (Event::Delete, _) if self.column(id).is_none() => {
                let at = self.columns.len().saturating_sub(1);
                self.columns.insert(
                    at,
                    Column {
                        id: id.to_string(),
                        name: entry.from.clone().unwrap_or_else(|| id.to_string()),
                        wip: None,
                    },
                );
            }
            (Event::Edit, Some("name")) => {
                if let Some(c) = self.columns.iter_mut().find(|c| c.id == id) {
                    c.name = entry.from.clone().unwrap_or_default();
                }
            }
            (Event::Edit, Some("wip")) => {
                if let Some(c) = self.columns.iter_mut().find(|c| c.id == id) {
                    c.wip = entry.from.as_deref().and_then(|w| w.parse().ok());
                }
            }
            _ => {}
        }
    }

    fn undo_board(&mut self, entry: &LogEntry) {
        let from = entry.from.clone();
        match entry.field.as_deref() {
            Some("name") => self.name = from.unwrap_or_default(),
            Some("goal") => self.goal = from.unwrap_or_default(),
            Some("settings.sla") => {
                if let Some(t) = from.and_then(|f| f.parse().ok()) {
                    self.settings.sla = t;
                }
            }
            Some("settings.raci") => {
                if let Some(t) = from.and_then(|f| f.parse().ok()) {
                    self.settings.raci = t;
                }
            }
            _ => {}
        }
    }

    /// Standups as they stood at `at`: those begun later gone, one running
    /// then open again, decisions and topics noted later taken off.
    fn standups_as_of(&mut self, at: Timestamp, later: &[LogEntry]) {
        self.standups.retain(|s| s.started <= at);
        let decided = later.iter().filter(|e| e.what == Event::Decide).count();
        let parked = later.iter().filter(|e| e.what == Event::Park).count();
        if let Some(last) = self.standups.last_mut()
            && last.ended.is_none_or(|end| end > at)
        {
            last.ended = None;
            last.decisions
                .truncate(last.decisions.len().saturating_sub(decided));
            last.parked
                .truncate(last.parked.len().saturating_sub(parked));
        }
    }
}

/// The words of a list field as the log writes it (`a, b` or `a,b`).
fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Undoes one change of a task's field, move, block or role.
fn undo_task_field(task: &mut Task, entry: &LogEntry, before: &[LogEntry]) {
    let from = entry.from.clone();
    match entry.what {
        Event::Move => {
            if let Some(column) = from {
                task.column = column;
            }
        }
        Event::Block => {
            task.blocked = from.map(|reason| Blocked {
                reason,
                since: last_block(entry, before).unwrap_or(entry.at),
            });
        }
        Event::Unblock => {
            task.blocked = from.map(|reason| Blocked {
                reason,
                since: last_block(entry, before).unwrap_or(entry.at),
            });
        }
        Event::Role => {
            if let Some(party) = entry.field.clone() {
                match from.as_deref().and_then(Role::parse) {
                    Some(role) => {
                        task.raci.insert(party, role);
                    }
                    None => {
                        task.raci.remove(&party);
                    }
                }
            }
        }
        Event::Edit | Event::Settle => match entry.field.as_deref() {
            Some("title") => task.title = from.unwrap_or_default(),
            Some("owner") => task.owner = from,
            Some("due") => task.due = from.and_then(|d| d.parse::<NaiveDate>().ok()),
            Some("risk") => task.risk = from.as_deref().and_then(super::action::parse_risk),
            Some("note") => task.note = from.unwrap_or_default(),
            Some("rank") => {
                if let Some(rank) = from.and_then(|r| r.parse().ok()) {
                    task.rank = rank;
                }
            }
            Some("depends_on") => {
                task.depends_on = from
                    .map(|d| split_list(&d).filter_map(|t| t.parse().ok()).collect())
                    .unwrap_or_default();
            }
            _ => {}
        },
        _ => {}
    }
}

/// When the task was last blocked before `entry`.
fn last_block(entry: &LogEntry, before: &[LogEntry]) -> Option<Timestamp> {
    before
        .iter()
        .rev()
        .find(|e| e.record == entry.record && e.what == Event::Block)
        .map(|e| e.at)
}

/// A task deleted since, as the log before its deletion tells it: its title
/// from the deletion, every other field from the last change to it.
fn rebuilt_task(
    id: TaskId,
    title: String,
    deleted: Timestamp,
    before: &[LogEntry],
    board: &Board,
) -> Task {
    let record = id.to_string();
    let mine: Vec<&LogEntry> = before.iter().filter(|e| e.record == record).collect();
    let created = mine.first().map_or(deleted, |e| e.at);
    let mut task = Task {
        id,
        title,
        column: board
            .columns
            .first()
            .map(|c| c.id.clone())
            .unwrap_or_default(),
        rank: 0,
        owner: None,
        due: None,
        risk: None,
        note: String::new(),
        blocked: None,
        raci: BTreeMap::new(),
        depends_on: Vec::new(),
        source: None,
        created,
        updated: created,
        started: None,
        finished: None,
        moved: None,
    };
    for e in &mine {
        let to = e.to.clone();
        match e.what {
            Event::Move => {
                if let Some(column) = to {
                    task.column = column;
                }
                if task.started.is_none() {
                    task.started = Some(e.at);
                }
            }
            Event::Block => {
                task.blocked = to.map(|reason| Blocked {
                    reason,
                    since: e.at,
                });
            }
            Event::Unblock => task.blocked = None,
            Event::Role => {
                if let Some(party) = e.field.clone() {
                    match to.as_deref().and_then(Role::parse) {
                        Some(role) => {
                            task.raci.insert(party, role);
                        }
                        None => {
                            task.raci.remove(&party);
                        }
                    }
                }
            }
            Event::Edit | Event::Settle => match e.field.as_deref() {
                Some("owner") => task.owner = to,
                Some("due") => task.due = to.and_then(|d| d.parse().ok()),
                Some("risk") => task.risk = to.as_deref().and_then(super::action::parse_risk),
                Some("note") => task.note = to.unwrap_or_default(),
                _ => {}
            },
            _ => {}
        }
        task.updated = e.at;
    }
    task
}
