//! The RACI rules, loads and commitments, on small boards.

use super::*;

#[test]
fn roles_read_spreadsheet_spellings() {
    assert_eq!(Role::parse(" r "), Some(Role::Responsible));
    assert_eq!(Role::parse("a/r"), Some(Role::AccountableResponsible));
    assert_eq!(Role::parse("RA"), Some(Role::AccountableResponsible));
    assert_eq!(Role::parse("AR"), Some(Role::AccountableResponsible));
    assert_eq!(Role::parse("是"), None);
    assert_eq!(Role::parse(""), None);
}

#[test]
fn a_r_counts_as_both() {
    assert!(Role::AccountableResponsible.is_a());
    assert!(Role::AccountableResponsible.is_r());
    assert!(!Role::Consulted.is_a());
}

use crate::model::action::{Action, NewTask};
use crate::model::board::PartyKind;
use crate::model::time::Timestamp;

fn at() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").expect("a valid time")
}

/// A board with parties p0…p7 and `tasks` tasks without roles.
fn board(tasks: usize) -> Board {
    let mut b = Board::new("Rules", "");
    for n in 0..8 {
        let party = Action::AddParty {
            code: format!("p{n}"),
            name: format!("Party {n}"),
            kind: PartyKind::Department,
            department: None,
        };
        b.apply(&party, at()).expect("party");
    }
    for n in 0..tasks {
        let task = Action::AddTask(NewTask {
            title: format!("Task {n}"),
            ..NewTask::default()
        });
        b.apply(&task, at()).expect("task");
    }
    b
}

fn task(n: u32) -> TaskId {
    TaskId::from_number(n)
}

/// Sets roles on task `n`: `"AR C"` gives p0 A, p1 R, p2 C.
fn roles(b: &mut Board, n: u32, letters: &str) {
    for (p, letter) in letters.chars().enumerate() {
        if letter == ' ' {
            continue;
        }
        let role = Role::parse(&letter.to_string()).expect("role letter");
        let set = Action::SetRole {
            task: task(n),
            party: format!("p{p}"),
            role: Some(role),
        };
        b.apply(&set, at()).expect("role");
    }
}

fn rules_of(b: &Board, n: u32) -> Vec<Rule> {
    task_problems(b, task(n))
}

fn party_rules(b: &Board, code: &str) -> Vec<Rule> {
    check(b)
        .into_iter()
        .filter(|p| p.party.as_deref() == Some(code))
        .map(|p| p.rule)
        .collect()
}

#[test]
fn a_task_without_roles_is_not_planned_not_broken() {
    let b = board(1);
    assert!(rules_of(&b, 1).is_empty());
    assert!(check(&b).iter().all(|p| p.task.is_none()));
}

#[test]
fn no_accountable_fires_at_zero_a_only() {
    let mut b = board(2);
    roles(&mut b, 1, "R");
    roles(&mut b, 2, "AR");
    assert!(rules_of(&b, 1).contains(&Rule::NoAccountable));
    assert!(!rules_of(&b, 2).contains(&Rule::NoAccountable));
    assert_eq!(Rule::NoAccountable.severity(), Severity::Error);
}

#[test]
fn multiple_accountable_fires_at_two_a() {
    let mut b = board(2);
    roles(&mut b, 1, "AR");
    roles(&mut b, 2, "ARA");
    assert!(!rules_of(&b, 1).contains(&Rule::MultipleAccountable));
    assert!(rules_of(&b, 2).contains(&Rule::MultipleAccountable));
    // A/R counts as an A too.
    let mut c = board(1);
    let set = |party: &str| Action::SetRole {
        task: task(1),
        party: party.into(),
        role: Some(Role::AccountableResponsible),
    };
    c.apply(&set("p0"), at()).expect("role");
    assert!(rules_of(&c, 1).is_empty());
    c.apply(&set("p1"), at()).expect("role");
    assert!(rules_of(&c, 1).contains(&Rule::MultipleAccountable));
}

#[test]
fn no_responsible_fires_at_zero_r_and_a_r_counts() {
    let mut b = board(3);
    roles(&mut b, 1, "AC");
    roles(&mut b, 2, "AR");
    let set = Action::SetRole {
        task: task(3),
        party: "p0".into(),
        role: Some(Role::AccountableResponsible),
    };
    b.apply(&set, at()).expect("role");
    assert_eq!(rules_of(&b, 1), vec![Rule::NoResponsible]);
    assert!(rules_of(&b, 2).is_empty());
    assert!(rules_of(&b, 3).is_empty());
}

