//! An idle board is quiet: with no key, no change on disk and no timer on
//! screen, the app writes nothing to its terminal. Run on a pseudo-terminal
//! of the test's own, whose every byte the test counts.

use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::home::Home;

/// A pseudo-terminal of 120×40: the master for the test, the slave for
/// the app.
fn pty() -> (File, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 120,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors it opened into the two ints;
    // the name and termios pointers may be null.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(made, 0, "openpty");
    // The master is the test's alone: a copy inherited by the app would
    // keep the terminal open when the test closes it.
    // SAFETY: F_SETFD on a descriptor just opened.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: both descriptors are open and owned by no one else.
    unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// How many bytes the app writes within `time`.
fn written(master: &mut File, time: Duration) -> usize {
    let end = Instant::now() + time;
    let mut total = 0;
    let mut buf = [0u8; 65536];
    while Instant::now() < end {
        let mut fds = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut fds, 1, 50) };
        if ready > 0 {
            match master.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => total += n,
            }
        }
    }
    total
}

/// The app on a pseudo-terminal of its own, in a session of its own; with
/// `controlling`, the terminal is its controlling terminal (it is sent a
/// hang-up when the terminal goes).
fn start(home: &Home, slave: OwnedFd, controlling: bool) -> std::process::Child {
    let dir = home.dir.path();
    let mut app = Command::new(env!("CARGO_BIN_EXE_standup"));
    app.env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("STANDUP_NOW", crate::common::NOW)
        .env("TERM", "xterm-256color")
        .env_remove("STANDUP_CONFIG")
        .env_remove("STANDUP_BOARD")
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .stdin(Stdio::from(slave.try_clone().expect("dup")))
        .stdout(Stdio::from(slave.try_clone().expect("dup")))
        .stderr(Stdio::from(slave));
    // SAFETY: between fork and exec, only async-signal-safe calls: a new
    // session, and the pseudo-terminal (stdin) made its controlling tty.
    unsafe {
        app.pre_exec(move || {
            libc::setsid();
            if controlling {
                libc::ioctl(0, libc::TIOCSCTTY as _, 0);
            }
            Ok(())
        });
    }
    app.spawn().expect("the app starts")
}

#[test]
fn an_idle_board_writes_nothing_for_ten_seconds() {
    let home = Home::new();
    home.demo();
    let (mut master, slave) = pty();
    let mut child = start(&home, slave, true);
    // The first frame, and the log read after it.
    let first = written(&mut master, Duration::from_secs(3));
    assert!(first > 1000, "the first frame: {first} bytes");
    let idle = written(&mut master, Duration::from_secs(10));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(idle, 0, "an idle board wrote {idle} bytes");
}

/// A terminal that goes away without a hang-up signal (it was not the
/// app's controlling terminal) ends the app, its last change saved.
#[test]
fn a_terminal_gone_without_a_hangup_ends_the_app_with_its_change_saved() {
    use std::io::Write;
    let home = Home::new();
    home.demo();
    let before = std::fs::read_to_string(home.board()).expect("the demo board");
    let (mut master, slave) = pty();
    let mut child = start(&home, slave, false);
    let first = written(&mut master, Duration::from_secs(3));
    assert!(first > 1000, "the first frame: {first} bytes");
    // A card moved, and the terminal closed as soon as it shows.
    master.write_all(b"L").expect("a key");
    let shown = Instant::now() + Duration::from_secs(10);
    while written(&mut master, Duration::from_millis(50)) == 0 {
        assert!(Instant::now() < shown, "the move was never shown");
    }
    drop(master);
    let end = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("the app's state") {
            break Some(status);
        }
        if Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.is_some(), "the app ran on with its terminal gone");
    let after = std::fs::read_to_string(home.board()).expect("the board");
    assert_ne!(after, before, "the card's move was saved");
}
