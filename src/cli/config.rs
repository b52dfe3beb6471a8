//! `standup config path|show|init`, and the config as every command reads
//! it: its mistakes on stderr, the rest in effect.

use anyhow::{Result, bail};

use super::args::ConfigCommand;
use super::{Cli, Outcome};
use crate::config::{self, Config};

/// The config for this run. Mistakes in it are told on stderr and cost
/// only the settings they are in; a file that cannot be read at all costs
/// all of them, saying so.
pub(super) fn load(cli: &Cli) -> &'static Config {
    LOADED.get_or_init(|| read(cli))
}

static LOADED: std::sync::OnceLock<Config> = std::sync::OnceLock::new();

/// The language messages are said in: the config's, when a command has
/// read it, else the locale's (an error before the config is read).
pub(super) fn loaded_lang() -> crate::i18n::Lang {
    match LOADED.get() {
        Some(config) => config.locale(crate::i18n::Lang::from_env()).lang,
        None => crate::i18n::Lang::from_env(),
    }
}

/// Where and how the board's web page is published, when the config says.
pub(super) fn publish(cli: &Cli) -> Option<crate::store::publish::Publish> {
    let config = load(cli);
    Some(crate::store::publish::Publish {
        dir: config.publish_dir.clone()?,
        locale: locale(cli),
        first_day: config.week_start,
    })
}

/// The language and date format reports are written in.
pub(super) fn locale(cli: &Cli) -> crate::i18n::Locale {
    load(cli).locale(crate::i18n::Lang::from_env())
}

fn read(cli: &Cli) -> Config {
    let (config, problems) = config::read(cli.config.as_deref());
    for p in &problems {
        errln!("standup: warning: {}", p.located(&config));
    }
    config
}

pub(super) fn command(cli: &Cli, cmd: &ConfigCommand) -> Result<Outcome> {
    let Some(path) = config::path(cli.config.as_deref()) else {
        bail!("cannot find the user config directory (is HOME set?): pass --config PATH");
    };
    match cmd {
        ConfigCommand::Path => {
            outln!("{}", path.display());
            Ok(Outcome::Done)
        }
        ConfigCommand::Show => {
            let (config, problems) = match config::load(Some(&path), cli.config.is_some()) {
                Ok(loaded) => loaded,
                Err(e) => bail!("{e}"),
            };
            out!("{}", config::show(&config));
            for p in &problems {
                errln!("standup: {}: {p}", path.display());
            }
            Ok(if problems.is_empty() {
                Outcome::Done
            } else {
                Outcome::Problems
            })
        }
        ConfigCommand::Init { force } => {
            if path.exists() && !force {
                bail!(
                    "{} exists already: `standup config show` prints what it sets; --force replaces it",
                    path.display()
                );
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
            }
            crate::store::atomic::write_atomic(&path, config::template().as_bytes())?;
            outln!(
                "Wrote {} (every setting commented out, at its default)",
                path.display()
            );
            Ok(Outcome::Done)
        }
    }
}
