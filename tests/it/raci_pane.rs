//! The RACI pane as a lead uses it: filtering rows, `Enter` on a problem and
//! on a party header, the load footer, parties and thresholds from the
//! keyboard, and the grid at 200 tasks × 30 parties.

use crate::common;

use standup::model::Role;
use standup::model::raci::Rule;

use common::tui::{app, draw, marked, press, text, type_text};

fn t(n: u32) -> standup::model::TaskId {
    standup::model::TaskId::from_number(n)
}

#[test]
fn chinese_grid_at_120x40_and_60x20() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut app = app(common::chinese());
        press(&mut app, "2");
        insta::assert_snapshot!(format!("chinese_grid_{w}x{h}"), text(&draw(&mut app, w, h)));
    }
}

#[test]
fn errors_are_red_warnings_yellow_and_the_cursor_reversed() {
    let mut board = common::demo();
    // T-5 gets a third R: a warning beside T-4's error.
    for party in ["mkt", "prod", "sales"] {
        board
            .apply(
                &standup::model::Action::SetRole {
                    task: t(5),
                    party: party.into(),
                    role: Some(Role::Responsible),
                },
                common::now(),
            )
            .expect("role");
    }
    let mut app = app(board);
    press(&mut app, "2jjjl");
    let buf = draw(&mut app, 100, 14);
    let screen = marked(&buf);
    insta::assert_snapshot!("raci_error_highlight", screen);
    let row = |id: &str| {
        let lines: Vec<&str> = screen.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("{id} ")))
            .expect("the row");
        lines[at + 1].to_string()
    };
    assert!(row("T-4").contains("EEEE"), "no A is red:\n{screen}");
    assert!(row("T-5").contains("WWWWWW"), "many R is yellow:\n{screen}");
    assert!(row("T-4").contains('#'), "the cursor is on T-4:\n{screen}");
}

#[test]
fn the_load_footer_counts_r_a_c_i_and_names_overloaded_and_idle_parties() {
    // 40 tasks over 6 parties: every party is over 5 R or 3 A.
    let mut board = common::big(40, 6);
    board
        .apply(
            &standup::model::Action::AddParty {
                code: "legal".into(),
                name: "法务部".into(),
                kind: standup::model::PartyKind::Department,
                department: None,
            },
            common::now(),
        )
        .expect("party");
    let mut app = app(board);
    press(&mut app, "2");
    let buf = draw(&mut app, 130, 16);
    let screen = marked(&buf);
    insta::assert_snapshot!("raci_load_footer", screen);
    let footer = screen
        .lines()
        .find(|l| l.starts_with("Load R·A·C·I"))
        .expect("the footer");
    assert!(footer.contains("idle"), "{footer}");
    let loads = standup::model::raci::loads(app.board());
    let (_, first) = &loads[0];
    assert!(
        footer.contains(&format!("{}·{}·{}·{}", first.r, first.a, first.c, first.i)),
        "{footer}"
    );
    let summary = screen
        .lines()
        .rfind(|l| l.contains("planned"))
        .expect("summary");
    assert!(summary.contains("overloaded: 市场部"), "{summary}");
    assert!(summary.contains("idle: 法务部"), "{summary}");
}

#[test]
fn a_200_by_30_grid_scrolls_with_titles_and_headers_frozen() {
    let board = common::big(200, 30);
    let mut app = app(board);
    press(&mut app, "2");
    for _ in 0..150 {
        press(&mut app, "j");
    }
    for _ in 0..22 {
        press(&mut app, "l");
    }
    let buf = draw(&mut app, 200, 30);
    let screen = text(&buf);
    insta::assert_snapshot!("raci_scrolled_200x30", screen);
    let lines: Vec<&str> = screen.lines().collect();
    let header = lines[2];
    assert!(header.starts_with("Task"), "titles frozen: {header}");
    assert!(header.contains('◀'), "more parties to the left: {header}");
    assert!(
        lines.iter().any(|l| l.starts_with("T-151 ")),
        "the selected row is in view"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("T-1 ")),
        "scrolled past the top"
    );
    let selected = &app.board().parties[22].name;
    assert!(header.contains(selected.as_str()), "{selected} in {header}");
}

#[test]
fn enter_on_a_problem_explains_the_rule_and_the_fix() {
    let mut app = app(common::demo());
    // T-4 has no A.
    press(&mut app, "2jjj<enter>");
    let screen = text(&draw(&mut app, 100, 30));
    insta::assert_snapshot!("raci_explain_no_accountable", screen);
    assert!(screen.contains("no-accountable"));
    assert!(screen.contains(Rule::NoAccountable.why().split(' ').next().unwrap_or("")));
    assert!(screen.contains("Fix"));
    // Any key closes it; the grid is back.
    press(&mut app, "x");
    assert!(app.overlay().is_none());
    // A sound row says so; an unplanned one says how to plan it.
    press(&mut app, "k<enter>");
    assert!(text(&draw(&mut app, 100, 30)).contains("Every RACI rule holds"));
    press(&mut app, "x<end>k<enter>");
    let screen = text(&draw(&mut app, 100, 30));
    assert!(screen.contains("Not planned"), "{screen}");
}

