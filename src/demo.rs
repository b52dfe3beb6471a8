//! `standup demo`: a realistic board for a seasonal sales campaign across
//! marketing, product, sales and tech, built through the same actions a lead
//! would take over the past two weeks, so its log, ages and history are real.

use chrono::{Duration, NaiveDate};

use crate::model::{
    Action, ActionError, Board, IssueId, Level, NewIssue, NewTask, PartyKind, Risk, Role, TaskEdit,
    TaskId, Timestamp,
};

/// Actions with the moment, in minutes before now, they were taken.
struct Script {
    events: Vec<(i64, Action)>,
}

impl Script {
    /// Records `action` as taken `days` days and `hours` hours before now.
    fn at(&mut self, days: i64, hours: i64, action: Action) {
        self.events.push((days * 24 * 60 + hours * 60, action));
    }

    /// Records `action` as taken `minutes` minutes before now.
    fn at_minutes(&mut self, minutes: i64, action: Action) {
        self.events.push((minutes, action));
    }
}

struct Card {
    title: &'static str,
    owner: &'static str,
    column: &'static str,
    due: Option<i64>,
    risk: Option<Risk>,
    raci: &'static [(&'static str, Role)],
}

/// Yesterday's standup at this hour: thirteen minutes, one decision, one
/// parked topic, so that "since the last standup" has a start.
fn yesterdays_standup(s: &mut Script, today: NaiveDate) {
    use crate::model::{Decision, Parked, SpeakerTime, StandupOrder};
    let start = 24 * 60;
    s.at_minutes(
        start,
        Action::StartStandup {
            order: StandupOrder::Party,
        },
    );
    s.at_minutes(
        start - 6,
        Action::Decide(Decision {
            text: "Load test runs on the staging copy of production, not on production".into(),
            owner: Some("tech".into()),
            due: Some(today + Duration::days(2)),
        }),
    );
    s.at_minutes(
        start - 9,
        Action::Park(Parked {
            topic: "Whether bundles count towards the coupon threshold".into(),
            owner: Some("prod".into()),
        }),
    );
    let speakers = [("mkt", 170), ("prod", 150), ("sales", 140), ("tech", 230)]
        .into_iter()
        .map(|(speaker, seconds)| SpeakerTime {
            speaker: speaker.into(),
            seconds,
        })
        .collect();
    s.at_minutes(
        start - 13,
        Action::EndStandup {
            speakers: Some(speakers),
        },
    );
}

