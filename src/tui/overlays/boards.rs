//! The board picker (`B`): every board under the data folder, with what
//! needs attention on each; open one, or create a new one.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{DIGITS, Overlay, Prompt, Purpose, Takes, boxed, hint_line, hints, taken};
use crate::i18n::mark;
use crate::store::boards::BoardEntry;
use crate::text::{fit, width};
use crate::tui::app::{App, Tone};
use crate::tui::draw::{put, put_spans};
use crate::tui::effect::Effect;

#[derive(Clone, Copy)]
enum Pick {
    Open,
    Number,
    New,
    Down,
    Up,
    Close,
}

/// The picker's keys; any other closes it.
const KEYS: &[Takes<Pick>] = &[
    Takes {
        keys: &[KeyCode::Enter],
        label: "Enter",
        what: mark("open"),
        does: Pick::Open,
    },
    Takes {
        keys: DIGITS,
        label: "1-9",
        what: mark("open that one"),
        does: Pick::Number,
    },
    Takes {
        keys: &[KeyCode::Char('n')],
        label: "n",
        what: mark("new board"),
        does: Pick::New,
    },
    Takes {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↑↓",
        what: mark("move"),
        does: Pick::Down,
    },
    Takes {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "",
        what: "",
        does: Pick::Up,
    },
    Takes {
        keys: &[KeyCode::Esc],
        label: "Esc",
        what: mark("close"),
        does: Pick::Close,
    },
];

impl App {
    /// In the board picker: move, `Enter` or a digit opens that board
    /// (the loop saves this one first); any other key closes it.
    pub(super) fn boards_key(
        &mut self,
        entries: Vec<BoardEntry>,
        selected: usize,
        current: Option<usize>,
        key: &KeyEvent,
    ) -> Effect {
        let last = entries.len().saturating_sub(1);
        let (selected, chosen) = match taken(KEYS, key) {
            Some(Pick::Down) => ((selected + 1).min(last), None),
            Some(Pick::Up) => (selected.saturating_sub(1), None),
            Some(Pick::Open) => (selected, Some(selected)),
            Some(Pick::New) => {
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::NewBoard,
                    self.locale.t("New board's name:").into(),
                    "",
                )));
                return Effect::None;
            }
            Some(Pick::Number) => {
                let n = match key.code {
                    KeyCode::Char(c @ '1'..='9') => usize::from(c as u8 - b'1'),
                    _ => return Effect::None,
                };
                (selected, (n <= last).then_some(n))
            }
            Some(Pick::Close) | None => return Effect::None,
        };
        let Some(chosen) = chosen else {
            self.overlay = Some(Overlay::Boards {
                entries,
                selected,
                current,
            });
            return Effect::None;
        };
        let Some(entry) = entries.get(chosen) else {
            return Effect::None;
        };
        if Some(chosen) == current {
            let said = self.locale.f("{0} is open already", &[&entry.label()]);
            self.say(Tone::Info, said);
        } else if let Err(why) = &entry.state {
            self.say(Tone::Error, why.clone());
        } else {
            return Effect::OpenBoard(entry.path.clone());
        }
        Effect::None
    }
}

/// The board picker: each board's name, what needs attention on it (the
/// header's counts) and its title; the open one marked.
pub(super) fn draw(
    app: &App,
    entries: &[BoardEntry],
    selected: usize,
    current: Option<usize>,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &app.theme;
    let l = app.locale.lang;
    let title = format!(" {} ", l.t("Boards"));
    let Some(inner) = boxed(area, 84, entries.len().max(1) as u16 + 3, &title, buf) else {
        return;
    };
    if entries.is_empty() {
        put(
            buf,
            inner,
            inner.x + 1,
            inner.y,
            l.t("No board saved yet: n creates a named one"),
            usize::from(inner.width),
            t.dim,
        );
    }
    let rows = usize::from(inner.height.saturating_sub(1)).max(1);
    let first = selected.saturating_sub(rows - 1);
    let name_w = entries
        .iter()
        .map(|e| width(&e.label()))
        .max()
        .unwrap_or(0)
        .min(20);
    for (row, (i, e)) in entries
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let style = if i == selected {
            t.selected
        } else {
            Style::new()
        };
        let digit = if i < 9 {
            format!("{}", i + 1)
        } else {
            " ".into()
        };
        let mark = if Some(i) == current { "●" } else { " " };
        let mut spans = vec![
            (format!(" {digit} "), t.key),
            (format!("{mark} "), t.ok),
            (
                format!("{}  ", crate::text::pad(&fit(&e.label(), name_w), name_w)),
                style,
            ),
        ];
        match &e.state {
            Ok(s) => {
                let a = s.alerts;
                for (n, word, hot) in [
                    (a.overdue, l.t("overdue"), t.overdue),
                    (a.blocked, l.t("blocked"), t.blocked),
                    (a.breached, l.t("breached"), t.breached),
                ] {
                    let style = if n > 0 { hot } else { t.dim };
                    spans.push((format!("{n:>3} {word}  "), style));
                }
                spans.push((s.title.clone(), t.dim));
            }
            Err(why) => spans.push((l.f("does not open: {0}", &[why]), t.error)),
        }
        put_spans(buf, inner, inner.x, y, &spans, usize::from(inner.width));
    }
    hint_line(app, inner, &hints(KEYS, l), buf);
}
