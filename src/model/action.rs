//! Every change to a board is an [`Action`] applied by [`Board::apply`].
//!
//! `apply` validates, mutates, appends to the activity log and returns the
//! [`Patch`] that undoes it. If anything fails half-way, the patch collected
//! so far is restored, so a refused action leaves the board exactly as it was.

mod alerts;
mod board;
mod columns;
mod error;
mod import;
mod issues;
mod meeting;
mod parties;
mod raci;
mod settle;
mod tasks;

use chrono::NaiveDate;

pub use error::{ActionError, Warning};
pub use import::{Import, ImportCounts};

use super::board::{
    Blocked, Board, Column, Decision, Event, Issue, IssueStatus, LogEntry, Parked, Party,
    PartyKind, Risk, SpeakerTime, StandupOrder, Task,
};
use super::ids::{IssueId, TaskId};
use super::patch::Patch;
use super::raci::Role;
use super::settings::{RaciLimits, SlaTargets};
use super::time::Timestamp;
use super::triage::Level;
use super::triage::Priority;
use crate::i18n::mark;

/// Space left between neighbouring cards' ranks, so that a card can be put
/// between two others many times before the column needs renumbering.
const RANK_GAP: i64 = 1024;

/// A change a user asked for. References to columns and parties may be ids,
/// codes or names as the user typed them: `apply` resolves them, so the CLI
/// and the TUI get the same messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetInfo {
        name: Option<String>,
        goal: Option<String>,
    },
    AddParty {
        code: String,
        name: String,
        kind: PartyKind,
        department: Option<String>,
    },
    RenameParty {
        party: String,
        name: String,
    },
    /// Put a party at `position` in the party order (0 is first): the RACI
    /// grid's column order and the standup's speaking order.
    MoveParty {
        party: String,
        position: usize,
    },
    /// Remove a party. When it still holds a role, owns a card or an issue,
    /// or heads a department, this is refused unless `cascade` says that
    /// those go too (its roles removed, the owner fields cleared).
    RemoveParty {
        party: String,
        cascade: bool,
    },
    /// Give a party a new code, everywhere it is used (one change).
    RecodeParty {
        party: String,
        code: String,
    },
    /// The thresholds the RACI check warns at.
    SetRaciLimits(RaciLimits),
    /// The SLA targets for every priority.
    SetSlaTargets(SlaTargets),
    AddColumn {
        name: String,
        wip: Option<u32>,
    },
    SetWip {
        column: String,
        wip: Option<u32>,
    },
    RenameColumn {
        column: String,
        name: String,
    },
    /// Put a column at `position` (0 is leftmost). The last column means
    /// "finished", so the cards' finished times follow the new order.
    MoveColumn {
        column: String,
        position: usize,
    },
    /// Remove a column. One that still holds cards is refused unless
    /// `move_to` names where they go: then they move there first, in
    /// their order, and it is all one change (one undo).
    DeleteColumn {
        column: String,
        move_to: Option<String>,
    },
    AddTask(NewTask),
    EditTask {
        id: TaskId,
        edit: TaskEdit,
    },
    /// Move to `column`, at `position` among its other cards (end when `None`).
    MoveTask {
        id: TaskId,
        column: String,
        position: Option<usize>,
    },
    DeleteTask {
        id: TaskId,
    },
    BlockTask {
        id: TaskId,
        reason: String,
    },
    UnblockTask {
        id: TaskId,
    },
    SetRole {
        task: TaskId,
        party: String,
        role: Option<Role>,
    },
    AddIssue(NewIssue),
    AcknowledgeIssue {
        id: IssueId,
    },
    ResolveIssue {
        id: IssueId,
        note: String,
    },
    /// Closes the issue; a reason, if given, goes into its resolution
    /// (why it was closed unresolved: a duplicate, not a problem).
    CloseIssue {
        id: IssueId,
        reason: String,
    },
    ReopenIssue {
        id: IssueId,
    },
    EditIssue {
        id: IssueId,
        edit: IssueEdit,
    },
    /// Raise the urgency one step, saying why; the party accountable is
    /// named in the log (the A of the linked task, else the owner's
    /// department, else the owner).
    EscalateIssue {
        id: IssueId,
        reason: String,
    },
    /// Open a standup record at now. Refused while one is open.
    StartStandup {
        order: StandupOrder,
    },
    /// Record a decision in the open standup (owner: a party as typed).
    Decide(Decision),
    /// Park a topic in the open standup (owner: a party as typed).
    Park(Parked),
    /// Note how long each speaker has spoken so far in the open standup,
    /// so that a meeting left half-way keeps its times.
    TimeSpeakers {
        speakers: Vec<SpeakerTime>,
    },
    /// Close the open standup at now, with the time each speaker took
    /// (kept as they were when `None`).
    EndStandup {
        speakers: Option<Vec<SpeakerTime>>,
    },
    /// Settle the conflict a merge recorded on `field` of `record`: keep
    /// the value the board holds (`take: None`), or take one of the values
    /// other sides wrote (`Some(0)` the first, see
    /// [`Conflict::alternatives`](super::Conflict::alternatives)).
    SettleConflict {
        record: String,
        field: String,
        take: Option<usize>,
    },
    /// Cards brought in from another tool's export: every column, party
    /// and card it adds or changes, as one change (one undo).
    Import(Import),
    /// Alerts sent to a chat (`target:key` each), recorded so that they
    /// are sent once.
    RecordAlerts {
        sent: Vec<String>,
    },
}

