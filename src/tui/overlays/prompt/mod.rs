//! The one-line prompt at the foot of the screen: a question and an
//! editor for its answer, with a preview of what a picker will pick.

use crossterm::event::{KeyCode, KeyEvent};

use super::Overlay;
use crate::model::settings::{BadSettings, RaciLimits};
use crate::model::{Action, Board, Column, IssueId, TaskId};
use crate::tui::app::{App, Tone};
use crate::tui::effect::Effect;
use crate::tui::form::{cycle, matching_columns, matching_parties, picked_party};
use crate::tui::line::LineEditor;

mod view;

pub(in crate::tui::overlays) use view::{draw, party_preview};

/// What a prompt's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// The reason for blocking a card.
    Block(TaskId),
    /// Text the cards must contain (applied as it is typed).
    FilterText,
    /// The owner whose cards to show (a party picker).
    FilterOwner,
    AddColumn,
    /// The file to import cards from.
    Import,
    /// The name of a board to create under `boards/` and open.
    NewBoard,
    /// Rename the column with this id.
    RenameColumn(String),
    /// Set the WIP limit of the column with this id.
    SetWip(String),
    /// The column whose cards to show (a column picker).
    FilterColumn,
    /// Where the cards of the column `column` go before it is deleted (a
    /// column picker; empty answers `default`, its neighbour).
    DeleteColumnInto {
        column: String,
        default: String,
    },
    AddParty,
    /// Rename the party with this code.
    RenameParty(String),
    /// Give the party with this code a new code.
    RecodeParty(String),
    RaciLimits,
    /// How the issue was resolved.
    Resolve(IssueId),
    /// Why the issue is closed (may be empty).
    Close(IssueId),
    /// The issue's new owner (a party picker).
    IssueOwner(IssueId),
    /// Why the issue is escalated.
    Escalate(IssueId),
    SlaTargets,
    /// Text the issues must contain (applied as it is typed).
    IssueText,
    /// The owner whose issues to show (a party picker).
    IssueOwnerFilter,
    /// A party the issues must name (a party picker).
    IssuePartyFilter,
    /// What the standup decided.
    DecisionText,
    /// Who carries the decision out (a party picker; empty answers
    /// `default`, the speaker, and `-` nobody).
    DecisionOwner {
        text: String,
        default: Option<String>,
    },
    /// By when (a date, or empty).
    DecisionDue {
        text: String,
        owner: Option<String>,
    },
    /// The topic to park.
    ParkTopic,
    /// Who takes the parked topic (a party picker, as for a decision).
    ParkOwner {
        topic: String,
        default: Option<String>,
    },
}

impl Purpose {
    /// Whether the answer picks a party: `↑`/`↓` choose among the matches
    /// and the prompt previews the one `Enter` takes.
    pub fn picks_party(&self) -> bool {
        matches!(
            self,
            Purpose::FilterOwner
                | Purpose::IssueOwner(_)
                | Purpose::IssueOwnerFilter
                | Purpose::IssuePartyFilter
                | Purpose::DecisionOwner { .. }
                | Purpose::ParkOwner { .. }
        )
    }

    /// Whether the answer picks a column: `↑`/`↓` choose among the matches.
    pub fn picks_column(&self) -> bool {
        matches!(
            self,
            Purpose::FilterColumn | Purpose::DeleteColumnInto { .. }
        )
    }

    /// The party an empty answer picks, when it is not "nobody".
    pub fn default_party(&self) -> Option<&str> {
        match self {
            Purpose::DecisionOwner { default, .. } | Purpose::ParkOwner { default, .. } => {
                default.as_deref()
            }
            _ => None,
        }
    }

    /// Whether an empty answer to a party picker means "nobody" rather
    /// than "anyone".
    pub fn empty_is_nobody(&self) -> bool {
        matches!(
            self,
            Purpose::IssueOwner(_) | Purpose::DecisionOwner { .. } | Purpose::ParkOwner { .. }
        )
    }
}

