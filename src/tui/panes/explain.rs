//! What `Enter` shows in the RACI grid: for a task row, its roles and each
//! broken rule with why it matters and how to fix it; for a party header,
//! its load and everything it is Accountable or Responsible for, late
//! first ("what am I on the hook for, and what of it is late").

use ratatui::style::Style;

use super::details::{Line, wrap};
use crate::model::TaskId;
use crate::model::raci::{self, CommitmentState, Rule, Severity};
use crate::text::pad;
use crate::tui::app::App;
use crate::tui::overlays::Subject;

/// The explanation of `subject`, for a box `width` cells wide.
pub fn lines(app: &App, subject: &Subject, width: usize) -> Vec<Line> {
    match subject {
        Subject::Task(id) => task(app, *id, width),
        Subject::Party(code) => party(app, code, width),
        Subject::Issue(id) => super::issue_details::lines(app, *id, width),
    }
}

/// A broken rule: its name and message, then why and the fix, wrapped.
fn rule_lines(app: &App, rule: Rule, message: &str, width: usize, out: &mut Vec<Line>) {
    let t = &app.theme;
    let l = app.locale.lang;
    let (sign, style) = match rule.severity() {
        Severity::Error => (l.t("✗ error"), t.error),
        Severity::Warning => (l.t("! warning"), t.warning),
    };
    out.push(vec![
        (format!("{sign} "), style),
        (rule.name().to_string(), style),
        (format!(": {message}"), Style::new()),
    ]);
    for (label, text) in [(l.t("Why"), rule.why()), (l.t("Fix"), rule.fix())] {
        let label = crate::text::pad(label, 4);
        for (i, line) in wrap(l.t(text), width.saturating_sub(6))
            .into_iter()
            .enumerate()
        {
            let head = if i == 0 { label.as_str() } else { "    " };
            out.push(vec![(format!("  {head}"), t.dim), (line, Style::new())]);
        }
    }
    out.push(Vec::new());
}

fn task(app: &App, id: TaskId, width: usize) -> Vec<Line> {
    let t = &app.theme;
    let l = app.locale.lang;
    let board = &app.board;
    let Some(task) = board.tasks.get(&id) else {
        return vec![vec![(l.f("{0} no longer exists", &[&id]), t.dim)]];
    };
    let mut out: Vec<Line> = vec![
        vec![(format!("{id} "), t.dim), (task.title.clone(), t.title)],
        Vec::new(),
    ];
    if task.raci.is_empty() {
        out.push(vec![(
            l.t("Not planned: no party has a role on this task yet.")
                .into(),
            t.dim,
        )]);
        for line in wrap(
            l.t("Move to a party's column and press `r` for the one doing the work and `a` for the one answering for it (`R` when one party does both)."),
            width,
        ) {
            out.push(vec![(line, Style::new())]);
        }
        return out;
    }
    out.push(vec![(l.t("Roles").into(), t.heading)]);
    let name_w = board
        .parties
        .iter()
        .filter(|p| task.raci.contains_key(&p.code))
        .map(|p| crate::text::width(&board.party_label(&p.code)))
        .max()
        .unwrap_or(0)
        .min(width.saturating_sub(8));
    for p in &board.parties {
        if let Some(role) = task.raci.get(&p.code) {
            out.push(vec![
                (
                    format!("  {}  ", pad(&board.party_label(&p.code), name_w)),
                    Style::new(),
                ),
                (role.as_str().to_string(), t.title),
            ]);
        }
    }
    out.push(Vec::new());
    let rules = raci::task_problems(board, id);
    if rules.is_empty() {
        out.push(vec![(
            l.t("✓ Every RACI rule holds for this task.").into(),
            t.ok,
        )]);
        return out;
    }
    for rule in rules {
        let message = raci::task_message(rule, &board.settings.raci, l);
        rule_lines(app, rule, &message, width, &mut out);
    }
    out
}

fn party(app: &App, code: &str, width: usize) -> Vec<Line> {
    let t = &app.theme;
    let lang = app.locale.lang;
    let board = &app.board;
    if board.party(code).is_none() {
        return vec![vec![(
            lang.f("party {0} no longer exists", &[&code]),
            t.dim,
        )]];
    }
    // The loads the grid already counted: nothing here walks the board
    // on every frame.
    let load = app
        .view
        .loads
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, l)| *l)
        .unwrap_or_default();
    let limits = &board.settings.raci;
    let mut out: Vec<Line> = vec![
        vec![(board.party_label(code), t.title)],
        vec![(
            lang.f(
                "Responsible on {0}, Accountable on {1}, Consulted on {2}, Informed on {3}",
                &[&load.r, &load.a, &load.c, &load.i],
            ),
            Style::new(),
        )],
        vec![(
            lang.f(
                "Overloaded above {0} R or {1} A (T changes the limits)",
                &[&limits.overload_r, &limits.overload_a],
            ),
            t.dim,
        )],
        Vec::new(),
    ];
    for problem in raci::party_problems(code, load, limits, lang) {
        rule_lines(app, problem.rule, &problem.message, width, &mut out);
    }
    let list = raci::commitments(board, code, app.now.date_naive());
    if list.is_empty() {
        out.push(vec![(
            lang.t("Not Accountable or Responsible on any task.").into(),
            t.dim,
        )]);
        return out;
    }
    let late = list
        .iter()
        .filter(|c| c.state == CommitmentState::Late)
        .count();
    out.push(vec![
        (lang.t("On the hook (A or R)").into(), t.heading),
        (
            format!(
                " · {} · {}",
                lang.n(list.len(), "{0} task", "{0} tasks"),
                lang.f("{0} late", &[&late])
            ),
            if late > 0 { t.overdue } else { t.dim },
        ),
    ]);
    let column_w = list
        .iter()
        .map(|c| crate::text::width(&c.column))
        .max()
        .unwrap_or(0)
        .min(12);
    let id_w = list
        .iter()
        .map(|c| c.id.to_string().len())
        .max()
        .unwrap_or(3);
    for c in &list {
        let state_style = match c.state {
            CommitmentState::Late => t.overdue,
            CommitmentState::Blocked => t.blocked,
            CommitmentState::Open => Style::new(),
            CommitmentState::Done => t.dim,
        };
        let due = c.due.map_or("—".to_string(), |d| app.locale.short_date(d));
        out.push(vec![
            (format!("{} ", pad(&c.id.to_string(), id_w)), t.dim),
            (format!("{:<4}", c.role.as_str()), t.title),
            (crate::text::pad(lang.t(c.state.as_str()), 8), state_style),
            (format!("{due:<6}"), state_style),
            (format!("{} ", pad(&c.column, column_w)), t.dim),
            (c.title.clone(), Style::new()),
        ]);
    }
    out
}
