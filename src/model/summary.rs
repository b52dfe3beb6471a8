//! Actions in words (`move T-3 to Done`), for the undo history, the footer
//! and messages. Column and party references are shown by name.

use super::action::Action;
use super::board::Board;
use crate::text::fit;

impl Action {
    /// A short phrase for the action, read against the board it applies to.
    pub fn summary(&self, board: &Board) -> String {
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
            Action::SetInfo { .. } => "edit the board's name and goal".into(),
            Action::AddParty { code, .. } => format!("add party {code}"),
            Action::RenameParty { party: p, name } => format!("rename {} to {name}", party(p)),
            Action::MoveParty { party: p, .. } => format!("move party {}", party(p)),
            Action::RemoveParty { party: p, .. } => format!("remove party {}", party(p)),
            Action::SetRaciLimits(limits) => format!("set RACI limits to {limits}"),
            Action::SetSlaTargets(targets) => format!("set SLA targets to {targets}"),
            Action::AddColumn { name, .. } => format!("add column {name}"),
            Action::SetWip { column: c, wip } => match wip {
                Some(n) => format!("set {}'s WIP limit to {n}", column(c)),
                None => format!("clear {}'s WIP limit", column(c)),
            },
            Action::RenameColumn { column: c, name } => {
                format!("rename column {} to {name}", column(c))
            }
            Action::MoveColumn { column: c, .. } => format!("move column {}", column(c)),
            Action::DeleteColumn { column: c } => format!("delete column {}", column(c)),
            Action::AddTask(new) => format!("add card \"{}\"", fit(new.title.trim(), 30)),
            Action::EditTask { id, .. } => format!("edit {id}"),
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
                    format!("reorder {id}")
                } else {
                    format!("move {id} to {}", column(c))
                }
            }
            Action::DeleteTask { id } => format!("delete {id}"),
            Action::BlockTask { id, .. } => format!("block {id}"),
            Action::UnblockTask { id } => format!("unblock {id}"),
            Action::SetRole {
                task,
                party: p,
                role,
            } => match role {
                Some(r) => format!("make {} {} on {task}", party(p), r.as_str()),
                None => format!("clear {}'s role on {task}", party(p)),
            },
            Action::AddIssue(new) => format!("add issue \"{}\"", fit(new.title.trim(), 30)),
            Action::AcknowledgeIssue { id } => format!("acknowledge {id}"),
            Action::ResolveIssue { id, .. } => format!("resolve {id}"),
            Action::CloseIssue { id } => format!("close {id}"),
            Action::ReopenIssue { id } => format!("reopen {id}"),
            Action::EditIssue { id, .. } => format!("edit {id}"),
            Action::EscalateIssue { id, .. } => format!("escalate {id}"),
            Action::StartStandup { order } => match order {
                super::board::StandupOrder::Party => "start the standup, party by party".into(),
                super::board::StandupOrder::Board => "start the standup, walking the board".into(),
            },
            Action::Decide(d) => format!("record decision \"{}\"", fit(d.text.trim(), 30)),
            Action::Park(p) => format!("park \"{}\"", fit(p.topic.trim(), 30)),
            Action::TimeSpeakers { .. } => "note the speakers' times".into(),
            Action::EndStandup { .. } => "end the standup".into(),
            Action::SettleConflict {
                record,
                field,
                take_other,
            } => format!(
                "settle {record} {field}, {}",
                if *take_other {
                    "taking the other value"
                } else {
                    "keeping this one"
                }
            ),
        }
    }
}
