//! Settling a conflict a merge recorded: keep the value the board holds, or
//! take one of the values other sides wrote. Either way the conflict goes; taking the other
//! value is an edit of its record like any other: checked against the board
//! as it is now, logged, and undone by one undo.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{ActionError, Txn};
use crate::model::board::Event;
use crate::model::conflict::{Conflict, RecordRef};

impl Txn<'_> {
    fn conflicts_mut(&mut self) -> &mut Vec<Conflict> {
        if self.patch.conflicts.is_none() {
            self.patch.conflicts = Some(self.board.conflicts.clone());
        }
        &mut self.board.conflicts
    }

    pub(super) fn settle(
        &mut self,
        record: &str,
        field: &str,
        take: Option<usize>,
    ) -> Result<(), ActionError> {
        let at = self
            .board
            .conflict_at(record, field)
            .ok_or_else(|| ActionError::NoConflict(format!("{record} {field}")))?;
        let conflict = self.conflicts_mut().remove(at);
        let chosen =
            match take {
                Some(n) => {
                    let value = conflict.alternatives().nth(n).ok_or_else(|| {
                        ActionError::NoConflictValue {
                            name: conflict.name(),
                            asked: n + 1,
                            values: conflict.alternatives().count(),
                        }
                    })?;
                    self.take_value(&conflict, value)?;
                    value
                }
                None => &conflict.kept,
            };
        self.log(
            Event::Settle,
            conflict.record.clone(),
            Some(&conflict.field),
            Some(Conflict::show(&conflict.kept)),
            Some(Conflict::show(chosen)),
        );
        Ok(())
    }

    /// Writes one of the conflict's other values into its record.
    fn take_value(&mut self, c: &Conflict, value: &Value) -> Result<(), ActionError> {
        let misfit = |why: String| ActionError::ConflictMisfit {
            name: c.name(),
            why,
        };
        let target = RecordRef::parse(&c.record).ok_or_else(|| misfit("no such record".into()))?;
        match target {
            RecordRef::Task(id) => {
                let task = self.task_mut(id)?;
                *task = with_field(task, &c.field, value).map_err(misfit)?;
            }
            RecordRef::Issue(id) => {
                let issue = self.issue_mut(id)?;
                *issue = with_field(issue, &c.field, value).map_err(misfit)?;
            }
            RecordRef::Party(code) => {
                let party = self
                    .parties_mut()
                    .iter_mut()
                    .find(|p| p.code == code)
                    .ok_or_else(|| misfit(format!("party `{code}` is gone")))?;
                *party = with_field(party, &c.field, value).map_err(misfit)?;
            }
            RecordRef::Column(id) => {
                let column = self
                    .columns_mut()
                    .iter_mut()
                    .find(|col| col.id == id)
                    .ok_or_else(|| misfit(format!("column `{id}` is gone")))?;
                *column = with_field(column, &c.field, value).map_err(misfit)?;
            }
            RecordRef::Board => match c.field.as_str() {
                "name" | "goal" => {
                    let text = value.as_str().unwrap_or_default().to_string();
                    let old = (self.board.name.clone(), self.board.goal.clone());
                    if self.patch.info.is_none() {
                        self.patch.info = Some(old);
                    }
                    if c.field == "name" {
                        self.board.name = text;
                    } else {
                        self.board.goal = text;
                    }
                }
                "settings" => {
                    let settings =
                        serde_json::from_value(value.clone()).map_err(|e| misfit(e.to_string()))?;
                    if self.patch.settings.is_none() {
                        self.patch.settings = Some(Box::new(self.board.settings.clone()));
                    }
                    self.board.settings = settings;
                }
                other => return Err(misfit(format!("the board has no field `{other}`"))),
            },
        }
        // The other value was written against that side's board: its
        // column, owner or dependency may be gone here.
        self.sync_index();
        let problems = self.board.integrity_problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(misfit(problems.join("; ")))
        }
    }
}

/// `record` with `field` set to `value` (`null`: removed), through the
/// record's JSON form, so that every record type and field settles alike.
fn with_field<T: Serialize + DeserializeOwned>(
    record: &T,
    field: &str,
    value: &Value,
) -> Result<T, String> {
    let mut json = serde_json::to_value(record).map_err(|e| e.to_string())?;
    let Some(object) = json.as_object_mut() else {
        return Err("not a record".into());
    };
    if value.is_null() {
        object.remove(field);
    } else {
        object.insert(field.to_string(), value.clone());
    }
    serde_json::from_value(json).map_err(|e| e.to_string())
}
