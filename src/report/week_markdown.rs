//! The weekly report as Markdown for a chat or an e-mail: a headline of
//! figures, then each party's week, the problems, the RACI errors and the
//! flow. Same conventions as the minutes: short bullets, user text made
//! harmless.

use std::fmt::Write;

use super::markdown::{
    Fold, board_suffix, changes_section, clean, misses_section, moment, push_line, raci_section,
};
use super::week::{PartyWeek, ProblemLine, WeekReport};
use crate::i18n::{Locale, mark};

/// `, due Fri 27 Nov`, or nothing.
fn due_suffix(due: Option<chrono::NaiveDate>, l: &Locale) -> String {
    due.map(|d| l.f(", due {0}", &[&l.day_short(d)]))
        .unwrap_or_default()
}

fn days(d: f64) -> String {
    format!("{d:.1}d")
}

/// The weekly report as Markdown, in `l`.
pub fn render(r: &WeekReport, l: &Locale) -> String {
    render_folded(r, l, Fold::NONE)
}

/// The weekly report as Markdown, long lists folded as `fold` says.
pub fn render_folded(r: &WeekReport, l: &Locale, fold: Fold) -> String {
    let mut out = String::new();
    let board = board_suffix(&r.board);
    push_line(
        &mut out,
        &l.f(
            "# Week {0}{1} — {2} to {3}",
            &[
                &r.week.rsplit('W').next().unwrap_or(&r.week),
                &board,
                &l.day_short(r.from),
                &l.day(r.to),
            ],
        ),
    );
    let f = &r.flow;
    let median = f.median_cycle_days.map_or_else(
        || l.t("no cycle time yet").to_string(),
        |d| l.f("median cycle {0}", &[&days(d)]),
    );
    let trend: Vec<String> = f.trend.iter().map(|w| w.finished.to_string()).collect();
    // A week that is over is reported as it stood at its end.
    let as_of = if r.over {
        l.f("the end of {0}", &[&l.day_short(r.to)])
    } else {
        moment(l, &r.at)
    };
    let _ = writeln!(
        out,
        "\n{}",
        l.f(
            "As of {0} · {1} finished · {2} · finished per week, last {3}: {4}",
            &[
                &as_of,
                &f.throughput,
                &median,
                &trend.len(),
                &trend.join(", ")
            ],
        )
    );
    let late: usize = r.parties.iter().map(|p| p.delayed.len()).sum();
    let risky: usize = r.parties.iter().map(|p| p.at_risk.len()).sum();
    push_line(
        &mut out,
        &l.f(
            "{0} delayed · {1} at risk · {2} raised, {3} resolved, {4} breached · {5}",
            &[
                &late,
                &risky,
                &l.n(r.problems.raised.len(), "{0} problem", "{0} problems"),
                &r.problems.resolved.len(),
                &r.problems.breached.len(),
                &l.n(r.raci_errors.len(), "{0} RACI error", "{0} RACI errors"),
            ],
        ),
    );
    if r.parties.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            l.t("No card finished, started, late or due next week.")
        );
    }
    for party in &r.parties {
        party_section(&mut out, party, l, fold);
    }
    problems_section(&mut out, r, l, fold);
    slips_section(&mut out, r, l, fold);
    misses_section(&mut out, &r.sla_misses, l, fold);
    raci_section(&mut out, &r.raci_errors, l, fold);
    let _ = writeln!(out, "\n## {}", l.t("Flow"));
    push_line(
        &mut out,
        &l.f("- Finished this week: {0}", &[&f.throughput]),
    );
    if let (Some(p50), Some(p85)) = (f.median_cycle_days, f.p85_cycle_days) {
        push_line(
            &mut out,
            &l.f(
                "- Cycle time of those: median {0}, 85% within {1}",
                &[&days(p50), &days(p85)],
            ),
        );
    }
    for w in &f.trend {
        push_line(
            &mut out,
            &l.f(
                "- Week of {0}: {1} finished",
                &[&l.day_short(w.week), &w.finished],
            ),
        );
    }
    changes_section(&mut out, l.t("Changes this week"), &r.changes, l, fold);
    out
}

/// Each card whose due date moved later this week: by how much, how often
/// it has slipped, who owns it.
fn slips_section(out: &mut String, r: &WeekReport, l: &Locale, fold: Fold) {
    if r.deadline_slips.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}", l.t("Deadline slips"));
    for slip in fold.head(&r.deadline_slips) {
        let owner = slip
            .owner
            .as_deref()
            .map_or_else(|| l.t("no owner").to_string(), clean);
        push_line(
            out,
            &l.f(
                "- {0} {1}: due {2} → {3}, {4} later ({5}) — {6}",
                &[
                    &slip.task,
                    &clean(&slip.title),
                    &l.day_short(slip.from),
                    &l.day_short(slip.to),
                    &l.n(slip.days as usize, "{0} day", "{0} days"),
                    &l.n(slip.times, "{0} slip so far", "{0} slips so far"),
                    &owner,
                ],
            ),
        );
    }
    fold.more(out, r.deadline_slips.len(), l);
}

