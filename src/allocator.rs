//! The allocator's settings that the app changes as it runs. mimalloc (the
//! global allocator, set in main) keeps memory it frees for 10 ms before
//! giving it back to the system, which is faster while a board is being
//! built from its file.

/// Has the allocator give memory it frees back to the system at once.
///
/// The app calls it after its first frame, before it reads the board's
/// log: the file's text it lets go of then stayed resident under the log
/// read next, and a 10,000-task board peaked 14 MiB higher (50 instead of
/// 36). Set from the start, it made the first frame of a 100,000-task
/// board 30 ms later, by giving back and taking again the memory that
/// building the board churns through. Call it while the app runs one
/// thread only: mimalloc's options are not thread-safe.
pub fn give_back_freed_memory_at_once() {
    /// `mi_option_purge_delay` in mimalloc.h's `mi_option_e`, which the
    /// bindings leave unnamed on purpose.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: a plain integer option, set while no other thread exists
    // (see above).
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}
