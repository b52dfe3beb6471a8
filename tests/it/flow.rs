//! Flow figures (cumulative flow, throughput, cycle time, aging) on a
//! hand-written log with known answers: a card moved back and forth, a
//! column renamed, one added and one deleted, a week with nothing finished,
//! a card deleted unfinished and one deleted when done.

use crate::common;

use chrono::{Duration, NaiveDate, Weekday};
use standup::model::flow::{Percentiles, short, week_start};
use standup::model::{Action, Board, NewTask, TaskId};

fn moves() -> Board {
    standup::store::from_json(include_str!("../fixtures/flow/moves.json"))
        .expect("the fixture loads")
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn t(n: u32) -> TaskId {
    standup::model::ids::Id(n)
}

/// The diagram's counts on one day, by band name.
fn counts_on(flow: &standup::model::flow::Flow, date: &str) -> Vec<(String, usize)> {
    let i = flow
        .days
        .iter()
        .position(|d| *d == day(date))
        .expect("the day is sampled");
    flow.bands
        .iter()
        .map(|b| (b.name.clone(), b.counts[i]))
        .collect()
}

fn pairs(list: &[(&str, usize)]) -> Vec<(String, usize)> {
    list.iter().map(|(n, c)| (n.to_string(), *c)).collect()
}

#[test]
fn four_weeks_start_on_the_monday_three_weeks_back() {
    let flow = moves().flow(common::now(), 4, Weekday::Mon);
    assert_eq!(flow.days.first(), Some(&day("2026-11-02")));
    assert_eq!(flow.days.last(), Some(&day("2026-11-23")));
    assert_eq!(flow.days.len(), 22);
    let starts: Vec<NaiveDate> = flow.weeks.iter().map(|w| w.start).collect();
    assert_eq!(
        starts,
        [
            day("2026-11-02"),
            day("2026-11-09"),
            day("2026-11-16"),
            day("2026-11-23")
        ]
    );
}

#[test]
fn bands_follow_column_ids_through_renames_additions_and_deletions() {
    let flow = moves().flow(common::now(), 4, Weekday::Mon);
    let names: Vec<(&str, bool)> = flow
        .bands
        .iter()
        .map(|b| (b.name.as_str(), b.removed))
        .collect();
    // `doing` was renamed from "In progress": one band, today's name. The
    // deleted QA column keeps its band, before Done.
    assert_eq!(
        names,
        [
            ("To do", false),
            ("Doing", false),
            ("Review", false),
            ("QA", true),
            ("Done", false)
        ]
    );
    let band = |name: &str| flow.bands.iter().find(|b| b.name == name).expect("a band");
    // Review was added on the 11th: nothing in it before.
    assert!(band("Review").counts[..10].iter().all(|c| *c == 0));
    // QA held T-1 for one night only.
    let qa: usize = band("QA").counts.iter().sum();
    assert_eq!(qa, 1);
}

#[test]
fn the_diagram_counts_each_card_where_it_was_at_the_end_of_each_day() {
    let flow = moves().flow(common::now(), 4, Weekday::Mon);
    let at = |d| counts_on(&flow, d);
    assert_eq!(
        at("2026-11-04"),
        pairs(&[
            ("To do", 0),
            ("Doing", 1),
            ("Review", 0),
            ("QA", 1),
            ("Done", 0)
        ])
    );
    assert_eq!(
        at("2026-11-06"),
        pairs(&[
            ("To do", 0),
            ("Doing", 0),
            ("Review", 0),
            ("QA", 0),
            ("Done", 2)
        ])
    );
    // T-2 went back to Doing on the 10th, beside T-3 and T-4.
    assert_eq!(
        at("2026-11-10"),
        pairs(&[
            ("To do", 0),
            ("Doing", 3),
            ("Review", 0),
            ("QA", 0),
            ("Done", 1)
        ])
    );
    // T-5 is on the board until it is deleted on the 18th.
    assert_eq!(
        at("2026-11-17"),
        pairs(&[
            ("To do", 1),
            ("Doing", 3),
            ("Review", 1),
            ("QA", 0),
            ("Done", 1)
        ])
    );
    assert_eq!(
        at("2026-11-18"),
        pairs(&[
            ("To do", 0),
            ("Doing", 2),
            ("Review", 1),
            ("QA", 0),
            ("Done", 2)
        ])
    );
    // T-6 was deleted from Done on the 19th: it stays finished.
    assert_eq!(
        at("2026-11-19"),
        pairs(&[
            ("To do", 0),
            ("Doing", 1),
            ("Review", 1),
            ("QA", 0),
            ("Done", 3)
        ])
    );
    assert_eq!(
        at("2026-11-23"),
        pairs(&[
            ("To do", 0),
            ("Doing", 1),
            ("Review", 0),
            ("QA", 0),
            ("Done", 4)
        ])
    );
}

#[test]
fn throughput_counts_a_card_once_at_its_last_finish() {
    let flow = moves().flow(common::now(), 4, Weekday::Mon);
    let per_week: Vec<usize> = flow.weeks.iter().map(|w| w.finished).collect();
    // T-2 finished on the 6th, went back, and finished again on the 19th:
    // it counts in the week of the 16th only, which leaves the week of the
    // 9th with nothing finished.
    assert_eq!(per_week, [1, 0, 3, 0]);
}

#[test]
fn cycle_time_runs_from_leaving_the_first_column_to_the_last_finish() {
    let board = moves();
    let paths = board.paths();
    let mut finishes = board.finishes(&paths);
    finishes.sort_by_key(|f| f.task);
    let cycles: Vec<(TaskId, String)> = finishes
        .iter()
        .map(|f| (f.task, short(f.cycle())))
        .collect();
    assert_eq!(
        cycles,
        [
            (t(1), "2.0d".to_string()),
            (t(2), "15.0d".to_string()),
            // Created in Doing: started when created.
            (t(4), "10.0d".to_string()),
            (t(6), "1.0d".to_string()),
        ]
    );
    let flow = board.flow(common::now(), 4, Weekday::Mon);
    let p = flow.cycle.expect("cards finished");
    assert_eq!(p.count, 4);
    assert_eq!(p.p50, Duration::days(2));
    assert_eq!(p.p85, Duration::days(15));
    assert_eq!(p.p95, Duration::days(15));
    // Leads 1.25, 3, 10 and 17 days.
    assert_eq!(flow.lead_median, Some(Duration::days(3)));
}

#[test]
fn cards_older_than_the_median_cycle_are_aging() {
    let flow = moves().flow(common::now(), 4, Weekday::Mon);
    assert_eq!(flow.aging.len(), 1);
    let a = flow.aging[0];
    assert_eq!(a.task, t(3));
    assert_eq!(a.age, Duration::days(13) - Duration::hours(1));
    assert_eq!(a.past, 50);
}

#[test]
fn a_window_with_nothing_finished_has_no_percentiles_and_no_aging() {
    let flow = moves().flow(common::now(), 1, Weekday::Mon);
    assert_eq!(flow.weeks.len(), 1);
    assert_eq!(flow.weeks[0].finished, 0);
    assert_eq!(flow.cycle, None);
    assert_eq!(flow.lead_median, None);
    assert!(flow.aging.is_empty());
    assert_eq!(flow.days, [day("2026-11-23")]);
}

#[test]
fn percentiles_take_the_nearest_rank() {
    let days = |list: &[i64]| list.iter().map(|d| Duration::days(*d)).collect();
    let p = Percentiles::of(days(&[5, 1, 3, 2, 4, 6, 7, 8, 9, 10])).expect("some");
    assert_eq!(
        (p.p50, p.p85, p.p95),
        (Duration::days(5), Duration::days(9), Duration::days(10))
    );
    let one = Percentiles::of(days(&[4])).expect("one");
    assert_eq!((one.p50, one.p95), (Duration::days(4), Duration::days(4)));
    assert_eq!(Percentiles::of(Vec::new()), None);
    assert_eq!(one.passed(Duration::days(5)), Some(95));
    assert_eq!(one.passed(Duration::days(4)), None);
}

#[test]
fn weeks_start_on_the_day_asked_for() {
    // 2026-11-25 is a Wednesday.
    assert_eq!(
        week_start(day("2026-11-25"), Weekday::Mon),
        day("2026-11-23")
    );
    assert_eq!(
        week_start(day("2026-11-25"), Weekday::Sun),
        day("2026-11-22")
    );
    assert_eq!(
        week_start(day("2026-11-22"), Weekday::Mon),
        day("2026-11-16")
    );
}

#[test]
fn flow_from_actions_agrees_with_the_cards_own_times() {
    // Built the way the app builds it: through actions, a day apart.
    let mut board = Board::new("Actions", "");
    let start = common::now() - Duration::days(10);
    let at = |d: i64| start + Duration::days(d);
    board
        .apply(
            &Action::AddTask(NewTask {
                title: "Ship it".into(),
                ..NewTask::default()
            }),
            at(0),
        )
        .expect("added");
    for (d, column) in [(1, "doing"), (2, "review"), (3, "doing"), (5, "done")] {
        board
            .apply(
                &Action::MoveTask {
                    id: t(1),
                    column: column.into(),
                    position: None,
                },
                at(d),
            )
            .expect("moved");
    }
    let task = &board.tasks[&t(1)];
    let finishes = board.finishes(&board.paths());
    assert_eq!(finishes.len(), 1);
    assert_eq!(Some(finishes[0].started), task.started);
    assert_eq!(Some(finishes[0].finished), task.finished);
    assert_eq!(finishes[0].cycle(), Duration::days(4));
}
