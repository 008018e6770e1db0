//! The values of a MySQL `INSERT` tuple: where each one starts and ends, strings
//! read with or without backslash escapes.

/// Call `f` with each value of a MySQL tuple piece (`,(1,'a\'b',NULL)`), its
/// strings backslash-escaped (MySQL's default sql_mode).
pub fn each_value(t: &[u8], f: impl FnMut(usize, &[u8])) {
    each_value_with(t, true, f);
}

/// [`each_value`] with strings read with backslash escapes (`backslash`) or as
/// under `NO_BACKSLASH_ESCAPES`, where `\` is an ordinary byte (`'C:\'`).
pub fn each_value_with(t: &[u8], backslash: bool, f: impl FnMut(usize, &[u8])) {
    split_values(t, backslash, false, f);
}

/// [`each_value_with`], stopping before the first `/*` outside strings when
/// `stop_at_comment` (the converter then removes MySQL's executable comments and
/// splits again: one pass over the tuple in the usual case). Returns `false` when it
/// stopped there.
pub fn split_values(
    t: &[u8],
    backslash: bool,
    stop_at_comment: bool,
    f: impl FnMut(usize, &[u8]),
) -> bool {
    let Some(open) = memchr::memchr(b'(', t) else {
        return true;
    };
    let how = if stop_at_comment {
        Scan::StopAtComment
    } else {
        Scan::Plain
    };
    !matches!(scan_tuple(t, open, backslash, how, f), TupleEnd::Stopped)
}

/// How [`scan_tuple`] reads the bytes outside strings.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scan {
    /// Every byte but quotes, parentheses and commas is part of a value.
    Plain,
    /// Stop at the first `/*`.
    StopAtComment,
    /// Stop at any byte the splitter could read otherwise than as part of a value:
    /// a comment's start (`/*`, `--`, `#`), a backtick, `*`, `;`, a line end.
    Strict,
}

/// Where [`scan_tuple`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TupleEnd {
    /// After the tuple's closing `)`, at this index.
    Closed(usize),
    /// The bytes ran out inside the tuple.
    Open,
    /// At a byte [`Scan`] stops at.
    Stopped,
}

/// Call `f` with each value of the tuple whose `(` is at `open` in `t`, as
/// [`each_value_with`] does, reading the bytes outside strings as `how` says.
/// (Inlined, so that each caller's `how` is a constant in the loop.)
#[inline(always)]
pub fn scan_tuple(
    t: &[u8],
    open: usize,
    backslash: bool,
    how: Scan,
    mut f: impl FnMut(usize, &[u8]),
) -> TupleEnd {
    let mut i = open + 1;
    let mut start = i;
    let mut field = 0;
    let mut depth = 1u32;
    while i < t.len() {
        match t[i] {
            b'\'' | b'"' => {
                // to the closing quote (a doubled quote inside is read as two strings
                // side by side, which splits the same)
                let q = t[i];
                i += 1;
                match crate::lex::scan::closing_quote(&t[i..], q, backslash) {
                    Some(e) => i += e,
                    None => i = t.len(),
                }
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    f(field, &t[start..i]);
                    return TupleEnd::Closed(i + 1);
                }
            }
            b',' if depth == 1 => {
                f(field, &t[start..i]);
                field += 1;
                start = i + 1;
            }
            b'/' if how != Scan::Plain && t.get(i + 1) == Some(&b'*') => return TupleEnd::Stopped,
            b'`' | b'#' | b'*' | b';' | b'\n' | b'\r' if how == Scan::Strict => {
                return TupleEnd::Stopped
            }
            b'-' if how == Scan::Strict && t.get(i + 1) == Some(&b'-') => return TupleEnd::Stopped,
            _ => {}
        }
        i += 1;
    }
    TupleEnd::Open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_a_tuple() {
        let mut v = Vec::new();
        each_value(b",\n(1,'a\\',b',NULL,f(2,3),_binary 'x\\0')", |i, s| {
            v.push((i, String::from_utf8_lossy(s).into_owned()))
        });
        let got: Vec<_> = v.iter().map(|(i, s)| format!("{i}:{s}")).collect();
        assert_eq!(
            got,
            [
                "0:1",
                "1:'a\\',b'",
                "2:NULL",
                "3:f(2,3)",
                "4:_binary 'x\\0'"
            ]
        );
    }

    #[test]
    fn values_without_backslash_escapes() {
        let mut v = Vec::new();
        each_value_with(b",(1,'C:\\',NULL,'it''s \\'', x','\\0')", false, |i, s| {
            v.push(format!("{i}:{}", String::from_utf8_lossy(s)))
        });
        assert_eq!(
            v,
            ["0:1", "1:'C:\\'", "2:NULL", "3:'it''s \\'', x'", "4:'\\0'"]
        );
        // the same tuple read with escapes runs together
        let mut n = 0;
        each_value(b",(1,'C:\\',NULL,'it''s \\'', x','\\0')", |_, _| n += 1);
        assert_ne!(n, 5);
    }

    #[test]
    fn strict_scan_stops_where_the_splitter_could_read_otherwise() {
        let end = |t: &[u8]| scan_tuple(t, 0, true, Scan::Strict, |_, _| {});
        assert_eq!(end(b"(1,'a;`#--\n\\\\',-2,f(3))x"), TupleEnd::Closed(23));
        for t in [
            &b"(1,`a`)"[..],
            b"(1,# c\n2)",
            b"(1,-- c\n2)",
            b"(1,/* c */2)",
            b"(1,\n2)",
            b"(1,\r\n2)",
            b"(1;2)",
            b"(1*2)",
        ] {
            assert_eq!(end(t), TupleEnd::Stopped, "{}", String::from_utf8_lossy(t));
        }
        assert_eq!(end(b"(1,'a),\n(2,'b"), TupleEnd::Open);
        assert_eq!(end(b"(1,-2"), TupleEnd::Open);
        // the plain reading goes on over all of them
        let plain = scan_tuple(b"(1,`a`,#,--,;,*)", 0, true, Scan::Plain, |_, _| {});
        assert_eq!(plain, TupleEnd::Closed(16));
    }
}