/// Which fields of an issue to change; `None` leaves a field alone, and
/// `Some(None)` clears an optional one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IssueEdit {
    pub title: Option<String>,
    pub detail: Option<String>,
    pub owner: Option<Option<String>>,
    pub parties: Option<Vec<String>>,
    pub impact: Option<Level>,
    pub urgency: Option<Level>,
    pub support: Option<String>,
    pub proposal: Option<String>,
    pub task: Option<Option<TaskId>>,
    pub respond_by: Option<Option<Timestamp>>,
    pub resolve_by: Option<Option<Timestamp>>,
}

/// The fields of a new task.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewTask {
    pub title: String,
    /// First column when `None`.
    pub column: Option<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub risk: Option<Risk>,
    pub note: String,
    pub depends_on: Vec<TaskId>,
    /// Where an imported card came from (see [`Task::source`]).
    pub source: Option<String>,
    /// The day work on it began, as an imported sheet says; used for a card
    /// created past the first column instead of now.
    pub started: Option<NaiveDate>,
}

/// Which fields of a task to change; `None` leaves a field alone, and
/// `Some(None)` clears an optional one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskEdit {
    pub title: Option<String>,
    pub owner: Option<Option<String>>,
    pub due: Option<Option<NaiveDate>>,
    pub risk: Option<Option<Risk>>,
    pub note: Option<String>,
    pub depends_on: Option<Vec<TaskId>>,
}

/// The fields of a new issue.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewIssue {
    pub title: String,
    pub detail: String,
    pub reporter: Option<String>,
    pub parties: Vec<String>,
    pub owner: Option<String>,
    pub impact: Level,
    pub urgency: Level,
    pub support: String,
    pub proposal: String,
    pub task: Option<TaskId>,
    /// Deadlines set by hand, over the priority's targets.
    pub respond_by: Option<Timestamp>,
    pub resolve_by: Option<Timestamp>,
}

/// The outcome of an accepted action.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// Restoring it undoes the action.
    pub patch: Patch,
    /// The id of a record the action created (`T-5`, `I-2`, a party code).
    pub created: Option<String>,
    pub warnings: Vec<Warning>,
}

impl Board {
    /// Validates and applies one action at `now`, appending to the log.
    /// On error the board is left exactly as it was.
    pub fn apply(&mut self, action: &Action, now: Timestamp) -> Result<Applied, ActionError> {
        let mut txn = Txn {
            patch: Patch::empty_for(self),
            board: self,
            now,
            created: None,
            warnings: Vec::new(),
        };
        match txn.run(action) {
            Ok(()) => {
                txn.sync_index();
                Ok(Applied {
                    patch: txn.patch,
                    created: txn.created,
                    warnings: txn.warnings,
                })
            }
            Err(e) => {
                let patch = txn.patch;
                self.restore(patch);
                Err(e)
            }
        }
    }

