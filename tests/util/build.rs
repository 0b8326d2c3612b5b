//! Real documents of every format, built in the test from text: DOCX and zip containers with
//! the `zip` crate, XLSX with `rust_xlsxwriter`, text PDFs with `lopdf`, and text in the
//! encodings bureaus send.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

/// A zip container with these entries (name, content), deflated.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        writer
            .start_file(*name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The `word/document.xml` of a document with these paragraphs. A paragraph's text before
/// `: ` is written as a bold run (as minutes do for speakers); `\n` is a line break.
pub fn document_xml(paragraphs: &[&str]) -> String {
    let mut body = String::new();
    for paragraph in paragraphs {
        body.push_str("<w:p>");
        let (bold, rest) = match paragraph.split_once(": ") {
            Some((label, rest)) if label.len() < 60 => (Some(label), rest),
            _ => (None, *paragraph),
        };
        if let Some(label) = bold {
            body.push_str(&format!(
                "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}: </w:t></w:r>",
                escape(label)
            ));
        }
        for (i, line) in rest.split('\n').enumerate() {
            if i > 0 {
                body.push_str("<w:r><w:br/></w:r>");
            }
            body.push_str(&format!(
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(line)
            ));
        }
        body.push_str("</w:p>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

/// A DOCX with these paragraphs (see [`document_xml`]).
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    zip(&[
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document_xml(paragraphs).as_bytes()),
    ])
}

/// An XLSX whose first sheet holds these rows (the first is the header).
pub fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// A one-page text PDF with one line of text per entry (standard Helvetica, ASCII text), its
/// content stream deflated as PDF writers do.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    pdf_padded(lines, 0)
}

/// [`pdf`] with `padding` spaces (harmless between operators) in the deflated content stream:
/// with megabytes of them, a decompression bomb.
pub fn pdf_padded(lines: &[&str], padding: usize) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut operations = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        operations.push(Operation::new("BT", vec![]));
        operations.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
        operations.push(Operation::new(
            "Td",
            vec![50.into(), (780 - 16 * i as i64).into()],
        ));
        operations.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
        operations.push(Operation::new("ET", vec![]));
    }
    let content = Content { operations };
    let mut bytes = content.encode().unwrap();
    bytes.extend(std::iter::repeat_n(b' ', padding));
    let mut stream = Stream::new(dictionary! {}, bytes);
    stream.compress().unwrap();
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    let pages = dictionary! {
        "Type" => "Pages",
        "Kids" => vec![page_id.into()],
        "Count" => 1,
        "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// `text` in UTF-16 little-endian, with or without a byte-order mark.
pub fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// `text` in UTF-16 big-endian with a byte-order mark.
pub fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

/// `text` in Windows-1252 (Latin-1 for its printable characters); panics on characters it
/// cannot hold.
pub fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '—' => 0x97,
            '‘' => 0x91,
            '’' => 0x92,
            '€' => 0x80,
            c if (c as u32) < 0x80 || (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            other => panic!("{other:?} is not in Windows-1252"),
        })
        .collect()
}
