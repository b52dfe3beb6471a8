//! Why a file cannot be imported: said with the place in the file (line or
//! row, and column) so that the lead can open it and fix that cell.

use crate::i18n::Lang;

/// Where in the source a value was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A line of a CSV or TSV file (1 is the header) and a column's header.
    Line { line: usize, column: String },
    /// A row of a sheet (1 is the header), its column letter and header.
    Cell {
        row: usize,
        letter: String,
        column: String,
    },
    /// A record of a JSON export, by what the tool calls it (`card “…”`).
    Record(String),
}

impl Place {
    /// The place in `l`: `line 5, column 截止日期`.
    pub fn localized(&self, l: Lang) -> String {
        match self {
            Place::Line { line, column } => l.f("line {0}, column {1}", &[line, column]),
            Place::Cell {
                row,
                letter,
                column,
            } => l.f("row {0}, column {1} ({2})", &[row, letter, column]),
            Place::Record(what) => what.clone(),
        }
    }

    /// The line or row this place is on, for sorting what is reported.
    pub fn line(&self) -> usize {
        match self {
            Place::Line { line, .. } => *line,
            Place::Cell { row, .. } => *row,
            Place::Record(_) => 0,
        }
    }
}

/// Why a file cannot be imported; nothing of it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Bigger than any export a team keeps (in bytes, and the limit).
    TooBig { size: u64, limit: u64 },
    /// Not text, nor a spreadsheet: a picture, an archive, a program.
    Binary,
    /// Text in an encoding we do not read.
    Encoding,
    /// The named encoding is not one we know.
    UnknownEncoding(String),
    /// The file holds no header row, or no rows at all.
    Empty,
    /// The file is not what `--format` said, or what it looks like.
    NotFormat { format: &'static str, why: String },
    /// No column holds the cards' titles (headers as found).
    NoTitle { headers: String },
    /// `--map` or `--status-map` is not `NAME=VALUE`.
    BadPair { option: &'static str, arg: String },
    /// `--map` names a field we do not import (the fields we do).
    NoField { name: String, fields: String },
    /// `--map` names a header the file lacks (the headers it has).
    NoHeader { header: String, headers: String },
    /// `--status-map` names a column the board lacks (its columns).
    NoColumn { arg: String, columns: String },
    /// A value that should be a date is not.
    BadDate { place: Place, value: String },
    /// A risk that is not low, medium or high.
    BadRisk { place: Place, value: String },
    /// A status no column answers to.
    UnknownStatus {
        place: Place,
        status: String,
        columns: String,
    },
    /// The xlsx file has no such sheet (the sheets it has).
    NoSheet { name: String, sheets: String },
}

impl ImportError {
    /// The message in `l`.
    pub fn localized(&self, l: Lang) -> String {
        match self {
            ImportError::TooBig { size, limit } => l.f(
                "the file is {0} MB; an export to import is at most {1} MB",
                &[&(size / 1_000_000), &(limit / 1_000_000)],
            ),
            ImportError::Binary => l
                .t("the file is not text, nor an xlsx workbook: nothing to import")
                .into(),
            ImportError::Encoding => l
                .t("the file is neither UTF-8 nor GBK/GB18030 text (try --encoding)")
                .into(),
            ImportError::UnknownEncoding(name) => l.f(
                "unknown encoding `{0}` (use utf-8, gbk or gb18030)",
                &[name],
            ),
            ImportError::Empty => l.t("the file has no rows to import").into(),
            ImportError::NotFormat { format, why } => {
                l.f("the file is not a {0} export: {1}", &[format, why])
            }
            ImportError::NoTitle { headers } => l.f(
                "no column holds the titles (headers: {0}); name it with --map title=HEADER",
                &[headers],
            ),
            ImportError::BadPair { option, arg } => {
                l.f("{0} `{1}`: write it as NAME=VALUE", &[option, arg])
            }
            ImportError::NoField { name, fields } => l.f(
                "--map: `{0}` is not a field to import (fields: {1})",
                &[name, fields],
            ),
            ImportError::NoHeader { header, headers } => l.f(
                "--map: no column is headed “{0}” (headers: {1})",
                &[header, headers],
            ),
            ImportError::NoColumn { arg, columns } => l.f(
                "--status-map `{0}`: the board has no such column (columns: {1})",
                &[arg, columns],
            ),
            ImportError::BadDate { place, value } => l.f(
                "{0}: “{1}” is not a date (2026-12-10, 2026/12/10 or 2026年12月10日)",
                &[&place.localized(l), value],
            ),
            ImportError::BadRisk { place, value } => l.f(
                "{0}: “{1}” is not a risk (low, medium, high; 低, 中, 高)",
                &[&place.localized(l), value],
            ),
            ImportError::UnknownStatus {
                place,
                status,
                columns,
            } => l.f(
                "{0}: status “{1}” matches no column ({2}); add --status-map \"{1}=COLUMN\" or --create-columns",
                &[&place.localized(l), status, columns],
            ),
            ImportError::NoSheet { name, sheets } => {
                l.f("the workbook has no sheet “{0}” (sheets: {1})", &[name, sheets])
            }
        }
    }
}

crate::i18n::english_display!(ImportError);

impl std::error::Error for ImportError {}
