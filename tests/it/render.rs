//! Every pane rendered into ratatui's TestBackend and snapshotted, at the
//! sizes leads actually use and a tiny one, with the demo board and with a
//! Chinese one; plus the things a snapshot of text cannot show (colours,
//! alignment by display width) asserted directly.

use crate::common;
use standup::tui::Effect;

use ratatui::style::Color;
use standup::model::Board;
use standup::tui::{App, Pane, Theme};

use common::tui::{app, draw, press, text};

fn snapshot(name: &str, board: Board, keys: &str, width: u16, height: u16) {
    let mut app = app(board);
    press(&mut app, keys);
    let buf = draw(&mut app, width, height);
    insta::assert_snapshot!(name, text(&buf));
}

#[test]
fn every_pane_at_every_size_with_the_demo_board() {
    for (w, h) in [(120, 40), (80, 24), (20, 6)] {
        snapshot(&format!("demo_board_{w}x{h}"), common::demo(), "", w, h);
        snapshot(&format!("demo_raci_{w}x{h}"), common::demo(), "2", w, h);
        snapshot(&format!("demo_issues_{w}x{h}"), common::demo(), "3", w, h);
    }
}

#[test]
fn every_pane_at_every_size_with_a_chinese_board() {
    for (w, h) in [(120, 40), (80, 24), (20, 6)] {
        snapshot(
            &format!("chinese_board_{w}x{h}"),
            common::chinese(),
            "",
            w,
            h,
        );
        snapshot(
            &format!("chinese_raci_{w}x{h}"),
            common::chinese(),
            "2",
            w,
            h,
        );
        snapshot(
            &format!("chinese_issues_{w}x{h}"),
            common::chinese(),
            "3",
            w,
            h,
        );
    }
}

#[test]
fn help_overlay_lists_the_keys_of_the_current_pane() {
    snapshot("help_board_80x24", common::demo(), "?", 80, 24);
    snapshot("help_raci_80x24", common::demo(), "2?", 80, 24);
}

#[test]
fn an_empty_board_says_how_to_begin() {
    snapshot("empty_board_80x24", Board::default(), "", 80, 24);
}

#[test]
fn the_selection_moves_and_scrolls_into_view() {
    // Third column, fourth card... at 80x12 only two cards fit per column.
    snapshot("board_scrolled_80x12", common::demo(), "lljjj", 80, 12);
    snapshot("raci_scrolled_60x12", common::demo(), "2<end>llll", 60, 12);
}

