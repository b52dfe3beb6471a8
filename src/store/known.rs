//! What a board file held when we last read or wrote it, known without
//! holding its text: its length and 128-bit XXH3 digest, and the file
//! itself, kept open.
//!
//! The text of a large board is a hundred megabytes. Holding it to compare
//! the file with, and to merge against, cost as much memory as the rest of
//! the board. The digest tells whether the file on disk is still what we
//! knew. The open file still reads what we knew after another program
//! replaces the board, as every atomic save and every git checkout does, so
//! a merge has its base; a program that rewrites the board in place leaves
//! a file whose digest no longer matches, and the merge does without a
//! base, which keeps both sides.
//!
//! XXH3 rather than a cryptographic digest: it tells a changed file from
//! the one we wrote (a chance of 2^-128 to miss a change), and anyone who
//! could forge a collision can write the board anyway. It digests a
//! 100-megabyte board in about 10 ms; SHA-256 took 60, twice per save.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::SystemTime;

use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use super::format;

/// The text last read or written, known by its length and digest.
#[derive(Debug)]
pub(super) struct Known {
    len: u64,
    digest: u128,
    /// When the file that held it was last modified, as it held it.
    modified: Option<SystemTime>,
    /// The file that held the text, open: another program's atomic save
    /// replaces the name, not this file.
    held: Option<File>,
}

impl Known {
    /// What `text`, read from `held` when that was last modified at
    /// `modified` (as [`read_again`](Self::read_again) must find it), is.
    pub(super) fn read_at(text: &[u8], held: File, modified: Option<SystemTime>) -> Known {
        Known {
            len: text.len() as u64,
            digest: xxh3_128(text),
            modified,
            held: Some(held),
        }
    }

    /// The same text, held in `file`.
    pub(super) fn held_in(self, held: Option<File>) -> Known {
        Known {
            modified: modified(held.as_ref()),
            held,
            ..self
        }
    }

    /// Whether the file at `path` holds exactly what is known, read a piece
    /// at a time (`None`: there was no file, and there must be none).
    pub(super) fn on_disk(known: Option<&Known>, path: &Path) -> io::Result<bool> {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(known.is_none()),
            Err(e) => return Err(e),
        };
        let Some(known) = known else {
            return Ok(false);
        };
        if file.metadata()?.len() != known.len {
            return Ok(false);
        }
        known.matches(file)
    }

    /// The bytes in `range` of the text, read again from the file that held
    /// it, which must not have changed since (as far as its length and
    /// modification time tell).
    pub(super) fn read_again(&self, range: std::ops::Range<usize>) -> io::Result<Vec<u8>> {
        let changed = || io::Error::other("it changed while it was being read: open it again");
        let mut file = self.held.as_ref().ok_or_else(changed)?;
        let unchanged = |file: &File| {
            file.metadata()
                .is_ok_and(|m| m.len() == self.len && m.modified().ok() == self.modified)
        };
        if !unchanged(file) {
            return Err(changed());
        }
        file.seek(SeekFrom::Start(range.start as u64))?;
        let mut bytes = vec![0; range.len()];
        file.read_exact(&mut bytes)?;
        if !unchanged(file) {
            return Err(changed());
        }
        Ok(bytes)
    }

    /// The text as it was, read back from the file that held it, if that
    /// still holds it: the base of a merge.
    pub(super) fn text(&self) -> Option<String> {
        let mut file = self.held.as_ref()?;
        file.seek(SeekFrom::Start(0)).ok()?;
        let mut text = Vec::with_capacity(usize::try_from(self.len).ok()?);
        file.read_to_end(&mut text).ok()?;
        let same = text.len() as u64 == self.len && xxh3_128(&text) == self.digest;
        same.then(|| String::from_utf8(text).ok()).flatten()
    }

    /// Whether `file`, read from where it stands, holds what is known.
    fn matches(&self, mut file: File) -> io::Result<bool> {
        let mut digest = Digesting::default();
        let mut piece = vec![0; format::PIECE];
        loop {
            match file.read(&mut piece) {
                Ok(0) => break,
                Ok(n) => digest.write_all(&piece[..n])?,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(digest.len == self.len && digest.xxh.digest128() == self.digest)
    }
}

/// When `file` was last modified.
fn modified(file: Option<&File>) -> Option<SystemTime> {
    file?.metadata().ok()?.modified().ok()
}

/// A board's text on its way to its file, counted and digested as it goes.
pub(super) struct Writing<'a> {
    file: &'a mut File,
    digest: Digesting,
}

impl<'a> Writing<'a> {
    pub(super) fn to(file: &'a mut File) -> Writing<'a> {
        Writing {
            file,
            digest: Digesting::default(),
        }
    }

    /// What was written, once it is all written; the file that holds it
    /// is given with [`Known::held_in`].
    pub(super) fn known(self) -> Known {
        Known {
            len: self.digest.len,
            digest: self.digest.xxh.digest128(),
            modified: None,
            held: None,
        }
    }
}

impl Write for Writing<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.file.write(bytes)?;
        self.digest.write_all(&bytes[..n])?;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Counts and digests what is written to it.
#[derive(Default)]
struct Digesting {
    len: u64,
    xxh: Xxh3,
}

impl Write for Digesting {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.xxh.update(bytes);
        self.len += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
