//! Saving off the event loop's thread. Serialising and writing a large
//! board takes longer than the gap between two key repeats, so the loop
//! hands a snapshot of the board to this thread and carries on; the result
//! comes back as a message. The file itself sits behind a mutex so that
//! the loop can still check it for outside changes while idle, and write
//! it directly one last time on quit.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};

use crate::model::Board;
use crate::store::{BoardFile, Saved, StoreError};

/// A finished save: the snapshot written, the change count it stood for,
/// and what happened.
pub struct Done {
    pub snapshot: Box<Board>,
    pub upto: u64,
    pub result: Result<Saved, StoreError>,
}

/// The saving thread and the one save it may have in hand.
pub struct Saver {
    file: Arc<Mutex<BoardFile>>,
    requests: Option<Sender<(Box<Board>, u64)>>,
    done: Receiver<Done>,
    thread: Option<JoinHandle<()>>,
    busy: bool,
}

impl Saver {
    pub fn new(file: BoardFile) -> Saver {
        let file = Arc::new(Mutex::new(file));
        let (requests, inbox) = mpsc::channel::<(Box<Board>, u64)>();
        let (outbox, done) = mpsc::channel();
        let shared = Arc::clone(&file);
        let thread = thread::spawn(move || {
            for (snapshot, upto) in inbox {
                let result = lock(&shared).save_merging(&snapshot);
                if outbox
                    .send(Done {
                        snapshot,
                        upto,
                        result,
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
    pub fn start(&mut self, snapshot: Board, upto: u64) -> bool {
        if self.busy {
            return false;
        }
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|r| r.send((Box::new(snapshot), upto)).is_ok());
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
