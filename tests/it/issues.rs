//! The issue queue's rules: SLA clocks on a pinned clock, reopening,
//! deadlines set by hand, escalation and edits, all undoable; and the
//! `issue` commands.

use crate::common;

use chrono::DateTime;
use predicates::prelude::*;
use standup::model::{Action, Board, History, IssueEdit, IssueId, Level, NewIssue, Timestamp};

use common::home::Home;

fn at(hhmm: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2026-11-23T{hhmm}:00+08:00")).expect("a time")
}

fn p1(board: &mut Board, when: Timestamp) -> IssueId {
    let new = NewIssue {
        title: "Checkout down".into(),
        detail: String::new(),
        reporter: None,
        parties: Vec::new(),
        owner: None,
        impact: Level::High,
        urgency: Level::High,
        support: String::new(),
        proposal: String::new(),
        task: None,
        respond_by: None,
        resolve_by: None,
    };
    board.apply(&Action::AddIssue(new), when).expect("added");
    *board.issues.keys().next_back().expect("an issue")
}

fn breached(board: &Board, id: IssueId, now: Timestamp) -> bool {
    board.issues[&id].sla(&board.settings.sla, now).breached
}

#[test]
fn a_p1_breaches_its_response_then_its_resolution() {
    let mut board = Board::new("SLA", "");
    let id = p1(&mut board, at("10:00"));
    assert!(!breached(&board, id, at("10:29")));
    assert!(
        breached(&board, id, at("10:31")),
        "not acknowledged in 30 minutes"
    );

    let mut board = Board::new("SLA", "");
    let id = p1(&mut board, at("10:00"));
    board
        .apply(&Action::AcknowledgeIssue { id }, at("10:20"))
        .expect("acknowledged");
    assert!(!breached(&board, id, at("10:31")));
    assert!(!breached(&board, id, at("11:59")));
    assert!(breached(&board, id, at("12:01")), "not resolved in 2 hours");
}

#[test]
fn reopening_starts_a_new_resolution_cycle() {
    let mut board = Board::new("SLA", "");
    let id = p1(&mut board, at("10:00"));
    board
        .apply(&Action::AcknowledgeIssue { id }, at("10:10"))
        .unwrap();
    board
        .apply(
            &Action::ResolveIssue {
                id,
                note: "restarted".into(),
            },
            at("10:50"),
        )
        .unwrap();
    assert!(
        !breached(&board, id, at("15:00")),
        "resolved: no clock runs"
    );
    board
        .apply(&Action::ReopenIssue { id }, at("15:00"))
        .unwrap();
    let sla = board.issues[&id].sla(&board.settings.sla, at("15:30"));
    assert_eq!(sla.resolve_by, at("17:00"), "two hours from the reopening");
    assert!(!sla.breached);
    assert!(breached(&board, id, at("17:01")));
}

#[test]
fn a_deadline_set_by_hand_wins_over_the_target() {
    let mut board = Board::new("SLA", "");
    let id = p1(&mut board, at("10:00"));
    let edit = IssueEdit {
        respond_by: Some(Some(at("11:00"))),
        ..IssueEdit::default()
    };
    board
        .apply(&Action::EditIssue { id, edit }, at("10:05"))
        .unwrap();
    assert!(
        !breached(&board, id, at("10:45")),
        "the target alone would have breached"
    );
    assert!(breached(&board, id, at("11:01")));
}

