//! `standup issue …`: raise, edit, acknowledge, resolve, close, reopen,
//! escalate and list issues, with the same rules and words as the TUI.

use anyhow::{Result, anyhow};
use serde::Serialize;

use super::args::IssueCommand;
use super::{Outcome, Session, is_clear};
use crate::cli::Cli;
use crate::model::settings::BadSettings;
use crate::model::sla::{ClockFact, SlaIndex};
use crate::model::time::format_timestamp;
use crate::model::triage::Priority;
use crate::model::{Action, Board, IssueEdit, IssueId, Level, NewIssue, TaskId, Timestamp};

pub(super) fn issue(cli: &Cli, cmd: &IssueCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    match cmd {
        IssueCommand::Add {
            title,
            impact,
            urgency,
            fields,
        } => {
            let new = NewIssue {
                title: title.clone(),
                detail: fields.detail.clone().unwrap_or_default(),
                reporter: None,
                parties: list(fields.parties.as_deref()),
                owner: fields.owner.clone(),
                impact: level(impact, "impact")?,
                urgency: level(urgency, "urgency")?,
                support: fields.support.clone().unwrap_or_default(),
                proposal: fields.proposal.clone().unwrap_or_default(),
                task: fields
                    .task
                    .as_deref()
                    .map(str::parse::<TaskId>)
                    .transpose()?,
                respond_by: moment(fields.respond_by.as_deref(), s.now)?.flatten(),
                resolve_by: moment(fields.resolve_by.as_deref(), s.now)?.flatten(),
            };
            let applied = s.apply(&Action::AddIssue(new))?;
            let id: IssueId = applied.created.unwrap_or_default().parse()?;
            s.save()?;
            let issue = &s.board.issues[&id];
            let said = s.l.f(
                "Raised {0} ({1}) {2}",
                &[&id, &issue.priority().as_str(), &issue.title],
            );
            outln!("{said}");
        }
        IssueCommand::Edit {
            id,
            title,
            impact,
            urgency,
            fields,
        } => {
            let id: IssueId = id.parse()?;
            let edit = IssueEdit {
                title: title.clone(),
                detail: fields.detail.clone(),
                owner: fields
                    .owner
                    .as_deref()
                    .map(|o| (!is_clear(o)).then(|| o.to_string())),
                parties: fields.parties.as_deref().map(|p| list(Some(p))),
                impact: impact.as_deref().map(|l| level(l, "impact")).transpose()?,
                urgency: urgency
                    .as_deref()
                    .map(|l| level(l, "urgency"))
                    .transpose()?,
                support: fields.support.clone(),
                proposal: fields.proposal.clone(),
                task: match fields.task.as_deref() {
                    None => None,
                    Some(t) if is_clear(t) => Some(None),
                    Some(t) => Some(Some(t.parse::<TaskId>()?)),
                },
                respond_by: moment(fields.respond_by.as_deref(), s.now)?,
                resolve_by: moment(fields.resolve_by.as_deref(), s.now)?,
            };
            s.apply(&Action::EditIssue { id, edit })?;
            s.save()?;
            outln!("{}", s.l.f("Edited {0}", &[&id]));
        }
        IssueCommand::Ack { id } => step(&mut s, Action::AcknowledgeIssue { id: id.parse()? })?,
        IssueCommand::Resolve { id, note } => step(
            &mut s,
            Action::ResolveIssue {
                id: id.parse()?,
                note: note.clone(),
            },
        )?,
        IssueCommand::Close { id, reason } => step(
            &mut s,
            Action::CloseIssue {
                id: id.parse()?,
                reason: reason.clone(),
            },
        )?,
        IssueCommand::Reopen { id } => step(&mut s, Action::ReopenIssue { id: id.parse()? })?,
        IssueCommand::Escalate { id, reason } => {
            let id: IssueId = id.parse()?;
            s.apply(&Action::EscalateIssue {
                id,
                reason: reason.clone(),
            })?;
            s.save()?;
            let issue = &s.board.issues[&id];
            let who = s
                .board
                .accountable_for(issue)
                .map(|p| s.l.f("; {0} answers for it", &[&p]))
                .unwrap_or_default();
            let said = s.l.f(
                "Escalated {0}: urgency {1}, now {2}{3}",
                &[
                    &id,
                    &issue.urgency.as_str(),
                    &issue.priority().as_str(),
                    &who,
                ],
            );
            outln!("{said}");
        }
        IssueCommand::Sla { targets } => {
            if let Some(text) = targets {
                let targets = text.parse().map_err(|e: BadSettings| anyhow!(e))?;
                s.apply(&Action::SetSlaTargets(targets))?;
                s.save()?;
            }
            let sla = &s.board.settings.sla;
            for p in Priority::ALL {
                let t = sla.for_priority(p);
                let respond = format!("{:<4}", t.respond.to_string());
                let said = s.l.f(
                    "{0}  respond in {1} resolve in {2}",
                    &[&p.as_str(), &respond, &t.resolve],
                );
                outln!("{said}");
            }
        }
        IssueCommand::List {
            open,
            breached,
            missed,
            json,
        } => {
            let only = Only {
                open: *open,
                breached: *breached,
                missed: *missed,
            };
            let rows = rows(&s.board, s.now, only);
            if *json {
                #[derive(Serialize)]
                struct Out<'a> {
                    issues: &'a [Row],
                }
                outln!("{}", super::terminal::json(&Out { issues: &rows }));
            } else {
                out!("{}", table(&s.board, &rows, s.now, s.l.lang));
            }
        }
    }
    Ok(Outcome::Done)
}

