//! Parties: adding, renaming, ordering and removing the departments and
//! people a board's work is shared among.

use super::*;

impl Txn<'_> {
    pub(super) fn add_party(
        &mut self,
        code: &str,
        name: &str,
        kind: PartyKind,
        department: Option<&str>,
    ) -> Result<(), ActionError> {
        let code = code.trim();
        let name = name.trim();
        check_code(code)?;
        if name.is_empty() {
            return Err(ActionError::EmptyName);
        }
        if self
            .board
            .parties
            .iter()
            .any(|p| p.code.eq_ignore_ascii_case(code))
        {
            return Err(ActionError::PartyExists(code.to_string()));
        }
        let department = match department {
            Some(d) => Some(self.board.resolve_party(d)?),
            None => None,
        };
        self.parties_mut().push(Party {
            code: code.to_string(),
            name: name.to_string(),
            kind,
            department,
        });
        self.log(
            Event::Create,
            format!("party:{code}"),
            None,
            None,
            Some(name.to_string()),
        );
        self.created = Some(code.to_string());
        Ok(())
    }

    pub(super) fn rename_party(&mut self, party: &str, name: &str) -> Result<(), ActionError> {
        let code = self.board.resolve_party(party)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(ActionError::EmptyName);
        }
        let Some(at) = self.board.parties.iter().position(|p| p.code == code) else {
            return Ok(());
        };
        let old = self.board.parties[at].name.clone();
        if old == name {
            return Ok(());
        }
        self.parties_mut()[at].name = name.to_string();
        self.log(
            Event::Edit,
            format!("party:{code}"),
            Some("name"),
            Some(old),
            Some(name.to_string()),
        );
        Ok(())
    }

    /// A new code for a party: every record that names it is kept in the
    /// patch first, so that one undo puts the old code back everywhere.
    pub(super) fn recode_party(&mut self, party: &str, code: &str) -> Result<(), ActionError> {
        let old = self.board.resolve_party(party)?;
        let new = code.trim();
        if new == old {
            return Ok(());
        }
        check_code(new)?;
        // A code once used stays that party's in the log: giving it again
        // would make the history name two parties by one code.
        let used = self
            .board
            .parties
            .iter()
            .any(|p| p.code != old && p.code.eq_ignore_ascii_case(new))
            || self.board.log.iter().any(|e| {
                e.record
                    .strip_prefix("party:")
                    .is_some_and(|c| c.eq_ignore_ascii_case(new))
                    || (e.field.as_deref() == Some("code")
                        && e.from
                            .as_deref()
                            .is_some_and(|c| c.eq_ignore_ascii_case(new)))
            });
        if used {
            return Err(ActionError::PartyExists(new.to_string()));
        }
        let uses = self.board.party_uses(&old);
        for id in uses.tasks {
            self.task_mut(id)?;
        }
        for id in uses.issues {
            self.issue_mut(id)?;
        }
        self.parties_mut();
        self.standups_mut();
        crate::model::parties::rename_code(self.board, &old, new);
        self.log(
            Event::Edit,
            format!("party:{new}"),
            Some("code"),
            Some(old),
            Some(new.to_string()),
        );
        Ok(())
    }

    pub(super) fn move_party(&mut self, party: &str, position: usize) -> Result<(), ActionError> {
        let code = self.board.resolve_party(party)?;
        let Some(from) = self.board.parties.iter().position(|p| p.code == code) else {
            return Ok(());
        };
        let to = position.min(self.board.parties.len().saturating_sub(1));
        if from == to {
            return Ok(());
        }
        let parties = self.parties_mut();
        let moved = parties.remove(from);
        parties.insert(to, moved);
        self.log(
            Event::Move,
            format!("party:{code}"),
            Some("position"),
            Some(from.to_string()),
            Some(to.to_string()),
        );
        Ok(())
    }

    pub(super) fn remove_party(&mut self, party: &str, cascade: bool) -> Result<(), ActionError> {
        let code = self.board.resolve_party(party)?;
        let uses = self.board.party_uses(&code);
        if !cascade && !uses.is_empty() {
            return Err(ActionError::PartyInUse { code, uses });
        }
        let now = self.now;
        for id in uses.tasks {
            let task = self.task_mut(id)?;
            let role = task.raci.remove(&code);
            let owned = task.owner.as_deref() == Some(code.as_str());
            if owned {
                task.owner = None;
            }
            task.updated = now;
            // Every change the removal makes is logged, so that the history
            // (and a report of a past day) can read it back.
            if owned {
                let from = Some(code.clone());
                self.log(Event::Edit, id.to_string(), Some("owner"), from, None);
            }
            if let Some(role) = role {
                self.log(
                    Event::Role,
                    id.to_string(),
                    Some(&code),
                    Some(role.as_str().to_string()),
                    None,
                );
            }
        }
        for id in uses.issues {
            let issue = self.issue_mut(id)?;
            let clear = |field: &mut Option<String>| {
                if field.as_deref() == Some(code.as_str()) {
                    *field = None;
                }
            };
            let (owner, parties) = (issue.owner.clone(), issue.parties.join(","));
            clear(&mut issue.owner);
            clear(&mut issue.reporter);
            issue.parties.retain(|p| *p != code);
            let after = (issue.owner.clone(), issue.parties.join(","));
            if owner != after.0 {
                self.log(Event::Edit, id.to_string(), Some("owner"), owner, None);
            }
            if parties != after.1 {
                let (from, to) = (Some(parties), Some(after.1));
                self.log(Event::Edit, id.to_string(), Some("parties"), from, to);
            }
        }
        let name = self
            .board
            .find_party(&code)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let parties = self.parties_mut();
        parties.retain(|p| p.code != code);
        for p in parties.iter_mut() {
            if p.department.as_deref() == Some(code.as_str()) {
                p.department = None;
            }
        }
        self.log(
            Event::Delete,
            format!("party:{code}"),
            None,
            Some(name),
            None,
        );
        Ok(())
    }
}

/// A code is a short word: letters (any script), digits, `-` and `_`.
fn check_code(code: &str) -> Result<(), ActionError> {
    let ok = !code.is_empty()
        && code.chars().count() <= 16
        && code
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ActionError::BadPartyCode(code.to_string()))
    }
}
