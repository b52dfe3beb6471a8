//! A card's details: every field, what it waits on and what waits on it,
//! its RACI roles, its age in the column and its history from the activity
//! log. Shown in a side panel on wide terminals and over the board on
//! `Enter`.

use crate::i18n::{Lang, mark};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::action::risk_word;
use crate::model::triage::ClockState;
use crate::model::{Issue, LogEntry, Risk, Task, TaskId};
use crate::tui::app::{App, Shown};
use crate::tui::draw::put_spans;

/// One line of the details: styled pieces.
pub type Line = Vec<(String, Style)>;

/// The details of `id`, line by line, for a panel `width` cells wide (the
/// note is wrapped to it).
pub fn lines(app: &App, id: TaskId, width: usize) -> Vec<Line> {
    let t = &app.theme;
    let l = &app.locale;
    let Some(task) = app.board.tasks.get(&id) else {
        return vec![vec![(l.f("{0} no longer exists", &[&id]), t.dim)]];
    };
    let board = &app.board;
    let today = app.now.date_naive();
    let mut out: Vec<Line> = Vec::new();
    let label = |name: &'static str| (crate::text::pad(l.t(name), 10), t.dim);
    out.push(vec![
        (format!("{} ", task.id), t.dim),
        (task.title.clone(), t.title),
    ]);
    out.push(Vec::new());
    let column = board
        .column(&task.column)
        .map_or(task.column.clone(), |c| c.name.clone());
    let mut col_line = vec![label(mark("Column")), (column, Style::new())];
    // How long it has been there, as the board's card says it.
    if !app.log_pending {
        col_line.push((
            format!(
                " {}",
                l.f("for {0}", &[&l.lang.duration(app.now - task.entered())])
            ),
            t.dim,
        ));
    }
    out.push(col_line);
    let owner = task
        .owner
        .as_deref()
        .map_or("—".to_string(), |code| board.party_label(code));
    out.push(vec![label(mark("Owner")), (owner, Style::new())]);
    let due = match task.due {
        None => ("—".to_string(), Style::new()),
        Some(d) => {
            let days = (d - today).num_days();
            let when = match days {
                0 => l.t("today").to_string(),
                1 => l.t("tomorrow").to_string(),
                n if n > 1 => l.f("in {0} days", &[&n]),
                -1 => l.t("yesterday").to_string(),
                n => l.f("{0} days ago", &[&-n]),
            };
            let style = if board.is_overdue(task, today) {
                t.overdue
            } else {
                Style::new()
            };
            (format!("{} ({when})", l.day(d)), style)
        }
    };
    out.push(vec![label(mark("Due")), due]);
    let risk = match task.risk {
        None => ("—".to_string(), Style::new()),
        Some(r) => (
            l.t(risk_word(r)).to_string(),
            match r {
                Risk::High => t.risk_high,
                Risk::Medium => t.risk_medium,
                Risk::Low => Style::new(),
            },
        ),
    };
    out.push(vec![label(mark("Risk")), risk]);
    if let Some(b) = &task.blocked {
        out.push(vec![
            label(mark("Blocked")),
            (b.reason.clone(), t.blocked),
            (
                format!(
                    " ({})",
                    l.f("for {0}", &[&l.lang.duration(app.now - b.since)])
                ),
                t.dim,
            ),
        ]);
    }
    let waits = board.waits_on(task);
    if !task.depends_on.is_empty() {
        out.push(vec![label(mark("Waits on"))]);
        for dep in &task.depends_on {
            let (title, style) = match board.tasks.get(dep) {
                Some(d) if waits.contains(dep) => (d.title.clone(), t.blocked),
                Some(d) => (l.f("{0} (finished)", &[&d.title]), t.dim),
                None => (l.t("(deleted)").to_string(), t.dim),
            };
            out.push(vec![
                ("  ".into(), Style::new()),
                (format!("{dep} "), t.dim),
                (title, style),
            ]);
        }
    }
    let links = app.links.of(task.id, app.changes, app.reloads);
    let waited_by: Vec<&Task> = match links {
        Some((waiting, _)) => waiting.iter().filter_map(|t| board.tasks.get(t)).collect(),
        None => board
            .tasks
            .values()
            .filter(|other| other.depends_on.contains(&task.id))
            .collect(),
    };
    if !waited_by.is_empty() {
        out.push(vec![label(mark("Needed by"))]);
        for other in waited_by {
            out.push(vec![
                ("  ".into(), Style::new()),
                (format!("{} ", other.id), t.dim),
                (other.title.clone(), Style::new()),
            ]);
        }
    }
    if !task.raci.is_empty() {
        let roles: Vec<String> = task
            .raci
            .iter()
            .map(|(code, role)| format!("{code} {}", role.as_str()))
            .collect();
        out.push(vec![label(mark("RACI")), (roles.join(" · "), Style::new())]);
    }
    // The problems raised against the card, with how their clocks stand.
    let linked: Vec<&Issue> = match links {
        Some((_, issues)) => issues.iter().filter_map(|i| board.issues.get(i)).collect(),
        None => board
            .issues
            .values()
            .filter(|i| i.task == Some(task.id))
            .collect(),
    };
    if !linked.is_empty() {
        out.push(vec![label(mark("Issues"))]);
        for issue in linked {
            let (clock, state) = app.clock(issue);
            let style = match state {
                ClockState::Breached => t.breached,
                ClockState::AtRisk => t.at_risk,
                ClockState::Running => Style::new(),
                ClockState::Stopped => t.dim,
            };
            out.push(vec![
                ("  ".into(), Style::new()),
                (
                    format!("{} {} ", issue.priority().as_str(), issue.id),
                    t.dim,
                ),
                (issue.title.clone(), Style::new()),
                (format!("  {clock}"), style),
            ]);
        }
    }
    if !task.note.is_empty() {
        out.push(vec![label(mark("Note"))]);
        for line in wrap(&task.note, width.saturating_sub(2).max(10)) {
            out.push(vec![("  ".into(), Style::new()), (line, Style::new())]);
        }
    }
    // The first frame of a large board is drawn before its log is read:
    // no history rather than "no changes logged".
    if app.log_pending {
        return out;
    }
    out.push(Vec::new());
    out.push(vec![(l.t("History").into(), t.heading)]);
    let record = task.id.to_string();
    let entries: Vec<(usize, &LogEntry)> = match app.log_index.of(&board.log, &record) {
        Some(at) => at
            .iter()
            .filter_map(|i| board.log.get(*i as usize).map(|e| (*i as usize, e)))
            .collect(),
        None => board
            .log
            .iter()
            .enumerate()
            .filter(|(_, e)| e.record == record)
            .collect(),
    };
    for &(index, entry) in entries.iter().rev() {
        out.push(vec![
            (format!("{} ", entry.at.format("%m-%d %H:%M")), t.dim),
            (board.entry_words(index, entry, l.lang), Style::new()),
        ]);
    }
    if entries.is_empty() {
        out.push(vec![(l.t("no changes logged").into(), t.dim)]);
    }
    out
}

