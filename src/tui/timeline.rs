//! What the timeline pane shows, apart from drawing it: its rows (tasks
//! grouped by owner or column, the undated ones apart), its time scale at
//! each zoom, and the flow figures for its second view. Rows and figures are
//! prepared when the board, the filter or the grouping changed, not per
//! frame: a large board's frame must not sort or read its log.

use crate::i18n::{Lang, Locale};
use chrono::{Datelike, Duration, NaiveDate};

use crate::model::flow::Flow;
use crate::model::{Board, Task, TaskId, Timestamp};

/// How much time one screen cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    /// Three cells a day: the next week or two in detail.
    Day,
    /// A cell a day: a quarter at a glance.
    #[default]
    Week,
    /// A cell a week: the year.
    Month,
}

impl Zoom {
    pub fn zoom_in(self) -> Zoom {
        match self {
            Zoom::Day | Zoom::Week => Zoom::Day,
            Zoom::Month => Zoom::Week,
        }
    }

    pub fn zoom_out(self) -> Zoom {
        match self {
            Zoom::Day => Zoom::Week,
            Zoom::Week | Zoom::Month => Zoom::Month,
        }
    }

    /// The cell `days` after the origin falls in (may be negative).
    pub fn cell(self, days: i64) -> i64 {
        match self {
            Zoom::Day => days * 3,
            Zoom::Week => days,
            Zoom::Month => days.div_euclid(7),
        }
    }

    /// Days that `cells` cells hold.
    pub fn days(self, cells: i64) -> i64 {
        match self {
            Zoom::Day => cells / 3,
            Zoom::Week => cells,
            Zoom::Month => cells * 7,
        }
    }

    /// How far `h`/`l` scroll.
    pub fn step_days(self) -> i64 {
        match self {
            Zoom::Day => 7,
            Zoom::Week => 14,
            Zoom::Month => 56,
        }
    }
}

/// How the rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    Owner,
    Column,
}

/// Whether the pane shows the Gantt chart or the flow charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Gantt,
    Flow,
}

/// One line of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A group's heading: owner or column name, and how many tasks.
    Group {
        label: String,
        count: usize,
    },
    Task(TaskId),
}

/// What the rows were built from: rebuilt when any of it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowsKey {
    pub changes: u64,
    pub reloads: u64,
    pub views: u64,
    pub grouping: Grouping,
}

/// The chart's rows, prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub key: RowsKey,
    pub rows: Vec<Row>,
    /// The index in `rows` of each task row, in order: what `j`/`k` walk.
    pub items: Vec<usize>,
    /// Tasks without a due date (listed apart, last).
    pub undated: usize,
}

/// Selection, scroll and settings of the timeline pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineState {
    /// The selected task, which stays selected when rows are rebuilt.
    pub selected: Option<TaskId>,
    /// Among the task rows.
    pub item: usize,
    /// The first row shown.
    pub first_row: usize,
    pub zoom: Zoom,
    pub grouping: Grouping,
    pub mode: Mode,
    /// The first day shown; `None` follows today.
    pub origin: Option<NaiveDate>,
    /// The chart's width when last drawn, for scrolling from today.
    pub cells: u16,
}

/// The flow figures, prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowCache {
    pub key: (u64, u64, NaiveDate),
    pub flow: Flow,
}

/// How many weeks the flow view covers.
pub const FLOW_WEEKS: u32 = 8;

/// A task's bar: from when it started (or was created) to its due date.
pub fn span(task: &Task) -> Option<(NaiveDate, NaiveDate)> {
    let due = task.due?;
    let start = task.started.unwrap_or(task.created).date_naive();
    Some((start.min(due), start.max(due)))
}

/// The rows for `visible` tasks (the board pane's, so its filter applies),
/// grouped, each group by start then due; undated tasks apart at the end.
pub fn rows(board: &Board, visible: &[TaskId], grouping: Grouping, key: RowsKey, l: Lang) -> Rows {
    let mut dated: Vec<&Task> = Vec::new();
    let mut undated: Vec<&Task> = Vec::new();
    for task in visible.iter().filter_map(|id| board.tasks.get(id)) {
        if task.due.is_some() {
            dated.push(task);
        } else {
            undated.push(task);
        }
    }
    // The key is worked out once per task, not once per comparison.
    dated.sort_by_cached_key(|t| (span(t), t.id));
    undated.sort_by_key(|t| t.id);
    let groups: Vec<(Option<&str>, String)> = match grouping {
        Grouping::Owner => board
            .parties
            .iter()
            .map(|p| (Some(p.code.as_str()), p.name.clone()))
            .chain([(None, l.t("No owner").to_string())])
            .collect(),
        Grouping::Column => board
            .columns
            .iter()
            .map(|c| (Some(c.id.as_str()), c.name.clone()))
            .collect(),
    };
    let at: std::collections::HashMap<Option<&str>, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (*k, i))
        .collect();
    let mut buckets: Vec<Vec<TaskId>> = vec![Vec::new(); groups.len()];
    for task in &dated {
        let key = match grouping {
            Grouping::Owner => task.owner.as_deref(),
            Grouping::Column => Some(task.column.as_str()),
        };
        // An owner that is not a party (a hand-edited file) counts as none.
        if let Some(i) = at.get(&key).or_else(|| at.get(&None)) {
            buckets[*i].push(task.id);
        }
    }
    let mut out = Vec::new();
    let mut items = Vec::new();
    let mut push_group = |label: String, ids: &[TaskId], out: &mut Vec<Row>| {
        if ids.is_empty() {
            return;
        }
        out.push(Row::Group {
            label,
            count: ids.len(),
        });
        for id in ids {
            items.push(out.len());
            out.push(Row::Task(*id));
        }
    };
    for ((_, label), ids) in groups.into_iter().zip(&buckets) {
        push_group(label, ids, &mut out);
    }
    let undated: Vec<TaskId> = undated.iter().map(|t| t.id).collect();
    push_group(l.t("No due date").to_string(), &undated, &mut out);
    Rows {
        key,
        rows: out,
        items,
        undated: undated.len(),
    }
}

/// The first day a chart `cells` wide shows when it follows today: today a
/// quarter of the way in (at month zoom, on a week's first day).
pub fn default_origin(zoom: Zoom, today: NaiveDate, cells: u16) -> NaiveDate {
    let back = zoom.days(i64::from(cells) / 4);
    let origin = today - Duration::days(back);
    match zoom {
        Zoom::Month => origin - Duration::days(i64::from(origin.weekday().num_days_from_monday())),
        _ => origin,
    }
}

/// The day a cell starts on.
pub fn day_of_cell(zoom: Zoom, origin: NaiveDate, cell: i64) -> NaiveDate {
    let days = match zoom {
        Zoom::Day => cell.div_euclid(3),
        Zoom::Week => cell,
        Zoom::Month => cell * 7,
    };
    origin + Duration::days(days)
}

/// Which days a task's bar covers, for the status line: `13 Nov → 21 Nov`.
pub fn describe_span(task: &Task, now: Timestamp, l: &Locale) -> Option<String> {
    let (start, end) = span(task)?;
    let fmt = |d: NaiveDate| {
        if d.year() == now.year() {
            l.month_day(d)
        } else {
            l.month_day_year(d)
        }
    };
    Some(format!("{} → {}", fmt(start), fmt(end)))
}
