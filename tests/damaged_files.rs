//! No input makes a reader panic: valid documents of every format, damaged thousands of ways
//! (bytes flipped, cut short, blocks duplicated), go through content sniffing and through every
//! reader; each ends in passages or in an error naming the file.

mod util;

use std::sync::Arc;

use aspirasi::ingest::{reader_for, reader_of, Format, Manifest, SourceFile};
use aspirasi::synth::SplitMix64;
use util::build;

const FORMATS: [Format; 9] = [
    Format::Transcript,
    Format::Markdown,
    Format::Vtt,
    Format::Srt,
    Format::Form,
    Format::Workbook,
    Format::Jsonl,
    Format::Docx,
    Format::Pdf,
];

fn originals() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "a.docx",
            build::docx(&["Moderator: Selamat pagi.", "Bu Ani (Dinsos): Data lansia."]),
        ),
        (
            "b.xlsx",
            build::xlsx(&[&["Nama", "Masukan"], &["Ani", "Bansos tepat sasaran."]]),
        ),
        ("c.pdf", build::pdf(&["Penanya 1: Bagaimana data anak?"])),
        (
            "d.txt",
            "[00:01:02] Budi (Bappeda): Anggaran.\nModerator: Baik.\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "e.srt",
            b"1\n00:00:01,000 --> 00:00:02,000\nAni: halo\n".to_vec(),
        ),
        ("f.jsonl", b"{\"masukan\": \"banjir\"}\n".to_vec()),
        (
            "g.md",
            b"**Moderator:** *mulai*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n".to_vec(),
        ),
        ("h.csv", b"Nama;Masukan\nAni;\"satu\"\n".to_vec()),
        (
            "i.vtt",
            b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ani>halo</v>\n".to_vec(),
        ),
        ("j.txt", build::utf16le("Ani: halo\nBudi: ya\n", true)),
    ]
}

fn damage(bytes: &[u8], rng: &mut SplitMix64) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match rng.below(4) {
        0 => {
            for _ in 0..=rng.below(8) {
                if !out.is_empty() {
                    let at = rng.below(out.len());
                    out[at] = rng.next_u64() as u8;
                }
            }
        }
        1 => out.truncate(rng.below(out.len().max(1))),
        2 => {
            let at = rng.below(out.len().max(1));
            let len = rng.below(64).min(out.len() - at.min(out.len()));
            let block = out[at..at + len].to_vec();
            let to = rng.below(out.len().max(1));
            out.splice(to..to, block);
        }
        _ => {
            let at = rng.below(out.len().max(1));
            out.insert(
                at.min(out.len()),
                [0u8, 0xFF, b'\n', b':', b'<'][rng.below(5)],
            );
        }
    }
    out
}

#[test]
fn damaged_documents_never_panic_a_reader() {
    let manifest = Arc::new(Manifest::default());
    let mut rng = SplitMix64::new(2024);
    let rounds = std::env::var("ASPIRASI_DAMAGE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let (mut read, mut refused) = (0, 0);
    for (name, original) in originals() {
        for _ in 0..rounds {
            let bytes = damage(&original, &mut rng);
            let source = SourceFile::in_memory(name, bytes, manifest.clone());
            if let Ok(choice) = reader_for(&source) {
                let _ = choice.reader.read(&source);
            }
            for format in FORMATS {
                match reader_of(format).read(&source) {
                    Ok(_) => read += 1,
                    Err(error) => {
                        assert!(error.to_string().starts_with(name), "{error}");
                        refused += 1;
                    }
                }
            }
        }
    }
    assert!(read > 0 && refused > 0, "{read} read, {refused} refused");
}
