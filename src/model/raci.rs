//! RACI roles and the rules a matrix must keep (PRODUCT.md section 5).

use crate::i18n::{Lang, mark};
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::board::{Board, Task};
use super::ids::TaskId;
use super::settings::RaciLimits;

/// A party's role on a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Responsible,
    Accountable,
    Consulted,
    Informed,
    /// Accountable and also does the work: counts as both A and R.
    AccountableResponsible,
}

impl Role {
    /// The letter(s) shown in the grid and written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Responsible => "R",
            Role::Accountable => "A",
            Role::Consulted => "C",
            Role::Informed => "I",
            Role::AccountableResponsible => "A/R",
        }
    }

    /// Reads `R`, `A`, `C`, `I`, `A/R` in any case and with spaces around;
    /// `AR` and `RA` (and `R/A`) are read as A/R, as spreadsheets write it.
    pub fn parse(text: &str) -> Option<Role> {
        let t: String = text
            .trim()
            .to_uppercase()
            .chars()
            .filter(|c| *c != ' ')
            .collect();
        match t.as_str() {
            "R" => Some(Role::Responsible),
            "A" => Some(Role::Accountable),
            "C" => Some(Role::Consulted),
            "I" => Some(Role::Informed),
            "A/R" | "R/A" | "AR" | "RA" => Some(Role::AccountableResponsible),
            _ => None,
        }
    }

    /// The role whose spelling in the file ([`as_str`](Self::as_str)) is
    /// exactly `text`.
    fn canonical(text: &str) -> Option<Role> {
        [
            Role::Responsible,
            Role::Accountable,
            Role::Consulted,
            Role::Informed,
            Role::AccountableResponsible,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }

    /// Counts as Responsible.
    pub fn is_r(self) -> bool {
        matches!(self, Role::Responsible | Role::AccountableResponsible)
    }

    /// Counts as Accountable.
    pub fn is_a(self) -> bool {
        matches!(self, Role::Accountable | Role::AccountableResponsible)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Reads the role in place: a board holds tens of thousands.
        struct Canonical;
        impl serde::de::Visitor<'_> for Canonical {
            type Value = Role;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a RACI role")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Role, E> {
                // The file holds only the canonical spellings.
                Role::canonical(text).ok_or_else(|| {
                    E::custom(format!(
                        "`{text}` is not a RACI role (expected R, A, C, I or A/R)"
                    ))
                })
            }
        }
        d.deserialize_str(Canonical)
    }
}

/// How bad a broken rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The rules, by the names `raci check --json` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    NoAccountable,
    MultipleAccountable,
    NoResponsible,
    TooManyResponsible,
    TooManyConsulted,
    Overloaded,
    IdleParty,
}

impl Rule {
    /// The rule's stable name.
    pub fn name(self) -> &'static str {
        match self {
            Rule::NoAccountable => "no-accountable",
            Rule::MultipleAccountable => "multiple-accountable",
            Rule::NoResponsible => "no-responsible",
            Rule::TooManyResponsible => "too-many-responsible",
            Rule::TooManyConsulted => "too-many-consulted",
            Rule::Overloaded => "overloaded",
            Rule::IdleParty => "idle-party",
        }
    }

    /// Errors break the matrix; warnings point at something to look at.
    pub fn severity(self) -> Severity {
        match self {
            Rule::NoAccountable | Rule::MultipleAccountable | Rule::NoResponsible => {
                Severity::Error
            }
            _ => Severity::Warning,
        }
    }

    /// A short label for the grid's rule column.
    pub fn short(self) -> &'static str {
        match self {
            Rule::NoAccountable => mark("no A"),
            Rule::MultipleAccountable => mark("2+ A"),
            Rule::NoResponsible => mark("no R"),
            Rule::TooManyResponsible => mark("many R"),
            Rule::TooManyConsulted => mark("many C"),
            Rule::Overloaded => mark("overloaded"),
            Rule::IdleParty => mark("idle"),
        }
    }
}

