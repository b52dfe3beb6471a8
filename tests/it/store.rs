//! The board file: stable round trips, refusals that leave the file alone,
//! owner-only permissions and saves that are all-or-nothing.

use crate::common;

use std::fs;
use std::path::Path;

use standup::model::{Action, NewTask};
use standup::store::{BoardFile, Saved, StoreError, atomic};

fn write(path: &Path, text: &str) {
    fs::write(path, text).expect("write fixture");
}

#[test]
fn a_round_trip_is_byte_identical() {
    let text = standup::store::to_json(&common::demo());
    let again = standup::store::to_json(&standup::store::from_json(&text).unwrap());
    assert_eq!(text, again);
    assert!(text.ends_with("}\n"));
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .map(|l| l.trim().split('"').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(
        keys,
        [
            "format", "version", "name", "goal", "settings", "parties", "columns", "tasks",
            "issues", "standups", "log"
        ]
    );
}

/// A save streams the board's text to its file a piece at a time; the
/// pieces join into the same text, whatever sizes the file takes them in.
#[test]
fn a_large_board_is_written_in_pieces_that_join_into_its_text() {
    let size = standup::scale::Size {
        tasks: 3_000,
        issues: 300,
        parties: 30,
    };
    let board = standup::scale::board(common::now(), size).unwrap();
    let text = standup::store::to_json(&board);
    assert!(
        text.len() > 8 * standup::store::format::PIECE,
        "{}",
        text.len()
    );
    assert_eq!(standup::store::from_json(&text).unwrap(), board);

    /// Takes at most 7 bytes a call, as a slow pipe might.
    struct Trickle(Vec<u8>);
    impl std::io::Write for Trickle {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let n = bytes.len().min(7);
            self.0.extend_from_slice(&bytes[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut trickle = Trickle(Vec::new());
    standup::store::format::write_json_to(&board, &mut trickle).unwrap();
    assert!(
        trickle.0 == text.as_bytes(),
        "the pieces differ from the text"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let (mut file, _) = BoardFile::open(&path).unwrap();
    file.save(&board).unwrap();
    assert!(
        fs::read(&path).unwrap() == text.as_bytes(),
        "the file differs"
    );
    assert!(!file.changed_on_disk().unwrap());
}

#[test]
fn records_are_in_id_order_and_optional_keys_are_omitted() {
    let text = standup::store::to_json(&common::demo());
    let t2 = text.find("\"id\": \"T-2\"").unwrap();
    let t10 = text.find("\"id\": \"T-10\"").unwrap();
    assert!(t2 < t10, "T-2 comes before T-10");
    let survey = &text[text.find("Post-campaign survey").unwrap()..];
    let record = &survey[..survey.find('}').unwrap()];
    assert!(!record.contains("\"due\""), "no due date, no key: {record}");
    assert!(!record.contains("\"raci\""));
}

#[test]
fn one_change_is_a_few_lines_of_diff() {
    let mut board = common::demo();
    let before = standup::store::to_json(&board);
    board
        .apply(
            &Action::SetRole {
                task: "T-16".parse().unwrap(),
                party: "mkt".into(),
                role: None,
            },
            common::now(),
        )
        .unwrap();
    common::move_task(&mut board, "T-4", "doing");
    let after = standup::store::to_json(&board);
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let changed = new.iter().filter(|l| !old.contains(l)).count();
    assert!(changed <= 14, "{changed} lines changed for one move");
}

#[test]
fn a_missing_file_is_an_empty_board_and_appears_on_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/board.json");
    let (mut file, mut board) = BoardFile::open(&path).unwrap();
    assert!(board.tasks.is_empty());
    assert!(!path.exists(), "opening writes nothing");
    board
        .apply(
            &Action::AddTask(NewTask {
                title: "first".into(),
                ..NewTask::default()
            }),
            common::now(),
        )
        .unwrap();
    file.save(&board).unwrap();
    let (_, loaded) = BoardFile::open(&path).unwrap();
    assert_eq!(loaded, board);
}

#[cfg(unix)]
#[test]
fn the_board_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let (mut file, board) = BoardFile::open(&path).unwrap();
    file.save(&board).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// Each bad file is refused with a message naming what is wrong, and stays
/// byte-identical.
#[test]
fn unreadable_files_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let good = standup::store::to_json(&common::demo());
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "syntax",
            good.replacen("\"version\": 1,", "\"version\": 1", 1),
            "line 4, column 3: expected `,` or `}`",
        ),
        (
            "newer",
            good.replacen("\"version\": 1,", "\"version\": 2,", 1),
            "newer standup (format version 2",
        ),
        (
            "newer with new keys",
            good.replacen("\"version\": 1,", "\"version\": 3,\n  \"lanes\": [],", 1),
            "format version 3",
        ),
        (
            "not a board",
            "{\"tasks\": []}".into(),
            "this is not a standup board",
        ),
        ("not JSON", "hello".into(), "line 1, column 1"),
        (
            "empty",
            String::new(),
            "line 1, column 0: EOF while parsing",
        ),
        (
            "dangling column",
            good.replacen("\"column\": \"doing\"", "\"column\": \"dooing\"", 1),
            "column `dooing` does not exist",
        ),
        (
            "impossible date",
            good.replacen("\"due\": \"2026-11-26\"", "\"due\": \"2026-02-30\"", 1),
            "line",
        ),
        (
            "unknown key",
            good.replacen(
                "\"title\": \"Campaign page design\",",
                "\"title\": \"Campaign page design\",\n      \"colour\": \"red\",",
                1,
            ),
            "unknown field `colour`",
        ),
        (
            "duplicate task",
            good.replacen("\"id\": \"T-3\"", "\"id\": \"T-1\"", 1),
            "task T-1 appears twice",
        ),
    ];
    for (what, text, expected) in cases {
        let path = dir.path().join(format!("{}.json", what.replace(' ', "-")));
        write(&path, &text);
        let err = BoardFile::open(&path).expect_err(what);
        let message = err.to_string();
        assert!(
            matches!(err, StoreError::Format { .. }),
            "{what}: {message}"
        );
        assert!(message.contains(expected), "{what}: {message}");
        assert!(
            message.contains(&path.display().to_string()),
            "{what}: names the file"
        );
        assert!(message.contains("left as it is"), "{what}: {message}");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            text,
            "{what}: file untouched"
        );
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    fs::write(&path, b"{\n  \"name\": \"\xff\"\n}").unwrap();
    let message = BoardFile::open(&path).unwrap_err().to_string();
    assert!(
        message.contains("line 2, column 12: the file is not UTF-8 text"),
        "{message}"
    );
}

#[test]
fn an_interrupted_save_leaves_the_old_file_and_no_debris() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let old = standup::store::to_json(&common::demo());
    write(&path, &old);
    {
        // Staged but never committed: what a crash before the rename leaves.
        let staged = atomic::stage(&path, b"{ half a bo").unwrap();
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "temp file beside the board"
        );
        drop(staged);
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), old);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names, ["board.json"]);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let (mut mine, mut board) = BoardFile::open(&path).unwrap();
    mine.save(&board).unwrap();
    // Someone else saves in between.
    let (mut theirs, mut other) = BoardFile::open(&path).unwrap();
    other
        .apply(
            &Action::AddTask(NewTask {
                title: "theirs".into(),
                ..NewTask::default()
            }),
            common::now(),
        )
        .unwrap();
    theirs.save(&other).unwrap();
    let on_disk = fs::read_to_string(&path).unwrap();
    board
        .apply(
            &Action::AddTask(NewTask {
                title: "mine".into(),
                ..NewTask::default()
            }),
            common::now(),
        )
        .unwrap();
    assert!(mine.changed_on_disk().unwrap());
    let err = mine.save(&board).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), on_disk);
    // After a reload, saving works again.
    let reloaded = mine.reload().unwrap();
    assert_eq!(reloaded, other);
    mine.save(&reloaded).unwrap();
}

