//! The Liferay Cloud upload pair: `database.gz` (or `database.tgz`) and `volume.tgz`.
//!
//! `dumpfix bundle` writes the pair (the database through `fix`'s pipeline, the
//! document library with [`volume`]), and `dumpfix bundle verify` reads a pair back
//! ([`verify`]). Liferay Cloud's documentation ("Creating a Database Dump", "Stage 2:
//! Creating Data Backup Files"): two files, `volume.tgz` made as
//! `tar -czvf volume.tgz document_library` (folders such as `license/` may follow),
//! MySQL and upgrade flows upload `database.tgz` (a tar holding `database.gz`), the
//! two together at most 2 TB, uploaded with one `curl` call.

pub mod verify;
pub mod volume;

use std::path::Path;

/// The upload call of Liferay Cloud's documentation, with the two files filled in;
/// `<PROJECT>` and `<USER-TOKEN>` stay for the user.
pub fn upload_command(database: &Path, volume: &Path) -> String {
    format!(
        "curl -X POST https://backup-<PROJECT>-prd.lfr.cloud/backup/upload -H 'Authorization: Bearer <USER-TOKEN>' -F {} -F {}",
        shell_quote(&format!("database=@{}", database.display())),
        shell_quote(&format!("volume=@{}", volume.display())),
    )
}

/// `s` in single quotes for a POSIX shell (a `'` inside becomes `'\''`).
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_command_quotes_the_paths() {
        let c = upload_command(Path::new("out/database.gz"), Path::new("it's/volume.tgz"));
        assert!(c.contains("-F 'database=@out/database.gz'"), "{c}");
        assert!(c.contains(r"-F 'volume=@it'\''s/volume.tgz'"), "{c}");
        assert!(c.starts_with("curl -X POST https://backup-<PROJECT>-prd.lfr.cloud/backup/upload"));
    }
}
