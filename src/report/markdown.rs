//! The minutes as Markdown that reads well pasted into a team chat: short
//! headings and bullets, no tables, no colour codes, control characters
//! made harmless.

use std::fmt::Write;

use chrono::DateTime;

use super::changes::{ChangeLine, Miss};
use super::{IssueLine, Minutes, PartyReport};
use crate::i18n::{Locale, fill};
use crate::text::sanitize;

/// Writes `text` and ends the line.
pub(super) fn push_line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

/// `Fri 27 Nov 09:15`, from a timestamp as the minutes hold it.
pub(super) fn moment(l: &Locale, text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|t| l.moment(&t))
        .unwrap_or_else(|_| text.to_string())
}

/// `09:15`.
fn clock(l: &Locale, text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|t| l.time(&t))
        .unwrap_or_else(|_| text.to_string())
}

/// User text on one line, harmless.
pub(super) fn clean(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// Pieces of user text, each made harmless, joined by `separator`.
fn clean_join(pieces: &[String], separator: &str) -> String {
    let cleaned: Vec<String> = pieces.iter().map(|p| clean(p)).collect();
    cleaned.join(separator)
}

/// How much of each list a rendering shows: everything (chat, the
/// minutes file), or on the web page the first few of a long list and how
/// many more there are, so that a manager reads a page, not a dump, and
/// the page of a large board builds fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    pub limit: usize,
    /// The command that lists them all.
    pub all: &'static str,
}

impl Fold {
    /// Every item of every list.
    pub const NONE: Fold = Fold {
        limit: usize::MAX,
        all: "",
    };

    /// The items shown.
    pub(super) fn head<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        &items[..items.len().min(self.limit)]
    }

    /// After a list of `total` items: how many were not shown, and where
    /// they are.
    pub(super) fn more(&self, out: &mut String, total: usize, l: &Locale) {
        if total > self.limit {
            push_line(
                out,
                &l.f(
                    "- … and {0} more (`{1}` lists them all)",
                    &[&(total - self.limit), &self.all],
                ),
            );
        }
    }
}

/// The minutes as Markdown.
pub fn render(m: &Minutes, l: &Locale) -> String {
    render_folded(m, l, Fold::NONE)
}

