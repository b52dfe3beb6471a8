//! Standup mode: "since the last standup" read from the activity log, the
//! speaking order, the minutes (Markdown and JSON golden files at a pinned
//! time), the standup pane mid-meeting, and the shell commands.

use crate::common;
use standup::tui::Effect;

use chrono::{DateTime, Duration};
use common::home::Home;
use common::tui::{app, draw, press, text, type_text};
use predicates::prelude::*;
use ratatui::style::Color;
use standup::i18n::{Lang, Locale};
use standup::model::standup::Stop;
use standup::model::triage::Level;
use standup::model::{
    Action, Board, Decision, NewIssue, NewTask, Parked, PartyKind, StandupOrder, TaskId, Timestamp,
};
use standup::report::{self, Which, markdown};
use standup::tui::Pane;

fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("a timestamp")
}

fn apply(board: &mut Board, when: &str, action: Action) {
    board.apply(&action, at(when)).expect("the action applies");
}

fn move_to(board: &mut Board, when: &str, id: u32, column: &str) {
    apply(
        board,
        when,
        Action::MoveTask {
            id: TaskId::from_number(id),
            column: column.into(),
            position: None,
        },
    );
}

/// Two parties, three cards, all made on Monday the 16th.
fn small_board() -> Board {
    let mut board = Board::new("Shop", "");
    for (code, name) in [("ops", "运营部"), ("dev", "Dev")] {
        apply(
            &mut board,
            "2026-11-16T08:00:00+08:00",
            Action::AddParty {
                code: code.into(),
                name: name.into(),
                kind: PartyKind::Department,
                department: None,
            },
        );
    }
    for (title, owner) in [
        ("Price list", "ops"),
        ("Checkout fix", "dev"),
        ("Banner", "ops"),
    ] {
        apply(
            &mut board,
            "2026-11-16T08:00:00+08:00",
            Action::AddTask(NewTask {
                title: title.into(),
                owner: Some(owner.into()),
                ..NewTask::default()
            }),
        );
    }
    board
}

/// A standup from `start` to `end`.
fn hold_standup(board: &mut Board, start: &str, end: &str) {
    apply(
        board,
        start,
        Action::StartStandup {
            order: StandupOrder::Party,
        },
    );
    apply(board, end, Action::EndStandup { speakers: None });
}

mod since_the_last_standup {
    use super::*;

    #[test]
    fn runs_across_midnight_and_collapses_several_moves_into_one_path() {
        let mut board = small_board();
        hold_standup(
            &mut board,
            "2026-11-17T23:40:00+08:00",
            "2026-11-17T23:50:00+08:00",
        );
        // Before the standup ended: not "since".
        move_to(&mut board, "2026-11-17T23:45:00+08:00", 2, "doing");
        // After it, on both sides of midnight.
        move_to(&mut board, "2026-11-17T23:55:00+08:00", 1, "doing");
        move_to(&mut board, "2026-11-18T00:10:00+08:00", 1, "review");
        move_to(&mut board, "2026-11-18T08:30:00+08:00", 1, "done");
        move_to(&mut board, "2026-11-18T00:20:00+08:00", 3, "doing");
        move_to(&mut board, "2026-11-18T00:30:00+08:00", 3, "todo");
        let now = at("2026-11-18T09:00:00+08:00");

        let since = board.since_last_standup(now);
        assert_eq!(since.from, at("2026-11-17T23:50:00+08:00"));
        assert_eq!(since.standup, Some(0));
        let changes = board.changes(since.from, now);
        let records: Vec<&str> = changes.iter().map(|c| c.record.as_str()).collect();
        assert_eq!(
            records,
            ["T-1", "T-3"],
            "T-2 moved before the standup ended"
        );
        assert_eq!(changes[0].path, ["todo", "doing", "review", "done"]);
        assert!(changes[0].finished("done"));
        // There and back again is no move.
        assert_eq!(changes[1].path, ["todo", "doing", "todo"]);
        assert!(!changes[1].moved());

        let summary = board.since_summary(now);
        assert_eq!((summary.moved, summary.finished), (0, 1));
    }

