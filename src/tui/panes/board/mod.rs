//! The progress board: one column per board column with its WIP count, and
//! two-line cards (id, title, blocked mark; owner, due, risk, age).

mod keys;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::i18n::fill;
use crate::model::action::risk_word;
use crate::model::{Risk, Task};
use crate::text::width;
use crate::tui::app::App;
use crate::tui::draw::{put, put_spans, style_row};
use crate::tui::layout::{CARD_HEIGHT, board_areas, board_card_rows, lane_height};
use crate::tui::view::Lane;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    if app.board.tasks.is_empty() {
        return empty(app, area, buf);
    }
    let areas = board_areas(area, !app.filter.is_empty());
    if let Some(line) = areas.filter {
        let shown = app.view.columns.iter().map(Vec::len).sum();
        filter_line(app, line, shown, app.locale.t("{0} of {1} cards"), buf);
    }
    if let Some(panel) = areas.panel {
        for y in panel.top()..panel.bottom() {
            put(buf, area, panel.x - 1, y, "│", 1, app.theme.dim);
        }
        super::details::render_panel(app, panel, buf);
    }
    let area = areas.columns;
    let ncols = app.view.columns.len();
    let slots = crate::tui::layout::column_slots(app, area);
    // Separators first: lane headings are drawn across them.
    for pair in slots.windows(2) {
        let x = pair[0].1.right();
        for y in area.top()..area.bottom() {
            put(buf, area, x, y, "│", 1, app.theme.dim);
        }
    }
    match &app.view.lanes {
        None => {
            for (col, rect) in &slots {
                column(app, *col, *rect, buf);
            }
        }
        Some(lanes) => {
            for (col, rect) in &slots {
                heading(app, *col, *rect, 0, 0, buf);
            }
            draw_lanes(app, lanes, &slots, area, buf);
        }
    }
    // Arrows say there are columns off screen.
    if slots.first().is_some_and(|(c, _)| *c > 0) {
        put(buf, area, area.x, area.y, "◀", 1, app.theme.key);
    }
    if slots.last().is_some_and(|(c, _)| c + 1 < ncols) {
        put(buf, area, area.right() - 1, area.y, "▶", 1, app.theme.key);
    }
}

/// What the filter shows: its conditions and how many of the board's
/// tasks pass (`count`, translated: `{0} of {1} cards` on the board,
/// `… tasks` in the grid).
pub fn filter_line(app: &App, area: Rect, shown: usize, count: &str, buf: &mut Buffer) {
    let t = &app.theme;
    let l = &app.locale;
    let spans = vec![
        (format!(" {} ", l.t("Filter:")), t.key),
        (app.filter.describe(&app.board, l.lang), t.message),
        (
            format!("  {}", fill(count, &[&shown, &app.board.tasks.len()])),
            t.dim,
        ),
        (format!("  {}", l.t("Esc clears")), t.dim),
    ];
    put_spans(buf, area, area.x, area.y, &spans, usize::from(area.width));
}

/// The board grouped by owner: a heading line per lane, then its cards in
/// their columns. Lanes scroll together under the frozen column headings.
fn draw_lanes(app: &App, lanes: &[Lane], slots: &[(usize, Rect)], area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let s = &app.board_state;
    let top = area.y + 1;
    let visible = area.height.saturating_sub(1);
    let scroll = s.lane_scroll;
    let mut line = 0usize; // first line of the current lane
    let mut before = vec![0usize; app.view.columns.len()];
    for lane in lanes {
        // Lanes below the screen draw nothing.
        if line >= scroll + usize::from(visible) {
            break;
        }
        let y_of = |l: usize| -> Option<u16> {
            let rel = l.checked_sub(scroll)?;
            (rel < usize::from(visible)).then(|| top + rel as u16)
        };
        if let Some(y) = y_of(line) {
            let name = match &lane.owner {
                Some(code) => app.board.party_label(code),
                None => app.locale.t("No owner").to_string(),
            };
            let mut spans = vec![
                ("── ".to_string(), t.dim),
                (name, t.title),
                (
                    format!(
                        "  {} ",
                        app.locale.f("{0} in progress", &[&lane.in_progress])
                    ),
                    t.dim,
                ),
            ];
            let used: usize = spans.iter().map(|(s, _)| width(s)).sum();
            let rest = usize::from(area.width).saturating_sub(used);
            spans.push(("─".repeat(rest), t.dim));
            put_spans(buf, area, area.x, y, &spans, usize::from(area.width));
        }
        for (col, rect) in slots {
            let inner_x = rect.x + 1;
            let inner_w = rect.width.saturating_sub(2);
            for (row, id) in lane.columns[*col].iter().enumerate() {
                let card_line = line + 1 + row * usize::from(CARD_HEIGHT);
                // Each of the card's two lines is drawn only when on screen.
                let parts = [0, 1]
                    .map(|part| y_of(card_line + part).map(|y| Rect::new(inner_x, y, inner_w, 1)));
                if parts.iter().all(Option::is_none) {
                    continue;
                }
                let Some(task) = app.board.tasks.get(id) else {
                    continue;
                };
                let selected = *col == s.column && before[*col] + row == s.card;
                card(app, task, parts, selected, buf);
            }
        }
        for (c, cards) in lane.columns.iter().enumerate() {
            before[c] += cards.len();
        }
        line += lane_height(lane);
    }
}

