//! Loading and saving the board file: the only code that touches it.
//!
//! Saves are atomic (temp file in the same folder, fsync, rename, fsync of
//! the folder), so a crash at any instant leaves the old or the new board.
//! A file that does not parse, or comes from a newer version, is refused and
//! never overwritten. A file changed on disk since we read it is never
//! silently overwritten either.

use std::borrow::Borrow;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::atomic::{Lock, lock, parent, remove_stale_temp_files, stage};
use super::format::{self, FormatError};
use crate::model::{Board, LogEntry, Merged, merge};

/// Why the board file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    // The cause is part of each message, so it is not also a `source`:
    // error chains would print it twice.
    #[error("cannot read board {path}: {cause}")]
    Read { path: PathBuf, cause: io::Error },
    #[error(
        "cannot open board {path}: {cause}. The file was left as it is; `standup restore` lists the versions kept in backups/."
    )]
    Format { path: PathBuf, cause: FormatError },
    #[error(
        "cannot save board {path}: {cause}{}. The file was left as it was.",
        fix(path, cause)
    )]
    Write { path: PathBuf, cause: io::Error },
    #[error(
        "board {path} is read-only: it was not written. To save to it, make it writable (`chmod u+w {path}`)."
    )]
    ReadOnly { path: PathBuf },
    #[error("board {path} was changed by someone else since it was opened; it was not overwritten")]
    ChangedOnDisk { path: PathBuf },
}

/// What to do about a save the file system refused: name the folder that
/// cannot be written and how to change that.
fn fix(path: &Path, cause: &io::Error) -> String {
    if cause.kind() != io::ErrorKind::PermissionDenied {
        return String::new();
    }
    let dir = parent(path);
    format!(
        " (the folder {dir} cannot be written to: make it writable with `chmod u+w {dir}`, \
         or open a board elsewhere with --board PATH)",
        dir = dir.display()
    )
}

/// The file a path names, through any symbolic links: a board linked
/// from elsewhere (the team's real board, say) is written where it lives,
/// not replaced by a file where the link was.
pub fn through_links(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    // As the kernel does, give up on a chain this long: it is a loop.
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => match fs::read_link(&at) {
                Ok(target) if target.is_absolute() => at = target,
                Ok(target) => at = parent(&at).join(target),
                Err(_) => break,
            },
            _ => break,
        }
    }
    at
}

/// Refuses to write over a board its owner made read-only.
fn writable(path: &Path) -> Result<(), StoreError> {
    match fs::metadata(path) {
        Ok(meta) if meta.permissions().readonly() => Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// What the file system says of the file, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_refuses_writing_is_named_with_the_fix() {
        let cause = io::Error::from(io::ErrorKind::PermissionDenied);
        let message = StoreError::Write {
            path: PathBuf::from("/srv/team/board.json"),
            cause,
        }
        .to_string();
        assert!(
            message.contains(
                "the folder /srv/team cannot be written to: make it writable with \
                 `chmod u+w /srv/team`, or open a board elsewhere with --board PATH"
            ),
            "{message}"
        );
        assert!(
            message.ends_with("The file was left as it was."),
            "{message}"
        );
    }
}

/// An open board file.
#[derive(Debug)]
pub struct BoardFile {
    path: PathBuf,
    /// The file's metadata when it last matched `base`: while it is the
    /// same, the idle check need not read the file.
    stamp: Option<Stamp>,
    /// The text last read or written (`None`: there was no file). Comparing
    /// the file with it tells whether another program changed it; it is
    /// the common base when our changes must be merged into that version.
    /// It is the one copy of the file's text the app holds: a save that
    /// finds the file unchanged builds the new text in its memory.
    base: Option<String>,
    /// What went wrong without stopping a save (a version that could not
    /// be kept in backups/), for the caller to say.
    warnings: Vec<String>,
}

/// How a save went.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// The board was written as given.
    Written,
    /// The file had changed on disk: both versions were merged and the
    /// merged board written. The caller should carry on from this board.
    Merged(Box<Merged>),
}

impl BoardFile {
    /// Opens `path`: the board in it, or an empty board if there is no file
    /// yet (the file appears on the first save).
    pub fn open(path: &Path) -> Result<(BoardFile, Board), StoreError> {
        BoardFile::open_with(path, |text| format::from_json(text).map(|b| (b, ())))
            .map(|(file, board, _)| (file, board))
    }

    /// Opens `path` as [`open`](Self::open) does, leaving the board's log to
    /// be read with [`read_log`](Self::read_log) (see
    /// [`format::from_json_without_log`]): the app shows the board first.
    pub fn open_without_log(
        path: &Path,
    ) -> Result<(BoardFile, Board, Option<format::LogText>), StoreError> {
        BoardFile::open_with(path, format::from_json_without_log)
            .map(|(file, board, log)| (file, board, log.flatten()))
    }

