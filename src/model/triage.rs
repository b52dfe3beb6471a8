//! Issue priority (the ITIL matrix) and SLA deadlines.

use crate::i18n::{Lang, fill, mark};
use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::board::{Issue, IssueStatus};
use super::settings::SlaTargets;
use super::time::Timestamp;

/// Impact or urgency.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    #[default]
    Medium,
    Low,
}

impl Level {
    /// One step more pressing; `None` at `High`.
    pub fn raised(self) -> Option<Level> {
        match self {
            Level::Low => Some(Level::Medium),
            Level::Medium => Some(Level::High),
            Level::High => None,
        }
    }

    /// The word used in the UI, the CLI and the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => mark("high"),
            Level::Medium => mark("medium"),
            Level::Low => mark("low"),
        }
    }

    /// Reads `high`, `medium`, `low` (or `h`, `m`, `med`, `l`), any case.
    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().to_lowercase().as_str() {
            "high" | "h" => Some(Level::High),
            "medium" | "med" | "m" => Some(Level::Medium),
            "low" | "l" => Some(Level::Low),
            _ => None,
        }
    }
}

/// P1 (most pressing) to P5. Derived from impact and urgency, never typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
    P5,
}

impl Priority {
    pub const ALL: [Priority; 5] = [
        Priority::P1,
        Priority::P2,
        Priority::P3,
        Priority::P4,
        Priority::P5,
    ];

    /// The ITIL matrix: high/high is P1, low/low is P5, one step per level.
    pub fn of(impact: Level, urgency: Level) -> Priority {
        let rank = |l: Level| match l {
            Level::High => 0,
            Level::Medium => 1,
            Level::Low => 2,
        };
        match rank(impact) + rank(urgency) {
            0 => Priority::P1,
            1 => Priority::P2,
            2 => Priority::P3,
            3 => Priority::P4,
            _ => Priority::P5,
        }
    }

    /// `P1` … `P5`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::P4 => "P4",
            Priority::P5 => "P5",
        }
    }
}

/// Which SLA clock is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaClock {
    /// Waiting for someone to acknowledge.
    Respond,
    /// Acknowledged, waiting for a resolution.
    Resolve,
}

/// An issue's deadlines and where its running clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    pub priority: Priority,
    pub respond_by: Timestamp,
    pub resolve_by: Timestamp,
    /// The clock that runs now, with its deadline; `None` once resolved.
    pub running: Option<(SlaClock, Timestamp)>,
    /// A running clock is past its deadline.
    pub breached: bool,
    /// A running clock is in the last quarter of its target.
    pub at_risk: bool,
}

/// How a clock stands, for colouring it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    Breached,
    /// In the last quarter of its target.
    AtRisk,
    Running,
    /// Resolved or closed: no clock runs.
    Stopped,
}

impl Sla {
    /// The running clock as people say it: `respond in 18m`, `resolve in
    /// 1d 3h`, `breached 2h ago`, `resolved 3d ago`, `closed`.
    pub fn describe(&self, issue: &Issue, now: Timestamp, l: Lang) -> (String, ClockState) {
        match (issue.status, self.running) {
            (IssueStatus::Resolved, _) => {
                let ago = issue
                    .resolved
                    .map(|r| l.duration(now - r))
                    .unwrap_or_default();
                (l.f("resolved {0} ago", &[&ago]), ClockState::Stopped)
            }
            (IssueStatus::Closed, _) => (l.t("closed").into(), ClockState::Stopped),
            (_, Some((which, by))) => {
                if self.breached {
                    // The earliest deadline that passed is the one to say.
                    let deadline = if issue.status == IssueStatus::Open && now > self.respond_by {
                        self.respond_by.min(by)
                    } else {
                        by
                    };
                    (
                        l.f("breached {0} ago", &[&l.duration(now - deadline)]),
                        ClockState::Breached,
                    )
                } else {
                    let text = match which {
                        SlaClock::Respond => l.t("respond in {0}"),
                        SlaClock::Resolve => l.t("resolve in {0}"),
                    };
                    let state = if self.at_risk {
                        ClockState::AtRisk
                    } else {
                        ClockState::Running
                    };
                    (fill(text, &[&l.duration(by - now)]), state)
                }
            }
            (_, None) => (String::new(), ClockState::Stopped),
        }
    }
}

impl Issue {
    /// Refuses deadlines that put resolving before responding: such an
    /// issue could only ever be resolved late. A reopened issue's new cycle
    /// starts later and is not held to it.
    pub fn check_deadlines(&self, targets: &SlaTargets) -> Result<(), super::ActionError> {
        let sla = self.sla(targets, self.opened);
        if self.reopened.is_none() && sla.resolve_by < sla.respond_by {
            return Err(super::ActionError::ResolveBeforeRespond {
                respond_by: super::time::format_timestamp(&sla.respond_by),
                resolve_by: super::time::format_timestamp(&sla.resolve_by),
            });
        }
        Ok(())
    }

