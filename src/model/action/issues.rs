//! Issues: raising, the status steps (acknowledge, resolve, close,
//! reopen), edits and escalation, with their deadlines checked.

use super::*;

impl Txn<'_> {
    pub(super) fn add_issue(&mut self, new: &NewIssue) -> Result<(), ActionError> {
        let title = clean_title(&new.title)?;
        let owner = self.resolve_owner(new.owner.as_deref())?;
        let reporter = self.resolve_owner(new.reporter.as_deref())?;
        let mut parties = Vec::new();
        for p in &new.parties {
            let code = self.board.resolve_party(p)?;
            if !parties.contains(&code) {
                parties.push(code);
            }
        }
        if let Some(task) = new.task
            && !self.board.tasks.contains_key(&task)
        {
            return Err(ActionError::NoTask(task));
        }
        let id = self
            .board
            .next_issue_id()
            .ok_or(ActionError::NoIdsLeft(mark("issue")))?;
        self.board.high_water.issue = id.number();
        self.insert_issue(Issue {
            id,
            title: title.clone(),
            detail: new.detail.trim().to_string(),
            reporter,
            parties,
            owner,
            impact: new.impact,
            urgency: new.urgency,
            support: new.support.trim().to_string(),
            proposal: new.proposal.trim().to_string(),
            task: new.task,
            status: IssueStatus::Open,
            opened: self.now,
            acknowledged: None,
            resolved: None,
            reopened: None,
            respond_by: new.respond_by,
            resolve_by: new.resolve_by,
            resolution: String::new(),
        });
        self.log(Event::Create, id.to_string(), None, None, Some(title));
        // Deadlines set by hand are logged as edits of the new issue, in the
        // same action (one undo), so its history says who set them.
        for (field, value) in [
            ("respond_by", new.respond_by),
            ("resolve_by", new.resolve_by),
        ] {
            if let Some(t) = value {
                let to = crate::model::time::format_timestamp(&t);
                self.log(Event::Edit, id.to_string(), Some(field), None, Some(to));
            }
        }
        self.check_deadlines(id)?;
        self.created = Some(id.to_string());
        Ok(())
    }

    /// Refuses an issue whose resolve deadline falls before its respond
    /// deadline: it could only ever be resolved late.
    pub(super) fn check_deadlines(&self, id: IssueId) -> Result<(), ActionError> {
        match self.board.issues.get(&id) {
            Some(issue) => issue.check_deadlines(&self.board.settings.sla),
            None => Ok(()),
        }
    }

    pub(super) fn transition(
        &mut self,
        id: IssueId,
        allowed: &[IssueStatus],
        verb: &'static str,
    ) -> Result<IssueStatus, ActionError> {
        let status = self
            .board
            .issues
            .get(&id)
            .ok_or(ActionError::NoIssue(id))?
            .status;
        if !allowed.contains(&status) {
            return Err(ActionError::IssueState {
                id,
                status: status.as_str(),
                verb,
            });
        }
        Ok(status)
    }

    /// Logs an issue's move from one status to another.
    pub(super) fn log_status(
        &mut self,
        event: Event,
        id: IssueId,
        from: IssueStatus,
        to: IssueStatus,
    ) {
        self.log(
            event,
            id.to_string(),
            None,
            Some(from.as_str().into()),
            Some(to.as_str().into()),
        );
    }

    pub(super) fn acknowledge(&mut self, id: IssueId) -> Result<(), ActionError> {
        self.transition(id, &[IssueStatus::Open], mark("acknowledged"))?;
        let now = self.now;
        let issue = self.issue_mut(id)?;
        issue.status = IssueStatus::Acknowledged;
        issue.acknowledged = Some(now);
        self.log_status(
            Event::Acknowledge,
            id,
            IssueStatus::Open,
            IssueStatus::Acknowledged,
        );
        Ok(())
    }

    pub(super) fn resolve(&mut self, id: IssueId, note: &str) -> Result<(), ActionError> {
        let from = self.transition(
            id,
            &[IssueStatus::Open, IssueStatus::Acknowledged],
            mark("resolved"),
        )?;
        let now = self.now;
        let issue = self.issue_mut(id)?;
        issue.status = IssueStatus::Resolved;
        // Resolving answers the issue too: the response clock stops here.
        issue.acknowledged.get_or_insert(now);
        issue.resolved = Some(now);
        issue.resolution = note.trim().to_string();
        self.log_status(Event::Resolve, id, from, IssueStatus::Resolved);
        Ok(())
    }

    pub(super) fn close(&mut self, id: IssueId, reason: &str) -> Result<(), ActionError> {
        let from = self.transition(
            id,
            &[
                IssueStatus::Open,
                IssueStatus::Acknowledged,
                IssueStatus::Resolved,
            ],
            "closed",
        )?;
        let issue = self.issue_mut(id)?;
        issue.status = IssueStatus::Closed;
        let old = issue.resolution.clone();
        self.log_status(Event::Close, id, from, IssueStatus::Closed);
        let reason = reason.trim();
        if !reason.is_empty() {
            let new = if old.is_empty() {
                reason.to_string()
            } else {
                format!("{old} · {reason}")
            };
            self.issue_mut(id)?.resolution = new.clone();
            self.log(
                Event::Edit,
                id.to_string(),
                Some("resolution"),
                (!old.is_empty()).then_some(old),
                Some(new),
            );
        }
        Ok(())
    }

    pub(super) fn reopen(&mut self, id: IssueId) -> Result<(), ActionError> {
        let from = self.transition(
            id,
            &[IssueStatus::Resolved, IssueStatus::Closed],
            mark("reopened"),
        )?;
        let now = self.now;
        let issue = self.issue_mut(id)?;
        issue.status = if issue.acknowledged.is_some() {
            IssueStatus::Acknowledged
        } else {
            IssueStatus::Open
        };
        issue.resolved = None;
        // A new resolution cycle starts now; a deadline set by hand that
        // has already passed belonged to the old one.
        issue.reopened = Some(now);
        let stale = issue.resolve_by.filter(|by| *by <= now);
        if stale.is_some() {
            issue.resolve_by = None;
        }
        let to = issue.status;
        self.log_status(Event::Reopen, id, from, to);
        // Logged, so that the old cycle's deadline can still be read back.
        if let Some(by) = stale {
            let from = Some(crate::model::time::format_timestamp(&by));
            self.log(Event::Edit, id.to_string(), Some("resolve_by"), from, None);
        }
        Ok(())
    }

    pub(super) fn edit_issue(&mut self, id: IssueId, edit: &IssueEdit) -> Result<(), ActionError> {
        let before = self
            .board
            .issues
            .get(&id)
            .cloned()
            .ok_or(ActionError::NoIssue(id))?;
        let title = edit.title.as_deref().map(clean_title).transpose()?;
        let owner = match &edit.owner {
            Some(o) => Some(self.resolve_owner(o.as_deref())?),
            None => None,
        };
        let parties = match &edit.parties {
            Some(list) => {
                let mut codes = Vec::new();
                for p in list {
                    let code = self.board.resolve_party(p)?;
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
                Some(codes)
            }
            None => None,
        };
        if let Some(Some(task)) = edit.task
            && !self.board.tasks.contains_key(&task)
        {
            return Err(ActionError::NoTask(task));
        }
        let mut after = before.clone();
        if let Some(t) = title {
            after.title = t;
        }
        if let Some(d) = &edit.detail {
            after.detail = d.trim().to_string();
        }
        if let Some(o) = owner {
            after.owner = o;
        }
        if let Some(p) = parties {
            after.parties = p;
        }
        if let Some(l) = edit.impact {
            after.impact = l;
        }
        if let Some(l) = edit.urgency {
            after.urgency = l;
        }
        if let Some(t) = &edit.support {
            after.support = t.trim().to_string();
        }
        if let Some(t) = &edit.proposal {
            after.proposal = t.trim().to_string();
        }
        if let Some(t) = edit.task {
            after.task = t;
        }
        if let Some(t) = edit.respond_by {
            after.respond_by = t;
        }
        if let Some(t) = edit.resolve_by {
            after.resolve_by = t;
        }
        if after == before {
            return Ok(());
        }
        // One log line per field that changed, in words a report can use.
        let show_ts = |t: Option<Timestamp>| t.map(|t| crate::model::time::format_timestamp(&t));
        let changes: Vec<(&str, Option<String>, Option<String>)> = vec![
            (
                "title",
                Some(before.title.clone()),
                Some(after.title.clone()),
            ),
            (
                "detail",
                Some(before.detail.clone()),
                Some(after.detail.clone()),
            ),
            ("owner", before.owner.clone(), after.owner.clone()),
            (
                "parties",
                Some(before.parties.join(",")),
                Some(after.parties.join(",")),
            ),
            (
                "impact",
                Some(before.impact.as_str().into()),
                Some(after.impact.as_str().into()),
            ),
            (
                "urgency",
                Some(before.urgency.as_str().into()),
                Some(after.urgency.as_str().into()),
            ),
            (
                "support",
                Some(before.support.clone()),
                Some(after.support.clone()),
            ),
            (
                "proposal",
                Some(before.proposal.clone()),
                Some(after.proposal.clone()),
            ),
            (
                "task",
                before.task.map(|t| t.to_string()),
                after.task.map(|t| t.to_string()),
            ),
            (
                "respond_by",
                show_ts(before.respond_by),
                show_ts(after.respond_by),
            ),
            (
                "resolve_by",
                show_ts(before.resolve_by),
                show_ts(after.resolve_by),
            ),
        ];
        let deadlines_set = edit.respond_by.is_some() || edit.resolve_by.is_some();
        *self.issue_mut(id)? = after;
        for (field, from, to) in changes {
            if from != to {
                self.log(Event::Edit, id.to_string(), Some(field), from, to);
            }
        }
        if deadlines_set {
            self.check_deadlines(id)?;
        }
        Ok(())
    }

    pub(super) fn escalate(&mut self, id: IssueId, reason: &str) -> Result<(), ActionError> {
        self.transition(
            id,
            &[IssueStatus::Open, IssueStatus::Acknowledged],
            mark("escalated"),
        )?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ActionError::NoEscalationReason(id));
        }
        let (urgency, accountable) = {
            let issue = self.board.issues.get(&id).ok_or(ActionError::NoIssue(id))?;
            (issue.urgency, self.board.accountable_for(issue))
        };
        let raised = urgency.raised().ok_or(ActionError::MostUrgent(id))?;
        self.issue_mut(id)?.urgency = raised;
        let to = match &accountable {
            Some(party) => format!("{} (accountable: {party}): {reason}", raised.as_str()),
            None => format!("{}: {reason}", raised.as_str()),
        };
        self.log(
            Event::Escalate,
            id.to_string(),
            Some("urgency"),
            Some(urgency.as_str().into()),
            Some(to),
        );
        Ok(())
    }
}
