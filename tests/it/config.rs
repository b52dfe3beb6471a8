//! config.toml: defaults, every key, mistakes reported with line and key
//! (the rest still applied), the commented template and `config show`
//! reading back as they print, a remapped key working and shown in help,
//! themes, and the `config`, `completions` and `man` commands.

use crate::common;

use chrono::Weekday;
use common::home::Home;
use common::tui::{app, draw, marked, press, text};
use ratatui::style::{Color, Modifier};
use standup::config::{self, Config};
use standup::i18n::Lang;
use standup::tui::app::Pane;
use standup::tui::keymap::{Command, Key, Keymap};

#[test]
fn no_file_and_an_empty_file_are_the_defaults() {
    let (config, problems) = config::from_text("");
    assert_eq!(config, Config::default());
    assert!(problems.is_empty());
    let missing = std::path::Path::new("/nonexistent/standup/config.toml");
    let (config, problems) = config::load(Some(missing), false).expect("defaults");
    assert_eq!(config, Config::default());
    assert!(problems.is_empty());
    // Named with --config, a missing file is a mistake to report.
    assert!(config::load(Some(missing), true).is_err());
}

#[test]
fn every_key_is_read() {
    let (config, problems) = config::from_text(
        r##"
week_start = "sunday"

[theme]
name = "light"
overdue = "bold #ff8800 on black"
bar = "208"

[board]
columns = ["待办 Backlog", "Doing", "验收", "Done"]
wip = { doing = 4, "验收" = 2 }
sla = "1h/4h 4h/2d 1d/3d 3d/10d 1w/30d"

[standup]
timebox_minutes = 20
speaker_minutes = 3

[keys]
undo = ["u", "ctrl-z"]

[keys.board]
move_card_left = "Y"
move_card_right = ["U", "shift-right"]
"##,
    );
    assert_eq!(problems, []);
    assert_eq!(config.week_start, Weekday::Sun);
    assert_eq!(config.theme_name.as_deref(), Some("light"));
    let theme = config.theme(false);
    assert_eq!(theme.overdue.fg, Some(Color::Rgb(0xff, 0x88, 0)));
    assert_eq!(theme.overdue.bg, Some(Color::Black));
    assert!(theme.overdue.add_modifier.contains(Modifier::BOLD));
    assert_eq!(theme.bar.fg, Some(Color::Indexed(208)));
    assert_eq!(
        theme.message.fg,
        Some(Color::Blue),
        "the light theme under it"
    );
    let columns = config.columns.clone().expect("columns");
    assert_eq!(
        columns,
        [
            ("待办 Backlog".to_string(), None),
            ("Doing".to_string(), Some(4)),
            ("验收".to_string(), Some(2)),
            ("Done".to_string(), None)
        ]
    );
    let mut board = standup::model::Board::default();
    config.shape_new_board(&mut board);
    assert_eq!(board.columns.len(), 4);
    assert_eq!(board.columns[1].id, "doing");
    assert_eq!(board.settings.standup.timebox_minutes, 20);
    assert_eq!(board.settings.standup.speaker_minutes, 3);
    assert_eq!(
        board.settings.sla.to_string(),
        "1h/4h 4h/2d 1d/3d 3d/10d 1w/30d"
    );
    assert!(board.integrity_problems().is_empty());
    let (keys, notes) = config.keymap();
    assert!(notes.is_empty(), "{notes:?}");
    let key = |text: &str| {
        let k = Key::parse(text).expect("a key");
        crossterm::event::KeyEvent::new(k.code, k.modifiers)
    };
    assert_eq!(
        keys.lookup(Pane::Board, &key("Y")),
        Some(Command::MoveCardLeft)
    );
    assert_eq!(keys.lookup(Pane::Board, &key("H")), None);
    // Only on the board: the standup pane keeps H.
    assert_eq!(
        keys.lookup(Pane::Standup, &key("H")),
        Some(Command::MoveCardLeft)
    );
    assert_eq!(
        keys.lookup(Pane::Issues, &key("ctrl-z")),
        Some(Command::Undo)
    );
    assert_eq!(keys.lookup(Pane::Board, &key("u")), Some(Command::Undo));
}

