//! The command line, as clap derives it. Every command has `--help`.

use clap::{Args, Parser, Subcommand, ValueEnum};

mod exchange;

pub use exchange::{
    AlertsArgs, ExportFormat, ExportWhat, ImportArgs, ImportFormat, PostArgs, PostWhat,
};

/// A keyboard-driven board for team leads: kanban progress board, RACI grid
/// and issue queue, for the daily standup. With no command, opens the board
/// in the terminal.
#[derive(Debug, Parser)]
#[command(name = "standup", version, about, long_about = None)]
pub struct Cli {
    /// The board: a file path (holding a `/` or ending in `.json`), or the
    /// name of a board under the data directory's `boards/` folder.
    #[arg(long, global = true, env = "STANDUP_BOARD", value_name = "PATH|NAME")]
    pub board: Option<String>,

    /// The config file (default: config.toml in the user config directory;
    /// `standup config path` prints it).
    #[arg(long, global = true, env = "STANDUP_CONFIG", value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the board file, or set its name and goal.
    Init {
        /// The board's name, shown in the header.
        #[arg(long)]
        name: Option<String>,
        /// The project's goal, shown under the name.
        #[arg(long)]
        goal: Option<String>,
    },
    /// Write a realistic example board: a seasonal sales campaign.
    Demo {
        /// Replace an existing board.
        #[arg(long)]
        force: bool,
        /// Instead of the campaign demo, a generated board this many tasks
        /// large (for trying the tool at scale).
        #[arg(long)]
        tasks: Option<usize>,
        /// With --tasks: how many issues (default: one per ten tasks).
        #[arg(long, requires = "tasks")]
        issues: Option<usize>,
        /// With --tasks: how many parties (default 12).
        #[arg(long, default_value_t = 12, requires = "tasks")]
        parties: usize,
    },
    /// Departments and people taking part.
    #[command(subcommand)]
    Party(PartyCommand),
    /// Cards on the progress board.
    #[command(subcommand)]
    Task(TaskCommand),
    /// Columns of the progress board.
    #[command(subcommand)]
    Column(ColumnCommand),
    /// The RACI matrix: who is Responsible, Accountable, Consulted, Informed.
    #[command(subcommand)]
    Raci(RaciCommand),
    /// List the versions kept in backups/, or put version N (1 = newest)
    /// back. The board it replaces is kept first, so `restore 1` undoes it.
    Restore {
        number: Option<usize>,
        /// The copies kept when the board could not be saved (beside it, or
        /// in the state, home or temp directory) instead of backups/.
        #[arg(long)]
        rescued: bool,
    },
    /// The issue queue: problems with an owner, a priority and SLA clocks.
    #[command(subcommand)]
    Issue(IssueCommand),
    /// Record a standup held outside the TUI: start it, note decisions and
    /// parked topics, end it (which writes the minutes beside the board).
    #[command(subcommand)]
    Standup(StandupCommand),
    /// Standup minutes in Markdown (to paste into chat) or JSON: the
    /// standup held today, else everything since the last one. With
    /// `--week`: the weekly progress report. A past day or week is shown as
    /// the activity log says the board stood then, with no later event.
    Report {
        /// The standup held on this date (YYYY-MM-DD, today, mon, …), or,
        /// with none that day, the day's changes.
        #[arg(long, conflicts_with = "week")]
        date: Option<String>,
        /// The weekly report of the week this date is in (this week when
        /// no date is given): per party what finished, what is in
        /// progress, late or at risk, the week's problems and the flow.
        #[arg(long, value_name = "DATE", num_args = 0..=1, default_missing_value = "today")]
        week: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// Write the board's web page to the `[publish] dir` of config.toml now
    /// (every save writes it too).
    Publish,
    /// Print the whole board (JSON), its web page, or its tasks, issues or
    /// RACI matrix for a spreadsheet (CSV).
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// With --format csv: which table.
        #[arg(long, value_enum)]
        what: Option<ExportWhat>,
        /// With --format csv: utf-8 (with a byte-order mark, so that Excel
        /// reads Chinese right) or gbk (for older Excel and WPS).
        #[arg(long, value_name = "ENCODING")]
        encoding: Option<String>,
        /// Write it to this file (atomically) instead of standard output.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Bring cards in from a spreadsheet (CSV, TSV, xlsx; UTF-8 or GBK),
    /// Jira's CSV export, Trello's JSON export or `task export`. A second
    /// import of a newer export updates the cards the first added; the
    /// whole import is one change (one undo).
    Import(ImportArgs),
    /// Post the minutes, the weekly report or the daily digest to the
    /// team's chat groups (`[chat.NAME]` in config.toml).
    Post(PostArgs),
    /// Post what needs someone now (SLA clocks at risk or breached, cards
    /// overdue, ready to start or blocked too long), each alert once; for
    /// cron, every 5 minutes.
    Alerts(AlertsArgs),
    /// The config file: where it is, what is in effect, or a commented
    /// default to start from.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Shell completions, to source or to install where the shell looks.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), e.g. `standup man > standup.1`.
    Man,
    /// The boards in the data directory (the default one and those under
    /// boards/, which `--board NAME` opens), with their alert counts.
    Boards {
        #[arg(long)]
        json: bool,
    },
    /// Validate the board file; exit 1 when it has problems (RACI errors,
    /// conflicts a merge left, ids used up, log entries an older merge
    /// repeated).
    Check {
        /// Remove the repeated log entries (the board is saved; a backup
        /// keeps the version before).
        #[arg(long)]
        repair: bool,
    },
    /// Conflicts a merge left on the board (the same field changed two
    /// ways): list them, keep the board's value, or take the other side's.
    #[command(subcommand)]
    Conflict(ConflictCommand),
    /// Git's merge driver for board files; git runs it as
    /// `standup merge-driver %O %A %B`. Merges record by record and field
    /// by field into OURS; exits 0 when the result is a valid board.
    #[command(name = "merge-driver")]
    MergeDriver {
        /// The common ancestor's version (git's %O).
        base: std::path::PathBuf,
        /// Our version (git's %A); the merge is written here.
        ours: std::path::PathBuf,
        /// Their version (git's %B).
        theirs: std::path::PathBuf,
    },
    /// Make git merge this board with `standup merge-driver`: adds the
    /// board to the repository's .gitattributes and sets the driver in its
    /// git config.
    #[command(name = "git-setup")]
    GitSetup,
}

#[derive(Debug, Subcommand)]
pub enum ConflictCommand {
    /// Every conflict: the record, the field, the value the board holds and
    /// the other side's.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Keep the value the board holds (`standup conflict keep T-3 title`).
    Keep { record: String, field: String },
    /// Take the other side's value (`standup conflict take T-3 title`), or,
    /// when other sides wrote several, value N as `conflict list` numbers
    /// them (`standup conflict take T-3 title 2`).
    Take {
        record: String,
        field: String,
        #[arg(default_value_t = 1)]
        number: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for chat.
    Md,
    /// `{"board", "date", "standup", "parties", "issues", …}` for scripts.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    /// Each party in the board's order.
    Party,
    /// The board's columns, right to left.
    Board,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is read from.
    Path,
    /// Print the settings in effect (the file's, and defaults for the
    /// rest), in the file's syntax; mistakes go to stderr with exit 1.
    Show,
    /// Write a commented default config file (refuses to overwrite one
    /// without --force).
    Init {
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum StandupCommand {
    /// Open a standup record now.
    Start {
        #[arg(long, value_enum, default_value_t = OrderArg::Party)]
        order: OrderArg,
    },
    /// Record a decision in the running standup.
    Decide {
        text: String,
        /// Who carries it out (code or name).
        #[arg(long)]
        owner: Option<String>,
        /// By when (YYYY-MM-DD, fri, +3d, …).
        #[arg(long)]
        due: Option<String>,
    },
    /// Park a topic for after the standup.
    Park {
        topic: String,
        /// Who takes it (code or name).
        #[arg(long)]
        owner: Option<String>,
    },
    /// End the running standup and write its minutes beside the board.
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Department,
    Person,
}

#[derive(Debug, Subcommand)]
pub enum PartyCommand {
    /// Add a department or a person: `party add mkt 市场部`, or just
    /// `party add 市场部` for a code made from the name (`市场`).
    Add {
        /// A short code (`mkt`, `prod`): what owners and RACI cells use.
        /// Alone, it is the name, and the code is made from it.
        code: String,
        /// The full name, any language (`市场部`).
        name: Option<String>,
        #[arg(long, value_enum, default_value_t = KindArg::Department)]
        kind: KindArg,
        /// For a person: the department they belong to.
        #[arg(long)]
        department: Option<String>,
    },
    /// List the parties.
    List {
        /// Print `{"parties": [...]}`.
        #[arg(long)]
        json: bool,
    },
    /// Give a party a new name (its code stays).
    Rename {
        /// Code or name.
        party: String,
        name: String,
    },
    /// Give a party a new code, everywhere it is used: owners, RACI cells,
    /// issues, standups (one change; `undo` takes it back).
    Recode {
        /// Code or name.
        party: String,
        code: String,
    },
    /// Move a party to a position, 1 being first: the RACI grid's column
    /// order and the standup's speaking order.
    Move { party: String, position: usize },
    /// Remove a party. Refused while it holds a role, owns a card or an
    /// issue, unless --force: then those roles go and those owners are cleared.
    Rm {
        party: String,
        #[arg(long)]
        force: bool,
    },
}

/// Fields a task can be given on `add` and changed on `edit`.
#[derive(Debug, Args)]
pub struct TaskFields {
    /// Owner: a party code or name.
    #[arg(long)]
    pub owner: Option<String>,
    /// Due date: YYYY-MM-DD, today, tomorrow, +3d, +2w, fri, … (`-` clears on edit).
    #[arg(long, allow_hyphen_values = true)]
    pub due: Option<String>,
    /// Risk: low, medium or high (`-` clears on edit).
    #[arg(long)]
    pub risk: Option<String>,
    /// A note.
    #[arg(long)]
    pub note: Option<String>,
    /// Tasks this one waits on: T-1,T-2 (`-` clears on edit).
    #[arg(long)]
    pub depends: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Add a card.
    Add {
        title: String,
        /// Column id or name (default: the first column).
        #[arg(long)]
        column: Option<String>,
        #[command(flatten)]
        fields: TaskFields,
    },
    /// Move a card to a column (id or name).
    Move { id: String, column: String },
    /// Move a card to the last column.
    Done { id: String },
    /// Delete a card.
    Rm { id: String },
    /// Change a card's fields.
    Edit {
        id: String,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: TaskFields,
    },
    /// Flag a card as blocked, with the reason.
    Block {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Clear a card's blocked flag.
    Unblock { id: String },
    /// List cards, in board order.
    List {
        /// Only this column (id or name).
        #[arg(long)]
        column: Option<String>,
        /// Only this owner (code or name).
        #[arg(long)]
        owner: Option<String>,
        /// Only overdue cards.
        #[arg(long)]
        overdue: bool,
        /// Only blocked cards.
        #[arg(long)]
        blocked: bool,
        /// Only cards at medium or high risk.
        #[arg(long)]
        at_risk: bool,
        /// Only cards whose id, title or note contain these words.
        #[arg(long)]
        text: Option<String>,
        /// Print `{"tasks": [...]}`.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ColumnCommand {
    /// Add a column (placed before the last one, which means "finished").
    Add {
        name: String,
        /// WIP limit: how many cards the column should hold at most.
        #[arg(long)]
        wip: Option<u32>,
    },
    /// Set a column's WIP limit (`-` for none).
    Wip {
        /// Column id or name.
        column: String,
        /// A number of cards, or `-`.
        #[arg(allow_hyphen_values = true)]
        limit: String,
    },
    /// Rename a column.
    Rename { column: String, name: String },
    /// Move a column to a position, 1 being leftmost.
    Move { column: String, position: usize },
    /// Delete a column; one that holds cards needs --move-to.
    Rm {
        column: String,
        /// Move its cards to this column first (one change, one undo).
        #[arg(long)]
        move_to: Option<String>,
    },
    /// List the columns with their counts and limits.
    List {
        /// Print `{"columns": [...]}`.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    /// Comma-separated: opens in any spreadsheet, and imports back.
    Csv,
    /// A Markdown table with the broken rules under it, for chat and wikis.
    Md,
}

#[derive(Debug, Subcommand)]
pub enum RaciCommand {
    /// Set a party's role on a task: R, A, C, I, A/R, or - to clear it.
    Set {
        task: String,
        party: String,
        #[arg(allow_hyphen_values = true)]
        role: String,
    },
    /// Print the matrix, or with --party what one party is A or R on.
    Show {
        /// One party (code or name): its A and R tasks, late ones first.
        #[arg(long)]
        party: Option<String>,
        /// Print `{"raci": [...]}` (with --party: `{"party": …, "tasks": [...]}`).
        #[arg(long)]
        json: bool,
    },
    /// Show or set the thresholds the check warns at.
    Limits {
        /// Warn when a task has this many R or more (default 3).
        #[arg(long)]
        responsible: Option<u32>,
        /// Warn when a task has more C than this (default 3).
        #[arg(long)]
        consulted: Option<u32>,
        /// A party R on more tasks than this is overloaded (default 5).
        #[arg(long)]
        overload_r: Option<u32>,
        /// A party A on more tasks than this is overloaded (default 3).
        #[arg(long)]
        overload_a: Option<u32>,
    },
    /// Report broken rules; exit 1 when there is an error (warnings alone: 0).
    Check {
        /// Print `{"problems": [...]}`.
        #[arg(long)]
        json: bool,
    },
    /// Read a CSV or TSV table (header: task, then party names or codes).
    /// Unknown tasks and parties are created; a bad cell fails the whole
    /// import, naming its line and column.
    Import { file: std::path::PathBuf },
    /// Write the matrix as CSV or Markdown.
    Export {
        #[arg(long, value_enum, default_value_t = MatrixFormat::Csv)]
        format: MatrixFormat,
    },
}

/// Fields an issue can be given on `add` and changed on `edit`.
#[derive(Debug, Args)]
pub struct IssueFields {
    /// Owner: a party code or name (`-` clears on edit).
    #[arg(long, allow_hyphen_values = true)]
    pub owner: Option<String>,
    /// Involved parties: mkt,tech.
    #[arg(long)]
    pub parties: Option<String>,
    /// The support it needs from others.
    #[arg(long)]
    pub support: Option<String>,
    /// What is going on, in more words.
    #[arg(long)]
    pub detail: Option<String>,
    /// The proposed solution.
    #[arg(long)]
    pub proposal: Option<String>,
    /// A task it blocks or belongs to (`-` clears on edit).
    #[arg(long, allow_hyphen_values = true)]
    pub task: Option<String>,
    /// Respond by this moment instead of the SLA target: 18:00, +2h,
    /// 2026-11-25 10:00, fri, or RFC 3339 (`-` clears on edit).
    #[arg(long, allow_hyphen_values = true)]
    pub respond_by: Option<String>,
    /// Resolve by this moment instead of the SLA target (as --respond-by;
    /// `-` clears on edit).
    #[arg(long, allow_hyphen_values = true)]
    pub resolve_by: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum IssueCommand {
    /// Raise an issue; its priority follows from impact and urgency.
    Add {
        title: String,
        /// high, medium or low.
        #[arg(long)]
        impact: String,
        /// high, medium or low.
        #[arg(long)]
        urgency: String,
        #[command(flatten)]
        fields: IssueFields,
    },
    /// Change an issue's fields.
    Edit {
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        impact: Option<String>,
        #[arg(long)]
        urgency: Option<String>,
        #[command(flatten)]
        fields: IssueFields,
    },
    /// Acknowledge: someone is on it (stops the response clock).
    Ack { id: String },
    /// Resolve, saying how.
    Resolve {
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Close, with the reason when it was not resolved (a duplicate, not a
    /// problem): it goes into the resolution.
    Close {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Reopen a resolved or closed issue: a new resolution clock starts.
    Reopen { id: String },
    /// Raise the urgency one step and say why; the party that answers for
    /// it is named.
    Escalate {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Show the SLA targets, or set them: five respond/resolve pairs, P1
    /// to P5, like "30m/2h 2h/1d 1d/3d 3d/10d 1w/30d".
    Sla { targets: Option<String> },
    /// The queue: by priority, then the nearest deadline.
    List {
        /// Only open and acknowledged issues.
        #[arg(long)]
        open: bool,
        /// Only issues whose running clock is past its deadline now.
        #[arg(long)]
        breached: bool,
        /// Only issues that missed a target: answered or resolved after
        /// its deadline, or still running past it. A miss stays one.
        #[arg(long)]
        missed: bool,
        /// Print `{"issues": [...]}`: each with its clocks under `sla`
        /// (deadline, when stopped, met or missed, by how many minutes).
        #[arg(long)]
        json: bool,
    },
}
