//! `standup export --format html`: the board as one self-contained page,
//! opened in a real browser (headless Chromium): every section there, in
//! both languages, readable on a phone, and hostile text inert.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::home::Home;

/// Chromium, when it is installed; under CI it must be.
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()?;
            let path = String::from_utf8(out.stdout).ok()?;
            (!path.trim().is_empty()).then(|| PathBuf::from(path.trim()))
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium to check the web page (.ci/run installs it)"
        );
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
    }
    found
}

/// Runs headless Chromium on `page` at `width`×`height` with `args`.
fn browse(chromium: &Path, page: &Path, width: u32, height: u32, args: &[&str]) -> Vec<u8> {
    let profile = tempfile::tempdir().expect("a profile folder");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.path().display()),
            &format!("--window-size={width},{height}"),
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The page as the browser built it.
fn dom(chromium: &Path, page: &Path) -> String {
    String::from_utf8(browse(chromium, page, 1280, 900, &["--dump-dom"])).expect("UTF-8")
}

/// How much wider than the window the page lays out at a window `width`
/// wide (0: it fits): a copy of it with a line of script that writes the
/// difference into the DOM. (A headless window is at least 500 px wide,
/// so the phone's narrow layout is asked for by the page's own media
/// query, which the probe forces.)
fn overflow(chromium: &Path, page: &Path, width: u32) -> i64 {
    let html = std::fs::read_to_string(page).expect("the page");
    let narrow = html.replace("@media (max-width: 700px)", "@media all");
    let probe = narrow.replace(
        "</body>",
        "<script>document.body.setAttribute('data-width', document.documentElement.scrollWidth - window.innerWidth)</script></body>",
    );
    let copy = page.with_extension("probe.html");
    std::fs::write(&copy, probe).expect("the probe");
    let dom =
        String::from_utf8(browse(chromium, &copy, width, 844, &["--dump-dom"])).expect("UTF-8");
    let at = dom.find("data-width=\"").expect("the width was written") + 12;
    dom[at..]
        .split('"')
        .next()
        .and_then(|w| w.parse().ok())
        .expect("a number")
}