#[test]
fn each_mistake_is_reported_with_its_line_and_key_and_the_rest_applies() {
    let text = r#"week_start = "someday"
colour = "red"

[theme]
name = "neon"
overdue = "blinking red"
flashy = "red"

[board]
columns = []
wip = { QA = 3, Doing = 0 }

[standup]
timebox_minutes = 0
speaker_minutes = "two"

[keys]
launch_rockets = "R"
undo = "shift-lft"

[keys.board]
move_card_left = "Y"
"#;
    let (config, found) = config::from_text(text);
    let at: Vec<(usize, &str)> = found.iter().map(|p| (p.line, p.key.as_str())).collect();
    assert_eq!(
        at,
        [
            (1, "week_start"),
            (2, "colour"),
            (5, "theme.name"),
            (6, "theme.overdue"),
            (7, "theme.flashy"),
            (10, "board.columns"),
            (11, "board.wip.Doing"),
            (11, "board.wip.QA"),
            (14, "standup.timebox_minutes"),
            (15, "standup.speaker_minutes"),
            (18, "keys.launch_rockets"),
            (19, "keys.undo"),
        ]
    );
    let said = |key: &str| {
        found
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.to_string())
            .unwrap_or_default()
    };
    assert!(
        said("theme.name")
            .contains("`neon` is not a theme (known: dark, light, high-contrast, mono)")
    );
    assert!(said("theme.overdue").contains("`blinking` is not a colour"));
    assert!(
        said("board.wip.QA")
            .contains("no such column (the columns are: To do, Doing, Review, Done)")
    );
    assert!(said("board.wip.Doing").contains("1 to 999"));
    assert!(said("keys.undo").contains("`shift-lft` is not a key"));
    assert!(said("keys.launch_rockets").contains("not a command"));
    assert_eq!(
        said("week_start"),
        "line 1, week_start: should be a day's name: \"monday\", \"sunday\", …"
    );
    // In Chinese too: the file may set the language it is shown in, so
    // each mistake is kept in every language.
    for p in &found {
        let zh = p.localized(Lang::Zh);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && zh != p.to_string(),
            "not in Chinese: {zh}"
        );
    }
    let zh = |key: &str| {
        found
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.localized(Lang::Zh))
            .unwrap_or_default()
    };
    assert_eq!(
        zh("week_start"),
        "第 1 行，week_start：应为星期几的英文名：\"monday\"、\"sunday\"……"
    );
    assert!(zh("theme.overdue").contains("`blinking` 不是颜色或样式词"));
    assert!(zh("keys.undo").contains("`shift-lft` 不是按键"));
    // What was right still applies.
    assert_eq!(config.keys.len(), 1);
    assert_eq!(config.keys[0].command, Command::MoveCardLeft);
    assert_eq!(config.theme_name, None);
    assert_eq!(config.standup, None);
}

#[test]
fn a_line_toml_cannot_read_costs_that_line_alone() {
    let (config, found) = config::from_text("[theme]\nname = \"light\"\nbar = \n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 3);
    assert_eq!(found[0].key, "bar");
    assert!(
        found[0]
            .message
            .to_string()
            .contains("this line was ignored; the rest of the file is in effect"),
        "{}",
        found[0].message
    );
    assert_eq!(config.theme_name.as_deref(), Some("light"));
    // A number too large for TOML costs its setting, not the others.
    let (config, found) = config::from_text(
        "[standup]\ntimebox_minutes = 99999999999999999999\nspeaker_minutes = 3\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, 2);
    assert_eq!(config.standup.map(|s| s.speaker_minutes), Some(3));
    assert_eq!(config.standup.map(|s| s.timebox_minutes), Some(15));
}

#[test]
fn a_key_taken_from_another_command_is_said() {
    let (config, found) = config::from_text("[keys.board]\nfinish = \"d\"\n");
    assert!(found.is_empty());
    let (keys, notes) = config.keymap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].to_string(), "d no longer does delete in Board");
    assert_eq!(notes[0].get(Lang::Zh), "d 不再在看板中执行 delete");
    let d = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('d'),
        crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(keys.lookup(Pane::Board, &d), Some(Command::Finish));
}

#[test]
fn the_template_uncommented_is_the_defaults_and_show_reads_back() {
    let template = config::template();
    assert_eq!(config::from_text(&template), (Config::default(), vec![]));
    // Every setting uncommented: still the defaults, without a mistake.
    let uncommented: String = template
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") && !rest.starts_with("Styles") => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (config, found) = config::from_text(&uncommented);
    assert_eq!(found, []);
    assert!(
        config.keymap().0 == Keymap::default(),
        "the keys are the defaults"
    );
    assert_eq!(config.theme(false), standup::tui::Theme::colored());
    // `show` prints what reads back as the same settings.
    let (mine, _) = config::from_text(
        "week_start = \"sunday\"\n[board]\ncolumns = [\"A\", \"B\"]\nwip = { A = 2 }\n[keys.board]\nfinish = \"X\"\n",
    );
    let shown = config::show(&mine);
    let (again, found) = config::from_text(&shown);
    assert_eq!(found, [], "{shown}");
    assert_eq!(again.week_start, Weekday::Sun);
    assert_eq!(again.columns, mine.columns);
    assert!(again.keymap().0 == mine.keymap().0, "the keys read back");
}