/// One column: its heading with the WIP count, then the visible cards.
fn column(app: &App, index: usize, area: Rect, buf: &mut Buffer) {
    let cards = &app.view.columns[index];
    let selected_column = index == app.board_state.column;
    let offset = app.board_state.offsets.get(index).copied().unwrap_or(0);
    let rows = board_card_rows(area.height);
    let below = cards.len().saturating_sub(offset + rows);
    heading(app, index, area, offset, below, buf);
    let inner = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(2),
        area.height,
    );
    for (slot, id) in cards.iter().skip(offset).take(rows).enumerate() {
        let Some(task) = app.board.tasks.get(id) else {
            continue;
        };
        let y = inner.y + 1 + slot as u16 * CARD_HEIGHT;
        let selected = selected_column && offset + slot == app.board_state.card;
        let parts = [0, 1]
            .map(|part| Some(Rect::new(inner.x, y + part, inner.width, 1).intersection(area)));
        card(app, task, parts, selected, buf);
    }
}

/// A column's heading: its name, the WIP count (`3/5`: yellow at the
/// limit, red over it; counted without the filter) and how many cards are
/// scrolled off above and below.
fn heading(app: &App, index: usize, area: Rect, above: usize, below: usize, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(col) = app.board.columns.get(index) else {
        return;
    };
    let count = app.view.counts.get(index).copied().unwrap_or(0);
    let (count_text, count_style) = match col.wip {
        Some(limit) if count > limit as usize => (format!("{count}/{limit}"), t.wip_over),
        Some(limit) if count == limit as usize => (format!("{count}/{limit}"), t.wip_at),
        Some(limit) => (format!("{count}/{limit}"), t.dim),
        None => (count.to_string(), t.dim),
    };
    let mut more = String::new();
    if above > 0 {
        more.push_str(&format!("↑{above}"));
    }
    if below > 0 {
        more.push_str(&format!("↓{below}"));
    }
    let inner = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1);
    let heading_style = if index == app.board_state.column {
        t.heading
    } else {
        t.title
    };
    let count_w = width(&count_text) as u16;
    let more_w = width(&more) as u16;
    let name_room = inner
        .width
        .saturating_sub(count_w + 1 + if more_w > 0 { more_w + 1 } else { 0 });
    let used = put(
        buf,
        inner,
        inner.x,
        inner.y,
        &col.name,
        usize::from(name_room.max(1)),
        heading_style,
    );
    put(
        buf,
        inner,
        inner.x + used + 1,
        inner.y,
        &count_text,
        usize::from(count_w),
        count_style,
    );
    if more_w > 0 && inner.width > more_w {
        put(
            buf,
            inner,
            inner.right() - more_w,
            inner.y,
            &more,
            usize::from(more_w),
            t.dim,
        );
    }
}

