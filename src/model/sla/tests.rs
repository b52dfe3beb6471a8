//! What each clock came to, on boards whose issues were answered late,
//! early, reopened and escalated.
use super::*;
use crate::model::{Action, NewIssue};

fn at(text: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(text).expect("a test timestamp")
}

fn p1(board: &mut Board, when: &str) -> IssueId {
    board
        .apply(
            &Action::AddIssue(NewIssue {
                title: "Payment down".into(),
                impact: Level::High,
                urgency: Level::High,
                ..NewIssue::default()
            }),
            at(when),
        )
        .expect("raise");
    *board.issues.keys().next_back().expect("an issue")
}

fn set_urgency(board: &mut Board, id: IssueId, urgency: Level, when: &str) {
    let edit = crate::model::IssueEdit {
        urgency: Some(urgency),
        ..Default::default()
    };
    board
        .apply(&Action::EditIssue { id, edit }, at(when))
        .expect("urgency set");
}

#[test]
fn a_late_acknowledgement_stays_missed() {
    let mut b = Board::new("b", "");
    let id = p1(&mut b, "2026-12-07T10:00:00+08:00");
    b.apply(
        &Action::AcknowledgeIssue { id },
        at("2026-12-07T10:45:00+08:00"),
    )
    .expect("ack");
    let now = at("2026-12-07T11:00:00+08:00");
    let f = b.sla_facts(&b.issues[&id], now);
    assert_eq!(f.respond.outcome(now), Outcome::Missed);
    assert_eq!(f.respond.missed_by(now), Some(Duration::minutes(15)));
    assert_eq!(f.late_response(), Some(Duration::minutes(15)));
    assert_eq!(f.resolve[0].outcome(now), Outcome::Running);
    // At 12:01 the resolution clock is breached too, apart from it.
    let later = at("2026-12-07T12:01:00+08:00");
    let f = b.sla_facts(&b.issues[&id], later);
    assert!(f.resolve[0].breached(later));
    assert_eq!(f.misses(later).count(), 2);
}

#[test]
fn an_escalation_after_the_stop_changes_no_fact() {
    let mut b = Board::new("b", "");
    let id = p1(&mut b, "2026-12-07T10:00:00+08:00");
    set_urgency(&mut b, id, Level::Low, "2026-12-07T10:01:00+08:00");
    // P3 now: a day to respond. Acknowledged at 10:45, in time.
    b.apply(
        &Action::AcknowledgeIssue { id },
        at("2026-12-07T10:45:00+08:00"),
    )
    .expect("ack");
    set_urgency(&mut b, id, Level::High, "2026-12-07T10:50:00+08:00");
    let now = at("2026-12-07T10:55:00+08:00");
    let f = b.sla_facts(&b.issues[&id], now);
    assert_eq!(f.respond.outcome(now), Outcome::Met);
    assert_eq!(f.respond.priority, Priority::P3);
    // The running resolution clock follows the new priority.
    assert_eq!(f.resolve[0].priority, Priority::P1);
}

#[test]
fn an_escalation_while_the_clock_runs_brings_the_deadline_in() {
    let mut b = Board::new("b", "");
    b.apply(
        &Action::AddIssue(NewIssue {
            title: "Coupons fail".into(),
            ..NewIssue::default()
        }),
        at("2026-12-07T10:00:00+08:00"),
    )
    .expect("raise");
    let id = *b.issues.keys().next_back().expect("an issue");
    // P3 (a day to respond), escalated to P2 (two hours) at 10:05.
    b.apply(
        &Action::EscalateIssue {
            id,
            reason: "launch tomorrow".into(),
        },
        at("2026-12-07T10:05:00+08:00"),
    )
    .expect("escalate");
    b.apply(
        &Action::AcknowledgeIssue { id },
        at("2026-12-07T12:55:00+08:00"),
    )
    .expect("ack");
    let now = at("2026-12-07T13:00:00+08:00");
    let f = b.sla_facts(&b.issues[&id], now);
    assert_eq!(f.respond.priority, Priority::P2);
    assert_eq!(f.respond.missed_by(now), Some(Duration::minutes(55)));
}

#[test]
fn the_index_follows_the_log_through_appends_undo_and_replacement() {
    let mut b = Board::new("b", "");
    let id = p1(&mut b, "2026-12-07T10:00:00+08:00");
    let mut index = SlaIndex::default();
    index.update(&b);
    let now = at("2026-12-07T12:30:00+08:00");
    let same = |index: &SlaIndex, b: &Board| {
        assert_eq!(
            index.facts(b, &b.issues[&id], now),
            b.sla_facts(&b.issues[&id], now)
        );
    };
    same(&index, &b);
    let mut history = crate::model::History::default();
    history
        .apply(
            &mut b,
            &Action::AcknowledgeIssue { id },
            at("2026-12-07T10:45:00+08:00"),
        )
        .expect("ack");
    index.update(&b);
    same(&index, &b);
    assert!(
        index
            .facts(&b, &b.issues[&id], now)
            .late_response()
            .is_some()
    );
    history.undo(&mut b);
    index.update(&b);
    same(&index, &b);
    assert!(
        index
            .facts(&b, &b.issues[&id], now)
            .late_response()
            .is_none()
    );
    // A log replaced as a whole (a reload) is indexed afresh.
    let mut other = Board::new("b", "");
    let other_id = p1(&mut other, "2026-12-07T11:00:00+08:00");
    index.update(&other);
    assert_eq!(
        index.facts(&other, &other.issues[&other_id], now),
        other.sla_facts(&other.issues[&other_id], now)
    );
}

#[test]
fn each_resolution_cycle_keeps_its_outcome() {
    let mut b = Board::new("b", "");
    let id = p1(&mut b, "2026-12-07T10:00:00+08:00");
    let step = |b: &mut Board, action: Action, when: &str| {
        b.apply(&action, at(when)).expect("step");
    };
    step(
        &mut b,
        Action::ResolveIssue {
            id,
            note: String::new(),
        },
        "2026-12-07T13:00:00+08:00",
    );
    step(
        &mut b,
        Action::ReopenIssue { id },
        "2026-12-08T09:00:00+08:00",
    );
    step(
        &mut b,
        Action::ResolveIssue {
            id,
            note: String::new(),
        },
        "2026-12-08T10:00:00+08:00",
    );
    let now = at("2026-12-09T09:00:00+08:00");
    let f = b.sla_facts(&b.issues[&id], now);
    assert_eq!(f.resolve.len(), 2);
    assert_eq!(f.resolve[0].missed_by(now), Some(Duration::hours(1)));
    assert_eq!(f.resolve[1].outcome(now), Outcome::Met);
    assert!(f.missed(now));
}