#[test]
fn escalating_raises_urgency_names_who_answers_and_undoes() {
    let mut board = common::demo();
    let original = board.clone();
    let mut history = History::default();
    // I-1 in the demo: find one below high urgency that is still active.
    let id = *board
        .issues
        .values()
        .find(|i| i.urgency != Level::High && i.status.is_active())
        .map(|i| &i.id)
        .expect("an issue to escalate");
    let before = board.issues[&id].clone();
    let escalate = Action::EscalateIssue {
        id,
        reason: "campaign starts Friday".into(),
    };
    history.apply(&mut board, &escalate, common::now()).unwrap();
    let after = &board.issues[&id];
    assert_eq!(Some(after.urgency), before.urgency.raised());
    assert!(after.priority() < before.priority(), "more pressing");
    let entry = board.log.last().expect("logged");
    let who = board.accountable_for(after).expect("someone answers");
    assert!(
        entry.to.as_deref().unwrap_or("").contains(&who),
        "{entry:?}"
    );
    assert!(
        entry
            .to
            .as_deref()
            .unwrap_or("")
            .contains("campaign starts Friday")
    );
    // Without a reason it is refused; undo restores the exact board.
    let bare = Action::EscalateIssue {
        id,
        reason: " ".into(),
    };
    assert!(board.apply(&bare, common::now()).is_err());
    history.undo(&mut board);
    assert_eq!(board, original);
}

#[test]
fn the_accountable_party_comes_from_the_task_then_the_department() {
    let mut board = common::demo();
    let id = p1(&mut board, common::now());
    // Applies an edit and says who answers for the issue afterwards.
    let mut answers_after = |edit: IssueEdit| {
        board
            .apply(&Action::EditIssue { id, edit }, common::now())
            .unwrap();
        board.accountable_for(&board.issues[&id])
    };
    // Owned by Lin, who belongs to mkt, and linked to no task: mkt answers.
    let lin = IssueEdit {
        owner: Some(Some("lin".into())),
        ..IssueEdit::default()
    };
    assert_eq!(answers_after(lin).as_deref(), Some("mkt"));
    // Linked to T-1, whose A is prod: prod answers.
    let linked = IssueEdit {
        task: Some(Some("T-1".parse().unwrap())),
        ..IssueEdit::default()
    };
    assert_eq!(answers_after(linked).as_deref(), Some("prod"));
}

#[test]
fn issue_commands_raise_acknowledge_and_list_with_deadlines() {
    let home = Home::new();
    home.demo();
    home.run(&[
        "issue",
        "add",
        "Stock of SKU 12 will not last",
        "--impact",
        "high",
        "--urgency",
        "high",
        "--owner",
        "sales",
        "--parties",
        "tech,mkt",
        "--support",
        "two more pickers",
    ])
    .success()
    .stdout(predicate::str::contains("I-6 (P1)"));
    home.run(&["issue", "ack", "I-6"]).success();
    let list = home.json(&["issue", "list", "--json"]);
    let row = list["issues"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|i| i["id"] == "I-6")
        .expect("I-6")
        .clone();
    assert_eq!(row["priority"], "P1");
    assert_eq!(row["status"], "acknowledged");
    assert_eq!(row["respond_by"], "2026-11-23T09:30:00+08:00");
    assert_eq!(row["resolve_by"], "2026-11-23T11:00:00+08:00");
    assert_eq!(row["breached"], false);
    assert_eq!(row["owner"], "sales");
    assert_eq!(row["parties"], serde_json::json!(["tech", "mkt"]));
    assert_eq!(row["support"], "two more pickers");
    // --breached lists only breached ones; the demo has one.
    let breached = home.json(&["issue", "list", "--breached", "--json"]);
    let rows = breached["issues"].as_array().expect("a list");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["breached"] == true));
    // Resolve, close, reopen; the text list shows the clock in words.
    home.run(&["issue", "resolve", "I-6", "--note", "pickers hired"])
        .success();
    home.run(&["issue", "close", "I-6"]).success();
    home.run(&["issue", "reopen", "I-6"]).success();
    home.run(&["issue", "list", "--open"])
        .success()
        .stdout(predicate::str::contains("I-6"))
        .stdout(predicate::str::contains("resolve in"));
}

