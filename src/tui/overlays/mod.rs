//! What can sit over a pane and take the keys until it closes: help, the
//! card and issue forms, a one-line prompt, a yes/no question, a card's
//! details, the explanations, the filter menus, the board picker and the
//! conflicts. One module per overlay holds its keys and its drawing; the
//! simple ones list their keys as data ([`Takes`]), which both the key
//! handling and the hint line read, so that a hint cannot lie.

mod boards;
mod confirm;
mod conflicts;
mod forms;
mod help;
mod menus;
mod prompt;
mod reading;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::app::App;
use super::draw::put_bottom;
use super::effect::Effect;
use super::form::TaskForm;
use super::issue_form::IssueForm;
use super::layout::centered;
use crate::i18n::Lang;
use crate::model::{IssueId, TaskId};
use crate::text::fit;

pub use confirm::{Confirm, Yes};
pub use prompt::{Prompt, Purpose};

/// See the module docs.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Every key of the pane, scrolled by `scroll` rows.
    Help {
        scroll: usize,
    },
    Form(Box<TaskForm>),
    IssueForm(Box<IssueForm>),
    Prompt(Prompt),
    Confirm(Confirm),
    /// A card's details, scrolled by `scroll` lines.
    Details {
        task: TaskId,
        scroll: usize,
    },
    FilterMenu,
    /// The issue queue's filters.
    IssueFilterMenu,
    /// The boards to switch to, the one under the cursor, and the one open.
    Boards {
        entries: Vec<crate::store::boards::BoardEntry>,
        selected: usize,
        current: Option<usize>,
    },
    /// The conflicts a merge left, with the one under the cursor.
    Conflicts {
        selected: usize,
    },
    /// The RACI pane's explanations, scrolled by `scroll` lines.
    Explain {
        subject: Subject,
        scroll: usize,
    },
}

/// What an explanation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A task row: its roles, each broken rule, why it matters and the fix.
    Task(TaskId),
    /// A party (by code): its load, its problems, and the tasks it is A or R
    /// on, late ones first.
    Party(String),
    /// An issue: every field, its timeline and its clocks.
    Issue(IssueId),
}

/// One thing an overlay's keys do: the keys, how the hint line names them
/// (`label`, `what`; both translated when shown), and what it means to
/// the overlay (`does`).
pub(super) struct Takes<D: 'static> {
    pub keys: &'static [KeyCode],
    pub label: &'static str,
    pub what: &'static str,
    pub does: D,
}

/// What `key` does in `table`, if it is one of its keys.
pub(super) fn taken<D: Copy>(table: &[Takes<D>], key: &KeyEvent) -> Option<D> {
    table
        .iter()
        .find(|t| t.keys.contains(&key.code))
        .map(|t| t.does)
}

/// The hint line's words for `table`, in `l` (a row without a label is
/// named by the one before it: `↑↓ move` for both ways).
pub(super) fn hints<D>(table: &[Takes<D>], l: Lang) -> Vec<(&'static str, &'static str)> {
    table
        .iter()
        .filter(|t| !t.label.is_empty())
        .map(|t| (l.t(t.label), l.t(t.what)))
        .collect()
}

/// The digits `1`–`9`, for tables.
pub(super) const DIGITS: &[KeyCode] = &[
    KeyCode::Char('1'),
    KeyCode::Char('2'),
    KeyCode::Char('3'),
    KeyCode::Char('4'),
    KeyCode::Char('5'),
    KeyCode::Char('6'),
    KeyCode::Char('7'),
    KeyCode::Char('8'),
    KeyCode::Char('9'),
];

impl App {
    /// Routes a key to the open overlay (taken out of `self`), which puts
    /// itself back unless the key closed it.
    pub(in crate::tui) fn overlay_key(&mut self, overlay: Overlay, key: &KeyEvent) -> Effect {
        match overlay {
            Overlay::Help { scroll } => help::key(self, scroll, key),
            Overlay::Form(_) | Overlay::IssueForm(_) => self.form_key(overlay, key),
            Overlay::Prompt(prompt) => self.prompt_key(prompt, key),
            Overlay::Confirm(confirm) => self.confirm_key(confirm, key),
            Overlay::Details { task, scroll } => self.details_key(task, scroll, key),
            Overlay::Conflicts { selected } => self.conflicts_key(selected, key),
            Overlay::Boards {
                entries,
                selected,
                current,
            } => self.boards_key(entries, selected, current, key),
            Overlay::FilterMenu => {
                self.filter_menu_key(key);
                Effect::None
            }
            Overlay::IssueFilterMenu => {
                self.issue_filter_menu_key(key);
                Effect::None
            }
            Overlay::Explain { subject, scroll } => self.explain_key(subject, scroll, key),
        }
    }
}

/// Draws whatever overlay is open.
pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help::draw(app, *scroll, area, buf),
        Some(Overlay::Form(form)) => forms::card(app, form, area, buf),
        Some(Overlay::IssueForm(form)) => forms::issue(app, form, area, buf),
        Some(Overlay::Prompt(prompt)) => prompt::draw(app, prompt, area, buf),
        Some(Overlay::Confirm(confirm)) => confirm::draw(app, confirm, area, buf),
        Some(Overlay::Details { task, scroll }) => reading::details(app, *task, *scroll, area, buf),
        Some(Overlay::Conflicts { selected }) => conflicts::draw(app, *selected, area, buf),
        Some(Overlay::Boards {
            entries,
            selected,
            current,
        }) => boards::draw(app, entries, *selected, *current, area, buf),
        Some(Overlay::FilterMenu) => menus::cards(app, area, buf),
        Some(Overlay::IssueFilterMenu) => menus::issues(app, area, buf),
        Some(Overlay::Explain { subject, scroll }) => {
            reading::explain(app, subject, *scroll, area, buf)
        }
    }
}

/// A bordered box of at most `w`×`h` centred in `area`, cleared; returns
/// its inside, or `None` when the terminal is too small for one.
fn boxed(area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Option<Rect> {
    let popup = centered(area, w, h)?;
    let (w, h) = (popup.width, popup.height);
    clear(popup, buf);
    Block::new()
        .borders(Borders::ALL)
        .title(fit(title, usize::from(w.saturating_sub(2))))
        .render(popup, buf);
    Some(Rect::new(popup.x + 1, popup.y + 1, w - 2, h - 2))
}

/// Blanks `area`, and any wide character just left of it whose right half
/// would otherwise lie under the area's left edge and hide it.
pub(super) fn clear(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    Clear.render(area, buf);
    if area.x == buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && crate::text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// Key hints on the last line of `area`.
fn hint_line(app: &App, area: Rect, hints: &[(&str, &str)], buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let mut spans = Vec::new();
    for (key, what) in hints {
        spans.push((format!(" {key}"), t.key));
        spans.push((format!(" {what} "), t.dim));
    }
    put_bottom(buf, area, &spans);
}
