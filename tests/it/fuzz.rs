//! Attacks on the loader and the TUI (PRODUCT.md section 6): arbitrary
//! bytes and mutated boards never make the loader panic, and what it
//! accepts holds together; random keys at random sizes from 1×1 to 300×100
//! never make the TUI panic, never break the board, and every change they
//! made can be undone to the exact board they started from.
//!
//! Bounded: a fixed number of cases per run (proptest's default, or
//! `PROPTEST_CASES`), so CI's time stays what it is.

use crate::common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use serde_json::Value;
use standup::store::{self, BoardFile};

use common::tui::{app, draw};

/// The demo board's file text, the base of every mutation.
fn demo_text() -> String {
    store::to_json(&common::demo())
}

/// What the loader must make of any text: a board that holds together and
/// writes back to text that reads as the same board, or a refusal.
fn load_and_check(text: &str) {
    if let Ok(board) = store::from_json(text) {
        assert_eq!(board.integrity_problems(), Vec::<String>::new());
        let again = store::from_json(&store::to_json(&board)).expect("reads back");
        assert_eq!(store::to_json(&again), store::to_json(&board));
    }
}

/// Values a hostile or broken file holds where a good one has something
/// else: wrong types, impossible dates and numbers, ids that do not exist,
/// control characters and escape sequences, a very long string.
fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(u64::MAX)),
        Just(serde_json::json!(1.5e300)),
        Just(serde_json::json!("")),
        Just(serde_json::json!("T-99999")),
        Just(serde_json::json!("I-0")),
        Just(serde_json::json!("T-1")),
        Just(serde_json::json!("2026-02-30")),
        Just(serde_json::json!("2026-11-23T25:61:00+08:00")),
        Just(serde_json::json!(
            "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}\u{0}"
        )),
        Just(serde_json::json!(["T-1", "T-1", "T-2"])),
        Just(serde_json::json!({})),
        Just(serde_json::json!([])),
        Just(Value::String("長".repeat(40_000))),
    ]
}

/// Replaces the value at a random place in the tree (picked by `choice`)
/// with `new`.
fn replace_somewhere(root: &mut Value, mut choice: usize, new: Value) {
    let mut here = root;
    loop {
        let len = match &*here {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        // Stop here one time in four, or at a leaf.
        if len == 0 || choice.is_multiple_of(4) {
            *here = new;
            return;
        }
        let i = (choice / 4) % len;
        choice /= 3;
        here = match here {
            Value::Object(map) => match map.values_mut().nth(i) {
                Some(v) => v,
                None => return,
            },
            Value::Array(items) => &mut items[i],
            _ => return,
        };
        if choice == 0 {
            choice = 1;
        }
    }
}

proptest! {
    #[test]
    fn the_loader_takes_any_bytes_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("board.json");
        std::fs::write(&path, &bytes).expect("write");
        if let Ok((_, board)) = BoardFile::open(&path) {
            prop_assert!(board.integrity_problems().is_empty());
        }
        load_and_check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn a_board_with_its_bytes_cut_spliced_or_flipped_never_panics_the_loader(
        edits in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<u8>()), 1..6)
    ) {
        let mut bytes = demo_text().into_bytes();
        for (at, len, byte) in edits {
            let at = at % bytes.len().max(1);
            match byte % 3 {
                0 => { bytes.drain(at..(at + len % 64).min(bytes.len())); }
                1 => bytes.insert(at, byte),
                _ => bytes[at] = byte,
            }
            if bytes.is_empty() { break; }
        }
        load_and_check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn a_board_with_hostile_values_is_refused_or_held_together(
        places in proptest::collection::vec((any::<usize>(), hostile_value()), 1..4)
    ) {
        let mut tree: Value = serde_json::from_str(&demo_text()).expect("JSON");
        for (choice, value) in places {
            replace_somewhere(&mut tree, choice, value);
        }
        let text = serde_json::to_string_pretty(&tree).expect("JSON");
        load_and_check(&text);
    }
}

/// Every key a person might press on any pane, forms and overlays included.
fn key() -> impl Strategy<Value = KeyEvent> {
    let named = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
    ];
    let typed = prop_oneof![
        proptest::char::range('!', '~'),
        Just(' '),
        Just('长'),
        Just('\u{202e}'),
    ]
    .prop_map(KeyCode::Char);
    (prop_oneof![3 => typed, 1 => named], 0u8..8).prop_map(|(code, m)| {
        let modifiers = match (code, m) {
            (_, 0) => KeyModifiers::CONTROL,
            (KeyCode::Char(c), _) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            (_, 1) => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        KeyEvent::new(code, modifiers)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic_and_undo_back_to_the_start(
        keys in proptest::collection::vec(key(), 1..120),
        width in 1u16..=300,
        height in 1u16..=100,
    ) {
        let start = common::demo();
        let mut app = app(start.clone());
        for (i, key) in keys.iter().enumerate() {
            // A `q` asks the loop to end, which is not here: carry on typing.
            let _ = app.handle_key(key);
            if i % 7 == 0 {
                draw(&mut app, width, height);
            }
        }
        draw(&mut app, width, height);
        prop_assert_eq!(app.board().integrity_problems(), Vec::<String>::new());
        // Out of whatever form or overlay is open, then undo every change.
        for _ in 0..6 {
            let _ = app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        }
        for _ in 0..=keys.len() {
            app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE));
        }
        draw(&mut app, width, height);
        prop_assert!(
            store::to_json(app.board()) == store::to_json(&start),
            "undoing every change gives back the board the keys started from"
        );
    }
}

/// A chain of 5,000 cards each waiting on the one before: it loads, saves,
/// draws in every pane and refuses the dependency that would close it into
/// a cycle; a file holding a cycle is refused with the cycle named.
#[test]
fn a_deep_dependency_chain_is_handled_and_a_cycle_refused() {
    use standup::model::{Action, NewTask, TaskEdit};
    let mut board = common::demo();
    let mut last = None;
    for n in 0..5000 {
        let applied = board
            .apply(
                &Action::AddTask(NewTask {
                    title: format!("link {n}"),
                    depends_on: last.into_iter().collect(),
                    ..NewTask::default()
                }),
                common::now(),
            )
            .expect("a link");
        last = applied.created.and_then(|id| id.parse().ok());
    }
    let last = last.expect("the last link");
    let text = store::to_json(&board);
    let loaded = store::from_json(&text).expect("loads");
    let mut app = app(loaded);
    for pane in ["1", "2", "3", "4", "1<end><enter>"] {
        app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        common::tui::press(&mut app, pane);
        draw(&mut app, 200, 50);
    }
    // The first link waiting on the last would close the chain.
    let first = board
        .tasks
        .values()
        .find(|t| t.title == "link 0")
        .map(|t| t.id)
        .expect("link 0");
    let closing = Action::EditTask {
        id: first,
        edit: TaskEdit {
            depends_on: Some(vec![last]),
            ..TaskEdit::default()
        },
    };
    let refused = board.apply(&closing, common::now()).expect_err("a cycle");
    assert!(
        refused.to_string().contains("already waits on"),
        "{refused}"
    );
    // The same cycle written into the file by hand.
    let mut tree: Value = serde_json::from_str(&text).expect("JSON");
    let tasks = tree["tasks"].as_array_mut().expect("tasks");
    let link0 = tasks
        .iter_mut()
        .find(|t| t["title"] == "link 0")
        .expect("link 0");
    link0["depends_on"] = serde_json::json!([last.to_string()]);
    let refused = store::from_json(&tree.to_string()).expect_err("refused");
    assert!(refused.to_string().contains("cycle"), "{refused}");
}
