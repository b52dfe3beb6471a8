//! The progress board and the RACI grid, as the page shows them.

use std::fmt::Write;

use super::esc;
use crate::i18n::Locale;
use crate::model::action::risk_word;
use crate::model::raci::{self, Role};
use crate::model::{Board, Timestamp};

/// Done cards shown before the rest fold away.
const DONE_SHOWN: usize = 8;
/// Cards a column lists: a page is read, not searched; the rest are
/// counted (a board of 10,000 cards stays a page of a few hundred KB).
const COLUMN_SHOWN: usize = 40;
/// Rows of the RACI grid shown: those with findings first, then others.
const RACI_SHOWN: usize = 200;

/// Each column with its WIP, its cards in order: id, title, owner, due
/// (late marked), risk, why it is blocked, how long it has been there.
pub(super) fn progress(out: &mut String, board: &Board, now: Timestamp, l: &Locale) {
    let today = now.date_naive();
    let last = board.last_column().map(|c| c.id.clone());
    out.push_str("<div class=\"columns\">\n");
    for column in &board.columns {
        let cards = board.column_tasks(&column.id);
        let count = match column.wip {
            Some(limit) if cards.len() > limit as usize => {
                format!("<span class=\"over\">{}/{limit}</span>", cards.len())
            }
            Some(limit) => format!("{}/{limit}", cards.len()),
            None => cards.len().to_string(),
        };
        let _ = writeln!(
            out,
            "<div class=\"column\"><h3>{} · {count}</h3>",
            esc(&column.name)
        );
        let done = Some(&column.id) == last.as_ref();
        for (i, task) in cards.iter().enumerate() {
            if i == COLUMN_SHOWN {
                let _ = writeln!(
                    out,
                    "<p class=\"dim\">{}</p>",
                    esc(&l.n(cards.len() - i, "{0} more", "{0} more"))
                );
                break;
            }
            if done && i == DONE_SHOWN {
                let _ = writeln!(
                    out,
                    "<details><summary>{}</summary>",
                    esc(&l.n(cards.len() - DONE_SHOWN, "{0} more", "{0} more"))
                );
            }
            let late = board.is_overdue(task, today);
            let blocked = board.is_blocked(task);
            let class = match (late, blocked) {
                (true, _) => " is-late",
                (_, true) => " is-blocked",
                _ => "",
            };
            let _ = write!(
                out,
                "<div class=\"card{class}\"><span class=\"id\">{}</span> {}",
                task.id,
                esc(&task.title)
            );
            let mut meta = Vec::new();
            if let Some(owner) = &task.owner {
                meta.push(esc(board.party_name(owner)));
            }
            if let Some(due) = task.due {
                let due = esc(&l.f("due {0}", &[&l.day_short(due)]));
                meta.push(if late {
                    format!("<span class=\"late late-mark\">{due}</span>")
                } else {
                    due
                });
            }
            if let Some(risk) = task.risk {
                meta.push(esc(&format!("{} {}", l.t("risk"), l.t(risk_word(risk)))));
            }
            if !done {
                meta.push(esc(&l.lang.duration_largest(now - task.entered())));
            }
            let _ = write!(out, "<div class=\"meta\">{}</div>", meta.join(" · "));
            if let Some(b) = &task.blocked {
                let _ = write!(
                    out,
                    "<div class=\"blocked\">⊘ {}</div>",
                    esc(&l.f("blocked: {0}", &[&b.reason]))
                );
            } else if blocked {
                let waits: Vec<String> = board
                    .waits_on(task)
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let _ = write!(
                    out,
                    "<div class=\"blocked\">⊘ {}</div>",
                    esc(&l.f("waits on {0}", &[&waits.join(", ")]))
                );
            }
            out.push_str("</div>\n");
        }
        if done && cards.len() > DONE_SHOWN && cards.len() <= COLUMN_SHOWN {
            out.push_str("</details>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
}

/// The grid: a row per task with its roles and what its rules find, the
/// parties' load under it.
pub(super) fn raci(out: &mut String, board: &Board, l: &Locale) {
    if board.parties.is_empty() {
        let _ = writeln!(out, "<p class=\"dim\">{}</p>", esc(l.t("No parties yet")));
        return;
    }
    out.push_str("<div class=\"scroll\"><table>\n<thead><tr><th>");
    out.push_str(&esc(l.t("Task")));
    out.push_str("</th>");
    for party in &board.parties {
        let _ = write!(out, "<th>{}</th>", esc(&party.name));
    }
    let _ = writeln!(out, "<th>{}</th></tr></thead>\n<tbody>", esc(l.t("Rules")));
    let limits = &board.settings.raci;
    // Every row a rule finds something in, then others up to a page's worth.
    let mut shown = 0;
    let mut quiet = 0;
    for task in board.tasks.values() {
        let rules: Vec<String> = raci::task_rules(task, limits)
            .into_iter()
            .map(|r| raci::task_message(r, limits, l.lang))
            .collect();
        if shown >= RACI_SHOWN || (rules.is_empty() && shown >= RACI_SHOWN / 4) {
            quiet += 1;
            continue;
        }
        shown += 1;
        let _ = write!(out, "<tr><td>{} {}</td>", task.id, esc(&task.title));
        for party in &board.parties {
            let role = task.raci.get(&party.code).map_or("", |r: &Role| r.as_str());
            let _ = write!(out, "<td class=\"role\">{role}</td>");
        }
        if rules.is_empty() {
            let _ = writeln!(out, "<td class=\"dim\">{}</td></tr>", esc(l.t("ok")));
        } else {
            let _ = writeln!(
                out,
                "<td class=\"problem\">{}</td></tr>",
                esc(&rules.join("; "))
            );
        }
    }
    if quiet > 0 {
        let _ = writeln!(
            out,
            "<tr><td class=\"dim\" colspan=\"{}\">{}</td></tr>",
            board.parties.len() + 2,
            esc(&l.n(
                quiet,
                "{0} more task (`standup raci show` lists all)",
                "{0} more tasks (`standup raci show` lists all)"
            ))
        );
    }
    let _ = write!(out, "<tr><th>{}</th>", esc(l.t("load")));
    for (_, load) in raci::loads(board) {
        let _ = write!(
            out,
            "<td class=\"dim\">R{} A{} C{} I{}</td>",
            load.r, load.a, load.c, load.i
        );
    }
    out.push_str("<td></td></tr>\n</tbody></table></div>\n");
}