/// The demo board as it stands at `now`.
pub fn board(now: Timestamp) -> Result<Board, ActionError> {
    use Level::*;
    let today: NaiveDate = now.date_naive();
    let mut s = Script { events: Vec::new() };
    for (code, name) in [
        ("mkt", "市场部"),
        ("prod", "Product"),
        ("sales", "Sales"),
        ("tech", "Tech"),
    ] {
        s.at(
            14,
            2,
            Action::AddParty {
                code: code.into(),
                name: name.into(),
                kind: PartyKind::Department,
                department: None,
            },
        );
    }
    s.at(
        14,
        2,
        Action::AddParty {
            code: "lin".into(),
            name: "Lin Fang".into(),
            kind: PartyKind::Person,
            department: Some("mkt".into()),
        },
    );
    s.at(
        14,
        1,
        Action::SetWip {
            column: "doing".into(),
            wip: Some(5),
        },
    );
    s.at(
        14,
        1,
        Action::SetWip {
            column: "review".into(),
            wip: Some(3),
        },
    );

    let cards = cards();
    // Cards are created in order over the first days, so T-1 is the first.
    let t = |n: usize| TaskId::from_number(n as u32);
    for (i, card) in cards.iter().enumerate() {
        let created = 13 - (i as i64) / 3;
        s.at(
            created,
            0,
            Action::AddTask(NewTask {
                title: card.title.into(),
                owner: Some(card.owner.into()),
                due: card.due.map(|d| today + Duration::days(d)),
                risk: card.risk,
                ..NewTask::default()
            }),
        );
        for (party, role) in card.raci {
            s.at(
                created,
                0,
                Action::SetRole {
                    task: t(i + 1),
                    party: (*party).into(),
                    role: Some(*role),
                },
            );
        }
        // Then each walks across the board at its own pace.
        let steps = match card.column {
            "doing" => 1,
            "review" => 2,
            "done" => 3,
            _ => 0,
        };
        for (step, column) in ["doing", "review", "done"].iter().take(steps).enumerate() {
            let days_ago = (created - 1 - (i as i64 % 3) - 2 * step as i64).max(0);
            s.at(
                days_ago,
                0,
                Action::MoveTask {
                    id: t(i + 1),
                    column: (*column).into(),
                    position: None,
                },
            );
        }
    }
    s.at(
        0,
        20,
        Action::BlockTask {
            id: t(5),
            reason: "Staging environment not ready: waiting for ops".into(),
        },
    );
    for (task, dep) in [(11, 6), (13, 1), (9, 2)] {
        s.at(
            5,
            0,
            Action::EditTask {
                id: t(task),
                edit: TaskEdit {
                    depends_on: Some(vec![t(dep)]),
                    ..TaskEdit::default()
                },
            },
        );
    }
    s.at(
        2,
        0,
        Action::EditTask {
            id: t(17),
            edit: TaskEdit {
                note: Some("Two couriers still quote 72 h for western provinces".into()),
                ..TaskEdit::default()
            },
        },
    );

    // Issues, listed in the order they were raised: I-1 is the oldest.
    let issue = |title: &str,
                 impact,
                 urgency,
                 owner: &str,
                 parties: &[&str],
                 support: &str,
                 task: Option<usize>| {
        Action::AddIssue(NewIssue {
            title: title.into(),
            detail: String::new(),
            reporter: None,
            parties: parties.iter().map(|p| (*p).to_string()).collect(),
            owner: Some(owner.into()),
            impact,
            urgency,
            support: support.into(),
            proposal: String::new(),
            task: task.map(t),
            respond_by: None,
            resolve_by: None,
        })
    };
    s.at(
        6,
        0,
        issue(
            "Courier cut-off times differ by region",
            Low,
            Low,
            "sales",
            &["sales", "tech"],
            "",
            Some(17),
        ),
    );
    s.at(
        2,
        0,
        issue(
            "Coupon stacking rules unclear to customer service",
            Medium,
            Medium,
            "prod",
            &["sales"],
            "A one-page rule sheet from product",
            Some(6),
        ),
    );
    s.at(
        1,
        2,
        issue(
            "Live-stream host contract not signed",
            Medium,
            Low,
            "mkt",
            &["mkt"],
            "Legal review of the contract",
            None,
        ),
    );
    s.at(
        0,
        5,
        issue(
            "SKU A1029 stock will not last the campaign",
            High,
            Medium,
            "sales",
            &["sales", "prod"],
            "Purchasing approval for 5,000 more units",
            Some(2),
        ),
    );
    s.at(
        0,
        1,
        issue(
            "Checkout page takes 6 s to load on mobile",
            High,
            High,
            "tech",
            &["prod", "tech"],
            "Two front-end engineers for three days",
            Some(1),
        ),
    );
    let i = IssueId::from_number;
    s.at(5, 0, Action::AcknowledgeIssue { id: i(1) });
    s.at(
        3,
        0,
        Action::ResolveIssue {
            id: i(1),
            note: "Published a per-region cut-off table".into(),
        },
    );
    s.at(1, 20, Action::AcknowledgeIssue { id: i(2) });
    s.at(0, 4, Action::AcknowledgeIssue { id: i(4) });
    yesterdays_standup(&mut s, today);

    // Oldest first; a stable sort keeps each moment's actions in script order.
    s.events.sort_by_key(|(ago, _)| std::cmp::Reverse(*ago));
    let mut board = Board::new(
        "Double 12 campaign 双十二大促",
        "Lift December GMV 30% over last year, with zero checkout outages",
    );
    for (ago, action) in &s.events {
        board.apply(action, now - Duration::minutes(*ago))?;
    }
    Ok(board)
}

