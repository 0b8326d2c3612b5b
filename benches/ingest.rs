//! Ingest throughput: the whole aspirasi pipeline (read, segment, analyse, classify, index)
//! against plain tantivy indexing of the same passages with its default tokenizer, measured
//! in the same run on the same generated round.
//!
//! `cargo bench --bench ingest` (size with ASPIRASI_BENCH_MB, default 50; runs with
//! ASPIRASI_BENCH_RUNS, default 3, median reported).

use std::path::Path;
use std::time::{Duration, Instant};

use aspirasi::analyse::Analyzer;
use aspirasi::classify::{Classifier, LexiconSet};
use aspirasi::index::PassageIndex;
use aspirasi::ingest::{discover, reader_for};
use aspirasi::passage::Passage;
use aspirasi::pipeline;
use aspirasi::segment::segment;
use tantivy::schema::{Schema, FAST, STORED, STRING, TEXT};
use tantivy::{Index, TantivyDocument};

// The same allocator as the `aspirasi` binary, for both contenders.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Read and segment every generated file (what both contenders index).
fn passages_of(dir: &Path) -> Vec<Passage> {
    let discovery = discover(&[dir.to_path_buf()]);
    let mut passages = Vec::new();
    for source in &discovery.sources {
        let reader = reader_for(source).unwrap().reader;
        let turns = reader.read(source).unwrap().turns;
        passages.extend(segment(source, &turns));
    }
    passages
}