fn page(home: &Home, lang: &str) -> PathBuf {
    let file = home.dir.path().join(format!("page-{lang}.html"));
    let mut cmd = home.cmd();
    if lang == "zh" {
        cmd.env("LANG", "zh_CN.UTF-8");
    }
    let out = cmd
        .args(["export", "--format", "html", "--out"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

/// The demo board's page in both languages: golden files, every section
/// in the browser's DOM, the Chinese titles, a phone's width respected and
/// screenshots that are not blank.
#[test]
fn the_demo_board_s_page_opens_in_a_browser_in_both_languages() {
    let home = Home::new();
    home.demo();
    let en = page(&home, "en");
    let zh = page(&home, "zh");
    for (file, golden) in [(&en, "page-demo.html"), (&zh, "page-demo.zh.html")] {
        let text = std::fs::read_to_string(file).expect("written");
        crate::week_report::check(golden, &text);
        assert!(
            !text.contains("<script") && !text.contains("http"),
            "self-contained"
        );
    }
    let Some(chromium) = chromium() else {
        return;
    };
    for (file, headings) in [
        (
            &en,
            [
                "Progress board",
                "RACI grid",
                "Issue queue",
                "Timeline",
                "Minutes",
                "Weekly report",
            ],
        ),
        (
            &zh,
            [
                "项目进度看板",
                "RACI 责任矩阵",
                "问题跟踪表",
                "时间线",
                "会议纪要",
                "周进展表",
            ],
        ),
    ] {
        let dom = dom(&chromium, file);
        for id in ["board", "raci", "issues", "timeline", "minutes", "week"] {
            assert!(
                dom.contains(&format!("<section id=\"{id}\">")),
                "{id} missing"
            );
        }
        for heading in headings {
            assert!(
                dom.contains(&format!(">{heading}</h2>")),
                "{heading} missing"
            );
        }
        assert!(dom.contains("达人直播排期"), "the Chinese titles");
        assert!(dom.contains("<svg"), "the Gantt chart");
    }
    for (width, height) in [(1280, 900), (390, 844)] {
        let shot = home.dir.path().join(format!("shot-{width}.png"));
        let screenshot = format!("--screenshot={}", shot.display());
        browse(&chromium, &en, width, height, &[&screenshot]);
        let png = std::fs::read(&shot).expect("a screenshot");
        // A blank page compresses to a few kilobytes; this one has text.
        assert!(png.len() > 20_000, "{width}: {} bytes", png.len());
    }
    for file in [&en, &zh] {
        let over = overflow(&chromium, file, 390);
        assert!(
            over <= 0,
            "the page is {over} px wider than a phone's screen"
        );
    }
}

/// Text from the board is text: markup, script, `javascript:` links and
/// bidi overrides in every field come out inert, in the page and in the
/// browser's DOM.
#[test]
fn hostile_text_in_every_field_stays_text() {
    let home = Home::new();
    home.run(&[
        "init",
        "--name",
        "<script>alert('name')</script>",
        "--goal",
        "\"><img src=x onerror=alert(1)>",
    ])
    .success();
    home.run(&["party", "add", "evil", "<b onmouseover=alert(2)>部门</b>"])
        .success();
    home.run(&[
        "task",
        "add",
        "<script>alert(3)</script>",
        "--owner",
        "evil",
        "--due",
        "+2d",
        "--note",
        "javascript:alert(4)",
    ])
    .success();
    home.run(&[
        "task",
        "block",
        "T-1",
        "--reason",
        "\u{202e}gnp.exe <iframe src=x>",
    ])
    .success();
    home.run(&["raci", "set", "T-1", "evil", "A"]).success();
    home.run(&[
        "issue",
        "add",
        "<svg onload=alert(5)>",
        "--impact",
        "high",
        "--urgency",
        "high",
        "--owner",
        "evil",
        "--support",
        "<a href=\"javascript:alert(6)\">help</a>",
    ])
    .success();
    home.run(&["standup", "start"]).success();
    home.run(&[
        "standup",
        "decide",
        "<style>body{display:none}</style>",
        "--owner",
        "evil",
    ])
    .success();
    home.run(&["standup", "end"]).success();
    let file = page(&home, "en");
    let text = std::fs::read_to_string(&file).expect("written");
    for raw in [
        "<script",
        "<img",
        "<iframe",
        "<b ",
        "<svg onload",
        "href=\"javascript",
        "<style>body",
        "\u{202e}",
    ] {
        assert!(!text.contains(raw), "{raw:?} left raw");
    }
    assert!(text.contains("&lt;script&gt;alert(3)&lt;/script&gt;"));
    let Some(chromium) = chromium() else {
        return;
    };
    let dom = dom(&chromium, &file);
    for raw in [
        "<script",
        "<img",
        "<iframe",
        "<b ",
        "<svg onload",
        "<a href=\"javascript",
    ] {
        assert!(!dom.contains(raw), "{raw:?} became markup in the DOM");
    }
    assert!(
        dom.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "the title, as text"
    );
    assert!(
        dom.contains("&lt;svg onload=alert(5)&gt;"),
        "the issue, as text"
    );
}

/// `[publish] dir`: every save from the shell writes the page there, a
/// page that cannot be written is said and the save stands, and
/// `standup publish` without the setting says how to set it.
#[test]
fn the_page_is_published_with_every_save_and_never_costs_one() {
    let home = Home::new();
    home.demo();
    home.run(&["publish"])
        .code(2)
        .stderr(predicates::str::contains("no [publish] dir in config.toml"));
    let shared = home.dir.path().join("shared");
    let config = home.write(
        "config.toml",
        &format!("[publish]\ndir = \"{}\"\n", shared.display()),
    );
    home.run(&["--config", &config, "task", "add", "Posters"])
        .success();
    let page = shared.join("Double 12 campaign 双十二大促.html");
    let text = std::fs::read_to_string(&page).expect("published");
    assert!(text.contains("Posters") && text.starts_with("<!DOCTYPE html>"));
    // A folder that cannot be written: the save stands, the reason is said.
    let blocked = home.write("not-a-folder", "a file where the folder should be");
    let config = home.write("bad.toml", &format!("[publish]\ndir = \"{blocked}\"\n"));
    home.run(&["--config", &config, "task", "add", "Still saved"])
        .success()
        .stderr(predicates::str::contains("the web page was not published"));
    let tasks = home.json(&["task", "list", "--json"]);
    assert!(tasks.to_string().contains("Still saved"));
}

#[test]
fn a_large_board_s_page_folds_long_lists_and_says_how_many_more() {
    let board = crate::common::big(3_000, 6);
    let now = crate::common::now();
    let locale = standup::i18n::Locale::new(standup::i18n::Lang::En, None);
    let page = standup::report::html::page(&board, now, &locale, chrono::Weekday::Mon);
    // The full weekly report, for comparison: a department's week there
    // runs to hundreds of lines; on the page each list stops at twelve.
    let full = standup::report::week::week(
        &board,
        now.date_naive(),
        now,
        chrono::Weekday::Mon,
        standup::i18n::Lang::En,
    )
    .expect("the week");
    let longest = full
        .parties
        .iter()
        .map(|p| p.in_progress.len())
        .max()
        .unwrap_or_default();
    assert!(longest > 12, "the board is big enough to fold: {longest}");
    let more = format!(
        "… and {} more (<code>standup report --week</code> lists them all)",
        longest - 12
    );
    assert!(page.contains(&more), "no fold line “{more}”");
    // Every section is still there, and the page stays a page.
    for id in ["board", "raci", "issues", "timeline", "minutes", "week"] {
        assert!(page.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    let week = &page[page.find("<section id=\"week\">").expect("week")..];
    let items = week.matches("<li>").count();
    assert!(items < 12 * 5 * 8 + 200, "{items} list items in the week");
}