#[test]
fn bad_issue_input_names_the_problem_and_changes_nothing() {
    let home = Home::new();
    home.demo();
    let before = std::fs::read(home.board()).unwrap();
    home.run(&["issue", "add", "X", "--impact", "huge", "--urgency", "low"])
        .code(2)
        .stderr(predicate::str::contains("`huge` is not an impact"));
    home.run(&[
        "issue",
        "add",
        "X",
        "--impact",
        "low",
        "--urgency",
        "low",
        "--owner",
        "nobody",
    ])
    .code(2)
    .stderr(predicate::str::contains("there is no party `nobody`"));
    home.run(&["issue", "resolve", "I-99"])
        .code(2)
        .stderr(predicate::str::contains("there is no issue I-99"));
    home.run(&["issue", "close", "I-1"]).success();
    let closed = std::fs::read(home.board()).unwrap();
    assert_ne!(closed, before);
    home.run(&["issue", "resolve", "I-1"])
        .code(2)
        .stderr(predicate::str::contains(
            "I-1 is closed: it cannot be resolved",
        ));
    assert_eq!(std::fs::read(home.board()).unwrap(), closed);
}

mod queue_keys {
    use super::*;
    use common::tui::{app, draw, press, text, type_text};
    use standup::model::IssueStatus;

    /// The issue under the cursor once the queue is open on `row`.
    fn open_on(app: &mut standup::tui::App, row: usize) -> IssueId {
        press(app, "3");
        for _ in 0..row {
            press(app, "j");
        }
        app.selected_issue().expect("an issue")
    }

    #[test]
    fn the_lifecycle_runs_from_the_keyboard_and_undoes() {
        let original = common::demo();
        let mut app = app(original.clone());
        let id = open_on(&mut app, 0);
        let status = |app: &standup::tui::App| app.board().issues[&id].status;
        if status(&app) == IssueStatus::Open {
            press(&mut app, "a");
            assert_eq!(status(&app), IssueStatus::Acknowledged);
        }
        press(&mut app, "r");
        type_text(&mut app, "cache warmed");
        press(&mut app, "<enter>");
        assert_eq!(status(&app), IssueStatus::Resolved);
        assert_eq!(app.board().issues[&id].resolution, "cache warmed");
        // The queue re-sorts (resolved last): find it again to reopen.
        let row = app.view().issues.iter().position(|i| *i == id).unwrap();
        common::tui::select_row(&mut app, row);
        press(&mut app, "o");
        assert!(status(&app).is_active());
        assert!(app.board().issues[&id].reopened.is_some());
        let row = app.view().issues.iter().position(|i| *i == id).unwrap();
        common::tui::select_row(&mut app, row);
        press(&mut app, "O");
        type_text(&mut app, "tech");
        press(&mut app, "<enter>");
        assert_eq!(app.board().issues[&id].owner.as_deref(), Some("tech"));
        for _ in 0..6 {
            press(&mut app, "u");
        }
        assert_eq!(*app.board(), original);
    }

    #[test]
    fn escalating_asks_why_and_says_who_answers() {
        let mut app = app(common::demo());
        press(&mut app, "3");
        let row = app
            .view()
            .issues
            .iter()
            .position(|i| {
                let issue = &app.board().issues[i];
                issue.urgency != Level::High && issue.status.is_active()
            })
            .expect("one to escalate");
        common::tui::select_row(&mut app, row);
        let id = app.selected_issue().unwrap();
        press(&mut app, "E<enter>");
        let screen = text(&draw(&mut app, 100, 30));
        assert!(screen.contains("Give a reason for escalating"), "{screen}");
        type_text(&mut app, "customers complain");
        press(&mut app, "<enter>");
        assert!(app.overlay().is_none());
        let entry = app.board().log.last().unwrap();
        assert_eq!(entry.record, id.to_string());
        assert!(entry.to.as_deref().unwrap().contains("customers complain"));
    }

