//! Keys → commands, as one table. The help overlay and the footer hints are
//! generated from the same table, so they cannot lie, and remapping a key
//! later means changing a row, not code.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Pane;
use crate::i18n::Text;
use crate::model::Role;

/// What the user meant, independent of the key that said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    NextPane,
    PrevPane,
    GoTo(Pane),
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Cancel,
    Undo,
    Redo,
    MoveCardLeft,
    MoveCardRight,
    MoveCardUp,
    MoveCardDown,
    Finish,
    NewCard,
    Details,
    Edit,
    Delete,
    Block,
    Filter,
    FilterMenu,
    Lanes,
    AddColumn,
    RenameColumn,
    SetWip,
    ColumnLeft,
    ColumnRight,
    DeleteColumn,
    /// Set the RACI cell under the cursor.
    SetRole(Role),
    ClearRole,
    AddParty,
    RenameParty,
    RemoveParty,
    PartyLeft,
    PartyRight,
    RaciLimits,
    Acknowledge,
    Resolve,
    CloseIssue,
    Reopen,
    SetIssueOwner,
    Escalate,
    SlaTargets,
    StartByParty,
    StartWalk,
    NextSpeaker,
    PrevSpeaker,
    Pause,
    Park,
    Decide,
    Present,
    EndStandup,
    RaiseIssue,
    /// Settle the conflicts a merge left.
    Conflicts,
    /// Pick another board to work on.
    Boards,
    /// Timeline: more detail in time.
    ZoomIn,
    /// Timeline: more time on screen.
    ZoomOut,
    /// Timeline: back to today.
    Today,
    /// Timeline: the Gantt chart or the flow charts.
    FlowView,
}

impl Command {
    /// Every command with its name in the config file's `[keys]` tables, in
    /// the order the default config lists them: one table, so that a
    /// command cannot have a name and be missing from the list.
    pub const NAMED: [(Command, &'static str); 74] = {
        use Command::*;
        [
            (Quit, "quit"),
            (Help, "help"),
            (NextPane, "next_pane"),
            (PrevPane, "prev_pane"),
            (GoTo(Pane::Board), "pane_board"),
            (GoTo(Pane::Raci), "pane_raci"),
            (GoTo(Pane::Issues), "pane_issues"),
            (GoTo(Pane::Standup), "pane_standup"),
            (GoTo(Pane::Timeline), "pane_timeline"),
            (Up, "up"),
            (Down, "down"),
            (Left, "left"),
            (Right, "right"),
            (Top, "top"),
            (Bottom, "bottom"),
            (PageUp, "page_up"),
            (PageDown, "page_down"),
            (Cancel, "cancel"),
            (Undo, "undo"),
            (Redo, "redo"),
            (Conflicts, "conflicts"),
            (Boards, "boards"),
            (MoveCardLeft, "move_card_left"),
            (MoveCardRight, "move_card_right"),
            (MoveCardUp, "move_card_up"),
            (MoveCardDown, "move_card_down"),
            (Finish, "finish"),
            (NewCard, "new"),
            (Details, "details"),
            (Edit, "edit"),
            (Delete, "delete"),
            (Block, "block"),
            (Filter, "filter"),
            (FilterMenu, "filter_menu"),
            (Lanes, "lanes"),
            (AddColumn, "add_column"),
            (RenameColumn, "rename_column"),
            (SetWip, "set_wip"),
            (ColumnLeft, "column_left"),
            (ColumnRight, "column_right"),
            (DeleteColumn, "delete_column"),
            (SetRole(Role::Responsible), "role_r"),
            (SetRole(Role::Accountable), "role_a"),
            (SetRole(Role::Consulted), "role_c"),
            (SetRole(Role::Informed), "role_i"),
            (SetRole(Role::AccountableResponsible), "role_ar"),
            (ClearRole, "clear_role"),
            (AddParty, "add_party"),
            (RenameParty, "rename_party"),
            (RemoveParty, "remove_party"),
            (PartyLeft, "party_left"),
            (PartyRight, "party_right"),
            (RaciLimits, "raci_limits"),
            (Acknowledge, "acknowledge"),
            (Resolve, "resolve"),
            (CloseIssue, "close"),
            (Reopen, "reopen"),
            (SetIssueOwner, "set_owner"),
            (Escalate, "escalate"),
            (SlaTargets, "sla_targets"),
            (StartByParty, "start_by_party"),
            (StartWalk, "start_walk"),
            (NextSpeaker, "next_speaker"),
            (PrevSpeaker, "prev_speaker"),
            (Pause, "pause"),
            (Park, "park"),
            (Decide, "decide"),
            (Present, "present"),
            (EndStandup, "end_standup"),
            (RaiseIssue, "raise_issue"),
            (ZoomIn, "zoom_in"),
            (ZoomOut, "zoom_out"),
            (Today, "today"),
            (FlowView, "flow_view"),
        ]
    };

    /// The command's name in the config file.
    pub fn name(self) -> &'static str {
        Command::NAMED
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("", |(_, name)| name)
    }

