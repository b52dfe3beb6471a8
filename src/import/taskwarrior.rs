//! taskwarrior's `task export`: a JSON array of tasks. Status and start
//! say the column, project and tags go into the note with the
//! annotations, `depends` names other tasks by uuid.

use chrono::FixedOffset;
use serde::Deserialize;

use super::day::read_day;
use super::error::{ImportError, Place};
use super::source::{Has, Item, Skipped, Source, Why};
use crate::i18n::Lang;

#[derive(Deserialize)]
struct Task {
    uuid: String,
    description: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    priority: Option<String>,
    /// A list of uuids (taskwarrior 2.6 and later) or one comma-separated
    /// string (before).
    #[serde(default)]
    depends: Option<Depends>,
    #[serde(default)]
    annotations: Vec<Annotation>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Depends {
    List(Vec<String>),
    Text(String),
}

#[derive(Deserialize)]
struct Annotation {
    #[serde(default)]
    description: String,
}

/// Whether the JSON is a taskwarrior export: an array of objects with a
/// uuid and a description.
pub fn is_taskwarrior(value: &serde_json::Value) -> bool {
    value.as_array().is_some_and(|tasks| {
        tasks
            .iter()
            .all(|t| t.get("uuid").is_some() && t.get("description").is_some())
    })
}

/// Reads the export's tasks, keyed `taskwarrior:<uuid>`. Deleted tasks and
/// the templates of recurring ones are left out.
pub fn read(text: &str, offset: FixedOffset, l: Lang) -> Result<Source, ImportError> {
    let tasks: Vec<Task> = serde_json::from_str(text).map_err(|e| ImportError::NotFormat {
        format: "taskwarrior",
        why: e.to_string(),
    })?;
    let mut source = Source {
        label: "taskwarrior".into(),
        origins: vec!["taskwarrior:".into()],
        has: Has {
            status: true,
            owner: false,
            due: true,
            risk: false,
            note: true,
            depends: true,
        },
        status_label: "status".into(),
        ..Source::default()
    };
    for task in tasks {
        let what = l.f("task “{0}”", &[&task.description.trim()]);
        let why = match task.status.as_str() {
            "deleted" => Some(Why::Deleted),
            "recurring" => Some(Why::Recurring),
            _ if task.description.trim().is_empty() => Some(Why::NoTitle),
            _ => None,
        };
        if let Some(why) = why {
            source.skipped.push(Skipped { what, why });
            continue;
        }
        let day = |text: &Option<String>| -> Result<_, ImportError> {
            match text.as_deref() {
                None => Ok(None),
                Some(t) => read_day(t, offset)
                    .map(Some)
                    .ok_or_else(|| ImportError::BadDate {
                        place: Place::Record(what.clone()),
                        value: t.to_string(),
                    }),
            }
        };
        let mut note = Vec::new();
        if let Some(priority) = task.priority.as_deref().filter(|p| !p.is_empty()) {
            note.push(l.f("Priority: {0}", &[&priority]));
        }
        if let Some(project) = task.project.as_deref().filter(|p| !p.is_empty()) {
            note.push(l.f("Project: {0}", &[&project]));
        }
        if !task.tags.is_empty() {
            note.push(l.f("Tags: {0}", &[&task.tags.join(", ")]));
        }
        note.extend(
            task.annotations
                .iter()
                .map(|a| a.description.trim().to_string())
                .filter(|a| !a.is_empty()),
        );
        let depends = match task.depends {
            None => Vec::new(),
            Some(Depends::List(list)) => list,
            Some(Depends::Text(text)) => text.split(',').map(str::to_string).collect(),
        };
        source.items.push(Item {
            place: Some(Place::Record(what.clone())),
            status_place: Some(Place::Record(what.clone())),
            key: format!("taskwarrior:{}", task.uuid),
            title: crate::text::sanitize(&task.description).trim().to_string(),
            // Pending and waiting tasks go to the first column; started
            // ones to the doing column; completed ones to the last.
            status: Some(match (task.status.as_str(), &task.start) {
                ("pending", Some(_)) => "in progress".to_string(),
                (status, _) => status.to_string(),
            }),
            finished: task.status == "completed",
            due: day(&task.due)?,
            start: day(&task.start)?,
            note: note.join("\n"),
            depends: depends
                .iter()
                .map(|d| d.trim())
                .filter(|d| !d.is_empty())
                .map(|d| format!("taskwarrior:{d}"))
                .collect(),
            ..Item::default()
        });
    }
    Ok(source)
}
