//! Undo and redo for a session: a stack of [`Patch`]es with the words for
//! each step. Undoing restores a patch and keeps its inverse for redo, so
//! both directions cost the size of the change, not of the board.

use super::action::{Action, ActionError, Applied};
use super::board::Board;
use super::patch::Patch;
use super::time::Timestamp;

/// How many steps back a session can go.
const LIMIT: usize = 500;

/// One undoable step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The action in words (`move T-3 to Done`).
    pub label: String,
    pub patch: Patch,
}

/// What an undo or a redo did.
#[derive(Debug, Clone, PartialEq)]
pub struct Replayed {
    pub label: String,
    /// Tasks the step touched, so a UI can keep them selected.
    pub tasks: Vec<super::ids::TaskId>,
    /// The patch that takes the step back again: what the touched records
    /// were just before it, for updating derived views.
    pub inverse: Patch,
}

/// The session's undo and redo stacks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

/// Restores a step's patch: what happened, and the step that reverses it.
fn replay(board: &mut Board, step: Step) -> (Replayed, Step) {
    let tasks = step.patch.task_ids().collect();
    let inverse = board.restore(step.patch);
    let replayed = Replayed {
        label: step.label.clone(),
        tasks,
        inverse: inverse.clone(),
    };
    (
        replayed,
        Step {
            label: step.label,
            patch: inverse,
        },
    )
}

impl History {
    /// Applies an action and remembers how to undo it. A refused action, or
    /// one that changed nothing, leaves the history as it was.
    pub fn apply(
        &mut self,
        board: &mut Board,
        action: &Action,
        now: Timestamp,
    ) -> Result<Applied, ActionError> {
        let label = action.summary(board, crate::i18n::Lang::En);
        self.apply_labelled(board, action, now, label)
    }

    /// As [`History::apply`], with the words the undo step is shown by
    /// (in the interface's language).
    pub fn apply_labelled(
        &mut self,
        board: &mut Board,
        action: &Action,
        now: Timestamp,
        label: String,
    ) -> Result<Applied, ActionError> {
        let applied = board.apply(action, now)?;
        if !applied.patch.is_noop(board) {
            self.done.push(Step {
                label,
                patch: applied.patch.clone(),
            });
            if self.done.len() > LIMIT {
                self.done.remove(0);
            }
            self.undone.clear();
        }
        Ok(applied)
    }

    /// Takes back the last step; `None` when there is nothing to undo.
    pub fn undo(&mut self, board: &mut Board) -> Option<Replayed> {
        let step = self.done.pop()?;
        let (replayed, inverse) = replay(board, step);
        self.undone.push(inverse);
        Some(replayed)
    }

    /// Does again the last undone step; `None` when there is none.
    pub fn redo(&mut self, board: &mut Board) -> Option<Replayed> {
        let step = self.undone.pop()?;
        let (replayed, inverse) = replay(board, step);
        self.done.push(inverse);
        Some(replayed)
    }

    /// Forgets every step: after the board was replaced by another version
    /// (a merge with changes made elsewhere) the patches no longer apply.
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }

    /// How many records (tasks, issues, parties, columns) the undo and redo
    /// steps hold copies of: what undo costs in memory.
    pub fn records_held(&self) -> usize {
        self.done
            .iter()
            .chain(&self.undone)
            .map(|step| step.patch.records())
            .sum()
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}
