//! Cards: adding, editing, moving, ordering, blocking and deleting them.

use super::*;

impl Txn<'_> {
    pub(super) fn add_task(&mut self, new: &NewTask) -> Result<(), ActionError> {
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
            source: new.source.clone(),
            created: self.now,
            updated: self.now,
            started: (!first).then(|| self.started(new.started)),
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

    /// When a card created past the first column began: the day an
    /// imported sheet gives (its start, in the clock's offset), never later
    /// than now; else now.
    fn started(&self, day: Option<chrono::NaiveDate>) -> Timestamp {
        day.and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|t| t.and_local_timezone(*self.now.offset()).single())
            .filter(|t| *t < self.now)
            .unwrap_or(self.now)
    }

    pub(super) fn resolve_owner(&self, owner: Option<&str>) -> Result<Option<String>, ActionError> {
        match owner.map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => self.board.resolve_party(text).map(Some),
        }
    }

    pub(super) fn edit_task(&mut self, id: TaskId, edit: &TaskEdit) -> Result<(), ActionError> {
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
    pub(super) fn check_dependencies(
        &self,
        id: TaskId,
        deps: &[TaskId],
    ) -> Result<(), ActionError> {
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
    pub(super) fn reaches(&self, from: TaskId, target: TaskId) -> bool {
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

    pub(super) fn move_task(
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
    pub(super) fn column_ranks(
        &mut self,
        column: &str,
        except: Option<TaskId>,
    ) -> Vec<(i64, TaskId)> {
        self.sync_index();
        self.board
            .index
            .ranks(column)
            .filter(|(_, id)| Some(*id) != except)
            .collect()
    }

    pub(super) fn end_rank(&mut self, column: &str, except: Option<TaskId>) -> i64 {
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
    pub(super) fn rank_at(&mut self, column: &str, id: TaskId, position: usize) -> i64 {
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

    pub(super) fn warn_wip(&mut self, column: &str) {
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

    pub(super) fn delete_task(&mut self, id: TaskId) -> Result<(), ActionError> {
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

    pub(super) fn block_task(&mut self, id: TaskId, reason: &str) -> Result<(), ActionError> {
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

    pub(super) fn unblock_task(&mut self, id: TaskId) -> Result<(), ActionError> {
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
}