/// The minutes as Markdown, long lists folded as `fold` says.
pub fn render_folded(m: &Minutes, l: &Locale, fold: Fold) -> String {
    let mut out = String::new();
    let board = board_suffix(&m.board);
    match &m.standup {
        Some(meeting) => {
            push_line(
                &mut out,
                &l.f("# Standup{0} — {1}", &[&board, &l.day_short(m.date)]),
            );
            let end = meeting
                .ended
                .as_deref()
                .map_or_else(|| l.t("still running").to_string(), |e| clock(l, e));
            let order = if meeting.order == "board" {
                l.t("walking the board")
            } else {
                l.t("party by party")
            };
            let _ = writeln!(
                out,
                "\n{}",
                l.f(
                    "{0}–{1} · {2} min of {3} · {4} · changes since {5}",
                    &[
                        &clock(l, &meeting.started),
                        &end,
                        &meeting.minutes,
                        &meeting.timebox_minutes,
                        &order,
                        &moment(l, &m.since),
                    ],
                )
            );
            if !meeting.speakers.is_empty() {
                let spoke: Vec<String> = meeting
                    .speakers
                    .iter()
                    .map(|s| format!("{} {}", clean(&s.name), l.lang.seconds(s.seconds)))
                    .collect();
                push_line(&mut out, &l.f("Spoke: {0}", &[&spoke.join(" · ")]));
            }
        }
        None if m.covers == "day" => {
            push_line(
                &mut out,
                &l.f("# The day{0} — {1}", &[&board, &l.day_short(m.date)]),
            );
            let _ = writeln!(
                out,
                "\n{}",
                l.f(
                    "No standup held that day: its changes from {0} to {1}",
                    &[&moment(l, &m.since), &moment(l, &m.until)],
                )
            );
        }
        None => {
            push_line(
                &mut out,
                &l.f(
                    "# Since the last standup{0} — {1}",
                    &[&board, &l.day_short(m.date)],
                ),
            );
            let _ = writeln!(
                out,
                "\n{}",
                l.f(
                    "No standup held: changes from {0} to {1}",
                    &[&moment(l, &m.since), &moment(l, &m.until)],
                )
            );
        }
    }
    if m.parties
        .iter()
        .all(|p| p.moved.is_empty() && p.finished.is_empty() && p.added.is_empty())
    {
        let _ = writeln!(out, "\n{}", l.t("No card moved since the last standup."));
    }
    for party in &m.parties {
        party_section(&mut out, party, l, fold);
    }
    issues_section(&mut out, m, l, fold);
    misses_section(&mut out, &m.sla_misses, l, fold);
    if !m.raised.is_empty() {
        let _ = writeln!(out, "\n## {}", l.t("New issues"));
        for issue in fold.head(&m.raised) {
            let by = issue
                .reporter
                .as_deref()
                .map(|r| l.f(", raised by {0}", &[&clean(r)]))
                .unwrap_or_default();
            let owner = issue.owner.as_deref().map_or_else(
                || l.t("no owner yet").to_string(),
                |o| l.f("owner {0}", &[&clean(o)]),
            );
            let _ = writeln!(
                out,
                "- {} {} {} ({owner}{by})",
                issue.priority,
                issue.id,
                clean(&issue.title)
            );
        }
        fold.more(&mut out, m.raised.len(), l);
    }
    changes_section(&mut out, l.t("Issue updates"), &m.issue_changes, l, fold);
    if !m.decisions.is_empty() {
        let _ = writeln!(out, "\n## {}", l.t("Decisions"));
        for d in &m.decisions {
            let mut line = format!("- {}", clean(&d.text));
            match (&d.owner, d.due) {
                (Some(o), Some(due)) => {
                    let by = l.f("by {0}", &[&l.day_short(due)]);
                    let _ = write!(line, " — {}, {by}", clean(o));
                }
                (Some(o), None) => {
                    let _ = write!(line, " — {}", clean(o));
                }
                (None, Some(due)) => {
                    let _ = write!(line, " — {}", l.f("by {0}", &[&l.day_short(due)]));
                }
                (None, None) => {}
            }
            let _ = writeln!(out, "{line}");
        }
    }
    if !m.parked.is_empty() {
        let _ = writeln!(out, "\n## {}", l.t("Parked"));
        for p in &m.parked {
            let owner = p
                .owner
                .as_deref()
                .map(|o| format!(" — {}", clean(o)))
                .unwrap_or_default();
            let _ = writeln!(out, "- {}{owner}", clean(&p.topic));
        }
    }
    changes_section(&mut out, l.t("Other changes"), &m.other_changes, l, fold);
    raci_section(&mut out, &m.raci_errors, l, fold);
    out
}

/// `T-3 Title: due 1 Dec → 10 Dec: slipped 9 days; unblocked (was: …)`.
pub(super) fn change_item(line: &ChangeLine) -> String {
    let words = clean_join(&line.changes, "; ");
    let tracked = line.record.starts_with("T-") || line.record.starts_with("I-");
    match (tracked, line.title.is_empty()) {
        (true, _) => format!("{} {}: {words}", line.record, clean(&line.title)),
        (false, false) => format!("{}: {words}", clean(&line.title)),
        (false, true) => words,
    }
}

/// A heading and one bullet per record changed, when there are any.
pub(super) fn changes_section(
    out: &mut String,
    heading: &str,
    lines: &[ChangeLine],
    l: &Locale,
    fold: Fold,
) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {heading}");
    for line in fold.head(lines) {
        let _ = writeln!(out, "- {}", change_item(line));
    }
    fold.more(out, lines.len(), l);
}

