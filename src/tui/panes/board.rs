//! The progress board: one column per board column with its WIP count, and
//! two-line cards (id, title, blocked mark; owner, due, risk, age).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::action::risk_word;
use crate::model::{Risk, Task};
use crate::text::{human_duration, width};
use crate::tui::app::App;
use crate::tui::draw::{put, put_spans, style_row};
use crate::tui::layout::{CARD_HEIGHT, board_card_rows, board_columns_that_fit};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    if app.board.tasks.is_empty() {
        return empty(app, area, buf);
    }
    let ncols = app.view.columns.len();
    let s = &app.board_state;
    let fit = board_columns_that_fit(area.width, ncols);
    let first = s.first_column.min(ncols.saturating_sub(fit));
    let shown = first..(first + fit).min(ncols);
    let gaps = shown.len().saturating_sub(1) as u16;
    let total = area.width.saturating_sub(gaps);
    let each = total / shown.len().max(1) as u16;
    let extra = total % shown.len().max(1) as u16;
    let mut x = area.x;
    for (n, col) in shown.clone().enumerate() {
        // Leftover cells go to the rightmost columns.
        let w = each + u16::from((n as u16) >= shown.len() as u16 - extra);
        let rect = Rect::new(x, area.y, w, area.height);
        column(app, col, rect, buf);
        x += w;
        if n + 1 < shown.len() {
            for y in area.top()..area.bottom() {
                put(buf, area, x, y, "│", 1, app.theme.dim);
            }
            x += 1;
        }
    }
    // Arrows say there are columns off screen.
    if shown.start > 0 {
        put(buf, area, area.x, area.y, "◀", 1, app.theme.key);
    }
    if shown.end < ncols {
        put(buf, area, area.right() - 1, area.y, "▶", 1, app.theme.key);
    }
}

/// One column: its heading with the WIP count, then the visible cards.
fn column(app: &App, index: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(col) = app.board.columns.get(index) else {
        return;
    };
    let cards = &app.view.columns[index];
    let count = cards.len();
    let (count_text, count_style) = match col.wip {
        Some(limit) if count > limit as usize => (format!("{count}/{limit}"), t.wip_over),
        Some(limit) if count == limit as usize => (format!("{count}/{limit}"), t.wip_at),
        Some(limit) => (format!("{count}/{limit}"), t.dim),
        None => (count.to_string(), t.dim),
    };
    let selected_column = index == app.board_state.column;
    let offset = app.board_state.offsets.get(index).copied().unwrap_or(0);
    let rows = board_card_rows(area.height);
    let below = count.saturating_sub(offset + rows);
    let mut more = String::new();
    if offset > 0 {
        more.push_str(&format!("↑{offset}"));
    }
    if below > 0 {
        more.push_str(&format!("↓{below}"));
    }
    let inner = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(2),
        area.height,
    );
    let heading_style = if selected_column { t.heading } else { t.title };
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
    for (slot, id) in cards.iter().skip(offset).take(rows).enumerate() {
        let Some(task) = app.board.tasks.get(id) else {
            continue;
        };
        let y = inner.y + 1 + slot as u16 * CARD_HEIGHT;
        let selected = selected_column && offset + slot == app.board_state.card;
        card(
            app,
            task,
            Rect::new(inner.x, y, inner.width, 2).intersection(area),
            selected,
            buf,
        );
    }
}

/// A card's two lines.
fn card(app: &App, task: &Task, area: Rect, selected: bool, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
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
    put_spans(buf, area, area.x, area.y, &first, usize::from(area.width));

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
            due.format("%m-%d").to_string()
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
            "med"
        } else {
            risk_word(risk)
        };
        add(word.to_string(), style);
    }
    if let Some(entered) = app.view.entered.get(&task.id) {
        let age = app.now - *entered;
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
            "new".to_string()
        } else {
            human_duration(age)
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_string()
        };
        add(shown, style);
    }
    if !waits.is_empty() {
        let ids: Vec<String> = waits.iter().map(ToString::to_string).collect();
        add(format!("waits {}", ids.join(",")), t.blocked);
    }
    if area.height > 1 {
        put_spans(
            buf,
            area,
            area.x + 2,
            area.y + 1,
            &second,
            usize::from(area.width.saturating_sub(2)),
        );
    }
    if selected {
        for y in area.top()..area.bottom() {
            style_row(buf, area, area.x, y, area.width, t.selected);
        }
    }
}

/// What a new user sees on an empty board: how to begin.
fn empty(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let lines: [(&str, Style); 7] = [
        ("This board has no cards yet.", t.title),
        ("", Style::new()),
        ("Try the example board:   standup demo", Style::new()),
        (
            "Add a department:        standup party add mkt Marketing",
            Style::new(),
        ),
        (
            "Add a card:              standup task add \"Campaign page\" --owner mkt --due fri",
            Style::new(),
        ),
        ("", Style::new()),
        ("Press ? for keys, q to quit.", t.dim),
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
