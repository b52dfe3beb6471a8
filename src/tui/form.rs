//! The card form: every field of a new or existing card on one screen, each
//! checked as it is typed (the due date shows the day it means, the owner
//! field narrows the parties, dependencies name the cards they point at).

use crate::i18n::Lang;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line::LineEditor;
use crate::i18n::Locale;
use crate::model::action::risk_word;
use crate::model::dates::read_date;
use crate::model::ids::BadId;
use crate::model::{Action, Board, NewTask, Party, Risk, Task, TaskEdit, TaskId};

/// The form's fields, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Owner,
    Due,
    Risk,
    Note,
    Depends,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Title,
        Field::Owner,
        Field::Due,
        Field::Risk,
        Field::Note,
        Field::Depends,
    ];

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Field::Title => l.t("Title"),
            Field::Owner => l.t("Owner"),
            Field::Due => l.t("Due"),
            Field::Risk => l.t("Risk"),
            Field::Note => l.t("Note"),
            Field::Depends => l.t("Waits on"),
        }
    }

    fn step(self, delta: isize) -> Field {
        let i = Field::ALL.iter().position(|f| *f == self).unwrap_or(0) as isize;
        let n = Field::ALL.len() as isize;
        Field::ALL[((i + delta).rem_euclid(n)) as usize]
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Continue,
    Cancel,
    Submit,
}

/// A card being created or edited.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskForm {
    /// The card edited; `None` for a new card.
    pub target: Option<TaskId>,
    /// The column a new card goes to (a column id).
    pub column: String,
    pub title: LineEditor,
    pub owner: PartyPicker,
    pub due: LineEditor,
    pub risk: Option<Risk>,
    pub note: LineEditor,
    pub depends: LineEditor,
    pub focus: Field,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

impl TaskForm {
    /// An empty form for a new card in `column`.
    pub fn new_card(column: &str) -> TaskForm {
        TaskForm {
            target: None,
            column: column.to_string(),
            title: LineEditor::default(),
            owner: PartyPicker::default(),
            due: LineEditor::default(),
            risk: None,
            note: LineEditor::default(),
            depends: LineEditor::default(),
            focus: Field::Title,
            error: None,
        }
    }

    /// A form holding a card's fields.
    pub fn edit(task: &Task) -> TaskForm {
        let deps: Vec<String> = task.depends_on.iter().map(ToString::to_string).collect();
        TaskForm {
            target: Some(task.id),
            column: task.column.clone(),
            title: LineEditor::new(&task.title),
            owner: PartyPicker::new(task.owner.as_deref().unwrap_or("")),
            due: LineEditor::new(&task.due.map(|d| d.to_string()).unwrap_or_default()),
            risk: task.risk,
            note: LineEditor::new(&task.note),
            depends: LineEditor::new(&deps.join(" ")),
            focus: Field::Title,
            error: None,
        }
    }

    /// The line editor of the focused field (`None` on the risk choice).
    pub fn focused_line(&mut self) -> Option<&mut LineEditor> {
        match self.focus {
            Field::Title => Some(&mut self.title),
            Field::Owner => Some(&mut self.owner.line),
            Field::Due => Some(&mut self.due),
            Field::Risk => None,
            Field::Note => Some(&mut self.note),
            Field::Depends => Some(&mut self.depends),
        }
    }

