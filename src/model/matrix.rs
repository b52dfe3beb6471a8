//! The RACI matrix as a table: read from what a lead pastes out of a
//! spreadsheet (CSV or TSV, UTF-8 with or without BOM, quoted fields, CRLF)
//! and written back as CSV or Markdown. Reading checks every cell before
//! anything changes, so a bad cell fails the whole import, naming its line
//! and column.

use super::action::Action;
use super::board::{Board, PartyKind};
use super::ids::TaskId;
use super::raci::{self, Role, Severity};
use crate::text::sanitize;

/// A parsed table: party names across, one row per task title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// The header's party names (codes or names), left to right.
    pub parties: Vec<String>,
    pub rows: Vec<Row>,
}

/// One task's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line it came from, for messages.
    pub line: usize,
    pub title: String,
    /// One cell per party; `None` for an empty cell.
    pub roles: Vec<Option<Role>>,
}

/// Why a table was refused: where, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct TableError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn error(line: usize, column: usize, message: impl Into<String>) -> TableError {
    TableError {
        line,
        column,
        message: message.into(),
    }
}

/// Reads a RACI table. The separator is a tab when the header holds one,
/// else a comma. The header's first cell is a label of any wording.
pub fn parse(text: &str) -> Result<Matrix, TableError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let separator = if first_line.contains('\t') { '\t' } else { ',' };
    let records = split_records(text, separator)?;
    // Blank lines (a spreadsheet's trailing ones included) are skipped.
    let mut records = records
        .into_iter()
        .filter(|(_, cells)| !cells.iter().all(|c| c.trim().is_empty()));
    let Some((header_line, header)) = records.next() else {
        return Err(error(1, 1, "the table is empty: expected a header row"));
    };
    let parties: Vec<String> = header
        .iter()
        .skip(1)
        .map(|p| crate::text::unguarded(p.trim()).to_string())
        .collect();
    if parties.is_empty() {
        return Err(error(
            header_line,
            2,
            "the header names no party: expected task, then one column per party",
        ));
    }
    for (i, party) in parties.iter().enumerate() {
        if party.is_empty() {
            return Err(error(header_line, i + 2, "the party name is empty"));
        }
        if let Some(j) = parties[..i]
            .iter()
            .position(|p| p.to_lowercase() == party.to_lowercase())
        {
            return Err(error(
                header_line,
                i + 2,
                format!("`{party}` is named twice (also column {})", j + 2),
            ));
        }
    }
    let mut rows = Vec::new();
    for (line, cells) in records {
        if cells.len() > parties.len() + 1 {
            return Err(error(
                line,
                parties.len() + 2,
                format!(
                    "this row has {} cells, but the header names {} columns",
                    cells.len(),
                    parties.len() + 1
                ),
            ));
        }
        let title = crate::text::unguarded(cells[0].trim()).trim().to_string();
        if title.is_empty() {
            return Err(error(line, 1, "the task title is empty"));
        }
        let mut roles = Vec::with_capacity(parties.len());
        for i in 0..parties.len() {
            let cell = cells.get(i + 1).map_or("", |c| c.trim());
            if cell.is_empty() {
                roles.push(None);
                continue;
            }
            match Role::parse(cell) {
                Some(role) => roles.push(Some(role)),
                None => {
                    return Err(error(
                        line,
                        i + 2,
                        format!(
                            "`{}` is not a role (use R, A, C, I, A/R, or leave the cell empty)",
                            sanitize(cell)
                        ),
                    ));
                }
            }
        }
        rows.push(Row { line, title, roles });
    }
    Ok(Matrix { parties, rows })
}

/// Splits text into records of fields, honouring double quotes (a quoted
/// field may hold the separator, quotes written twice, and line breaks).
/// Each record comes with the line it starts on.
fn split_records(text: &str, separator: char) -> Result<Vec<(usize, Vec<String>)>, TableError> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut column = 1;
    let mut quoted = false;
    let mut quote_started = (0, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(' ');
                }
                '\r' => {}
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                quote_started = (line, column);
            }
            c if c == separator => {
                fields.push(std::mem::take(&mut field));
                column += 1;
            }
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                records.push((start_line, std::mem::take(&mut fields)));
                line += 1;
                start_line = line;
                column = 1;
            }
            c => field.push(c),
        }
    }
    if quoted {
        return Err(error(
            quote_started.0,
            quote_started.1,
            "a quote opened here is never closed",
        ));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((start_line, fields));
    }
    Ok(records)
}

