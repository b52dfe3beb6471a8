//! Keys a lead can trust in front of the team: what a key acts on is what
//! is on screen, a dialog says at once what it will do, a prompt's value
//! is replaced by typing, a resumed standup keeps its speaker, and every
//! key that captures input shows what captured it. Each test is one of the
//! defects found by trying the app as a new user would.

use chrono::Duration;
use crossterm::event::KeyEvent;
use standup::keys::{Keymap, Pane};
use standup::model::{IssueStatus, TaskId};
use standup::tui::App;
use standup::tui::overlays::Overlay;

use crate::common::{self, tui::*};

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn id(text: &str) -> TaskId {
    text.parse().expect("a card id")
}

/// Defect 1: `D` on a column that holds cards says so at once and offers the way
/// out: its cards go to a neighbour (or a column typed), then it goes, as
/// one change that one `u` takes back.
#[test]
fn deleting_a_column_with_cards_says_where_they_go_and_undoes_in_one_key() {
    let mut app = app(common::demo());
    let before = app.board().clone();
    // To do holds 6 cards: the prompt says so before anything happens.
    press(&mut app, "D");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("Delete column To do: its 6 cards go to (Enter: Doing)"),
        "{screen}"
    );
    assert!(
        screen.contains("move its 6 cards to Doing, then delete To do"),
        "{screen}"
    );
    // Typed, the target changes, and the column itself is never offered.
    type_text(&mut app, "rev");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("cards to Review, then"), "{screen}");
    type_text(&mut app, "x");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("no other column matches"), "{screen}");
    press(&mut app, "<c-u><enter>");
    let names: Vec<&str> = app
        .board()
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Doing", "Review", "Done"]);
    for moved in ["T-4", "T-7", "T-9"] {
        assert_eq!(app.board().tasks[&id(moved)].column, "doing");
    }
    press(&mut app, "u");
    assert_eq!(
        *app.board(),
        before,
        "one undo brings column and cards back"
    );
}

/// Defect 2: After `r`, the resolved issue sorts below the open ones; the cursor
/// goes with it, so the next `c` closes that issue, and asks why first,
/// naming it. The standup pane behaves the same way.
#[test]
fn the_selection_follows_the_issue_and_closing_asks_why() {
    let mut app = app(common::demo());
    press(&mut app, "3");
    let first = app.selected_issue().expect("an issue");
    press(&mut app, "r");
    type_text(&mut app, "fixed the cache");
    press(&mut app, "<enter>");
    assert_eq!(app.selected_issue(), Some(first), "the cursor followed it");
    let row = app.issues_state().row;
    assert!(row > 0, "it sorted down, to row {row}");
    press(&mut app, "c");
    let title = app.board().issues[&first].title.clone();
    let screen = text(&draw(&mut app, 120, 30));
    let short: String = title.chars().take(20).collect();
    assert!(
        screen.contains(&format!("Close {first} “{short}")),
        "{screen}"
    );
    type_text(&mut app, "confirmed by the customer");
    press(&mut app, "<enter>");
    let issue = &app.board().issues[&first];
    assert_eq!(issue.status, IssueStatus::Closed);
    assert_eq!(
        issue.resolution,
        "fixed the cache · confirmed by the customer"
    );
    // Closing with a reason is one change: one `u` reopens it as resolved.
    press(&mut app, "u");
    let issue = &app.board().issues[&first];
    assert_eq!(issue.status, IssueStatus::Resolved);
    assert_eq!(issue.resolution, "fixed the cache");
    assert_eq!(app.selected_issue(), Some(first));
}

/// Defect 2, the other orders: A priority change and an undo re-sort the queue;
/// the cursor stays on its issue. A filter that hides it says so.
#[test]
fn the_selection_follows_the_issue_through_escalation_undo_and_filters() {
    let mut app = app(common::demo());
    press(&mut app, "3");
    let row = app
        .view()
        .issues
        .iter()
        .rposition(|i| {
            let issue = &app.board().issues[i];
            issue.status.is_active() && issue.urgency != standup::model::Level::High
        })
        .expect("one to escalate");
    select_row(&mut app, row);
    let last = app.selected_issue().expect("an issue");
    press(&mut app, "E");
    type_text(&mut app, "customers complain");
    press(&mut app, "<enter>");
    assert_eq!(
        app.selected_issue(),
        Some(last),
        "escalated, still selected"
    );
    press(&mut app, "u");
    assert_eq!(app.selected_issue(), Some(last), "undone, still selected");
    // Open only: resolving the selected issue hides it, and the footer
    // says where it went.
    press(&mut app, "fo<esc>");
    press(&mut app, "r");
    type_text(&mut app, "done");
    press(&mut app, "<enter>");
    assert!(
        message(&app).contains(&format!("{last} is hidden by the filter")),
        "{}",
        message(&app)
    );
    assert_ne!(app.selected_issue(), Some(last));
}

