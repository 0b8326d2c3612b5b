//! Helpers for the integration tests: a temporary workspace, the real binary, and a copy of
//! the hand-checked fixture round.

#![allow(dead_code)]

pub mod build;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A temporary folder that holds inputs and the index of one test.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new()
    }
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn index(&self) -> PathBuf {
        self.path("index")
    }

    pub fn write(&self, relative: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Copies `tests/fixtures/ronde-uji` into the workspace and returns its path.
    pub fn fixture_round(&self) -> PathBuf {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ronde-uji");
        let target = self.path("ronde-uji");
        std::fs::create_dir_all(&target).unwrap();
        for entry in std::fs::read_dir(source).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), target.join(entry.file_name())).unwrap();
        }
        target
    }

    /// Runs `aspirasi ARGS` with the workspace as current folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("aspirasi")
            .unwrap()
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .unwrap()
    }

    pub fn ingest(&self, paths: &[&str]) -> Output {
        let mut args = vec!["ingest"];
        args.extend_from_slice(paths);
        args.extend(["--index", "index"]);
        self.run(&args)
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The number after "Isi indeks:" in an ingest summary.
pub fn passages_in_index(output: &Output) -> u64 {
    let text = stdout(output);
    let after = text
        .split("Isi indeks: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no summary in {text}"));
    after.split(' ').next().unwrap().parse().unwrap()
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)))
}

/// Every passage of a round (`putaran:ROUND`) as search hits in JSON.
pub fn passages_of_round(ws: &Workspace, round: &str) -> Vec<serde_json::Value> {
    let output = ws.run(&[
        "search",
        &format!("putaran:{round}"),
        "--index",
        "index",
        "--json",
        "--limit",
        "10000",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    json_lines(&output)
}

pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
