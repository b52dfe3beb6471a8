//! The selection in every pane: what is selected, moving it, and keeping
//! it on its record when the view is rebuilt (a change, a filter, undo).

use ratatui::layout::Rect;

use super::{App, Pane, Tone, scroll_to};
use crate::model::{IssueId, Patch, TaskId};
use crate::tui::layout;
use crate::tui::panes::standup::Row as StandupRow;
use crate::tui::timeline::Row;
use crate::tui::view::View;

/// What is selected in each pane, by record rather than by row: taken
/// before a change re-sorts or filters the lists, and found again after,
/// so that the next key acts on the record the user was looking at.
#[derive(Debug, Clone, Default)]
pub(super) struct Held {
    /// The card on the board and the timeline.
    pub task: Option<TaskId>,
    /// The RACI grid's task row and party column.
    pub raci_task: Option<TaskId>,
    pub party: Option<String>,
    pub issue: Option<IssueId>,
    /// The standup list's card or issue.
    pub standup: Option<StandupRow>,
}

impl App {
    /// The selection of every pane, by record (see [`Held`]).
    pub(super) fn hold(&self) -> Held {
        let issue = self.view.issues.get(self.issues_state.row).copied();
        // The standup's rows are built from the board: only on its pane,
        // where they are what the cursor is on (once, for the card too).
        let (task, standup) = if self.pane == Pane::Standup {
            let item = self.standup_item();
            let task = match item {
                Some(StandupRow::Card(id)) => Some(id),
                _ => None,
            };
            (task, item)
        } else {
            (self.selected_task(), None)
        };
        Held {
            task,
            raci_task: self.selected_raci_task(),
            party: self.selected_party().map(|p| p.code.clone()),
            issue,
            standup,
        }
    }

    /// Rebuilds what the panes draw from after the board, the filter or the
    /// lanes changed, keeping every pane's selection on its record.
    pub fn refresh(&mut self) {
        let held = self.hold();
        self.rebuild(held);
    }

    /// Updates the view after a change (whose undo patch is `before`) and
    /// selects again what `held` names, where it went.
    pub(super) fn view_after(&mut self, before: &Patch, held: Held) {
        self.view
            .after_change(&self.board, self.now, &self.filter, self.lanes, before);
        self.links
            .follow(&self.board, before, self.changes, self.reloads);
        self.views += 1;
        self.filter_issues();
        self.select_again(held, true);
    }

    /// Rebuilds the view and selects `follow` on the board if it is still
    /// shown, every other pane's selection kept on its record.
    pub fn refresh_following(&mut self, follow: Option<TaskId>) {
        let held = Held {
            task: follow,
            ..self.hold()
        };
        self.rebuild(held);
    }

    /// The view again after a filter or the lanes changed, the board
    /// unchanged: its RACI rules and loads kept.
    pub fn relayout(&mut self) {
        let held = self.hold();
        let view = std::mem::take(&mut self.view);
        self.view = view.relaid(&self.board, self.now, &self.filter, self.lanes);
        self.views += 1;
        self.filter_issues();
        self.select_again(held, false);
    }

    fn rebuild(&mut self, held: Held) {
        self.view = View::build(&self.board, self.now, &self.filter, self.lanes);
        self.views += 1;
        self.filter_issues();
        self.select_again(held, false);
    }

    /// Puts each pane's cursor back on the record `held` names; a record
    /// no longer shown leaves the cursor on its neighbour. After a change
    /// (`changed`; not a new filter, whose point is to hide), the footer
    /// says why the record went, when the pane on screen showed it.
    fn select_again(&mut self, held: Held, changed: bool) {
        self.select(held.task);
        if let Some(id) = held.raci_task
            && let Some(row) = self.view.raci_rows.iter().position(|t| *t == id)
        {
            self.raci_state.row = row;
        }
        if let Some(code) = &held.party
            && let Some(at) = self.board.parties.iter().position(|p| &p.code == code)
        {
            self.raci_state.party = at;
        }
        if let Some(id) = held.issue {
            match self.view.issues.iter().position(|i| *i == id) {
                Some(row) => self.issues_state.row = row,
                None if changed && self.pane == Pane::Issues => self.say_hidden(&id.to_string()),
                None => {}
            }
        }
        if let Some(row) = held.standup {
            let rows = crate::tui::panes::standup::rows(self);
            let items = crate::tui::panes::standup::items(self);
            if let Some(at) = items.iter().position(|i| rows.get(*i) == Some(&row)) {
                self.standup_state.row = at;
            }
        }
        // A deleted card says so in the footer already; one the filter
        // now hides would just vanish.
        if let Some(id) = held.task
            && changed
            && self.pane == Pane::Board
            && self.view.position_of(id).is_none()
            && self.board.tasks.contains_key(&id)
        {
            self.say_hidden(&id.to_string());
        }
    }

