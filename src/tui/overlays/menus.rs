//! The filter menus (`f`): the board's and the queue's. Each is one table
//! of rows (the keys, the word, what the key does), which the drawing and
//! the key handling both read. Toggles keep the menu open, so several can
//! be set in a row; pickers open a prompt.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Overlay, Prompt, Purpose, Takes, boxed, hint_line, taken};
use crate::i18n::mark;
use crate::model::{IssueFilter, TaskFilter};
use crate::tui::app::App;
use crate::tui::draw::put;

/// What a row of the board's filter menu does.
#[derive(Clone, Copy)]
enum Card {
    Text,
    Column,
    Owner,
    Overdue,
    Blocked,
    AtRisk,
    Clear,
}

const CARD_ROWS: &[Takes<Card>] = &[
    row(
        &[KeyCode::Char('t'), KeyCode::Char('/')],
        "t",
        mark("text"),
        Card::Text,
    ),
    row(&[KeyCode::Char('l')], "l", mark("column"), Card::Column),
    row(&[KeyCode::Char('o')], "o", mark("owner"), Card::Owner),
    row(&[KeyCode::Char('d')], "d", mark("overdue"), Card::Overdue),
    row(&[KeyCode::Char('b')], "b", mark("blocked"), Card::Blocked),
    row(&[KeyCode::Char('r')], "r", mark("at risk"), Card::AtRisk),
    row(&[KeyCode::Char('c')], "c", mark("clear all"), Card::Clear),
];

/// What a row of the queue's filter menu does.
#[derive(Clone, Copy)]
enum Queue {
    Text,
    Open,
    Breached,
    Owner,
    Involving,
    Clear,
}

const QUEUE_ROWS: &[Takes<Queue>] = &[
    row(
        &[KeyCode::Char('t'), KeyCode::Char('/')],
        "t",
        mark("text"),
        Queue::Text,
    ),
    row(&[KeyCode::Char('o')], "o", mark("open only"), Queue::Open),
    row(
        &[KeyCode::Char('b')],
        "b",
        mark("breached"),
        Queue::Breached,
    ),
    row(&[KeyCode::Char('w')], "w", mark("owner"), Queue::Owner),
    row(
        &[KeyCode::Char('p')],
        "p",
        mark("involving"),
        Queue::Involving,
    ),
    row(&[KeyCode::Char('c')], "c", mark("clear all"), Queue::Clear),
];

const fn row<D: Copy>(
    keys: &'static [KeyCode],
    label: &'static str,
    what: &'static str,
    does: D,
) -> Takes<D> {
    Takes {
        keys,
        label,
        what,
        does,
    }
}

impl App {
    /// The queue's filter menu: toggles stay open, pickers open a prompt;
    /// any other key closes it.
    pub(super) fn issue_filter_menu_key(&mut self, key: &KeyEvent) {
        let Some(does) = taken(QUEUE_ROWS, key) else {
            return;
        };
        let f = &mut self.issue_filter;
        let picker = match does {
            Queue::Text => Some((Purpose::IssueText, mark("Filter issues:"), f.text.clone())),
            Queue::Owner => Some((
                Purpose::IssueOwnerFilter,
                mark("Owner (empty: anyone):"),
                String::new(),
            )),
            Queue::Involving => Some((
                Purpose::IssuePartyFilter,
                mark("Involving (empty: anyone):"),
                String::new(),
            )),
            Queue::Open => {
                f.active = !f.active;
                None
            }
            Queue::Breached => {
                f.breached = !f.breached;
                None
            }
            Queue::Clear => {
                *f = IssueFilter::default();
                None
            }
        };
        self.after_menu_key(picker, Overlay::IssueFilterMenu);
    }

    /// The board's filter menu: toggles stay open, pickers open a prompt;
    /// any other key closes it.
    pub(super) fn filter_menu_key(&mut self, key: &KeyEvent) {
        let Some(does) = taken(CARD_ROWS, key) else {
            return;
        };
        let f = &mut self.filter;
        let picker = match does {
            Card::Text => Some((Purpose::FilterText, mark("Filter cards:"), f.text.clone())),
            Card::Owner => Some((
                Purpose::FilterOwner,
                mark("Owner (empty: anyone):"),
                String::new(),
            )),
            Card::Column => Some((
                Purpose::FilterColumn,
                mark("Column (empty: any):"),
                String::new(),
            )),
            Card::Overdue => {
                f.overdue = !f.overdue;
                None
            }
            Card::Blocked => {
                f.blocked = !f.blocked;
                None
            }
            Card::AtRisk => {
                f.at_risk = !f.at_risk;
                None
            }
            Card::Clear => {
                *f = TaskFilter::default();
                None
            }
        };
        self.after_menu_key(picker, Overlay::FilterMenu);
    }

