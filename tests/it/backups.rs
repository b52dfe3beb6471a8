//! The last ten versions of a board are kept in backups/ beside it, owner-only,
//! and `standup restore` puts one back, even over a board that no longer
//! opens, keeping the one it replaces so that a restore can be undone.

use crate::common;

use std::fs;

use predicates::prelude::*;

use common::home::Home;

fn kept(home: &Home) -> Vec<std::path::PathBuf> {
    let dir = home.board().parent().unwrap().join("backups");
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn each_save_keeps_the_version_it_replaces_and_only_the_last_ten() {
    let home = Home::new();
    home.demo();
    assert!(kept(&home).is_empty(), "nothing was replaced yet");
    let before = fs::read(home.board()).unwrap();
    home.run(&["task", "move", "T-1", "review"]).success();
    let backups = kept(&home);
    assert_eq!(backups.len(), 1);
    assert_eq!(
        fs::read(&backups[0]).unwrap(),
        before,
        "the exact bytes replaced"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&backups[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner only");
    }
    for n in 0..12 {
        home.run(&["task", "add", &format!("Task {n}")]).success();
    }
    assert_eq!(kept(&home).len(), 10, "the oldest are dropped");
}

#[test]
fn restore_lists_puts_back_and_is_undone_by_restore_1() {
    let home = Home::new();
    home.demo();
    let demo = fs::read(home.board()).unwrap();
    home.run(&["task", "add", "A change to take back"])
        .success();
    let changed = fs::read(home.board()).unwrap();
    home.run(&["restore"])
        .success()
        .stdout(predicate::str::contains(" 1  "))
        .stdout(predicate::str::contains("standup restore N"));
    home.run(&["restore", "1"])
        .success()
        .stdout(predicate::str::contains("`standup restore 1` undoes this"));
    assert_eq!(fs::read(home.board()).unwrap(), demo);
    // The restore itself is undone by restoring the version it replaced.
    home.run(&["restore", "1"]).success();
    assert_eq!(fs::read(home.board()).unwrap(), changed);
    home.run(&["restore", "9"])
        .code(2)
        .stderr(predicate::str::contains("there is no version 9"));
}

#[test]
fn a_board_that_no_longer_opens_points_to_restore_and_restore_mends_it() {
    let home = Home::new();
    home.demo();
    let demo = fs::read(home.board()).unwrap();
    home.run(&["task", "add", "Latest work"]).success();
    fs::write(home.board(), b"{ \"format\": \"standup-board\", broken").unwrap();
    home.run(&["task", "list"])
        .code(2)
        .stderr(predicate::str::contains(
            "`standup restore` lists the versions",
        ));
    // Version 1 is the board before the last save; the broken file is kept
    // too, in case it holds something worth copying by hand.
    home.run(&["restore", "1"]).success();
    assert_eq!(fs::read(home.board()).unwrap(), demo);
    home.run(&["task", "list"]).success();
    let newest_kept = kept(&home).last().cloned().unwrap();
    assert!(fs::read(newest_kept).unwrap().ends_with(b"broken"));
}

#[test]
fn a_backup_that_is_not_a_board_is_not_restored() {
    let home = Home::new();
    home.demo();
    home.run(&["task", "add", "x"]).success();
    let backup = kept(&home).pop().unwrap();
    fs::write(&backup, b"not json").unwrap();
    let before = fs::read(home.board()).unwrap();
    home.run(&["restore", "1"])
        .code(2)
        .stderr(predicate::str::contains("not restored"));
    assert_eq!(fs::read(home.board()).unwrap(), before);
}

#[test]
fn demo_force_keeps_the_board_it_replaces() {
    let home = Home::new();
    home.demo();
    home.run(&["task", "add", "Real work"]).success();
    let real = fs::read(home.board()).unwrap();
    home.run(&["demo", "--force"]).success();
    let newest = kept(&home).pop().unwrap();
    assert_eq!(fs::read(newest).unwrap(), real);
}
