//! Keys and pasted text → changes to the [`App`]. An open overlay takes the
//! keys first; otherwise the keymap turns a key into a command for the
//! current pane. Board changes become actions through `App::perform`.

use crate::i18n::mark;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Pane, Tone};
use super::form::{FormOutcome, TaskForm, cycle, matching_columns, matching_parties, picked_party};
use super::issue_form::IssueForm;
use super::keymap::Command;
use super::overlay::{Confirm, Overlay, Prompt, Purpose, Subject, Yes};
use crate::model::settings::{BadSettings, RaciLimits};
use crate::model::{Action, IssueFilter, StandupOrder, TaskFilter};
use crate::text::fit;

impl App {
    /// Handles one key press.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        self.key(key);
        self.prepare_timeline();
        self.refresh_turn();
    }

    fn key(&mut self, key: &KeyEvent) {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c {
            // Quitting keeps what was typed in an open form, when it is valid.
            self.submit_open_form();
            self.quit = true;
            return;
        }
        if let Some(overlay) = self.overlay.take() {
            self.overlay_key(overlay, key);
            return;
        }
        let Some(command) = self.keymap.lookup(self.pane, key) else {
            return;
        };
        self.message = None;
        self.command(command);
    }

    /// Pasted text: into the open form or prompt, else ignored.
    pub fn handle_paste(&mut self, text: &str) {
        match &mut self.overlay {
            Some(Overlay::Form(form)) => form.paste(text),
            Some(Overlay::IssueForm(form)) => form.paste(text),
            Some(Overlay::Prompt(prompt)) => {
                prompt.line.insert(text);
                prompt.choice = 0;
                let (purpose, typed) = (prompt.purpose.clone(), prompt.line.text());
                self.live_filter(&purpose, typed);
            }
            _ => {}
        }
    }

    /// Submits an open card form if what it holds is valid: used when the
    /// app is about to exit, so that typed work is not thrown away.
    pub fn submit_open_form(&mut self) {
        let actions = match &self.overlay {
            Some(Overlay::Form(form)) => form
                .to_action(&self.board, self.now.date_naive(), self.locale.lang)
                .ok()
                .map(|a| vec![a]),
            Some(Overlay::IssueForm(form)) => form
                .to_actions(&self.board, self.now, self.locale.lang)
                .ok(),
            _ => None,
        };
        if let Some(actions) = actions {
            self.overlay = None;
            for action in &actions {
                self.perform(action);
            }
        }
    }

    fn command(&mut self, command: Command) {
        match command {
            Command::Quit => {
                self.quit = true;
            }
            Command::Help => self.overlay = Some(Overlay::Help),
            Command::Cancel if self.pane == Pane::Issues => {
                if !self.issue_filter.is_empty() {
                    self.issue_filter = IssueFilter::default();
                    self.refresh();
                    self.say(Tone::Info, self.locale.t("Filter cleared"));
                }
            }
            Command::Filter if self.pane == Pane::Issues => {
                let text = self.issue_filter.text.clone();
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::IssueText,
                    self.locale.t("Filter issues:").into(),
                    &text,
                )));
            }
            Command::FilterMenu if self.pane == Pane::Issues => {
                self.overlay = Some(Overlay::IssueFilterMenu)
            }
            Command::Cancel if self.pane == Pane::Standup => {
                self.standup_state.presenter = false;
            }
            Command::Cancel => {
                if matches!(self.pane, Pane::Board | Pane::Raci | Pane::Timeline)
                    && !self.filter.is_empty()
                {
                    self.filter = TaskFilter::default();
                    self.refresh();
                    self.say(Tone::Info, self.locale.t("Filter cleared"));
                }
            }
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
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::MoveCardLeft => self.move_card(-1),
            Command::MoveCardRight => self.move_card(1),
            Command::MoveCardUp => self.reorder_card(-1),
            Command::MoveCardDown => self.reorder_card(1),
            Command::Finish => self.finish_card(),
            Command::StartByParty => self.start_standup(StandupOrder::Party),
            Command::StartWalk => self.start_standup(StandupOrder::Board),
            Command::NextSpeaker => self.next_speaker(1),
            Command::PrevSpeaker => self.next_speaker(-1),
            Command::Pause => {
                let now = self.now;
                if let Some(m) = &mut self.meeting {
                    let running = m.toggle_pause(now);
                    self.say(
                        Tone::Info,
                        if running {
                            self.locale.t("Timers running")
                        } else {
                            self.locale.t("Paused")
                        },
                    );
                } else {
                    self.no_meeting();
                }
            }
            Command::Park => self.meeting_prompt(Purpose::ParkTopic, mark("Park which topic?")),
            Command::Decide => {
                self.meeting_prompt(Purpose::DecisionText, mark("What was decided?"))
            }
            Command::Present => {
                if self.meeting.is_some() {
                    self.standup_state.presenter = !self.standup_state.presenter;
                } else {
                    self.no_meeting();
                }
            }
            Command::EndStandup => {
                if let Some(m) = &self.meeting {
                    let minutes = m.elapsed(self.now) / 60;
                    self.overlay = Some(Overlay::Confirm(Confirm {
                        question: self.locale.f(
                            "End the standup ({0} min) and write the minutes?",
                            &[&minutes],
                        ),
                        yes: Yes::EndStandup,
                    }));
                } else {
                    self.no_meeting();
                }
            }
            Command::Boards => self.boards_wanted = true,
            Command::ZoomIn | Command::ZoomOut => {
                let s = &mut self.timeline_state;
                let old = s.zoom;
                s.zoom = if command == Command::ZoomIn {
                    old.zoom_in()
                } else {
                    old.zoom_out()
                };
                // A day scrolled to stays in the middle of the chart.
                if let Some(origin) = s.origin {
                    let half = i64::from(s.cells / 2);
                    let middle = origin + chrono::Duration::days(old.days(half));
                    s.origin = Some(middle - chrono::Duration::days(s.zoom.days(half)));
                }
                let said = match self.timeline_state.zoom {
                    super::timeline::Zoom::Day => self.locale.t("Zoom: a day view"),
                    super::timeline::Zoom::Week => self.locale.t("Zoom: a week view"),
                    super::timeline::Zoom::Month => self.locale.t("Zoom: a month view"),
                };
                self.say(Tone::Info, said);
            }
            Command::Today => {
                self.timeline_state.origin = None;
                self.say(Tone::Info, self.locale.t("Back to today"));
            }
            Command::FlowView => {
                use super::timeline::Mode;
                let s = &mut self.timeline_state;
                s.mode = match s.mode {
                    Mode::Gantt => Mode::Flow,
                    Mode::Flow => Mode::Gantt,
                };
            }
            Command::Conflicts => {
                if self.board.conflicts.is_empty() {
                    self.say(Tone::Info, self.locale.t("No conflicts to settle"));
                } else {
                    self.overlay = Some(Overlay::Conflicts { selected: 0 });
                }
            }
            Command::RaiseIssue => {
                let mut form = IssueForm::new_issue();
                if let Some(code) = self.speaker_code() {
                    form.owner = super::form::PartyPicker::new(&code);
                    form.parties = super::line::LineEditor::new(&code);
                }
                self.overlay = Some(Overlay::IssueForm(Box::new(form)));
            }
            Command::NewCard if self.pane == Pane::Standup => {
                if let Some(first) = self.board.columns.first() {
                    let mut form = TaskForm::new_card(&first.id);
                    if let Some(code) = self.speaker_code() {
                        form.owner = super::form::PartyPicker::new(&code);
                    }
                    self.overlay = Some(Overlay::Form(Box::new(form)));
                }
            }
            Command::Edit | Command::Details if self.pane == Pane::Standup => {
                if let Some(id) = self.selected_issue() {
                    if command == Command::Edit {
                        if let Some(issue) = self.board.issues.get(&id) {
                            self.overlay =
                                Some(Overlay::IssueForm(Box::new(IssueForm::edit(issue))));
                        }
                    } else {
                        self.overlay = Some(Overlay::Explain {
                            subject: Subject::Issue(id),
                            scroll: 0,
                        });
                    }
                } else if command == Command::Edit {
                    self.edit_card();
                } else if let Some(task) = self.selected_task() {
                    self.overlay = Some(Overlay::Details { task, scroll: 0 });
                }
            }
            Command::NewCard if self.pane == Pane::Issues => {
                self.overlay = Some(Overlay::IssueForm(Box::new(IssueForm::new_issue())));
            }
            Command::Edit if self.pane == Pane::Issues => {
                if let Some(issue) = self
                    .selected_issue()
                    .and_then(|id| self.board.issues.get(&id))
                {
                    self.overlay = Some(Overlay::IssueForm(Box::new(IssueForm::edit(issue))));
                }
            }
            Command::NewCard if self.pane == Pane::Timeline => {
                if let Some(first) = self.board.columns.first() {
                    self.overlay = Some(Overlay::Form(Box::new(TaskForm::new_card(&first.id))));
                }
            }
            Command::NewCard => {
                if let Some(col) = self.selected_column() {
                    self.overlay = Some(Overlay::Form(Box::new(TaskForm::new_card(&col.id))));
                }
            }
            Command::Details if self.pane == Pane::Raci => self.explain(),
            Command::Details if self.pane == Pane::Issues => {
                if let Some(id) = self.selected_issue() {
                    self.overlay = Some(Overlay::Explain {
                        subject: Subject::Issue(id),
                        scroll: 0,
                    });
                }
            }
            Command::Details => {
                if let Some(task) = self.selected_task() {
                    self.overlay = Some(Overlay::Details { task, scroll: 0 });
                }
            }
            Command::Edit => self.edit_card(),
            Command::Delete => self.delete_card(),
            Command::Block => self.block_card(),
            Command::Filter => {
                let text = self.filter.text.clone();
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::FilterText,
                    self.locale.t("Filter cards:").into(),
                    &text,
                )));
            }
            Command::FilterMenu => self.overlay = Some(Overlay::FilterMenu),
            Command::Lanes if self.pane == Pane::Timeline => {
                use super::timeline::Grouping;
                let s = &mut self.timeline_state;
                s.grouping = match s.grouping {
                    Grouping::Owner => Grouping::Column,
                    Grouping::Column => Grouping::Owner,
                };
                let by = match s.grouping {
                    Grouping::Owner => self.locale.t("Grouped by owner"),
                    Grouping::Column => self.locale.t("Grouped by column"),
                };
                self.say(Tone::Info, by);
            }
            Command::Lanes => {
                self.lanes = !self.lanes;
                self.refresh();
                self.say(
                    Tone::Info,
                    if self.lanes {
                        self.locale.t("Swimlanes by owner")
                    } else {
                        self.locale.t("Swimlanes off")
                    },
                );
            }
            Command::AddColumn => {
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::AddColumn,
                    self.locale.t("New column name:").into(),
                    "",
                )))
            }
            Command::RenameColumn => {
                if let Some(col) = self.selected_column() {
                    let prompt = Prompt::new(
                        Purpose::RenameColumn(col.id.clone()),
                        self.locale.f("Rename column {0} to:", &[&col.name]),
                        &col.name,
                    );
                    self.overlay = Some(Overlay::Prompt(prompt));
                }
            }
            Command::SetWip => {
                if let Some(col) = self.selected_column() {
                    let prompt = Prompt::new(
                        Purpose::SetWip(col.id.clone()),
                        self.locale
                            .f("WIP limit for {0} (empty: no limit):", &[&col.name]),
                        &col.wip.map(|w| w.to_string()).unwrap_or_default(),
                    );
                    self.overlay = Some(Overlay::Prompt(prompt));
                }
            }
            Command::ColumnLeft | Command::ColumnRight => {
                let at = self.board_state.column;
                let to = if command == Command::ColumnLeft {
                    at.checked_sub(1)
                } else {
                    Some(at + 1).filter(|t| *t < self.board.columns.len())
                };
                if let (Some(col), Some(to)) = (self.selected_column(), to) {
                    let action = Action::MoveColumn {
                        column: col.id.clone(),
                        position: to,
                    };
                    if self.perform(&action) {
                        self.board_state.column = to;
                        self.refresh();
                    }
                }
            }
            Command::SetRole(role) => self.set_role(Some(role)),
            Command::ClearRole => self.set_role(None),
            Command::AddParty => {
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::AddParty,
                    self.locale.t("New party (a name, or code:name):").into(),
                    "",
                )))
            }
            Command::RenameParty => {
                if let Some(party) = self.selected_party() {
                    let prompt = Prompt::new(
                        Purpose::RenameParty(party.code.clone()),
                        self.locale
                            .f("Rename {0} ({1}) to:", &[&party.name, &party.code]),
                        &party.name,
                    );
                    self.overlay = Some(Overlay::Prompt(prompt));
                }
            }
            Command::RemoveParty => self.remove_party(),
            Command::PartyLeft | Command::PartyRight => {
                let at = self.raci_state.party;
                let to = if command == Command::PartyLeft {
                    at.checked_sub(1)
                } else {
                    Some(at + 1).filter(|t| *t < self.board.parties.len())
                };
                if let (Some(party), Some(to)) = (self.selected_party(), to) {
                    let action = Action::MoveParty {
                        party: party.code.clone(),
                        position: to,
                    };
                    if self.perform(&action) {
                        self.raci_state.party = to;
                    }
                }
            }
            Command::Acknowledge => {
                if let Some(id) = self.selected_issue() {
                    self.perform(&Action::AcknowledgeIssue { id });
                }
            }
            Command::CloseIssue => {
                if let Some(id) = self.selected_issue() {
                    self.perform(&Action::CloseIssue { id });
                }
            }
            Command::Reopen => {
                if let Some(id) = self.selected_issue() {
                    self.perform(&Action::ReopenIssue { id });
                }
            }
            Command::Resolve => self.issue_prompt(Purpose::Resolve, mark("Resolve {0}: how?")),
            Command::SetIssueOwner => self.issue_prompt(
                Purpose::IssueOwner,
                mark("New owner of {0} (empty: nobody):"),
            ),
            Command::Escalate => {
                self.issue_prompt(Purpose::Escalate, mark("Escalate {0}, because:"))
            }
            Command::SlaTargets => {
                let prompt = Prompt::new(
                    Purpose::SlaTargets,
                    self.locale.t("SLA respond/resolve, P1 to P5:").into(),
                    &self.board.settings.sla.to_string(),
                );
                self.overlay = Some(Overlay::Prompt(prompt));
            }
            Command::RaciLimits => {
                let limits = self.board.settings.raci;
                let prompt = Prompt::new(
                    Purpose::RaciLimits,
                    self.locale
                        .t("Limits: R warn, C max, overload R, overload A:")
                        .into(),
                    &format!(
                        "{} {} {} {}",
                        limits.responsible_warn,
                        limits.consulted_max,
                        limits.overload_r,
                        limits.overload_a
                    ),
                );
                self.overlay = Some(Overlay::Prompt(prompt));
            }
            Command::DeleteColumn => {
                if let Some(col) = self.selected_column() {
                    let question = self.locale.f("Delete column {0}?", &[&col.name]);
                    let action = Action::DeleteColumn {
                        column: col.id.clone(),
                    };
                    self.overlay = Some(Overlay::Confirm(Confirm {
                        question,
                        yes: Yes::Apply(Box::new(action)),
                    }));
                }
            }
        }
    }

    /// The party whose turn it is in the standup, if the turn is a party's.
    fn speaker_code(&self) -> Option<String> {
        match self.meeting.as_ref()?.stop()? {
            crate::model::standup::Stop::Party(code) => Some(code.clone()),
            _ => None,
        }
    }

    fn no_meeting(&mut self) {
        self.say(
            Tone::Info,
            self.locale
                .t("No standup running: s starts one party by party, w walking the board"),
        );
    }

    /// `s` / `w` in the standup pane.
    fn start_standup(&mut self, order: StandupOrder) {
        if self.meeting.is_some() {
            self.say(
                Tone::Info,
                self.locale
                    .t("The standup is running: ] next speaker, X ends it"),
            );
            return;
        }
        if self.perform(&Action::StartStandup { order }) {
            self.standup_state = super::app::StandupState::default();
            let first = self
                .meeting
                .as_ref()
                .and_then(|m| m.stop())
                .map(|s| s.label(&self.board, self.locale.lang));
            if let Some(first) = first {
                let said = self.locale.f("Standup started: {0} first", &[&first]);
                self.say(Tone::Info, said);
            } else {
                self.say(
                    Tone::Info,
                    self.locale
                        .t("Standup started: nobody has anything to report"),
                );
            }
        }
    }

    /// `]` / `[`: the turn passes on (or back).
    fn next_speaker(&mut self, delta: isize) {
        let now = self.now;
        let Some(m) = &mut self.meeting else {
            self.no_meeting();
            return;
        };
        if m.step(delta, now) {
            self.standup_state.row = 0;
            self.standup_state.first_row = 0;
            let who = m
                .stop()
                .map(|s| s.label(&self.board, self.locale.lang))
                .unwrap_or_default();
            let (at, of) = (m.current + 1, m.stops.len());
            self.say(Tone::Info, format!("{who} ({at}/{of})"));
        } else if delta > 0 {
            self.say(
                Tone::Info,
                self.locale
                    .t("That was the last speaker: X ends the standup"),
            );
        } else {
            self.say(Tone::Info, self.locale.t("This is the first speaker"));
        }
    }

    /// Opens a prompt that needs a running standup.
    fn meeting_prompt(&mut self, purpose: Purpose, label: &'static str) {
        if self.meeting.is_none() {
            self.no_meeting();
            return;
        }
        let label = self.locale.t(label).into();
        self.overlay = Some(Overlay::Prompt(Prompt::new(purpose, label, "")));
    }

    /// Ends the standup with the speakers' times, and asks the loop to
    /// write its minutes.
    fn end_standup(&mut self) {
        let Some(m) = &self.meeting else {
            return;
        };
        let speakers = m.speakers(self.now);
        let open = self.board.open_standup().map(|r| r.started);
        if self.perform(&Action::EndStandup {
            speakers: Some(speakers),
        }) {
            self.minutes_due = open;
        }
    }

    /// Writes the running standup's speaking times into its record, so a
    /// meeting left half-way (quitting, a signal) resumes with them.
    pub fn keep_speaking_times(&mut self) {
        if let Some(m) = &self.meeting {
            let speakers = m.speakers(self.now);
            let unchanged = self
                .board
                .open_standup()
                .is_some_and(|r| r.speakers == speakers);
            if !unchanged {
                self.perform(&Action::TimeSpeakers { speakers });
            }
        }
    }

    /// `H`/`L`: the card to the neighbouring column; the selection follows.
    fn move_card(&mut self, dx: isize) {
        let Some(id) = self.selected_task() else {
            return;
        };
        let Some(at) = self
            .board
            .tasks
            .get(&id)
            .and_then(|t| self.board.column_index(&t.column))
        else {
            return;
        };
        let target = at as isize + dx;
        let Some(col) = usize::try_from(target)
            .ok()
            .and_then(|t| self.board.columns.get(t))
        else {
            return;
        };
        let action = Action::MoveTask {
            id,
            column: col.id.clone(),
            position: None,
        };
        self.perform(&action);
    }

    /// `J`/`K`: past the next or previous card shown (in lanes mode, within
    /// the card's lane), whatever the filter hides in between.
    fn reorder_card(&mut self, dy: isize) {
        let Some(id) = self.selected_task() else {
            return;
        };
        let s = &self.board_state;
        let Some(shown) = self.view.columns.get(s.column) else {
            return;
        };
        let Some(neighbour) = usize::try_from(s.card as isize + dy)
            .ok()
            .and_then(|i| shown.get(i).copied())
        else {
            return;
        };
        if self.view.lane_of(s.column, s.card).map(|l| l.0)
            != self
                .view
                .lane_of(s.column, (s.card as isize + dy) as usize)
                .map(|l| l.0)
        {
            return;
        }
        let Some(column) = self.selected_column().map(|c| c.id.clone()) else {
            return;
        };
        let others: Vec<_> = self
            .board
            .column_tasks(&column)
            .into_iter()
            .map(|t| t.id)
            .filter(|t| *t != id)
            .collect();
        let Some(at) = others.iter().position(|t| *t == neighbour) else {
            return;
        };
        let position = if dy > 0 { at + 1 } else { at };
        self.perform(&Action::MoveTask {
            id,
            column,
            position: Some(position),
        });
    }

    /// Sets (or clears) the RACI cell under the cursor.
    fn set_role(&mut self, role: Option<crate::model::Role>) {
        let (Some(task), Some(party)) = (
            self.selected_raci_task(),
            self.selected_party().map(|p| p.code.clone()),
        ) else {
            if self.raci_state.header {
                self.say(
                    Tone::Info,
                    self.locale.t("Move down to a task row to set a role"),
                );
            }
            return;
        };
        self.perform(&Action::SetRole { task, party, role });
    }

    /// `Enter` in the RACI grid: on a party header, what that party is on
    /// the hook for; on a task row, its rules explained.
    fn explain(&mut self) {
        let subject = if self.raci_state.header {
            self.selected_party()
                .map(|p| Subject::Party(p.code.clone()))
        } else {
            self.selected_raci_task().map(Subject::Task)
        };
        if let Some(subject) = subject {
            self.overlay = Some(Overlay::Explain { subject, scroll: 0 });
        }
    }

    /// After raising an issue, the queue's cursor goes to it.
    fn select_issue_created(&mut self) {
        let newest = self.board.issues.keys().next_back().copied();
        if let Some(row) = newest.and_then(|id| self.view.issues.iter().position(|i| *i == id)) {
            self.issues_state.row = row;
        }
    }

    /// Opens a prompt about the selected issue; `{id}` in the label is
    /// replaced by its id.
    fn issue_prompt(&mut self, purpose: fn(crate::model::IssueId) -> Purpose, label: &'static str) {
        if let Some(id) = self.selected_issue() {
            let label = self.locale.f(label, &[&id]);
            self.overlay = Some(Overlay::Prompt(Prompt::new(purpose(id), label, "")));
        }
    }

    /// `d` in the RACI grid: asks first, saying what goes with the party.
    fn remove_party(&mut self) {
        let Some(party) = self.selected_party() else {
            return;
        };
        let uses = self.board.party_uses(&party.code);
        let question = if uses.is_empty() {
            self.locale
                .f("Remove party {0} ({1})?", &[&party.name, &party.code])
        } else {
            self.locale.f(
                "Remove party {0} ({1})? It {2}; those roles go and those owners are cleared.",
                &[&party.name, &party.code, &uses.describe(self.locale.lang)],
            )
        };
        let action = Action::RemoveParty {
            party: party.code.clone(),
            cascade: true,
        };
        self.overlay = Some(Overlay::Confirm(Confirm {
            question,
            yes: Yes::Apply(Box::new(action)),
        }));
    }

    /// `x`: straight to the last column.
    fn finish_card(&mut self) {
        let (Some(id), Some(last)) = (self.selected_task(), self.board.last_column()) else {
            return;
        };
        let action = Action::MoveTask {
            id,
            column: last.id.clone(),
            position: None,
        };
        self.perform(&action);
    }

    fn edit_card(&mut self) {
        if let Some(task) = self
            .selected_task()
            .and_then(|id| self.board.tasks.get(&id))
        {
            self.overlay = Some(Overlay::Form(Box::new(TaskForm::edit(task))));
        }
    }

    fn delete_card(&mut self) {
        if let Some(task) = self
            .selected_task()
            .and_then(|id| self.board.tasks.get(&id))
        {
            let question = self
                .locale
                .f("Delete {0} \"{1}\"?", &[&task.id, &fit(&task.title, 40)]);
            let action = Action::DeleteTask { id: task.id };
            self.overlay = Some(Overlay::Confirm(Confirm {
                question,
                yes: Yes::Apply(Box::new(action)),
            }));
        }
    }

    /// `b`: unblocks a flagged card at once; asks why before blocking.
    fn block_card(&mut self) {
        let Some(task) = self
            .selected_task()
            .and_then(|id| self.board.tasks.get(&id))
        else {
            return;
        };
        let id = task.id;
        if task.blocked.is_some() {
            self.perform(&Action::UnblockTask { id });
        } else {
            self.overlay = Some(Overlay::Prompt(Prompt::new(
                Purpose::Block(id),
                self.locale.f("Block {0}, because:", &[&id]),
                "",
            )));
        }
    }

    /// Routes a key to the open overlay (taken out of `self`); puts it back
    /// unless the key closed it.
    fn overlay_key(&mut self, overlay: Overlay, key: &KeyEvent) {
        match overlay {
            Overlay::Help => {
                // Any key closes help; quitting still quits.
                if self.keymap.lookup(self.pane, key) == Some(Command::Quit) {
                    self.quit = true;
                }
            }
            Overlay::IssueForm(mut form) => match form.handle_key(key, &self.board) {
                FormOutcome::Continue => self.overlay = Some(Overlay::IssueForm(form)),
                FormOutcome::Cancel => self.say(Tone::Info, self.locale.t("Cancelled")),
                FormOutcome::Submit => {
                    match form.to_actions(&self.board, self.now, self.locale.lang) {
                        Ok(actions) => {
                            let raised = form.target.is_none();
                            if actions.iter().all(|a| self.perform(a)) {
                                if raised {
                                    self.select_issue_created();
                                }
                            } else {
                                form.error = self.message.as_ref().map(|m| m.text.clone());
                                self.overlay = Some(Overlay::IssueForm(form));
                            }
                        }
                        Err((field, why)) => {
                            form.focus = field;
                            form.error = Some(why);
                            self.overlay = Some(Overlay::IssueForm(form));
                        }
                    }
                }
            },
            Overlay::Form(mut form) => match form.handle_key(key, &self.board) {
                FormOutcome::Continue => self.overlay = Some(Overlay::Form(form)),
                FormOutcome::Cancel => self.say(Tone::Info, self.locale.t("Cancelled")),
                FormOutcome::Submit => {
                    match form.to_action(&self.board, self.now.date_naive(), self.locale.lang) {
                        Ok(action) => {
                            if !self.perform(&action) {
                                form.error = self.message.as_ref().map(|m| m.text.clone());
                                self.overlay = Some(Overlay::Form(form));
                            }
                        }
                        Err((field, why)) => {
                            form.focus = field;
                            form.error = Some(why);
                            self.overlay = Some(Overlay::Form(form));
                        }
                    }
                }
            },
            Overlay::Prompt(prompt) => self.prompt_key(prompt, key),
            Overlay::Confirm(confirm) => match key.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => match &confirm.yes {
                    Yes::Apply(action) => {
                        self.perform(action);
                    }
                    Yes::EndStandup => self.end_standup(),
                },
                KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Char('q') => {
                    self.say(Tone::Info, self.locale.t("Cancelled"));
                }
                _ => self.overlay = Some(Overlay::Confirm(confirm)),
            },
            Overlay::Details { task, scroll } => match key.code {
                KeyCode::Char('e') => self.edit_card(),
                KeyCode::Down | KeyCode::Char('j') => {
                    self.overlay = Some(Overlay::Details {
                        task,
                        scroll: scroll + 1,
                    })
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.overlay = Some(Overlay::Details {
                        task,
                        scroll: scroll.saturating_sub(1),
                    })
                }
                // Any other key closes the details.
                _ => {}
            },
            Overlay::Conflicts { selected } => self.conflicts_key(selected, key),
            Overlay::Boards {
                entries,
                selected,
                current,
            } => self.boards_key(entries, selected, current, key),
            Overlay::FilterMenu => self.filter_menu_key(key),
            Overlay::IssueFilterMenu => self.issue_filter_menu_key(key),
            Overlay::Explain { subject, scroll } => {
                let scroll = match key.code {
                    KeyCode::Down | KeyCode::Char('j') => scroll + 1,
                    KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => scroll + 10,
                    KeyCode::PageUp => scroll.saturating_sub(10),
                    // Any other key closes the explanation.
                    _ => return,
                };
                self.overlay = Some(Overlay::Explain { subject, scroll });
            }
        }
    }

    /// In the board picker: move, `Enter` or a digit opens that board; any
    /// other key closes it.
    fn boards_key(
        &mut self,
        entries: Vec<crate::store::boards::BoardEntry>,
        selected: usize,
        current: Option<usize>,
        key: &KeyEvent,
    ) {
        let last = entries.len().saturating_sub(1);
        let (selected, chosen) = match key.code {
            KeyCode::Down | KeyCode::Char('j') => ((selected + 1).min(last), None),
            KeyCode::Up | KeyCode::Char('k') => (selected.saturating_sub(1), None),
            KeyCode::Enter => (selected, Some(selected)),
            KeyCode::Char('n') => {
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::NewBoard,
                    self.locale.t("New board's name:").into(),
                    "",
                )));
                return;
            }
            KeyCode::Char(c @ '1'..='9') => {
                let n = usize::from(c as u8 - b'1');
                (selected, (n <= last).then_some(n))
            }
            _ => return,
        };
        let Some(chosen) = chosen else {
            self.overlay = Some(Overlay::Boards {
                entries,
                selected,
                current,
            });
            return;
        };
        let Some(entry) = entries.get(chosen) else {
            return;
        };
        if Some(chosen) == current {
            let said = self.locale.f("{0} is open already", &[&entry.label()]);
            self.say(Tone::Info, said);
        } else if let Err(why) = &entry.state {
            self.say(Tone::Error, why.clone());
        } else {
            self.switch_to = Some(entry.path.clone());
        }
    }

    /// In the conflicts list: move, take the other value (`o`, or its
    /// number `1`-`9` when other sides wrote several), keep the board's
    /// (`x`); any other key closes it.
    fn conflicts_key(&mut self, selected: usize, key: &KeyEvent) {
        let count = self.board.conflicts.len();
        let take = match key.code {
            KeyCode::Char('o') => Some(Some(0)),
            KeyCode::Char('x') => Some(None),
            KeyCode::Char(c @ '1'..='9') => Some(Some(usize::from(c as u8 - b'1'))),
            _ => None,
        };
        let selected = match (key.code, take) {
            (KeyCode::Down | KeyCode::Char('j'), _) => (selected + 1).min(count.saturating_sub(1)),
            (KeyCode::Up | KeyCode::Char('k'), _) => selected.saturating_sub(1),
            (_, Some(take)) => {
                let Some(conflict) = self.board.conflicts.get(selected) else {
                    return;
                };
                let action = Action::SettleConflict {
                    record: conflict.record.clone(),
                    field: conflict.field.clone(),
                    take,
                };
                self.perform(&action);
                if self.board.conflicts.is_empty() {
                    self.say(Tone::Info, self.locale.t("Every conflict is settled"));
                    return;
                }
                selected.min(self.board.conflicts.len() - 1)
            }
            _ => return,
        };
        self.overlay = Some(Overlay::Conflicts { selected });
    }

    /// A filter prompt's text applies as it is typed (and its old text
    /// again on `Esc`).
    fn live_filter(&mut self, purpose: &Purpose, text: String) {
        match purpose {
            Purpose::FilterText => self.filter.text = text,
            Purpose::IssueText => self.issue_filter.text = text,
            _ => return,
        }
        self.refresh();
    }

    /// The queue's filter menu: toggles stay open, pickers open a prompt.
    fn issue_filter_menu_key(&mut self, key: &KeyEvent) {
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
    fn filter_menu_key(&mut self, key: &KeyEvent) {
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

    fn prompt_key(&mut self, mut prompt: Prompt, key: &KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.live_filter(&prompt.purpose, prompt.previous.clone());
                self.say(Tone::Info, self.locale.t("Cancelled"));
            }
            KeyCode::Enter => {
                if let Err(why) = self.answer(&prompt) {
                    prompt.error = Some(why);
                    self.overlay = Some(Overlay::Prompt(prompt));
                }
            }
            KeyCode::Down | KeyCode::Up
                if prompt.purpose.picks_party() || prompt.purpose == Purpose::FilterColumn =>
            {
                let text = prompt.line.text();
                let n = if prompt.purpose != Purpose::FilterColumn {
                    matching_parties(&self.board, &text).len()
                } else {
                    matching_columns(&self.board, &text).len()
                };
                prompt.choice = cycle(prompt.choice, n, key.code == KeyCode::Down);
                self.overlay = Some(Overlay::Prompt(prompt));
            }
            _ => {
                if prompt.line.handle(key) {
                    prompt.choice = 0;
                    prompt.error = None;
                    self.live_filter(&prompt.purpose, prompt.line.text());
                }
                self.overlay = Some(Overlay::Prompt(prompt));
            }
        }
    }

    /// The party a picker prompt chose (see [`picked_party`]); for a
    /// prompt with a default party, empty picks it and `-` nobody.
    fn picked_party(&self, prompt: &Prompt) -> Result<Option<String>, String> {
        let text = prompt.line.text();
        if let Some(default) = prompt.purpose.default_party() {
            match text.trim() {
                "" => return Ok(Some(default.to_string())),
                "-" => return Ok(None),
                _ => {}
            }
        }
        picked_party(&self.board, &text, prompt.choice, self.locale.lang)
    }

    /// Acts on a prompt's answer; `Err` keeps the prompt open with a reason.
    fn answer(&mut self, prompt: &Prompt) -> Result<(), String> {
        let text = prompt.line.text();
        let action = match &prompt.purpose {
            Purpose::FilterText | Purpose::IssueText => return Ok(()),
            Purpose::IssueOwnerFilter | Purpose::IssuePartyFilter => {
                let chosen = self.picked_party(prompt)?;
                if prompt.purpose == Purpose::IssueOwnerFilter {
                    self.issue_filter.owner = chosen;
                } else {
                    self.issue_filter.party = chosen;
                }
                self.refresh();
                return Ok(());
            }
            Purpose::FilterOwner => {
                self.filter.owner = self.picked_party(prompt)?;
                self.refresh();
                return Ok(());
            }
            Purpose::FilterColumn => {
                if text.trim().is_empty() {
                    self.filter.column = None;
                } else {
                    let matches = matching_columns(&self.board, &text);
                    let column = matches
                        .get(prompt.choice.min(matches.len().saturating_sub(1)))
                        .ok_or_else(|| {
                            self.locale.f("no column matches \"{0}\"", &[&text.trim()])
                        })?;
                    self.filter.column = Some(column.id.clone());
                }
                self.refresh();
                return Ok(());
            }
            Purpose::AddParty => {
                let (code, name) = party_code_and_name(&self.board, &text);
                Action::AddParty {
                    code,
                    name,
                    kind: crate::model::PartyKind::Department,
                    department: None,
                }
            }
            Purpose::RenameParty(code) => Action::RenameParty {
                party: code.clone(),
                name: text.clone(),
            },
            Purpose::RaciLimits => Action::SetRaciLimits(
                text.parse::<RaciLimits>()
                    .map_err(|e| e.localized(self.locale.lang))?,
            ),
            Purpose::SlaTargets => Action::SetSlaTargets(
                text.parse()
                    .map_err(|e: BadSettings| e.localized(self.locale.lang))?,
            ),
            Purpose::Resolve(id) => Action::ResolveIssue {
                id: *id,
                note: text.clone(),
            },
            Purpose::Escalate(id) => Action::EscalateIssue {
                id: *id,
                reason: text.clone(),
            },
            Purpose::IssueOwner(id) => {
                let owner = self.picked_party(prompt)?;
                Action::EditIssue {
                    id: *id,
                    edit: crate::model::IssueEdit {
                        owner: Some(owner),
                        ..Default::default()
                    },
                }
            }
            Purpose::DecisionText | Purpose::ParkTopic => {
                if text.trim().is_empty() {
                    return Err(self.locale.t("say it in a few words (Esc cancels)").into());
                }
                let default = self.speaker_code();
                let (purpose, label) = if prompt.purpose == Purpose::DecisionText {
                    (
                        Purpose::DecisionOwner {
                            text: text.clone(),
                            default,
                        },
                        self.locale.t("Who carries it out?"),
                    )
                } else {
                    (
                        Purpose::ParkOwner {
                            topic: text.clone(),
                            default,
                        },
                        self.locale.t("Who takes it?"),
                    )
                };
                self.overlay = Some(Overlay::Prompt(Prompt::new(purpose, label.into(), "")));
                return Ok(());
            }
            Purpose::DecisionOwner { text: decision, .. } => {
                let owner = self.picked_party(prompt)?;
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::DecisionDue {
                        text: decision.clone(),
                        owner,
                    },
                    self.locale
                        .t("By when? (fri, +3d, 2026-12-01; empty: no date)")
                        .into(),
                    "",
                )));
                return Ok(());
            }
            Purpose::DecisionDue {
                text: decision,
                owner,
            } => {
                let due = match text.trim() {
                    "" => None,
                    t => Some(
                        crate::model::dates::parse_date(t, self.now.date_naive())
                            .map_err(|e| e.localized(self.locale.lang))?,
                    ),
                };
                Action::Decide(crate::model::Decision {
                    text: decision.clone(),
                    owner: owner.clone(),
                    due,
                })
            }
            Purpose::ParkOwner { topic, .. } => Action::Park(crate::model::Parked {
                topic: topic.clone(),
                owner: self.picked_party(prompt)?,
            }),
            Purpose::Block(id) => Action::BlockTask {
                id: *id,
                reason: text.clone(),
            },
            Purpose::NewBoard => {
                crate::store::paths::check_board_name(&text, self.locale.lang)?;
                self.create_board = Some(text.trim().to_string());
                return Ok(());
            }
            Purpose::AddColumn => Action::AddColumn {
                name: text.clone(),
                wip: None,
            },
            Purpose::RenameColumn(id) => Action::RenameColumn {
                column: id.clone(),
                name: text.clone(),
            },
            Purpose::SetWip(id) => {
                let t = text.trim();
                let wip = if t.is_empty() || t == "-" {
                    None
                } else {
                    Some(t.parse::<u32>().map_err(|_| {
                        self.locale
                            .f("`{0}` is not a number of cards (empty: no limit)", &[&t])
                    })?)
                };
                Action::SetWip {
                    column: id.clone(),
                    wip,
                }
            }
        };
        if self.perform(&action) {
            if prompt.purpose == Purpose::AddParty {
                self.raci_state.party = self.board.parties.len().saturating_sub(1);
            }
            if prompt.purpose == Purpose::AddColumn
                && let Some(at) = self
                    .board
                    .columns
                    .iter()
                    .position(|c| c.name == text.trim())
            {
                self.board_state.column = at;
                self.refresh_following(None);
            }
            Ok(())
        } else {
            Err(self
                .message
                .as_ref()
                .map(|m| m.text.clone())
                .unwrap_or_default())
        }
    }
}

/// What the add-party prompt's answer means: `mkt:市场部` gives a code and
/// a name; a bare name gets a code made from it (`Customer Service` →
/// `customer-service`, `法务部` → `p1`).
fn party_code_and_name(board: &crate::model::Board, text: &str) -> (String, String) {
    let taken: Vec<String> = board.parties.iter().map(|p| p.code.clone()).collect();
    if let Some((code, name)) = text.split_once([':', '：'])
        && !code.trim().is_empty()
        && !code.trim().contains(' ')
    {
        return (code.trim().to_string(), name.trim().to_string());
    }
    let name = text.trim().to_string();
    (crate::model::matrix::fresh_code(&name, &taken), name)
}
