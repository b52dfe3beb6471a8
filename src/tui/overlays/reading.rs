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
    /// The hint for every other key: it closes the overlay.
    Close,
}

/// A row whose key is named by the row before it (`↑↓ scroll` for both).
const fn unnamed(keys: &'static [KeyCode], does: Read) -> Takes<Read> {
    Takes {
        keys,
        label: "",
        what: "",
        does,
    }
}

const SCROLL: Takes<Read> = Takes {
    keys: &[KeyCode::Down, KeyCode::Char('j')],
    label: "↑↓",
    what: mark("scroll"),
    does: Read::Down(1),
};

const CLOSE: Takes<Read> = Takes {
    keys: &[],
    label: mark("any key"),
    what: mark("close"),
    does: Read::Close,
};

/// The card details' keys; any other closes them.
const DETAILS_KEYS: &[Takes<Read>] = &[
    Takes {
        keys: &[KeyCode::Char('e')],
        label: "e",
        what: mark("edit"),
        does: Read::Edit,
    },
    SCROLL,
    unnamed(&[KeyCode::Up, KeyCode::Char('k')], Read::Up(1)),
    CLOSE,
];

/// The explanations' keys; any other closes them.
const EXPLAIN_KEYS: &[Takes<Read>] = &[
    SCROLL,
    unnamed(&[KeyCode::Up, KeyCode::Char('k')], Read::Up(1)),
    Takes {
        keys: &[KeyCode::PageDown, KeyCode::Char(' ')],
        label: "PgUp PgDn",
        what: mark("page"),
        does: Read::Down(10),
    },
    unnamed(&[KeyCode::PageUp], Read::Up(10)),
    CLOSE,
];

fn scrolled(scroll: usize, read: Read) -> usize {
    match read {
        Read::Down(n) => scroll + n,
        Read::Up(n) => scroll.saturating_sub(n),
        Read::Edit | Read::Close => scroll,
    }
}

impl App {
    /// A key while a card's details are open.
    pub(super) fn details_key(&mut self, task: TaskId, scroll: usize, key: &KeyEvent) -> Effect {
        match taken(DETAILS_KEYS, key) {
            Some(Read::Edit) => self.edit_card(),
            Some(Read::Close) | None => {}
            Some(read) => {
                self.overlay = Some(Overlay::Details {
                    task,
                    scroll: scrolled(scroll, read),
                })
            }
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
        if let Some(read) = taken(EXPLAIN_KEYS, key).filter(|r| !matches!(r, Read::Close)) {
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
