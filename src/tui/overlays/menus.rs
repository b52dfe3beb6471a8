//! The filter menus (`f`): the board's and the queue's. Toggles keep the
//! menu open, so several can be set in a row; pickers open a prompt.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Overlay, Prompt, Purpose, boxed, hint_line};
use crate::i18n::mark;
use crate::model::{IssueFilter, TaskFilter};
use crate::tui::app::App;
use crate::tui::draw::put;

impl App {
    /// The queue's filter menu: toggles stay open, pickers open a prompt.
    pub(super) fn issue_filter_menu_key(&mut self, key: &KeyEvent) {
        let f = &mut self.issue_filter;
        let picker = match key.code {
            KeyCode::Char('t' | '/') => {
                Some((Purpose::IssueText, mark("Filter issues:"), f.text.clone()))
            }
            KeyCode::Char('w') => Some((
                Purpose::IssueOwnerFilter,
                mark("Owner (empty: anyone):"),
                String::new(),
            )),
            KeyCode::Char('p') => Some((
                Purpose::IssuePartyFilter,
                mark("Involving (empty: anyone):"),
                String::new(),
            )),
            KeyCode::Char('o') => {
                f.active = !f.active;
                None
            }
            KeyCode::Char('b') => {
                f.breached = !f.breached;
                None
            }
            KeyCode::Char('c') => {
                *f = IssueFilter::default();
                None
            }
            _ => return,
        };
        self.after_menu_key(picker, Overlay::IssueFilterMenu);
    }

    /// The board's filter menu: toggles stay open, pickers open a prompt.
    pub(super) fn filter_menu_key(&mut self, key: &KeyEvent) {
        let f = &mut self.filter;
        let picker = match key.code {
            KeyCode::Char('t' | '/') => {
                Some((Purpose::FilterText, mark("Filter cards:"), f.text.clone()))
            }
            KeyCode::Char('o') => Some((
                Purpose::FilterOwner,
                mark("Owner (empty: anyone):"),
                String::new(),
            )),
            KeyCode::Char('l') => Some((
                Purpose::FilterColumn,
                mark("Column (empty: any):"),
                String::new(),
            )),
            KeyCode::Char('d') => {
                f.overdue = !f.overdue;
                None
            }
            KeyCode::Char('b') => {
                f.blocked = !f.blocked;
                None
            }
            KeyCode::Char('r') => {
                f.at_risk = !f.at_risk;
                None
            }
            KeyCode::Char('c') => {
                *f = TaskFilter::default();
                None
            }
            _ => return,
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
        self.refresh();
    }
}

/// The board's filters and their state.
pub(super) fn cards(app: &App, area: Rect, buf: &mut Buffer) {
    let f = &app.filter;
    let l = app.locale.lang;
    let on = |b: bool| if b { l.t("on") } else { l.t("off") }.to_string();
    let owner = f
        .owner
        .as_deref()
        .map(|o| app.board.party_name(o).to_string())
        .unwrap_or_else(|| l.t("anyone").into());
    let text = if f.text.is_empty() {
        "—".to_string()
    } else {
        format!("\"{}\"", f.text)
    };
    let column = f
        .column
        .as_deref()
        .map(|c| {
            app.board
                .column(c)
                .map_or(c.to_string(), |c| c.name.clone())
        })
        .unwrap_or_else(|| l.t("any").into());
    let rows = [
        ("t", l.t("text"), text),
        ("l", l.t("column"), column),
        ("o", l.t("owner"), owner),
        ("d", l.t("overdue"), on(f.overdue)),
        ("b", l.t("blocked"), on(f.blocked)),
        ("r", l.t("at risk"), on(f.at_risk)),
        ("c", l.t("clear all"), String::new()),
    ];
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
    let text = if f.text.is_empty() {
        "—".to_string()
    } else {
        format!("\"{}\"", f.text)
    };
    let rows = [
        ("t", l.t("text"), text),
        ("o", l.t("open only"), on(f.active)),
        ("b", l.t("breached"), on(f.breached)),
        ("w", l.t("owner"), party(&f.owner)),
        ("p", l.t("involving"), party(&f.party)),
        ("c", l.t("clear all"), String::new()),
    ];
    menu(
        app,
        area,
        &format!(" {} ", l.t("Filter issues")),
        &rows,
        buf,
    );
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
