//! S002 `bad-archive`, S003 `no-document-library`, S004 `extra-volume-entry`,
//! S005 `unsafe-volume-entry`: the files of a Liferay Cloud upload pair
//! (`database.gz` or `database.tgz`, and `volume.tgz`), read to their end by
//! `check --volume` and `bundle verify` (see [`crate::bundle::verify`]). S001, the
//! pair's size, is in [`super::integrity`].

use crate::finding::{Fix, Meta, Severity};

/// S002: a file of the pair that cannot be read to its end as what it must be.
pub static BAD_ARCHIVE: Meta = Meta {
    code: "S002",
    name: "bad-archive",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "upload file damaged: gzip CRC or size wrong, cut short, not gzip, not one dump",
    doc: r#"## What it does
Reads `volume.tgz` (with `check --volume`, and `bundle verify`) and the database
file (`bundle verify`) to their end: every gzip member's CRC-32 and length must match
its data, the gzip stream and the tar archive must not be cut short, tar headers must
have valid checksums, the volume must be gzip-compressed, and the database file must
hold exactly one dump.

## Why it matters
Liferay Cloud unpacks the files hours after the upload started: a cut or damaged
archive fails the restore then, or restores part of the documents without a word.

## Example
A `volume.tgz` whose upload was interrupted (the gzip stream ends early), or a
`volume.tar` renamed to `volume.tgz` (not gzip-compressed).

## Use instead
Make the file again (`dumpfix bundle`, or `tar -czf volume.tgz document_library`),
and copy it with a tool that checks what it copied.

## Fix safety
Not fixable.
"#,
};

/// S003: the volume has no top-level `document_library/`.
pub static NO_DOCUMENT_LIBRARY: Meta = Meta {
    code: "S003",
    name: "no-document-library",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "volume.tgz without a top-level document_library/",
    doc: r#"## What it does
Checks that `volume.tgz` holds a folder `document_library/` at its top level (a
leading `./`, as `tar -C dir -czf volume.tgz .` writes, counts as top level).

## Why it matters
Liferay Cloud restores the documents from `document_library/`: an archive of the
folder's contents, or of its parent folder, restores none of them.

## Example
`tar -czf volume.tgz -C data/document_library .` (the contents, without the folder),
or `tar -czf volume.tgz license`.

## Use instead
`tar -czf volume.tgz -C data document_library`, or
`dumpfix bundle --document-library data/document_library …`.

## Fix safety
Not fixable.
"#,
};

/// S004: other top-level entries next to `document_library/`.
pub static EXTRA_VOLUME_ENTRY: Meta = Meta {
    code: "S004",
    name: "extra-volume-entry",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "volume.tgz holds top-level entries besides document_library/",
    doc: r#"## What it does
Lists the top-level entries of `volume.tgz` other than `document_library/`, once each.

## Why it matters
Extra folders such as `license/` may follow `document_library/` (Liferay Cloud's
documentation shows it), but anything else is probably there by mistake and takes
upload time and space towards the 2 TB limit.

## Example
`tar -czf volume.tgz document_library license backup-old.zip`

## Use instead
Archive `document_library` and the folders Liferay Cloud expects only
(`dumpfix bundle --document-library DIR --include license`).

## Fix safety
Not fixable.
"#,
};

/// S005: an entry that must not be in the volume.
pub static UNSAFE_VOLUME_ENTRY: Meta = Meta {
    code: "S005",
    name: "unsafe-volume-entry",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "volume.tgz entry with an absolute path, `..`, a link, a device or a FIFO",
    doc: r#"## What it does
Reports every entry of `volume.tgz` that is not a regular file or a folder at a
relative path inside the archive: absolute paths (`/opt/liferay/…`), paths with a
`..` component, symbolic and hard links, character and block devices, FIFOs.

## Why it matters
Such entries write outside the restore folder, point at files that do not exist on
Liferay Cloud, or cannot be created there; the restore fails or loses documents.

## Example
`tar -czf volume.tgz /opt/liferay/data/document_library` made by a tar that keeps
the leading `/` (`-P`), or a document library where `20101` is a symbolic link to
another disk.

## Use instead
Archive relative paths from the folder that holds `document_library`, and copy
linked folders in (`tar -h` follows links; `dumpfix bundle` refuses them).

## Fix safety
Not fixable.
"#,
};
