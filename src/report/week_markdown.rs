//! The weekly report as Markdown for a chat or an e-mail: a headline of
//! figures, then each party's week, the problems, the RACI errors and the
//! flow. Same conventions as the minutes: short bullets, user text made
//! harmless.

use std::fmt::Write;

use super::markdown::{board_suffix, clean, day, moment, raci_section};
use super::week::{PartyWeek, ProblemLine, WeekReport};

/// `, due Fri 27 Nov`, or nothing.
fn due_suffix(due: Option<chrono::NaiveDate>) -> String {
    due.map(|d| format!(", due {}", day(d))).unwrap_or_default()
}

/// `1 problem`, `3 problems`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn days(d: f64) -> String {
    format!("{d:.1}d")
}

/// The weekly report as Markdown.
pub fn render(r: &WeekReport) -> String {
    let mut out = String::new();
    let board = board_suffix(&r.board);
    let _ = writeln!(
        out,
        "# Week {}{board} — {} to {}",
        r.week.rsplit('W').next().unwrap_or(&r.week),
        day(r.from),
        r.to.format("%a %-d %b %Y")
    );
    let f = &r.flow;
    let median = f.median_cycle_days.map_or_else(
        || "no cycle time yet".to_string(),
        |d| format!("median cycle {}", days(d)),
    );
    let trend: Vec<String> = f.trend.iter().map(|w| w.finished.to_string()).collect();
    // A week that is over is reported as it stood at its end.
    let as_of = if r.over {
        format!("the end of {}", day(r.to))
    } else {
        moment(&r.at)
    };
    let _ = writeln!(
        out,
        "\nAs of {as_of} · {} finished · {median} · finished per week, last {}: {}",
        f.throughput,
        trend.len(),
        trend.join(", ")
    );
    let late: usize = r.parties.iter().map(|p| p.delayed.len()).sum();
    let risky: usize = r.parties.iter().map(|p| p.at_risk.len()).sum();
    let _ = writeln!(
        out,
        "{late} delayed · {risky} at risk · {} raised, {} resolved, {} breached · {}",
        count(r.problems.raised.len(), "problem", "problems"),
        r.problems.resolved.len(),
        r.problems.breached.len(),
        count(r.raci_errors.len(), "RACI error", "RACI errors")
    );
    if r.parties.is_empty() {
        out.push_str("\nNo card finished, started, late or due next week.\n");
    }
    for party in &r.parties {
        party_section(&mut out, party);
    }
    problems_section(&mut out, r);
    raci_section(&mut out, &r.raci_errors);
    out.push_str("\n## Flow\n");
    let _ = writeln!(out, "- Finished this week: {}", f.throughput);
    if let (Some(p50), Some(p85)) = (f.median_cycle_days, f.p85_cycle_days) {
        let _ = writeln!(
            out,
            "- Cycle time of those: median {}, 85% within {}",
            days(p50),
            days(p85)
        );
    }
    for w in &f.trend {
        let _ = writeln!(out, "- Week of {}: {} finished", day(w.week), w.finished);
    }
    out
}

fn party_section(out: &mut String, p: &PartyWeek) {
    let _ = writeln!(out, "\n## {}", clean(&p.name));
    if !p.finished.is_empty() {
        out.push_str("\nFinished\n");
        for c in &p.finished {
            let _ = writeln!(
                out,
                "- {} {} ({} in cycle, done {})",
                c.task,
                clean(&c.title),
                days(c.cycle_days),
                moment(&c.finished)
            );
        }
    }
    if !p.in_progress.is_empty() {
        out.push_str("\nIn progress\n");
        for c in &p.in_progress {
            let due = due_suffix(c.due);
            let _ = writeln!(
                out,
                "- {} {} — {}, {} since it started{due}",
                c.task,
                clean(&c.title),
                clean(&c.column),
                days(c.age_days)
            );
        }
    }
    if !p.delayed.is_empty() {
        out.push_str("\nDelayed\n");
        for c in &p.delayed {
            let s = if c.days_late == 1 { "" } else { "s" };
            let _ = writeln!(
                out,
                "- {} {} — due {}, {} day{s} late, {}: {}",
                c.task,
                clean(&c.title),
                day(c.due),
                c.days_late,
                clean(&c.column),
                c.reasons
                    .iter()
                    .map(|r| clean(r))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
    }
    if !p.at_risk.is_empty() {
        out.push_str("\nAt risk\n");
        for c in &p.at_risk {
            let due = due_suffix(c.due);
            let _ = writeln!(
                out,
                "- {} {} — {}{due}: {}",
                c.task,
                clean(&c.title),
                clean(&c.column),
                c.why.join("; ")
            );
        }
    }
    if !p.due_next_week.is_empty() {
        out.push_str("\nDue next week\n");
        for c in &p.due_next_week {
            let _ = writeln!(
                out,
                "- {} {} — {}, {}",
                c.task,
                clean(&c.title),
                day(c.due),
                clean(&c.column)
            );
        }
    }
}

fn problems_section(out: &mut String, r: &WeekReport) {
    let p = &r.problems;
    if p.raised.is_empty() && p.resolved.is_empty() && p.breached.is_empty() {
        out.push_str("\n## Problems\n\nNone raised, resolved or breached this week.\n");
        return;
    }
    out.push_str("\n## Problems\n");
    let list = |out: &mut String,
                heading: &str,
                lines: &[ProblemLine],
                show: fn(&ProblemLine) -> String| {
        if lines.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{heading}");
        for l in lines {
            let owner = l
                .owner
                .as_deref()
                .map_or_else(|| "no owner".to_string(), clean);
            let _ = writeln!(
                out,
                "- {} [{}] {} — {owner}{}",
                l.id,
                l.priority.to_uppercase(),
                clean(&l.title),
                show(l)
            );
        }
    };
    list(out, "Raised", &p.raised, |l| format!(", {}", l.status));
    list(out, "Resolved", &p.resolved, |l| {
        if l.resolution.is_empty() {
            String::new()
        } else {
            format!(": {}", clean(&l.resolution))
        }
    });
    list(out, "Breached", &p.breached, |l| {
        format!(", resolve by {}", moment(&l.resolve_by))
    });
}
