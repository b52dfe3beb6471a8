//! The application state: the board, the current pane, each pane's
//! selection, and the overlays. Keys become commands in the keymap and are
//! handled here; drawing (in `render` and `panes`) only reads this.

use std::collections::HashMap;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::keymap::{Command, Keymap};
use super::layout;
use super::theme::Theme;
use crate::model::raci::{self, Load, Rule};
use crate::model::status::Alerts;
use crate::model::{Board, IssueId, TaskId, Timestamp};

/// The panes, in `Tab` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Board,
    Raci,
    Issues,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Board, Pane::Raci, Pane::Issues];

    /// The pane's name on its tab.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Board => "Board",
            Pane::Raci => "RACI",
            Pane::Issues => "Issues",
        }
    }

    fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// Selection and scroll of the board pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardState {
    pub column: usize,
    pub card: usize,
    /// First visible card of each column.
    pub offsets: Vec<usize>,
    /// First visible column when not all fit.
    pub first_column: usize,
}

/// Selection and scroll of the RACI grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RaciState {
    pub row: usize,
    pub party: usize,
    pub first_row: usize,
    pub first_party: usize,
}

/// Selection and scroll of the issue list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssuesState {
    pub row: usize,
    pub first_row: usize,
}

/// What the panes draw from, derived from the board once per change instead
/// of once per frame.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Each column's cards in order.
    pub columns: Vec<Vec<TaskId>>,
    /// When each card entered its column.
    pub entered: HashMap<TaskId, Timestamp>,
    /// RACI rows (tasks in id order) and each row's broken rules.
    pub raci_rows: Vec<TaskId>,
    pub raci_rules: HashMap<TaskId, Vec<Rule>>,
    pub loads: Vec<(String, Load)>,
    /// Issues: active first, by priority, then nearest deadline.
    pub issues: Vec<IssueId>,
    pub alerts: Alerts,
}

impl View {
    fn build(board: &Board, now: Timestamp) -> View {
        let columns = board
            .tasks_by_column()
            .into_iter()
            .map(|col| col.into_iter().map(|t| t.id).collect())
            .collect();
        let raci_rows: Vec<TaskId> = board.tasks.keys().copied().collect();
        let raci_rules = raci_rows
            .iter()
            .map(|id| (*id, raci::task_problems(board, *id)))
            .filter(|(_, rules)| !rules.is_empty())
            .collect();
        let mut issues: Vec<(bool, crate::model::Priority, Timestamp, IssueId)> = board
            .issues
            .values()
            .map(|i| {
                let sla = i.sla(&board.settings.sla, now);
                let deadline = sla.running.map_or(sla.resolve_by, |(_, by)| by);
                (!i.status.is_active(), sla.priority, deadline, i.id)
            })
            .collect();
        issues.sort();
        View {
            columns,
            entered: board.entered_column(),
            raci_rows,
            raci_rules,
            loads: raci::loads(board),
            issues: issues.into_iter().map(|(_, _, _, id)| id).collect(),
            alerts: board.alerts(now),
        }
    }
}

/// The whole application state.
pub struct App {
    pub board: Board,
    /// The moment the screen shows (refreshed by the event loop).
    pub now: Timestamp,
    pub pane: Pane,
    pub board_state: BoardState,
    pub raci_state: RaciState,
    pub issues_state: IssuesState,
    pub help: bool,
    pub message: Option<String>,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Where the board lives, for the footer and messages.
    pub location: String,
    pub quit: bool,
    /// Changes not yet saved (the loop saves them).
    pub dirty: bool,
    pub view: View,
}

impl App {
    pub fn new(board: Board, now: Timestamp, location: String, theme: Theme) -> App {
        let view = View::build(&board, now);
        App {
            board,
            now,
            pane: Pane::Board,
            board_state: BoardState::default(),
            raci_state: RaciState::default(),
            issues_state: IssuesState::default(),
            help: false,
            message: None,
            keymap: Keymap::default(),
            theme,
            location,
            quit: false,
            dirty: false,
            view,
        }
    }

    /// Moves the clock; the alert counts and SLA clocks follow.
    pub fn set_now(&mut self, now: Timestamp) {
        if now != self.now {
            self.now = now;
            self.view.alerts = self.board.alerts(now);
        }
    }

    /// Replaces the board (e.g. reloaded from disk) and rebuilds the view.
    pub fn set_board(&mut self, board: Board) {
        self.board = board;
        self.refresh();
    }

