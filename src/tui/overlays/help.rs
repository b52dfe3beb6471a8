//! The help overlay: every key of the current pane, from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::boxed;
use crate::text::width;
use crate::tui::app::App;
use crate::tui::draw::put;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;

/// Any key closes help; the quit key still quits.
pub(super) fn key(app: &mut App, key: &crossterm::event::KeyEvent) -> Effect {
    if app.keymap.lookup(app.pane, key) == Some(Command::Quit) {
        return Effect::Quit;
    }
    Effect::None
}

/// Every key of the current pane, from the keymap; in two columns when one
/// does not fit the height.
pub(super) fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let l = app.locale.lang;
    let rows: Vec<(String, &str)> = app
        .keymap
        .help(app.pane)
        .into_iter()
        .map(|(keys, what)| (keys, l.t(what)))
        .collect();
    let key_width = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let text_width = rows.iter().map(|(_, d)| width(d)).max().unwrap_or(0);
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let columns = if rows.len() > room { 2 } else { 1 };
    // Two columns share the width; descriptions are cut before keys are.
    let entry =
        (key_width + text_width + 4).min(usize::from(area.width.saturating_sub(2)) / columns);
    let text_width = entry.saturating_sub(key_width + 4);
    let per_column = rows.len().div_ceil(columns);
    let w = (entry * columns + 2) as u16;
    let h = per_column as u16 + 2;
    let title = app
        .locale
        .f(" Keys: {0} ", &[&app.pane.title(app.locale.lang)]);
    let Some(inner) = boxed(area, w, h, &title, buf) else {
        return;
    };
    let t = &app.theme;
    for (i, (keys, what)) in rows.iter().enumerate() {
        let (col, row) = (i / per_column, i % per_column);
        if row >= usize::from(inner.height) {
            continue;
        }
        let x = inner.x + (col * entry) as u16 + 1;
        let y = inner.y + row as u16;
        put(buf, inner, x, y, keys, key_width, t.key);
        let x = x + key_width as u16 + 2;
        put(buf, inner, x, y, what, text_width, Style::new());
    }
}
