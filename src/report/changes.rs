//! The parts of a report that list what happened in its window: every
//! change the log holds (in words, by record), the deadlines that slipped,
//! and the SLA targets that were missed. The minutes and the weekly report
//! both build on these, from the board as it stood at the window's end.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::i18n::Lang;
use crate::model::sla::SlaIndex;
use crate::model::standup::RecordChange;
use crate::model::time::format_timestamp;
use crate::model::triage::SlaClock;
use crate::model::wording::{Reported, is_slip};
use crate::model::{Board, IssueId, TaskId, Timestamp};
use crate::text::human_duration;

/// One record's changes in the window, each in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeLine {
    /// `T-3`, `I-2`, `party:mkt`, `column:doing`, `board` or `standup`.
    pub record: String,
    /// The record's title or name at the window's end, or when deleted.
    pub title: String,
    pub changes: Vec<String>,
}

/// A card whose due date moved later in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slip {
    pub task: TaskId,
    pub title: String,
    /// The owner's name.
    pub owner: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    /// How many times this card's due date has moved later, this one
    /// included.
    pub times: usize,
    pub at: String,
}

/// A clock that missed its target in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub issue: IssueId,
    pub title: String,
    pub priority: &'static str,
    /// `respond` or `resolve`.
    pub clock: &'static str,
    /// The target it had, as the settings say it (`30m`, `1d`), or `set by
    /// hand`.
    pub target: String,
    pub deadline: String,
    /// When it stopped; `null` while it still runs past its deadline.
    pub stopped: Option<String>,
    pub late_minutes: i64,
    /// `15m`, `1d 3h`.
    pub late: String,
    /// The owner's name.
    pub owner: Option<String>,
}

/// Every record touched after `from` up to `to`, in the order each was
/// first touched: cards and issues as [`Board::changes`] gathers them,
/// then parties, columns, the board's settings and the standups. `skip`
/// says, per record, what the caller already reports.
pub fn lines(
    board: &Board,
    from: Timestamp,
    to: Timestamp,
    skip: &dyn Fn(&RecordChange) -> Reported,
    l: Lang,
) -> Vec<ChangeLine> {
    let mut out: Vec<ChangeLine> = board
        .changes(from, to)
        .iter()
        .filter_map(|change| {
            let changes = board.change_words(change, skip(change), l);
            (!changes.is_empty()).then(|| ChangeLine {
                record: change.record.clone(),
                title: title_of(board, change),
                changes,
            })
        })
        .collect();
    let start = board.log.partition_point(|e| e.at <= from);
    let mut others: Vec<ChangeLine> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (index, entry) in (start..).zip(board.log_between(from, to)) {
        let record = entry.record.as_str();
        if record.starts_with("T-") || record.starts_with("I-") {
            continue;
        }
        let i = *at.entry(record).or_insert_with(|| {
            others.push(ChangeLine {
                record: record.to_string(),
                title: other_title(board, record, l),
                changes: Vec::new(),
            });
            others.len() - 1
        });
        others[i].changes.push(board.entry_words(index, entry, l));
    }
    out.extend(others);
    out
}

/// A card's or an issue's title, or a deleted one's as its deletion says.
fn title_of(board: &Board, change: &RecordChange) -> String {
    let record = change.record.as_str();
    let live = if record.starts_with("T-") {
        record
            .parse::<TaskId>()
            .ok()
            .and_then(|id| board.tasks.get(&id))
            .map(|t| t.title.clone())
    } else {
        record
            .parse::<IssueId>()
            .ok()
            .and_then(|id| board.issues.get(&id))
            .map(|i| i.title.clone())
    };
    live.or_else(|| board.logged_name(record))
        .unwrap_or_default()
}

/// What a party, a column, the standups or the board is called now, or
/// was called when removed.
fn other_title(board: &Board, record: &str, l: Lang) -> String {
    let removed = || board.logged_name(record);
    if let Some(code) = record.strip_prefix("party:") {
        match board.party(code) {
            Some(_) => board.party_label(code),
            None => removed().map_or_else(|| code.to_string(), |name| format!("{name} ({code})")),
        }
    } else if let Some(id) = record.strip_prefix("column:") {
        match board.column(id) {
            Some(c) => c.name.clone(),
            None => removed().unwrap_or_else(|| id.to_string()),
        }
    } else if record == "standup" {
        l.t("Standup").into()
    } else {
        l.t("Board").into()
    }
}

/// Each time a card's due date moved later after `from` up to `to`.
pub fn slips(board: &Board, from: Timestamp, to: Timestamp) -> Vec<Slip> {
    let start = board.log.partition_point(|e| e.at <= from);
    // Slips before the window, counted once, so each slip says how many
    // this card has had.
    let mut times: HashMap<&str, usize> = HashMap::new();
    for entry in board.log[..start].iter().filter(|e| is_slip(e)) {
        *times.entry(entry.record.as_str()).or_default() += 1;
    }
    let mut out = Vec::new();
    for entry in board.log_between(from, to).iter().filter(|e| is_slip(e)) {
        let n = times.entry(entry.record.as_str()).or_default();
        *n += 1;
        let date = |t: &Option<String>| t.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        let (Some(a), Some(b), Ok(task)) = (
            date(&entry.from),
            date(&entry.to),
            entry.record.parse::<TaskId>(),
        ) else {
            continue;
        };
        let card = board.tasks.get(&task);
        out.push(Slip {
            task,
            title: card.map(|t| t.title.clone()).unwrap_or_default(),
            owner: card
                .and_then(|t| t.owner.as_deref())
                .map(|o| board.party_name(o).to_string()),
            from: a,
            to: b,
            days: (b - a).num_days(),
            times: *n,
            at: format_timestamp(&entry.at),
        });
    }
    out
}

/// The clocks whose deadline passed after `from` up to `to` and that missed
/// it by `to`: stopped late, or still running past it.
pub fn misses(board: &Board, from: Timestamp, to: Timestamp) -> Vec<Miss> {
    let index = SlaIndex::of(board);
    let mut out = Vec::new();
    for issue in board.issues.values().filter(|i| i.opened <= to) {
        let facts = index.facts(board, issue, to);
        for clock in facts.clocks() {
            let Some(late) = clock.missed_by(to) else {
                continue;
            };
            if clock.deadline <= from || clock.deadline > to {
                continue;
            }
            let target = board.settings.sla.for_priority(clock.priority);
            let (name, span, by_hand) = match clock.clock {
                SlaClock::Respond => ("respond", target.respond, issue.respond_by.is_some()),
                SlaClock::Resolve => ("resolve", target.resolve, issue.resolve_by.is_some()),
            };
            out.push(Miss {
                issue: issue.id,
                title: issue.title.clone(),
                priority: clock.priority.as_str(),
                clock: name,
                target: if by_hand {
                    "set by hand".into()
                } else {
                    span.to_string()
                },
                deadline: format_timestamp(&clock.deadline),
                stopped: clock.stopped.as_ref().map(format_timestamp),
                late_minutes: late.num_minutes(),
                late: human_duration(late),
                owner: issue
                    .owner
                    .as_deref()
                    .map(|o| board.party_name(o).to_string()),
            });
        }
    }
    out.sort_by(|a, b| a.deadline.cmp(&b.deadline).then(a.issue.cmp(&b.issue)));
    out
}
