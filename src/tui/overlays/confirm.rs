//! The yes/no question that guards what is hard to see undone.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Overlay, Takes, boxed, hint_line, hints, taken};
use crate::i18n::mark;
use crate::model::Action;
use crate::text::width;
use crate::tui::app::{App, Tone};
use crate::tui::draw::put;
use crate::tui::effect::Effect;
use crate::tui::panes::details;

/// A yes/no question guarding an action that is hard to see being undone
/// (deleting a card or a column).
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub yes: Yes,
}

/// What `y` does to a [`Confirm`].
#[derive(Debug, Clone, PartialEq)]
pub enum Yes {
    Apply(Box<Action>),
    /// End the standup with its speakers' times as they stand at `y`.
    EndStandup,
    /// Post the minutes of the standup that started then to the chats.
    PostMinutes(crate::model::Timestamp),
}

#[derive(Clone, Copy)]
enum Answer {
    Yes,
    No,
}

/// The question's keys.
const KEYS: &[Takes<Answer>] = &[
    Takes {
        keys: &[KeyCode::Char('y'), KeyCode::Char('Y'), KeyCode::Enter],
        label: "y",
        what: mark("yes"),
        does: Answer::Yes,
    },
    Takes {
        keys: &[
            KeyCode::Char('n'),
            KeyCode::Char('N'),
            KeyCode::Esc,
            KeyCode::Char('q'),
        ],
        label: "n",
        what: mark("no"),
        does: Answer::No,
    },
];

impl App {
    /// Asks whether to post the minutes of the standup that started at
    /// `started` (what `y` then asks of the loop).
    pub(in crate::tui) fn ask_to_post(
        &mut self,
        question: String,
        started: crate::model::Timestamp,
    ) {
        self.overlay = Some(Overlay::Confirm(Confirm {
            question,
            yes: Yes::PostMinutes(started),
        }));
    }

    /// A key while the question is open: `y` does it, `n` does not; any
    /// other key leaves the question open.
    pub(super) fn confirm_key(&mut self, confirm: Confirm, key: &KeyEvent) -> Effect {
        match taken(KEYS, key) {
            Some(Answer::Yes) => match &confirm.yes {
                Yes::Apply(action) => {
                    let _ = self.perform(action);
                }
                Yes::EndStandup => return self.end_standup(),
                Yes::PostMinutes(started) => return Effect::PostMinutes(*started),
            },
            Some(Answer::No) => self.say(Tone::Info, self.locale.t("Cancelled")),
            None => self.overlay = Some(Overlay::Confirm(confirm)),
        }
        Effect::None
    }
}

pub(super) fn draw(app: &App, confirm: &Confirm, area: Rect, buf: &mut Buffer) {
    let w = (width(&confirm.question) + 6).clamp(30, 64) as u16;
    let text_w = usize::from(w.min(area.width).saturating_sub(4));
    let lines = details::wrap(&confirm.question, text_w);
    let h = lines.len() as u16 + 4;
    let l = app.locale.lang;
    let title = format!(" {} ", l.t("Confirm"));
    let Some(inner) = boxed(area, w, h, &title, buf) else {
        return;
    };
    for (i, line) in lines.iter().enumerate() {
        put(
            buf,
            inner,
            inner.x + 1,
            inner.y + i as u16,
            line,
            usize::from(inner.width.saturating_sub(2)),
            app.theme.title,
        );
    }
    hint_line(
        app,
        inner,
        &match confirm.yes {
            // A message sent cannot be taken back.
            Yes::PostMinutes(_) => hints(KEYS, l),
            _ => [hints(KEYS, l), vec![("u", l.t("undoes it later"))]].concat(),
        },
        buf,
    );
}