/// Applies a lifecycle step, saves, and says where the issue stands now.
fn step(s: &mut Session, action: Action) -> Result<()> {
    s.apply(&action)?;
    s.save()?;
    // Said as done, with where the issue stands now.
    let (done, id) = match &action {
        Action::AcknowledgeIssue { id } => (s.l.t("Acknowledged"), id),
        Action::ResolveIssue { id, .. } => (s.l.t("Resolved"), id),
        Action::CloseIssue { id, .. } => (s.l.t("Closed"), id),
        Action::ReopenIssue { id } => (s.l.t("Reopened"), id),
        _ => {
            let done = action.done(&s.board, s.l.lang);
            outln!("{}", crate::text::capitalize(&done));
            return Ok(());
        }
    };
    let clock = s
        .board
        .issues
        .get(id)
        .map(|issue| s.board.clock(issue, s.now, s.l.lang).0)
        .unwrap_or_default();
    outln!("{done} {id}: {clock}");
    Ok(())
}

fn level(text: &str, what: &str) -> Result<Level> {
    Level::parse(text).ok_or_else(|| {
        anyhow!(
            "`{}` is not an {what} (use high, medium or low)",
            text.trim()
        )
    })
}

fn list(text: Option<&str>) -> Vec<String> {
    text.map(|t| {
        t.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// A deadline typed on the command line (see
/// [`crate::model::dates::parse_moment`]), or `-` to clear.
fn moment(text: Option<&str>, now: Timestamp) -> Result<Option<Option<Timestamp>>> {
    match text {
        None => Ok(None),
        Some(t) if is_clear(t) => Ok(Some(None)),
        Some(t) => crate::model::dates::parse_moment(t, now)
            .map(|m| Some(Some(m)))
            .map_err(|e| anyhow!(e)),
    }
}

/// An issue as `issue list --json` prints it.
#[derive(Serialize)]
struct Row {
    id: IssueId,
    title: String,
    priority: &'static str,
    status: &'static str,
    impact: &'static str,
    urgency: &'static str,
    owner: Option<String>,
    parties: Vec<String>,
    support: String,
    /// How it was resolved, or why it was closed (empty: not said).
    resolution: String,
    task: Option<TaskId>,
    opened: String,
    respond_by: String,
    resolve_by: String,
    breached: bool,
    /// Any clock missed its target (stopped late, or running past it).
    missed: bool,
    /// The running clock in words: `resolve in 1d 3h`, `breached 2h ago`.
    clock: String,
    sla: ClocksJson,
}

/// Every SLA clock of an issue, for scripts.
#[derive(Serialize)]
struct ClocksJson {
    respond: ClockJson,
    /// One per resolution cycle: the first from `opened`, one per reopen.
    resolve: Vec<ClockJson>,
}

#[derive(Serialize)]
struct ClockJson {
    started: String,
    deadline: String,
    stopped: Option<String>,
    /// `running`, `met` or `missed`.
    outcome: &'static str,
    /// How late it stopped, or how far past its deadline it runs.
    late_minutes: Option<i64>,
    /// The priority its deadline was measured with.
    priority: &'static str,
}

impl ClockJson {
    fn of(fact: &ClockFact, now: Timestamp) -> ClockJson {
        ClockJson {
            started: format_timestamp(&fact.started),
            deadline: format_timestamp(&fact.deadline),
            stopped: fact.stopped.as_ref().map(format_timestamp),
            outcome: fact.outcome(now).as_str(),
            late_minutes: fact.missed_by(now).map(|d| d.num_minutes()),
            priority: fact.priority.as_str(),
        }
    }
}

/// Which issues `issue list` keeps.
#[derive(Clone, Copy)]
struct Only {
    open: bool,
    breached: bool,
    missed: bool,
}

/// The queue in the TUI's order: active first, by priority, then the
/// deadline that comes first.
fn rows(board: &Board, now: Timestamp, only: Only) -> Vec<Row> {
    let index = SlaIndex::of(board);
    let mut rows: Vec<(bool, Timestamp, Row)> = board
        .issues
        .values()
        .filter(|i| !only.open || i.status.is_active())
        .filter_map(|i| {
            let sla = i.sla(&board.settings.sla, now);
            let facts = index.facts(board, i, now);
            let missed = facts.missed(now);
            if (only.breached && !sla.breached) || (only.missed && !missed) {
                return None;
            }
            let deadline = sla.running.map_or(sla.resolve_by, |(_, by)| by);
            let row = Row {
                id: i.id,
                title: i.title.clone(),
                priority: sla.priority.as_str(),
                status: i.status.as_str(),
                impact: i.impact.as_str(),
                urgency: i.urgency.as_str(),
                owner: i.owner.clone(),
                parties: i.parties.clone(),
                support: i.support.clone(),
                resolution: i.resolution.clone(),
                task: i.task,
                opened: format_timestamp(&i.opened),
                respond_by: format_timestamp(&sla.respond_by),
                resolve_by: format_timestamp(&sla.resolve_by),
                breached: sla.breached,
                missed,
                clock: board.clock_with(i, &facts, now, crate::i18n::Lang::En).0,
                sla: ClocksJson {
                    respond: ClockJson::of(&facts.respond, now),
                    resolve: facts
                        .resolve
                        .iter()
                        .map(|c| ClockJson::of(c, now))
                        .collect(),
                },
            };
            Some((!i.status.is_active(), deadline, row))
        })
        .collect();
    rows.sort_by(|a, b| (a.0, a.2.priority, a.1, a.2.id).cmp(&(b.0, b.2.priority, b.1, b.2.id)));
    rows.into_iter().map(|(_, _, row)| row).collect()
}

/// The queue for people to read, in `l` (the rows' JSON stays English).
fn table(board: &Board, rows: &[Row], now: Timestamp, l: crate::i18n::Lang) -> String {
    if rows.is_empty() {
        return format!("{}\n", l.t("no issues"));
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let clock = board
                .issues
                .get(&r.id)
                .map_or_else(|| r.clock.clone(), |i| board.clock(i, now, l).0);
            vec![
                r.priority.to_string(),
                r.id.to_string(),
                l.t(r.status).to_string(),
                clock,
                r.owner.clone().unwrap_or_default(),
                r.title.clone(),
            ]
        })
        .collect();
    let header = [
        "PRI",
        "ID",
        l.t("STATUS"),
        l.t("CLOCK"),
        l.t("OWNER"),
        l.t("TITLE"),
    ];
    super::output::table(&header, &cells)
}
