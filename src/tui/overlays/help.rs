//! The help overlay: every key of the current pane, from the keymap. It
//! scrolls when the screen is too small for all of them.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Overlay, Takes, boxed, hint_line, hints, taken};
use crate::i18n::mark;
use crate::text::width;
use crate::tui::app::App;
use crate::tui::draw::put;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;

#[derive(Clone, Copy)]
enum Scroll {
    Down(usize),
    Up(usize),
    /// The hint for every other key: it closes help.
    Close,
}

/// The keys help takes when it does not fit; any other key closes it (the
/// quit key still quits).
const KEYS: &[Takes<Scroll>] = &[
    Takes {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↑↓",
        what: mark("scroll"),
        does: Scroll::Down(1),
    },
    Takes {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "",
        what: "",
        does: Scroll::Up(1),
    },
    Takes {
        keys: &[KeyCode::PageDown, KeyCode::Char(' ')],
        label: "PgUp PgDn",
        what: mark("page"),
        does: Scroll::Down(10),
    },
    Takes {
        keys: &[KeyCode::PageUp],
        label: "",
        what: "",
        does: Scroll::Up(10),
    },
    Takes {
        keys: &[],
        label: mark("any key"),
        what: mark("close"),
        does: Scroll::Close,
    },
];

/// A key while help is open: it scrolls, else closes help; the quit key
/// still quits.
pub(super) fn key(app: &mut App, scroll: usize, key: &KeyEvent) -> Effect {
    if app.keymap.lookup(app.pane, key) == Some(Command::Quit) {
        return Effect::Quit;
    }
    let scroll = match taken(KEYS, key) {
        Some(Scroll::Down(n)) => scroll + n,
        Some(Scroll::Up(n)) => scroll.saturating_sub(n),
        Some(Scroll::Close) | None => return Effect::None,
    };
    app.overlay = Some(Overlay::Help { scroll });
    Effect::None
}

/// Every key of the current pane, from the keymap; in two columns when one
/// does not fit the height, scrolled by `scroll` rows when two do not.
pub(super) fn draw(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
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
    // Two columns when one is too tall, unless they would cut the words
    // short: then one, scrolled.
    let half = usize::from(area.width.saturating_sub(2)) / 2;
    let columns = if rows.len() > room && half >= key_width + 4 + 12 {
        2
    } else {
        1
    };
    // Two columns share the width; descriptions are cut before keys are.
    let entry =
        (key_width + text_width + 4).min(usize::from(area.width.saturating_sub(2)) / columns);
    let text_width = entry.saturating_sub(key_width + 4);
    let per_column = rows.len().div_ceil(columns);
    // Too many even for two columns: a line for the scroll hint.
    let scrolls = per_column > room;
    let w = (entry * columns + 2) as u16;
    let h = (per_column + usize::from(scrolls)) as u16 + 2;
    let title = app
        .locale
        .f(" Keys: {0} ", &[&app.pane.title(app.locale.lang)]);
    let Some(inner) = boxed(area, w, h, &title, buf) else {
        return;
    };
    let visible = usize::from(inner.height).saturating_sub(usize::from(scrolls));
    let scroll = scroll.min(per_column.saturating_sub(visible));
    let t = &app.theme;
    for (i, (keys, what)) in rows.iter().enumerate() {
        let (col, row) = (i / per_column, i % per_column);
        let Some(row) = row.checked_sub(scroll).filter(|r| *r < visible) else {
            continue;
        };
        let x = inner.x + (col * entry) as u16 + 1;
        let y = inner.y + row as u16;
        put(buf, inner, x, y, keys, key_width, t.key);
        let x = x + key_width as u16 + 2;
        put(buf, inner, x, y, what, text_width, Style::new());
    }
    if scrolls {
        hint_line(app, inner, &hints(KEYS, l), buf);
    }
}