/// Defect 3: A prefilled value is selected: the first character typed replaces
/// it; an arrow key starts editing it instead. What a parsed answer means
/// is shown before `Enter`.
#[test]
fn prompts_replace_their_value_and_say_what_they_understood() {
    let mut app = app(common::demo());
    // Doing's limit is 5: `W 7 Enter` sets 7, not 57.
    press(&mut app, "l");
    assert_eq!(app.board().columns[1].wip, Some(5));
    press(&mut app, "W");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("at most 5 cards (it holds 5)"), "{screen}");
    type_text(&mut app, "7");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("at most 7 cards (it holds 5)"), "{screen}");
    press(&mut app, "<enter>");
    assert_eq!(app.board().columns[1].wip, Some(7));
    // An arrow edits instead: ← then 1 makes 71... with the cursor moved.
    press(&mut app, "W<left>");
    type_text(&mut app, "1");
    press(&mut app, "<enter>");
    assert_eq!(app.board().columns[1].wip, Some(17));
    // Backspace on the selected value clears it: no limit.
    press(&mut app, "W<bs>");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("no WIP limit"), "{screen}");
    press(&mut app, "<enter>");
    assert_eq!(app.board().columns[1].wip, None);
    // The RACI thresholds: typed over, not appended to.
    press(&mut app, "2T");
    type_text(&mut app, "4 3 6 3");
    let screen = text(&draw(&mut app, 100, 24));
    assert!(
        screen.contains("warn at 4 R · at most 3 C · overloaded past 6 R or 3 A"),
        "{screen}"
    );
    press(&mut app, "<enter>");
    assert_eq!(app.board().settings.raci.responsible_warn, 4);
    assert_eq!(app.board().settings.raci.overload_r, 6);
}

/// Defect 4: Quitting mid-turn and starting again gives the turn back to the
/// speaker who had it, with their time so far.
#[test]
fn a_resumed_standup_keeps_the_current_speakers_turn() {
    let mut app = app(common::demo());
    press(&mut app, "4s]");
    let speaker = app
        .meeting()
        .and_then(|m| m.stop().cloned())
        .expect("a turn");
    app.set_now(common::now() + Duration::seconds(40));
    // What quitting does before it saves.
    app.keep_speaking_times();
    let board = app.board().clone();
    let mut again = App::new(
        board,
        common::now() + Duration::minutes(5),
        "board.json".into(),
        standup::tui::Theme::colored(),
    );
    let meeting = again.meeting().expect("resumed");
    assert_eq!(meeting.stop(), Some(&speaker), "the same speaker's turn");
    assert_eq!(meeting.spoken(meeting.current, again.now()), 40);
    // Even a turn given a moment before quitting stays given.
    press(&mut again, "4]");
    let next = again
        .meeting()
        .and_then(|m| m.stop().cloned())
        .expect("a turn");
    again.keep_speaking_times();
    let resumed = App::new(
        again.board().clone(),
        again.now(),
        "board.json".into(),
        standup::tui::Theme::colored(),
    );
    assert_eq!(
        resumed.meeting().and_then(|m| m.stop().cloned()),
        Some(next)
    );
}

/// Defect 5: Help scrolls when it does not fit; the standup's help lists PgUp
/// and PgDn once, with the meaning they have there.
#[test]
fn help_scrolls_and_lists_each_key_once() {
    let mut app = app(common::demo());
    press(&mut app, "4?");
    let screen = text(&draw(&mut app, 80, 24));
    assert_eq!(screen.matches("PgDn").count(), 1, "{screen}");
    assert!(screen.contains("] PgDn"), "{screen}");
    let rows = Keymap::default().help(Pane::Standup);
    let last = rows.last().expect("rows").1;
    // 40x12 holds a few rows: the last one is reached by scrolling.
    let small = text(&draw(&mut app, 40, 12));
    assert!(small.contains("scroll"), "{small}");
    let mut seen = small.clone();
    for _ in 0..rows.len() {
        press(&mut app, "j");
        seen.push_str(&text(&draw(&mut app, 40, 12)));
    }
    assert!(app.help_open(), "scrolling keeps help open");
    let described: String = last.chars().take(8).collect();
    assert!(seen.contains(&described), "never shown: {last}");
    press(&mut app, "x");
    assert!(!app.help_open(), "any other key closes it");
}

