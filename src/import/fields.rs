//! A spreadsheet's columns, recognised by their headers in English and
//! Chinese (or named with `--map`), and its rows read as cards.

use chrono::FixedOffset;

use super::day::read_day;
use super::error::ImportError;
use super::source::{Has, Item, Owner, Skipped, Source, Why};
use super::table::Table;
use crate::i18n::Lang;
use crate::model::{PartyKind, Risk};

/// A field of a card a sheet may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Key,
    Owner,
    Due,
    Status,
    Risk,
    Priority,
    Note,
    Depends,
    Start,
    Blocked,
}

/// Each field's name for `--map`, then the headers that mean it (compared
/// without case, spaces, `_`, `-` and anything in brackets).
const HEADERS: &[(Field, &str, &[&str])] = &[
    (
        Field::Title,
        "title",
        &[
            "title",
            "task",
            "taskname",
            "name",
            "summary",
            "item",
            "任务",
            "任务名称",
            "任务名",
            "事项",
            "工作事项",
            "标题",
            "名称",
            "工作内容",
        ],
    ),
    (
        Field::Key,
        "key",
        &["id", "key", "no", "#", "编号", "序号", "任务编号", "任务id"],
    ),
    (
        Field::Owner,
        "owner",
        &[
            "owner",
            "assignee",
            "assignedto",
            "responsible",
            "department",
            "dept",
            "team",
            "负责人",
            "负责部门",
            "责任人",
            "责任部门",
            "执行人",
            "部门",
            "处理人",
        ],
    ),
    (
        Field::Due,
        "due",
        &[
            "due",
            "duedate",
            "deadline",
            "enddate",
            "finishby",
            "截止日期",
            "完成时间",
            "截止时间",
            "计划完成时间",
            "计划完成日期",
            "到期日",
            "完成日期",
        ],
    ),
    (
        Field::Status,
        "status",
        &[
            "status",
            "state",
            "stage",
            "状态",
            "进度状态",
            "当前状态",
            "进展",
            "阶段",
        ],
    ),
    (
        Field::Risk,
        "risk",
        &["risk", "risklevel", "风险", "风险等级"],
    ),
    (Field::Priority, "priority", &["priority", "优先级"]),
    (
        Field::Note,
        "note",
        &[
            "note",
            "notes",
            "description",
            "desc",
            "comment",
            "comments",
            "remarks",
            "备注",
            "说明",
            "描述",
            "详情",
        ],
    ),
    (
        Field::Depends,
        "depends",
        &[
            "depends",
            "dependson",
            "dependencies",
            "blockedby",
            "predecessors",
            "依赖",
            "前置任务",
            "前置",
            "依赖任务",
        ],
    ),
    (
        Field::Start,
        "start",
        &[
            "start",
            "startdate",
            "begin",
            "开始日期",
            "开始时间",
            "计划开始时间",
        ],
    ),
    (
        Field::Blocked,
        "blocked",
        &[
            "blocked",
            "blocker",
            "blockedreason",
            "阻塞",
            "阻塞原因",
            "受阻",
            "受阻原因",
            "卡点",
        ],
    ),
];

/// The field `--map` names, by its English name.
pub fn field_named(name: &str) -> Option<Field> {
    let name = name.trim().to_ascii_lowercase();
    HEADERS
        .iter()
        .find(|(_, n, _)| *n == name)
        .map(|(f, _, _)| *f)
}

