//! Draws a frame from `&App`: header, tabs, the current pane, footer and the
//! help overlay. Reads state; never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::app::{App, Pane};
use super::draw::{put, put_spans};
use super::keymap::Command;
use super::layout;
use super::panes;
use crate::text::width;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = layout::screen(area);
        header(self, screen.header, buf);
        tabs(self, screen.tabs, buf);
        match self.pane {
            Pane::Board => panes::board::render(self, screen.body, buf),
            Pane::Raci => panes::raci::render(self, screen.body, buf),
            Pane::Issues => panes::issues::render(self, screen.body, buf),
        }
        footer(self, screen.footer, buf);
        if self.help {
            help(self, area, buf);
        }
    }
}

/// Board name and goal on the left, today's alert counts on the right.
fn header(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let a = app.view.alerts;
    let mut alerts: Vec<(String, Style)> = Vec::new();
    for (n, word) in [
        (a.overdue, "overdue"),
        (a.blocked, "blocked"),
        (a.breached, "breached"),
    ] {
        if n > 0 {
            if !alerts.is_empty() {
                alerts.push((" · ".into(), t.dim));
            }
            let style = if word == "blocked" {
                t.blocked
            } else {
                t.overdue
            };
            alerts.push((format!("{n} {word}"), style));
        }
    }
    if alerts.is_empty() && !app.board.tasks.is_empty() {
        alerts.push(("all clear".into(), t.ok));
    }
    let alerts_width: u16 = alerts.iter().map(|(s, _)| width(s) as u16).sum();
    // The alerts win over the goal when space is short: they are the point.
    let right = if alerts_width + 2 <= area.width {
        alerts_width
    } else {
        0
    };
    let left_room = usize::from(area.width.saturating_sub(right).saturating_sub(3));
    let name = if app.board.name.is_empty() {
        "Untitled board"
    } else {
        app.board.name.as_str()
    };
    let mut left = vec![(format!(" {name}"), t.title)];
    if !app.board.goal.is_empty() {
        left.push((format!("  {}", app.board.goal), t.dim));
    }
    put_spans(buf, area, area.x, area.y, &left, left_room);
    if right > 0 {
        put_spans(
            buf,
            area,
            area.right() - right - 1,
            area.y,
            &alerts,
            usize::from(right),
        );
    }
}

/// `1 Board  2 RACI  3 Issues`, the current one highlighted.
fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let mut x = area.x;
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, pane.title());
        let style = if *pane == app.pane {
            t.tab_active
        } else {
            t.tab
        };
        x += put(
            buf,
            area,
            x,
            area.y,
            &label,
            usize::from(area.right().saturating_sub(x)),
            style,
        );
        x += put(buf, area, x, area.y, " ", 1, t.tab);
    }
    let room = area.right().saturating_sub(x).saturating_sub(1);
    let location = &app.location;
    if usize::from(room) > width(location) + 2 {
        let w = width(location) as u16;
        put(
            buf,
            area,
            area.right() - w - 1,
            area.y,
            location,
            usize::from(w),
            t.dim,
        );
    }
}

/// The last message, or the keys that work here (from the keymap).
fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    if let Some(message) = &app.message {
        put(
            buf,
            area,
            area.x + 1,
            area.y,
            message,
            usize::from(area.width.saturating_sub(1)),
            t.message,
        );
        return;
    }
    let key = |c: Command| app.keymap.key_for(app.pane, c).unwrap_or_default();
    let mut hints: Vec<(String, &str)> = vec![
        (key(Command::Help), "help"),
        (key(Command::Quit), "quit"),
        (key(Command::NextPane), "pane"),
    ];
    match app.pane {
        Pane::Board => {
            hints.push((
                format!("{}{}", key(Command::Left), key(Command::Right)),
                "column",
            ));
            hints.push((
                format!("{}{}", key(Command::Up), key(Command::Down)),
                "card",
            ));
        }
        Pane::Raci => {
            hints.push((
                format!("{}{}", key(Command::Left), key(Command::Right)),
                "party",
            ));
            hints.push((
                format!("{}{}", key(Command::Up), key(Command::Down)),
                "task",
            ));
        }
        Pane::Issues => hints.push((
            format!("{}{}", key(Command::Up), key(Command::Down)),
            "issue",
        )),
    }
    let mut spans = Vec::new();
    for (k, what) in hints {
        spans.push((format!(" {k}"), t.key));
        spans.push((format!(" {what} "), t.dim));
    }
    put_spans(buf, area, area.x, area.y, &spans, usize::from(area.width));
}

/// Every key of the current pane, from the keymap.
fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let rows = app.keymap.help(app.pane);
    let key_width = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let text_width = rows.iter().map(|(_, d)| width(d)).max().unwrap_or(0);
    let w = ((key_width + text_width + 6) as u16).min(area.width);
    let h = (rows.len() as u16 + 2).min(area.height);
    if w < 3 || h < 3 {
        return;
    }
    let popup = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    Clear.render(popup, buf);
    let title = format!(" Keys: {} ", app.pane.title());
    Block::new()
        .borders(Borders::ALL)
        .title(title)
        .render(popup, buf);
    let inner = Rect::new(popup.x + 1, popup.y + 1, popup.width - 2, popup.height - 2);
    let t = &app.theme;
    for (i, (keys, what)) in rows.iter().enumerate().take(usize::from(inner.height)) {
        let y = inner.y + i as u16;
        put(buf, inner, inner.x + 1, y, keys, key_width, t.key);
        let x = inner.x + 1 + key_width as u16 + 2;
        put(
            buf,
            inner,
            x,
            y,
            what,
            usize::from(inner.right().saturating_sub(x)),
            Style::new(),
        );
    }
}
