//! What the next frame needs that is too costly to build while drawing:
//! the details panels, the standup's turn and plan, the timeline's rows.
//! Built here before the frame; drawing only reads them.

use std::borrow::Cow;

use ratatui::layout::Rect;

use super::{App, Pane, scroll_to};
use crate::model::{StandupOrder, TaskId};
use crate::tui::meeting::{Plan, Turn, TurnKey};
use crate::tui::overlays::Overlay;
use crate::tui::overlays::Subject;
use crate::tui::timeline::{FlowCache, Mode, Row, RowsKey};

/// What a prepared panel shows: a card's details (the side panel, the
/// details overlay), or an explanation (`Enter` in the RACI grid or the
/// issue queue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Card(TaskId),
    Explained(Subject),
}

/// What a panel's lines depend on: what it shows, its width, the board's
/// change count and the minute (ages are shown to the hour).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelKey {
    shown: Shown,
    width: usize,
    changes: u64,
    reloads: u64,
    minute: i64,
}

/// A panel's lines, prepared before drawing: building them scans the
/// activity log for a card's or an issue's history, or every card for a
/// party's roles, which must not happen on every frame of a large board.
#[derive(Debug, Clone)]
pub struct Panel {
    pub key: PanelKey,
    pub lines: Vec<crate::tui::panes::details::Line>,
}

impl App {
    /// Drops what was prepared for the next frame, so that it is built
    /// again: for benchmarks of the building.
    pub fn forget_prepared(&mut self) {
        self.timeline = None;
        self.flow = None;
        self.panels.clear();
    }

    /// The key the details panel of `task` at `width` has now.
    pub fn panel_key(&self, shown: Shown, width: usize) -> PanelKey {
        PanelKey {
            shown,
            width,
            changes: self.changes,
            reloads: self.reloads,
            minute: self.now.timestamp().div_euclid(60),
        }
    }

    /// Rebuilds the timeline's rows when the board, the filter or the
    /// grouping changed (keeping the selected task selected), and the flow
    /// figures when the board or the day changed. Only while the pane is
    /// shown: other panes pay nothing for it.
    pub fn prepare_timeline(&mut self) {
        if self.pane != Pane::Timeline {
            return;
        }
        let key = RowsKey {
            changes: self.changes,
            reloads: self.reloads,
            views: self.views,
            grouping: self.timeline_state.grouping,
        };
        if self.timeline.as_ref().is_none_or(|t| t.key != key) {
            let visible: Vec<TaskId> = self.view.columns.iter().flatten().copied().collect();
            let rows = crate::tui::timeline::rows(
                &self.board,
                &visible,
                key.grouping,
                key,
                self.locale.lang,
            );
            let s = &mut self.timeline_state;
            let found = s.selected.and_then(|id| {
                rows.items
                    .iter()
                    .position(|i| rows.rows.get(*i) == Some(&Row::Task(id)))
            });
            s.item = found
                .unwrap_or(s.item)
                .min(rows.items.len().saturating_sub(1));
            self.timeline = Some(rows);
            self.timeline_state.selected = self.selected_timeline_task();
        }
        if self.timeline_state.mode == Mode::Flow {
            let key = (self.changes, self.reloads, self.now.date_naive());
            if self.flow.as_ref().is_none_or(|f| f.key != key) {
                let flow = self.board.flow(
                    self.now,
                    crate::tui::timeline::FLOW_WEEKS,
                    self.config.week_start,
                );
                self.flow = Some(FlowCache { key, flow });
            }
        }
    }

    /// Builds the current turn's agenda when the turn, the board or the
    /// minute changed, keeps the selected card or issue selected, and
    /// scrolls the list to it.
    pub(super) fn prepare_turn(&mut self, body: Rect) {
        self.refresh_turn();
        if self.meeting.is_none() {
            self.prepare_plan();
            return;
        }
        let items = crate::tui::panes::standup::items(self);
        let row = self.standup_state.row.min(items.len().saturating_sub(1));
        let line = items.get(row).copied();
        let rows_len = crate::tui::panes::standup::rows(self).len();
        let s = &mut self.standup_state;
        s.row = row;
        let list = crate::tui::layout::standup_areas(body).list;
        let visible = usize::from(list.height);
        match line.as_ref() {
            Some(line) => {
                // Keep the section heading above the first item in view.
                let target = if s.row == 0 { 0 } else { *line };
                s.first_row = scroll_to(s.first_row, target, visible, rows_len);
                s.first_row = scroll_to(s.first_row, *line, visible, rows_len);
            }
            None => s.first_row = 0,
        }
    }