/// The names `--map` takes, for a message.
pub fn field_names() -> String {
    HEADERS
        .iter()
        .map(|(_, n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

fn normal(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '_' | '-' | ':' | '：' | '*') => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Which column holds each field: `--map` first, then the first header
/// that means it.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    found: Vec<(Field, usize)>,
    /// The owner column names a person (负责人, assignee), not a department.
    owner_kind: PartyKind,
}

impl Columns {
    pub fn find(headers: &[String], map: &[(Field, String)]) -> Result<Columns, ImportError> {
        let mut columns = Columns::default();
        for (field, header) in map {
            let at = headers
                .iter()
                .position(|h| h.trim() == header.trim())
                .or_else(|| headers.iter().position(|h| normal(h) == normal(header)))
                .ok_or_else(|| ImportError::NoHeader {
                    header: header.clone(),
                    headers: headers.join(", "),
                })?;
            columns.found.push((*field, at));
        }
        for (at, header) in headers.iter().enumerate() {
            let header = normal(header);
            let meant = HEADERS
                .iter()
                .find(|(_, _, names)| names.iter().any(|n| normal(n) == header));
            if let Some((field, _, _)) = meant
                && columns.at(*field).is_none()
                && !columns.found.iter().any(|(_, a)| *a == at)
            {
                columns.found.push((*field, at));
            }
        }
        if let Some(at) = columns.at(Field::Owner) {
            let header = normal(&headers[at]);
            let person = [
                "assignee",
                "assignedto",
                "负责人",
                "责任人",
                "执行人",
                "处理人",
            ];
            if person.iter().any(|p| header == *p) {
                columns.owner_kind = PartyKind::Person;
            }
        }
        Ok(columns)
    }

    pub fn at(&self, field: Field) -> Option<usize> {
        self.found
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, a)| *a)
    }

    fn has(&self, field: Field) -> bool {
        self.at(field).is_some()
    }
}

/// A risk as sheets write it: low/medium/high, L/M/H, 低/中/高 (风险),
/// or nothing (`-`, 无).
pub fn read_risk(text: &str) -> Result<Option<Risk>, ()> {
    let text = text.trim().trim_end_matches("风险").trim();
    match text.to_lowercase().as_str() {
        "" | "-" | "无" | "none" | "n/a" => Ok(None),
        "低" | "low" | "l" => Ok(Some(Risk::Low)),
        "中" | "medium" | "med" | "m" | "mid" => Ok(Some(Risk::Medium)),
        "高" | "high" | "h" => Ok(Some(Risk::High)),
        _ => Err(()),
    }
}

