//! What the command line prints: tables aligned by display width for people,
//! and stable `--json` objects (one key holding a list) for scripts.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::action::risk_word;
use crate::model::{Board, Column, Party, Task, TaskFilter, TaskId};
use crate::text::{pad, sanitize, width};

/// The tasks that pass the filter, in board order (column, then rank).
pub fn select_tasks<'a>(board: &'a Board, filter: &TaskFilter, today: NaiveDate) -> Vec<&'a Task> {
    board
        .tasks_by_column()
        .into_iter()
        .flatten()
        .filter(|t| filter.matches(board, t, today))
        .collect()
}

/// A column as `column list --json` prints it.
#[derive(Serialize)]
struct ColumnRow<'a> {
    #[serde(flatten)]
    column: &'a Column,
    count: usize,
}

/// `{"columns": [...]}`: each column with its card count.
pub fn columns_json(board: &Board) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        columns: Vec<ColumnRow<'a>>,
    }
    let counts = board.tasks_by_column();
    let rows = board
        .columns
        .iter()
        .zip(&counts)
        .map(|(column, cards)| ColumnRow {
            column,
            count: cards.len(),
        })
        .collect();
    super::terminal::json(&Out { columns: rows })
}

/// The columns left to right: id, name, cards and limit.
pub fn columns_table(board: &Board, l: crate::i18n::Lang) -> String {
    let counts = board.tasks_by_column();
    let rows: Vec<Vec<String>> = board
        .columns
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(i, (c, cards))| {
            let wip = match c.wip {
                Some(limit) if cards.len() > limit as usize => l.f("{0} (over)", &[&limit]),
                Some(limit) => limit.to_string(),
                None => "-".to_string(),
            };
            vec![
                (i + 1).to_string(),
                c.id.clone(),
                sanitize(&c.name),
                cards.len().to_string(),
                wip,
            ]
        })
        .collect();
    table(&["#", "ID", l.t("NAME"), l.t("CARDS"), "WIP"], &rows)
}

/// A task as `--json` prints it: the file's keys plus derived ones.
#[derive(Serialize)]
struct TaskRow<'a> {
    #[serde(flatten)]
    task: &'a Task,
    overdue: bool,
    blocked_by: Vec<TaskId>,
}

/// `{"tasks": [...]}`.
pub fn tasks_json(board: &Board, tasks: &[&Task], today: NaiveDate) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        tasks: Vec<TaskRow<'a>>,
    }
    let rows = tasks
        .iter()
        .map(|t| TaskRow {
            task: t,
            overdue: board.is_overdue(t, today),
            blocked_by: board.waits_on(t),
        })
        .collect();
    super::terminal::json(&Out { tasks: rows })
}

/// `{"parties": [...]}`.
pub fn parties_json(board: &Board) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        parties: &'a [Party],
    }
    super::terminal::json(&Out {
        parties: &board.parties,
    })
}

/// Lays out rows under a header, each column as wide as its widest cell.
pub(super) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let line = |cells: Vec<String>| {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                out.push_str(&pad(cell, widths[i]));
                out.push_str("  ");
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        out.push_str(&line(row.iter().map(|c| sanitize(c)).collect()));
    }
    out
}

/// The people-readable task list.
pub fn tasks_table(
    board: &Board,
    tasks: &[&Task],
    today: NaiveDate,
    l: crate::i18n::Lang,
) -> String {
    if tasks.is_empty() {
        return format!("{}\n", l.t("no tasks"));
    }
    let rows: Vec<Vec<String>> = tasks
        .iter()
        .map(|t| {
            let mut flags = Vec::new();
            if board.is_overdue(t, today) {
                flags.push(l.t("overdue").to_string());
            }
            if t.blocked.is_some() {
                flags.push(l.t("blocked").to_string());
            }
            let waits = board.waits_on(t);
            if !waits.is_empty() {
                let ids: Vec<String> = waits.iter().map(ToString::to_string).collect();
                flags.push(l.f("waits on {0}", &[&ids.join(",")]));
            }
            vec![
                t.id.to_string(),
                board
                    .column(&t.column)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                t.owner.clone().unwrap_or_default(),
                t.due.map(|d| d.to_string()).unwrap_or_default(),
                t.risk
                    .map(|r| l.t(risk_word(r)).to_string())
                    .unwrap_or_default(),
                flags.join(", "),
                t.title.clone(),
            ]
        })
        .collect();
    table(
        &[
            "ID",
            l.t("COLUMN"),
            l.t("OWNER"),
            l.t("DUE"),
            l.t("RISK"),
            l.t("FLAGS"),
            l.t("TITLE"),
        ],
        &rows,
    )
}

