//! Who said a turn and in what setting. Precedence: the manifest's `[speakers]` entry (the
//! bureau's curated record wins over what a transcriber typed), then the turn itself (a form
//! row's columns, `Nama (Instansi):`), the file's entry, the round's defaults, then fixed
//! defaults (session = file name, stakeholder group `tidak_diketahui`).

use super::manifest::UNKNOWN_STAKEHOLDER;
use super::regions::province_or_typed;
use super::{SourceFile, Turn};
use crate::passage::Metadata;

/// Resolves the metadata of one turn of `source`.
pub fn resolve(source: &SourceFile, turn: &Turn) -> Metadata {
    let manifest = &source.manifest;
    let spec = source.spec();
    let speaker_info = turn
        .speaker
        .as_deref()
        .and_then(|name| manifest.speaker(name));
    let session = spec
        .and_then(|s| s.session.clone())
        .or_else(|| manifest.round.session.clone())
        .unwrap_or_else(|| file_stem(&source.relative_path));
    let stakeholder = speaker_info
        .and_then(|i| i.stakeholder.clone())
        .or_else(|| turn.stakeholder.clone())
        .or_else(|| spec.and_then(|s| s.stakeholder.clone()))
        .or_else(|| manifest.round.stakeholder.clone())
        .unwrap_or_else(|| UNKNOWN_STAKEHOLDER.to_string());
    let region = speaker_info
        .and_then(|i| i.region.clone())
        .or_else(|| turn.region.clone())
        .or_else(|| spec.and_then(|s| s.region.clone()))
        .or_else(|| manifest.round.region.clone())
        .map(|r| province_or_typed(&r));
    let organisation = speaker_info
        .and_then(|i| i.organisation.clone())
        .or_else(|| turn.organisation.clone());
    Metadata {
        round: id_value(&manifest.round.id),
        session: id_value(&session),
        date: turn
            .date
            .clone()
            .or_else(|| spec.and_then(|s| s.date.clone())),
        speaker: turn
            .speaker
            .as_deref()
            .map(tidy)
            .filter(|s| !is_anonymous(s)),
        organisation: organisation.as_deref().map(tidy),
        stakeholder: id_value(&stakeholder),
        region,
        district: turn.district.as_deref().map(tidy),
    }
}

/// Ids (round, session, stakeholder group) are lower case with `_` for spaces, so filters
/// and reports never split one group by spelling.
pub fn id_value(value: &str) -> String {
    value
        .trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
}

/// Names people type when they do not want to give one; such passages have no speaker.
fn is_anonymous(name: &str) -> bool {
    const ANONYMOUS: &[&str] = &[
        "anonim",
        "anonymous",
        "hamba allah",
        "tanpa nama",
        "-",
        "no name",
        "n/a",
    ];
    ANONYMOUS.contains(&name.to_lowercase().as_str())
}

fn tidy(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_string()
}
