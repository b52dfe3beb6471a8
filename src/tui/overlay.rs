//! What can sit over a pane and take the keys until it closes: help, the
//! card form, a one-line prompt, a yes/no question, a card's details, the
//! filter menu and the RACI explanations.

use super::form::TaskForm;
use super::issue_form::IssueForm;
use super::line::LineEditor;
use crate::model::{Action, IssueId, TaskId};

/// See the module docs.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Form(Box<TaskForm>),
    IssueForm(Box<IssueForm>),
    Prompt(Prompt),
    Confirm(Confirm),
    /// A card's details, scrolled by `scroll` lines.
    Details {
        task: TaskId,
        scroll: usize,
    },
    FilterMenu,
    /// The issue queue's filters.
    IssueFilterMenu,
    /// The boards to switch to, the one under the cursor, and the one open.
    Boards {
        entries: Vec<crate::store::boards::BoardEntry>,
        selected: usize,
        current: Option<usize>,
    },
    /// The conflicts a merge left, with the one under the cursor.
    Conflicts {
        selected: usize,
    },
    /// The RACI pane's explanations, scrolled by `scroll` lines.
    Explain {
        subject: Subject,
        scroll: usize,
    },
}

/// What an explanation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A task row: its roles, each broken rule, why it matters and the fix.
    Task(TaskId),
    /// A party (by code): its load, its problems, and the tasks it is A or R
    /// on, late ones first.
    Party(String),
    /// An issue: every field, its timeline and its clocks.
    Issue(IssueId),
}

/// What a prompt's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// The reason for blocking a card.
    Block(TaskId),
    /// Text the cards must contain (applied as it is typed).
    FilterText,
    /// The owner whose cards to show (a party picker).
    FilterOwner,
    AddColumn,
    /// The name of a board to create under `boards/` and open.
    NewBoard,
    /// Rename the column with this id.
    RenameColumn(String),
    /// Set the WIP limit of the column with this id.
    SetWip(String),
    /// The column whose cards to show (a column picker).
    FilterColumn,
    AddParty,
    /// Rename the party with this code.
    RenameParty(String),
    RaciLimits,
    /// How the issue was resolved.
    Resolve(IssueId),
    /// The issue's new owner (a party picker).
    IssueOwner(IssueId),
    /// Why the issue is escalated.
    Escalate(IssueId),
    SlaTargets,
    /// Text the issues must contain (applied as it is typed).
    IssueText,
    /// The owner whose issues to show (a party picker).
    IssueOwnerFilter,
    /// A party the issues must name (a party picker).
    IssuePartyFilter,
    /// What the standup decided.
    DecisionText,
    /// Who carries the decision out (a party picker; empty answers
    /// `default`, the speaker, and `-` nobody).
    DecisionOwner {
        text: String,
        default: Option<String>,
    },
    /// By when (a date, or empty).
    DecisionDue {
        text: String,
        owner: Option<String>,
    },
    /// The topic to park.
    ParkTopic,
    /// Who takes the parked topic (a party picker, as for a decision).
    ParkOwner {
        topic: String,
        default: Option<String>,
    },
}

impl Purpose {
    /// Whether the answer picks a party: `↑`/`↓` choose among the matches
    /// and the prompt previews the one `Enter` takes.
    pub fn picks_party(&self) -> bool {
        matches!(
            self,
            Purpose::FilterOwner
                | Purpose::IssueOwner(_)
                | Purpose::IssueOwnerFilter
                | Purpose::IssuePartyFilter
                | Purpose::DecisionOwner { .. }
                | Purpose::ParkOwner { .. }
        )
    }

    /// The party an empty answer picks, when it is not "nobody".
    pub fn default_party(&self) -> Option<&str> {
        match self {
            Purpose::DecisionOwner { default, .. } | Purpose::ParkOwner { default, .. } => {
                default.as_deref()
            }
            _ => None,
        }
    }

    /// Whether an empty answer to a party picker means "nobody" rather
    /// than "anyone".
    pub fn empty_is_nobody(&self) -> bool {
        matches!(
            self,
            Purpose::IssueOwner(_) | Purpose::DecisionOwner { .. } | Purpose::ParkOwner { .. }
        )
    }
}

/// A one-line question with an editor for the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub purpose: Purpose,
    /// The question, shown before the answer.
    pub label: String,
    pub line: LineEditor,
    /// For pickers: which match is chosen.
    pub choice: usize,
    /// What the filter text was before the prompt opened, for `Esc`.
    pub previous: String,
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(purpose: Purpose, label: String, text: &str) -> Prompt {
        Prompt {
            purpose,
            label,
            line: LineEditor::new(text),
            choice: 0,
            previous: text.to_string(),
            error: None,
        }
    }
}

/// A yes/no question guarding an action that is hard to see being undone
/// (deleting a card or a column).
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub yes: Yes,
}

/// What `y` does to a [`Confirm`].
#[derive(Debug, Clone, PartialEq)]
pub enum Yes {
    Apply(Box<Action>),
    /// End the standup with its speakers' times as they stand at `y`.
    EndStandup,
}
