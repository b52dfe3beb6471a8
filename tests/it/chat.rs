//! Posting to the team's chat: each vendor played by a stand-in bot on
//! 127.0.0.1 that checks the request as the vendor documents it (method,
//! headers, body shape, the signature by the vendor's algorithm with the
//! pinned clock's timestamp) and answers as the vendor does, errors,
//! rate limits and stalls included. Nothing touches the internet.

use std::time::{Duration, Instant};

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::common::home::Home;
use crate::common::standin::{Reply, Seen, StandIn};

const SECRET: &str = "SEC0123456789abcdef";
/// `STANDUP_NOW` (2026-11-23 09:00 +08:00) in seconds since 1970.
const NOW_SECONDS: i64 = 1_795_395_600;

fn mac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn ok_json() -> Reply {
    Reply::Answer(200, vec![], r#"{"errcode":0,"errmsg":"ok"}"#.into())
}

/// A demo board and a config with one `[chat.team]` of `kind` at `url`.
fn home(kind: &str, url: &str, extra: &str) -> Home {
    let home = Home::new();
    home.demo();
    let dir = home.dir.path().join("config/standup");
    std::fs::create_dir_all(&dir).expect("config dir");
    let text = format!(
        "[chat.team]\nkind = \"{kind}\"\nurl = \"{url}\"\nsecret_env = \"TEAM_SECRET\"\n{extra}\n[alerts]\nquiet = \"off\"\n"
    );
    std::fs::write(dir.join("config.toml"), text).expect("config");
    home
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(home: &Home, args: &[&str]) -> Run {
    let out = home
        .cmd()
        .env("TEAM_SECRET", SECRET)
        .env("STANDUP_RETRY_MS", "20")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("https_proxy")
        .env_remove("all_proxy")
        .args(args)
        .output()
        .expect("runs");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains(SECRET), "the secret was shown:\n{text}");
    }
    run
}

fn feishu_check(seen: &Seen) -> Result<(), String> {
    let body = seen.json();
    if seen.method != "POST"
        || !seen
            .header("content-type")
            .unwrap_or_default()
            .starts_with("application/json")
    {
        return Err("not a JSON POST".into());
    }
    let timestamp = body["timestamp"].as_str().ok_or("no timestamp")?;
    if timestamp != NOW_SECONDS.to_string() {
        return Err(format!("timestamp {timestamp}"));
    }
    // Feishu: HMAC-SHA256 keyed with "timestamp\nsecret", over nothing.
    let want = b64(&mac(format!("{timestamp}\n{SECRET}").as_bytes(), b""));
    if body["sign"] != want {
        return Err("sign".into());
    }
    if body["msg_type"] != "post" {
        return Err("msg_type".into());
    }
    let post = &body["content"]["post"]["en_us"];
    if !post["title"].is_string() || !post["content"].is_array() {
        return Err("post shape".into());
    }
    for paragraph in post["content"].as_array().into_iter().flatten() {
        if paragraph[0]["tag"] != "text" || !paragraph[0]["text"].is_string() {
            return Err(format!("paragraph {paragraph}"));
        }
    }
    Ok(())
}