/// A one-line question with an editor for the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub purpose: Purpose,
    /// The question, shown before the answer.
    pub label: String,
    pub line: LineEditor,
    /// For pickers: which match is chosen.
    pub choice: usize,
    /// What the filter text was before the prompt opened, for `Esc`.
    pub previous: String,
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(purpose: Purpose, label: String, text: &str) -> Prompt {
        Prompt {
            purpose,
            label,
            line: LineEditor::prefilled(text),
            choice: 0,
            previous: text.to_string(),
            error: None,
        }
    }
}

impl App {
    /// A filter prompt's text applies as it is typed (and its old text
    /// again on `Esc`).
    pub(in crate::tui) fn live_filter(&mut self, purpose: &Purpose, text: String) {
        match purpose {
            Purpose::FilterText => self.filter.text = text,
            Purpose::IssueText => self.issue_filter.text = text,
            _ => return,
        }
        self.relayout();
    }

    pub(super) fn prompt_key(&mut self, mut prompt: Prompt, key: &KeyEvent) -> Effect {
        match key.code {
            KeyCode::Esc => {
                self.live_filter(&prompt.purpose, prompt.previous.clone());
                self.say(Tone::Info, self.locale.t("Cancelled"));
            }
            KeyCode::Enter => match self.answer(&prompt) {
                Ok(effect) => return effect,
                Err(why) => {
                    prompt.error = Some(why);
                    self.overlay = Some(Overlay::Prompt(prompt));
                }
            },
            KeyCode::Down | KeyCode::Up
                if prompt.purpose.picks_party() || prompt.purpose.picks_column() =>
            {
                let text = prompt.line.text();
                let n = if prompt.purpose.picks_party() {
                    matching_parties(&self.board, &text).len()
                } else {
                    column_choices(&self.board, &prompt.purpose, &text).len()
                };
                prompt.choice = cycle(prompt.choice, n, key.code == KeyCode::Down);
                self.overlay = Some(Overlay::Prompt(prompt));
            }
            _ => {
                if prompt.line.handle(key) {
                    prompt.choice = 0;
                    prompt.error = None;
                    self.live_filter(&prompt.purpose, prompt.line.text());
                }
                self.overlay = Some(Overlay::Prompt(prompt));
            }
        }
        Effect::None
    }

    /// The party a picker prompt chose (see [`picked_party`]); for a
    /// prompt with a default party, empty picks it and `-` nobody.
    fn picked_party(&self, prompt: &Prompt) -> Result<Option<String>, String> {
        let text = prompt.line.text();
        if let Some(default) = prompt.purpose.default_party() {
            match text.trim() {
                "" => return Ok(Some(default.to_string())),
                "-" => return Ok(None),
                _ => {}
            }
        }
        picked_party(&self.board, &text, prompt.choice, self.locale.lang)
    }

