//! Theme reports as a terminal table, CSV, JSON and Markdown. Headings are in Bahasa
//! Indonesia by default; [`Language::En`] gives English ones. The CSV is long-form (one row per
//! theme and dimension value) so a spreadsheet pivot table can take it as it is.

use super::grid::Grid;
use super::ThemeReport;
use crate::error::{Error, Result};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
    /// An Excel workbook (written to a file).
    Xlsx,
    /// A self-contained HTML page with charts.
    Html,
}

impl std::str::FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Markdown),
            "xlsx" => Ok(Format::Xlsx),
            "html" => Ok(Format::Html),
            other => Err(Error::Usage(format!(
                "unknown format {other:?}; choose table, csv, json, md, xlsx or html"
            ))),
        }
    }
}

/// Language of labels and headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    Id,
    En,
}

struct Words {
    theme: &'static str,
    passages: &'static str,
    share: &'static str,
    documents: &'static str,
    speakers: &'static str,
    all: &'static str,
    untagged: &'static str,
}

fn words(language: Language) -> Words {
    match language {
        Language::Id => Words {
            theme: "Tema",
            passages: "Bagian",
            share: "% semua",
            documents: "Dokumen",
            speakers: "Penutur",
            all: "Semua bagian",
            untagged: "Tanpa tema",
        },
        Language::En => Words {
            theme: "Theme",
            passages: "Passages",
            share: "% of all",
            documents: "Documents",
            speakers: "Speakers",
            all: "All passages",
            untagged: "No theme",
        },
    }
}

pub(crate) fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Renders a report.
pub fn render(report: &ThemeReport, format: Format, language: Language) -> Result<String> {
    Ok(match format {
        Format::Table => theme_grid(report, language).to_text(false),
        Format::Markdown => theme_grid(report, language).to_text(true),
        Format::Xlsx | Format::Html => {
            return Err(Error::Usage(
                "xlsx and html reports are made from the index with all their views".into(),
            ))
        }
        Format::Csv => csv(report)?,
        Format::Json => serde_json::to_string_pretty(report)
            .map_err(|e| Error::Usage(format!("cannot write JSON: {e}")))?,
    })
}

fn label(row: &super::ThemeRow, language: Language) -> &str {
    match language {
        Language::Id => &row.label,
        Language::En => &row.label_en,
    }
}

/// The theme report as a grid (what the table, Markdown and spreadsheet show).
pub fn theme_grid(report: &ThemeReport, language: Language) -> Grid {
    let w = words(language);
    let mut headers = vec![
        w.theme.to_string(),
        w.passages.to_string(),
        w.share.to_string(),
        w.documents.to_string(),
        w.speakers.to_string(),
    ];
    headers.extend(report.columns.iter().map(|c| c.value.clone()));
    let mut grid = Grid::new(headers);
    for row in &report.themes {
        let mut cells = vec![
            label(row, language).to_string(),
            row.passages.to_string(),
            percent(row.share),
            row.documents.to_string(),
            row.speakers.to_string(),
        ];
        cells.extend(row.cells.iter().map(|c| c.passages.to_string()));
        grid.push(cells);
    }
    let mut untagged = vec![
        w.untagged.to_string(),
        report.untagged_passages.to_string(),
        percent(super::share(
            report.untagged_passages,
            report.total_passages,
        )),
        String::new(),
        String::new(),
    ];
    untagged.extend(report.columns.iter().map(|_| String::new()));
    grid.push(untagged);
    let mut total = vec![
        w.all.to_string(),
        report.total_passages.to_string(),
        percent(1.0),
        report.total_documents.to_string(),
        report.total_speakers.to_string(),
    ];
    total.extend(report.columns.iter().map(|c| c.passages.to_string()));
    grid.push(total);
    grid
}

fn csv(report: &ThemeReport) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::Usage(format!("cannot write CSV: {e}"));
    writer
        .write_record([
            "theme",
            "label",
            "label_en",
            "dimension",
            "value",
            "passages",
            "documents",
            "speakers",
            "share",
        ])
        .map_err(io)?;
    for row in &report.themes {
        writer
            .write_record([
                row.id.as_str(),
                &row.label,
                &row.label_en,
                "all",
                "all",
                &row.passages.to_string(),
                &row.documents.to_string(),
                &row.speakers.to_string(),
                &format!("{:.4}", row.share),
            ])
            .map_err(io)?;
        for cell in &row.cells {
            writer
                .write_record([
                    row.id.as_str(),
                    &row.label,
                    &row.label_en,
                    report.dimension.as_deref().unwrap_or(""),
                    &cell.value,
                    &cell.passages.to_string(),
                    &cell.documents.to_string(),
                    &cell.speakers.to_string(),
                    &format!("{:.4}", cell.share),
                ])
                .map_err(io)?;
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))
}
