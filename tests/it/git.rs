//! Sharing a board through git with real `git` in temp directories: two
//! clones edit the board at once, `git pull` merges through `standup
//! merge-driver` without conflict markers, and every edit is there after,
//! checked record by record (PRODUCT.md section 7).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use standup::model::{Board, TaskId};

/// A clone with its own git identity and the pinned clock.
struct Checkout {
    dir: PathBuf,
    home: PathBuf,
}

impl Checkout {
    fn git(&self, args: &[&str]) -> Output {
        let out = Command::new("git")
            .args(args)
            .current_dir(&self.dir)
            .envs(env(&self.home))
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs `standup --board board.json ARGS` here.
    fn standup(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_standup"))
            .args(["--board", "board.json"])
            .args(args)
            .current_dir(&self.dir)
            .envs(env(&self.home))
            .output()
            .expect("standup runs")
    }

    fn ok(&self, args: &[&str]) {
        let out = self.standup(args);
        assert!(
            out.status.success(),
            "standup {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.dir.join("board.json")).expect("the board")
    }

    fn board(&self) -> Board {
        standup::store::from_json(&self.text()).expect("the board loads")
    }
}

fn env(home: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", home.display().to_string()),
        ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
        ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ("GIT_AUTHOR_NAME", "Lead".into()),
        ("GIT_AUTHOR_EMAIL", "lead@example.com".into()),
        ("GIT_COMMITTER_NAME", "Lead".into()),
        ("GIT_COMMITTER_EMAIL", "lead@example.com".into()),
        ("STANDUP_NOW", common::NOW.into()),
    ]
}

fn git_available() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        assert!(std::env::var_os("CI").is_none(), "CI must have git");
        eprintln!("git is not installed: skipping");
    }
    found
}

/// A repository `a` holding the demo board with the driver set up, and a
/// clone `b` of it, set up too.
fn two_clones(root: &Path) -> (Checkout, Checkout) {
    let home = root.join("home");
    std::fs::create_dir_all(&home).expect("home");
    let a = Checkout {
        dir: root.join("a"),
        home: home.clone(),
    };
    std::fs::create_dir_all(&a.dir).expect("a");
    a.git(&["init", "-q", "-b", "main"]);
    a.ok(&["demo"]);
    a.ok(&["git-setup"]);
    a.git(&["add", "-A"]);
    a.git(&["commit", "-q", "-m", "the board"]);
    let out = Command::new("git")
        .args(["clone", "-q", "a", "b"])
        .current_dir(root)
        .envs(env(&home))
        .output()
        .expect("clone");
    assert!(out.status.success());
    let b = Checkout {
        dir: root.join("b"),
        home,
    };
    b.ok(&["git-setup"]);
    (a, b)
}

fn id(text: &str) -> TaskId {
    text.parse().expect("an id")
}

