//! One module per pane: each draws its part of the screen from `&App`.

pub mod board;
mod cards;
pub mod details;
pub mod explain;
pub mod flow;
pub mod issue_details;
pub mod issues;
pub mod raci;
pub mod standup;
pub mod timeline;
