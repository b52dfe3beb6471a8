//! What a standup talks about, read from the board and its activity log:
//! since when "since the last standup" runs, what changed since then, who
//! speaks in what order, and what each speaker's turn covers.
//!
//! Everything here is a pure function of the board and a moment, so the
//! standup pane, the minutes and the header line agree, and a report for a
//! pinned time is the same run after run.

use crate::i18n::Lang;
use chrono::Duration;

use super::board::{Board, Event, Issue, IssueStatus, LogEntry, StandupOrder, StandupRecord, Task};
use super::ids::{IssueId, TaskId};
use super::time::Timestamp;

/// Where "since the last standup" starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Since {
    pub from: Timestamp,
    /// The standup it is measured from (its position in `board.standups`);
    /// `None` when none was held before, and the window is the last day.
    pub standup: Option<usize>,
}

/// What changed on one task or issue in a window of the activity log, with
/// a card's column moves collapsed into the path it took.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordChange {
    /// `T-3` or `I-2`.
    pub record: String,
    pub created: bool,
    pub deleted: bool,
    /// The columns a card went through: where it was, then each column it
    /// entered. Empty when it did not move.
    pub path: Vec<String>,
    /// Blocked in the window and still blocked at its end: the reason.
    pub blocked: Option<String>,
    /// Unblocked in the window and not blocked again.
    pub unblocked: bool,
    /// An issue's status changes and escalations, in order
    /// (`acknowledged`, `resolved`, `escalated`, …).
    pub steps: Vec<&'static str>,
    /// Other fields edited (`title`, `due`, `owner`, a RACI role …), once each.
    pub edited: Vec<String>,
    pub last: Timestamp,
    /// Where each of its entries stands in the board's log, in order: what
    /// [`Board::change_words`] says.
    pub entries: Vec<usize>,
}

impl RecordChange {
    /// Whether the card moved to a different column overall.
    pub fn moved(&self) -> bool {
        self.path.len() >= 2 && self.path.first() != self.path.last()
    }

    /// Whether the card ended the window in `last_column`, having been
    /// elsewhere at its start.
    pub fn finished(&self, last_column: &str) -> bool {
        self.moved() && self.path.last().is_some_and(|c| c == last_column)
    }
}

/// The header's "since the last standup" counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SinceSummary {
    pub since: Since,
    /// Cards that moved to another column, not to the last.
    pub moved: usize,
    /// Cards that reached the last column.
    pub finished: usize,
    /// Issues raised.
    pub raised: usize,
    /// Issues whose deadline passed in the window and that are breached now.
    pub breached: usize,
    /// Records changed in any other way (edited, blocked, given a role,
    /// imported, a party or column added…): every change counts somewhere.
    pub changed: usize,
}

/// One turn of a standup: a party speaking, or a column of the board when
/// walking it; the last turns gather what no one else covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Stop {
    Party(String),
    Column(String),
    /// Cards nobody owns (walking by party).
    Unowned,
    /// Open issues not tied to a card shown (walking the board).
    Issues,
}

impl Stop {
    /// The key a speaker's time is recorded under.
    pub fn key(&self) -> String {
        match self {
            Stop::Party(code) => code.clone(),
            Stop::Column(id) => format!("column:{id}"),
            Stop::Unowned => "unowned".into(),
            Stop::Issues => "issues".into(),
        }
    }

    /// The stop a recorded key names (see [`Stop::key`]).
    pub fn from_key(key: &str) -> Stop {
        match key {
            "unowned" => Stop::Unowned,
            "issues" => Stop::Issues,
            _ => match key.strip_prefix("column:") {
                Some(id) => Stop::Column(id.to_string()),
                None => Stop::Party(key.to_string()),
            },
        }
    }

    /// How the stop is named on screen and in the minutes.
    pub fn label(&self, board: &Board, l: Lang) -> String {
        match self {
            Stop::Party(code) => board.party_label(code),
            Stop::Column(id) => board.column_name(id).to_string(),
            Stop::Unowned => l.t("No owner").into(),
            Stop::Issues => l.t("Other open issues").into(),
        }
    }
}

/// What one turn covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Agenda {
    /// Blocked cards first, then overdue, then the rest of the work in
    /// progress (rightmost column first).
    pub cards: Vec<TaskId>,
    /// Open issues, most urgent first.
    pub issues: Vec<IssueId>,
    /// What changed since the last standup.
    pub changes: Vec<RecordChange>,
}