    /// Handles a key. `Enter` submits from any field, `Esc` cancels,
    /// `Tab`/`↓` and `Shift-Tab`/`↑` move between fields (in the owner field
    /// `↑`/`↓` choose among the matching parties).
    pub fn handle_key(&mut self, key: &KeyEvent, board: &Board) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        self.error = None;
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Enter => return FormOutcome::Submit,
            KeyCode::Char('s') if ctrl => return FormOutcome::Submit,
            KeyCode::Tab => self.focus = self.focus.step(1),
            KeyCode::BackTab => self.focus = self.focus.step(-1),
            _ if self.focus == Field::Owner && self.owner.handle(key, board) => {}
            KeyCode::Down => self.focus = self.focus.step(1),
            KeyCode::Up => self.focus = self.focus.step(-1),
            _ if self.focus == Field::Risk => self.risk_key(key),
            _ => {
                if let Some(line) = self.focused_line() {
                    line.handle(key);
                }
            }
        }
        FormOutcome::Continue
    }

    /// Pasted text goes into the focused field.
    pub fn paste(&mut self, text: &str) {
        if self.focus == Field::Owner {
            self.owner.paste(text);
        } else if let Some(line) = self.focused_line() {
            line.insert(text);
        }
    }

    /// Risk is a choice: `←`/`→`/Space cycle none, low, medium, high; `l`,
    /// `m`, `h` pick one; `-` or Backspace clears it.
    fn risk_key(&mut self, key: &KeyEvent) {
        const ORDER: [Option<Risk>; 4] =
            [None, Some(Risk::Low), Some(Risk::Medium), Some(Risk::High)];
        let at = ORDER.iter().position(|r| *r == self.risk).unwrap_or(0);
        self.risk = match key.code {
            KeyCode::Right | KeyCode::Char(' ') => ORDER[(at + 1) % 4],
            KeyCode::Left => ORDER[(at + 3) % 4],
            KeyCode::Char('l' | 'L') => Some(Risk::Low),
            KeyCode::Char('m' | 'M') => Some(Risk::Medium),
            KeyCode::Char('h' | 'H') => Some(Risk::High),
            KeyCode::Char('-') | KeyCode::Backspace | KeyCode::Delete => None,
            _ => self.risk,
        };
    }

    /// The owner the form will set: `Ok(None)` for nobody.
    pub fn chosen_owner(&self, board: &Board, l: Lang) -> Result<Option<String>, String> {
        self.owner.chosen(board, l)
    }

    /// The due date the text means, or why it means none.
    pub fn due_date(&self, today: NaiveDate, l: &Locale) -> Result<Option<NaiveDate>, String> {
        let text = self.due.text();
        if text.trim().is_empty() || text.trim() == "-" {
            return Ok(None);
        }
        read_date(&text, today, l)
            .map(Some)
            .map_err(|e| e.localized(l.lang))
    }

    /// The cards typed in "waits on", each known to the board.
    pub fn dependencies(&self, board: &Board, l: Lang) -> Result<Vec<TaskId>, String> {
        let mut ids = Vec::new();
        for word in self
            .depends
            .text()
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            let id: TaskId = word.parse().map_err(|e: BadId| e.localized(l))?;
            if !board.tasks.contains_key(&id) {
                return Err(l.f("there is no card {0}", &[&id]));
            }
            if Some(id) == self.target {
                return Err(l.f("{0} cannot wait on itself", &[&id]));
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// The action the form asks for, or the field at fault and why.
    pub fn to_action(
        &self,
        board: &Board,
        today: NaiveDate,
        locale: &Locale,
    ) -> Result<Action, (Field, String)> {
        let l = locale.lang;
        let title = self.title.text();
        if title.trim().is_empty() {
            return Err((Field::Title, l.t("a card needs a title").into()));
        }
        let owner = self.chosen_owner(board, l).map_err(|e| (Field::Owner, e))?;
        let due = self.due_date(today, locale).map_err(|e| (Field::Due, e))?;
        let depends_on = self
            .dependencies(board, l)
            .map_err(|e| (Field::Depends, e))?;
        let note = self.note.text();
        Ok(match self.target {
            None => Action::AddTask(NewTask {
                title,
                column: Some(self.column.clone()),
                owner,
                due,
                risk: self.risk,
                note,
                depends_on,
                ..NewTask::default()
            }),
            Some(id) => Action::EditTask {
                id,
                edit: TaskEdit {
                    title: Some(title),
                    owner: Some(owner),
                    due: Some(due),
                    risk: Some(self.risk),
                    note: Some(note),
                    depends_on: Some(depends_on),
                },
            },
        })
    }

    /// The risk as the form shows it.
    pub fn risk_text(&self) -> &'static str {
        self.risk.map_or(crate::i18n::mark("none"), risk_word)
    }
}

