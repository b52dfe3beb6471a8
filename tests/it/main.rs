//! The integration tests, in one binary: one link instead of one per
//! area (a library edit used to relink 25 test programs). Each module is
//! one area, as its own file says; `common` holds the boards, moments and
//! drivers they share. The crash test stays a program of its own
//! (`tests/crash.rs`): it kills its own children.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod backups;
mod board_pane;
mod boards;
mod chat;
mod chinese;
mod cli;
mod config;
mod e2e_tmux;
mod flow;
mod fuzz;
mod git;
mod i18n;
mod idle;
mod import;
mod issues;
mod merge;
mod model;
mod mouse;
mod raci;
mod raci_pane;
mod render;
mod saving;
mod standup;
mod store;
mod timeline;
mod trust;
mod view;
mod web_page;
mod week_report;