impl Agenda {
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty() && self.issues.is_empty() && self.changes.is_empty()
    }
}

impl Board {
    /// The standup that is running (started, not ended).
    pub fn open_standup(&self) -> Option<&StandupRecord> {
        self.open_standup_at().map(|i| &self.standups[i])
    }

    /// Where the standup that started at `started` is in `standups`: a
    /// record's start is its identity, its position can change in a merge.
    pub fn standup_at(&self, started: Timestamp) -> Option<usize> {
        self.standups.iter().rposition(|s| s.started == started)
    }

    /// Where the running standup's record is in `standups`.
    pub fn open_standup_at(&self) -> Option<usize> {
        self.standups.iter().rposition(|s| s.ended.is_none())
    }

    /// Where "since the last standup" starts at `now`: the end of the last
    /// standup that ended by then; a day back when there was none.
    pub fn since_last_standup(&self, now: Timestamp) -> Since {
        self.since_ended_by(now, None)
    }

    /// Where the standup at position `i` counts its changes from: the end
    /// of the standup before it.
    pub fn since_before_standup(&self, i: usize) -> Option<Since> {
        let record = self.standups.get(i)?;
        Some(self.since_ended_by(record.started, Some(i)))
    }

    /// The end of the last standup (other than `skip`) that ended by `now`.
    fn since_ended_by(&self, now: Timestamp, skip: Option<usize>) -> Since {
        let last = self
            .standups
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != skip)
            .filter_map(|(i, s)| s.ended.filter(|end| *end <= now).map(|end| (i, end)))
            .max_by_key(|(_, end)| *end);
        match last {
            Some((i, end)) => Since {
                from: end,
                standup: Some(i),
            },
            None => Since {
                from: now - Duration::days(1),
                standup: None,
            },
        }
    }

    /// The party a card is reported by: its owner, else its Responsible
    /// party, else its Accountable one.
    pub fn speaker_of<'a>(&self, task: &'a Task) -> Option<&'a str> {
        task.owner.as_deref().or_else(|| {
            let role = |pick: fn(super::raci::Role) -> bool| {
                task.raci
                    .iter()
                    .find(|(_, r)| pick(**r))
                    .map(|(code, _)| code.as_str())
            };
            role(super::raci::Role::is_r).or_else(|| role(super::raci::Role::is_a))
        })
    }

    /// The Accountable party of a card, if it has one.
    pub fn accountable_of<'a>(&self, task: &'a Task) -> Option<&'a str> {
        task.raci
            .iter()
            .find(|(_, r)| r.is_a())
            .map(|(code, _)| code.as_str())
    }

    /// The parties to tell about a change to a card: its Informed ones.
    pub fn to_inform<'a>(&self, task: &'a Task) -> Vec<&'a str> {
        task.raci
            .iter()
            .filter(|(_, r)| **r == super::raci::Role::Informed)
            .map(|(code, _)| code.as_str())
            .collect()
    }

    /// The log entries after `from` up to and including `to`. The log is
    /// in time order (each entry is appended with the clock, merges keep
    /// the order), so this is a binary search, not a scan.
    pub fn log_between(&self, from: Timestamp, to: Timestamp) -> &[LogEntry] {
        let start = self.log.partition_point(|e| e.at <= from);
        let end = self.log.partition_point(|e| e.at <= to).max(start);
        &self.log[start..end]
    }

    /// What changed on each task and issue after `from` up to `to`, in the
    /// order each was first touched.
    pub fn changes(&self, from: Timestamp, to: Timestamp) -> Vec<RecordChange> {
        let mut out: Vec<RecordChange> = Vec::new();
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let start = self.log.partition_point(|e| e.at <= from);
        for (index, entry) in (start..).zip(self.log_between(from, to)) {
            let record = entry.record.as_str();
            if !(record.starts_with("T-") || record.starts_with("I-")) {
                continue;
            }
            let i = *at.entry(record).or_insert_with(|| {
                out.push(RecordChange {
                    record: record.to_string(),
                    last: entry.at,
                    ..RecordChange::default()
                });
                out.len() - 1
            });
            let change = &mut out[i];
            change.last = entry.at;
            change.entries.push(index);
            match entry.what {
                Event::Create => change.created = true,
                Event::Delete => change.deleted = true,
                Event::Move => {
                    if let (Some(from), Some(to)) = (&entry.from, &entry.to) {
                        if change.path.is_empty() {
                            change.path.push(from.clone());
                        }
                        change.path.push(to.clone());
                    }
                }
                Event::Block => {
                    change.blocked = Some(entry.to.clone().unwrap_or_default());
                    change.unblocked = false;
                }
                Event::Unblock => {
                    change.unblocked = change.blocked.take().is_none();
                }
                Event::Acknowledge
                | Event::Resolve
                | Event::Close
                | Event::Reopen
                | Event::Escalate => change.steps.push(entry.what.word()),
                // Keeping the value the board held changed nothing.
                Event::Settle if entry.from == entry.to => {}
                Event::Edit | Event::Role | Event::Settle => {
                    let field = if entry.what == Event::Role {
                        "RACI".to_string()
                    } else {
                        entry.field.clone().unwrap_or_else(|| "details".into())
                    };
                    if !change.edited.contains(&field) {
                        change.edited.push(field);
                    }
                }
                Event::Start
                | Event::End
                | Event::Decide
                | Event::Park
                | Event::Import
                | Event::Alert => {}
            }
        }
        out
    }

    /// When an issue breached, if it is breached at `now`: the earliest
    /// deadline of a running clock that passed.
    pub fn breached_at(&self, issue: &Issue, now: Timestamp) -> Option<Timestamp> {
        let sla = issue.sla(&self.settings.sla, now);
        if !sla.breached {
            return None;
        }
        let passed = |by: Timestamp| (by < now).then_some(by);
        match issue.status {
            IssueStatus::Open => passed(sla.respond_by)
                .into_iter()
                .chain(passed(sla.resolve_by))
                .min(),
            _ => passed(sla.resolve_by),
        }
    }

    /// Active issues, most urgent first: priority, then the nearest
    /// running deadline, then id.
    pub fn issues_by_urgency(&self, now: Timestamp) -> Vec<&Issue> {
        let mut open: Vec<(&Issue, _)> = self
            .issues
            .values()
            .filter(|i| i.status.is_active())
            .map(|i| {
                let sla = i.sla(&self.settings.sla, now);
                let by = sla.running.map(|(_, by)| by);
                (i, (!sla.breached, sla.priority, by, i.id))
            })
            .collect();
        open.sort_by_key(|(_, key)| *key);
        open.into_iter().map(|(i, _)| i).collect()
    }

    /// Whether a card is being worked on: past the first column, not yet in
    /// the last.
    pub fn in_progress(&self, task: &Task) -> bool {
        let at = self.column_index(&task.column);
        at.is_some_and(|i| i > 0 && i + 1 < self.columns.len())
    }

    /// Whether an unfinished card has not moved since `since`.
    pub fn is_stale(&self, task: &Task, since: Timestamp) -> bool {
        self.in_progress(task) && task.entered() <= since
    }

    /// The turns of a standup walked in `order` at `now`, skipping those
    /// with nothing to say.
    pub fn stops(&self, order: StandupOrder, now: Timestamp) -> Vec<Stop> {
        let since = self.since_last_standup(now).from;
        let candidates: Vec<Stop> = match order {
            StandupOrder::Party => self
                .parties
                .iter()
                .map(|p| Stop::Party(p.code.clone()))
                .chain([Stop::Unowned])
                .collect(),
            StandupOrder::Board => self
                .columns
                .iter()
                .rev()
                .map(|c| Stop::Column(c.id.clone()))
                .chain([Stop::Issues])
                .collect(),
        };
        // The log and the queue are read once for every candidate.
        let changes = self.changes(since, now);
        let open = self.issues_by_urgency(now);
        candidates
            .into_iter()
            .filter(|stop| self.has_agenda(stop, now, since, &changes, &open))
            .collect()
    }

    /// Whether [`Board::agenda_from`] would be other than empty, found
    /// without building it: the first card, issue or change that belongs
    /// to the stop answers. Who speaks is asked for every party on every
    /// change; building each agenda read every card once per party.
    fn has_agenda(
        &self,
        stop: &Stop,
        now: Timestamp,
        since: Timestamp,
        changes: &[RecordChange],
        open: &[&Issue],
    ) -> bool {
        let today = now.date_naive();
        let last = self
            .last_column()
            .map(|c| c.id.as_str())
            .unwrap_or_default();
        let card = match stop {
            Stop::Party(_) | Stop::Unowned => self
                .tasks
                .values()
                .any(|t| self.task_is_for(t, stop) && self.worth_saying(t, today)),
            Stop::Column(id) if id == last => self
                .column_tasks(id)
                .into_iter()
                .any(|t| t.entered() > since),
            Stop::Column(id) => self.column_count(id) > 0,
            Stop::Issues => false,
        };
        card || open.iter().any(|i| self.issue_is_for(i, stop))
            || changes.iter().any(|c| self.change_is_for(c, stop))
    }

    /// What `stop` covers at `now`, with changes counted after `since`.
    pub fn agenda(&self, stop: &Stop, now: Timestamp, since: Timestamp) -> Agenda {
        let changes = self.changes(since, now);
        let open = self.issues_by_urgency(now);
        self.agenda_from(stop, now, since, &changes, &open)
    }

    /// [`Board::agenda`] from the changes since `since` and the open issues
    /// by urgency, already read.
    fn agenda_from(
        &self,
        stop: &Stop,
        now: Timestamp,
        since: Timestamp,
        changes: &[RecordChange],
        open: &[&Issue],
    ) -> Agenda {
        let today = now.date_naive();
        let last = self.last_column().map(|c| c.id.clone()).unwrap_or_default();
        let mut tasks: Vec<&Task> = match stop {
            Stop::Party(_) | Stop::Unowned => self
                .tasks
                .values()
                .filter(|t| self.task_is_for(t, stop) && self.worth_saying(t, today))
                .collect(),
            Stop::Column(id) if *id == last => self
                .column_tasks(id)
                .into_iter()
                .filter(|t| t.entered() > since)
                .collect(),
            Stop::Column(id) => self.column_tasks(id),
            Stop::Issues => Vec::new(),
        };
        let column_at = |t: &Task| self.column_index(&t.column).unwrap_or(0);
        // Stable: within a group, board order is kept.
        tasks.sort_by_key(|t| {
            (
                !self.is_blocked(t),
                !self.is_overdue(t, today),
                std::cmp::Reverse(column_at(t)),
            )
        });
        let cards: Vec<TaskId> = tasks.iter().map(|t| t.id).collect();
        let issues: Vec<IssueId> = open
            .iter()
            .filter(|i| self.issue_is_for(i, stop))
            .map(|i| i.id)
            .collect();
        let changes: Vec<RecordChange> = changes
            .iter()
            .filter(|c| self.change_is_for(c, stop))
            .cloned()
            .collect();
        Agenda {
            cards,
            issues,
            changes,
        }
    }

    /// Whether a card is spoken of in its party's turn: unfinished, and in
    /// progress, blocked or late.
    fn worth_saying(&self, t: &Task, today: chrono::NaiveDate) -> bool {
        !self.is_finished(t)
            && (self.in_progress(t) || self.is_blocked(t) || self.is_overdue(t, today))
    }

    /// Whether a change belongs to a stop's turn.
    fn change_is_for(&self, change: &RecordChange, stop: &Stop) -> bool {
        if change.record.starts_with("T-") {
            return change
                .record
                .parse::<TaskId>()
                .ok()
                .and_then(|id| self.tasks.get(&id))
                .is_some_and(|t| self.task_is_for(t, stop));
        }
        change
            .record
            .parse::<IssueId>()
            .ok()
            .and_then(|id| self.issues.get(&id))
            .is_some_and(|i| self.issue_is_for(i, stop))
    }

    /// Whether a card is talked about in a stop's turn (whatever its state).
    pub fn task_is_for(&self, task: &Task, stop: &Stop) -> bool {
        match stop {
            Stop::Party(code) => self.speaker_of(task) == Some(code.as_str()),
            Stop::Unowned => self.speaker_of(task).is_none(),
            Stop::Column(id) => task.column == *id,
            Stop::Issues => false,
        }
    }

    /// Whether an issue is talked about in a stop's turn: its owner's or an
    /// involved party's; a column's when tied to one of its cards; the last
    /// turn's when tied to no card.
    fn issue_is_for(&self, issue: &Issue, stop: &Stop) -> bool {
        match stop {
            Stop::Party(code) => {
                issue.owner.as_deref() == Some(code.as_str()) || issue.parties.contains(code)
            }
            Stop::Unowned => issue.owner.is_none() && issue.parties.is_empty(),
            Stop::Column(id) => issue
                .task
                .and_then(|t| self.tasks.get(&t))
                .is_some_and(|t| t.column == *id),
            Stop::Issues => issue.task.is_none_or(|t| !self.tasks.contains_key(&t)),
        }
    }
}