fn party_section(out: &mut String, p: &PartyWeek, l: &Locale, fold: Fold) {
    let _ = writeln!(out, "\n## {}", clean(&p.name));
    if !p.finished.is_empty() {
        let _ = writeln!(out, "\n{}", l.t("Finished"));
        for c in fold.head(&p.finished) {
            push_line(
                out,
                &l.f(
                    "- {0} {1} ({2} in cycle, done {3})",
                    &[
                        &c.task,
                        &clean(&c.title),
                        &days(c.cycle_days),
                        &moment(l, &c.finished),
                    ],
                ),
            );
        }
        fold.more(out, p.finished.len(), l);
    }
    if !p.in_progress.is_empty() {
        let _ = writeln!(out, "\n{}", l.t("In progress"));
        for c in fold.head(&p.in_progress) {
            push_line(
                out,
                &l.f(
                    "- {0} {1} — {2}, {3} since it started{4}",
                    &[
                        &c.task,
                        &clean(&c.title),
                        &clean(&c.column),
                        &days(c.age_days),
                        &due_suffix(c.due, l),
                    ],
                ),
            );
        }
        fold.more(out, p.in_progress.len(), l);
    }
    if !p.delayed.is_empty() {
        let _ = writeln!(out, "\n{}", l.t("Delayed"));
        for c in fold.head(&p.delayed) {
            let reasons = c
                .reasons
                .iter()
                .map(|r| clean(r))
                .collect::<Vec<_>>()
                .join("; ");
            let template = if c.days_late == 1 {
                mark("- {0} {1} — due {2}, {3} day late, {4}: {5}")
            } else {
                mark("- {0} {1} — due {2}, {3} days late, {4}: {5}")
            };
            push_line(
                out,
                &l.f(
                    template,
                    &[
                        &c.task,
                        &clean(&c.title),
                        &l.day_short(c.due),
                        &c.days_late,
                        &clean(&c.column),
                        &reasons,
                    ],
                ),
            );
        }
        fold.more(out, p.delayed.len(), l);
    }
    if !p.at_risk.is_empty() {
        let _ = writeln!(out, "\n{}", l.t("At risk"));
        for c in fold.head(&p.at_risk) {
            let due = due_suffix(c.due, l);
            let _ = writeln!(
                out,
                "- {} {} — {}{due}: {}",
                c.task,
                clean(&c.title),
                clean(&c.column),
                c.why.join("; ")
            );
        }
        fold.more(out, p.at_risk.len(), l);
    }
    if !p.due_next_week.is_empty() {
        let _ = writeln!(out, "\n{}", l.t("Due next week"));
        for c in fold.head(&p.due_next_week) {
            let _ = writeln!(
                out,
                "- {} {} — {}, {}",
                c.task,
                clean(&c.title),
                l.day_short(c.due),
                clean(&c.column)
            );
        }
        fold.more(out, p.due_next_week.len(), l);
    }
}

fn problems_section(out: &mut String, r: &WeekReport, l: &Locale, fold: Fold) {
    let p = &r.problems;
    if p.raised.is_empty() && p.resolved.is_empty() && p.breached.is_empty() {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}",
            l.t("Problems"),
            l.t("None raised, resolved or breached this week.")
        );
        return;
    }
    let _ = writeln!(out, "\n## {}", l.t("Problems"));
    let list = |out: &mut String,
                heading: &str,
                lines: &[ProblemLine],
                show: &dyn Fn(&ProblemLine) -> String| {
        if lines.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{heading}");
        for line in fold.head(lines) {
            let owner = line
                .owner
                .as_deref()
                .map_or_else(|| l.t("no owner").to_string(), clean);
            let _ = writeln!(
                out,
                "- {} [{}] {} — {owner}{}",
                line.id,
                line.priority.to_uppercase(),
                clean(&line.title),
                show(line)
            );
        }
        fold.more(out, lines.len(), l);
    };
    list(out, l.t("Raised"), &p.raised, &|line| {
        format!(", {}", l.t(line.status))
    });
    list(out, l.t("Resolved"), &p.resolved, &|line| {
        if line.resolution.is_empty() {
            String::new()
        } else {
            format!(": {}", clean(&line.resolution))
        }
    });
    list(out, l.t("Breached"), &p.breached, &|line| {
        l.f(", resolve by {0}", &[&moment(l, &line.resolve_by)])
    });
}
