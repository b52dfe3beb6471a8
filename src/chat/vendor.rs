//! Each vendor's request, as its documentation gives it:
//! - Feishu/Lark custom bot: JSON with `timestamp` and `sign`, where sign is
//!   base64(HMAC-SHA256 keyed with "timestamp\nsecret" over nothing), and a
//!   rich-text `post` message; a request body of at most 20 KB.
//! - DingTalk robot: `timestamp` (ms) and `sign` query parameters, sign being
//!   the URL-encoded base64(HMAC-SHA256 keyed with the secret over
//!   "timestamp\nsecret"); a `markdown` message of at most 20,000 bytes.
//! - WeCom group bot: a `markdown` message of at most 4,096 bytes (longer
//!   ones are split at sections, numbered 1/3, 2/3 …).
//! - Slack incoming webhook: `text` and `mrkdwn` section blocks (at most
//!   3,000 characters each, 50 blocks a message).
//! - A plain webhook: the report's own JSON, signed (when a secret is set)
//!   in `X-Standup-Signature: sha256=<hex>` as GitHub signs its hooks.

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use super::split::split;
use crate::config::chat::ChatKind;

/// One HTTP request to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// What to post: a title, the text as Markdown, and for a plain webhook
/// the report's JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub title: String,
    pub markdown: String,
    pub json: Value,
    /// The message's language, for Feishu's `zh_cn` / `en_us`.
    pub chinese: bool,
}

impl Post {
    /// A post of `markdown`, titled by its first line (without its `#`).
    pub fn of_markdown(markdown: String, json: Value, chinese: bool) -> Post {
        let title = markdown
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches('#')
            .trim()
            .to_string();
        Post {
            title,
            markdown,
            json,
            chinese,
        }
    }
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Feishu's signature of `timestamp` (seconds).
pub fn feishu_sign(timestamp: i64, secret: &str) -> String {
    base64(&hmac_sha256(
        format!("{timestamp}\n{secret}").as_bytes(),
        b"",
    ))
}

/// DingTalk's signature of `timestamp` (milliseconds), before URL-encoding.
pub fn dingtalk_sign(timestamp: i64, secret: &str) -> String {
    base64(&hmac_sha256(
        secret.as_bytes(),
        format!("{timestamp}\n{secret}").as_bytes(),
    ))
}

/// A plain webhook's signature of its body.
pub fn webhook_sign(body: &str, secret: &str) -> String {
    let mac = hmac_sha256(secret.as_bytes(), body.as_bytes());
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

/// Percent-encoding for a query value (base64's `+`, `/` and `=`).
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const JSON: (&str, &str) = ("Content-Type", "application/json; charset=utf-8");

fn request(url: &str, body: &Value) -> Request {
    Request {
        url: url.to_string(),
        headers: vec![(JSON.0.into(), JSON.1.into())],
        body: body.to_string(),
    }
}

/// `## Heading` → `Heading`, `**bold**` → `bold`: for text that is not
/// read as Markdown.
fn plain(line: &str) -> String {
    line.trim_start_matches('#').trim_start().replace("**", "")
}

/// The requests that post `post` to a `kind` bot at `url`, at `now_ms`
/// (milliseconds since 1970, from the board's clock), signed with
/// `secret` when there is one.
pub fn requests(
    kind: ChatKind,
    url: &str,
    post: &Post,
    now_ms: i64,
    secret: Option<&str>,
) -> Vec<Request> {
    match kind {
        ChatKind::Feishu => split(&post.markdown, 18_000)
            .into_iter()
            .map(|part| {
                let content: Vec<Value> = part
                    .lines()
                    .map(|line| json!([{ "tag": "text", "text": plain(line) }]))
                    .collect();
                let lang = if post.chinese { "zh_cn" } else { "en_us" };
                let mut body = json!({
                    "msg_type": "post",
                    "content": { "post": { lang: { "title": post.title, "content": content } } },
                });
                if let Some(secret) = secret {
                    let timestamp = now_ms.div_euclid(1000);
                    body["timestamp"] = json!(timestamp.to_string());
                    body["sign"] = json!(feishu_sign(timestamp, secret));
                }
                request(url, &body)
            })
            .collect(),
        ChatKind::DingTalk => {
            let url = match secret {
                Some(secret) => {
                    let sign = query_value(&dingtalk_sign(now_ms, secret));
                    let join = if url.contains('?') { '&' } else { '?' };
                    format!("{url}{join}timestamp={now_ms}&sign={sign}")
                }
                None => url.to_string(),
            };
            split(&post.markdown, 18_000)
                .into_iter()
                .map(|part| {
                    let body = json!({
                        "msgtype": "markdown",
                        "markdown": { "title": post.title, "text": part },
                    });
                    request(&url, &body)
                })
                .collect()
        }
        ChatKind::WeCom => split(&post.markdown, 4096)
            .into_iter()
            .map(|part| {
                let body = json!({ "msgtype": "markdown", "markdown": { "content": part } });
                request(url, &body)
            })
            .collect(),
        ChatKind::Slack => {
            let text = slack_mrkdwn(&post.markdown);
            let chunks = split(&text, 2900);
            chunks
                .chunks(48)
                .map(|blocks| {
                    let mut list = vec![json!({
                        "type": "header",
                        "text": { "type": "plain_text", "text": crate::text::fit(&post.title, 140) },
                    })];
                    list.extend(blocks.iter().map(|b| {
                        json!({ "type": "section", "text": { "type": "mrkdwn", "text": b } })
                    }));
                    request(url, &json!({ "text": post.title, "blocks": list }))
                })
                .collect()
        }
        ChatKind::Webhook => {
            let body = post.json.to_string();
            let mut headers = vec![(JSON.0.to_string(), JSON.1.to_string())];
            if let Some(secret) = secret {
                headers.push(("X-Standup-Signature".into(), webhook_sign(&body, secret)));
            }
            vec![Request {
                url: url.to_string(),
                headers,
                body,
            }]
        }
    }
}

/// Our Markdown in Slack's mrkdwn: headings and `**bold**` in `*bold*`,
/// bullets as `•`, and `&`, `<`, `>` escaped as Slack asks.
fn slack_mrkdwn(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            let line = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            if line.starts_with('#') {
                format!("*{}*", plain(&line))
            } else if let Some(rest) = line.strip_prefix("- ") {
                format!("• {}", rest.replace("**", "*"))
            } else {
                line.replace("**", "*")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feishu_signs_as_its_documentation_shows() {
        // HMAC-SHA256 keyed with "1599360473\ndemo" over nothing, base64.
        let sign = feishu_sign(1_599_360_473, "demo");
        let expected = base64(&hmac_sha256(b"1599360473\ndemo", b""));
        assert_eq!(sign, expected);
        assert_eq!(sign.len(), 44);
    }

    #[test]
    fn dingtalk_signs_the_timestamp_and_secret_with_the_secret() {
        let sign = dingtalk_sign(1_577_262_236_757, "SECabc");
        let expected = base64(&hmac_sha256(b"SECabc", b"1577262236757\nSECabc"));
        assert_eq!(sign, expected);
        assert_eq!(query_value("a+b/c="), "a%2Bb%2Fc%3D");
    }

    #[test]
    fn slack_text_is_escaped_and_bold() {
        assert_eq!(
            slack_mrkdwn("## Tech <ops>\n- **T-1** a & b"),
            "*Tech &lt;ops&gt;*\n• *T-1* a &amp; b"
        );
    }
}
