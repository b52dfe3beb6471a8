//! A save killed at any instant leaves a board that opens: the old version
//! or the new one, never a mix, never nothing (PRODUCT.md section 6).
//!
//! This test binary runs without the test harness (`harness = false`), so
//! that it can be its own child: started with `STANDUP_CRASH_BOARD` set, it
//! saves numbered versions of a board until it is killed with SIGKILL;
//! started by `cargo test`, it is the parent, which kills such a child 200
//! times at random moments and checks the file after each kill.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::Duration;

use standup::model::Board;
use standup::store::{self, BoardFile};

const KILLS: u64 = 200;
/// Each child numbers its versions from its own block, so that every
/// version ever written has a distinct number.
const BLOCK: u64 = 1_000_000;

/// Version `n` of the board: the demo board with `n` in its name and a goal
/// whose length varies, so that versions differ in size as well as content.
fn version(n: u64) -> Board {
    let mut board = common::demo();
    board.name = format!("v{n}");
    board.goal = "goal ".repeat((n % 997) as usize * 7);
    board
}

/// The version a board is, read back from its name.
fn number_of(board: &Board) -> Option<u64> {
    board.name.strip_prefix('v')?.parse().ok()
}

fn main() {
    match (
        std::env::var("STANDUP_CRASH_BOARD"),
        std::env::var("STANDUP_CRASH_FIRST"),
    ) {
        (Ok(path), Ok(first)) => child_saving_in_a_loop(&path, &first),
        _ => {
            a_save_killed_at_any_moment_leaves_a_whole_version();
            println!("test a_save_killed_at_any_moment_leaves_a_whole_version ... ok");
        }
    }
}

/// The child: saves versions `first`, `first + 1`, … until killed.
fn child_saving_in_a_loop(path: &str, first: &str) {
    let first: u64 = first.parse().expect("a number");
    let (mut file, _) = BoardFile::open(Path::new(path)).expect("the board opens");
    for n in first.. {
        file.save(&version(n)).expect("saved");
        // The parent kills only once a second save is done, so that every
        // kill lands in the loop, whatever the machine's load.
        if n == first + 1 {
            println!("saving");
        }
    }
}

fn a_save_killed_at_any_moment_leaves_a_whole_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("board.json");
    let (mut file, _) = BoardFile::open(&path).expect("no board yet");
    file.save(&version(0)).expect("the first version");
    let me = std::env::current_exe().expect("the test binary");
    // A fixed seed: the moments vary from kill to kill, not from run to run.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut landed_after_first_save = 0;
    for kill in 1..=KILLS {
        let first = kill * BLOCK;
        let mut child = Command::new(&me)
            .env("STANDUP_CRASH_BOARD", &path)
            .env("STANDUP_CRASH_FIRST", first.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the child starts");
        // Wait until it has saved twice, then kill it a random moment
        // later: mostly in the middle of a later save.
        let stdout = child.stdout.take().expect("piped");
        let mut lines = BufReader::new(stdout).lines();
        let ready = lines.any(|line| line.is_ok_and(|l| l.contains("saving")));
        assert!(ready, "kill {kill}: the child never saved");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        sleep(Duration::from_micros(seed % 30_000));
        child.kill().expect("SIGKILL");
        let _ = child.wait();

        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("kill {kill}: the board is gone: {e}"));
        let board = store::from_json(&text)
            .unwrap_or_else(|e| panic!("kill {kill}: the board does not open: {e}"));
        let n = number_of(&board).expect("a numbered version");
        assert_eq!(
            store::to_json(&board),
            store::to_json(&version(n)),
            "kill {kill}: the board is exactly version {n}"
        );
        assert!(
            (first..first + BLOCK).contains(&n),
            "kill {kill}: version {n} is one this child wrote"
        );
        if n > first {
            landed_after_first_save += 1;
        }
    }
    // Every kill came after the child's second save: the loop was really
    // interrupted, on a loaded machine too (no race on how fast it saves).
    assert_eq!(landed_after_first_save, KILLS);
    // Every backup kept on the way opens too.
    for backup in store::backups::list(&path).expect("backups") {
        let text = std::fs::read_to_string(&backup.path).expect("a backup");
        assert!(store::from_json(&text).is_ok(), "{}", backup.path.display());
    }
    // The temp files of killed saves are cleared by the next save.
    file = BoardFile::open(&path).expect("opens").0;
    file.save(&version(1)).expect("a last save");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