    /// Resolves a party typed by a user to its code.
    pub fn resolve_party(&self, text: &str) -> Result<String, ActionError> {
        self.find_party(text)
            .map(|p| p.code.clone())
            .ok_or_else(|| {
                let known: Vec<&str> = self.parties.iter().map(|p| p.code.as_str()).collect();
                let known = if known.is_empty() {
                    "none yet".to_string()
                } else {
                    known.join(", ")
                };
                ActionError::NoParty(text.trim().to_string(), known)
            })
    }

    /// Resolves a column typed by a user (id or name) to its id.
    pub fn resolve_column(&self, text: &str) -> Result<String, ActionError> {
        self.find_column(text).map(|c| c.id.clone()).ok_or_else(|| {
            let known: Vec<&str> = self.columns.iter().map(|c| c.id.as_str()).collect();
            ActionError::NoColumn(text.trim().to_string(), known.join(", "))
        })
    }
}

/// One action in progress: every write goes through it, so that it can
/// record the before-image of each record on first touch.
struct Txn<'a> {
    board: &'a mut Board,
    patch: Patch,
    now: Timestamp,
    created: Option<String>,
    warnings: Vec<Warning>,
}

impl Txn<'_> {
    fn run(&mut self, action: &Action) -> Result<(), ActionError> {
        match action {
            Action::SetInfo { name, goal } => self.set_info(name.as_deref(), goal.as_deref()),
            Action::AddParty {
                code,
                name,
                kind,
                department,
            } => self.add_party(code, name, *kind, department.as_deref()),
            Action::RenameParty { party, name } => self.rename_party(party, name),
            Action::MoveParty { party, position } => self.move_party(party, *position),
            Action::RemoveParty { party, cascade } => self.remove_party(party, *cascade),
            Action::RecodeParty { party, code } => self.recode_party(party, code),
            Action::SetRaciLimits(limits) => self.set_raci_limits(*limits),
            Action::SetSlaTargets(targets) => self.set_sla_targets(targets),
            Action::AddColumn { name, wip } => self.add_column(name, *wip),
            Action::SetWip { column, wip } => self.set_wip(column, *wip),
            Action::RenameColumn { column, name } => self.rename_column(column, name),
            Action::MoveColumn { column, position } => self.move_column(column, *position),
            Action::DeleteColumn { column, move_to } => {
                self.delete_column(column, move_to.as_deref())
            }
            Action::AddTask(new) => self.add_task(new),
            Action::EditTask { id, edit } => self.edit_task(*id, edit),
            Action::MoveTask {
                id,
                column,
                position,
            } => self.move_task(*id, column, *position),
            Action::DeleteTask { id } => self.delete_task(*id),
            Action::BlockTask { id, reason } => self.block_task(*id, reason),
            Action::UnblockTask { id } => self.unblock_task(*id),
            Action::SetRole { task, party, role } => self.set_role(*task, party, *role),
            Action::AddIssue(new) => self.add_issue(new),
            Action::AcknowledgeIssue { id } => self.acknowledge(*id),
            Action::ResolveIssue { id, note } => self.resolve(*id, note),
            Action::CloseIssue { id, reason } => self.close(*id, reason),
            Action::ReopenIssue { id } => self.reopen(*id),
            Action::EditIssue { id, edit } => self.edit_issue(*id, edit),
            Action::EscalateIssue { id, reason } => self.escalate(*id, reason),
            Action::StartStandup { order } => self.start_standup(*order),
            Action::Decide(decision) => self.decide(decision),
            Action::Park(parked) => self.park(parked),
            Action::TimeSpeakers { speakers } => self.time_speakers(speakers),
            Action::EndStandup { speakers } => self.end_standup(speakers.as_deref()),
            Action::SettleConflict {
                record,
                field,
                take,
            } => self.settle(record, field, *take),
            Action::Import(import) => self.import(import),
            Action::RecordAlerts { sent } => self.record_alerts(sent),
        }
    }

    // --- recording writes -------------------------------------------------

    /// Refiles the tasks touched so far in the column index, so that what
    /// the action asks of the index next sees its own changes.
    fn sync_index(&mut self) {
        let touched: Vec<TaskId> = self.patch.task_ids().collect();
        self.board.reindex_tasks(touched);
    }

    fn task_mut(&mut self, id: TaskId) -> Result<&mut Task, ActionError> {
        if !self.patch.tasks.iter().any(|(t, _)| *t == id) {
            let before = self.board.tasks.get(&id).cloned();
            if before.is_none() {
                return Err(ActionError::NoTask(id));
            }
            self.patch.tasks.push((id, before));
        }
        self.board.tasks.get_mut(&id).ok_or(ActionError::NoTask(id))
    }

    fn insert_task(&mut self, task: Task) {
        if !self.patch.tasks.iter().any(|(t, _)| *t == task.id) {
            let before = self.board.tasks.get(&task.id).cloned();
            self.patch.tasks.push((task.id, before));
        }
        self.board.tasks.insert(task.id, task);
    }

    fn remove_task(&mut self, id: TaskId) -> Result<Task, ActionError> {
        self.task_mut(id)?;
        self.board.tasks.remove(&id).ok_or(ActionError::NoTask(id))
    }

    fn issue_mut(&mut self, id: IssueId) -> Result<&mut Issue, ActionError> {
        if !self.patch.issues.iter().any(|(i, _)| *i == id) {
            let before = self.board.issues.get(&id).cloned();
            if before.is_none() {
                return Err(ActionError::NoIssue(id));
            }
            self.patch.issues.push((id, before));
        }
        self.board
            .issues
            .get_mut(&id)
            .ok_or(ActionError::NoIssue(id))
    }

    fn insert_issue(&mut self, issue: Issue) {
        if !self.patch.issues.iter().any(|(i, _)| *i == issue.id) {
            let before = self.board.issues.get(&issue.id).cloned();
            self.patch.issues.push((issue.id, before));
        }
        self.board.issues.insert(issue.id, issue);
    }

    fn parties_mut(&mut self) -> &mut Vec<Party> {
        if self.patch.parties.is_none() {
            self.patch.parties = Some(self.board.parties.clone());
        }
        &mut self.board.parties
    }

    fn columns_mut(&mut self) -> &mut Vec<Column> {
        if self.patch.columns.is_none() {
            self.patch.columns = Some(self.board.columns.clone());
        }
        &mut self.board.columns
    }

    fn log(
        &mut self,
        what: Event,
        record: String,
        field: Option<&str>,
        from: Option<String>,
        to: Option<String>,
    ) {
        self.board.log.push(LogEntry {
            at: self.now,
            what,
            record,
            field: field.map(str::to_string),
            from,
            to,
        });
    }

    // --- board ------------------------------------------------------------
}

/// Task ids as the log writes a list of them: `T-1,T-3`.
fn join_ids(ids: &[TaskId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Titles are one trimmed line; an empty one is refused.
fn clean_title(title: &str) -> Result<String, ActionError> {
    let t = title.trim();
    if t.is_empty() {
        return Err(ActionError::EmptyTitle);
    }
    Ok(t.to_string())
}

/// The word for a risk level.
pub fn risk_word(risk: Risk) -> &'static str {
    match risk {
        Risk::Low => mark("low"),
        Risk::Medium => mark("medium"),
        Risk::High => mark("high"),
    }
}

/// Reads a risk level (`high`, `medium`, `low`, or `h`, `m`, `l`).
pub fn parse_risk(text: &str) -> Option<Risk> {
    Level::parse(text).map(|l| match l {
        Level::High => Risk::High,
        Level::Medium => Risk::Medium,
        Level::Low => Risk::Low,
    })
}