/// The SLA targets missed in the report's window, when any were.
pub(super) fn misses_section(out: &mut String, misses: &[Miss], l: &Locale, fold: Fold) {
    if misses.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {} ({})", l.t("SLA misses"), misses.len());
    for miss in fold.head(misses) {
        // Both spans in the reader's units: `30分钟`, not `30m`.
        let target = match miss.target.parse::<crate::model::settings::Span>() {
            Ok(span) => l
                .lang
                .duration(chrono::Duration::minutes(i64::from(span.minutes()))),
            Err(_) if miss.target == "set by hand" => l.t("set by hand").to_string(),
            Err(_) => miss.target.clone(),
        };
        let late = l
            .lang
            .duration(chrono::Duration::minutes(miss.late_minutes));
        let what = match (miss.clock, &miss.stopped) {
            ("respond", Some(at)) => l.f(
                "respond target ({0}) missed by {1}, answered {2}",
                &[&target, &late, &moment(l, at)],
            ),
            ("respond", None) => l.f(
                "respond target ({0}) missed by {1} so far, not yet answered",
                &[&target, &late],
            ),
            (_, Some(at)) => l.f(
                "resolve target ({0}) missed by {1}, resolved {2}",
                &[&target, &late, &moment(l, at)],
            ),
            (_, None) => l.f(
                "resolve target ({0}) missed by {1} so far, not yet resolved",
                &[&target, &late],
            ),
        };
        let owner = miss.owner.as_deref().map_or_else(
            || l.t(" No owner.").to_string(),
            |o| l.f(" Owner: {0}.", &[&clean(o)]),
        );
        let p = |s| l.lang.punct(s);
        let line = format!(
            "- {} {} {}{}{what}{}{owner}",
            miss.priority,
            miss.issue,
            clean(&miss.title),
            p(": "),
            p("."),
        );
        let _ = writeln!(out, "{}", l.lang.tidy(line));
    }
    fold.more(out, misses.len(), l);
}

/// ` — Board name` for a heading, nothing for a board without one.
pub(super) fn board_suffix(board: &str) -> String {
    if board.is_empty() {
        String::new()
    } else {
        format!(" — {}", clean(board))
    }
}

/// The RACI errors still open, when there are any.
pub(super) fn raci_section(out: &mut String, errors: &[super::RaciError], l: &Locale, fold: Fold) {
    if errors.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}", l.t("RACI errors still open"));
    for e in fold.head(errors) {
        let task = match (e.task, &e.title) {
            (Some(id), Some(title)) => format!("{id} {}: ", clean(title)),
            _ => String::new(),
        };
        let _ = writeln!(out, "- {task}{}", clean(&e.message));
    }
    fold.more(out, errors.len(), l);
}

fn informing(names: &[String], l: &Locale) -> String {
    if names.is_empty() {
        String::new()
    } else {
        l.f(" To inform: {0}.", &[&clean_join(names, ", ")])
    }
}

