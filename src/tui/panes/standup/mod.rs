//! The standup pane: before the meeting, how to start it; during it, the
//! speakers in turn with big timers, the current speaker's cards, issues
//! and changes since the last standup; and a presenter view for a shared
//! screen.

mod keys;
mod presenter;
mod timers;

use presenter::presenter;
use timers::{mmss, timers};

use crate::i18n::{Lang, mark};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::standup::Stop;
use crate::model::{Board, IssueId, TaskId};
use crate::tui::app::App;
use crate::tui::draw::{put, put_spans, style_row};
use crate::tui::meeting::Meeting;

/// One row of the turn's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    Card(TaskId),
    Issue(IssueId),
    Change(usize),
    Note(String),
    Blank,
}

impl Row {
    /// Cards and issues can be selected and acted on.
    pub fn is_item(&self) -> bool {
        matches!(self, Row::Card(_) | Row::Issue(_))
    }
}

/// The rows of the current turn: blocked, overdue and in-progress cards,
/// open issues, then what changed since the last standup.
/// The rows of the turn under way, as prepared with it.
pub fn rows(app: &App) -> &[Row] {
    app.turn.as_ref().map_or(&[], |t| t.rows.as_slice())
}

/// Which of [`rows`] can be selected.
pub fn items(app: &App) -> &[usize] {
    app.turn.as_ref().map_or(&[], |t| t.items.as_slice())
}

/// The rows of a turn with this `agenda`: its blocked, overdue and other
/// cards, its issues, what changed.
pub fn build_rows(app: &App, agenda: &crate::model::standup::Agenda) -> Vec<Row> {
    let board = &app.board;
    let today = app.now.date_naive();
    let l = app.locale.lang;
    let mut rows = Vec::new();
    let section = |rows: &mut Vec<Row>, title: &str, items: Vec<Row>| {
        if items.is_empty() {
            return;
        }
        if !rows.is_empty() {
            rows.push(Row::Blank);
        }
        rows.push(Row::Heading(format!("{title} ({})", items.len())));
        rows.extend(items);
    };
    let tasks = || agenda.cards.iter().filter_map(|id| board.tasks.get(id));
    let blocked: Vec<Row> = tasks()
        .filter(|t| board.is_blocked(t))
        .map(|t| Row::Card(t.id))
        .collect();
    let overdue: Vec<Row> = tasks()
        .filter(|t| !board.is_blocked(t) && board.is_overdue(t, today))
        .map(|t| Row::Card(t.id))
        .collect();
    let rest: Vec<Row> = tasks()
        .filter(|t| !board.is_blocked(t) && !board.is_overdue(t, today))
        .map(|t| Row::Card(t.id))
        .collect();
    let finished_column = matches!(
        app.meeting.as_ref().and_then(Meeting::stop),
        Some(Stop::Column(id)) if board.last_column().is_some_and(|c| c.id == *id)
    );
    section(&mut rows, l.t("Blocked"), blocked);
    section(&mut rows, l.t("Overdue"), overdue);
    section(
        &mut rows,
        if finished_column {
            l.t("Finished since the last standup")
        } else {
            l.t("In progress")
        },
        rest,
    );
    section(
        &mut rows,
        l.t("Open issues"),
        agenda.issues.iter().map(|i| Row::Issue(*i)).collect(),
    );
    section(
        &mut rows,
        l.t("Since the last standup"),
        (0..agenda.changes.len()).map(Row::Change).collect(),
    );
    if rows.is_empty() {
        rows.push(Row::Note(l.t("Nothing to report here.").into()));
    }
    rows
}

/// The selectable rows' positions among `rows`.
pub fn item_lines(rows: &[Row]) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.is_item())
        .map(|(i, _)| i)
        .collect()
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    match &app.meeting {
        None => before(app, area, buf),
        Some(meeting) => during(app, meeting, area, buf),
    }
}