fn add(board: &mut standup::model::Board, title: &str) {
    board
        .apply(
            &Action::AddTask(NewTask {
                title: title.into(),
                ..NewTask::default()
            }),
            common::now(),
        )
        .unwrap();
}

/// A save knows the text it last wrote by its digest. When a save cannot
/// be written, the file is as it was, and so must be what the next save
/// compares it with: it neither refuses a file nobody changed nor
/// overwrites one somebody did.
#[cfg(unix)]
#[test]
fn a_failed_save_leaves_what_the_next_save_compares_with() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    // The board made read-only fails the save (a full disk would too).
    let block = |on: bool| {
        let mode = if on { 0o400 } else { 0o600 };
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    };
    let (mut mine, mut board) = BoardFile::open(&path).unwrap();
    add(&mut board, "first");
    mine.save(&board).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    block(true);
    add(&mut board, "second");
    let err = mine.save(&board).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), saved);
    assert!(!mine.changed_on_disk().unwrap(), "nobody changed it");
    block(false);
    mine.save(&board).unwrap();
    let (_, again) = BoardFile::open(&path).unwrap();
    assert_eq!(again, board);

    // Fails again; then somebody else saves: their change is merged.
    block(true);
    add(&mut board, "third");
    assert!(mine.save_merging(&board).is_err());
    block(false);
    let (mut theirs, mut other) = BoardFile::open(&path).unwrap();
    add(&mut other, "theirs");
    theirs.save(&other).unwrap();
    let merged = match mine.save_merging(&board).unwrap() {
        Saved::Merged(merged) => merged.board,
        Saved::Written => panic!("their change was overwritten"),
    };
    let titles: Vec<&str> = merged.tasks.values().map(|t| t.title.as_str()).collect();
    for title in ["first", "second", "third", "theirs"] {
        assert!(titles.contains(&title), "{title} in {titles:?}");
    }
}