/// Parties whose code or name matches `text`, best first: code or name
/// starting with it, then containing it. All parties for empty text.
pub fn matching_parties<'a>(board: &'a Board, text: &str) -> Vec<&'a Party> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return board.parties.iter().collect();
    }
    let starts =
        |p: &Party| p.code.to_lowercase().starts_with(&t) || p.name.to_lowercase().starts_with(&t);
    let contains =
        |p: &Party| p.code.to_lowercase().contains(&t) || p.name.to_lowercase().contains(&t);
    let mut out: Vec<&Party> = board.parties.iter().filter(|p| starts(p)).collect();
    out.extend(board.parties.iter().filter(|p| !starts(p) && contains(p)));
    out
}

/// Columns whose id or name matches what was typed: those starting with it
/// first, then those containing it.
pub fn matching_columns<'a>(board: &'a Board, text: &str) -> Vec<&'a crate::model::Column> {
    let t = text.trim().to_lowercase();
    let starts = |c: &&crate::model::Column| {
        c.id.to_lowercase().starts_with(&t) || c.name.to_lowercase().starts_with(&t)
    };
    let contains = |c: &&crate::model::Column| {
        c.id.to_lowercase().contains(&t) || c.name.to_lowercase().contains(&t)
    };
    let mut out: Vec<_> = board.columns.iter().filter(starts).collect();
    out.extend(board.columns.iter().filter(|c| !starts(c) && contains(c)));
    out
}

/// A text field that picks a party: typing narrows the parties (see
/// [`matching_parties`]), `↑`/`↓` choose among the matches. Used for owners
/// in the forms and for the pickers in prompts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartyPicker {
    pub line: LineEditor,
    /// Which of the matching parties is chosen.
    pub choice: usize,
}

impl PartyPicker {
    pub fn new(text: &str) -> PartyPicker {
        PartyPicker {
            line: LineEditor::new(text),
            choice: 0,
        }
    }

    /// A key for the field: `↑`/`↓` move among the matches (once there is
    /// text), other keys edit it. Returns false for keys it leaves alone.
    pub fn handle(&mut self, key: &KeyEvent, board: &Board) -> bool {
        match key.code {
            KeyCode::Down | KeyCode::Up if !self.line.is_empty() => {
                let n = matching_parties(board, &self.line.text()).len();
                self.choice = cycle(self.choice, n, key.code == KeyCode::Down);
                true
            }
            KeyCode::Down | KeyCode::Up => false,
            _ => {
                let edited = self.line.handle(key);
                if edited {
                    self.choice = 0;
                }
                edited
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.line.insert(text);
        self.choice = 0;
    }

    /// The party chosen: `Ok(None)` for empty text.
    pub fn chosen(&self, board: &Board, l: Lang) -> Result<Option<String>, String> {
        picked_party(board, &self.line.text(), self.choice, l)
    }
}

/// The party `choice` picks among those matching `text`: `Ok(None)` for
/// empty text (nobody, anyone), or why nothing matches.
pub fn picked_party(
    board: &Board,
    text: &str,
    choice: usize,
    l: Lang,
) -> Result<Option<String>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let matches = matching_parties(board, text);
    matches
        .get(choice.min(matches.len().saturating_sub(1)))
        .map(|p| Some(p.code.clone()))
        .ok_or_else(|| l.f("no party matches \"{0}\"", &[&text.trim()]))
}

/// The next (`down`) or previous choice among `n`, wrapping around.
pub fn cycle(choice: usize, n: usize, down: bool) -> usize {
    let n = n.max(1);
    if down {
        (choice + 1) % n
    } else {
        (choice + n - 1) % n
    }
}
