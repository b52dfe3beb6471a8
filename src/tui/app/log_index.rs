//! Where each record's entries are in the activity log, so that the card
//! details panel lists a card's history without reading the whole log on
//! every selection (600,000 entries at 100,000 cards). Kept in step with
//! the log as it grows (a change), shrinks (an undo) or is replaced (a
//! reload, a merge), each at the cost of what changed.

use std::collections::HashMap;

use crate::model::{Event, LogEntry, Timestamp};

#[derive(Debug, Default)]
pub struct LogIndex {
    /// For each entry indexed, its record's slot.
    slot_of: Vec<u32>,
    slots: HashMap<String, u32>,
    /// Per slot, its entries' positions, ascending.
    entries: Vec<Vec<u32>>,
    /// The last entry indexed, to tell a log that changed under the index
    /// from one that only grew or shrank.
    last: Option<(Timestamp, Event, String)>,
    /// The app's reload count when indexed: a board read again is a new log.
    generation: u64,
}

fn mark(entry: &LogEntry) -> (Timestamp, Event, String) {
    (entry.at, entry.what, entry.record.clone())
}

impl LogIndex {
    /// Brings the index in step with `log`.
    pub fn sync(&mut self, log: &[LogEntry], generation: u64) {
        if generation != self.generation {
            *self = LogIndex {
                generation,
                ..LogIndex::default()
            };
        }
        if log.len() < self.slot_of.len() {
            // An undo took entries off the end (undo pops what the change
            // pushed; a log replaced otherwise is a reload: a generation).
            while self.slot_of.len() > log.len() {
                if let Some(slot) = self.slot_of.pop() {
                    self.entries[slot as usize].pop();
                }
            }
        } else if let Some(i) = self.slot_of.len().checked_sub(1)
            && self.last.as_ref() != Some(&mark(&log[i]))
        {
            // What was indexed is no longer the log's start: start over.
            *self = LogIndex {
                generation,
                ..LogIndex::default()
            };
        }
        for (i, entry) in log.iter().enumerate().skip(self.slot_of.len()) {
            let next = self.entries.len() as u32;
            let slot = *self.slots.entry(entry.record.clone()).or_insert(next);
            if slot == next {
                self.entries.push(Vec::new());
            }
            self.entries[slot as usize].push(i as u32);
            self.slot_of.push(slot);
        }
        self.last = log.last().map(mark);
    }

    /// The positions of `record`'s entries in `log`, when the index is in
    /// step with it; `None` when it is not (the caller reads the log).
    pub fn of(&self, log: &[LogEntry], record: &str) -> Option<&[u32]> {
        if self.slot_of.len() != log.len() || log.last().map(mark) != self.last {
            return None;
        }
        Some(
            self.slots
                .get(record)
                .map_or(&[][..], |s| self.entries[*s as usize].as_slice()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Board, NewTask};

    fn now() -> Timestamp {
        chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").expect("a moment")
    }

    fn scan(log: &[LogEntry], record: &str) -> Vec<u32> {
        (0..log.len() as u32)
            .filter(|i| log[*i as usize].record == record)
            .collect()
    }

    fn add(board: &mut Board, title: &str) -> crate::model::Patch {
        let new = NewTask {
            title: title.into(),
            ..NewTask::default()
        };
        board
            .apply(&Action::AddTask(new), now())
            .expect("added")
            .patch
    }

    #[test]
    fn the_index_follows_growth_undo_and_a_replaced_log() {
        let mut board = Board::new("b", "");
        let mut index = LogIndex::default();
        for n in 0..5 {
            add(&mut board, &format!("card {n}"));
        }
        index.sync(&board.log, 0);
        assert_eq!(
            index.of(&board.log, "T-3"),
            Some(&scan(&board.log, "T-3")[..])
        );
        // A change grows the log; an undo takes it back off.
        let patch = add(&mut board, "card 5");
        index.sync(&board.log, 0);
        assert_eq!(index.of(&board.log, "T-6").map(<[u32]>::len), Some(1));
        board.restore(patch);
        assert_eq!(
            index.of(&board.log, "T-6"),
            None,
            "out of step until synced"
        );
        index.sync(&board.log, 0);
        assert_eq!(index.of(&board.log, "T-6"), Some(&[][..]));
        // A log replaced by another of the same length is read again.
        let mut other = Board::new("b", "");
        for n in 0..5 {
            add(&mut other, &format!("other {n}"));
        }
        other.log[4].at = now() + chrono::Duration::minutes(1);
        index.sync(&other.log, 0);
        for record in ["T-1", "T-5"] {
            assert_eq!(
                index.of(&other.log, record),
                Some(&scan(&other.log, record)[..])
            );
        }
        // And a new generation (a reload) always is.
        index.sync(&board.log, 1);
        assert_eq!(
            index.of(&board.log, "T-2"),
            Some(&scan(&board.log, "T-2")[..])
        );
    }
}
