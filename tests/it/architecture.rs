//! The house keeps its shape: the top-level modules import downwards only,
//! no source file grows past what a newcomer can read (data tables
//! excepted), and the app's state is changed only through its methods.
//! ARCHITECTURE.md describes the same rules; these tests keep it true.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                found.push((path, text));
            }
        }
    }
    found
}

/// What each top-level module may name, as `crate::<module>`: the layers
/// below it. Anything else is an import going up or sideways.
const MAY_USE: &[(&str, &[&str])] = &[
    ("i18n", &[]),
    ("text", &["i18n"]),
    ("clock", &["model"]),
    ("model", &["i18n", "text"]),
    ("report", &["i18n", "model", "text"]),
    ("import", &["i18n", "model", "text"]),
    ("store", &["i18n", "model", "report", "text"]),
    ("keys", &["i18n", "model"]),
    ("theme", &["i18n"]),
    ("config", &["i18n", "keys", "model", "theme"]),
    ("chat", &["config", "i18n", "model", "report", "text"]),
    (
        "cli",
        &[
            "chat", "clock", "config", "demo", "i18n", "import", "model", "report", "scale",
            "store", "text",
        ],
    ),
    (
        "tui",
        &[
            "allocator",
            "chat",
            "cli",
            "clock",
            "config",
            "i18n",
            "import",
            "invocation",
            "keys",
            "model",
            "store",
            "text",
            "theme",
        ],
    ),
];

#[test]
fn top_level_modules_import_downwards_only() {
    let root = src();
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in sources(&root) {
        let rel = path.strip_prefix(&root).expect("under src");
        let first = rel.components().next().expect("a component");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let Some((_, allowed)) = MAY_USE.iter().find(|(m, _)| *m == module) else {
            continue;
        };
        for (at, _) in text.match_indices("crate::") {
            let named: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if named != module && !allowed.contains(&named.as_str()) {
                wrong
                    .entry(rel.display().to_string())
                    .or_default()
                    .push(named);
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports going up or sideways (see ARCHITECTURE.md): {wrong:#?}"
    );
}

#[test]
fn no_source_file_is_longer_than_a_newcomer_can_read() {
    let root = src();
    let long: Vec<String> = sources(&root)
        .into_iter()
        .filter(|(path, _)| !path.ends_with("i18n/zh.rs"))
        .filter(|(_, text)| text.lines().count() > 600)
        .map(|(path, text)| format!("{} ({} lines)", path.display(), text.lines().count()))
        .collect();
    assert!(long.is_empty(), "split by what they hold: {long:#?}");
}

#[test]
fn the_app_has_no_public_field() {
    let text = std::fs::read_to_string(src().join("tui/app/mod.rs")).expect("app");
    let start = text.find("pub struct App {").expect("the App struct");
    let end = start + text[start..].find("\n}\n").expect("its end");
    let public: Vec<&str> = text[start..end]
        .lines()
        .filter(|l| l.trim_start().starts_with("pub ") && l.contains(':'))
        .collect();
    assert!(public.is_empty(), "App's fields are its own: {public:#?}");
}
