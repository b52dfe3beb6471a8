//! The RACI matrix from the shell and from the keyboard: import what a lead
//! pastes from a spreadsheet, refuse what is malformed (naming line and
//! column), check the rules, export to CSV and Markdown and back.

use crate::common;

use std::fs;

use predicates::prelude::*;
use proptest::prelude::*;
use standup::model::matrix::{self, import_actions};
use standup::model::{Action, Board, NewTask, PartyKind, Role};

use common::home::Home;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_fixture_imports_and_checks_as_its_readme_says() {
    let home = Home::new();
    home.run(&["raci", "import", &fixture("raci-campaign-en.tsv")])
        .success()
        .stdout("Imported 5 rows: 4 new parties, 5 new tasks, 17 cells changed\n");
    let problems = home.json_any(&["raci", "check", "--json"]);
    let rules: Vec<(&str, &str)> = problems["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap_or(""),
                p["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("Customer service training", "no-accountable"),
            ("Payment load test", "multiple-accountable"),
            ("Payment load test", "no-responsible"),
        ]
    );
    home.run(&["raci", "check"]).code(1);
    // The same table again changes nothing.
    home.run(&["raci", "import", &fixture("raci-campaign-en.tsv")])
        .success()
        .stdout("Imported 5 rows: 0 new parties, 0 new tasks, 0 cells changed\n");

    let zh = Home::new();
    zh.run(&["raci", "import", &fixture("raci-campaign-zh.tsv")])
        .success();
    zh.run(&["raci", "show"])
        .success()
        .stdout(predicate::str::contains(
            "T-2  TOP10 SKU 库存盘点  I       A/R",
        ));

    let csv = Home::new();
    csv.run(&["raci", "import", &fixture("raci-complaint.csv")])
        .success();
    csv.run(&["raci", "check"])
        .success()
        .stdout("No RACI problems.\n");
    let shown = csv.json_any(&["raci", "show", "--json"]);
    assert_eq!(shown["raci"][2]["title"], "Update FAQ, scripts");
    assert_eq!(shown["raci"][2]["roles"]["cs"], "R");
}

#[test]
fn spreadsheet_quirks_are_accepted() {
    let home = Home::new();
    let text =
        "\u{feff}任务/部门,市场部,Tech\r\n\"Launch, phase 1\", ar , c\r\nBanner,RA,\r\n\r\n\r\n";
    let file = home.write("paste.csv", text);
    home.run(&["raci", "import", &file]).success();
    let shown = home.json_any(&["raci", "show", "--json"]);
    assert_eq!(shown["raci"][0]["title"], "Launch, phase 1");
    assert_eq!(shown["raci"][0]["roles"]["市场"], "A/R");
    assert_eq!(shown["raci"][0]["roles"]["tech"], "C");
    assert_eq!(shown["raci"][1]["roles"]["市场"], "A/R");
}

#[test]
fn malformed_tables_fail_whole_naming_line_and_column() {
    let home = Home::new();
    home.run(&["demo"]).success();
    let before = fs::read(home.board()).unwrap();
    for (text, message) in [
        (
            "task,Marketing,Tech\nPage,R,A\nBanner,是,A\n",
            "line 3, column 2: `是` is not a role",
        ),
        (
            "task\tMarketing\tmarketing\n",
            "line 1, column 3: `marketing` is named twice (also column 2)",
        ),
        (
            "task,Marketing\nPage,R,A\n",
            "line 2, column 3: this row has 3 cells, but the header names 2 columns",
        ),
        (
            "task,Marketing\n,R\n",
            "line 2, column 1: the task title is empty",
        ),
        (
            "task,Marketing\n\"Page,R\n",
            "line 2, column 1: a quote opened here is never closed",
        ),
        ("", "line 1, column 1: the table is empty"),
        (
            "task\nPage\n",
            "line 1, column 2: the header names no party",
        ),
    ] {
        let file = home.write("bad.csv", text);
        home.run(&["raci", "import", &file])
            .code(2)
            .stderr(predicate::str::contains(message));
        assert_eq!(fs::read(home.board()).unwrap(), before, "{text:?}");
    }
    let file = home.write("latin1.csv", "");
    fs::write(&file, b"task,M\xe4rketing\n").unwrap();
    home.run(&["raci", "import", &file])
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
}

