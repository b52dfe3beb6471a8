//! An issue's details (`Enter` in the queue): every field, its clocks, how
//! long the response and the resolution took, the linked task and how it
//! stands, and its timeline from the activity log.

use crate::i18n::mark;
use ratatui::style::Style;

use super::details::{Line, wrap};
use crate::model::triage::ClockState;
use crate::model::{IssueId, IssueStatus, Timestamp};
use crate::tui::app::App;

/// The details of issue `id` for a box `width` cells wide.
pub fn lines(app: &App, id: IssueId, width: usize) -> Vec<Line> {
    let t = &app.theme;
    let l = &app.locale;
    let board = &app.board;
    let Some(issue) = board.issues.get(&id) else {
        return vec![vec![(l.f("{0} no longer exists", &[&id]), t.dim)]];
    };
    let sla = issue.sla(&board.settings.sla, app.now);
    let label = |name: &'static str| (crate::text::pad(l.t(name), 11), t.dim);
    let party = |code: &str| board.party_label(code);
    let when = |at: Timestamp| l.moment(&at);
    let mut out: Vec<Line> = vec![
        vec![
            (format!("{} ", sla.priority.as_str()), t.title),
            (format!("{id} "), t.dim),
            (issue.title.clone(), t.title),
        ],
        Vec::new(),
    ];
    let (clock, state) = app.clock(issue);
    let clock_style = match state {
        ClockState::Breached => t.breached,
        ClockState::AtRisk => t.at_risk,
        ClockState::Running => Style::new(),
        ClockState::Stopped => t.dim,
    };
    out.push(vec![
        label(mark("Status")),
        (l.t(issue.status.as_str()).to_string(), Style::new()),
        ("  ".into(), Style::new()),
        (clock, clock_style),
    ]);
    out.push(vec![
        label(mark("Priority")),
        (
            l.f(
                "{0} (impact {1}, urgency {2})",
                &[
                    &sla.priority.as_str(),
                    &l.t(issue.impact.as_str()),
                    &l.t(issue.urgency.as_str()),
                ],
            ),
            Style::new(),
        ),
    ]);
    out.push(vec![
        label(mark("Owner")),
        (
            issue.owner.as_deref().map_or("—".into(), party),
            Style::new(),
        ),
    ]);
    if let Some(who) = board.accountable_for(issue) {
        out.push(vec![label(mark("Answers")), (party(&who), Style::new())]);
    }
    if !issue.parties.is_empty() {
        let names: Vec<String> = issue.parties.iter().map(|p| party(p)).collect();
        out.push(vec![
            label(mark("Involved")),
            (names.join(", "), Style::new()),
        ]);
    }
    let set_by_hand = |hand: bool| if hand { l.t(" (set by hand)") } else { "" };
    out.push(vec![
        label(mark("Respond by")),
        (
            format!(
                "{}{}",
                when(sla.respond_by),
                set_by_hand(issue.respond_by.is_some())
            ),
            Style::new(),
        ),
    ]);
    out.push(vec![
        label(mark("Resolve by")),
        (
            format!(
                "{}{}",
                when(sla.resolve_by),
                set_by_hand(issue.resolve_by.is_some())
            ),
            Style::new(),
        ),
    ]);
    if let Some(ack) = issue.acknowledged {
        out.push(vec![
            label(mark("Responded")),
            (
                l.f("in {0}", &[&l.lang.duration(ack - issue.opened)]),
                Style::new(),
            ),
        ]);
    }
    if let Some(done) = issue.resolved {
        let start = issue.reopened.unwrap_or(issue.opened);
        out.push(vec![
            label(mark("Resolved")),
            (
                l.f("in {0}", &[&l.lang.duration(done - start)]),
                Style::new(),
            ),
        ]);
    }
    if let Some(task) = issue.task {
        let shown = match board.tasks.get(&task) {
            Some(t) => {
                let column = board
                    .column(&t.column)
                    .map_or(t.column.as_str(), |c| c.name.as_str());
                let mut state = column.to_string();
                if board.is_overdue(t, app.now.date_naive()) {
                    state.push_str(l.t(", overdue"));
                }
                if board.is_blocked(t) && !board.is_finished(t) {
                    state.push_str(l.t(", blocked"));
                }
                format!("{task} {} ({state})", t.title)
            }
            None => l.f("{0} (deleted)", &[&task]),
        };
        out.push(vec![label(mark("Task")), (shown, Style::new())]);
    }
    for (name, text) in [
        (mark("Detail"), &issue.detail),
        (mark("Support"), &issue.support),
        (mark("Proposal"), &issue.proposal),
        (mark("Resolution"), &issue.resolution),
    ] {
        if text.is_empty() {
            continue;
        }
        out.push(vec![label(name)]);
        for line in wrap(text, width.saturating_sub(2).max(10)) {
            out.push(vec![("  ".into(), Style::new()), (line, Style::new())]);
        }
    }
    out.push(Vec::new());
    out.push(vec![(l.t("Timeline").into(), t.heading)]);
    let record = id.to_string();
    // A status logged by a change of status is shown in the interface's
    // words; other values (titles, reasons) as written.
    let value = |v: &Option<String>| -> String {
        match v.as_deref() {
            Some(text) => IssueStatus::named(text).map_or(text, |s| l.t(s.as_str())),
            None => "—",
        }
        .to_string()
    };
    for entry in board.log.iter().filter(|e| e.record == record) {
        let what = match (&entry.field, &entry.to) {
            (Some(field), _) => format!(
                "{}: {} → {}",
                super::details::field_word(field, l.lang),
                value(&entry.from),
                value(&entry.to)
            ),
            (None, Some(to)) if entry.what == crate::model::Event::Create => {
                l.f("opened: {0}", &[to])
            }
            (None, _) => format!(
                "{}: {} → {}",
                l.t(entry.what.word()),
                value(&entry.from),
                value(&entry.to)
            ),
        };
        out.push(vec![
            (format!("{} ", entry.at.format("%m-%d %H:%M")), t.dim),
            (what, Style::new()),
        ]);
    }
    out
}
