//! The timeline as an inline SVG Gantt chart: a bar per card from when it
//! started (or was created) to its due date, late ones marked, a line for
//! today, and an arrow from each card to the cards that wait on it.

use std::fmt::Write;

use chrono::{Duration, NaiveDate};

use super::esc;
use crate::i18n::Locale;
use crate::model::{Board, Task, TaskId, Timestamp};

const ROW: i64 = 22;
const LABEL: i64 = 260;
const DAY: i64 = 14;
/// Cards shown, soonest due first: a chart is for reading, not archiving.
const MOST: usize = 60;

pub(super) fn timeline(out: &mut String, board: &Board, now: Timestamp, l: &Locale) {
    let today = now.date_naive();
    let start_of = |t: &Task| t.started.unwrap_or(t.created).date_naive();
    let mut tasks: Vec<&Task> = board
        .tasks
        .values()
        .filter(|t| t.due.is_some() && t.finished.is_none())
        .collect();
    tasks.sort_by_key(|t| (t.due, t.id));
    tasks.truncate(MOST);
    if tasks.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"dim\">{}</p>",
            esc(l.t("No open card has a due date"))
        );
        return;
    }
    let first = tasks
        .iter()
        .map(|t| start_of(t))
        .chain([today])
        .min()
        .unwrap_or(today)
        - Duration::days(1);
    let last = tasks
        .iter()
        .filter_map(|t| t.due)
        .chain([today])
        .max()
        .unwrap_or(today)
        + Duration::days(2);
    let days = (last - first).num_days().max(1);
    let x = |d: NaiveDate| LABEL + (d - first).num_days() * DAY;
    let width = LABEL + days * DAY + 10;
    let height = 30 + ROW * i64::try_from(tasks.len()).unwrap_or(0);
    let _ = writeln!(
        out,
        "<div class=\"scroll\"><svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\" font-size=\"12\">",
        esc(l.t("Timeline"))
    );
    // Month labels on top, at each month's first day shown.
    let mut day = first;
    while day <= last {
        if day == first || day.format("%d").to_string() == "01" {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"14\" fill=\"#5d6675\">{}</text>",
                x(day),
                esc(&l.month_year(day))
            );
        }
        day += Duration::days(1);
    }
    let row_y = |i: usize| 24 + ROW * i64::try_from(i).unwrap_or(0);
    let at: std::collections::HashMap<TaskId, usize> =
        tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    for (i, task) in tasks.iter().enumerate() {
        let y = row_y(i);
        let due = task.due.unwrap_or(today);
        let late = board.is_overdue(task, today);
        let (from, to) = (x(start_of(task)), x(due) + DAY);
        let fill = if late { "#b3261e" } else { "#3b6fb6" };
        let label = format!("{} {}", task.id, task.title);
        let _ = write!(
            out,
            "<text x=\"4\" y=\"{}\">{}</text><rect x=\"{from}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"3\" fill=\"{fill}\"><title>{}</title></rect>",
            y + 12,
            esc(&crate::text::fit(&label, 34)),
            y + 1,
            (to - from).max(4),
            esc(&format!("{label} → {}", l.day(due)))
        );
        if late {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" fill=\"#b3261e\">▲</text>",
                to + 2,
                y + 12
            );
        }
        for dep in &task.depends_on {
            if let Some(j) = at.get(dep) {
                let other = tasks[*j];
                let ox = x(other.due.unwrap_or(today)) + DAY;
                let _ = write!(
                    out,
                    "<line x1=\"{ox}\" y1=\"{}\" x2=\"{from}\" y2=\"{}\" stroke=\"#5d6675\" stroke-dasharray=\"3 2\"/>",
                    row_y(*j) + 8,
                    y + 8
                );
            }
        }
    }
    let tx = x(today);
    let _ = writeln!(
        out,
        "<line x1=\"{tx}\" y1=\"18\" x2=\"{tx}\" y2=\"{height}\" stroke=\"#1b6e3a\" stroke-width=\"2\"/><text x=\"{}\" y=\"28\" fill=\"#1b6e3a\">{}</text>\n</svg></div>",
        tx + 3,
        esc(l.t("today"))
    );
}
