//! The application state: the board, its undo history, the current pane,
//! each pane's selection, the filter, the overlay and the last message.
//!
//! Every change goes through [`App::perform`], which applies an action
//! through the session's history and marks the board for saving; the event
//! loop saves it at once and reports back through [`App::saved`]. Drawing
//! (in `render` and `panes`) only reads this.

use super::shared::SharedBoard;
use std::borrow::Cow;

use ratatui::layout::Rect;

use super::keymap::Keymap;
use super::layout;
use super::meeting::{Meeting, Plan, Turn, TurnKey};
use super::overlays::{Overlay, Subject};
use super::theme::Theme;
use super::timeline::{FlowCache, Mode, Row, Rows, RowsKey, TimelineState};
use super::view::View;
use crate::i18n::Locale;
use crate::model::{
    Action, Board, History, IssueFilter, LogEntry, Merged, Patch, StandupOrder, TaskFilter, TaskId,
    Timestamp,
};
use crate::text::capitalize;

pub use crate::keys::Pane;

/// Selection and scroll of the board pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardState {
    pub column: usize,
    pub card: usize,
    /// First visible card of each column.
    pub offsets: Vec<usize>,
    /// First visible column when not all fit.
    pub first_column: usize,
    /// In lanes mode: the first visible line of the lanes.
    pub lane_scroll: usize,
}

/// Selection and scroll of the RACI grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RaciState {
    /// The cursor is on the party header row (above the first task).
    pub header: bool,
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

/// Selection and scroll of the standup pane's list, and whether it shows
/// the presenter view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandupState {
    /// Among the selectable rows (cards and issues).
    pub row: usize,
    pub first_row: usize,
    pub presenter: bool,
}

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
    pub lines: Vec<super::panes::details::Line>,
}

/// The whole application state.
pub struct App {
    /// How to run a command as this app was started (`cargo run --release
    /// --`, `standup`), for the hints a new user reads.
    pub command: String,
    /// What `--board` names the open board by (`None`: the default one).
    pub board_choice: Option<String>,
    /// Shared with the saving thread while a save builds the board's text,
    /// so that handing it a snapshot copies nothing: a change made
    /// meanwhile waits for it (see [`unshared`]).
    pub board: SharedBoard,
    /// The moment the screen shows (refreshed by the event loop).
    pub now: Timestamp,
    pub pane: Pane,
    pub board_state: BoardState,
    pub raci_state: RaciState,
    pub issues_state: IssuesState,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Where the board lives, for the tab bar and messages.
    pub location: String,
    /// Changes not yet saved (the loop saves them as soon as typing pauses).
    pub dirty: bool,
    /// Counts changes, so that a save that finishes can tell whether the
    /// board changed again while it was being written.
    pub changes: u64,
    pub save_state: SaveState,
    pub history: History,
    /// Which cards the board pane shows.
    pub filter: TaskFilter,
    /// Which issues the queue shows.
    pub issue_filter: IssueFilter,
    /// Whether the board is grouped into swimlanes by owner.
    pub lanes: bool,
    pub view: View,
    /// Card details prepared by `follow_selection`: for the side panel and
    /// for the details overlay (two at most, one per place shown).
    pub panels: Vec<Panel>,
    /// The standup under way, resumed from the board's open record.
    pub meeting: Option<Meeting>,
    pub standup_state: StandupState,
    /// The current turn's agenda, prepared by `follow_selection`.
    pub turn: Option<Turn>,
    /// Who would speak, prepared by `follow_selection` before a meeting.
    pub plan: Option<Plan>,
    /// The meeting just ended, paused, so that undoing the end resumes it
    /// with its timers.
    ended_meeting: Option<Meeting>,
    /// Counts boards replaced wholesale (reloads, merges), which change the
    /// board without counting as changes made here.
    reloads: u64,
    /// The board is drawn but its log not yet read (see
    /// [`await_log`](Self::await_log)).
    pub log_pending: bool,
    pub timeline_state: TimelineState,
    /// The timeline's rows, prepared by `prepare_timeline`.
    pub timeline: Option<Rows>,
    /// The flow view's figures, prepared by `prepare_timeline`.
    pub flow: Option<FlowCache>,
    /// The config the app started with: a board created from the picker
    /// takes its columns, SLA targets and standup timing; the flow charts
    /// its first day of the week.
    pub config: crate::config::Config,
    /// The language and date format everything is written in.
    pub locale: Locale,
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