/// Defect 6: Tabs keep every digit and the current pane's name when they shrink;
/// the timeline names the months it shows at every zoom.
#[test]
fn tabs_keep_their_digits_and_the_timeline_its_months() {
    let mut app = app(common::demo());
    for (pane, name) in [("1", "Board"), ("4", "Standup"), ("5", "Timeline")] {
        press(&mut app, pane);
        for width in [40, 80] {
            let screen = text(&draw(&mut app, width, 12));
            let tabs = screen.lines().nth(1).expect("the tab line");
            for digit in ["1", "2", "3", "4", "5"] {
                assert!(tabs.contains(digit), "{width}: {tabs}");
            }
            assert!(tabs.contains(name), "{width}: {tabs}");
        }
    }
    // Day zoom, scrolled so the chart starts on the last days of November:
    // December still has its label.
    press(&mut app, "5++");
    assert_eq!(app.timeline_state().zoom, standup::tui::timeline::Zoom::Day);
    press(&mut app, "t");
    for _ in 0..3 {
        press(&mut app, "l");
    }
    let screen = text(&draw(&mut app, 80, 24));
    let months = screen.lines().nth(3).expect("the month line");
    assert!(months.contains("Dec"), "{months}");
    // And every month at month zoom.
    press(&mut app, "---");
    let screen = text(&draw(&mut app, 120, 40));
    let months = screen.lines().nth(3).expect("the month line");
    for month in ["Jan", "Feb", "Mar", "Apr"] {
        assert!(months.contains(month), "{months}");
    }
}

/// Defect 7: The decision's "By when?" says the date it understood; the
/// presenter view shows each card's due date and why it is blocked, and
/// each issue's clock.
#[test]
fn the_due_prompt_and_the_presenter_view_say_what_matters() {
    let mut app = app(common::demo());
    press(&mut app, "4s");
    press(&mut app, "D");
    type_text(&mut app, "Ship the landing page");
    press(&mut app, "<enter><enter>");
    type_text(&mut app, "fri");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("→ Fri 27 Nov 2026"), "{screen}");
    press(&mut app, "<bs><bs><bs>");
    type_text(&mut app, "someday");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(!screen.contains("→ "), "{screen}");
    press(&mut app, "<esc>");
    // The presenter view: walk to Product, whose cards are due and whose
    // T-11 waits on T-6.
    press(&mut app, "<esc>");
    let mut found = String::new();
    for _ in 0..8 {
        press(&mut app, "f");
        let screen = text(&draw(&mut app, 80, 30));
        press(&mut app, "f]");
        if screen.contains("waits on") {
            found = screen;
            break;
        }
    }
    assert!(found.contains("due "), "{found}");
    assert!(found.contains("waits on T-6"), "{found}");
    // An issue's clock, in the turn whose issues are open.
    let mut clocks = false;
    press(&mut app, "[[[[[[[[");
    for _ in 0..8 {
        press(&mut app, "f");
        let screen = text(&draw(&mut app, 80, 30));
        press(&mut app, "f]");
        clocks |= screen.contains("breached") || screen.contains("resolve in");
    }
    assert!(clocks, "no issue clock in any turn");
}

