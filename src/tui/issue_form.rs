//! The issue form (`n` and `e` in the queue): every field of an issue on one
//! screen. Impact and urgency are choices and the priority they make is
//! shown as they change; the owner narrows the parties as it is typed; the
//! involved parties and the linked task are checked as they are typed.

use crate::i18n::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::form::{FormOutcome, PartyPicker};
use super::line::LineEditor;
use crate::model::dates::parse_moment;
use crate::model::triage::Priority;
use crate::model::{Action, Board, Issue, IssueEdit, IssueId, Level, NewIssue, TaskId, Timestamp};

/// The form's fields, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueField {
    Title,
    Impact,
    Urgency,
    Owner,
    Parties,
    Support,
    Detail,
    Proposal,
    Task,
    RespondBy,
    ResolveBy,
}

impl IssueField {
    pub const ALL: [IssueField; 11] = [
        IssueField::Title,
        IssueField::Impact,
        IssueField::Urgency,
        IssueField::Owner,
        IssueField::Parties,
        IssueField::Support,
        IssueField::Detail,
        IssueField::Proposal,
        IssueField::Task,
        IssueField::RespondBy,
        IssueField::ResolveBy,
    ];

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            IssueField::Title => l.t("Title"),
            IssueField::Impact => l.t("Impact"),
            IssueField::Urgency => l.t("Urgency"),
            IssueField::Owner => l.t("Owner"),
            IssueField::Parties => l.t("Involved"),
            IssueField::Support => l.t("Support"),
            IssueField::Detail => l.t("Detail"),
            IssueField::Proposal => l.t("Proposal"),
            IssueField::Task => l.t("Task"),
            IssueField::RespondBy => l.t("Respond by"),
            IssueField::ResolveBy => l.t("Resolve by"),
        }
    }

    fn step(self, delta: isize) -> IssueField {
        let all = IssueField::ALL;
        let i = all.iter().position(|f| *f == self).unwrap_or(0) as isize;
        all[((i + delta).rem_euclid(all.len() as isize)) as usize]
    }
}

/// An issue being raised or edited.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueForm {
    /// The issue edited; `None` for a new one.
    pub target: Option<IssueId>,
    pub title: LineEditor,
    pub impact: Level,
    pub urgency: Level,
    pub owner: PartyPicker,
    pub parties: LineEditor,
    pub support: LineEditor,
    pub detail: LineEditor,
    pub proposal: LineEditor,
    pub task: LineEditor,
    /// Deadlines typed by hand; empty follows the SLA target.
    pub respond_by: LineEditor,
    pub resolve_by: LineEditor,
    pub focus: IssueField,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

impl IssueForm {
    /// An empty form; medium impact and urgency (P3) until chosen.
    pub fn new_issue() -> IssueForm {
        IssueForm {
            target: None,
            title: LineEditor::default(),
            impact: Level::Medium,
            urgency: Level::Medium,
            owner: PartyPicker::default(),
            parties: LineEditor::default(),
            support: LineEditor::default(),
            detail: LineEditor::default(),
            proposal: LineEditor::default(),
            task: LineEditor::default(),
            respond_by: LineEditor::default(),
            resolve_by: LineEditor::default(),
            focus: IssueField::Title,
            error: None,
        }
    }

    /// A form holding an issue's fields.
    pub fn edit(issue: &Issue) -> IssueForm {
        IssueForm {
            target: Some(issue.id),
            title: LineEditor::new(&issue.title),
            impact: issue.impact,
            urgency: issue.urgency,
            owner: PartyPicker::new(issue.owner.as_deref().unwrap_or("")),
            parties: LineEditor::new(&issue.parties.join(", ")),
            support: LineEditor::new(&issue.support),
            detail: LineEditor::new(&issue.detail),
            proposal: LineEditor::new(&issue.proposal),
            task: LineEditor::new(&issue.task.map(|t| t.to_string()).unwrap_or_default()),
            respond_by: LineEditor::new(&moment_text(issue.respond_by)),
            resolve_by: LineEditor::new(&moment_text(issue.resolve_by)),
            focus: IssueField::Title,
            error: None,
        }
    }

    /// The priority impact and urgency make.
    pub fn priority(&self) -> Priority {
        Priority::of(self.impact, self.urgency)
    }

    fn focused_line(&mut self) -> Option<&mut LineEditor> {
        match self.focus {
            IssueField::Title => Some(&mut self.title),
            IssueField::Owner => Some(&mut self.owner.line),
            IssueField::Parties => Some(&mut self.parties),
            IssueField::Support => Some(&mut self.support),
            IssueField::Detail => Some(&mut self.detail),
            IssueField::Proposal => Some(&mut self.proposal),
            IssueField::Task => Some(&mut self.task),
            IssueField::RespondBy => Some(&mut self.respond_by),
            IssueField::ResolveBy => Some(&mut self.resolve_by),
            IssueField::Impact | IssueField::Urgency => None,
        }
    }

