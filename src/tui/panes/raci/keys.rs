//! The RACI grid's keys: roles in cells, the parties as columns, the
//! grid's limits.

use crate::i18n::mark;
use crate::model::Action;
use crate::tui::app::{App, Tone};
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::overlays::{Confirm, Overlay, Prompt, Purpose, Subject, Yes};

impl App {
    /// What a command does in the RACI grid.
    pub(in crate::tui) fn raci_command(&mut self, command: Command) -> Effect {
        if self.card_filter_command(command) {
            return Effect::None;
        }
        match command {
            Command::SetRole(role) => self.set_role(Some(role)),
            Command::ClearRole => self.set_role(None),
            Command::Details => self.explain(),
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
            Command::RecodeParty => {
                if let Some(party) = self.selected_party() {
                    let prompt = Prompt::new(
                        Purpose::RecodeParty(party.code.clone()),
                        self.locale
                            .f("New code for {0} ({1}):", &[&party.name, &party.code]),
                        &party.code,
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
                    if self.perform(&action).is_ok() {
                        self.raci_state.party = to;
                    }
                }
            }
            Command::RaciLimits => {
                let limits = self.board.settings.raci;
                let prompt = Prompt::new(
                    Purpose::RaciLimits,
                    self.locale
                        .t(mark("Limits: R warn, C max, overload R, overload A:"))
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
            _ => {}
        }
        Effect::None
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
        let _ = self.perform(&Action::SetRole { task, party, role });
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
}