    /// The issue's priority.
    pub fn priority(&self) -> Priority {
        Priority::of(self.impact, self.urgency)
    }

    /// Deadlines and clock state at `now`. A deadline set by hand wins over
    /// the target. The response clock starts at `opened`; the resolution
    /// clock too, or again at `reopened` for an issue that came back.
    pub fn sla(&self, targets: &SlaTargets, now: Timestamp) -> Sla {
        let priority = self.priority();
        let target = targets.for_priority(priority);
        let minutes = |m: u32| Duration::minutes(i64::from(m));
        let respond_by = self
            .respond_by
            .unwrap_or(self.opened + minutes(target.respond.minutes()));
        let cycle = self.reopened.unwrap_or(self.opened);
        let resolve_by = self
            .resolve_by
            .unwrap_or(cycle + minutes(target.resolve.minutes()));
        let running = match self.status {
            IssueStatus::Open => Some((SlaClock::Respond, respond_by)),
            IssueStatus::Acknowledged => Some((SlaClock::Resolve, resolve_by)),
            IssueStatus::Resolved | IssueStatus::Closed => None,
        };
        // An open issue also runs its resolution clock: it can breach both.
        let breached = match self.status {
            IssueStatus::Open => now > respond_by || now > resolve_by,
            IssueStatus::Acknowledged => now > resolve_by,
            IssueStatus::Resolved | IssueStatus::Closed => false,
        };
        let at_risk = !breached
            && running.is_some_and(|(clock, by)| {
                let start = if clock == SlaClock::Resolve {
                    cycle
                } else {
                    self.opened
                };
                (by - now) * 4 <= by - start
            });
        Sla {
            priority,
            respond_by,
            resolve_by,
            running,
            breached,
            at_risk,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    #[test]
    fn the_priority_matrix() {
        let table = [
            (High, High, Priority::P1),
            (High, Medium, Priority::P2),
            (High, Low, Priority::P3),
            (Medium, High, Priority::P2),
            (Medium, Medium, Priority::P3),
            (Medium, Low, Priority::P4),
            (Low, High, Priority::P3),
            (Low, Medium, Priority::P4),
            (Low, Low, Priority::P5),
        ];
        for (impact, urgency, expected) in table {
            assert_eq!(
                Priority::of(impact, urgency),
                expected,
                "{impact:?}/{urgency:?}"
            );
        }
    }

    #[test]
    fn levels_parse_short_forms() {
        assert_eq!(Level::parse("HIGH"), Some(High));
        assert_eq!(Level::parse("med"), Some(Medium));
        assert_eq!(Level::parse("l"), Some(Low));
        assert_eq!(Level::parse("urgent"), None);
    }
}

/// The queue over the last 30 days, for the footer: what is open now, and
/// how fast issues opened in the window were answered and resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Metrics {
    /// Open or acknowledged now, by priority (P1 first).
    pub open: [usize; 5],
    pub mean_to_acknowledge: Option<Duration>,
    pub mean_to_resolve: Option<Duration>,
    /// Resolved in the window: (within target, all).
    pub within_target: (usize, usize),
}

/// See [`Metrics`].
pub fn metrics(board: &super::board::Board, now: Timestamp) -> Metrics {
    let mut m = Metrics::default();
    let since = now - Duration::days(30);
    let (mut ack_sum, mut ack_n) = (Duration::zero(), 0i32);
    let (mut res_sum, mut res_n) = (Duration::zero(), 0i32);
    for issue in board.issues.values() {
        let sla = issue.sla(&board.settings.sla, now);
        if issue.status.is_active() {
            m.open[Priority::ALL
                .iter()
                .position(|p| *p == sla.priority)
                .unwrap_or(4)] += 1;
        }
        if issue.opened < since {
            continue;
        }
        if let Some(ack) = issue.acknowledged {
            ack_sum += ack - issue.opened;
            ack_n += 1;
        }
        if let Some(done) = issue.resolved {
            res_sum += done - issue.reopened.unwrap_or(issue.opened);
            res_n += 1;
            m.within_target.1 += 1;
            if done <= sla.resolve_by {
                m.within_target.0 += 1;
            }
        }
    }
    m.mean_to_acknowledge = (ack_n > 0).then(|| ack_sum / ack_n);
    m.mean_to_resolve = (res_n > 0).then(|| res_sum / res_n);
    m
}