impl Rule {
    /// Why the rule exists, in one sentence a lead can say out loud.
    pub fn why(self) -> &'static str {
        match self {
            Rule::NoAccountable => mark(
                "Nobody owns the outcome: when the task slips, nobody is the one to decide or to answer for it.",
            ),
            Rule::MultipleAccountable => mark(
                "Two owners means no owner: each can wait for the other, and decisions stall or contradict.",
            ),
            Rule::NoResponsible => mark("Nobody is doing the work, so it will not get done."),
            Rule::TooManyResponsible => mark(
                "When many parties share the work, each assumes another has it; the task is often really several tasks.",
            ),
            Rule::TooManyConsulted => mark(
                "Every Consulted party is a conversation to have before work moves: too many slow the task down.",
            ),
            Rule::Overloaded => mark(
                "A party that does or owns this much work becomes the bottleneck the board waits on.",
            ),
            Rule::IdleParty => mark(
                "A party with no role anywhere is either missing from the plan or not needed on this board.",
            ),
        }
    }

    /// How to fix it, with the keys of the RACI pane.
    pub fn fix(self) -> &'static str {
        match self {
            Rule::NoAccountable => mark(
                "Pick the one party that answers for the result and press `a` in its cell (or `R` if it also does the work).",
            ),
            Rule::MultipleAccountable => mark(
                "Keep one A; make the others R (`r`), C (`c`) or I (`i`), or clear them with Space.",
            ),
            Rule::NoResponsible => mark(
                "Press `r` in the cell of the party doing the work (or `R` on the A if the owner does it).",
            ),
            Rule::TooManyResponsible => mark(
                "Split the task into one per party on the board (`n` in pane 1), or make helpers C.",
            ),
            Rule::TooManyConsulted => mark(
                "Keep the parties whose input changes the work as C; make the others I (`i`): they hear of it afterwards.",
            ),
            Rule::Overloaded => mark(
                "Hand some R or A roles to another party, or raise the limit with `T` if this load is planned.",
            ),
            Rule::IdleParty => mark(
                "Give it a role where it takes part (`c` or `i` is enough), or remove the party with `d`.",
            ),
        }
    }
}

/// Where a party is on the hook, and how that task stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    pub id: TaskId,
    pub title: String,
    pub role: Role,
    /// The column's name.
    pub column: String,
    pub due: Option<chrono::NaiveDate>,
    pub state: CommitmentState,
}

/// How a commitment stands, in the order a lead wants to hear them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentState {
    /// Past its due date and not finished.
    Late,
    Blocked,
    Open,
    Done,
}

impl CommitmentState {
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentState::Late => mark("late"),
            CommitmentState::Blocked => mark("blocked"),
            CommitmentState::Open => mark("open"),
            CommitmentState::Done => mark("done"),
        }
    }
}

/// Every task where the party with this code is A or R: late ones first,
/// then blocked, then open, then done; each group by due date (undated
/// last), then id.
pub fn commitments(board: &Board, code: &str, today: chrono::NaiveDate) -> Vec<Commitment> {
    let mut list: Vec<Commitment> = board
        .tasks
        .values()
        .filter_map(|task| {
            let role = *task.raci.get(code)?;
            if !(role.is_a() || role.is_r()) {
                return None;
            }
            let state = if board.is_finished(task) {
                CommitmentState::Done
            } else if board.is_overdue(task, today) {
                CommitmentState::Late
            } else if board.is_blocked(task) {
                CommitmentState::Blocked
            } else {
                CommitmentState::Open
            };
            Some(Commitment {
                id: task.id,
                title: task.title.clone(),
                role,
                column: board
                    .column(&task.column)
                    .map_or_else(|| task.column.clone(), |c| c.name.clone()),
                due: task.due,
                state,
            })
        })
        .collect();
    list.sort_by_key(|c| (c.state, c.due.is_none(), c.due, c.id));
    list
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// One broken rule: on a task, on a party, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub task: Option<TaskId>,
    pub title: Option<String>,
    pub party: Option<String>,
    pub severity: Severity,
    pub rule: Rule,
    pub message: String,
}

/// How many tasks a party is R, A, C and I on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Load {
    pub r: u32,
    pub a: u32,
    pub c: u32,
    pub i: u32,
}

impl Load {
    /// Counts `role` once more (`sign` 1) or once less (`sign` -1).
    pub fn add(&mut self, role: Role, sign: i64) {
        let step = |n: &mut u32, hit: bool| {
            if hit {
                *n = (i64::from(*n) + sign).max(0) as u32;
            }
        };
        step(&mut self.r, role.is_r());
        step(&mut self.a, role.is_a());
        step(&mut self.c, role == Role::Consulted);
        step(&mut self.i, role == Role::Informed);
    }
}

/// Per-party role counts over the whole board, in party order.
pub fn loads(board: &Board) -> Vec<(String, Load)> {
    let at: std::collections::HashMap<&str, usize> = board
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.as_str(), i))
        .collect();
    let mut loads = vec![Load::default(); board.parties.len()];
    for task in board.tasks.values() {
        for (code, role) in &task.raci {
            let Some(load) = at.get(code.as_str()).and_then(|i| loads.get_mut(*i)) else {
                continue;
            };
            load.r += u32::from(role.is_r());
            load.a += u32::from(role.is_a());
            load.c += u32::from(*role == Role::Consulted);
            load.i += u32::from(*role == Role::Informed);
        }
    }
    board
        .parties
        .iter()
        .map(|p| p.code.clone())
        .zip(loads)
        .collect()
}

/// The problems of one task's roles. A task with no role at all is "not
/// planned" and has none.
pub fn task_problems(board: &Board, id: TaskId) -> Vec<Rule> {
    board
        .tasks
        .get(&id)
        .map(|task| task_rules(task, &board.settings.raci))
        .unwrap_or_default()
}

