//! Standup minutes: what a lead pastes into the team chat after the
//! standup. Built from the board at a moment (pure: no clock, no files), then
//! written as Markdown ([`markdown`]) or JSON (the [`Minutes`] struct as is).

pub mod changes;
pub mod csv;
pub mod digest;
pub mod html;
pub mod markdown;
mod parties;
pub mod week;
pub mod week_markdown;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::i18n::Lang;
use crate::model::board::StandupRecord;
use crate::model::flow::day_start;
use crate::model::raci;
use crate::model::replay::ReplayError;
use crate::model::standup::Stop;
use crate::model::time::format_timestamp;
use crate::model::wording::Reported;
use crate::model::{Board, TaskId, Timestamp};
use changes::{ChangeLine, Miss};
use chrono::Duration;
use parties::{Cards, issue_line, party_report};

/// Which standup a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The standup held today (the running one included); when none was,
    /// everything since the last one.
    Latest,
    /// The last standup held on this date.
    Date(NaiveDate),
}

/// The minutes of one standup, or of the time since the last one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minutes {
    pub board: String,
    pub date: NaiveDate,
    /// What the minutes cover: `standup` (a meeting held), `since-last`
    /// (no meeting yet today: everything since the last one) or `day` (a
    /// past day with no meeting: that day's changes).
    pub covers: &'static str,
    /// The window the changes are counted in.
    pub since: String,
    pub until: String,
    /// The meeting itself; `null` when the report covers the time since
    /// the last standup and no meeting was held.
    pub standup: Option<Meeting>,
    /// Per party (then cards with no owner), those with something to say.
    pub parties: Vec<PartyReport>,
    /// Every open or acknowledged issue, breached first.
    pub issues: Vec<IssueLine>,
    /// Issues raised in the window.
    pub raised: Vec<IssueLine>,
    pub decisions: Vec<DecisionLine>,
    pub parked: Vec<ParkedLine>,
    pub raci_errors: Vec<RaciError>,
    /// Issues changed in the window other than by being raised: each step
    /// and edit in words.
    pub issue_changes: Vec<ChangeLine>,
    /// Cards deleted, parties, columns and the board's settings changed.
    pub other_changes: Vec<ChangeLine>,
    /// SLA targets missed in the window: issue, target, by how much, owner.
    pub sla_misses: Vec<Miss>,
}

/// When the meeting ran and who spoke how long.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meeting {
    pub started: String,
    /// `null` while it runs.
    pub ended: Option<String>,
    pub minutes: i64,
    pub timebox_minutes: u32,
    pub order: &'static str,
    pub speakers: Vec<Speaker>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    pub speaker: String,
    pub name: String,
    pub seconds: u32,
}

/// One party's part of the minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyReport {
    /// A party code; `null` for cards with no owner.
    pub party: Option<String>,
    pub name: String,
    pub finished: Vec<Moved>,
    pub moved: Vec<Moved>,
    pub added: Vec<CardRef>,
    pub blocked: Vec<BlockedCard>,
    pub next: Vec<NextCard>,
    /// The party's cards changed in other ways (due date, owner, block,
    /// RACI…), each change in words.
    pub changed: Vec<ChangeLine>,
}

