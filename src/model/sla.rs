//! What each SLA clock of an issue came to: met, missed, or still running.
//!
//! [`Issue::sla`](super::Issue::sla) says where the *running* clock stands
//! now (breached, at risk). That is not enough for a record people act on:
//! once an issue is acknowledged its response clock stops, and a late
//! acknowledgement would vanish from every list. The facts here are read
//! from the issue's activity log, so a clock that stopped after its deadline
//! stays *missed* whatever happens later, and each resolution cycle after a
//! reopen keeps its own outcome. A deadline is taken as it stood when its
//! clock stopped: an escalation or a new target afterwards changes nothing
//! that already happened.
//!
//! [`Sla::describe`]: super::triage::Sla::describe

use std::collections::HashMap;

use chrono::Duration;

use super::board::{Board, Event, Issue, IssueStatus, LogEntry};
use super::ids::IssueId;
use super::settings::SlaTargets;
use super::time::Timestamp;
use super::triage::{ClockState, Level, Priority, SlaClock};
use crate::i18n::{Lang, fill};

/// One clock of one issue: respond, or one resolution cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockFact {
    pub clock: SlaClock,
    pub started: Timestamp,
    /// The deadline as it stood when the clock stopped, or stands now.
    pub deadline: Timestamp,
    /// When it stopped (acknowledged, resolved or closed); `None` while it runs.
    pub stopped: Option<Timestamp>,
    /// The priority the deadline was measured with.
    pub priority: Priority,
}

/// How a clock ended, or stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Running,
    Met,
    Missed,
}

impl Outcome {
    /// `running`, `met`, `missed`: the word `--json` writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Running => "running",
            Outcome::Met => "met",
            Outcome::Missed => "missed",
        }
    }
}

impl ClockFact {
    /// By how much the clock missed its deadline at `now`: stopped late, or
    /// still running past it. `None` when it is (so far) within target.
    pub fn missed_by(&self, now: Timestamp) -> Option<Duration> {
        let end = self.stopped.unwrap_or(now);
        (end > self.deadline).then(|| end - self.deadline)
    }

    /// Met or missed once stopped; while running, missed once past the
    /// deadline (a miss then is already a fact), else running.
    pub fn outcome(&self, now: Timestamp) -> Outcome {
        match (self.stopped, self.missed_by(now)) {
            (_, Some(_)) => Outcome::Missed,
            (Some(_), None) => Outcome::Met,
            (None, None) => Outcome::Running,
        }
    }

    /// A running clock past its deadline: what `breached` means.
    pub fn breached(&self, now: Timestamp) -> bool {
        self.stopped.is_none() && now > self.deadline
    }
}

/// Every clock of one issue, in the order they ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaFacts {
    pub respond: ClockFact,
    /// One per resolution cycle: the first from `opened`, then one from each
    /// reopen. Never empty.
    pub resolve: Vec<ClockFact>,
}

impl SlaFacts {
    /// Every clock, respond first.
    pub fn clocks(&self) -> impl Iterator<Item = &ClockFact> {
        std::iter::once(&self.respond).chain(&self.resolve)
    }

    /// The clocks that missed their deadline by `now`.
    pub fn misses(&self, now: Timestamp) -> impl Iterator<Item = &ClockFact> {
        self.clocks().filter(move |c| c.missed_by(now).is_some())
    }

    /// Whether any clock missed its deadline by `now`.
    pub fn missed(&self, now: Timestamp) -> bool {
        self.misses(now).next().is_some()
    }

    /// The response clock, if it missed: what the queue shows on an issue
    /// that has since been answered (`responded 15m late`).
    pub fn late_response(&self) -> Option<Duration> {
        let r = &self.respond;
        r.stopped.and_then(|_| r.missed_by(r.deadline))
    }
}

/// An issue's fields that set its deadlines, as they stood at a moment.
#[derive(Debug, Clone, Copy)]
struct Terms {
    impact: Level,
    urgency: Level,
    respond_by: Option<Timestamp>,
    resolve_by: Option<Timestamp>,
    targets: SlaTargets,
}

impl Terms {
    fn priority(&self) -> Priority {
        Priority::of(self.impact, self.urgency)
    }

    fn respond_deadline(&self, opened: Timestamp) -> Timestamp {
        let target = self.targets.for_priority(self.priority()).respond;
        self.respond_by
            .unwrap_or(opened + Duration::minutes(i64::from(target.minutes())))
    }

    fn resolve_deadline(&self, start: Timestamp) -> Timestamp {
        let target = self.targets.for_priority(self.priority()).resolve;
        self.resolve_by
            .unwrap_or(start + Duration::minutes(i64::from(target.minutes())))
    }