/// The rules a task's roles break, counted in one pass over its roles.
pub fn task_rules(task: &Task, limits: &RaciLimits) -> Vec<Rule> {
    if task.raci.is_empty() {
        return Vec::new();
    }
    let (mut a, mut r, mut c) = (0u32, 0u32, 0u32);
    for role in task.raci.values() {
        a += u32::from(role.is_a());
        r += u32::from(role.is_r());
        c += u32::from(*role == Role::Consulted);
    }
    let mut rules = Vec::new();
    if a == 0 {
        rules.push(Rule::NoAccountable);
    }
    if a >= 2 {
        rules.push(Rule::MultipleAccountable);
    }
    if r == 0 {
        rules.push(Rule::NoResponsible);
    }
    if r >= limits.responsible_warn {
        rules.push(Rule::TooManyResponsible);
    }
    if c > limits.consulted_max {
        rules.push(Rule::TooManyConsulted);
    }
    rules
}

/// What a broken task rule means on this board (its thresholds included).
pub fn task_message(rule: Rule, limits: &RaciLimits, l: Lang) -> String {
    match rule {
        Rule::NoAccountable => l.t("no party is Accountable (A): name exactly one").into(),
        Rule::MultipleAccountable => l
            .t("two or more parties are Accountable (A): keep exactly one")
            .into(),
        Rule::NoResponsible => l
            .t("no party is Responsible (R): who does the work?")
            .into(),
        Rule::TooManyResponsible => l.f(
            "{0} or more parties are Responsible (R): split the task?",
            &[&limits.responsible_warn],
        ),
        Rule::TooManyConsulted => l.f(
            "more than {0} parties are Consulted (C)",
            &[&limits.consulted_max],
        ),
        Rule::Overloaded | Rule::IdleParty => rule.name().to_string(),
    }
}

/// The rules a party's load breaks (`overloaded`, `idle-party`): from
/// counts already made, so that showing one party needs no pass over the
/// board.
pub fn party_problems(code: &str, load: Load, limits: &RaciLimits, l: Lang) -> Vec<Problem> {
    let problem = |rule: Rule, message: String| Problem {
        task: None,
        title: None,
        party: Some(code.to_string()),
        severity: rule.severity(),
        rule,
        message,
    };
    let mut problems = Vec::new();
    if load.r > limits.overload_r || load.a > limits.overload_a {
        problems.push(problem(
            Rule::Overloaded,
            l.f(
                "Responsible on {0} and Accountable on {1} tasks (limits {2} R, {3} A)",
                &[&load.r, &load.a, &limits.overload_r, &limits.overload_a],
            ),
        ));
    }
    if load == Load::default() {
        problems.push(problem(
            Rule::IdleParty,
            l.t("holds no role on any task").to_string(),
        ));
    }
    problems
}

/// One party's load (nothing for a code no party has).
pub fn load_of(board: &Board, code: &str) -> Load {
    loads(board)
        .into_iter()
        .find(|(c, _)| c == code)
        .map(|(_, l)| l)
        .unwrap_or_default()
}

/// Every broken rule on the board: task rules in id order, then party rules
/// in party order.
pub fn check(board: &Board) -> Vec<Problem> {
    check_in(board, Lang::En)
}

/// The errors [`check`] would report (the rules on tasks that are
/// errors), said in `l`, without working out the warnings and the
/// parties' loads: what an alert count and a report need.
pub fn errors_in(board: &Board, l: Lang) -> Vec<Problem> {
    let limits = &board.settings.raci;
    board
        .tasks
        .values()
        .flat_map(|task| {
            task_rules(task, limits)
                .into_iter()
                .filter(|r| r.severity() == Severity::Error)
                .map(move |rule| Problem {
                    task: Some(task.id),
                    title: Some(task.title.clone()),
                    party: None,
                    severity: Severity::Error,
                    rule,
                    message: task_message(rule, limits, l),
                })
        })
        .collect()
}

/// How many errors [`check`] would report.
pub fn error_count(board: &Board) -> usize {
    let limits = &board.settings.raci;
    board
        .tasks
        .values()
        .map(|task| {
            task_rules(task, limits)
                .into_iter()
                .filter(|r| r.severity() == Severity::Error)
                .count()
        })
        .sum()
}

/// [`check`], each problem said in `l`.
pub fn check_in(board: &Board, l: Lang) -> Vec<Problem> {
    let mut problems = Vec::new();
    for task in board.tasks.values() {
        for rule in task_rules(task, &board.settings.raci) {
            let message = task_message(rule, &board.settings.raci, l);
            problems.push(Problem {
                task: Some(task.id),
                title: Some(task.title.clone()),
                party: None,
                severity: rule.severity(),
                rule,
                message,
            });
        }
    }
    let limits = &board.settings.raci;
    for (code, load) in loads(board) {
        problems.extend(party_problems(&code, load, limits, l));
    }
    problems
}

#[cfg(test)]
mod tests;
