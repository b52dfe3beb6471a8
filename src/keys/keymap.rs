//! Keys → commands, as one table. The help overlay and the footer hints are
//! generated from the same table, so they cannot lie, and remapping a key
//! later means changing a row, not code.

#[cfg(test)]
use crossterm::event::KeyModifiers;
use crossterm::event::{KeyCode, KeyEvent};

use super::{Command, Key, Pane};
use crate::i18n::Text;
use crate::model::Role;

/// One row of the table: a key, the command, and where it works (`None`:
/// everywhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub command: Command,
    pub pane: Option<Pane>,
}

/// The key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Command::*;
        use KeyCode as K;
        let global = |key, command| Binding {
            key,
            command,
            pane: None,
        };
        let bindings = vec![
            global(Key::plain(K::Char('q')), Quit),
            global(Key::ctrl('c'), Quit),
            global(Key::plain(K::Char('?')), Help),
            global(Key::plain(K::Tab), NextPane),
            global(Key::plain(K::BackTab), PrevPane),
            global(Key::plain(K::Char('1')), GoTo(Pane::Board)),
            global(Key::plain(K::Char('2')), GoTo(Pane::Raci)),
            global(Key::plain(K::Char('3')), GoTo(Pane::Issues)),
            global(Key::plain(K::Char('4')), GoTo(Pane::Standup)),
            global(Key::plain(K::Char('5')), GoTo(Pane::Timeline)),
            global(Key::plain(K::Up), Up),
            global(Key::plain(K::Char('k')), Up),
            global(Key::plain(K::Down), Down),
            global(Key::plain(K::Char('j')), Down),
            global(Key::plain(K::Left), Left),
            global(Key::plain(K::Char('h')), Left),
            global(Key::plain(K::Right), Right),
            global(Key::plain(K::Char('l')), Right),
            global(Key::plain(K::Home), Top),
            global(Key::plain(K::Char('g')), Top),
            global(Key::plain(K::End), Bottom),
            global(Key::plain(K::Char('G')), Bottom),
            global(Key::plain(K::PageUp), PageUp),
            global(Key::plain(K::PageDown), PageDown),
            global(Key::plain(K::Esc), Cancel),
            global(Key::plain(K::Char('u')), Undo),
            global(Key::ctrl('r'), Redo),
            global(Key::plain(K::Char('C')), Conflicts),
            global(Key::plain(K::Char('B')), Boards),
        ];
        let board = |key, command| Binding {
            key,
            command,
            pane: Some(Pane::Board),
        };
        let mut bindings = bindings;
        bindings.extend([
            board(Key::plain(K::Char('n')), NewCard),
            board(Key::plain(K::Enter), Details),
            board(Key::plain(K::Char('e')), Edit),
            board(Key::plain(K::Char('H')), MoveCardLeft),
            board(Key::shift(K::Left), MoveCardLeft),
            board(Key::plain(K::Char('L')), MoveCardRight),
            board(Key::shift(K::Right), MoveCardRight),
            board(Key::plain(K::Char('K')), MoveCardUp),
            board(Key::shift(K::Up), MoveCardUp),
            board(Key::plain(K::Char('J')), MoveCardDown),
            board(Key::shift(K::Down), MoveCardDown),
            board(Key::plain(K::Char('x')), Finish),
            board(Key::plain(K::Char('b')), Block),
            board(Key::plain(K::Char('d')), Delete),
            board(Key::plain(K::Char('/')), Filter),
            board(Key::plain(K::Char('f')), FilterMenu),
            board(Key::plain(K::Char('s')), Lanes),
            board(Key::plain(K::Char('A')), AddColumn),
            board(Key::plain(K::Char('R')), RenameColumn),
            board(Key::plain(K::Char('W')), SetWip),
            board(Key::plain(K::Char('<')), ColumnLeft),
            board(Key::plain(K::Char('>')), ColumnRight),
            board(Key::plain(K::Char('D')), DeleteColumn),
            board(Key::plain(K::Char('I')), Import),
        ]);
        let raci = |key, command| Binding {
            key,
            command,
            pane: Some(Pane::Raci),
        };
        bindings.extend([
            raci(Key::plain(K::Char('r')), SetRole(Role::Responsible)),
            raci(Key::plain(K::Char('a')), SetRole(Role::Accountable)),
            raci(Key::plain(K::Char('c')), SetRole(Role::Consulted)),
            raci(Key::plain(K::Char('i')), SetRole(Role::Informed)),
            raci(
                Key::plain(K::Char('R')),
                SetRole(Role::AccountableResponsible),
            ),
            raci(Key::plain(K::Char(' ')), ClearRole),
            raci(Key::plain(K::Backspace), ClearRole),
            raci(Key::plain(K::Enter), Details),
            raci(Key::plain(K::Char('/')), Filter),
            raci(Key::plain(K::Char('f')), FilterMenu),
            raci(Key::plain(K::Char('n')), AddParty),
            raci(Key::plain(K::Char('e')), RenameParty),
            raci(Key::plain(K::Char('E')), RecodeParty),
            raci(Key::plain(K::Char('d')), RemoveParty),
            raci(Key::plain(K::Char('<')), PartyLeft),
            raci(Key::plain(K::Char('>')), PartyRight),
            raci(Key::plain(K::Char('T')), RaciLimits),
        ]);
        let issues = |key, command| Binding {
            key,
            command,
            pane: Some(Pane::Issues),
        };
        bindings.extend([
            issues(Key::plain(K::Enter), Details),
            issues(Key::plain(K::Char('n')), NewCard),
            issues(Key::plain(K::Char('e')), Edit),
            issues(Key::plain(K::Char('a')), Acknowledge),
            issues(Key::plain(K::Char('r')), Resolve),
            issues(Key::plain(K::Char('c')), CloseIssue),
            issues(Key::plain(K::Char('o')), Reopen),
            issues(Key::plain(K::Char('O')), SetIssueOwner),
            issues(Key::plain(K::Char('E')), Escalate),
            issues(Key::plain(K::Char('S')), SlaTargets),
            issues(Key::plain(K::Char('/')), Filter),
            issues(Key::plain(K::Char('f')), FilterMenu),
        ]);
        let standup = |key, command| Binding {
            key,
            command,
            pane: Some(Pane::Standup),
        };
        bindings.extend([
            standup(Key::plain(K::Char('s')), StartByParty),
            standup(Key::plain(K::Char('w')), StartWalk),
            standup(Key::plain(K::Char(']')), NextSpeaker),
            standup(Key::plain(K::PageDown), NextSpeaker),
            standup(Key::plain(K::Char('[')), PrevSpeaker),
            standup(Key::plain(K::PageUp), PrevSpeaker),
            standup(Key::plain(K::Char(' ')), Pause),
            standup(Key::plain(K::Char('P')), Park),
            standup(Key::plain(K::Char('D')), Decide),
            standup(Key::plain(K::Char('f')), Present),
            standup(Key::plain(K::Char('X')), EndStandup),
            standup(Key::plain(K::Enter), Details),
            standup(Key::plain(K::Char('n')), NewCard),
            standup(Key::plain(K::Char('I')), RaiseIssue),
            standup(Key::plain(K::Char('e')), Edit),
            standup(Key::plain(K::Char('H')), MoveCardLeft),
            standup(Key::shift(K::Left), MoveCardLeft),
            standup(Key::plain(K::Char('L')), MoveCardRight),
            standup(Key::shift(K::Right), MoveCardRight),
            standup(Key::plain(K::Char('x')), Finish),
            standup(Key::plain(K::Char('b')), Block),
            standup(Key::plain(K::Char('d')), Delete),
            standup(Key::plain(K::Char('a')), Acknowledge),
            standup(Key::plain(K::Char('r')), Resolve),
            standup(Key::plain(K::Char('c')), CloseIssue),
            standup(Key::plain(K::Char('o')), Reopen),
            standup(Key::plain(K::Char('O')), SetIssueOwner),
            standup(Key::plain(K::Char('E')), Escalate),
        ]);
        let timeline = |key, command| Binding {
            key,
            command,
            pane: Some(Pane::Timeline),
        };
        bindings.extend([
            timeline(Key::plain(K::Enter), Details),
            timeline(Key::plain(K::Char('e')), Edit),
            timeline(Key::plain(K::Char('n')), NewCard),
            timeline(Key::plain(K::Char('H')), MoveCardLeft),
            timeline(Key::shift(K::Left), MoveCardLeft),
            timeline(Key::plain(K::Char('L')), MoveCardRight),
            timeline(Key::shift(K::Right), MoveCardRight),
            timeline(Key::plain(K::Char('x')), Finish),
            timeline(Key::plain(K::Char('b')), Block),
            timeline(Key::plain(K::Char('d')), Delete),
            timeline(Key::plain(K::Char('/')), Filter),
            timeline(Key::plain(K::Char('f')), FilterMenu),
            timeline(Key::plain(K::Char('s')), Lanes),
            timeline(Key::plain(K::Char('+')), ZoomIn),
            timeline(Key::plain(K::Char('=')), ZoomIn),
            timeline(Key::plain(K::Char('-')), ZoomOut),
            timeline(Key::plain(K::Char('t')), Today),
            timeline(Key::plain(K::Char('v')), FlowView),
        ]);
        Keymap { bindings }
    }
}

