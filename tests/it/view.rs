//! The TUI updates what it draws from incrementally after each change (the
//! RACI rules and party loads from the touched tasks only). Whatever the
//! changes, undos and redos, the result must equal a rebuild from scratch.

use crate::common;

use proptest::prelude::*;
use standup::model::settings::RaciLimits;
use standup::model::{Action, NewTask, Role, TaskId};
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
            }
            let fresh = View::build(app.board(), app.now(), app.filter(), app.lanes());
            prop_assert_eq!(&app.view().loads, &fresh.loads, "loads after {:?}", s);
            prop_assert_eq!(&app.view().raci_rules, &fresh.raci_rules, "rules after {:?}", s);
            prop_assert_eq!(&app.view().raci_rows, &fresh.raci_rows);
            prop_assert_eq!(&app.view().columns, &fresh.columns);
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
