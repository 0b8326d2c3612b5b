//! The shipped demo round (`corpus/renstra-2025-2029/`), embedded in the binary so
//! `aspirasi demo` runs the whole job from any directory with nothing else installed.

use std::path::Path;
use std::sync::Arc;

use crate::error::Result;
use crate::ingest::{Manifest, SourceFile};

/// Folder of the demo round in the repository (used as the provenance path).
pub const DEMO_FOLDER: &str = "corpus/renstra-2025-2029";

macro_rules! demo_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../corpus/renstra-2025-2029/", $name)) as &[u8])),*]
    };
}

const MANIFEST: &str = include_str!("../corpus/renstra-2025-2029/manifest.toml");

const FILES: &[(&str, &[u8])] = demo_files!(
    "01-internal-hari1.txt",
    "02-internal-hari2.txt",
    "03-akademisi.vtt",
    "04-lintas-sektor.txt",
    "05-aspirasi-publik.csv",
);

/// The demo round's data files: name and content.
pub fn demo_files() -> &'static [(&'static str, &'static [u8])] {
    FILES
}

/// The demo round's files as sources, as if read from `corpus/renstra-2025-2029/`.
pub fn demo_sources() -> Result<Vec<SourceFile>> {
    let manifest_path = format!("{DEMO_FOLDER}/manifest.toml");
    let manifest = Arc::new(Manifest::parse(MANIFEST, Path::new(&manifest_path))?);
    Ok(FILES
        .iter()
        .map(|(name, bytes)| SourceFile {
            display_path: format!("{DEMO_FOLDER}/{name}"),
            key: format!("{}/{name}", manifest.round.id),
            relative_path: (*name).to_string(),
            bytes: bytes.to_vec(),
            manifest: Arc::clone(&manifest),
            disk_path: None,
        })
        .collect())
}
