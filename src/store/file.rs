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

use super::atomic::{Lock, lock, parent, remove_stale_temp_files, stage_with};
use super::format::{self, FormatError};
use super::known::{Known, Writing};
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
        Stamp::of_meta(&fs::metadata(path).ok()?)
    }

    fn of_meta(meta: &fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
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
    /// What the file held when last read or written (`None`: there was no
    /// file, or it is not known). The file on disk is compared with it to
    /// tell whether another program changed it; it is the common base when
    /// our changes must be merged into that version.
    base: Option<Known>,
    /// The text of a board opened without its log, until the log is read:
    /// the one time the app holds the file's text.
    unread: Option<Unread>,
    /// What went wrong without stopping a save (a version that could not
    /// be kept in backups/), for the caller to say.
    warnings: Vec<String>,
}

/// The text of a board as read, the file it was read from, and when that
/// was last modified before it was read.
#[derive(Debug)]
struct Unread {
    text: String,
    held: File,
    modified: Option<std::time::SystemTime>,
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
        let (mut file, read) = BoardFile::read(path)?;
        let Some(read) = read else {
            return Ok((file, Board::default()));
        };
        let board = format::from_json(&read.text).map_err(|e| fail(&file.path, e))?;
        file.unread = Some(read);
        file.settle();
        Ok((file, board))
    }

    /// Opens `path` as [`open`](Self::open) does, leaving the board's log to
    /// be read with [`read_log`](Self::read_log) (see
    /// [`format::from_json_without_log`]): the app shows the board first.
    pub fn open_without_log(
        path: &Path,
    ) -> Result<(BoardFile, Board, Option<format::LogText>), StoreError> {
        let (mut file, read) = BoardFile::read(path)?;
        let Some(read) = read else {
            return Ok((file, Board::default(), None));
        };
        let (board, log) =
            format::from_json_without_log(&read.text).map_err(|e| fail(&file.path, e))?;
        file.unread = Some(read);
        if log.is_none() {
            file.settle();
        }
        Ok((file, board, log))
    }

    /// The board file at `path`, with its text and the file it was read
    /// from, still open (`None`: there is no file yet).
    fn read(path: &Path) -> Result<(BoardFile, Option<Unread>), StoreError> {
        let path = through_links(path);
        let read = |cause| StoreError::Read {
            path: path.clone(),
            cause,
        };
        let text = match File::open(&path) {
            Ok(mut held) => {
                // Taken before the read: a write during it moves it on.
                let meta = held.metadata().map_err(read)?;
                let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
                held.read_to_end(&mut bytes).map_err(read)?;
                Some(Unread {
                    text: text(&path, bytes)?,
                    held,
                    modified: meta.modified().ok(),
                })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(cause) => return Err(read(cause)),
        };
        let file = BoardFile {
            path,
            stamp: None,
            base: None,
            unread: None,
            warnings: Vec::new(),
        };
        Ok((file, text))
    }

    /// Reads the log [`open_without_log`](Self::open_without_log) left. It
    /// lets go of the file's text first and reads the log's part again
    /// from the file it holds open: the text of a large board and its
    /// log's entries are never in memory together. Call it before anything
    /// changes or saves the board.
    pub fn read_log(&mut self, log: &format::LogText) -> Result<Vec<LogEntry>, StoreError> {
        let read = |path: &Path, cause| StoreError::Read {
            path: path.to_path_buf(),
            cause,
        };
        let Some(place) = self.unread.as_ref().map(|u| log.place_in(&u.text)) else {
            return Err(read(
                &self.path,
                io::Error::other("its log was read already"),
            ));
        };
        self.settle();
        let part = match &self.base {
            Some(known) => known.read_again(log.range()),
            None => Err(io::Error::other("its text is gone")),
        }
        .map_err(|cause| read(&self.path, cause))?;
        // The whole file was checked to be UTF-8 when it was opened.
        let part = String::from_utf8(part).map_err(|e| {
            fail(
                &self.path,
                FormatError::Invalid(vec![format!("the log is not UTF-8 text: {e}")]),
            )
        })?;
        format::read_log_part(&part, place).map_err(|e| fail(&self.path, e))
    }

    /// Lets go of the text of a board opened without its log, knowing it
    /// by its digest from then on.
    fn settle(&mut self) {
        if let Some(Unread {
            text,
            held,
            modified,
        }) = self.unread.take()
        {
            self.base = Some(Known::read_at(text.as_bytes(), held, modified));
        }
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
        self.base.is_some() || self.unread.is_some()
    }

    /// Whether the file on disk differs from what we last read or wrote.
    /// Cheap when nothing happened: the file is read only when its size,
    /// modification time or inode moved since it last matched.
    pub fn changed_on_disk(&mut self) -> Result<bool, StoreError> {
        self.settle();
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
        self.unread = None;
        Ok(board)
    }

    /// Whether the file on disk is what we last read or wrote.
    fn unchanged_on_disk(&mut self) -> Result<bool, StoreError> {
        self.settle();
        Known::on_disk(self.base.as_ref(), &self.path).map_err(|cause| StoreError::Read {
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
    /// the lock, dropping `board` as soon as its text is written. If the
    /// write fails, the file still holds what base held (the rename is the
    /// last step), and base stays as it was.
    fn write_over_base<B: Borrow<Board>>(&mut self, board: B) -> Result<(), StoreError> {
        self.write_text(|out| {
            let written = format::write_json_to(board.borrow(), out);
            drop(board);
            written
        })
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
            .as_ref()
            .and_then(Known::text)
            .and_then(|text| format::from_json(&text).ok())
            .unwrap_or_default();
        let merged = merge(&base, board, &theirs);
        self.write_board(&merged.board)?;
        Ok(Saved::Merged(Box::new(merged)))
    }

    /// Writes `board` atomically, leaving base as it was if that fails.
    fn write_board(&mut self, board: &Board) -> Result<(), StoreError> {
        self.write_text(|out| format::write_json_to(board, out))
    }

    /// Has `write` write the board's text, atomically, to the file, which
    /// base then holds. On failure base is left as it was.
    fn write_text(
        &mut self,
        write: impl FnOnce(&mut Writing) -> io::Result<()>,
    ) -> Result<(), StoreError> {
        writable(&self.path)?;
        let path = self.path.clone();
        let fail = |cause| StoreError::Write { path, cause };
        // Written and synced beside the board first; the version it replaces
        // goes to the backups only then, just before the rename. A version
        // that cannot be kept is said, but does not cost the save.
        let (staged, known) = stage_with(&self.path, |file| {
            let mut out = Writing::to(file);
            write(&mut out)?;
            Ok(out.known())
        })
        .map_err(fail)?;
        if let Err(e) = super::backups::keep(&self.path) {
            self.warnings.push(format!(
                "the previous version was not kept in {}: {e}",
                super::backups::folder(&self.path).display()
            ));
        }
        let path = self.path.clone();
        let held = staged
            .commit()
            .map_err(|cause| StoreError::Write { path, cause })?;
        remove_stale_temp_files(&self.path);
        // The file we wrote is the one the path names: its stamp is ours.
        self.stamp = held
            .as_ref()
            .and_then(|file| file.metadata().ok())
            .and_then(|meta| Stamp::of_meta(&meta))
            .filter(|ours| Stamp::of(&self.path) == Some(*ours));
        self.base = Some(known.held_in(held));
        Ok(())
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
