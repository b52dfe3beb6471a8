//! `standup`: a keyboard-driven terminal board for team leads, with a kanban
//! progress board, a RACI grid and an issue queue.

pub mod allocator;
pub mod chat;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod i18n;
pub mod import;
pub mod invocation;
pub mod keys;
pub mod model;
pub mod report;
pub mod scale;
pub mod store;
pub mod text;
pub mod theme;
pub mod tui;