    #[test]
    fn runs_across_a_weekend_from_fridays_standup() {
        let mut board = small_board();
        hold_standup(
            &mut board,
            "2026-11-20T09:00:00+08:00",
            "2026-11-20T09:12:00+08:00",
        );
        move_to(&mut board, "2026-11-20T09:05:00+08:00", 3, "doing");
        move_to(&mut board, "2026-11-21T15:00:00+08:00", 1, "doing");
        move_to(&mut board, "2026-11-22T20:00:00+08:00", 2, "doing");
        move_to(&mut board, "2026-11-22T21:00:00+08:00", 2, "review");
        let monday = at("2026-11-23T09:00:00+08:00");

        let since = board.since_last_standup(monday);
        assert_eq!(since.from, at("2026-11-20T09:12:00+08:00"));
        let changes = board.changes(since.from, monday);
        let paths: Vec<(&str, Vec<&str>)> = changes
            .iter()
            .map(|c| {
                (
                    c.record.as_str(),
                    c.path.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            paths,
            [
                ("T-1", vec!["todo", "doing"]),
                ("T-2", vec!["todo", "doing", "review"]),
            ]
        );
        assert_eq!(board.since_summary(monday).moved, 2);
        // Before any standup, "since" is the last day.
        let fresh = small_board();
        let since = fresh.since_last_standup(monday);
        assert_eq!(
            (since.from, since.standup),
            (monday - Duration::days(1), None)
        );
    }

    #[test]
    fn the_speaking_order_skips_who_has_nothing_and_the_board_walks_right_to_left() {
        let mut board = small_board();
        let now = at("2026-11-23T09:00:00+08:00");
        assert!(
            board.stops(StandupOrder::Party, now).is_empty(),
            "cards waiting in To do, made a week ago, are nothing to report"
        );
        move_to(&mut board, "2026-11-23T08:00:00+08:00", 2, "doing");
        assert_eq!(
            board.stops(StandupOrder::Party, now),
            [Stop::Party("dev".into())]
        );
        move_to(&mut board, "2026-11-23T08:10:00+08:00", 1, "done");
        assert_eq!(
            board.stops(StandupOrder::Party, now),
            [Stop::Party("ops".into()), Stop::Party("dev".into())],
            "the board's party order"
        );
        assert_eq!(
            board.stops(StandupOrder::Board, now),
            [
                Stop::Column("done".into()),
                Stop::Column("doing".into()),
                Stop::Column("todo".into())
            ],
            "right to left, the empty Review column skipped"
        );
    }

    #[test]
    fn standup_actions_are_refused_out_of_turn_and_undo_exactly() {
        let mut board = small_board();
        let now = at("2026-11-23T09:00:00+08:00");
        let err = board
            .apply(
                &Action::Decide(Decision {
                    text: "Ship it".into(),
                    owner: None,
                    due: None,
                }),
                now,
            )
            .expect_err("no standup is running");
        assert_eq!(err.to_string(), "no standup is running: start one first");
        let before = board.clone();
        let start = Action::StartStandup {
            order: StandupOrder::Board,
        };
        let applied = board.apply(&start, now).expect("starts");
        let again = board.apply(&start, now).expect_err("one at a time");
        assert!(again.to_string().contains("a standup is running already"));
        let bad_owner = board.apply(
            &Action::Park(Parked {
                topic: "Pricing".into(),
                owner: Some("nobody-here".into()),
            }),
            now,
        );
        assert!(bad_owner.is_err());
        board.restore(applied.patch);
        assert_eq!(
            board, before,
            "undoing the start leaves the board as it was"
        );
    }
}

/// The demo board with this morning's standup: T-3 moved during it, a
/// decision and a parked topic, twelve minutes with four speakers.
fn demo_after_standup() -> Board {
    let mut board = common::demo();
    let t = |minutes: i64| {
        (common::now() + Duration::minutes(minutes))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    };
    apply(
        &mut board,
        &t(0),
        Action::StartStandup {
            order: StandupOrder::Party,
        },
    );
    move_to(&mut board, &t(2), 3, "review");
    apply(
        &mut board,
        &t(3),
        Action::Park(Parked {
            topic: "Bundle pricing for members".into(),
            owner: Some("prod".into()),
        }),
    );
    apply(
        &mut board,
        &t(8),
        Action::Decide(Decision {
            text: "Stock for SKU A1029 is bought today, without waiting for the forecast".into(),
            owner: Some("sales".into()),
            due: Some(common::now().date_naive()),
        }),
    );
    let speakers = [("mkt", 150), ("prod", 170), ("sales", 200), ("tech", 190)]
        .into_iter()
        .map(|(speaker, seconds)| standup::model::SpeakerTime {
            speaker: speaker.into(),
            seconds,
        })
        .collect();
    apply(
        &mut board,
        &t(12),
        Action::EndStandup {
            speakers: Some(speakers),
        },
    );
    board
}

mod minutes {
    use super::*;

    #[test]
    fn of_the_demo_standup_in_markdown_and_json() {
        let board = demo_after_standup();
        let later = common::now() + Duration::hours(1);
        let minutes = report::minutes(&board, Which::Latest, later, Lang::En).expect("minutes");
        let md = markdown::render(&minutes, &Locale::default());
        insta::assert_snapshot!("minutes_demo_md", md);
        assert!(!md.contains('\u{1b}'), "no terminal codes in chat text");
        assert!(
            md.lines().all(|l| !l.starts_with('|')),
            "no tables: they wrap badly in chat"
        );
        let json = serde_json::to_string_pretty(&minutes).expect("JSON");
        insta::assert_snapshot!("minutes_demo_json", json);
        // The same standup asked for by date gives the same minutes.
        let by_date = report::minutes(
            &board,
            Which::Date(common::now().date_naive()),
            later + Duration::days(2),
            Lang::En,
        )
        .expect("by date");
        assert_eq!(by_date, minutes);
    }

    #[test]
    fn since_the_last_one_when_none_was_held_today() {
        let board = common::demo();
        let minutes =
            report::minutes(&board, Which::Latest, common::now(), Lang::En).expect("minutes");
        assert!(minutes.standup.is_none());
        insta::assert_snapshot!(
            "minutes_since_last_md",
            markdown::render(&minutes, &Locale::default())
        );
    }

    #[test]
    fn a_day_with_no_changes_says_so() {
        let board = demo_after_standup();
        let next_day = common::now() + Duration::days(1);
        let minutes = report::minutes(&board, Which::Latest, next_day, Lang::En).expect("minutes");
        assert!(
            minutes
                .parties
                .iter()
                .all(|p| p.moved.is_empty() && p.finished.is_empty() && p.added.is_empty())
        );
        assert!(minutes.raised.is_empty() && minutes.decisions.is_empty());
        insta::assert_snapshot!(
            "minutes_no_changes_md",
            markdown::render(&minutes, &Locale::default())
        );
    }

    #[test]
    fn a_board_with_no_issues() {
        let mut board = small_board();
        apply(
            &mut board,
            "2026-11-23T09:00:00+08:00",
            Action::StartStandup {
                order: StandupOrder::Board,
            },
        );
        move_to(&mut board, "2026-11-23T09:01:00+08:00", 2, "doing");
        apply(
            &mut board,
            "2026-11-23T09:02:00+08:00",
            Action::BlockTask {
                id: TaskId::from_number(2),
                reason: "Waiting for the payment provider's sandbox".into(),
            },
        );
        apply(
            &mut board,
            "2026-11-23T09:06:00+08:00",
            Action::EndStandup { speakers: None },
        );
        let minutes = report::minutes(
            &board,
            Which::Latest,
            at("2026-11-23T10:00:00+08:00"),
            Lang::En,
        )
        .expect("minutes");
        assert!(minutes.issues.is_empty());
        insta::assert_snapshot!(
            "minutes_no_issues_md",
            markdown::render(&minutes, &Locale::default())
        );
    }

    /// Each party's part holds its own cards only; a blocked card carries
    /// the support its open issues ask for (and not a closed one's); the
    /// cards no one speaks for have a part of their own.
    #[test]
    fn each_part_has_its_own_cards_and_blocked_cards_the_help_asked_for() {
        let mut board = small_board();
        apply(
            &mut board,
            "2026-11-23T08:00:00+08:00",
            Action::AddTask(NewTask {
                title: "Orphan card".into(),
                ..NewTask::default()
            }),
        );
        for (id, reason) in [(2, "Sandbox down"), (4, "No one to ask")] {
            apply(
                &mut board,
                "2026-11-23T08:05:00+08:00",
                Action::BlockTask {
                    id: TaskId::from_number(id),
                    reason: reason.into(),
                },
            );
        }
        for support in ["A sandbox key from the provider", "Legal sign-off"] {
            apply(
                &mut board,
                "2026-11-23T08:10:00+08:00",
                Action::AddIssue(NewIssue {
                    title: format!("Needs: {support}"),
                    detail: String::new(),
                    reporter: None,
                    parties: Vec::new(),
                    owner: Some("dev".into()),
                    impact: Level::Medium,
                    urgency: Level::Medium,
                    support: support.into(),
                    proposal: String::new(),
                    task: Some(TaskId::from_number(2)),
                    respond_by: None,
                    resolve_by: None,
                }),
            );
        }
        apply(
            &mut board,
            "2026-11-23T08:20:00+08:00",
            Action::CloseIssue {
                id: standup::model::IssueId::from_number(2),
                reason: String::new(),
            },
        );
        let minutes = report::minutes(
            &board,
            Which::Latest,
            at("2026-11-23T09:00:00+08:00"),
            Lang::En,
        )
        .expect("minutes");
        let part = |party: Option<&str>| {
            minutes
                .parties
                .iter()
                .find(|p| p.party.as_deref() == party)
                .unwrap_or_else(|| panic!("a part for {party:?}"))
        };
        let dev = part(Some("dev"));
        assert_eq!(dev.blocked.len(), 1);
        assert_eq!(dev.blocked[0].task, TaskId::from_number(2));
        assert_eq!(
            dev.blocked[0].help,
            ["A sandbox key from the provider (I-1)"]
        );
        let titles = |p: &report::PartyReport| -> Vec<String> {
            p.next.iter().map(|c| c.title.clone()).collect()
        };
        assert_eq!(titles(part(Some("ops"))), ["Price list", "Banner"]);
        let no_one = part(None);
        assert_eq!(no_one.blocked.len(), 1);
        assert_eq!(no_one.blocked[0].title, "Orphan card");
        assert!(no_one.blocked[0].help.is_empty());
        assert_eq!(no_one.added.len(), 1);
        assert!(dev.added.is_empty() && part(Some("ops")).added.is_empty());
    }

    #[test]
    fn a_date_without_a_standup_is_refused_with_the_dates_that_have_one() {
        let board = demo_after_standup();
        let err = report::minutes(
            &board,
            Which::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("a date")),
            common::now(),
            Lang::En,
        )
        .expect_err("no standup that day");
        // The day itself cannot be told either: the log begins later.
        assert_eq!(
            err.to_string(),
            "no standup was held on 2026-11-02 (held on: 2026-11-22, 2026-11-23), and the \
             board's activity log begins at 2026-11-09T07:00:00+08:00: it says nothing of the \
             board before"
        );
    }
}

mod pane {
    use super::*;