impl Keymap {
    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Binds `command` to `keys` instead of its keys so far: in `pane` only,
    /// or (`None`) wherever it is bound now. A key taken from another
    /// command in the same place is named in the returned notes, so that a
    /// config file cannot silently lose a binding.
    pub fn rebind(&mut self, pane: Option<Pane>, command: Command, keys: &[Key]) -> Vec<Text> {
        let scopes: Vec<Option<Pane>> = match pane {
            Some(p) => vec![Some(p)],
            None => {
                let mut scopes: Vec<Option<Pane>> = Vec::new();
                for b in self.bindings.iter().filter(|b| b.command == command) {
                    if !scopes.contains(&b.pane) {
                        scopes.push(b.pane);
                    }
                }
                if scopes.is_empty() {
                    scopes.push(None);
                }
                scopes
            }
        };
        // Out go the command's old keys there, and whatever else those
        // keys did there.
        let drop = |b: &Binding| {
            scopes.contains(&b.pane) && (b.command == command || keys.contains(&b.key))
        };
        let notes = self
            .bindings
            .iter()
            .filter(|b| b.command != command && drop(b))
            .map(|b| {
                let (key, was) = (b.key.label(), b.command.name());
                Text::new(|l| match b.pane {
                    Some(p) => l.f("{0} no longer does {1} in {2}", &[&key, &was, &p.title(l)]),
                    None => l.f("{0} no longer does {1} anywhere", &[&key, &was]),
                })
            })
            .collect();
        let new: Vec<Binding> = scopes
            .iter()
            .flat_map(|scope| {
                keys.iter().map(move |key| Binding {
                    key: *key,
                    command,
                    pane: *scope,
                })
            })
            .collect();
        // In where the command was listed, so that the help keeps its order.
        let at = self
            .bindings
            .iter()
            .position(|b| b.command == command && scopes.contains(&b.pane));
        let mut table = Vec::with_capacity(self.bindings.len() + new.len());
        for (i, b) in self.bindings.iter().enumerate() {
            if Some(i) == at {
                table.extend(new.iter().copied());
            }
            if !drop(b) {
                table.push(*b);
            }
        }
        if at.is_none() {
            table.extend(new);
        }
        self.bindings = table;
        notes
    }

