//! The report as one self-contained HTML page in Bahasa Indonesia: summary figures, a bar
//! chart of themes, a heat map of themes by the chosen dimension, the co-occurrence heat map
//! and representative quotes. Charts are inline SVG, styles inline: no script, no network,
//! so the page opens on an offline office machine and prints as it shows. Every piece of
//! text from the round is escaped.

use std::fmt::Write;

use super::render::{percent, Language};
use super::views::{Cooccurrence, Quote};
use super::{ThemeReport, ThemeRow};
use crate::classify::LexiconSet;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2rem auto;max-width:1100px;color:#1f2933;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:2px solid #d9e2ec;padding-bottom:.3rem}
.muted{color:#627d98;font-size:.9rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1.2rem 0}
.card{background:#f0f4f8;border-radius:6px;padding:.7rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}
table{border-collapse:collapse;font-size:.85rem}
td,th{padding:.25rem .45rem;border:1px solid #d9e2ec;text-align:right}
th{background:#f0f4f8}td:first-child,th:first-child{text-align:left}
blockquote{margin:.6rem 0;padding:.5rem .9rem;border-left:4px solid #2f80ed;background:#f7fafc}
blockquote footer{font-size:.8rem;color:#627d98;margin-top:.3rem}
svg text{font-family:'DejaVu Sans',Arial,sans-serif}
";

pub fn heat_colour(share: f64) -> String {
    // white to deep blue
    let t = share.clamp(0.0, 1.0);
    let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(255.0, 21.0),
        mix(255.0, 101.0),
        mix(255.0, 192.0)
    )
}

pub fn label<'a>(lexicons: &'a LexiconSet, id: &'a str, language: Language) -> &'a str {
    lexicons
        .get(id)
        .map(|l| match language {
            Language::Id => l.label.as_str(),
            Language::En => l.label_en.as_str(),
        })
        .unwrap_or(id)
}

/// The Indonesian name of a report dimension.
pub fn dimension_name(dimension: &str) -> &str {
    match dimension {
        "session" => "sesi",
        "stakeholder" => "kelompok pemangku kepentingan",
        "region" => "provinsi",
        "round" => "putaran konsultasi",
        "organisation" => "instansi",
        "speaker" => "penutur",
        "date" => "tanggal",
        "month" => "bulan",
        "file" => "berkas",
        other => other,
    }
}

/// Horizontal bars: one per theme, length by passages, share written beside it. `link` gives
/// the address a bar leads to (the web app links each bar to its passages), or none.
pub fn bar_chart(
    report: &ThemeReport,
    lexicons: &LexiconSet,
    language: Language,
    link: &dyn Fn(&ThemeRow) -> Option<String>,
) -> String {
    let (label_width, bar_width, row) = (320.0, 560.0, 26.0);
    let height = row * report.themes.len() as f64 + 10.0;
    let max = report
        .themes
        .iter()
        .map(|t| t.passages)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"Jumlah bagian per tema\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\">",
        label_width + bar_width + 120.0,
        label_width + bar_width + 120.0
    );
    for (i, theme) in report.themes.iter().enumerate() {
        let y = i as f64 * row + 5.0;
        let width = bar_width * theme.passages as f64 / max;
        let href = link(theme);
        if let Some(href) = &href {
            let _ = write!(svg, "<a href=\"{}\">", escape(href));
        }
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text>\
             <rect x=\"{label_width}\" y=\"{y}\" width=\"{width:.1}\" height=\"{}\" fill=\"#2f80ed\"><title>{}: {} bagian</title></rect>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#334e68\">{} ({})</text>",
            label_width - 8.0,
            y + 15.0,
            escape(label(lexicons, &theme.id, language)),
            row - 8.0,
            escape(&theme.id),
            theme.passages,
            label_width + width + 6.0,
            y + 15.0,
            theme.passages,
            percent(theme.share)
        );
        if href.is_some() {
            svg.push_str("</a>");
        }
    }
    svg.push_str("</svg>");
    svg
}

/// One cell of a heat map: the number shown, the share (0-1) that colours it, and where it
/// leads, if anywhere.
#[derive(Debug, Clone, Default)]
pub struct HeatCell {
    pub text: String,
    pub share: f64,
    pub href: Option<String>,
}

/// One row of a heat map: its name (linked when `href` is given) and its cells.
#[derive(Debug, Clone, Default)]
pub struct HeatRow {
    pub name: String,
    pub href: Option<String>,
    pub cells: Vec<HeatCell>,
}

fn linked(text: &str, href: Option<&String>) -> String {
    match href {
        Some(href) => format!("<a href=\"{}\">{}</a>", escape(href), escape(text)),
        None => escape(text),
    }
}

/// A table whose cells are coloured by a share (0-1) and show a number.
pub fn heat_table(headers: &[String], rows: &[HeatRow]) -> String {
    let mut html = String::from("<table class=\"heat\"><tr>");
    for header in headers {
        let _ = write!(html, "<th>{}</th>", escape(header));
    }
    html.push_str("</tr>");
    for row in rows {
        let _ = write!(
            html,
            "<tr><td>{}</td>",
            linked(&row.name, row.href.as_ref())
        );
        for cell in &row.cells {
            let colour = if cell.share > 0.55 {
                "#ffffff"
            } else {
                "#102a43"
            };
            let _ = write!(
                html,
                "<td style=\"background:{};color:{colour}\">{}</td>",
                heat_colour(cell.share),
                linked(&cell.text, cell.href.as_ref())
            );
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>");
    html
}

/// The whole page.
pub fn render_html(
    title: &str,
    report: &ThemeReport,
    cooccurrence: &Cooccurrence,
    quotes: &[Quote],
    lexicons: &LexiconSet,
    language: Language,
) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        escape(title)
    );
    let _ = write!(html, "<h1>{}</h1><p class=\"muted\">Dibuat oleh aspirasi dari indeks bagian (passages); setiap angka dihitung tepat dari indeks.</p>", escape(title));
    let _ = write!(
        html,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>bagian</div><div class=\"card\"><b>{}</b>penutur bernama</div><div class=\"card\"><b>{}</b>bagian tanpa tema</div><div class=\"card\"><b>{}</b>tema</div></div>",
        report.total_passages,
        report.total_speakers,
        report.untagged_passages,
        report.themes.len()
    );
    html.push_str("<h2>Tema yang paling sering diangkat</h2><p class=\"muted\">Jumlah bagian yang menyinggung tiap tema, dan persentasenya dari semua bagian.</p>");
    html.push_str(&bar_chart(report, lexicons, language, &|_| None));

    if let Some(dimension) = &report.dimension {
        let _ = write!(
            html,
            "<h2>Tema menurut {}</h2><p class=\"muted\">Isi sel: jumlah bagian; warna: persentase bagian dalam kolom itu yang menyinggung tema.</p>",
            escape(dimension_name(dimension))
        );
        let mut headers = vec!["Tema".to_string()];
        headers.extend(
            report
                .columns
                .iter()
                .map(|c| format!("{} ({})", c.value, c.passages)),
        );
        let rows: Vec<HeatRow> = report
            .themes
            .iter()
            .map(|t| HeatRow {
                name: label(lexicons, &t.id, language).to_string(),
                href: None,
                cells: t
                    .cells
                    .iter()
                    .map(|c| HeatCell {
                        text: format!("{} · {}", c.passages, percent(c.share)),
                        share: c.share,
                        href: None,
                    })
                    .collect(),
            })
            .collect();
        html.push_str(&heat_table(&headers, &rows));
    }

    html.push_str("<h2>Tema yang muncul bersama</h2><p class=\"muted\">Jumlah bagian yang menyinggung kedua tema (kolom bernomor seperti baris); warna: bagian dari tema di baris.</p>");
    let mut headers = vec!["Tema".to_string()];
    headers.extend((1..=cooccurrence.themes.len()).map(|n| n.to_string()));
    let rows: Vec<HeatRow> = cooccurrence
        .themes
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let own = cooccurrence.counts[i][i].max(1) as f64;
            HeatRow {
                name: format!("{} {}", i + 1, label(lexicons, id, language)),
                href: None,
                cells: cooccurrence.counts[i]
                    .iter()
                    .map(|n| HeatCell {
                        text: n.to_string(),
                        share: *n as f64 / own,
                        href: None,
                    })
                    .collect(),
            }
        })
        .collect();
    html.push_str(&heat_table(&headers, &rows));

    html.push_str("<h2>Kutipan yang mewakili</h2>");
    let mut current = "";
    for quote in quotes {
        if quote.theme != current {
            current = &quote.theme;
            let _ = write!(
                html,
                "<h3>{}</h3>",
                escape(label(lexicons, current, language))
            );
        }
        let p = &quote.passage;
        let who = p.meta.who();
        let _ = write!(
            html,
            "<blockquote>{}<footer>{} · {} · {}:{}{}</footer></blockquote>",
            escape(&p.text),
            escape(&who),
            escape(&p.meta.session),
            escape(&p.provenance.file),
            p.provenance.line,
            p.provenance
                .timestamp
                .as_ref()
                .map(|t| format!(" [{}]", escape(t)))
                .unwrap_or_default()
        );
    }
    html.push_str("</body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_colours_shares() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(heat_colour(0.0), "#ffffff");
        assert_eq!(heat_colour(1.0), "#1565c0");
    }
}
