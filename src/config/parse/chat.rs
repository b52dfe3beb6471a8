//! `[chat.NAME]` tables and `[alerts]`.

use std::ops::Range;

use toml_edit::{Item, TableLike};

use super::Reader;
use crate::config::chat::{ChatKind, ChatTarget, Secret, read_hours};

impl Reader<'_> {
    /// `[chat.team]` and the like: each a target to post to.
    pub(super) fn chats(&mut self, table: &dyn TableLike) {
        for (name, span, item) in Self::entries(table) {
            match item.as_table_like() {
                Some(t) => self.chat(name, span, t),
                None => self.problem(span, &format!("chat.{name}"), |l| {
                    l.f("should be a table: [chat.{0}]", &[&name])
                }),
            }
        }
    }

    fn chat(&mut self, name: &str, span: Option<Range<usize>>, table: &dyn TableLike) {
        let key = |k: &str| format!("chat.{name}.{k}");
        let (mut kind, mut url, mut secret, mut timeout_ms) = (None, None, None, 15_000);
        for (field, fspan, item) in Self::entries(table) {
            let text = item.as_str().map(str::trim);
            match field {
                "kind" => match text.and_then(ChatKind::named) {
                    Some(k) => kind = Some(k),
                    None => self.problem(fspan, &key(field), |l| {
                        l.t("should be feishu, dingtalk, wecom, slack or webhook")
                            .into()
                    }),
                },
                "url" => {
                    match text.filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                        Some(u) => url = Some(u.to_string()),
                        None => self.problem(fspan, &key(field), |l| {
                            l.t("should be the bot's webhook address, https://…").into()
                        }),
                    }
                }
                "secret_env" => match text.filter(|t| !t.is_empty()) {
                    Some(var) => secret = Some(Secret::Env(var.to_string())),
                    None => self.problem(fspan, &key(field), |l| {
                        l.t("should name an environment variable").into()
                    }),
                },
                "secret" => match text.filter(|t| !t.is_empty()) {
                    Some(s) => secret = Some(Secret::Inline(s.to_string())),
                    None => self.problem(fspan, &key(field), |l| {
                        l.t("should be the bot's signing secret").into()
                    }),
                },
                "timeout_seconds" => match item.as_integer().filter(|n| (1..=120).contains(n)) {
                    Some(n) => timeout_ms = n as u64 * 1000,
                    None => self.problem(fspan, &key(field), |l| {
                        l.t("should be a number of seconds, 1 to 120").into()
                    }),
                },
                other => self.problem(fspan, &key(other), |l| {
                    l.f(
                        "not a setting (known: {0})",
                        &[&"kind, url, secret_env, secret, timeout_seconds"],
                    )
                }),
            }
        }
        match (kind, url) {
            (Some(kind), Some(url)) => self.config.chats.push(ChatTarget {
                name: name.to_string(),
                kind,
                url,
                secret,
                timeout_ms,
            }),
            _ => self.problem(span, &format!("chat.{name}"), |l| {
                l.t("needs a kind and a url; this target is left out")
                    .into()
            }),
        }
    }

    /// `[alerts]`: which alerts are sent, and the quiet hours.
    pub(super) fn alerts(&mut self, table: &dyn TableLike) {
        for (name, span, item) in Self::entries(table) {
            let key = format!("alerts.{name}");
            let flag = |item: &Item| item.as_bool();
            let rules = &mut self.config.alerts;
            let slot = match name {
                "sla" => Some(&mut rules.sla),
                "overdue" => Some(&mut rules.overdue),
                "ready" => Some(&mut rules.ready),
                "stale" => Some(&mut rules.stale),
                _ => None,
            };
            if let Some(slot) = slot {
                match flag(item) {
                    Some(on) => *slot = on,
                    None => self.problem(span, &key, |l| l.t("should be true or false").into()),
                }
                continue;
            }
            match name {
                "stale_days" => match item.as_integer().filter(|n| (1..=60).contains(n)) {
                    Some(n) => self.config.alerts.stale_days = n as u32,
                    None => self.problem(span, &key, |l| {
                        l.t("should be a number of days, 1 to 60").into()
                    }),
                },
                "quiet" => match item.as_str() {
                    Some("" | "none" | "off") => self.config.alerts.quiet = None,
                    Some(text) => match read_hours(text) {
                        Some(hours) => self.config.alerts.quiet = Some(hours),
                        None => self.problem(span, &key, |l| {
                            l.t("should be hours such as \"21:00-08:00\", or \"off\"")
                                .into()
                        }),
                    },
                    None => self.problem(span, &key, |l| {
                        l.t("should be hours such as \"21:00-08:00\", or \"off\"")
                            .into()
                    }),
                },
                other => self.problem(span, &format!("alerts.{other}"), |l| {
                    l.f(
                        "not a setting (known: {0})",
                        &[&"sla, overdue, ready, stale, stale_days, quiet"],
                    )
                }),
            }
        }
    }
}
