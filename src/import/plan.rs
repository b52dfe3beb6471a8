//! What an import would do to the board: the source's cards matched to the
//! cards imported before (by their source key), the changes worked out
//! field by field, and all of it as one [`Import`] action.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::error::ImportError;
use super::source::{Item, Skipped, Source};
use super::status::{Statuses, Target};
use crate::model::action::{Import, ImportCounts};
use crate::model::matrix::fresh_code;
use crate::model::{Action, Board, NewTask, Risk, TaskEdit, TaskId};

/// How statuses are read, beyond the usual words.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// `--status-map "In Progress=doing"`: status → column id or name.
    pub status_map: Vec<(String, String)>,
    /// `--create-columns`: a status no column answers to becomes a column.
    pub create_columns: bool,
}

/// The import worked out, and what to tell the lead about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub import: Import,
    pub lines: Vec<Line>,
    /// Columns and parties the import adds (names).
    pub new_columns: Vec<String>,
    pub new_parties: Vec<String>,
}

/// One card's fate, or one thing worth saying.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Add {
        key: String,
        title: String,
        column: String,
    },
    Update {
        id: TaskId,
        key: String,
        changes: Vec<Change>,
    },
    Skip(Skipped),
    /// A card imported before that the source no longer holds: kept.
    Gone {
        id: TaskId,
        key: String,
        title: String,
    },
    /// A dependency found nowhere: left out.
    Unlinked {
        key: String,
        dependency: String,
    },
    /// Cards imported from another sheet (this name) share this sheet's
    /// keys: perhaps this is a newer export of it, saved under a new name.
    SameKeys {
        earlier: String,
    },
}

/// A field of a card an import changes: its name (as the log names it),
/// and the value before and after, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub from: String,
    pub to: String,
}

/// The board's own card a row of its exported sheet stands for: the
/// row's key is the card's id (`T-4`) and its title is the card's. The
/// title must agree, so that a sheet from another board never rewrites
/// this board's T-4.
fn own_card(board: &Board, item: &Item) -> Option<TaskId> {
    let id: TaskId = item.key.split_once('#')?.1.parse().ok()?;
    let task = board.tasks.get(&id)?;
    (task.source.is_none() && task.title == item.title).then_some(id)
}

/// The name of another sheet imported before whose cards have keys this
/// sheet has too (`csv:进度表.csv#3` and this sheet's row 3).
fn same_keys(board: &Board, source: &Source) -> Option<String> {
    let ours = source.origins.first()?;
    if !ours.ends_with('#') {
        return None;
    }
    let keys: std::collections::HashSet<&str> = source
        .items
        .iter()
        .filter_map(|i| i.key.split_once('#').map(|(_, k)| k))
        .collect();
    board.tasks.values().find_map(|t| {
        let (origin, key) = t.source.as_deref()?.split_once('#')?;
        let sheet = origin.starts_with("csv:") || origin.starts_with("xlsx:");
        (sheet && keys.contains(key) && !ours.starts_with(origin)).then(|| {
            origin
                .split_once(':')
                .map_or(origin, |(_, n)| n)
                .to_string()
        })
    })
}

/// A key as people know it: `PROJ-12` of `jira:PROJ-12`, the row's key of
/// `csv:tasks.csv#12`; nothing for Trello's and taskwarrior's opaque ids.
pub fn short_key(key: &str) -> String {
    if let Some((_, k)) = key.split_once('#') {
        return k.to_string();
    }
    match key.split_once(':') {
        Some(("jira", k)) => k.to_string(),
        _ => String::new(),
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "-".into(), |d| d.to_string())
}

fn risk(r: Option<Risk>) -> String {
    r.map_or_else(|| "-".into(), |r| format!("{r:?}").to_lowercase())
}

