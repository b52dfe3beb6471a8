//! Columns: adding, limiting, renaming, ordering and deleting them; the
//! last one means finished, so its cards' finished times follow it.

use super::*;

impl Txn<'_> {
    pub(super) fn add_column(&mut self, name: &str, wip: Option<u32>) -> Result<(), ActionError> {
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

    pub(super) fn set_wip(&mut self, column: &str, wip: Option<u32>) -> Result<(), ActionError> {
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

    pub(super) fn rename_column(&mut self, column: &str, name: &str) -> Result<(), ActionError> {
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

    pub(super) fn move_column(&mut self, column: &str, position: usize) -> Result<(), ActionError> {
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

    pub(super) fn delete_column(
        &mut self,
        column: &str,
        move_to: Option<&str>,
    ) -> Result<(), ActionError> {
        let id = self.board.resolve_column(column)?;
        let name = self
            .board
            .column(&id)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        self.sync_index();
        let count = self.board.column_count(&id);
        if count > 0 {
            let Some(move_to) = move_to else {
                return Err(ActionError::ColumnNotEmpty { name, count });
            };
            let to = self.board.resolve_column(move_to)?;
            if to == id {
                return Err(ActionError::ColumnNotEmpty { name, count });
            }
            let cards: Vec<TaskId> = self.board.column_tasks(&id).iter().map(|t| t.id).collect();
            for card in cards {
                self.move_task(card, &to, None)?;
            }
            self.sync_index();
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
    pub(super) fn restamp_finished(&mut self, old_last: Option<String>) {
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
}