    /// Handles a key: `Enter` submits, `Esc` cancels, `Tab`/`↓` and
    /// `Shift-Tab`/`↑` move (in the owner field `↑`/`↓` pick a party);
    /// impact and urgency take `←`/`→`/Space or `h` `m` `l`.
    pub fn handle_key(&mut self, key: &KeyEvent, board: &Board) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        self.error = None;
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Enter => return FormOutcome::Submit,
            KeyCode::Char('s') if ctrl => return FormOutcome::Submit,
            KeyCode::Tab => self.focus = self.focus.step(1),
            KeyCode::BackTab => self.focus = self.focus.step(-1),
            _ if self.focus == IssueField::Owner && self.owner.handle(key, board) => {}
            KeyCode::Down => self.focus = self.focus.step(1),
            KeyCode::Up => self.focus = self.focus.step(-1),
            _ if self.focus == IssueField::Impact => self.impact = level_key(self.impact, key),
            _ if self.focus == IssueField::Urgency => self.urgency = level_key(self.urgency, key),
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
        if self.focus == IssueField::Owner {
            self.owner.paste(text);
        } else if let Some(line) = self.focused_line() {
            line.insert(text);
        }
    }

    /// The owner chosen: `Ok(None)` for nobody.
    pub fn chosen_owner(&self, board: &Board, l: Lang) -> Result<Option<String>, String> {
        self.owner.chosen(board, l)
    }

    /// The involved parties typed (codes or names, comma-separated), each
    /// known to the board.
    pub fn chosen_parties(&self, board: &Board, l: Lang) -> Result<Vec<String>, String> {
        let mut codes = Vec::new();
        for word in self
            .parties
            .text()
            .split([',', '，'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            let code = board.resolve_party(word).map_err(|e| e.localized(l))?;
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        Ok(codes)
    }

    /// The linked task typed, known to the board.
    pub fn chosen_task(&self, board: &Board, l: Lang) -> Result<Option<TaskId>, String> {
        let text = self.task.text();
        if text.trim().is_empty() {
            return Ok(None);
        }
        let id: TaskId = text
            .trim()
            .parse()
            .map_err(|e: crate::model::ids::BadId| e.localized(l))?;
        if !board.tasks.contains_key(&id) {
            return Err(l.f("there is no card {0}", &[&id]));
        }
        Ok(Some(id))
    }

    /// A deadline field's moment: `Ok(None)` when empty (the SLA target).
    pub fn deadline(
        &self,
        field: IssueField,
        now: Timestamp,
        l: Lang,
    ) -> Result<Option<Timestamp>, String> {
        let line = if field == IssueField::RespondBy {
            &self.respond_by
        } else {
            &self.resolve_by
        };
        let text = line.text();
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_moment(&text, now)
            .map(Some)
            .map_err(|e| e.localized(l))
    }

    /// The actions the form asks for (a new issue with deadlines typed by
    /// hand is raised, then given them), or the field at fault and why.
    pub fn to_actions(
        &self,
        board: &Board,
        now: Timestamp,
        l: Lang,
    ) -> Result<Vec<Action>, (IssueField, String)> {
        let title = self.title.text();
        if title.trim().is_empty() {
            return Err((IssueField::Title, l.t("an issue needs a title").into()));
        }
        let owner = self
            .chosen_owner(board, l)
            .map_err(|e| (IssueField::Owner, e))?;
        let parties = self
            .chosen_parties(board, l)
            .map_err(|e| (IssueField::Parties, e))?;
        let task = self
            .chosen_task(board, l)
            .map_err(|e| (IssueField::Task, e))?;
        let respond_by = self
            .deadline(IssueField::RespondBy, now, l)
            .map_err(|e| (IssueField::RespondBy, e))?;
        let resolve_by = self
            .deadline(IssueField::ResolveBy, now, l)
            .map_err(|e| (IssueField::ResolveBy, e))?;
        // The model refuses a resolve deadline before the respond one; the
        // form says so on the field rather than after submitting.
        let mut candidate = match self.target.and_then(|id| board.issues.get(&id)) {
            Some(issue) => issue.clone(),
            None => Issue::draft(now),
        };
        (candidate.impact, candidate.urgency) = (self.impact, self.urgency);
        (candidate.respond_by, candidate.resolve_by) = (respond_by, resolve_by);
        candidate
            .check_deadlines(&board.settings.sla)
            .map_err(|e| (IssueField::ResolveBy, e.localized(l)))?;
        Ok(match self.target {
            None => {
                vec![Action::AddIssue(NewIssue {
                    title,
                    detail: self.detail.text(),
                    reporter: None,
                    parties,
                    owner,
                    impact: self.impact,
                    urgency: self.urgency,
                    support: self.support.text(),
                    proposal: self.proposal.text(),
                    task,
                    respond_by,
                    resolve_by,
                })]
            }
            Some(id) => vec![Action::EditIssue {
                id,
                edit: IssueEdit {
                    title: Some(title),
                    detail: Some(self.detail.text()),
                    owner: Some(owner),
                    parties: Some(parties),
                    impact: Some(self.impact),
                    urgency: Some(self.urgency),
                    support: Some(self.support.text()),
                    proposal: Some(self.proposal.text()),
                    task: Some(task),
                    respond_by: Some(respond_by),
                    resolve_by: Some(resolve_by),
                },
            }],
        })
    }
}

/// A level choice: `←`/`→`/Space cycle; `h`, `m`, `l` pick.
fn level_key(level: Level, key: &KeyEvent) -> Level {
    const ORDER: [Level; 3] = [Level::Low, Level::Medium, Level::High];
    let at = ORDER.iter().position(|l| *l == level).unwrap_or(1);
    match key.code {
        KeyCode::Right | KeyCode::Char(' ') => ORDER[(at + 1) % 3],
        KeyCode::Left => ORDER[(at + 2) % 3],
        KeyCode::Char('h' | 'H') => Level::High,
        KeyCode::Char('m' | 'M') => Level::Medium,
        KeyCode::Char('l' | 'L') => Level::Low,
        _ => level,
    }
}

/// A hand-set deadline as the form shows it for editing.
fn moment_text(moment: Option<Timestamp>) -> String {
    moment
        .map(|m| m.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}
