//! Writing the board file's text: the records through serde, pretty,
//! then the log one entry a line by our own code, a piece at a time.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::{FORMAT, VERSION};
use crate::model::Board;
use crate::model::board::{Column, Issue, LogEntry, Party, StandupRecord, Task};
use crate::model::settings::Settings;
use crate::model::time::push_timestamp;
use crate::model::{IssueId, TaskId};

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

/// Writes a board as the file's text.
pub fn to_json(board: &Board) -> String {
    let mut text = Vec::new();
    write_json(board, &mut text);
    // serde_json and `push_entry` write UTF-8 only.
    String::from_utf8(text).unwrap_or_default()
}

/// Writes a board as the file's text into `text`, replacing what it held.
pub fn write_json(board: &Board, text: &mut Vec<u8>) {
    text.clear();
    // Writing into memory cannot fail.
    let _ = write_json_to(board, text);
}

/// Writes a board as the file's text to `out`, a piece of about
/// [`PIECE`] bytes at a time: a save streams a board of a hundred
/// megabytes to its file without ever holding its text.
pub fn write_json_to(board: &Board, out: &mut impl Write) -> io::Result<()> {
    write_in_pieces(board, out, PIECE)
}

/// Writes a board's text to `out` in pieces of about `piece` bytes.
fn write_in_pieces(board: &Board, out: &mut impl Write, piece: usize) -> io::Result<()> {
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
    let room = piece.min(PIECE);
    let mut text = Pieces {
        held: Vec::with_capacity(room + room / 4),
        piece,
        out,
    };
    serde_json::to_writer_pretty(&mut text, &file).map_err(io::Error::other)?;
    // `log` comes last: reopen the object before its closing brace (the
    // last bytes, which `Pieces` always holds back).
    let held = &mut text.held;
    if held.last() == Some(&b'}') {
        held.pop();
    }
    while held.last().is_some_and(u8::is_ascii_whitespace) {
        held.pop();
    }
    held.extend_from_slice(b",\n  \"log\": [");
    for (i, entry) in board.log.iter().enumerate() {
        text.held
            .extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        push_entry(&mut text.held, entry);
        text.pass_on()?;
    }
    let held = &mut text.held;
    if !board.log.is_empty() {
        held.extend_from_slice(b"\n  ");
    }
    held.push(b']');
    // Written only while there are some, as the last key: a board that
    // never had a conflict reads as it always did.
    if !board.conflicts.is_empty() {
        held.extend_from_slice(b",\n  \"conflicts\": ");
        let pretty = serde_json::to_vec_pretty(&board.conflicts).map_err(io::Error::other)?;
        // Indented one level, as the other top-level lists are.
        for (i, line) in pretty.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                held.extend_from_slice(b"\n  ");
            }
            held.extend_from_slice(line);
        }
    }
    held.extend_from_slice(b"\n}\n");
    text.out.write_all(&text.held)
}

/// About how many bytes of a board's text are written at a time.
pub const PIECE: usize = 256 * 1024;

/// How many of the last bytes written are held back from `out`: the
/// closing brace that the log reopens, with the whitespace before it.
const HOLD: usize = 16;

/// The board's text on its way to `out`: collected in `held` and passed on
/// a piece at a time, all but its last [`HOLD`] bytes.
struct Pieces<'a, W: Write> {
    held: Vec<u8>,
    piece: usize,
    out: &'a mut W,
}

impl<W: Write> Pieces<'_, W> {
    /// Passes on what is held once it makes a piece.
    fn pass_on(&mut self) -> io::Result<()> {
        if self.held.len() >= self.piece + HOLD {
            let upto = self.held.len() - HOLD;
            self.out.write_all(&self.held[..upto])?;
            self.held.drain(..upto);
        }
        Ok(())
    }
}

impl<W: Write> Write for Pieces<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(bytes);
        self.pass_on()?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
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

    /// Whatever the size of the pieces, and so wherever one ends (the
    /// closing brace the log reopens among them), they join into the text.
    #[test]
    fn pieces_of_every_size_join_into_the_whole_text() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").expect("a moment");
        let mut board = Board::new("试点 board", "ship \"it\"");
        for n in 0..40 {
            let title = format!("卡片 card \\ {n}");
            let added = crate::model::Action::AddTask(crate::model::NewTask {
                title,
                note: "a note\nover two lines".into(),
                ..Default::default()
            });
            board.apply(&added, now).expect("added");
        }
        let ids: Vec<TaskId> = board.tasks.keys().copied().collect();
        for id in ids.iter().step_by(3) {
            let moved = crate::model::Action::MoveTask {
                id: *id,
                column: "doing".into(),
                position: None,
            };
            board.apply(&moved, now).expect("moved");
        }
        // The board's text, whole, after it is written in pieces of every
        // size below `sizes`.
        let joined = |board: &Board, sizes: usize| {
            let mut whole = Vec::new();
            write_in_pieces(board, &mut whole, usize::MAX / 2).expect("written");
            for piece in 1..sizes {
                let mut joined = Vec::new();
                write_in_pieces(board, &mut joined, piece).expect("written");
                assert!(joined == whole, "pieces of {piece} bytes");
            }
            whole
        };
        joined(&board, 300);
        // The log alone, with no record before it to hold the brace back.
        board.tasks.clear();
        board.issues.clear();
        board.parties.clear();
        let whole = joined(&board, 40);
        assert!(super::super::from_json(std::str::from_utf8(&whole).expect("UTF-8")).is_ok());
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