#[test]
fn keys_are_read_as_written() {
    for (text, label) in [
        ("H", "H"),
        ("ctrl-R", "Ctrl-r"),
        ("shift-left", "Shift-←"),
        ("shift-tab", "Shift-Tab"),
        ("space", "Space"),
        ("pgdn", "PgDn"),
        ("f5", "F5"),
        ("+", "+"),
    ] {
        assert_eq!(Key::parse(text).expect(text).label(), label);
    }
    for bad in ["", "ctrl-", "hyper-x", "f13", "enterr"] {
        assert!(Key::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_remapped_key_works_and_the_help_shows_it() {
    let (config, _) =
        config::from_text("[keys.board]\nmove_card_left = \"Y\"\nmove_card_right = \"U\"\n");
    let mut app = app(common::demo());
    app.set_keymap(config.keymap().0);
    // T-4 in To do: U moves it right, L no longer does.
    press(&mut app, "L");
    assert_eq!(common::demo().tasks, app.board().tasks);
    press(&mut app, "U");
    let moved = app.selected_task().expect("selected");
    assert_eq!(app.board().tasks[&moved].column, "doing");
    press(&mut app, "Y");
    assert_eq!(app.board().tasks[&moved].column, "todo");
    // A key without news clears the message: the footer shows the keys.
    press(&mut app, "j");
    let footer = text(&draw(&mut app, 80, 24));
    assert!(footer.contains("YU move"), "{footer}");
    press(&mut app, "?");
    let screen = text(&draw(&mut app, 80, 24));
    insta::assert_snapshot!("help_remapped_80x24", screen);
    assert!(
        screen.contains("Y Shift-←  card to previous column")
            || screen.contains("Y          card to previous column")
    );
}

#[test]
fn themes_render_the_board() {
    let mut light = app(common::demo());
    light.set_theme(
        config::from_text("[theme]\nname = \"light\"\n")
            .0
            .theme(false),
    );
    let screen = marked(&draw(&mut light, 80, 24));
    // Late due dates are still red; nothing is drawn in cyan.
    assert!(screen.contains('E'));
    let buf = draw(&mut light, 80, 24);
    assert!(buf.content().iter().all(|c| c.fg != Color::Cyan));
    // NO_COLOR: no colour at all, unless the config names a theme.
    let mono = Config::default().theme(true);
    let mut plain = app(common::demo());
    plain.set_theme(mono);
    let buf = draw(&mut plain, 80, 24);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    insta::assert_snapshot!("board_no_color_80x24", text(&buf));
    let named = config::from_text("[theme]\nname = \"high-contrast\"\n")
        .0
        .theme(true);
    assert_eq!(named, standup::tui::Theme::high_contrast());
}

#[test]
fn config_commands() {
    let home = Home::new();
    let path = home.dir.path().join("config/standup/config.toml");
    let out = home
        .run(&["config", "path"])
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&out).trim(),
        path.display().to_string()
    );
    home.run(&["config", "init"]).success();
    let written = std::fs::read_to_string(&path).expect("written");
    assert_eq!(written, config::template());
    home.run(&["config", "init"])
        .code(2)
        .stderr(predicates::str::contains("exists already"));
    home.run(&["config", "show"])
        .success()
        .stdout(predicates::str::contains(
            "columns = [\"To do\", \"Doing\", \"Review\", \"Done\"]",
        ));
    std::fs::write(
        &path,
        "week_start = \"sunday\"\n[board]\ncolumns = [\"Backlog\", \"Now\", \"Shipped\"]\nwip = { Now = 2 }\n[theme]\nname = \"neon\"\n",
    )
    .expect("config");
    home.run(&["config", "show"])
        .code(1)
        .stdout(predicates::str::contains(
            "columns = [\"Backlog\", \"Now\", \"Shipped\"]",
        ))
        .stderr(predicates::str::contains(
            "line 6, theme.name: `neon` is not a theme",
        ));
    // A new board takes the configured columns; a command says what was wrong.
    home.run(&["init", "--name", "Configured"])
        .success()
        .stderr(predicates::str::contains("theme.name"));
    let board = home.json(&["task", "list", "--json"]);
    assert_eq!(board["tasks"], serde_json::json!([]));
    let exported = home.json_any(&["export"]);
    let columns: Vec<&str> = exported["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(columns, ["Backlog", "Now", "Shipped"]);
    assert_eq!(exported["columns"][1]["wip"], 2);
    // Weeks start on Sunday now.
    let week = home.json_any(&["report", "--week", "2026-11-25", "--format", "json"]);
    assert_eq!(week["from"], "2026-11-22");
    // --config names a file that is not there: said, defaults used.
    home.run(&["--config", "nowhere.toml", "task", "list"])
        .success()
        .stderr(predicates::str::contains(
            "cannot read the config file nowhere.toml",
        ));
}

#[test]
fn completions_and_the_manual_page() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = home
            .run(&["completions", shell])
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("standup") && text.contains("report"),
            "{shell}"
        );
    }
    let out = home.run(&["man"]).success().get_output().stdout.clone();
    let man = String::from_utf8_lossy(&out);
    assert!(
        man.starts_with(".ie") || man.contains(".TH standup"),
        "{man}"
    );
    assert!(man.contains("merge\\-driver") || man.contains("merge-driver"));
}

