//! The board pane's keys: cards within and across columns, the columns
//! themselves, swimlanes.

use crate::i18n::mark;
use crate::model::Action;
use crate::tui::app::{App, Tone};
use crate::tui::effect::Effect;
use crate::tui::form::TaskForm;
use crate::tui::keymap::Command;
use crate::tui::overlays::{Confirm, Overlay, Prompt, Purpose, Yes};

impl App {
    /// What a command does in the board pane.
    pub(in crate::tui) fn board_command(&mut self, command: Command) -> Effect {
        if self.card_command(command) || self.card_filter_command(command) {
            return Effect::None;
        }
        match command {
            Command::NewCard => {
                if let Some(col) = self.selected_column() {
                    self.overlay = Some(Overlay::Form(Box::new(TaskForm::new_card(&col.id))));
                }
            }
            Command::Details => self.card_details(),
            Command::MoveCardUp => self.reorder_card(-1),
            Command::MoveCardDown => self.reorder_card(1),
            Command::Lanes => {
                self.lanes = !self.lanes;
                self.relayout();
                self.say(
                    Tone::Info,
                    if self.lanes {
                        self.locale.t("Swimlanes by owner")
                    } else {
                        self.locale.t("Swimlanes off")
                    },
                );
            }
            Command::Import => {
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::Import,
                    self.locale
                        .t("Import from file (CSV, xlsx, Jira, Trello, taskwarrior):")
                        .into(),
                    "",
                )))
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
                    if self.perform(&action).is_ok() {
                        self.board_state.column = to;
                        self.refresh();
                    }
                }
            }
            Command::DeleteColumn => self.delete_column(),
            _ => {}
        }
        Effect::None
    }

    /// `D`: an empty column is deleted once confirmed; one that holds
    /// cards first asks where they go (its neighbour unless told), saying
    /// so before anything happens, and moves them and deletes it as one
    /// change.
    fn delete_column(&mut self) {
        let Some(col) = self.selected_column() else {
            return;
        };
        let count = self.board.column_tasks(&col.id).len();
        if count == 0 {
            let question = self.locale.f("Delete column {0}?", &[&col.name]);
            let action = Action::DeleteColumn {
                column: col.id.clone(),
                move_to: None,
            };
            self.overlay = Some(Overlay::Confirm(Confirm {
                question,
                yes: Yes::Apply(Box::new(action)),
            }));
            return;
        }
        if self.board.columns.len() == 1 {
            let said = self
                .locale
                .f("`{0}` is the only column; a board needs one", &[&col.name]);
            self.say(Tone::Error, said);
            return;
        }
        let at = self.board_state.column;
        let neighbour = if at > 0 { at - 1 } else { at + 1 };
        let default = self
            .board
            .columns
            .get(neighbour)
            .map(|c| c.id.clone())
            .unwrap_or_default();
        let template = if count == 1 {
            mark("Delete column {0}: its card goes to (Enter: {2}):")
        } else {
            mark("Delete column {0}: its {1} cards go to (Enter: {2}):")
        };
        let label = self.locale.f(
            template,
            &[&col.name, &count, &self.board.column_name(&default)],
        );
        let purpose = Purpose::DeleteColumnInto {
            column: col.id.clone(),
            default,
        };
        self.overlay = Some(Overlay::Prompt(Prompt::new(purpose, label, "")));
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
        let _ = self.perform(&Action::MoveTask {
            id,
            column,
            position: Some(position),
        });
    }
}