    /// The command a config file names.
    pub fn from_name(name: &str) -> Option<Command> {
        Command::NAMED
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| *c)
    }

    /// What the command does, for the help overlay.
    pub fn describe(self, pane: Pane) -> &'static str {
        match (self, pane) {
            (Command::Quit, _) => "quit (saving first)",
            (Command::Help, _) => "show or hide this help",
            (Command::NextPane, _) => "next pane",
            (Command::PrevPane, _) => "previous pane",
            (Command::GoTo(Pane::Board), _) => "progress board",
            (Command::GoTo(Pane::Raci), _) => "RACI grid",
            (Command::GoTo(Pane::Issues), _) => "issue queue",
            (Command::GoTo(Pane::Standup), _) => "standup",
            (Command::GoTo(Pane::Timeline), _) => "timeline and flow",
            (Command::Up, Pane::Timeline) => "previous task",
            (Command::Down, Pane::Timeline) => "next task",
            (Command::Left, Pane::Timeline) => "earlier",
            (Command::Right, Pane::Timeline) => "later",
            (Command::Lanes, Pane::Timeline) => "group by owner / by column",
            (Command::NewCard, Pane::Timeline) => "new card",
            (Command::Up, Pane::Standup) => "previous card or issue",
            (Command::Down, Pane::Standup) => "next card or issue",
            (Command::Left | Command::Right, Pane::Standup) => "",
            (Command::Up, Pane::Board) => "previous card",
            (Command::Down, Pane::Board) => "next card",
            (Command::Left, Pane::Board) => "column to the left",
            (Command::Right, Pane::Board) => "column to the right",
            (Command::Up, Pane::Raci) => "previous task",
            (Command::Down, Pane::Raci) => "next task",
            (Command::Left, Pane::Raci) => "party to the left",
            (Command::Right, Pane::Raci) => "party to the right",
            (Command::Up, Pane::Issues) => "previous issue",
            (Command::Down, Pane::Issues) => "next issue",
            (Command::Left | Command::Right, Pane::Issues) => "",
            (Command::Top, _) => "first",
            (Command::Bottom, _) => "last",
            (Command::PageUp, _) => "page up",
            (Command::PageDown, _) => "page down",
            (Command::Cancel, _) => "cancel, clear the filter",
            (Command::Undo, _) => "undo the last change",
            (Command::Redo, _) => "redo what was undone",
            (Command::MoveCardLeft, _) => "card to previous column",
            (Command::MoveCardRight, _) => "card to next column",
            (Command::MoveCardUp, _) => "card up",
            (Command::MoveCardDown, _) => "card down",
            (Command::Finish, _) => "card to last column",
            (Command::Details, Pane::Standup) => "details of the card or issue",
            (Command::Edit, Pane::Standup) => "edit the card or issue",
            (Command::NewCard, Pane::Standup) => "new card for this speaker",
            (Command::NewCard, Pane::Issues) => "raise an issue",
            (Command::NewCard, _) => "new card in this column",
            (Command::Details, Pane::Raci) => "explain row or party",
            (Command::Details, Pane::Issues) => "issue details and timeline",
            (Command::Details, _) => "card details and history",
            (Command::Edit, Pane::Issues) => "edit the issue",
            (Command::Edit, _) => "edit the card",
            (Command::Delete, _) => "delete card (asks first)",
            (Command::Block, _) => "block (asks why)/unblock",
            (Command::Filter, _) => "filter by text",
            (Command::FilterMenu, Pane::Issues) => "filters: open, breached, owner…",
            (Command::FilterMenu, _) => "filters: owner, column…",
            (Command::Lanes, _) => "swimlanes by owner on/off",
            (Command::AddColumn, _) => "add a column",
            (Command::RenameColumn, _) => "rename column",
            (Command::SetWip, _) => "set column WIP limit",
            (Command::ColumnLeft, _) => "move column left",
            (Command::ColumnRight, _) => "move column right",
            (Command::DeleteColumn, _) => "delete empty column",
            (Command::SetRole(Role::Responsible), _) => "Responsible (does it)",
            (Command::SetRole(Role::Accountable), _) => "Accountable (owns it)",
            (Command::SetRole(Role::Consulted), _) => "Consulted (asked)",
            (Command::SetRole(Role::Informed), _) => "Informed (told)",
            (Command::SetRole(Role::AccountableResponsible), _) => "A/R (owns and does it)",
            (Command::ClearRole, _) => "clear the cell",
            (Command::AddParty, _) => "add a party",
            (Command::RenameParty, _) => "rename the party",
            (Command::RemoveParty, _) => "remove party (asks)",
            (Command::PartyLeft, _) => "move party left",
            (Command::PartyRight, _) => "move party right",
            (Command::RaciLimits, _) => "set the rule thresholds",
            (Command::Acknowledge, _) => "acknowledge (someone is on it)",
            (Command::Resolve, _) => "resolve (asks how)",
            (Command::CloseIssue, _) => "close",
            (Command::Reopen, _) => "reopen (new resolution clock)",
            (Command::SetIssueOwner, _) => "change the owner",
            (Command::Escalate, _) => "escalate (asks why)",
            (Command::SlaTargets, _) => "SLA targets per priority",
            (Command::StartByParty, _) => "start the standup, party by party",
            (Command::StartWalk, _) => "start it walking the board",
            (Command::NextSpeaker, _) => "next speaker",
            (Command::PrevSpeaker, _) => "previous speaker",
            (Command::Pause, _) => "pause or resume the timers",
            (Command::Park, _) => "park a topic (asks what, who)",
            (Command::Decide, _) => "record a decision (what, who, when)",
            (Command::Present, _) => "presenter view on/off",
            (Command::EndStandup, _) => "end the standup, write the minutes",
            (Command::RaiseIssue, _) => "raise an issue for this speaker",
            (Command::Conflicts, _) => "settle merge conflicts",
            (Command::Boards, _) => "switch board",
            (Command::ZoomIn, _) => "zoom in (day)",
            (Command::ZoomOut, _) => "zoom out (week, month)",
            (Command::Today, _) => "back to today",
            (Command::FlowView, _) => "Gantt chart / flow charts",
        }
    }
}

