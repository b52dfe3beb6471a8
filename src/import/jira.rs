//! Jira's issue navigator export, "CSV (all fields)": one row per issue,
//! a column per field, and a field with many values (Labels, links,
//! Sprint) as the same header repeated. Headers come in English, or in
//! Chinese from a Jira whose language is Chinese.

use chrono::FixedOffset;

use super::day::read_day;
use super::error::ImportError;
use super::fields::list;
use super::source::{Has, Item, Owner, Skipped, Source, Why};
use super::table::Table;
use crate::i18n::Lang;
use crate::model::PartyKind;

/// Whether the headers are Jira's: an issue key and a summary.
pub fn is_jira(headers: &[String]) -> bool {
    find(headers, KEY).is_some() && find(headers, SUMMARY).is_some()
}

const SUMMARY: &[&str] = &["summary", "概要", "摘要"];
const KEY: &[&str] = &["issue key", "问题关键字", "关键字"];
const STATUS: &[&str] = &["status", "状态"];
const PRIORITY: &[&str] = &["priority", "优先级"];
const ASSIGNEE: &[&str] = &["assignee", "经办人"];
const DUE: &[&str] = &["due date", "duedate", "到期日", "到期日期"];
const RESOLVED: &[&str] = &["resolved", "已解决", "解决日期"];
const LABELS: &[&str] = &["labels", "标签"];
const DESCRIPTION: &[&str] = &["description", "描述"];
/// Issues that block this one: it waits on them.
const BLOCKED_BY: &[&str] = &["inward issue link (blocks)", "入站问题链接 (blocks)"];
/// Issues this one blocks: they wait on it.
const BLOCKS: &[&str] = &["outward issue link (blocks)", "出站问题链接 (blocks)"];

fn matches(header: &str, names: &[&str]) -> bool {
    let header = header.trim().to_lowercase();
    names.iter().any(|n| header == *n)
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| matches(h, names))
}

fn every(headers: &[String], names: &[&str]) -> Vec<usize> {
    (0..headers.len())
        .filter(|&i| matches(&headers[i], names))
        .collect()
}

/// Reads the export's rows as cards keyed `jira:<issue key>`.
pub fn read(table: &Table, offset: FixedOffset, l: Lang) -> Result<Source, ImportError> {
    let headers = &table.headers;
    let not_jira = |why: &str| ImportError::NotFormat {
        format: "Jira CSV",
        why: why.to_string(),
    };
    let summary = find(headers, SUMMARY).ok_or_else(|| not_jira("no Summary column"))?;
    let key = find(headers, KEY).ok_or_else(|| not_jira("no Issue key column"))?;
    let status = find(headers, STATUS);
    let priority = find(headers, PRIORITY);
    let assignee = find(headers, ASSIGNEE);
    let due = find(headers, DUE);
    let resolved = find(headers, RESOLVED);
    let description = find(headers, DESCRIPTION);
    let labels = every(headers, LABELS);
    let blocked_by = every(headers, BLOCKED_BY);
    let blocks = every(headers, BLOCKS);
    let mut source = Source {
        has: Has {
            status: status.is_some(),
            owner: assignee.is_some(),
            due: due.is_some(),
            risk: false,
            note: true,
            depends: !blocked_by.is_empty() || !blocks.is_empty(),
        },
        status_label: status.map(|s| headers[s].clone()).unwrap_or_default(),
        ..Source::default()
    };
    // Links found on the other side: (issue that waits, issue it waits on).
    let mut waits: Vec<(String, String)> = Vec::new();
    for row in &table.rows {
        let cell = |at: Option<usize>| at.and_then(|a| row.cells.get(a)).map_or("", |c| c.trim());
        let cells = |ats: &[usize]| -> Vec<String> {
            ats.iter()
                .flat_map(|&a| list(cell(Some(a))))
                .collect::<Vec<_>>()
        };
        let issue = cell(Some(key)).to_string();
        let title = crate::text::sanitize(cell(Some(summary)))
            .trim()
            .to_string();
        if issue.is_empty() || title.is_empty() {
            source.skipped.push(Skipped {
                what: l.f("line {0}", &[&row.line]),
                why: Why::NoTitle,
            });
            continue;
        }
        let project = issue.rsplit_once('-').map_or(issue.as_str(), |(p, _)| p);
        let origin = format!("jira:{project}-");
        if !source.origins.contains(&origin) {
            source.origins.push(origin);
        }
        if source
            .items
            .iter()
            .any(|i| i.key == format!("jira:{issue}"))
        {
            source.skipped.push(Skipped {
                what: issue.clone(),
                why: Why::Repeated(l.f("line {0}", &[&row.line])),
            });
            continue;
        }
        let due_text = cell(due);
        let due_day = match read_day(due_text, offset) {
            None if !due_text.is_empty() => {
                return Err(ImportError::BadDate {
                    place: table.place(row, due.unwrap_or(summary)),
                    value: due_text.to_string(),
                });
            }
            day => day,
        };
        let mut note = Vec::new();
        if !cell(priority).is_empty() {
            note.push(l.f("Priority: {0}", &[&cell(priority)]));
        }
        let tags = cells(&labels);
        if !tags.is_empty() {
            note.push(l.f("Labels: {0}", &[&tags.join(", ")]));
        }
        if !cell(description).is_empty() {
            note.push(cell(description).to_string());
        }
        for other in cells(&blocks) {
            waits.push((other, issue.clone()));
        }
        source.items.push(Item {
            place: Some(table.place(row, summary)),
            status_place: Some(table.place(row, status.unwrap_or(summary))),
            key: format!("jira:{issue}"),
            title,
            status: Some(cell(status).to_string()).filter(|s| !s.is_empty()),
            finished: !cell(resolved).is_empty(),
            owner: Some(cell(assignee))
                .filter(|a| !a.is_empty())
                .map(|a| Owner {
                    name: a.to_string(),
                    kind: PartyKind::Person,
                }),
            due: due_day,
            note: note.join("\n"),
            depends: cells(&blocked_by)
                .into_iter()
                .map(|k| format!("jira:{k}"))
                .collect(),
            ..Item::default()
        });
    }
    for (waiting, on) in waits {
        let on = format!("jira:{on}");
        if let Some(item) = source
            .items
            .iter_mut()
            .find(|i| i.key == format!("jira:{waiting}"))
            && !item.depends.contains(&on)
        {
            item.depends.push(on);
        }
    }
    source.label = match source.origins.as_slice() {
        [one] => one.trim_end_matches('-').to_string(),
        _ => "jira".to_string(),
    };
    Ok(source)
}
