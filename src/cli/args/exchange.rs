//! The arguments of the ways in and out: `import` and `export`.

use clap::{Args, ValueEnum};

/// `standup import FILE …`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: std::path::PathBuf,
    #[arg(long, value_enum, default_value_t = ImportFormat::Auto)]
    pub format: ImportFormat,
    /// Print what would be added, updated and skipped; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The header that holds a field, when it is not recognised:
    /// title, key, owner, due, status, risk, priority, note, depends,
    /// start, blocked (repeatable: --map title=工作项).
    #[arg(long, value_name = "FIELD=HEADER")]
    pub map: Vec<String>,
    /// The column a status goes to (repeatable: --status-map
    /// "In QA=review").
    #[arg(long, value_name = "STATUS=COLUMN")]
    pub status_map: Vec<String>,
    /// Add a column for each status no column answers to, instead of
    /// refusing the import.
    #[arg(long)]
    pub create_columns: bool,
    /// The text's encoding when it is not told by the file: utf-8,
    /// gbk or gb18030.
    #[arg(long)]
    pub encoding: Option<String>,
    /// The xlsx sheet to read (the first by default).
    #[arg(long)]
    pub sheet: Option<String>,
    /// The name a spreadsheet's cards remember it by (default: the
    /// file's name): give a newer export saved under another name the
    /// first one's, so that it updates those cards.
    #[arg(long = "as", value_name = "NAME")]
    pub known_as: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The board file's own JSON.
    Json,
    /// One self-contained web page: the board, RACI, issues, timeline,
    /// minutes and weekly report, for people without a terminal.
    Html,
    /// A table for a spreadsheet (see --what).
    Csv,
}

/// The table `export --format csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    /// The cards: title, status, owner, due, risk, blocked, depends, note.
    Tasks,
    /// The issue queue, with priority, deadlines and SLA clock.
    Issues,
    /// The RACI matrix (what `raci import` reads).
    Raci,
}

/// What `import --format` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Told by the content.
    Auto,
    Csv,
    Tsv,
    Xlsx,
    /// Jira's issue navigator export, CSV (all fields).
    Jira,
    /// Trello's board export (JSON).
    Trello,
    /// taskwarrior's `task export` (JSON).
    Taskwarrior,
}

/// What `standup post` posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PostWhat {
    /// The latest standup's minutes (else everything since the last one).
    Minutes,
    /// This week's report.
    Week,
    /// Per department: done today, in progress, blocked and the help it
    /// needs, due tomorrow; the open P1 and P2 problems.
    Digest,
}

/// `standup post minutes|week|digest …`.
#[derive(Debug, Args)]
pub struct PostArgs {
    #[arg(value_enum)]
    pub what: PostWhat,
    /// The `[chat.NAME]` to post to (all of them by default).
    #[arg(long)]
    pub to: Option<String>,
    /// Print exactly what would be sent, secrets hidden; send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `standup alerts …`.
#[derive(Debug, Args)]
pub struct AlertsArgs {
    /// The `[chat.NAME]` to alert (all of them by default).
    #[arg(long)]
    pub to: Option<String>,
    /// Print the alerts that would be sent; send and record nothing.
    #[arg(long)]
    pub dry_run: bool,
}