#[test]
fn too_many_responsible_warns_from_the_threshold() {
    let mut b = board(2);
    roles(&mut b, 1, "ARR"); // 2 R: under the default 3
    roles(&mut b, 2, "ARRR"); // 3 R: at it
    assert!(!rules_of(&b, 1).contains(&Rule::TooManyResponsible));
    assert!(rules_of(&b, 2).contains(&Rule::TooManyResponsible));
    assert_eq!(Rule::TooManyResponsible.severity(), Severity::Warning);
    // Raising the threshold to 4 clears it.
    let limits = RaciLimits {
        responsible_warn: 4,
        ..RaciLimits::default()
    };
    b.apply(&Action::SetRaciLimits(limits), at())
        .expect("limits");
    assert!(!rules_of(&b, 2).contains(&Rule::TooManyResponsible));
}

#[test]
fn too_many_consulted_warns_above_the_limit() {
    let mut b = board(2);
    roles(&mut b, 1, "ARCCC"); // 3 C: the limit itself is fine
    roles(&mut b, 2, "ARCCCC"); // 4 C: more than 3
    assert!(rules_of(&b, 1).is_empty());
    assert_eq!(rules_of(&b, 2), vec![Rule::TooManyConsulted]);
}

#[test]
fn overloaded_fires_above_five_r_or_three_a() {
    // p1 is R on 5 tasks (the limit) and p0 A on 3: not overloaded yet.
    let mut b = board(6);
    for n in 1..=5 {
        roles(&mut b, n, if n <= 3 { "AR" } else { " R" });
    }
    assert!(!party_rules(&b, "p0").contains(&Rule::Overloaded));
    assert!(!party_rules(&b, "p1").contains(&Rule::Overloaded));
    // One more each tips both over.
    roles(&mut b, 4, "A");
    assert!(party_rules(&b, "p0").contains(&Rule::Overloaded));
    roles(&mut b, 6, " R");
    assert!(party_rules(&b, "p1").contains(&Rule::Overloaded));
    assert_eq!(Rule::Overloaded.severity(), Severity::Warning);
}

#[test]
fn idle_party_is_one_with_no_role_at_all() {
    let mut b = board(1);
    roles(&mut b, 1, "ARCI");
    for code in ["p0", "p1", "p2", "p3"] {
        assert!(!party_rules(&b, code).contains(&Rule::IdleParty), "{code}");
    }
    assert_eq!(party_rules(&b, "p4"), vec![Rule::IdleParty]);
}

#[test]
fn every_rule_explains_itself_and_names_a_fix() {
    for rule in [
        Rule::NoAccountable,
        Rule::MultipleAccountable,
        Rule::NoResponsible,
        Rule::TooManyResponsible,
        Rule::TooManyConsulted,
        Rule::Overloaded,
        Rule::IdleParty,
    ] {
        assert!(rule.why().len() > 20, "{}", rule.name());
        assert!(rule.fix().contains('`'), "{} names a key", rule.name());
    }
}

#[test]
fn commitments_list_a_and_r_with_late_ones_first() {
    let mut b = board(4);
    for n in 1..=4 {
        roles(&mut b, n, if n == 2 { "C" } else { "AR" });
    }
    let due = |n: u32, date: &str| Action::EditTask {
        id: task(n),
        edit: crate::model::action::TaskEdit {
            due: Some(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()),
            ..Default::default()
        },
    };
    b.apply(&due(1, "2026-12-01"), at()).expect("due");
    b.apply(&due(4, "2026-11-01"), at()).expect("due");
    let today = at().date_naive();
    let list = commitments(&b, "p0", today);
    let ids: Vec<u32> = list.iter().map(|c| c.id.number()).collect();
    assert_eq!(
        ids,
        vec![4, 1, 3],
        "late T-4, then by due date, undated last"
    );
    assert_eq!(list[0].state, CommitmentState::Late);
    assert_eq!(list[0].role, Role::Accountable);
    assert!(
        commitments(&b, "p2", today).is_empty(),
        "C is not on the hook"
    );
}

#[test]
fn the_file_only_takes_canonical_roles() {
    assert_eq!(
        serde_json::from_str::<Role>("\"A/R\"").unwrap(),
        Role::AccountableResponsible
    );
    assert!(serde_json::from_str::<Role>("\"ar\"").is_err());
}