/// No standup running: how to start one, and how the last one went.
fn before(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let l = &app.locale;
    let board = &app.board;
    let mut lines: Vec<Vec<(String, Style)>> =
        vec![vec![(l.t("No standup running.").into(), t.title)], vec![]];
    let (by_party, by_board) = app
        .plan
        .as_ref()
        .map_or((&[][..], &[][..]), |p| (&p.by_party[..], &p.by_board[..]));
    for (key, stops, what) in [
        ("s", by_party, l.t(" start, party by party: ")),
        (
            "w",
            by_board,
            l.t(" start, walking the board right to left: "),
        ),
    ] {
        let names: Vec<String> = stops.iter().map(|s| s.label(board, l.lang)).collect();
        let who = if names.is_empty() {
            l.t("nobody has anything to report").to_string()
        } else {
            names.join(", ")
        };
        lines.push(vec![
            (format!(" {key} "), t.key),
            (what.to_string(), Style::new()),
            (who, t.dim),
        ]);
    }
    let timing = board.settings.standup;
    lines.push(vec![(
        format!(
            "    {}",
            l.f(
                "Timebox {0} min, {1} min a speaker.",
                &[&timing.timebox_minutes, &timing.speaker_minutes]
            )
        ),
        t.dim,
    )]);
    lines.push(vec![]);
    if let Some(last) = board.standups.iter().rev().find(|s| s.ended.is_some()) {
        let end = last.ended.unwrap_or(last.started);
        lines.push(vec![(
            l.f(
                if last.decisions.len() == 1 {
                    mark("Last standup: {0}–{1} ({2} min), {3} decision, {4} parked.")
                } else {
                    mark("Last standup: {0}–{1} ({2} min), {3} decisions, {4} parked.")
                },
                &[
                    &l.moment(&last.started),
                    &l.time(&end),
                    &(end - last.started).num_minutes(),
                    &last.decisions.len(),
                    &last.parked.len(),
                ],
            ),
            Style::new(),
        )]);
        for d in last.decisions.iter().take(3) {
            lines.push(vec![
                (format!("  {} ", l.t("Decided:")), t.dim),
                (d.text.clone(), Style::new()),
            ]);
        }
        for p in last.parked.iter().take(3) {
            lines.push(vec![
                (format!("  {} ", l.t("Parked:")), t.dim),
                (p.topic.clone(), Style::new()),
            ]);
        }
    } else {
        lines.push(vec![(
            l.t("No standup held on this board yet.").into(),
            t.dim,
        )]);
    }
    lines.push(vec![]);
    lines.push(vec![(
        l.t("Minutes of the last one: standup report (from the shell).")
            .into(),
        t.dim,
    )]);
    for (i, spans) in lines.iter().enumerate() {
        let y = area.y + 1 + i as u16;
        put_spans(
            buf,
            area,
            area.x + 2,
            y,
            spans,
            usize::from(area.width.saturating_sub(2)),
        );
    }
}

fn during(app: &App, meeting: &Meeting, area: Rect, buf: &mut Buffer) {
    if app.standup_state.presenter {
        presenter(app, meeting, area, buf);
        return;
    }
    let t = &app.theme;
    let a = crate::tui::layout::standup_areas(area);
    turn_bar(app, meeting, a.bar, buf);
    timers(app, meeting, a.timers, buf);
    let rows = rows(app);
    let selected = items(app).get(app.standup_state.row).copied();
    let first = app.standup_state.first_row;
    for (i, row) in rows
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(a.list.height))
    {
        let y = a.list.y + (i - first) as u16;
        let spans = row_spans(app, row);
        put_spans(
            buf,
            a.list,
            a.list.x + 1,
            y,
            &spans,
            usize::from(a.list.width.saturating_sub(1)),
        );
        if Some(i) == selected {
            style_row(buf, a.list, a.list.x, y, a.list.width, t.selected);
        }
    }
    if rows.len() > first + usize::from(a.list.height) && a.list.height > 0 {
        let more = app.locale.f(
            " ↓ {0} more ",
            &[&(rows.len() - first - usize::from(a.list.height))],
        );
        let w = crate::text::width(&more) as u16;
        put(
            buf,
            a.list,
            a.list.right().saturating_sub(w + 1),
            a.list.bottom() - 1,
            &more,
            usize::from(w),
            t.dim,
        );
    }
    notes(app, a.notes, buf);
}

/// `✓ 市场部 2:50 · ▶ Product 1:23 · Sales · Tech`.
fn turn_bar(app: &App, meeting: &Meeting, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let mut spans = Vec::new();
    for (i, stop) in meeting.stops.iter().enumerate() {
        if !spans.is_empty() {
            spans.push((" · ".to_string(), t.dim));
        }
        let name = short_label(&app.board, stop, app.locale.lang);
        let spoken = meeting.spoken(i, app.now);
        if i == meeting.current {
            spans.push((format!("▶ {name}"), t.tab_active));
        } else if spoken > 0 {
            spans.push((format!("✓ {name} {}", mmss(spoken)), t.dim));
        } else {
            spans.push((name, Style::new()));
        }
    }
    if meeting.stops.is_empty() {
        spans.push((app.locale.t("Nobody has anything to report.").into(), t.dim));
    }
    put_spans(
        buf,
        area,
        area.x + 1,
        area.y,
        &spans,
        usize::from(area.width.saturating_sub(1)),
    );
}

/// A stop's name without the party code: the bar is short of room.
fn short_label(board: &Board, stop: &Stop, l: Lang) -> String {
    match stop {
        Stop::Party(code) => board.party_name(code).to_string(),
        other => other.label(board, l),
    }
}

