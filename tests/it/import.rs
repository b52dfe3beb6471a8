//! `standup import` and `export --format csv`: files written the way each
//! tool writes them (tests/fixtures/import) become the board they describe;
//! a second import of a newer export updates in place; bad input changes
//! nothing and says where it is wrong; spreadsheets get no formulas.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::home::Home;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A fresh board, and the fixture copied into the home as `as_name`
/// (a newer export saved over the older one keeps its name).
fn home_with(name: &str, as_name: &str) -> (Home, String) {
    let home = Home::new();
    home.run(&["init", "--name", "Launch"]).success();
    let path = home.dir.path().join(as_name);
    std::fs::copy(fixture(name), &path).expect("copy fixture");
    (home, path.display().to_string())
}

fn tasks(home: &Home) -> Vec<Value> {
    home.json(&["task", "list", "--json"])["tasks"]
        .as_array()
        .expect("tasks")
        .clone()
}

fn by_title<'a>(tasks: &'a [Value], title: &str) -> &'a Value {
    tasks
        .iter()
        .find(|t| t["title"] == title)
        .unwrap_or_else(|| panic!("no card “{title}” in {tasks:#?}"))
}

fn stdout(home: &Home, args: &[&str]) -> String {
    let out = home.cmd().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Runs a command that must fail with exit code 2; its stderr.
fn refused(home: &Home, args: &[&str]) -> String {
    let out = home.cmd().args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{args:?} should be refused");
    String::from_utf8(out.stderr).expect("UTF-8")
}

#[test]
fn a_gbk_sheet_from_wps_becomes_the_board_it_describes() {
    let (home, file) = home_with("progress-gbk.csv", "进度表.csv");
    home.run(&["import", &file]).success();
    let tasks = tasks(&home);
    assert_eq!(tasks.len(), 5);
    let venue = by_title(&tasks, "发布会场地确认");
    assert_eq!(venue["column"], "done");
    assert_eq!(venue["due"], "2026-12-04");
    assert_eq!(venue["risk"], "low");
    assert_eq!(venue["note"], "场地：国际会议中心");
    assert_eq!(venue["source"], "csv:进度表.csv#1");
    let pay = by_title(&tasks, "支付接口联调");
    assert_eq!(pay["column"], "doing");
    assert_eq!(pay["risk"], "high");
    assert_eq!(pay["depends_on"], serde_json::json!(["T-1"]));
    assert_eq!(pay["note"], "需要财务部提供测试账户，周三前");
    // 2026年12月10日 is a date too; 未开始 is the first column.
    let training = by_title(&tasks, "客服话术培训");
    assert_eq!(training["column"], "todo");
    assert_eq!(training["due"], "2026-12-15");
    // 延期 before its due date: kept in progress, flagged as blocked.
    let print = by_title(&tasks, "渠道物料印刷");
    assert_eq!(print["column"], "doing");
    assert_eq!(print["blocked"]["reason"], "延期");
    // Departments named as the sheet names them, with readable codes.
    let parties = home.json(&["party", "list", "--json"]);
    let names: Vec<&str> = parties["parties"]
        .as_array()
        .expect("parties")
        .iter()
        .map(|p| p["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(names, ["市场部", "技术部", "客服部", "产品部"]);
    assert_eq!(pay["owner"], "技术");
}

#[test]
fn a_second_import_of_a_newer_sheet_updates_in_place() {
    let (home, file) = home_with("progress-gbk.csv", "进度表.csv");
    home.run(&["import", &file]).success();
    let before = tasks(&home);
    std::fs::copy(fixture("progress-gbk-week2.csv"), &file).expect("newer export");
    let said = stdout(&home, &["import", &file]);
    insta::assert_snapshot!("second_import", said);
    let after = tasks(&home);
    // Nothing twice: five cards, one new one.
    assert_eq!(after.len(), 6, "{after:#?}");
    let pay = by_title(&after, "支付接口联调");
    assert_eq!(pay["id"], by_title(&before, "支付接口联调")["id"]);
    assert_eq!(pay["column"], "done");
    assert_eq!(by_title(&after, "客服话术培训")["due"], "2026-12-18");
    let video = by_title(&after, "产品演示视频（终版）");
    assert_eq!(video["id"], by_title(&before, "产品演示视频")["id"]);
    // Gone from the sheet, kept on the board.
    by_title(&after, "渠道物料印刷");
    let notice = by_title(&after, "上线公告");
    assert_eq!(notice["depends_on"], serde_json::json!(["T-2", "T-3"]));
    // The same file again changes nothing.
    let again = stdout(&home, &["import", &file]);
    assert!(again.contains("added 0, updated 0; 5 unchanged"), "{again}");
}

#[test]
fn a_newer_export_under_another_name_is_pointed_at_the_first() {
    let (home, file) = home_with("progress-gbk.csv", "进度表.csv");
    home.run(&["import", &file]).success();
    let newer = home.dir.path().join("进度表 (1).csv");
    std::fs::copy(fixture("progress-gbk-week2.csv"), &newer).expect("copy");
    let newer = newer.display().to_string();
    let dry = stdout(&home, &["import", &newer, "--dry-run"]);
    assert!(
        dry.contains("import it with --as \"进度表.csv\" to update them"),
        "{dry}"
    );
    let said = stdout(&home, &["import", &newer, "--as", "进度表.csv"]);
    assert!(said.contains("added 1, updated 3"), "{said}");
    assert_eq!(tasks(&home).len(), 6);
}

#[test]
fn dry_run_says_everything_and_changes_nothing() {
    let (home, file) = home_with("progress-gbk.csv", "进度表.csv");
    home.run(&["import", &file]).success();
    std::fs::copy(fixture("progress-gbk-week2.csv"), &file).expect("newer export");
    let board = std::fs::read(home.board()).expect("board");
    let said = stdout(&home, &["import", &file, "--dry-run"]);
    insta::assert_snapshot!("dry_run_en", said);
    assert_eq!(std::fs::read(home.board()).expect("board"), board);
    let zh = home
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["import", &file, "--dry-run"])
        .output()
        .expect("runs");
    insta::assert_snapshot!("dry_run_zh", String::from_utf8_lossy(&zh.stdout));
    assert_eq!(std::fs::read(home.board()).expect("board"), board);
}

#[test]
fn an_xlsx_workbook_reads_its_first_sheet_or_the_one_named() {
    let (home, file) = home_with("progress.xlsx", "progress.xlsx");
    home.run(&["import", &file]).success();
    let tasks = tasks(&home);
    assert_eq!(tasks.len(), 3);
    let pay = by_title(&tasks, "Payment API");
    // A date cell (a day number formatted yyyy/m/d) is a date.
    assert_eq!(pay["due"], "2026-12-10");
    assert_eq!(pay["column"], "doing");
    assert_eq!(pay["note"], "Priority: High\nsandbox keys from finance");
    assert_eq!(by_title(&tasks, "Press kit")["column"], "done");
    let people = home.json(&["party", "list", "--json"]);
    assert_eq!(people["parties"][0]["kind"], "person");
    // The second sheet, by name; a sheet that is not there is named.
    let other = Home::new();
    other.run(&["init"]).success();
    other.run(&["import", &file, "--sheet", "Issues"]).success();
    assert_eq!(
        by_title(&crate::import::tasks(&other), "Printer broken")["owner"],
        "it"
    );
    let said = refused(&other, &["import", &file, "--sheet", "Sheet9"]);
    assert!(
        said.contains("no sheet “Sheet9” (sheets: 进度表, Issues)"),
        "{said}"
    );
}

#[test]
fn jira_csv_with_repeated_columns_and_links_then_a_later_export() {
    let (home, file) = home_with("jira-pay.csv", "jira.csv");
    home.run(&["import", &file]).success();
    let tasks = tasks(&home);
    assert_eq!(tasks.len(), 4);
    let checkout = by_title(&tasks, "Checkout: card payments");
    assert_eq!(checkout["source"], "jira:PAY-12");
    assert_eq!(checkout["column"], "doing");
    assert_eq!(checkout["due"], "2026-12-10");
    // Every Labels column, and the description.
    assert_eq!(
        checkout["note"],
        "Priority: High\nLabels: checkout, launch\nCard payments through the new gateway.\nNeeds sandbox keys."
    );
    let keys = by_title(&tasks, "Gateway sandbox keys");
    assert_eq!(keys["column"], "done");
    // PAY-11 blocks PAY-12 (inward link); PAY-12 blocks PAY-14 (outward).
    assert_eq!(checkout["depends_on"], serde_json::json!([keys["id"]]));
    let refund = by_title(&tasks, "Refund flow");
    assert_eq!(refund["depends_on"], serde_json::json!([checkout["id"]]));
    assert!(refund.get("owner").is_none());
    assert_eq!(by_title(&tasks, "Receipt e-mails")["column"], "review");

    let later = home.dir.path().join("jira-later.csv");
    std::fs::copy(fixture("jira-pay-later.csv"), &later).expect("copy");
    let said = stdout(&home, &["import", &later.display().to_string()]);
    insta::assert_snapshot!("jira_later", said);
    let after = crate::import::tasks(&home);
    assert_eq!(after.len(), 5);
    let checkout = by_title(&after, "Checkout: card payments");
    assert_eq!(checkout["column"], "done");
    let refund = by_title(&after, "Refund flow");
    assert_eq!(refund["due"], "2026-12-20");
    assert_eq!(refund["owner"], "ll");
    by_title(&after, "Invoice PDF");
}

#[test]
fn trello_lists_become_columns_and_archived_cards_stay_out() {
    let (home, file) = home_with("trello-launch.json", "trello.json");
    let said = stdout(&home, &["import", &file]);
    assert!(said.contains("2 skipped"), "{said}");
    assert!(said.contains("New columns: Waiting on legal"), "{said}");
    let columns = home.json(&["column", "list", "--json"]);
    let names: Vec<&str> = columns["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        ["To do", "Doing", "Review", "Waiting on legal", "Done"]
    );
    let tasks = tasks(&home);
    assert_eq!(tasks.len(), 4);
    let poster = by_title(&tasks, "Poster design");
    assert_eq!(poster["column"], "doing");
    assert_eq!(poster["source"], "trello:C1");
    assert_eq!(
        poster["note"],
        "A2 and A4\nLabels: print\nSizes: 1/2 done; open: A4"
    );
    // 09:00 UTC is 17:00 in the board's zone: the same day.
    assert_eq!(poster["due"], "2026-12-09");
    let venue = by_title(&tasks, "Venue contract");
    assert_eq!(venue["column"], "waiting-on-legal");
    assert_eq!(venue["note"], "Labels: red\nMembers: 李雷, Han Meimei");
    assert_eq!(by_title(&tasks, "Guest list")["column"], "todo");
    assert!(tasks.iter().all(|t| t["title"] != "Archived card"));
}

#[test]
fn taskwarrior_export_with_dependencies() {
    let (home, file) = home_with("taskwarrior.json", "tasks.json");
    let said = stdout(&home, &["import", &file]);
    assert!(said.contains("skipped task “Old plan”: deleted"), "{said}");
    assert!(said.contains("the template of a recurring task"), "{said}");
    let tasks = tasks(&home);
    assert_eq!(tasks.len(), 3);
    let notes = by_title(&tasks, "Write the release notes");
    let freeze = by_title(&tasks, "Freeze the feature list");
    assert_eq!(notes["depends_on"], serde_json::json!([freeze["id"]]));
    assert_eq!(notes["column"], "todo");
    // 16:00 UTC on the 11th is the 12th in the board's zone.
    assert_eq!(notes["due"], "2026-12-12");
    assert_eq!(
        notes["note"],
        "Priority: H\nProject: launch\nTags: docs\nask product for the final list"
    );
    // Started: in progress since the day it was started.
    assert_eq!(freeze["column"], "doing");
    let board: Value =
        serde_json::from_slice(&std::fs::read(home.board()).expect("board")).expect("json");
    let started = board["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["title"] == "Freeze the feature list")
        .map(|t| t["started"].clone());
    assert_eq!(started, Some(Value::from("2026-11-23T09:00:00+08:00")));
    assert_eq!(by_title(&tasks, "Book the photographer")["column"], "done");
}

#[test]
fn the_whole_import_is_one_logged_change() {
    let (home, file) = home_with("jira-pay.csv", "jira.csv");
    home.run(&["import", &file]).success();
    let board: Value =
        serde_json::from_slice(&std::fs::read(home.board()).expect("board")).expect("json");
    let imports: Vec<&Value> = board["log"]
        .as_array()
        .expect("log")
        .iter()
        .filter(|e| e["what"] == "import")
        .collect();
    assert_eq!(imports.len(), 1, "{imports:#?}");
    assert_eq!(imports[0]["record"], "jira:PAY");
    assert_eq!(
        imports[0]["to"],
        "added=4 updated=0 unchanged=0 skipped=0 gone=0"
    );
}

#[test]
fn an_unknown_status_is_refused_until_mapped() {
    let home = Home::new();
    home.run(&["init"]).success();
    let sheet = home.write(
        "plan.csv",
        "title,status\nPoster,Doing\nVenue,Waiting for legal\n",
    );
    let board = std::fs::read(home.board()).expect("board");
    let said = refused(&home, &["import", &sheet]);
    assert!(
        said.contains("line 3, column status: status “Waiting for legal” matches no column (To do, Doing, Review, Done); add --status-map \"Waiting for legal=COLUMN\" or --create-columns"),
        "{said}"
    );
    assert_eq!(std::fs::read(home.board()).expect("board"), board);
    home.run(&["import", &sheet, "--status-map", "Waiting for legal=review"])
        .success();
    assert_eq!(by_title(&tasks(&home), "Venue")["column"], "review");

    let other = Home::new();
    other.run(&["init"]).success();
    let sheet = other.write("plan.csv", "title,status\nVenue,Waiting for legal\n");
    other.run(&["import", &sheet, "--create-columns"]).success();
    assert_eq!(
        by_title(&tasks(&other), "Venue")["column"],
        "waiting-for-legal"
    );
}

#[test]
fn bad_input_names_the_row_and_column_and_imports_nothing() {
    let home = Home::new();
    home.run(&["init"]).success();
    let board = std::fs::read(home.board()).expect("board");
    let sheet = home.write(
        "plan.csv",
        "任务,截止日期,风险\n海报,2026-12-01,高\n场地,下周,低\n",
    );
    let said = refused(&home, &["import", &sheet]);
    assert!(
        said.contains("line 3, column 截止日期: “下周” is not a date"),
        "{said}"
    );
    let sheet = home.write("risk.csv", "task,risk\nPoster,extreme\n");
    let said = refused(&home, &["import", &sheet]);
    assert!(
        said.contains("line 2, column risk: “extreme” is not a risk"),
        "{said}"
    );
    let sheet = home.write("none.csv", "who,when\nmkt,today\n");
    let said = refused(&home, &["import", &sheet]);
    assert!(
        said.contains("no column holds the titles (headers: who, when)"),
        "{said}"
    );
    let said = refused(&home, &["import", &sheet, "--map", "title=what"]);
    assert!(
        said.contains("no column is headed “what” (headers: who, when)"),
        "{said}"
    );
    let said = refused(&home, &["import", &sheet, "--map", "colour=who"]);
    assert!(said.contains("`colour` is not a field to import"), "{said}");
    assert_eq!(std::fs::read(home.board()).expect("board"), board);
    // In Chinese, the place too.
    let sheet = home.write("zh.csv", "任务,截止日期\n场地,下周\n");
    let out = home
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["import", &sheet])
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("第 2 行，“截止日期”列：“下周”不是日期"),
        "{said}"
    );
}

#[test]
fn a_huge_or_binary_file_is_refused_at_once() {
    let home = Home::new();
    home.run(&["init"]).success();
    let board = std::fs::read(home.board()).expect("board");
    // A gigabyte, sparse: refused by its size before a byte is read.
    let huge = home.dir.path().join("huge.csv");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(1 << 30))
        .expect("sparse file");
    let said = refused(&home, &["import", &huge.display().to_string()]);
    assert!(
        said.contains("is 1073 MB; an export to import is at most 67 MB"),
        "{said}"
    );
    let png = home.dir.path().join("logo.csv");
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 200));
    std::fs::write(&png, bytes).expect("write");
    let said = refused(&home, &["import", &png.display().to_string()]);
    assert!(said.contains("not text, nor an xlsx workbook"), "{said}");
    assert_eq!(std::fs::read(home.board()).expect("board"), board);
}

