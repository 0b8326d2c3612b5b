//! The `aspirasi` command line: argument definitions and calls into the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use aspirasi::analyse::Analyzer;
use aspirasi::classify::{Classifier, LexiconSet};
use aspirasi::index::PassageIndex;
use aspirasi::pipeline::{self, FileStatus, IngestReport};
use aspirasi::report::render::{self, Format, Language};
use aspirasi::search::render::Highlight;
use aspirasi::search::{self, SearchRequest};

// Ingest allocates many small strings from several threads at once; mimalloc does that
// markedly faster than the system allocator (measured with `cargo bench --bench ingest`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "aspirasi",
    version,
    about = "Cari dan hitung apa yang disampaikan dalam konsultasi publik (Renstra).\n\
             Search and count what people said in an Indonesian consultation round."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest transcripts and submissions (files or folders) into an index.
    Ingest {
        /// Files or folders; a folder's manifest.toml gives round, session and speakers.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Index folder (created if missing).
        #[arg(long)]
        index: PathBuf,
        /// Theme lexicon folder (default: the lexicons built into aspirasi).
        #[arg(long)]
        lexicons: Option<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// Store NIK, phone numbers and e-mail addresses as written (masked by default).
        #[arg(long)]
        keep_personal_data: bool,
    },
    /// Search passages: words, "phrases", AND/OR/NOT, field:value.
    Search {
        query: String,
        #[arg(long)]
        index: PathBuf,
        #[command(flatten)]
        filters: FilterArgs,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// One JSON object per hit.
        #[arg(long)]
        json: bool,
        /// Show which lexicon entries matched where (the evidence for each theme).
        #[arg(long)]
        explain: bool,
        /// Only count: matches by theme, session, stakeholder group and region.
        #[arg(long)]
        count: bool,
        /// relevansi (most relevant first) or tanggal (oldest first).
        #[arg(long, default_value = "relevansi")]
        sort: String,
    },
    /// Keyword in context: every occurrence of a word (all its forms) or phrase.
    Kwic {
        term: String,
        #[arg(long)]
        index: PathBuf,
        /// Characters of context either side.
        #[arg(long, default_value_t = 40)]
        width: usize,
        /// table or csv.
        #[arg(long, default_value = "table")]
        format: String,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// Check theme lexicons, or find words they miss.
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
    /// Score the lexicons against passages a person coded (TSV with `labels` and `text`).
    Eval {
        #[arg(long)]
        gold: PathBuf,
        /// table or json.
        #[arg(long, default_value = "table")]
        format: String,
        #[arg(long)]
        lexicons: Option<PathBuf>,
        /// How many false positives and negatives to show.
        #[arg(long, default_value_t = 15)]
        examples: usize,
        /// Decide by the lexicons' thresholds alone, without the theme model.
        #[arg(long)]
        lexicons_only: bool,
    },
    /// Theme frequencies, overall and by session, stakeholder group, region or round.
    Report {
        #[arg(long)]
        index: PathBuf,
        /// session, stakeholder, region, round, organisation, speaker or date.
        #[arg(long)]
        by: Option<String>,
        /// table, csv, json or md.
        #[arg(long, default_value = "table")]
        format: String,
        /// Labels in Bahasa Indonesia (id) or English (en).
        #[arg(long, default_value = "id")]
        lang: String,
        #[arg(long)]
        lexicons: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Which themes are raised together (passages with both).
        #[arg(long)]
        cooccurrence: bool,
        /// Theme shares in two rounds and the change between them.
        #[arg(long, num_args = 2, value_names = ["ROUND1", "ROUND2"])]
        compare: Option<Vec<String>>,
        /// Representative quotes, this many per theme.
        #[arg(long, value_name = "N")]
        quotes: Option<usize>,
        /// The most frequent roots and two-word phrases, this many per theme.
        #[arg(long, value_name = "N")]
        top_terms: Option<usize>,
    },
    /// Export for NVivo, ATLAS.ti and MAXQDA: the round as a REFI-QDA project (.qdpx), or the
    /// theme codebook alone (.qdc).
    Export {
        #[arg(long)]
        index: Option<PathBuf>,
        /// Write the whole round (sources, speakers as cases, themes as codes, coded passages).
        #[arg(long, value_name = "FILE.qdpx")]
        qdpx: Option<PathBuf>,
        /// Write the theme codebook.
        #[arg(long, value_name = "FILE.qdc")]
        qdc: Option<PathBuf>,
        /// Project name shown in the QDA tool (default: the file name).
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        lexicons: Option<PathBuf>,
    },
    /// The whole job on the shipped demo round: ingest, classify, index, report.
    Demo {
        /// Keep the index here (default: a temporary folder removed afterwards).
        #[arg(long)]
        index: Option<PathBuf>,
        #[arg(long, default_value = "session")]
        by: String,
        #[arg(long, default_value = "table")]
        format: String,
        #[arg(long, default_value = "id")]
        lang: String,
    },
    /// Roots of words read from standard input, one a line: prints `word<TAB>root`.
    Stem {
        /// Also print the rules applied to each word.
        #[arg(long)]
        explain: bool,
        /// Normalise informal spellings first, as the analyser does (`yg`, `anak2`).
        #[arg(long)]
        normalise: bool,
    },
    /// The local web app: dashboard, search, themes, exports and a JSON API, in the browser.
    Serve {
        #[arg(long)]
        index: PathBuf,
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on; anything but loopback needs an access token.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Access token every request must carry (?token=, cookie or Authorization: Bearer).
        #[arg(long, env = "ASPIRASI_TOKEN", hide_env_values = true)]
        token: Option<String>,
        #[arg(long)]
        lexicons: Option<PathBuf>,
    },
    /// Write a large synthetic round for benchmarks (seeded, reproducible).
    Generate {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 50)]
        megabytes: u64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Lint lexicons: empty or duplicate entries, dead exclusions, unknown roots.
    Check {
        #[arg(long)]
        lexicons: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Turn a LIWC dictionary (.dic) into lexicon files, one per category.
    ImportLiwc {
        file: PathBuf,
        /// Folder to write the lexicons into.
        #[arg(long)]
        out: PathBuf,
        /// Keep words exact instead of analysing (stemming) them.
        #[arg(long)]
        exact: bool,
    },
    /// Train the theme model on coded gold files (TSV with `labels` and `text`), after
    /// measuring it on each file held out in turn; writes `model.tsv` beside the lexicons.
    Train {
        /// Gold files, one per independently written set (each is held out once); several
        /// may follow one `--gold` (`--gold tests/gold/themes-dev*.tsv`).
        #[arg(long = "gold", required = true, num_args = 1..)]
        gold: Vec<PathBuf>,
        #[arg(long)]
        lexicons: Option<PathBuf>,
        /// Where to write the model [default: lexicons/model.tsv].
        #[arg(long, default_value = "lexicons/model.tsv")]
        out: PathBuf,
        /// Skip the held-out measurement.
        #[arg(long)]
        no_cross_validation: bool,
    },
    /// Frequent roots and phrases near a theme that no lexicon covers yet.
    Suggest {
        #[arg(long)]
        theme: String,
        #[arg(long)]
        index: PathBuf,
        #[arg(long)]
        lexicons: Option<PathBuf>,
        #[arg(long, default_value_t = 30)]
        limit: usize,
        /// Fewest passages near the theme a candidate must occur in.
        #[arg(long, default_value_t = 3)]
        min_count: u64,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("aspirasi: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// The lexicons in `dir`, or the ones built into aspirasi.
fn lexicon_set(dir: Option<&Path>) -> Result<LexiconSet> {
    Ok(match dir {
        Some(dir) => LexiconSet::load_dir(dir)?,
        None => LexiconSet::embedded(),
    })
}

fn classifier(lexicons: Option<&Path>) -> Result<Classifier> {
    Ok(Classifier::new(
        Analyzer::indonesian(),
        lexicon_set(lexicons)?,
    ))
}

fn language(lang: &str) -> Result<Language> {
    match lang {
        "id" => Ok(Language::Id),
        "en" => Ok(Language::En),
        other => anyhow::bail!("unknown language {other:?}; choose id or en"),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest {
            paths,
            index,
            lexicons,
            json,
            keep_personal_data,
        } => {
            let classifier = classifier(lexicons.as_deref())?;
            let index = PassageIndex::open_or_create(&index, classifier.analyzer())?;
            let options = pipeline::IngestOptions { keep_personal_data };
            let progress = aspirasi::progress::TerminalProgress::new();
            let report =
                pipeline::ingest_paths_observed(&index, &classifier, &paths, options, &progress)?;
            if json {
                emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
            } else {
                emit(&ingest_summary(&report))?;
            }
            for error in &report.errors {
                eprintln!("aspirasi: error: {error}");
            }
            Ok(if report.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Search {
            query,
            index,
            filters,
            limit,
            offset,
            json,
            explain,
            count,
            sort,
        } => {
            let index = PassageIndex::open(&index, &Analyzer::indonesian())?;
            let sort = match sort.as_str() {
                "relevansi" | "relevance" => search::Sort::Relevance,
                "tanggal" | "date" => search::Sort::Date,
                other => anyhow::bail!("unknown sort {other:?}; choose relevansi or tanggal"),
            };
            let filters = filters.pairs();
            let request = SearchRequest {
                query,
                filters,
                limit,
                offset,
                sort,
            };
            if count {
                let facets = search::facet_counts(
                    &index,
                    &request,
                    &["theme", "session", "stakeholder", "region"],
                )?;
                if json {
                    let object: serde_json::Map<String, serde_json::Value> = facets
                        .iter()
                        .map(|(field, counts)| {
                            let values = counts
                                .iter()
                                .map(|(v, n)| (v.clone(), serde_json::json!(n)))
                                .collect();
                            (field.clone(), serde_json::Value::Object(values))
                        })
                        .collect();
                    emit(&format!("{}\n", serde_json::Value::Object(object)))?;
                } else {
                    let total = search::search(
                        &index,
                        &SearchRequest {
                            limit: 1,
                            ..request.clone()
                        },
                    )?
                    .total;
                    let mut text = format!("{total} bagian cocok\n");
                    for (field, counts) in &facets {
                        text.push_str(&format!("\n{field}:\n"));
                        for (value, n) in counts {
                            text.push_str(&format!("  {n:>6}  {value}\n"));
                        }
                    }
                    emit(&text)?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            let results = search::search(&index, &request)?;
            if json {
                emit(&search::render::to_json_lines(&results))?;
            } else {
                let style = if std::io::stdout().is_terminal() {
                    Highlight::Ansi
                } else {
                    Highlight::Stars
                };
                emit(&search::render::to_text(&results, offset, style, explain))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            index,
            by,
            format,
            lang,
            lexicons,
            output,
            cooccurrence,
            compare,
            quotes,
            top_terms,
        } => {
            let format: Format = format.parse()?;
            let language = language(&lang)?;
            let lexicons = lexicon_set(lexicons.as_deref())?;
            let index = PassageIndex::open(&index, &Analyzer::indonesian())?;
            if format == Format::Xlsx {
                let path = output.ok_or_else(|| {
                    anyhow::anyhow!("--format xlsx writes a file: give --output FILE.xlsx")
                })?;
                let rounds = compare.as_ref().map(|r| (r[0].as_str(), r[1].as_str()));
                let sheets = aspirasi::report::xlsx::report_sheets(
                    &index,
                    &lexicons,
                    by.as_deref(),
                    rounds,
                    language,
                )?;
                aspirasi::report::xlsx::write_workbook(&path, &sheets)?;
                emit(&format!(
                    "{} sheets written to {}\n",
                    sheets.len(),
                    path.display()
                ))?;
                return Ok(ExitCode::SUCCESS);
            }
            if format == Format::Html {
                let report = aspirasi::report::theme_report(&index, &lexicons, by.as_deref())?;
                let matrix = aspirasi::report::views::cooccurrence(&index, &lexicons)?;
                let chosen =
                    aspirasi::report::views::quotes(&index, &lexicons, quotes.unwrap_or(3))?;
                let title = format!("Laporan tema konsultasi ({} bagian)", report.total_passages);
                let page = aspirasi::report::html::render_html(
                    &title, &report, &matrix, &chosen, &lexicons, language,
                );
                match output {
                    Some(path) => std::fs::write(&path, page)
                        .with_context(|| format!("cannot write {}", path.display()))?,
                    None => emit(&page)?,
                }
                return Ok(ExitCode::SUCCESS);
            }
            let views = [
                cooccurrence,
                compare.is_some(),
                quotes.is_some(),
                top_terms.is_some(),
            ];
            if views.iter().filter(|v| **v).count() > 1 {
                anyhow::bail!("choose one of --cooccurrence, --compare, --quotes and --top-terms");
            }
            use aspirasi::report::views;
            let grid_or_json =
                |grid: aspirasi::report::grid::Grid, json: String| -> Result<String> {
                    Ok(match format {
                        Format::Table | Format::Xlsx | Format::Html => grid.to_text(false),
                        Format::Markdown => grid.to_text(true),
                        Format::Csv => grid.to_csv()?,
                        Format::Json => json,
                    })
                };
            let text = if cooccurrence {
                let matrix = views::cooccurrence(&index, &lexicons)?;
                grid_or_json(matrix.grid(), serde_json::to_string_pretty(&matrix)?)?
            } else if let Some(rounds) = compare {
                let comparison = views::compare(&index, &lexicons, &rounds[0], &rounds[1])?;
                grid_or_json(
                    comparison.grid(),
                    serde_json::to_string_pretty(&comparison)?,
                )?
            } else if let Some(per_theme) = top_terms {
                let terms =
                    views::top_terms(&index, &lexicons, &Analyzer::indonesian(), per_theme)?;
                grid_or_json(
                    views::top_terms_grid(&terms, &lexicons),
                    serde_json::to_string_pretty(&terms)?,
                )?
            } else if let Some(per_theme) = quotes {
                let chosen = views::quotes(&index, &lexicons, per_theme)?;
                grid_or_json(
                    views::quotes_grid(&chosen, &lexicons),
                    serde_json::to_string_pretty(&chosen)?,
                )?
            } else {
                let report = aspirasi::report::theme_report(&index, &lexicons, by.as_deref())?;
                render::render(&report, format, language)?
            };
            match output {
                Some(path) => std::fs::write(&path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => emit(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo {
            index,
            by,
            format,
            lang,
        } => {
            let format: Format = format.parse()?;
            let language = language(&lang)?;
            let temporary = tempfile::tempdir().context("cannot create a temporary folder")?;
            let index_dir = index
                .clone()
                .unwrap_or_else(|| temporary.path().join("index"));
            let classifier = classifier(None)?;
            let passage_index = PassageIndex::open_or_create(&index_dir, classifier.analyzer())?;
            let sources = aspirasi::demo::demo_sources()?;
            let ingest = pipeline::ingest_sources(&passage_index, &classifier, sources)?;
            eprint!("{}", ingest_summary(&ingest));
            let report =
                aspirasi::report::theme_report(&passage_index, classifier.lexicons(), Some(&by))?;
            emit(&render::render(&report, format, language)?)?;
            match index {
                Some(dir) => eprintln!(
                    "\nIndeks disimpan di {0}. Coba: aspirasi search \"lansia\" --index {0}",
                    dir.display()
                ),
                None => eprintln!(
                    "\nIndeks sementara dihapus. Simpan dengan: aspirasi demo --index DIR"
                ),
            }
            for error in &ingest.errors {
                eprintln!("aspirasi: error: {error}");
            }
            Ok(if ingest.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Kwic {
            term,
            index,
            width,
            format,
            filters,
        } => {
            let analyzer = Analyzer::indonesian();
            let index = PassageIndex::open(&index, &analyzer)?;
            let filters = filters.pairs();
            let lines = search::kwic::kwic(&index, &analyzer, &term, &filters, width)?;
            match format.as_str() {
                "table" => emit(&search::kwic::to_text(&lines, width))?,
                "csv" => emit(&search::kwic::to_csv(&lines)?)?,
                other => anyhow::bail!("unknown format {other:?}; choose table or csv"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Lexicon { command } => match command {
            LexiconCommand::Check { lexicons, json } => {
                let set = lexicon_set(lexicons.as_deref())?;
                let stemmer = aspirasi::analyse::ecs::EcsStemmer::in_use();
                let findings =
                    aspirasi::classify::check::check(&set, &Analyzer::indonesian(), &stemmer);
                if json {
                    emit(&format!("{}\n", serde_json::to_string_pretty(&findings)?))?;
                } else {
                    let mut text: String = findings.iter().map(|f| format!("{f}\n")).collect();
                    let count = |s| findings.iter().filter(|f| f.severity == s).count();
                    use aspirasi::classify::check::Severity;
                    text.push_str(&format!(
                        "{} lexicons, {} entries: {} errors, {} warnings, {} notes\n",
                        set.lexicons().len(),
                        set.lexicons()
                            .iter()
                            .map(|l| l.all_entries().len())
                            .sum::<usize>(),
                        count(Severity::Error),
                        count(Severity::Warning),
                        count(Severity::Note)
                    ));
                    emit(&text)?;
                }
                let failed = findings
                    .iter()
                    .any(|f| f.severity == aspirasi::classify::check::Severity::Error);
                Ok(if failed {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                })
            }
            LexiconCommand::ImportLiwc { file, out, exact } => {
                let imported = aspirasi::classify::liwc::import_liwc(&file, exact)?;
                let written = aspirasi::classify::liwc::write_lexicons(&imported.lexicons, &out)?;
                let mut text: String = written
                    .iter()
                    .map(|p| format!("  {}\n", p.display()))
                    .collect();
                text.push_str(&format!(
                    "{} lexicons written, {} lines skipped\n",
                    written.len(),
                    imported.skipped.len()
                ));
                emit(&text)?;
                for line in &imported.skipped {
                    eprintln!("aspirasi: skipped: {line}");
                }
                Ok(ExitCode::SUCCESS)
            }
            LexiconCommand::Train {
                gold,
                lexicons,
                out,
                no_cross_validation,
            } => {
                let set = lexicon_set(lexicons.as_deref())?;
                let ids: Vec<&str> = set.lexicons().iter().map(|l| l.id.as_str()).collect();
                let mut files = Vec::new();
                for path in &gold {
                    let passages = aspirasi::classify::eval::read_gold(path, &ids)?;
                    files.push((path.clone(), passages));
                }
                let training = aspirasi::classify::train::train(
                    &set,
                    &Analyzer::indonesian(),
                    &files,
                    !no_cross_validation,
                );
                let mut text = String::new();
                if !training.folds.is_empty() {
                    text.push_str(&format!(
                        "{:<28} {:>7}  {:>22}  {:>22}\n",
                        "ditahan (held out)",
                        "bagian",
                        "leksikon macro/micro",
                        "+ model macro/micro"
                    ));
                    for fold in &training.folds {
                        text.push_str(&format!(
                            "{:<28} {:>7}  {:>12.3} / {:.3}  {:>12.3} / {:.3}\n",
                            fold.held_out,
                            fold.passages,
                            fold.lexicons_macro_f1,
                            fold.lexicons_micro_f1,
                            fold.model_macro_f1,
                            fold.model_micro_f1
                        ));
                    }
                    let mean = |f: fn(&aspirasi::classify::train::Fold) -> f64| {
                        training.folds.iter().map(f).sum::<f64>() / training.folds.len() as f64
                    };
                    text.push_str(&format!(
                        "{:<28} {:>7}  {:>12.3} / {:.3}  {:>12.3} / {:.3}\n",
                        "rata-rata (mean)",
                        "",
                        mean(|f| f.lexicons_macro_f1),
                        mean(|f| f.lexicons_micro_f1),
                        mean(|f| f.model_macro_f1),
                        mean(|f| f.model_micro_f1)
                    ));
                    text.push_str(&format!(
                        "\n{:<28} {:>7}  {:>12}  {:>12}\n",
                        "tema (semua berkas ditahan)", "dukungan", "leksikon F1", "+ model F1"
                    ));
                    for theme in aspirasi::classify::train::pooled_themes(&training.folds) {
                        text.push_str(&format!(
                            "{:<28} {:>7}  {:>12.3}  {:>12.3}\n",
                            theme.theme, theme.support, theme.lexicons_f1, theme.model_f1
                        ));
                    }
                }
                std::fs::write(&out, training.model.to_tsv())
                    .with_context(|| format!("cannot write {}", out.display()))?;
                text.push_str(&format!(
                    "model written to {} (trained on {})\n",
                    out.display(),
                    training.model.trained_on
                ));
                emit(&text)?;
                Ok(ExitCode::SUCCESS)
            }
            LexiconCommand::Suggest {
                theme,
                index,
                lexicons,
                limit,
                min_count,
            } => {
                let classifier = classifier(lexicons.as_deref())?;
                let index = PassageIndex::open(&index, classifier.analyzer())?;
                let suggestions = aspirasi::classify::suggest::suggest(
                    &index,
                    &classifier,
                    &theme,
                    limit,
                    min_count,
                )?;
                let mut text = format!(
                    "{:<32} {:>6} {:>9} {:>6}  contoh\n",
                    "akar / frasa", "dekat", "di luar", "skor"
                );
                for s in &suggestions {
                    text.push_str(&format!(
                        "{:<32} {:>6} {:>9} {:>6.2}  {}\n",
                        s.term, s.near, s.elsewhere, s.score, s.example
                    ));
                }
                emit(&text)?;
                Ok(ExitCode::SUCCESS)
            }
        },
        Command::Eval {
            gold,
            format,
            lexicons,
            examples,
            lexicons_only,
        } => {
            let mut set = lexicon_set(lexicons.as_deref())?;
            if lexicons_only {
                set = set.without_model();
            }
            let classifier = Classifier::new(Analyzer::indonesian(), set);
            let ids: Vec<&str> = classifier
                .lexicons()
                .lexicons()
                .iter()
                .map(|l| l.id.as_str())
                .collect();
            let passages = aspirasi::classify::eval::read_gold(&gold, &ids)?;
            let report = aspirasi::classify::eval::evaluate(&classifier, &passages, examples);
            match format.as_str() {
                "json" => emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?,
                "table" => emit(&aspirasi::classify::eval::to_table(&report))?,
                other => anyhow::bail!("unknown format {other:?}; choose table or json"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            index,
            qdpx,
            qdc,
            name,
            lexicons,
        } => {
            if qdpx.is_none() && qdc.is_none() {
                anyhow::bail!("say what to write: --qdpx FILE.qdpx and/or --qdc FILE.qdc");
            }
            let lexicons = lexicon_set(lexicons.as_deref())?;
            let mut text = String::new();
            if let Some(path) = qdpx {
                let dir = index.ok_or_else(|| anyhow::anyhow!("--qdpx needs --index DIR"))?;
                let passage_index = PassageIndex::open(&dir, &Analyzer::indonesian())?;
                let project = name.unwrap_or_else(|| {
                    path.file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "aspirasi".into())
                });
                let summary =
                    aspirasi::export::qdpx::write_qdpx(&passage_index, &lexicons, &project, &path)?;
                text.push_str(&format!(
                    "{}: {} sumber, {} kasus (penutur), {} kode (tema), {} bagian berkode\n",
                    path.display(),
                    summary.sources,
                    summary.cases,
                    summary.codes,
                    summary.selections
                ));
            }
            if let Some(path) = qdc {
                let codes = aspirasi::export::qdpx::write_qdc(&lexicons, &path)?;
                text.push_str(&format!("{}: {codes} kode (tema)\n", path.display()));
            }
            emit(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            index,
            port,
            host,
            token,
            lexicons,
        } => {
            aspirasi::web::serve(aspirasi::web::ServeOptions {
                index,
                host,
                port,
                token,
                lexicons: lexicon_set(lexicons.as_deref())?,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stem { explain, normalise } => {
            stem_stdin(explain, normalise)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            out,
            megabytes,
            seed,
        } => {
            let generated = aspirasi::synth::generate_round(&out, megabytes * 1_000_000, seed)
                .with_context(|| format!("cannot write {}", out.display()))?;
            emit(&format!(
                "{} files, {} bytes, {} turns in {}\n",
                generated.files,
                generated.bytes,
                generated.turns,
                out.display()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `(field, value)` filters from the options given: every `--theme`, then the others.
/// The metadata filters `search` and `kwic` share.
#[derive(clap::Args, Debug)]
struct FilterArgs {
    /// Only passages with this theme (repeatable: all must hold).
    #[arg(long)]
    theme: Vec<String>,
    #[arg(long)]
    session: Option<String>,
    #[arg(long)]
    stakeholder: Option<String>,
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    round: Option<String>,
    #[arg(long)]
    speaker: Option<String>,
    #[arg(long)]
    organisation: Option<String>,
}

impl FilterArgs {
    /// `(field, value)` pairs for a search request: every theme, then each metadata value set.
    fn pairs(self) -> Vec<(String, String)> {
        let named = [
            ("session", self.session),
            ("stakeholder", self.stakeholder),
            ("region", self.region),
            ("round", self.round),
            ("speaker", self.speaker),
            ("organisation", self.organisation),
        ];
        let themes = self.theme.into_iter().map(|t| ("theme".to_string(), t));
        let metadata = named
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| (name.to_string(), v)));
        themes.chain(metadata).collect()
    }
}

/// `aspirasi stem`: one word a line in, `word<TAB>root` out, in the same order.
fn stem_stdin(explain: bool, normalise: bool) -> Result<()> {
    use std::io::BufRead;
    let stemmer = aspirasi::analyse::ecs::EcsStemmer::in_use();
    let normaliser = aspirasi::analyse::Normaliser::embedded();
    let stdin = std::io::stdin().lock();
    let mut out = String::new();
    for (number, line) in stdin.lines().enumerate() {
        let line =
            line.with_context(|| format!("standard input, line {}: not UTF-8 text", number + 1))?;
        let word = line.trim();
        let lowered = word.to_lowercase();
        let standard = match normaliser.normalise(&lowered) {
            aspirasi::analyse::Normalised::One(standard) if normalise => standard.to_string(),
            aspirasi::analyse::Normalised::Many(words) if normalise => words.join(" "),
            _ => lowered.clone(),
        };
        let mut steps = Vec::new();
        let root = if standard.contains(' ') {
            standard
                .split(' ')
                .map(|w| stemmer.root(w))
                .collect::<Vec<_>>()
                .join(" ")
        } else if explain {
            let (root, trace) = stemmer.explain(&standard);
            steps = trace;
            root
        } else {
            stemmer.root(&standard)
        };
        out.push_str(word);
        out.push('\t');
        out.push_str(&root);
        out.push('\n');
        if explain {
            if standard != lowered {
                out.push_str(&format!("    normalised: {lowered} -> {standard}\n"));
            }
            for step in steps {
                out.push_str(&format!("    {step}\n"));
            }
        }
        if out.len() > 1 << 16 {
            emit(&out)?;
            out.clear();
        }
    }
    emit(&out)
}

/// Writes to standard output; a closed pipe (`aspirasi ... | head`) ends output quietly.
fn emit(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// The ingest summary a person reads.
fn ingest_summary(report: &IngestReport) -> String {
    let mut out = String::new();
    for file in &report.files {
        let status = match file.status {
            FileStatus::Added => "ditambahkan",
            FileStatus::Replaced => "diperbarui",
            FileStatus::Unchanged => "tidak berubah",
            FileStatus::Failed => "GAGAL",
        };
        out.push_str(&format!(
            "  {:<14} {:>5} bagian  {}\n",
            status, file.passages, file.file
        ));
    }
    for (file, why) in &report.skipped {
        out.push_str(&format!(
            "  {:<14} {:>5}         {file} ({why})\n",
            "dilewati", "-"
        ));
    }
    for note in &report.notes {
        out.push_str(&format!("  catatan: {note}\n"));
    }
    if report.has_errors() {
        out.push_str("Galat (berkas atau baris yang tidak dibaca):\n");
        for error in &report.errors {
            out.push_str(&format!("  - {error}\n"));
        }
    }
    out.push_str(&format!(
        "Berkas: {} ditambahkan, {} diperbarui, {} tidak berubah, {} gagal, {} dilewati. \
         Bagian ditulis: {}. Isi indeks: {} bagian. Galat: {}. Waktu: {:.1} s.\n",
        report.count(FileStatus::Added),
        report.count(FileStatus::Replaced),
        report.count(FileStatus::Unchanged),
        report.count(FileStatus::Failed),
        report.skipped.len(),
        report.passages_written(),
        report.passages_in_index,
        report.errors.len(),
        report.seconds
    ));
    out
}