/// The people-readable party list.
pub fn parties_table(board: &Board, l: crate::i18n::Lang) -> String {
    if board.parties.is_empty() {
        let said = l.t("no parties yet: add one with `standup party add NAME`");
        return format!("{said}\n");
    }
    let rows: Vec<Vec<String>> = board
        .parties
        .iter()
        .map(|p| {
            vec![
                p.code.clone(),
                match p.kind {
                    crate::model::PartyKind::Department => l.t("department").to_string(),
                    crate::model::PartyKind::Person => l.t("person").to_string(),
                },
                p.department.clone().unwrap_or_default(),
                p.name.clone(),
            ]
        })
        .collect();
    table(
        &[l.t("CODE"), l.t("KIND"), l.t("DEPARTMENT"), l.t("NAME")],
        &rows,
    )
}

/// `{"raci": [...]}`: each task with its roles by party code.
pub fn raci_json(board: &Board) -> String {
    #[derive(Serialize)]
    struct Row<'a> {
        task: TaskId,
        title: &'a str,
        roles: &'a std::collections::BTreeMap<String, crate::model::Role>,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        raci: Vec<Row<'a>>,
    }
    let raci = board
        .tasks
        .values()
        .map(|t| Row {
            task: t.id,
            title: &t.title,
            roles: &t.raci,
        })
        .collect();
    super::terminal::json(&Out { raci })
}

/// The matrix for people: tasks down, parties across, aligned by width.
pub fn raci_table(board: &Board) -> String {
    let mut header = vec!["ID", "TASK"];
    header.extend(board.parties.iter().map(|p| p.name.as_str()));
    let rows: Vec<Vec<String>> = board
        .tasks
        .values()
        .map(|t| {
            let mut row = vec![t.id.to_string(), sanitize(&t.title)];
            row.extend(board.parties.iter().map(|p| {
                t.raci
                    .get(&p.code)
                    .map_or("·".to_string(), |r| r.as_str().to_string())
            }));
            row
        })
        .collect();
    table(&header, &rows)
}

/// `{"problems": [...]}` as PRODUCT.md section 5 specifies.
pub fn problems_json(problems: &[crate::model::raci::Problem]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        problems: &'a [crate::model::raci::Problem],
    }
    super::terminal::json(&Out { problems })
}

/// Problems for people: severity, rule, where, and what to do.
pub fn problems_table(problems: &[crate::model::raci::Problem], l: crate::i18n::Lang) -> String {
    let rows: Vec<Vec<String>> = problems
        .iter()
        .map(|p| {
            let severity = match p.severity {
                crate::model::raci::Severity::Error => l.t("error"),
                crate::model::raci::Severity::Warning => l.t("warning"),
            };
            let what = match (&p.task, &p.party) {
                (Some(t), _) => format!("{t} {}", sanitize(p.title.as_deref().unwrap_or(""))),
                (None, Some(party)) => party.clone(),
                (None, None) => String::new(),
            };
            vec![
                severity.to_string(),
                p.rule.name().to_string(),
                what,
                p.message.clone(),
            ]
        })
        .collect();
    table(
        &[l.t("SEVERITY"), l.t("RULE"), l.t("WHERE"), l.t("PROBLEM")],
        &rows,
    )
}

/// `raci show --party P --json`: the party, its load and problems, and the
/// tasks it is A or R on, late ones first.
pub fn focus_json(board: &Board, code: &str, today: NaiveDate) -> String {
    use crate::model::raci::{self, Commitment, Load, Problem};
    #[derive(Serialize)]
    struct Out<'a> {
        party: Option<&'a Party>,
        load: Load,
        problems: Vec<Problem>,
        tasks: Vec<Commitment>,
    }
    let load = raci::load_of(board, code);
    let out = Out {
        party: board.party(code),
        load,
        problems: raci::party_problems(code, load, &board.settings.raci, crate::i18n::Lang::En),
        tasks: raci::commitments(board, code, today),
    };
    super::terminal::json(&out)
}

/// `raci show --party P`: a heading with the party's load, then its A and R
/// tasks, late ones first.
pub fn focus_table(board: &Board, code: &str, today: NaiveDate) -> String {
    use crate::model::raci;
    let name = board.party_name(code);
    let load = raci::load_of(board, code);
    let mut out = format!(
        "{} ({code}): R on {}, A on {}, C on {}, I on {}\n",
        sanitize(name),
        load.r,
        load.a,
        load.c,
        load.i
    );
    for problem in raci::party_problems(code, load, &board.settings.raci, crate::i18n::Lang::En) {
        out.push_str(&format!(
            "warning: {}: {}\n",
            problem.rule.name(),
            problem.message
        ));
    }
    let list = raci::commitments(board, code, today);
    if list.is_empty() {
        out.push_str("Not Accountable or Responsible on any task.\n");
        return out;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.role.to_string(),
                c.state.as_str().to_string(),
                c.due.map(|d| d.to_string()).unwrap_or_default(),
                c.column.clone(),
                c.title.clone(),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&table(
        &["ID", "ROLE", "STATE", "DUE", "COLUMN", "TITLE"],
        &rows,
    ));
    out
}
