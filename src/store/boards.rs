//! The boards in the data directory, for `standup boards` and the TUI's
//! board picker: the default board, then the named ones under `boards/`,
//! each with what needs attention on it today (PRODUCT.md section 2).

use std::path::{Path, PathBuf};

use super::file::BoardFile;
use crate::model::Timestamp;
use crate::model::status::Alerts;

/// One board file and how it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardEntry {
    /// The name `--board` takes; `None` for the default board.
    pub name: Option<String>,
    pub path: PathBuf,
    /// The board's summary, or why it could not be read.
    pub state: Result<Summary, String>,
}

/// What the list shows of a board that opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The board's own name (its header).
    pub title: String,
    pub tasks: usize,
    pub alerts: Alerts,
}

impl BoardEntry {
    /// How the user names it: `campaign`, or `(default)`.
    pub fn label(&self) -> String {
        self.name.clone().unwrap_or_else(|| "(default)".into())
    }
}

/// The default board (when it exists) and every `boards/*.json`, by name.
/// Each is read in full: this is a list a person asked for, not a hot path.
pub fn list(data_dir: &Path, now: Timestamp) -> Vec<BoardEntry> {
    let mut out = Vec::new();
    let default = data_dir.join("board.json");
    if default.is_file() {
        out.push(entry(None, default, now));
    }
    let mut named: Vec<(String, PathBuf)> = std::fs::read_dir(data_dir.join("boards"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".json")?
                .to_string();
            // Temp files of saves under way and hidden files are not boards.
            (!name.starts_with('.') && path.is_file()).then_some((name, path))
        })
        .collect();
    named.sort();
    for (name, path) in named {
        out.push(entry(Some(name), path, now));
    }
    out
}

fn entry(name: Option<String>, path: PathBuf, now: Timestamp) -> BoardEntry {
    let state = BoardFile::open(&path)
        .map(|(_, board)| Summary {
            title: board.name.clone(),
            tasks: board.tasks.len(),
            alerts: board.alerts(now),
        })
        .map_err(|e| match e {
            // The list names the board already; the cause is what is new.
            super::StoreError::Format { cause, .. } => cause.to_string(),
            other => other.to_string(),
        });
    BoardEntry { name, path, state }
}
