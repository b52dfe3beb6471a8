//! The issue queue: active problems first, by priority, then by the deadline
//! that comes first, each with its running clock as people say it.

mod keys;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::triage::{ClockState, Priority};

use crate::model::Issue;
use crate::text::width;
use crate::tui::app::App;
use crate::tui::draw::{put, put_bottom, put_spans, style_row};
use crate::tui::layout::{ISSUE_METRICS_MIN_HEIGHT, issue_rows};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let t = &app.theme;
    let l = app.locale.lang;
    // A filter line on top while a filter is on.
    let list = crate::tui::layout::list_area(app, area);
    let area = if list != area {
        let spans = vec![
            (format!(" {} ", l.t("Filter:")), t.key),
            (app.issue_filter.describe(&app.board, l), t.message),
            (
                format!(
                    "  {}",
                    l.f(
                        "{0} of {1} issues",
                        &[&app.view.issues.len(), &app.board.issues.len()]
                    )
                ),
                t.dim,
            ),
            (format!("  {}", l.t("Esc clears")), t.dim),
        ];
        put_spans(buf, area, area.x, area.y, &spans, usize::from(area.width));
        list
    } else {
        area
    };
    if app.view.issues.is_empty() {
        put(
            buf,
            area,
            area.x + 2,
            area.y + 1,
            if app.board.issues.is_empty() {
                l.t("No problems raised on this board. Press n to raise one.")
            } else {
                l.t("No issue passes the filter (Esc clears it).")
            },
            usize::from(area.width),
            t.dim,
        );
        return;
    }
    // Columns: priority, id, title (flexible), owner, status, clock. The
    // narrow layout keeps the title and the clock.
    let wide = area.width >= 70;
    let (owner_w, status_w) = if wide { (8u16, 13u16) } else { (0, 0) };
    // The clocks of the rows on screen, worded once: the column grows to
    // show what a clock missed (`resolve in 20m · responded 15m late`) as
    // long as the title keeps room to be read.
    let s = &app.issues_state;
    let rows = issue_rows(area.height);
    let clocks: Vec<(String, Style)> = app
        .view
        .issues
        .iter()
        .skip(s.first_row)
        .take(rows)
        .map(|id| match app.board.issues.get(id) {
            Some(issue) => clock(app, issue),
            None => (String::new(), Style::new()),
        })
        .collect();
    let widest = clocks.iter().map(|(c, _)| width(c)).max().unwrap_or(0) as u16;
    let clock_w: u16 = if area.width >= 40 {
        let room = area.width.saturating_sub(4 + 6 + owner_w + status_w + 30);
        (widest + 1).clamp(22, 40).min(room.max(22))
    } else {
        0
    };
    // The id column fits the board's longest id (`I-1000` on a large
    // board) and a space after it.
    let id_w = app
        .board
        .issues
        .keys()
        .next_back()
        .map_or(0, |id| id.to_string().len())
        .max(4) as u16
        + 1;
    let title_x = 4 + id_w;
    let fixed = title_x + owner_w + status_w + clock_w;
    let title_w = area.width.saturating_sub(fixed).max(1);
    let col = |offset: u16| area.x + offset;
    let y = area.y;
    put(buf, area, col(0), y, l.t("Pri"), 3, t.heading);
    put(
        buf,
        area,
        col(3),
        y,
        " ID",
        usize::from(id_w + 1),
        t.heading,
    );
    put(
        buf,
        area,
        col(title_x),
        y,
        l.t("Title"),
        usize::from(title_w),
        t.heading,
    );
    if wide {
        put(
            buf,
            area,
            col(title_x + title_w),
            y,
            l.t("Owner"),
            usize::from(owner_w),
            t.heading,
        );
        put(
            buf,
            area,
            col(title_x + title_w + owner_w),
            y,
            l.t("Status"),
            usize::from(status_w),
            t.heading,
        );
    }
    if clock_w > 0 {
        put(
            buf,
            area,
            col(title_x + title_w + owner_w + status_w),
            y,
            l.t("Clock"),
            usize::from(clock_w),
            t.heading,
        );
    }
    for (slot, (row, id)) in app
        .view
        .issues
        .iter()
        .enumerate()
        .skip(s.first_row)
        .take(rows)
        .enumerate()
    {
        let Some(issue) = app.board.issues.get(id) else {
            continue;
        };
        let y = area.y + 1 + slot as u16;
        let sla = issue.sla(&app.board.settings.sla, app.now);
        let active = issue.status.is_active();
        let base = if active { Style::new() } else { t.dim };
        let pri_style = match (active, sla.priority) {
            (false, _) => t.dim,
            (true, Priority::P1) => t.error,
            (true, Priority::P2) => t.warning,
            _ => Style::new(),
        };
        put(buf, area, col(0), y, sla.priority.as_str(), 3, pri_style);
        put(
            buf,
            area,
            col(4),
            y,
            &issue.id.to_string(),
            usize::from(id_w),
            t.dim,
        );
        put(
            buf,
            area,
            col(title_x),
            y,
            &issue.title,
            usize::from(title_w.saturating_sub(1)),
            base,
        );
        if wide {
            let owner = issue.owner.as_deref().unwrap_or("—");
            put(
                buf,
                area,
                col(title_x + title_w),
                y,
                owner,
                usize::from(owner_w - 1),
                base,
            );
            put(
                buf,
                area,
                col(title_x + title_w + owner_w),
                y,
                l.t(issue.status.as_str()),
                usize::from(status_w - 1),
                base,
            );
        }
        if clock_w > 0
            && let Some((text, style)) = clocks.get(slot)
        {
            put(
                buf,
                area,
                col(title_x + title_w + owner_w + status_w),
                y,
                text,
                usize::from(clock_w),
                *style,
            );
        }
        if row == s.row {
            style_row(buf, area, area.x, y, area.width, t.selected);
        }
    }
    if area.height >= ISSUE_METRICS_MIN_HEIGHT {
        metrics_line(app, area, buf);
    }
}