#[test]
fn git_setup_writes_the_attributes_the_ignores_and_the_driver() {
    if !git_available() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let (a, _) = two_clones(root.path());
    let attributes = std::fs::read_to_string(a.dir.join(".gitattributes")).expect("attributes");
    assert_eq!(attributes, "board.json merge=standup\n");
    let ignore = std::fs::read_to_string(a.dir.join(".gitignore")).expect(".gitignore");
    assert!(ignore.contains("/backups/") && ignore.contains("/.board.json.lock"));
    assert!(ignore.contains("/..merge_file_*.tmp"), "{ignore}");
    let driver = a.git(&["config", "merge.standup.driver"]);
    assert!(String::from_utf8_lossy(&driver.stdout).contains("merge-driver %O %A %B"));
    // Running it again adds nothing twice.
    a.ok(&["git-setup"]);
    assert_eq!(
        std::fs::read_to_string(a.dir.join(".gitattributes")).expect("attributes"),
        attributes
    );
    // Outside a repository it says what to do.
    let outside = Checkout {
        dir: root.path().join("home"),
        home: root.path().join("home"),
    };
    let out = outside.standup(&["git-setup"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not inside a git repository"));
}

#[test]
fn two_clones_editing_at_once_merge_on_pull_and_lose_nothing() {
    if !git_available() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_clones(root.path());
    let base = a.board();

    // B: a field of T-1 A leaves alone, a record A leaves alone, a new
    // card (T-18) with an issue on it, an edit of a card A deletes, and
    // the title A changes too.
    b.ok(&["task", "edit", "T-1", "--note", "Checked with legal"]);
    b.ok(&["task", "edit", "T-3", "--title", "Channel plan v2"]);
    b.ok(&["task", "add", "Courier capacity", "--owner", "sales"]);
    b.ok(&[
        "issue",
        "add",
        "No courier quote",
        "--impact",
        "high",
        "--urgency",
        "medium",
        "--task",
        "T-18",
    ]);
    b.ok(&["task", "edit", "T-9", "--due", "2026-12-09"]);
    b.ok(&["task", "edit", "T-4", "--title", "CS training, B's words"]);
    b.git(&["commit", "-q", "-am", "b's edits"]);

    // A: moves T-1, dates T-2, adds its own T-18 (depending on T-2, with
    // an issue and a role on it), deletes T-9, changes T-4's title.
    a.ok(&["task", "move", "T-1", "done"]);
    a.ok(&["task", "edit", "T-2", "--due", "2026-12-01"]);
    a.ok(&[
        "task",
        "add",
        "Gift wrap stock",
        "--owner",
        "prod",
        "--depends",
        "T-2",
    ]);
    a.ok(&["raci", "set", "T-18", "prod", "A"]);
    a.ok(&[
        "issue",
        "add",
        "Wrap supplier late",
        "--impact",
        "medium",
        "--urgency",
        "high",
        "--task",
        "T-18",
    ]);
    a.ok(&["task", "rm", "T-9"]);
    a.ok(&["task", "edit", "T-4", "--title", "CS training, A's words"]);
    a.git(&["commit", "-q", "-am", "a's edits"]);

    // A pulls B's edits: git calls the driver, which merges cleanly.
    let pull = a.git(&["pull", "-q", "--no-rebase", "--no-edit", "../b", "main"]);
    let said = String::from_utf8_lossy(&pull.stderr).into_owned();
    let text = a.text();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    let status = a.git(&["status", "--porcelain"]);
    assert!(status.stdout.is_empty(), "nothing left unmerged");
    let m = a.board();

    // Different fields and records: both kept.
    assert_eq!(m.tasks[&id("T-1")].column, "done");
    assert_eq!(m.tasks[&id("T-1")].note, "Checked with legal");
    assert_eq!(m.tasks[&id("T-3")].title, "Channel plan v2");
    assert_eq!(
        m.tasks[&id("T-2")].due.map(|d| d.to_string()),
        Some("2026-12-01".into())
    );
    // Both made T-18: B's keeps it (merged in first), A's is renumbered
    // and everything pointing at it follows.
    assert_eq!(m.tasks[&id("T-18")].title, "Courier capacity");
    let ours = m.tasks[&id("T-19")].clone();
    assert_eq!(ours.title, "Gift wrap stock");
    assert_eq!(ours.depends_on, vec![id("T-2")]);
    assert_eq!(
        ours.raci.get("prod").map(|r| r.to_string()),
        Some("A".into())
    );
    let issue_on = |title: &str| {
        m.issues
            .values()
            .find(|i| i.title == title)
            .and_then(|i| i.task)
            .map(|t| t.to_string())
    };
    assert_eq!(issue_on("Wrap supplier late"), Some("T-19".into()));
    assert_eq!(issue_on("No courier quote"), Some("T-18".into()));
    assert!(
        said.contains("T-18 was also created elsewhere: yours is now T-19"),
        "{said}"
    );
    assert!(
        m.log
            .iter()
            .any(|e| e.record == "T-19" && e.to.as_deref() == Some("Gift wrap stock")),
        "the log follows the new number"
    );
    // Deleted here, edited there: kept, and said.
    assert_eq!(
        m.tasks[&id("T-9")].due.map(|d| d.to_string()),
        Some("2026-12-09".into())
    );
    assert!(
        said.contains("T-9 was deleted here but changed elsewhere: kept"),
        "{said}"
    );
    // The same field both ways: one value kept, the other recorded.
    assert_eq!(m.tasks[&id("T-4")].title, "CS training, A's words");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].other, "CS training, B's words");
    // The logs are a union: every entry either side wrote is there, in
    // time order.
    let b_log = b.board().log;
    for entry in b_log.iter().skip(base.log.len()) {
        assert!(m.log.contains(entry), "B's {entry:?}");
    }
    let a_log = a.git(&["show", "HEAD^1:board.json"]).stdout;
    let a_log = standup::store::from_json(&String::from_utf8_lossy(&a_log))
        .expect("A's version")
        .log;
    for entry in a_log.iter().skip(base.log.len()) {
        // A's new card and issue were renumbered in its entries too.
        let mut entry = entry.clone();
        entry.record = match entry.record.as_str() {
            "T-18" => "T-19".into(),
            "I-6" => "I-7".into(),
            other => other.into(),
        };
        assert!(m.log.contains(&entry), "A's {entry:?}");
    }
    assert!(m.log.windows(2).all(|w| w[0].at <= w[1].at));

    // The conflict shows in `check` (exit 1) until it is settled.
    let check = a.standup(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(
        listed.contains("conflict  T-4 title: this board \"CS training, A's words\", other side \"CS training, B's words\""),
        "{listed}"
    );
    a.ok(&["conflict", "take", "T-4", "title"]);
    let m = a.board();
    assert_eq!(m.tasks[&id("T-4")].title, "CS training, B's words");
    assert!(m.conflicts.is_empty());
    let check = String::from_utf8_lossy(&a.standup(&["check"]).stdout).into_owned();
    assert!(!check.contains("conflict"), "{check}");

    // Pushed back, B pulls the merge and the settling as a fast-forward.
    a.git(&["commit", "-q", "-am", "settled"]);
    b.git(&["pull", "-q", "--no-rebase", "--no-edit", "../a", "main"]);
    assert_eq!(b.text(), a.text());
}

#[test]
fn a_driver_given_a_broken_side_leaves_it_and_reports_a_conflict() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path();
    let good = standup::store::to_json(&common::demo());
    std::fs::write(dir.join("base"), &good).expect("base");
    std::fs::write(dir.join("ours"), "<<<<<<< HEAD\n{}\n").expect("ours");
    std::fs::write(dir.join("theirs"), &good).expect("theirs");
    let out = Command::new(env!("CARGO_BIN_EXE_standup"))
        .arg("merge-driver")
        .args([dir.join("base"), dir.join("ours"), dir.join("theirs")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("OURS"));
    assert_eq!(
        std::fs::read_to_string(dir.join("ours")).expect("ours"),
        "<<<<<<< HEAD\n{}\n"
    );
}

/// A merge driver killed mid-write left its temp file where git keeps its
/// own; the next driver run removes it, and leaves a running one's alone.
#[test]
fn a_killed_drivers_temp_file_is_cleaned_up_by_the_next() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path();
    let good = standup::store::to_json(&common::demo());
    for side in [".merge_file_base", ".merge_file_ours", ".merge_file_theirs"] {
        std::fs::write(dir.join(side), &good).expect("side");
    }
    // A process id that is not running (above the kernel's limit), and ours.
    let dead = dir.join("..merge_file_ab12cd.4194999.0.tmp");
    let alive = dir.join(format!("..merge_file_ef34gh.{}.0.tmp", std::process::id()));
    std::fs::write(&dead, "half a board").expect("dead temp");
    std::fs::write(&alive, "being written").expect("live temp");
    let out = Command::new(env!("CARGO_BIN_EXE_standup"))
        .current_dir(dir)
        .args([
            "merge-driver",
            ".merge_file_base",
            ".merge_file_ours",
            ".merge_file_theirs",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dead.exists(), "the dead driver's temp file is gone");
    assert!(alive.exists(), "a running process's temp file stays");
}

/// The issue's repro through git's own driver: three clones, a merge over
/// an earlier merge, and a third side's title. The log holds each entry
/// once, and the conflict every value.
#[test]
fn the_merge_driver_logs_each_entry_once_and_keeps_every_value() {
    use standup::model::{Action, Board, NewTask, TaskEdit};
    let at = |hhmm: &str| {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-23T{hhmm}:00+08:00")).unwrap()
    };
    let add = |board: &mut Board, title: &str, hhmm: &str| {
        let new = NewTask {
            title: title.into(),
            ..NewTask::default()
        };
        board.apply(&Action::AddTask(new), at(hhmm)).unwrap();
    };
    let retitle = |board: &mut Board, title: &str, hhmm: &str| {
        let edit = TaskEdit {
            title: Some(title.into()),
            ..TaskEdit::default()
        };
        let id = "T-1".parse().unwrap();
        board
            .apply(&Action::EditTask { id, edit }, at(hhmm))
            .unwrap();
    };
    let mut b0 = Board::new("b", "");
    add(&mut b0, "Shared card", "08:00");
    let (mut x, mut y) = (b0.clone(), b0.clone());
    add(&mut x, "from X", "09:02");
    retitle(&mut x, "Title X", "09:02");
    add(&mut y, "from Y", "09:01");
    retitle(&mut y, "Title Y", "09:01");
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path();
    let driver = |base: &Board, ours: &Board, theirs: &Board| -> Board {
        for (name, board) in [("base", base), ("ours", ours), ("theirs", theirs)] {
            std::fs::write(dir.join(name), standup::store::to_json(board)).expect("side");
        }
        let out = Command::new(env!("CARGO_BIN_EXE_standup"))
            .arg("merge-driver")
            .args([dir.join("base"), dir.join("ours"), dir.join("theirs")])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        standup::store::from_json(&std::fs::read_to_string(dir.join("ours")).expect("ours"))
            .expect("a board")
    };
    let m = driver(&b0, &x, &y);
    let mut z = x.clone();
    add(&mut z, "from Z", "09:03");
    retitle(&mut z, "Title Z", "09:03");
    let merged = driver(&x, &z, &m);
    assert_eq!(merged.tasks.len(), 4);
    assert_eq!(
        standup::model::merge::without_repeats(&merged.log).1,
        0,
        "{:#?}",
        merged.log
    );
    // The base's one entry, then each clone's add and retitle, once each.
    assert_eq!(merged.log.len(), 1 + 3 * 2);
    let conflict = merged
        .conflicts
        .iter()
        .find(|c| c.record == "T-1" && c.field == "title")
        .expect("a conflict on the title");
    let mut values: Vec<String> = std::iter::once(&conflict.kept)
        .chain(conflict.alternatives())
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect();
    values.sort();
    assert_eq!(values, ["Title X", "Title Y", "Title Z"]);
}

#[test]
fn an_alert_sent_from_one_clone_is_not_sent_again_from_the_other_after_a_pull() {
    use crate::common::standin::{Reply, StandIn};
    if !git_available() {
        return;
    }
    let bot = StandIn::start("/cgi-bin/webhook/send?key=k1234567890ab", |_, _| {
        Reply::Answer(200, vec![], r#"{"errcode":0,"errmsg":"ok"}"#.into())
    });
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_clones(root.path());
    let config = a.home.join("config/standup");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        format!("[chat.team]\nkind = \"wecom\"\nurl = \"{}\"\n", bot.url),
    )
    .expect("config");
    // One lead's clone sends today's alerts and pushes the record of them.
    a.ok(&["alerts"]);
    let sent = bot.seen().len();
    assert!(sent > 0, "the demo board has alerts");
    a.git(&["commit", "-q", "-am", "alerts sent"]);
    // The other lead moved a card meanwhile, then pulls: git merges the
    // boards with standup's driver.
    b.ok(&["task", "move", "T-1", "review"]);
    b.git(&["commit", "-q", "-am", "moved T-1"]);
    b.git(&["pull", "-q", "--no-rebase", "origin", "main"]);
    let out = b.standup(&["alerts"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no new alert"));
    assert_eq!(bot.seen().len(), sent, "nothing sent twice");
}