/// A card's two lines (id, blocked mark and title; then owner, due, risk,
/// age and what it waits on), each drawn in its one-line area when it has
/// one (a card half scrolled off shows only the other line).
fn card(app: &App, task: &Task, parts: [Option<Rect>; 2], selected: bool, buf: &mut Buffer) {
    let t = &app.theme;
    let today = app.now.date_naive();
    // One look at the dependencies serves both the mark and the `waits` text.
    let waits = app.board.waits_on(task);
    let blocked = (task.blocked.is_some() || !waits.is_empty()) && !app.board.is_finished(task);
    let mut first: Vec<(String, Style)> = vec![(format!("{} ", task.id), t.dim)];
    if blocked {
        first.push(("⊘ ".into(), t.blocked));
    }
    first.push((task.title.clone(), Style::new()));

    let mut second: Vec<(String, Style)> = Vec::new();
    let mut add = |text: String, style: Style| {
        if !second.is_empty() {
            second.push((" ".into(), Style::new()));
        }
        second.push((text, style));
    };
    if let Some(owner) = &task.owner {
        add(owner.clone(), Style::new());
    }
    if let Some(due) = task.due {
        let shown = if due.format("%Y").to_string() == today.format("%Y").to_string() {
            app.locale.short_date(due)
        } else {
            due.to_string()
        };
        let style = if app.board.is_overdue(task, today) {
            t.overdue
        } else {
            Style::new()
        };
        add(shown, style);
    }
    if let Some(risk) = task.risk {
        let style = match risk {
            Risk::High => t.risk_high,
            Risk::Medium => t.risk_medium,
            Risk::Low => t.dim,
        };
        // Short words: cards are narrow at 80 columns.
        let word = if risk == Risk::Medium {
            app.locale.t("med")
        } else {
            app.locale.t(risk_word(risk))
        };
        add(word.to_string(), style);
    }
    // Age in the column, which the log tells: left out of a first frame
    // drawn before the log is read rather than counted from the card's
    // creation.
    if !app.log_pending {
        let age = app.now - task.entered();
        let days = age.num_days().max(0) as u32;
        let aging = &app.board.settings.aging;
        let style = if app.board.is_finished(task) {
            t.dim
        } else if days >= aging.alert_days {
            t.overdue
        } else if days >= aging.warn_days {
            t.at_risk
        } else {
            t.dim
        };
        let shown = if age.num_hours() < 1 {
            app.locale.t("new").to_string()
        } else {
            app.locale.lang.duration_largest(age)
        };
        add(shown, style);
    }
    if !waits.is_empty() {
        let ids: Vec<String> = waits.iter().map(ToString::to_string).collect();
        add(app.locale.f("waits {0}", &[&ids.join(",")]), t.blocked);
    }
    for (area, (spans, indent)) in parts.into_iter().zip([(first, 0), (second, 2)]) {
        let Some(area) = area.filter(|a| !a.is_empty()) else {
            continue;
        };
        put_spans(
            buf,
            area,
            area.x + indent,
            area.y,
            &spans,
            usize::from(area.width.saturating_sub(indent)),
        );
        if selected {
            style_row(buf, area, area.x, area.y, area.width, t.selected);
        }
    }
}

/// What a new user sees on an empty board: how to begin.
fn empty(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let l = &app.locale;
    // Commands that work as the app was started, on this board.
    let hint = app.hint();
    let demo = l.f("Try the example board:   {0} demo", &[&hint]);
    let party = l.f(
        "Add a department:        {0} party add mkt Marketing",
        &[&hint],
    );
    let card = l.f(
        "Add a card:              {0} task add \"Campaign page\" --owner mkt --due fri",
        &[&hint],
    );
    let sheet = l.f(
        "Bring in a sheet:        I, or {0} import tasks.csv (Excel, Jira, Trello)",
        &[&hint],
    );
    let lines: [(&str, Style); 10] = [
        (l.t("This board has no cards yet."), t.title),
        ("", Style::new()),
        (l.t("Press n to add a card, ? for every key."), Style::new()),
        ("", Style::new()),
        (&demo, Style::new()),
        (&party, Style::new()),
        (&card, Style::new()),
        (&sheet, Style::new()),
        ("", Style::new()),
        (l.t("q quits; every change is saved at once."), t.dim),
    ];
    for (i, (line, style)) in lines.iter().enumerate() {
        let y = area.y + 1 + i as u16;
        put(
            buf,
            area,
            area.x + 2,
            y,
            line,
            usize::from(area.width.saturating_sub(2)),
            *style,
        );
    }
}

/// Selection and scroll of the board pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardState {
    pub column: usize,
    pub card: usize,
    /// First visible card of each column.
    pub offsets: Vec<usize>,
    /// First visible column when not all fit.
    pub first_column: usize,
    /// In lanes mode: the first visible line of the lanes.
    pub lane_scroll: usize,
}
