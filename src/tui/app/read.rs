//! The app's state as tests, benchmarks and tools outside the terminal
//! side read it. Nothing here changes the app.

use super::{App, BoardState, IssuesState, Message, Pane, Panel, RaciState, StandupState};
use crate::i18n::Locale;
use crate::model::{Board, IssueFilter, TaskFilter, Timestamp};
use crate::tui::meeting::Meeting;
use crate::tui::overlays::Overlay;
use crate::tui::timeline::{Rows, TimelineState};
use crate::tui::view::View;

impl App {
    /// The board as it is now.
    pub fn board(&self) -> &Board {
        &self.board
    }

    /// A handle on the board for a save (see [`SharedBoard::lend`]).
    pub fn lend_board(&self) -> crate::tui::shared::Lent {
        self.board.lend()
    }

    /// The pane on screen.
    pub fn pane(&self) -> Pane {
        self.pane
    }

    /// The moment the screen shows.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// What the panes show of the board: the filtered cards, lanes and
    /// issues, the alert counts.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// The overlay open over the pane, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The footer's message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// How many changes were made here since the board was opened.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// Which cards the board, the grid and the timeline show.
    pub fn filter(&self) -> &TaskFilter {
        &self.filter
    }

    /// Which issues the queue shows.
    pub fn issue_filter(&self) -> &IssueFilter {
        &self.issue_filter
    }

    /// Whether the board is grouped into swimlanes by owner.
    pub fn lanes(&self) -> bool {
        self.lanes
    }

    /// The standup under way, if one is.
    /// The clock as the screen shows it: to the second while a standup
    /// runs (its timers count seconds), else to the minute (SLA clocks,
    /// ages, the last day's changes). A frame is drawn when this moves on,
    /// or something else changed; never otherwise.
    pub fn screen_clock(&self) -> i64 {
        let seconds = self.now.timestamp();
        if self.meeting.is_some() {
            seconds
        } else {
            seconds.div_euclid(60)
        }
    }

    pub fn meeting(&self) -> Option<&Meeting> {
        self.meeting.as_ref()
    }

    /// The language and date format of the screen.
    pub fn locale(&self) -> &Locale {
        &self.locale
    }

    /// The details panels prepared for the next frame.
    pub fn panels(&self) -> &[Panel] {
        &self.panels
    }

    /// The board pane's selection and scroll.
    pub fn board_state(&self) -> &BoardState {
        &self.board_state
    }

    /// The RACI grid's selection and scroll.
    pub fn raci_state(&self) -> &RaciState {
        &self.raci_state
    }

    /// The issue queue's selection and scroll.
    pub fn issues_state(&self) -> &IssuesState {
        &self.issues_state
    }

    /// The standup pane's selection, scroll and presenter view.
    pub fn standup_state(&self) -> &StandupState {
        &self.standup_state
    }

    /// The timeline's zoom, scroll, grouping and mode.
    pub fn timeline_state(&self) -> &TimelineState {
        &self.timeline_state
    }

    /// The timeline's rows, prepared for the next frame.
    pub fn timeline(&self) -> Option<&Rows> {
        self.timeline.as_ref()
    }

    /// The styles the screen is drawn in.
    pub fn theme(&self) -> &crate::tui::theme::Theme {
        &self.theme
    }
}