#[test]
fn csv_export_opens_in_excel_and_runs_no_formula() {
    let home = Home::new();
    home.run(&["init"]).success();
    for title in [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+1+1",
        "-2",
        "@SUM(A1)",
        "发布会",
    ] {
        home.run(&["task", "add", "--", title]).success();
    }
    let out = home
        .cmd()
        .args(["export", "--format", "csv", "--what", "tasks"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    let text = String::from_utf8(out.stdout[3..].to_vec()).expect("UTF-8");
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.expect("a row")[1].to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "'=HYPERLINK(\"http://evil\",\"x\")",
            "'+1+1",
            "'-2",
            "'@SUM(A1)",
            "发布会"
        ]
    );
    for title in &titles {
        assert!(!title.starts_with(['=', '+', '-', '@']), "{title}");
    }
    // Imported back into another board: the titles as typed.
    let file = home.dir.path().join("tasks.csv");
    std::fs::write(&file, &out.stdout).expect("write");
    let other = Home::new();
    other.run(&["init"]).success();
    other
        .run(&["import", &file.display().to_string()])
        .success();
    let back: Vec<Value> = tasks(&other);
    assert_eq!(
        by_title(&back, "=HYPERLINK(\"http://evil\",\"x\")")["column"],
        "todo"
    );
    by_title(&back, "-2");
}