    /// The timer digits' colour: the first cell of the big speaker clock.
    fn speaker_clock_colour(buf: &ratatui::buffer::Buffer) -> Option<Color> {
        let y = (0..buf.area.height).find(|y| {
            (0..buf.area.width).any(|x| buf[(x, *y)].symbol() == "S")
                && text_row(buf, *y).contains("Speaker 1/4")
        })?;
        Some(buf[(2, y + 1)].fg)
    }

    fn text_row(buf: &ratatui::buffer::Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn mid_meeting_the_timers_turn_yellow_then_red() {
        let mut app = app(common::demo());
        press(&mut app, "4");
        let before = text(&draw(&mut app, 100, 30));
        assert!(before.contains("No standup running"));
        insta::assert_snapshot!("standup_before_100x30", before);
        press(&mut app, "s");
        assert!(app.meeting().is_some());
        // 1:40 into 市场部's two minutes: the last quarter, yellow.
        app.set_now(common::now() + Duration::seconds(100));
        let buf = draw(&mut app, 100, 30);
        assert_eq!(speaker_clock_colour(&buf), Some(Color::Yellow));
        insta::assert_snapshot!("standup_speaker_late_100x30", text(&buf));
        // 2:30: over, red.
        app.set_now(common::now() + Duration::seconds(150));
        let buf = draw(&mut app, 100, 30);
        assert_eq!(speaker_clock_colour(&buf), Some(Color::Red));
        // The next speaker starts from zero; the meeting clock runs on.
        press(&mut app, "]");
        app.set_now(common::now() + Duration::seconds(160));
        let screen = text(&draw(&mut app, 100, 30));
        assert!(screen.contains("Speaker 2/4: Product (prod)"), "{screen}");
        assert!(screen.contains("✓ 市场部 2:30"), "{screen}");
        // Sixteen minutes in, the meeting is over its timebox: red.
        app.set_now(common::now() + Duration::minutes(16));
        let buf = draw(&mut app, 100, 30);
        let meeting_digit = (0..buf.area.height)
            .find(|y| text_row(&buf, *y).contains("Meeting"))
            .map(|y| buf[(52, y + 1)].fg);
        assert_eq!(meeting_digit, Some(Color::Red));
        insta::assert_snapshot!("standup_over_time_100x30", text(&buf));
    }

    #[test]
    fn space_pauses_both_clocks() {
        let mut app = app(common::demo());
        press(&mut app, "4s");
        app.set_now(common::now() + Duration::seconds(30));
        press(&mut app, " ");
        app.set_now(common::now() + Duration::seconds(90));
        let meeting = app.meeting().expect("running");
        assert!(meeting.paused());
        assert_eq!(meeting.elapsed(app.now()), 30);
        press(&mut app, " ");
        app.set_now(common::now() + Duration::seconds(100));
        assert_eq!(app.meeting().expect("running").elapsed(app.now()), 40);
    }

    #[test]
    fn board_and_issue_keys_work_in_place_and_end_records_everything() {
        let mut app = app(common::demo());
        press(&mut app, "4s");
        // 市场部: T-8 (overdue) is selected first, then T-3, then I-3.
        press(&mut app, "jL");
        assert_eq!(app.board().tasks[&TaskId::from_number(3)].column, "review");
        press(&mut app, "D");
        type_text(&mut app, "Copy goes live Friday");
        press(&mut app, "<enter><enter>fri<enter>");
        press(&mut app, "P");
        type_text(&mut app, "Influencer budget");
        press(&mut app, "<enter>-<enter>");
        let open = app.board().open_standup().expect("running");
        assert_eq!(
            open.decisions[0].owner.as_deref(),
            Some("mkt"),
            "the speaker"
        );
        assert_eq!(
            open.decisions[0].due.map(|d| d.to_string()).as_deref(),
            Some("2026-11-27")
        );
        assert_eq!(open.parked[0].owner, None, "- is nobody");
        // The issue row: `a` acknowledges I-3 here as in the queue.
        press(&mut app, "G");
        assert_eq!(
            app.selected_issue().map(|i| i.to_string()).as_deref(),
            Some("I-3")
        );
        press(&mut app, "a");
        assert_eq!(
            app.board().issues[&standup::model::IssueId::from_number(3)].status,
            standup::model::IssueStatus::Acknowledged
        );
        app.set_now(common::now() + Duration::seconds(75));
        press(&mut app, "]");
        app.set_now(common::now() + Duration::seconds(120));
        let effects = press(&mut app, "Xy");
        assert!(app.meeting().is_none());
        let record = app.board().standups.last().expect("a record");
        assert_eq!(record.ended, Some(common::now() + Duration::seconds(120)));
        let spoke: Vec<(&str, u32)> = record
            .speakers
            .iter()
            .map(|s| (s.speaker.as_str(), s.seconds))
            .collect();
        assert_eq!(spoke, [("mkt", 75), ("prod", 45)]);
        let [Effect::WriteMinutes(started)] = effects[..] else {
            panic!("the loop is asked to write the minutes: {effects:?}");
        };
        assert_eq!(
            app.board().standup_at(started),
            Some(app.board().standups.len() - 1)
        );
        // Undo takes the end back: the meeting resumes with its times.
        press(&mut app, "u");
        let meeting = app.meeting().expect("resumed");
        assert_eq!(meeting.stop(), Some(&Stop::Party("prod".into())));
        assert_eq!(meeting.spoken(0, app.now()), 75);
    }

    #[test]
    fn presenter_view_and_small_and_chinese_screens() {
        let mut app = app(common::demo());
        press(&mut app, "4s]f");
        assert!(app.standup_state().presenter);
        let screen = text(&draw(&mut app, 80, 24));
        assert!(!screen.contains("1 Board"), "no editing chrome");
        insta::assert_snapshot!("standup_presenter_80x24", screen);
        press(&mut app, "<esc>");
        assert!(!app.standup_state().presenter);
        for (w, h) in [(1, 1), (20, 6), (40, 12), (60, 20)] {
            let screen = text(&draw(&mut app, w, h));
            assert_eq!(screen.lines().count(), usize::from(h));
        }
        insta::assert_snapshot!("standup_40x12", text(&draw(&mut app, 40, 12)));
        let mut chinese = app_with_chinese();
        press(&mut chinese, "4s");
        insta::assert_snapshot!("standup_chinese_80x24", text(&draw(&mut chinese, 80, 24)));
        assert_eq!(chinese.pane(), Pane::Standup);
    }

    fn app_with_chinese() -> standup::tui::App {
        let mut board = common::chinese();
        let first = *board.tasks.keys().next().expect("a task");
        board
            .apply(
                &Action::MoveTask {
                    id: first,
                    column: "doing".into(),
                    position: None,
                },
                common::now(),
            )
            .expect("moves");
        app(board)
    }
}

mod shell {
    use super::*;

