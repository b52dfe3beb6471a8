//! Why an action was refused, and what an accepted one should warn of:
//! sentences a user can act on, in English or the interface's language.

use crate::i18n::Lang;
use crate::model::ids::{IssueId, TaskId};
use crate::model::parties::PartyUses;

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
    /// An import's steps held another import.
    NestedImport,
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
                "column `{0}` still holds {1} card(s): say which column they go to",
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
            ActionError::NestedImport => l.t("an import cannot hold another import").into(),
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