    /// A large queue's ids (`I-100` and up) keep a space before the title.
    #[test]
    fn long_ids_keep_their_column() {
        let mut board = common::demo();
        while board.issues.len() < 120 {
            p1(&mut board, common::now());
        }
        let mut app = app(board);
        press(&mut app, "3<end>");
        let screen = text(&draw(&mut app, 100, 30));
        let three_digits = |l: &&str| {
            l.split_whitespace()
                .nth(1)
                .is_some_and(|id| id.starts_with("I-1") && id.len() == 5)
        };
        let row = screen
            .lines()
            .find(three_digits)
            .unwrap_or_else(|| panic!("an id of three digits shows, apart:\n{screen}"));
        // The headings stay over their columns.
        let heading = screen
            .lines()
            .find(|l| l.contains(" ID") && l.contains("Title"))
            .expect("a heading line");
        let title_at = heading.find("Title").expect("a Title heading");
        assert_eq!(row.find("Checkout"), Some(title_at), "{heading}\n{row}");
    }

    #[test]
    fn enter_shows_the_issue_with_its_clocks_and_timeline() {
        let mut app = app(common::demo());
        open_on(&mut app, 0);
        press(&mut app, "<enter>");
        let screen = text(&draw(&mut app, 100, 34));
        insta::assert_snapshot!("issue_details", screen);
        assert!(screen.contains("Respond by"));
        assert!(screen.contains("Timeline"));
        assert!(screen.contains("opened:"));
        // Prepared before the frame (the timeline scans the log), not
        // built while drawing it; a change to the board rebuilds it.
        assert_eq!(app.panels().len(), 1);
        let before = app.panels()[0].lines.clone();
        press(&mut app, "<esc>a<enter>");
        let screen = text(&draw(&mut app, 100, 34));
        assert_eq!(app.panels().len(), 1);
        assert_ne!(app.panels()[0].lines, before, "{screen}");
        assert!(screen.contains("acknowledge"), "{screen}");
        assert!(
            screen.contains("acknowledged: open → acknowledged"),
            "{screen}"
        );
    }

    /// In the Chinese interface an issue's timeline says what happened and
    /// the statuses it went through in Chinese too.
    #[test]
    fn the_issue_timeline_is_in_the_interface_s_language() {
        use standup::i18n::{Lang, Locale};
        let mut app = app(common::demo());
        app.set_locale(Locale::new(Lang::Zh, None));
        open_on(&mut app, 0);
        press(&mut app, "a<enter>");
        let screen = text(&draw(&mut app, 100, 34));
        assert!(screen.contains("已确认: 未解决 → 已确认"), "{screen}");
    }
}

mod issue_form {
    use super::*;
    use common::tui::{app, draw, press, text, type_text};

    #[test]
    fn n_raises_an_issue_with_every_field_and_e_edits_it() {
        let mut app = app(common::demo());
        press(&mut app, "3n");
        type_text(&mut app, "支付页面超时 Checkout times out");
        // Impact high, urgency high: the form shows P1 before saving.
        press(&mut app, "<tab>h<tab>h<tab>");
        type_text(&mut app, "tech");
        press(&mut app, "<tab>");
        type_text(&mut app, "prod, 市场部");
        press(&mut app, "<tab>");
        type_text(&mut app, "two engineers");
        press(&mut app, "<tab><tab><tab>");
        type_text(&mut app, "T-1");
        let screen = text(&draw(&mut app, 100, 30));
        insta::assert_snapshot!("issue_form", screen);
        assert!(screen.contains("→ P1"), "{screen}");
        press(&mut app, "<enter>");
        let id = *app.board().issues.keys().next_back().unwrap();
        let issue = &app.board().issues[&id];
        assert_eq!(issue.title, "支付页面超时 Checkout times out");
        assert_eq!(issue.priority(), standup::model::Priority::P1);
        assert_eq!(issue.owner.as_deref(), Some("tech"));
        assert_eq!(issue.parties, vec!["prod".to_string(), "mkt".to_string()]);
        assert_eq!(issue.support, "two engineers");
        assert_eq!(issue.task, Some("T-1".parse().unwrap()));
        assert_eq!(app.selected_issue(), Some(id), "the cursor is on it");
        // `e` edits it: urgency down to low makes it P3.
        press(&mut app, "e<tab><tab>l<enter>");
        assert_eq!(
            app.board().issues[&id].priority(),
            standup::model::Priority::P3
        );
    }