    /// Opens `path`, reading the board from the file's text with `read`.
    fn open_with<T>(
        path: &Path,
        read: impl FnOnce(&str) -> Result<(Board, T), FormatError>,
    ) -> Result<(BoardFile, Board, Option<T>), StoreError> {
        let path = &through_links(path);
        let file = |base| BoardFile {
            path: path.to_path_buf(),
            stamp: None,
            base,
            warnings: Vec::new(),
        };
        match fs::read(path) {
            Ok(bytes) => {
                let text = text(path, bytes)?;
                let (board, more) = read(&text).map_err(|e| fail(path, e))?;
                Ok((file(Some(text)), board, Some(more)))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Ok((file(None), Board::default(), None))
            }
            Err(cause) => Err(StoreError::Read {
                path: path.to_path_buf(),
                cause,
            }),
        }
    }

    /// Reads the log [`open_without_log`](Self::open_without_log) left, from
    /// the text it read. Call it before anything changes or saves the board.
    pub fn read_log(&self, log: &format::LogText) -> Result<Vec<LogEntry>, StoreError> {
        let text = self.base.as_deref().unwrap_or_default();
        format::read_log(text, log).map_err(|e| fail(&self.path, e))
    }

    /// The file's path (through any symbolic link to it).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What went wrong in the saves since the last call without stopping
    /// them: each to be told to the user.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Whether a file existed when it was opened or last saved.
    pub fn exists(&self) -> bool {
        self.base.is_some()
    }

    /// Whether the file on disk differs from what we last read or wrote.
    /// Cheap when nothing happened: the file is read only when its size,
    /// modification time or inode moved since it last matched.
    pub fn changed_on_disk(&mut self) -> Result<bool, StoreError> {
        let stamp = Stamp::of(&self.path);
        if stamp.is_some() && stamp == self.stamp {
            return Ok(false);
        }
        let unchanged = self.unchanged_on_disk()?;
        if unchanged {
            // Taken before the read: a write after it moves the stamp again.
            self.stamp = stamp;
        }
        Ok(!unchanged)
    }

    /// Reads the board on disk now, e.g. after another program changed it.
    pub fn reload(&mut self) -> Result<Board, StoreError> {
        let (file, board) = BoardFile::open(&self.path)?;
        self.stamp = None;
        self.base = file.base;
        Ok(board)
    }

    /// Whether the file on disk is what we last read or wrote.
    fn unchanged_on_disk(&self) -> Result<bool, StoreError> {
        holds(&self.path, self.base.as_deref()).map_err(|cause| StoreError::Read {
            path: self.path.clone(),
            cause,
        })
    }

    /// Saves the board atomically, refusing to overwrite a file that changed
    /// on disk since it was read.
    pub fn save(&mut self, board: &Board) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        if !self.unchanged_on_disk()? {
            return Err(StoreError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        self.write_over_base(board)
    }

    /// Saves the board atomically; when the file changed on disk since it
    /// was read, merges our board into the version on disk instead of
    /// overwriting it (see [`crate::model::merge`]). A version on disk that
    /// cannot be read is never overwritten.
    pub fn save_merging(&mut self, board: &Board) -> Result<Saved, StoreError> {
        self.save_letting_go(board).0
    }

    /// Saves as [`save_merging`](Self::save_merging) does a board the app
    /// shares with this save, letting go of it as soon as its text is
    /// built: the app can then change it again without copying it. Only a
    /// merge gives it back, for the app to carry its later changes over.
    pub fn save_shared<B: Borrow<Board>>(
        &mut self,
        board: B,
    ) -> (Result<Saved, StoreError>, Option<B>) {
        self.save_letting_go(board)
    }

    /// Saves `board`, dropped once its text is built unless a merge needs
    /// it, and then handed back.
    fn save_letting_go<B: Borrow<Board>>(
        &mut self,
        board: B,
    ) -> (Result<Saved, StoreError>, Option<B>) {
        // Another process must not write between our read and our rename.
        let _lock = match self.lock() {
            Ok(lock) => lock,
            Err(e) => return (Err(e), None),
        };
        match self.unchanged_on_disk() {
            Ok(true) => (self.write_over_base(board).map(|()| Saved::Written), None),
            Ok(false) => {
                let result = self.merge_into_disk(board.borrow());
                let back = matches!(result, Ok(Saved::Merged(_))).then_some(board);
                (result, back)
            }
            Err(e) => (Err(e), None),
        }
    }

    /// Holds the board's lock file until dropped (see [`lock`]).
    fn lock(&self) -> Result<Lock, StoreError> {
        lock(&self.path).map_err(|cause| StoreError::Write {
            path: self.path.clone(),
            cause,
        })
    }

    /// Writes `board` over a file that holds base, as just checked under
    /// the lock. Its text is built in base's memory, so a save holds one
    /// copy of a large board's text, not two; `board` is dropped as soon as
    /// the text is built. If the write fails, the file still holds what
    /// base held (the rename is the last step), and base is read back from
    /// it, unless something else touched the file meanwhile: then base is
    /// unknown, and the next save merges without one, which keeps both
    /// sides.
    fn write_over_base<B: Borrow<Board>>(&mut self, board: B) -> Result<(), StoreError> {
        let checked = Stamp::of(&self.path);
        let mut text = self.base.take().map(String::into_bytes).unwrap_or_default();
        format::write_json(board.borrow(), &mut text);
        drop(board);
        let written = self.write_text(text);
        if written.is_err() {
            self.base = fs::read(&self.path)
                .ok()
                .filter(|_| Stamp::of(&self.path) == checked)
                .and_then(|bytes| String::from_utf8(bytes).ok());
        }
        written
    }

    /// The file changed on disk: merges `board` into its version and
    /// writes the merge, or writes `board` if the file is gone.
    fn merge_into_disk(&mut self, board: &Board) -> Result<Saved, StoreError> {
        let theirs = match fs::read(&self.path) {
            Ok(bytes) => parse(&self.path, &bytes)?,
            // Removed: there is nothing to merge with, ours stands.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.write_board(board)?;
                return Ok(Saved::Written);
            }
            Err(cause) => {
                return Err(StoreError::Read {
                    path: self.path.clone(),
                    cause,
                });
            }
        };
        let base = self
            .base
            .as_deref()
            .and_then(|text| format::from_json(text).ok())
            .unwrap_or_default();
        let merged = merge(&base, board, &theirs);
        self.write_board(&merged.board)?;
        Ok(Saved::Merged(Box::new(merged)))
    }

