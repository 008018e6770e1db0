//! The MySQL literal → PostgreSQL COPY field converter (`convert::values::to_copy`),
//! on every column kind.
//!
//! Asserts, for the input read as a literal of each kind:
//! * on error nothing is left in the output buffer (what was there before stays);
//! * on success the field is one well-formed COPY text field: no raw tab, newline,
//!   carriage return or NUL; every backslash starts one of the escapes the converter
//!   writes; `\N` only as the whole field; and its value has the shape of its kind
//!   (digits for integers, `t`/`f`, `\x` + hex for bytea, UTF-8 text, …).
//!
//! And for the input read as raw bytes, quoted as mysqldump quotes strings (and as
//! `0x…` hex), text and bytea fields decode back to exactly those bytes (text without
//! its NULs, or an error when it is not UTF-8).

use dumpfix::convert::values::{to_copy, Problem, Stats, ValueKind as Kind};

const PREFIX: &[u8] = b"7\tprev\t";

/// Decode a COPY text field; None for `\N`. Panics on anything the converter must
/// not write.
fn decode(field: &[u8]) -> Option<Vec<u8>> {
    if field == b"\\N" {
        return None;
    }
    let mut v = Vec::with_capacity(field.len());
    let mut i = 0;
    while i < field.len() {
        let b = field[i];
        assert!(
            !matches!(b, b'\t' | b'\n' | b'\r' | 0),
            "raw control byte {b:#04x} in a COPY field: {:?}",
            String::from_utf8_lossy(field)
        );
        if b == b'\\' {
            let e = field.get(i + 1).copied();
            v.push(match e {
                Some(b'\\') => b'\\',
                Some(b'n') => b'\n',
                Some(b'r') => b'\r',
                Some(b't') => b'\t',
                _ => panic!(
                    "bad escape at {i} in COPY field {:?}",
                    String::from_utf8_lossy(field)
                ),
            });
            i += 2;
        } else {
            v.push(b);
            i += 1;
        }
    }
    Some(v)
}

fn is_number(s: &[u8]) -> bool {
    let s = s
        .strip_prefix(b"-")
        .or_else(|| s.strip_prefix(b"+"))
        .unwrap_or(s);
    !s.is_empty()
        && s.iter().any(u8::is_ascii_digit)
        && s.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'-' | b'+'))
}

fn check_shape(k: Kind, v: &[u8], lit: &[u8]) {
    let show = || {
        format!(
            "{:?} as {k:?} → {:?}",
            String::from_utf8_lossy(lit),
            String::from_utf8_lossy(v)
        )
    };
    let ok = match k {
        Kind::Int => {
            let d = v
                .strip_prefix(b"-")
                .or_else(|| v.strip_prefix(b"+"))
                .unwrap_or(v);
            !d.is_empty() && d.iter().all(u8::is_ascii_digit)
        }
        Kind::Year => !v.is_empty() && v.len() <= 4 && v.iter().all(u8::is_ascii_digit),
        Kind::Numeric | Kind::Float => is_number(v),
        Kind::Bool => v == b"t" || v == b"f",
        Kind::Text | Kind::Json => std::str::from_utf8(v).is_ok() && !v.contains(&0),
        Kind::Bytes => {
            v.starts_with(b"\\x")
                && v.len().is_multiple_of(2)
                && v[2..]
                    .iter()
                    .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        }
        Kind::Date => {
            v.len() == 10
                && v[4] == b'-'
                && v[7] == b'-'
                && v.iter().all(|c| c.is_ascii_digit() || *c == b'-')
        }
        Kind::DateTime => {
            v.len() >= 10
                && v[4] == b'-'
                && v[7] == b'-'
                && v.iter()
                    .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b':' | b' ' | b'T' | b'.'))
        }
        Kind::Time => v
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b':' | b'.')),
        Kind::Bit => v.iter().all(|c| matches!(c, b'0' | b'1')),
        Kind::Set => v.starts_with(b"{") && v.ends_with(b"}") && std::str::from_utf8(v).is_ok(),
    };
    assert!(ok, "wrong shape: {}", show());
}

fn convert(lit: &[u8], k: Kind) -> (Result<Vec<u8>, Problem>, Stats) {
    let mut out = PREFIX.to_vec();
    let mut stats = Stats::default();
    let r = to_copy(lit, k, &mut out, &mut stats);
    assert!(
        out.starts_with(PREFIX),
        "the field overwrote what came before"
    );
    let field = out[PREFIX.len()..].to_vec();
    match r {
        Ok(()) => (Ok(field), stats),
        Err(e) => {
            assert!(field.is_empty(), "output left behind on error");
            (Err(e), stats)
        }
    }
}

/// mysqldump's quoting of a string (mysql_real_escape_string).
fn mysql_quote(s: &[u8]) -> Vec<u8> {
    let mut q = vec![b'\''];
    for &b in s {
        match b {
            0 => q.extend_from_slice(b"\\0"),
            b'\n' => q.extend_from_slice(b"\\n"),
            b'\r' => q.extend_from_slice(b"\\r"),
            b'\\' => q.extend_from_slice(b"\\\\"),
            b'\'' => q.extend_from_slice(b"\\'"),
            b'"' => q.extend_from_slice(b"\\\""),
            0x1a => q.extend_from_slice(b"\\Z"),
            _ => q.push(b),
        }
    }
    q.push(b'\'');
    q
}

fn hex(s: &[u8]) -> Vec<u8> {
    const H: &[u8; 16] = b"0123456789abcdef";
    s.iter()
        .flat_map(|&b| [H[usize::from(b >> 4)], H[usize::from(b & 15)]])
        .collect()
}

/// One input (see the module's documentation); panics when an invariant breaks.
pub fn run(data: &[u8]) {
    for k in Kind::ALL {
        let (r, _) = convert(data, k);
        if let Ok(field) = r {
            if let Some(v) = decode(&field) {
                check_shape(k, &v, data);
            }
        }
    }

    // Round trip of mysqldump's own quoting.
    let quoted = mysql_quote(data);
    let no_nul: Vec<u8> = data.iter().copied().filter(|&b| b != 0).collect();
    let utf8 = std::str::from_utf8(data).is_ok();
    for k in [Kind::Text, Kind::Json] {
        let (r, stats) = convert(&quoted, k);
        match r {
            Ok(field) => {
                assert!(utf8, "non-UTF-8 text accepted");
                assert_eq!(decode(&field), Some(no_nul.clone()), "text round trip");
                assert_eq!(stats.nul_removed, (data.len() - no_nul.len()) as u64);
            }
            Err(e) => {
                assert!(!utf8, "UTF-8 text refused: {e:?}");
                assert_eq!(e, Problem::NotUtf8);
            }
        }
    }
    let mut want = b"\\x".to_vec();
    want.extend_from_slice(&hex(data));
    let (r, _) = convert(&quoted, Kind::Bytes);
    assert_eq!(
        r.map(|f| decode(&f)),
        Ok(Some(want.clone())),
        "bytea round trip (quoted)"
    );
    if !data.is_empty() {
        let mut h = b"0x".to_vec();
        h.extend_from_slice(&hex(data).to_ascii_uppercase());
        let (r, _) = convert(&h, Kind::Bytes);
        assert_eq!(
            r.map(|f| decode(&f)),
            Ok(Some(want)),
            "bytea round trip (hex)"
        );
    }
}