impl PartyReport {
    fn is_empty(&self) -> bool {
        self.finished.is_empty()
            && self.moved.is_empty()
            && self.added.is_empty()
            && self.changed.is_empty()
            && self.blocked.is_empty()
            && self.next.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardRef {
    pub task: TaskId,
    pub title: String,
    pub column: String,
    /// The parties Informed on the card: who to tell.
    pub to_inform: Vec<String>,
}

/// A card that changed column in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    pub task: TaskId,
    pub title: String,
    /// Column names, from where it was to where it is.
    pub path: Vec<String>,
    pub to_inform: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockedCard {
    pub task: TaskId,
    pub title: String,
    pub column: String,
    pub reason: String,
    pub since: Option<String>,
    /// The support the card's open issues ask for.
    pub help: Vec<String>,
    /// Who answers for it (the card's A).
    pub accountable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextCard {
    pub task: TaskId,
    pub title: String,
    pub column: String,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueLine {
    pub id: crate::model::IssueId,
    pub title: String,
    pub priority: &'static str,
    pub status: &'static str,
    pub owner: Option<String>,
    pub reporter: Option<String>,
    pub respond_by: String,
    pub resolve_by: String,
    /// The running clock in words (`resolve in 3h`, `breached 2h ago`).
    pub clock: String,
    pub breached: bool,
    pub support: String,
    pub accountable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionLine {
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParkedLine {
    pub topic: String,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaciError {
    pub task: Option<TaskId>,
    pub title: Option<String>,
    pub rule: &'static str,
    pub message: String,
}

/// Why there is no report to give.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("no standup was held on {date} ({held})")]
    NoStandupOn { date: NaiveDate, held: String },
    #[error("no standup was held on {date} ({held}), and {why}")]
    NothingOn {
        date: NaiveDate,
        held: String,
        why: ReplayError,
    },
    #[error(transparent)]
    Before(#[from] ReplayError),
}

/// The standup a report covers, if one: its position in `board.standups`.
pub fn pick(board: &Board, which: Which, now: Timestamp) -> Option<usize> {
    let date = match which {
        Which::Latest => now.date_naive(),
        Which::Date(date) => date,
    };
    board
        .standups
        .iter()
        .rposition(|s| s.date == date && s.started <= now)
}

/// The minutes for `which` at `now`, written in `l` (JSON is always
/// written in English: scripts read it). A past date with no standup gives
/// that day's changes; either way the board is shown as it stood then.
pub fn minutes(
    board: &Board,
    which: Which,
    now: Timestamp,
    l: Lang,
) -> Result<Minutes, ReportError> {
    match (pick(board, which, now), which) {
        (Some(i), _) => of_standup(board, i, now, l),
        (None, Which::Date(date)) if date != now.date_naive() => {
            let start = day_start(date, now);
            let end = day_start(date + Duration::days(1), now).min(now);
            if start >= now {
                let held = held_dates(board);
                return Err(ReportError::NoStandupOn { date, held });
            }
            let then = board.as_of(end).map_err(|why| ReportError::NothingOn {
                date,
                held: held_dates(board),
                why,
            })?;
            let mut minutes = build(&then, None, start, end, l);
            minutes.covers = "day";
            minutes.date = date;
            Ok(minutes)
        }
        (None, _) => Ok(build(
            board,
            None,
            board.since_last_standup(now).from,
            now,
            l,
        )),
    }
}

/// The dates standups were held on, for a message.
fn held_dates(board: &Board) -> String {
    let mut dates: Vec<String> = board.standups.iter().map(|s| s.date.to_string()).collect();
    dates.dedup();
    match dates.len() {
        0 => "none was ever recorded on this board".to_string(),
        n if n > 5 => format!("the latest: {}", dates[n - 5..].join(", ")),
        _ => format!("held on: {}", dates.join(", ")),
    }
}

/// The minutes of the standup at position `i`: the changes since the one
/// before it ended, up to its end (or `now` while it runs), on the board as
/// it stood at that end.
pub fn of_standup(
    board: &Board,
    i: usize,
    now: Timestamp,
    l: Lang,
) -> Result<Minutes, ReportError> {
    let record = &board.standups[i];
    // A standup of a past day never ended (left open) is reported as it
    // stood at that day's end, not as of today.
    let day_end = day_start(record.date + Duration::days(1), now);
    let until = record.ended.unwrap_or(day_end.max(record.started)).min(now);
    let from = board
        .since_before_standup(i)
        .map_or(record.started, |s| s.from);
    let then = board.as_of(until)?;
    let held = then.standup_at(record.started).map(|i| &then.standups[i]);
    Ok(build(&then, held, from, until, l))
}

fn build(
    board: &Board,
    record: Option<&StandupRecord>,
    from: Timestamp,
    at: Timestamp,
    l: Lang,
) -> Minutes {
    let name = |code: &str| board.party_name(code).to_string();
    let changes = board.changes(from, at);
    let cards = Cards::of(board, &changes);
    // Every change of the window in words, without what the lines by
    // party already say (a card's move, its creation, an issue raised).
    let said = |c: &crate::model::standup::RecordChange| Reported {
        created: c.created && (c.record.starts_with("I-") || !c.moved()),
        moved: c.moved(),
        blocked: c
            .record
            .parse::<TaskId>()
            .ok()
            .and_then(|id| board.tasks.get(&id))
            .is_some_and(|t| t.blocked.is_some() && !board.is_finished(t)),
    };
    let mut card_changes: HashMap<String, ChangeLine> = HashMap::new();
    let (mut issue_changes, mut other_changes) = (Vec::new(), Vec::new());
    for line in changes::lines(board, from, at, &said, l) {
        let on_board = line
            .record
            .strip_prefix("T-")
            .and(line.record.parse::<TaskId>().ok())
            .is_some_and(|id| board.tasks.contains_key(&id));
        if on_board {
            card_changes.insert(line.record.clone(), line);
        } else if line.record.starts_with("I-") {
            issue_changes.push(line);
        } else if !(record.is_some() && line.record == "standup") {
            // A meeting's own steps are its header, decisions and topics.
            other_changes.push(line);
        }
    }
    let parties: Vec<PartyReport> = board
        .parties
        .iter()
        .map(|p| Stop::Party(p.code.clone()))
        .chain([Stop::Unowned])
        .map(|stop| party_report(board, &stop, &cards, &mut card_changes, at, l))
        .filter(|r| !r.is_empty())
        .collect();
    let issues = board
        .issues_by_urgency(at)
        .into_iter()
        .map(|i| issue_line(board, i, at, l))
        .collect();
    let raised = changes
        .iter()
        .filter(|c| c.created && c.record.starts_with("I-"))
        .filter_map(|c| c.record.parse().ok().and_then(|id| board.issues.get(&id)))
        .map(|i| issue_line(board, i, at, l))
        .collect();
    let (decisions, parked) = match record {
        Some(r) => (
            r.decisions
                .iter()
                .map(|d| DecisionLine {
                    text: d.text.clone(),
                    owner: d.owner.as_deref().map(name),
                    due: d.due,
                })
                .collect(),
            r.parked
                .iter()
                .map(|p| ParkedLine {
                    topic: p.topic.clone(),
                    owner: p.owner.as_deref().map(name),
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let raci_errors = raci_errors(board, l);
    let meeting = record.map(|r| Meeting {
        started: format_timestamp(&r.started),
        ended: r.ended.as_ref().map(format_timestamp),
        minutes: (r.ended.unwrap_or(at) - r.started).num_minutes().max(0),
        timebox_minutes: board.settings.standup.timebox_minutes,
        order: r.order.as_str(),
        speakers: r
            .speakers
            .iter()
            .map(|s| Speaker {
                speaker: s.speaker.clone(),
                name: Stop::from_key(&s.speaker).label(board, l),
                seconds: s.seconds,
            })
            .collect(),
    });
    Minutes {
        board: board.name.clone(),
        covers: if record.is_some() {
            "standup"
        } else {
            "since-last"
        },
        date: record.map_or(at.date_naive(), |r| r.date),
        since: format_timestamp(&from),
        until: format_timestamp(&at),
        standup: meeting,
        parties,
        issues,
        raised,
        decisions,
        parked,
        raci_errors,
        issue_changes,
        other_changes,
        sla_misses: changes::misses(board, from, at),
    }
}

/// The RACI errors on the board now (warnings are not for a report).
pub(crate) fn raci_errors(board: &Board, l: Lang) -> Vec<RaciError> {
    raci::errors_in(board, l)
        .into_iter()
        .map(|p| RaciError {
            task: p.task,
            title: p.title,
            rule: p.rule.name(),
            message: p.message,
        })
        .collect()
}