#[test]
fn raci_set_and_check_exit_codes() {
    let home = Home::new();
    home.run(&["demo"]).success();
    // The demo's T-4 has no A: an error, exit 1.
    home.run(&["raci", "check"]).code(1);
    home.run(&["raci", "set", "T-4", "市场部", "a"])
        .success()
        .stdout("T-4: mkt is A\n");
    home.run(&["raci", "check"])
        .success()
        .stdout(predicate::str::contains("no-accountable").not());
    home.run(&["raci", "set", "T-4", "mkt", "-"])
        .success()
        .stdout("T-4: mkt has no role\n");
    home.run(&["raci", "set", "T-4", "mkt", "X"])
        .code(2)
        .stderr(predicate::str::contains("`X` is not a role"));
    home.run(&["raci", "set", "T-4", "nobody", "R"])
        .code(2)
        .stderr(predicate::str::contains("there is no party `nobody`"));
}

#[test]
fn markdown_export_is_a_table_with_the_problems_under_it() {
    let home = Home::new();
    home.run(&["raci", "import", &fixture("raci-campaign-en.tsv")])
        .success();
    home.run(&["raci", "export", "--format", "md"])
        .success()
        .stdout(
            predicate::str::starts_with(
                "| Task | Marketing | Product | Sales | Tech |\n|---|---|---|---|---|\n| T-1 Campaign page design | R | A | C | I |",
            )
            .and(predicate::str::contains(
                "- error `no-accountable` T-4 Customer service training:",
            )),
        );
}

/// A board with the given parties and a matrix of roles (row per task).
fn board_with(parties: &[String], rows: &[(String, Vec<Option<Role>>)]) -> Board {
    let mut board = Board::new("matrix", "");
    let at = common::now();
    for (i, name) in parties.iter().enumerate() {
        board
            .apply(
                &Action::AddParty {
                    code: format!("q{i}"),
                    name: name.clone(),
                    kind: PartyKind::Department,
                    department: None,
                },
                at,
            )
            .unwrap();
    }
    for (title, roles) in rows {
        let id = board
            .apply(
                &Action::AddTask(NewTask {
                    title: title.clone(),
                    ..Default::default()
                }),
                at,
            )
            .unwrap()
            .created
            .unwrap()
            .parse()
            .unwrap();
        for (i, role) in roles.iter().enumerate() {
            if let Some(role) = role {
                board
                    .apply(
                        &Action::SetRole {
                            task: id,
                            party: format!("q{i}"),
                            role: Some(*role),
                        },
                        at,
                    )
                    .unwrap();
            }
        }
    }
    board
}

/// Each task's roles by party name: the matrix as a reader sees it.
fn matrix_of(board: &Board) -> Vec<(String, Vec<(String, Role)>)> {
    board
        .tasks
        .values()
        .map(|t| {
            let mut roles: Vec<(String, Role)> = t
                .raci
                .iter()
                .map(|(code, role)| {
                    let name = board
                        .party(code)
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    (name, *role)
                })
                .collect();
            roles.sort();
            (t.title.clone(), roles)
        })
        .collect()
}

