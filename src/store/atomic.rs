//! Writing a file so that a crash leaves the old one or the new one, never
//! half of either: staged beside the target, synced, renamed over it. And
//! the lock that keeps two writers of one board from interleaving, and the
//! clean-up of what a killed writer left behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::file::through_links;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Replaces the board file with `bytes` (a restored version, a demo board),
/// keeping the version it replaces in the backups. Holds the board's lock,
/// so that it never lands between another process's read and its write.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = &through_links(path);
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is read-only: make it writable (`chmod u+w {}`) first",
                path.display(),
                path.display()
            ),
        ));
    }
    let _lock = lock(path)?;
    let staged = stage(path, bytes)?;
    super::backups::keep(path)?;
    staged.commit()?;
    remove_stale_temp_files(path);
    Ok(())
}

/// Holds the lock file beside the board at `path` until dropped: saves by
/// other processes (and other windows) wait, so a read, its merge and the
/// write that follows are one step and no save is lost between them.
pub(super) fn lock(path: &Path) -> io::Result<Lock> {
    let dir = parent(path);
    create_private_dir(&dir)?;
    let file = open_lock_file(&dir.join(format!(".{}.lock", file_name(path))))?;
    lock_exclusive(&file)?;
    Ok(Lock { _file: file })
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "board.json".into())
}

/// Removes the temp files of saves that never finished (a process killed
/// mid-write leaves one). Called under the lock, when no other save of this
/// board is writing one; our own was renamed a moment ago.
pub(super) fn remove_stale_temp_files(path: &Path) {
    let prefix = format!(".{}.", file_name(path));
    let Ok(entries) = fs::read_dir(parent(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Only `.<board>.<pid>.<n>.tmp`: a rescue file's temp file has the
        // board's name as its prefix too, and is none of ours.
        let stale = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split_once('.'))
            .is_some_and(|(pid, n)| {
                [pid, n]
                    .iter()
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes the temp files that merge drivers killed mid-write left in
/// `dir`: git runs the driver on its own temp files (`.merge_file_…`),
/// so ours are `..merge_file_….<pid>.<n>.tmp`. Only those of processes no
/// longer running go: a merge running beside us keeps its own.
pub fn remove_dead_merge_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix("..merge_file_")
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        let mut parts = rest.rsplitn(3, '.');
        let (_, pid) = (parts.next(), parts.next());
        let dead = pid
            .and_then(|p| p.parse::<u32>().ok())
            .is_some_and(|pid| pid != std::process::id() && !running(pid));
        if dead {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs.
#[cfg(target_os = "linux")]
pub(super) fn running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
pub(super) fn running(_: u32) -> bool {
    true
}

/// A temp file beside the target that is removed unless committed: a save
/// interrupted at any point before the rename leaves the old file alone.
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    /// The temp file, still open: after the rename, the file the target
    /// names.
    file: Option<File>,
    committed: bool,
}

/// Writes `bytes` to a new temp file in `target`'s folder and fsyncs it.
pub fn stage(target: &Path, bytes: &[u8]) -> io::Result<Staged> {
    stage_with(target, |file| file.write_all(bytes)).map(|(staged, ())| staged)
}

/// Has `write` fill a new temp file in `target`'s folder, then fsyncs it.
pub fn stage_with<T>(
    target: &Path,
    write: impl FnOnce(&mut File) -> io::Result<T>,
) -> io::Result<(Staged, T)> {
    let dir = parent(target);
    if !dir.as_os_str().is_empty() {
        create_private_dir(&dir)?;
    }
    let name = file_name(target);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let mut staged = Staged {
        temp,
        target: target.to_path_buf(),
        file: None,
        committed: false,
    };
    let mut file = private_new_file(&staged.temp)?;
    let written = write(&mut file)?;
    file.sync_all()?;
    staged.file = Some(file);
    Ok((staged, written))
}

impl Staged {
    /// Renames the temp file over the target and fsyncs the folder. Gives
    /// back the file, still open, which the target now names.
    pub fn commit(mut self) -> io::Result<Option<File>> {
        fs::rename(&self.temp, &self.target)?;
        self.committed = true;
        // The rename is durable only once the folder itself is synced.
        if let Ok(dir) = File::open(parent(&self.target)) {
            let _ = dir.sync_all();
        }
        Ok(self.file.take())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            // Closed before it is removed, as some systems require.
            self.file = None;
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes a file atomically, readable by its owner only.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(target, bytes)?.commit().map(drop)
}

pub(super) fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
pub(super) fn private_new_file(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
pub(super) fn private_new_file(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(unix)]
pub(super) fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
pub(super) fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

/// A held lock on a board's lock file; released when dropped (the file is
/// closed).
pub(super) struct Lock {
    _file: File,
}

/// Opens the lock file, never through a symbolic link: one planted in a
/// shared folder would have us create or truncate a file elsewhere.
pub(super) fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path).map_err(|e| {
        if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            io::Error::other(format!(
                "the lock file {} is a symbolic link, which standup does not follow: remove it",
                path.display()
            ))
        } else {
            e
        }
    })
}

/// Waits for the exclusive lock (the standard library's advisory lock:
/// `flock` on Unix, `LockFileEx` on Windows), trying again when a signal
/// interrupts the wait.
pub(super) fn lock_exclusive(file: &File) -> io::Result<()> {
    loop {
        match file.lock() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            done => return done,
        }
    }
}