    /// Takes one log entry's change into account, forward (`to`) or undone
    /// (`from`).
    fn follow(&mut self, entry: &LogEntry, forward: bool) {
        let value = match (forward, entry.what) {
            (true, Event::Escalate) => entry.escalated_to().map(|(level, _)| level),
            (true, _) => entry.to.as_deref(),
            (false, _) => entry.from.as_deref(),
        };
        let at = || value.and_then(|v| chrono::DateTime::parse_from_rfc3339(v).ok());
        match (entry.what, entry.field.as_deref()) {
            (Event::Edit | Event::Escalate | Event::Settle, Some("impact")) => {
                if let Some(l) = value.and_then(Level::parse) {
                    self.impact = l;
                }
            }
            (Event::Edit | Event::Escalate | Event::Settle, Some("urgency")) => {
                if let Some(l) = value.and_then(Level::parse) {
                    self.urgency = l;
                }
            }
            (Event::Edit | Event::Settle, Some("respond_by")) => self.respond_by = at(),
            (Event::Edit | Event::Settle, Some("resolve_by")) => self.resolve_by = at(),
            (Event::Edit, Some("settings.sla")) => {
                if let Some(t) = value.and_then(|v| v.parse().ok()) {
                    self.targets = t;
                }
            }
            _ => {}
        }
    }
}

/// Where each issue's log entries stand in the board's log, kept up to date
/// as the log grows: the TUI asks for the facts of the rows it shows on
/// every frame, and a change appends an entry or two, so neither may scan
/// a long-lived board's whole log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SlaIndex {
    /// How much of the log is indexed, and its last entry then: a log that
    /// no longer holds that entry there was replaced, and is indexed afresh
    /// (a log cut back by undo keeps the indexed entries before the cut).
    upto: usize,
    last: Option<LogEntry>,
    by_issue: HashMap<IssueId, Vec<usize>>,
    targets: Vec<usize>,
}

impl SlaIndex {
    /// The whole log of `board` indexed: for a report or a list that reads
    /// the clocks of many issues once.
    pub fn of(board: &Board) -> SlaIndex {
        let mut index = SlaIndex::default();
        index.update(board);
        index
    }

    /// Indexes what the log gained since the last call (all of it after a
    /// cut).
    pub fn update(&mut self, board: &Board) {
        let log = &board.log;
        if self.upto > log.len() {
            // Undo cuts the log back: what stays is what was indexed.
            let len = log.len();
            for at in self.by_issue.values_mut() {
                at.retain(|&i| i < len);
            }
            self.targets.retain(|&i| i < len);
            self.upto = len;
            self.last = log.last().cloned();
        }
        let still = self.upto == 0 || log.get(self.upto - 1) == self.last.as_ref();
        if !still {
            *self = SlaIndex::default();
        }
        for (i, entry) in log.iter().enumerate().skip(self.upto) {
            if entry.record.starts_with("I-") {
                if let Ok(id) = entry.record.parse::<IssueId>() {
                    self.by_issue.entry(id).or_default().push(i);
                }
            } else if entry.record == "board" && entry.field.as_deref() == Some("settings.sla") {
                self.targets.push(i);
            }
        }
        self.upto = log.len();
        self.last = log.last().cloned();
    }

    /// The facts of `issue` at `now`, from the entries indexed.
    pub fn facts(&self, board: &Board, issue: &Issue, now: Timestamp) -> SlaFacts {
        let entries = |at: &[usize]| -> Vec<&LogEntry> {
            at.iter().filter_map(|&i| board.log.get(i)).collect()
        };
        let own = entries(
            self.by_issue
                .get(&issue.id)
                .map_or(&[][..], |v| v.as_slice()),
        );
        facts(
            issue,
            &own,
            &entries(&self.targets),
            &board.settings.sla,
            now,
        )
    }
}

impl Board {
    /// The SLA facts of one issue at `now`. Reads the log from the moment
    /// the issue was opened (the log is in time order); for many issues
    /// index it once with [`SlaIndex::of`].
    pub fn sla_facts(&self, issue: &Issue, now: Timestamp) -> SlaFacts {
        let from = self.log.partition_point(|e| e.at < issue.opened);
        let record = issue.id.to_string();
        let (mut own, mut targets) = (Vec::new(), Vec::new());
        for entry in &self.log[from..] {
            if entry.record == record {
                own.push(entry);
            } else if entry.record == "board" && entry.field.as_deref() == Some("settings.sla") {
                targets.push(entry);
            }
        }
        facts(issue, &own, &targets, &self.settings.sla, now)
    }

    /// The issue's clock in words, as [`Sla::describe`] says it, with what
    /// it missed that the running clock no longer shows: `resolve in 1h ·
    /// responded 15m late`.
    pub fn clock(&self, issue: &Issue, now: Timestamp, l: Lang) -> (String, ClockState) {
        self.clock_with(issue, &self.sla_facts(issue, now), now, l)
    }

