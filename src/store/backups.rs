//! The last versions of a board, kept in `backups/` beside it
//! (PRODUCT.md section 6). Before each save replaces the board, the version
//! on disk is kept as `backups/<name>.<n>.json`, numbered upwards; only the
//! newest [`KEEP`] stay. Keeping one costs a hard link (the old file's
//! contents are not copied) where the file system allows it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How many versions are kept.
pub const KEEP: usize = 10;

/// One kept version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// 1 is the newest.
    pub number: usize,
    pub path: PathBuf,
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

/// The folder the backups of `board` go to.
pub fn folder(board: &Path) -> PathBuf {
    board
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn name(board: &Path) -> String {
    board
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "board.json".into())
}

/// The kept versions' sequence numbers and paths, oldest first.
fn kept(board: &Path) -> io::Result<Vec<(u64, PathBuf)>> {
    let dir = folder(board);
    let prefix = format!("{}.", name(board));
    let mut found = Vec::new();
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let seq = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".json"))
            .and_then(|n| n.parse::<u64>().ok());
        if let Some(seq) = seq {
            found.push((seq, entry.path()));
        }
    }
    found.sort();
    Ok(found)
}

/// Keeps the board as it is on disk now (if there is one) as the newest
/// backup, and drops the oldest beyond [`KEEP`].
pub fn keep(board: &Path) -> io::Result<()> {
    let Ok(meta) = fs::metadata(board) else {
        return Ok(());
    };
    let dir = folder(board);
    // A link planted in a shared folder would have the backups written
    // wherever it points.
    if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other(format!(
            "{} is a symbolic link, which standup does not follow: make it a folder",
            dir.display()
        )));
    }
    super::atomic::create_private_dir(&dir)?;
    let existing = kept(board)?;
    let next = existing.last().map_or(1, |(seq, _)| seq + 1);
    let target = dir.join(format!("{}.{next:06}.json", name(board)));
    // A hard link shares the file's permissions: only a board readable by
    // its owner alone is linked, any other is copied into a private file.
    if !private(&meta) || fs::hard_link(board, &target).is_err() {
        let bytes = fs::read(board)?;
        super::atomic::write_atomic(&target, &bytes)?;
    }
    let total = existing.len() + 1;
    for (_, old) in existing.iter().take(total.saturating_sub(KEEP)) {
        let _ = fs::remove_file(old);
    }
    Ok(())
}

/// Whether only the owner may read the file.
#[cfg(unix)]
fn private(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o077 == 0
}

#[cfg(not(unix))]
fn private(_: &fs::Metadata) -> bool {
    true
}

/// The kept versions, newest first (number 1).
pub fn list(board: &Path) -> io::Result<Vec<Backup>> {
    let mut kept = kept(board)?;
    kept.reverse();
    Ok(kept
        .into_iter()
        .enumerate()
        .map(|(i, (_, path))| {
            let meta = fs::metadata(&path).ok();
            Backup {
                number: i + 1,
                len: meta.as_ref().map_or(0, fs::Metadata::len),
                modified: meta.and_then(|m| m.modified().ok()),
                path,
            }
        })
        .collect())
}
