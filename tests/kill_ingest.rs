//! A process killed with SIGKILL in the middle of an ingest leaves an index that opens with
//! the last commit intact, and running the ingest again ends with exactly the passages of a
//! clean ingest.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use util::*;

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("aspirasi")
}

/// Whether process `pid` holds the index writer: it has the writer's lock file open (the file
/// itself stays after a run, so its existence says nothing; Linux's /proc tells who has it).
fn writer_is_working(pid: u32, index: &Path) -> bool {
    let lock = index.join(".tantivy-writer.lock");
    let Ok(lock) = std::fs::canonicalize(lock) else {
        return false;
    };
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    fds.filter_map(|fd| fd.ok())
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .any(|target| target == lock)
}

#[test]
fn kill_9_mid_ingest_then_rerun_gives_the_clean_count() {
    let ws = Workspace::new();
    let generated = ws.run(&[
        "generate",
        "--out",
        "gross",
        "--megabytes",
        "3",
        "--seed",
        "7",
    ]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    // An earlier round in the index, which the killed run must not lose.
    ws.write(
        "lama/rapat.txt",
        "Moderator: Selamat pagi.\nPak Budi (Bappeda): Anggaran terbatas.\n",
    );
    assert_eq!(passages_in_index(&ws.ingest(&["lama"])), 2);

    // The clean count, in another index.
    let clean = ws.run(&["ingest", "gross", "lama", "--index", "bersih"]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    let clean_count = passages_in_index(&clean);
    assert!(clean_count > 2_000, "{clean_count}");

    let index = ws.index();
    let mut child = Command::new(binary())
        .current_dir(ws.dir.path())
        .args(["ingest", "gross", "--index", "index"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !writer_is_working(child.id(), &index) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the writer never started"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the ingest ended too early"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let it index for a while, then kill it before it can commit.
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest finished before it could be killed; generate a bigger round"
    );
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success());

    // The index opens and holds exactly the last commit.
    let count = ws.run(&["search", "putaran:lama", "--index", "index", "--count"]);
    assert!(count.status.success(), "{}", stderr(&count));
    assert_eq!(passages_of_round(&ws, "lama").len(), 2);
    // A commit is all or nothing: none of the generated round, or (had the kill come after
    // the commit) all of it, never a part.
    let generated_after_kill = passages_of_round(&ws, "sintetis").len() as u64;
    assert!(
        generated_after_kill == 0 || generated_after_kill == clean_count - 2,
        "{generated_after_kill} of {}",
        clean_count - 2
    );
    let report = ws.run(&["report", "--index", "index", "--format", "json"]);
    assert!(report.status.success(), "{}", stderr(&report));

    // Running the ingest again finishes the job: exactly the clean count.
    let rerun = ws.ingest(&["gross", "lama"]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert_eq!(passages_in_index(&rerun), clean_count);
    let again = ws.ingest(&["gross", "lama"]);
    assert_eq!(passages_in_index(&again), clean_count);
    assert!(
        stdout(&again).contains("0 ditambahkan, 0 diperbarui"),
        "{}",
        stdout(&again)
    );
}