#[test]
fn a_save_over_a_change_made_elsewhere_merges_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let (mut mine, mut board) = BoardFile::open(&path).unwrap();
    mine.save(&board).unwrap();
    let (mut theirs, mut other) = BoardFile::open(&path).unwrap();
    let add = |b: &mut standup::model::Board, title: &str| {
        b.apply(
            &Action::AddTask(NewTask {
                title: title.into(),
                ..NewTask::default()
            }),
            common::now(),
        )
        .unwrap();
    };
    add(&mut other, "theirs");
    theirs.save(&other).unwrap();
    add(&mut board, "mine");
    let saved = mine.save_merging(&board).unwrap();
    let standup::store::Saved::Merged(merged) = saved else {
        panic!("the file had changed: a merge was expected");
    };
    let titles: Vec<&str> = merged
        .board
        .tasks
        .values()
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(titles, ["theirs", "mine"]);
    assert_eq!(
        merged.notes,
        ["T-1 was also created elsewhere: yours is now T-2"]
    );
    // What is on disk is the merged board, and saving again is plain.
    let (_, on_disk) = BoardFile::open(&path).unwrap();
    assert_eq!(on_disk, merged.board);
    assert_eq!(
        mine.save_merging(&merged.board).unwrap(),
        standup::store::Saved::Written
    );
}

fn titles(board: &standup::model::Board) -> Vec<&str> {
    board.tasks.values().map(|t| t.title.as_str()).collect()
}

fn merged(saved: Saved) -> standup::model::Board {
    match saved {
        Saved::Merged(merged) => merged.board,
        Saved::Written => panic!("the file had changed: a merge was expected"),
    }
}

