//! Into the team's chat: the minutes, the weekly report, the daily digest
//! and alerts, posted to Feishu, DingTalk, WeCom or Slack group bots or a
//! plain webhook, in the form each vendor documents, signed with the
//! target's secret, the secrets never shown.

pub mod alerts;
mod answer;
mod send;
mod split;
mod vendor;

pub use answer::accepted;
pub use send::{Failed, send};
pub use split::split;
pub use vendor::{Post, Request, dingtalk_sign, feishu_sign, requests, webhook_sign};

pub use crate::config::chat::masked_url;
use crate::config::chat::{ChatTarget, Secret};

/// The minutes of the standup at position `i` of the board, as a post.
pub fn minutes_post(
    board: &crate::model::Board,
    i: usize,
    now: crate::model::Timestamp,
    l: &crate::i18n::Locale,
) -> Result<Post, crate::report::ReportError> {
    let minutes = crate::report::of_standup(board, i, now, l.lang)?;
    Ok(Post::of_markdown(
        crate::report::markdown::render(&minutes, l),
        serde_json::to_value(&minutes).unwrap_or_default(),
        l.lang == crate::i18n::Lang::Zh,
    ))
}

/// Why a target cannot be posted to before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// `secret_env` names a variable that is not set.
    NoSecret { target: String, var: String },
    /// `--to` names no `[chat.NAME]`.
    NoTarget { name: String, known: String },
    /// No `[chat.NAME]` at all.
    NoTargets,
}

impl Unusable {
    pub fn localized(&self, l: crate::i18n::Lang) -> String {
        match self {
            Unusable::NoSecret { target, var } => l.f(
                "[chat.{0}]: the environment variable {1} (secret_env) is not set",
                &[target, var],
            ),
            Unusable::NoTarget { name, known } => l.f(
                "no chat target `{0}` in config.toml (targets: {1})",
                &[name, known],
            ),
            Unusable::NoTargets => l
                .t("no [chat.NAME] in config.toml: add one (see the README's section on chat)")
                .into(),
        }
    }
}

crate::i18n::english_display!(Unusable);

impl std::error::Error for Unusable {}

/// The targets `--to` picks: the one named, or all of them.
pub fn pick<'c>(
    targets: &'c [ChatTarget],
    to: Option<&str>,
) -> Result<Vec<&'c ChatTarget>, Unusable> {
    if targets.is_empty() {
        return Err(Unusable::NoTargets);
    }
    match to {
        None => Ok(targets.iter().collect()),
        Some(name) => targets
            .iter()
            .find(|t| t.name == name.trim())
            .map(|t| vec![t])
            .ok_or_else(|| Unusable::NoTarget {
                name: name.to_string(),
                known: targets
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
    }
}

/// The target's signing secret, read now (from the environment or the
/// file).
pub fn secret(target: &ChatTarget) -> Result<Option<String>, Unusable> {
    match &target.secret {
        None => Ok(None),
        Some(Secret::Inline(s)) => Ok(Some(s.clone())),
        Some(Secret::Env(var)) => std::env::var(var)
            .ok()
            .filter(|v| !v.is_empty())
            .map(Some)
            .ok_or_else(|| Unusable::NoSecret {
                target: target.name.clone(),
                var: var.clone(),
            }),
    }
}

/// `text` with the target's address, its secret and any signature made
/// from it replaced, so that nothing shown lets a reader post as the bot.
pub fn hide(text: &str, url: &str, secret: Option<&str>) -> String {
    let mut out = text.replace(url, &masked_url(url));
    if let Some((base, _)) = url.split_once('?') {
        out = out.replace(base, &masked_url(base));
    }
    if let Some(secret) = secret.filter(|s| !s.is_empty()) {
        out = out.replace(secret, "…");
    }
    out
}

/// A request as `--dry-run` prints it: the address masked, a signature
/// shown as `…`, the body as sent.
pub fn shown(request: &Request, url: &str, secret: Option<&str>) -> String {
    let mut body: serde_json::Value =
        serde_json::from_str(&request.body).unwrap_or(serde_json::Value::Null);
    if body.get("sign").is_some() {
        body["sign"] = serde_json::json!("…");
    }
    let body = if body.is_null() {
        request.body.clone()
    } else {
        serde_json::to_string_pretty(&body).unwrap_or_default()
    };
    let mut out = format!("POST {}\n", masked_url(&request.url));
    for (name, value) in &request.headers {
        let value = if name.eq_ignore_ascii_case("X-Standup-Signature") {
            "sha256=…"
        } else {
            value
        };
        out.push_str(&format!("{name}: {value}\n"));
    }
    out.push('\n');
    out.push_str(&body);
    out.push('\n');
    hide(&out, url, secret)
}

/// Whether a plain-http address is this machine (a relay, a test), where
/// no one can read the traffic.
pub fn is_loopback(url: &str) -> bool {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    let host = rest.split(['/', '?']).next().unwrap_or_default();
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    matches!(host, "localhost" | "127.0.0.1" | "[::1]") || host.starts_with("127.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_shown_without_their_tokens() {
        assert_eq!(
            masked_url(
                "https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1&sign=x"
            ),
            "https://oapi.dingtalk.com/robot/send?access_token=…&timestamp=…&sign=…"
        );
        assert_eq!(
            masked_url("https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef"),
            "https://open.feishu.cn/open-apis/bot/v2/hook/…"
        );
        assert_eq!(
            masked_url("https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"),
            "https://hooks.slack.com/services/T000/B000/…"
        );
        assert!(is_loopback("http://127.0.0.1:8080/hook"));
        assert!(is_loopback("http://localhost/hook"));
        assert!(!is_loopback("http://relay.example.com/hook"));
    }
}