    /// After a filter menu key: a picker's prompt opens, or (after a
    /// toggle) the menu stays open so several can be set in a row.
    fn after_menu_key(&mut self, picker: Option<(Purpose, &'static str, String)>, menu: Overlay) {
        self.overlay = Some(match picker {
            Some((purpose, label, text)) => {
                Overlay::Prompt(Prompt::new(purpose, self.locale.t(label).into(), &text))
            }
            None => menu,
        });
        self.relayout();
    }
}

/// The board's filters and their state.
pub(super) fn cards(app: &App, area: Rect, buf: &mut Buffer) {
    let f = &app.filter;
    let l = app.locale.lang;
    let on = |b: bool| if b { l.t("on") } else { l.t("off") }.to_string();
    let state = |does: Card| match does {
        Card::Text => quoted(&f.text),
        Card::Column => f
            .column
            .as_deref()
            .map(|c| {
                app.board
                    .column(c)
                    .map_or(c.to_string(), |c| c.name.clone())
            })
            .unwrap_or_else(|| l.t("any").into()),
        Card::Owner => f
            .owner
            .as_deref()
            .map(|o| app.board.party_name(o).to_string())
            .unwrap_or_else(|| l.t("anyone").into()),
        Card::Overdue => on(f.overdue),
        Card::Blocked => on(f.blocked),
        Card::AtRisk => on(f.at_risk),
        Card::Clear => String::new(),
    };
    let rows: Vec<_> = CARD_ROWS
        .iter()
        .map(|r| (r.label, l.t(r.what), state(r.does)))
        .collect();
    menu(app, area, &format!(" {} ", l.t("Filter cards")), &rows, buf);
}

/// The queue's filters and their state.
pub(super) fn issues(app: &App, area: Rect, buf: &mut Buffer) {
    let f = &app.issue_filter;
    let l = app.locale.lang;
    let on = |b: bool| if b { l.t("on") } else { l.t("off") }.to_string();
    let party = |code: &Option<String>| {
        code.as_deref()
            .map(|c| app.board.party_name(c).to_string())
            .unwrap_or_else(|| l.t("anyone").into())
    };
    let state = |does: Queue| match does {
        Queue::Text => quoted(&f.text),
        Queue::Open => on(f.active),
        Queue::Breached => on(f.breached),
        Queue::Owner => party(&f.owner),
        Queue::Involving => party(&f.party),
        Queue::Clear => String::new(),
    };
    let rows: Vec<_> = QUEUE_ROWS
        .iter()
        .map(|r| (r.label, l.t(r.what), state(r.does)))
        .collect();
    menu(
        app,
        area,
        &format!(" {} ", l.t("Filter issues")),
        &rows,
        buf,
    );
}

/// The filter text as the menu shows it: quoted, or a dash for none.
fn quoted(text: &str) -> String {
    if text.is_empty() {
        "—".to_string()
    } else {
        format!("\"{text}\"")
    }
}

/// A menu of toggles and pickers: key, what, and its current state.
fn menu(app: &App, area: Rect, title: &str, rows: &[(&str, &str, String)], buf: &mut Buffer) {
    let t = &app.theme;
    let Some(inner) = boxed(area, 40, rows.len() as u16 + 3, title, buf) else {
        return;
    };
    for (i, (key, what, state)) in rows.iter().enumerate() {
        let y = inner.y + i as u16;
        put(buf, inner, inner.x + 1, y, key, 2, t.key);
        put(buf, inner, inner.x + 4, y, what, 10, Style::new());
        put(
            buf,
            inner,
            inner.x + 15,
            y,
            state,
            usize::from(inner.width.saturating_sub(16)),
            t.message,
        );
    }
    let l = app.locale.lang;
    hint_line(app, inner, &[(l.t("any other key"), l.t("close"))], buf);
}