#[test]
fn language_and_date_format_are_read_and_checked() {
    use standup::i18n::Locale;
    let (config, problems) = config::from_text("language = \"zh\"\ndate_format = \"%d/%m/%Y\"\n");
    assert_eq!(problems, []);
    assert_eq!(config.language, Some(Lang::Zh));
    assert_eq!(config.date_format.as_deref(), Some("%d/%m/%Y"));
    // The file's language wins over the locale's.
    let locale = config.locale(Lang::En);
    assert_eq!(locale.lang, Lang::Zh);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
    assert_eq!(locale.day(day), "27/11/2026");
    // Unset, the locale decides.
    assert_eq!(
        Config::default().locale(Lang::Zh),
        Locale::new(Lang::Zh, None)
    );

    let (config, problems) = config::from_text(
        "language = \"klingon\"\ndate_format = \"%H:%M\"\n[theme]\nname = \"light\"\n",
    );
    assert_eq!(config.language, None);
    assert_eq!(config.date_format, None);
    assert_eq!(
        config.theme_name.as_deref(),
        Some("light"),
        "the rest applies"
    );
    let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said[0].starts_with("line 1, language: should be \"en\""),
        "{said:?}"
    );
    assert!(
        said[1].starts_with("line 2, date_format: `%H:%M` asks for a time of day"),
        "{said:?}"
    );
    let (_, problems) = config::from_text("date_format = \"%Q\"\n");
    assert!(
        problems[0]
            .message
            .to_string()
            .contains("not a date format"),
        "{problems:?}"
    );
}

#[test]
fn reports_follow_the_language_and_json_stays_english() {
    let home = Home::new();
    home.demo();
    // What a command prints on a machine whose locale is Chinese.
    let in_chinese_locale = |args: &[&str]| {
        let out = home
            .cmd()
            .env("LANG", "zh_CN.UTF-8")
            .args(args)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let english = home
        .run(&["report", "--week"])
        .success()
        .get_output()
        .stdout
        .clone();
    let english = String::from_utf8_lossy(&english).to_string();
    assert!(english.starts_with("# Week "), "{english}");

    // LANG alone switches the Markdown report to Chinese.
    let chinese = in_chinese_locale(&["report", "--week"]);
    assert!(chinese.starts_with("# 第 "), "{chinese}");
    assert!(chinese.contains("## 流动"), "{chinese}");
    // The board's own words are not translated.
    assert!(chinese.contains("Double 12 campaign"), "{chinese}");

    // The config's language wins over LANG, and the date format is used.
    let path = home.dir.path().join("config/standup/config.toml");
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
    std::fs::write(&path, "language = \"en\"\ndate_format = \"%Y/%m/%d\"\n").expect("config");
    let mine = in_chinese_locale(&["report", "--week"]);
    assert!(mine.starts_with("# Week "), "{mine}");
    assert!(mine.contains("2026/11/"), "{mine}");

    // JSON is for scripts: the same words in any language.
    std::fs::write(&path, "language = \"zh\"\n").expect("config");
    let json = home.json(&["report", "--week", "--format", "json"]);
    std::fs::remove_file(&path).expect("removed");
    assert_eq!(json, home.json(&["report", "--week", "--format", "json"]));
    let minutes = in_chinese_locale(&["report"]);
    assert!(minutes.contains("## 未解决的问题"), "{minutes}");
}

#[test]
fn a_top_level_setting_added_at_the_end_is_said_to_belong_at_the_top() {
    // `config init` ends with [keys.timeline]; a line added below it is
    // read by TOML as part of that table.
    let text = format!("{}\nlanguage = \"zh\"\n", config::template());
    let (config, problems) = config::from_text(&text);
    assert_eq!(config.language, None);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let said = problems[0].to_string();
    let line = text.lines().count();
    assert!(
        said.starts_with(&format!(
            "line {line}, keys.timeline.language: `language` is a top-level setting: move it above the first [table]"
        )),
        "{said}"
    );
    // In another table, the same; an unknown name keeps its own message.
    let (_, problems) = config::from_text("[standup]\nweek_start = \"sunday\"\ncolour = 1\n");
    assert!(
        problems[0]
            .message
            .to_string()
            .contains("read as part of [standup]"),
        "{problems:?}"
    );
    assert!(
        problems[1].message.to_string().starts_with("not a setting"),
        "{problems:?}"
    );
}