    #[test]
    fn start_decide_park_end_writes_the_minutes_and_report_repeats_them() {
        let home = Home::new();
        home.demo();
        home.run(&["standup", "start"])
            .success()
            .stdout(predicate::str::contains(
                "Speaking order: 市场部 (mkt), Product (prod), Sales (sales), Tech (tech).",
            ));
        home.run(&["task", "move", "T-3", "review"]).success();
        home.run(&[
            "standup",
            "decide",
            "Buy the stock today",
            "--owner",
            "sales",
            "--due",
            "today",
        ])
        .success();
        home.run(&["standup", "park", "Bundle pricing", "--owner", "Product"])
            .success();
        let end = home.run(&["standup", "end"]).success();
        let out = String::from_utf8_lossy(&end.get_output().stdout).to_string();
        let minutes = home.board().with_file_name("minutes").join("2026-11-23.md");
        assert!(out.contains(&minutes.display().to_string()), "{out}");
        let written = std::fs::read_to_string(&minutes).expect("minutes written");
        let report = home.run(&["report"]).success();
        let printed = String::from_utf8_lossy(&report.get_output().stdout).to_string();
        assert_eq!(
            printed, written,
            "report prints the minutes of today's standup"
        );
        assert!(written.contains("- Moved: T-3 Channel promotion plan (Doing → Review)."));
        assert!(written.contains("## Decisions\n- Buy the stock today — Sales, by Mon 23 Nov"));
        assert!(written.contains("## Parked\n- Bundle pricing — Product"));
        // Byte-identical run after run at a pinned time, in JSON too.
        let json = |home: &Home| home.cmd().args(["report", "--format", "json"]).output();
        let (a, b) = (json(&home).expect("runs"), json(&home).expect("runs"));
        assert_eq!(a.stdout, b.stdout);
        let value: serde_json::Value = serde_json::from_slice(&a.stdout).expect("JSON");
        assert_eq!(value["parked"][0]["topic"], "Bundle pricing");
        assert_eq!(value["standup"]["order"], "party");
    }

