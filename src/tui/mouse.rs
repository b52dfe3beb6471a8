//! The mouse, for those who reach for it: a click on a tab switches pane,
//! a click on a card (board), a cell (RACI grid), an issue (queue) or a
//! task row (timeline) selects it, the wheel moves the selection. The keyboard does all of this too; while a
//! prompt or form is open, the mouse does nothing, so that a stray click
//! cannot lose what is being typed.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{App, Pane};
use super::layout::{self, CARD_HEIGHT, board_card_rows};
use super::timeline::Row;

impl App {
    /// Handles one mouse event on a screen of `size`.
    pub fn handle_mouse(&mut self, event: &MouseEvent, size: Rect) {
        if self.overlay.is_some() {
            return;
        }
        match event.kind {
            MouseEventKind::ScrollDown => self.step(0, 1),
            MouseEventKind::ScrollUp => self.step(0, -1),
            MouseEventKind::Down(MouseButton::Left) => {
                self.click(Position::new(event.column, event.row), size)
            }
            _ => return,
        }
        self.prepare_timeline();
        self.refresh_turn();
    }

    fn click(&mut self, at: Position, size: Rect) {
        let screen = layout::screen(size);
        if screen.tabs.contains(at) {
            if let Some(pane) = super::render::tab_at(self, screen.tabs, at.x) {
                self.message = None;
                self.pane = pane;
            }
            return;
        }
        if !screen.body.contains(at) {
            return;
        }
        match self.pane {
            Pane::Board => self.click_board(screen.body, at),
            Pane::Timeline => self.click_timeline(screen.body, at),
            Pane::Raci => self.click_raci(screen.body, at),
            Pane::Issues => self.click_issue(screen.body, at),
            Pane::Standup => {}
        }
    }

    /// Selects the card under the pointer, or the column when the click is
    /// on its heading or below its cards.
    fn click_board(&mut self, body: Rect, at: Position) {
        let area = layout::board_areas(body, !self.filter.is_empty()).columns;
        if !area.contains(at) {
            return;
        }
        let slots = super::layout::column_slots(self, area);
        let Some((column, rect)) = slots.iter().find(|(_, r)| r.contains(at)) else {
            return;
        };
        self.board_state.column = *column;
        if self.view.lanes.is_some() {
            // Lanes scroll as one: the column is what a click can mean.
            return;
        }
        let Some(below_heading) = at.y.checked_sub(rect.y + 1) else {
            return;
        };
        let slot = usize::from(below_heading / CARD_HEIGHT);
        if slot >= board_card_rows(rect.height) {
            return;
        }
        let offset = self.board_state.offsets.get(*column).copied().unwrap_or(0);
        let len = self.view.columns.get(*column).map_or(0, Vec::len);
        if offset + slot < len {
            self.board_state.card = offset + slot;
        }
    }

    /// Selects the cell under the pointer: its task row and party column
    /// (the header row when the click is on a party's name).
    fn click_raci(&mut self, body: Rect, at: Position) {
        if self.board.tasks.is_empty() || self.board.parties.is_empty() {
            return;
        }
        let grid = layout::raci_areas(body, !self.filter.is_empty()).grid;
        if !grid.contains(at) {
            return;
        }
        let party = super::layout::party_columns(self, grid)
            .into_iter()
            .find(|&(_, x, w)| (x..x + w).contains(&at.x))
            .map(|(i, _, _)| i);
        if at.y == grid.y {
            if let Some(party) = party {
                self.raci_state.header = true;
                self.raci_state.party = party;
            }
            return;
        }
        let shown = (layout::raci_rows(grid.height), self.view.raci_rows.len());
        if let Some(row) = row_under(grid, at, self.raci_state.first_row, shown) {
            self.raci_state.header = false;
            self.raci_state.row = row;
            if let Some(party) = party {
                self.raci_state.party = party;
            }
        }
    }

    /// Selects the issue on the row under the pointer.
    fn click_issue(&mut self, body: Rect, at: Position) {
        let list = super::layout::list_area(self, body);
        let shown = (layout::issue_rows(list.height), self.view.issues.len());
        if let Some(row) = row_under(list, at, self.issues_state.first_row, shown) {
            self.issues_state.row = row;
        }
    }

    /// Selects the task on the row under the pointer.
    fn click_timeline(&mut self, body: Rect, at: Position) {
        let areas = layout::timeline_areas(body);
        let rows_area = areas.labels.union(areas.chart);
        if !rows_area.contains(at) {
            return;
        }
        let Some(rows) = &self.timeline else {
            return;
        };
        let row = self.timeline_state.first_row + usize::from(at.y - rows_area.y);
        let Some(Row::Task(id)) = rows.rows.get(row) else {
            return;
        };
        if let Some(item) = rows.items.iter().position(|i| *i == row) {
            self.timeline_state.item = item;
            self.timeline_state.selected = Some(*id);
        }
    }
}

/// The row of a list under a heading line (the RACI grid, the issue queue)
/// that `at` points to: `first` is the first row shown; `shown` how many
/// rows fit and how many there are. `None` on the heading, below the last
/// row, or outside `area`.
fn row_under(area: Rect, at: Position, first: usize, (fit, len): (usize, usize)) -> Option<usize> {
    if !area.contains(at) {
        return None;
    }
    let slot = usize::from(at.y.checked_sub(area.y + 1)?);
    let row = first + slot;
    (slot < fit && row < len).then_some(row)
}
