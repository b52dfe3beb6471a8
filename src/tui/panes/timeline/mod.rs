//! The timeline pane's Gantt chart: each task a bar from when it started (or
//! was created) to its due date, grouped by owner or column, with a today
//! line. Late bars are red and trail to today, finished ones dim, blocked
//! ones shaded; the tasks the selected one waits on are marked, with a dotted
//! line to its start. Only the rows on screen are drawn.

mod keys;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::model::{Task, TaskId};
use crate::text::width;
use crate::tui::app::App;
use crate::tui::draw::{put, put_spans, style_row};
use crate::tui::layout::{TimelineAreas, timeline_areas};
use crate::tui::timeline::{
    Grouping, Mode, Row, Zoom, day_of_cell, default_origin, describe_span, span,
};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if app.timeline_state.mode == Mode::Flow {
        super::flow::render(app, area, buf);
        return;
    }
    let areas = timeline_areas(area);
    let s = &app.timeline_state;
    let today = app.now.date_naive();
    let origin = s
        .origin
        .unwrap_or_else(|| default_origin(s.zoom, today, areas.chart.width));
    let chart = Chart {
        zoom: s.zoom,
        origin,
        area: areas.chart,
    };
    bar(app, &areas, buf);
    scale(app, &chart, areas.scale, buf);
    rows(app, &chart, &areas, buf);
    status(app, &areas, buf);
}

/// Where days fall on screen.
struct Chart {
    zoom: Zoom,
    origin: NaiveDate,
    area: Rect,
}

impl Chart {
    /// The cell a day starts in, counted from the chart's left edge.
    fn cell(&self, day: NaiveDate) -> i64 {
        self.zoom.cell((day - self.origin).num_days())
    }

    /// The screen column of a cell, if it is on screen.
    fn x(&self, cell: i64) -> Option<u16> {
        (0..i64::from(self.area.width))
            .contains(&cell)
            .then(|| self.area.x + cell as u16)
    }

    /// Draws `glyph` over the cells from `from` up to (not including) `to`.
    fn fill(&self, buf: &mut Buffer, y: u16, from: i64, to: i64, glyph: &str, style: Style) {
        let from = from.max(0);
        let to = to.min(i64::from(self.area.width));
        for cell in from..to {
            if let Some(x) = self.x(cell) {
                buf[(x, y)].set_symbol(glyph).set_style(style);
            }
        }
    }
}

/// `Grouped by owner · zoom: week · 14 tasks, 2 without due date`.
fn bar(app: &App, areas: &TimelineAreas, buf: &mut Buffer) {
    if areas.bar.height == 0 {
        return;
    }
    let t = &app.theme;
    let s = &app.timeline_state;
    let (tasks, undated) = app
        .timeline
        .as_ref()
        .map_or((0, 0), |rows| (rows.items.len(), rows.undated));
    let l = app.locale.lang;
    let by = match s.grouping {
        Grouping::Owner => l.t("by owner"),
        Grouping::Column => l.t("by column"),
    };
    let zoom = match s.zoom {
        Zoom::Day => l.t("zoom: day"),
        Zoom::Week => l.t("zoom: week"),
        Zoom::Month => l.t("zoom: month"),
    };
    let mut spans = vec![
        (format!(" {} ", l.t("Gantt")), t.title),
        (format!("{by} · {zoom} · "), t.dim),
        (l.n(tasks, "{0} task", "{0} tasks"), Style::new()),
    ];
    if undated > 0 {
        spans.push((l.f(", {0} without due date", &[&undated]), t.dim));
    }
    if !app.filter.is_empty() {
        spans.push((
            format!(
                " · {}",
                l.f("filter: {0}", &[&app.filter.describe(&app.board, l)])
            ),
            t.warning,
        ));
    }
    put_spans(
        buf,
        areas.bar,
        areas.bar.x,
        areas.bar.y,
        &spans,
        usize::from(areas.bar.width),
    );
}

/// Months on the first line; on the second, day numbers (day zoom), the
/// first day of each week (week zoom) or week numbers (month zoom). The
/// today column is marked on both.
fn scale(app: &App, chart: &Chart, area: Rect, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let t = &app.theme;
    let today = app.now.date_naive();
    let cells = i64::from(area.width);
    let mut free = [0i64; 2];
    let mut label = |line: usize, cell: i64, text: String, style: Style, buf: &mut Buffer| {
        if cell < free[line] {
            return;
        }
        let w = put(
            buf,
            area,
            area.x + cell as u16,
            area.y + line as u16,
            &text,
            usize::from(area.width),
            style,
        );
        free[line] = cell + i64::from(w) + 1;
    };
    for (cell, text) in month_labels(app, chart, cells) {
        label(0, cell, text, t.heading, buf);
    }
    let mut previous: Option<NaiveDate> = None;
    for cell in 0..cells {
        let day = day_of_cell(chart.zoom, chart.origin, cell);
        let starts_day = previous != Some(day);
        if starts_day {
            let text = match chart.zoom {
                Zoom::Day => Some(day.format("%-d").to_string()),
                Zoom::Week => {
                    (day.weekday() == Weekday::Mon).then(|| day.format("%-d").to_string())
                }
                Zoom::Month => Some(format!("W{}", day.iso_week().week())),
            };
            if let Some(text) = text {
                let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
                let style = if weekend && chart.zoom == Zoom::Day {
                    t.dim
                } else {
                    Style::new()
                };
                label(1, cell, text, style, buf);
            }
        }
        previous = Some(day);
    }
    // Today: a mark above the line, or its label highlighted when a label
    // is there.
    if let Some(x) = chart.x(chart.cell(today)) {
        let cell = &mut buf[(x, area.y + 1)];
        if cell.symbol() == " " {
            cell.set_symbol("▼");
        }
        cell.set_style(t.today);
    }
}

