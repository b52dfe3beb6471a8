//! Sending a request over HTTP: ureq (rustls, no OpenSSL), the proxy in
//! `HTTPS_PROXY`/`ALL_PROXY` (and `NO_PROXY`), connect within 5 s and the
//! whole attempt within the target's timeout (15 s), up to 3 retries after
//! a refused or dropped connection, a timeout, HTTP 429 or a 5xx answer,
//! waiting as `Retry-After` says or 1 s, 2 s, 4 s.

use std::time::Duration;

use super::answer::accepted;
use super::vendor::Request;
use crate::config::chat::ChatKind;

/// How sending went wrong, in the vendor's words where it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub why: String,
    /// How many attempts were made.
    pub attempts: u32,
}

const RETRIES: u32 = 3;

/// The first wait between attempts; doubled each time. Tests shorten it
/// with `STANDUP_RETRY_MS`.
fn first_wait() -> Duration {
    let ms = std::env::var("STANDUP_RETRY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    Duration::from_millis(ms)
}

/// Sends `request` to a `kind` bot, retrying what a retry can mend.
/// `hide` takes the secrets out of any text that would be shown.
pub fn send(
    kind: ChatKind,
    request: &Request,
    timeout_ms: u64,
    hide: &dyn Fn(&str) -> String,
) -> Result<(), Failed> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(
            Duration::from_secs(5).min(Duration::from_millis(timeout_ms)),
        ))
        .timeout_global(Some(Duration::from_millis(timeout_ms)))
        .http_status_as_error(false)
        .proxy(ureq::Proxy::try_from_env())
        .max_redirects(0)
        .user_agent(concat!("standup/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut wait = first_wait();
    let mut attempts = 0;
    loop {
        attempts += 1;
        let mut call = agent.post(&request.url);
        for (name, value) in &request.headers {
            call = call.header(name, value);
        }
        let (retry, why, after) = match call.send(request.body.as_str()) {
            Ok(mut answer) => {
                let status = answer.status().as_u16();
                let after = answer
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(|s| Duration::from_secs(s.min(60)));
                let body = answer
                    .body_mut()
                    .with_config()
                    .limit(64 * 1024)
                    .read_to_string()
                    .unwrap_or_default();
                match accepted(kind, status, &body) {
                    Ok(()) => return Ok(()),
                    Err(why) => (status == 429 || status >= 500, why, after),
                }
            }
            Err(e) => (true, e.to_string(), None),
        };
        if !retry || attempts > RETRIES {
            return Err(Failed {
                why: hide(&why),
                attempts,
            });
        }
        std::thread::sleep(after.unwrap_or(wait));
        wait *= 2;
    }
}
