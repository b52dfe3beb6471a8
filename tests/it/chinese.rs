//! Chinese all the way: dates typed as people type them, in both
//! languages, wherever a date is read; whatever the app shows as a date
//! is read back.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use standup::i18n::{Lang, Locale};
use standup::model::dates::read_date;

use crate::common::{self, tui::*};

fn today() -> NaiveDate {
    common::now().date_naive()
}

fn locales() -> Vec<Locale> {
    let mut all = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        for format in [
            None,
            Some("%d/%m/%Y"),
            Some("%Y年%m月%d日"),
            Some("%-d %b %Y"),
        ] {
            all.push(Locale::new(lang, format.map(str::to_string)));
        }
    }
    all
}

proptest! {
    /// Every way the app writes a date, in each language and date format,
    /// reads back as that date (within half a year of today, where a date
    /// written without its year means the nearest one).
    #[test]
    fn every_date_the_app_shows_is_read_back(offset in -150i64..=150) {
        let date = today() + Duration::days(offset);
        for l in locales() {
            let shown = [
                l.day(date),
                l.day_short(date),
                l.month_day(date),
                l.month_day_year(date),
                l.short_date(date),
                date.to_string(),
                date.format("%m-%d").to_string(),
            ];
            for text in shown {
                prop_assert_eq!(
                    read_date(&text, today(), &l),
                    Ok(date),
                    "{} in {:?} {:?}",
                    text,
                    l.lang,
                    l.date_format()
                );
            }
        }
    }
}

/// The card form's Due field reads the forms people type, and says the
/// day it understood before the card is saved.
#[test]
fn the_card_form_reads_dates_as_typed() {
    for (typed, shown, due) in [
        ("12-10", "Thu 10 Dec 2026", "2026-12-10"),
        ("12月10日", "Thu 10 Dec 2026", "2026-12-10"),
        ("周五", "Fri 27 Nov 2026", "2026-11-27"),
        ("下周一", "Mon 30 Nov 2026", "2026-11-30"),
        ("3天后", "Thu 26 Nov 2026", "2026-11-26"),
        ("明天", "Tue 24 Nov 2026", "2026-11-24"),
    ] {
        let mut app = app(common::demo());
        press(&mut app, "n");
        type_text(&mut app, "Print the posters");
        press(&mut app, "<tab><tab>");
        type_text(&mut app, typed);
        let screen = text(&draw(&mut app, 100, 30));
        assert!(screen.contains(&format!("→ {shown}")), "{typed}:\n{screen}");
        press(&mut app, "<enter>");
        let card = app
            .board()
            .tasks
            .values()
            .find(|t| t.title == "Print the posters")
            .expect("added");
        assert_eq!(
            card.due.map(|d| d.to_string()).as_deref(),
            Some(due),
            "{typed}"
        );
    }
}

/// `--due 12-10` and its Chinese forms work from the shell; the echo
/// says the date taken, with its year.
#[test]
fn the_shell_reads_dates_as_typed() {
    let home = crate::common::home::Home::new();
    home.demo();
    home.run(&["task", "add", "Posters", "--due", "12-10"])
        .success()
        .stdout("Added T-18 to To do, due 2026-12-10\n");
    // March has passed by more than half a year: next March.
    home.run(&["task", "add", "Spring sale", "--due", "3月1日"])
        .success()
        .stdout("Added T-19 to To do, due 2027-03-01\n");
    home.run(&["task", "edit", "T-18", "--due", "下周一"])
        .success();
    let list = home.json(&["task", "list", "--json"]);
    let due = list["tasks"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["id"] == "T-18"))
        .map(|t| t["due"].clone());
    assert_eq!(due, Some(serde_json::json!("2026-11-30")));
    home.run(&["task", "add", "Never", "--due", "13月1日"])
        .code(2)
        .stderr(predicates::str::contains("there is no month 13"));
}

