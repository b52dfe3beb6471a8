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
