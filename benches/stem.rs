//! Stemming speed: aspirasi's stemmer against PySastrawi on the same list of distinct words,
//! in the same run. The words are every distinct lower-case word of the demo round and of the
//! development gold set. PySastrawi runs in its own Python process and times itself in
//! process, as aspirasi's stemmer does here, so neither figure includes start-up; the
//! `aspirasi stem` command is timed end to end as well.
//!
//! `cargo bench --bench stem` (PySastrawi: `pip install PySastrawi==1.2.1`; skipped when
//! Python or the package is missing).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aspirasi::analyse::ecs::EcsStemmer;
use aspirasi::analyse::words::words;

const SASTRAWI: &str = r#"
import sys, time
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
words = open(sys.argv[1], encoding="utf-8").read().split()
stemmer = StemmerFactory().create_stemmer()
start = time.perf_counter()
for w in words:
    stemmer.stem(w)
print(len(words) / (time.perf_counter() - start))
"#;

fn word_list() -> Vec<String> {
    let mut distinct = BTreeSet::new();
    for (_, bytes) in aspirasi::demo::demo_files() {
        let text = String::from_utf8_lossy(bytes);
        for (_, word) in words(&text) {
            let lowered = word.to_lowercase();
            if lowered.chars().all(|c| c.is_ascii_lowercase()) {
                distinct.insert(lowered);
            }
        }
    }
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/stem-dev.tsv");
    if let Ok(text) = std::fs::read_to_string(gold) {
        for line in text.lines().skip(1) {
            if let Some(word) = line.split('\t').next() {
                distinct.insert(word.to_lowercase());
            }
        }
    }
    distinct.into_iter().collect()
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let words = word_list();
    println!(
        "{} distinct words (demo round + development gold set)",
        words.len()
    );
    let stemmer = EcsStemmer::embedded();

    let runs = if quick { 1 } else { 7 };
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let mut letters = 0;
            for word in &words {
                letters += stemmer.root(word).len();
            }
            std::hint::black_box(letters);
            start.elapsed()
        })
        .collect();
    times.sort();
    let ours = words.len() as f64 / times[times.len() / 2].as_secs_f64();
    println!("aspirasi stemmer (in process, no cache): {ours:.0} words/s (median of {runs})");

    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("words.txt");
    std::fs::write(&list, words.join("\n")).unwrap();

    let binary = Path::new(env!("CARGO_BIN_EXE_aspirasi"));
    let start = Instant::now();
    let mut child = Command::new(binary)
        .arg("stem")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(words.join("\n").as_bytes())
        .unwrap();
    child.wait().unwrap();
    let end_to_end = words.len() as f64 / start.elapsed().as_secs_f64();
    println!("aspirasi stem (command, with start-up): {end_to_end:.0} words/s");

    if quick {
        return;
    }
    let python = Command::new("python3")
        .arg("-c")
        .arg(SASTRAWI)
        .arg(&list)
        .output();
    match python {
        Ok(output) if output.status.success() => {
            let text = String::from_utf8_lossy(&output.stdout);
            let theirs: f64 = text.trim().parse().unwrap();
            println!("PySastrawi (in process): {theirs:.0} words/s");
            println!(
                "ratio aspirasi / PySastrawi: {:.0}x in process, {:.0}x for the command (target >= 100x)",
                ours / theirs,
                end_to_end / theirs
            );
        }
        _ => println!("PySastrawi skipped: pip install PySastrawi==1.2.1"),
    }
}
