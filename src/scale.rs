//! Large boards on demand (`standup demo --tasks N`): many departments,
//! cards spread over the columns with due dates around today, RACI roles
//! mostly sound with a few broken on purpose, blocked cards, issues of every
//! priority in every state, and an activity log of several entries per card
//! (each card is created in the first column and moved along to where it
//! stands). Deterministic for a given size, so that benchmarks and
//! snapshots see the same board every time. Built through the same actions
//! a lead takes, so every invariant holds.

use std::collections::HashSet;

use chrono::Duration;

use crate::model::{
    Action, ActionError, Board, IssueId, Level, NewIssue, NewTask, PartyKind, Risk, Role, TaskId,
    Timestamp,
};

const DEPARTMENTS: [&str; 12] = [
    "市场部",
    "Product",
    "Sales",
    "Tech",
    "客服部",
    "Logistics",
    "财务部",
    "Legal",
    "数据组",
    "Design",
    "运营部",
    "QA",
];

const WORDS: [&str; 16] = [
    "Campaign",
    "活动页面",
    "stock count",
    "库存盘点",
    "load test",
    "支付",
    "training",
    "培训",
    "coupon",
    "优惠券",
    "dashboard",
    "数据看板",
    "courier SLA",
    "物流",
    "survey",
    "直播",
];

/// How large a board to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub tasks: usize,
    pub issues: usize,
    pub parties: usize,
}

impl Size {
    /// `tasks` tasks with one issue per ten tasks and 12 parties.
    pub fn tasks(tasks: usize) -> Size {
        Size {
            tasks,
            issues: tasks / 10,
            parties: 12,
        }
    }
}

/// A small deterministic generator (a linear congruential one): enough
/// variety for a realistic board, with no dependency and no seed to pass.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % sides.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.roll(items.len() as u64) as usize]
    }
}

/// A board of the given size as it stands at `now`, its history spread
/// over the 30 days before.
pub fn board(now: Timestamp, size: Size) -> Result<Board, ActionError> {
    let mut board = Board::new("Scale board 规模测试", "See how the tool holds up");
    let mut dice = Dice(0x5eed);
    let start = now - Duration::days(30);
    let parties = size.parties.max(1);
    let codes: Vec<String> = (0..parties).map(|i| format!("d{}", i + 1)).collect();
    for (i, code) in codes.iter().enumerate() {
        let base = DEPARTMENTS[i % DEPARTMENTS.len()];
        let name = if i < DEPARTMENTS.len() {
            base.to_string()
        } else {
            format!("{base} {}", i / DEPARTMENTS.len() + 1)
        };
        board.apply(
            &Action::AddParty {
                code: code.clone(),
                name,
                kind: PartyKind::Department,
                department: None,
            },
            start,
        )?;
    }
    let columns: Vec<String> = board.columns.iter().map(|c| c.id.clone()).collect();
    let today = now.date_naive();
    // Moments spread evenly over the month, one per card.
    let moment =
        |n: usize, of: usize| start + Duration::minutes((n as i64 * 43_000) / of.max(1) as i64);
    for n in 0..size.tasks {
        let at = moment(n, size.tasks);
        let title = format!("{} {} #{}", dice.pick(&WORDS), dice.pick(&WORDS), n + 1);
        let due = match dice.roll(4) {
            0 => None,
            _ => Some(today + Duration::days(dice.roll(40) as i64 - 10)),
        };
        let owner = dice.pick(&codes).clone();
        board.apply(
            &Action::AddTask(NewTask {
                title,
                column: None,
                owner: Some(owner.clone()),
                due,
                risk: match dice.roll(6) {
                    0 => Some(Risk::High),
                    1 => Some(Risk::Medium),
                    _ => None,
                },
                note: String::new(),
                depends_on: Vec::new(),
                ..NewTask::default()
            }),
            at,
        )?;
        let id = TaskId::from_number(n as u32 + 1);
        for role in roles(&mut dice, n, &owner, &codes) {
            board.apply(&role.into_action(id), at)?;
        }
        // Along the columns to where the card stands, an hour a step.
        let target = dice.roll(columns.len() as u64) as usize;
        for (step, column) in columns.iter().enumerate().take(target + 1).skip(1) {
            board.apply(
                &Action::MoveTask {
                    id,
                    column: column.clone(),
                    position: None,
                },
                at + Duration::hours(step as i64),
            )?;
        }
        if target + 1 < columns.len() && dice.roll(25) == 0 {
            board.apply(
                &Action::BlockTask {
                    id,
                    reason: "waiting for another department".into(),
                },
                at + Duration::hours(4),
            )?;
        }
    }
    let levels = [Level::High, Level::Medium, Level::Low];
    for n in 0..size.issues {
        let at = moment(n, size.issues);
        let task =
            (size.tasks > 0).then(|| TaskId::from_number(dice.roll(size.tasks as u64) as u32 + 1));
        board.apply(
            &Action::AddIssue(NewIssue {
                title: format!("{} problem #{}", dice.pick(&WORDS), n + 1),
                detail: String::new(),
                reporter: Some(dice.pick(&codes).clone()),
                parties: Vec::new(),
                owner: Some(dice.pick(&codes).clone()),
                // Every impact × urgency pair in turn: every priority.
                impact: levels[n % 3],
                urgency: levels[(n / 3) % 3],
                support: String::new(),
                proposal: String::new(),
                task,
                respond_by: None,
                resolve_by: None,
            }),
            at,
        )?;
        let id = IssueId::from_number(n as u32 + 1);
        // Older issues are further along: acknowledged, resolved, closed.
        let progress = (size.issues - n) * 4 / size.issues.max(1);
        if progress >= 1 {
            board.apply(&Action::AcknowledgeIssue { id }, at + Duration::hours(1))?;
        }
        if progress >= 2 {
            let resolve = Action::ResolveIssue {
                id,
                note: "fixed".into(),
            };
            board.apply(&resolve, at + Duration::hours(20))?;
        }
        if progress >= 3 {
            board.apply(
                &Action::CloseIssue {
                    id,
                    reason: String::new(),
                },
                at + Duration::hours(30),
            )?;
        }
    }
    Ok(board)
}

/// A role to give a party on a task.
struct Assignment(String, Role);

impl Assignment {
    fn into_action(self, task: TaskId) -> Action {
        Action::SetRole {
            task,
            party: self.0,
            role: Some(self.1),
        }
    }
}

/// Mostly sound roles: the owner is A (with another party R) or A/R; every
/// 17th task has no A and every 23rd two; one in twelve is unplanned.
fn roles(dice: &mut Dice, n: usize, owner: &str, codes: &[String]) -> Vec<Assignment> {
    let mut out = Vec::new();
    if n % 12 == 11 {
        return out;
    }
    let other = dice.pick(codes).clone();
    if n % 17 == 16 {
        out.push(Assignment(owner.to_string(), Role::Responsible));
    } else if other != owner {
        out.push(Assignment(owner.to_string(), Role::Accountable));
        out.push(Assignment(other, Role::Responsible));
    } else {
        out.push(Assignment(owner.to_string(), Role::AccountableResponsible));
    }
    if n % 23 == 22 {
        out.push(Assignment(dice.pick(codes).clone(), Role::Accountable));
    }
    for role in [Role::Consulted, Role::Informed] {
        for _ in 0..dice.roll(3) {
            out.push(Assignment(dice.pick(codes).clone(), role));
        }
    }
    let mut seen = HashSet::new();
    out.retain(|a| seen.insert(a.0.clone()));
    out
}
