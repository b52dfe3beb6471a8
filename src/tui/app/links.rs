//! Which cards wait on each card, and which issues are raised against it:
//! what the card details panel shows, worked out once per change of the
//! board rather than by reading every card and issue on each selection.

use std::collections::HashMap;

use crate::model::{Board, IssueId, TaskId};

#[derive(Debug, Default)]
pub struct Links {
    /// The board's change and reload counts when worked out.
    made_at: Option<(u64, u64)>,
    waited_by: HashMap<TaskId, Vec<TaskId>>,
    issues: HashMap<TaskId, Vec<IssueId>>,
}

impl Links {
    /// Works the links out again if the board changed since.
    pub fn sync(&mut self, board: &Board, changes: u64, reloads: u64) {
        if self.made_at == Some((changes, reloads)) {
            return;
        }
        let mut waited_by: HashMap<TaskId, Vec<TaskId>> = HashMap::new();
        for task in board.tasks.values() {
            for dep in &task.depends_on {
                waited_by.entry(*dep).or_default().push(task.id);
            }
        }
        let mut issues: HashMap<TaskId, Vec<IssueId>> = HashMap::new();
        for issue in board.issues.values() {
            if let Some(task) = issue.task {
                issues.entry(task).or_default().push(issue.id);
            }
        }
        *self = Links {
            made_at: Some((changes, reloads)),
            waited_by,
            issues,
        };
    }

    /// The cards that wait on `id` and the issues raised against it, in id
    /// order, when worked out for this state of the board.
    pub fn of(&self, id: TaskId, changes: u64, reloads: u64) -> Option<(&[TaskId], &[IssueId])> {
        (self.made_at == Some((changes, reloads))).then(|| {
            (
                self.waited_by.get(&id).map_or(&[][..], Vec::as_slice),
                self.issues.get(&id).map_or(&[][..], Vec::as_slice),
            )
        })
    }
}
