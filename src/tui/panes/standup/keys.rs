//! The standup pane's keys: start, pass the turn, pause, park, decide,
//! present and end the standup; what is done to the speaker's cards and
//! issues.

use crate::i18n::mark;
use crate::model::{Action, StandupOrder};
use crate::tui::app::{App, Tone};
use crate::tui::effect::Effect;
use crate::tui::form::{PartyPicker, TaskForm};
use crate::tui::issue_form::IssueForm;
use crate::tui::keymap::Command;
use crate::tui::line::LineEditor;
use crate::tui::overlays::{Confirm, Overlay, Prompt, Purpose, Subject, Yes};

impl App {
    /// What a command does in the standup pane.
    pub(in crate::tui) fn standup_command(&mut self, command: Command) -> Effect {
        if self.card_command(command) || self.issue_command(command) {
            return Effect::None;
        }
        match command {
            Command::Cancel => self.standup_state.presenter = false,
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
            Command::RaiseIssue => {
                let mut form = IssueForm::new_issue();
                if let Some(code) = self.speaker_code() {
                    form.owner = PartyPicker::new(&code);
                    form.parties = LineEditor::new(&code);
                }
                self.overlay = Some(Overlay::IssueForm(Box::new(form)));
            }
            Command::NewCard => {
                if let Some(first) = self.board.columns.first() {
                    let mut form = TaskForm::new_card(&first.id);
                    if let Some(code) = self.speaker_code() {
                        form.owner = PartyPicker::new(&code);
                    }
                    self.overlay = Some(Overlay::Form(Box::new(form)));
                }
            }
            Command::Edit | Command::Details => {
                if let Some(id) = self.selected_issue() {
                    if command == Command::Edit {
                        self.edit_issue();
                    } else {
                        self.overlay = Some(Overlay::Explain {
                            subject: Subject::Issue(id),
                            scroll: 0,
                        });
                    }
                } else if command == Command::Edit {
                    self.edit_card();
                } else {
                    self.card_details();
                }
            }
            _ => {}
        }
        Effect::None
    }

    /// The party whose turn it is in the standup, if the turn is a party's.
    pub(in crate::tui) fn speaker_code(&self) -> Option<String> {
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
        if self.perform(&Action::StartStandup { order }).is_ok() {
            self.standup_state = crate::tui::app::StandupState::default();
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
    pub(in crate::tui) fn end_standup(&mut self) -> Effect {
        let Some(m) = &self.meeting else {
            return Effect::None;
        };
        let speakers = m.speakers(self.now);
        let open = self.board.open_standup().map(|r| r.started);
        let ended = self.perform(&Action::EndStandup {
            speakers: Some(speakers),
        });
        match (ended, open) {
            (Ok(()), Some(started)) => Effect::WriteMinutes(started),
            _ => Effect::None,
        }
    }

    /// Writes the running standup's speaking times into its record, so a
    /// meeting left half-way (quitting, a signal) resumes with them.
    pub fn keep_speaking_times(&mut self) {
        if let Some(m) = &self.meeting {
            let speakers = m.kept(self.now);
            let unchanged = self
                .board
                .open_standup()
                .is_some_and(|r| r.speakers == speakers);
            if !unchanged {
                let _ = self.perform(&Action::TimeSpeakers { speakers });
            }
        }
    }
}
