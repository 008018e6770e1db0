//! Silencing rules from the dump itself, as Ruff's `# noqa` and squawk's
//! `-- squawk-ignore`: a comment `-- dumpfix-ignore CODE, CODE` in the lines before a
//! statement silences those rules for that statement; `-- dumpfix-ignore-file CODE`
//! anywhere in the dump silences them for the whole dump. The engines own this (the
//! rules only ask [`Ignores::silences`]); codes are matched in any case.

/// The codes one stretch of comments names.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Named {
    /// For the next statement (`dumpfix-ignore`).
    pub next: Vec<String>,
    /// For the whole dump (`dumpfix-ignore-file`).
    pub file: Vec<String>,
}

/// The rule codes that `dumpfix-ignore` and `dumpfix-ignore-file` comments in
/// `bytes` (blanks between statements) name: the words after the marker up to the
/// end of its line, split at commas and blanks, upper-cased.
pub fn named(bytes: &[u8]) -> Named {
    const MARK: &[u8] = b"dumpfix-ignore";
    let mut found = Named::default();
    let mut rest = bytes;
    while let Some(i) = memchr::memmem::find(rest, MARK) {
        let mut after = &rest[i + MARK.len()..];
        let whole_file = after.starts_with(b"-file");
        if whole_file {
            after = &after[b"-file".len()..];
        }
        let end = memchr::memchr(b'\n', after).unwrap_or(after.len());
        let list = String::from_utf8_lossy(&after[..end]);
        for code in list.split(|c: char| c == ',' || c.is_whitespace()) {
            let code = code.trim_end_matches("*/").trim();
            if !code.is_empty() {
                let to = if whole_file {
                    &mut found.file
                } else {
                    &mut found.next
                };
                to.push(code.to_ascii_uppercase());
            }
        }
        rest = &after[end..];
    }
    found
}

/// The codes silenced where a dump is being read.
#[derive(Debug, Default)]
pub struct Ignores {
    /// Named for the next statement.
    next: Vec<String>,
    /// Silenced for the current statement.
    current: Vec<String>,
    /// Silenced for the whole dump.
    file: Vec<String>,
}

impl Ignores {
    /// Blanks between statements: take what their comments name.
    pub fn blank(&mut self, bytes: &[u8]) {
        if memchr::memmem::find(bytes, b"dumpfix-ignore").is_none() {
            return;
        }
        let n = named(bytes);
        self.next.extend(n.next);
        self.file.extend(n.file);
    }

    /// Name `codes` for the next statement, as a comment before it does.
    pub fn name_next(&mut self, codes: &[String]) {
        self.next.extend(codes.iter().cloned());
    }

    /// Silence `codes` for the whole dump, as a `-- dumpfix-ignore-file` comment does.
    pub fn name_file(&mut self, codes: &[String]) {
        self.file.extend(codes.iter().cloned());
    }

    /// The codes silenced for the whole dump so far, in the order they were named.
    pub fn file_codes(&self) -> &[String] {
        &self.file
    }

    /// A statement starts: the codes named before it are silenced for it.
    pub fn statement(&mut self) {
        self.current = std::mem::take(&mut self.next);
    }

    /// The dump ended: what was named for a statement no longer applies (the
    /// end-of-dump findings heed the file-wide form only).
    pub fn end(&mut self) {
        self.current.clear();
        self.next.clear();
    }

    /// The codes named for the statement about to start, taken (for a reader that
    /// ties them to the statement's line itself).
    pub fn take_next(&mut self) -> Vec<String> {
        std::mem::take(&mut self.next)
    }

    /// Whether `code` is silenced for the current statement or the whole dump.
    pub fn silences(&self, code: &str) -> bool {
        self.current
            .iter()
            .chain(&self.file)
            .any(|c| c.eq_ignore_ascii_case(code))
    }

    /// Whether `code` is silenced for the whole dump (a finding made before the
    /// comment was read, or at the end of the dump, is dropped by this).
    pub fn silences_file(&self, code: &str) -> bool {
        self.file.iter().any(|c| c.eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_name_codes_for_the_next_statement_or_the_file() {
        let n = named(b"-- dumpfix-ignore m001, R002\n/* dumpfix-ignore L010 */\n-- dumpfix-ignore-file d001 L090\n-- other\n");
        assert_eq!(n.next, ["M001", "R002", "L010"]);
        assert_eq!(n.file, ["D001", "L090"]);
        assert_eq!(named(b"-- nothing here\n"), Named::default());
    }

    #[test]
    fn a_statement_takes_what_was_named_before_it() {
        let mut ig = Ignores::default();
        ig.blank(b"-- dumpfix-ignore L001\n-- dumpfix-ignore-file L041\n");
        assert!(!ig.silences("L001"), "not before the statement starts");
        ig.statement();
        assert!(ig.silences("l001") && ig.silences("L041"));
        ig.statement();
        assert!(!ig.silences("L001"), "one statement only");
        assert!(ig.silences("L041") && ig.silences_file("L041"));
        assert!(!ig.silences_file("L001"));
    }
}
