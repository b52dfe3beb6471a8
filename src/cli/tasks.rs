//! `standup task …` and `standup column …`: the cards and the columns.

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;

use super::{Cli, ColumnCommand, Outcome, Session, TaskCommand, output};
use crate::model::action::parse_risk;
use crate::model::dates::read_date;
use crate::model::{Action, Board, NewTask, Risk, TaskEdit, TaskFilter, TaskId};

/// `-` (or `none`) clears an optional field on edit.
pub(super) fn is_clear(text: &str) -> bool {
    matches!(text.trim(), "-" | "none")
}

pub(super) fn due_arg(s: &Session, text: &str) -> Result<Option<NaiveDate>> {
    if is_clear(text) {
        return Ok(None);
    }
    // Read in the user's own date format first, as the board shows dates.
    Ok(Some(read_date(text, s.today(), &s.l).context("--due")?))
}

pub(super) fn risk_arg(text: &str) -> Result<Option<Risk>> {
    if is_clear(text) {
        return Ok(None);
    }
    parse_risk(text).map(Some).ok_or_else(|| {
        anyhow!(
            "--risk: `{}` is not a risk (use low, medium or high)",
            text.trim()
        )
    })
}

pub(super) fn depends_arg(text: &str) -> Result<Vec<TaskId>> {
    if is_clear(text) {
        return Ok(Vec::new());
    }
    text.split(',')
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.parse::<TaskId>().context("--depends"))
        .collect()
}

pub(super) fn task(cli: &Cli, cmd: &TaskCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    match cmd {
        TaskCommand::Add {
            title,
            column,
            fields,
        } => {
            let new = NewTask {
                title: title.clone(),
                column: column.clone(),
                owner: fields.owner.clone(),
                due: fields
                    .due
                    .as_deref()
                    .map(|d| due_arg(&s, d))
                    .transpose()?
                    .flatten(),
                risk: fields.risk.as_deref().map(risk_arg).transpose()?.flatten(),
                note: fields.note.clone().unwrap_or_default(),
                depends_on: fields
                    .depends
                    .as_deref()
                    .map(depends_arg)
                    .transpose()?
                    .unwrap_or_default(),
                ..NewTask::default()
            };
            let applied = s.apply(&Action::AddTask(new))?;
            s.save()?;
            let id = applied.created.unwrap_or_default();
            let task = id
                .parse::<TaskId>()
                .ok()
                .and_then(|t| s.board.tasks.get(&t));
            let column = task
                .and_then(|t| s.board.column(&t.column))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            // The date the due text was read as, with its year: `12-10`
            // typed in January is last December's or next, and says which.
            match task.and_then(|t| t.due) {
                Some(due) => outln!(
                    "{}",
                    s.l.f("Added {0} to {1}, due {2}", &[&id, &column, &due])
                ),
                None => outln!("{}", s.l.f("Added {0} to {1}", &[&id, &column])),
            }
        }
        TaskCommand::Move { id, column } => {
            let id = s.task_id(id)?;
            s.apply(&Action::MoveTask {
                id,
                column: column.clone(),
                position: None,
            })?;
            s.save()?;
            outln!(
                "{}",
                s.l.f("Moved {0} to {1}", &[&id, &column_name(&s.board, id)])
            );
        }
        TaskCommand::Done { id } => {
            let id = s.task_id(id)?;
            let last = s
                .board
                .last_column()
                .map(|c| c.id.clone())
                .unwrap_or_default();
            s.apply(&Action::MoveTask {
                id,
                column: last,
                position: None,
            })?;
            s.save()?;
            outln!(
                "{}",
                s.l.f("Moved {0} to {1}", &[&id, &column_name(&s.board, id)])
            );
        }
        TaskCommand::Rm { id } => {
            let id = s.task_id(id)?;
            s.apply(&Action::DeleteTask { id })?;
            s.save()?;
            outln!("{}", s.l.f("Deleted {0}", &[&id]));
        }
        TaskCommand::Edit { id, title, fields } => {
            let id = s.task_id(id)?;
            let edit = TaskEdit {
                title: title.clone(),
                owner: fields
                    .owner
                    .as_deref()
                    .map(|o| (!is_clear(o)).then(|| o.to_string())),
                due: fields.due.as_deref().map(|d| due_arg(&s, d)).transpose()?,
                risk: fields.risk.as_deref().map(risk_arg).transpose()?,
                note: fields.note.clone(),
                depends_on: fields.depends.as_deref().map(depends_arg).transpose()?,
            };
            let applied = s.apply(&Action::EditTask { id, edit })?;
            let changed = !applied.patch.is_noop(&s.board);
            s.save()?;
            if changed {
                outln!("{}", s.l.f("Updated {0}", &[&id]));
            } else {
                outln!("{}", s.l.f("{0} unchanged", &[&id]));
            }
        }
        TaskCommand::Block { id, reason } => {
            let id = s.task_id(id)?;
            s.apply(&Action::BlockTask {
                id,
                reason: reason.clone(),
            })?;
            s.save()?;
            outln!("{}", s.l.f("Blocked {0}: {1}", &[&id, &reason.trim()]));
        }
        TaskCommand::Unblock { id } => {
            let id = s.task_id(id)?;
            s.apply(&Action::UnblockTask { id })?;
            s.save()?;
            outln!("{}", s.l.f("Unblocked {0}", &[&id]));
        }
        TaskCommand::List {
            column,
            owner,
            overdue,
            blocked,
            at_risk,
            text,
            json,
        } => {
            let filter = TaskFilter {
                text: text.clone().unwrap_or_default(),
                column: column
                    .as_deref()
                    .map(|c| s.board.resolve_column(c))
                    .transpose()?,
                owner: owner
                    .as_deref()
                    .map(|o| s.board.resolve_party(o))
                    .transpose()?,
                overdue: *overdue,
                blocked: *blocked,
                at_risk: *at_risk,
            };
            let tasks = output::select_tasks(&s.board, &filter, s.today());
            if *json {
                outln!("{}", output::tasks_json(&s.board, &tasks, s.today()));
            } else {
                out!(
                    "{}",
                    output::tasks_table(&s.board, &tasks, s.today(), s.l.lang)
                );
            }
        }
    }
    Ok(Outcome::Done)
}

