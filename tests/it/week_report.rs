//! `standup report --week`: golden files at the pinned moment, byte for byte,
//! through the real binary. `STANDUP_BLESS=1 cargo test --test it week_report`
//! rewrites them after a deliberate change (never in CI: read the diff).

use crate::common;

use std::path::PathBuf;

use common::home::Home;

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `actual` with the golden file, or writes it when blessing.
pub fn check(name: &str, actual: &str) {
    let path = golden(name);
    let bless = std::env::var_os("STANDUP_BLESS").is_some() && std::env::var_os("CI").is_none();
    if bless {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("golden folder");
        std::fs::write(&path, actual).expect("golden written");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (STANDUP_BLESS=1 writes it)", path.display()));
    if expected != actual {
        panic!(
            "{name} differs from its golden file; STANDUP_BLESS=1 rewrites it.\n--- golden\n{expected}\n--- now\n{actual}"
        );
    }
}

fn report(home: &Home, args: &[&str]) -> String {
    let out = home.run(args).success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8")
}

fn demo_home() -> Home {
    let home = Home::new();
    home.demo();
    home
}

#[test]
fn this_week_of_the_demo_board() {
    let home = demo_home();
    check("week-demo.md", &report(&home, &["report", "--week"]));
    check(
        "week-demo.json",
        &report(&home, &["report", "--week", "--format", "json"]),
    );
}

#[test]
fn last_week_of_the_demo_board_as_it_stood_at_its_end() {
    let home = demo_home();
    let md = report(&home, &["report", "--week", "2026-11-18"]);
    assert!(md.contains("As of the end of Sun 22 Nov"), "{md}");
    check("week-demo-last.md", &md);
    // A weekday name looks back, as report dates do: `wed` on a Monday is
    // last week's Wednesday.
    assert_eq!(report(&home, &["report", "--week", "wed"]), md);
}

#[test]
fn a_hand_written_log_with_a_card_moved_back_and_forth() {
    let home = Home::new();
    let text = include_str!("../fixtures/flow/moves.json");
    std::fs::create_dir_all(home.board().parent().expect("folder")).expect("data dir");
    std::fs::write(home.board(), text).expect("board");
    let md = report(&home, &["report", "--week", "2026-11-16"]);
    // T-2 finished again on the 19th; T-6 was finished and then deleted,
    // so it counts in the figures but has no card to list.
    assert!(
        md.contains("T-2 Checkout load test (15.0d in cycle"),
        "{md}"
    );
    assert!(md.contains("3 finished"), "{md}");
    check("week-moves.md", &md);
    let json: serde_json::Value = serde_json::from_str(&report(
        &home,
        &["report", "--week", "2026-11-09", "--format", "json"],
    ))
    .expect("JSON");
    // The week of the 9th finished nothing.
    assert_eq!(json["flow"]["throughput"], 0);
    assert_eq!(json["flow"]["median_cycle_days"], serde_json::Value::Null);
    let trend: Vec<u64> = json["flow"]["trend"]
        .as_array()
        .expect("trend")
        .iter()
        .map(|w| w["finished"].as_u64().expect("a count"))
        .collect();
    assert_eq!(trend, [0, 0, 1, 0]);
}

#[test]
fn an_empty_board_has_a_short_report() {
    let home = Home::new();
    home.run(&["init", "--name", "Empty"]).success();
    check("week-empty.md", &report(&home, &["report", "--week"]));
}

#[test]
fn bad_week_dates_are_refused_with_the_flag_named() {
    let home = demo_home();
    let before = std::fs::read(home.board()).expect("board");
    home.run(&["report", "--week", "2026-02-30"])
        .code(2)
        .stderr(predicates::str::contains("--week"))
        .stderr(predicates::str::contains("2026-02-30"));
    home.run(&["report", "--week", "--date", "today"]).code(2);
    assert_eq!(std::fs::read(home.board()).expect("board"), before);
}

/// The demo board's week and minutes under a Chinese locale: golden
/// files, and no English sentence left once the board's own words (its
/// titles, names, notes and reasons, which are the team's) are set aside.
#[test]
fn the_demo_board_s_week_and_minutes_in_chinese() {
    let home = demo_home();
    let zh = |args: &[&str]| {
        let out = home
            .cmd()
            .env("LANG", "zh_CN.UTF-8")
            .args(args)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let week = zh(&["report", "--week"]);
    let minutes = zh(&["report"]);
    check("week-demo.zh.md", &week);
    check("minutes-demo.zh.md", &minutes);
    // The board's own words, longest first so that a title's part does not
    // hide the rest of it.
    let board: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(home.board()).expect("board")).expect("JSON");
    let mut own: Vec<String> = Vec::new();
    let mut collect = |v: &serde_json::Value| {
        for key in [
            "title",
            "name",
            "goal",
            "note",
            "reason",
            "support",
            "resolution",
            "text",
            "topic",
        ] {
            if let Some(s) = v.get(key).and_then(|s| s.as_str()) {
                own.push(s.to_string());
            }
        }
    };
    collect(&board);
    for list in ["tasks", "issues", "parties", "columns", "standups"] {
        for item in board[list].as_array().into_iter().flatten() {
            collect(item);
            if let Some(b) = item.get("blocked") {
                collect(b);
            }
            for inner in ["decisions", "parked"] {
                for d in item[inner].as_array().into_iter().flatten() {
                    collect(d);
                }
            }
        }
    }
    own.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for text in [&week, &minutes] {
        let mut left = text.clone();
        for words in &own {
            left = left.replace(words.as_str(), " ");
        }
        if let Some(line) = crate::common::english_left(&left, &["RACI", "WIP", "SKU", "SLA"]) {
            panic!("English left: {line}");
        }
    }
}
