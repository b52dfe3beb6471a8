//! Where boards live: `<data dir>/standup/board.json` by default,
//! `<data dir>/standup/boards/NAME.json` for a named board, or any path.

use crate::i18n::Lang;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The data directory could not be determined (no home directory).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot find the user data directory (is HOME set?): pass --board PATH or set STANDUP_BOARD"
)]
pub struct NoDataDir;

/// `$XDG_DATA_HOME/standup` on Linux (or `~/.local/share/standup`).
pub fn data_dir() -> Result<PathBuf, NoDataDir> {
    ProjectDirs::from("", "", "standup")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(NoDataDir)
}

/// The board file to open. `choice` is `--board` (or `STANDUP_BOARD`): a
/// path when it holds a `/` or ends in `.json`, otherwise the name of a board
/// under `boards/`. `None` is the default board.
pub fn board_path(choice: Option<&str>) -> Result<PathBuf, NoDataDir> {
    match choice.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(data_dir()?.join("board.json")),
        Some(c) if is_path(c) => Ok(PathBuf::from(c)),
        Some(name) => Ok(data_dir()?.join("boards").join(format!("{name}.json"))),
    }
}

/// Whether `name` can name a board under `boards/` (what the TUI's picker
/// creates): not empty, not a path, no control characters, not hidden.
/// Says what is wrong otherwise.
pub fn check_board_name(name: &str, l: Lang) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(l.t("give the board a name (Esc cancels)").into());
    }
    if is_path(name) || name.contains('\\') {
        return Err(l.f(
            "`{0}` looks like a path: a board's name has no `/`, `\\` or `.json`",
            &[&name],
        ));
    }
    if name.starts_with('.') {
        return Err(l.t("a board's name cannot start with `.`").into());
    }
    if name.chars().any(char::is_control) {
        return Err(l.t("a board's name cannot hold control characters").into());
    }
    if name.chars().count() > 64 {
        return Err(l.t("a board's name is 64 characters at most").into());
    }
    Ok(())
}

fn is_path(choice: &str) -> bool {
    choice.contains(std::path::MAIN_SEPARATOR)
        || choice.contains('/')
        || choice.ends_with(".json")
        || Path::new(choice).is_absolute()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        assert!(is_path("./board.json"));
        assert!(is_path("team/board"));
        assert!(is_path("board.json"));
        assert!(!is_path("campaign"));
        assert!(check_board_name("双十二 campaign", Lang::En).is_ok());
        for bad in [
            "",
            "  ",
            "a/b",
            "x.json",
            ".hidden",
            "tab\there",
            "back\\slash",
        ] {
            assert!(check_board_name(bad, Lang::En).is_err(), "{bad:?}");
        }
        let named = board_path(Some("campaign"));
        if let Ok(p) = named {
            assert!(
                p.ends_with("standup/boards/campaign.json"),
                "{}",
                p.display()
            );
        }
    }
}
