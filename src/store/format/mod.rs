//! The board file's JSON: `"format": "standup-board"`, a `version`, then the
//! records in a fixed key order, pretty-printed with a trailing newline, so
//! that one change is a few lines of diff and git merges well. The activity
//! log, the bulk of a long-lived board, is written one entry per line: a
//! change appends lines, and the file stays a third smaller and faster to
//! write than with every log field on its own line.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

use crate::model::Board;
use crate::model::Conflict;
use crate::model::board::{Column, Issue, LogEntry, Party, StandupRecord, Task};
use crate::model::settings::Settings;

mod write;
pub use write::{PIECE, to_json, write_json, write_json_to};

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

/// The file as read. Unknown keys are refused rather than dropped: a key we
/// do not know is data we would lose on the next save. The log is read as
/// `L`: its entries, or its text to be read later.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(bound(deserialize = "L: Deserialize<'de> + Default"))]
struct FileIn<L> {
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
    log: L,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// Where a board's activity log stands in the text of its file, so that it
/// can be read after the rest (see [`from_json_without_log`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogText {
    range: std::ops::Range<usize>,
}

impl LogText {
    /// Where the log's text stands in the file, in bytes.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.range.clone()
    }

    /// Where the log starts in `text`, the file's text it was found in: a
    /// wrong entry is named where it stands in the file, even once the
    /// text before the log is gone.
    pub fn place_in(&self, text: &str) -> LogPlace {
        let before = text.get(..self.range.start).unwrap_or_default();
        LogPlace {
            lines_before: before.matches('\n').count(),
            column_before: before.len() - before.rfind('\n').map_or(0, |i| i + 1),
        }
    }
}

/// Where a board's log starts in its file: the lines before its own, and
/// the bytes before it on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogPlace {
    lines_before: usize,
    column_before: usize,
}

/// Just enough of the top level to say why a file did not parse.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Reads a board from the file's text, checking the format, the version and
/// every invariant.
pub fn from_json(text: &str) -> Result<Board, FormatError> {
    let (mut board, log) = read::<Vec<LogEntry>>(text)?;
    board.log = log;
    board.recompute_from_log();
    Ok(board)
}

/// Reads a board from the file's text as [`from_json`] does, but leaves
/// its activity log, most of a long-lived board's file, to be read with
/// [`read_log`] and put in place with [`Board::attach_log`]: the app shows
/// a large board first. Until then the board's log is empty, its
/// high-water marks count only the records and no card knows when it last
/// moved, so nothing must change the board or save it, and what is drawn
/// from the log is left out. The log's text is checked as JSON here; its
/// entries are checked when it is read. `None` when there is no log.
pub fn from_json_without_log(text: &str) -> Result<(Board, Option<LogText>), FormatError> {
    let (board, Unread(raw)) = read::<Unread>(text)?;
    // `raw` borrows from `text`: its place is where it starts in it.
    let log = raw.map(|raw| {
        let start = (raw.get().as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        LogText {
            range: start..start + raw.get().len(),
        }
    });
    Ok((board, log))
}

/// A log left unread: its JSON text, if the file has the key. Unlike an
/// `Option`, a `null` is kept, to be refused when read as a list, as
/// [`from_json`] refuses it.
#[derive(Default)]
struct Unread<'a>(Option<&'a RawValue>);

impl<'de> Deserialize<'de> for Unread<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&RawValue>::deserialize(d).map(|raw| Unread(Some(raw)))
    }
}

/// Reads the log [`from_json_without_log`] left in `text`, saying where an
/// entry is wrong as a line and column of the whole file.
pub fn read_log(text: &str, log: &LogText) -> Result<Vec<LogEntry>, FormatError> {
    let Some(part) = text.get(log.range()) else {
        return Err(FormatError::Invalid(vec![
            "the log is not where it was found".to_string(),
        ]));
    };
    read_log_part(part, log.place_in(text))
}

