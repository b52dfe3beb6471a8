//! Keys and pasted text → changes to the [`App`], and what the loop must
//! do ([`Effect`]). An open overlay takes the keys first (`overlays/`);
//! otherwise the keymap turns a key into a command, which is the same in
//! every pane (panes, undo, moving the selection) or the current pane's
//! own (`panes/<pane>/keys.rs`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Pane};
use super::effect::Effect;
use super::keymap::Command;
use super::overlays::Overlay;

impl App {
    /// Handles one key press; returns what the loop must do about it.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Effect {
        let effect = self.key(key);
        self.prepare_timeline();
        self.refresh_turn();
        effect
    }

    fn key(&mut self, key: &KeyEvent) -> Effect {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c {
            // Quitting keeps what was typed in an open form, when it is valid.
            self.submit_open_form();
            return Effect::Quit;
        }
        if let Some(overlay) = self.overlay.take() {
            return self.overlay_key(overlay, key);
        }
        let Some(command) = self.keymap.lookup(self.pane, key) else {
            return Effect::None;
        };
        self.message = None;
        self.command(command)
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
                .to_action(&self.board, self.now.date_naive(), &self.locale)
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
                let _ = self.perform(action);
            }
        }
    }

    /// A command that means the same in every pane, else the pane's own.
    fn command(&mut self, command: Command) -> Effect {
        match command {
            Command::Quit => return Effect::Quit,
            Command::Boards => return Effect::ListBoards,
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
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
            Command::Conflicts => {
                if self.board.conflicts.is_empty() {
                    self.say(
                        super::app::Tone::Info,
                        self.locale.t("No conflicts to settle"),
                    );
                } else {
                    self.overlay = Some(Overlay::Conflicts { selected: 0 });
                }
            }
            _ => {
                return match self.pane {
                    Pane::Board => self.board_command(command),
                    Pane::Raci => self.raci_command(command),
                    Pane::Issues => self.issues_command(command),
                    Pane::Standup => self.standup_command(command),
                    Pane::Timeline => self.timeline_command(command),
                };
            }
        }
        Effect::None
    }
}
