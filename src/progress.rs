//! The ingest progress bar on the terminal: files done of all, passages, megabytes per second.
//! Drawn on standard error only when it is a terminal (so pipes, logs and tests stay clean),
//! and only for runs long enough to need one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::pipeline::Progress;

/// A [`Progress`] drawn with `indicatif`.
pub struct TerminalProgress {
    bar: ProgressBar,
    passages: AtomicU64,
    bytes: AtomicU64,
    started: Instant,
}

impl Default for TerminalProgress {
    fn default() -> Self {
        TerminalProgress::new()
    }
}

impl TerminalProgress {
    /// A bar on standard error (hidden when it is not a terminal).
    pub fn new() -> TerminalProgress {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} berkas  {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        TerminalProgress {
            bar,
            passages: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            started: Instant::now(),
        }
    }
}

impl Progress for TerminalProgress {
    fn reading(&self) {
        self.bar.set_message("membaca berkas ...");
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    fn start(&self, files: usize, _bytes: u64) {
        self.bar.set_length(files as u64);
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    fn file_done(&self, bytes: u64, passages: usize) {
        let passages =
            self.passages.fetch_add(passages as u64, Ordering::Relaxed) + passages as u64;
        let bytes = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.inc(1);
        self.bar.set_message(format!(
            "{passages} bagian  {:.1} MB/s",
            bytes as f64 / 1e6 / seconds
        ));
    }

    fn committing(&self) {
        self.bar.set_message("menyimpan indeks (commit) ...");
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