#[test]
fn csv_export_in_gbk_and_of_issues_and_raci() {
    let home = Home::new();
    home.demo();
    let out = home
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["export", "--format", "csv", "--encoding", "gbk"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let (text, _, faulty) = encoding_rs::GBK.decode(&out.stdout);
    assert!(!faulty);
    assert!(
        text.starts_with("编号,标题,状态,责任人,截止日期,风险,受阻,依赖,备注,来源\r\n"),
        "{text}"
    );
    let issues = stdout(&home, &["export", "--format", "csv", "--what", "issues"]);
    let header = issues.lines().next().unwrap_or_default();
    assert_eq!(
        header.trim_start_matches('\u{feff}'),
        "id,title,priority,status,owner,impact,urgency,opened,respond by,resolve by,SLA,support needed,card,resolution"
    );
    assert!(issues.lines().count() > 2);
    let raci = stdout(&home, &["export", "--format", "csv", "--what", "raci"]);
    assert!(
        raci.trim_start_matches('\u{feff}').starts_with("task,"),
        "{raci}"
    );
    let said = refused(&home, &["export", "--what", "tasks"]);
    assert!(
        said.contains("--what and --encoding go with --format csv"),
        "{said}"
    );
}

#[test]
fn an_exported_sheet_edited_and_imported_back_updates_the_same_board() {
    let home = Home::new();
    home.demo();
    let before = tasks(&home);
    let file = home.dir.path().join("board.csv");
    home.run(&[
        "export",
        "--format",
        "csv",
        "--out",
        &file.display().to_string(),
    ])
    .success();
    let said = stdout(&home, &["import", &file.display().to_string(), "--dry-run"]);
    assert!(said.contains("would add 0, update 0"), "{said}");
    assert_eq!(tasks(&home).len(), before.len());
}

#[test]
fn in_the_tui_an_import_asks_first_and_one_u_undoes_it() {
    use crate::common::tui::{app, draw, press, text, type_text};
    let mut board = standup::model::Board::new("Launch", "");
    board.reindex();
    let before = board.clone();
    let mut app = app(board);
    press(&mut app, "I");
    type_text(&mut app, &fixture("jira-pay.csv").display().to_string());
    press(&mut app, "<enter>");
    // Nothing changed yet: the counts, and a question.
    assert_eq!(app.board().tasks.len(), 0);
    let screen = text(&draw(&mut app, 100, 30));
    assert!(
        screen.contains("jira:PAY: would add 4, update 0"),
        "{screen}"
    );
    press(&mut app, "y");
    assert_eq!(app.board().tasks.len(), 4);
    assert_eq!(app.board().parties.len(), 2);
    press(&mut app, "u");
    assert_eq!(app.board(), &before, "one u undoes the whole import");
    // A file that is not there is said, and the prompt stays.
    press(&mut app, "I");
    type_text(&mut app, "/no/such/file.csv");
    press(&mut app, "<enter>");
    let screen = text(&draw(&mut app, 100, 30));
    assert!(screen.contains("cannot read /no/such/file.csv"), "{screen}");
    assert_eq!(app.board().tasks.len(), 0);
}