    /// The command a key means in a pane: a pane's own binding wins over a
    /// global one.
    pub fn lookup(&self, pane: Pane, event: &KeyEvent) -> Option<Command> {
        let hit = |scope: Option<Pane>| {
            self.bindings
                .iter()
                .find(|b| b.pane == scope && b.key.matches(event))
                .map(|b| b.command)
        };
        hit(Some(pane)).or_else(|| hit(None))
    }

    /// Every command that works in `pane`, with all its keys, in table order:
    /// the help overlay's rows.
    pub fn help(&self, pane: Pane) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Command, Vec<String>)> = Vec::new();
        for b in self.working_in(pane) {
            if b.command.describe(pane).is_empty() {
                continue;
            }
            match rows.iter_mut().find(|(c, _)| *c == b.command) {
                Some((_, keys)) => keys.push(b.key.label()),
                None => rows.push((b.command, vec![b.key.label()])),
            }
        }
        rows.into_iter()
            .map(|(c, keys)| (keys.join(" "), c.describe(pane)))
            .collect()
    }

    /// The first key bound to a command in `pane`, for footer hints.
    pub fn key_for(&self, pane: Pane, command: Command) -> Option<String> {
        self.working_in(pane)
            .find(|b| b.command == command)
            .map(|b| b.key.label())
    }

    /// The bindings a key press in `pane` can reach, in table order: the
    /// pane's own, and the global ones whose key the pane does not take
    /// for something else (as [`Keymap::lookup`] reads them).
    pub fn working_in(&self, pane: Pane) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| match b.pane {
            Some(p) => p == pane,
            None => !self
                .bindings
                .iter()
                .any(|o| o.pane == Some(pane) && o.key == b.key),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_letters_match_their_own_row() {
        let map = Keymap::default();
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.lookup(Pane::Board, &big_g), Some(Command::Bottom));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.lookup(Pane::Board, &ctrl_c), Some(Command::Quit));
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(map.lookup(Pane::Board, &c), None);
    }

    #[test]
    fn every_bound_command_has_one_name_of_its_own() {
        for b in Keymap::default().bindings() {
            let name = b.command.name();
            assert!(!name.is_empty(), "{:?} has no name", b.command);
            assert_eq!(Command::from_name(name), Some(b.command));
        }
        let mut names: Vec<&str> = Command::NAMED.iter().map(|(_, n)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Command::NAMED.len(), "names are unique");
    }

    #[test]
    fn help_lists_every_key_of_a_command_once() {
        let rows = Keymap::default().help(Pane::Board);
        let quit = rows
            .iter()
            .find(|(_, what)| what.starts_with("quit"))
            .unwrap();
        assert_eq!(quit.0, "q Ctrl-c");
        let down = rows.iter().find(|(_, what)| *what == "next card").unwrap();
        assert_eq!(down.0, "↓ j");
        assert!(
            !Keymap::default()
                .help(Pane::Issues)
                .iter()
                .any(|(k, _)| k.contains('←'))
        );
    }
}
