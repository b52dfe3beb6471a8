//! The running standup as the TUI holds it: whose turn it is and how long
//! each turn has taken. The meeting itself (start, decisions, parked topics,
//! end) lives in the board's open standup record; only the timers live
//! here, written to the record when it ends or when the app quits.

use crate::model::standup::{Agenda, Stop};
use crate::model::{Board, SpeakerTime, StandupOrder, Timestamp};

/// See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// When the record says the standup started.
    pub started: Timestamp,
    pub order: StandupOrder,
    pub stops: Vec<Stop>,
    pub current: usize,
    /// Seconds spoken at each stop in finished stretches.
    spoken: Vec<i64>,
    /// When the current stretch began; `None` while paused.
    running_since: Option<Timestamp>,
}

/// How a timer stands against its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Fine,
    /// In the last quarter of its time.
    Late,
    Over,
}

impl Pace {
    pub fn of(seconds: i64, limit_minutes: u32) -> Pace {
        let limit = i64::from(limit_minutes) * 60;
        if limit == 0 || seconds > limit {
            Pace::Over
        } else if seconds * 4 >= limit * 3 {
            Pace::Late
        } else {
            Pace::Fine
        }
    }
}

impl Meeting {
    /// The meeting of the board's open standup record, resumed at `now`
    /// with the times it recorded: the turn stays with whoever had it, the
    /// last speaker the record lists (see [`Meeting::kept`]).
    pub fn resume(board: &Board, now: Timestamp) -> Option<Meeting> {
        let record = board.open_standup()?;
        let mut stops: Vec<Stop> = record
            .speakers
            .iter()
            .map(|s| Stop::from_key(&s.speaker))
            .collect();
        for stop in board.stops(record.order, record.started) {
            if !stops.contains(&stop) {
                stops.push(stop);
            }
        }
        let mut spoken = vec![0; stops.len()];
        for (i, s) in record.speakers.iter().enumerate() {
            spoken[i] = i64::from(s.seconds);
        }
        let current = record.speakers.len().saturating_sub(1);
        Some(Meeting {
            started: record.started,
            order: record.order,
            stops,
            current,
            spoken,
            running_since: Some(now),
        })
    }

    pub fn paused(&self) -> bool {
        self.running_since.is_none()
    }

    /// Seconds spoken at stop `i` by `now`.
    pub fn spoken(&self, i: usize, now: Timestamp) -> i64 {
        let base = self.spoken.get(i).copied().unwrap_or(0);
        match self.running_since {
            Some(since) if i == self.current => base + (now - since).num_seconds().max(0),
            _ => base,
        }
    }

    /// Seconds the meeting has run: every turn's time.
    pub fn elapsed(&self, now: Timestamp) -> i64 {
        (0..self.stops.len()).map(|i| self.spoken(i, now)).sum()
    }

    /// Closes the current stretch at `now`.
    fn bank(&mut self, now: Timestamp) {
        if let Some(since) = self.running_since {
            if let Some(s) = self.spoken.get_mut(self.current) {
                *s += (now - since).num_seconds().max(0);
            }
            self.running_since = Some(now);
        }
    }

    /// Gives the turn to the stop `delta` away; false at either end.
    pub fn step(&mut self, delta: isize, now: Timestamp) -> bool {
        let Some(to) = self
            .current
            .checked_add_signed(delta)
            .filter(|t| *t < self.stops.len())
        else {
            return false;
        };
        self.bank(now);
        self.current = to;
        true
    }

    /// Pauses or resumes the timers; returns whether they now run.
    pub fn toggle_pause(&mut self, now: Timestamp) -> bool {
        if self.running_since.is_some() {
            self.bank(now);
            self.running_since = None;
            false
        } else {
            self.running_since = Some(now);
            true
        }
    }

    /// The times to keep in the open record when the app stops mid-meeting:
    /// those who spoke, and last the one whose turn it is (even before a
    /// second of it has passed), so that resuming gives the turn back to
    /// them rather than to the next speaker.
    pub fn kept(&self, now: Timestamp) -> Vec<SpeakerTime> {
        let current = self.stop().map(Stop::key);
        let mut kept: Vec<SpeakerTime> = self
            .speakers(now)
            .into_iter()
            .filter(|s| Some(&s.speaker) != current.as_ref())
            .collect();
        if let Some(speaker) = current {
            let seconds = self.spoken(self.current, now);
            kept.push(SpeakerTime {
                speaker,
                seconds: u32::try_from(seconds).unwrap_or(u32::MAX),
            });
        }
        kept
    }

    /// The current stop.
    pub fn stop(&self) -> Option<&Stop> {
        self.stops.get(self.current)
    }

    /// The times to record, in speaking order: the stops that spoke.
    pub fn speakers(&self, now: Timestamp) -> Vec<SpeakerTime> {
        self.stops
            .iter()
            .enumerate()
            .map(|(i, stop)| (stop, self.spoken(i, now)))
            .filter(|(_, s)| *s > 0)
            .map(|(stop, s)| SpeakerTime {
                speaker: stop.key(),
                seconds: u32::try_from(s).unwrap_or(u32::MAX),
            })
            .collect()
    }
}

/// What the standup pane shows for the current stop, prepared when the
/// board, the turn or the minute changes (building it scans the board and
/// the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub key: TurnKey,
    pub agenda: Agenda,
    /// Where "since the last standup" starts for this turn's rows.
    pub since: Timestamp,
    /// The pane's rows, and which of them can be selected: worked out with
    /// the agenda (once per change or minute), not on every key or frame.
    pub rows: Vec<crate::tui::panes::standup::Row>,
    pub items: Vec<usize>,
    /// The help each blocked card's open issues ask for (the issues' ids),
    /// so that a frame does not read every issue for every card it shows.
    pub help: std::collections::HashMap<crate::model::TaskId, Vec<crate::model::IssueId>>,
}

/// Who would speak in each order, for the pane before a standup starts:
/// working it out reads every card, so it is prepared once per change or
/// minute, not drawn from the board on every frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub key: TurnKey,
    pub by_party: Vec<Stop>,
    pub by_board: Vec<Stop>,
}

/// What a [`Turn`] depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnKey {
    pub stop: Option<Stop>,
    pub changes: u64,
    pub reloads: u64,
    pub minute: i64,
}