pub(super) fn column(cli: &Cli, cmd: &ColumnCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    let name_of = |board: &Board, text: &str| {
        board
            .find_column(text)
            .map_or_else(|| text.trim().to_string(), |c| c.name.clone())
    };
    match cmd {
        ColumnCommand::Add { name, wip } => {
            let applied = s.apply(&Action::AddColumn {
                name: name.clone(),
                wip: *wip,
            })?;
            s.save()?;
            let id = applied.created.unwrap_or_default();
            outln!("{}", s.l.f("Added column {0} ({1})", &[&name.trim(), &id]));
        }
        ColumnCommand::Wip { column, limit } => {
            let wip = if is_clear(limit) {
                None
            } else {
                Some(limit.trim().parse::<u32>().map_err(|_| {
                    anyhow!(
                        "`{}` is not a WIP limit (use a number of cards, or - for none)",
                        limit.trim()
                    )
                })?)
            };
            s.apply(&Action::SetWip {
                column: column.clone(),
                wip,
            })?;
            s.save()?;
            let name = name_of(&s.board, column);
            match wip {
                Some(n) => outln!("{}", s.l.f("{0}: WIP limit {1}", &[&name, &n])),
                None => outln!("{}", s.l.f("{0}: no WIP limit", &[&name])),
            }
        }
        ColumnCommand::Rename { column, name } => {
            let old = name_of(&s.board, column);
            s.apply(&Action::RenameColumn {
                column: column.clone(),
                name: name.clone(),
            })?;
            s.save()?;
            outln!(
                "{}",
                s.l.f("Renamed column {0} to {1}", &[&old, &name.trim()])
            );
        }
        ColumnCommand::Move { column, position } => {
            if *position == 0 {
                bail!("positions start at 1 (the leftmost column)");
            }
            s.apply(&Action::MoveColumn {
                column: column.clone(),
                position: position - 1,
            })?;
            s.save()?;
            let order: Vec<String> = s.board.columns.iter().map(|c| c.name.clone()).collect();
            outln!("{}", s.l.f("Columns: {0}", &[&order.join(" → ")]));
        }
        ColumnCommand::Rm { column, move_to } => {
            let name = name_of(&s.board, column);
            s.apply(&Action::DeleteColumn {
                column: column.clone(),
                move_to: move_to.clone(),
            })?;
            s.save()?;
            outln!("{}", s.l.f("Deleted column {0}", &[&name]));
        }
        ColumnCommand::List { json } => {
            if *json {
                outln!("{}", output::columns_json(&s.board));
            } else {
                out!("{}", output::columns_table(&s.board, s.l.lang));
            }
        }
    }
    Ok(Outcome::Done)
}

pub(super) fn column_name(board: &Board, id: TaskId) -> String {
    board
        .tasks
        .get(&id)
        .and_then(|t| board.column(&t.column))
        .map(|c| c.name.clone())
        .unwrap_or_default()
}
