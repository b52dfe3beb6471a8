//! The application state: the board, its undo history, the current pane,
//! each pane's selection, the filter, the overlay and the last message.
//!
//! Every change goes through [`App::perform`], which applies an action
//! through the session's history and marks the board for saving; the event
//! loop saves it at once and reports back through [`App::saved`]. Drawing
//! (in `render` and `panes`) only reads this.

mod importing;
mod links;
mod log_index;
mod prepare;
mod read;
mod saving;
mod selection;

use selection::Held;

use crate::tui::shared::SharedBoard;

use crate::i18n::Locale;
use crate::model::{Action, Board, History, IssueFilter, TaskFilter, TaskId, Timestamp};
use crate::text::capitalize;
use crate::tui::keymap::Keymap;
use crate::tui::meeting::{Meeting, Plan, Turn};
use crate::tui::overlays::Overlay;
use crate::tui::theme::Theme;
use crate::tui::timeline::{FlowCache, Rows, TimelineState};
use crate::tui::view::View;

pub use crate::keys::Pane;

pub use super::panes::board::BoardState;
pub use super::panes::issues::IssuesState;
pub use super::panes::raci::RaciState;
pub use super::panes::standup::StandupState;
pub use prepare::{Panel, PanelKey, Shown};

/// How a message reads: news, a caution, or something that went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

/// The footer's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

/// Whether the board on screen is the board on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since the board was opened.
    Clean,
    Saved,
    /// The last save failed, for this reason; the change is in memory and
    /// the next change (or quitting) tries again.
    Failed(String),
}

/// The whole application state.
pub struct App {
    /// How to run a command as this app was started (`cargo run --release
    /// --`, `standup`), for the hints a new user reads.
    pub(super) command: String,
    /// What `--board` names the open board by (`None`: the default one).
    pub(super) board_choice: Option<String>,
    /// Shared with the saving thread while a save builds the board's text,
    /// so that handing it a snapshot copies nothing: a change made
    /// meanwhile waits for it (see [`unshared`]).
    pub(super) board: SharedBoard,
    /// The moment the screen shows (refreshed by the event loop).
    pub(super) now: Timestamp,
    pub(super) pane: Pane,
    pub(super) board_state: BoardState,
    pub(super) raci_state: RaciState,
    pub(super) issues_state: IssuesState,
    pub(super) overlay: Option<Overlay>,
    pub(super) message: Option<Message>,
    pub(super) keymap: Keymap,
    pub(super) theme: Theme,
    /// Where the board lives, for the tab bar and messages.
    pub(super) location: String,
    /// Changes not yet saved (the loop saves them as soon as typing pauses).
    pub(super) dirty: bool,
    /// Counts changes, so that a save that finishes can tell whether the
    /// board changed again while it was being written.
    pub(super) changes: u64,
    pub(super) save_state: SaveState,
    pub(super) history: History,
    /// Which cards the board pane shows.
    pub(super) filter: TaskFilter,
    /// Which issues the queue shows.
    pub(super) issue_filter: IssueFilter,
    /// Whether the board is grouped into swimlanes by owner.
    pub(super) lanes: bool,
    pub(super) view: View,
    /// Card details prepared by `follow_selection`: for the side panel and
    /// for the details overlay (two at most, one per place shown).
    pub(super) panels: Vec<Panel>,
    /// The standup under way, resumed from the board's open record.
    pub(super) meeting: Option<Meeting>,
    /// Each record's entries in the log, for the card details' history.
    pub(crate) log_index: log_index::LogIndex,
    /// The cards waiting on each card and its issues, for the same panel.
    pub(crate) links: links::Links,
    pub(super) standup_state: StandupState,
    /// The current turn's agenda, prepared by `follow_selection`.
    pub(super) turn: Option<Turn>,
    /// Who would speak, prepared by `follow_selection` before a meeting.
    pub(super) plan: Option<Plan>,
    /// The meeting just ended, paused, so that undoing the end resumes it
    /// with its timers.
    ended_meeting: Option<Meeting>,
    /// Counts boards replaced wholesale (reloads, merges), which change the
    /// board without counting as changes made here.
    pub(super) reloads: u64,
    /// The board is drawn but its log not yet read (see
    /// [`await_log`](Self::await_log)).
    pub(super) log_pending: bool,
    pub(super) timeline_state: TimelineState,
    /// The timeline's rows, prepared by `prepare_timeline`.
    pub(super) timeline: Option<Rows>,
    /// The flow view's figures, prepared by `prepare_timeline`.
    pub(super) flow: Option<FlowCache>,
    /// The config the app started with: a board created from the picker
    /// takes its columns, SLA targets and standup timing; the flow charts
    /// its first day of the week.
    pub(super) config: crate::config::Config,
    /// The language and date format everything is written in.
    pub(super) locale: Locale,
    /// Counts rebuilds of the view (changes, filters, undo), which the
    /// timeline's rows are built from.
    views: u64,
}

