//! Where a party is referred to, so that removing one can say what it
//! would take with it, and refuse to leave references to nobody.

use super::board::Board;
use super::ids::{IssueId, TaskId};
use crate::i18n::Lang;

/// Everything on a board that names one party.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartyUses {
    /// Tasks where the party has a role or is the owner.
    pub tasks: Vec<TaskId>,
    /// Issues the party owns, reported or is involved in.
    pub issues: Vec<IssueId>,
    pub roles: usize,
    pub owned_tasks: usize,
    /// Parties that name this one as their department.
    pub members: usize,
}

impl PartyUses {
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty() && self.issues.is_empty() && self.members == 0
    }

    /// `holds 3 roles, owns 2 cards and is named on 1 issue`.
    pub fn describe(&self, l: Lang) -> String {
        let mut parts = Vec::new();
        if self.roles > 0 {
            parts.push(l.n(self.roles, "holds {0} role", "holds {0} roles"));
        }
        if self.owned_tasks > 0 {
            parts.push(l.n(self.owned_tasks, "owns {0} card", "owns {0} cards"));
        }
        if !self.issues.is_empty() {
            parts.push(l.n(
                self.issues.len(),
                "is named on {0} issue",
                "is named on {0} issues",
            ));
        }
        if self.members > 0 {
            parts.push(l.n(
                self.members,
                "is the department of {0} party",
                "is the department of {0} parties",
            ));
        }
        match parts.len() {
            0 => l.t("is not used").to_string(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                l.f("{0} and {1}", &[&parts.join(", "), &last])
            }
        }
    }
}

impl Board {
    /// Where the party with this code is named.
    pub fn party_uses(&self, code: &str) -> PartyUses {
        let mut uses = PartyUses::default();
        for task in self.tasks.values() {
            let role = task.raci.contains_key(code);
            let owner = task.owner.as_deref() == Some(code);
            uses.roles += usize::from(role);
            uses.owned_tasks += usize::from(owner);
            if role || owner {
                uses.tasks.push(task.id);
            }
        }
        for issue in self.issues.values() {
            if issue.owner.as_deref() == Some(code)
                || issue.reporter.as_deref() == Some(code)
                || issue.parties.iter().any(|p| p == code)
            {
                uses.issues.push(issue.id);
            }
        }
        uses.members = self
            .parties
            .iter()
            .filter(|p| p.department.as_deref() == Some(code))
            .count();
        uses
    }
}

/// Writes `new` wherever the board's records name the party `old`: the
/// party itself, its members' department, owners and RACI cells, issues'
/// reporter, owner and parties, standups' speakers, decisions and parked
/// topics. The log keeps the codes it was written with; a recode entry
/// says what became of them (see [`Board::current_code`]).
pub(crate) fn rename_code(board: &mut Board, old: &str, new: &str) {
    let swap = |code: &mut String| {
        if code == old {
            *code = new.to_string();
        }
    };
    for party in &mut board.parties {
        swap(&mut party.code);
        if let Some(d) = &mut party.department {
            swap(d);
        }
    }
    for task in board.tasks.values_mut() {
        if let Some(o) = &mut task.owner {
            swap(o);
        }
        if let Some(role) = task.raci.remove(old) {
            task.raci.insert(new.to_string(), role);
        }
    }
    for issue in board.issues.values_mut() {
        for code in [&mut issue.owner, &mut issue.reporter]
            .into_iter()
            .flatten()
        {
            swap(code);
        }
        issue.parties.iter_mut().for_each(swap);
    }
    for standup in &mut board.standups {
        for speaker in &mut standup.speakers {
            swap(&mut speaker.speaker);
        }
        let owners = standup.decisions.iter_mut().map(|d| &mut d.owner);
        for owner in owners
            .chain(standup.parked.iter_mut().map(|p| &mut p.owner))
            .flatten()
        {
            swap(owner);
        }
    }
}

impl Board {
    /// The code a party has now, following the recodes the log records
    /// from `code` (a log entry written before a recode names the old one).
    pub fn current_code<'a>(&'a self, code: &'a str) -> &'a str {
        let mut code = code;
        for entry in &self.log {
            if entry.field.as_deref() == Some("code")
                && entry.record.starts_with("party:")
                && entry.from.as_deref() == Some(code)
                && let Some(to) = entry.to.as_deref()
            {
                code = to;
            }
        }
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_read_as_a_sentence() {
        let mut uses = PartyUses::default();
        assert_eq!(uses.describe(Lang::En), "is not used");
        uses.roles = 3;
        assert_eq!(uses.describe(Lang::En), "holds 3 roles");
        uses.owned_tasks = 1;
        uses.members = 2;
        assert_eq!(
            uses.describe(Lang::En),
            "holds 3 roles, owns 1 card and is the department of 2 parties"
        );
    }
}
