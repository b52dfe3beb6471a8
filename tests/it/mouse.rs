//! The mouse: a click on a tab switches pane, on a card or a timeline row
//! selects it, the wheel moves the selection; with a prompt open it does
//! nothing.

use crate::common;

use common::tui::{app, draw, press, text};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use standup::model::TaskId;
use standup::tui::App;
use standup::tui::app::Pane;

const SCREEN: Rect = Rect::new(0, 0, 120, 40);

fn id(text: &str) -> TaskId {
    text.parse().expect("a task id")
}

/// The screen cell where `needle` is drawn (counting wide characters as
/// the two cells they take).
fn find(app: &mut App, needle: &str) -> (u16, u16) {
    let screen = text(&draw(app, SCREEN.width, SCREEN.height));
    for (y, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&line[..at]);
            return (x as u16, y as u16);
        }
    }
    panic!("{needle} is not on screen:\n{screen}");
}

fn mouse(app: &mut App, kind: MouseEventKind, (column, row): (u16, u16)) {
    let event = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(&event, SCREEN);
}

fn click(app: &mut App, at: (u16, u16)) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), at);
}

#[test]
fn a_click_on_a_tab_switches_pane() {
    let mut app = app(common::demo());
    let at = find(&mut app, "3 Issues");
    click(&mut app, at);
    assert_eq!(app.pane(), Pane::Issues);
    let at = find(&mut app, "5 Timeline");
    click(&mut app, (at.0 + 3, at.1));
    assert_eq!(app.pane(), Pane::Timeline);
}

#[test]
fn a_click_on_a_card_selects_it_and_the_wheel_moves_on() {
    let mut app = app(common::demo());
    let at = find(&mut app, "T-6 Coupon");
    // On the card's second line, too.
    click(&mut app, (at.0 + 2, at.1 + 1));
    assert_eq!(app.selected_task(), Some(id("T-6")));
    mouse(&mut app, MouseEventKind::ScrollDown, at);
    let below = app.selected_task().expect("a card");
    assert_ne!(below, id("T-6"));
    assert_eq!(app.board().tasks[&below].column, "review");
    mouse(&mut app, MouseEventKind::ScrollUp, at);
    assert_eq!(app.selected_task(), Some(id("T-6")));
}

#[test]
fn a_click_on_a_timeline_row_selects_its_task() {
    let mut app = app(common::demo());
    press(&mut app, "5");
    let at = find(&mut app, "T-11 ⊘ Price");
    click(&mut app, (at.0 + 60, at.1));
    assert_eq!(app.selected_task(), Some(id("T-11")));
    let screen = text(&draw(&mut app, SCREEN.width, SCREEN.height));
    assert!(
        screen.contains("T-11 Price comparison guard · To do"),
        "{screen}"
    );
}

#[test]
fn with_a_prompt_open_the_mouse_does_nothing() {
    let mut app = app(common::demo());
    let tab = find(&mut app, "2 RACI");
    press(&mut app, "/");
    click(&mut app, tab);
    mouse(&mut app, MouseEventKind::ScrollDown, tab);
    assert_eq!(app.pane(), Pane::Board);
    assert!(app.overlay().is_some());
}

#[test]
fn a_click_in_the_raci_grid_selects_the_cell_and_a_party_name_its_column() {
    let mut app = app(common::demo());
    press(&mut app, "2");
    // The row of T-5, under the third party's name.
    let (_, y) = find(&mut app, "T-5 ");
    let third = app.board().parties[2].name.clone();
    let (x, header) = find(&mut app, &third);
    click(&mut app, (x, y));
    assert!(!app.raci_state().header);
    assert_eq!(app.raci_state().party, 2);
    assert_eq!(app.view().raci_rows[app.raci_state().row], id("T-5"));
    // A set key now acts on that cell.
    press(&mut app, "c");
    let party = app.board().parties[2].code.clone();
    assert_eq!(
        app.board().tasks[&id("T-5")]
            .raci
            .get(&party)
            .map(|r| r.as_str()),
        Some("C")
    );
    // On the party's name: the header row, that party.
    let first = app.board().parties[0].name.clone();
    let (x, _) = find(&mut app, &first);
    click(&mut app, (x, header));
    assert!(app.raci_state().header);
    assert_eq!(app.raci_state().party, 0);
    // Below the last task: nothing changes.
    click(&mut app, (x, SCREEN.height - 5));
    assert!(app.raci_state().header);
}

#[test]
fn a_click_on_an_issue_selects_it_even_under_a_filter_line() {
    let mut app = app(common::demo());
    press(&mut app, "3");
    let (x, y) = find(&mut app, "I-2 ");
    click(&mut app, (x, y));
    let selected = app.view().issues[app.issues_state().row];
    assert_eq!(selected.to_string(), "I-2");
    // With a filter, the list moves down a line; the click follows it.
    press(&mut app, "/");
    press(&mut app, "a<enter>");
    let (x, y) = find(&mut app, "I-3 ");
    click(&mut app, (x, y));
    assert_eq!(app.view().issues[app.issues_state().row].to_string(), "I-3");
    // The header line selects nothing.
    let before = app.issues_state().row;
    let (x, y) = find(&mut app, "Title");
    click(&mut app, (x, y));
    assert_eq!(app.issues_state().row, before);
}
