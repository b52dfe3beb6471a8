//! The issue queue's keys: raise, answer, resolve, close, reopen, hand
//! over and escalate an issue; filter the queue; the SLA targets.

use crate::i18n::mark;
use crate::model::{Action, IssueFilter};
use crate::text::fit;
use crate::tui::app::{App, Tone};
use crate::tui::effect::Effect;
use crate::tui::issue_form::IssueForm;
use crate::tui::keymap::Command;
use crate::tui::overlays::{Overlay, Prompt, Purpose, Subject};

impl App {
    /// What a command does in the issue queue.
    pub(in crate::tui) fn issues_command(&mut self, command: Command) -> Effect {
        if self.issue_command(command) {
            return Effect::None;
        }
        match command {
            Command::Cancel if !self.issue_filter.is_empty() => {
                self.issue_filter = IssueFilter::default();
                self.relayout();
                self.say(Tone::Info, self.locale.t("Filter cleared"));
            }
            Command::Filter => {
                let text = self.issue_filter.text.clone();
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::IssueText,
                    self.locale.t("Filter issues:").into(),
                    &text,
                )));
            }
            Command::FilterMenu => self.overlay = Some(Overlay::IssueFilterMenu),
            Command::NewCard => {
                self.overlay = Some(Overlay::IssueForm(Box::new(IssueForm::new_issue())));
            }
            Command::Edit => self.edit_issue(),
            Command::Details => {
                if let Some(id) = self.selected_issue() {
                    self.overlay = Some(Overlay::Explain {
                        subject: Subject::Issue(id),
                        scroll: 0,
                    });
                }
            }
            Command::SlaTargets => {
                let prompt = Prompt::new(
                    Purpose::SlaTargets,
                    self.locale.t("SLA respond/resolve, P1 to P5:").into(),
                    &self.board.settings.sla.to_string(),
                );
                self.overlay = Some(Overlay::Prompt(prompt));
            }
            _ => {}
        }
        Effect::None
    }

    /// What is done to the selected issue, in the queue and in the standup;
    /// `false` if `command` is none of it.
    pub(in crate::tui) fn issue_command(&mut self, command: Command) -> bool {
        match command {
            Command::Acknowledge => {
                if let Some(id) = self.selected_issue() {
                    let _ = self.perform(&Action::AcknowledgeIssue { id });
                }
            }
            Command::CloseIssue => {
                if let Some(issue) = self
                    .selected_issue()
                    .and_then(|id| self.board.issues.get(&id))
                {
                    let label = self.locale.f(
                        "Close {0} “{1}”, because (empty: no reason):",
                        &[&issue.id, &fit(&issue.title, 30)],
                    );
                    let prompt = Prompt::new(Purpose::Close(issue.id), label, "");
                    self.overlay = Some(Overlay::Prompt(prompt));
                }
            }
            Command::Reopen => {
                if let Some(id) = self.selected_issue() {
                    let _ = self.perform(&Action::ReopenIssue { id });
                }
            }
            Command::Resolve => {
                self.issue_prompt(Purpose::Resolve, mark("Resolve {0} “{1}”: how?"))
            }
            Command::SetIssueOwner => self.issue_prompt(
                Purpose::IssueOwner,
                mark("New owner of {0} “{1}” (empty: nobody):"),
            ),
            Command::Escalate => {
                self.issue_prompt(Purpose::Escalate, mark("Escalate {0} “{1}”, because:"))
            }
            _ => return false,
        }
        true
    }

    /// `e` on an issue: its form.
    pub(in crate::tui) fn edit_issue(&mut self) {
        if let Some(issue) = self
            .selected_issue()
            .and_then(|id| self.board.issues.get(&id))
        {
            self.overlay = Some(Overlay::IssueForm(Box::new(IssueForm::edit(issue))));
        }
    }

    /// After raising an issue, the queue's cursor goes to it.
    pub(in crate::tui) fn select_issue_created(&mut self) {
        let newest = self.board.issues.keys().next_back().copied();
        if let Some(row) = newest.and_then(|id| self.view.issues.iter().position(|i| *i == id)) {
            self.issues_state.row = row;
        }
    }

    /// Opens a prompt about the selected issue; `{id}` in the label is
    /// replaced by its id.
    fn issue_prompt(&mut self, purpose: fn(crate::model::IssueId) -> Purpose, label: &'static str) {
        if let Some(issue) = self
            .selected_issue()
            .and_then(|id| self.board.issues.get(&id))
        {
            let label = self.locale.f(label, &[&issue.id, &fit(&issue.title, 30)]);
            self.overlay = Some(Overlay::Prompt(Prompt::new(purpose(issue.id), label, "")));
        }
    }
}