/// The months on the scale's first line: where each begins, and its name
/// (with the year for the first shown and for January). The month the
/// chart starts in may be only partly shown: when its name would run into
/// the next month's, the next takes the year and the first shortens, or,
/// if even that does not fit, gives way; and a year that would run into
/// the next month's name is left out, so that every zoom names every
/// month it shows.
fn month_labels(app: &App, chart: &Chart, cells: i64) -> Vec<(i64, String)> {
    let l = &app.locale;
    let mut starts: Vec<(i64, NaiveDate)> = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    for cell in 0..cells {
        let day = day_of_cell(chart.zoom, chart.origin, cell);
        if previous.is_none_or(|p| p.month() != day.month()) {
            starts.push((cell, day));
        }
        previous = Some(day);
    }
    let named = |i: usize, (cell, day): (i64, NaiveDate)| {
        let text = if i == 0 || day.month() == 1 {
            l.month_year(day)
        } else {
            l.month(day)
        };
        (cell, text)
    };
    let mut labels: Vec<(i64, String)> = starts
        .iter()
        .enumerate()
        .map(|(i, start)| named(i, *start))
        .collect();
    let fits = |first: &str, next: i64| i64::try_from(width(first)).unwrap_or(i64::MAX) < next;
    if let (Some(&(_, first_day)), Some(&(next_cell, next_day))) = (starts.first(), starts.get(1))
        && !fits(&labels[0].1, next_cell)
    {
        let short = l.month(first_day);
        // The year moves to the next month, which is shown in full.
        labels[1].1 = l.month_year(next_day);
        if fits(&short, next_cell) {
            labels[0].1 = short;
        } else {
            labels.remove(0);
            starts.remove(0);
        }
    }
    // A year gives way to the next month's name.
    for i in 0..labels.len() {
        if let Some(&(next_cell, _)) = starts.get(i + 1)
            && !fits(&labels[i].1, next_cell - labels[i].0)
        {
            labels[i].1 = l.month(starts[i].1);
        }
    }
    labels
}

fn rows(app: &App, chart: &Chart, areas: &TimelineAreas, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(rows) = &app.timeline else {
        return;
    };
    if rows.rows.is_empty() {
        let text = if app.filter.is_empty() {
            app.locale.t("No tasks yet: n adds one.")
        } else {
            app.locale.t("No task matches the filter: Esc clears it.")
        };
        let line = areas.labels.union(areas.chart);
        put(
            buf,
            line,
            line.x + 1,
            line.y,
            text,
            usize::from(line.width),
            t.dim,
        );
        return;
    }
    let today = app.now.date_naive();
    let selected = app.selected_task();
    let waits_on: Vec<TaskId> = selected
        .and_then(|id| app.board.tasks.get(&id))
        .map(|task| task.depends_on.clone())
        .unwrap_or_default();
    // The today line first: bars are drawn over it.
    if let Some(x) = chart.x(chart.cell(today)) {
        for y in areas.chart.top()..areas.chart.bottom() {
            buf[(x, y)].set_symbol("│").set_style(t.today);
        }
    }
    let s = &app.timeline_state;
    let visible = rows
        .rows
        .iter()
        .enumerate()
        .skip(s.first_row)
        .take(usize::from(areas.labels.height));
    for (y, (_, row)) in (areas.labels.y..).zip(visible) {
        match row {
            Row::Group { label, count } => {
                let spans = [(label.clone(), t.heading), (format!(" {count}"), t.dim)];
                put_spans(
                    buf,
                    areas.labels,
                    areas.labels.x,
                    y,
                    &spans,
                    usize::from(areas.labels.width),
                );
            }
            Row::Task(id) => {
                let Some(task) = app.board.tasks.get(id) else {
                    continue;
                };
                let is_selected = selected == Some(*id);
                let waited_on = waits_on.contains(id);
                label(app, task, areas.labels, y, is_selected, waited_on, buf);
                task_bar(app, chart, task, y, waited_on, buf);
                if is_selected {
                    connector(app, chart, task, y, buf);
                }
            }
        }
    }
}

