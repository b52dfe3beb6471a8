//! The board the app shares with the saving thread. A save holds the
//! board only while it builds the board's text (about 10 ms at 10,000
//! tasks); a change made meanwhile waits for it to let go rather than copy
//! the board, which takes as long and would hold a large board twice. The
//! saving thread says the moment it lets go, over a channel, so the wait
//! is exactly as long as the save's hold.

use std::borrow::Borrow;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::model::Board;

/// How long a change waits for a save to let go of the board before it
/// copies it instead. A save at 10,000 tasks builds its text in about
/// 10 ms; a slow disk does not lengthen that, as the writing comes after.
pub const SHARED_WAIT: Duration = Duration::from_millis(25);

/// The app's board, which it lends to saves (see the module docs).
pub struct SharedBoard {
    board: Arc<Board>,
    returns: Sender<()>,
    returned: Receiver<()>,
}

impl SharedBoard {
    pub fn new(board: Board) -> SharedBoard {
        let (returns, returned) = mpsc::channel();
        SharedBoard {
            board: Arc::new(board),
            returns,
            returned,
        }
    }

    /// A handle for a save: it tells this board when it is dropped.
    pub fn lend(&self) -> Lent {
        Lent {
            board: Some(Arc::clone(&self.board)),
            returns: self.returns.clone(),
        }
    }

    /// The board, to change: waits up to [`SHARED_WAIT`] for a save to let
    /// go of it, then copies it if one still holds it.
    pub fn get_mut(&mut self) -> &mut Board {
        self.get_mut_within(SHARED_WAIT)
    }

    /// [`get_mut`](Self::get_mut), waiting at most `wait`.
    pub fn get_mut_within(&mut self, wait: Duration) -> &mut Board {
        let deadline = Instant::now() + wait;
        // A signal may be left from an earlier handle: each is a reason to
        // look again, never proof on its own.
        while Arc::strong_count(&self.board) > 1 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.returned.recv_timeout(left).is_err() {
                break;
            }
        }
        Arc::make_mut(&mut self.board)
    }

    /// Puts `board` in place of this one (a reload, a merge).
    pub fn replace(&mut self, board: Board) {
        self.board = Arc::new(board);
    }

    /// Whether `other` is this very board, not a copy of it.
    pub fn is(&self, other: &Board) -> bool {
        std::ptr::eq(Arc::as_ptr(&self.board), other)
    }
}

impl std::ops::Deref for SharedBoard {
    type Target = Board;

    fn deref(&self) -> &Board {
        &self.board
    }
}

/// A save's hold on the app's board (see [`SharedBoard::lend`]).
pub struct Lent {
    board: Option<Arc<Board>>,
    returns: Sender<()>,
}

impl Lent {
    /// Whether this is the app's board as it is now (no change since).
    pub fn is(&self, board: &Board) -> bool {
        self.board
            .as_ref()
            .is_some_and(|b| std::ptr::eq(Arc::as_ptr(b), board))
    }
}

impl Borrow<Board> for Lent {
    fn borrow(&self) -> &Board {
        // Taken only by `drop`, after which nothing can borrow it.
        self.board
            .as_deref()
            .unwrap_or_else(|| unreachable!("a lent board is held until dropped"))
    }
}

impl std::ops::Deref for Lent {
    type Target = Board;

    fn deref(&self) -> &Board {
        self.borrow()
    }
}

impl Drop for Lent {
    fn drop(&mut self) {
        // The handle goes first, so that the app, woken, finds it gone.
        drop(self.board.take());
        let _ = self.returns.send(());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A change waits for the save's hold to end (however late, within its
    /// deadline) and then changes the same board, not a copy.
    #[test]
    fn a_change_waits_for_the_lent_board_and_keeps_it() {
        let mut shared = SharedBoard::new(Board::default());
        let first: *const Board = &*shared;
        let lent = shared.lend();
        let save = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(5));
            drop(lent);
        });
        let changed: *const Board = shared.get_mut_within(Duration::from_secs(60));
        save.join().expect("the save ends");
        assert_eq!(changed, first, "the same board, not a copy");
    }

    /// A handle kept past the deadline: the change copies, and the kept
    /// board stays as it was.
    #[test]
    fn a_hold_past_the_deadline_copies() {
        let mut shared = SharedBoard::new(Board::default());
        let kept = shared.lend();
        shared.get_mut_within(Duration::ZERO).name = "changed".into();
        assert!(kept.name.is_empty());
        assert_eq!(shared.name, "changed");
        assert!(!kept.is(&shared));
    }
}
