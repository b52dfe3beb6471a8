//! The one-line prompt at the foot of the screen: a question and an
//! editor for its answer, with a preview of what a picker will pick.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::forms::line_field;
use super::{Overlay, clear};
use crate::model::settings::{BadSettings, RaciLimits};
use crate::model::{Action, IssueId, TaskId};
use crate::tui::app::{App, Tone};
use crate::tui::draw::put;
use crate::tui::effect::Effect;
use crate::tui::form::{cycle, matching_columns, matching_parties, picked_party};
use crate::tui::layout;
use crate::tui::line::LineEditor;

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
    /// The name of a board to create under `boards/` and open.
    NewBoard,
    /// Rename the column with this id.
    RenameColumn(String),
    /// Set the WIP limit of the column with this id.
    SetWip(String),
    /// The column whose cards to show (a column picker).
    FilterColumn,
    AddParty,
    /// Rename the party with this code.
    RenameParty(String),
    RaciLimits,
    /// How the issue was resolved.
    Resolve(IssueId),
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
            line: LineEditor::new(text),
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
        self.refresh();
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
                if prompt.purpose.picks_party() || prompt.purpose == Purpose::FilterColumn =>
            {
                let text = prompt.line.text();
                let n = if prompt.purpose != Purpose::FilterColumn {
                    matching_parties(&self.board, &text).len()
                } else {
                    matching_columns(&self.board, &text).len()
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
                self.refresh();
                return Ok(Effect::None);
            }
            Purpose::FilterOwner => {
                self.filter.owner = self.picked_party(prompt)?;
                self.refresh();
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
                self.refresh();
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
                let due = match text.trim() {
                    "" => None,
                    t => Some(
                        crate::model::dates::parse_date(t, self.now.date_naive())
                            .map_err(|e| e.localized(self.locale.lang))?,
                    ),
                };
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
            Purpose::AddColumn => Action::AddColumn {
                name: text.clone(),
                wip: None,
            },
            Purpose::RenameColumn(id) => Action::RenameColumn {
                column: id.clone(),
                name: text.clone(),
            },
            Purpose::SetWip(id) => {
                let t = text.trim();
                let wip = if t.is_empty() || t == "-" {
                    None
                } else {
                    Some(t.parse::<u32>().map_err(|_| {
                        self.locale
                            .f("`{0}` is not a number of cards (empty: no limit)", &[&t])
                    })?)
                };
                Action::SetWip {
                    column: id.clone(),
                    wip,
                }
            }
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
/// `customer-service`, `法务部` → `p1`).
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

/// A prompt: one line at the bottom of the body, the answer being typed,
/// and under it the reason it was refused or the parties it matches.
pub(super) fn draw(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let body = layout::screen(area).body;
    if body.height == 0 {
        return;
    }
    let h = body.height.min(2);
    let bar = Rect::new(body.x, body.bottom() - h, body.width, h);
    clear(bar, buf);
    let used = put(
        buf,
        bar,
        bar.x + 1,
        bar.y,
        &prompt.label,
        usize::from(bar.width.saturating_sub(2)),
        t.key,
    );
    let x = bar.x + 2 + used;
    let w = bar.right().saturating_sub(x + 1);
    line_field(app, &prompt.line, bar, Rect::new(x, bar.y, w, 1), true, buf);
    if h < 2 {
        return;
    }
    let l = &app.locale;
    let (text, style) = if let Some(error) = &prompt.error {
        (error.clone(), t.error)
    } else if prompt.purpose.picks_party() {
        let empty = match prompt.purpose.default_party() {
            Some(code) => l.f(
                "Enter: {0} · - for nobody · type to pick a party",
                &[&app.board.party_label(code)],
            ),
            None if prompt.purpose.empty_is_nobody() => {
                l.t("Enter: nobody · type to pick a party").to_string()
            }
            None => l.t("Enter: anyone · type to pick a party").to_string(),
        };
        if prompt.line.text().trim() == "-" {
            (format!("→ {}", l.t("nobody")), Style::new())
        } else {
            party_preview(app, &prompt.line, prompt.choice, &empty)
        }
    } else if prompt.purpose == Purpose::FilterColumn {
        let matches = matching_columns(&app.board, &prompt.line.text());
        if prompt.line.is_empty() {
            (
                l.t("Enter: every column · type to pick one").to_string(),
                t.dim,
            )
        } else if matches.is_empty() {
            (l.t("no column matches").to_string(), t.error)
        } else {
            let i = prompt.choice.min(matches.len() - 1);
            (
                format!("→ {}  ↑↓ {}/{}", matches[i].name, i + 1, matches.len()),
                Style::new(),
            )
        }
    } else {
        (l.t("Enter to confirm · Esc to cancel").to_string(), t.dim)
    };
    put(
        buf,
        bar,
        bar.x + 1,
        bar.y + 1,
        &text,
        usize::from(bar.width.saturating_sub(2)),
        style,
    );
}

/// Under a party picker: the party `choice` picks among those matching the
/// text, with how many match; `empty` while nothing is typed; in red when
/// nothing matches.
pub(super) fn party_preview(
    app: &App,
    line: &LineEditor,
    choice: usize,
    empty: &str,
) -> (String, Style) {
    let t = &app.theme;
    if line.is_empty() {
        return (empty.to_string(), t.dim);
    }
    let matches = matching_parties(&app.board, &line.text());
    if matches.is_empty() {
        return (
            app.locale
                .f("no party matches \"{0}\"", &[&line.text().trim()]),
            t.error,
        );
    }
    let i = choice.min(matches.len() - 1);
    let more = if matches.len() > 1 {
        format!("  ↑↓ {}/{}", i + 1, matches.len())
    } else {
        String::new()
    };
    (
        format!("→ {} ({}){more}", matches[i].name, matches[i].code),
        Style::new(),
    )
}
