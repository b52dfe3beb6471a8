//! The header's "since the last standup" counts. They are worked out on
//! every change, so they are kept as a tally of what each record's entries
//! in the window say, which a change that appends to the log brings up to
//! date from its new entries alone; anything else (an undo, a standup
//! ended, a new day's window) counts again, in one lean pass that keeps
//! per record only what its count needs.

use std::collections::HashMap;

use super::board::{Event, LogEntry};
use super::standup::{Since, SinceSummary};
use super::{Board, Timestamp};

/// Where a task's or issue's entries in the window stand in the log.
#[derive(Debug, Clone)]
struct Seen {
    /// Its first entry in the window.
    first: usize,
    /// Its first `create` entry.
    created: Option<usize>,
    /// Its moves that name both columns, in order.
    moves: Vec<usize>,
    /// Which count it is in: [moved, finished, raised, changed].
    count: usize,
}

impl Seen {
    fn count_in(&self, record: &str, log: &[LogEntry], last_column: &str) -> usize {
        let column = |i: Option<&usize>, to: bool| {
            let entry = log.get(*i?)?;
            if to {
                entry.to.as_deref()
            } else {
                entry.from.as_deref()
            }
        };
        let (left, reached) = (
            column(self.moves.first(), false),
            column(self.moves.last(), true),
        );
        let moved = left.is_some() && left != reached;
        if !record.starts_with("T-") {
            if self.created.is_some() { 2 } else { 3 }
        } else if moved && reached == Some(last_column) {
            1
        } else if moved {
            0
        } else {
            3
        }
    }
}

/// The since-standup counts, with what they were counted from.
#[derive(Debug, Clone)]
pub struct SinceTally {
    since: Since,
    last_column: String,
    /// How many of the log's entries were looked at: those up to the
    /// moment counted at.
    upto: usize,
    records: HashMap<String, Seen>,
    /// Other records changed (parties, columns, the board), each once,
    /// with where their first entry stands.
    others: HashMap<String, usize>,
    counts: [usize; 4],
}

impl SinceTally {
    /// Counts the board's window at `now`.
    pub fn new(board: &Board, now: Timestamp) -> SinceTally {
        let since = board.since_last_standup(now);
        let start = board.log.partition_point(|e| e.at <= since.from);
        let mut tally = SinceTally {
            since,
            last_column: board
                .last_column()
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            upto: start,
            records: HashMap::new(),
            others: HashMap::new(),
            counts: [0; 4],
        };
        tally.take_in(board, now);
        tally
    }

    /// Brings the counts up to `now` on the board as a change left it. The
    /// change cut the log at `cut`, taking off `removed` (an undo), and
    /// may have appended entries after it: those are counted out and in,
    /// not the whole window again, unless the window itself moved.
    pub fn follow(&mut self, board: &Board, now: Timestamp, cut: usize, removed: &[LogEntry]) {
        let since = board.since_last_standup(now);
        let same_window = since == self.since
            && board.last_column().map(|c| c.id.as_str()) == Some(self.last_column.as_str());
        let counted = self.upto.saturating_sub(cut);
        if !same_window || cut > board.log.len() || removed.len() < counted {
            *self = SinceTally::new(board, now);
            return;
        }
        if counted > 0 {
            self.count_out(board, cut, &removed[..counted]);
        }
        if board.log[self.upto..].iter().all(|e| e.at > since.from) {
            self.take_in(board, now);
        } else {
            *self = SinceTally::new(board, now);
        }
    }

    /// Counts the entries after `upto` up to `now`.
    fn take_in(&mut self, board: &Board, now: Timestamp) {
        let rest = &board.log[self.upto.min(board.log.len())..];
        let end = self.upto + rest.partition_point(|e| e.at <= now);
        for i in self.upto..end {
            self.count_in(board, i);
        }
        self.upto = end;
    }

    fn count_in(&mut self, board: &Board, i: usize) {
        let entry = &board.log[i];
        let record = entry.record.as_str();
        if !(record.starts_with("T-") || record.starts_with("I-")) {
            if record != "standup" && !self.others.contains_key(record) {
                self.others.insert(record.to_string(), i);
            }
            return;
        }
        let seen = match self.records.get_mut(record) {
            Some(seen) => {
                self.counts[seen.count] -= 1;
                seen
            }
            None => self.records.entry(record.to_string()).or_insert(Seen {
                first: i,
                created: None,
                moves: Vec::new(),
                count: 3,
            }),
        };
        match (entry.what, &entry.from, &entry.to) {
            (Event::Create, _, _) => {
                seen.created.get_or_insert(i);
            }
            (Event::Move, Some(_), Some(_)) => seen.moves.push(i),
            _ => {}
        }
        seen.count = seen.count_in(record, &board.log, &self.last_column);
        self.counts[seen.count] += 1;
    }

    /// Counts out the records of `removed`, the entries from `cut` on that
    /// a change took off the log.
    fn count_out(&mut self, board: &Board, cut: usize, removed: &[LogEntry]) {
        let mut records: Vec<&str> = removed.iter().map(|e| e.record.as_str()).collect();
        records.sort_unstable();
        records.dedup();
        for record in records {
            if self.others.get(record).is_some_and(|first| *first >= cut) {
                self.others.remove(record);
            }
            let Some(seen) = self.records.get_mut(record) else {
                continue;
            };
            self.counts[seen.count] -= 1;
            if seen.first >= cut {
                self.records.remove(record);
                continue;
            }
            seen.moves.retain(|i| *i < cut);
            seen.created = seen.created.filter(|i| *i < cut);
            seen.count = seen.count_in(record, &board.log, &self.last_column);
            self.counts[seen.count] += 1;
        }
        self.upto = cut;
    }

    /// The counts (`breached` left 0: see [`Board::breached_since`]).
    pub fn summary(&self) -> SinceSummary {
        let [moved, finished, raised, changed] = self.counts;
        SinceSummary {
            since: self.since,
            moved,
            finished,
            raised,
            breached: 0,
            changed: changed + self.others.len(),
        }
    }
}

impl Board {
    /// The counts for the header line at `now`.
    pub fn since_summary(&self, now: Timestamp) -> SinceSummary {
        let mut summary = SinceTally::new(self, now).summary();
        summary.breached = self.breached_since(summary.since.from, now);
        summary
    }

    /// How many issues breached after `from`, as they stand at `now`.
    pub fn breached_since(&self, from: Timestamp, now: Timestamp) -> usize {
        self.issues
            .values()
            .filter(|i| self.breached_at(i, now).is_some_and(|at| at > from))
            .count()
    }
}