/// `Open P1 1 · P2 1 · … · 30 days: answered in 1h 20m, resolved in 2d 3h,
/// 3 of 4 within target`.
fn metrics_line(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let m = &app.view.metrics;
    let l = app.locale.lang;
    let mut spans = vec![(format!("{} ", l.t("Open")), t.dim)];
    for (i, p) in Priority::ALL.iter().enumerate() {
        let style = match (p, m.open[i]) {
            (_, 0) => t.dim,
            (Priority::P1, _) => t.error,
            (Priority::P2, _) => t.warning,
            _ => Style::new(),
        };
        let sep = if i == 0 { "" } else { " · " };
        spans.push((format!("{sep}{} {}", p.as_str(), m.open[i]), style));
    }
    spans.push((format!("   {} ", l.t("last 30 days:")), t.dim));
    let mean = |d: Option<chrono::Duration>| d.map_or("—".to_string(), |d| l.duration(d));
    spans.push((
        l.f(
            "answered in {0}, resolved in {1}",
            &[&mean(m.mean_to_acknowledge), &mean(m.mean_to_resolve)],
        ),
        Style::new(),
    ));
    let (within, all) = m.within_target;
    if all > 0 {
        let style = if within == all { t.ok } else { t.warning };
        spans.push((", ".into(), Style::new()));
        spans.push((l.f("{0} of {1} within target", &[&within, &all]), style));
    }
    put_bottom(buf, area, &spans);
}

/// The running clock in words, coloured by how it stands.
fn clock(app: &App, issue: &Issue) -> (String, Style) {
    let t = &app.theme;
    let (text, state) = app.clock(issue);
    let style = match state {
        ClockState::Breached => t.breached,
        ClockState::AtRisk => t.at_risk,
        ClockState::Running => Style::new(),
        ClockState::Stopped => t.dim,
    };
    (text, style)
}

/// Selection and scroll of the issue list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssuesState {
    pub row: usize,
    pub first_row: usize,
}