impl App {
    pub fn new(board: Board, now: Timestamp, location: String, theme: Theme) -> App {
        let view = View::build(&board, now, &TaskFilter::default(), false);
        let meeting = Meeting::resume(&board, now);
        App {
            command: "standup".into(),
            board_choice: None,
            board: SharedBoard::new(board),
            now,
            pane: Pane::Board,
            board_state: BoardState::default(),
            raci_state: RaciState::default(),
            issues_state: IssuesState::default(),
            overlay: None,
            message: None,
            keymap: Keymap::default(),
            theme,
            location,
            dirty: false,
            changes: 0,
            save_state: SaveState::Clean,
            history: History::default(),
            filter: TaskFilter::default(),
            issue_filter: IssueFilter::default(),
            lanes: false,
            view,
            panels: Vec::new(),
            meeting,
            log_index: log_index::LogIndex::default(),
            links: links::Links::default(),
            standup_state: StandupState::default(),
            turn: None,
            plan: None,
            ended_meeting: None,
            reloads: 0,
            log_pending: false,
            timeline_state: TimelineState::default(),
            timeline: None,
            flow: None,
            config: crate::config::Config::default(),
            locale: Locale::default(),
            views: 0,
        }
    }

    /// Opens the board picker on `entries`, the cursor on the board open
    /// now (at `current`).
    pub fn show_boards(
        &mut self,
        entries: Vec<crate::store::boards::BoardEntry>,
        current: &std::path::Path,
    ) {
        let same = |p: &std::path::Path| match (p.canonicalize(), current.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => p == current,
        };
        let current = entries.iter().position(|e| same(&e.path));
        self.overlay = Some(Overlay::Boards {
            selected: current.unwrap_or(0),
            entries,
            current,
        });
    }

    /// Carries on with another board, as if the app had just started on it
    /// (the theme and key bindings stay).
    pub fn switch_board(&mut self, board: Board, location: String) {
        let mut next = App::new(board, self.now, location, self.theme);
        next.keymap = std::mem::take(&mut self.keymap);
        next.config = std::mem::take(&mut self.config);
        next.locale = std::mem::take(&mut self.locale);
        let name = if next.board.name.is_empty() {
            next.location.clone()
        } else {
            next.board.name.clone()
        };
        *self = next;
        let said = self.locale.f("Switched to {0}", &[&name]);
        self.say(Tone::Info, said);
    }