#[test]
fn feishu_gets_a_signed_post_message() {
    let bot = StandIn::start(
        "/open-apis/bot/v2/hook/0123456789abcdef",
        |seen, _| match feishu_check(seen) {
            Ok(()) => Reply::Answer(
                200,
                vec![],
                r#"{"code":0,"msg":"success","data":{}}"#.into(),
            ),
            Err(why) => Reply::Answer(200, vec![], format!(r#"{{"code":19021,"msg":"{why}"}}"#)),
        },
    );
    let home = home("feishu", &bot.url, "");
    let done = run(&home, &["post", "digest"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    assert!(
        done.stdout.contains("Posted to [chat.team] (feishu)"),
        "{}",
        done.stdout
    );
    let seen = bot.seen();
    assert_eq!(seen.len(), 1);
    let text = seen[0].json()["content"]["post"]["en_us"]["content"].to_string();
    assert!(text.contains("Open P1 and P2 problems"), "{text}");
}

#[test]
fn feishu_s_error_in_a_200_answer_is_a_failure_in_words() {
    let bot = StandIn::start("/open-apis/bot/v2/hook/0123456789abcdef", |_, _| {
        Reply::Answer(
            200,
            vec![],
            r#"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time","data":{}}"#.into(),
        )
    });
    let home = home("feishu", &bot.url, "");
    let failed = run(&home, &["post", "minutes"]);
    assert_eq!(failed.code, Some(1));
    assert!(
        failed.stderr.contains(
            "post to [chat.team] (feishu) failed after 1 attempt(s): 19021 sign match fail"
        ),
        "{}",
        failed.stderr
    );
    assert!(
        !failed.stderr.contains("0123456789abcdef"),
        "the hook id was shown"
    );
}

#[test]
fn dingtalk_gets_signed_query_parameters_and_markdown() {
    let bot = StandIn::start("/robot/send?access_token=tok123456789", |seen, _| {
        let timestamp = seen.query("timestamp").unwrap_or_default().to_string();
        let sign = seen.query("sign").unwrap_or_default();
        // DingTalk: HMAC-SHA256 keyed with the secret over
        // "timestamp\nsecret", base64, then URL-encoded.
        let want = b64(&mac(
            SECRET.as_bytes(),
            format!("{timestamp}\n{SECRET}").as_bytes(),
        ))
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
        let body = seen.json();
        let good = timestamp == (NOW_SECONDS * 1000).to_string()
            && sign == want
            && seen.query("access_token") == Some("tok123456789")
            && body["msgtype"] == "markdown"
            && body["markdown"]["title"].is_string()
            && body["markdown"]["text"].is_string();
        if good {
            ok_json()
        } else {
            Reply::Answer(
                200,
                vec![],
                r#"{"errcode":310000,"errmsg":"sign not match"}"#.into(),
            )
        }
    });
    let home = home("dingtalk", &bot.url, "");
    let done = run(&home, &["post", "week"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let text = bot.seen()[0].json()["markdown"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(text.starts_with("# Week 48"), "{text}");
}

#[test]
fn wecom_splits_long_messages_at_sections_and_keeps_every_line() {
    let bot = StandIn::start("/cgi-bin/webhook/send?key=wecomkey123456", |seen, _| {
        let body = seen.json();
        let content = body["markdown"]["content"].as_str().unwrap_or_default();
        if body["msgtype"] == "markdown" && content.len() <= 4096 {
            ok_json()
        } else {
            Reply::Answer(
                200,
                vec![],
                r#"{"errcode":40058,"errmsg":"markdown.content exceed max length 4096"}"#.into(),
            )
        }
    });
    let home = Home::new();
    home.run(&["demo", "--tasks", "400", "--parties", "8"])
        .success();
    let dir = home.dir.path().join("config/standup");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(
        dir.join("config.toml"),
        format!("[chat.team]\nkind = \"wecom\"\nurl = \"{}\"\n", bot.url),
    )
    .expect("config");
    let expected = home
        .cmd()
        .args(["report", "--week"])
        .output()
        .expect("runs");
    let expected = String::from_utf8_lossy(&expected.stdout).into_owned();
    let done = run(&home, &["post", "week"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let seen = bot.seen();
    assert!(seen.len() > 1, "a long week is split");
    let n = seen.len();
    let mut lines = Vec::new();
    for (i, request) in seen.iter().enumerate() {
        let content = request.json()["markdown"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(content.len() <= 4096);
        let mut it = content.lines();
        assert_eq!(it.next(), Some(format!("({}/{n})", i + 1).as_str()));
        lines.extend(it.filter(|l| !l.is_empty()).map(str::to_string));
    }
    let want: Vec<String> = expected
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(lines, want);
}

#[test]
fn slack_gets_mrkdwn_blocks_and_a_429_is_retried_after_its_wait() {
    let bot = StandIn::start("/services/T000/B000/XXXXXXXXXXXXXXXX", |seen, before| {
        if before == 0 {
            return Reply::Answer(
                429,
                vec![("Retry-After", "1".into())],
                "rate_limited".into(),
            );
        }
        let body = seen.json();
        let blocks = body["blocks"].as_array().cloned().unwrap_or_default();
        let good = body["text"].is_string()
            && blocks.first().is_some_and(|b| b["type"] == "header")
            && blocks[1..].iter().all(|b| {
                b["type"] == "section"
                    && b["text"]["type"] == "mrkdwn"
                    && b["text"]["text"]
                        .as_str()
                        .is_some_and(|t| t.chars().count() <= 3000)
            });
        if good {
            Reply::Answer(200, vec![], "ok".into())
        } else {
            Reply::Answer(400, vec![], "invalid_blocks".into())
        }
    });
    let home = home("slack", &bot.url, "");
    let started = Instant::now();
    let done = run(&home, &["post", "minutes"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    assert_eq!(bot.seen().len(), 2);
}

#[test]
fn a_plain_webhook_gets_the_report_s_json_signed() {
    let bot = StandIn::start("/hooks/standup", |seen, _| {
        let want = format!(
            "sha256={}",
            mac(SECRET.as_bytes(), seen.body.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        if seen.header("x-standup-signature") == Some(want.as_str()) {
            Reply::Answer(204, vec![], String::new())
        } else {
            Reply::Answer(401, vec![], "bad signature".into())
        }
    });
    let home = home("webhook", &bot.url, "");
    let done = run(&home, &["post", "week"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let body: Value = bot.seen()[0].json();
    assert!(body["parties"].is_array(), "{body}");
    assert_eq!(body["week"], "2026-W48");
}

#[test]
fn server_errors_are_retried_three_times_then_said() {
    let bot = StandIn::start("/robot/send?access_token=tok123456789", |_, _| {
        Reply::Answer(500, vec![], "internal error".into())
    });
    let home = home("dingtalk", &bot.url, "");
    let failed = run(&home, &["post", "digest"]);
    assert_eq!(failed.code, Some(1));
    assert_eq!(bot.seen().len(), 4);
    assert!(
        failed
            .stderr
            .contains("failed after 4 attempt(s): HTTP 500 internal error"),
        "{}",
        failed.stderr
    );
    assert!(!failed.stderr.contains("tok123456789"));
}

#[test]
fn a_stalled_bot_times_out_and_is_tried_again() {
    let bot = StandIn::start("/cgi-bin/webhook/send?key=wecomkey123456", |_, _| {
        Reply::Stall(Duration::from_secs(3))
    });
    let home = home("wecom", &bot.url, "timeout_seconds = 1");
    let started = Instant::now();
    let failed = run(&home, &["post", "digest"]);
    assert_eq!(failed.code, Some(1));
    assert_eq!(bot.seen().len(), 4);
    assert!(
        started.elapsed() < Duration::from_secs(12),
        "{:?}",
        started.elapsed()
    );
    assert!(
        failed.stderr.contains("failed after 4 attempt(s)"),
        "{}",
        failed.stderr
    );
}

#[test]
fn dry_run_prints_what_would_be_sent_with_secrets_hidden() {
    let home = home(
        "dingtalk",
        "https://oapi.dingtalk.com/robot/send?access_token=tok123456789",
        "",
    );
    let dry = run(&home, &["post", "digest", "--dry-run"]);
    assert_eq!(dry.code, Some(0), "{}", dry.stderr);
    assert!(
        dry.stdout.contains(
            "POST https://oapi.dingtalk.com/robot/send?access_token=…&timestamp=…&sign=…"
        ),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("\"msgtype\": \"markdown\""),
        "{}",
        dry.stdout
    );
    assert!(!dry.stdout.contains("tok123456789"));
    // Unset, the secret's variable is named, and nothing is sent.
    let out = home
        .cmd()
        .args(["post", "digest", "--dry-run"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TEAM_SECRET (secret_env) is not set"));
}

#[test]
fn golden_payloads_for_the_demo_board() {
    let home = Home::new();
    home.demo();
    let dir = home.dir.path().join("config/standup");
    std::fs::create_dir_all(&dir).expect("config dir");
    let mut text = String::new();
    for (name, kind, url) in [
        (
            "fs",
            "feishu",
            "https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef",
        ),
        (
            "dd",
            "dingtalk",
            "https://oapi.dingtalk.com/robot/send?access_token=tok123456789",
        ),
        (
            "wx",
            "wecom",
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecomkey123456",
        ),
        (
            "sl",
            "slack",
            "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX",
        ),
        ("hook", "webhook", "https://example.com/hooks/standup"),
    ] {
        text.push_str(&format!(
            "[chat.{name}]\nkind = \"{kind}\"\nurl = \"{url}\"\nsecret_env = \"TEAM_SECRET\"\n\n"
        ));
    }
    std::fs::write(dir.join("config.toml"), text).expect("config");
    let dry = run(&home, &["post", "digest", "--dry-run"]);
    assert_eq!(dry.code, Some(0), "{}", dry.stderr);
    insta::assert_snapshot!("payloads_digest_en", dry.stdout);
}

/// A command at a moment of the board's clock (with the bot's secret).
fn run_at(home: &Home, at: &str, args: &[&str]) -> Run {
    let out = home
        .cmd()
        .env("TEAM_SECRET", SECRET)
        .env("STANDUP_NOW", at)
        .env("STANDUP_RETRY_MS", "20")
        .args(args)
        .output()
        .expect("runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn alert_home(url: &str) -> Home {
    let home = Home::new();
    home.run(&["init", "--name", "Payments"]).success();
    home.run(&["party", "add", "tech", "技术部"]).success();
    let dir = home.dir.path().join("config/standup");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(
        dir.join("config.toml"),
        format!("[chat.team]\nkind = \"wecom\"\nurl = \"{url}\"\n\n[alerts]\nquiet = \"off\"\n"),
    )
    .expect("config");
    home
}

/// The alert lines the bot received in its `n`th message.
fn lines(bot: &StandIn, n: usize) -> Vec<String> {
    let content = bot.seen()[n].json()["markdown"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    content
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_p1_walks_through_at_risk_breached_and_missed_each_alerted_once() {
    let bot = StandIn::start("/cgi-bin/webhook/send?key=k1234567890ab", |_, _| ok_json());
    let home = alert_home(&bot.url);
    home.run(&[
        "issue",
        "add",
        "Payments fail",
        "--impact",
        "high",
        "--urgency",
        "high",
        "--owner",
        "tech",
    ])
    .success();
    let walk = [
        ("2026-11-23T09:10:00+08:00", None),
        (
            "2026-11-23T09:25:00+08:00",
            Some("P1 I-1 “Payments fail”: respond within 5m. Owner: 技术部."),
        ),
        ("2026-11-23T09:26:00+08:00", None),
        (
            "2026-11-23T09:35:00+08:00",
            Some("P1 I-1 “Payments fail”: no response, 5m past its target. Owner: 技术部."),
        ),
    ];
    let mut messages = 0;
    for (at, alert) in walk {
        let done = run_at(&home, at, &["alerts"]);
        assert_eq!(done.code, Some(0), "{at}: {}", done.stderr);
        match alert {
            None => {
                assert!(
                    done.stdout.contains("no new alert"),
                    "{at}: {}",
                    done.stdout
                );
                assert_eq!(bot.seen().len(), messages, "{at}");
            }
            Some(line) => {
                assert_eq!(bot.seen().len(), messages + 1, "{at}");
                assert_eq!(lines(&bot, messages), vec![line.to_string()], "{at}");
                messages += 1;
            }
        }
    }
    // Answered late: the response target was missed, said once.
    let ack = run_at(&home, "2026-11-23T09:40:00+08:00", &["issue", "ack", "I-1"]);
    assert_eq!(ack.code, Some(0), "{}", ack.stderr);
    for at in ["2026-11-23T09:41:00+08:00", "2026-11-23T09:45:00+08:00"] {
        run_at(&home, at, &["alerts"]);
    }
    assert_eq!(bot.seen().len(), messages + 1);
    assert_eq!(
        lines(&bot, messages),
        vec![
            "P1 I-1 “Payments fail”: the respond target was missed by 10m. Owner: 技术部."
                .to_string()
        ]
    );
}

#[test]
fn overdue_and_ready_cards_are_alerted_once_and_failures_are_not_recorded() {
    let fail = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let failing = std::sync::Arc::clone(&fail);
    let bot = StandIn::start("/cgi-bin/webhook/send?key=k1234567890ab", move |_, _| {
        if failing.load(std::sync::atomic::Ordering::SeqCst) {
            Reply::Answer(
                200,
                vec![],
                r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#.into(),
            )
        } else {
            ok_json()
        }
    });
    let home = alert_home(&bot.url);
    home.run(&[
        "task",
        "add",
        "Payment API",
        "--owner",
        "tech",
        "--due",
        "2026-11-24",
    ])
    .success();
    home.run(&[
        "task",
        "add",
        "Test payments",
        "--owner",
        "tech",
        "--depends",
        "T-1",
    ])
    .success();
    // The API is late: the bot refuses the alert, so it is not recorded.
    let refused = run_at(&home, "2026-11-25T10:00:00+08:00", &["alerts"]);
    assert_eq!(refused.code, Some(1));
    assert!(
        refused.stderr.contains("45009 api freq out of limit"),
        "{}",
        refused.stderr
    );
    fail.store(false, std::sync::atomic::Ordering::SeqCst);
    let sent = run_at(&home, "2026-11-25T10:05:00+08:00", &["alerts"]);
    assert_eq!(sent.code, Some(0), "{}", sent.stderr);
    let n = bot.seen().len();
    assert_eq!(
        lines(&bot, n - 1),
        vec![
            "T-1 “Payment API” is overdue: due 2026-11-24, 1 day(s) ago. Owner: 技术部."
                .to_string()
        ]
    );
    // The API is finished: its dependant can start, said once.
    let done = run_at(&home, "2026-11-25T11:00:00+08:00", &["task", "done", "T-1"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    for at in ["2026-11-25T11:05:00+08:00", "2026-11-25T11:10:00+08:00"] {
        run_at(&home, at, &["alerts"]);
    }
    assert_eq!(bot.seen().len(), n + 1);
    assert_eq!(
        lines(&bot, n),
        vec!["T-2 “Test payments” can start: T-1 finished. Owner: 技术部.".to_string()]
    );
}

#[test]
fn an_alert_sent_from_one_copy_is_not_sent_again_from_a_merged_one() {
    let bot = StandIn::start("/cgi-bin/webhook/send?key=k1234567890ab", |_, _| ok_json());
    let home = alert_home(&bot.url);
    home.run(&[
        "task",
        "add",
        "Payment API",
        "--owner",
        "tech",
        "--due",
        "2026-11-24",
    ])
    .success();
    let board = home.board();
    let base = home.dir.path().join("base.json");
    let theirs = home.dir.path().join("theirs.json");
    std::fs::copy(&board, &base).expect("copy");
    std::fs::copy(&board, &theirs).expect("copy");
    // A teammate's copy sends the alert first.
    let theirs_arg = theirs.display().to_string();
    let at = "2026-11-25T10:00:00+08:00";
    let sent = run_at(&home, at, &["--board", &theirs_arg, "alerts"]);
    assert_eq!(sent.code, Some(0), "{}", sent.stderr);
    assert_eq!(bot.seen().len(), 1);
    // Ours merges theirs (git runs the driver so), then runs alerts.
    let merged = home
        .cmd()
        .args([
            "merge-driver",
            &base.display().to_string(),
            &board.display().to_string(),
            &theirs_arg,
        ])
        .output()
        .expect("runs");
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let again = run_at(&home, "2026-11-25T10:05:00+08:00", &["alerts"]);
    assert!(again.stdout.contains("no new alert"), "{}", again.stdout);
    assert_eq!(bot.seen().len(), 1);
}

#[test]
fn quiet_hours_hold_alerts_for_the_next_run() {
    let bot = StandIn::start("/cgi-bin/webhook/send?key=k1234567890ab", |_, _| ok_json());
    let home = alert_home(&bot.url);
    let dir = home.dir.path().join("config/standup");
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[chat.team]\nkind = \"wecom\"\nurl = \"{}\"\n\n[alerts]\nquiet = \"21:00-08:00\"\n",
            bot.url
        ),
    )
    .expect("config");
    home.run(&[
        "task",
        "add",
        "Payment API",
        "--owner",
        "tech",
        "--due",
        "2026-11-24",
    ])
    .success();
    let night = run_at(&home, "2026-11-25T23:00:00+08:00", &["alerts"]);
    assert!(
        night.stdout.contains("quiet hours (21:00–08:00)"),
        "{}",
        night.stdout
    );
    assert_eq!(bot.seen().len(), 0);
    run_at(&home, "2026-11-26T08:05:00+08:00", &["alerts"]);
    assert_eq!(bot.seen().len(), 1);
}

#[test]
fn a_secret_in_a_file_others_can_read_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    home.demo();
    let dir = home.dir.path().join("config/standup");
    std::fs::create_dir_all(&dir).expect("config dir");
    let file = dir.join("config.toml");
    std::fs::write(
        &file,
        "[chat.team]\nkind = \"feishu\"\nurl = \"https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef\"\nsecret = \"SEC0123456789abcdef\"\n",
    )
    .expect("config");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let open = run(&home, &["post", "digest", "--dry-run"]);
    assert_eq!(open.code, Some(2));
    assert!(
        open.stderr.contains("run chmod 600 on the config"),
        "{}",
        open.stderr
    );
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let private = run(&home, &["post", "digest", "--dry-run"]);
    assert_eq!(private.code, Some(0), "{}", private.stderr);
    assert!(
        private.stdout.contains("\"sign\": \"…\""),
        "{}",
        private.stdout
    );
}

#[test]
fn a_chat_target_with_a_mistake_is_named_and_left_out() {
    let (config, problems) = standup::config::from_text(
        "[chat.team]\nkind = \"teams\"\nurl = \"https://example.com/hook\"\n\n[chat.ops]\nkind = \"wecom\"\nurl = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc\"\n\n[alerts]\nstale_days = 0\nquiet = \"late\"\n",
    );
    let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        said,
        [
            "line 2, chat.team.kind: should be feishu, dingtalk, wecom, slack or webhook",
            "line 1, chat.team: needs a kind and a url; this target is left out",
            "line 10, alerts.stale_days: should be a number of days, 1 to 60",
            "line 11, alerts.quiet: should be hours such as \"21:00-08:00\", or \"off\"",
        ]
    );
    assert_eq!(config.chats.len(), 1);
    assert_eq!(config.chats[0].name, "ops");
}

#[test]
fn a_block_left_alone_is_alerted_and_alerts_read_in_chinese() {
    let bot = StandIn::start("/cgi-bin/webhook/send?key=k1234567890ab", |_, _| ok_json());
    let home = alert_home(&bot.url);
    home.run(&["task", "add", "支付接口联调", "--owner", "tech"])
        .success();
    home.run(&["task", "block", "T-1", "--reason", "等财务部的测试账户"])
        .success();
    // A day later it is not stale yet; three days later it is.
    let early = run_at(&home, "2026-11-24T10:00:00+08:00", &["alerts"]);
    assert!(early.stdout.contains("no new alert"), "{}", early.stdout);
    let out = home
        .cmd()
        .env("STANDUP_NOW", "2026-11-26T10:00:00+08:00")
        .env("LANG", "zh_CN.UTF-8")
        .args(["alerts"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        lines(&bot, 0),
        vec![
            "T-1“支付接口联调”已受阻 3 天没有更新：等财务部的测试账户。负责人：技术部。"
                .to_string()
        ]
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(crate::common::english_left(&said, &[]), None, "{said}");
}