/// The key sweep: every key of every pane, from the keymap (so a new key
/// is covered), on the demo board before and during a standup. Whenever a
/// key leaves input captured by an overlay or a prompt, that overlay is on
/// screen at 80x24 and at 40x12 and names the keys it takes.
#[test]
fn every_key_that_captures_input_shows_what_captured_it() {
    let keymap = Keymap::default();
    let mut checked = 0;
    for pane in Pane::ALL {
        for standup in [false, true] {
            for binding in keymap.working_in(pane) {
                let mut app = app(common::demo());
                let digit = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0) + 1;
                press(&mut app, &digit.to_string());
                if standup {
                    press(&mut app, "4s");
                    press(&mut app, &digit.to_string());
                }
                let event = KeyEvent::new(binding.key.code, binding.key.modifiers);
                let _ = app.handle_key(&event);
                let Some(overlay) = app.overlay().cloned() else {
                    continue;
                };
                for (w, h) in [(80, 24), (40, 12)] {
                    let screen = text(&draw(&mut app, w, h));
                    let shown = names_its_keys(&overlay, &screen);
                    assert!(
                        shown,
                        "{pane:?} {:?} at {w}x{h} captured input with {} not shown:\n{screen}",
                        binding.command,
                        kind(&overlay),
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} keys opened something");
}

fn kind(overlay: &Overlay) -> &'static str {
    match overlay {
        Overlay::Help { .. } => "help",
        Overlay::Form(_) => "the card form",
        Overlay::IssueForm(_) => "the issue form",
        Overlay::Prompt(_) => "a prompt",
        Overlay::Confirm(_) => "a question",
        Overlay::Details { .. } => "card details",
        Overlay::FilterMenu | Overlay::IssueFilterMenu => "a filter menu",
        Overlay::Boards { .. } => "the board picker",
        Overlay::Conflicts { .. } => "the conflicts",
        Overlay::Explain { .. } => "an explanation",
    }
}

/// Whether `screen` shows `overlay` with the keys it takes (the words its
/// own hint line or footer uses).
fn names_its_keys(overlay: &Overlay, screen: &str) -> bool {
    let any = |words: &[&str]| words.iter().any(|w| screen.contains(w));
    match overlay {
        Overlay::Help { .. } => screen.contains("Keys:"),
        Overlay::Form(_) | Overlay::IssueForm(_) => any(&["Esc", "Enter"]),
        Overlay::Prompt(prompt) => {
            // The question (its first words), and under it what Enter takes.
            let start: String = prompt.label.chars().take(6).collect();
            screen.contains(&start) && any(&["Enter", "→", "Esc", "no ", "give "])
        }
        Overlay::Confirm(_) => any(&["y yes", " y "]),
        Overlay::Details { .. } => any(&["e edit", "scroll"]),
        Overlay::Explain { .. } => any(&["scroll"]),
        Overlay::FilterMenu | Overlay::IssueFilterMenu => any(&["close", "clear"]),
        Overlay::Boards { .. } => any(&["Enter", "open"]),
        Overlay::Conflicts { .. } => any(&["take", "keep"]),
    }
}

/// The same two changes from the shell: a column deleted with its cards
/// moved, an issue closed with its reason; each one change in the log.
#[test]
fn the_shell_moves_a_columns_cards_and_closes_with_a_reason() {
    use predicates::prelude::*;
    let home = crate::common::home::Home::new();
    home.demo();
    home.run(&["column", "rm", "review"])
        .code(2)
        .stderr(predicate::str::contains("say which column they go to"));
    home.run(&["column", "rm", "review", "--move-to", "review"])
        .code(2);
    home.run(&["column", "rm", "review", "--move-to", "doing"])
        .success()
        .stdout("Deleted column Review\n");
    let tasks = home.json(&["task", "list", "--column", "doing", "--json"]);
    assert_eq!(tasks["tasks"].as_array().map(Vec::len), Some(8));
    home.run(&["issue", "close", "I-2", "--reason", "a duplicate of I-1"])
        .success();
    let issues = home.json(&["issue", "list", "--json"]);
    let closed = issues["issues"]
        .as_array()
        .and_then(|all| all.iter().find(|i| i["id"] == "I-2"))
        .expect("I-2");
    assert_eq!(closed["status"], "closed");
    assert!(
        closed["resolution"]
            .as_str()
            .is_some_and(|r| r.ends_with("a duplicate of I-1")),
        "{closed}"
    );
}

/// Defect 5, the right edge: an overlay's border stands whole on every
/// row, whatever wide text lies under it or is written inside it, at any
/// width (odd ones put wide characters across the border's column).
#[test]
fn overlays_keep_their_right_border_over_wide_text() {
    let mut boxes = 0;
    for keys in ["?", "<enter>", "2<enter>", "3<enter>", "d", "f", "4?"] {
        for (width, board) in
            (60..=90u16).flat_map(|w| [(w, common::chinese()), (w, common::demo())])
        {
            let mut app = app(board);
            app.set_locale(standup::i18n::Locale::new(standup::i18n::Lang::Zh, None));
            press(&mut app, keys);
            let buf = draw(&mut app, width, 24);
            // The box: its top-right corner, then its right side below.
            let corner = (0..buf.area.height).find_map(|y| {
                (0..buf.area.width)
                    .find(|x| buf[(*x, y)].symbol() == "┐")
                    .map(|x| (x, y))
            });
            // A key with nothing to act on (no issue on a board) opens none.
            let Some((x, top)) = corner else {
                continue;
            };
            boxes += 1;
            let bottom = (top + 1..buf.area.height)
                .find(|y| buf[(x, *y)].symbol() == "┘")
                .unwrap_or_else(|| panic!("{keys} at {width}: no bottom\n{}", text(&buf)));
            for y in top + 1..bottom {
                assert_eq!(
                    buf[(x, y)].symbol(),
                    "│",
                    "{keys} at {width}, row {y}:\n{}",
                    text(&buf)
                );
            }
        }
    }
    assert!(boxes > 300, "only {boxes} boxes drawn");
}

/// A column holding one card says so in the singular.
#[test]
fn deleting_a_column_with_one_card_says_its_card() {
    let mut board = standup::model::Board::new("One", "");
    board
        .apply(
            &standup::model::Action::AddTask(standup::model::NewTask {
                title: "Alone".into(),
                ..Default::default()
            }),
            common::now(),
        )
        .expect("added");
    let mut app = app(board);
    press(&mut app, "D");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("Delete column To do: its card goes to (Enter: Doing)"),
        "{screen}"
    );
    assert!(
        screen.contains("move its card to Doing, then delete To do"),
        "{screen}"
    );
}