/// The bottom line: decisions and parked topics so far, and the keys.
fn notes(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let (decisions, parked) = app
        .board
        .open_standup()
        .map_or((0, 0), |r| (r.decisions.len(), r.parked.len()));
    let l = app.locale.lang;
    let spans = vec![
        (format!(" {}", l.f("Decisions {0}", &[&decisions])), t.title),
        (" (D)".into(), t.dim),
        (format!("  {}", l.f("Parked {0}", &[&parked])), t.title),
        (" (P)".into(), t.dim),
        (
            format!(
                "   {}",
                l.t("] next  [ back  Space pause  f present  X end")
            ),
            t.dim,
        ),
    ];
    put_spans(buf, area, area.x, area.y, &spans, usize::from(area.width));
}

/// A row as styled pieces.
fn row_spans(app: &App, row: &Row) -> Vec<(String, Style)> {
    let t = &app.theme;
    let l = &app.locale;
    let board = &app.board;
    let today = app.now.date_naive();
    match row {
        Row::Heading(text) => vec![(text.clone(), t.heading)],
        Row::Note(text) => vec![(text.clone(), t.dim)],
        Row::Blank => Vec::new(),
        Row::Card(id) => {
            let Some(task) = board.tasks.get(id) else {
                return Vec::new();
            };
            let column = board.column_name(&task.column);
            let mut spans = vec![
                (format!("{id} "), t.dim),
                (task.title.clone(), Style::new()),
                (format!("  {column}"), t.dim),
            ];
            if let Some(owner) = &task.owner {
                spans.push((format!(" · {}", board.party_name(owner)), t.dim));
            }
            if let Some(due) = task.due {
                let style = if board.is_overdue(task, today) {
                    t.overdue
                } else {
                    t.dim
                };
                spans.push((
                    format!(" · {}", l.f("due {0}", &[&l.day_short(due)])),
                    style,
                ));
            }
            if let Some(b) = &task.blocked {
                spans.push((
                    format!(" · {}", l.f("blocked: {0}", &[&b.reason])),
                    t.blocked,
                ));
            } else if board.is_blocked(task) {
                let waits: Vec<String> =
                    board.waits_on(task).iter().map(|w| w.to_string()).collect();
                spans.push((
                    format!(" · {}", l.f("waits on {0}", &[&waits.join(", ")])),
                    t.blocked,
                ));
            }
            let since = app.turn.as_ref().map_or(app.now, |turn| turn.since);
            if board.is_stale(task, since) {
                spans.push((
                    format!(
                        " · {}",
                        l.f(
                            "not moved in {0}",
                            &[&l.lang.duration(app.now - task.entered())]
                        )
                    ),
                    t.warning,
                ));
            }
            if board.is_blocked(task) {
                // The help its open issues ask for, and who answers for it.
                let help = app.turn.as_ref().and_then(|turn| turn.help.get(&task.id));
                for issue in help
                    .into_iter()
                    .flatten()
                    .filter_map(|id| board.issues.get(id))
                {
                    spans.push((
                        format!(
                            " · {}",
                            l.f("help: {0} ({1})", &[&issue.support, &issue.id])
                        ),
                        t.warning,
                    ));
                }
                if let Some(a) = board.accountable_of(task) {
                    spans.push((format!(" · A: {}", board.party_name(a)), t.dim));
                }
            }
            spans
        }
        Row::Issue(id) => {
            let Some(issue) = board.issues.get(id) else {
                return Vec::new();
            };
            let sla = issue.sla(&board.settings.sla, app.now);
            let (clock, state) = app.clock(issue);
            let clock_style = match state {
                crate::model::triage::ClockState::Breached => t.breached,
                crate::model::triage::ClockState::AtRisk => t.at_risk,
                _ => t.dim,
            };
            let mut spans = vec![
                (format!("{} {id} ", sla.priority.as_str()), t.key),
                (issue.title.clone(), Style::new()),
                (format!("  {clock}"), clock_style),
            ];
            if let Some(owner) = &issue.owner {
                spans.push((
                    format!(" · {}", l.f("owner {0}", &[&board.party_name(owner)])),
                    t.dim,
                ));
            }
            if !issue.support.is_empty() {
                spans.push((
                    format!(" · {}", l.f("needs: {0}", &[&issue.support])),
                    t.warning,
                ));
            }
            if sla.breached
                && let Some(a) = board.accountable_for(issue)
            {
                spans.push((format!(" · A: {}", board.party_name(&a)), t.dim));
            }
            spans
        }
        Row::Change(i) => {
            let Some(change) = app
                .turn
                .as_ref()
                .and_then(|turn| turn.agenda.changes.get(*i))
            else {
                return Vec::new();
            };
            vec![
                (format!("{} ", change.record), t.dim),
                (board.describe_change(change, l.lang), Style::new()),
            ]
        }
    }
}

/// Selection and scroll of the standup pane's list, and whether it shows
/// the presenter view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandupState {
    /// Among the selectable rows (cards and issues).
    pub row: usize,
    pub first_row: usize,
    pub presenter: bool,
}
