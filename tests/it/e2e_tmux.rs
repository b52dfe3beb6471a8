//! End to end: the real binary in a real terminal (tmux), driven by keys as
//! a person would, read back with capture-pane.
//!
//! Uses the binary named by `STANDUP_E2E_BIN` (CI points it at the release
//! build) or else the one cargo built for this test run. tmux is required in
//! CI (`.ci/run` installs it); on a developer machine without tmux the test
//! says so and passes.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: PathBuf,
    session: String,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-S").arg(&self.socket);
        cmd
    }

    fn start(dir: &Path, program: &str, width: u16, height: u16) -> Tmux {
        let tmux = Tmux {
            socket: dir.join("tmux.sock"),
            session: "standup-e2e".into(),
        };
        // A loaded machine now and then fails to bring a new tmux server
        // up on the first try; a person would try again too.
        let mut started = false;
        for _ in 0..3 {
            let status = tmux
                .cmd()
                .args([
                    "new-session",
                    "-d",
                    "-s",
                    &tmux.session,
                    "-x",
                    &width.to_string(),
                    "-y",
                    &height.to_string(),
                ])
                .arg(program)
                .status()
                .expect("tmux starts");
            if status.success() {
                started = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        assert!(started, "tmux could not start a session");
        tmux
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    /// Types text literally (no key names), as a paste-free typist would.
    fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until `text` is on a settled screen: the same in two captures
    /// in a row, so that a frame caught half drawn (the new heading over
    /// the old rows) is not what the test reads.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let screen = self.screen();
            if screen.contains(text) && screen == last {
                return screen;
            }
            last = screen.clone();
            // Generous: a loaded machine is slow, and a met condition ends
            // the wait at once.
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `text` is gone from the screen: after `Escape`, before
    /// the next key, so that the terminal never reads the two together as
    /// one Alt-key.
    fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "waited for {text:?} to go; the screen shows:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the program to exit.
    fn wait_exit(&self) {
        let start = Instant::now();
        while self.is_running() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the program did not exit:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn is_running(&self) -> bool {
        self.cmd()
            .args(["has-session", "-t", &self.session])
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn binary() -> String {
    std::env::var("STANDUP_E2E_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_standup").to_string())
}

/// False (after saying why) when tmux is missing on a developer machine;
/// in CI a missing tmux fails the test.
fn can_run() -> bool {
    if tmux_available() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have tmux: .ci/run installs it"
    );
    eprintln!("tmux is not installed: skipping the end-to-end test");
    false
}

/// The environment of a fresh user: own home and data directory, the
/// pinned clock.
fn fresh_env(dir: &Path) -> String {
    format!(
        "env -u STANDUP_CONFIG -u NO_COLOR -u LC_ALL -u LC_MESSAGES -u CARGO -u CARGO_MANIFEST_DIR LANG=C.UTF-8 HOME={home} XDG_DATA_HOME={data} XDG_CONFIG_HOME={config} XDG_STATE_HOME={state} STANDUP_NOW={now} TERM=xterm-256color",
        home = dir.display(),
        data = dir.join("data").display(),
        config = dir.join("config").display(),
        state = dir.join("state").display(),
        now = common::NOW
    )
}

#[test]
fn walk_every_pane_and_quit() {
    if !can_run() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let env = fresh_env(dir.path());
    let demo = Command::new("sh")
        .arg("-c")
        .arg(format!("{env} {} demo", binary()))
        .output()
        .expect("demo runs");
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let board = data.join("standup/board.json");
    let before = std::fs::read(&board).expect("demo board");

    let tmux = Tmux::start(dir.path(), &format!("{env} {}", binary()), 120, 40);
    let screen = tmux.wait_for("Doing 5/5");
    assert!(screen.contains("Double 12 campaign 双十二大促"));
    assert!(screen.contains("3 overdue · 3 blocked · 1 breached"));
    assert!(screen.contains("T-5 ⊘ Payment load test"));

    tmux.keys(&["2"]);
    let screen = tmux.wait_for("Load R·A·C·I");
    let header = screen
        .lines()
        .find(|l| l.starts_with("Task"))
        .expect("a header row");
    let at = |name: &str| header.find(name).unwrap_or(usize::MAX);
    assert!(
        at("市场部") < at("Product") && at("Product") < at("Sales") && at("Sales") < at("Tech"),
        "{screen}"
    );
    assert!(screen.contains("not planned"));
    assert!(screen.contains("no A"));

    tmux.keys(&["3"]);
    let screen = tmux.wait_for("breached 30m ago");
    let p1 = screen.find("P1  I-5").expect("P1 first");
    let p2 = screen.find("P2  I-4").expect("then P2");
    assert!(p1 < p2);

    tmux.keys(&["?"]);
    let screen = tmux.wait_for("Keys: Issues");
    assert!(screen.contains("quit (saving first)"));
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Keys: Issues");
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("No standup running");
    assert!(screen.contains("Last standup: Sun 22 Nov 09:00–09:13 (13 min)"));
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("Gantt by owner");
    assert!(
        screen.contains("T-8 活动文案 Landing page copy"),
        "{screen}"
    );
    assert!(screen.contains("No due date 1"), "{screen}");
    tmux.keys(&["v"]);
    let screen = tmux.wait_for("Cumulative flow");
    assert!(screen.contains("Finished per week"), "{screen}");
    assert!(screen.contains("3 finished"), "{screen}");
    tmux.keys(&["v", "Tab"]);
    tmux.wait_for("To do 6");

    tmux.keys(&["q"]);
    tmux.wait_exit();
    assert_eq!(
        std::fs::read(&board).expect("board"),
        before,
        "looking changes nothing"
    );
}

#[test]
fn a_card_typed_moved_and_undone_is_where_the_undo_left_it_after_a_restart() {
    if !can_run() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let env = fresh_env(dir.path());
    let board = dir.path().join("data/standup/board.json");
    let program = format!("{env} {}", binary());

    let tmux = Tmux::start(dir.path(), &program, 100, 30);
    tmux.wait_for("This board has no cards yet");
    assert!(!board.exists(), "looking at an empty board writes nothing");
    tmux.keys(&["n"]);
    tmux.wait_for("New card in To do");
    tmux.type_text("双十二 poster");
    tmux.keys(&["Tab", "Tab"]);
    tmux.type_text("+3d");
    tmux.wait_for("→ Thu 26 Nov 2026");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Added T-1 · saved");
    assert!(screen.contains("T-1 双十二 poster"), "{screen}");
    assert!(board.exists(), "the first change creates the file");

    tmux.keys(&["L"]);
    tmux.wait_for("Moved T-1 to Doing · saved");
    tmux.keys(&["L"]);
    tmux.wait_for("Moved T-1 to Review · saved");
    tmux.keys(&["L"]);
    tmux.wait_for("Moved T-1 to Done · saved");
    tmux.keys(&["u"]);
    tmux.wait_for("Undid: move T-1 to Done · saved");
    tmux.keys(&["q"]);
    tmux.wait_exit();
    drop(tmux);

    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&board).expect("board")).expect("JSON");
    assert_eq!(saved["tasks"][0]["column"], "review");
    assert_eq!(saved["tasks"][0]["due"], "2026-11-26");

    let tmux = Tmux::start(dir.path(), &program, 100, 30);
    let screen = tmux.wait_for("Review 1");
    let line = screen
        .lines()
        .find(|l| l.contains("T-1 双十二 poster"))
        .unwrap_or_else(|| panic!("the card is on screen:\n{screen}"));
    // Third column: after two separators.
    assert_eq!(
        line.split('│').position(|cell| cell.contains("T-1")),
        Some(2),
        "{screen}"
    );
    assert!(screen.contains("11-26"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

#[test]
fn fixing_a_raci_row_by_keys_leaves_one_error_fewer() {
    let Some(user) = User::fresh() else {
        return;
    };
    let fixture = format!(
        "{}/tests/fixtures/raci-campaign-en.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    assert!(user.run(&format!("raci import {fixture}")).status.success());
    let errors = |out: std::process::Output| -> usize {
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        json["problems"]
            .as_array()
            .expect("a list")
            .iter()
            .filter(|p| p["severity"] == "error")
            .count()
    };
    let before = user.run("raci check --json");
    assert_eq!(before.status.code(), Some(1));
    assert_eq!(errors(before), 3);

    let tmux = user.tui(100, 30);
    tmux.wait_for("To do 5");
    tmux.keys(&["2"]);
    tmux.wait_for("Load R·A·C·I");
    // Customer service training (fourth row) has no A: make Tech accountable.
    tmux.keys(&["j", "j", "j", "l", "l", "l", "a"]);
    let screen = tmux.wait_for("Made tech A on T-4 · saved");
    assert!(screen.contains("2 errors"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    let after = user.run("raci check --json");
    assert_eq!(errors(after), 2);
}

#[test]
fn a_burst_of_keys_on_a_large_board_loses_none_and_all_are_saved() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo --tasks 3000 --parties 30").status.success());
    let tmux = user.tui(160, 40);
    tmux.wait_for("Scale board");
    tmux.keys(&["2"]);
    tmux.wait_for("Load R·A·C·I");
    // Forty cells set in one burst, as fast as tmux can type them: the
    // saves that run meanwhile must neither drop nor reorder a key.
    let mut burst = Vec::new();
    for _ in 0..40 {
        burst.extend(["i", "j"]);
    }
    burst.pop();
    tmux.keys(&burst);
    tmux.wait_for("on T-40");
    tmux.keys(&["q"]);
    tmux.wait_exit();
    let raci: serde_json::Value =
        serde_json::from_slice(&user.run("raci show --json").stdout).expect("JSON");
    let rows = raci["raci"].as_array().expect("rows");
    for row in &rows[..40] {
        assert_eq!(row["roles"]["d1"], "I", "{}", row["task"]);
    }
    assert_ne!(rows[40]["roles"]["d1"], "I");
}

#[test]
fn a_p1_raised_and_acknowledged_by_keys_has_its_deadlines_on_the_shell() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    let tmux = user.tui(110, 32);
    tmux.wait_for("Doing 5/5");
    tmux.keys(&["3"]);
    tmux.wait_for("Clock");
    tmux.keys(&["n"]);
    tmux.wait_for("Raise an issue");
    tmux.type_text("Payment gateway down");
    tmux.keys(&["Tab", "h", "Tab", "h", "Tab"]);
    tmux.type_text("tech");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Raised I-6");
    // The new issue is a P1, second after the breached one; the cursor is on it.
    tmux.keys(&["a"]);
    tmux.wait_for("Acknowledged I-6 · saved");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    let list: serde_json::Value =
        serde_json::from_slice(&user.run("issue list --json").stdout).expect("JSON");
    let row = list["issues"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|i| i["id"] == "I-6")
        .expect("I-6 is there")
        .clone();
    assert_eq!(row["priority"], "P1");
    assert_eq!(row["status"], "acknowledged");
    assert_eq!(row["owner"], "tech");
    // Opened at the pinned 09:00: respond in 30 minutes, resolve in 2 hours.
    assert_eq!(row["respond_by"], "2026-11-23T09:30:00+08:00");
    assert_eq!(row["resolve_by"], "2026-11-23T11:00:00+08:00");
}

#[test]
fn sigterm_mid_edit_saves_the_edit_and_gives_the_terminal_back() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    // A shell runs the TUI and then says whether the screen is its own again.
    let tmux = user.tui_in_shell("", 100, 30);
    tmux.wait_for("Doing 5/5");
    // A card typed into the form, not yet submitted, when the signal comes.
    tmux.keys(&["n"]);
    tmux.wait_for("New card in To do");
    tmux.type_text("Typed before SIGTERM");
    let pane_pid = String::from_utf8(
        tmux.cmd()
            .args(["list-panes", "-t", &tmux.session, "-F", "#{pane_pid}"])
            .output()
            .expect("list-panes")
            .stdout,
    )
    .expect("a pid");
    let pid = child_of(pane_pid.trim()).expect("the TUI's pid");
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill")
            .success()
    );
    let screen = tmux.wait_for("EXIT=");
    assert!(
        !screen.contains("New card in To do"),
        "left the alternate screen:\n{screen}"
    );
    let list = user.run("task list --text 'Typed before SIGTERM' --json");
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    assert_eq!(
        json["tasks"].as_array().map(Vec::len),
        Some(1),
        "the edit was saved"
    );
}

/// A fresh user (own home and data directory, the pinned clock) to drive
/// the binary as: on the shell, and in the TUI in tmux.
struct User {
    dir: tempfile::TempDir,
    env: String,
}

impl User {
    /// `None` (after saying why) when tmux is missing on a developer machine.
    fn fresh() -> Option<User> {
        if !can_run() {
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let env = fresh_env(dir.path());
        Some(User { dir, env })
    }

    /// Writes the user's `config.toml`.
    fn config(&self, text: &str) {
        let dir = self.dir.path().join("config/standup");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(dir.join("config.toml"), text).expect("config");
    }

    /// Runs a command, e.g. `demo` or `raci check --json`.
    fn run(&self, args: &str) -> std::process::Output {
        run_cli(&self.env, args)
    }

    /// The TUI (with `extra` environment) run by a shell that then prints
    /// `EXIT=<code>` and stays, so that what is left on the screen after
    /// the program ends can be read.
    fn tui_in_shell(&self, extra: &str, width: u16, height: u16) -> Tmux {
        let program = format!(
            "sh -c '{} {extra} {}; echo EXIT=$?; sleep 30'",
            self.env,
            binary()
        );
        Tmux::start(self.dir.path(), &program, width, height)
    }

    /// The TUI in a tmux session of this size.
    fn tui(&self, width: u16, height: u16) -> Tmux {
        Tmux::start(
            self.dir.path(),
            &format!("{} {}", self.env, binary()),
            width,
            height,
        )
    }
}

/// Runs a `standup` command in the environment `env` (from `fresh_env`).
fn run_cli(env: &str, args: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{env} {} {args}", binary()))
        .output()
        .expect("runs")
}

/// A child process of `parent`, from /proc (no procps needed).
fn child_of(parent: &str) -> Option<String> {
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid = entry.file_name().to_string_lossy().into_owned();
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // `pid (comm) state ppid …`: the command may hold spaces, so read
            // after its closing parenthesis.
            let after = &stat[stat.rfind(')')? + 1..];
            let ppid = after.split_whitespace().nth(1)?;
            (ppid == parent).then_some(pid)
        })
}

#[test]
fn a_standup_held_by_keys_leaves_minutes_with_the_move_and_the_parked_topic() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    let tmux = user.tui(120, 36);
    tmux.wait_for("Doing 5/5");
    tmux.keys(&["4"]);
    tmux.wait_for("No standup running");
    tmux.keys(&["s"]);
    // 市场部 speaks first: its overdue card, then its card in progress.
    let screen = tmux.wait_for("Standup started: 市场部 (mkt) first");
    let overdue = screen.find("T-8 活动文案 Landing page copy").expect("T-8");
    let doing = screen.find("T-3 Channel promotion plan").expect("T-3");
    assert!(overdue < doing, "{screen}");
    tmux.keys(&["j", "L"]);
    tmux.wait_for("Moved T-3 to Review");
    tmux.keys(&["P"]);
    tmux.wait_for("Park which topic?");
    tmux.type_text("Bundle pricing");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Who takes it?");
    tmux.type_text("prod");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Parked 1");
    tmux.keys(&["]"]);
    tmux.wait_for("Speaker 2/4: Product (prod)");
    tmux.keys(&["X"]);
    tmux.wait_for("End the standup");
    tmux.keys(&["y"]);
    let screen = tmux.wait_for("Minutes written to");
    assert!(screen.contains("minutes/2026-11-23.md"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    let minutes = user.dir.path().join("data/standup/minutes/2026-11-23.md");
    let written = std::fs::read_to_string(&minutes).expect("the minutes file exists");
    let report = user.run("report");
    assert!(report.status.success());
    let report = String::from_utf8_lossy(&report.stdout);
    for text in [&*report, &*written] {
        assert!(
            text.contains("- Moved: T-3 Channel promotion plan (Doing → Review)."),
            "{text}"
        );
        assert!(
            text.contains("## Parked\n- Bundle pricing — Product"),
            "{text}"
        );
    }
}

#[test]
fn a_terminal_that_hangs_up_mid_edit_still_gets_the_card_saved() {
    let Some(user) = User::fresh() else {
        return;
    };
    let tmux = user.tui(80, 24);
    tmux.wait_for("This board has no cards yet");
    tmux.keys(&["n"]);
    tmux.wait_for("New card");
    tmux.type_text("Typed before the hang-up");
    tmux.wait_for("Typed before the hang-up");
    // The terminal goes away (a closed window, a dropped SSH session): the
    // program must notice, save and exit, not spin on a dead terminal.
    let _ = tmux.cmd().arg("kill-server").status();
    let board = user.dir.path().join("data/standup/board.json");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = std::fs::read_to_string(&board).unwrap_or_default();
        if text.contains("Typed before the hang-up") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the card was not saved after the hang-up"
        );
        sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_crash_gives_the_terminal_back_and_keeps_the_card_just_added() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    let tmux = user.tui_in_shell("STANDUP_TEST_PANIC_KEY=%", 100, 30);
    tmux.wait_for("Doing 5/5");
    tmux.keys(&["n"]);
    tmux.wait_for("New card in To do");
    tmux.type_text("Added just before the crash");
    // Enter and the crash in one go: the card is added but, a moment after
    // the last key, not yet saved.
    tmux.keys(&["Enter", "%"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=101"), "exit code:\n{screen}");
    assert!(
        screen.contains("your board was saved to"),
        "says where:\n{screen}"
    );
    assert!(
        !screen.contains("New card in To do") && !screen.contains("Doing 5/5"),
        "left the alternate screen:\n{screen}"
    );
    let list = user.run("task list --text 'Added just before the crash' --json");
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    assert_eq!(json["tasks"].as_array().map(Vec::len), Some(1), "saved");
}

/// Breaks the demo board with `break_it`, starts the app on it from a
/// shell, and checks that it is refused: exit code 2, a message that says
/// each of `said`, and the file left as it was.
fn refused_when_opened(break_it: impl FnOnce(&str) -> String, said: &[&str]) {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    let board = user.dir.path().join("data/standup/board.json");
    let good = std::fs::read_to_string(&board).expect("the board");
    let text = break_it(&good);
    assert_ne!(text, good);
    std::fs::write(&board, &text).expect("write");
    let tmux = user.tui_in_shell("", 120, 30);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=2"), "exit code:\n{screen}");
    for said in said {
        assert!(screen.contains(said), "{said:?} in:\n{screen}");
    }
    assert_eq!(
        std::fs::read_to_string(&board).expect("the board"),
        text,
        "left as it was"
    );
}

#[test]
fn a_corrupt_board_is_refused_before_the_screen_is_taken() {
    // A merge gone wrong: the file cut short in the middle of the tasks.
    refused_when_opened(
        |good| good[..good.find("\"tasks\"").expect("tasks") + 40].to_string(),
        &["cannot open board", "line ", "column ", "standup restore"],
    );
}

/// The board is drawn before its log is read; what is drawn from the log
/// (the since-standup summary, a card's history) follows at once.
#[test]
fn what_the_log_tells_is_on_screen_once_the_board_opens() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    let tmux = user.tui(200, 40);
    // Issues raised since are counted from the log.
    let screen = tmux.wait_for("Since standup Sun 09:13: 2 raised");
    // The selected card, T-4: created with its roles.
    assert!(screen.contains("History"), "{screen}");
    assert!(
        screen.contains("11-11 09:00 RACI: Sales made R"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

/// A log entry that is wrong is found as the log is read, after the board
/// is drawn: the terminal is given back, the entry named, and the file left
/// as it was.
#[test]
fn a_board_whose_log_holds_a_wrong_entry_is_refused_and_left_alone() {
    refused_when_opened(
        |good| good.replacen("\"what\":\"move\"", "\"what\":\"fly\"", 1),
        &["cannot open board", "unknown variant `fly`", "line "],
    );
}

#[test]
fn a_board_that_cannot_be_written_leaves_the_changes_in_a_rescue_file() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    let tmux = user.tui_in_shell("", 120, 30);
    tmux.wait_for("Doing 5/5");
    // Something takes the board's place (even root cannot write a file
    // where a folder now is).
    let folder = user.dir.path().join("data/standup");
    let board = folder.join("board.json");
    std::fs::remove_file(&board).expect("remove");
    std::fs::create_dir(&board).expect("a folder in its place");
    tmux.keys(&["n"]);
    tmux.wait_for("New card in To do");
    tmux.type_text("Kept in the rescue file");
    tmux.keys(&["Enter"]);
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(
        screen.contains("your changes are in"),
        "says where:\n{screen}"
    );
    let rescue = std::fs::read_dir(&folder)
        .expect("the folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("board.json.rescue-"))
        .expect("a rescue file beside the board");
    let text = std::fs::read_to_string(&rescue).expect("the rescue file");
    let saved = standup::store::from_json(&text).expect("a whole board");
    assert!(
        saved
            .tasks
            .values()
            .any(|t| t.title == "Kept in the rescue file")
    );
}

/// When the board's folder cannot take even the rescue file, the rescue
/// goes to the state directory, the quit says where, and `restore
/// --rescued` puts it back.
#[test]
fn a_rescue_goes_to_the_state_directory_when_the_folder_fails_too() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    let tmux = user.tui_in_shell("", 120, 30);
    tmux.wait_for("Doing 5/5");
    // The whole folder is replaced by a file: nothing can be written in it.
    let folder = user.dir.path().join("data/standup");
    let parked = user.dir.path().join("parked");
    std::fs::rename(&folder, &parked).expect("moved away");
    std::fs::write(&folder, "not a folder").expect("a file in its place");
    tmux.keys(&["n"]);
    tmux.wait_for("New card in To do");
    tmux.type_text("Kept in the state directory");
    tmux.keys(&["Enter"]);
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    let state = user.dir.path().join("state/standup/rescued");
    assert!(
        screen.contains("your changes are in"),
        "says where:\n{screen}"
    );
    assert!(screen.contains("restore --rescued"), "says how:\n{screen}");
    let rescued: Vec<_> = walk(&state)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("board.json.rescue-"))
        .collect();
    assert_eq!(rescued.len(), 1, "one rescue under {}", state.display());
    // The folder back, the rescued copy put back.
    std::fs::remove_file(&folder).expect("the file away");
    std::fs::rename(&parked, &folder).expect("the folder back");
    let out = user.run("restore --rescued 1");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = user.run("task list");
    assert!(String::from_utf8_lossy(&list.stdout).contains("Kept in the state directory"));
}

/// A board name a teammate planted an escape sequence in does not reach
/// the terminal through `standup boards`: the window title stays.
#[test]
fn board_text_reaches_the_terminal_harmless_from_the_command_line() {
    let Some(user) = User::fresh() else {
        return;
    };
    let boards = user.dir.path().join("data/standup/boards");
    std::fs::create_dir_all(&boards).expect("boards folder");
    let board = standup::model::Board::new("Ops\u{1b}]2;pwned\u{7} board", "");
    std::fs::write(boards.join("ops.json"), standup::store::to_json(&board)).expect("board");
    let program = format!(
        "sh -c '{} {} boards; echo EXIT=$?; sleep 30'",
        user.env,
        binary()
    );
    let tmux = Tmux::start(user.dir.path(), &program, 120, 20);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("Ops?]2;pwned? board"), "{screen}");
    let title = tmux
        .cmd()
        .args([
            "display-message",
            "-p",
            "-t",
            &tmux.session,
            "#{pane_title}",
        ])
        .output()
        .expect("tmux answers");
    assert!(
        !String::from_utf8_lossy(&title.stdout).contains("pwned"),
        "the title was set: {}",
        String::from_utf8_lossy(&title.stdout)
    );
}

/// The empty board's hints name a command that works as the app was
/// started: the binary's own path, and the board in use.
#[test]
fn the_first_hints_name_a_command_that_works_as_started() {
    let Some(user) = User::fresh() else {
        return;
    };
    let program = format!("{} {} --board mine", user.env, binary());
    let tmux = Tmux::start(user.dir.path(), &program, 200, 30);
    let screen = tmux.wait_for("This board has no cards yet.");
    let demo = format!("{} --board mine demo", binary());
    assert!(screen.contains(&demo), "{demo:?} in:\n{screen}");
    tmux.keys(&["q"]);
    // What the hint says works.
    let out = run_cli(&user.env, "--board mine demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn b_switches_boards_and_each_keeps_its_own_changes() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    assert!(
        user.run("--board ops init --name Ops-board")
            .status
            .success()
    );
    let tmux = user.tui(120, 30);
    tmux.wait_for("Doing 5/5");
    tmux.keys(&["B"]);
    tmux.wait_for("Boards");
    tmux.keys(&["2"]);
    tmux.wait_for("Switched to Ops-board");
    tmux.keys(&["n"]);
    tmux.wait_for("New card");
    tmux.type_text("Card on the ops board");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Card on the ops board");
    // Back to the campaign at once: the ops card is saved on the way.
    tmux.keys(&["B"]);
    tmux.wait_for("Boards");
    tmux.keys(&["1"]);
    tmux.wait_for("Doing 5/5");
    tmux.keys(&["q"]);
    tmux.wait_exit();
    let ops = user.run("--board ops task list --json");
    let json: serde_json::Value = serde_json::from_slice(&ops.stdout).expect("JSON");
    assert_eq!(json["tasks"][0]["title"], "Card on the ops board");
    let campaign = user.run("task list --text 'Card on the ops board' --json");
    let json: serde_json::Value = serde_json::from_slice(&campaign.stdout).expect("JSON");
    assert_eq!(json["tasks"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_board_created_from_the_picker_is_saved_and_listed() {
    let Some(user) = User::fresh() else {
        return;
    };
    assert!(user.run("demo").status.success());
    let tmux = user.tui(120, 30);
    tmux.wait_for("Doing 5/5");
    tmux.keys(&["B"]);
    tmux.wait_for("n new board");
    tmux.keys(&["n"]);
    tmux.wait_for("New board's name");
    tmux.type_text("市场 Q1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Created board 市场 Q1");
    tmux.keys(&["n"]);
    tmux.wait_for("New card");
    tmux.type_text("First card");
    tmux.keys(&["Enter"]);
    tmux.wait_for("First card");
    tmux.keys(&["q"]);
    tmux.wait_exit();
    let listed = user.run("boards --json");
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let names: Vec<&str> = json["boards"]
        .as_array()
        .expect("boards")
        .iter()
        .filter_map(|b| b["name"].as_str())
        .collect();
    assert!(names.contains(&"市场 Q1"), "{json}");
    let tasks = user.run("--board '市场 Q1' task list --json");
    let json: serde_json::Value = serde_json::from_slice(&tasks.stdout).expect("JSON");
    assert_eq!(json["tasks"][0]["title"], "First card");
}

/// A config that asks for Chinese and has a mistake: the first screen says
/// so in Chinese, mistake and all, and the rest of the file applies.
#[test]
fn a_chinese_config_s_mistake_is_told_in_chinese() {
    let Some(user) = User::fresh() else {
        return;
    };
    user.config("language = \"zh\"\nweek_start = \"someday\"\n");
    assert!(user.run("demo").status.success());
    let tmux = user.tui(160, 30);
    tmux.wait_for("配置 第 2 行，week_start：应为星期几的英文名");
    tmux.wait_for("看板");
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

/// A config that remaps `H`/`L` on the board and picks the light theme:
/// the new keys move cards, the old ones do not, the footer shows the new
/// ones, and nothing is drawn in cyan (which fades on white).
#[test]
fn a_config_remaps_keys_and_picks_the_light_theme() {
    let Some(user) = User::fresh() else {
        return;
    };
    user.config(
        "[theme]\nname = \"light\"\n\n[keys.board]\nmove_card_left = \"Y\"\nmove_card_right = \"U\"\n",
    );
    assert!(user.run("demo").status.success());
    let tmux = user.tui(120, 30);
    tmux.wait_for("Doing 5/5");
    // The footer shows the configured keys (waited for: the first frame
    // may be caught half written).
    tmux.wait_for("YU move");
    // T-4 is the first card of To do. L does nothing now; U moves it.
    tmux.keys(&["L"]);
    tmux.keys(&["U"]);
    tmux.wait_for("Doing 6/5");
    let colours = tmux
        .cmd()
        .args(["capture-pane", "-e", "-p", "-t", &tmux.session])
        .output()
        .expect("capture-pane");
    let colours = String::from_utf8_lossy(&colours.stdout);
    assert!(colours.contains('\u{1b}'), "captured with colours");
    assert!(
        !colours.contains("[36m") && !colours.contains(";36m"),
        "no cyan:\n{colours}"
    );
    tmux.keys(&["q"]);
    tmux.wait_exit();
    let out = user.run("task list --json");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let t4 = json["tasks"]
        .as_array()
        .and_then(|tasks| tasks.iter().find(|t| t["id"] == "T-4"))
        .expect("T-4 listed");
    assert_eq!(t4["column"], "doing", "{t4}");
}

/// The README's own shell commands, in order, on a fresh data directory,
/// as a newcomer types them: each succeeds. `cargo run --release --` and
/// `standup` are the release binary (`cargo install --path .` puts it on
/// the PATH, here a link in a folder of the test's own); a command that
/// opens the board runs in tmux and is quit with `q`; `cargo test` is what
/// runs this test, and is passed over.
#[test]
fn the_readme_commands_work_in_order_on_a_fresh_machine() {
    let Some(user) = User::fresh() else {
        return;
    };
    let work = user.dir.path().join("work");
    let bin = user.dir.path().join("bin");
    std::fs::create_dir_all(work.join("team")).expect("work folder");
    std::fs::create_dir_all(&bin).expect("bin folder");
    // The files the moving-in steps import, as the team would have them.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for (from, to) in [
        ("progress-gbk.csv", "进度表.csv"),
        ("jira-pay.csv", "jira.csv"),
    ] {
        std::fs::copy(fixtures.join(from), work.join(to)).expect("an export to import");
    }
    // The sharing steps run in a repository, as the README says.
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(&work)
        .status();
    if !git.is_ok_and(|s| s.success()) {
        eprintln!("git is not installed: the README's sharing steps are not tried");
        return;
    }
    let readme = include_str!("../../README.md");
    let mut lines = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        match (in_sh, line.trim()) {
            (false, "```sh") => in_sh = true,
            (true, "```") => in_sh = false,
            (true, text) if !text.is_empty() => lines.push(text.to_string()),
            _ => {}
        }
    }
    assert!(lines.len() >= 10, "the README's commands: {lines:?}");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for line in &lines {
        // A comment after two spaces is the README's, not the shell's.
        let command = line.split("  #").next().unwrap_or(line).trim();
        match command {
            "cargo test" => continue,
            "cargo install --path ." => {
                std::os::unix::fs::symlink(binary(), bin.join("standup")).expect("on the PATH");
            }
            "cargo run --release" | "standup" => {
                let program = format!(
                    "sh -c 'cd {} && PATH={path} {} {}; echo EXIT=$?; sleep 30'",
                    work.display(),
                    user.env,
                    if command == "standup" {
                        "standup".into()
                    } else {
                        binary()
                    }
                );
                let tmux = Tmux::start(user.dir.path(), &program, 120, 30);
                tmux.wait_for("1 Board");
                tmux.keys(&["q"]);
                let screen = tmux.wait_for("EXIT=");
                assert!(screen.contains("EXIT=0"), "`{command}`:\n{screen}");
                drop(tmux);
            }
            _ => {
                let command = command.replacen("cargo run --release --", &binary(), 1);
                let out = Command::new("sh")
                    .arg("-c")
                    .arg(format!("PATH={path} {} {command}", user.env))
                    .current_dir(&work)
                    .output()
                    .expect("sh runs");
                assert!(
                    out.status.success(),
                    "`{command}` failed:\n{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        ran += 1;
    }
    assert!(ran >= 10, "ran {ran} of the README's commands");
}

/// With `[publish] dir`, the board's web page is kept current: a card
/// added by keys is in the page moments later, without leaving the TUI,
/// and a change made from the shell is too.
#[test]
fn a_published_page_follows_edits_in_the_tui_and_the_shell() {
    let Some(user) = User::fresh() else {
        return;
    };
    let shared = user.dir.path().join("shared drive");
    user.config(&format!("[publish]\ndir = \"{}\"\n", shared.display()));
    assert!(user.run("demo").status.success());
    let page = shared.join("Double 12 campaign 双十二大促.html");
    let tui = user.tui(100, 30);
    tui.wait_for("To do");
    tui.keys(&["n"]);
    tui.wait_for("New card");
    tui.type_text("Poster proofs for the shared drive");
    tui.keys(&["Enter"]);
    tui.wait_for("Added T-18");
    // Saved on the saving thread once typing pauses; the page follows.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        if text.contains("Poster proofs for the shared drive") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the page never showed the new card"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    tui.keys(&["q"]);
    tui.wait_exit();
    assert!(
        user.run("task add \"Printed from the shell\"")
            .status
            .success()
    );
    let text = std::fs::read_to_string(&page).expect("the page");
    assert!(
        text.contains("Printed from the shell"),
        "the shell's change"
    );
    let out = user.run("publish");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Published "));
}

#[test]
fn ending_a_standup_offers_to_post_its_minutes_and_y_posts_them() {
    let Some(user) = User::fresh() else {
        return;
    };
    let bot = crate::common::standin::StandIn::start(
        "/cgi-bin/webhook/send?key=k1234567890ab",
        |_, _| {
            crate::common::standin::Reply::Answer(
                200,
                vec![],
                r#"{"errcode":0,"errmsg":"ok"}"#.into(),
            )
        },
    );
    user.config(&format!(
        "[chat.team]\nkind = \"wecom\"\nurl = \"{}\"\n",
        bot.url
    ));
    assert!(user.run("demo").status.success());
    let tmux = user.tui(120, 36);
    tmux.wait_for("Doing 5/5");
    tmux.keys(&["4"]);
    tmux.wait_for("No standup running");
    tmux.keys(&["s"]);
    tmux.wait_for("Standup started");
    tmux.keys(&["X"]);
    tmux.wait_for("End the standup");
    tmux.keys(&["y"]);
    // Never sent unasked: a question, and nothing at the bot yet.
    tmux.wait_for("Post the minutes to [chat.team] (wecom)?");
    assert!(bot.seen().is_empty());
    tmux.keys(&["y"]);
    tmux.wait_for("Posted to [chat.team] (wecom)");
    let seen = bot.seen();
    assert_eq!(seen.len(), 1);
    let content = seen[0].json()["markdown"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        content.starts_with("# Standup — Double 12 campaign"),
        "{content}"
    );
    tmux.keys(&["q"]);
    tmux.wait_exit();
}