    #[test]
    fn a_bad_field_keeps_the_form_open_on_it() {
        let mut app = app(common::demo());
        press(&mut app, "3n<enter>");
        let screen = text(&draw(&mut app, 100, 30));
        assert!(screen.contains("an issue needs a title"), "{screen}");
        type_text(&mut app, "Stock low");
        for _ in 0..8 {
            press(&mut app, "<tab>");
        }
        type_text(&mut app, "T-99");
        press(&mut app, "<enter>");
        let screen = text(&draw(&mut app, 100, 30));
        assert!(screen.contains("there is no card T-99"), "{screen}");
        assert_eq!(app.board().issues.len(), common::demo().issues.len());
    }
}

mod queue_filters_and_targets {
    use super::*;
    use common::tui::{app, draw, press, text, type_text};

    #[test]
    fn the_queue_filters_by_state_owner_party_and_text() {
        let mut app = app(common::demo());
        press(&mut app, "3fo");
        assert!(
            app.view()
                .issues
                .iter()
                .all(|id| app.board().issues[id].status.is_active())
        );
        press(&mut app, "b");
        let breached: Vec<IssueId> = app.view().issues.clone();
        assert!(!breached.is_empty());
        assert!(breached.iter().all(|id| {
            app.board().issues[id]
                .sla(&app.board().settings.sla, app.now())
                .breached
        }));
        press(&mut app, "c");
        assert_eq!(app.view().issues.len(), app.board().issues.len());
        press(&mut app, "w");
        type_text(&mut app, "sales");
        press(&mut app, "<enter>");
        assert!(
            app.view()
                .issues
                .iter()
                .all(|id| app.board().issues[id].owner.as_deref() == Some("sales"))
        );
        let screen = text(&draw(&mut app, 110, 30));
        assert!(screen.contains("Filter: owner Sales"), "{screen}");
        press(&mut app, "<esc>/");
        type_text(&mut app, "stock");
        assert_eq!(app.view().issues.len(), 1, "filters as it is typed");
        press(&mut app, "<enter><esc>");
        assert_eq!(app.view().issues.len(), app.board().issues.len());
    }

    #[test]
    fn sla_targets_are_set_from_the_queue_and_the_shell() {
        let mut app = app(common::demo());
        press(&mut app, "3S<c-u>");
        type_text(&mut app, "15m/1h 2h/1d 1d/3d 3d/10d 1w/30d");
        press(&mut app, "<enter>");
        assert_eq!(app.board().settings.sla.p1.respond.minutes(), 15);
        press(&mut app, "S<c-u>");
        type_text(&mut app, "2h/1h 2h/1d 1d/3d 3d/10d 1w/30d");
        press(&mut app, "<enter>");
        let screen = text(&draw(&mut app, 110, 30));
        assert!(
            screen.contains("resolving cannot be due before responding"),
            "{screen}"
        );
        press(&mut app, "<esc>u");
        assert_eq!(app.board().settings.sla, common::demo().settings.sla);

        let home = Home::new();
        home.demo();
        home.run(&["issue", "sla"])
            .success()
            .stdout(predicate::str::contains(
                "P1  respond in 30m  resolve in 2h",
            ));
        home.run(&["issue", "sla", "15m/1h 2h/1d 1d/3d 3d/10d 1w/30d"])
            .success()
            .stdout(predicate::str::contains(
                "P1  respond in 15m  resolve in 1h",
            ));
        home.run(&["issue", "sla", "15m/1h"])
            .code(2)
            .stderr(predicate::str::contains("give five respond/resolve pairs"));
    }

