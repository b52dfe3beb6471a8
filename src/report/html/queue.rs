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
    issues.sort_by_cached_key(|i| {
        let sla = i.sla(&board.settings.sla, now);
        (!i.status.is_active(), sla.priority, sla.resolve_by)
    });
    // Each issue's clocks from one pass over the log, not one per issue.
    let index = crate::model::sla::SlaIndex::of(board);
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
    // The open ones all, then the latest closed, up to a page's worth.
    let total = issues.len();
    let open = issues.iter().filter(|i| i.status.is_active()).count();
    issues.truncate(open.max(QUEUE_SHOWN));
    for issue in issues.iter().copied() {
        let facts = index.facts(board, issue, now);
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
    if total > open.max(QUEUE_SHOWN) {
        let more = total - open.max(QUEUE_SHOWN);
        let _ = writeln!(
            out,
            "<p class=\"dim\">{}</p>",
            esc(&l.n(
                more,
                "{0} more closed issue (`standup issue list` lists all)",
                "{0} more closed issues (`standup issue list` lists all)"
            ))
        );
    }
}

/// Issues listed when few are open: the closed ones fill the page to this.
const QUEUE_SHOWN: usize = 50;