/// Works out the import of `source` into `board` at `today`.
pub fn plan(
    board: &Board,
    source: &Source,
    rules: &Rules,
    today: NaiveDate,
) -> Result<Plan, ImportError> {
    let mut statuses = Statuses::new(board, &rules.status_map, rules.create_columns)?;
    // A source's own lists are columns: the board gains those it lacks.
    for list in &source.lists {
        statuses.list(list);
    }
    let mut out = Plan {
        import: Import {
            from: source.label.clone(),
            ..Import::default()
        },
        lines: Vec::new(),
        new_columns: Vec::new(),
        new_parties: Vec::new(),
    };
    let mut counts = ImportCounts {
        skipped: source.skipped.len(),
        ..ImportCounts::default()
    };
    let imported: HashMap<&str, TaskId> = board
        .tasks
        .values()
        .filter_map(|t| t.source.as_deref().map(|s| (s, t.id)))
        .collect();

    // Columns first: a status may need one added.
    let mut targets = Vec::with_capacity(source.items.len());
    for item in &source.items {
        let target = match &item.status {
            Some(status) => match statuses.target(status, item.status_place.as_ref()) {
                Ok(t) => Some(t),
                Err(_) if item.finished => Some(Target::Column(
                    board
                        .last_column()
                        .map(|c| c.id.clone())
                        .unwrap_or_default(),
                )),
                Err(e) => return Err(e),
            },
            None if item.finished => Some(Target::Column(
                board
                    .last_column()
                    .map(|c| c.id.clone())
                    .unwrap_or_default(),
            )),
            None => None,
        };
        targets.push(target);
    }
    for name in &statuses.added {
        out.import.steps.push(Action::AddColumn {
            name: name.clone(),
            wip: None,
        });
        out.new_columns.push(name.clone());
    }
    let column_name = |id: &str| statuses.name_of(id);

    // Then the parties the owners name.
    let mut taken: Vec<String> = board.parties.iter().map(|p| p.code.clone()).collect();
    let mut owners: HashMap<String, String> = HashMap::new();
    for item in &source.items {
        let Some(owner) = &item.owner else { continue };
        if owners.contains_key(&owner.name) {
            continue;
        }
        let code = match board.find_party(&owner.name) {
            Some(p) => p.code.clone(),
            None => {
                let code = fresh_code(&owner.name, &taken);
                taken.push(code.clone());
                out.import.steps.push(Action::AddParty {
                    code: code.clone(),
                    name: owner.name.clone(),
                    kind: owner.kind,
                    department: None,
                });
                out.new_parties.push(format!("{} ({code})", owner.name));
                code
            }
        };
        owners.insert(owner.name.clone(), code);
    }
    let owner_of = |item: &Item| {
        item.owner
            .as_ref()
            .and_then(|o| owners.get(&o.name))
            .cloned()
    };

    // The cards: new ones added, known ones updated.
    let mut next = board.next_task_id().map_or(u32::MAX, |id| id.number());
    let mut ids: HashMap<&str, TaskId> = HashMap::new();
    let mut late = Vec::new();
    let mut added = std::collections::HashSet::new();
    for (item, target) in source.items.iter().zip(&targets) {
        let stuck = match target {
            Some(Target::Keep { blocked }) => {
                let reason = item.blocked.clone().or_else(|| item.status.clone());
                let overdue = item.due.is_some_and(|d| d < today);
                (*blocked || item.blocked.is_some() || !overdue).then_some(reason)
            }
            _ => item.blocked.clone().map(Some),
        }
        .flatten();
        let known = imported
            .get(item.key.as_str())
            .copied()
            .or_else(|| own_card(board, item));
        match known {
            None => {
                let id = TaskId::from_number(next);
                next = next.saturating_add(1);
                ids.insert(&item.key, id);
                added.insert(item.key.as_str());
                let column = match target {
                    Some(Target::Column(c)) => c.clone(),
                    Some(Target::Keep { .. }) => statuses.doing(),
                    None => board
                        .columns
                        .first()
                        .map(|c| c.id.clone())
                        .unwrap_or_default(),
                };
                out.lines.push(Line::Add {
                    key: short_key(&item.key),
                    title: item.title.clone(),
                    column: column_name(&column),
                });
                out.import.steps.push(Action::AddTask(NewTask {
                    title: item.title.clone(),
                    column: Some(column),
                    owner: owner_of(item),
                    due: item.due,
                    risk: item.risk,
                    note: item.note.clone(),
                    depends_on: Vec::new(),
                    source: Some(item.key.clone()),
                    started: item.start,
                }));
                if let Some(reason) = stuck {
                    out.import.steps.push(Action::BlockTask { id, reason });
                }
                counts.added += 1;
            }
            Some(id) => {
                ids.insert(&item.key, id);
                let Some(task) = board.tasks.get(&id) else {
                    continue;
                };
                let mut edit = TaskEdit::default();
                let mut changes = Vec::new();
                let mut change = |field, from: String, to: String| {
                    changes.push(Change { field, from, to });
                };
                if task.title != item.title {
                    change("title", task.title.clone(), item.title.clone());
                    edit.title = Some(item.title.clone());
                }
                let owner = owner_of(item);
                if source.has.owner && task.owner != owner {
                    let name = |o: &Option<String>| {
                        o.as_deref()
                            .map_or("-".into(), |c| board.party_name(c).to_string())
                    };
                    let to = item.owner.as_ref().map_or("-".into(), |o| o.name.clone());
                    change("owner", name(&task.owner), to);
                    edit.owner = Some(owner);
                }
                if source.has.due && task.due != item.due {
                    change("due", day(task.due), day(item.due));
                    edit.due = Some(item.due);
                }
                if source.has.risk && task.risk != item.risk {
                    change("risk", risk(task.risk), risk(item.risk));
                    edit.risk = Some(item.risk);
                }
                if source.has.note && task.note != item.note.trim() {
                    change("note", task.note.clone(), item.note.clone());
                    edit.note = Some(item.note.clone());
                }
                if edit != TaskEdit::default() {
                    out.import.steps.push(Action::EditTask { id, edit });
                }
                if let Some(Target::Column(column)) = target
                    && *column != task.column
                {
                    change("column", column_name(&task.column), column_name(column));
                    out.import.steps.push(Action::MoveTask {
                        id,
                        column: column.clone(),
                        position: None,
                    });
                }
                if let Some(reason) = stuck
                    && task.blocked.is_none()
                {
                    change("blocked", "-".into(), reason.clone());
                    out.import.steps.push(Action::BlockTask { id, reason });
                }
                late.push((id, item, changes));
            }
        }
    }

    // Dependencies last, when every card has its id.
    let by_title: HashMap<&str, TaskId> = source
        .items
        .iter()
        .filter_map(|i| ids.get(i.key.as_str()).map(|id| (i.title.as_str(), *id)))
        .collect();
    let waits_on = |item: &Item, out: &mut Vec<Line>| -> Vec<TaskId> {
        let mut found = Vec::new();
        for dep in &item.depends {
            let bare = dep
                .split_once('#')
                .map_or_else(|| short_key(dep), |(_, k)| k.to_string());
            let id = ids
                .get(dep.as_str())
                .or_else(|| imported.get(dep.as_str()))
                .copied()
                .or_else(|| by_title.get(bare.as_str()).copied())
                .or_else(|| {
                    bare.parse::<TaskId>()
                        .ok()
                        .filter(|id| board.tasks.contains_key(id))
                })
                .or_else(|| board.tasks.values().find(|t| t.title == bare).map(|t| t.id));
            match id {
                Some(id) => found.push(id),
                None => out.push(Line::Unlinked {
                    key: if short_key(&item.key).is_empty() {
                        item.title.clone()
                    } else {
                        short_key(&item.key)
                    },
                    dependency: if bare.is_empty() { dep.clone() } else { bare },
                }),
            }
        }
        found.sort();
        found.dedup();
        found
    };
    if source.has.depends {
        for item in &source.items {
            if !added.contains(item.key.as_str()) {
                continue;
            }
            let deps = waits_on(item, &mut out.lines);
            if let (false, Some(&id)) = (deps.is_empty(), ids.get(item.key.as_str())) {
                out.import.steps.push(Action::EditTask {
                    id,
                    edit: TaskEdit {
                        depends_on: Some(deps),
                        ..TaskEdit::default()
                    },
                });
            }
        }
    }
    for (id, item, mut changes) in late {
        if source.has.depends
            && let Some(task) = board.tasks.get(&id)
        {
            let deps = waits_on(item, &mut out.lines);
            if deps != task.depends_on {
                let show = |d: &[TaskId]| {
                    let v: Vec<String> = d.iter().map(|t| t.to_string()).collect();
                    if v.is_empty() {
                        "-".into()
                    } else {
                        v.join(", ")
                    }
                };
                changes.push(Change {
                    field: "depends_on",
                    from: show(&task.depends_on),
                    to: show(&deps),
                });
                out.import.steps.push(Action::EditTask {
                    id,
                    edit: TaskEdit {
                        depends_on: Some(deps),
                        ..TaskEdit::default()
                    },
                });
            }
        }
        if changes.is_empty() {
            counts.unchanged += 1;
        } else {
            counts.updated += 1;
            out.lines.push(Line::Update {
                id,
                key: short_key(&item.key),
                changes,
            });
        }
    }

    // What the source no longer holds, and what it left out.
    let keys: std::collections::HashSet<&str> =
        source.items.iter().map(|i| i.key.as_str()).collect();
    for task in board.tasks.values() {
        let Some(key) = task.source.as_deref() else {
            continue;
        };
        if source.origins.iter().any(|o| key.starts_with(o.as_str())) && !keys.contains(key) {
            counts.gone += 1;
            out.lines.push(Line::Gone {
                id: task.id,
                key: short_key(key),
                title: task.title.clone(),
            });
        }
    }
    out.lines
        .extend(source.skipped.iter().cloned().map(Line::Skip));
    if counts.updated + counts.unchanged == 0
        && let Some(earlier) = same_keys(board, source)
    {
        out.lines.insert(0, Line::SameKeys { earlier });
    }
    out.import.counts = counts;
    Ok(out)
}
