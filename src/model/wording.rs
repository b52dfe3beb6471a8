//! What one log entry did, in words a manager reads: `due 1 Dec → 10 Dec:
//! slipped 9 days, 2 slips so far`, `unblocked (was: waiting for the
//! vendor)`, `RACI: 市场部 made A`.
//!
//! The standup pane, the minutes and the weekly report all say changes
//! through here, so that every kind of entry the log can hold is said, and
//! said the same way everywhere.

use chrono::NaiveDate;

use super::board::{Board, Event, LogEntry};
use super::standup::RecordChange;
use crate::i18n::{Lang, Locale, mark};
use crate::text::fit;

/// How long a note or a support text may run inside a change line.
const QUOTE: usize = 60;

impl Board {
    /// The words for one log entry. `index` is its place in `self.log`,
    /// for what only the entries before it tell (how often a card slipped).
    pub fn entry_words(&self, index: usize, entry: &LogEntry, l: Lang) -> String {
        let loc = Locale::new(l, None);
        let from = entry.from.as_deref().filter(|s| !s.is_empty());
        let to = entry.to.as_deref().filter(|s| !s.is_empty());
        let none = || l.t("none").to_string();
        let party = |code: Option<&str>| code.map_or_else(none, |c| self.party_name(c).to_string());
        let column = |id: Option<&str>| id.map_or_else(none, |c| self.column_name(c).to_string());
        let level = |w: Option<&str>| w.map_or_else(none, |w| l.t(level_word(w)).to_string());
        let day = |d: Option<&str>| {
            d.map_or_else(none, |d| {
                d.parse::<NaiveDate>()
                    .map_or_else(|_| d.to_string(), |d| loc.month_day(d))
            })
        };
        let moment = |t: Option<&str>| {
            t.map_or_else(none, |t| {
                chrono::DateTime::parse_from_rfc3339(t)
                    .map_or_else(|_| t.to_string(), |t| loc.moment(&t))
            })
        };
        let quote = |t: Option<&str>| fit(t.unwrap_or_default(), QUOTE);
        let record = entry.record.as_str();
        let task = record.starts_with("T-");
        let issue = record.starts_with("I-");
        let field = entry.field.as_deref();
        match (entry.what, field) {
            (Event::Create, _) if issue => l.t("raised").into(),
            (Event::Create, _) if task => l.t("added").into(),
            (Event::Delete, _) if task || issue => l.t("deleted").into(),
            (Event::Create, _) if record.starts_with("party:") => {
                l.f("party {0} added", &[&quote(to)])
            }
            (Event::Delete, _) if record.starts_with("party:") => {
                l.f("party {0} removed", &[&quote(from)])
            }
            (Event::Create, _) if record.starts_with("column:") => {
                l.f("column {0} added", &[&quote(to)])
            }
            (Event::Delete, _) if record.starts_with("column:") => {
                l.f("column {0} deleted", &[&quote(from)])
            }
            (Event::Move, _) if task => l.f("moved {0} → {1}", &[&column(from), &column(to)]),
            (Event::Move, _) | (Event::Edit, Some("position")) => l.t("moved in the order").into(),
            (Event::Block, _) => match from {
                None => l.f("blocked: {0}", &[&quote(to)]),
                Some(_) => l.f("block reason now: {0}", &[&quote(to)]),
            },
            (Event::Unblock, _) => match from {
                Some(reason) => l.f("unblocked (was: {0})", &[&fit(reason, QUOTE)]),
                None => l.t("unblocked").into(),
            },
            (Event::Role, Some(code)) => {
                let who = self.party_name(code);
                match (from, to) {
                    (None, Some(r)) => l.f("RACI: {0} made {1}", &[&who, &r]),
                    (Some(r), None) => l.f("RACI: {0} no longer {1}", &[&who, &r]),
                    (Some(a), Some(b)) => l.f("RACI: {0} {1} → {2}", &[&who, &a, &b]),
                    (None, None) => l.f("RACI: {0}", &[&who]),
                }
            }
            (Event::Acknowledge | Event::Resolve | Event::Close | Event::Reopen, _) => {
                l.t(entry.what.word()).into()
            }
            (Event::Escalate, _) => {
                let (raised, why) = entry.escalated_to().unwrap_or_default();
                l.f(
                    "escalated: urgency {0} → {1}{2}",
                    &[&level(from), &level(Some(raised)), &fit(why, QUOTE)],
                )
            }
            (Event::Import, _) => {
                let n = super::action::ImportCounts::from_logged(to.unwrap_or_default());
                l.f(
                    "imported from {0}: {1} added, {2} updated, {3} gone from the source",
                    &[&record, &n.added, &n.updated, &n.gone],
                )
            }
            (Event::Alert, _) => l.f("alert sent: {0}", &[&quote(to)]),
            (Event::Start, _) => l.t("standup started").into(),
            (Event::End, _) => l.t("standup ended").into(),
            (Event::Decide, _) => l.f("decision: {0}", &[&quote(to)]),
            (Event::Park, _) => l.f("parked: {0}", &[&quote(to)]),
            (Event::Settle, Some(f)) => l.f("conflict on {0} settled: {1}", &[&f, &quote(to)]),
            (Event::Edit, Some("title")) => l.f("renamed from “{0}”", &[&quote(from)]),
            (Event::Edit, Some("name")) => match from {
                Some(old) => l.f("renamed {0} → {1}", &[&fit(old, QUOTE), &quote(to)]),
                None => l.f("named {0}", &[&quote(to)]),
            },
            (Event::Edit, Some("code")) => l.f("code {0} → {1}", &[&quote(from), &quote(to)]),
            (Event::Edit, Some("goal")) => l.f("goal: {0}", &[&quote(to)]),
            (Event::Edit, Some("owner")) => l.f("owner {0} → {1}", &[&party(from), &party(to)]),
            (Event::Edit, Some("due")) => self.due_words(index, entry, l, &day),
            (Event::Edit, Some("risk")) => l.f("risk {0} → {1}", &[&level(from), &level(to)]),
            (Event::Edit, Some("impact")) => l.f("impact {0} → {1}", &[&level(from), &level(to)]),
            (Event::Edit, Some("urgency")) => l.f("urgency {0} → {1}", &[&level(from), &level(to)]),
            (Event::Edit, Some("note")) => match to {
                Some(note) => l.f("note: {0}", &[&fit(note, QUOTE)]),
                None => l.t("note cleared").into(),
            },
            (Event::Edit, Some("detail")) => l.t("details changed").into(),
            (Event::Edit, Some("support")) => match to {
                Some(s) => l.f("support needed: {0}", &[&fit(s, QUOTE)]),
                None => l.t("support no longer needed").into(),
            },
            (Event::Edit, Some("resolution")) => l.f("resolution: {0}", &[&quote(to)]),
            (Event::Edit, Some("proposal")) => l.f("proposal: {0}", &[&quote(to)]),
            (Event::Edit, Some("rank")) => l.t("reordered in its column").into(),
            (Event::Edit, Some("depends_on")) => match to {
                Some(deps) => l.f("now depends on {0}", &[&deps.replace(',', ", ")]),
                None => l.t("no longer depends on other cards").into(),
            },
            (Event::Edit, Some("parties")) => match to {
                Some(p) => l.f("parties involved: {0}", &[&p.replace(',', ", ")]),
                None => l.t("no party involved").into(),
            },
            (Event::Edit, Some("task")) => match to {
                Some(t) => l.f("linked to {0}", &[&t]),
                None => l.t("no longer linked to a card").into(),
            },
            (Event::Edit, Some("respond_by")) => {
                l.f("respond by {0} → {1}", &[&moment(from), &moment(to)])
            }
            (Event::Edit, Some("resolve_by")) => {
                l.f("resolve by {0} → {1}", &[&moment(from), &moment(to)])
            }
            (Event::Edit, Some("wip")) => l.f(
                "WIP limit {0} → {1}",
                &[&from.unwrap_or("-"), &to.unwrap_or("-")],
            ),
            (Event::Edit, Some("settings.sla")) => {
                l.f("SLA targets {0} → {1}", &[&quote(from), &quote(to)])
            }
            (Event::Edit, Some("settings.raci")) => {
                l.f("RACI limits {0} → {1}", &[&quote(from), &quote(to)])
            }
            (_, Some(f)) => l.f("{0}: {1} → {2}", &[&f, &quote(from), &quote(to)]),
            (what, None) => l.t(what.word()).into(),
        }
    }

