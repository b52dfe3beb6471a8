//! A fresh user for command-line tests: an own home and data directory,
//! the pinned clock, no colour.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// A fresh home with its own data directory.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_standup"));
        cmd.env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("STANDUP_CONFIG")
            // English, whatever the machine's locale: the interface
            // language follows it.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("STANDUP_NOW", super::NOW)
            .env("NO_COLOR", "1")
            .env_remove("STANDUP_BOARD");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().args(args).assert()
    }

    pub fn board(&self) -> PathBuf {
        self.dir.path().join("data/standup/board.json")
    }

    pub fn demo(&self) {
        self.run(&["demo"]).success();
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON output")
    }

    /// The JSON a command prints, whatever its exit code (`raci check`
    /// exits 1 when it finds errors, and still prints them).
    pub fn json_any(&self, args: &[&str]) -> Value {
        let out = self.cmd().args(args).output().expect("runs");
        serde_json::from_slice(&out.stdout).expect("JSON output")
    }

    /// Writes a file into the home, returning its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        fs::write(&path, text).expect("write");
        path.display().to_string()
    }
}
