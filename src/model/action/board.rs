//! The board's own settings: its name and goal, the RACI thresholds and
//! the SLA targets.

use super::*;

impl Txn<'_> {
    pub(super) fn set_info(
        &mut self,
        name: Option<&str>,
        goal: Option<&str>,
    ) -> Result<(), ActionError> {
        let old = (self.board.name.clone(), self.board.goal.clone());
        let name = name.map(|n| n.trim().to_string());
        let goal = goal.map(|g| g.trim().to_string());
        if name.as_deref().is_some_and(str::is_empty) {
            return Err(ActionError::EmptyName);
        }
        let mut changed = false;
        if let Some(name) = name.filter(|n| *n != old.0) {
            self.log(
                Event::Edit,
                "board".into(),
                Some("name"),
                Some(old.0.clone()),
                Some(name.clone()),
            );
            self.board.name = name;
            changed = true;
        }
        if let Some(goal) = goal.filter(|g| *g != old.1) {
            self.log(
                Event::Edit,
                "board".into(),
                Some("goal"),
                Some(old.1.clone()),
                Some(goal.clone()),
            );
            self.board.goal = goal;
            changed = true;
        }
        if changed {
            self.patch.info = Some(old);
        }
        Ok(())
    }

    pub(super) fn set_raci_limits(&mut self, limits: RaciLimits) -> Result<(), ActionError> {
        for (value, name) in [
            (limits.responsible_warn, mark("the R warning")),
            (limits.consulted_max, mark("the C limit")),
            (limits.overload_r, mark("the overload R limit")),
            (limits.overload_a, mark("the overload A limit")),
        ] {
            if value == 0 {
                return Err(ActionError::ZeroLimit(name));
            }
        }
        let old = self.board.settings.raci;
        if old == limits {
            return Ok(());
        }
        if self.patch.settings.is_none() {
            self.patch.settings = Some(Box::new(self.board.settings.clone()));
        }
        self.board.settings.raci = limits;
        self.log(
            Event::Edit,
            "board".into(),
            Some("settings.raci"),
            Some(old.to_string()),
            Some(limits.to_string()),
        );
        Ok(())
    }

    pub(super) fn set_sla_targets(&mut self, targets: &SlaTargets) -> Result<(), ActionError> {
        for priority in Priority::ALL {
            let t = targets.for_priority(priority);
            if t.respond.minutes() == 0 || t.resolve.minutes() < t.respond.minutes() {
                return Err(ActionError::BadSlaTarget(priority.as_str()));
            }
        }
        let old = self.board.settings.sla;
        if old == *targets {
            return Ok(());
        }
        if self.patch.settings.is_none() {
            self.patch.settings = Some(Box::new(self.board.settings.clone()));
        }
        self.board.settings.sla = *targets;
        self.log(
            Event::Edit,
            "board".into(),
            Some("settings.sla"),
            Some(old.to_string()),
            Some(targets.to_string()),
        );
        Ok(())
    }
}