    /// Acts on a prompt's answer; `Err` keeps the prompt open with a reason.
    fn answer(&mut self, prompt: &Prompt) -> Result<Effect, String> {
        let text = prompt.line.text();
        let action = match &prompt.purpose {
            Purpose::FilterText | Purpose::IssueText => return Ok(Effect::None),
            Purpose::IssueOwnerFilter | Purpose::IssuePartyFilter => {
                let chosen = self.picked_party(prompt)?;
                if prompt.purpose == Purpose::IssueOwnerFilter {
                    self.issue_filter.owner = chosen;
                } else {
                    self.issue_filter.party = chosen;
                }
                self.relayout();
                return Ok(Effect::None);
            }
            Purpose::FilterOwner => {
                self.filter.owner = self.picked_party(prompt)?;
                self.relayout();
                return Ok(Effect::None);
            }
            Purpose::FilterColumn => {
                if text.trim().is_empty() {
                    self.filter.column = None;
                } else {
                    let matches = matching_columns(&self.board, &text);
                    let column = matches
                        .get(prompt.choice.min(matches.len().saturating_sub(1)))
                        .ok_or_else(|| {
                            self.locale.f("no column matches \"{0}\"", &[&text.trim()])
                        })?;
                    self.filter.column = Some(column.id.clone());
                }
                self.relayout();
                return Ok(Effect::None);
            }
            Purpose::AddParty => {
                let (code, name) = party_code_and_name(&self.board, &text);
                Action::AddParty {
                    code,
                    name,
                    kind: crate::model::PartyKind::Department,
                    department: None,
                }
            }
            Purpose::RecodeParty(code) => Action::RecodeParty {
                party: code.clone(),
                code: text.clone(),
            },
            Purpose::RenameParty(code) => Action::RenameParty {
                party: code.clone(),
                name: text.clone(),
            },
            Purpose::RaciLimits => Action::SetRaciLimits(
                text.parse::<RaciLimits>()
                    .map_err(|e| e.localized(self.locale.lang))?,
            ),
            Purpose::SlaTargets => Action::SetSlaTargets(
                text.parse()
                    .map_err(|e: BadSettings| e.localized(self.locale.lang))?,
            ),
            Purpose::Resolve(id) => Action::ResolveIssue {
                id: *id,
                note: text.clone(),
            },
            Purpose::Close(id) => Action::CloseIssue {
                id: *id,
                reason: text.clone(),
            },
            Purpose::DeleteColumnInto { column, .. } => Action::DeleteColumn {
                column: column.clone(),
                move_to: Some(picked_column(&self.board, prompt, &self.locale)?.id.clone()),
            },
            Purpose::Escalate(id) => Action::EscalateIssue {
                id: *id,
                reason: text.clone(),
            },
            Purpose::IssueOwner(id) => {
                let owner = self.picked_party(prompt)?;
                Action::EditIssue {
                    id: *id,
                    edit: crate::model::IssueEdit {
                        owner: Some(owner),
                        ..Default::default()
                    },
                }
            }
            Purpose::DecisionText | Purpose::ParkTopic => {
                if text.trim().is_empty() {
                    return Err(self.locale.t("say it in a few words (Esc cancels)").into());
                }
                let default = self.speaker_code();
                let (purpose, label) = if prompt.purpose == Purpose::DecisionText {
                    (
                        Purpose::DecisionOwner {
                            text: text.clone(),
                            default,
                        },
                        self.locale.t("Who carries it out?"),
                    )
                } else {
                    (
                        Purpose::ParkOwner {
                            topic: text.clone(),
                            default,
                        },
                        self.locale.t("Who takes it?"),
                    )
                };
                self.overlay = Some(Overlay::Prompt(Prompt::new(purpose, label.into(), "")));
                return Ok(Effect::None);
            }
            Purpose::DecisionOwner { text: decision, .. } => {
                let owner = self.picked_party(prompt)?;
                self.overlay = Some(Overlay::Prompt(Prompt::new(
                    Purpose::DecisionDue {
                        text: decision.clone(),
                        owner,
                    },
                    self.locale
                        .t("By when? (fri, +3d, 2026-12-01; empty: no date)")
                        .into(),
                    "",
                )));
                return Ok(Effect::None);
            }
            Purpose::DecisionDue {
                text: decision,
                owner,
            } => {
                let due = due_date(&text, self.now.date_naive(), &self.locale)?;
                Action::Decide(crate::model::Decision {
                    text: decision.clone(),
                    owner: owner.clone(),
                    due,
                })
            }
            Purpose::ParkOwner { topic, .. } => Action::Park(crate::model::Parked {
                topic: topic.clone(),
                owner: self.picked_party(prompt)?,
            }),
            Purpose::Block(id) => Action::BlockTask {
                id: *id,
                reason: text.clone(),
            },
            Purpose::NewBoard => {
                crate::store::paths::check_board_name(&text, self.locale.lang)?;
                return Ok(Effect::CreateBoard(text.trim().to_string()));
            }
            Purpose::Import => {
                let (summary, import) = self.plan_import(&text)?;
                self.overlay = Some(Overlay::Confirm(super::confirm::Confirm {
                    question: self.locale.f("{0}. Import?", &[&summary]),
                    yes: super::confirm::Yes::Apply(Box::new(Action::Import(import))),
                }));
                return Ok(Effect::None);
            }
            Purpose::AddColumn => Action::AddColumn {
                name: text.clone(),
                wip: None,
            },
            Purpose::RenameColumn(id) => Action::RenameColumn {
                column: id.clone(),
                name: text.clone(),
            },
            Purpose::SetWip(id) => Action::SetWip {
                column: id.clone(),
                wip: wip_limit(&text, &self.locale)?,
            },
        };
        self.perform(&action)?;
        if prompt.purpose == Purpose::AddParty {
            self.raci_state.party = self.board.parties.len().saturating_sub(1);
        }
        if prompt.purpose == Purpose::AddColumn
            && let Some(at) = self
                .board
                .columns
                .iter()
                .position(|c| c.name == text.trim())
        {
            self.board_state.column = at;
            self.refresh_following(None);
        }
        Ok(Effect::None)
    }
}