    /// [`Board::clock`] from facts already read.
    pub fn clock_with(
        &self,
        issue: &Issue,
        facts: &SlaFacts,
        now: Timestamp,
        l: Lang,
    ) -> (String, ClockState) {
        let (mut text, state) = issue.sla(&self.settings.sla, now).describe(issue, now, l);
        let mut notes = Vec::new();
        if let Some(late) = facts.late_response() {
            notes.push(l.f("responded {0} late", &[&l.duration(late)]));
        }
        if let Some(last) = facts.resolve.last().filter(|c| c.stopped.is_some())
            && let Some(late) = last.missed_by(now)
        {
            let words = match issue.status {
                IssueStatus::Closed => l.t("closed {0} late"),
                _ => l.t("resolved {0} late"),
            };
            notes.push(fill(words, &[&l.duration(late)]));
        }
        for note in notes {
            if !text.is_empty() {
                text.push_str(" · ");
            }
            text.push_str(&note);
        }
        (text, state)
    }
}

/// Walks the issue's log: back from the record to the terms it was opened
/// with, then forward, stopping each clock where the log says it stopped.
fn facts(
    issue: &Issue,
    own: &[&LogEntry],
    target_changes: &[&LogEntry],
    targets: &SlaTargets,
    now: Timestamp,
) -> SlaFacts {
    let mut terms = Terms {
        impact: issue.impact,
        urgency: issue.urgency,
        respond_by: issue.respond_by,
        resolve_by: issue.resolve_by,
        targets: *targets,
    };
    for entry in own.iter().rev() {
        terms.follow(entry, false);
    }
    for entry in target_changes.iter().rev().filter(|e| e.at > issue.opened) {
        terms.follow(entry, false);
    }

    // Both lists in time order, merged: the issue's steps and the target
    // changes made while its clocks ran.
    let mut steps: Vec<&LogEntry> = own
        .iter()
        .chain(target_changes.iter().filter(|e| e.at > issue.opened))
        .copied()
        .filter(|e| e.at <= now)
        .collect();
    steps.sort_by_key(|e| e.at);

    let fact = |clock, started, terms: &Terms| ClockFact {
        clock,
        started,
        deadline: match clock {
            SlaClock::Respond => terms.respond_deadline(issue.opened),
            SlaClock::Resolve => terms.resolve_deadline(started),
        },
        stopped: None,
        priority: terms.priority(),
    };
    let mut respond = fact(SlaClock::Respond, issue.opened, &terms);
    let mut resolve = vec![fact(SlaClock::Resolve, issue.opened, &terms)];
    // A running clock's deadline follows the terms until it stops.
    let stop = |clock: &mut ClockFact, at: Timestamp, terms: &Terms| {
        if clock.stopped.is_none() {
            *clock = ClockFact {
                stopped: Some(at),
                ..fact(clock.clock, clock.started, terms)
            };
        }
    };
    for entry in steps {
        terms.follow(entry, true);
        if entry.record == "board" {
            continue;
        }
        match entry.what {
            Event::Acknowledge => stop(&mut respond, entry.at, &terms),
            Event::Resolve | Event::Close => {
                stop(&mut respond, entry.at, &terms);
                if let Some(cycle) = resolve.last_mut() {
                    stop(cycle, entry.at, &terms);
                }
            }
            Event::Reopen if resolve.last().is_some_and(|c| c.stopped.is_some()) => {
                resolve.push(fact(SlaClock::Resolve, entry.at, &terms));
            }
            _ => {}
        }
    }

    // A board whose log lacks the steps (written by hand, or by an older
    // build) still has the record's own timestamps.
    if let Some(at) = issue.acknowledged.filter(|a| *a <= now) {
        stop(&mut respond, at, &terms);
    }
    if let Some(r) = issue.reopened.filter(|r| *r <= now)
        && resolve.len() == 1
        && r > issue.opened
    {
        if let Some(first) = resolve.last_mut() {
            stop(first, r, &terms);
        }
        resolve.push(fact(SlaClock::Resolve, r, &terms));
    }
    if let Some(at) = issue.resolved.filter(|r| *r <= now)
        && let Some(cycle) = resolve.last_mut()
    {
        stop(cycle, at, &terms);
    }
    // Running clocks measure against the terms as they stand now; one on
    // an issue closed with no step logged stopped, but when is not known,
    // so nothing is claimed past its deadline.
    let active = issue.status.is_active();
    for clock in std::iter::once(&mut respond).chain(resolve.iter_mut()) {
        if clock.stopped.is_none() {
            let fresh = fact(clock.clock, clock.started, &terms);
            *clock = ClockFact {
                stopped: (!active).then(|| fresh.deadline.min(now)),
                ..fresh
            };
        }
    }
    SlaFacts { respond, resolve }
}

#[cfg(test)]
mod tests;