#[test]
fn enter_on_a_party_header_lists_what_it_is_on_the_hook_for_late_first() {
    let mut app = app(common::demo());
    // Up from the first row reaches the headers; 市场部 is the first party.
    press(&mut app, "2k");
    assert!(app.raci_state().header);
    press(&mut app, "<enter>");
    let screen = text(&draw(&mut app, 100, 30));
    insta::assert_snapshot!("raci_party_focus", screen);
    assert!(screen.contains("市场部 (mkt)"));
    let late = screen.find("late ").expect("a late task");
    let open = screen.find("open ").expect("an open task");
    assert!(late < open, "late ones first:\n{screen}");
    // Roles cannot be set on the header row; down goes back to the first task.
    press(&mut app, "x");
    let before = standup::model::Board::clone(app.board());
    press(&mut app, "r");
    assert_eq!(*app.board(), before);
    press(&mut app, "j");
    assert!(!app.raci_state().header);
    assert_eq!(app.selected_raci_task(), Some(t(1)));
}

#[test]
fn rows_filter_by_text_column_and_owner_like_the_board() {
    let mut app = app(common::demo());
    press(&mut app, "2/");
    type_text(&mut app, "campaign");
    press(&mut app, "<enter>");
    let shown = app.view().raci_rows.clone();
    assert!(!shown.is_empty());
    for id in &shown {
        assert!(
            app.board().tasks[id]
                .title
                .to_lowercase()
                .contains("campaign")
        );
    }
    let screen = text(&draw(&mut app, 120, 30));
    assert!(
        screen.contains(&format!("{} of 17 tasks", shown.len())),
        "{screen}"
    );
    // The summary still counts the whole board.
    assert!(screen.contains("17 tasks · 16 planned"), "{screen}");
    press(&mut app, "<esc>");
    assert_eq!(app.view().raci_rows.len(), 17);
    // Column: `f`, then `l` picks one.
    press(&mut app, "fl");
    type_text(&mut app, "review");
    press(&mut app, "<enter>");
    let review = app.board().resolve_column("review").expect("column");
    assert!(
        app.view()
            .raci_rows
            .iter()
            .all(|id| app.board().tasks[id].column == review)
    );
    assert!(!app.view().raci_rows.is_empty());
    // Owner, on top of it.
    press(&mut app, "fo");
    type_text(&mut app, "mkt");
    press(&mut app, "<enter>");
    assert!(
        app.view()
            .raci_rows
            .iter()
            .all(|id| app.board().tasks[id].owner.as_deref() == Some("mkt"))
    );
    press(&mut app, "<esc>");
    assert!(app.filter().is_empty());
}

#[test]
fn parties_are_added_renamed_moved_and_removed_from_the_grid() {
    let original = common::demo();
    let mut app = app(original.clone());
    press(&mut app, "2n");
    type_text(&mut app, "legal:法务部");
    press(&mut app, "<enter>");
    let legal = app.board().parties.last().expect("a new party");
    assert_eq!(
        (legal.code.as_str(), legal.name.as_str()),
        ("legal", "法务部")
    );
    assert_eq!(app.selected_party().map(|p| p.code.as_str()), Some("legal"));
    // A bare name gets a code made from it.
    press(&mut app, "n");
    type_text(&mut app, "Customer Service");
    press(&mut app, "<enter>");
    assert!(app.board().party("cs").is_some());
    // Rename the selected party.
    press(&mut app, "e<c-u>");
    type_text(&mut app, "客服部");
    press(&mut app, "<enter>");
    assert_eq!(
        app.board().parties.last().map(|p| p.name.as_str()),
        Some("客服部")
    );
    // Move it two to the left; the cursor follows.
    press(&mut app, "<lt><lt>");
    let at = app.raci_state().party;
    assert_eq!(app.board().parties[at].code, "cs");
    assert_eq!(at, app.board().parties.len() - 3);
    // Remove a party that holds roles: asked first, and told what goes.
    press(&mut app, "gh<home>");
    for _ in 0..10 {
        press(&mut app, "h");
    }
    assert_eq!(app.selected_party().map(|p| p.code.as_str()), Some("mkt"));
    press(&mut app, "d");
    let screen = text(&draw(&mut app, 100, 30));
    assert!(screen.contains("holds 10 roles"), "{screen}");
    press(&mut app, "n");
    assert!(app.board().party("mkt").is_some(), "n keeps it");
    press(&mut app, "dy");
    assert!(app.board().party("mkt").is_none());
    assert!(
        app.board()
            .tasks
            .values()
            .all(|t| !t.raci.contains_key("mkt"))
    );
    assert!(
        app.board()
            .tasks
            .values()
            .all(|t| t.owner.as_deref() != Some("mkt"))
    );
    // Undo walks every step back to the board we started with.
    for _ in 0..6 {
        press(&mut app, "u");
    }
    assert_eq!(*app.board(), original);
}

#[test]
fn thresholds_are_set_from_the_grid_and_undone() {
    let mut app = app(common::demo());
    press(&mut app, "2T<c-u>");
    type_text(&mut app, "3 3 2 1");
    press(&mut app, "<enter>");
    let limits = app.board().settings.raci;
    assert_eq!((limits.overload_r, limits.overload_a), (2, 1));
    let screen = text(&draw(&mut app, 120, 30));
    assert!(screen.contains("overloaded: 市场部"), "{screen}");
    // Nonsense keeps the prompt open with the reason.
    press(&mut app, "T<c-u>");
    type_text(&mut app, "3 3");
    press(&mut app, "<enter>");
    assert!(app.overlay().is_some());
    let screen = text(&draw(&mut app, 120, 30));
    assert!(screen.contains("give four numbers"), "{screen}");
    press(&mut app, "<esc>u");
    assert_eq!(app.board().settings.raci, common::demo().settings.raci);
}
