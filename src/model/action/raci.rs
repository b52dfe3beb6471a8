//! RACI roles: a party's role on a card, set or cleared.

use super::*;

impl Txn<'_> {
    pub(super) fn set_role(
        &mut self,
        id: TaskId,
        party: &str,
        role: Option<Role>,
    ) -> Result<(), ActionError> {
        let code = self.board.resolve_party(party)?;
        let now = self.now;
        let task = self.task_mut(id)?;
        let before = task.raci.get(&code).copied();
        if before == role {
            self.patch.tasks.retain(|(t, _)| *t != id);
            return Ok(());
        }
        match role {
            Some(r) => task.raci.insert(code.clone(), r),
            None => task.raci.remove(&code),
        };
        task.updated = now;
        let show = |r: Option<Role>| r.map(|r| r.as_str().to_string());
        self.log(
            Event::Role,
            id.to_string(),
            Some(&code),
            show(before),
            show(role),
        );
        Ok(())
    }

    // --- issues -----------------------------------------------------------
}