    /// Adds to the footer that `record` left the list because the filter
    /// now hides it.
    fn say_hidden(&mut self, record: &str) {
        let why = self
            .locale
            .f("{0} is hidden by the filter (Esc clears it)", &[&record]);
        let (text, tone) = match &self.message {
            Some(m) => (format!("{} · {why}", m.text), m.tone),
            None => (why, Tone::Info),
        };
        self.say(tone, text);
    }

    /// Keeps the queue to the issues the issue filter lets through.
    fn filter_issues(&mut self) {
        if self.issue_filter.is_empty() {
            return;
        }
        let (board, now, filter) = (&self.board, self.now, &self.issue_filter);
        self.view.issues.retain(|id| {
            board
                .issues
                .get(id)
                .is_some_and(|i| filter.matches(board, i, now))
        });
    }

    /// Selects `follow` on the board pane if it is shown; keeps the
    /// selection in range either way.
    fn select(&mut self, follow: Option<TaskId>) {
        if follow.is_some() {
            self.timeline_state.selected = follow;
        }
        if let Some((column, card)) = follow.and_then(|id| self.view.position_of(id)) {
            self.board_state.column = column;
            self.board_state.card = card;
        }
        let s = &mut self.board_state;
        s.column = s.column.min(self.view.columns.len().saturating_sub(1));
        let len = self.view.columns.get(s.column).map_or(0, Vec::len);
        s.card = s.card.min(len.saturating_sub(1));
    }

