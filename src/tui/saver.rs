//! Saving off the event loop's thread. Serialising and writing a large
//! board takes longer than the gap between two key repeats, so the loop
//! hands a snapshot of the board to this thread and carries on; the result
//! comes back as a message. The file itself sits behind a mutex so that
//! the loop can still check it for outside changes while idle, and write
//! it directly one last time on quit.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};

use super::shared::Lent;
use crate::model::Timestamp;
use crate::store::publish::Publish;
use crate::store::{BoardFile, Saved, StoreError};

/// A finished save: the change count it stood for, what happened, and,
/// when it merged, the snapshot it merged (which the app needs to carry its
/// later changes over). Otherwise the saving thread let go of the snapshot
/// as soon as its text was built (see [`BoardFile::save_shared`]), so
/// that the app's next change need not copy the board.
pub struct Done {
    pub snapshot: Option<Lent>,
    pub upto: u64,
    pub result: Result<Saved, StoreError>,
    /// What went wrong without stopping the save, to be said.
    pub warnings: Vec<String>,
}

/// The saving thread and the one save it may have in hand.
pub struct Saver {
    file: Arc<Mutex<BoardFile>>,
    requests: Option<Sender<(Lent, u64, Timestamp)>>,
    done: Receiver<Done>,
    thread: Option<JoinHandle<()>>,
    busy: bool,
}

impl Saver {
    /// The saving thread for `file`; with `publish`, every save also
    /// writes the board's web page, after the board.
    pub fn new(file: BoardFile, publish: Option<Publish>) -> Saver {
        let file = Arc::new(Mutex::new(file));
        let (requests, inbox) = mpsc::channel::<(Lent, u64, Timestamp)>();
        let (outbox, done) = mpsc::channel();
        let shared = Arc::clone(&file);
        let thread = thread::spawn(move || {
            for (snapshot, upto, now) in inbox {
                let mut file = lock(&shared);
                // The page is built from a copy (3 ms at 10,000 cards), so
                // that the board is let go as soon as its own text is built;
                // it is written once the board is.
                let copy = publish.as_ref().map(|p| {
                    let board: crate::model::Board = (*snapshot).clone();
                    (p.target(&board, file.path()), board)
                });
                let (result, snapshot) = file.save_shared(snapshot);
                let mut warnings = file.take_warnings();
                drop(file);
                if let (Some(p), Some((target, board)), Ok(_)) = (&publish, &copy, &result)
                    && let Err(e) = p.write(target, &p.page(board, now))
                {
                    warnings.push(p.failed(target, &e));
                }
                if outbox
                    .send(Done {
                        snapshot,
                        upto,
                        result,
                        warnings,
                    })
                    .is_err()
                {
                    return;
                }
            }
        });
        Saver {
            file,
            requests: Some(requests),
            done,
            thread: Some(thread),
            busy: false,
        }
    }

    /// Whether a save is under way.
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Starts saving `snapshot`, the board after change number `upto`.
    /// Returns false (and saves nothing) while another save is under way.
    pub fn start(&mut self, snapshot: Lent, upto: u64, now: Timestamp) -> bool {
        if self.busy {
            return false;
        }
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|r| r.send((snapshot, upto, now)).is_ok());
        self.busy = sent;
        sent
    }

    /// The save that finished, if one did, without waiting.
    pub fn poll(&mut self) -> Option<Done> {
        match self.done.try_recv() {
            Ok(done) => {
                self.busy = false;
                Some(done)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.busy = false;
                None
            }
        }
    }

    /// Waits for the save under way, if any.
    pub fn wait(&mut self) -> Option<Done> {
        if !self.busy {
            return None;
        }
        self.busy = false;
        self.done.recv().ok()
    }

    /// The file, for the idle check and the last save on quit; `None` while
    /// a save holds it.
    pub fn file(&self) -> Option<MutexGuard<'_, BoardFile>> {
        if self.busy {
            return None;
        }
        Some(lock(&self.file))
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the channel ends the thread once its save is written.
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The file, even if a save panicked while holding it: its state is only
/// what was last read or written, which a panic cannot leave half-done.
fn lock(file: &Mutex<BoardFile>) -> MutexGuard<'_, BoardFile> {
    file.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Board, NewTask, Timestamp};
    use crate::tui::shared::SharedBoard;

    fn now() -> Timestamp {
        chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").expect("a time")
    }

    fn add(board: &mut Board, title: &str) {
        let task = NewTask {
            title: title.to_string(),
            ..NewTask::default()
        };
        board.apply(&Action::AddTask(task), now()).expect("added");
    }

    /// The app hands the saver its own board, shared: once the save is
    /// written the saver has let it go, so the app's next change does not
    /// copy the board. Only a merge gives the snapshot back.
    #[test]
    fn a_save_lets_go_of_the_board_unless_it_merged() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("board.json");
        let (file, mut board) = BoardFile::open(&path).expect("opens");
        add(&mut board, "ours");
        let mut saver = Saver::new(file, None);
        let mut board = SharedBoard::new(board);
        assert!(saver.start(board.lend(), 1, now()));
        let done = saver.wait().expect("saved");
        assert!(matches!(done.result, Ok(Saved::Written)));
        assert!(done.snapshot.is_none());
        let before: *const Board = &*board;
        let after: *const Board = board.get_mut_within(std::time::Duration::ZERO);
        assert_eq!(before, after, "the app's alone again: no copy");

        // Someone else adds a card: the next save merges.
        let (mut other, mut theirs) = BoardFile::open(&path).expect("opens");
        add(&mut theirs, "theirs");
        other.save(&theirs).expect("saved elsewhere");
        add(board.get_mut(), "ours too");
        assert!(saver.start(board.lend(), 2, now()));
        let done = saver.wait().expect("saved");
        assert!(matches!(done.result, Ok(Saved::Merged(_))));
        let snapshot = done.snapshot.expect("given back to carry changes over");
        assert!(snapshot.is(&board));
    }
}
