//! REFI-QDA project export (placeholder until the exporter lands).
