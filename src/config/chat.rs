//! The chat groups the board's record is posted to (`[chat.NAME]`), and
//! the rules of `standup alerts` (`[alerts]`).

use chrono::NaiveTime;

/// The vendors whose group bots we post to, and a plain webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Feishu,
    DingTalk,
    WeCom,
    Slack,
    Webhook,
}

impl ChatKind {
    pub const ALL: [(ChatKind, &'static str); 5] = [
        (ChatKind::Feishu, "feishu"),
        (ChatKind::DingTalk, "dingtalk"),
        (ChatKind::WeCom, "wecom"),
        (ChatKind::Slack, "slack"),
        (ChatKind::Webhook, "webhook"),
    ];

    pub fn named(name: &str) -> Option<ChatKind> {
        let name = name.trim().to_ascii_lowercase();
        ChatKind::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(k, _)| *k)
    }

    pub fn name(self) -> &'static str {
        ChatKind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("webhook", |(_, n)| n)
    }
}

/// Where a signing secret comes from. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub enum Secret {
    /// An environment variable's name (`secret_env`).
    Env(String),
    /// Written in the file (`secret`), which must then be readable by its
    /// owner alone.
    Inline(String),
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Secret::Env(name) => write!(f, "Env({name})"),
            Secret::Inline(_) => f.write_str("Inline(…)"),
        }
    }
}

/// One `[chat.NAME]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatTarget {
    pub name: String,
    pub kind: ChatKind,
    pub url: String,
    pub secret: Option<Secret>,
    /// The whole of one attempt, connecting included (15 s by default).
    pub timeout_ms: u64,
}

/// `[alerts]`: which alerts `standup alerts` sends, and when not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRules {
    /// An SLA clock in its last quarter or breached.
    pub sla: bool,
    /// A card past its due date.
    pub overdue: bool,
    /// A card whose dependencies are all finished: its owner can start.
    pub ready: bool,
    /// A blocked card with no change for `stale_days` days.
    pub stale: bool,
    pub stale_days: u32,
    /// No alert is sent from the first time to the second (the board's
    /// clock); they wait for the next run after it.
    pub quiet: Option<(NaiveTime, NaiveTime)>,
}

impl Default for AlertRules {
    fn default() -> Self {
        AlertRules {
            sla: true,
            overdue: true,
            ready: true,
            stale: true,
            stale_days: 2,
            quiet: NaiveTime::from_hms_opt(21, 0, 0).zip(NaiveTime::from_hms_opt(8, 0, 0)),
        }
    }
}

impl AlertRules {
    /// Whether `time` falls in the quiet hours (which may run past
    /// midnight).
    pub fn is_quiet(&self, time: NaiveTime) -> bool {
        match self.quiet {
            None => false,
            Some((from, to)) if from <= to => time >= from && time < to,
            Some((from, to)) => time >= from || time < to,
        }
    }
}

/// `22:00-07:30`.
pub fn read_hours(text: &str) -> Option<(NaiveTime, NaiveTime)> {
    let (a, b) = text.split_once('-')?;
    let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
    Some((time(a)?, time(b)?))
}

/// A webhook address with what grants access hidden: every query value
/// (`access_token=…`, `key=…`) and every long path segment (Feishu's and
/// Slack's hook ids).
pub fn masked_url(url: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let (scheme, rest) = base.split_once("://").unwrap_or(("", base));
    let mut parts = rest.split('/');
    let host = parts.next().unwrap_or_default();
    let path: Vec<&str> = parts
        .map(|seg| if seg.len() >= 12 { "…" } else { seg })
        .collect();
    let mut out = format!("{scheme}://{host}");
    for seg in path {
        out.push('/');
        out.push_str(seg);
    }
    if !query.is_empty() {
        let hidden: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) => format!("{k}=…"),
                None => pair.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&hidden.join("&"));
    }
    out
}