    /// Rebuilds what the panes draw from after the board changed.
    pub fn refresh(&mut self) {
        self.view = View::build(&self.board, self.now);
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        let Some(command) = self.keymap.lookup(self.pane, key) else {
            return;
        };
        if self.help {
            // Help is modal: any key closes it; quitting still quits.
            self.help = false;
            if command == Command::Quit {
                self.quit = true;
            }
            return;
        }
        self.message = None;
        match command {
            Command::Quit => self.quit = true,
            Command::Help => self.help = true,
            Command::Cancel => {}
            Command::NextPane => self.pane = Pane::ALL[(self.pane.index() + 1) % Pane::ALL.len()],
            Command::PrevPane => {
                self.pane = Pane::ALL[(self.pane.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
            }
            Command::GoTo(pane) => self.pane = pane,
            Command::Up => self.step(0, -1),
            Command::Down => self.step(0, 1),
            Command::Left => self.step(-1, 0),
            Command::Right => self.step(1, 0),
            Command::Top => self.step(0, isize::MIN / 2),
            Command::Bottom => self.step(0, isize::MAX / 2),
            Command::PageUp => self.step(0, -10),
            Command::PageDown => self.step(0, 10),
        }
    }

    /// Moves the current pane's selection by columns and rows, clamped.
    fn step(&mut self, dx: isize, dy: isize) {
        let clamp = |value: usize, delta: isize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (value as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.pane {
            Pane::Board => {
                let s = &mut self.board_state;
                s.column = clamp(s.column, dx, self.view.columns.len());
                let len = self.view.columns.get(s.column).map_or(0, Vec::len);
                s.card = clamp(s.card.min(len.saturating_sub(1)), dy, len);
            }
            Pane::Raci => {
                let s = &mut self.raci_state;
                s.party = clamp(s.party, dx, self.board.parties.len());
                s.row = clamp(s.row, dy, self.view.raci_rows.len());
            }
            Pane::Issues => {
                let s = &mut self.issues_state;
                s.row = clamp(s.row, dy, self.view.issues.len());
            }
        }
    }

    /// The card under the cursor.
    pub fn selected_task(&self) -> Option<TaskId> {
        let s = &self.board_state;
        self.view.columns.get(s.column)?.get(s.card).copied()
    }

    /// Adjusts scroll offsets so the selection is on screen for a terminal of
    /// `size`. Called after every event, before drawing, so that drawing
    /// itself never has to change state.
    pub fn follow_selection(&mut self, size: Rect) {
        let body = layout::screen(size).body;
        // Board: the selected column is among the visible ones, and the
        // selected card within its column's visible rows.
        let ncols = self.view.columns.len();
        let s = &mut self.board_state;
        s.column = s.column.min(ncols.saturating_sub(1));
        s.offsets.resize(ncols, 0);
        let fit = layout::board_columns_that_fit(body.width, ncols);
        s.first_column = scroll_to(s.first_column, s.column, fit, ncols);
        let rows = layout::board_card_rows(body.height);
        for (i, offset) in s.offsets.iter_mut().enumerate() {
            let len = self.view.columns[i].len();
            let target = if i == s.column {
                s.card.min(len.saturating_sub(1))
            } else {
                *offset
            };
            *offset = scroll_to(*offset, target, rows, len);
        }
        // RACI grid.
        let r = &mut self.raci_state;
        r.row = r.row.min(self.view.raci_rows.len().saturating_sub(1));
        r.party = r.party.min(self.board.parties.len().saturating_sub(1));
        let grid_rows = layout::raci_rows(body.height);
        r.first_row = scroll_to(r.first_row, r.row, grid_rows, self.view.raci_rows.len());
        let widths: Vec<u16> = self
            .board
            .parties
            .iter()
            .map(layout::raci_party_width)
            .collect();
        r.first_party = layout::raci_first_party(body.width, &widths, r.first_party, r.party);
        // Issues.
        let i = &mut self.issues_state;
        i.row = i.row.min(self.view.issues.len().saturating_sub(1));
        i.first_row = scroll_to(
            i.first_row,
            i.row,
            layout::issue_rows(body.height),
            self.view.issues.len(),
        );
    }
}

/// The smallest change to `offset` that shows `selected` in a window of
/// `visible` rows over `len` items.
pub fn scroll_to(offset: usize, selected: usize, visible: usize, len: usize) -> usize {
    let visible = visible.max(1);
    let max_offset = len.saturating_sub(visible);
    let offset = if selected < offset {
        selected
    } else if selected >= offset + visible {
        selected + 1 - visible
    } else {
        offset
    };
    offset.min(max_offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_moves_as_little_as_it_can() {
        assert_eq!(scroll_to(0, 3, 5, 20), 0);
        assert_eq!(scroll_to(0, 5, 5, 20), 1);
        assert_eq!(scroll_to(4, 2, 5, 20), 2);
        assert_eq!(scroll_to(10, 19, 5, 20), 15);
        assert_eq!(scroll_to(10, 0, 5, 3), 0);
        assert_eq!(scroll_to(0, 0, 0, 0), 0);
    }
}
