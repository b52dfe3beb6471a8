//! The minutes as Markdown that reads well pasted into a team chat: short
//! headings and bullets, no tables, no colour codes, control characters
//! made harmless.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate};

use super::{IssueLine, Minutes, PartyReport};
use crate::text::sanitize;

/// `Fri 27 Nov`.
pub(super) fn day(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// `Fri 27 Nov 09:15`, from a timestamp as the minutes hold it.
pub(super) fn moment(text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.format("%a %-d %b %H:%M").to_string())
        .unwrap_or_else(|_| text.to_string())
}

/// `09:15`.
fn clock(text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|_| text.to_string())
}

/// `3m 10s`.
fn spoken(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m {s}s"),
    }
}

/// User text on one line, harmless.
pub(super) fn clean(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// Pieces of user text, each made harmless, joined by `separator`.
fn clean_join(pieces: &[String], separator: &str) -> String {
    let cleaned: Vec<String> = pieces.iter().map(|p| clean(p)).collect();
    cleaned.join(separator)
}

/// The minutes as Markdown.
pub fn render(m: &Minutes) -> String {
    let mut out = String::new();
    let board = board_suffix(&m.board);
    match &m.standup {
        Some(meeting) => {
            let _ = writeln!(out, "# Standup{board} — {}", day(m.date));
            let end = meeting
                .ended
                .as_deref()
                .map_or_else(|| "still running".to_string(), clock);
            let order = if meeting.order == "board" {
                "walking the board"
            } else {
                "party by party"
            };
            let _ = writeln!(
                out,
                "\n{}–{end} · {} min of {} · {order} · changes since {}",
                clock(&meeting.started),
                meeting.minutes,
                meeting.timebox_minutes,
                moment(&m.since),
            );
            if !meeting.speakers.is_empty() {
                let spoke: Vec<String> = meeting
                    .speakers
                    .iter()
                    .map(|s| format!("{} {}", clean(&s.name), spoken(s.seconds)))
                    .collect();
                let _ = writeln!(out, "Spoke: {}", spoke.join(" · "));
            }
        }
        None => {
            let _ = writeln!(out, "# Since the last standup{board} — {}", day(m.date));
            let _ = writeln!(
                out,
                "\nNo standup held: changes from {} to {}",
                moment(&m.since),
                moment(&m.until)
            );
        }
    }
    if m.parties
        .iter()
        .all(|p| p.moved.is_empty() && p.finished.is_empty() && p.added.is_empty())
    {
        out.push_str("\nNo card moved since the last standup.\n");
    }
    for party in &m.parties {
        party_section(&mut out, party);
    }
    issues_section(&mut out, m);
    if !m.raised.is_empty() {
        out.push_str("\n## New issues\n");
        for issue in &m.raised {
            let by = issue
                .reporter
                .as_deref()
                .map(|r| format!(", raised by {}", clean(r)))
                .unwrap_or_default();
            let owner = issue.owner.as_deref().map_or_else(
                || "no owner yet".to_string(),
                |o| format!("owner {}", clean(o)),
            );
            let _ = writeln!(
                out,
                "- {} {} {} ({owner}{by})",
                issue.priority,
                issue.id,
                clean(&issue.title)
            );
        }
    }
    if !m.decisions.is_empty() {
        out.push_str("\n## Decisions\n");
        for d in &m.decisions {
            let mut line = format!("- {}", clean(&d.text));
            match (&d.owner, d.due) {
                (Some(o), Some(due)) => {
                    let _ = write!(line, " — {}, by {}", clean(o), day(due));
                }
                (Some(o), None) => {
                    let _ = write!(line, " — {}", clean(o));
                }
                (None, Some(due)) => {
                    let _ = write!(line, " — by {}", day(due));
                }
                (None, None) => {}
            }
            let _ = writeln!(out, "{line}");
        }
    }
    if !m.parked.is_empty() {
        out.push_str("\n## Parked\n");
        for p in &m.parked {
            let owner = p
                .owner
                .as_deref()
                .map(|o| format!(" — {}", clean(o)))
                .unwrap_or_default();
            let _ = writeln!(out, "- {}{owner}", clean(&p.topic));
        }
    }
    raci_section(&mut out, &m.raci_errors);
    out
}

/// ` — Board name` for a heading, nothing for a board without one.
pub(super) fn board_suffix(board: &str) -> String {
    if board.is_empty() {
        String::new()
    } else {
        format!(" — {}", clean(board))
    }
}

/// The RACI errors still open, when there are any.
pub(super) fn raci_section(out: &mut String, errors: &[super::RaciError]) {
    if errors.is_empty() {
        return;
    }
    out.push_str("\n## RACI errors still open\n");
    for e in errors {
        let task = match (e.task, &e.title) {
            (Some(id), Some(title)) => format!("{id} {}: ", clean(title)),
            _ => String::new(),
        };
        let _ = writeln!(out, "- {task}{}", clean(&e.message));
    }
}

fn informing(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" To inform: {}.", clean_join(names, ", "))
    }
}