/// `▶T-12 ⊘ Title`: the marker for a task the selected one waits on, the
/// id (red when late), the blocked mark and the title.
fn label(
    app: &App,
    task: &Task,
    area: Rect,
    y: u16,
    selected: bool,
    waited_on: bool,
    buf: &mut Buffer,
) {
    let t = &app.theme;
    let today = app.now.date_naive();
    let finished = app.board.is_finished(task);
    let marker = if waited_on {
        ("▶".to_string(), t.blocked)
    } else {
        (" ".to_string(), Style::new())
    };
    let id_style = if app.board.is_overdue(task, today) {
        t.overdue
    } else if finished {
        t.dim
    } else {
        t.key
    };
    let mut spans = vec![marker, (format!("{} ", task.id), id_style)];
    if !finished && app.board.is_blocked(task) {
        spans.push(("⊘ ".into(), t.blocked));
    }
    let title_style = if finished { t.dim } else { Style::new() };
    spans.push((task.title.clone(), title_style));
    put_spans(buf, area, area.x, y, &spans, usize::from(area.width));
    if selected {
        style_row(
            buf,
            area,
            area.x + 1,
            y,
            area.width.saturating_sub(1),
            t.selected,
        );
    }
}

/// The task's bar; a late one trails to today.
fn task_bar(app: &App, chart: &Chart, task: &Task, y: u16, waited_on: bool, buf: &mut Buffer) {
    let t = &app.theme;
    let today = app.now.date_naive();
    let Some((start, end)) = span(task) else {
        // No due date: a mark where it began.
        let began = task.started.unwrap_or(task.created).date_naive();
        if let Some(x) = chart.x(chart.cell(began)) {
            buf[(x, y)].set_symbol("◇").set_style(t.dim);
        }
        return;
    };
    let finished = app.board.is_finished(task);
    let late = app.board.is_overdue(task, today);
    let blocked = !finished && app.board.is_blocked(task);
    let (glyph, mut style) = if finished {
        ("▒", t.dim)
    } else if blocked {
        ("▓", if late { t.overdue } else { t.blocked })
    } else if late {
        ("█", t.overdue)
    } else {
        ("█", t.bar)
    };
    if waited_on {
        style = style.add_modifier(Modifier::BOLD);
    }
    let from = chart.cell(start);
    let to = chart.cell(end + Duration::days(1)).max(from + 1);
    chart.fill(buf, y, from, to, glyph, style);
    if late {
        let trail_to = chart.cell(today + Duration::days(1));
        chart.fill(buf, y, to, trail_to, "░", t.overdue);
    }
}

/// On the selected row, a dotted line from the end of the latest bar it
/// waits on to its own start: how long it has been kept waiting.
fn connector(app: &App, chart: &Chart, task: &Task, y: u16, buf: &mut Buffer) {
    let t = &app.theme;
    let Some((start, _)) = span(task) else {
        return;
    };
    let ends = task
        .depends_on
        .iter()
        .filter_map(|id| app.board.tasks.get(id))
        .filter_map(|dep| span(dep).map(|(_, end)| (end, app.board.is_finished(dep))));
    let Some((end, done)) = ends.max_by_key(|(end, _)| *end) else {
        return;
    };
    let from = chart.cell(end + Duration::days(1));
    let to = chart.cell(start);
    if from < to {
        let style = if done { t.dim } else { t.blocked };
        chart.fill(buf, y, from, to, "┄", style);
    }
}

/// `T-5 Payment load test · Doing · Tech · 13 Nov → 21 Nov · 2 days late ·
/// waits on T-3`.
fn status(app: &App, areas: &TimelineAreas, buf: &mut Buffer) {
    if areas.status.height == 0 {
        return;
    }
    let t = &app.theme;
    let Some(task) = app.selected_task().and_then(|id| app.board.tasks.get(&id)) else {
        return;
    };
    let board = &app.board;
    let today = app.now.date_naive();
    let sep = || (" · ".to_string(), t.dim);
    let mut spans = vec![
        (format!(" {} ", task.id), t.key),
        (task.title.clone(), Style::new()),
        sep(),
        (board.column_name(&task.column).to_string(), Style::new()),
    ];
    if let Some(owner) = &task.owner {
        spans.push(sep());
        spans.push((board.party_name(owner).to_string(), Style::new()));
    }
    spans.push(sep());
    let l = &app.locale;
    match describe_span(task, app.now, l) {
        Some(text) => spans.push((text, Style::new())),
        None => spans.push((l.t("no due date").into(), t.dim)),
    }
    if board.is_overdue(task, today)
        && let Some(due) = task.due
    {
        let late = (today - due).num_days();
        spans.push(sep());
        spans.push((
            l.n(late as usize, "{0} day late", "{0} days late"),
            t.overdue,
        ));
    }
    let waits = board.waits_on(task);
    if !waits.is_empty() {
        let ids: Vec<String> = waits.iter().map(|id| id.to_string()).collect();
        spans.push(sep());
        spans.push((l.f("waits on {0}", &[&ids.join(", ")]), t.blocked));
    }
    if let Some(b) = &task.blocked {
        spans.push(sep());
        spans.push((l.f("blocked: {0}", &[&b.reason]), t.blocked));
    }
    let w = usize::from(areas.status.width);
    put_spans(buf, areas.status, areas.status.x, areas.status.y, &spans, w);
}
