//! The board file's JSON: `"format": "standup-board"`, a `version`, then the
//! records in a fixed key order, pretty-printed with a trailing newline, so
//! that one change is a few lines of diff and git merges well. The activity
//! log, the bulk of a long-lived board, is written one entry per line: a
//! change appends lines, and the file stays a third smaller and faster to
//! write than with every log field on its own line.

use std::collections::BTreeMap;

use serde::de::DeserializeSeed;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::model::Conflict;
use crate::model::board::{Column, Issue, LogEntry, Party, StandupRecord, Task};
use crate::model::settings::Settings;
use crate::model::time::push_timestamp;
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
pub struct LogText(std::ops::Range<usize>);

/// Just enough of the top level to say why a file did not parse.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Writes a board as the file's text.
pub fn to_json(board: &Board) -> String {
    let mut text = Vec::new();
    write_json(board, &mut text);
    // serde_json and `push_entry` write UTF-8 only.
    String::from_utf8(text).unwrap_or_default()
}

/// Writes a board as the file's text into `text`, replacing what it held.
/// A saver that keeps its buffer between saves writes into memory already
/// in use: for a board of many megabytes, fresh memory costs more than the
/// writing.
pub fn write_json(board: &Board, text: &mut Vec<u8>) {
    text.clear();
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
    let _ = serde_json::to_writer_pretty(&mut *text, &file);
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
        push_entry(text, entry);
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
}

/// Appends one log entry exactly as `serde_json::to_writer` writes it (a
/// test holds the two equal). The log is most of a long-lived board's file,
/// and serde_json escapes strings a byte at a time, which was half of a
/// save: text with nothing to escape, nearly all of it, is copied whole.
fn push_entry(out: &mut Vec<u8>, entry: &LogEntry) {
    out.extend_from_slice(b"{\"at\":\"");
    push_timestamp(out, &entry.at);
    out.extend_from_slice(b"\",\"what\":");
    let _ = serde_json::to_writer(&mut *out, &entry.what);
    out.extend_from_slice(b",\"record\":");
    push_str(out, &entry.record);
    for (key, value) in [
        (&b",\"field\":"[..], &entry.field),
        (b",\"from\":", &entry.from),
        (b",\"to\":", &entry.to),
    ] {
        if let Some(value) = value {
            out.extend_from_slice(key);
            push_str(out, value);
        }
    }
    out.push(b'}');
}

/// Appends `s` as a JSON string.
fn push_str(out: &mut Vec<u8>, s: &str) {
    // What JSON must escape: quote, backslash and control characters.
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
    }
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
        LogText(start..start + raw.get().len())
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
    let Some(part) = text.get(log.0.clone()) else {
        return Err(FormatError::Invalid(vec![
            "the log is not where it was found".to_string(),
        ]));
    };
    let mut entries = serde_json::Deserializer::from_str(part);
    Entries::sized_for(part)
        .deserialize(&mut entries)
        .and_then(|log| entries.end().map(|()| log))
        .map_err(|e| syntax(&e, &text[..log.0.start]))
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
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    FormatError::Syntax {
        line: before.matches('\n').count() + e.line(),
        column: if e.line() == 1 {
            before.len() - line_start + e.column()
        } else {
            e.column()
        },
        message,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};
    use proptest::prelude::*;

    use super::*;
    use crate::model::board::Event;

    const EVENTS: [Event; 19] = [
        Event::Create,
        Event::Edit,
        Event::Move,
        Event::Delete,
        Event::Block,
        Event::Unblock,
        Event::Role,
        Event::Acknowledge,
        Event::Resolve,
        Event::Close,
        Event::Reopen,
        Event::Escalate,
        Event::Start,
        Event::End,
        Event::Decide,
        Event::Park,
        Event::Settle,
        Event::Import,
        Event::Alert,
    ];

    /// Text of every kind: plain, Chinese, quotes, backslashes, controls.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9:-]{0,12}",
            "\\PC{0,16}",
            ".{0,8}[\"\\\\\u{0}-\u{1f}\u{7f}].{0,8}"
        ]
    }

    proptest! {
        #[test]
        fn log_entries_are_written_as_serde_writes_them(
            secs in -62_000_000_000i64..253_402_300_799,
            leap in proptest::bool::weighted(0.05),
            offset_minutes in -1439i32..=1439,
            what in 0..EVENTS.len(),
            record in text(),
            field in proptest::option::of(text()),
            from in proptest::option::of(text()),
            to in proptest::option::of(text()),
        ) {
            let offset = FixedOffset::east_opt(offset_minutes * 60).expect("in range");
            let nanos = if leap { 1_000_000_000 } else { 0 };
            let at = DateTime::from_timestamp(secs - secs.rem_euclid(60) + 59, nanos)
                .expect("in range")
                .with_timezone(&offset);
            let entry = LogEntry { at, what: EVENTS[what], record, field, from, to };
            let mut ours = Vec::new();
            push_entry(&mut ours, &entry);
            let theirs = serde_json::to_vec(&entry).expect("serialisable");
            prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
        }
    }
}
