//! The only code that touches the board file.

pub mod atomic;
pub mod backups;
pub mod boards;
pub mod file;
pub mod format;
mod known;
pub mod minutes;
pub mod paths;
pub mod publish;
pub mod rescue;

pub use file::{BoardFile, Saved, StoreError};
pub use format::{
    FormatError, LogText, VERSION, from_json, from_json_without_log, read_log, to_json,
};