    /// Reads keys by `keymap` from now on (a config's bindings).
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// Draws in `theme` from now on.
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }

    /// Speaks `locale` from now on.
    pub fn set_locale(&mut self, locale: Locale) {
        self.locale = locale;
    }

    /// Whether the help overlay is open.
    pub fn help_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Help { .. }))
    }

    /// Moves the clock; the alert counts follow when the minute changes
    /// (counting them walks every task, so not on every key).
    pub fn set_now(&mut self, now: Timestamp) {
        let minute = |t: Timestamp| t.timestamp().div_euclid(60);
        let recount = minute(now) != minute(self.now);
        self.now = now;
        if recount {
            self.view.alerts = self.board.alerts(now);
            self.view.metrics = crate::model::triage::metrics(&self.board, now);
            self.view.since = Some(self.board.since_summary(now));
        }
    }

    /// Says something in the footer.
    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    /// Applies an action as a user change: through the undo history, then
    /// marked for the loop to save. The footer says what happened (or why
    /// not); a refusal's words are returned too, for a form or prompt to
    /// show beside the field.
    pub fn perform(&mut self, action: &Action) -> Result<(), String> {
        let held = self.hold();
        let l = self.locale.lang;
        let label = action.summary(&self.board, l);
        // The footer says it as done; the undo history as it was asked.
        let mut text = capitalize(&action.done(&self.board, l));
        match self
            .history
            .apply_labelled(self.board.get_mut(), action, self.now, label)
        {
            Ok(applied) => {
                let changed = !applied.patch.is_noop(&self.board);
                if let Some(created) = &applied.created {
                    match action {
                        Action::AddTask(_) => text = l.f("Added {0}", &[created]),
                        Action::AddIssue(_) => text = l.f("Raised {0}", &[created]),
                        _ => {}
                    }
                }
                let mut tone = Tone::Info;
                for warning in &applied.warnings {
                    text.push_str(" · ");
                    text.push_str(&warning.localized(l));
                    tone = Tone::Warning;
                }
                if !changed {
                    text = l.f("{0}: nothing changed", &[&text]);
                }
                // What was created is selected; else what was selected stays.
                let created = applied.created.as_deref();
                let held = Held {
                    task: created
                        .and_then(|c| c.parse::<TaskId>().ok())
                        .filter(|id| self.board.tasks.contains_key(id))
                        .or(held.task),
                    issue: created
                        .and_then(|c| c.parse::<crate::model::IssueId>().ok())
                        .filter(|id| self.board.issues.contains_key(id))
                        .or(held.issue),
                    ..held
                };
                if changed {
                    self.changed();
                }
                self.sync_meeting();
                self.say(tone, text);
                self.view_after(&applied.patch, held);
                Ok(())
            }
            Err(e) => {
                let why = capitalize(&e.localized(l));
                self.say(Tone::Error, why.clone());
                Err(why)
            }
        }
    }

    /// Takes back the last change of this session.
    pub fn undo(&mut self) {
        let held = self.hold();
        match self.history.undo(self.board.get_mut()) {
            Some(step) => {
                self.changed();
                self.sync_meeting();
                let said = self.locale.f("Undid: {0}", &[&step.label]);
                self.say(Tone::Info, said);
                // The card the undo touched is shown; else the selection stays.
                let held = Held {
                    task: step.tasks.first().copied().or(held.task),
                    ..held
                };
                self.view_after(&step.inverse, held);
            }
            None => self.say(Tone::Info, self.locale.t("Nothing to undo")),
        }
    }

    /// Does again the last undone change.
    pub fn redo(&mut self) {
        let held = self.hold();
        match self.history.redo(self.board.get_mut()) {
            Some(step) => {
                self.changed();
                self.sync_meeting();
                let said = self.locale.f("Redid: {0}", &[&step.label]);
                self.say(Tone::Info, said);
                let held = Held {
                    task: step.tasks.first().copied().or(held.task),
                    ..held
                };
                self.view_after(&step.inverse, held);
            }
            None => self.say(Tone::Info, self.locale.t("Nothing to redo")),
        }
    }

    /// The board changed and needs saving.
    fn changed(&mut self) {
        self.dirty = true;
        self.changes += 1;
    }

    /// Keeps the meeting in step with the board's open standup record
    /// after a change, an undo or a reload: started, ended or taken back.
    fn sync_meeting(&mut self) {
        let open = self.board.open_standup().map(|r| r.started);
        match (&self.meeting, open) {
            (Some(m), Some(started)) if m.started == started => {}
            (_, Some(started)) => {
                self.meeting = match self.ended_meeting.take() {
                    Some(mut m) if m.started == started => {
                        m.toggle_pause(self.now);
                        Some(m)
                    }
                    _ => Meeting::resume(&self.board, self.now),
                };
            }
            (Some(_), None) => {
                let mut ended = self.meeting.take();
                if let Some(m) = &mut ended
                    && !m.paused()
                {
                    m.toggle_pause(self.now);
                }
                self.ended_meeting = ended;
                self.standup_state = StandupState::default();
            }
            (None, None) => {}
        }
    }

    /// An issue's clock in words, its SLA facts read from its own log
    /// entries (the view indexes where they stand).
    pub fn clock(&self, issue: &crate::model::Issue) -> (String, crate::model::triage::ClockState) {
        let facts = self.view.sla.facts(&self.board, issue, self.now);
        self.board
            .clock_with(issue, &facts, self.now, self.locale.lang)
    }

    /// The start of a command line that works as the app was started, on
    /// this board: `cargo run --release -- --board campaign`.
    pub fn hint(&self) -> String {
        crate::invocation::with_board(&self.command, self.board_choice.as_deref())
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
        assert_eq!(capitalize("move T-3"), "Move T-3");
    }
}
