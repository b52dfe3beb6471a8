//! Actions in words (`move T-3 to Done`), for the undo history, the footer
//! and messages. Column and party references are shown by name.

use super::action::Action;
use super::board::Board;
use crate::i18n::Lang;
use crate::text::fit;

impl Action {
    /// A short phrase for the action, read against the board it applies to.
    pub fn summary(&self, board: &Board, l: Lang) -> String {
        let column = |c: &str| {
            board
                .find_column(c)
                .map_or_else(|| c.to_string(), |c| c.name.clone())
        };
        let party = |p: &str| {
            board
                .find_party(p)
                .map_or_else(|| p.to_string(), |p| p.code.clone())
        };
        match self {
            Action::SetInfo { .. } => l.t("edit the board's name and goal").into(),
            Action::AddParty { code, .. } => l.f("add party {0}", &[code]),
            Action::RenameParty { party: p, name } => l.f("rename {0} to {1}", &[&party(p), name]),
            Action::MoveParty { party: p, .. } => l.f("move party {0}", &[&party(p)]),
            Action::RemoveParty { party: p, .. } => l.f("remove party {0}", &[&party(p)]),
            Action::SetRaciLimits(limits) => l.f("set RACI limits to {0}", &[limits]),
            Action::SetSlaTargets(targets) => l.f("set SLA targets to {0}", &[targets]),
            Action::AddColumn { name, .. } => l.f("add column {0}", &[name]),
            Action::SetWip { column: c, wip } => match wip {
                Some(n) => l.f("set {0}'s WIP limit to {1}", &[&column(c), n]),
                None => l.f("clear {0}'s WIP limit", &[&column(c)]),
            },
            Action::RenameColumn { column: c, name } => {
                l.f("rename column {0} to {1}", &[&column(c), name])
            }
            Action::MoveColumn { column: c, .. } => l.f("move column {0}", &[&column(c)]),
            Action::DeleteColumn { column: c } => l.f("delete column {0}", &[&column(c)]),
            Action::AddTask(new) => l.f("add card \"{0}\"", &[&fit(new.title.trim(), 30)]),
            Action::EditTask { id, .. } => l.f("edit {0}", &[id]),
            Action::MoveTask {
                id,
                column: c,
                position,
            } => {
                let same = board
                    .tasks
                    .get(id)
                    .and_then(|t| board.find_column(&t.column))
                    == board.find_column(c);
                if same && position.is_some() {
                    l.f("reorder {0}", &[id])
                } else {
                    l.f("move {0} to {1}", &[id, &column(c)])
                }
            }
            Action::DeleteTask { id } => l.f("delete {0}", &[id]),
            Action::BlockTask { id, .. } => l.f("block {0}", &[id]),
            Action::UnblockTask { id } => l.f("unblock {0}", &[id]),
            Action::SetRole {
                task,
                party: p,
                role,
            } => match role {
                Some(r) => l.f("make {0} {1} on {2}", &[&party(p), &r.as_str(), task]),
                None => l.f("clear {0}'s role on {1}", &[&party(p), task]),
            },
            Action::AddIssue(new) => l.f("add issue \"{0}\"", &[&fit(new.title.trim(), 30)]),
            Action::AcknowledgeIssue { id } => l.f("acknowledge {0}", &[id]),
            Action::ResolveIssue { id, .. } => l.f("resolve {0}", &[id]),
            Action::CloseIssue { id } => l.f("close {0}", &[id]),
            Action::ReopenIssue { id } => l.f("reopen {0}", &[id]),
            Action::EditIssue { id, .. } => l.f("edit {0}", &[id]),
            Action::EscalateIssue { id, .. } => l.f("escalate {0}", &[id]),
            Action::StartStandup { order } => match order {
                super::board::StandupOrder::Party => {
                    l.t("start the standup, party by party").into()
                }
                super::board::StandupOrder::Board => {
                    l.t("start the standup, walking the board").into()
                }
            },
            Action::Decide(d) => l.f("record decision \"{0}\"", &[&fit(d.text.trim(), 30)]),
            Action::Park(p) => l.f("park \"{0}\"", &[&fit(p.topic.trim(), 30)]),
            Action::TimeSpeakers { .. } => l.t("note the speakers' times").into(),
            Action::EndStandup { .. } => l.t("end the standup").into(),
            Action::SettleConflict {
                record,
                field,
                take,
            } => match take {
                Some(0) => l.f("settle {0} {1}, taking the other value", &[record, field]),
                Some(n) => l.f(
                    "settle {0} {1}, taking other value {2}",
                    &[record, field, &(n + 1)],
                ),
                None => l.f("settle {0} {1}, keeping this one", &[record, field]),
            },
        }
    }
}