/// The app does not hold the text it read: after another program replaces
/// the board (as every save does), the version it read is still the base
/// of the merge, so a card deleted there stays deleted.
#[test]
fn a_merge_has_its_base_after_another_save_replaced_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let (mut first, mut board) = BoardFile::open(&path).unwrap();
    add(&mut board, "kept");
    add(&mut board, "deleted there");
    first.save(&board).unwrap();
    let (mut mine, mut board) = BoardFile::open(&path).unwrap();
    let (mut theirs, mut other) = BoardFile::open(&path).unwrap();
    let gone = other.tasks.keys().nth(1).copied().unwrap();
    other
        .apply(&Action::DeleteTask { id: gone }, common::now())
        .unwrap();
    theirs.save(&other).unwrap();
    add(&mut board, "mine");
    let merged = merged(mine.save_merging(&board).unwrap());
    assert_eq!(titles(&merged), ["kept", "mine"]);
}

/// A program that rewrites the board in place (no rename) leaves no copy
/// of the version we read: the merge does without a base, which keeps
/// every card of both sides rather than taking theirs for the base and
/// dropping their new cards as if we had deleted them.
#[test]
fn a_board_rewritten_in_place_loses_nothing_of_either_side() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let (mut first, mut board) = BoardFile::open(&path).unwrap();
    add(&mut board, "kept");
    first.save(&board).unwrap();
    let (mut mine, mut board) = BoardFile::open(&path).unwrap();
    let (_, mut other) = BoardFile::open(&path).unwrap();
    add(&mut other, "theirs");
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&path).unwrap());
    // Truncated and written where it is, as some editors save.
    fs::write(&path, standup::store::to_json(&other)).unwrap();
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::MetadataExt::ino(&fs::metadata(&path).unwrap()),
        inode
    );
    add(&mut board, "mine");
    let merged = merged(mine.save_merging(&board).unwrap());
    let titles = titles(&merged);
    for title in ["kept", "theirs", "mine"] {
        assert!(titles.contains(&title), "{title} in {titles:?}");
    }
}

