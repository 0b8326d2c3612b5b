//! Exports for other tools: the round as a REFI-QDA project (`.qdpx`) that NVivo, ATLAS.ti
//! and MAXQDA open, and the theme codebook alone (`.qdc`).

pub mod qdpx;
