//! The web app's speed over HTTP on a large generated round: the dashboard (first request,
//! which computes the counts, then from the per-commit cache) and the search page (hits,
//! snippets and six filter panels with exact counts) for a fixed mix of queries and filters,
//! p50 and p95. The server is the real one (`aspirasi::web::bind` + `run`, the code behind
//! `aspirasi serve`) on a loopback port; the index is built once with the real ingest.
//!
//! `cargo bench --bench web` (ASPIRASI_BENCH_PASSAGES, default 1,000,000; about 400 bytes of
//! text a passage, and as much disk for the index; ASPIRASI_BENCH_INDEX=DIR keeps the index
//! for the next run). Under `cargo test --benches` it runs a quick round of 2,000 passages.

use std::time::{Duration, Instant};

use aspirasi::analyse::Analyzer;
use aspirasi::classify::{Classifier, LexiconSet};
use aspirasi::index::PassageIndex;
use aspirasi::pipeline;
use aspirasi::web::{self, ServeOptions};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Search page requests: query strings as a browser sends them.
const SEARCHES: &[&str] = &[
    "q=lansia",
    "q=%22lansia+terlantar%22",
    "q=data+penerima+bantuan",
    "tema=lansia",
    "q=lansia&tema=lansia",
    "tema=bencana&sesi=sesi-1",
    "q=bansos*+OR+dtks",
    "q=stuntng%7E",
    "q=%28pkh+OR+bpnt%29+-tema%3Atata_kelola",
    "q=perubahan+iklim&urut=tanggal",
    "q=pendamping+pkh&halaman=3",
    "q=pelatihan+vokasi&tema=ketenagakerjaan&sesi=sesi-2",
    "q=%22menuju+Indonesia+Emas+2045%22",
    "q=anggaran+daerah+kecil&per=50",
    "q=komunitas+adat+terpencil",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn folder_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// GETs `url`; returns the time to the whole body and the body's size.
fn timed_get(agent: &ureq::Agent, url: &str) -> (Duration, usize) {
    let start = Instant::now();
    let mut response = agent.get(url).call().unwrap();
    assert_eq!(response.status().as_u16(), 200, "{url}");
    let body = response.body_mut().read_to_vec().unwrap();
    (start.elapsed(), body.len())
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
    // ASPIRASI_BENCH_INDEX=DIR keeps the index there and reuses it on the next run.
    let kept = std::env::var_os("ASPIRASI_BENCH_INDEX").filter(|_| !quick);
    let index_dir = kept
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| work.path().join("index"));
    let analyzer = Analyzer::indonesian();
    if index_dir.join("meta.json").is_file() {
        let index = PassageIndex::open(&index_dir, &analyzer).unwrap();
        println!(
            "index: {} passages reused from {}; index size {:.0} MB",
            index.passage_count().unwrap(),
            index_dir.display(),
            folder_bytes(&index_dir) as f64 / 1e6
        );
    } else {
        let round = work.path().join("round");
        let generated = aspirasi::synth::generate_round(&round, passages * 400, 42).unwrap();
        let classifier = Classifier::new(analyzer.clone(), LexiconSet::embedded());
        let started = Instant::now();
        let index = PassageIndex::open_or_create(&index_dir, &analyzer).unwrap();
        let ingest = pipeline::ingest_paths(&index, &classifier, &[round]).unwrap();
        println!(
            "index: {} passages from {:.0} MB of text in {:.1} s; index size {:.0} MB",
            ingest.passages_in_index,
            generated.bytes as f64 / 1e6,
            started.elapsed().as_secs_f64(),
            folder_bytes(&index_dir) as f64 / 1e6
        );
    }

    let server = web::bind(ServeOptions {
        index: index_dir,
        host: "127.0.0.1".into(),
        port: 0,
        token: None,
        lexicons: LexiconSet::embedded(),
    })
    .unwrap();
    let address = server.local_addr().unwrap();
    let served_at = Instant::now();
    std::thread::spawn(move || server.run());
    let base = format!("http://{address}");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();

    // The first dashboard waits for the counts the server starts computing when it starts.
    let (first, size) = timed_get(&agent, &format!("{base}/"));
    println!(
        "dashboard, first request: {:.0} ms ({:.0} ms after the server started; computes and caches the counts), {} KB",
        ms(first),
        ms(served_at.elapsed()),
        size / 1000
    );
    let runs = if quick { 3 } else { 20 };
    let mut dashboard: Vec<Duration> = (0..runs)
        .map(|_| timed_get(&agent, &format!("{base}/")).0)
        .collect();
    dashboard.sort();
    println!(
        "dashboard, cached counts: median {:.1} ms, max {:.1} ms (target < 300 ms), {runs} requests",
        ms(dashboard[runs / 2]),
        ms(*dashboard.last().unwrap())
    );

    // The API first (it keeps nothing, and its first pass brings the index's files into the
    // page cache), then the search page, which keeps a search's filter counts (paging does not
    // count again): its first pass counts everything, the later passes use the kept counts.
    let repeats = if quick { 2 } else { 10 };
    for (name, path) in [("search API", "/api/cari"), ("search page", "/cari")] {
        let mut first = Vec::new();
        let mut all = Vec::new();
        for pass in 0..repeats {
            for query in SEARCHES {
                let (took, _) = timed_get(&agent, &format!("{base}{path}?{query}"));
                if pass == 0 {
                    first.push((took, *query));
                }
                all.push(took);
            }
        }
        all.sort();
        let target = if path == "/cari" {
            " (target p95 < 100 ms)"
        } else {
            ""
        };
        println!(
            "{name} ({path}), {} requests x {repeats}: p50 {:.1} ms, p95 {:.1} ms{target}, max {:.1} ms",
            SEARCHES.len(),
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.95)),
            ms(*all.last().unwrap())
        );
        first.sort();
        let cold: Vec<Duration> = first.iter().map(|(d, _)| *d).collect();
        println!(
            "  first pass only: p50 {:.1} ms, p95 {:.1} ms; slowest: {}",
            ms(percentile(&cold, 0.5)),
            ms(percentile(&cold, 0.95)),
            first
                .iter()
                .rev()
                .take(3)
                .map(|(d, q)| format!("{q} {:.0} ms", ms(*d)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let (theme, _) = timed_get(&agent, &format!("{base}/tema/lansia"));
    let (theme_again, _) = timed_get(&agent, &format!("{base}/tema/lansia"));
    println!(
        "theme page /tema/lansia: first {:.0} ms, again {:.0} ms",
        ms(theme),
        ms(theme_again)
    );
}
