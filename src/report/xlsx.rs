//! Reports as an Excel workbook: one sheet per table, the header row bold and frozen, numbers
//! stored as numbers (shares as percentages), columns sized to their content. What a planner
//! opens in Excel or LibreOffice.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::grid::Grid;
use super::render::{theme_grid, Language};
use super::views;
use crate::classify::LexiconSet;
use crate::error::{Error, Result};
use crate::index::PassageIndex;

/// Every view of the round as workbook sheets: themes (by `dimension` when given), theme
/// co-occurrence, three quotes per theme, and the comparison of two rounds when asked.
pub fn report_sheets(
    index: &PassageIndex,
    lexicons: &LexiconSet,
    dimension: Option<&str>,
    compare: Option<(&str, &str)>,
    language: Language,
) -> Result<Vec<(&'static str, Grid)>> {
    let report = super::theme_report(index, lexicons, dimension)?;
    let mut sheets = vec![("Tema", theme_grid(&report, language))];
    sheets.push((
        "Ko-kemunculan",
        views::cooccurrence(index, lexicons)?.grid(),
    ));
    let quotes = views::quotes(index, lexicons, 3)?;
    sheets.push(("Kutipan", views::quotes_grid(&quotes, lexicons)));
    let terms = views::top_terms(index, lexicons, &crate::analyse::Analyzer::indonesian(), 15)?;
    sheets.push(("Akar dan frasa", views::top_terms_grid(&terms, lexicons)));
    if let Some((before, after)) = compare {
        sheets.push((
            "Perbandingan",
            views::compare(index, lexicons, before, after)?.grid(),
        ));
    }
    Ok(sheets)
}

/// Writes `sheets` (name, table) into a new workbook at `path`.
pub fn write_workbook(path: &Path, sheets: &[(&str, Grid)]) -> Result<()> {
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Error::Usage(format!("cannot write {}: {e}", path.display()))
    };
    workbook(sheets, &failed)?.save(path).map_err(failed)
}

/// The workbook of `sheets` as the bytes of an .xlsx file.
pub fn workbook_bytes(sheets: &[(&str, Grid)]) -> Result<Vec<u8>> {
    let failed =
        |e: rust_xlsxwriter::XlsxError| Error::Usage(format!("cannot write a workbook: {e}"));
    workbook(sheets, &failed)?.save_to_buffer().map_err(failed)
}

fn workbook(
    sheets: &[(&str, Grid)],
    failed: &dyn Fn(rust_xlsxwriter::XlsxError) -> Error,
) -> Result<Workbook> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold().set_background_color("#DDEBF7");
    let percent = Format::new().set_num_format("0.0%");
    let wrap = Format::new().set_text_wrap();
    for (name, grid) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).map_err(failed)?;
        for (column, title) in grid.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, column as u16, title, &header)
                .map_err(failed)?;
        }
        for (r, row) in grid.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                if let Some(share) = cell.strip_suffix('%').and_then(|n| n.parse::<f64>().ok()) {
                    sheet
                        .write_number_with_format(r, c, share / 100.0, &percent)
                        .map_err(failed)?;
                } else if let (true, Ok(number)) =
                    (usize::from(c) >= grid.text_columns, cell.parse::<f64>())
                {
                    sheet.write_number(r, c, number).map_err(failed)?;
                } else if cell.chars().count() > 80 {
                    sheet
                        .write_string_with_format(r, c, cell, &wrap)
                        .map_err(failed)?;
                } else {
                    sheet.write_string(r, c, cell).map_err(failed)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        sheet.autofit();
        for (c, _) in grid.headers.iter().enumerate() {
            let long = grid
                .rows
                .iter()
                .any(|row| row.get(c).is_some_and(|v| v.chars().count() > 80));
            if long {
                sheet.set_column_width(c as u16, 80).map_err(failed)?;
            }
        }
    }
    Ok(workbook)
}