/// Reads a sheet's rows as cards; `name` is the file's name, for keys.
pub fn read_sheet(
    table: &Table,
    map: &[(Field, String)],
    name: &str,
    scheme: &str,
    offset: FixedOffset,
    l: Lang,
) -> Result<Source, ImportError> {
    let columns = Columns::find(&table.headers, map)?;
    let title_at = columns
        .at(Field::Title)
        .ok_or_else(|| ImportError::NoTitle {
            headers: table.headers.join(", "),
        })?;
    let origin = format!("{scheme}:{name}#");
    let mut source = Source {
        label: format!("{scheme}:{name}"),
        origins: vec![origin.clone()],
        has: Has {
            status: columns.has(Field::Status),
            owner: columns.has(Field::Owner),
            due: columns.has(Field::Due),
            risk: columns.has(Field::Risk),
            note: columns.has(Field::Note) || columns.has(Field::Priority),
            depends: columns.has(Field::Depends),
        },
        status_label: columns
            .at(Field::Status)
            .map(|a| table.headers[a].clone())
            .unwrap_or_default(),
        ..Source::default()
    };
    let mut seen: Vec<(String, usize)> = Vec::new();
    for row in &table.rows {
        let cell = |field: Field| -> &str {
            columns
                .at(field)
                .and_then(|a| row.cells.get(a))
                .map_or("", |c| c.as_str())
        };
        let title = crate::text::sanitize(cell(Field::Title)).trim().to_string();
        if title.is_empty() {
            source.skipped.push(Skipped {
                what: l.f("line {0}", &[&row.line]),
                why: Why::NoTitle,
            });
            continue;
        }
        let key_text = match cell(Field::Key) {
            "" => title.clone(),
            key => key.to_string(),
        };
        if let Some((_, line)) = seen.iter().find(|(k, _)| *k == key_text) {
            source.skipped.push(Skipped {
                what: l.f("line {0}", &[&row.line]),
                why: Why::Repeated(l.f("line {0}", &[line])),
            });
            continue;
        }
        seen.push((key_text.clone(), row.line));
        let place = |field: Field| table.place(row, columns.at(field).unwrap_or(title_at));
        let day = |field: Field| -> Result<_, ImportError> {
            let text = cell(field);
            match read_day(text, offset) {
                Some(day) => Ok(Some(day)),
                None if text.is_empty() => Ok(None),
                None => Err(ImportError::BadDate {
                    place: place(field),
                    value: text.to_string(),
                }),
            }
        };
        let risk = read_risk(cell(Field::Risk)).map_err(|()| ImportError::BadRisk {
            place: place(Field::Risk),
            value: cell(Field::Risk).to_string(),
        })?;
        let mut note = cell(Field::Note).to_string();
        if !cell(Field::Priority).is_empty() {
            let line = l.f("Priority: {0}", &[&cell(Field::Priority)]);
            note = [line, note].join("\n").trim().to_string();
        }
        let owner = Some(cell(Field::Owner).trim())
            .filter(|o| !o.is_empty())
            .map(|o| Owner {
                name: o.to_string(),
                kind: columns.owner_kind,
            });
        source.items.push(Item {
            place: Some(place(Field::Title)),
            status_place: Some(place(Field::Status)),
            key: format!("{origin}{key_text}"),
            title,
            status: Some(cell(Field::Status).to_string()).filter(|s| !s.is_empty()),
            owner,
            due: day(Field::Due)?,
            start: day(Field::Start)?,
            risk,
            note,
            depends: list(cell(Field::Depends))
                .into_iter()
                .map(|d| format!("{origin}{d}"))
                .collect(),
            blocked: Some(cell(Field::Blocked).trim().to_string()).filter(|b| !b.is_empty()),
            ..Item::default()
        });
    }
    Ok(source)
}

/// A cell holding several values: `T-1, T-2`, `1;2`, `设计、开发`.
pub fn list(cell: &str) -> Vec<String> {
    cell.split([',', ';', '，', '；', '、', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chinese_and_english_headers_are_recognised() {
        let found = Columns::find(
            &headers(&[
                "序号",
                "任务名称",
                "负责部门",
                "截止日期（必填）",
                "状态",
                "风险等级",
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(found.at(Field::Key), Some(0));
        assert_eq!(found.at(Field::Title), Some(1));
        assert_eq!(found.at(Field::Owner), Some(2));
        assert_eq!(found.at(Field::Due), Some(3));
        assert_eq!(found.at(Field::Status), Some(4));
        assert_eq!(found.at(Field::Risk), Some(5));
        assert_eq!(found.owner_kind, PartyKind::Department);
        let found = Columns::find(&headers(&["Task Name", "Assignee", "Due Date"]), &[]).unwrap();
        assert_eq!(found.at(Field::Title), Some(0));
        assert_eq!(found.owner_kind, PartyKind::Person);
    }

    #[test]
    fn map_wins_over_a_header_that_means_the_same() {
        let map = [(Field::Title, "工作项".to_string())];
        let found = Columns::find(&headers(&["任务", "工作项"]), &map).unwrap();
        assert_eq!(found.at(Field::Title), Some(1));
        let missing = Columns::find(&headers(&["任务"]), &[(Field::Due, "到期".to_string())]);
        assert!(matches!(missing, Err(ImportError::NoHeader { .. })));
    }

    #[test]
    fn risks_in_both_languages() {
        assert_eq!(read_risk("高"), Ok(Some(Risk::High)));
        assert_eq!(read_risk("中风险"), Ok(Some(Risk::Medium)));
        assert_eq!(read_risk("Low"), Ok(Some(Risk::Low)));
        assert_eq!(read_risk(""), Ok(None));
        assert_eq!(read_risk("severe"), Err(()));
    }
}