    /// Works out who would speak, for the standup pane before a meeting,
    /// when it is shown and the board or the minute changed.
    fn prepare_plan(&mut self) {
        if self.pane != Pane::Standup {
            return;
        }
        let key = TurnKey {
            stop: None,
            changes: self.changes,
            reloads: self.reloads,
            minute: self.now.timestamp().div_euclid(60),
        };
        if self.plan.as_ref().is_some_and(|p| p.key == key) {
            return;
        }
        self.plan = Some(Plan {
            key,
            by_party: self.board.stops(StandupOrder::Party, self.now),
            by_board: self.board.stops(StandupOrder::Board, self.now),
        });
    }

    /// Rebuilds the current turn's agenda when the turn, the board or the
    /// minute changed, keeping the selected card or issue selected. Called
    /// after every key too, so that keys typed faster than the screen is
    /// drawn act on the turn as it is.
    pub fn refresh_turn(&mut self) {
        let Some(meeting) = &self.meeting else {
            self.turn = None;
            return;
        };
        let key = TurnKey {
            stop: meeting.stop().cloned(),
            changes: self.changes,
            reloads: self.reloads,
            minute: self.now.timestamp().div_euclid(60),
        };
        if self.turn.as_ref().is_none_or(|t| t.key != key) {
            let same_stop = self.turn.as_ref().is_some_and(|t| t.key.stop == key.stop);
            let before = self.standup_item().filter(|_| same_stop);
            let since = self.board.since_last_standup(self.now).from;
            let agenda = match &key.stop {
                Some(stop) => self.board.agenda(stop, self.now, since),
                None => crate::model::standup::Agenda::default(),
            };
            let rows = crate::tui::panes::standup::build_rows(self, &agenda);
            let items = crate::tui::panes::standup::item_lines(&rows);
            let mut help: std::collections::HashMap<_, Vec<_>> = Default::default();
            for issue in self.board.issues.values() {
                if let Some(task) = issue.task
                    && issue.status.is_active()
                    && !issue.support.is_empty()
                {
                    help.entry(task).or_default().push(issue.id);
                }
            }
            self.standup_state.row = match before {
                Some(item) => items
                    .iter()
                    .position(|i| rows[*i] == item)
                    .unwrap_or(self.standup_state.row),
                None if !same_stop => 0,
                None => self.standup_state.row,
            };
            self.turn = Some(Turn {
                key,
                agenda,
                since,
                rows,
                items,
                help,
            });
        }
    }

    /// Builds the panels shown now (the card details of the side panel and
    /// the details overlay, the explanation overlay) when what they show
    /// changed, and forgets the others.
    pub(super) fn prepare_panels(&mut self, side: Option<Rect>, screen: Rect) {
        let mut wanted = Vec::new();
        if let (Some(area), Some(task), Pane::Board) = (side, self.selected_task(), self.pane) {
            let width = crate::tui::layout::panel_inner(area).width;
            wanted.push(self.panel_key(Shown::Card(task), usize::from(width)));
        }
        match &self.overlay {
            Some(Overlay::Details { task, .. }) => {
                if let Some(body) = crate::tui::layout::details_body(screen) {
                    wanted.push(self.panel_key(Shown::Card(*task), usize::from(body.width)));
                }
            }
            Some(Overlay::Explain { subject, .. }) => {
                let width = crate::tui::layout::explain_width(screen);
                wanted.push(self.panel_key(Shown::Explained(subject.clone()), width));
            }
            _ => {}
        }
        self.panels.retain(|p| wanted.contains(&p.key));
        if wanted.iter().any(|k| matches!(k.shown, Shown::Card(_)))
            && !wanted
                .iter()
                .all(|k| self.panels.iter().any(|p| p.key == *k))
        {
            self.log_index.sync(&self.board.log, self.reloads);
            self.links.sync(&self.board, self.changes, self.reloads);
        }
        for key in wanted {
            if !self.panels.iter().any(|p| p.key == key) {
                let lines = self.panel_lines(&key.shown, key.width);
                self.panels.push(Panel { key, lines });
            }
        }
    }

    /// The lines of a panel showing `shown`, `width` cells wide.
    fn panel_lines(&self, shown: &Shown, width: usize) -> Vec<crate::tui::panes::details::Line> {
        match shown {
            Shown::Card(task) => crate::tui::panes::details::lines(self, *task, width),
            Shown::Explained(subject) => crate::tui::panes::explain::lines(self, subject, width),
        }
    }

    /// The lines of a panel as `follow_selection` prepared them, or built
    /// now when they were not (a frame drawn without it, in tests).
    pub fn prepared(
        &self,
        shown: Shown,
        width: usize,
    ) -> Cow<'_, [crate::tui::panes::details::Line]> {
        let key = self.panel_key(shown, width);
        match self.panels.iter().find(|p| p.key == key) {
            Some(panel) => Cow::Borrowed(&panel.lines),
            None => Cow::Owned(self.panel_lines(&key.shown, width)),
        }
    }
}
