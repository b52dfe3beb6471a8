//! Screen geometry shared by drawing and by the scroll logic, so that both
//! agree on what is visible at a given terminal size.

use ratatui::layout::Rect;

use super::app::App;

use super::view::Lane;
use crate::model::Party;
use crate::model::raci::Load;
use crate::text::width;

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub footer: Rect,
}

/// Header, tabs, body and footer, dropping chrome on tiny terminals so the
/// body keeps at least a line.
pub fn screen(area: Rect) -> Screen {
    let row = |y: u16, h: u16| Rect::new(area.x, y, area.width, h);
    let empty = Rect::new(area.x, area.y, area.width, 0);
    let h = area.height;
    if h >= 5 {
        Screen {
            header: row(area.y, 1),
            tabs: row(area.y + 1, 1),
            body: row(area.y + 2, h - 3),
            footer: row(area.y + h - 1, 1),
        }
    } else if h >= 3 {
        Screen {
            header: row(area.y, 1),
            tabs: empty,
            body: row(area.y + 1, h - 2),
            footer: row(area.y + h - 1, 1),
        }
    } else {
        Screen {
            header: empty,
            tabs: empty,
            body: area,
            footer: empty,
        }
    }
}

/// The narrowest a board column is drawn.
pub const MIN_COLUMN_WIDTH: u16 = 18;
/// Lines per card: two of text and one of air.
pub const CARD_HEIGHT: u16 = 3;

/// Terminals at least this wide show the selected card's details beside
/// the board.
pub const SIDE_PANEL_MIN_WIDTH: u16 = 140;
/// The details side panel's width.
pub const SIDE_PANEL_WIDTH: u16 = 46;

/// The board pane's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardAreas {
    /// The line saying which filter is on, when one is.
    pub filter: Option<Rect>,
    /// The columns and their cards.
    pub columns: Rect,
    /// The selected card's details, on wide terminals.
    pub panel: Option<Rect>,
}

/// Splits the board pane: a filter line when `filtered`, the columns, and
/// on wide terminals the details panel.
pub fn board_areas(body: Rect, filtered: bool) -> BoardAreas {
    let (main, panel) = board_split(body);
    let (filter, columns) = filter_split(main, filtered);
    BoardAreas {
        filter,
        columns,
        panel,
    }
}

/// The RACI pane's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RaciAreas {
    /// The line saying which filter is on, when one is.
    pub filter: Option<Rect>,
    /// Headers, rows, load footer and summary.
    pub grid: Rect,
}

/// Splits the RACI pane: a filter line when `filtered`, then the grid.
pub fn raci_areas(body: Rect, filtered: bool) -> RaciAreas {
    let (filter, grid) = filter_split(body, filtered);
    RaciAreas { filter, grid }
}

/// A filter line on top of `area` when `filtered` and there is room.
fn filter_split(area: Rect, filtered: bool) -> (Option<Rect>, Rect) {
    if filtered && area.height >= 3 {
        (
            Some(Rect::new(area.x, area.y, area.width, 1)),
            Rect::new(area.x, area.y + 1, area.width, area.height - 1),
        )
    } else {
        (None, area)
    }
}

/// The board pane's columns and, on wide terminals, the details panel.
fn board_split(body: Rect) -> (Rect, Option<Rect>) {
    if body.width < SIDE_PANEL_MIN_WIDTH {
        return (body, None);
    }
    let board = Rect::new(
        body.x,
        body.y,
        body.width - SIDE_PANEL_WIDTH - 1,
        body.height,
    );
    let panel = Rect::new(
        body.right() - SIDE_PANEL_WIDTH,
        body.y,
        SIDE_PANEL_WIDTH,
        body.height,
    );
    (board, Some(panel))
}

/// The first line of lane `index`, counted from the top of the lanes.
pub fn lane_top(lanes: &[Lane], index: usize) -> usize {
    lanes.iter().take(index).map(lane_height).sum()
}

/// Lines of one lane: its heading, then its fullest column's cards.
pub fn lane_height(lane: &Lane) -> usize {
    1 + lane.depth() * usize::from(CARD_HEIGHT)
}

/// Lines of all lanes.
pub fn lanes_height(lanes: &[Lane]) -> usize {
    lanes.iter().map(lane_height).sum()
}

/// How many board columns fit side by side (at least one).
pub fn board_columns_that_fit(body_width: u16, columns: usize) -> usize {
    let fit = (usize::from(body_width) + 1) / (usize::from(MIN_COLUMN_WIDTH) + 1);
    fit.clamp(1, columns.max(1))
}