    #[test]
    fn the_footer_counts_open_issues_and_the_last_30_days() {
        let mut app = app(common::demo());
        press(&mut app, "3");
        let screen = text(&draw(&mut app, 120, 30));
        let footer = screen
            .lines()
            .find(|l| l.starts_with("Open P1"))
            .expect("a metrics line");
        let m = standup::model::triage::metrics(app.board(), app.now());
        assert!(footer.contains(&format!("P1 {}", m.open[0])), "{footer}");
        assert!(footer.contains("last 30 days: answered in"), "{footer}");
        let (within, all) = m.within_target;
        assert!(all > 0);
        assert!(
            footer.contains(&format!("{within} of {all} within target")),
            "{footer}"
        );
    }
}

mod deadlines_and_clocks {
    use super::*;
    use common::tui::{app, draw, marked, press, type_text};

    #[test]
    fn a_deadline_typed_in_the_form_overrides_the_target() {
        let mut app = app(common::demo());
        press(&mut app, "3n");
        type_text(&mut app, "Courier strike");
        for _ in 0..9 {
            press(&mut app, "<tab>");
        }
        type_text(&mut app, "+4h");
        press(&mut app, "<tab>");
        type_text(&mut app, "fri");
        press(&mut app, "<enter>");
        let id = *app.board().issues.keys().next_back().unwrap();
        let issue = &app.board().issues[&id];
        assert_eq!(issue.respond_by, Some(at("13:00")), "four hours from 09:00");
        assert_eq!(
            issue.resolve_by.map(|m| m.to_rfc3339()).as_deref(),
            Some("2026-11-27T18:00:00+08:00")
        );
        // Two steps: raised, then given its deadlines; both undo.
        press(&mut app, "uu");
        assert_eq!(*app.board(), common::demo());
        // Nonsense keeps the form open on the field.
        press(&mut app, "n");
        type_text(&mut app, "X");
        for _ in 0..9 {
            press(&mut app, "<tab>");
        }
        type_text(&mut app, "someday");
        press(&mut app, "<enter>");
        assert!(app.overlay().is_some());
        let screen = common::tui::text(&draw(&mut app, 100, 30));
        assert!(screen.contains("`someday` is not a moment"), "{screen}");
    }

    #[test]
    fn every_clock_state_has_its_colour() {
        let mut board = common::demo();
        // One in the last quarter of its resolution target: acknowledged P1
        // opened 1h40m ago resolves in 20m of 2h.
        let id = p1(&mut board, common::now() - chrono::Duration::minutes(100));
        board
            .apply(&Action::AcknowledgeIssue { id }, common::now())
            .unwrap();
        let mut app = app(board);
        // The cursor on the last row, so the others show their colours.
        press(&mut app, "3G");
        let screen = marked(&draw(&mut app, 100, 14));
        insta::assert_snapshot!("queue_clock_states", screen);
        let mark_under = |needle: &str| {
            let lines: Vec<&str> = screen.lines().collect();
            let at = lines.iter().position(|l| l.contains(needle)).expect(needle);
            let col = lines[at].find(needle).unwrap_or(0);
            let chars: Vec<char> = lines[at].chars().collect();
            let col = lines[at][..col].chars().count().min(chars.len());
            lines
                .get(at + 1)
                .and_then(|m| m.chars().nth(col))
                .unwrap_or(' ')
        };
        assert_eq!(mark_under("breached 30m"), 'E', "breached is red");
        assert_eq!(mark_under("resolve in 20m"), 'W', "last quarter is yellow");
    }
}

/// The record people act on: a missed target stays missed, raising is one
/// step, deadlines that cannot be met are refused (issue "The record is
/// true").
mod the_record {
    use super::*;
    use common::tui::{app, draw, press, text, type_text};

    /// A fresh board with a tech department, and a command at `when`
    /// (`2026-12-07Thh:mm`, Beijing time).
    fn at_time(home: &Home, when: &str, args: &[&str]) -> assert_cmd::assert::Assert {
        home.cmd()
            .env("STANDUP_NOW", format!("2026-12-07T{when}:00+08:00"))
            .args(args)
            .assert()
    }

