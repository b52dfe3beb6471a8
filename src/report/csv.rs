//! Tasks and issues as spreadsheet rows, for Excel, WPS and 飞书: headers in
//! the interface's language that `standup import` reads back, dates as
//! `YYYY-MM-DD` (and `HH:MM`) that every spreadsheet takes as dates, and
//! cells that would start a formula neutralised (CSV injection).

use crate::i18n::Locale;
use crate::model::{Board, Timestamp};

/// One CSV field: a would-be formula gets a leading `'` (which the import
/// takes off again), and a field with a comma, a quote, a line break or
/// edge spaces is quoted. Line breaks are kept: spreadsheets show them.
pub fn field(text: &str) -> String {
    let text = crate::text::guarded(text);
    if text.contains([',', '"', '\n', '\r']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
    format!("{}\r\n", cells.join(","))
}

fn stamp(t: &Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// The cards, in board order: column by column, each column's order.
pub fn tasks(board: &Board, l: &Locale) -> String {
    let l = l.lang;
    let headers = [
        "id", "title", "status", "owner", "due", "risk", "blocked", "depends", "note", "source",
    ];
    let mut out = row(&headers.map(|h| l.t(h).to_string()));
    for column in board.tasks_by_column() {
        for task in column {
            let depends: Vec<String> = task.depends_on.iter().map(|d| d.to_string()).collect();
            out.push_str(&row(&[
                task.id.to_string(),
                task.title.clone(),
                board.column_name(&task.column).to_string(),
                task.owner
                    .as_deref()
                    .map(|o| board.party_name(o).to_string())
                    .unwrap_or_default(),
                task.due.map(|d| d.to_string()).unwrap_or_default(),
                task.risk
                    .map(|r| l.t(crate::model::action::risk_word(r)).to_string())
                    .unwrap_or_default(),
                task.blocked
                    .as_ref()
                    .map(|b| b.reason.clone())
                    .unwrap_or_default(),
                depends.join(", "),
                task.note.clone(),
                task.source.clone().unwrap_or_default(),
            ]));
        }
    }
    out
}

/// The issues by id, with their priority, deadlines and SLA clock at `now`.
pub fn issues(board: &Board, now: Timestamp, l: &Locale) -> String {
    let lang = l.lang;
    let headers = [
        "id",
        "title",
        "priority",
        "status",
        "owner",
        "impact",
        "urgency",
        "opened",
        "respond by",
        "resolve by",
        "SLA",
        "support needed",
        "card",
        "resolution",
    ];
    let mut out = row(&headers.map(|h| lang.t(h).to_string()));
    for issue in board.issues.values() {
        let sla = issue.sla(&board.settings.sla, now);
        let clock = if issue.status.is_active() {
            board.clock(issue, now, lang).0
        } else {
            String::new()
        };
        out.push_str(&row(&[
            issue.id.to_string(),
            issue.title.clone(),
            issue.priority().as_str().to_string(),
            lang.t(issue.status.as_str()).to_string(),
            issue
                .owner
                .as_deref()
                .map(|o| board.party_name(o).to_string())
                .unwrap_or_default(),
            lang.t(issue.impact.as_str()).to_string(),
            lang.t(issue.urgency.as_str()).to_string(),
            stamp(&issue.opened),
            stamp(&sla.respond_by),
            stamp(&sla.resolve_by),
            clock,
            issue.support.clone(),
            issue.task.map(|t| t.to_string()).unwrap_or_default(),
            issue.resolution.clone(),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_text_kept() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-2"), "'-2");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("发布会, 第二场"), "\"发布会, 第二场\"");
        assert_eq!(field("one\ntwo"), "\"one\ntwo\"");
        assert_eq!(field("plain"), "plain");
    }
}
