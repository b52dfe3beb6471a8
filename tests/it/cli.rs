//! The command line against a temporary data directory: output, exit codes,
//! and the board left untouched by anything refused.

use crate::common;

use std::fs;

use predicates::prelude::*;
use serde_json::Value;

use common::home::Home;

#[test]
fn help_is_on_every_command() {
    let home = Home::new();
    for args in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["demo", "--help"],
        vec!["party", "add", "--help"],
        vec!["task", "add", "--help"],
        vec!["task", "list", "--help"],
        vec!["export", "--help"],
    ] {
        home.run(&args)
            .success()
            .stdout(predicate::str::contains("Usage: standup"));
    }
}

#[test]
fn init_creates_the_board_in_the_data_directory() {
    let home = Home::new();
    home.run(&[
        "init",
        "--name",
        "Growth plan",
        "--goal",
        "20% more members",
    ])
    .success()
    .stdout(predicate::str::contains("Created board"));
    let text = fs::read_to_string(home.board()).unwrap();
    assert!(text.starts_with(
        "{\n  \"format\": \"standup-board\",\n  \"version\": 1,\n  \"name\": \"Growth plan\""
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(home.board()).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    home.run(&["init"])
        .success()
        .stdout(predicate::str::contains("is ready"));
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let home = Home::new();
    home.demo();
    let before = fs::read(home.board()).unwrap();
    home.run(&["demo"])
        .code(2)
        .stderr(predicate::str::contains("exists already"));
    assert_eq!(fs::read(home.board()).unwrap(), before);
    home.run(&["task", "rm", "T-1"]).success();
    home.run(&["demo", "--force"]).success();
    assert_eq!(
        fs::read(home.board()).unwrap(),
        before,
        "the demo is deterministic under STANDUP_NOW"
    );
}

#[test]
fn task_commands_change_the_board() {
    let home = Home::new();
    home.demo();
    home.run(&[
        "task",
        "add",
        "Prepare gift boxes",
        "--owner",
        "市场部",
        "--due",
        "fri",
        "--risk",
        "high",
        "--depends",
        "T-2,T-6",
    ])
    .success()
    .stdout("Added T-18 to To do, due 2026-11-27\n");
    home.run(&["task", "move", "t-18", "review"])
        .success()
        .stdout("Moved T-18 to Review\n")
        .stderr(predicate::str::contains(
            "Review is over its WIP limit (4/3)",
        ));
    home.run(&[
        "task",
        "edit",
        "T-18",
        "--title",
        "Prepare gift boxes 礼盒",
        "--due",
        "+2w",
        "--risk",
        "-",
    ])
    .success()
    .stdout("Updated T-18\n");
    home.run(&["task", "edit", "T-18", "--title", "Prepare gift boxes 礼盒"])
        .success()
        .stdout("T-18 unchanged\n");
    home.run(&["task", "done", "18"])
        .success()
        .stdout("Moved T-18 to Done\n");
    let rows = home.json(&["task", "list", "--column", "DONE", "--json"]);
    let row = rows["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "T-18")
        .expect("T-18 listed")
        .clone();
    assert_eq!(row["title"], "Prepare gift boxes 礼盒");
    assert_eq!(row["owner"], "mkt");
    assert_eq!(row["due"], "2026-12-07");
    assert_eq!(row["column"], "done");
    assert_eq!(row["depends_on"], serde_json::json!(["T-2", "T-6"]));
    assert_eq!(row["blocked_by"], serde_json::json!(["T-6"]));
    assert_eq!(row["overdue"], false);
    assert!(row.get("risk").is_none(), "cleared risk is omitted");
    assert_eq!(row["finished"], common::NOW);
    home.run(&["task", "rm", "T-18"])
        .success()
        .stdout("Deleted T-18\n");
    home.run(&["task", "add", "Next one"])
        .success()
        .stdout("Added T-19 to To do\n");
}

#[test]
fn task_list_filters_and_aligns_wide_text() {
    let home = Home::new();
    home.demo();
    let overdue = home.json(&["task", "list", "--overdue", "--json"]);
    let ids: Vec<&str> = overdue["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["T-5", "T-17", "T-8"]);
    let blocked = home.json(&["task", "list", "--blocked", "--json"]);
    assert_eq!(blocked["tasks"].as_array().unwrap().len(), 3);
    let out = home
        .cmd()
        .args(["task", "list", "--owner", "mkt"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("ID    COLUMN  OWNER  DUE         RISK  FLAGS    TITLE"),
        "{text}"
    );
    // The title column starts at the same display column on every line.
    let title_at = |line: &str, title: &str| {
        unicode_width::UnicodeWidthStr::width(&line[..line.find(title).unwrap()])
    };
    let chinese = lines.iter().find(|l| l.contains("活动文案")).unwrap();
    let plain = lines
        .iter()
        .find(|l| l.contains("Channel promotion plan"))
        .unwrap();
    assert_eq!(title_at(chinese, "活动文案"), title_at(plain, "Channel"));
}

#[test]
fn parties_are_added_and_listed() {
    let home = Home::new();
    home.run(&["party", "add", "mkt", "市场部"])
        .success()
        .stdout("Added party mkt (市场部)\n");
    home.run(&[
        "party",
        "add",
        "wang",
        "Wang Li",
        "--kind",
        "person",
        "--department",
        "市场部",
    ])
    .success();
    home.run(&["party", "add", "mkt", "Marketing"])
        .code(2)
        .stderr("standup: a party with code `mkt` exists already\n");
    let parties = home.json(&["party", "list", "--json"]);
    assert_eq!(
        parties,
        serde_json::json!({"parties": [
            {"code": "mkt", "name": "市场部", "kind": "department"},
            {"code": "wang", "name": "Wang Li", "kind": "person", "department": "mkt"}
        ]})
    );
}

#[test]
fn bad_input_exits_2_names_the_problem_and_changes_nothing() {
    let home = Home::new();
    home.demo();
    let before = fs::read(home.board()).unwrap();
    let cases: [(&[&str], &str); 10] = [
        (&["task", "add", "  "], "the title is empty"),
        (
            &["task", "add", "x", "--owner", "nobody"],
            "there is no party `nobody`",
        ),
        (
            &["task", "add", "x", "--column", "later"],
            "there is no column `later` (columns: todo, doing, review, done)",
        ),
        (
            &["task", "add", "x", "--due", "2026-02-30"],
            "`2026-02-30` is not a date: February 2026 has 28 days",
        ),
        (
            &["task", "add", "x", "--risk", "huge"],
            "`huge` is not a risk",
        ),
        (
            &["task", "add", "x", "--depends", "T-99"],
            "there is no task T-99",
        ),
        (&["task", "move", "T-99", "done"], "there is no task T-99"),
        (&["task", "move", "X-1", "done"], "`X-1` is not a task id"),
        (
            &["task", "edit", "T-6", "--depends", "T-11"],
            "T-6 cannot depend on T-11",
        ),
        (&["task", "unblock", "T-1"], "T-1 is not blocked"),
    ];
    for (args, message) in cases {
        home.run(args)
            .code(2)
            .stderr(predicate::str::contains(message));
        assert_eq!(
            fs::read(home.board()).unwrap(),
            before,
            "{args:?} changed the board"
        );
    }
    home.run(&["task", "list", "--bogus"]).code(2);
}

#[test]
fn an_unreadable_board_is_refused_by_every_command() {
    let home = Home::new();
    fs::create_dir_all(home.board().parent().unwrap()).unwrap();
    let broken = "{\n  \"format\": \"standup-board\",\n  \"version\": 1\n  \"name\": \"x\"\n}\n";
    fs::write(home.board(), broken).unwrap();
    for args in [
        vec!["task", "list"],
        vec!["task", "add", "x"],
        vec!["init"],
        vec!["export"],
        vec![],
    ] {
        home.run(&args).code(2).stderr(
            predicate::str::contains("line 4, column 3: expected `,` or `}`")
                .and(predicate::str::contains("board.json")),
        );
        assert_eq!(fs::read_to_string(home.board()).unwrap(), broken);
    }
    // The reason is said once, not repeated by the error chain.
    let out = home.cmd().args(["task", "list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("expected `,` or `}`").count(), 1, "{stderr}");
    let newer = "{\"format\": \"standup-board\", \"version\": 9, \"columns\": []}";
    fs::write(home.board(), newer).unwrap();
    home.run(&["task", "list"])
        .code(2)
        .stderr(predicate::str::contains("written by a newer standup"));
}

#[test]
fn export_json_is_the_board_file() {
    let home = Home::new();
    home.demo();
    home.run(&["export", "--format", "json"])
        .success()
        .stdout(fs::read_to_string(home.board()).unwrap());
}

#[test]
fn check_exits_1_on_a_broken_raci_rule() {
    let home = Home::new();
    home.demo();
    home.run(&["check"])
        .code(1)
        .stdout(predicate::str::contains("T-4  no-accountable"));
    home.run(&["task", "rm", "T-4"]).success();
    home.run(&["check"])
        .success()
        .stdout(predicate::str::contains("no problems found"));
}

#[test]
fn boards_by_name_by_path_and_from_the_environment() {
    let home = Home::new();
    home.run(&["--board", "campaign", "task", "add", "Named"])
        .success();
    assert!(
        home.dir
            .path()
            .join("data/standup/boards/campaign.json")
            .exists()
    );
    let path = home.dir.path().join("team/board.json");
    home.run(&["--board", path.to_str().unwrap(), "task", "add", "By path"])
        .success();
    assert!(path.exists());
    home.cmd()
        .env("STANDUP_BOARD", &path)
        .args(["task", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("By path"));
    assert!(
        !home.board().exists(),
        "the default board was never touched"
    );
}

#[test]
fn a_bad_standup_now_is_refused() {
    let home = Home::new();
    home.cmd()
        .env("STANDUP_NOW", "yesterday")
        .args(["task", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("STANDUP_NOW"));
}

#[test]
fn the_tui_refuses_to_start_without_a_terminal() {
    let home = Home::new();
    home.run(&[])
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn columns_are_managed_from_the_shell() {
    let home = Home::new();
    home.demo();
    home.run(&["column", "add", "QA", "--wip", "2"])
        .success()
        .stdout("Added column QA (qa)\n");
    home.run(&["column", "wip", "doing", "-"])
        .success()
        .stdout("Doing: no WIP limit\n");
    home.run(&["column", "rename", "qa", "质检"])
        .success()
        .stdout("Renamed column QA to 质检\n");
    home.run(&["column", "move", "质检", "2"])
        .success()
        .stdout("Columns: To do → 质检 → Doing → Review → Done\n");
    home.run(&["column", "list"]).success().stdout(
        predicate::str::contains("2  qa      质检")
            .and(predicate::str::contains("3   (over)").not())
            .and(predicate::str::contains("review  Review  3      3")),
    );
    let columns = home.json(&["column", "list", "--json"]);
    assert_eq!(columns["columns"][1]["id"], "qa");
    assert_eq!(columns["columns"][1]["wip"], 2);
    assert_eq!(columns["columns"][1]["count"], 0);
    assert_eq!(columns["columns"][2]["wip"], Value::Null);
    // Refusals: exit 2, a reason, the board untouched.
    let before = fs::read(home.board()).unwrap();
    home.run(&["column", "rm", "review"])
        .code(2)
        .stderr("standup: column `Review` still holds 3 card(s): say which column they go to\n");
    home.run(&["column", "wip", "doing", "0"])
        .code(2)
        .stderr(predicate::str::contains("WIP limit must be 1 or more"));
    home.run(&["column", "wip", "doing", "lots"])
        .code(2)
        .stderr(predicate::str::contains("`lots` is not a WIP limit"));
    home.run(&["column", "move", "qa", "0"]).code(2);
    home.run(&["column", "rename", "nowhere", "x"])
        .code(2)
        .stderr(predicate::str::contains("there is no column `nowhere`"));
    assert_eq!(fs::read(home.board()).unwrap(), before);
    home.run(&["column", "rm", "qa"])
        .success()
        .stdout("Deleted column 质检\n");
}

#[test]
fn task_list_filters_match_the_board_pane() {
    let home = Home::new();
    home.demo();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["task", "list", "--json"];
        all.extend_from_slice(args);
        home.json(&all)["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--text", "campaign"]), ["T-13", "T-16", "T-1"]);
    assert_eq!(ids(&["--text", "campaign page"]), ["T-1"]);
    assert_eq!(ids(&["--owner", "tech", "--overdue"]), ["T-5"]);
    let risky = ids(&["--at-risk"]);
    assert!(risky.contains(&"T-5".to_string()) && !risky.contains(&"T-3".to_string()));
    home.run(&["task", "add", "Brief", "--depends", "T-1,T-2"])
        .success()
        .stdout("Added T-18 to To do\n");
    assert_eq!(
        ids(&["--blocked", "--column", "todo"]),
        ["T-11", "T-13", "T-18"]
    );
    home.run(&["task", "edit", "T-18", "--depends", "T-99"])
        .code(2)
        .stderr("standup: there is no task T-99\n");
}
