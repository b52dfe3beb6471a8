//! Which cards wait on each card, and which issues are raised against it:
//! what the card details panel shows, worked out once per change of the
//! board rather than by reading every card and issue on each selection.

use std::collections::HashMap;

use crate::model::{Board, IssueId, Patch, TaskId};

#[derive(Debug, Default, PartialEq)]
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

    /// Follows a change (whose undo patch is `before`, now counted as
    /// `changes`) from the links of the board just before it, by the cards
    /// and issues it touched: a key that changes one card does not read
    /// the other 100,000. Links not worked out for the board just before
    /// are left for [`sync`](Self::sync).
    pub fn follow(&mut self, board: &Board, before: &Patch, changes: u64, reloads: u64) {
        if self.made_at != Some((changes.wrapping_sub(1), reloads)) {
            return;
        }
        for (id, old) in before.tasks_before() {
            for dep in old.iter().flat_map(|t| &t.depends_on) {
                unlink(&mut self.waited_by, *dep, *id);
            }
            for dep in board.tasks.get(id).iter().flat_map(|t| &t.depends_on) {
                link(&mut self.waited_by, *dep, *id);
            }
        }
        for (id, old) in before.issues_before() {
            if let Some(task) = old.as_ref().and_then(|i| i.task) {
                unlink(&mut self.issues, task, *id);
            }
            if let Some(task) = board.issues.get(id).and_then(|i| i.task) {
                link(&mut self.issues, task, *id);
            }
        }
        self.made_at = Some((changes, reloads));
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

/// Adds `id` to `key`'s list, in id order, once.
fn link<K: std::hash::Hash + Eq, V: Ord>(links: &mut HashMap<K, Vec<V>>, key: K, id: V) {
    let list = links.entry(key).or_default();
    if let Err(at) = list.binary_search(&id) {
        list.insert(at, id);
    }
}

/// Takes `id` out of `key`'s list; an emptied list goes.
fn unlink<K: std::hash::Hash + Eq, V: Ord>(links: &mut HashMap<K, Vec<V>>, key: K, id: V) {
    if let Some(list) = links.get_mut(&key) {
        if let Ok(at) = list.binary_search(&id) {
            list.remove(at);
        }
        if list.is_empty() {
            links.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, NewIssue, NewTask, TaskEdit};

    /// Links followed change by change, undo and redo included, are the
    /// links worked out afresh.
    #[test]
    fn links_followed_through_changes_are_the_links_worked_out_afresh() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").expect("now");
        let mut board = Board::new("links", "");
        for title in ["one", "two", "three"] {
            let added = Action::AddTask(NewTask {
                title: title.into(),
                ..NewTask::default()
            });
            board.apply(&added, now).expect("added");
        }
        let ids: Vec<TaskId> = board.tasks.keys().copied().collect();
        let (a, b, c) = (ids[0], ids[1], ids[2]);
        let actions = [
            Action::EditTask {
                id: c,
                edit: TaskEdit {
                    depends_on: Some(vec![a, b]),
                    ..TaskEdit::default()
                },
            },
            Action::AddTask(NewTask {
                title: "waits on the first".into(),
                depends_on: vec![a],
                ..NewTask::default()
            }),
            Action::AddIssue(NewIssue {
                title: "stuck".into(),
                task: Some(b),
                ..NewIssue::default()
            }),
            Action::DeleteTask { id: a },
        ];
        let mut links = Links::default();
        let mut changes = 0;
        links.sync(&board, changes, 0);
        let mut undos = Vec::new();
        let check = |links: &Links, board: &Board, changes: u64| {
            let mut fresh = Links::default();
            fresh.sync(board, changes, 0);
            assert_eq!(*links, fresh, "after change {changes}");
        };
        for action in &actions {
            let applied = board.apply(action, now).expect("applies");
            changes += 1;
            links.follow(&board, &applied.patch, changes, 0);
            check(&links, &board, changes);
            undos.push(applied.patch);
        }
        while let Some(patch) = undos.pop() {
            let redo = board.restore(patch);
            changes += 1;
            links.follow(&board, &redo, changes, 0);
            check(&links, &board, changes);
        }
    }
}