    #[test]
    fn out_of_turn_and_bad_input_exit_2_and_leave_the_board() {
        let home = Home::new();
        home.demo();
        let before = std::fs::read(home.board()).expect("board");
        home.run(&["standup", "end"])
            .code(2)
            .stderr(predicate::str::contains("no standup is running"));
        home.run(&["standup", "decide", "x", "--due", "2026-02-30"])
            .code(2)
            .stderr(predicate::str::contains("--due"));
        home.run(&["report", "--date", "2026-11-02"])
            .code(2)
            .stderr(predicate::str::contains(
                "no standup was held on 2026-11-02",
            ));
        assert_eq!(std::fs::read(home.board()).expect("board"), before);
    }
}

/// The record a standup leaves is true: past minutes show the day as it
/// was, and every change made in the window is said (issue "The record is
/// true").
mod the_record {
    use super::*;

    /// The demo board's home, and a command at a pinned moment.
    fn run_at(home: &Home, when: &str, args: &[&str]) -> String {
        let out = home
            .cmd()
            .env("STANDUP_NOW", when)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("UTF-8")
    }

    /// A standup on Tuesday 24 Nov with a due date moved, a card unblocked
    /// and roles set during it; then on Wednesday a block, a new issue and
    /// an acknowledgement.
    fn tuesday_and_wednesday() -> Home {
        let home = Home::new();
        home.demo();
        let tue = |hhmm: &str| format!("2026-11-24T{hhmm}:00+08:00");
        run_at(&home, &tue("09:00"), &["standup", "start"]);
        run_at(
            &home,
            &tue("09:02"),
            &["task", "edit", "T-1", "--due", "2026-12-05"],
        );
        run_at(&home, &tue("09:03"), &["task", "unblock", "T-5"]);
        run_at(&home, &tue("09:04"), &["raci", "set", "T-16", "mkt", "R"]);
        run_at(&home, &tue("09:04"), &["raci", "set", "T-16", "prod", "A"]);
        run_at(
            &home,
            &tue("09:05"),
            &["task", "edit", "T-3", "--owner", "sales", "--risk", "high"],
        );
        run_at(&home, &tue("09:12"), &["standup", "end"]);
        let wed = |hhmm: &str| format!("2026-11-25T{hhmm}:00+08:00");
        run_at(
            &home,
            &wed("10:00"),
            &["task", "block", "T-12", "--reason", "Supplier silent"],
        );
        run_at(
            &home,
            &wed("10:05"),
            &[
                "issue",
                "add",
                "Courier strike",
                "--impact",
                "high",
                "--urgency",
                "low",
            ],
        );
        run_at(&home, &wed("10:10"), &["issue", "ack", "I-3"]);
        home
    }

