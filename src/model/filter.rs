//! Which cards to show: one filter shared by `task list` and the board pane,
//! so that the shell and the screen agree on what "overdue" or "at risk"
//! selects.

use chrono::NaiveDate;

use super::board::{Board, Risk, Task};

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
    pub fn describe(&self, board: &Board) -> String {
        let mut parts = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(format!("\"{}\"", self.text.trim()));
        }
        if let Some(c) = &self.column {
            let name = board.column(c).map_or(c.as_str(), |c| c.name.as_str());
            parts.push(format!("column {name}"));
        }
        if let Some(o) = &self.owner {
            let name = board.party(o).map_or(o.as_str(), |p| p.name.as_str());
            parts.push(format!("owner {name}"));
        }
        for (on, word) in [
            (self.overdue, "overdue"),
            (self.blocked, "blocked"),
            (self.at_risk, "at risk"),
        ] {
            if on {
                parts.push(word.to_string());
            }
        }
        parts.join(" · ")
    }
}