fn party_section(out: &mut String, p: &PartyReport) {
    let _ = writeln!(out, "\n## {}", clean(&p.name));
    for (verb, cards) in [("Finished", &p.finished), ("Moved", &p.moved)] {
        for m in cards {
            let _ = writeln!(
                out,
                "- {verb}: {} {} ({}).{}",
                m.task,
                clean(&m.title),
                clean_join(&m.path, " → "),
                informing(&m.to_inform)
            );
        }
    }
    for c in &p.added {
        let _ = writeln!(
            out,
            "- New: {} {} (in {}).{}",
            c.task,
            clean(&c.title),
            clean(&c.column),
            informing(&c.to_inform)
        );
    }
    for b in &p.blocked {
        let mut line = format!("- Blocked: {} {}", b.task, clean(&b.title));
        if let Some(since) = &b.since {
            let _ = write!(line, ", since {}", moment(since));
        }
        let _ = write!(line, ": {}.", clean(&b.reason));
        if !b.help.is_empty() {
            let _ = write!(line, " Help needed: {}.", clean_join(&b.help, "; "));
        }
        if let Some(a) = &b.accountable {
            let _ = write!(line, " Accountable: {}.", clean(a));
        }
        let _ = writeln!(out, "{line}");
    }
    if !p.next.is_empty() {
        let next: Vec<String> = p
            .next
            .iter()
            .map(|n| {
                let due = match (n.due, n.overdue) {
                    (Some(d), true) => format!(", was due {}", day(d)),
                    (Some(d), false) => format!(", due {}", day(d)),
                    (None, _) => String::new(),
                };
                format!("{} {} ({}{due})", n.task, clean(&n.title), clean(&n.column))
            })
            .collect();
        let _ = writeln!(out, "- Next: {}", next.join("; "));
    }
}

fn issues_section(out: &mut String, m: &Minutes) {
    let breached = m.issues.iter().filter(|i| i.breached).count();
    if m.issues.is_empty() {
        out.push_str("\n## Open issues\n\nNone.\n");
        return;
    }
    let count = if breached > 0 {
        format!("{} · {breached} breached", m.issues.len())
    } else {
        m.issues.len().to_string()
    };
    let _ = writeln!(out, "\n## Open issues ({count})");
    for issue in &m.issues {
        let _ = writeln!(out, "{}", issue_line(issue));
    }
}

fn issue_line(i: &IssueLine) -> String {
    let mut line = String::from("- ");
    if i.breached {
        line.push_str("BREACHED ");
    }
    let _ = write!(line, "{} {} {}.", i.priority, i.id, clean(&i.title));
    match &i.owner {
        Some(o) => {
            let _ = write!(line, " Owner: {}.", clean(o));
        }
        None => line.push_str(" No owner."),
    }
    if i.status == "open" {
        let _ = write!(line, " Respond by {},", moment(&i.respond_by));
        let _ = write!(line, " resolve by {}", moment(&i.resolve_by));
    } else {
        let _ = write!(line, " Acknowledged; resolve by {}", moment(&i.resolve_by));
    }
    let _ = write!(line, " ({}).", i.clock);
    if !i.support.is_empty() {
        let _ = write!(line, " Support needed: {}.", clean(&i.support));
    }
    if i.breached
        && let Some(a) = &i.accountable
    {
        let _ = write!(line, " Accountable: {}.", clean(a));
    }
    line
}
