//! The conflicts a merge left (`C`): per field, what this board holds and
//! what the other sides wrote; settle each one.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{DIGITS, Overlay, Takes, boxed, hint_line, hints, taken};
use crate::i18n::mark;
use crate::model::Action;
use crate::tui::app::{App, Tone};
use crate::tui::draw::put;
use crate::tui::effect::Effect;

#[derive(Clone, Copy)]
enum Settle {
    Other,
    Numbered,
    Keep,
    Down,
    Up,
    Close,
}

/// The list's keys when the selected conflict has one other value (the
/// digits are left out of the hints then); any other key closes it.
const KEYS: &[Takes<Settle>] = &[
    Takes {
        keys: &[KeyCode::Char('o')],
        label: "o",
        what: mark("take the other"),
        does: Settle::Other,
    },
    Takes {
        keys: DIGITS,
        label: "1-9",
        what: mark("take that one"),
        does: Settle::Numbered,
    },
    Takes {
        keys: &[KeyCode::Char('x')],
        label: "x",
        what: mark("keep this board's"),
        does: Settle::Keep,
    },
    Takes {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↑↓",
        what: mark("move"),
        does: Settle::Down,
    },
    Takes {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "",
        what: "",
        does: Settle::Up,
    },
    Takes {
        keys: &[KeyCode::Esc],
        label: "Esc",
        what: mark("close"),
        does: Settle::Close,
    },
];

impl App {
    /// In the conflicts list: move, take the other value (`o`, or its
    /// number `1`-`9` when other sides wrote several), keep the board's
    /// (`x`); any other key closes it.
    pub(super) fn conflicts_key(&mut self, selected: usize, key: &KeyEvent) -> Effect {
        let count = self.board.conflicts.len();
        let take = match taken(KEYS, key) {
            Some(Settle::Other) => Some(0),
            Some(Settle::Numbered) => match key.code {
                KeyCode::Char(c @ '1'..='9') => Some(usize::from(c as u8 - b'1')),
                _ => return Effect::None,
            },
            Some(Settle::Keep) => None,
            Some(Settle::Down) => {
                self.overlay = Some(Overlay::Conflicts {
                    selected: (selected + 1).min(count.saturating_sub(1)),
                });
                return Effect::None;
            }
            Some(Settle::Up) => {
                self.overlay = Some(Overlay::Conflicts {
                    selected: selected.saturating_sub(1),
                });
                return Effect::None;
            }
            Some(Settle::Close) | None => return Effect::None,
        };
        let Some(conflict) = self.board.conflicts.get(selected) else {
            return Effect::None;
        };
        let action = Action::SettleConflict {
            record: conflict.record.clone(),
            field: conflict.field.clone(),
            take,
        };
        let _ = self.perform(&action);
        if self.board.conflicts.is_empty() {
            self.say(Tone::Info, self.locale.t("Every conflict is settled"));
            return Effect::None;
        }
        self.overlay = Some(Overlay::Conflicts {
            selected: selected.min(self.board.conflicts.len() - 1),
        });
        Effect::None
    }
}

/// The conflicts a merge left: per field, what the board holds and every
/// value other sides wrote (numbered when there are several), scrolled to
/// keep the selected one in view.
pub(super) fn draw(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let list = &app.board.conflicts;
    let l = app.locale.lang;
    // Every line of the list, and where each conflict's lines start.
    let mut lines: Vec<(u16, String, String, Style)> = Vec::new();
    let mut starts = Vec::with_capacity(list.len());
    for (i, c) in list.iter().enumerate() {
        starts.push(lines.len());
        let mark = if i == selected { "▸ " } else { "  " };
        let style = if i == selected { t.selected } else { t.title };
        let what = match crate::model::RecordRef::parse(&c.record) {
            Some(crate::model::RecordRef::Task(id)) => app.board.tasks.get(&id).map(|x| &x.title),
            Some(crate::model::RecordRef::Issue(id)) => app.board.issues.get(&id).map(|x| &x.title),
            _ => None,
        };
        let head = match what {
            Some(title) => format!("{mark}{} {title} · {}", c.record, c.field),
            None => format!("{mark}{}", c.name()),
        };
        lines.push((1, head, String::new(), style));
        let shown = crate::model::Conflict::show;
        lines.push((4, l.t("this board").into(), shown(&c.kept), Style::new()));
        let others: Vec<&serde_json::Value> = c.alternatives().collect();
        for (n, value) in others.iter().enumerate() {
            let label = if others.len() == 1 {
                l.t("other side").to_string()
            } else {
                l.f("other {0}", &[&(n + 1)])
            };
            lines.push((4, label, shown(value), t.warning));
        }
    }
    let h = (lines.len() as u16 + 3).min(area.height.saturating_sub(2));
    let title = l.n(list.len(), " {0} conflict ", " {0} conflicts ");
    let Some(inner) = boxed(area, 90, h, &title, buf) else {
        return;
    };
    let body = usize::from(inner.height.saturating_sub(1));
    // The selected conflict's lines in view, its head first if they fit.
    let from = starts.get(selected).copied().unwrap_or(0);
    let to = starts.get(selected + 1).copied().unwrap_or(lines.len());
    let first = if to <= body {
        0
    } else {
        from.min(to.saturating_sub(body))
    };
    let label_w = 12;
    for (row, (x, label, value, style)) in lines.iter().skip(first).take(body).enumerate() {
        let y = inner.y + row as u16;
        if value.is_empty() && *x == 1 {
            put(
                buf,
                inner,
                inner.x + 1,
                y,
                label,
                usize::from(inner.width),
                *style,
            );
            continue;
        }
        put(buf, inner, inner.x + x, y, label, label_w, t.dim);
        put(
            buf,
            inner,
            inner.x + x + label_w as u16,
            y,
            value,
            usize::MAX,
            *style,
        );
    }
    let several = list
        .get(selected)
        .is_some_and(|c| c.alternatives().nth(1).is_some());
    let mut shown = hints(KEYS, l);
    if !several {
        shown.retain(|(key, _)| *key != "1-9");
    }
    hint_line(app, inner, &shown, buf);
}
