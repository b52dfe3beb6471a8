//! Which cards each column holds, in order: derived from the tasks and kept
//! in step with every change, so that moving a card, counting a column
//! against its WIP limit or drawing a column costs the size of the column
//! (or less), never the size of the board.
//!
//! The index is updated from the ids a change touched (the ids its undo
//! patch records), so it costs O(touched · log n) per action.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::board::Task;
use super::ids::TaskId;

/// See the module docs.
#[derive(Debug, Clone, Default)]
pub struct ColumnIndex {
    /// Column id → its cards by (rank, id): board order.
    columns: HashMap<String, BTreeSet<(i64, TaskId)>>,
    /// Where each card is filed, to unfile it when it moves.
    filed: HashMap<TaskId, (String, i64)>,
}

/// The index is derived data: two boards holding the same records are
/// equal, whatever their index looks like.
impl PartialEq for ColumnIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl ColumnIndex {
    /// The index of these tasks.
    pub fn build(tasks: &BTreeMap<TaskId, Task>) -> ColumnIndex {
        // Each column's cards gathered, then sorted once: a set built
        // from sorted cards is laid out in one pass, not card by card.
        let mut cards: HashMap<&str, Vec<(i64, TaskId)>> = HashMap::new();
        let mut filed = HashMap::with_capacity(tasks.len());
        for task in tasks.values() {
            cards
                .entry(task.column.as_str())
                .or_default()
                .push((task.rank, task.id));
            filed.insert(task.id, (task.column.clone(), task.rank));
        }
        let columns = cards
            .into_iter()
            .map(|(column, cards)| (column.to_string(), cards.into_iter().collect()))
            .collect();
        ColumnIndex { columns, filed }
    }

    fn file(&mut self, task: &Task) {
        self.columns
            .entry(task.column.clone())
            .or_default()
            .insert((task.rank, task.id));
        self.filed.insert(task.id, (task.column.clone(), task.rank));
    }

    /// Brings one card's entry in line with `tasks`: refiled where it now
    /// stands, or dropped when it no longer exists.
    pub fn sync(&mut self, tasks: &BTreeMap<TaskId, Task>, id: TaskId) {
        let now = tasks.get(&id);
        if let Some((column, rank)) = self.filed.get(&id) {
            if now.is_some_and(|t| t.column == *column && t.rank == *rank) {
                return;
            }
            if let Some(cards) = self.columns.get_mut(column) {
                cards.remove(&(*rank, id));
            }
            self.filed.remove(&id);
        }
        if let Some(task) = now {
            self.file(task);
        }
    }

    /// The cards of `column` in board order.
    pub fn column(&self, column: &str) -> impl DoubleEndedIterator<Item = TaskId> + '_ {
        self.columns
            .get(column)
            .into_iter()
            .flat_map(|cards| cards.iter().map(|(_, id)| *id))
    }

    /// The cards of `column` with their ranks, in board order.
    pub fn ranks(&self, column: &str) -> impl DoubleEndedIterator<Item = (i64, TaskId)> + '_ {
        self.columns
            .get(column)
            .into_iter()
            .flat_map(|cards| cards.iter().copied())
    }

    /// How many cards `column` holds.
    pub fn count(&self, column: &str) -> usize {
        self.columns.get(column).map_or(0, BTreeSet::len)
    }

    /// Whether the index files exactly these tasks where they stand: what
    /// the property tests check after every action, undo and redo.
    pub fn matches(&self, tasks: &BTreeMap<TaskId, Task>) -> bool {
        let filed: usize = self.columns.values().map(BTreeSet::len).sum();
        filed == tasks.len()
            && self.filed.len() == tasks.len()
            && tasks.values().all(|t| {
                self.columns
                    .get(&t.column)
                    .is_some_and(|cards| cards.contains(&(t.rank, t.id)))
            })
    }
}
