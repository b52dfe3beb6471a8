//! The issue queue as the page shows it: by priority, then the nearest
//! deadline, each clock as the board pane says it.

use std::fmt::Write;

use super::esc;
use crate::i18n::Locale;
use crate::model::triage::ClockState;
use crate::model::{Board, Timestamp};

pub(super) fn issues(out: &mut String, board: &Board, now: Timestamp, l: &Locale) {
    if board.issues.is_empty() {
        let _ = writeln!(out, "<p class=\"dim\">{}</p>", esc(l.t("No issues yet")));
        return;
    }
    let mut issues: Vec<_> = board.issues.values().collect();
    issues.sort_by_key(|i| {
        let sla = i.sla(&board.settings.sla, now);
        (!i.status.is_active(), sla.priority, sla.resolve_by)
    });
    let _ = writeln!(
        out,
        "<div class=\"scroll\"><table>\n<thead><tr><th>{}</th><th>ID</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(l.t("Priority")),
        esc(l.t("Title")),
        esc(l.t("Owner")),
        esc(l.t("Status")),
        esc(l.t("SLA")),
        esc(l.t("Support needed")),
    );
    for issue in issues {
        let facts = board.sla_facts(issue, now);
        let (clock, state) = board.clock_with(issue, &facts, now, l.lang);
        let class = match state {
            ClockState::Breached => "breached",
            ClockState::AtRisk => "at-risk",
            _ if facts.missed(now) => "missed",
            _ => "",
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"clock {class}\">{}</td><td>{}</td></tr>",
            issue.priority().as_str(),
            issue.id,
            esc(&issue.title),
            esc(issue.owner.as_deref().map_or("—", |o| board.party_name(o))),
            esc(l.t(issue.status.as_str())),
            esc(&clock),
            esc(&issue.support),
        );
    }
    out.push_str("</tbody></table></div>\n");
}