    #[test]
    fn past_minutes_show_the_day_as_it_was_and_nothing_later() {
        let home = tuesday_and_wednesday();
        let now = "2026-11-26T09:00:00+08:00";
        let md = run_at(&home, now, &["report", "--date", "2026-11-24"]);
        for later in ["Supplier silent", "I-6", "Courier strike"] {
            assert!(!md.contains(later), "{later} in Tuesday's minutes:\n{md}");
        }
        let json: serde_json::Value = serde_json::from_str(&run_at(
            &home,
            now,
            &["report", "--date", "2026-11-24", "--format", "json"],
        ))
        .expect("JSON");
        assert_eq!(json["until"], "2026-11-24T09:12:00+08:00");
        assert_eq!(json["covers"], "standup");
        // I-3 was still open on Tuesday; acknowledged on Wednesday.
        let i3 = json["issues"]
            .as_array()
            .expect("issues")
            .iter()
            .find(|i| i["id"] == "I-3")
            .expect("I-3 open then")
            .clone();
        assert_eq!(i3["status"], "open");
        // T-12 was not blocked then.
        let blocked: Vec<&serde_json::Value> = json["parties"]
            .as_array()
            .expect("parties")
            .iter()
            .flat_map(|p| p["blocked"].as_array().expect("blocked").iter())
            .collect();
        assert!(blocked.iter().all(|b| b["task"] != "T-12"), "{blocked:?}");
        // Wednesday, with no standup, is that day's changes, said so.
        let wed = run_at(&home, now, &["report", "--date", "2026-11-25"]);
        assert!(
            wed.starts_with(
                "# The day — Double 12 campaign 双十二大促 — Wed 25 Nov\n\nNo standup held that day"
            ),
            "{wed}"
        );
        assert!(wed.contains("Supplier silent"), "{wed}");
        assert!(wed.contains("I-6 Courier strike"), "{wed}");
        assert!(
            wed.contains("I-3 Live-stream host contract not signed: acknowledged"),
            "{wed}"
        );
    }

    #[test]
    fn every_change_of_the_standup_is_in_its_minutes_in_words() {
        let home = tuesday_and_wednesday();
        let md = run_at(
            &home,
            "2026-11-26T09:00:00+08:00",
            &["report", "--date", "2026-11-24"],
        );
        for said in [
            "T-1 Campaign page design: due 26 Nov → 5 Dec: slipped 9 days, 1 slip so far",
            "unblocked (was: Staging environment not ready: waiting for ops).",
            "T-16 Post-campaign survey: RACI: 市场部 R, Product A",
            "T-3 Channel promotion plan: owner 市场部 → Sales; risk none → high",
        ] {
            assert!(md.contains(said), "{said:?} missing:\n{md}");
        }
        // No change is an empty line.
        assert!(!md.lines().any(|l| l.trim_end().ends_with(':')), "{md}");
    }

    #[test]
    fn the_week_lists_deadline_slips_and_every_change() {
        let home = tuesday_and_wednesday();
        let md = run_at(&home, "2026-11-26T09:00:00+08:00", &["report", "--week"]);
        assert!(
            md.contains(
                "## Deadline slips\n- T-1 Campaign page design: due Thu 26 Nov → Sat 5 Dec, \
                 9 days later (1 slip so far) — Product"
            ),
            "{md}"
        );
        assert!(md.contains("## Changes this week"), "{md}");
        assert!(
            md.contains("T-12 Gift-with-purchase bundles: blocked: Supplier silent"),
            "{md}"
        );
        assert!(
            md.contains("Standup: standup started; standup ended"),
            "{md}"
        );
    }

    #[test]
    fn a_week_before_the_log_begins_is_refused_not_guessed() {
        let home = Home::new();
        home.demo();
        home.run(&["report", "--week", "2026-10-01"])
            .code(2)
            .stderr(predicate::str::contains(
                "the board's activity log begins at",
            ));
    }

    #[test]
    fn the_standup_pane_says_an_unblock_in_words() {
        let mut board = common::demo();
        let when = common::now() + Duration::minutes(5);
        board
            .apply(
                &Action::UnblockTask {
                    id: "T-5".parse().expect("id"),
                },
                when,
            )
            .expect("unblocked");
        let mut app = app(board);
        app.set_now(when + Duration::minutes(1));
        // Tech's turn: T-5 is theirs.
        press(&mut app, "4s]]]");
        let screen = text(&draw(&mut app, 200, 40));
        assert!(
            screen.contains("T-5 Payment load test: blocked: Staging environment not ready: waiting for ops; unblocked (was: Staging"),
            "{screen}"
        );
    }

