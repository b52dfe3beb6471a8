//! Actions in words (`move T-3 to Done`), for the undo history, the footer
//! and messages. Column and party references are shown by name.

use super::action::Action;
use super::board::Board;
use crate::i18n::{Lang, mark};
use crate::text::fit;

/// Whether an action is said as asked (`move T-3 to Done`, for the undo
/// history) or as done (`moved T-3 to Done`, for the footer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Asked,
    Done,
}

impl Action {
    /// A short phrase for the action, read against the board it applies to.
    pub fn summary(&self, board: &Board, l: Lang) -> String {
        self.phrase(board, l, Tense::Asked)
    }

    /// The action said as done: `moved T-3 to Done`, what the footer
    /// confirms.
    pub fn done(&self, board: &Board, l: Lang) -> String {
        self.phrase(board, l, Tense::Done)
    }

    fn phrase(&self, board: &Board, l: Lang, tense: Tense) -> String {
        let w = |asked: &'static str, done: &'static str| match tense {
            Tense::Asked => asked,
            Tense::Done => done,
        };
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
            Action::SetInfo { .. } => l
                .t(w(
                    mark("edit the board's name and goal"),
                    mark("edited the board's name and goal"),
                ))
                .into(),
            Action::AddParty { code, .. } => {
                l.f(w(mark("add party {0}"), mark("added party {0}")), &[code])
            }
            Action::RenameParty { party: p, name } => l.f(
                w(mark("rename {0} to {1}"), mark("renamed {0} to {1}")),
                &[&party(p), name],
            ),
            Action::RecodeParty { party: p, code } => l.f(
                w(mark("give {0} the code {1}"), mark("gave {0} the code {1}")),
                &[&party(p), code],
            ),
            Action::MoveParty { party: p, .. } => l.f(
                w(mark("move party {0}"), mark("moved party {0}")),
                &[&party(p)],
            ),
            Action::RemoveParty { party: p, .. } => l.f(
                w(mark("remove party {0}"), mark("removed party {0}")),
                &[&party(p)],
            ),
            Action::SetRaciLimits(limits) => l.f("set RACI limits to {0}", &[limits]),
            Action::SetSlaTargets(targets) => l.f("set SLA targets to {0}", &[targets]),
            Action::AddColumn { name, .. } => {
                l.f(w(mark("add column {0}"), mark("added column {0}")), &[name])
            }
            Action::SetWip { column: c, wip } => match wip {
                Some(n) => l.f("set {0}'s WIP limit to {1}", &[&column(c), n]),
                None => l.f(
                    w(
                        mark("clear {0}'s WIP limit"),
                        mark("cleared {0}'s WIP limit"),
                    ),
                    &[&column(c)],
                ),
            },
            Action::RenameColumn { column: c, name } => l.f(
                w(
                    mark("rename column {0} to {1}"),
                    mark("renamed column {0} to {1}"),
                ),
                &[&column(c), name],
            ),
            Action::MoveColumn { column: c, .. } => l.f(
                w(mark("move column {0}"), mark("moved column {0}")),
                &[&column(c)],
            ),
            Action::DeleteColumn { column: c, .. } => l.f(
                w(mark("delete column {0}"), mark("deleted column {0}")),
                &[&column(c)],
            ),
            Action::RecordAlerts { sent } => l.f(
                w(
                    mark("record {0} alerts sent"),
                    mark("recorded {0} alerts sent"),
                ),
                &[&sent.len()],
            ),
            Action::Import(import) => l.f(
                w(
                    mark("import {0} cards from {1}"),
                    mark("imported {0} cards from {1}"),
                ),
                &[&(import.counts.added + import.counts.updated), &import.from],
            ),
            Action::AddTask(new) => l.f(
                w(mark("add card \"{0}\""), mark("added card \"{0}\"")),
                &[&fit(new.title.trim(), 30)],
            ),
            Action::EditTask { id, .. } => l.f(w(mark("edit {0}"), mark("edited {0}")), &[id]),
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
                    l.f(w(mark("reorder {0}"), mark("reordered {0}")), &[id])
                } else {
                    l.f(
                        w(mark("move {0} to {1}"), mark("moved {0} to {1}")),
                        &[id, &column(c)],
                    )
                }
            }
            Action::DeleteTask { id } => l.f(w(mark("delete {0}"), mark("deleted {0}")), &[id]),
            Action::BlockTask { id, .. } => l.f(w(mark("block {0}"), mark("blocked {0}")), &[id]),
            Action::UnblockTask { id } => l.f(w(mark("unblock {0}"), mark("unblocked {0}")), &[id]),
            Action::SetRole {
                task,
                party: p,
                role,
            } => match role {
                Some(r) => l.f(
                    w(mark("make {0} {1} on {2}"), mark("made {0} {1} on {2}")),
                    &[&party(p), &r.as_str(), task],
                ),
                None => l.f(
                    w(
                        mark("clear {0}'s role on {1}"),
                        mark("cleared {0}'s role on {1}"),
                    ),
                    &[&party(p), task],
                ),
            },
            Action::AddIssue(new) => l.f(
                w(mark("add issue \"{0}\""), mark("raised issue \"{0}\"")),
                &[&fit(new.title.trim(), 30)],
            ),
            Action::AcknowledgeIssue { id } => {
                l.f(w(mark("acknowledge {0}"), mark("acknowledged {0}")), &[id])
            }
            Action::ResolveIssue { id, .. } => {
                l.f(w(mark("resolve {0}"), mark("resolved {0}")), &[id])
            }
            Action::CloseIssue { id, .. } => l.f(w(mark("close {0}"), mark("closed {0}")), &[id]),
            Action::ReopenIssue { id } => l.f(w(mark("reopen {0}"), mark("reopened {0}")), &[id]),
            Action::EditIssue { id, .. } => l.f(w(mark("edit {0}"), mark("edited {0}")), &[id]),
            Action::EscalateIssue { id, .. } => {
                l.f(w(mark("escalate {0}"), mark("escalated {0}")), &[id])
            }
            Action::StartStandup { order } => match order {
                super::board::StandupOrder::Party => l
                    .t(w(
                        mark("start the standup, party by party"),
                        mark("started the standup, party by party"),
                    ))
                    .into(),
                super::board::StandupOrder::Board => l
                    .t(w(
                        mark("start the standup, walking the board"),
                        mark("started the standup, walking the board"),
                    ))
                    .into(),
            },
            Action::Decide(d) => l.f(
                w(
                    mark("record decision \"{0}\""),
                    mark("recorded decision \"{0}\""),
                ),
                &[&fit(d.text.trim(), 30)],
            ),
            Action::Park(p) => l.f(
                w(mark("park \"{0}\""), mark("parked \"{0}\"")),
                &[&fit(p.topic.trim(), 30)],
            ),
            Action::TimeSpeakers { .. } => l
                .t(w(
                    mark("note the speakers' times"),
                    mark("noted the speakers' times"),
                ))
                .into(),
            Action::EndStandup { .. } => l
                .t(w(mark("end the standup"), mark("ended the standup")))
                .into(),
            Action::SettleConflict {
                record,
                field,
                take,
            } => match take {
                Some(0) => l.f(
                    w(
                        mark("settle {0} {1}, taking the other value"),
                        mark("settled {0} {1}, taking the other value"),
                    ),
                    &[record, field],
                ),
                Some(n) => l.f(
                    w(
                        mark("settle {0} {1}, taking other value {2}"),
                        mark("settled {0} {1}, taking other value {2}"),
                    ),
                    &[record, field, &(n + 1)],
                ),
                None => l.f(
                    w(
                        mark("settle {0} {1}, keeping this one"),
                        mark("settled {0} {1}, keeping this one"),
                    ),
                    &[record, field],
                ),
            },
        }
    }
}
