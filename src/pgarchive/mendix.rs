//! The Mendix backup archive.