/// Plain tantivy: the same fields as aspirasi's index (text indexed with positions, the
/// passage stored, metadata as raw fast strings, provenance stored), but the text analysed by
/// tantivy's default tokenizer and no themes.
fn plain_tantivy(dir: &Path, passages: &[Passage]) -> Duration {
    let mut builder = Schema::builder();
    let text = builder.add_text_field("text", TEXT);
    let body = builder.add_text_field("body", STORED);
    let id = builder.add_text_field("passage_id", STRING | STORED);
    let doc_id = builder.add_text_field("doc_id", STRING | STORED);
    let facet = |builder: &mut tantivy::schema::SchemaBuilder, name: &str| {
        builder.add_text_field(name, STRING | STORED | FAST)
    };
    let round = facet(&mut builder, "round");
    let session = facet(&mut builder, "session");
    let stakeholder = facet(&mut builder, "stakeholder");
    let speaker = facet(&mut builder, "speaker");
    let organisation = facet(&mut builder, "organisation");
    let region = facet(&mut builder, "region");
    let date = facet(&mut builder, "date");
    let file = facet(&mut builder, "file");
    let line = builder.add_u64_field("line", STORED);
    let byte_start = builder.add_u64_field("byte_start", STORED);
    let byte_end = builder.add_u64_field("byte_end", STORED);
    let timestamp = builder.add_text_field("timestamp", STORED);
    let index = Index::create_in_dir(dir, builder.build()).unwrap();
    let started = Instant::now();
    let mut writer = index.writer::<TantivyDocument>(200_000_000).unwrap();
    for p in passages {
        let mut doc = TantivyDocument::default();
        doc.add_text(text, &p.text);
        doc.add_text(body, &p.text);
        doc.add_text(id, &p.id);
        doc.add_text(doc_id, &p.doc_id);
        doc.add_text(round, &p.meta.round);
        doc.add_text(session, &p.meta.session);
        doc.add_text(stakeholder, &p.meta.stakeholder);
        for (field, value) in [
            (speaker, &p.meta.speaker),
            (organisation, &p.meta.organisation),
            (region, &p.meta.region),
            (date, &p.meta.date),
            (timestamp, &p.provenance.timestamp),
        ] {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        doc.add_text(file, &p.provenance.file);
        doc.add_u64(line, p.provenance.line);
        doc.add_u64(byte_start, p.provenance.byte_start);
        doc.add_u64(byte_end, p.provenance.byte_end);
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    writer.wait_merging_threads().unwrap();
    started.elapsed()
}

/// The aspirasi pipeline from the files on disk to a committed index.
fn aspirasi_pipeline(dir: &Path, round: &Path, lexicons: LexiconSet) -> (Duration, u64) {
    let classifier = Classifier::new(Analyzer::indonesian(), lexicons);
    let started = Instant::now();
    let index = PassageIndex::open_or_create(dir, classifier.analyzer()).unwrap();
    let report = pipeline::ingest_paths(&index, &classifier, &[round.to_path_buf()]).unwrap();
    assert!(!report.has_errors(), "{:?}", report.errors);
    (started.elapsed(), report.passages_in_index)
}

fn main() {
    // `cargo test --benches` runs this with `--bench`-less args: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let megabytes = if quick {
        1
    } else {
        env_number("ASPIRASI_BENCH_MB", 50)
    };
    let runs = if quick {
        1
    } else {
        env_number("ASPIRASI_BENCH_RUNS", 3) as usize
    };
    let work = tempfile::tempdir().unwrap();
    let round = work.path().join("round");
    let generated = aspirasi::synth::generate_round(&round, megabytes * 1_000_000, 42).unwrap();
    let mb = generated.bytes as f64 / 1e6;
    println!(
        "corpus: {:.1} MB in {} files, {} turns (seed 42)",
        mb, generated.files, generated.turns
    );
    let reading = Instant::now();
    let passages = passages_of(&round);
    println!(
        "passages: {} (discover, sniff, decode, read and segment alone: {:.2} s)",
        passages.len(),
        reading.elapsed().as_secs_f64()
    );

    let mut plain = Vec::new();
    let mut full = Vec::new();
    let mut unclassified = Vec::new();
    let mut lexicons_only = Vec::new();
    for run in 0..runs {
        let dir = work.path().join(format!("plain-{run}"));
        std::fs::create_dir_all(&dir).unwrap();
        plain.push(plain_tantivy(&dir, &passages));
        let (time, count) = aspirasi_pipeline(
            &work.path().join(format!("full-{run}")),
            &round,
            LexiconSet::embedded(),
        );
        assert_eq!(count as usize, passages.len());
        full.push(time);
        let (time, _) = aspirasi_pipeline(
            &work.path().join(format!("bare-{run}")),
            &round,
            LexiconSet::empty(),
        );
        unclassified.push(time);
        let (time, _) = aspirasi_pipeline(
            &work.path().join(format!("lexicons-{run}")),
            &round,
            LexiconSet::embedded().without_model(),
        );
        lexicons_only.push(time);
    }
    let (plain, full, unclassified, lexicons_only) = (
        median(plain),
        median(full),
        median(unclassified),
        median(lexicons_only),
    );
    let rate = |d: Duration| mb / d.as_secs_f64();
    let per_second = |d: Duration| passages.len() as f64 / d.as_secs_f64();
    println!(
        "plain tantivy (default tokenizer, passages in memory): {:.2} s  {:.1} MB/s  {:.0} passages/s",
        plain.as_secs_f64(), rate(plain), per_second(plain)
    );
    println!(
        "aspirasi ingest, no themes (files -> index):         {:.2} s  {:.1} MB/s  {:.0} passages/s",
        unclassified.as_secs_f64(), rate(unclassified), per_second(unclassified)
    );
    println!(
        "aspirasi ingest, 14 lexicons, no model:              {:.2} s  {:.1} MB/s  {:.0} passages/s",
        lexicons_only.as_secs_f64(), rate(lexicons_only), per_second(lexicons_only)
    );
    println!(
        "aspirasi ingest, 14 lexicons + theme model (default): {:.2} s  {:.1} MB/s  {:.0} passages/s",
        full.as_secs_f64(), rate(full), per_second(full)
    );
    println!(
        "ratio aspirasi / plain tantivy: {:.2}x (target <= 1.5x); median of {runs} run(s)",
        full.as_secs_f64() / plain.as_secs_f64()
    );
}