    /// A due date moved: by how much, and how often this card has slipped.
    fn due_words(
        &self,
        index: usize,
        entry: &LogEntry,
        l: Lang,
        day: &dyn Fn(Option<&str>) -> String,
    ) -> String {
        let date = |t: &Option<String>| t.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        let (from, to) = (date(&entry.from), date(&entry.to));
        let shown = (day(entry.from.as_deref()), day(entry.to.as_deref()));
        match (from, to) {
            (Some(a), Some(b)) if b > a => {
                let slips = self.slips_upto(index, &entry.record);
                l.f(
                    "due {0} → {1}: slipped {2}, {3}",
                    &[
                        &shown.0,
                        &shown.1,
                        &l.n((b - a).num_days() as usize, "{0} day", "{0} days"),
                        &l.n(slips, "{0} slip so far", "{0} slips so far"),
                    ],
                )
            }
            (Some(a), Some(b)) => l.f(
                "due {0} → {1}: {2} earlier",
                &[
                    &shown.0,
                    &shown.1,
                    &l.n((a - b).num_days() as usize, "{0} day", "{0} days"),
                ],
            ),
            (None, Some(_)) => l.f("due date set: {0}", &[&shown.1]),
            (Some(_), None) => l.f("due date cleared (was {0})", &[&shown.0]),
            (None, None) => l.t("due date changed").into(),
        }
    }

