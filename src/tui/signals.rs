//! SIGTERM, SIGHUP and SIGINT ask the TUI to stop the way `q` does: the
//! event loop sees the request within a tick, saves what is unsaved and
//! restores the terminal (PRODUCT.md section 6). The handler only sets a
//! flag, which is all a signal handler may safely do.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

/// Set by the signal handlers, read by the loop.
static STOP: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));

/// Routes the stop signals to the flag, through signal-hook (the crate the
/// terminal library itself uses for signals), which installs a handler
/// that does nothing but set it.
pub fn install() {
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        // Refused only for a signal that cannot be caught (SIGKILL,
        // SIGSTOP), which these are not; without the handler the signal
        // would still end the program, only without the save.
        let _ = signal_hook::flag::register(signal, Arc::clone(&STOP));
    }
}

/// Whether a stop signal arrived.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// Waits up to `wait` for the terminal to have input. Returns false when a
/// stop signal arrived or the terminal hung up (which then counts as a stop
/// request). A closed terminal reads as endless empty input, on which the
/// terminal library would spin without returning; so it is asked for
/// events only after this has seen the terminal is still there.
pub fn input_ready(wait: std::time::Duration) -> bool {
    if stop_requested() {
        return false;
    }
    match terminal_poll(wait) {
        Poll::Gone => {
            STOP.store(true, Ordering::SeqCst);
            false
        }
        Poll::Ready => !stop_requested(),
        Poll::Idle => false,
    }
}

/// Whether a stop was asked for or the terminal has hung up, looking
/// without waiting.
pub fn stopping() -> bool {
    if stop_requested() {
        return true;
    }
    if let Poll::Gone = terminal_poll(std::time::Duration::ZERO) {
        STOP.store(true, Ordering::SeqCst);
        return true;
    }
    false
}

enum Poll {
    Ready,
    Idle,
    Gone,
}

#[cfg(unix)]
fn terminal_poll(wait: std::time::Duration) -> Poll {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = libc::c_int::try_from(wait.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd for the duration of the call.
    let n = unsafe { libc::poll(&mut fd, 1, millis) };
    if n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Poll::Gone
    } else if n > 0 {
        Poll::Ready
    } else {
        // A timeout, or a signal (a resize) cut the wait short.
        Poll::Idle
    }
}

#[cfg(not(unix))]
fn terminal_poll(wait: std::time::Duration) -> Poll {
    match crossterm::event::poll(wait) {
        Ok(true) => Poll::Ready,
        Ok(false) => Poll::Idle,
        Err(_) => Poll::Gone,
    }
}
