//! The mouse: a click on a tab switches pane, on a card or a timeline row
//! selects it, the wheel moves the selection; with a prompt open it does
//! nothing.

mod common;

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
    assert_eq!(app.pane, Pane::Issues);
    let at = find(&mut app, "5 Timeline");
    click(&mut app, (at.0 + 3, at.1));
    assert_eq!(app.pane, Pane::Timeline);
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
    assert_eq!(app.board.tasks[&below].column, "review");
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
    assert_eq!(app.pane, Pane::Board);
    assert!(app.overlay.is_some());
}
