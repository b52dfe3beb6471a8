//! What the loop tells the app about saving: a save written, merged with
//! another writer's, or failed; the file reloaded; the log read late.

use super::{App, SaveState, Tone};
use crate::model::{Board, LogEntry, Merged};

impl App {
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
}
