//! The overlays that are read: a card's details, and the explanations
//! (a RACI row's rules, a party's load, an issue's timeline). They scroll;
//! any other key closes them.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Overlay, Subject, Takes, boxed, hint_line, hints, taken};
use crate::i18n::mark;
use crate::model::TaskId;
use crate::tui::app::{App, Shown};
use crate::tui::effect::Effect;
use crate::tui::layout::{
    DETAILS_WIDTH, EXPLAIN_WIDTH, details_height, details_text, explain_width,
};
use crate::tui::panes::details;

#[derive(Clone, Copy)]
enum Read {
    Edit,
    Down(usize),
    Up(usize),
}

/// The card details' keys; any other closes them.
const DETAILS_KEYS: &[Takes<Read>] = &[
    Takes {
        keys: &[KeyCode::Char('e')],
        label: "e",
        what: mark("edit"),
        does: Read::Edit,
    },
    Takes {
        keys: &[
            KeyCode::Down,
            KeyCode::Char('j'),
            KeyCode::Up,
            KeyCode::Char('k'),
        ],
        label: "↑↓",
        what: mark("scroll"),
        does: Read::Down(1),
    },
    Takes {
        keys: &[],
        label: mark("any key"),
        what: mark("close"),
        does: Read::Down(0),
    },
];

/// The explanations' keys; any other closes them.
const EXPLAIN_KEYS: &[Takes<Read>] = &[
    Takes {
        keys: &[
            KeyCode::Down,
            KeyCode::Char('j'),
            KeyCode::Up,
            KeyCode::Char('k'),
        ],
        label: "↑↓",
        what: mark("scroll"),
        does: Read::Down(1),
    },
    Takes {
        keys: &[KeyCode::PageDown, KeyCode::Char(' '), KeyCode::PageUp],
        label: "PgUp PgDn",
        what: mark("page"),
        does: Read::Down(10),
    },
    Takes {
        keys: &[],
        label: mark("any key"),
        what: mark("close"),
        does: Read::Down(0),
    },
];

/// Up for the keys that go up; the table names both ways at once.
fn way(read: Read, key: &KeyEvent) -> Read {
    match (read, key.code) {
        (Read::Down(n), KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp) => Read::Up(n),
        _ => read,
    }
}

fn scrolled(scroll: usize, read: Read) -> usize {
    match read {
        Read::Down(n) => scroll + n,
        Read::Up(n) => scroll.saturating_sub(n),
        Read::Edit => scroll,
    }
}

impl App {
    /// A key while a card's details are open.
    pub(super) fn details_key(&mut self, task: TaskId, scroll: usize, key: &KeyEvent) -> Effect {
        match taken(DETAILS_KEYS, key).map(|r| way(r, key)) {
            Some(Read::Edit) => self.edit_card(),
            Some(read) => {
                self.overlay = Some(Overlay::Details {
                    task,
                    scroll: scrolled(scroll, read),
                })
            }
            None => {}
        }
        Effect::None
    }

    /// A key while an explanation is open.
    pub(super) fn explain_key(
        &mut self,
        subject: Subject,
        scroll: usize,
        key: &KeyEvent,
    ) -> Effect {
        if let Some(read) = taken(EXPLAIN_KEYS, key).map(|r| way(r, key)) {
            self.overlay = Some(Overlay::Explain {
                subject,
                scroll: scrolled(scroll, read),
            });
        }
        Effect::None
    }
}

/// A card's details, scrolled by `scroll` lines.
pub(super) fn details(app: &App, task: TaskId, scroll: usize, area: Rect, buf: &mut Buffer) {
    let l = app.locale.lang;
    let title = format!(" {} ", l.t("Card"));
    let Some(inner) = boxed(area, DETAILS_WIDTH, details_height(area), &title, buf) else {
        return;
    };
    let body = details_text(inner);
    let lines = app.prepared(Shown::Card(task), usize::from(body.width));
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(body.height)));
    details::draw(&lines, scroll, body, buf);
    hint_line(app, inner, &hints(DETAILS_KEYS, l), buf);
}

/// An explanation, as tall as its text needs, scrolled by `scroll` lines.
pub(super) fn explain(app: &App, subject: &Subject, scroll: usize, area: Rect, buf: &mut Buffer) {
    let l = app.locale.lang;
    let title = match subject {
        Subject::Task(_) => l.t("RACI rules"),
        Subject::Party(_) => l.t("On the hook"),
        Subject::Issue(_) => l.t("Issue"),
    };
    let title = format!(" {title} ");
    // As tall as the text needs (borders and the hint line included).
    let lines = app.prepared(Shown::Explained(subject.clone()), explain_width(area));
    let h = (lines.len() as u16 + 4).min(area.height.saturating_sub(2));
    let Some(inner) = boxed(area, EXPLAIN_WIDTH, h, &title, buf) else {
        return;
    };
    let body = details_text(inner);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(body.height)));
    details::draw(&lines, scroll, body, buf);
    hint_line(app, inner, &hints(EXPLAIN_KEYS, l), buf);
}