/// A key as the table holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn shift(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::SHIFT,
        }
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Whether a pressed key is this one. Shift is implied by the character
    /// itself (`H` is shift-h), so it is ignored for characters.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mods =
            |m: KeyModifiers| m & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b
                    && mods(self.modifiers) - KeyModifiers::SHIFT
                        == mods(event.modifiers) - KeyModifiers::SHIFT
            }
            // Terminals report Shift-Tab as BackTab, with or without Shift.
            (KeyCode::BackTab, KeyCode::BackTab) => {
                mods(self.modifiers) - KeyModifiers::SHIFT
                    == mods(event.modifiers) - KeyModifiers::SHIFT
            }
            (a, b) => a == b && mods(self.modifiers) == mods(event.modifiers),
        }
    }

    /// Reads a key as a config file writes it: `H`, `x`, `+`, `ctrl-r`,
    /// `shift-left`, `alt-j`, `enter`, `esc`, `tab`, `shift-tab`, `space`,
    /// `backspace`, `home`, `pgdn`, `f5`. Case matters for letters only.
    pub fn parse(text: &str) -> Result<Key, Text> {
        let text = text.trim();
        let unknown = || {
            Text::new(|l| {
                l.f(
                    "`{0}` is not a key (write a character, or ctrl-, alt-, shift- before enter, esc, tab, space, backspace, delete, up, down, left, right, home, end, pgup, pgdn, f1…f12)",
                    &[&text],
                )
            })
        };
        if text.chars().count() == 1 {
            let c = text.chars().next().ok_or_else(unknown)?;
            return if c.is_control() {
                Err(unknown())
            } else {
                Ok(Key::plain(KeyCode::Char(c)))
            };
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= m;
            rest = &rest[len..];
        }
        let code = if rest.chars().count() == 1 {
            let c = rest.chars().next().ok_or_else(unknown)?;
            // `ctrl-R` is `ctrl-r`: terminals do not tell them apart.
            if modifiers.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        } else {
            match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                // Terminals send Shift-Tab as BackTab: the shift is in the code.
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => {
                    modifiers -= KeyModifiers::SHIFT;
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" | "bksp" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(unknown()),
                },
                _ => return Err(unknown()),
            }
        };
        Ok(Key { code, modifiers })
    }

    /// How the key is written in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.modifiers.contains(KeyModifiers::SHIFT)
            && !matches!(self.code, KeyCode::Char(_))
        {
            format!("Shift-{base}")
        } else {
            base
        }
    }
}

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
        for b in self
            .bindings
            .iter()
            .filter(|b| b.pane.is_none() || b.pane == Some(pane))
        {
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
        self.bindings
            .iter()
            .filter(|b| b.pane.is_none() || b.pane == Some(pane))
            .find(|b| b.command == command)
            .map(|b| b.key.label())
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
