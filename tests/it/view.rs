//! The TUI updates what it draws from incrementally after each change (the
//! RACI rules and party loads from the touched tasks only). Whatever the
//! changes, undos and redos, the result must equal a rebuild from scratch.

use crate::common;

use proptest::prelude::*;
use standup::model::settings::RaciLimits;
use standup::model::{Action, IssueId, NewIssue, NewTask, Role, TaskEdit, TaskId};
use standup::tui::view::View;

#[derive(Debug, Clone)]
enum Step {
    Role(u8, u8, Option<u8>),
    Add,
    Delete(u8),
    Undo,
    Redo,
    RemoveParty(u8),
    Limits(u8),
    /// A card to a column (by number), as `L`, `H` or the last column do.
    Move(u8, u8),
    Block(u8),
    Unblock(u8),
    /// A card waits on another.
    Depend(u8, u8),
    /// An issue raised against a card.
    Issue(u8),
    /// An issue (by number) acknowledged, resolved or reopened: its clocks
    /// stop or start again.
    IssueState(u8, u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (any::<u8>(), any::<u8>(), proptest::option::of(0u8..5)).prop_map(|(t, p, r)| Step::Role(t, p, r)),
        1 => Just(Step::Add),
        1 => any::<u8>().prop_map(Step::Delete),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        1 => any::<u8>().prop_map(Step::RemoveParty),
        1 => (1u8..5).prop_map(Step::Limits),
        4 => (any::<u8>(), any::<u8>()).prop_map(|(t, c)| Step::Move(t, c)),
        1 => any::<u8>().prop_map(Step::Block),
        1 => any::<u8>().prop_map(Step::Unblock),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(t, d)| Step::Depend(t, d)),
        1 => any::<u8>().prop_map(Step::Issue),
        2 => (any::<u8>(), 0u8..3).prop_map(|(i, k)| Step::IssueState(i, k)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_updated_view_equals_a_fresh_one(steps in proptest::collection::vec(step(), 1..40)) {
        let mut app = common::tui::app(common::demo());
        let roles = [Role::Responsible, Role::Accountable, Role::Consulted, Role::Informed, Role::AccountableResponsible];
        for s in &steps {
            let ids: Vec<TaskId> = app.board().tasks.keys().copied().collect();
            let task = |n: u8| ids.get(usize::from(n) % ids.len().max(1)).copied().unwrap_or(TaskId::from_number(1));
            let party = |n: u8| app.board().parties.get(usize::from(n) % app.board().parties.len().max(1)).map(|p| p.code.clone()).unwrap_or_default();
            match s {
                Step::Role(t, p, r) => {
                    let action = Action::SetRole { task: task(*t), party: party(*p), role: r.map(|r| roles[usize::from(r)]) };
                    let _ = app.perform(&action);
                }
                Step::Add => {
                    let _ = app.perform(&Action::AddTask(NewTask { title: "新任务".into(), ..NewTask::default() }));
                }
                Step::Delete(t) => {
                    let _ = app.perform(&Action::DeleteTask { id: task(*t) });
                }
                Step::Undo => app.undo(),
                Step::Redo => app.redo(),
                Step::RemoveParty(p) => {
                    let _ = app.perform(&Action::RemoveParty { party: party(*p), cascade: true });
                }
                Step::Limits(n) => {
                    let limits = RaciLimits { overload_a: u32::from(*n), ..RaciLimits::default() };
                    let _ = app.perform(&Action::SetRaciLimits(limits));
                }
                Step::Move(t, c) => {
                    let columns = &app.board().columns;
                    let column = columns[usize::from(*c) % columns.len()].id.clone();
                    let _ = app.perform(&Action::MoveTask { id: task(*t), column, position: None });
                }
                Step::Block(t) => {
                    let _ = app.perform(&Action::BlockTask { id: task(*t), reason: "等待审批".into() });
                }
                Step::Unblock(t) => {
                    let _ = app.perform(&Action::UnblockTask { id: task(*t) });
                }
                Step::Depend(t, d) => {
                    let edit = TaskEdit { depends_on: Some(vec![task(*d)]), ..TaskEdit::default() };
                    let _ = app.perform(&Action::EditTask { id: task(*t), edit });
                }
                Step::IssueState(i, k) => {
                    let issues: Vec<IssueId> = app.board().issues.keys().copied().collect();
                    let id = issues[usize::from(*i) % issues.len()];
                    let action = match k {
                        0 => Action::AcknowledgeIssue { id },
                        1 => Action::ResolveIssue { id, note: "已修复".into() },
                        _ => Action::ReopenIssue { id },
                    };
                    let _ = app.perform(&action);
                }
                Step::Issue(t) => {
                    let issue = NewIssue { title: "卡住了".into(), task: Some(task(*t)), ..NewIssue::default() };
                    let _ = app.perform(&Action::AddIssue(issue));
                }
            }
            let fresh = View::build(app.board(), app.now(), app.filter(), app.lanes());
            prop_assert_eq!(&app.view().loads, &fresh.loads, "loads after {:?}", s);
            prop_assert_eq!(&app.view().raci_rules, &fresh.raci_rules, "rules after {:?}", s);
            let view = app.view();
            prop_assert_eq!(&view.raci_rows, &fresh.raci_rows);
            prop_assert_eq!(&view.columns, &fresh.columns);
            prop_assert_eq!(&view.counts, &fresh.counts);
            prop_assert_eq!(&view.issues, &fresh.issues);
            prop_assert_eq!(view.alerts, fresh.alerts, "alerts after {:?}", s);
            prop_assert_eq!(view.metrics, fresh.metrics);
            prop_assert_eq!(view.since, fresh.since, "since after {:?}", s);
            prop_assert_eq!(
                (view.planned, view.rule_errors, view.rule_warnings),
                (fresh.planned, fresh.rule_errors, fresh.rule_warnings)
            );
        }
    }
}

/// A filter or the lanes changing keeps the RACI rules and loads the view
/// holds: what it then shows is what a full build shows.
#[test]
fn a_new_filter_or_lanes_show_what_a_full_build_shows() {
    use crate::common::tui::{app, press, type_text};
    let mut app = app(common::demo());
    // Changes first, so that the rules were kept up by the changes.
    press(&mut app, "LjJ");
    let same = |app: &standup::tui::App| {
        let full = View::build(app.board(), app.now(), app.filter(), app.lanes());
        let view = app.view();
        assert_eq!(view.columns, full.columns);
        assert_eq!(view.counts, full.counts);
        assert_eq!(view.lanes, full.lanes);
        assert_eq!(view.raci_rows, full.raci_rows);
        assert_eq!(view.raci_rules, full.raci_rules);
        assert_eq!(view.loads, full.loads);
        assert_eq!(view.issues, full.issues);
        assert_eq!(
            (view.planned, view.rule_errors, view.rule_warnings),
            (full.planned, full.rule_errors, full.rule_warnings)
        );
    };
    press(&mut app, "s");
    assert!(app.lanes());
    same(&app);
    press(&mut app, "/");
    type_text(&mut app, "campaign");
    press(&mut app, "<enter>");
    assert!(!app.filter().is_empty());
    same(&app);
    press(&mut app, "s<esc>");
    same(&app);
}
