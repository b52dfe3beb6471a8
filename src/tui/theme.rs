//! Styles by meaning (overdue, breached, selected), not by colour, so that
//! `NO_COLOR` and future themes change one table.

use ratatui::style::{Color, Modifier, Style};

/// Every style the UI uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub dim: Style,
    pub selected: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub heading: Style,
    pub overdue: Style,
    pub blocked: Style,
    pub breached: Style,
    pub at_risk: Style,
    pub ok: Style,
    pub wip_at: Style,
    pub wip_over: Style,
    pub risk_high: Style,
    pub risk_medium: Style,
    pub error: Style,
    pub warning: Style,
    pub message: Style,
    pub key: Style,
    /// The timeline's today line.
    pub today: Style,
    /// A timeline bar that is neither late, blocked nor finished.
    pub bar: Style,
    /// The flow charts' series, one per column in turn.
    pub series: [Style; 6],
    /// Whether chart areas are filled: without colour, filled bands would
    /// be one grey mass, so they are drawn as lines.
    pub fill_charts: bool,
}

impl Theme {
    /// The default theme for dark and light terminals alike (ANSI colours).
    pub fn colored() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            tab: Style::new(),
            tab_active: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            overdue: fg(Color::Red).add_modifier(Modifier::BOLD),
            blocked: fg(Color::Red),
            breached: fg(Color::Red).add_modifier(Modifier::BOLD),
            at_risk: fg(Color::Yellow),
            ok: fg(Color::Green),
            wip_at: fg(Color::Yellow),
            wip_over: fg(Color::Red).add_modifier(Modifier::BOLD),
            risk_high: fg(Color::Red),
            risk_medium: fg(Color::Yellow),
            error: fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: fg(Color::Yellow),
            message: fg(Color::Cyan),
            key: Style::new().add_modifier(Modifier::BOLD),
            today: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            bar: fg(Color::Blue),
            series: [
                fg(Color::Blue),
                fg(Color::Yellow),
                fg(Color::Magenta),
                fg(Color::Cyan),
                fg(Color::Red),
                fg(Color::Green),
            ],
            fill_charts: true,
        }
    }

    /// No colour at all (`NO_COLOR`): meaning carried by bold, underline,
    /// reverse and the words themselves.
    pub fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            tab: Style::new(),
            tab_active: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            overdue: bold,
            blocked: bold,
            breached: bold,
            at_risk: Style::new().add_modifier(Modifier::UNDERLINED),
            ok: Style::new(),
            wip_at: Style::new().add_modifier(Modifier::UNDERLINED),
            wip_over: bold,
            risk_high: bold,
            risk_medium: Style::new(),
            error: bold,
            warning: Style::new().add_modifier(Modifier::UNDERLINED),
            message: Style::new(),
            key: bold,
            today: bold,
            bar: Style::new(),
            series: [Style::new(); 6],
            fill_charts: false,
        }
    }

    /// The theme the environment asks for: `NO_COLOR` set (to anything)
    /// means monochrome.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::colored(),
        }
    }
}
