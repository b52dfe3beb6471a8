//! The board file's JSON: `"format": "standup-board"`, a `version`, then the
//! records in a fixed key order, pretty-printed with a trailing newline, so
//! that one change is a few lines of diff and git merges well. The activity
//! log, the bulk of a long-lived board, is written one entry per line: a
//! change appends lines, and the file stays a third smaller and faster to
//! write than with every log field on its own line.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::model::Conflict;
use crate::model::board::{Column, Issue, LogEntry, Party, StandupRecord, Task};
use crate::model::settings::Settings;
use crate::model::{Board, IssueId, TaskId};

/// The value of the `format` key.
pub const FORMAT: &str = "standup-board";
/// The newest version this build reads and the one it writes.
///
/// Changing the format: raise this, and have `from_json` lift older files
/// (a key added with a default needs nothing, as `conflicts` did; a key
/// renamed or reshaped is rewritten before the records are built), then
/// keep a board of the new version in `tests/fixtures/boards/`, where a
/// test opens the board of every version.
pub const VERSION: u32 = 1;

/// Why a file's text is not a board this build can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("this is not a standup board (no \"format\": \"{FORMAT}\" at the top)")]
    NotABoard,
    #[error(
        "the board was written by a newer standup (format version {found}; this one reads up to {VERSION}): upgrade standup to open it"
    )]
    Newer { found: u64 },
    #[error("the board is inconsistent: {}", .0.join("; "))]
    Invalid(Vec<String>),
}

/// The file as written: borrowed from the board, so that saving a large
/// board does not copy it.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    name: &'a str,
    goal: &'a str,
    settings: &'a Settings,
    parties: &'a [Party],
    columns: &'a [Column],
    #[serde(serialize_with = "values")]
    tasks: &'a BTreeMap<TaskId, Task>,
    #[serde(serialize_with = "values")]
    issues: &'a BTreeMap<IssueId, Issue>,
    standups: &'a [StandupRecord],
}

fn values<K, V: Serialize, S: Serializer>(map: &&BTreeMap<K, V>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(map.values())
}

/// The file as read. Unknown keys are refused rather than dropped: a key we
/// do not know is data we would lose on the next save.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: String,
    version: u64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    parties: Vec<Party>,
    columns: Vec<Column>,
    #[serde(default)]
    tasks: Vec<Task>,
    #[serde(default)]
    issues: Vec<Issue>,
    #[serde(default)]
    standups: Vec<StandupRecord>,
    #[serde(default)]
    log: Vec<LogEntry>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// Just enough of the top level to say why a file did not parse.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Writes a board as the file's text.
pub fn to_json(board: &Board) -> String {
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        name: &board.name,
        goal: &board.goal,
        settings: &board.settings,
        parties: &board.parties,
        columns: &board.columns,
        tasks: &board.tasks,
        issues: &board.issues,
        standups: &board.standups,
    };
    // Serialising plain data with string keys cannot fail.
    let mut text = serde_json::to_vec_pretty(&file).unwrap_or_default();
    // `log` comes last: reopen the object before its closing brace.
    if text.last() == Some(&b'}') {
        text.pop();
    }
    while text.last().is_some_and(u8::is_ascii_whitespace) {
        text.pop();
    }
    text.extend_from_slice(b",\n  \"log\": [");
    for (i, entry) in board.log.iter().enumerate() {
        text.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        let _ = serde_json::to_writer(&mut text, entry);
    }
    if !board.log.is_empty() {
        text.extend_from_slice(b"\n  ");
    }
    text.push(b']');
    // Written only while there are some, as the last key: a board that
    // never had a conflict reads as it always did.
    if !board.conflicts.is_empty() {
        text.extend_from_slice(b",\n  \"conflicts\": ");
        let pretty = serde_json::to_vec_pretty(&board.conflicts).unwrap_or_default();
        // Indented one level, as the other top-level lists are.
        for (i, line) in pretty.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                text.extend_from_slice(b"\n  ");
            }
            text.extend_from_slice(line);
        }
    }
    text.extend_from_slice(b"\n}\n");
    // serde_json writes UTF-8 only.
    String::from_utf8(text).unwrap_or_default()
}

/// Reads a board from the file's text, checking the format, the version and
/// every invariant.
pub fn from_json(text: &str) -> Result<Board, FormatError> {
    let file = match serde_json::from_str::<FileIn>(text) {
        Ok(file) => file,
        Err(e) => return Err(explain(text, e)),
    };
    if file.format != FORMAT {
        return Err(FormatError::NotABoard);
    }
    if file.version > u64::from(VERSION) {
        return Err(FormatError::Newer {
            found: file.version,
        });
    }
    let mut problems = Vec::new();
    let mut tasks = BTreeMap::new();
    for task in file.tasks {
        if let Some(old) = tasks.insert(task.id, task) {
            problems.push(format!("task {} appears twice", old.id));
        }
    }
    let mut issues = BTreeMap::new();
    for issue in file.issues {
        if let Some(old) = issues.insert(issue.id, issue) {
            problems.push(format!("issue {} appears twice", old.id));
        }
    }
    let mut board = Board::new(&file.name, &file.goal);
    board.settings = file.settings;
    board.parties = file.parties;
    board.columns = file.columns;
    board.tasks = tasks;
    board.issues = issues;
    board.standups = file.standups;
    board.log = file.log;
    board.conflicts = file.conflicts;
    board.recompute_high_water();
    board.recompute_moved();
    board.reindex();
    problems.extend(board.integrity_problems());
    if problems.is_empty() {
        Ok(board)
    } else {
        Err(FormatError::Invalid(problems))
    }
}

/// Turns a parse error into the most useful message: "not a board" and
/// "newer version" first, then the position of the syntax or shape error.
fn explain(text: &str, e: serde_json::Error) -> FormatError {
    if let Ok(header) = serde_json::from_str::<Header>(text) {
        match header.format {
            Some(serde_json::Value::String(f)) if f == FORMAT => {}
            _ => return FormatError::NotABoard,
        }
        if let Some(found) = header.version.as_ref().and_then(serde_json::Value::as_u64)
            && found > u64::from(VERSION)
        {
            return FormatError::Newer { found };
        }
    }
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    FormatError::Syntax {
        line: e.line(),
        column: e.column(),
        message,
    }
}
