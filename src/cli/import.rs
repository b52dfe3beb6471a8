//! `standup import` and `standup export --format csv`: the way in from the
//! tools a team uses today, and the way out to a spreadsheet.

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::args::{ExportWhat, ImportArgs, ImportFormat};
use super::{Cli, Outcome, Session};
use crate::import::{self, Encoding, Format, ImportError, Options, Rules};
use crate::model::{Action, Warning};
use crate::store;

pub(super) fn import(cli: &Cli, args: &ImportArgs) -> Result<Outcome> {
    let file = args.file.as_path();
    let named = || file.display().to_string();
    // Refused before it is read: a 1 GB file takes no time to turn down.
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", named()))?
        .len();
    if size > import::MAX_BYTES {
        return Err(ImportError::TooBig {
            size,
            limit: import::MAX_BYTES,
        })
        .with_context(named);
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", named()))?;
    let options = Options {
        format: match args.format {
            ImportFormat::Auto => Format::Auto,
            ImportFormat::Csv => Format::Csv,
            ImportFormat::Tsv => Format::Tsv,
            ImportFormat::Xlsx => Format::Xlsx,
            ImportFormat::Jira => Format::Jira,
            ImportFormat::Trello => Format::Trello,
            ImportFormat::Taskwarrior => Format::Taskwarrior,
        },
        map: import::read_map(&args.map)?,
        encoding: args.encoding.as_deref().map(Encoding::named).transpose()?,
        sheet: args.sheet.clone(),
    };
    let rules = Rules {
        status_map: import::read_status_map(&args.status_map)?,
        create_columns: args.create_columns,
    };
    let mut s = Session::open(cli)?;
    let name = match args.known_as.as_deref() {
        Some(name) => name.trim().to_string(),
        None => file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(named),
    };
    let offset = *s.now.offset();
    let source = import::read(&bytes, &name, &options, offset, s.l.lang).with_context(named)?;
    let plan = import::plan(&s.board, &source, &rules, s.today()).with_context(named)?;
    if args.dry_run {
        out!("{}", import::described(&plan, true, s.l.lang));
        return Ok(Outcome::Done);
    }
    let applied = s
        .board
        .apply(&Action::Import(plan.import.clone()), s.now)
        .with_context(|| format!("{}: import refused", named()))?;
    s.changed |= !applied.patch.is_noop(&s.board);
    s.save()?;
    // One warning per column, as it stands after the import.
    let mut warned: Vec<&str> = Vec::new();
    for warning in applied.warnings.iter().rev() {
        let Warning::OverWip { column, .. } = warning;
        if !warned.contains(&column.as_str()) {
            warned.push(column);
            let said = s.l.f("warning: {0}", &[&warning.localized(s.l.lang)]);
            errln!("standup: {said}");
        }
    }
    out!("{}", import::described(&plan, false, s.l.lang));
    Ok(Outcome::Done)
}

/// `export --format csv`: the table as bytes in the asked encoding.
pub(super) fn csv(
    s: &Session,
    what: Option<ExportWhat>,
    encoding: Option<&str>,
) -> Result<(Vec<u8>, String)> {
    let text = match what.unwrap_or(ExportWhat::Tasks) {
        ExportWhat::Tasks => crate::report::csv::tasks(&s.board, &s.l),
        ExportWhat::Issues => crate::report::csv::issues(&s.board, s.now, &s.l),
        ExportWhat::Raci => crate::model::matrix::to_csv(&s.board),
    };
    let bytes = match encoding.map(Encoding::named).transpose()? {
        None | Some(Encoding::Utf8) => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }
        Some(Encoding::Gb18030) => {
            let (bytes, _, lossy) = encoding_rs::GBK.encode(&text);
            if lossy {
                bail!(
                    "{}",
                    s.l.t("some text (an emoji, a rare character) cannot be written in GBK: use --encoding utf-8")
                );
            }
            bytes.into_owned()
        }
    };
    Ok((bytes, text))
}

/// Writes an export where `--out` says, or to standard output.
pub(super) fn write_export(
    s: &Session,
    out: Option<&Path>,
    bytes: &[u8],
    text: &str,
) -> Result<()> {
    match out {
        Some(path) => {
            store::atomic::write_atomic(path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            outln!("{}", s.l.f("Wrote {0}", &[&path.display()]));
        }
        None => super::terminal::out_bytes(bytes, text),
    }
    Ok(())
}