/// A RACI table with Chinese department names gives codes people read
/// (市场部 → 市场); `party recode` changes one everywhere, the log says so
/// in words, and the old code in the history still names the party.
#[test]
fn imported_departments_get_readable_codes_and_recode_everywhere() {
    let home = crate::common::home::Home::new();
    let table = format!(
        "{}/tests/fixtures/raci-campaign-zh.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    home.run(&["raci", "import", &table]).success();
    let parties = home.json(&["party", "list", "--json"]);
    let codes: Vec<&str> = parties["parties"]
        .as_array()
        .expect("parties")
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert_eq!(codes, ["市场", "产品", "销售", "技术"]);
    home.run(&["party", "add", "客户服务中心"])
        .success()
        .stdout("Added party 客户服务 (客户服务中心)\n");
    home.run(&["task", "edit", "T-1", "--owner", "市场"])
        .success();
    home.run(&["party", "recode", "市场部", "mkt"])
        .success()
        .stdout("市场 is now mkt\n");
    let shown = home.json_any(&["raci", "show", "--json"]);
    assert_eq!(shown["raci"][0]["roles"]["mkt"], "R");
    assert!(shown["raci"][0]["roles"].get("市场").is_none());
    let tasks = home.json(&["task", "list", "--json"]);
    assert_eq!(tasks["tasks"][0]["owner"], "mkt");
    // A code once used is not given again; a bad one is refused.
    home.run(&["party", "recode", "产品", "市场"]).code(2);
    home.run(&["party", "recode", "产品", "has space"]).code(2);
}

/// The recode as one action: every reference moves, one undo puts them
/// all back, the day before still reads the old code, and a copy of the
/// board made before the recode that still writes the old code merges.
#[test]
fn a_recode_is_one_change_the_history_and_a_merge_understand() {
    use standup::model::{Action, History, merge};
    let mut board = common::chinese();
    let old = board.parties[0].code.clone();
    let name = board.parties[0].name.clone();
    let before = board.clone();
    let at = common::now() + Duration::hours(1);
    let mut history = History::default();
    history
        .apply(
            &mut board,
            &Action::RecodeParty {
                party: old.clone(),
                code: "mkt".into(),
            },
            at,
        )
        .expect("recoded");
    assert!(board.party(&old).is_none());
    assert_eq!(board.party_name(&old), name, "the old code still names it");
    assert!(board.tasks.values().all(|t| !t.raci.contains_key(&old)));
    assert!(board.integrity_problems().is_empty());
    let last = board.log.len() - 1;
    let said = board.entry_words(last, &board.log[last], Lang::Zh);
    assert!(said.contains("mkt"), "{said}");
    // The board as it stood before the recode has the old code.
    let earlier = board.as_of(common::now()).expect("replayed");
    assert!(earlier.party(&old).is_some() && earlier.party("mkt").is_none());
    // A clone from before makes the old code owner of a card: merged, the
    // card is mkt's.
    let mut clone = before.clone();
    let card = *clone.tasks.keys().next().expect("a card");
    clone
        .apply(
            &Action::EditTask {
                id: card,
                edit: standup::model::TaskEdit {
                    owner: Some(Some(old.clone())),
                    ..Default::default()
                },
            },
            at + Duration::minutes(5),
        )
        .expect("edited");
    let merged = merge(&before, &board, &clone).board;
    assert_eq!(merged.tasks[&card].owner.as_deref(), Some("mkt"));
    assert!(merged.integrity_problems().is_empty());
    // One undo: every reference back.
    history.undo(&mut board).expect("undone");
    assert_eq!(board, before);
}

/// In the RACI grid, `E` gives the selected party a new code: the prompt
/// holds the old one selected, so typing replaces it; every pane shows it.
#[test]
fn the_grid_recodes_a_party_with_one_key() {
    let mut app = app(common::chinese());
    let old = app.board().parties[0].code.clone();
    press(&mut app, "2E");
    type_text(&mut app, "mkt");
    press(&mut app, "<enter>");
    assert!(app.board().party("mkt").is_some(), "{}", old);
    press(&mut app, "1");
    let board = text(&draw(&mut app, 120, 30));
    assert!(board.contains("mkt "), "{board}");
    assert!(!board.contains(&format!("{old} ")), "{board}");
    press(&mut app, "u");
    assert!(app.board().party(&old).is_some());
}

/// The everyday commands under `LANG=zh_CN.UTF-8`, on a board whose
/// content is Chinese: what they print, and why they refuse, is Chinese,
/// with no English sentence left (ids, codes, units and file paths aside).
/// `--json` stays English.
#[test]
fn the_shell_speaks_chinese_under_a_chinese_locale() {
    let home = crate::common::home::Home::new();
    let zh = |args: &[&str]| {
        let out = home
            .cmd()
            .env("LANG", "zh_CN.UTF-8")
            .args(args)
            .output()
            .expect("runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), text)
    };
    let table = format!(
        "{}/tests/fixtures/raci-campaign-zh.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    let runs: Vec<Vec<&str>> = vec![
        vec!["raci", "import", &table],
        vec![
            "task",
            "add",
            "打印海报",
            "--owner",
            "市场",
            "--due",
            "12月10日",
        ],
        vec!["task", "move", "T-1", "进行中"],
        vec!["task", "block", "T-2", "--reason", "等供应商"],
        vec!["task", "unblock", "T-2"],
        vec!["task", "edit", "T-2", "--due", "下周一"],
        vec!["task", "done", "T-3"],
        vec!["column", "add", "质检", "--wip", "2"],
        vec!["column", "wip", "质检", "3"],
        vec!["column", "rename", "质检", "验收"],
        vec!["column", "rm", "验收"],
        vec!["party", "add", "法务部"],
        vec!["party", "rename", "法务", "法务与合规部"],
        vec!["party", "recode", "法务", "legal"],
        vec!["raci", "set", "T-1", "legal", "C"],
        vec!["raci", "limits", "--responsible", "3"],
        vec!["raci", "check"],
        vec!["raci", "export", "--format", "md"],
        vec![
            "issue",
            "add",
            "海报印错",
            "--impact",
            "high",
            "--urgency",
            "high",
            "--owner",
            "市场",
        ],
        vec!["issue", "ack", "I-1"],
        vec!["issue", "escalate", "I-1", "--reason", "客户投诉"],
        vec!["issue", "resolve", "I-1", "--note", "重印"],
        vec!["issue", "close", "I-1", "--reason", "已确认"],
        vec!["issue", "sla"],
        vec!["standup", "start"],
        vec!["standup", "decide", "周五前重印", "--owner", "市场"],
        vec!["standup", "park", "预算"],
        vec!["standup", "end"],
        vec!["init"],
        vec!["check"],
        vec!["restore"],
        vec!["boards"],
        vec!["task", "list"],
        vec!["party", "list"],
        vec!["column", "list"],
        vec!["issue", "list"],
        // Refusals: why, in Chinese.
        vec!["task", "add", "坏日期", "--due", "13月1日"],
        vec!["column", "rm", "进行中"],
        vec!["party", "recode", "产品", "市场"],
    ];
    // Words that stay as written: ids, codes, units and names of things.
    let allowed = [
        "RACI", "WIP", "legal", "md", "json", "standup", "report", "Markdown", "min",
    ];
    for args in &runs {
        let (_, text) = zh(args);
        if let Some(line) = common::english_left(&text, &allowed) {
            panic!("{args:?} left English: {line}\n{text}");
        }
    }
    // JSON is for scripts: English keys and values.
    let list = home.json(&["issue", "list", "--json"]);
    assert_eq!(list["issues"][0]["status"], "closed");
}

/// The shell reads a date in the user's own `date_format` first, as the
/// board shows dates, and a report's Chinese weekday looks back.
#[test]
fn the_shell_reads_the_user_s_date_format_and_chinese_weekdays_for_reports() {
    let home = crate::common::home::Home::new();
    home.demo();
    let config = home.write("config.toml", "date_format = \"%d/%m/%Y\"\n");
    home.run(&[
        "--config", &config, "task", "add", "Posters", "--due", "10/12",
    ])
    .success()
    .stdout("Added T-18 to To do, due 2026-12-10\n");
    home.run(&[
        "--config",
        &config,
        "task",
        "add",
        "Banner",
        "--due",
        "03/12/2026",
    ])
    .success()
    .stdout("Added T-19 to To do, due 2026-12-03\n");
    // The demo's standup was on Sunday 22 November; today is Monday 23rd:
    // 周日 means the Sunday just gone, as `sun` does.
    let zh = home.run(&["report", "--date", "周日"]).success();
    let en = home.run(&["report", "--date", "sun"]).success();
    assert_eq!(zh.get_output().stdout, en.get_output().stdout);
}