#[test]
fn a_save_never_merges_into_a_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let (mut mine, board) = BoardFile::open(&path).unwrap();
    mine.save(&board).unwrap();
    fs::write(&path, "{ not a board").unwrap();
    let err = mine.save_merging(&board).unwrap_err();
    assert!(matches!(err, StoreError::Format { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "{ not a board");
}

#[test]
fn two_processes_writing_one_board_at_once_lose_nothing() {
    let home = common::home::Home::new();
    home.run(&["init", "--name", "Busy"]).success();
    let writer = |who: &'static str| {
        let cmd = home.cmd();
        let program = cmd.get_program().to_owned();
        let envs: Vec<_> = cmd
            .get_envs()
            .map(|(k, v)| (k.to_owned(), v.map(|v| v.to_owned())))
            .collect();
        std::thread::spawn(move || {
            for n in 0..200 {
                let mut c = std::process::Command::new(&program);
                for (k, v) in &envs {
                    match v {
                        Some(v) => c.env(k, v),
                        None => c.env_remove(k),
                    };
                }
                let out = c
                    .args(["task", "add", &format!("{who} {n}")])
                    .output()
                    .expect("runs");
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let (a, b) = (writer("alpha"), writer("beta"));
    a.join().expect("alpha");
    b.join().expect("beta");
    let tasks = home.json(&["task", "list", "--json"]);
    let titles: Vec<String> = tasks["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(titles.len(), 400, "every change of both is there");
    for who in ["alpha", "beta"] {
        for n in 0..200 {
            assert!(titles.contains(&format!("{who} {n}")), "{who} {n} lost");
        }
    }
}

/// A board written by every format version this build reads is kept under
/// tests/fixtures/boards/ (v1.json: the demo board as version 1 wrote it).
/// A change of format must still open them, by migrating what changed, and
/// must add a board of its own version here.
#[test]
fn boards_of_every_format_version_still_open_with_their_content() {
    for version in 1..=standup::store::VERSION {
        let path = format!(
            "{}/tests/fixtures/boards/v{version}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no board of version {version}: keep one at {path}"));
        let board = standup::store::from_json(&text)
            .unwrap_or_else(|e| panic!("version {version} no longer opens: {e}"));
        let t1 = &board.tasks[&"T-1".parse().expect("id")];
        assert_eq!(
            (t1.title.as_str(), t1.column.as_str()),
            ("Campaign page design", "doing")
        );
        assert_eq!(
            (board.tasks.len(), board.issues.len(), board.parties.len()),
            (17, 5, 5)
        );
        assert_eq!((board.standups.len(), board.log.len()), (1, 104));
        assert_eq!(board.name, "Double 12 campaign 双十二大促");
        // A card's last move is not in the file: it comes from the log.
        assert_eq!(
            t1.moved.map(|at| at.to_rfc3339()).as_deref(),
            Some("2026-11-11T09:00:00+08:00"),
            "version {version}"
        );
        assert_eq!(deferred(&text), board, "version {version}, log read later");
        // Written by this build, it reads back as the same board.
        let again = standup::store::from_json(&standup::store::to_json(&board)).expect("reads");
        assert_eq!(again, board);
    }
}

/// The board as the app opens it: without its log, which is then read and
/// put in place.
fn deferred(text: &str) -> standup::model::Board {
    let (mut board, log) = standup::store::from_json_without_log(text).expect("opens");
    if let Some(log) = log {
        assert!(board.log.is_empty(), "the log is left for later");
        board.attach_log(standup::store::read_log(text, &log).expect("the log reads"));
    }
    board
}

/// The app shows a board before reading its log. Once the log is read and
/// put in place, it must be the same board as one read all at once: the
/// cards' last moves and the ids to hand out next included.
#[test]
fn a_board_opened_before_its_log_is_read_is_the_same_board() {
    let mut board = common::demo();
    let later = common::now() + chrono::Duration::hours(1);
    for n in 18..=57 {
        let id = format!("T-{n}").parse().expect("id");
        let title = format!("extra {n}");
        for action in [
            Action::AddTask(NewTask {
                title,
                ..NewTask::default()
            }),
            Action::MoveTask {
                id,
                column: ["doing", "review", "done"][n % 3].to_string(),
                position: None,
            },
        ] {
            board.apply(&action, later).expect("applies");
        }
    }
    let gone = "T-57".parse().expect("id");
    board
        .apply(&Action::DeleteTask { id: gone }, later)
        .expect("deleted");
    let text = standup::store::to_json(&board);
    let (shown, log) = standup::store::from_json_without_log(&text).expect("opens");
    assert!(log.is_some() && shown.log.is_empty());
    assert!(shown.tasks.values().all(|t| t.moved.is_none()));
    assert!(board.tasks.values().filter(|t| t.moved.is_some()).count() > 40);
    let whole = standup::store::from_json(&text).expect("opens");
    assert_eq!(deferred(&text), whole);
    assert_eq!(whole, board);
    // T-57, deleted, is known only from the log: it is never handed out again.
    assert_eq!(
        deferred(&text).next_task_id().map(|id| id.to_string()),
        Some("T-58".to_string())
    );
}

/// The app opens a board without its log, lets go of the file's text,
/// and reads the log's part again from the file it holds open: the same
/// board, a wrong entry named at the same place, and a file changed in
/// between refused rather than half of each version read.
#[test]
fn the_app_reads_the_log_again_from_the_file_it_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let text = standup::store::to_json(&common::demo());
    write(&path, &text);
    let (mut file, mut board, log) = BoardFile::open_without_log(&path).unwrap();
    board.attach_log(file.read_log(&log.expect("a log")).unwrap());
    assert_eq!(board, BoardFile::open(&path).unwrap().1);
    assert!(!file.changed_on_disk().unwrap());

    let wrong = text.replacen("\"what\":\"move\"", "\"what\":\"fly\"", 2);
    write(&path, &wrong);
    let (mut file, _, log) = BoardFile::open_without_log(&path).unwrap();
    let later = file.read_log(&log.expect("a log")).unwrap_err().to_string();
    let whole = BoardFile::open(&path).unwrap_err().to_string();
    assert!(whole.contains("unknown variant `fly`"), "{whole}");
    assert_eq!(later, whole);

    write(&path, &text);
    let (mut file, _, log) = BoardFile::open_without_log(&path).unwrap();
    // Rewritten in place, as an editor might, before the log is read.
    write(
        &path,
        &text
            .replacen("\"move\"", "\"edit\"", 1)
            .replacen("  ", "   ", 1),
    );
    let err = file.read_log(&log.expect("a log")).unwrap_err().to_string();
    assert!(err.contains("changed while it was being read"), "{err}");
}

/// An entry of the log that is wrong is found when the log is read, and
/// named at the same line and column as when the whole file is read. A log
/// that is not even JSON is refused before anything is shown.
#[test]
fn a_wrong_log_entry_is_named_where_it_stands_in_the_file() {
    let good = standup::store::to_json(&common::demo());
    for (wrong, expected, shown_first) in [
        (
            good.replacen("\"what\":\"move\"", "\"what\":\"fly\"", 1),
            "unknown variant `fly`",
            true,
        ),
        (
            good.replacen("\"at\":\"2026-11-1", "\"at\":\"2026-13-1", 1),
            "line",
            true,
        ),
        (
            good.replacen("\"what\":\"move\",", "\"what\":\"move\"", 1),
            "expected `,` or `}`",
            false,
        ),
    ] {
        let whole = standup::store::from_json(&wrong)
            .expect_err("refused")
            .to_string();
        assert!(whole.contains(expected), "{whole}");
        let later = match standup::store::from_json_without_log(&wrong) {
            Ok((_, log)) => {
                assert!(shown_first, "{expected}: refused before it is shown");
                standup::store::read_log(&wrong, &log.expect("a log")).expect_err("refused")
            }
            Err(e) => {
                assert!(!shown_first, "{expected}: shown first, then refused: {e}");
                e
            }
        };
        assert_eq!(later.to_string(), whole);
    }
}

/// A log that is `null` rather than a list is refused when the app reads
/// it, as when a command reads the whole file, instead of opening as a
/// board with no log and being saved as one.
#[test]
fn a_log_that_is_not_a_list_is_refused_however_the_board_is_read() {
    let good = standup::store::to_json(&common::demo());
    let start = good.find("\"log\": [").expect("a log");
    let end = start + good[start..].find("\n  ]").expect("its end") + "\n  ]".len();
    let null = format!("{}\"log\": null{}", &good[..start], &good[end..]);
    let whole = standup::store::from_json(&null)
        .expect_err("refused")
        .to_string();
    assert!(whole.contains("invalid type: null"), "{whole}");
    let (_, log) = standup::store::from_json_without_log(&null).expect("the rest reads");
    let later = standup::store::read_log(&null, &log.expect("the log's place"))
        .expect_err("refused")
        .to_string();
    assert!(later.contains("invalid type: null"), "{later}");
    assert!(
        later.contains(&format!("line {}", null[..start].lines().count())),
        "{later}"
    );
}

/// The app shares its board with the saving thread: the save lets go of
/// it once its text is built, so that the app's next change does not copy
/// it, and gives it back only when it merged (the app needs it then).
#[test]
fn a_shared_save_lets_go_of_the_board_unless_it_merged() {
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.json");
    let (mut mine, mut board) = BoardFile::open(&path).unwrap();
    add(&mut board, "ours");
    let board = Arc::new(board);
    let (saved, back) = mine.save_shared(Arc::clone(&board));
    assert!(matches!(saved, Ok(Saved::Written)));
    assert!(back.is_none());
    assert_eq!(Arc::strong_count(&board), 1);
    let (_, on_disk) = BoardFile::open(&path).unwrap();
    assert_eq!(on_disk, *board);

    let (mut theirs, mut other) = BoardFile::open(&path).unwrap();
    add(&mut other, "theirs");
    theirs.save(&other).unwrap();
    let (saved, back) = mine.save_shared(Arc::clone(&board));
    assert!(matches!(saved, Ok(Saved::Merged(_))));
    assert!(Arc::ptr_eq(&back.expect("given back"), &board));
}

/// Hardening: files as other tools and teammates leave them.
mod hardening {
    use super::*;
    use common::home::Home;
    use predicates::prelude::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn a_board_saved_with_a_byte_order_mark_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.json");
        let text = standup::store::to_json(&common::demo());
        write(&path, &format!("\u{feff}{text}"));
        let (mut file, mut board) = BoardFile::open(&path).expect("a BOM is accepted");
        assert_eq!(board.tasks.len(), common::demo().tasks.len());
        add(&mut board, "After the BOM");
        file.save(&board).expect("saved over it");
        assert!(!fs::read_to_string(&path).unwrap().starts_with('\u{feff}'));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_board_is_written_through_and_its_backups_are_copies() {
        let dir = tempfile::tempdir().unwrap();
        let team = dir.path().join("team");
        fs::create_dir(&team).unwrap();
        let real = team.join("board.json");
        fs::write(&real, standup::store::to_json(&common::demo())).unwrap();
        let link = dir.path().join("mine.json");
        std::os::unix::fs::symlink("team/board.json", &link).unwrap();
        let (mut file, mut board) = BoardFile::open(&link).expect("opens through the link");
        add(&mut board, "Through the link");
        file.save(&board).expect("saved");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link is still a link"
        );
        assert!(
            fs::read_to_string(&real)
                .unwrap()
                .contains("Through the link")
        );
        // The kept version is a real file beside the real board.
        let kept = standup::store::backups::list(&real).unwrap();
        assert_eq!(kept.len(), 1);
        assert!(
            !fs::symlink_metadata(&kept[0].path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            !fs::read_to_string(&kept[0].path)
                .unwrap()
                .contains("Through the link")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_backup_of_a_board_others_could_read_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.json");
        write(&path, &standup::store::to_json(&common::demo()));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let (mut file, mut board) = BoardFile::open(&path).unwrap();
        add(&mut board, "One more");
        file.save(&board).unwrap();
        let kept = standup::store::backups::list(&path).unwrap();
        assert_eq!(mode(&kept[0].path), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_board_made_read_only_is_not_written_and_says_so() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.json");
        let text = standup::store::to_json(&common::demo());
        write(&path, &text);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let (mut file, mut board) = BoardFile::open(&path).unwrap();
        add(&mut board, "Not wanted");
        let err = file.save(&board).expect_err("refused");
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
        assert!(err.to_string().contains("is read-only"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        assert_eq!(mode(&path), 0o444);
    }

    #[cfg(unix)]
    #[test]
    fn backups_that_cannot_be_kept_do_not_cost_the_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.json");
        write(&path, &standup::store::to_json(&common::demo()));
        // `backups` is a file: nothing can be kept in it, even by root.
        write(&dir.path().join("backups"), "not a folder");
        let (mut file, mut board) = BoardFile::open(&path).unwrap();
        add(&mut board, "Saved anyway");
        file.save(&board).expect("the save goes through");
        assert!(fs::read_to_string(&path).unwrap().contains("Saved anyway"));
        let warnings = file.take_warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("backups"), "{warnings:?}");
    }

    #[cfg(unix)]
    #[test]
    fn planted_links_for_the_lock_and_backups_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.json");
        write(&path, &standup::store::to_json(&common::demo()));
        let victim = elsewhere.path().join("victim");
        write(&victim, "untouched");
        std::os::unix::fs::symlink(&victim, dir.path().join(".board.json.lock")).unwrap();
        let (mut file, mut board) = BoardFile::open(&path).unwrap();
        add(&mut board, "x");
        let err = file.save(&board).expect_err("the lock is a link");
        assert!(err.to_string().contains("is a symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
        // A linked backups/ is not written through either.
        fs::remove_file(dir.path().join(".board.json.lock")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("backups")).unwrap();
        file.save(&board).expect("saved");
        let warnings = file.take_warnings();
        assert!(
            warnings.iter().any(|w| w.contains("symbolic link")),
            "{warnings:?}"
        );
        assert_eq!(
            fs::read_dir(elsewhere.path()).unwrap().count(),
            1,
            "nothing written there"
        );
    }

    #[test]
    fn the_last_id_never_wraps_round() {
        let home = Home::new();
        home.run(&["task", "add", "First"]).success();
        let text = fs::read_to_string(home.board()).unwrap();
        let top = text.replace("\"T-1\"", "\"T-4294967295\"");
        fs::write(home.board(), &top).unwrap();
        home.run(&["check"])
            .code(1)
            .stdout(predicate::str::contains("T-4294967295 is the highest id"));
        home.run(&["task", "add", "Second"])
            .code(2)
            .stderr(predicate::str::contains("no new card can be added"));
        assert_eq!(fs::read_to_string(home.board()).unwrap(), top);
    }

    #[cfg(unix)]
    #[test]
    fn a_refused_save_on_the_command_line_says_what_is_true_for_it() {
        use std::os::unix::fs::PermissionsExt;
        let home = Home::new();
        home.run(&["task", "add", "First"]).success();
        fs::set_permissions(home.board(), fs::Permissions::from_mode(0o400)).unwrap();
        let before = fs::read_to_string(home.board()).unwrap();
        let assert = home.run(&["task", "add", "Second"]).code(2);
        let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        // A command keeps nothing in memory once it exits: it says so.
        assert!(!err.contains("memory"), "{err}");
        assert!(err.contains("is read-only: it was not written"), "{err}");
        assert_eq!(fs::read_to_string(home.board()).unwrap(), before);
    }

    #[test]
    fn restoring_over_a_broken_board_says_what_restore_1_can_do() {
        let home = Home::new();
        home.run(&["task", "add", "First"]).success();
        home.run(&["task", "add", "Second"]).success();
        fs::write(home.board(), "{ not a board").unwrap();
        home.run(&["restore", "1"])
            .success()
            .stdout(predicate::str::contains(
                "The board it replaced did not open",
            ))
            .stdout(predicate::str::contains("undoes this").not());
        // Version 1 is now the broken file, kept as it was; restoring it is
        // refused rather than promised.
        home.run(&["restore", "1"])
            .code(2)
            .stderr(predicate::str::contains("not restored"));
    }

    #[test]
    fn check_reports_log_entries_an_old_merge_repeated_and_repair_removes_them() {
        let home = Home::new();
        home.run(&["task", "add", "First"]).success();
        home.run(&["task", "add", "Second"]).success();
        let mut board =
            standup::store::from_json(&fs::read_to_string(home.board()).unwrap()).unwrap();
        let copy = board.log[0].clone();
        board.log.insert(1, copy);
        fs::write(home.board(), standup::store::to_json(&board)).unwrap();
        home.run(&["check"])
            .code(1)
            .stdout(predicate::str::contains("1 log entries repeat others"));
        home.run(&["check", "--repair"])
            .success()
            .stdout(predicate::str::contains("removed 1 repeated log entries"))
            .stdout(predicate::str::contains("no problems found"));
        let repaired =
            standup::store::from_json(&fs::read_to_string(home.board()).unwrap()).unwrap();
        assert_eq!(repaired.log.len(), 2);
    }

    #[test]
    fn a_rescued_copy_is_found_and_put_back() {
        let home = Home::new();
        home.run(&["task", "add", "First"]).success();
        let mut board =
            standup::store::from_json(&fs::read_to_string(home.board()).unwrap()).unwrap();
        add(&mut board, "Rescued card");
        let rescued = standup::store::rescue::write(
            &home.board(),
            common::now(),
            standup::store::to_json(&board).as_bytes(),
        )
        .unwrap();
        home.run(&["restore", "--rescued"])
            .success()
            .stdout(predicate::str::contains(rescued.display().to_string()));
        home.run(&["restore", "--rescued", "1"]).success();
        assert!(
            fs::read_to_string(home.board())
                .unwrap()
                .contains("Rescued card")
        );
    }
}