    /// How many times `record`'s due date moved later, up to and with the
    /// entry at `index`.
    pub fn slips_upto(&self, index: usize, record: &str) -> usize {
        let end = (index + 1).min(self.log.len());
        self.log[..end]
            .iter()
            .filter(|e| e.record == record && is_slip(e))
            .count()
    }

    /// A record's change in the window in words: its move path as one
    /// phrase, then each other entry in order. `reported` leaves out what
    /// the caller already says (a card listed as moved or added).
    pub fn change_words(&self, change: &RecordChange, reported: Reported, l: Lang) -> Vec<String> {
        let column = |id: &String| self.column_name(id).to_string();
        let mut words = Vec::new();
        if change.created && !reported.created {
            words.push(
                if change.record.starts_with("I-") {
                    l.t("raised")
                } else {
                    l.t("added")
                }
                .to_string(),
            );
        }
        if change.path.len() >= 2 && !reported.moved {
            let path: Vec<String> = change.path.iter().map(column).collect();
            words.push(l.f("moved {0}", &[&path.join(" → ")]));
        }
        // Roles set one after another (a RACI import, a row filled in) read
        // as one phrase: `RACI: 市场部 R, 产品部 C → A, 销售部 no longer I`.
        let mut roles: Vec<String> = Vec::new();
        let flush = |roles: &mut Vec<String>, words: &mut Vec<String>| {
            if !roles.is_empty() {
                words.push(l.f("RACI: {0}", &[&roles.join(", ")]));
                roles.clear();
            }
        };
        for &i in &change.entries {
            let Some(entry) = self.log.get(i) else {
                continue;
            };
            if matches!(entry.what, Event::Create | Event::Move)
                || (reported.blocked && entry.what == Event::Block)
            {
                continue;
            }
            if entry.what == Event::Role
                && let Some(code) = entry.field.as_deref()
            {
                let who = self.party_name(code);
                roles.push(match (entry.from.as_deref(), entry.to.as_deref()) {
                    (_, None) => l.f(
                        "{0} no longer {1}",
                        &[&who, &entry.from.as_deref().unwrap_or("-")],
                    ),
                    (None, Some(r)) => format!("{who} {r}"),
                    (Some(a), Some(b)) => format!("{who} {a} → {b}"),
                });
                continue;
            }
            flush(&mut roles, &mut words);
            words.push(self.entry_words(i, entry, l));
        }
        flush(&mut roles, &mut words);
        words
    }
}

impl Board {
    /// A card's or an issue's change in the window, titled: `Payment load
    /// test: blocked: …; unblocked (was: …)`.
    pub fn describe_change(&self, change: &RecordChange, l: Lang) -> String {
        let record = change.record.as_str();
        let title = if record.starts_with("T-") {
            record
                .parse()
                .ok()
                .and_then(|id| self.tasks.get(&id))
                .map(|t| t.title.clone())
        } else {
            record
                .parse()
                .ok()
                .and_then(|id| self.issues.get(&id))
                .map(|i| i.title.clone())
        };
        let words = self.change_words(change, Reported::default(), l).join("; ");
        match title {
            Some(title) => format!("{title}: {words}"),
            None => words,
        }
    }
}

/// What a caller already says of a record's change, so words do not
/// repeat it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reported {
    pub created: bool,
    pub moved: bool,
    /// The card is listed as blocked, with its reason and since when.
    pub blocked: bool,
}

/// A due date moved later.
pub fn is_slip(entry: &LogEntry) -> bool {
    if entry.what != Event::Edit || entry.field.as_deref() != Some("due") {
        return false;
    }
    let date = |t: &Option<String>| t.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
    matches!((date(&entry.from), date(&entry.to)), (Some(a), Some(b)) if b > a)
}

/// The interface word for a level or risk as the log writes it.
fn level_word(word: &str) -> &'static str {
    match word {
        "high" => mark("high"),
        "medium" => mark("medium"),
        "low" => mark("low"),
        _ => mark("none"),
    }
}