    #[test]
    fn the_header_counts_raci_errors_and_every_change() {
        // The Chinese board comes from a RACI import: its roles break rules.
        let board = common::chinese();
        let errors = standup::model::raci::check(&board)
            .iter()
            .filter(|p| p.severity == standup::model::raci::Severity::Error)
            .count();
        assert!(errors > 0);
        let mut app = app(board);
        let screen = text(&draw(&mut app, 140, 30));
        let header = screen.lines().next().expect("a header");
        assert!(!header.contains("all clear"), "{header}");
        assert!(
            header.contains(&format!("{errors} RACI errors")),
            "{header}"
        );
        let second = screen.lines().nth(1).expect("a second line");
        assert!(
            second.contains("Last 24h:") && second.contains("changed"),
            "{second}"
        );
        assert!(!second.contains("no changes"), "{second}");
    }
}

/// Every kind of entry the log can hold, made during one standup: the
/// standup pane, the minutes and the weekly report say each in words, and
/// none as an empty line.
#[test]
fn every_event_kind_is_said_in_words_in_the_pane_the_minutes_and_the_week() {
    use standup::model::{Conflict, Event, IssueEdit, IssueId, TaskEdit, TaskId};
    let mut board = common::demo();
    board.conflicts.push(Conflict {
        record: "T-2".into(),
        field: "title".into(),
        kept: serde_json::json!("Top-10 SKU stock count"),
        other: serde_json::json!("Top-20 SKU stock count"),
        also: Vec::new(),
    });
    let mut minute = 0;
    let mut step = |board: &mut Board, action: Action| {
        minute += 1;
        let when = common::now() + Duration::minutes(30 + minute);
        board.apply(&action, when).expect("applied");
    };
    let t = |n: u32| TaskId::from_number(n);
    let i = |n: u32| IssueId::from_number(n);
    step(
        &mut board,
        Action::StartStandup {
            order: StandupOrder::Party,
        },
    );
    step(
        &mut board,
        Action::AddParty {
            code: "legal".into(),
            name: "法务部".into(),
            kind: standup::model::PartyKind::Department,
            department: None,
        },
    );
    step(
        &mut board,
        Action::RenameParty {
            party: "legal".into(),
            name: "Legal 法务".into(),
        },
    );
    step(
        &mut board,
        Action::MoveParty {
            party: "legal".into(),
            position: 0,
        },
    );
    step(
        &mut board,
        Action::AddColumn {
            name: "QA".into(),
            wip: Some(2),
        },
    );
    step(
        &mut board,
        Action::SetWip {
            column: "qa".into(),
            wip: Some(3),
        },
    );
    step(
        &mut board,
        Action::RenameColumn {
            column: "qa".into(),
            name: "测试 QA".into(),
        },
    );
    step(
        &mut board,
        Action::MoveColumn {
            column: "qa".into(),
            position: 2,
        },
    );
    step(
        &mut board,
        Action::DeleteColumn {
            column: "qa".into(),
            move_to: None,
        },
    );
    step(
        &mut board,
        Action::AddTask(standup::model::NewTask {
            title: "Contract review".into(),
            owner: Some("legal".into()),
            ..Default::default()
        }),
    );
    step(
        &mut board,
        Action::EditTask {
            id: t(1),
            edit: TaskEdit {
                due: Some(Some(
                    chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("date"),
                )),
                note: Some("waiting on copy".into()),
                risk: Some(Some(standup::model::Risk::High)),
                title: Some("Campaign page".into()),
                depends_on: Some(vec![t(2)]),
                owner: Some(Some("mkt".into())),
            },
        },
    );
    step(
        &mut board,
        Action::MoveTask {
            id: t(1),
            column: "review".into(),
            position: None,
        },
    );
    step(
        &mut board,
        Action::MoveTask {
            id: t(3),
            column: "doing".into(),
            position: Some(0),
        },
    );
    step(
        &mut board,
        Action::BlockTask {
            id: t(12),
            reason: "Supplier silent".into(),
        },
    );
    step(&mut board, Action::UnblockTask { id: t(5) });
    step(
        &mut board,
        Action::SetRole {
            task: t(16),
            party: "legal".into(),
            role: Some(standup::model::Role::Consulted),
        },
    );
    step(
        &mut board,
        Action::SetRole {
            task: t(1),
            party: "tech".into(),
            role: None,
        },
    );
    step(&mut board, Action::AcknowledgeIssue { id: i(3) });
    step(
        &mut board,
        Action::EscalateIssue {
            id: i(3),
            reason: "launch is close".into(),
        },
    );
    step(
        &mut board,
        Action::EditIssue {
            id: i(3),
            edit: IssueEdit {
                support: Some("a lawyer".into()),
                owner: Some(Some("legal".into())),
                ..IssueEdit::default()
            },
        },
    );
    step(
        &mut board,
        Action::ResolveIssue {
            id: i(2),
            note: "rule sheet out".into(),
        },
    );
    step(
        &mut board,
        Action::CloseIssue {
            id: i(2),
            reason: String::new(),
        },
    );
    step(&mut board, Action::ReopenIssue { id: i(2) });
    step(
        &mut board,
        Action::SettleConflict {
            record: "T-2".into(),
            field: "title".into(),
            take: Some(0),
        },
    );
    step(
        &mut board,
        Action::Decide(standup::model::Decision {
            text: "Ship on the 10th".into(),
            owner: Some("mkt".into()),
            due: None,
        }),
    );
    step(
        &mut board,
        Action::Park(Parked {
            topic: "Member pricing".into(),
            owner: None,
        }),
    );
    step(&mut board, Action::DeleteTask { id: t(16) });
    step(
        &mut board,
        Action::RemoveParty {
            party: "lin".into(),
            cascade: true,
        },
    );
    step(
        &mut board,
        Action::SetInfo {
            name: Some("Double 12".into()),
            goal: Some("GMV +30%".into()),
        },
    );
    step(&mut board, Action::EndStandup { speakers: None });

    let now = common::now() + Duration::hours(2);
    let window = board.log_between(common::now(), now);
    let kinds: std::collections::HashSet<Event> = window.iter().map(|e| e.what).collect();
    assert_eq!(kinds.len(), 17, "every kind of entry is made: {kinds:?}");

    // Each entry has words, and none is a bare field name or an empty phrase.
    for (index, entry) in board
        .log
        .iter()
        .enumerate()
        .filter(|(_, e)| e.at > common::now())
    {
        let words = board.entry_words(index, entry, Lang::En);
        assert!(
            !words.trim().is_empty() && !words.ends_with(':') && !words.contains('{'),
            "{entry:?}: {words:?}"
        );
        let zh = board.entry_words(index, entry, Lang::Zh);
        assert!(
            !zh.trim().is_empty() && !zh.contains('{'),
            "{entry:?}: {zh:?}"
        );
    }
    let held = board.standups.len() - 1;
    let minutes = report::of_standup(&board, held, now, Lang::En).expect("minutes");
    let md = markdown::render(&minutes, &Locale::default());
    let week = report::week::week(
        &board,
        now.date_naive(),
        now,
        chrono::Weekday::Mon,
        Lang::En,
    )
    .expect("week");
    let week_md = report::week_markdown::render(&week, &Locale::default());
    for text in [&md, &week_md] {
        for line in text.lines() {
            assert!(
                !line.trim_end().ends_with(':') && !line.contains(": ;") && !line.contains(":."),
                "empty words in {line:?}:\n{text}"
            );
        }
        for said in [
            "renamed from “Campaign page design”",
            "due 26 Nov → 5 Dec: slipped 9 days",
            "unblocked (was: Staging environment not ready: waiting for ops)",
            "Supplier silent",
            "note: waiting on copy",
            "now depends on T-2",
            "escalated: urgency low → medium",
            "Legal 法务 (legal): party 法务部 added; renamed 法务部 → Legal 法务",
            "Lin Fang (lin): party Lin Fang removed",
            "测试 QA: column QA added",
            "WIP limit 2 → 3",
            "column 测试 QA deleted",
            "conflict on title settled: Top-20 SKU stock count",
            "Ship on the 10th",
            "Member pricing",
        ] {
            assert!(text.contains(said), "{said:?} missing:\n{text}");
        }
    }
    // The standup pane's "since the last standup" says each change.
    let changes = board.changes(common::now(), now);
    assert!(!changes.is_empty());
    for change in &changes {
        let words = board.describe_change(change, Lang::En);
        assert!(
            !words.trim_end().ends_with(':') && !words.is_empty(),
            "{words:?}"
        );
    }
}

#[test]
fn who_speaks_is_every_stop_with_something_to_say() {
    use standup::model::StandupOrder;
    use standup::model::standup::Stop;
    let now = crate::common::now();
    for board in [crate::common::demo(), crate::common::big(2_000, 12)] {
        let since = board.since_last_standup(now).from;
        for order in [StandupOrder::Party, StandupOrder::Board] {
            let candidates: Vec<Stop> = match order {
                StandupOrder::Party => board
                    .parties
                    .iter()
                    .map(|p| Stop::Party(p.code.clone()))
                    .chain([Stop::Unowned])
                    .collect(),
                StandupOrder::Board => board
                    .columns
                    .iter()
                    .rev()
                    .map(|c| Stop::Column(c.id.clone()))
                    .chain([Stop::Issues])
                    .collect(),
            };
            let with_agenda: Vec<Stop> = candidates
                .into_iter()
                .filter(|s| !board.agenda(s, now, since).is_empty())
                .collect();
            assert_eq!(board.stops(order, now), with_agenda, "{order:?}");
        }
    }
}

/// The header's counts, worked out in one lean pass, are what the minutes'
/// full account of each record's changes says, at every hour of the demo
/// board's last week and after a standup.
#[test]
fn the_header_counts_agree_with_the_minutes_account_of_changes() {
    use standup::model::Board;
    // What the header counted before it had a pass of its own.
    fn by_changes(board: &Board, now: standup::model::Timestamp) -> [usize; 4] {
        let since = board.since_last_standup(now);
        let last = board.columns.last().map(|c| c.id.as_str()).unwrap_or("");
        let mut counts = [0; 4];
        for change in board.changes(since.from, now) {
            // [moved, finished, raised, changed]
            let at = if !change.record.starts_with("T-") {
                if change.created { 2 } else { 3 }
            } else if change.finished(last) {
                1
            } else if change.moved() {
                0
            } else {
                3
            };
            counts[at] += 1;
        }
        let mut others: Vec<&str> = board
            .log_between(since.from, now)
            .iter()
            .map(|e| e.record.as_str())
            .filter(|r| !(r.starts_with("T-") || r.starts_with("I-") || *r == "standup"))
            .collect();
        others.sort_unstable();
        others.dedup();
        counts[3] += others.len();
        counts
    }
    // The header's own counts, in the same order.
    fn lean(board: &Board, now: standup::model::Timestamp) -> [usize; 4] {
        let summary = board.since_summary(now);
        [
            summary.moved,
            summary.finished,
            summary.raised,
            summary.changed,
        ]
    }
    let mut board = common::demo();
    let mut now = common::now() - Duration::days(7);
    let mut compared = 0;
    while now <= common::now() + Duration::days(1) {
        let lean = lean(&board, now);
        assert_eq!(lean, by_changes(&board, now), "at {now}");
        compared += usize::from(lean.iter().any(|n| *n > 0));
        now += Duration::hours(1);
    }
    assert!(
        compared > 24,
        "most hours have something to count: {compared}"
    );
    hold_standup(
        &mut board,
        "2026-11-23T09:00:00+08:00",
        "2026-11-23T09:12:00+08:00",
    );
    // There and back again, after the standup: no move.
    let later = common::now() + Duration::hours(3);
    let id = board.column_ids("todo").next().expect("a card to do");
    for column in ["doing", "todo"] {
        let step = standup::model::Action::MoveTask {
            id,
            column: column.into(),
            position: None,
        };
        board
            .apply(&step, later - Duration::hours(1))
            .expect("moves");
    }
    assert_eq!(lean(&board, later), by_changes(&board, later));
}