    /// Writes `board` atomically in fresh memory, leaving base as it was if
    /// that fails.
    fn write_board(&mut self, board: &Board) -> Result<(), StoreError> {
        let mut text = Vec::new();
        format::write_json(board, &mut text);
        self.write_text(text)
    }

    /// Writes `text` atomically to the file, which base then holds. On
    /// failure base is left as it was.
    fn write_text(&mut self, text: Vec<u8>) -> Result<(), StoreError> {
        writable(&self.path)?;
        let path = self.path.clone();
        let fail = |cause| StoreError::Write { path, cause };
        // Written and synced beside the board first; the version it replaces
        // goes to the backups only then, just before the rename. A version
        // that cannot be kept is said, but does not cost the save.
        let staged = stage(&self.path, &text).map_err(fail)?;
        if let Err(e) = super::backups::keep(&self.path) {
            self.warnings.push(format!(
                "the previous version was not kept in {}: {e}",
                super::backups::folder(&self.path).display()
            ));
        }
        let path = self.path.clone();
        staged
            .commit()
            .map_err(|cause| StoreError::Write { path, cause })?;
        remove_stale_temp_files(&self.path);
        self.stamp = None;
        // Board text is UTF-8 only.
        self.base = Some(String::from_utf8(text).map_err(|e| StoreError::Write {
            path: self.path.clone(),
            cause: io::Error::other(e),
        })?);
        Ok(())
    }
}

/// Whether the file at `path` holds exactly `text` (`None`: no file), read
/// a piece at a time: the check needs no second copy of a large board.
fn holds(path: &Path, text: Option<&str>) -> io::Result<bool> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(text.is_none()),
        Err(e) => return Err(e),
    };
    let Some(text) = text else {
        return Ok(false);
    };
    let mut rest = text.as_bytes();
    let mut piece = vec![0; 64 * 1024];
    loop {
        let n = match file.read(&mut piece) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(rest.is_empty());
        }
        match rest.split_at_checked(n) {
            Some((same, after)) if same == &piece[..n] => rest = after,
            _ => return Ok(false),
        }
    }
}

fn parse(path: &Path, bytes: &[u8]) -> Result<Board, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(path, bytes, &e))?;
    format::from_json(text).map_err(|e| fail(path, e))
}

/// The file's bytes as text, checked once and moved, not copied.
fn text(path: &Path, bytes: Vec<u8>) -> Result<String, StoreError> {
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e.as_bytes(), &e.utf8_error()))
}

/// Where the file's bytes stop being UTF-8.
fn not_utf8(path: &Path, bytes: &[u8], e: &std::str::Utf8Error) -> StoreError {
    let before = &bytes[..e.valid_up_to()];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    fail(
        path,
        FormatError::Syntax {
            line,
            column,
            message: "the file is not UTF-8 text".to_string(),
        },
    )
}

fn fail(path: &Path, cause: FormatError) -> StoreError {
    StoreError::Format {
        path: path.to_path_buf(),
        cause,
    }
}