fn role() -> impl Strategy<Value = Option<Role>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(Role::Responsible)),
        1 => Just(Some(Role::Accountable)),
        1 => Just(Some(Role::Consulted)),
        1 => Just(Some(Role::Informed)),
        1 => Just(Some(Role::AccountableResponsible)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Export to CSV, import into an empty board: the same matrix.
    #[test]
    fn csv_export_round_trips(
        parties in proptest::collection::btree_set("[A-Za-z市场部技术 ,\"]{1,8}", 1..6),
        rows in proptest::collection::vec(("[A-Za-z0-9活动页面 ,\"]{1,12}", proptest::collection::vec(role(), 6)), 0..12),
    ) {
        let parties: Vec<String> = parties.into_iter().filter(|p| !p.trim().is_empty()).collect();
        let mut seen = std::collections::HashSet::new();
        let parties: Vec<String> = parties.into_iter().filter(|p| seen.insert(p.trim().to_lowercase())).map(|p| p.trim().to_string()).collect();
        prop_assume!(!parties.is_empty());
        let rows: Vec<(String, Vec<Option<Role>>)> = rows
            .into_iter()
            .filter(|(t, _)| !t.trim().is_empty())
            .map(|(t, r)| (t.trim().to_string(), r[..parties.len()].to_vec()))
            .collect();
        let original = board_with(&parties, &rows);
        let csv = matrix::to_csv(&original);
        let table = matrix::parse(&csv).map_err(|e| TestCaseError::fail(format!("{e}\n{csv}")))?;
        let mut copy = Board::new("copy", "");
        for action in import_actions(&copy.clone(), &table) {
            copy.apply(&action, common::now()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert_eq!(matrix_of(&copy), matrix_of(&original), "{}", csv);
    }
}

#[test]
fn the_grid_is_filled_with_single_keys_and_undone_with_u() {
    use common::tui::{app, draw, press, text};
    let mut app = app(common::demo());
    // T-4 is the fourth row; Tech the fourth party.
    press(&mut app, "2jjjlll");
    let t4 = "T-4".parse().unwrap();
    assert_eq!(app.board().tasks[&t4].raci.get("tech"), None);
    press(&mut app, "a");
    assert_eq!(
        app.board().tasks[&t4].raci.get("tech"),
        Some(&Role::Accountable)
    );
    assert!(
        !app.view().raci_rules.contains_key(&t4),
        "the row's error is gone"
    );
    press(&mut app, "R");
    assert_eq!(
        app.board().tasks[&t4].raci.get("tech"),
        Some(&Role::AccountableResponsible)
    );
    press(&mut app, " ");
    assert_eq!(app.board().tasks[&t4].raci.get("tech"), None);
    press(&mut app, "uu");
    assert_eq!(
        app.board().tasks[&t4].raci.get("tech"),
        Some(&Role::Accountable)
    );
    press(&mut app, "uu");
    assert_eq!(*app.board(), common::demo());
    press(&mut app, "<esc>");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("r a c i R set"), "{screen}");
}

#[test]
fn parties_are_renamed_moved_and_removed_from_the_shell() {
    let home = Home::new();
    home.demo();
    home.run(&["party", "rename", "sales", "销售部"])
        .success()
        .stdout("Renamed sales to 销售部\n");
    home.run(&["party", "move", "销售部", "1"])
        .success()
        .stdout("Parties: sales, mkt, prod, tech, lin\n");
    home.run(&["party", "move", "sales", "0"])
        .code(2)
        .stderr(predicate::str::contains("positions start at 1"));
    // A party in use is kept unless --force, and the board is untouched.
    let before = fs::read(home.board()).unwrap();
    home.run(&["party", "rm", "mkt"])
        .code(2)
        .stderr(predicate::str::contains("holds 10 roles"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read(home.board()).unwrap(), before);
    home.run(&["party", "rm", "mkt", "--force"])
        .success()
        .stdout(predicate::str::contains(
            "Removed party mkt, which holds 10 roles",
        ));
    // Nothing but the history (the activity log and the records of past
    // standups) names mkt any more.
    let mut board = home.json(&["export"]);
    board["log"] = serde_json::Value::Null;
    board["standups"] = serde_json::Value::Null;
    assert!(
        !board.to_string().contains("\"mkt\""),
        "no reference to mkt is left"
    );
    home.run(&["check"]).stderr(predicate::str::is_empty());
    // One with no role goes at once.
    home.run(&["party", "add", "legal", "法务部"]).success();
    home.run(&["party", "rm", "法务部"])
        .success()
        .stdout("Removed party legal\n");
}

#[test]
fn raci_show_party_lists_a_and_r_late_first() {
    let home = Home::new();
    home.demo();
    let out = home.run(&["raci", "show", "--party", "市场部"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.starts_with("市场部 (mkt): R on 4, A on 3, C on 2, I on 2\n"),
        "{text}"
    );
    let late = text.find(" late ").expect("a late task");
    let open = text.find(" open ").expect("an open one");
    assert!(late < open, "{text}");
    let json = home.json(&["raci", "show", "--party", "mkt", "--json"]);
    assert_eq!(json["party"]["code"], "mkt");
    assert_eq!(json["load"]["a"], 3);
    let tasks = json["tasks"].as_array().expect("tasks");
    assert_eq!(tasks[0]["state"], "late");
    assert_eq!(tasks[0]["id"], "T-8");
    assert!(tasks.iter().all(|t| t["role"] != "C" && t["role"] != "I"));
    home.run(&["raci", "show", "--party", "nobody"])
        .code(2)
        .stderr(predicate::str::contains("there is no party `nobody`"));
}

#[test]
fn raci_limits_are_shown_set_and_checked() {
    let home = Home::new();
    home.demo();
    home.run(&["raci", "limits"]).success().stdout(
        "RACI limits: warn at 3 R or more on a task, more than 3 C; a party is overloaded above 5 R or 3 A\n",
    );
    let overloaded = |home: &Home| {
        home.json_any(&["raci", "check", "--json"])["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .filter(|p| p["rule"] == "overloaded")
            .count()
    };
    let before = overloaded(&home);
    home.run(&["raci", "limits", "--overload-a", "10", "--overload-r", "10"])
        .success()
        .stdout(predicate::str::contains("overloaded above 10 R or 10 A"));
    assert!(overloaded(&home) < before);
    home.run(&["raci", "limits", "--consulted", "0"])
        .code(2)
        .stderr(predicate::str::contains("must be 1 or more"));
    let json = home.json(&["export"]);
    assert_eq!(json["settings"]["raci"]["overload_a"], 10);
    assert_eq!(json["settings"]["raci"]["consulted_max"], 3);
}

#[test]
fn demo_generates_a_board_of_any_size() {
    let home = Home::new();
    home.run(&["demo", "--tasks", "300", "--parties", "30"])
        .success()
        .stdout(predicate::str::contains("(300 tasks"));
    let raci = home.json(&["raci", "show", "--json"]);
    assert_eq!(raci["raci"].as_array().map(Vec::len), Some(300));
    let parties = home.json(&["party", "list", "--json"]);
    assert_eq!(parties["parties"].as_array().map(Vec::len), Some(30));
    home.run(&["check"]).stderr(predicate::str::is_empty());
}

/// A title or a party name a spreadsheet would run as a formula is
/// exported as text (OWASP's CSV injection advice: a leading `'`), and an
/// import of that file gives the same names back.
#[test]
fn csv_export_neutralises_formulas_and_imports_them_back() {
    use standup::model::matrix;
    let mut board = standup::model::Board::new("b", "");
    let at = common::now();
    for (code, name) in [("ops", "+Ops"), ("fin", "财务部")] {
        board
            .apply(
                &standup::model::Action::AddParty {
                    code: code.into(),
                    name: name.into(),
                    kind: standup::model::PartyKind::Department,
                    department: None,
                },
                at,
            )
            .unwrap();
    }
    for title in [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "@SUM(A1)",
        "-2 days",
        "Plain",
    ] {
        board
            .apply(
                &standup::model::Action::AddTask(standup::model::NewTask {
                    title: title.into(),
                    ..Default::default()
                }),
                at,
            )
            .unwrap();
    }
    let csv = matrix::to_csv(&board);
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{cell:?} would run as a formula:\n{csv}"
            );
        }
    }
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains("'+Ops"), "{csv}");
    let back = matrix::parse(&csv).expect("reads back");
    assert_eq!(back.parties, vec!["+Ops".to_string(), "财务部".to_string()]);
    let titles: Vec<&str> = back.rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "=HYPERLINK(\"http://evil\",\"x\")",
            "@SUM(A1)",
            "-2 days",
            "Plain"
        ]
    );
}

#[test]
fn the_errors_alone_are_the_checks_errors() {
    use standup::model::raci::{Severity, check_in, error_count, errors_in};
    for board in [crate::common::demo(), crate::common::big(500, 8)] {
        for lang in [standup::i18n::Lang::En, standup::i18n::Lang::Zh] {
            let all: Vec<_> = check_in(&board, lang)
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            assert!(!all.is_empty());
            assert_eq!(errors_in(&board, lang), all);
            assert_eq!(error_count(&board), all.len());
        }
    }
}
