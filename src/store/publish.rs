//! The board's web page kept where people without a terminal look: with
//! `[publish] dir` set, every save also writes `<dir>/<board name>.html`,
//! atomically, after the board. A page that cannot be written is said,
//! never a reason to fail the save.

use std::io;
use std::path::{Path, PathBuf};

use chrono::Weekday;

use crate::i18n::Locale;
use crate::model::{Board, Timestamp};

/// Where and how a board's page is published.
#[derive(Debug, Clone)]
pub struct Publish {
    pub dir: PathBuf,
    pub locale: Locale,
    pub first_day: Weekday,
}

impl Publish {
    /// The page's file: the board's name, or its file's name, `.html`.
    pub fn target(&self, board: &Board, board_file: &Path) -> PathBuf {
        let stem = board_file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "board".into());
        let name: String = board
            .name
            .chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
                c if c.is_control() => '-',
                c => c,
            })
            .collect();
        let name = name.trim().trim_matches('.');
        let name = if name.is_empty() { stem.as_str() } else { name };
        self.dir.join(format!("{name}.html"))
    }

    /// The page of `board` at `now`, built (the costly part, done while
    /// the board is at hand).
    pub fn page(&self, board: &Board, now: Timestamp) -> String {
        crate::report::html::page(board, now, &self.locale, self.first_day)
    }

    /// Builds and writes the page of `board`, saved at `board_file`:
    /// where it went, or why not, in words for the user.
    pub fn publish(
        &self,
        board: &Board,
        board_file: &Path,
        now: Timestamp,
    ) -> Result<PathBuf, String> {
        let target = self.target(board, board_file);
        self.write(&target, &self.page(board, now))
            .map(|()| target.clone())
            .map_err(|e| self.failed(&target, &e))
    }

    /// Why the page at `target` was not published, in the user's words.
    pub fn failed(&self, target: &Path, e: &io::Error) -> String {
        let why = format!("{}: {e}", target.display());
        self.locale
            .f("the web page was not published ({0})", &[&why])
    }

    /// Writes a built page to `target` (see [`Publish::target`]). The page
    /// is for others to read: unlike the board, it is not kept private.
    pub fn write(&self, target: &Path, page: &str) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        super::atomic::write_atomic(target, page.as_bytes())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(target, std::fs::Permissions::from_mode(0o644))?;
        }
        Ok(())
    }
}
