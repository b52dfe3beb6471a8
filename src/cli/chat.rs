//! `standup post` and `standup alerts`: the record into the team's chat.

use anyhow::Result;

use super::args::{AlertsArgs, PostArgs, PostWhat};
use super::{Cli, Outcome, Session, config};
use crate::chat::{self, Post, alerts};
use crate::config::chat::ChatTarget;
use crate::model::Action;
use crate::report;

fn post_of(s: &Session, what: PostWhat, first_day: chrono::Weekday) -> Result<Post> {
    let l = &s.l;
    let (markdown, json) = match what {
        PostWhat::Minutes => {
            let m = report::minutes(&s.board, report::Which::Latest, s.now, l.lang)?;
            (
                report::markdown::render(&m, l),
                serde_json::to_value(&m).unwrap_or_default(),
            )
        }
        PostWhat::Week => {
            let r = report::week::week(&s.board, s.now.date_naive(), s.now, first_day, l.lang)?;
            (
                report::week_markdown::render(&r, l),
                serde_json::to_value(&r).unwrap_or_default(),
            )
        }
        PostWhat::Digest => {
            let text = report::digest::digest(&s.board, s.now, l);
            let json = serde_json::json!({ "board": s.board.name, "digest": text });
            (text, json)
        }
    };
    Ok(Post::of_markdown(
        markdown,
        json,
        l.lang == crate::i18n::Lang::Zh,
    ))
}

/// Sends (or with `dry_run` prints) `post` to `target`: Ok when it was
/// accepted, the reason in words when not.
fn deliver(s: &Session, target: &ChatTarget, post: &Post, dry_run: bool) -> Result<(), String> {
    let l = &s.l;
    let secret = chat::secret(target).map_err(|e| e.localized(l.lang))?;
    let requests = chat::requests(
        target.kind,
        &target.url,
        post,
        s.now.timestamp_millis(),
        secret.as_deref(),
    );
    if target.url.starts_with("http://") && !chat::is_loopback(&target.url) {
        let said = l.f(
            "warning: [chat.{0}] posts over plain http, which anyone on the way can read",
            &[&target.name],
        );
        errln!("standup: {said}");
    }
    let n = requests.len();
    for (i, request) in requests.iter().enumerate() {
        if dry_run {
            let head = l.f(
                "[chat.{0}] ({1}), message {2} of {3}:",
                &[&target.name, &target.kind.name(), &(i + 1), &n],
            );
            outln!("{head}");
            out!("{}", chat::shown(request, &target.url, secret.as_deref()));
            outln!();
            continue;
        }
        let hide = |text: &str| chat::hide(text, &request.url, secret.as_deref());
        chat::send(target.kind, request, target.timeout_ms, &hide).map_err(|f| {
            l.f(
                "post to [chat.{0}] ({1}) failed after {2} attempt(s): {3}",
                &[&target.name, &target.kind.name(), &f.attempts, &f.why],
            )
        })?;
    }
    Ok(())
}

pub(super) fn post(cli: &Cli, args: &PostArgs) -> Result<Outcome> {
    let s = Session::open(cli)?;
    let loaded = config::load(cli);
    let targets = chat::pick(&loaded.chats, args.to.as_deref())?;
    // A secret that is not there is a mistake in the setup: said before
    // anything is sent.
    for target in &targets {
        chat::secret(target)?;
    }
    let post = post_of(&s, args.what, loaded.week_start)?;
    let mut failed = false;
    for target in targets {
        match deliver(&s, target, &post, args.dry_run) {
            Ok(()) if !args.dry_run => {
                outln!(
                    "{}",
                    s.l.f(
                        "Posted to [chat.{0}] ({1})",
                        &[&target.name, &target.kind.name()]
                    )
                );
            }
            Ok(()) => {}
            Err(said) => {
                errln!("standup: {said}");
                failed = true;
            }
        }
    }
    Ok(outcome(failed))
}

pub(super) fn alerts(cli: &Cli, args: &AlertsArgs) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    let loaded = config::load(cli);
    let targets = chat::pick(&loaded.chats, args.to.as_deref())?;
    for target in &targets {
        chat::secret(target)?;
    }
    let rules = &loaded.alerts;
    let l = s.l.clone();
    let all = alerts::due(&s.board, s.now, rules, l.lang);
    if rules.is_quiet(s.now.time()) && !args.dry_run {
        let said = l.f(
            "quiet hours ({0}): no alert is sent now; {1} wait for the next run",
            &[&quiet_words(rules), &all.len()],
        );
        outln!("{said}");
        return Ok(Outcome::Done);
    }
    let mut failed = false;
    for target in targets {
        let sent = alerts::sent(&s.board, &target.name);
        let new: Vec<&alerts::Alert> = all.iter().filter(|a| !sent.contains(&a.key)).collect();
        if new.is_empty() {
            outln!("{}", l.f("[chat.{0}]: no new alert", &[&target.name]));
            continue;
        }
        let mut markdown = format!("# {}\n", alerts_title(&s, new.len()));
        for alert in &new {
            markdown.push_str(&format!("- {}\n", alert.line));
        }
        let post = Post {
            title: alerts_title(&s, new.len()),
            markdown,
            json: serde_json::json!({
                "board": s.board.name,
                "alerts": new.iter().map(|a| serde_json::json!({"key": a.key, "text": a.line})).collect::<Vec<_>>(),
            }),
            chinese: l.lang == crate::i18n::Lang::Zh,
        };
        match deliver(&s, target, &post, args.dry_run) {
            Ok(()) if args.dry_run => {}
            Ok(()) => {
                let keys = new
                    .iter()
                    .map(|a| format!("{}:{}", target.name, a.key))
                    .collect();
                s.apply(&Action::RecordAlerts { sent: keys })?;
                s.save()?;
                outln!(
                    "{}",
                    l.f("[chat.{0}]: {1} alert(s) sent", &[&target.name, &new.len()])
                );
            }
            Err(said) => {
                errln!("standup: {said}");
                failed = true;
            }
        }
    }
    Ok(outcome(failed))
}

fn alerts_title(s: &Session, n: usize) -> String {
    let name = if s.board.name.is_empty() {
        String::new()
    } else {
        format!(" — {}", s.board.name)
    };
    s.l.f("{0} alert(s){1}", &[&n, &name])
}

fn quiet_words(rules: &crate::config::chat::AlertRules) -> String {
    rules.quiet.map_or_else(String::new, |(a, b)| {
        format!("{}–{}", a.format("%H:%M"), b.format("%H:%M"))
    })
}

/// Exit 1 when any target refused or could not be reached.
fn outcome(failed: bool) -> Outcome {
    if failed {
        Outcome::Problems
    } else {
        Outcome::Done
    }
}