/// The actions that make the board's matrix what the table says: parties
/// and tasks it names that the board lacks are created (tasks in the first
/// column), and every named party's cell on every row is set or cleared.
/// Rows are matched to tasks by title (any case; a repeated title to the
/// next task of that title); parties by code or name.
pub fn import_actions(board: &Board, matrix: &Matrix) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut codes = Vec::new();
    let mut taken: Vec<String> = board.parties.iter().map(|p| p.code.clone()).collect();
    for name in &matrix.parties {
        match board.find_party(name) {
            Some(p) => codes.push(p.code.clone()),
            None => {
                let code = fresh_code(name, &taken);
                taken.push(code.clone());
                actions.push(Action::AddParty {
                    code: code.clone(),
                    name: name.clone(),
                    kind: PartyKind::Department,
                    department: None,
                });
                codes.push(code);
            }
        }
    }
    let mut used: Vec<TaskId> = Vec::new();
    let mut next = board.next_task_id().map_or(u32::MAX, |id| id.number());
    for row in &matrix.rows {
        let found = board
            .tasks
            .values()
            .find(|t| t.title.to_lowercase() == row.title.to_lowercase() && !used.contains(&t.id))
            .map(|t| t.id);
        let id = match found {
            Some(id) => id,
            None => {
                actions.push(Action::AddTask(super::action::NewTask {
                    title: row.title.clone(),
                    ..Default::default()
                }));
                let id = TaskId::from_number(next);
                next += 1;
                id
            }
        };
        used.push(id);
        for (code, role) in codes.iter().zip(&row.roles) {
            let current = board.tasks.get(&id).and_then(|t| t.raci.get(code)).copied();
            if current != *role {
                actions.push(Action::SetRole {
                    task: id,
                    party: code.clone(),
                    role: *role,
                });
            }
        }
    }
    actions
}

/// A party code people recognise, from its name (see [`readable_code`]),
/// never one already taken: a number is added when it is (`市场2`).
pub fn fresh_code(name: &str, taken: &[String]) -> String {
    let free = |c: &str| !taken.iter().any(|t| t.eq_ignore_ascii_case(c));
    let base = readable_code(name);
    if !base.is_empty() && free(&base) {
        return base;
    }
    let stem = if base.is_empty() {
        "p".to_string()
    } else {
        base.chars().take(12).collect()
    };
    (2..)
        .map(|n| format!("{stem}{n}"))
        .find(|c| free(c))
        .unwrap_or(stem)
}

/// The code a name suggests: for a Chinese name, the name itself without
/// its department word, at most four characters (`市场部` → `市场`,
/// `客户服务中心` → `客户服务`); for a name in Latin letters, the initials
/// of several words (`Customer Service` → `cs`) or the one word
/// (`Sales` → `sales`). Empty when the name has nothing to make one of.
pub fn readable_code(name: &str) -> String {
    let letters: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
    let cjk =
        |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c);
    if letters.chars().any(cjk) {
        let mut code = letters.as_str();
        for suffix in [
            "事业部",
            "部门",
            "团队",
            "中心",
            "小组",
            "部",
            "组",
            "处",
            "科",
            "室",
        ] {
            if let Some(stem) = code.strip_suffix(suffix)
                && stem.chars().count() >= 2
            {
                code = stem;
                break;
            }
        }
        return code.chars().take(4).collect();
    }
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.chars().take(12).collect(),
        several => several
            .iter()
            .filter_map(|w| w.chars().next())
            .take(6)
            .collect(),
    }
}

/// The matrix as CSV: `task`, then every party by name; one row per task in
/// id order. Reading it back gives the same matrix.
pub fn to_csv(board: &Board) -> String {
    let mut out = String::new();
    let mut header = vec![quote("task")];
    header.extend(board.parties.iter().map(|p| quote(&p.name)));
    out.push_str(&header.join(","));
    out.push('\n');
    for task in board.tasks.values() {
        let mut row = vec![quote(&task.title)];
        for party in &board.parties {
            row.push(
                task.raci
                    .get(&party.code)
                    .map_or(String::new(), |r| r.as_str().to_string()),
            );
        }
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// A CSV field, quoted when it must be (a comma, a quote, a line break, or
/// spaces at its ends that a reader would trim), and a would-be formula
/// neutralised with a leading `'`, which [`parse`] takes off again.
fn quote(field: &str) -> String {
    let field = crate::text::guarded(field).replace(['\n', '\r'], " ");
    if field.contains([',', '"', '\t']) || field.trim() != field || field.starts_with('\u{feff}') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// The matrix as a Markdown table for chat and wikis, with the broken rules
/// listed under it.
pub fn to_markdown(board: &Board, l: crate::i18n::Lang) -> String {
    let cell = |text: &str| sanitize(text).replace('|', "\\|");
    let mut out = String::new();
    let mut header = vec!["Task".to_string()];
    header.extend(board.parties.iter().map(|p| cell(&p.name)));
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for task in board.tasks.values() {
        let mut row = vec![format!("{} {}", task.id, cell(&task.title))];
        for party in &board.parties {
            row.push(
                task.raci
                    .get(&party.code)
                    .map_or(String::new(), |r| r.as_str().to_string()),
            );
        }
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    let problems = raci::check_in(board, l);
    out.push('\n');
    if problems.is_empty() {
        out.push_str(l.t("No RACI problems."));
        out.push('\n');
    } else {
        out.push_str(&format!("**{}**\n\n", l.t("Problems")));
        for p in &problems {
            let what = match (&p.task, &p.party) {
                (Some(t), _) => format!("{t} {}", cell(p.title.as_deref().unwrap_or(""))),
                (None, Some(party)) => cell(party),
                (None, None) => String::new(),
            };
            let severity = match p.severity {
                Severity::Error => l.t("error"),
                Severity::Warning => l.t("warning"),
            };
            out.push_str(&format!(
                "- {severity} `{}` {what}: {}\n",
                p.rule.name(),
                cell(&p.message)
            ));
        }
    }
    out
}
