//! Where a board that cannot be saved is kept, so that no change is lost:
//! beside the board when its folder can be written, else in the state
//! directory, the home directory, or the temp directory, the first that
//! takes it. Away from the board the file goes under a folder named for
//! the board's path, so that `standup restore --rescued` finds the rescues
//! of one board wherever they went.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::model::Timestamp;

/// One rescued version of a board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rescued {
    pub path: PathBuf,
    pub modified: Option<std::time::SystemTime>,
}

/// Writes `bytes` (owner-only) to the first place that takes it, named for
/// `now`; returns where. Fails only when no place could be written.
pub fn write(board: &Path, now: Timestamp, bytes: &[u8]) -> io::Result<PathBuf> {
    let name = format!(
        "{}.rescue-{}.json",
        file_name(board),
        now.format("%Y%m%d-%H%M%S")
    );
    let mut failures = Vec::new();
    for dir in places(board) {
        let target = dir.join(&name);
        match super::atomic::write_atomic(&target, bytes) {
            Ok(()) => return Ok(target),
            Err(e) => failures.push(format!("{}: {e}", dir.display())),
        }
    }
    Err(io::Error::other(format!(
        "no place could take a rescue copy ({})",
        failures.join("; ")
    )))
}

/// The rescued versions of `board`, newest first.
pub fn list(board: &Path) -> Vec<Rescued> {
    let prefix = format!("{}.rescue-", file_name(board));
    let mut found: Vec<Rescued> = places(board)
        .iter()
        .filter_map(|dir| fs::read_dir(dir).ok())
        .flat_map(|entries| entries.flatten())
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".json")
        })
        .map(|entry| Rescued {
            modified: entry.metadata().ok().and_then(|m| m.modified().ok()),
            path: entry.path(),
        })
        .collect();
    // The name holds the moment: newest last in name order.
    found.sort_by(|a, b| {
        let stamp = |r: &Rescued| r.path.file_name().map(|n| n.to_os_string());
        stamp(b).cmp(&stamp(a)).then(b.path.cmp(&a.path))
    });
    found.dedup_by(|a, b| a.path == b.path);
    found
}

/// Where a rescue of `board` may go, in the order tried.
fn places(board: &Path) -> Vec<PathBuf> {
    let beside = board
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let away = Path::new("standup-rescued").join(key(board));
    let mut places = vec![beside];
    if let Some(state) =
        ProjectDirs::from("", "", "standup").and_then(|d| d.state_dir().map(Path::to_path_buf))
    {
        places.push(state.join("rescued").join(key(board)));
    }
    if let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()) {
        places.push(home.join(&away));
    }
    places.push(std::env::temp_dir().join(&away));
    places
}

/// A folder name for the board's path: `home%lin%team%board.json`.
fn key(board: &Path) -> String {
    let full = std::path::absolute(board).unwrap_or_else(|_| board.to_path_buf());
    full.to_string_lossy()
        .trim_start_matches(['/', '\\'])
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' => '%',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

fn file_name(board: &Path) -> String {
    board
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "board.json".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rescue_goes_elsewhere_when_the_boards_folder_cannot_take_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A folder that is a file: nothing can be written in it, even by
        // root.
        let blocked = dir.path().join("not-a-folder");
        fs::write(&blocked, "x").expect("file");
        let board = blocked.join("board.json");
        let now =
            chrono::DateTime::parse_from_rfc3339("2026-12-07T10:00:00+08:00").expect("a moment");
        let at = write(&board, now, b"{}").expect("kept somewhere");
        assert!(!at.starts_with(&blocked), "{}", at.display());
        assert_eq!(fs::read(&at).expect("readable"), b"{}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&at).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(
            list(&board).first().map(|r| r.path.clone()),
            Some(at.clone())
        );
        fs::remove_file(&at).expect("cleaned up");
    }
}
