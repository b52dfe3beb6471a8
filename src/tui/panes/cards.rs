//! What a key does to the selected card, in every pane that selects cards
//! (the board, the standup, the timeline): move it on, finish, block,
//! edit or delete it, and filter which cards show.

use crate::model::{Action, TaskFilter};
use crate::text::fit;
use crate::tui::app::{App, Tone};
use crate::tui::form::TaskForm;
use crate::tui::keymap::Command;
use crate::tui::overlays::{Confirm, Overlay, Prompt, Purpose, Yes};

impl App {
    /// A card command, if `command` is one; `false` if it is not.
    pub(in crate::tui) fn card_command(&mut self, command: Command) -> bool {
        match command {
            Command::MoveCardLeft => self.move_card(-1),
            Command::MoveCardRight => self.move_card(1),
            Command::Finish => self.finish_card(),
            Command::Edit => self.edit_card(),
            Command::Delete => self.delete_card(),
            Command::Block => self.block_card(),
            _ => return false,
        }
        true
    }

    /// A card filter command (`/`, `f`, `Esc`), if `command` is one.
    pub(in crate::tui) fn card_filter_command(&mut self, command: Command) -> bool {
        match command {
            Command::Cancel => {
                if !self.filter.is_empty() {
                    self.filter = TaskFilter::default();
                    self.relayout();
                    self.say(Tone::Info, self.locale.t("Filter cleared"));
                }
            }
            Command::Filter => {
                let text = self.filter.text.clone();
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::FilterText,
                    self.locale.t("Filter cards:").into(),
                    &text,
                )));
            }
            Command::FilterMenu => self.overlay = Some(Overlay::FilterMenu),
            _ => return false,
        }
        true
    }

    /// `Enter` on a card: its details.
    pub(in crate::tui) fn card_details(&mut self) {
        if let Some(task) = self.selected_task() {
            self.overlay = Some(Overlay::Details { task, scroll: 0 });
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
        let _ = self.perform(&action);
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
        let _ = self.perform(&action);
    }

    pub(in crate::tui) fn edit_card(&mut self) {
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
            let _ = self.perform(&Action::UnblockTask { id });
        } else {
            self.overlay = Some(Overlay::Prompt(Prompt::new(
                Purpose::Block(id),
                self.locale.f("Block {0}, because:", &[&id]),
                "",
            )));
        }
    }
}
