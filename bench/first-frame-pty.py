#!/usr/bin/env python3
"""Start-to-first-frame of one or more builds of standup on one board, timed
on a pseudo-terminal of its own: the app's output is read as it comes,
with no polling process beside it. (bench/first-frame.sh polls tmux, which
is what the other tools can be measured with, but on two cores the
polling takes time from the app: at 100,000 cards it showed 471 ms where
this shows 280.) See docs/PERFORMANCE.md.

    bench/first-frame-pty.py BOARD BINARY [BINARY...]

Each build is started RUNS times (default 5, from the environment), the
builds taking turns; each start gets a fresh copy of BOARD. Prints each
build's times in ms, sorted, and their median.
"""

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time


def first_frame(binary, board, work):
    """Milliseconds from the start of `binary` to its board's first column."""
    copy = os.path.join(work, "board.json")
    shutil.copy(board, copy)
    time.sleep(0.3)
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["STANDUP_NOW"] = "2026-11-23T09:00:00+08:00"
        os.execv(binary, [binary, "--board", copy])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    seen = b""
    elapsed = None
    while elapsed is None:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        if b"\x1b[6n" in chunk:
            # Where the cursor is, asked by the terminal library.
            os.write(fd, b"\x1b[1;1R")
        seen = seen[-64:] + chunk
        if b"To do" in seen:
            elapsed = round((time.monotonic() - start) * 1000)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    board, binaries = sys.argv[1], sys.argv[2:]
    runs = int(os.environ.get("RUNS", "5"))
    times = {binary: [] for binary in binaries}
    with tempfile.TemporaryDirectory() as work:
        for _ in range(runs):
            for binary in binaries:
                times[binary].append(first_frame(binary, board, work))
    for binary, found in times.items():
        done = sorted(t for t in found if t is not None)
        median = done[len(done) // 2] if done else "-"
        print(f"{os.path.basename(binary)}: median {median} ms of {done}")


if __name__ == "__main__":
    main()