/// How many cards a column shows: the body less the column heading.
pub fn board_card_rows(body_height: u16) -> usize {
    let rows = usize::from(body_height.saturating_sub(1) / CARD_HEIGHT);
    if rows == 0 && body_height >= 2 {
        1
    } else {
        rows
    }
}

/// The RACI grid's frozen task-title column.
pub fn raci_title_width(body_width: u16) -> u16 {
    (body_width / 3).clamp(8, 36).min(body_width)
}

/// The RACI grid's rule column (dropped when the terminal is narrow).
pub fn raci_rule_width(body_width: u16) -> u16 {
    if body_width >= 60 { 16 } else { 0 }
}

/// A party column's width: room for its name (up to 10 cells) and its load
/// (`5·3·1·0`, up to 14), at least 7, plus a gap.
pub fn raci_party_width(party: &Party, load: &Load) -> u16 {
    let name = width(&party.name).min(10);
    let load = load_text(load).chars().count().min(14);
    (name.max(load).max(7) + 1) as u16
}

/// A party's load as the footer shows it: R·A·C·I counts.
pub fn load_text(load: &Load) -> String {
    format!("{}·{}·{}·{}", load.r, load.a, load.c, load.i)
}

/// Task rows visible in the grid: the body less the party header, the load
/// footer and the summary line.
pub fn raci_rows(body_height: u16) -> usize {
    usize::from(body_height.saturating_sub(3)).max(1)
}

/// The first party column to draw so that `selected` is visible, moving
/// `first` as little as possible.
pub fn raci_first_party(body_width: u16, widths: &[u16], first: usize, selected: usize) -> usize {
    if widths.is_empty() {
        return 0;
    }
    let room = body_width
        .saturating_sub(raci_title_width(body_width))
        .saturating_sub(raci_rule_width(body_width));
    let fits = |from: usize| -> bool {
        let used: u32 = widths[from..=selected].iter().map(|w| u32::from(*w)).sum();
        used <= u32::from(room)
    };
    let mut first = first.min(selected);
    while first < selected && !fits(first) {
        first += 1;
    }
    first
}

/// Issue rows visible: the body less the column header line.
pub fn issue_rows(body_height: u16) -> usize {
    let footer = u16::from(body_height >= ISSUE_METRICS_MIN_HEIGHT);
    usize::from(body_height.saturating_sub(1 + footer)).max(1)
}

/// From this body height on, the queue ends with its 30-day metrics line.
pub const ISSUE_METRICS_MIN_HEIGHT: u16 = 5;

/// The timeline pane's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineAreas {
    /// What is shown: grouping, zoom, counts.
    pub bar: Rect,
    /// Two lines of time scale above the chart (months, then days).
    pub scale: Rect,
    /// The rows' task labels.
    pub labels: Rect,
    /// The rows' bars, beside the labels.
    pub chart: Rect,
    /// The selected task in a line.
    pub status: Rect,
}

/// Labels take about a third of the width; tiny bodies drop the chrome and
/// keep the rows.
pub fn timeline_areas(body: Rect) -> TimelineAreas {
    let chrome = body.height >= 6;
    let (bar_h, scale_h, status_h) = if chrome { (1, 2, 1) } else { (0, 0, 0) };
    let rows_h = body.height - bar_h - scale_h - status_h;
    let label_w = (body.width * 3 / 10).clamp(14, 36).min(body.width / 2);
    let chart_x = body.x + label_w + 1.min(body.width - label_w);
    let chart_w = body.right().saturating_sub(chart_x);
    let rows_y = body.y + bar_h + scale_h;
    TimelineAreas {
        bar: Rect::new(body.x, body.y, body.width, bar_h),
        scale: Rect::new(chart_x, body.y + bar_h, chart_w, scale_h),
        labels: Rect::new(body.x, rows_y, label_w, rows_h),
        chart: Rect::new(chart_x, rows_y, chart_w, rows_h),
        status: Rect::new(body.x, rows_y + rows_h, body.width, status_h),
    }
}

// The overlays' boxes: where the drawing puts them and where the details
// text goes, which the app prepares before the frame is drawn.

/// The card details box: this wide, nearly as tall as the screen.
pub const DETAILS_WIDTH: u16 = 72;
/// The explanation box's width, at most.
pub const EXPLAIN_WIDTH: u16 = 84;

/// The card details box's height on a screen of `area`.
pub fn details_height(area: Rect) -> u16 {
    area.height.saturating_sub(2)
}

/// The details text inside the box: a column of margin each side, the
/// hint line below.
pub fn details_text(inner: Rect) -> Rect {
    Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(1),
    )
}

