//! The only code that touches the board file.

pub mod backups;
pub mod boards;
pub mod file;
pub mod format;
pub mod minutes;
pub mod paths;

pub use file::{BoardFile, Saved, StoreError};
pub use format::{FormatError, VERSION, from_json, to_json};