fn cards() -> Vec<Card> {
    use Role::*;
    vec![
        Card {
            title: "Campaign page design",
            owner: "prod",
            column: "doing",
            due: Some(3),
            risk: Some(Risk::Medium),
            raci: &[
                ("mkt", Responsible),
                ("prod", Accountable),
                ("sales", Consulted),
                ("tech", Informed),
            ],
        },
        Card {
            title: "Top-10 SKU stock count",
            owner: "prod",
            column: "done",
            due: Some(-3),
            risk: None,
            raci: &[("mkt", Informed), ("prod", AccountableResponsible)],
        },
        Card {
            title: "Channel promotion plan",
            owner: "mkt",
            column: "doing",
            due: Some(5),
            risk: None,
            raci: &[
                ("mkt", Responsible),
                ("prod", Consulted),
                ("sales", Accountable),
                ("tech", Informed),
            ],
        },
        Card {
            title: "Customer service training",
            owner: "sales",
            column: "todo",
            due: Some(10),
            risk: Some(Risk::Medium),
            raci: &[
                ("mkt", Consulted),
                ("prod", Responsible),
                ("sales", Responsible),
            ],
        },
        Card {
            title: "Payment load test",
            owner: "tech",
            column: "doing",
            due: Some(-2),
            risk: Some(Risk::High),
            raci: &[
                ("prod", Consulted),
                ("tech", AccountableResponsible),
                ("sales", Informed),
            ],
        },
        Card {
            title: "Coupon rules configuration",
            owner: "tech",
            column: "review",
            due: Some(1),
            risk: None,
            raci: &[
                ("tech", Responsible),
                ("prod", Accountable),
                ("mkt", Consulted),
            ],
        },
        Card {
            title: "达人直播排期 Live-stream schedule",
            owner: "lin",
            column: "todo",
            due: Some(7),
            risk: Some(Risk::Low),
            raci: &[
                ("mkt", Accountable),
                ("lin", Responsible),
                ("sales", Informed),
            ],
        },
        Card {
            title: "活动文案 Landing page copy",
            owner: "mkt",
            column: "review",
            due: Some(-1),
            risk: Some(Risk::Low),
            raci: &[("mkt", AccountableResponsible), ("prod", Consulted)],
        },
        Card {
            title: "Warehouse staffing for peak",
            owner: "sales",
            column: "todo",
            due: Some(12),
            risk: None,
            raci: &[("sales", AccountableResponsible), ("prod", Informed)],
        },
        Card {
            title: "CDN capacity booking",
            owner: "tech",
            column: "done",
            due: Some(-5),
            risk: None,
            raci: &[("tech", AccountableResponsible), ("prod", Informed)],
        },
        Card {
            title: "Price comparison guard",
            owner: "prod",
            column: "todo",
            due: Some(8),
            risk: Some(Risk::Medium),
            raci: &[("prod", Accountable), ("tech", Responsible)],
        },
        Card {
            title: "Gift-with-purchase bundles",
            owner: "sales",
            column: "doing",
            due: Some(4),
            risk: Some(Risk::Medium),
            raci: &[
                ("sales", Accountable),
                ("mkt", Responsible),
                ("prod", Consulted),
            ],
        },
        Card {
            title: "Campaign analytics dashboard",
            owner: "tech",
            column: "todo",
            due: Some(9),
            risk: None,
            raci: &[
                ("tech", Responsible),
                ("mkt", Accountable),
                ("sales", Informed),
            ],
        },
        Card {
            title: "Member points double-up rules",
            owner: "prod",
            column: "done",
            due: Some(-6),
            risk: None,
            raci: &[("prod", AccountableResponsible), ("mkt", Informed)],
        },
        Card {
            title: "Flash-sale countdown widget",
            owner: "tech",
            column: "review",
            due: Some(2),
            risk: Some(Risk::High),
            raci: &[("tech", Responsible), ("prod", Accountable)],
        },
        Card {
            title: "Post-campaign survey",
            owner: "mkt",
            column: "todo",
            due: None,
            risk: None,
            raci: &[],
        },
        Card {
            title: "Logistics SLA with couriers",
            owner: "sales",
            column: "doing",
            due: Some(-4),
            risk: Some(Risk::High),
            raci: &[("sales", AccountableResponsible), ("tech", Consulted)],
        },
    ]
}