/// How wide the explanation overlay's text is on a screen of `area`.
pub fn explain_width(area: Rect) -> usize {
    usize::from(EXPLAIN_WIDTH.min(area.width).saturating_sub(4))
}

/// Where the card details overlay puts its text on a screen of `area`, so
/// that its lines can be prepared before the frame is drawn.
pub fn details_body(area: Rect) -> Option<Rect> {
    let popup = centered(area, DETAILS_WIDTH, details_height(area))?;
    let inner = Rect::new(popup.x + 1, popup.y + 1, popup.width - 2, popup.height - 2);
    Some(details_text(inner))
}

/// Where a box `w`×`h` (cut to `area`) goes: centred; `None` when too
/// small to hold anything.
pub fn centered(area: Rect, w: u16, h: u16) -> Option<Rect> {
    let w = w.min(area.width);
    let h = h.min(area.height);
    if w < 4 || h < 3 {
        return None;
    }
    Some(Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    ))
}

// Where each pane puts what a click can land on: the drawing and the
// mouse both ask here.

/// The columns on screen and where each is drawn: they share the width
/// fairly, leftover cells going to the rightmost ones.
pub fn column_slots(app: &App, area: Rect) -> Vec<(usize, Rect)> {
    let ncols = app.view.columns.len();
    let fit = board_columns_that_fit(area.width, ncols);
    let first = app.board_state.first_column.min(ncols.saturating_sub(fit));
    let shown = first..(first + fit).min(ncols);
    let n = shown.len().max(1) as u16;
    let gaps = n.saturating_sub(1);
    let total = area.width.saturating_sub(gaps);
    let each = total / n;
    let extra = total % n;
    let mut x = area.x;
    let mut out = Vec::new();
    for (i, col) in shown.enumerate() {
        let w = each + u16::from((i as u16) >= n - extra);
        out.push((col, Rect::new(x, area.y, w, area.height)));
        x += w + 1;
    }
    out
}

/// The party columns that fit the grid `area`, from the first scrolled-to
/// one: (party index, x, width). Drawing and clicks share it.
pub fn party_columns(app: &App, area: Rect) -> Vec<(usize, u16, u16)> {
    let grid_right = area.right().saturating_sub(raci_rule_width(area.width));
    let mut parties = Vec::new();
    let mut x = area.x + raci_title_width(area.width);
    for (i, party) in app
        .board
        .parties
        .iter()
        .enumerate()
        .skip(app.raci_state.first_party)
    {
        let load = app.view.loads.get(i).map(|(_, l)| *l).unwrap_or_default();
        let w = raci_party_width(party, &load);
        if x + w > grid_right {
            break;
        }
        parties.push((i, x, w));
        x += w;
    }
    parties
}

/// The list under the filter line (which is shown while a filter is on
/// and there is room): its header, rows and metrics. Drawing and clicks
/// share it.
pub fn list_area(app: &App, area: Rect) -> Rect {
    if !app.issue_filter.is_empty() && area.height >= 3 {
        Rect::new(area.x, area.y + 1, area.width, area.height - 1)
    } else {
        area
    }
}

/// The list's first line and height, and where the timers go, for a body
/// area: (turn bar, timers, list, footer line).
pub struct StandupAreas {
    pub bar: Rect,
    pub timers: Rect,
    pub list: Rect,
    pub notes: Rect,
}

/// Big timers need this many rows (digits and a label) and this width.
pub const BIG_TIMER_HEIGHT: u16 = 4;
pub const BIG_TIMER_MIN_WIDTH: u16 = 44;

pub fn standup_areas(body: Rect) -> StandupAreas {
    let row = |y: u16, h: u16| Rect::new(body.x, y, body.width, h);
    let h = body.height;
    let big = h >= 14 && body.width >= BIG_TIMER_MIN_WIDTH;
    let timer_h = if big { BIG_TIMER_HEIGHT } else { 1.min(h) };
    let bar = row(body.y, u16::from(h >= 4));
    let timers = row(bar.bottom(), timer_h.min(h.saturating_sub(bar.height)));
    let gap = u16::from(h >= 8);
    let notes_h = u16::from(h >= 6);
    let list_y = timers.bottom() + gap;
    let list_h = body.bottom().saturating_sub(list_y).saturating_sub(notes_h);
    StandupAreas {
        bar,
        timers,
        list: row(list_y, list_h),
        notes: row(body.bottom().saturating_sub(notes_h), notes_h),
    }
}

/// Where the panel's text goes: right of its border.
pub fn panel_inner(area: Rect) -> Rect {
    Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(1),
        area.height,
    )
}
