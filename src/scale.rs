//! Large boards on demand (`standup demo --tasks N`): many departments and
//! people, cards spread over the columns with due dates around today, RACI
//! roles mostly sound with a few broken on purpose, some blocked cards and
//! some open issues. Deterministic, so that benchmarks and snapshots see the
//! same board every time. Built through the same actions a lead takes.

use chrono::Duration;

use crate::model::{
    Action, ActionError, Board, Level, NewIssue, NewTask, PartyKind, Risk, Role, TaskId, Timestamp,
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
}

/// A board of `tasks` tasks and `parties` parties as it stands at `now`.
pub fn board(now: Timestamp, tasks: usize, parties: usize) -> Result<Board, ActionError> {
    let mut board = Board::new("Scale board 规模测试", "See how the tool holds up");
    let mut dice = Dice(0x5eed);
    let start = now - Duration::days(30);
    let parties = parties.max(1);
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
    for n in 0..tasks {
        let at = start + Duration::minutes((n as i64 * 43_200) / tasks.max(1) as i64);
        let title = format!(
            "{} {} #{}",
            WORDS[dice.roll(16) as usize],
            WORDS[dice.roll(16) as usize],
            n + 1
        );
        let due = match dice.roll(4) {
            0 => None,
            _ => Some(today + Duration::days(dice.roll(40) as i64 - 10)),
        };
        let owner = codes[dice.roll(parties as u64) as usize].clone();
        board.apply(
            &Action::AddTask(NewTask {
                title,
                column: Some(columns[dice.roll(columns.len() as u64) as usize].clone()),
                owner: Some(owner.clone()),
                due,
                risk: match dice.roll(6) {
                    0 => Some(Risk::High),
                    1 => Some(Risk::Medium),
                    _ => None,
                },
                note: String::new(),
                depends_on: Vec::new(),
            }),
            at,
        )?;
        let id = TaskId::from_number(n as u32 + 1);
        let mut roles: Vec<(String, Role)> = Vec::new();
        // Mostly sound: the owner is A/R or A with another R; every 17th
        // task has no A and every 23rd two of them; 1 in 12 is unplanned.
        if n % 12 != 11 {
            let other = codes[dice.roll(parties as u64) as usize].clone();
            if n % 17 == 16 {
                roles.push((owner.clone(), Role::Responsible));
            } else if other != owner {
                roles.push((owner.clone(), Role::Accountable));
                roles.push((other, Role::Responsible));
            } else {
                roles.push((owner.clone(), Role::AccountableResponsible));
            }
            if n % 23 == 22 {
                let second = codes[(dice.roll(parties as u64) as usize + 1) % parties].clone();
                roles.push((second, Role::Accountable));
            }
            for role in [Role::Consulted, Role::Informed] {
                for _ in 0..dice.roll(3) {
                    roles.push((codes[dice.roll(parties as u64) as usize].clone(), role));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (party, role) in roles {
            if seen.insert(party.clone()) {
                board.apply(
                    &Action::SetRole {
                        task: id,
                        party,
                        role: Some(role),
                    },
                    at,
                )?;
            }
        }
        if dice.roll(25) == 0 {
            board.apply(
                &Action::BlockTask {
                    id,
                    reason: "waiting for another department".into(),
                },
                at,
            )?;
        }
        if dice.roll(50) == 0 {
            let level = |d: u64| [Level::High, Level::Medium, Level::Low][d as usize];
            board.apply(
                &Action::AddIssue(NewIssue {
                    title: format!("Problem on {id}"),
                    detail: String::new(),
                    reporter: None,
                    parties: Vec::new(),
                    owner: Some(codes[dice.roll(parties as u64) as usize].clone()),
                    impact: level(dice.roll(3)),
                    urgency: level(dice.roll(3)),
                    support: String::new(),
                    proposal: String::new(),
                    task: Some(id),
                }),
                at,
            )?;
        }
    }
    Ok(board)
}
