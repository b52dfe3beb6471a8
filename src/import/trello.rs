//! Trello's board export (Menu → Print, export and share → Export as
//! JSON): lists become columns in their order, cards keep their name,
//! description, due date, members, labels and checklists. Archived lists
//! and cards are left out and counted.

use chrono::FixedOffset;
use serde::Deserialize;

use super::day::read_day;
use super::error::{ImportError, Place};
use super::source::{Has, Item, Owner, Skipped, Source, Why};
use crate::i18n::Lang;
use crate::model::PartyKind;

#[derive(Deserialize)]
struct Board {
    #[serde(default)]
    name: String,
    lists: Vec<List>,
    cards: Vec<Card>,
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    checklists: Vec<Checklist>,
}

#[derive(Deserialize)]
struct List {
    id: String,
    name: String,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    pos: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Card {
    id: String,
    name: String,
    #[serde(default)]
    desc: String,
    #[serde(default)]
    closed: bool,
    id_list: String,
    #[serde(default)]
    pos: f64,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    id_members: Vec<String>,
    #[serde(default)]
    labels: Vec<Label>,
}

#[derive(Deserialize)]
struct Label {
    #[serde(default)]
    name: String,
    #[serde(default)]
    color: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Member {
    id: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    username: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Checklist {
    id_card: String,
    name: String,
    #[serde(default)]
    check_items: Vec<CheckItem>,
}

#[derive(Deserialize)]
struct CheckItem {
    name: String,
    #[serde(default)]
    state: String,
}

/// Whether the JSON is a Trello board: lists and cards.
pub fn is_trello(value: &serde_json::Value) -> bool {
    value.get("lists").is_some_and(|l| l.is_array())
        && value.get("cards").is_some_and(|c| c.is_array())
}

/// Reads the export's open cards, keyed `trello:<card id>`.
pub fn read(text: &str, offset: FixedOffset, l: Lang) -> Result<Source, ImportError> {
    let board: Board = serde_json::from_str(text).map_err(|e| ImportError::NotFormat {
        format: "Trello JSON",
        why: e.to_string(),
    })?;
    let mut lists: Vec<&List> = board.lists.iter().collect();
    lists.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut cards: Vec<&Card> = board.cards.iter().collect();
    cards.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut source = Source {
        label: format!("trello:{}", board.name.trim()),
        origins: vec!["trello:".into()],
        lists: lists
            .iter()
            .filter(|l| !l.closed)
            .map(|l| l.name.trim().to_string())
            .collect(),
        has: Has {
            status: true,
            owner: true,
            due: true,
            risk: false,
            note: true,
            depends: false,
        },
        status_label: l.t("list").into(),
        ..Source::default()
    };
    for card in cards {
        let what = || l.f("card “{0}”", &[&card.name.trim()]);
        let list = lists.iter().find(|l| l.id == card.id_list);
        if card.closed || list.is_none_or(|l| l.closed) {
            source.skipped.push(Skipped {
                what: what(),
                why: Why::Archived,
            });
            continue;
        }
        let title = crate::text::sanitize(&card.name).trim().to_string();
        if title.is_empty() {
            source.skipped.push(Skipped {
                what: what(),
                why: Why::NoTitle,
            });
            continue;
        }
        let day = |text: &Option<String>| -> Result<_, ImportError> {
            match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                None => Ok(None),
                Some(t) => read_day(t, offset)
                    .map(Some)
                    .ok_or_else(|| ImportError::BadDate {
                        place: Place::Record(what()),
                        value: t.to_string(),
                    }),
            }
        };
        let members: Vec<&Member> = card
            .id_members
            .iter()
            .filter_map(|id| board.members.iter().find(|m| m.id == *id))
            .collect();
        let name = |m: &Member| {
            if m.full_name.trim().is_empty() {
                m.username.clone()
            } else {
                m.full_name.trim().to_string()
            }
        };
        let mut note = vec![card.desc.trim().to_string()];
        let labels: Vec<String> = card
            .labels
            .iter()
            .map(|x| match (x.name.trim(), &x.color) {
                ("", Some(color)) => color.clone(),
                (name, _) => name.to_string(),
            })
            .filter(|x| !x.is_empty())
            .collect();
        if !labels.is_empty() {
            note.push(l.f("Labels: {0}", &[&labels.join(", ")]));
        }
        if members.len() > 1 {
            let names: Vec<String> = members.iter().map(|m| name(m)).collect();
            note.push(l.f("Members: {0}", &[&names.join(", ")]));
        }
        for checklist in board.checklists.iter().filter(|c| c.id_card == card.id) {
            let done = checklist
                .check_items
                .iter()
                .filter(|i| i.state == "complete")
                .count();
            let open: Vec<&str> = checklist
                .check_items
                .iter()
                .filter(|i| i.state != "complete")
                .map(|i| i.name.trim())
                .collect();
            let mut line = l.f(
                "{0}: {1}/{2} done",
                &[&checklist.name.trim(), &done, &checklist.check_items.len()],
            );
            if !open.is_empty() {
                line.push_str(&l.f("; open: {0}", &[&open.join(", ")]));
            }
            note.push(line);
        }
        note.retain(|n| !n.is_empty());
        source.items.push(Item {
            place: Some(Place::Record(what())),
            status_place: Some(Place::Record(what())),
            key: format!("trello:{}", card.id),
            title,
            status: list.map(|l| l.name.trim().to_string()),
            owner: members.first().map(|m| Owner {
                name: name(m),
                kind: PartyKind::Person,
            }),
            due: day(&card.due)?,
            start: day(&card.start)?,
            note: note.join("\n"),
            ..Item::default()
        });
    }
    Ok(source)
}