/// Reads the log [`from_json_without_log`] found, from its own text (the
/// file's bytes in [`LogText::range`]), as [`read_log`] does.
pub fn read_log_part(part: &str, place: LogPlace) -> Result<Vec<LogEntry>, FormatError> {
    let mut entries = serde_json::Deserializer::from_str(part);
    Entries::sized_for(part)
        .deserialize(&mut entries)
        .and_then(|log| entries.end().map(|()| log))
        .map_err(|e| syntax_at(&e, place.lines_before, place.column_before))
}

/// Reads a log's entries into a list made the right size at once. Grown
/// entry by entry instead, the list of a long log is copied a dozen times,
/// and the memory it leaves behind is what the app would peak at.
struct Entries(usize);

impl Entries {
    /// Room for the entries of `text`, written one a line; never more than
    /// entries of the shortest kind would fill, whatever the layout.
    fn sized_for(text: &str) -> Entries {
        const SHORTEST: usize = 50;
        let lines = text.bytes().filter(|b| *b == b'\n').count();
        Entries(lines.min(text.len() / SHORTEST))
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Entries {
    type Value = Vec<LogEntry>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Entries {
    type Value = Vec<LogEntry>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of log entries")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut log = Vec::with_capacity(self.0);
        while let Some(entry) = seq.next_element()? {
            log.push(entry);
        }
        Ok(log)
    }
}

/// The board in `text` with its log read as `L`. What is derived from the
/// log is left to the caller, which knows whether the log is there.
fn read<'a, L: Deserialize<'a> + Default>(text: &'a str) -> Result<(Board, L), FormatError> {
    // Editors on Windows start a UTF-8 file with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = serde_json::from_str::<FileIn<L>>(text).map_err(|e| explain(text, e))?;
    if file.format != FORMAT {
        return Err(FormatError::NotABoard);
    }
    if file.version > u64::from(VERSION) {
        return Err(FormatError::Newer {
            found: file.version,
        });
    }
    let mut problems = Vec::new();
    let tasks = by_id(file.tasks, |t| t.id, &mut problems, "task");
    let issues = by_id(file.issues, |i| i.id, &mut problems, "issue");
    let mut board = Board::new(&file.name, &file.goal);
    board.settings = file.settings;
    board.parties = file.parties;
    board.columns = file.columns;
    board.tasks = tasks;
    board.issues = issues;
    board.standups = file.standups;
    board.conflicts = file.conflicts;
    board.reindex();
    // From the records alone until the log is there: the checks below
    // hold every record under them.
    board.recompute_high_water();
    problems.extend(board.record_problems());
    if problems.is_empty() {
        Ok((board, file.log))
    } else {
        Err(FormatError::Invalid(problems))
    }
}

/// The records by id; an id found twice is a problem, named with `kind`.
/// The file lists records by id, and a map built from records in order is
/// laid out in one pass rather than record by record.
fn by_id<K: Ord + Copy + std::fmt::Display, V>(
    records: Vec<V>,
    id: impl Fn(&V) -> K,
    problems: &mut Vec<String>,
    kind: &str,
) -> BTreeMap<K, V> {
    if records.windows(2).all(|w| id(&w[0]) < id(&w[1])) {
        return records.into_iter().map(|r| (id(&r), r)).collect();
    }
    let mut map = BTreeMap::new();
    for record in records {
        if let Some(old) = map.insert(id(&record), record) {
            problems.push(format!("{kind} {} appears twice", id(&old)));
        }
    }
    map
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
    syntax(&e, "")
}

/// A syntax or shape error, placed in the file when the text parsed is the
/// part of it after `before`.
fn syntax(e: &serde_json::Error, before: &str) -> FormatError {
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    syntax_at(e, before.matches('\n').count(), before.len() - line_start)
}

/// A parse error in text that starts `column_before` bytes into line
/// `lines_before + 1` of the file, placed in the file.
fn syntax_at(e: &serde_json::Error, lines_before: usize, column_before: usize) -> FormatError {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    FormatError::Syntax {
        line: lines_before + e.line(),
        column: if e.line() == 1 {
            column_before + e.column()
        } else {
            e.column()
        },
        message,
    }
}