/// The fields the log names, as the file writes them; each is shown in the
/// interface's language.
const LOGGED_FIELDS: [&str; 26] = [
    mark("title"),
    mark("owner"),
    mark("due"),
    mark("risk"),
    mark("note"),
    mark("depends_on"),
    mark("start"),
    mark("column"),
    mark("name"),
    mark("goal"),
    mark("wip"),
    mark("position"),
    mark("rank"),
    mark("status"),
    mark("impact"),
    mark("urgency"),
    mark("support"),
    mark("detail"),
    mark("proposal"),
    mark("resolution"),
    mark("parties"),
    mark("task"),
    mark("respond_by"),
    mark("resolve_by"),
    mark("changed"),
    mark("role"),
];

/// A logged field's name in the interface's language; one we do not know
/// stays as the file writes it.
pub fn field_word(field: &str, l: Lang) -> &str {
    match LOGGED_FIELDS.iter().find(|known| **known == field) {
        Some(known) => l.t(known),
        None => field,
    }
}

/// Cuts text into lines of at most `width` cells: at spaces where it can,
/// inside a word (Chinese has no spaces) where it must.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in crate::text::sanitize(text).split(' ') {
        let w = crate::text::width(word);
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws `lines` from `scroll` into `area`.
pub fn draw(lines: &[Line], scroll: usize, area: Rect, buf: &mut Buffer) {
    for (i, line) in lines
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        put_spans(
            buf,
            area,
            area.x,
            area.y + i as u16,
            line,
            usize::from(area.width),
        );
    }
}

/// The side panel on wide terminals: the selected card's details, from
/// the lines the app prepared before drawing (see [`App::follow_selection`])
/// when they are for this card and width.
pub fn render_panel(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(id) = app.selected_task() else {
        return;
    };
    let inner = crate::tui::layout::panel_inner(area);
    draw(
        &app.prepared(Shown::Card(id), usize::from(inner.width)),
        0,
        inner,
        buf,
    );
}
