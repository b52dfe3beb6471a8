//! Where a standup's minutes are written: `minutes/` beside the board, one
//! Markdown file per standup, named by its date.

use std::io;
use std::path::{Path, PathBuf};

use crate::model::{Board, Timestamp};

/// The default board's file stem; other boards' minutes carry their name,
/// so that boards sharing a folder do not overwrite each other's.
const DEFAULT_STEM: &str = "board";

/// The minutes file of the standup at position `i` of `board.standups`:
/// `minutes/2026-11-23.md`, then `2026-11-23-2.md` for a second standup
/// that day; `minutes/NAME-2026-11-23.md` for a board file `NAME.json`.
pub fn path(board_file: &Path, board: &Board, i: usize) -> PathBuf {
    let folder = board_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("minutes"), |p| p.join("minutes"));
    let date = board.standups.get(i).map(|s| s.date);
    let nth = date.map_or(1, |d| {
        board.standups[..=i].iter().filter(|s| s.date == d).count()
    });
    let stem = board_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = match date {
        Some(d) => d.to_string(),
        None => "standup".to_string(),
    };
    if nth > 1 {
        name.push_str(&format!("-{nth}"));
    }
    if !stem.is_empty() && stem != DEFAULT_STEM {
        name = format!("{stem}-{name}");
    }
    folder.join(format!("{name}.md"))
}

/// Writes the minutes of the standup at `i` (atomically, owner-only), as
/// they read at `now`; returns where, and how many minutes it ran.
pub fn write(
    board_file: &Path,
    board: &Board,
    i: usize,
    now: Timestamp,
    locale: &crate::i18n::Locale,
) -> io::Result<(PathBuf, i64)> {
    let minutes = crate::report::of_standup(board, i, now, locale.lang)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
    let text = crate::report::markdown::render(&minutes, locale);
    let target = path(board_file, board, i);
    super::atomic::write_atomic(&target, text.as_bytes())?;
    Ok((target, minutes.standup.map_or(0, |m| m.minutes)))
}
