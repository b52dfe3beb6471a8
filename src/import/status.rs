//! Which column a source's status puts a card in: `--status-map` first,
//! then a column of that name or id, then the words tools use for the
//! first, the doing, the review and the last column, in English and
//! Chinese. "Delayed" and "blocked" keep a card where it is (or put a new
//! one in the doing column) and flag it.

use super::error::{ImportError, Place};
use crate::model::{Board, Column};

/// Where a status puts a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// This column (an id of the board, or of a column the import adds).
    Column(String),
    /// Where it is; a new card goes to the doing column. `blocked` when
    /// the status says the work is stuck, not only late.
    Keep { blocked: bool },
}

const FIRST: &[&str] = &[
    "to do",
    "todo",
    "open",
    "backlog",
    "new",
    "not started",
    "pending",
    "waiting",
    "selected for development",
    "planned",
    "未开始",
    "待办",
    "待处理",
    "新建",
    "未处理",
    "计划中",
    "待开始",
    "打开",
];
const DOING: &[&str] = &[
    "in progress",
    "doing",
    "started",
    "active",
    "wip",
    "in development",
    "ongoing",
    "进行中",
    "处理中",
    "开发中",
    "执行中",
    "进行",
    "推进中",
];
const REVIEW: &[&str] = &[
    "in review",
    "review",
    "code review",
    "testing",
    "in testing",
    "qa",
    "verify",
    "评审",
    "评审中",
    "审核中",
    "测试中",
    "待验收",
    "验收中",
];
const LAST: &[&str] = &[
    "done",
    "closed",
    "resolved",
    "complete",
    "completed",
    "finished",
    "已完成",
    "完成",
    "已关闭",
    "关闭",
    "已解决",
    "已结束",
    "已上线",
];
const LATE: &[&str] = &["延期", "已延期", "逾期", "delayed", "overdue", "late"];
const STUCK: &[&str] = &[
    "blocked", "on hold", "stuck", "阻塞", "受阻", "暂停", "挂起", "卡住",
];

fn normal(text: &str) -> String {
    text.trim().to_lowercase().replace(['_', '-'], " ")
}

/// The status rules for one import: the board's columns (and any the
/// import adds, by name) and `--status-map`.
pub struct Statuses<'a> {
    columns: Vec<Column>,
    map: &'a [(String, String)],
    create: bool,
    /// Columns to add for statuses no column answers to (`--create-columns`).
    pub added: Vec<String>,
}

