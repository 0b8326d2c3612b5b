//! A plain table of strings, rendered as an aligned terminal table, Markdown or CSV: the one
//! renderer behind every report view.

use std::fmt::Write;

use crate::error::{Error, Result};

/// Headers and rows; the first column (or the first `text_columns`) is text, aligned left,
/// the others numbers, aligned right.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub text_columns: usize,
}

impl Grid {
    pub fn new(headers: Vec<String>) -> Grid {
        Grid {
            headers,
            rows: Vec::new(),
            text_columns: 1,
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned columns (`markdown` adds pipes and a rule).
    pub fn to_text(&self, markdown: bool) -> String {
        let count = |s: &str| s.chars().count();
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|i| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| count(c))
                    .chain([count(&self.headers[i])])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        let line = |cells: &[String], out: &mut String| {
            let padded: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(i, width)| {
                    let cell = cells.get(i).map(String::as_str).unwrap_or("");
                    let pad = width.saturating_sub(count(cell));
                    if i < self.text_columns {
                        format!("{cell}{}", " ".repeat(pad))
                    } else {
                        format!("{}{cell}", " ".repeat(pad))
                    }
                })
                .collect();
            if markdown {
                let _ = writeln!(out, "| {} |", padded.join(" | "));
            } else {
                let _ = writeln!(out, "{}", padded.join("  ").trim_end());
            }
        };
        line(&self.headers, &mut out);
        if markdown {
            let rule: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let dashes = "-".repeat((*w).max(3));
                    if i < self.text_columns {
                        dashes
                    } else {
                        format!("{}:", &dashes[1..])
                    }
                })
                .collect();
            let _ = writeln!(out, "| {} |", rule.join(" | "));
        } else {
            let total: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            let _ = writeln!(out, "{}", "-".repeat(total));
        }
        for row in &self.rows {
            line(row, &mut out);
        }
        out
    }

    /// CSV with the headers as first row.
    pub fn to_csv(&self) -> Result<String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let io = |e: csv::Error| Error::Usage(format!("cannot write CSV: {e}"));
        writer.write_record(&self.headers).map_err(io)?;
        for row in &self.rows {
            writer.write_record(row).map_err(io)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))
    }
}
