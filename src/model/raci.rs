//! RACI roles and the rules a matrix must keep (PRODUCT.md section 5).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::board::Board;
use super::ids::TaskId;

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
        let text = String::deserialize(d)?;
        // The file holds only the canonical spellings.
        match Role::parse(&text) {
            Some(role) if role.as_str() == text => Ok(role),
            _ => Err(serde::de::Error::custom(format!(
                "`{text}` is not a RACI role (expected R, A, C, I or A/R)"
            ))),
        }
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
            Rule::NoAccountable => "no A",
            Rule::MultipleAccountable => "2+ A",
            Rule::NoResponsible => "no R",
            Rule::TooManyResponsible => "many R",
            Rule::TooManyConsulted => "many C",
            Rule::Overloaded => "overloaded",
            Rule::IdleParty => "idle",
        }
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Load {
    pub r: u32,
    pub a: u32,
    pub c: u32,
    pub i: u32,
}

/// Per-party role counts over the whole board, in party order.
pub fn loads(board: &Board) -> Vec<(String, Load)> {
    let mut by_code: BTreeMap<&str, Load> = BTreeMap::new();
    for task in board.tasks.values() {
        for (code, role) in &task.raci {
            let load = by_code.entry(code.as_str()).or_default();
            if role.is_r() {
                load.r += 1;
            }
            if role.is_a() {
                load.a += 1;
            }
            match role {
                Role::Consulted => load.c += 1,
                Role::Informed => load.i += 1,
                _ => {}
            }
        }
    }
    board
        .parties
        .iter()
        .map(|p| {
            (
                p.code.clone(),
                by_code.get(p.code.as_str()).copied().unwrap_or_default(),
            )
        })
        .collect()
}

/// The problems of one task's roles. A task with no role at all is "not
/// planned" and has none.
pub fn task_problems(board: &Board, id: TaskId) -> Vec<Rule> {
    let Some(task) = board.tasks.get(&id) else {
        return Vec::new();
    };
    if task.raci.is_empty() {
        return Vec::new();
    }
    let limits = &board.settings.raci;
    let a = task.raci.values().filter(|r| r.is_a()).count() as u32;
    let r = task.raci.values().filter(|r| r.is_r()).count() as u32;
    let c = task
        .raci
        .values()
        .filter(|r| **r == Role::Consulted)
        .count() as u32;
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

/// Every broken rule on the board: task rules in id order, then party rules
/// in party order.
pub fn check(board: &Board) -> Vec<Problem> {
    let mut problems = Vec::new();
    for task in board.tasks.values() {
        for rule in task_problems(board, task.id) {
            let message = match rule {
                Rule::NoAccountable => "no party is Accountable (A): name exactly one".to_string(),
                Rule::MultipleAccountable => {
                    "two or more parties are Accountable (A): keep exactly one".to_string()
                }
                Rule::NoResponsible => {
                    "no party is Responsible (R): who does the work?".to_string()
                }
                Rule::TooManyResponsible => format!(
                    "{} or more parties are Responsible (R): split the task?",
                    board.settings.raci.responsible_warn
                ),
                _ => format!(
                    "more than {} parties are Consulted (C)",
                    board.settings.raci.consulted_max
                ),
            };
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
        let party_problem = |rule: Rule, message: String| Problem {
            task: None,
            title: None,
            party: Some(code.clone()),
            severity: rule.severity(),
            rule,
            message,
        };
        if load.r > limits.overload_r || load.a > limits.overload_a {
            problems.push(party_problem(
                Rule::Overloaded,
                format!(
                    "Responsible on {} and Accountable on {} tasks (limits {} R, {} A)",
                    load.r, load.a, limits.overload_r, limits.overload_a
                ),
            ));
        }
        if load == Load::default() {
            problems.push(party_problem(
                Rule::IdleParty,
                "holds no role on any task".to_string(),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_spreadsheet_spellings() {
        assert_eq!(Role::parse(" r "), Some(Role::Responsible));
        assert_eq!(Role::parse("a/r"), Some(Role::AccountableResponsible));
        assert_eq!(Role::parse("RA"), Some(Role::AccountableResponsible));
        assert_eq!(Role::parse("AR"), Some(Role::AccountableResponsible));
        assert_eq!(Role::parse("是"), None);
        assert_eq!(Role::parse(""), None);
    }

    #[test]
    fn a_r_counts_as_both() {
        assert!(Role::AccountableResponsible.is_a());
        assert!(Role::AccountableResponsible.is_r());
        assert!(!Role::Consulted.is_a());
    }

    #[test]
    fn the_file_only_takes_canonical_roles() {
        assert_eq!(
            serde_json::from_str::<Role>("\"A/R\"").unwrap(),
            Role::AccountableResponsible
        );
        assert!(serde_json::from_str::<Role>("\"ar\"").is_err());
    }
}