    /// Moves the current pane's selection by columns and rows, clamped.
    pub(in crate::tui) fn step(&mut self, dx: isize, dy: isize) {
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
                // One step up from the first task reaches the party headers,
                // where `Enter` shows what that party is on the hook for.
                if dy == -1 && s.row == 0 {
                    s.header = true;
                } else if dy > 0 && s.header {
                    s.header = false;
                    s.row = clamp(0, dy - 1, self.view.raci_rows.len());
                } else if dy != 0 {
                    s.header = false;
                    s.row = clamp(s.row, dy, self.view.raci_rows.len());
                }
            }
            Pane::Issues => {
                let s = &mut self.issues_state;
                s.row = clamp(s.row, dy, self.view.issues.len());
            }
            Pane::Standup => {
                let n = crate::tui::panes::standup::items(self).len();
                let s = &mut self.standup_state;
                s.row = clamp(s.row, dy, n);
            }
            Pane::Timeline => {
                self.prepare_timeline();
                let len = self.timeline.as_ref().map_or(0, |t| t.items.len());
                if dy != 0 {
                    let s = &mut self.timeline_state;
                    s.item = clamp(s.item, dy, len);
                    self.timeline_state.selected = self.selected_timeline_task();
                }
                if dx != 0 {
                    let today = self.now.date_naive();
                    let s = &mut self.timeline_state;
                    let origin = s.origin.unwrap_or_else(|| {
                        crate::tui::timeline::default_origin(s.zoom, today, s.cells)
                    });
                    let days = s.zoom.step_days() * dx.signum() as i64;
                    s.origin = Some(origin + chrono::Duration::days(days));
                }
            }
        }
    }

    /// The task on the timeline's selected row.
    pub(super) fn selected_timeline_task(&self) -> Option<TaskId> {
        let rows = self.timeline.as_ref()?;
        let row = rows.items.get(self.timeline_state.item)?;
        match rows.rows.get(*row)? {
            Row::Task(id) => Some(*id),
            Row::Group { .. } => None,
        }
    }

    /// The standup list's row under the cursor.
    pub(super) fn standup_item(&self) -> Option<crate::tui::panes::standup::Row> {
        let rows = crate::tui::panes::standup::rows(self);
        crate::tui::panes::standup::items(self)
            .get(self.standup_state.row)
            .and_then(|i| rows.get(*i).cloned())
    }

    /// The card under the cursor (in the standup pane: the selected row, if
    /// it is a card).
    pub fn selected_task(&self) -> Option<TaskId> {
        if self.pane == Pane::Standup {
            return match self.standup_item() {
                Some(crate::tui::panes::standup::Row::Card(id)) => Some(id),
                _ => None,
            };
        }
        if self.pane == Pane::Timeline {
            return self.selected_timeline_task();
        }
        let s = &self.board_state;
        self.view.columns.get(s.column)?.get(s.card).copied()
    }

    /// The task row under the RACI cursor (none on the header row).
    pub fn selected_raci_task(&self) -> Option<TaskId> {
        let s = &self.raci_state;
        if s.header {
            return None;
        }
        self.view.raci_rows.get(s.row).copied()
    }

    /// The issue under the cursor in the queue (in the standup pane: the
    /// selected row, if it is an issue).
    pub fn selected_issue(&self) -> Option<crate::model::IssueId> {
        if self.pane == Pane::Standup {
            return match self.standup_item() {
                Some(crate::tui::panes::standup::Row::Issue(id)) => Some(id),
                _ => None,
            };
        }
        self.view.issues.get(self.issues_state.row).copied()
    }

    /// The party column under the RACI cursor.
    pub fn selected_party(&self) -> Option<&crate::model::Party> {
        self.board.parties.get(self.raci_state.party)
    }

    /// The column under the cursor (its id).
    pub fn selected_column(&self) -> Option<&crate::model::Column> {
        self.board.columns.get(self.board_state.column)
    }

    /// Adjusts scroll offsets so the selection is on screen for a terminal of
    /// `size`. Called after every event, before drawing, so that drawing
    /// itself never has to change state.
    pub fn follow_selection(&mut self, size: Rect) {
        let body = layout::screen(size).body;
        let areas = layout::board_areas(body, !self.filter.is_empty());
        let board_area = areas.columns;
        // Board: the selected column is among the visible ones, and the
        // selected card within its column's visible rows.
        let ncols = self.view.columns.len();
        let s = &mut self.board_state;
        s.column = s.column.min(ncols.saturating_sub(1));
        s.offsets.resize(ncols, 0);
        let fit = layout::board_columns_that_fit(board_area.width, ncols);
        s.first_column = scroll_to(s.first_column, s.column, fit, ncols);
        let rows = layout::board_card_rows(board_area.height);
        for (i, offset) in s.offsets.iter_mut().enumerate() {
            let len = self.view.columns[i].len();
            let target = if i == s.column {
                s.card.min(len.saturating_sub(1))
            } else {
                *offset
            };
            *offset = scroll_to(*offset, target, rows, len);
        }
        if let Some(lanes) = &self.view.lanes {
            // Lanes scroll together, by lines: keep the selected card's two
            // lines (and its lane's heading when it is the first row) in view.
            let visible = usize::from(board_area.height.saturating_sub(1)).max(1);
            if let Some((lane, row)) = self.view.lane_of(s.column, s.card) {
                let top = layout::lane_top(lanes, lane);
                let card_y = top + 1 + row * usize::from(layout::CARD_HEIGHT);
                let from = if row == 0 { top } else { card_y };
                let to = card_y + 2;
                if from < s.lane_scroll {
                    s.lane_scroll = from;
                } else if to > s.lane_scroll + visible {
                    s.lane_scroll = to.saturating_sub(visible);
                }
            }
            let total = layout::lanes_height(lanes);
            s.lane_scroll = s.lane_scroll.min(total.saturating_sub(visible.min(total)));
        }
        // RACI grid.
        let r = &mut self.raci_state;
        r.row = r.row.min(self.view.raci_rows.len().saturating_sub(1));
        r.party = r.party.min(self.board.parties.len().saturating_sub(1));
        let grid = layout::raci_areas(body, !self.filter.is_empty()).grid;
        let grid_rows = layout::raci_rows(grid.height);
        r.first_row = scroll_to(r.first_row, r.row, grid_rows, self.view.raci_rows.len());
        let widths: Vec<u16> = self
            .board
            .parties
            .iter()
            .zip(&self.view.loads)
            .map(|(party, (_, load))| layout::raci_party_width(party, load))
            .collect();
        r.first_party = layout::raci_first_party(grid.width, &widths, r.first_party, r.party);
        // Issues.
        let i = &mut self.issues_state;
        i.row = i.row.min(self.view.issues.len().saturating_sub(1));
        let filter_line = u16::from(!self.issue_filter.is_empty() && body.height >= 3);
        i.first_row = scroll_to(
            i.first_row,
            i.row,
            layout::issue_rows(body.height - filter_line),
            self.view.issues.len(),
        );
        // Timeline: the selected row in view, with its group's heading
        // when it is the group's first task.
        self.prepare_timeline();
        let chart = layout::timeline_areas(body);
        let s = &mut self.timeline_state;
        s.cells = chart.chart.width;
        if let Some(rows) = &self.timeline {
            let visible = usize::from(chart.labels.height);
            match rows.items.get(s.item) {
                Some(row) => {
                    let heading = row.saturating_sub(1);
                    s.first_row = scroll_to(s.first_row, heading, visible, rows.rows.len());
                    s.first_row = scroll_to(s.first_row, *row, visible, rows.rows.len());
                }
                None => s.first_row = 0,
            }
        }
        self.prepare_panels(areas.panel, size);
        self.prepare_turn(body);
    }
}