/// What the add-party prompt's answer means: `mkt:市场部` gives a code and
/// a name; a bare name gets a code made from it (`Customer Service` →
/// `cs`, `法务部` → `法务`).
fn party_code_and_name(board: &crate::model::Board, text: &str) -> (String, String) {
    let taken: Vec<String> = board.parties.iter().map(|p| p.code.clone()).collect();
    if let Some((code, name)) = text.split_once([':', '：'])
        && !code.trim().is_empty()
        && !code.trim().contains(' ')
    {
        return (code.trim().to_string(), name.trim().to_string());
    }
    let name = text.trim().to_string();
    (crate::model::matrix::fresh_code(&name, &taken), name)
}

/// The columns a column picker offers for `text`: those it matches; for
/// a column's cards, never that column, and its neighbour when empty.
fn column_choices<'b>(board: &'b Board, purpose: &Purpose, text: &str) -> Vec<&'b Column> {
    match purpose {
        Purpose::DeleteColumnInto { column, default } if text.trim().is_empty() => board
            .column(default)
            .into_iter()
            .filter(|c| c.id != *column)
            .collect(),
        Purpose::DeleteColumnInto { column, .. } => matching_columns(board, text)
            .into_iter()
            .filter(|c| c.id != *column)
            .collect(),
        _ => matching_columns(board, text),
    }
}

/// A WIP limit as typed: empty or `-` for none, else a number of cards,
/// at least one. The prompt's preview and its answer both read it so.
fn wip_limit(text: &str, l: &crate::i18n::Locale) -> Result<Option<u32>, String> {
    match text.trim() {
        "" | "-" => Ok(None),
        t => match t.parse::<u32>() {
            Ok(0) => Err(l.t("a WIP limit is at least 1 (empty: no limit)").into()),
            Ok(n) => Ok(Some(n)),
            Err(_) => Err(l.f("`{0}` is not a number of cards (empty: no limit)", &[&t])),
        },
    }
}

/// A decision's due date as typed (empty: none).
fn due_date(
    text: &str,
    today: chrono::NaiveDate,
    l: &crate::i18n::Locale,
) -> Result<Option<chrono::NaiveDate>, String> {
    match text.trim() {
        "" => Ok(None),
        t => crate::model::dates::read_date(t, today, l)
            .map(Some)
            .map_err(|e| e.localized(l.lang)),
    }
}

/// The column a column picker's answer picks, among [`column_choices`].
fn picked_column<'b>(
    board: &'b Board,
    prompt: &Prompt,
    l: &crate::i18n::Locale,
) -> Result<&'b Column, String> {
    let text = prompt.line.text();
    let choices = column_choices(board, &prompt.purpose, &text);
    choices
        .get(prompt.choice.min(choices.len().saturating_sub(1)))
        .copied()
        .ok_or_else(|| l.f("no other column matches \"{0}\"", &[&text.trim()]))
}
