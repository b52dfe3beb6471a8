//! Bringing the team's work in from where it lives today: spreadsheets
//! (CSV, TSV, xlsx; UTF-8 or GBK), Jira's CSV export, Trello's JSON export
//! and taskwarrior's `task export`. A file is read into a [`Source`]
//! (cards with their keys), then planned against the board into one
//! [`Import`](crate::model::action::Import) action: a second import of a
//! newer export updates the cards the first one added.

mod day;
mod error;
mod fields;
mod jira;
mod plan;
mod report;
mod source;
mod status;
mod table;
mod taskwarrior;
mod trello;

pub use error::{ImportError, Place};
pub use fields::{Field, field_named};
pub use plan::{Change, Line, Plan, Rules, plan, short_key};
pub use report::{described, summary};
pub use source::{Skipped, Source, Why};
pub use table::Encoding;

use chrono::FixedOffset;

use crate::i18n::Lang;

/// The largest export we read: far above any team's, far below what would
/// take long to refuse.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The formats `--format` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Told by the content: a zip is xlsx, JSON is Trello's or
    /// taskwarrior's, a table with Issue key and Summary is Jira's.
    #[default]
    Auto,
    Csv,
    Tsv,
    Xlsx,
    Jira,
    Trello,
    Taskwarrior,
}

/// How to read the file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub format: Format,
    /// `--map title=任务名`: the header that holds a field.
    pub map: Vec<(Field, String)>,
    pub encoding: Option<Encoding>,
    /// The xlsx sheet to read (the first when `None`).
    pub sheet: Option<String>,
}

/// Reads `--map FIELD=HEADER` pairs.
pub fn read_map(args: &[String]) -> Result<Vec<(Field, String)>, ImportError> {
    args.iter()
        .map(|arg| {
            let (name, header) = pair("--map", arg)?;
            let field = field_named(&name).ok_or_else(|| ImportError::NoField {
                name: name.clone(),
                fields: fields::field_names(),
            })?;
            Ok((field, header))
        })
        .collect()
}

/// Reads `--status-map STATUS=COLUMN` pairs.
pub fn read_status_map(args: &[String]) -> Result<Vec<(String, String)>, ImportError> {
    args.iter().map(|arg| pair("--status-map", arg)).collect()
}

fn pair(option: &'static str, arg: &str) -> Result<(String, String), ImportError> {
    match arg.split_once('=') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(ImportError::BadPair {
            option,
            arg: arg.to_string(),
        }),
    }
}

/// Reads the export `bytes` of a file called `name` (for the cards'
/// keys); `offset` is the board's, for moments given in UTC.
pub fn read(
    bytes: &[u8],
    name: &str,
    options: &Options,
    offset: FixedOffset,
    l: Lang,
) -> Result<Source, ImportError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ImportError::TooBig {
            size: bytes.len() as u64,
            limit: MAX_BYTES,
        });
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let format = match options.format {
        Format::Auto if zip => Format::Xlsx,
        format => format,
    };
    if format == Format::Xlsx {
        if !zip {
            return Err(ImportError::NotFormat {
                format: "xlsx",
                why: "it is not a zip archive, as every xlsx workbook is".into(),
            });
        }
        let table = table::xlsx(bytes, options.sheet.as_deref())?;
        return fields::read_sheet(&table, &options.map, name, "xlsx", offset, l);
    }
    if zip {
        return Err(ImportError::Binary);
    }
    let text = table::decode(bytes, options.encoding)?;
    let json = text.trim_start().starts_with(['[', '{']);
    let format = match format {
        Format::Auto if json => {
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| ImportError::NotFormat {
                    format: "JSON",
                    why: e.to_string(),
                })?;
            if trello::is_trello(&value) {
                Format::Trello
            } else if taskwarrior::is_taskwarrior(&value) {
                Format::Taskwarrior
            } else {
                return Err(ImportError::NotFormat {
                    format: "Trello or taskwarrior",
                    why: "the JSON has neither Trello's lists and cards nor taskwarrior's uuids"
                        .into(),
                });
            }
        }
        format => format,
    };
    match format {
        Format::Trello => trello::read(&text, offset, l),
        Format::Taskwarrior => taskwarrior::read(&text, offset, l),
        _ => {
            let separator = match format {
                Format::Tsv => b'\t',
                Format::Csv | Format::Jira => b',',
                _ => table::separator(&text),
            };
            let table = table::delimited(&text, separator)?;
            if format == Format::Jira || (format == Format::Auto && jira::is_jira(&table.headers)) {
                jira::read(&table, offset, l)
            } else {
                fields::read_sheet(&table, &options.map, name, "csv", offset, l)
            }
        }
    }
}
