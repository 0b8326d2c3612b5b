//! Report and search speed on a large generated round: the full theme x session report, and
//! the latency of a fixed mix of searches (p50, p95). The index is built once with the real
//! ingest (its time is printed too).
//!
//! `cargo bench --bench query` (ASPIRASI_BENCH_PASSAGES, default 1,000,000; the generated
//! text is about 400 bytes a passage, the index needs about as much disk).

use std::time::{Duration, Instant};

use aspirasi::analyse::Analyzer;
use aspirasi::classify::{Classifier, LexiconSet};
use aspirasi::index::PassageIndex;
use aspirasi::pipeline;
use aspirasi::report::theme_report;
use aspirasi::search::{search, SearchRequest, Sort};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES: &[&str] = &[
    "lansia",
    "\"lansia terlantar\"",
    "data penerima bantuan",
    "tema:lansia",
    "tema:bencana sesi:sesi-1",
    "bansos* OR dtks",
    "stuntng~",
    "(pkh OR bpnt) -tema:tata_kelola",
    "perubahan iklim",
    "pendamping pkh",
    "provinsi:\"Jawa Barat\"",
    "pelatihan vokasi",
    "\"menuju Indonesia Emas 2045\"",
    "anggaran daerah kecil",
    "komunitas adat terpencil",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank]
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let passages: u64 = if quick {
        2_000
    } else {
        std::env::var("ASPIRASI_BENCH_PASSAGES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000_000)
    };
    let work = tempfile::tempdir().unwrap();
    let round = work.path().join("round");
    // about 400 bytes of text per passage in the generated round
    let generated = aspirasi::synth::generate_round(&round, passages * 400, 42).unwrap();
    let analyzer = Analyzer::indonesian();
    let classifier = Classifier::new(analyzer.clone(), LexiconSet::embedded());
    let started = Instant::now();
    let index = PassageIndex::open_or_create(&work.path().join("index"), &analyzer).unwrap();
    let ingest = pipeline::ingest_paths(&index, &classifier, &[round]).unwrap();
    let ingest_time = started.elapsed();
    println!(
        "index: {} passages from {:.0} MB in {:.1} s ({:.1} MB/s)",
        ingest.passages_in_index,
        generated.bytes as f64 / 1e6,
        ingest_time.as_secs_f64(),
        generated.bytes as f64 / 1e6 / ingest_time.as_secs_f64()
    );

    let runs = if quick { 1 } else { 5 };
    let mut report_times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let report = theme_report(&index, classifier.lexicons(), Some("session")).unwrap();
            assert_eq!(report.total_passages, ingest.passages_in_index);
            start.elapsed()
        })
        .collect();
    report_times.sort();
    println!(
        "theme x session report: median {:.0} ms (target < 1000 ms), {runs} runs",
        report_times[runs / 2].as_secs_f64() * 1e3
    );

    let repeats = if quick { 1 } else { 10 };
    let mut latencies = Vec::new();
    for _ in 0..repeats {
        for query in QUERIES {
            let request = SearchRequest {
                query: query.to_string(),
                filters: Vec::new(),
                limit: 10,
                offset: 0,
                sort: Sort::Relevance,
            };
            let start = Instant::now();
            let results = search(&index, &request).unwrap();
            latencies.push(start.elapsed());
            std::hint::black_box(results.total);
        }
    }
    latencies.sort();
    println!(
        "search, {} queries x {repeats}: p50 {:.1} ms, p95 {:.1} ms (target p95 < 50 ms), max {:.1} ms",
        QUERIES.len(),
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.95).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3
    );
}