#[test]
fn raci_cells_line_up_under_wide_party_names() {
    let mut app = app(common::chinese());
    press(&mut app, "2");
    let buf = draw(&mut app, 120, 40);
    let lines: Vec<String> = text(&buf).lines().map(str::to_string).collect();
    // Display column of every role letter on each task row: the same set of
    // columns on every row, whatever the width of the titles.
    let letter_columns = |line: &str| -> Vec<usize> {
        let mut cols = Vec::new();
        let mut at = 0;
        for c in line.chars() {
            if at >= 36 && matches!(c, 'R' | 'A' | 'C' | 'I' | '·') {
                cols.push(at);
            }
            at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
        cols
    };
    let rows: Vec<&String> = lines.iter().filter(|l| l.starts_with("T-")).collect();
    assert_eq!(rows.len(), 5);
    let first: Vec<usize> = letter_columns(rows[0]).into_iter().take(4).collect();
    for row in &rows {
        let cols = letter_columns(row);
        for c in &cols[..4.min(cols.len())] {
            assert!(
                first.contains(c) || row.contains("A/R"),
                "misaligned: {row}"
            );
        }
    }
}

#[test]
fn overdue_dates_and_wip_at_the_limit_are_coloured() {
    let mut app = app(common::demo());
    let buf = draw(&mut app, 120, 40);
    let screen = text(&buf);
    let find = |needle: &str| -> (u16, u16) {
        for (y, line) in screen.lines().enumerate() {
            if let Some(i) = line.find(needle) {
                let x = unicode_width::UnicodeWidthStr::width(&line[..i]);
                return (x as u16, y as u16);
            }
        }
        panic!("{needle} not on screen:\n{screen}");
    };
    // T-5 is due 11-21, two days ago: red.
    let (x, y) = find("tech 11-21");
    assert_eq!(buf[(x + 5, y)].fg, Color::Red);
    // Doing holds 5 of 5: yellow, at its limit.
    let (x, y) = find("5/5");
    assert_eq!(buf[(x, y)].fg, Color::Yellow);
    // The breached P1 makes the header's count red.
    let (x, y) = find("1 breached");
    assert_eq!(buf[(x, y)].fg, Color::Red);
}

#[test]
fn no_color_draws_without_colours() {
    let mut app = App::new(
        common::demo(),
        common::now(),
        String::new(),
        Theme::monochrome(),
    );
    for pane in ["1", "2", "3"] {
        press(&mut app, pane);
        let buf = draw(&mut app, 120, 40);
        assert!(
            buf.content
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
        );
    }
}

#[test]
fn keys_switch_panes_and_help_closes() {
    let mut app = app(common::demo());
    press(&mut app, "<tab>");
    assert_eq!(app.pane(), Pane::Raci);
    press(&mut app, "<tab><tab>");
    assert_eq!(app.pane(), Pane::Standup);
    press(&mut app, "<tab>");
    assert_eq!(app.pane(), Pane::Timeline);
    press(&mut app, "<tab>");
    assert_eq!(app.pane(), Pane::Board);
    press(&mut app, "<s-tab><s-tab><s-tab>");
    assert_eq!(app.pane(), Pane::Issues);
    press(&mut app, "5");
    assert_eq!(app.pane(), Pane::Timeline);
    press(&mut app, "4");
    assert_eq!(app.pane(), Pane::Standup);
    press(&mut app, "3");
    press(&mut app, "?");
    assert!(app.help_open());
    assert_eq!(press(&mut app, "<esc>"), []);
    assert!(!app.help_open());
    assert_eq!(press(&mut app, "q"), [Effect::Quit]);
}

#[test]
fn hostile_titles_render_harmlessly() {
    let mut board = common::demo();
    let long = "长".repeat(5000);
    for title in [
        "\u{1b}[2J\u{1b}]0;pwned\u{7}",
        "evil\u{202E}gpj.exe",
        long.as_str(),
    ] {
        board
            .apply(
                &standup::model::Action::AddTask(standup::model::NewTask {
                    title: title.into(),
                    ..Default::default()
                }),
                common::now(),
            )
            .unwrap();
    }
    let mut app = app(board);
    press(&mut app, "<end>");
    for (w, h) in [(120, 40), (33, 9), (1, 1), (2, 3)] {
        let buf = draw(&mut app, w, h);
        assert!(buf.content.iter().all(|c| {
            !c.symbol()
                .chars()
                .any(|ch| ch.is_control() || ch == '\u{202E}')
        }));
    }
}

#[test]
fn no_size_panics() {
    let mut app = app(common::chinese());
    for keys in ["", "2", "3", "?"] {
        press(&mut app, keys);
        for w in [0u16, 1, 2, 5, 13, 19, 37, 59, 61, 200] {
            for h in [0u16, 1, 2, 3, 4, 5, 7, 50] {
                draw(&mut app, w, h);
            }
        }
        press(&mut app, "<esc>");
    }
}

/// The interface in Simplified Chinese: every pane's labels, the footer
/// and the help in Chinese; the board's own content as it was written
/// (the demo board's English titles stay English).
#[test]
fn the_chinese_interface_translates_labels_and_never_the_content() {
    use standup::i18n::{Lang, Locale};
    let zh = |board: Board| {
        let mut app = app(board);
        app.set_locale(Locale::new(Lang::Zh, None));
        app
    };
    for (w, h) in [(120, 40), (80, 24), (20, 6)] {
        for (name, keys) in [
            ("board", ""),
            ("raci", "2"),
            ("issues", "3"),
            ("standup", "4"),
            ("standup_running", "4s"),
            ("timeline", "5"),
            ("help", "?"),
            ("details", "<enter>"),
        ] {
            for (which, board) in [("demo", common::demo()), ("chinese", common::chinese())] {
                if w == 20 && name != "board" {
                    continue;
                }
                let mut app = zh(board);
                press(&mut app, keys);
                let buf = draw(&mut app, w, h);
                insta::assert_snapshot!(format!("zh_{which}_{name}_{w}x{h}"), text(&buf));
            }
        }
    }
    // The labels are Chinese and the demo's English titles untouched.
    let mut app = zh(common::demo());
    let screen = text(&draw(&mut app, 120, 40));
    for word in ["看板", "帮助", "退出"] {
        assert!(screen.contains(word), "{word} missing:\n{screen}");
    }
    let english = text(&draw(&mut self::app(common::demo()), 120, 40));
    assert!(!english.contains("看板"));
    let title = common::demo()
        .tasks
        .values()
        .next()
        .map(|t| t.title.clone())
        .expect("a card");
    let shown: String = title.chars().take(8).collect();
    assert!(screen.contains(&shown), "{shown} missing:\n{screen}");
}

/// Bad input is answered in the interface's language too: a form's own
/// checks and the model's readers of dates, ids and settings.
#[test]
fn the_chinese_interface_answers_bad_input_in_chinese() {
    use common::tui::type_text;
    use standup::i18n::{Lang, Locale};
    let mut app = app(common::demo());
    app.set_locale(Locale::new(Lang::Zh, None));
    let screen = |app: &mut App| text(&draw(app, 120, 40));
    // A card without a title.
    press(&mut app, "n<enter>");
    assert!(screen(&mut app).contains("卡片需要标题"));
    // A day February does not have, then a card id that is not one.
    press(&mut app, "<tab><tab>");
    type_text(&mut app, "2026-02-30");
    assert!(screen(&mut app).contains("2026年2月只有 28 天"));
    press(&mut app, "<esc>");
    press(&mut app, "n<tab><tab><tab><tab><tab>");
    type_text(&mut app, "X9");
    assert!(screen(&mut app).contains("`X9` 不是任务编号"));
    press(&mut app, "<esc>");
    // SLA targets with too few pairs.
    press(&mut app, "3S");
    let shown = screen(&mut app);
    press(&mut app, "<c-u>");
    type_text(&mut app, "1h/2h");
    press(&mut app, "<enter>");
    let after = screen(&mut app);
    assert!(after.contains("请给出 P1 至 P5 五组"), "{shown}\n{after}");
}

/// The picture at the top of the README is what the demo board shows at 80
/// columns now, drawn by the app itself, so that it cannot drift from the
/// app again. `STANDUP_BLESS=1 cargo test --test it readme_picture` redraws it (never
/// in CI: read the diff).
#[test]
fn the_readme_picture_is_the_demo_board_as_drawn_now() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let marker = "checks that this picture is what the demo board shows now. -->\n```\n";
    let start = readme.find(marker).expect("the picture's marker") + marker.len();
    let end = start + readme[start..].find("```\n").expect("the picture's end");
    let mut app = app(common::demo());
    let drawn: String = text(&draw(&mut app, 80, 20))
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    let bless = std::env::var_os("STANDUP_BLESS").is_some() && std::env::var_os("CI").is_none();
    if bless {
        let updated = format!("{}{drawn}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md written");
        return;
    }
    let shown: String = readme[start..end]
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    assert_eq!(
        shown, drawn,
        "the README's picture is not what the demo board shows: STANDUP_BLESS=1 cargo test --test it readme_picture redraws it"
    );
}
