//! pg_dump archives: writing the custom format (`write`) and the Mendix backup that
//! holds one (`mendix`).

pub mod mendix;
pub mod write;