    /// The board as it is now.
    pub fn board(&self) -> &Board {
        &self.board
    }

    /// A handle on the board for a save (see [`SharedBoard::lend`]).
    pub fn lend_board(&self) -> super::shared::Lent {
        self.board.lend()
    }

    /// Whether the help overlay is open.
    pub fn help_open(&self) -> bool {
        self.overlay == Some(Overlay::Help)
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
        let selected = self.selected_task();
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
                let follow = applied
                    .created
                    .as_deref()
                    .and_then(|c| c.parse::<TaskId>().ok())
                    .filter(|id| self.board.tasks.contains_key(id))
                    .or(selected);
                if changed {
                    self.changed();
                }
                self.sync_meeting();
                self.view_after(&applied.patch, follow);
                self.say(tone, text);
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
        match self.history.undo(self.board.get_mut()) {
            Some(step) => {
                self.changed();
                self.sync_meeting();
                self.view_after(&step.inverse, step.tasks.first().copied());
                let said = self.locale.f("Undid: {0}", &[&step.label]);
                self.say(Tone::Info, said);
            }
            None => self.say(Tone::Info, self.locale.t("Nothing to undo")),
        }
    }

    /// Does again the last undone change.
    pub fn redo(&mut self) {
        match self.history.redo(self.board.get_mut()) {
            Some(step) => {
                self.changed();
                self.sync_meeting();
                self.view_after(&step.inverse, step.tasks.first().copied());
                let said = self.locale.f("Redid: {0}", &[&step.label]);
                self.say(Tone::Info, said);
            }
            None => self.say(Tone::Info, self.locale.t("Nothing to redo")),
        }
    }

    /// The board changed and needs saving.
    fn changed(&mut self) {
        self.dirty = true;
        self.changes += 1;
    }

    /// The loop saved the board: it is on disk now.
    pub fn saved(&mut self) {
        self.dirty = false;
        self.save_state = SaveState::Saved;
        if let Some(m) = &mut self.message
            && m.tone != Tone::Error
        {
            m.text = self.locale.f("{0} · saved", &[&m.text]);
        }
    }

    /// A save of the board as it stood after change number `upto` finished.
    /// If the board changed again meanwhile, those changes still wait.
    pub fn saved_up_to(&mut self, upto: u64) {
        if upto == self.changes {
            self.saved();
        } else {
            self.save_state = SaveState::Saved;
        }
    }