fn party_section(out: &mut String, p: &PartyReport, l: &Locale, fold: Fold) {
    let _ = writeln!(out, "\n## {}", clean(&p.name));
    for (template, cards) in [
        (l.t("- Finished: {0} {1} ({2}).{3}"), &p.finished),
        (l.t("- Moved: {0} {1} ({2}).{3}"), &p.moved),
    ] {
        for m in fold.head(cards) {
            push_line(
                out,
                &fill(
                    template,
                    &[
                        &m.task,
                        &clean(&m.title),
                        &clean_join(&m.path, " → "),
                        &informing(&m.to_inform, l),
                    ],
                ),
            );
        }
        fold.more(out, cards.len(), l);
    }
    for c in fold.head(&p.added) {
        push_line(
            out,
            &l.f(
                "- New: {0} {1} (in {2}).{3}",
                &[
                    &c.task,
                    &clean(&c.title),
                    &clean(&c.column),
                    &informing(&c.to_inform, l),
                ],
            ),
        );
    }
    fold.more(out, p.added.len(), l);
    for c in fold.head(&p.changed) {
        push_line(out, &l.f("- Changed: {0}.", &[&change_item(c)]));
    }
    fold.more(out, p.changed.len(), l);
    for b in fold.head(&p.blocked) {
        let mut line = l.f("- Blocked: {0} {1}", &[&b.task, &clean(&b.title)]);
        if let Some(since) = &b.since {
            line.push_str(&l.f(", since {0}", &[&moment(l, since)]));
        }
        let p = |s| l.lang.punct(s);
        let _ = write!(line, "{}{}{}", p(": "), clean(&b.reason), p("."));
        if !b.help.is_empty() {
            line.push_str(&l.f(" Help needed: {0}.", &[&clean_join(&b.help, "; ")]));
        }
        if let Some(a) = &b.accountable {
            line.push_str(&l.f(" Accountable: {0}.", &[&clean(a)]));
        }
        let _ = writeln!(out, "{}", l.lang.tidy(line));
    }
    fold.more(out, p.blocked.len(), l);
    if !p.next.is_empty() {
        let mut next: Vec<String> = fold
            .head(&p.next)
            .iter()
            .map(|n| {
                let due = match (n.due, n.overdue) {
                    (Some(d), true) => l.f(", was due {0}", &[&l.day_short(d)]),
                    (Some(d), false) => l.f(", due {0}", &[&l.day_short(d)]),
                    (None, _) => String::new(),
                };
                format!("{} {} ({}{due})", n.task, clean(&n.title), clean(&n.column))
            })
            .collect();
        if p.next.len() > next.len() {
            next.push(l.f("{0} more", &[&(p.next.len() - next.len())]));
        }
        push_line(out, &l.f("- Next: {0}", &[&next.join("; ")]));
    }
}

fn issues_section(out: &mut String, m: &Minutes, l: &Locale, fold: Fold) {
    let breached = m.issues.iter().filter(|i| i.breached).count();
    if m.issues.is_empty() {
        let _ = writeln!(out, "\n## {}\n\n{}", l.t("Open issues"), l.t("None."));
        return;
    }
    let count = if breached > 0 {
        l.f("{0} · {1} breached", &[&m.issues.len(), &breached])
    } else {
        m.issues.len().to_string()
    };
    let _ = writeln!(out, "\n## {} ({count})", l.t("Open issues"));
    for issue in fold.head(&m.issues) {
        push_line(out, &issue_line(issue, l));
    }
    fold.more(out, m.issues.len(), l);
}

fn issue_line(i: &IssueLine, l: &Locale) -> String {
    let mut line = String::from("- ");
    if i.breached {
        line.push_str(l.t("BREACHED "));
    }
    let p = |s| l.lang.punct(s);
    let _ = write!(
        line,
        "{} {} {}{}",
        i.priority,
        i.id,
        clean(&i.title),
        p(".")
    );
    match &i.owner {
        Some(o) => line.push_str(&l.f(" Owner: {0}.", &[&clean(o)])),
        None => line.push_str(l.t(" No owner.")),
    }
    if i.status == "open" {
        line.push_str(&l.f(
            " Respond by {0}, resolve by {1}",
            &[&moment(l, &i.respond_by), &moment(l, &i.resolve_by)],
        ));
    } else {
        line.push_str(&l.f(
            " Acknowledged; resolve by {0}",
            &[&moment(l, &i.resolve_by)],
        ));
    }
    let _ = write!(line, "{}{}{}{}", p(" ("), i.clock, p(")"), p("."));
    if !i.support.is_empty() {
        line.push_str(&l.f(" Support needed: {0}.", &[&clean(&i.support)]));
    }
    if i.breached
        && let Some(a) = &i.accountable
    {
        line.push_str(&l.f(" Accountable: {0}.", &[&clean(a)]));
    }
    l.lang.tidy(line)
}
