//! Conflicts: a field two versions of the board set to different values
//! (two clones edited the same card's title, a window and a script changed
//! the same due date). The merge keeps one value in the board and records
//! the other here, in the file itself, so that nothing either side typed is
//! lost and a person settles it later, in the TUI or from the shell
//! (PRODUCT.md section 7).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::board::Board;
use super::ids::{IssueId, TaskId};

/// One unsettled field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// What the field belongs to, named as in the activity log: `T-3`,
    /// `I-2`, `party:mkt`, `column:doing`, `board`.
    pub record: String,
    /// The field's key in the file (`title`, `due`, `raci`, …).
    pub field: String,
    /// The value the board holds, as in the file (`null`: not set).
    pub kept: Value,
    /// The value the other side wrote.
    pub other: Value,
    /// Further values other sides wrote (three clones, three titles):
    /// every distinct value is kept until one is chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Value>,
}

impl Conflict {
    /// The values to choose from instead of the kept one: `other`, then
    /// `also`. Choice `n` of [`SettleConflict`](super::Action) is the n-th.
    pub fn alternatives(&self) -> impl Iterator<Item = &Value> {
        std::iter::once(&self.other).chain(&self.also)
    }

    /// A conflict on one field holding `kept` and every distinct value of
    /// `values` besides it; `None` when no other value is left.
    pub fn of_values(
        record: &str,
        field: &str,
        kept: Value,
        values: impl IntoIterator<Item = Value>,
    ) -> Option<Conflict> {
        let mut others: Vec<Value> = Vec::new();
        for v in values {
            if v != kept && !others.contains(&v) {
                others.push(v);
            }
        }
        let mut others = others.into_iter();
        let other = others.next()?;
        Some(Conflict {
            record: record.to_string(),
            field: field.to_string(),
            kept,
            other,
            also: others.collect(),
        })
    }

    /// `T-3 title`: what a person calls it.
    pub fn name(&self) -> String {
        format!("{} {}", self.record, self.field)
    }

    /// The kept or the other value as one line of text.
    pub fn show(value: &Value) -> String {
        match value {
            Value::Null => "(not set)".into(),
            Value::String(s) if s.is_empty() => "(empty)".into(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// A record of the board, as a conflict names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef {
    Task(TaskId),
    Issue(IssueId),
    Party(String),
    Column(String),
    Board,
}

impl RecordRef {
    pub fn parse(text: &str) -> Option<RecordRef> {
        if text == "board" {
            return Some(RecordRef::Board);
        }
        if let Some(code) = text.strip_prefix("party:") {
            return Some(RecordRef::Party(code.to_string()));
        }
        if let Some(id) = text.strip_prefix("column:") {
            return Some(RecordRef::Column(id.to_string()));
        }
        if let Ok(id) = text.parse::<TaskId>() {
            return Some(RecordRef::Task(id));
        }
        text.parse::<IssueId>().ok().map(RecordRef::Issue)
    }
}

impl Board {
    /// The value `field` of `record` holds now, as the file writes it
    /// (`null` when unset); `None` when there is no such record.
    pub fn field_value(&self, record: &str, field: &str) -> Option<Value> {
        let of = |json: Result<Value, serde_json::Error>| {
            json.ok()
                .map(|v| v.get(field).cloned().unwrap_or(Value::Null))
        };
        match RecordRef::parse(record)? {
            RecordRef::Task(id) => of(serde_json::to_value(self.tasks.get(&id)?)),
            RecordRef::Issue(id) => of(serde_json::to_value(self.issues.get(&id)?)),
            RecordRef::Party(code) => of(serde_json::to_value(self.party(&code)?)),
            RecordRef::Column(id) => of(serde_json::to_value(self.column(&id)?)),
            RecordRef::Board => match field {
                "name" => Some(Value::from(self.name.clone())),
                "goal" => Some(Value::from(self.goal.clone())),
                "settings" => serde_json::to_value(&self.settings).ok(),
                _ => None,
            },
        }
    }

    /// The open conflict on `field` of `record`, by position.
    pub fn conflict_at(&self, record: &str, field: &str) -> Option<usize> {
        self.conflicts
            .iter()
            .position(|c| c.record == record && c.field == field)
    }
}