    /// A save of `snapshot` (the board after change number `upto`) found
    /// the file changed elsewhere and wrote the merge of both. Changes made
    /// here since the snapshot are carried onto the merged board, and still
    /// wait to be saved.
    pub fn merged_up_to(&mut self, merged: Merged, snapshot: &Board, upto: u64) {
        if upto == self.changes {
            self.merged(merged);
            return;
        }
        let mut rebased = crate::model::merge(snapshot, &self.board, &merged.board);
        rebased.notes.splice(0..0, merged.notes);
        for (old, new) in merged.renumbered {
            rebased.renumbered.entry(old).or_insert(new);
        }
        self.merged(rebased);
        self.dirty = true;
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

    /// A save went through, but something about it needs saying (a
    /// version not kept in backups/).
    pub fn save_warning(&mut self, warning: &str) {
        let said = self.locale.f("Saved, but {0}", &[&warning]);
        self.say(Tone::Warning, said);
    }

    /// The loop could not save: keep the change, say why, try again later.
    pub fn save_failed(&mut self, reason: String) {
        self.save_state = SaveState::Failed(reason.clone());
        let said = self.locale.f(
            "NOT SAVED: {0} It will be tried again on the next change.",
            &[&reason],
        );
        self.say(Tone::Error, said);
    }

    /// The file had changed on disk and our changes were merged into it:
    /// carry on from the merged board. The undo history ends here, since
    /// its steps were recorded against the board before the merge.
    pub fn merged(&mut self, merged: Merged) {
        // The card selected may be one the merge renumbered: follow it, so
        // that the next key acts on it and not on whoever now has its id.
        let selected = self.selected_task().map(|id| {
            merged
                .renumbered
                .get(&id.to_string())
                .and_then(|new| new.parse().ok())
                .unwrap_or(id)
        });
        self.board.replace(merged.board);
        self.reloads += 1;
        self.history.clear();
        self.sync_meeting();
        self.dirty = false;
        self.save_state = SaveState::Saved;
        self.refresh_following(selected);
        let mut text = match &self.message {
            Some(m) if m.tone != Tone::Error => self.locale.f("{0} · saved", &[&m.text]),
            _ => self.locale.t("Saved").to_string(),
        };
        text.push_str(
            self.locale
                .t(", merged with changes made elsewhere (undo starts afresh)"),
        );
        if !merged.notes.is_empty() {
            text.push_str(": ");
            text.push_str(&merged.notes.join("; "));
        }
        self.say(Tone::Warning, text);
    }

    /// Draws the board before its log is read (see
    /// [`crate::store::from_json_without_log`]): what is drawn from the log,
    /// the header's since-standup summary, a card's age in its column and
    /// its history, is left out until [`log_read`](Self::log_read) rather
    /// than shown empty or wrong.
    pub fn await_log(&mut self) {
        self.log_pending = true;
        self.view.since = None;
    }

    /// Puts the board's log in place once read, and builds again what is
    /// drawn from it.
    pub fn log_read(&mut self, log: Vec<LogEntry>) {
        self.board.get_mut().attach_log(log);
        self.log_pending = false;
        self.reloads += 1;
        self.refresh();
    }

    /// Another program changed the file while nothing here was unsaved:
    /// show its version.
    pub fn reloaded(&mut self, board: Board) {
        let selected = self.selected_task();
        self.board.replace(board);
        self.reloads += 1;
        self.history.clear();
        self.sync_meeting();
        self.refresh_following(selected);
        self.say(
            Tone::Info,
            self.locale
                .t("The board changed on disk; showing the new version"),
        );
    }

    /// Rebuilds what the panes draw from after the board, the filter or the
    /// lanes changed, keeping the selected card selected.
    pub fn refresh(&mut self) {
        let selected = self.selected_task();
        self.refresh_following(selected);
    }

    /// Updates the view after a change (whose undo patch is `before`) and
    /// selects `follow` if it is still shown.
    fn view_after(&mut self, before: &Patch, follow: Option<TaskId>) {
        self.view
            .after_change(&self.board, self.now, &self.filter, self.lanes, before);
        self.views += 1;
        self.filter_issues();
        self.select(follow);
    }

    /// Rebuilds the view and selects `follow` if it is still shown.
    pub fn refresh_following(&mut self, follow: Option<TaskId>) {
        self.view = View::build(&self.board, self.now, &self.filter, self.lanes);
        self.views += 1;
        self.filter_issues();
        self.select(follow);
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
    pub(super) fn step(&mut self, dx: isize, dy: isize) {
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
                let rows = super::panes::standup::rows(self);
                let n = super::panes::standup::item_lines(&rows).len();
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
                    let origin = s
                        .origin
                        .unwrap_or_else(|| super::timeline::default_origin(s.zoom, today, s.cells));
                    let days = s.zoom.step_days() * dx.signum() as i64;
                    s.origin = Some(origin + chrono::Duration::days(days));
                }
            }
        }
    }

    /// The task on the timeline's selected row.
    fn selected_timeline_task(&self) -> Option<TaskId> {
        let rows = self.timeline.as_ref()?;
        let row = rows.items.get(self.timeline_state.item)?;
        match rows.rows.get(*row)? {
            Row::Task(id) => Some(*id),
            Row::Group { .. } => None,
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
            let rows =
                super::timeline::rows(&self.board, &visible, key.grouping, key, self.locale.lang);
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
                    super::timeline::FLOW_WEEKS,
                    self.config.week_start,
                );
                self.flow = Some(FlowCache { key, flow });
            }
        }
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

    /// The standup list's row under the cursor.
    fn standup_item(&self) -> Option<super::panes::standup::Row> {
        let rows = super::panes::standup::rows(self);
        let lines = super::panes::standup::item_lines(&rows);
        lines
            .get(self.standup_state.row)
            .and_then(|i| rows.get(*i).cloned())
    }

    /// The card under the cursor (in the standup pane: the selected row, if
    /// it is a card).
    pub fn selected_task(&self) -> Option<TaskId> {
        if self.pane == Pane::Standup {
            return match self.standup_item() {
                Some(super::panes::standup::Row::Card(id)) => Some(id),
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
                Some(super::panes::standup::Row::Issue(id)) => Some(id),
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

impl App {
    /// Builds the current turn's agenda when the turn, the board or the
    /// minute changed, keeps the selected card or issue selected, and
    /// scrolls the list to it.
    fn prepare_turn(&mut self, body: Rect) {
        self.refresh_turn();
        if self.meeting.is_none() {
            self.prepare_plan();
            return;
        }
        let rows = super::panes::standup::rows(self);
        let items = super::panes::standup::item_lines(&rows);
        let s = &mut self.standup_state;
        s.row = s.row.min(items.len().saturating_sub(1));
        let list = super::panes::standup::areas(body).list;
        let visible = usize::from(list.height);
        match items.get(s.row) {
            Some(line) => {
                // Keep the section heading above the first item in view.
                let target = if s.row == 0 { 0 } else { *line };
                s.first_row = scroll_to(s.first_row, target, visible, rows.len());
                s.first_row = scroll_to(s.first_row, *line, visible, rows.len());
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
            self.turn = Some(Turn { key, agenda, since });
            let rows = super::panes::standup::rows(self);
            let items = super::panes::standup::item_lines(&rows);
            self.standup_state.row = match before {
                Some(item) => items
                    .iter()
                    .position(|i| rows[*i] == item)
                    .unwrap_or(self.standup_state.row),
                None if !same_stop => 0,
                None => self.standup_state.row,
            };
        }
    }

    /// Builds the panels shown now (the card details of the side panel and
    /// the details overlay, the explanation overlay) when what they show
    /// changed, and forgets the others.
    fn prepare_panels(&mut self, side: Option<Rect>, screen: Rect) {
        let mut wanted = Vec::new();
        if let (Some(area), Some(task), Pane::Board) = (side, self.selected_task(), self.pane) {
            let width = super::panes::details::panel_inner(area).width;
            wanted.push(self.panel_key(Shown::Card(task), usize::from(width)));
        }
        match &self.overlay {
            Some(Overlay::Details { task, .. }) => {
                if let Some(body) = super::layout::details_body(screen) {
                    wanted.push(self.panel_key(Shown::Card(*task), usize::from(body.width)));
                }
            }
            Some(Overlay::Explain { subject, .. }) => {
                let width = super::layout::explain_width(screen);
                wanted.push(self.panel_key(Shown::Explained(subject.clone()), width));
            }
            _ => {}
        }
        self.panels.retain(|p| wanted.contains(&p.key));
        for key in wanted {
            if !self.panels.iter().any(|p| p.key == key) {
                let lines = self.panel_lines(&key.shown, key.width);
                self.panels.push(Panel { key, lines });
            }
        }
    }

    /// The lines of a panel showing `shown`, `width` cells wide.
    fn panel_lines(&self, shown: &Shown, width: usize) -> Vec<super::panes::details::Line> {
        match shown {
            Shown::Card(task) => super::panes::details::lines(self, *task, width),
            Shown::Explained(subject) => super::panes::explain::lines(self, subject, width),
        }
    }

    /// The lines of a panel as `follow_selection` prepared them, or built
    /// now when they were not (a frame drawn without it, in tests).
    pub fn prepared(&self, shown: Shown, width: usize) -> Cow<'_, [super::panes::details::Line]> {
        let key = self.panel_key(shown, width);
        match self.panels.iter().find(|p| p.key == key) {
            Some(panel) => Cow::Borrowed(&panel.lines),
            None => Cow::Owned(self.panel_lines(&key.shown, width)),
        }
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
