//! Which cards to show: one filter shared by `task list` and the board pane,
//! so that the shell and the screen agree on what "overdue" or "at risk"
//! selects.

use crate::i18n::Lang;
use chrono::NaiveDate;

use super::board::{Board, Issue, Risk, Task};
use super::time::Timestamp;

/// A conjunction of conditions; the default lets every card through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFilter {
    /// Words that must all appear in the id, title or note (any case).
    pub text: String,
    /// A column id.
    pub column: Option<String>,
    /// A party code.
    pub owner: Option<String>,
    pub overdue: bool,
    pub blocked: bool,
    /// Risk medium or high.
    pub at_risk: bool,
}

impl TaskFilter {
    /// True when the filter lets everything through.
    pub fn is_empty(&self) -> bool {
        *self == TaskFilter::default()
    }

    /// Whether `task` passes every condition.
    pub fn matches(&self, board: &Board, task: &Task, today: NaiveDate) -> bool {
        self.column.as_ref().is_none_or(|c| task.column == *c)
            && self
                .owner
                .as_ref()
                .is_none_or(|o| task.owner.as_ref() == Some(o))
            && (!self.overdue || board.is_overdue(task, today))
            && (!self.blocked || (board.is_blocked(task) && !board.is_finished(task)))
            && (!self.at_risk || task.risk.is_some_and(|r| r >= Risk::Medium))
            && self.matches_text(task)
    }

    fn matches_text(&self, task: &Task) -> bool {
        if self.text.trim().is_empty() {
            return true;
        }
        let id = task.id.to_string().to_lowercase();
        let title = task.title.to_lowercase();
        let note = task.note.to_lowercase();
        self.text.split_whitespace().all(|word| {
            let word = word.to_lowercase();
            id == word || title.contains(&word) || note.contains(&word)
        })
    }

    /// The conditions in words, for the filter line (`owner mkt · overdue`).
    pub fn describe(&self, board: &Board, l: Lang) -> String {
        let mut parts = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(format!("\"{}\"", self.text.trim()));
        }
        if let Some(c) = &self.column {
            let name = board.column_name(c);
            parts.push(l.f("column {0}", &[&name]));
        }
        if let Some(o) = &self.owner {
            let name = board.party_name(o);
            parts.push(l.f("owner {0}", &[&name]));
        }
        for (on, word) in [
            (self.overdue, l.t("overdue")),
            (self.blocked, l.t("blocked")),
            (self.at_risk, l.t("at risk")),
        ] {
            if on {
                parts.push(word.to_string());
            }
        }
        parts.join(" · ")
    }
}

/// Which issues the queue shows; the default shows them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueFilter {
    /// Words that must all appear in the id, title, detail or support.
    pub text: String,
    /// Open or acknowledged only.
    pub active: bool,
    /// Past a deadline only.
    pub breached: bool,
    /// A party code: the owner.
    pub owner: Option<String>,
    /// A party code: owner, reporter or involved.
    pub party: Option<String>,
}

impl IssueFilter {
    pub fn is_empty(&self) -> bool {
        *self == IssueFilter::default()
    }

    /// Whether `issue` passes every condition at `now`.
    pub fn matches(&self, board: &Board, issue: &Issue, now: Timestamp) -> bool {
        let named = |code: &String| {
            issue.owner.as_ref() == Some(code)
                || issue.reporter.as_ref() == Some(code)
                || issue.parties.contains(code)
        };
        (!self.active || issue.status.is_active())
            && (!self.breached || issue.sla(&board.settings.sla, now).breached)
            && self
                .owner
                .as_ref()
                .is_none_or(|o| issue.owner.as_ref() == Some(o))
            && self.party.as_ref().is_none_or(named)
            && self.matches_text(issue)
    }

    fn matches_text(&self, issue: &Issue) -> bool {
        let id = issue.id.to_string().to_lowercase();
        let haystack = format!("{} {} {}", issue.title, issue.detail, issue.support).to_lowercase();
        self.text.split_whitespace().all(|word| {
            let word = word.to_lowercase();
            id == word || haystack.contains(&word)
        })
    }

    /// The conditions in words, for the filter line.
    pub fn describe(&self, board: &Board, l: Lang) -> String {
        let name = |code: &str| board.party_name(code).to_string();
        let mut parts = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(format!("\"{}\"", self.text.trim()));
        }
        if self.active {
            parts.push(l.t("open").to_string());
        }
        if self.breached {
            parts.push(l.t("breached").to_string());
        }
        if let Some(o) = &self.owner {
            parts.push(l.f("owner {0}", &[&name(o)]));
        }
        if let Some(p) = &self.party {
            parts.push(l.f("involving {0}", &[&name(p)]));
        }
        parts.join(" · ")
    }
}