    fn json_at(home: &Home, when: &str, args: &[&str]) -> serde_json::Value {
        let out = at_time(home, when, args)
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).expect("JSON")
    }

    fn late_p1() -> Home {
        let home = Home::new();
        at_time(&home, "09:00", &["init", "--name", "Payments"]).success();
        at_time(&home, "09:00", &["party", "add", "tech", "技术部"]).success();
        let raise = [
            "issue",
            "add",
            "Payment down",
            "--impact",
            "high",
            "--urgency",
            "high",
            "--owner",
            "tech",
        ];
        at_time(&home, "10:00", &raise).success();
        at_time(&home, "10:45", &["issue", "ack", "I-1"]).success();
        home
    }

    #[test]
    fn a_late_acknowledgement_is_missed_not_erased() {
        let home = late_p1();
        // Answered, so no clock runs past its deadline: not breached…
        let breached = json_at(&home, "10:50", &["issue", "list", "--breached", "--json"]);
        assert_eq!(breached["issues"], serde_json::json!([]));
        // …but the response target was missed, by 15 minutes, for good.
        let missed = json_at(&home, "10:50", &["issue", "list", "--missed", "--json"]);
        let row = &missed["issues"][0];
        assert_eq!(row["id"], "I-1");
        assert_eq!(row["missed"], true);
        assert_eq!(row["breached"], false);
        assert_eq!(row["clock"], "resolve in 1h 10m · responded 15m late");
        let respond = &row["sla"]["respond"];
        assert_eq!(respond["deadline"], "2026-12-07T10:30:00+08:00");
        assert_eq!(respond["stopped"], "2026-12-07T10:45:00+08:00");
        assert_eq!(respond["outcome"], "missed");
        assert_eq!(respond["late_minutes"], 15);
        assert_eq!(row["sla"]["resolve"][0]["outcome"], "running");
        // The text queue says it too.
        at_time(&home, "10:50", &["issue", "list"])
            .success()
            .stdout(predicate::str::contains("responded 15m late"));
        // At 12:01 the resolution clock is breached, apart from the miss.
        let later = json_at(&home, "12:01", &["issue", "list", "--json"]);
        let row = &later["issues"][0];
        assert_eq!(row["breached"], true);
        assert_eq!(row["clock"], "breached 1m ago · responded 15m late");
        assert_eq!(row["sla"]["resolve"][0]["outcome"], "missed");
        assert_eq!(row["sla"]["resolve"][0]["late_minutes"], 1);
        assert_eq!(row["sla"]["respond"]["late_minutes"], 15);
    }

    #[test]
    fn the_minutes_and_the_week_list_the_miss_with_target_amount_and_owner() {
        let home = late_p1();
        let minutes = json_at(&home, "11:00", &["report", "--format", "json"]);
        let miss = &minutes["sla_misses"][0];
        assert_eq!(miss["issue"], "I-1");
        assert_eq!(miss["clock"], "respond");
        assert_eq!(miss["target"], "30m");
        assert_eq!(miss["late_minutes"], 15);
        assert_eq!(miss["owner"], "技术部");
        let md = at_time(&home, "11:00", &["report"])
            .success()
            .get_output()
            .stdout
            .clone();
        let md = String::from_utf8(md).expect("UTF-8");
        assert!(
            md.contains(
                "## SLA misses (1)\n- P1 I-1 Payment down: respond target (30m) missed by 15m, \
                 answered Mon 7 Dec 10:45. Owner: 技术部."
            ),
            "{md}"
        );
        let week = json_at(&home, "11:00", &["report", "--week", "--format", "json"]);
        assert_eq!(week["sla_misses"][0]["issue"], "I-1");
        assert_eq!(week["sla_misses"][0]["late"], "15m");
        let md = at_time(&home, "11:00", &["report", "--week"])
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(String::from_utf8_lossy(&md).contains("missed by 15m, answered"));
    }

    #[test]
    fn a_resolve_deadline_before_the_respond_deadline_is_refused() {
        let home = Home::new();
        home.demo();
        let before = std::fs::read(home.board()).expect("board");
        home.run(&[
            "issue",
            "add",
            "Stock low",
            "--impact",
            "low",
            "--urgency",
            "low",
            "--resolve-by",
            "2026-11-23T10:00:00+08:00",
        ])
        .code(2)
        .stderr(predicate::str::contains(
            "resolve by 2026-11-23T10:00:00+08:00 is before respond by 2026-11-30T09:00:00+08:00",
        ));
        assert_eq!(std::fs::read(home.board()).expect("board"), before);
        // A hand-set respond deadline after it too.
        home.run(&[
            "issue",
            "add",
            "Stock low",
            "--impact",
            "high",
            "--urgency",
            "high",
            "--respond-by",
            "2026-11-23T12:00:00+08:00",
            "--resolve-by",
            "2026-11-23T11:00:00+08:00",
        ])
        .code(2);
        assert_eq!(std::fs::read(home.board()).expect("board"), before);
    }

    #[test]
    fn raising_with_deadlines_is_one_step_to_undo() {
        let mut board = common::demo();
        let original = board.clone();
        let mut history = History::default();
        let new = NewIssue {
            title: "Courier strike".into(),
            impact: Level::High,
            urgency: Level::Medium,
            resolve_by: Some(at("18:00")),
            ..NewIssue::default()
        };
        history
            .apply(&mut board, &Action::AddIssue(new), at("09:00"))
            .expect("raised");
        let id = *board.issues.keys().next_back().expect("raised");
        assert_eq!(board.issues[&id].resolve_by, Some(at("18:00")));
        // The log says who set the deadline, in the same step.
        let logged: Vec<_> = board
            .log
            .iter()
            .filter(|e| e.record == id.to_string())
            .collect();
        assert_eq!(logged.len(), 2, "{logged:?}");
        history.undo(&mut board);
        assert_eq!(board, original, "one undo takes the whole raise back");
    }

    #[test]
    fn the_form_raises_in_one_step_and_refuses_an_impossible_deadline() {
        let mut app = app(common::demo());
        press(&mut app, "3n");
        type_text(&mut app, "Courier strike");
        for _ in 0..10 {
            press(&mut app, "<tab>");
        }
        type_text(&mut app, "2026-11-23 08:00");
        press(&mut app, "<enter>");
        let screen = text(&draw(&mut app, 100, 30));
        assert!(screen.contains("is before respond by"), "{screen}");
        assert_eq!(app.board().issues.len(), 5, "nothing raised");
        // A deadline that can be met: raised, said as raised, one undo.
        for _ in 0..16 {
            press(&mut app, "<backspace>");
        }
        type_text(&mut app, "2026-11-25 18:00");
        press(&mut app, "<enter>");
        let screen = text(&draw(&mut app, 100, 30));
        assert!(screen.contains("Raised I-6"), "{screen}");
        assert_eq!(app.board().issues.len(), 6);
        press(&mut app, "u");
        let screen = text(&draw(&mut app, 100, 30));
        assert!(
            screen.contains("Undid: add issue \"Courier strike\""),
            "{screen}"
        );
        assert_eq!(app.board().issues.len(), 5, "one undo");
    }

    #[test]
    fn card_details_list_the_cards_issues_with_their_clocks() {
        let mut app = app(common::demo());
        // T-1 (Doing, first card) carries I-5, a breached P1.
        press(&mut app, "l<enter>");
        let screen = text(&draw(&mut app, 120, 40));
        assert!(screen.contains("Issues"), "{screen}");
        assert!(
            screen.contains("P1 I-5 Checkout page takes 6 s to load on mobile  breached"),
            "{screen}"
        );
    }
}
