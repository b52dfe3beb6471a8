//! What a vendor's answer means. Feishu, DingTalk and WeCom answer HTTP
//! 200 with an error code in the body when they refuse a message (a bad
//! signature, a keyword the bot requires, too many messages): that is a
//! failure, said with the vendor's own code and words.

use serde_json::Value;

use crate::config::chat::ChatKind;

/// Whether the answer `status`/`body` accepts the message; the vendor's
/// code and message when it does not.
pub fn accepted(kind: ChatKind, status: u16, body: &str) -> Result<(), String> {
    let json = || serde_json::from_str::<Value>(body).ok();
    let said = |code: &Value, msg: Option<&Value>| {
        let msg = msg.and_then(Value::as_str).unwrap_or_default();
        format!("{code} {msg}").trim().to_string()
    };
    if !(200..300).contains(&status) {
        let text: String = body.trim().chars().take(200).collect();
        return Err(format!("HTTP {status} {text}").trim().to_string());
    }
    match kind {
        ChatKind::Feishu => {
            let Some(v) = json() else {
                return Err(format!("not Feishu's answer: {}", short(body)));
            };
            // Newer bots answer `code`/`msg`, older ones `StatusCode`.
            let code = v.get("code").or_else(|| v.get("StatusCode"));
            match code {
                Some(c) if c.as_i64() == Some(0) => Ok(()),
                Some(c) => Err(said(c, v.get("msg").or_else(|| v.get("StatusMessage")))),
                None => Err(format!("not Feishu's answer: {}", short(body))),
            }
        }
        ChatKind::DingTalk | ChatKind::WeCom => {
            let Some(v) = json() else {
                return Err(format!("not the bot's answer: {}", short(body)));
            };
            match v.get("errcode") {
                Some(c) if c.as_i64() == Some(0) => Ok(()),
                Some(c) => Err(said(c, v.get("errmsg"))),
                None => Err(format!("not the bot's answer: {}", short(body))),
            }
        }
        ChatKind::Slack => match body.trim() {
            "ok" => Ok(()),
            other => Err(short(other)),
        },
        ChatKind::Webhook => Ok(()),
    }
}

fn short(text: &str) -> String {
    text.trim().chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_200_with_an_error_code_is_a_failure() {
        let feishu = r#"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time","data":{}}"#;
        assert_eq!(
            accepted(ChatKind::Feishu, 200, feishu),
            Err(
                "19021 sign match fail or timestamp is not within one hour from current time"
                    .into()
            )
        );
        assert_eq!(
            accepted(
                ChatKind::Feishu,
                200,
                r#"{"code":0,"msg":"success","data":{}}"#
            ),
            Ok(())
        );
        assert_eq!(
            accepted(
                ChatKind::Feishu,
                200,
                r#"{"StatusCode":0,"StatusMessage":"success"}"#
            ),
            Ok(())
        );
        let ding = r#"{"errcode":310000,"errmsg":"sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"}"#;
        assert!(
            accepted(ChatKind::DingTalk, 200, ding)
                .is_err_and(|e| e.starts_with("310000 sign not match"))
        );
        assert_eq!(
            accepted(ChatKind::WeCom, 200, r#"{"errcode":0,"errmsg":"ok"}"#),
            Ok(())
        );
        assert_eq!(
            accepted(
                ChatKind::WeCom,
                200,
                r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#
            ),
            Err("45009 api freq out of limit".into())
        );
        assert_eq!(accepted(ChatKind::Slack, 200, "ok"), Ok(()));
        assert_eq!(
            accepted(ChatKind::Slack, 400, "invalid_payload"),
            Err("HTTP 400 invalid_payload".into())
        );
    }
}
