//! Styles by meaning (overdue, breached, selected), not by colour, so that
//! `NO_COLOR` and future themes change one table.

use ratatui::style::{Color, Modifier, Style};

use crate::i18n::Text;

/// Names every settable style once, for the config file: the list of
/// names and the field each one sets come from the same line.
macro_rules! settable_styles {
    ($($field:ident),* $(,)?) => {
        impl Theme {
            /// Every style a config file can set, by the name it uses.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn slot(&mut self, field: &str) -> Option<&mut Style> {
                match field {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

settable_styles!(
    title,
    dim,
    selected,
    tab,
    tab_active,
    heading,
    overdue,
    blocked,
    breached,
    at_risk,
    ok,
    wip_at,
    wip_over,
    risk_high,
    risk_medium,
    error,
    warning,
    message,
    key,
    today,
    bar,
);

/// `NO_COLOR` is set (to anything but nothing), as that convention reads it.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

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

    /// For terminals with a light background: no cyan or bright yellow
    /// text, which fade on white.
    pub fn light() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            message: fg(Color::Blue),
            today: fg(Color::Blue).add_modifier(Modifier::BOLD),
            at_risk: fg(Color::Magenta),
            wip_at: fg(Color::Magenta),
            warning: fg(Color::Magenta),
            risk_medium: fg(Color::Magenta),
            series: [
                fg(Color::Blue),
                fg(Color::Magenta),
                fg(Color::DarkGray),
                fg(Color::Red),
                fg(Color::Black),
                fg(Color::Green),
            ],
            ..Theme::colored()
        }
    }

    /// Bright colours and bold, nothing dimmed: for projectors and tired
    /// eyes.
    pub fn high_contrast() -> Theme {
        let bold = |c: Color| Style::new().fg(c).add_modifier(Modifier::BOLD);
        Theme {
            dim: Style::new(),
            overdue: bold(Color::LightRed),
            blocked: bold(Color::LightRed),
            breached: bold(Color::LightRed).add_modifier(Modifier::UNDERLINED),
            at_risk: bold(Color::LightYellow),
            ok: bold(Color::LightGreen),
            wip_at: bold(Color::LightYellow),
            wip_over: bold(Color::LightRed),
            risk_high: bold(Color::LightRed),
            risk_medium: bold(Color::LightYellow),
            error: bold(Color::LightRed),
            warning: bold(Color::LightYellow),
            message: bold(Color::LightCyan),
            today: bold(Color::LightCyan),
            bar: bold(Color::LightBlue),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ..Theme::colored()
        }
    }

    /// The named themes, as the config file's `theme.name` takes them.
    pub const NAMES: [&'static str; 4] = ["dark", "light", "high-contrast", "mono"];

    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "dark" | "default" => Some(Theme::colored()),
            "light" => Some(Theme::light()),
            "high-contrast" => Some(Theme::high_contrast()),
            "mono" | "none" => Some(Theme::monochrome()),
            _ => None,
        }
    }

    /// Sets one style by its name; `false` when there is no such style.
    pub fn set(&mut self, field: &str, style: Style) -> bool {
        match self.slot(field) {
            Some(slot) => {
                *slot = style;
                true
            }
            None => false,
        }
    }
}

/// Reads a style as a config file writes it: words in any order, among a
/// colour (`red`, `lightblue`, `#ff8800`, `208`), `on` and a background
/// colour, and `bold`, `dim`, `italic`, `underlined`, `reversed`; `plain`
/// for none.
pub fn parse_style(text: &str) -> Result<Style, Text> {
    let mut style = Style::new();
    let mut words = text.split_whitespace();
    let mut any = false;
    while let Some(word) = words.next() {
        any = true;
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "plain" => Some(Modifier::empty()),
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underlined" | "underline" => Some(Modifier::UNDERLINED),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
            continue;
        }
        if lower == "on" {
            let Some(bg) = words.next() else {
                return Err(Text::new(|l| {
                    l.f("`{0}`: `on` needs a colour after it", &[&text])
                }));
            };
            style = style.bg(parse_color(bg)?);
            continue;
        }
        style = style.fg(parse_color(word)?);
    }
    if !any {
        return Err(Text::new(|l| {
            l.t("an empty style (write `plain` for none)").into()
        }));
    }
    Ok(style)
}

fn parse_color(word: &str) -> Result<Color, Text> {
    let lower = word.to_ascii_lowercase().replace(['-', '_'], "");
    let named = match lower.as_str() {
        "black" => Some(Color::Black),
        "red" => Some(Color::Red),
        "green" => Some(Color::Green),
        "yellow" => Some(Color::Yellow),
        "blue" => Some(Color::Blue),
        "magenta" => Some(Color::Magenta),
        "cyan" => Some(Color::Cyan),
        "gray" | "grey" => Some(Color::Gray),
        "darkgray" | "darkgrey" => Some(Color::DarkGray),
        "lightred" => Some(Color::LightRed),
        "lightgreen" => Some(Color::LightGreen),
        "lightyellow" => Some(Color::LightYellow),
        "lightblue" => Some(Color::LightBlue),
        "lightmagenta" => Some(Color::LightMagenta),
        "lightcyan" => Some(Color::LightCyan),
        "white" => Some(Color::White),
        "reset" | "default" => Some(Color::Reset),
        _ => None,
    };
    if let Some(c) = named {
        return Ok(c);
    }
    if let Some(hex) = lower.strip_prefix('#')
        && hex.len() == 6
        && let Ok(n) = u32::from_str_radix(hex, 16)
    {
        return Ok(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8));
    }
    if let Ok(n) = lower.parse::<u8>() {
        return Ok(Color::Indexed(n));
    }
    Err(Text::new(|l| {
        l.f(
            "`{0}` is not a colour or a style word (red, lightblue, #ff8800, 208; bold, dim, italic, underlined, reversed; on COLOUR)",
            &[&word],
        )
    }))
}
