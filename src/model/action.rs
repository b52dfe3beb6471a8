//! Every change to a board is an [`Action`] applied by [`Board::apply`].
//!
//! `apply` validates, mutates, appends to the activity log and returns the
//! [`Patch`] that undoes it. If anything fails half-way, the patch collected
//! so far is restored, so a refused action leaves the board exactly as it was.

mod meeting;
mod settle;

use chrono::NaiveDate;

use super::board::{
    Blocked, Board, Column, Decision, Event, Issue, IssueStatus, LogEntry, Parked, Party,
    PartyKind, Risk, SpeakerTime, StandupOrder, Task,
};
use super::ids::{IssueId, TaskId};
use super::parties::PartyUses;
use super::patch::Patch;
use super::raci::Role;
use super::settings::{RaciLimits, SlaTargets};
use super::time::Timestamp;
use super::triage::Level;
use super::triage::Priority;
use crate::i18n::{Lang, mark};

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
    /// Remove an empty column.
    DeleteColumn {
        column: String,
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
    CloseIssue {
        id: IssueId,
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

/// Why an action was refused. Each message is a sentence a user can act on,
/// in English ([`fmt::Display`]) or the interface's language
/// ([`ActionError::localized`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionError {
    NoTask(TaskId),
    NoIssue(IssueId),
    NoParty(String, String),
    NoColumn(String, String),
    EmptyTitle,
    EmptyName,
    PartyExists(String),
    BadPartyCode(String),
    PartyInUse {
        code: String,
        uses: PartyUses,
    },
    BadSlaTarget(&'static str),
    ZeroLimit(&'static str),
    ColumnExists(String),
    ZeroWip,
    ColumnNotEmpty {
        name: String,
        count: usize,
    },
    OnlyColumn(String),
    SelfDependency(TaskId),
    DependencyCycle {
        task: TaskId,
        dep: TaskId,
    },
    NoReason(TaskId),
    NotBlocked(TaskId),
    MostUrgent(IssueId),
    NoEscalationReason(IssueId),
    StandupOpen(String),
    NoStandup,
    EmptyDecision,
    EmptyTopic,
    NoConflict(String),
    ConflictMisfit {
        name: String,
        why: String,
    },
    /// A conflict has fewer values than the one asked for.
    NoConflictValue {
        name: String,
        asked: usize,
        values: usize,
    },
    IssueState {
        id: IssueId,
        status: &'static str,
        verb: &'static str,
    },
    /// Every id a card or an issue can have is taken.
    NoIdsLeft(&'static str),
    /// An issue's resolve deadline would fall before its respond deadline.
    ResolveBeforeRespond {
        respond_by: String,
        resolve_by: String,
    },
}

impl ActionError {
    /// The message in `l`.
    pub fn localized(&self, l: Lang) -> String {
        match self {
            ActionError::NoTask(id) => l.f("there is no task {0}", &[id]),
            ActionError::NoIssue(id) => l.f("there is no issue {0}", &[id]),
            ActionError::NoParty(code, known) => {
                l.f("there is no party `{0}` (known: {1})", &[code, known])
            }
            ActionError::NoColumn(name, known) => {
                l.f("there is no column `{0}` (columns: {1})", &[name, known])
            }
            ActionError::EmptyTitle => l.t("the title is empty").into(),
            ActionError::EmptyName => l.t("the name is empty").into(),
            ActionError::PartyExists(code) => {
                l.f("a party with code `{0}` exists already", &[code])
            }
            ActionError::BadPartyCode(code) => l.f(
                "`{0}` is not a usable party code: use up to 16 letters, digits, `-` or `_`",
                &[code],
            ),
            ActionError::PartyInUse { code, uses } => {
                l.f("party `{0}` {1}", &[code, &uses.describe(l)])
            }
            ActionError::BadSlaTarget(priority) => l.f(
                "{0}: an SLA target must be longer than 0, and resolving cannot be due before responding",
                &[priority],
            ),
            ActionError::ZeroLimit(name) => {
                l.f("RACI limits must be 1 or more ({0} is 0)", &[&l.t(name)])
            }
            ActionError::ColumnExists(name) => {
                l.f("a column named `{0}` exists already", &[name])
            }
            ActionError::ZeroWip => l
                .t("a WIP limit must be 1 or more (use `-` for no limit)")
                .into(),
            ActionError::ColumnNotEmpty { name, count } => l.f(
                "column `{0}` still holds {1} card(s): move or delete them first",
                &[name, count],
            ),
            ActionError::OnlyColumn(name) => {
                l.f("`{0}` is the only column; a board needs one", &[name])
            }
            ActionError::SelfDependency(id) => l.f("{0} cannot depend on itself", &[id]),
            ActionError::DependencyCycle { task, dep } => l.f(
                "{0} cannot depend on {1}: {1} already waits on {0}",
                &[task, dep],
            ),
            ActionError::NoReason(id) => l.f("give a reason for blocking {0}", &[id]),
            ActionError::NotBlocked(id) => l.f("{0} is not blocked", &[id]),
            ActionError::MostUrgent(id) => l.f("{0} is already at the highest urgency", &[id]),
            ActionError::NoEscalationReason(id) => {
                l.f("give a reason for escalating {0}", &[id])
            }
            ActionError::StandupOpen(started) => l.f(
                "a standup is running already (started {0}): end it first",
                &[started],
            ),
            ActionError::NoStandup => l.t("no standup is running: start one first").into(),
            ActionError::EmptyDecision => l.t("say what was decided").into(),
            ActionError::EmptyTopic => l.t("say what topic to park").into(),
            ActionError::NoConflict(record) => l.f(
                "there is no conflict on {0} (see `standup check`)",
                &[record],
            ),
            ActionError::ConflictMisfit { name, why } => l.f(
                "the other value of {0} does not fit the board now: {1}",
                &[name, why],
            ),
            ActionError::NoConflictValue {
                name,
                asked,
                values,
            } => l.f(
                "{0} has {1} other value(s): there is no value {2}",
                &[name, values, asked],
            ),
            ActionError::IssueState { id, status, verb } => l.f(
                "{0} is {1}: it cannot be {2}",
                &[id, &l.t(status), &l.t(verb)],
            ),
            ActionError::NoIdsLeft(what) => l.f(
                "no new {0} can be added: this board has used the highest id there is",
                &[&l.t(what)],
            ),
            ActionError::ResolveBeforeRespond {
                respond_by,
                resolve_by,
            } => l.f(
                "resolve by {0} is before respond by {1}: an issue cannot be resolved before it is answered",
                &[resolve_by, respond_by],
            ),
        }
    }
}

crate::i18n::english_display!(ActionError);

impl std::error::Error for ActionError {}

/// Something the user should hear about an accepted action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The column now holds more cards than its WIP limit.
    OverWip {
        column: String,
        count: usize,
        limit: u32,
    },
}

impl Warning {
    /// The warning in `l`.
    pub fn localized(&self, l: Lang) -> String {
        match self {
            Warning::OverWip {
                column,
                count,
                limit,
            } => l.f(
                "{0} is over its WIP limit ({1}/{2})",
                &[column, count, limit],
            ),
        }
    }
}

crate::i18n::english_display!(Warning);

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
            Action::SetRaciLimits(limits) => self.set_raci_limits(*limits),
            Action::SetSlaTargets(targets) => self.set_sla_targets(targets),
            Action::AddColumn { name, wip } => self.add_column(name, *wip),
            Action::SetWip { column, wip } => self.set_wip(column, *wip),
            Action::RenameColumn { column, name } => self.rename_column(column, name),
            Action::MoveColumn { column, position } => self.move_column(column, *position),
            Action::DeleteColumn { column } => self.delete_column(column),
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
            Action::CloseIssue { id } => self.close(*id),
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

    fn set_info(&mut self, name: Option<&str>, goal: Option<&str>) -> Result<(), ActionError> {
        let old = (self.board.name.clone(), self.board.goal.clone());
        let name = name.map(|n| n.trim().to_string());
        let goal = goal.map(|g| g.trim().to_string());
        if name.as_deref().is_some_and(str::is_empty) {
            return Err(ActionError::EmptyName);
        }
        let mut changed = false;
        if let Some(name) = name.filter(|n| *n != old.0) {
            self.log(
                Event::Edit,
                "board".into(),
                Some("name"),
                Some(old.0.clone()),
                Some(name.clone()),
            );
            self.board.name = name;
            changed = true;
        }
        if let Some(goal) = goal.filter(|g| *g != old.1) {
            self.log(
                Event::Edit,
                "board".into(),
                Some("goal"),
                Some(old.1.clone()),
                Some(goal.clone()),
            );
            self.board.goal = goal;
            changed = true;
        }
        if changed {
            self.patch.info = Some(old);
        }
        Ok(())
    }

    fn add_party(
        &mut self,
        code: &str,
        name: &str,
        kind: PartyKind,
        department: Option<&str>,
    ) -> Result<(), ActionError> {
        let code = code.trim();
        let name = name.trim();
        let code_ok = !code.is_empty()
            && code.chars().count() <= 16
            && code
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !code_ok {
            return Err(ActionError::BadPartyCode(code.to_string()));
        }
        if name.is_empty() {
            return Err(ActionError::EmptyName);
        }
        if self
            .board
            .parties
            .iter()
            .any(|p| p.code.eq_ignore_ascii_case(code))
        {
            return Err(ActionError::PartyExists(code.to_string()));
        }
        let department = match department {
            Some(d) => Some(self.board.resolve_party(d)?),
            None => None,
        };
        self.parties_mut().push(Party {
            code: code.to_string(),
            name: name.to_string(),
            kind,
            department,
        });
        self.log(
            Event::Create,
            format!("party:{code}"),
            None,
            None,
            Some(name.to_string()),
        );
        self.created = Some(code.to_string());
        Ok(())
    }

    fn rename_party(&mut self, party: &str, name: &str) -> Result<(), ActionError> {
        let code = self.board.resolve_party(party)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(ActionError::EmptyName);
        }
        let Some(at) = self.board.parties.iter().position(|p| p.code == code) else {
            return Ok(());
        };
        let old = self.board.parties[at].name.clone();
        if old == name {
            return Ok(());
        }
        self.parties_mut()[at].name = name.to_string();
        self.log(
            Event::Edit,
            format!("party:{code}"),
            Some("name"),
            Some(old),
            Some(name.to_string()),
        );
        Ok(())
    }

    fn move_party(&mut self, party: &str, position: usize) -> Result<(), ActionError> {
        let code = self.board.resolve_party(party)?;
        let Some(from) = self.board.parties.iter().position(|p| p.code == code) else {
            return Ok(());
        };
        let to = position.min(self.board.parties.len().saturating_sub(1));
        if from == to {
            return Ok(());
        }
        let parties = self.parties_mut();
        let moved = parties.remove(from);
        parties.insert(to, moved);
        self.log(
            Event::Move,
            format!("party:{code}"),
            Some("position"),
            Some(from.to_string()),
            Some(to.to_string()),
        );
        Ok(())
    }

    fn remove_party(&mut self, party: &str, cascade: bool) -> Result<(), ActionError> {
        let code = self.board.resolve_party(party)?;
        let uses = self.board.party_uses(&code);
        if !cascade && !uses.is_empty() {
            return Err(ActionError::PartyInUse { code, uses });
        }
        let now = self.now;
        for id in uses.tasks {
            let task = self.task_mut(id)?;
            let role = task.raci.remove(&code);
            let owned = task.owner.as_deref() == Some(code.as_str());
            if owned {
                task.owner = None;
            }
            task.updated = now;
            // Every change the removal makes is logged, so that the history
            // (and a report of a past day) can read it back.
            if owned {
                let from = Some(code.clone());
                self.log(Event::Edit, id.to_string(), Some("owner"), from, None);
            }
            if let Some(role) = role {
                self.log(
                    Event::Role,
                    id.to_string(),
                    Some(&code),
                    Some(role.as_str().to_string()),
                    None,
                );
            }
        }
        for id in uses.issues {
            let issue = self.issue_mut(id)?;
            let clear = |field: &mut Option<String>| {
                if field.as_deref() == Some(code.as_str()) {
                    *field = None;
                }
            };
            let (owner, parties) = (issue.owner.clone(), issue.parties.join(","));
            clear(&mut issue.owner);
            clear(&mut issue.reporter);
            issue.parties.retain(|p| *p != code);
            let after = (issue.owner.clone(), issue.parties.join(","));
            if owner != after.0 {
                self.log(Event::Edit, id.to_string(), Some("owner"), owner, None);
            }
            if parties != after.1 {
                let (from, to) = (Some(parties), Some(after.1));
                self.log(Event::Edit, id.to_string(), Some("parties"), from, to);
            }
        }
        let name = self
            .board
            .find_party(&code)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let parties = self.parties_mut();
        parties.retain(|p| p.code != code);
        for p in parties.iter_mut() {
            if p.department.as_deref() == Some(code.as_str()) {
                p.department = None;
            }
        }
        self.log(
            Event::Delete,
            format!("party:{code}"),
            None,
            Some(name),
            None,
        );
        Ok(())
    }

    fn set_raci_limits(&mut self, limits: RaciLimits) -> Result<(), ActionError> {
        for (value, name) in [
            (limits.responsible_warn, mark("the R warning")),
            (limits.consulted_max, mark("the C limit")),
            (limits.overload_r, mark("the overload R limit")),
            (limits.overload_a, mark("the overload A limit")),
        ] {
            if value == 0 {
                return Err(ActionError::ZeroLimit(name));
            }
        }
        let old = self.board.settings.raci;
        if old == limits {
            return Ok(());
        }
        if self.patch.settings.is_none() {
            self.patch.settings = Some(Box::new(self.board.settings.clone()));
        }
        self.board.settings.raci = limits;
        self.log(
            Event::Edit,
            "board".into(),
            Some("settings.raci"),
            Some(old.to_string()),
            Some(limits.to_string()),
        );
        Ok(())
    }

    fn set_sla_targets(&mut self, targets: &SlaTargets) -> Result<(), ActionError> {
        for priority in Priority::ALL {
            let t = targets.for_priority(priority);
            if t.respond.minutes() == 0 || t.resolve.minutes() < t.respond.minutes() {
                return Err(ActionError::BadSlaTarget(priority.as_str()));
            }
        }
        let old = self.board.settings.sla;
        if old == *targets {
            return Ok(());
        }
        if self.patch.settings.is_none() {
            self.patch.settings = Some(Box::new(self.board.settings.clone()));
        }
        self.board.settings.sla = *targets;
        self.log(
            Event::Edit,
            "board".into(),
            Some("settings.sla"),
            Some(old.to_string()),
            Some(targets.to_string()),
        );
        Ok(())
    }

    fn add_column(&mut self, name: &str, wip: Option<u32>) -> Result<(), ActionError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ActionError::EmptyName);
        }
        if wip == Some(0) {
            return Err(ActionError::ZeroWip);
        }
        if self
            .board
            .columns
            .iter()
            .any(|c| c.name.to_lowercase() == name.to_lowercase())
        {
            return Err(ActionError::ColumnExists(name.to_string()));
        }
        let id = Column::fresh_id(name, &self.board.columns);
        // New columns go before the last one: the last column means
        // "finished", and adding `QA` must not make finished work unfinished.
        let at = self.board.columns.len().saturating_sub(1);
        self.columns_mut().insert(
            at,
            Column {
                id: id.clone(),
                name: name.to_string(),
                wip,
            },
        );
        self.log(
            Event::Create,
            format!("column:{id}"),
            None,
            None,
            Some(name.to_string()),
        );
        self.created = Some(id);
        Ok(())
    }

    fn set_wip(&mut self, column: &str, wip: Option<u32>) -> Result<(), ActionError> {
        if wip == Some(0) {
            return Err(ActionError::ZeroWip);
        }
        let id = self.board.resolve_column(column)?;
        let old = self.board.column(&id).and_then(|c| c.wip);
        if old == wip {
            return Ok(());
        }
        if let Some(col) = self.columns_mut().iter_mut().find(|c| c.id == id) {
            col.wip = wip;
        }
        let show = |w: Option<u32>| w.map(|n| n.to_string());
        self.log(
            Event::Edit,
            format!("column:{id}"),
            Some("wip"),
            show(old),
            show(wip),
        );
        Ok(())
    }

    fn rename_column(&mut self, column: &str, name: &str) -> Result<(), ActionError> {
        let id = self.board.resolve_column(column)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(ActionError::EmptyName);
        }
        let old = self
            .board
            .column(&id)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        if old == name {
            return Ok(());
        }
        if self
            .board
            .columns
            .iter()
            .any(|c| c.id != id && c.name.to_lowercase() == name.to_lowercase())
        {
            return Err(ActionError::ColumnExists(name.to_string()));
        }
        if let Some(col) = self.columns_mut().iter_mut().find(|c| c.id == id) {
            col.name = name.to_string();
        }
        self.log(
            Event::Edit,
            format!("column:{id}"),
            Some("name"),
            Some(old),
            Some(name.to_string()),
        );
        Ok(())
    }

    fn move_column(&mut self, column: &str, position: usize) -> Result<(), ActionError> {
        let id = self.board.resolve_column(column)?;
        let from = self.board.column_index(&id).unwrap_or(0);
        let to = position.min(self.board.columns.len().saturating_sub(1));
        if from == to {
            return Ok(());
        }
        let old_last = self.board.last_column().map(|c| c.id.clone());
        let columns = self.columns_mut();
        let col = columns.remove(from);
        columns.insert(to, col);
        self.log(
            Event::Move,
            format!("column:{id}"),
            Some("position"),
            Some(from.to_string()),
            Some(to.to_string()),
        );
        self.restamp_finished(old_last);
        Ok(())
    }

    fn delete_column(&mut self, column: &str) -> Result<(), ActionError> {
        let id = self.board.resolve_column(column)?;
        let name = self
            .board
            .column(&id)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        self.sync_index();
        let count = self.board.column_count(&id);
        if count > 0 {
            return Err(ActionError::ColumnNotEmpty { name, count });
        }
        if self.board.columns.len() == 1 {
            return Err(ActionError::OnlyColumn(name));
        }
        let old_last = self.board.last_column().map(|c| c.id.clone());
        self.columns_mut().retain(|c| c.id != id);
        self.log(
            Event::Delete,
            format!("column:{id}"),
            None,
            Some(name),
            None,
        );
        self.restamp_finished(old_last);
        Ok(())
    }

    /// When a different column became the last one, its cards are finished
    /// from now and the old last column's cards are no longer.
    fn restamp_finished(&mut self, old_last: Option<String>) {
        let new_last = self.board.last_column().map(|c| c.id.clone());
        if new_last == old_last {
            return;
        }
        let now = self.now;
        self.sync_index();
        let affected: Vec<TaskId> = [&old_last, &new_last]
            .into_iter()
            .flatten()
            .flat_map(|column| self.board.index.column(column))
            .collect();
        for id in affected {
            if let Ok(task) = self.task_mut(id) {
                task.finished = if Some(&task.column) == new_last.as_ref() {
                    Some(task.finished.unwrap_or(now))
                } else {
                    None
                };
            }
        }
    }

    // --- tasks ------------------------------------------------------------

    fn add_task(&mut self, new: &NewTask) -> Result<(), ActionError> {
        let title = clean_title(&new.title)?;
        let column = match &new.column {
            Some(c) => self.board.resolve_column(c)?,
            None => self.board.resolve_column(
                &self
                    .board
                    .columns
                    .first()
                    .map(|c| c.id.clone())
                    .unwrap_or_default(),
            )?,
        };
        let owner = self.resolve_owner(new.owner.as_deref())?;
        let id = self
            .board
            .next_task_id()
            .ok_or(ActionError::NoIdsLeft(mark("card")))?;
        for dep in &new.depends_on {
            if !self.board.tasks.contains_key(dep) {
                return Err(ActionError::NoTask(*dep));
            }
        }
        let mut depends_on = new.depends_on.clone();
        depends_on.sort();
        depends_on.dedup();
        let rank = self.end_rank(&column, None);
        let first = self.board.columns.first().is_some_and(|c| c.id == column);
        let last = self.board.columns.last().is_some_and(|c| c.id == column);
        let task = Task {
            id,
            title: title.clone(),
            column: column.clone(),
            rank,
            owner,
            due: new.due,
            risk: new.risk,
            note: new.note.trim().to_string(),
            blocked: None,
            raci: Default::default(),
            depends_on,
            created: self.now,
            updated: self.now,
            started: (!first).then_some(self.now),
            finished: last.then_some(self.now),
            moved: None,
        };
        self.board.high_water.task = id.number();
        self.insert_task(task);
        self.log(Event::Create, id.to_string(), None, None, Some(title));
        self.created = Some(id.to_string());
        self.warn_wip(&column);
        Ok(())
    }

    fn resolve_owner(&self, owner: Option<&str>) -> Result<Option<String>, ActionError> {
        match owner.map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => self.board.resolve_party(text).map(Some),
        }
    }

    fn edit_task(&mut self, id: TaskId, edit: &TaskEdit) -> Result<(), ActionError> {
        let before = self
            .board
            .tasks
            .get(&id)
            .cloned()
            .ok_or(ActionError::NoTask(id))?;
        let mut changes: Vec<(&str, Option<String>, Option<String>)> = Vec::new();
        let title = edit.title.as_deref().map(clean_title).transpose()?;
        let owner = match &edit.owner {
            Some(o) => Some(self.resolve_owner(o.as_deref())?),
            None => None,
        };
        if let Some(deps) = &edit.depends_on {
            self.check_dependencies(id, deps)?;
        }
        let now = self.now;
        let task = self.task_mut(id)?;
        if let Some(title) = title.filter(|t| *t != before.title) {
            changes.push(("title", Some(before.title.clone()), Some(title.clone())));
            task.title = title;
        }
        if let Some(owner) = owner.filter(|o| *o != before.owner) {
            changes.push(("owner", before.owner.clone(), owner.clone()));
            task.owner = owner;
        }
        if let Some(due) = edit.due.filter(|d| *d != before.due) {
            let show = |d: Option<NaiveDate>| d.map(|d| d.to_string());
            changes.push(("due", show(before.due), show(due)));
            task.due = due;
        }
        if let Some(risk) = edit.risk.filter(|r| *r != before.risk) {
            let show = |r: Option<Risk>| r.map(|r| risk_word(r).to_string());
            changes.push(("risk", show(before.risk), show(risk)));
            task.risk = risk;
        }
        if let Some(note) = edit
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| *n != before.note)
        {
            changes.push(("note", Some(before.note.clone()), Some(note.to_string())));
            task.note = note.to_string();
        }
        if let Some(deps) = &edit.depends_on {
            let mut deps = deps.clone();
            deps.sort();
            deps.dedup();
            if deps != before.depends_on {
                let show = |d: &[TaskId]| {
                    Some(
                        d.iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(","),
                    )
                };
                changes.push(("depends_on", show(&before.depends_on), show(&deps)));
                task.depends_on = deps;
            }
        }
        if changes.is_empty() {
            // Nothing differs: put the untouched before-image away again.
            self.patch.tasks.retain(|(t, _)| *t != id);
            return Ok(());
        }
        task.updated = now;
        for (field, from, to) in changes {
            self.log(Event::Edit, id.to_string(), Some(field), from, to);
        }
        Ok(())
    }

    /// Refuses dependencies that do not exist, point at the task itself, or
    /// would close a cycle.
    fn check_dependencies(&self, id: TaskId, deps: &[TaskId]) -> Result<(), ActionError> {
        for dep in deps {
            if *dep == id {
                return Err(ActionError::SelfDependency(id));
            }
            if !self.board.tasks.contains_key(dep) {
                return Err(ActionError::NoTask(*dep));
            }
            if self.reaches(*dep, id) {
                return Err(ActionError::DependencyCycle {
                    task: id,
                    dep: *dep,
                });
            }
        }
        Ok(())
    }

    /// Whether `from` waits on `target`, directly or through others.
    fn reaches(&self, from: TaskId, target: TaskId) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            if id == target {
                return true;
            }
            if seen.insert(id)
                && let Some(task) = self.board.tasks.get(&id)
            {
                stack.extend(task.depends_on.iter().copied());
            }
        }
        false
    }

    fn move_task(
        &mut self,
        id: TaskId,
        column: &str,
        position: Option<usize>,
    ) -> Result<(), ActionError> {
        let to = self.board.resolve_column(column)?;
        let before = self
            .board
            .tasks
            .get(&id)
            .cloned()
            .ok_or(ActionError::NoTask(id))?;
        let same_column = before.column == to;
        if same_column && position.is_none() {
            return Ok(());
        }
        let rank = match position {
            Some(p) => self.rank_at(&to, id, p),
            None => self.end_rank(&to, Some(id)),
        };
        let first = self.board.columns.first().map(|c| c.id.clone());
        let last = self.board.columns.last().map(|c| c.id.clone());
        let now = self.now;
        let task = self.task_mut(id)?;
        if same_column && task.rank == rank {
            self.patch.tasks.retain(|(t, _)| *t != id);
            return Ok(());
        }
        task.rank = rank;
        task.updated = now;
        if same_column {
            self.log(
                Event::Edit,
                id.to_string(),
                Some("rank"),
                Some(before.rank.to_string()),
                Some(rank.to_string()),
            );
            return Ok(());
        }
        task.column = to.clone();
        task.moved = Some(now);
        if task.started.is_none() && first.as_deref() != Some(to.as_str()) {
            task.started = Some(now);
        }
        task.finished = (last.as_deref() == Some(to.as_str())).then_some(now);
        self.log(
            Event::Move,
            id.to_string(),
            None,
            Some(before.column),
            Some(to.clone()),
        );
        self.warn_wip(&to);
        Ok(())
    }

    /// The other cards of `column` in order, without `except`.
    fn column_ranks(&mut self, column: &str, except: Option<TaskId>) -> Vec<(i64, TaskId)> {
        self.sync_index();
        self.board
            .index
            .ranks(column)
            .filter(|(_, id)| Some(*id) != except)
            .collect()
    }

    fn end_rank(&mut self, column: &str, except: Option<TaskId>) -> i64 {
        self.sync_index();
        let last = self
            .board
            .index
            .ranks(column)
            .rev()
            .find(|(_, id)| Some(*id) != except)
            .map(|(rank, _)| rank);
        match last {
            Some(r) => r.saturating_add(RANK_GAP),
            None => 0,
        }
    }

    /// A rank that puts a card at `position` among the others of `column`,
    /// renumbering the column when there is no room left between neighbours.
    fn rank_at(&mut self, column: &str, id: TaskId, position: usize) -> i64 {
        let others = self.column_ranks(column, Some(id));
        let position = position.min(others.len());
        let prev = position.checked_sub(1).map(|i| others[i].0);
        let next = others.get(position).map(|o| o.0);
        match (prev, next) {
            (None, None) => 0,
            (Some(p), None) if p < i64::MAX - RANK_GAP => p + RANK_GAP,
            (None, Some(n)) if n > i64::MIN + RANK_GAP => n - RANK_GAP,
            (Some(p), Some(n)) if n - p > 1 => p + (n - p) / 2,
            _ => {
                // No room: space the column out again. Rare, and it touches
                // only this column's cards.
                let mut rank = 0;
                for (i, (_, other)) in others.iter().enumerate() {
                    if i == position {
                        rank += RANK_GAP;
                    }
                    if let Ok(task) = self.task_mut(*other) {
                        task.rank = rank;
                    }
                    rank += RANK_GAP;
                }
                position as i64 * RANK_GAP
            }
        }
    }

    fn warn_wip(&mut self, column: &str) {
        let Some(limit) = self.board.column(column).and_then(|c| c.wip) else {
            return;
        };
        self.sync_index();
        let count = self.board.column_count(column);
        if count > limit as usize {
            self.warnings.push(Warning::OverWip {
                column: self
                    .board
                    .column(column)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                count,
                limit,
            });
        }
    }

    fn delete_task(&mut self, id: TaskId) -> Result<(), ActionError> {
        let task = self.remove_task(id)?;
        let dependents: Vec<TaskId> = self
            .board
            .tasks
            .values()
            .filter(|t| t.depends_on.contains(&id))
            .map(|t| t.id)
            .collect();
        for other in dependents {
            let t = self.task_mut(other)?;
            let before = join_ids(&t.depends_on);
            t.depends_on.retain(|d| *d != id);
            let after = join_ids(&t.depends_on);
            let (from, to) = (Some(before), Some(after));
            self.log(Event::Edit, other.to_string(), Some("depends_on"), from, to);
        }
        let linked: Vec<IssueId> = self
            .board
            .issues
            .values()
            .filter(|i| i.task == Some(id))
            .map(|i| i.id)
            .collect();
        for issue in linked {
            self.issue_mut(issue)?.task = None;
            let from = Some(id.to_string());
            self.log(Event::Edit, issue.to_string(), Some("task"), from, None);
        }
        // The card as it was, so that a report of a past day can show it.
        let was = serde_json::to_string(&task).unwrap_or(task.title);
        self.log(Event::Delete, id.to_string(), None, Some(was), None);
        Ok(())
    }

    fn block_task(&mut self, id: TaskId, reason: &str) -> Result<(), ActionError> {
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(ActionError::NoReason(id));
        }
        let now = self.now;
        let task = self.task_mut(id)?;
        let from = task.blocked.as_ref().map(|b| b.reason.clone());
        if from.as_deref() == Some(reason.as_str()) {
            self.patch.tasks.retain(|(t, _)| *t != id);
            return Ok(());
        }
        let since = task.blocked.as_ref().map_or(now, |b| b.since);
        task.blocked = Some(Blocked {
            reason: reason.clone(),
            since,
        });
        task.updated = now;
        self.log(Event::Block, id.to_string(), None, from, Some(reason));
        Ok(())
    }

    fn unblock_task(&mut self, id: TaskId) -> Result<(), ActionError> {
        let now = self.now;
        let task = self.task_mut(id)?;
        let Some(blocked) = task.blocked.take() else {
            return Err(ActionError::NotBlocked(id));
        };
        task.updated = now;
        self.log(
            Event::Unblock,
            id.to_string(),
            None,
            Some(blocked.reason),
            None,
        );
        Ok(())
    }

    fn set_role(&mut self, id: TaskId, party: &str, role: Option<Role>) -> Result<(), ActionError> {
        let code = self.board.resolve_party(party)?;
        let now = self.now;
        let task = self.task_mut(id)?;
        let before = task.raci.get(&code).copied();
        if before == role {
            self.patch.tasks.retain(|(t, _)| *t != id);
            return Ok(());
        }
        match role {
            Some(r) => task.raci.insert(code.clone(), r),
            None => task.raci.remove(&code),
        };
        task.updated = now;
        let show = |r: Option<Role>| r.map(|r| r.as_str().to_string());
        self.log(
            Event::Role,
            id.to_string(),
            Some(&code),
            show(before),
            show(role),
        );
        Ok(())
    }

    // --- issues -----------------------------------------------------------

    fn add_issue(&mut self, new: &NewIssue) -> Result<(), ActionError> {
        let title = clean_title(&new.title)?;
        let owner = self.resolve_owner(new.owner.as_deref())?;
        let reporter = self.resolve_owner(new.reporter.as_deref())?;
        let mut parties = Vec::new();
        for p in &new.parties {
            let code = self.board.resolve_party(p)?;
            if !parties.contains(&code) {
                parties.push(code);
            }
        }
        if let Some(task) = new.task
            && !self.board.tasks.contains_key(&task)
        {
            return Err(ActionError::NoTask(task));
        }
        let id = self
            .board
            .next_issue_id()
            .ok_or(ActionError::NoIdsLeft(mark("issue")))?;
        self.board.high_water.issue = id.number();
        self.insert_issue(Issue {
            id,
            title: title.clone(),
            detail: new.detail.trim().to_string(),
            reporter,
            parties,
            owner,
            impact: new.impact,
            urgency: new.urgency,
            support: new.support.trim().to_string(),
            proposal: new.proposal.trim().to_string(),
            task: new.task,
            status: IssueStatus::Open,
            opened: self.now,
            acknowledged: None,
            resolved: None,
            reopened: None,
            respond_by: new.respond_by,
            resolve_by: new.resolve_by,
            resolution: String::new(),
        });
        self.log(Event::Create, id.to_string(), None, None, Some(title));
        // Deadlines set by hand are logged as edits of the new issue, in the
        // same action (one undo), so its history says who set them.
        for (field, value) in [
            ("respond_by", new.respond_by),
            ("resolve_by", new.resolve_by),
        ] {
            if let Some(t) = value {
                let to = super::time::format_timestamp(&t);
                self.log(Event::Edit, id.to_string(), Some(field), None, Some(to));
            }
        }
        self.check_deadlines(id)?;
        self.created = Some(id.to_string());
        Ok(())
    }

    /// Refuses an issue whose resolve deadline falls before its respond
    /// deadline: it could only ever be resolved late.
    fn check_deadlines(&self, id: IssueId) -> Result<(), ActionError> {
        match self.board.issues.get(&id) {
            Some(issue) => issue.check_deadlines(&self.board.settings.sla),
            None => Ok(()),
        }
    }

    fn transition(
        &mut self,
        id: IssueId,
        allowed: &[IssueStatus],
        verb: &'static str,
    ) -> Result<IssueStatus, ActionError> {
        let status = self
            .board
            .issues
            .get(&id)
            .ok_or(ActionError::NoIssue(id))?
            .status;
        if !allowed.contains(&status) {
            return Err(ActionError::IssueState {
                id,
                status: status.as_str(),
                verb,
            });
        }
        Ok(status)
    }

    /// Logs an issue's move from one status to another.
    fn log_status(&mut self, event: Event, id: IssueId, from: IssueStatus, to: IssueStatus) {
        self.log(
            event,
            id.to_string(),
            None,
            Some(from.as_str().into()),
            Some(to.as_str().into()),
        );
    }

    fn acknowledge(&mut self, id: IssueId) -> Result<(), ActionError> {
        self.transition(id, &[IssueStatus::Open], mark("acknowledged"))?;
        let now = self.now;
        let issue = self.issue_mut(id)?;
        issue.status = IssueStatus::Acknowledged;
        issue.acknowledged = Some(now);
        self.log_status(
            Event::Acknowledge,
            id,
            IssueStatus::Open,
            IssueStatus::Acknowledged,
        );
        Ok(())
    }

    fn resolve(&mut self, id: IssueId, note: &str) -> Result<(), ActionError> {
        let from = self.transition(
            id,
            &[IssueStatus::Open, IssueStatus::Acknowledged],
            mark("resolved"),
        )?;
        let now = self.now;
        let issue = self.issue_mut(id)?;
        issue.status = IssueStatus::Resolved;
        // Resolving answers the issue too: the response clock stops here.
        issue.acknowledged.get_or_insert(now);
        issue.resolved = Some(now);
        issue.resolution = note.trim().to_string();
        self.log_status(Event::Resolve, id, from, IssueStatus::Resolved);
        Ok(())
    }

    fn close(&mut self, id: IssueId) -> Result<(), ActionError> {
        let from = self.transition(
            id,
            &[
                IssueStatus::Open,
                IssueStatus::Acknowledged,
                IssueStatus::Resolved,
            ],
            "closed",
        )?;
        self.issue_mut(id)?.status = IssueStatus::Closed;
        self.log_status(Event::Close, id, from, IssueStatus::Closed);
        Ok(())
    }

    fn reopen(&mut self, id: IssueId) -> Result<(), ActionError> {
        let from = self.transition(
            id,
            &[IssueStatus::Resolved, IssueStatus::Closed],
            mark("reopened"),
        )?;
        let now = self.now;
        let issue = self.issue_mut(id)?;
        issue.status = if issue.acknowledged.is_some() {
            IssueStatus::Acknowledged
        } else {
            IssueStatus::Open
        };
        issue.resolved = None;
        // A new resolution cycle starts now; a deadline set by hand that
        // has already passed belonged to the old one.
        issue.reopened = Some(now);
        let stale = issue.resolve_by.filter(|by| *by <= now);
        if stale.is_some() {
            issue.resolve_by = None;
        }
        let to = issue.status;
        self.log_status(Event::Reopen, id, from, to);
        // Logged, so that the old cycle's deadline can still be read back.
        if let Some(by) = stale {
            let from = Some(super::time::format_timestamp(&by));
            self.log(Event::Edit, id.to_string(), Some("resolve_by"), from, None);
        }
        Ok(())
    }

    fn edit_issue(&mut self, id: IssueId, edit: &IssueEdit) -> Result<(), ActionError> {
        let before = self
            .board
            .issues
            .get(&id)
            .cloned()
            .ok_or(ActionError::NoIssue(id))?;
        let title = edit.title.as_deref().map(clean_title).transpose()?;
        let owner = match &edit.owner {
            Some(o) => Some(self.resolve_owner(o.as_deref())?),
            None => None,
        };
        let parties = match &edit.parties {
            Some(list) => {
                let mut codes = Vec::new();
                for p in list {
                    let code = self.board.resolve_party(p)?;
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
                Some(codes)
            }
            None => None,
        };
        if let Some(Some(task)) = edit.task
            && !self.board.tasks.contains_key(&task)
        {
            return Err(ActionError::NoTask(task));
        }
        let mut after = before.clone();
        if let Some(t) = title {
            after.title = t;
        }
        if let Some(d) = &edit.detail {
            after.detail = d.trim().to_string();
        }
        if let Some(o) = owner {
            after.owner = o;
        }
        if let Some(p) = parties {
            after.parties = p;
        }
        if let Some(l) = edit.impact {
            after.impact = l;
        }
        if let Some(l) = edit.urgency {
            after.urgency = l;
        }
        if let Some(t) = &edit.support {
            after.support = t.trim().to_string();
        }
        if let Some(t) = &edit.proposal {
            after.proposal = t.trim().to_string();
        }
        if let Some(t) = edit.task {
            after.task = t;
        }
        if let Some(t) = edit.respond_by {
            after.respond_by = t;
        }
        if let Some(t) = edit.resolve_by {
            after.resolve_by = t;
        }
        if after == before {
            return Ok(());
        }
        // One log line per field that changed, in words a report can use.
        let show_ts = |t: Option<Timestamp>| t.map(|t| super::time::format_timestamp(&t));
        let changes: Vec<(&str, Option<String>, Option<String>)> = vec![
            (
                "title",
                Some(before.title.clone()),
                Some(after.title.clone()),
            ),
            (
                "detail",
                Some(before.detail.clone()),
                Some(after.detail.clone()),
            ),
            ("owner", before.owner.clone(), after.owner.clone()),
            (
                "parties",
                Some(before.parties.join(",")),
                Some(after.parties.join(",")),
            ),
            (
                "impact",
                Some(before.impact.as_str().into()),
                Some(after.impact.as_str().into()),
            ),
            (
                "urgency",
                Some(before.urgency.as_str().into()),
                Some(after.urgency.as_str().into()),
            ),
            (
                "support",
                Some(before.support.clone()),
                Some(after.support.clone()),
            ),
            (
                "proposal",
                Some(before.proposal.clone()),
                Some(after.proposal.clone()),
            ),
            (
                "task",
                before.task.map(|t| t.to_string()),
                after.task.map(|t| t.to_string()),
            ),
            (
                "respond_by",
                show_ts(before.respond_by),
                show_ts(after.respond_by),
            ),
            (
                "resolve_by",
                show_ts(before.resolve_by),
                show_ts(after.resolve_by),
            ),
        ];
        let deadlines_set = edit.respond_by.is_some() || edit.resolve_by.is_some();
        *self.issue_mut(id)? = after;
        for (field, from, to) in changes {
            if from != to {
                self.log(Event::Edit, id.to_string(), Some(field), from, to);
            }
        }
        if deadlines_set {
            self.check_deadlines(id)?;
        }
        Ok(())
    }

    fn escalate(&mut self, id: IssueId, reason: &str) -> Result<(), ActionError> {
        self.transition(
            id,
            &[IssueStatus::Open, IssueStatus::Acknowledged],
            mark("escalated"),
        )?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ActionError::NoEscalationReason(id));
        }
        let (urgency, accountable) = {
            let issue = self.board.issues.get(&id).ok_or(ActionError::NoIssue(id))?;
            (issue.urgency, self.board.accountable_for(issue))
        };
        let raised = urgency.raised().ok_or(ActionError::MostUrgent(id))?;
        self.issue_mut(id)?.urgency = raised;
        let to = match &accountable {
            Some(party) => format!("{} (accountable: {party}): {reason}", raised.as_str()),
            None => format!("{}: {reason}", raised.as_str()),
        };
        self.log(
            Event::Escalate,
            id.to_string(),
            Some("urgency"),
            Some(urgency.as_str().into()),
            Some(to),
        );
        Ok(())
    }
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
