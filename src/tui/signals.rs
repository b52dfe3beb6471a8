//! SIGTERM, SIGHUP and SIGINT ask the TUI to stop the way `q` does: the
//! event loop sees the request within a tick, saves what is unsaved and
//! restores the terminal (PRODUCT.md section 6). The handler only sets a
//! flag, which is all a signal handler may safely do.

use std::sync::atomic::{AtomicBool, Ordering};

static STOP: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// Routes the stop signals to the flag.
pub fn install() {
    #[cfg(unix)]
    // SAFETY: the handler only stores to an atomic, which is
    // async-signal-safe; `signal` is given a valid function pointer.
    unsafe {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::signal(libc::SIGTERM, handler);
        libc::signal(libc::SIGHUP, handler);
        libc::signal(libc::SIGINT, handler);
    }
}

/// Whether a stop signal arrived.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}