impl<'a> Statuses<'a> {
    /// Checks that every `--status-map` value names a column.
    pub fn new(
        board: &Board,
        map: &'a [(String, String)],
        create: bool,
    ) -> Result<Statuses<'a>, ImportError> {
        let statuses = Statuses {
            columns: board.columns.clone(),
            map,
            create,
            added: Vec::new(),
        };
        for (status, column) in map {
            if statuses.named(column).is_none() {
                return Err(ImportError::NoColumn {
                    arg: format!("{status}={column}"),
                    columns: statuses.names(),
                });
            }
        }
        Ok(statuses)
    }

    /// A column the source itself has (a Trello list): one that answers
    /// to its name is used, else it is added.
    pub fn list(&mut self, name: &str) {
        let create = std::mem::replace(&mut self.create, true);
        // With `create` on, every name finds or makes a column.
        let _ = self.target(name, None);
        self.create = create;
    }

    /// A column's name by id, the import's added columns included.
    pub fn name_of(&self, id: &str) -> String {
        self.columns
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }

    fn names(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        names.join(", ")
    }

    /// The column with this id or name (any case).
    fn named(&self, text: &str) -> Option<String> {
        let text = normal(text);
        self.columns
            .iter()
            .find(|c| normal(&c.id) == text || normal(&c.name) == text)
            .map(|c| c.id.clone())
    }

    /// The column whose id or name is one of `words`.
    fn answering(&self, words: &[&str]) -> Option<String> {
        self.columns
            .iter()
            .find(|c| {
                words
                    .iter()
                    .any(|w| normal(&c.id) == *w || normal(&c.name) == *w)
            })
            .map(|c| c.id.clone())
    }

    /// The column work in progress goes to: one called so, else the
    /// second of three or more, else the first.
    pub fn doing(&self) -> String {
        self.answering(DOING)
            .or_else(|| (self.columns.len() >= 3).then(|| self.columns[1].id.clone()))
            .or_else(|| self.columns.first().map(|c| c.id.clone()))
            .unwrap_or_default()
    }

    fn first(&self) -> String {
        self.columns
            .first()
            .map(|c| c.id.clone())
            .unwrap_or_default()
    }

    fn last(&self) -> String {
        // Columns the import adds go before the last one; the board's own
        // last column stays "finished".
        self.columns
            .iter()
            .rfind(|c| !self.added.contains(&c.name))
            .map(|c| c.id.clone())
            .unwrap_or_default()
    }

    /// Where `status` puts a card; `place` is where it was read.
    pub fn target(&mut self, status: &str, place: Option<&Place>) -> Result<Target, ImportError> {
        let text = normal(status);
        if let Some((_, column)) = self.map.iter().find(|(s, _)| normal(s) == text) {
            return Ok(Target::Column(self.named(column).unwrap_or_default()));
        }
        if let Some(id) = self.named(status) {
            return Ok(Target::Column(id));
        }
        let is = |words: &[&str]| words.contains(&text.as_str());
        if is(FIRST) {
            return Ok(Target::Column(self.first()));
        }
        if is(DOING) {
            return Ok(Target::Column(self.doing()));
        }
        if is(REVIEW) {
            return Ok(Target::Column(
                self.answering(REVIEW).unwrap_or_else(|| self.doing()),
            ));
        }
        if is(LAST) {
            return Ok(Target::Column(self.last()));
        }
        if is(LATE) {
            return Ok(Target::Keep { blocked: false });
        }
        if is(STUCK) {
            return Ok(Target::Keep { blocked: true });
        }
        if self.create {
            let name = status.trim().to_string();
            self.added.push(name.clone());
            let id = Column::fresh_id(&name, &self.columns);
            let at = self.columns.len().saturating_sub(1);
            self.columns.insert(
                at,
                Column {
                    id: id.clone(),
                    name,
                    wip: None,
                },
            );
            return Ok(Target::Column(id));
        }
        Err(ImportError::UnknownStatus {
            place: place.cloned().unwrap_or(Place::Record(String::new())),
            status: status.trim().to_string(),
            columns: self.names(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(status: &str) -> Result<Target, ImportError> {
        let board = Board::new("b", "");
        Statuses::new(&board, &[], false)?.target(status, None)
    }

    fn column(id: &str) -> Result<Target, ImportError> {
        Ok(Target::Column(id.into()))
    }

    #[test]
    fn the_usual_words_in_both_languages() {
        for (status, want) in [
            ("To Do", "todo"),
            ("Backlog", "todo"),
            ("未开始", "todo"),
            ("待办", "todo"),
            ("In Progress", "doing"),
            ("进行中", "doing"),
            ("In Review", "review"),
            ("Done", "done"),
            ("Closed", "done"),
            ("已完成", "done"),
            ("完成", "done"),
            ("doing", "doing"),
            ("Review", "review"),
        ] {
            assert_eq!(target(status), column(want), "{status}");
        }
        assert_eq!(target("延期"), Ok(Target::Keep { blocked: false }));
        assert_eq!(target("阻塞"), Ok(Target::Keep { blocked: true }));
    }

    #[test]
    fn an_unknown_status_names_itself_and_the_columns() {
        let Err(e) = target("Waiting for legal") else {
            panic!("matched");
        };
        let said = e.to_string();
        assert!(said.contains("Waiting for legal"), "{said}");
        assert!(said.contains("To do, Doing, Review, Done"), "{said}");
        assert!(
            said.contains("--status-map \"Waiting for legal=COLUMN\""),
            "{said}"
        );
    }

    #[test]
    fn status_map_and_created_columns() {
        let board = Board::new("b", "");
        let map = vec![("Waiting for legal".to_string(), "Review".to_string())];
        let mut s = Statuses::new(&board, &map, false).unwrap();
        assert_eq!(s.target("waiting for legal", None), column("review"));
        let mut s = Statuses::new(&board, &[], true).unwrap();
        assert_eq!(s.target("Legal", None), column("legal"));
        assert_eq!(s.added, vec!["Legal".to_string()]);
        assert_eq!(s.target("Done", None), column("done"));
        let bad = vec![("x".to_string(), "nowhere".to_string())];
        assert!(Statuses::new(&board, &bad, false).is_err());
    }
}
