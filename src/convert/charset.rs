//! Character sets: the dump's client character set (`SET NAMES x` and the like),
//! whose text is decoded to UTF-8, and the character sets tables and columns declare.

use super::{Converter, C};
use crate::sql::{self, Tokens};

/// The encoding of a MySQL character set whose text must be decoded to UTF-8:
/// `Ok(None)` for UTF-8 itself, ASCII and `binary` (bytes as they are), `Err` for a
/// character set that is not read (multi-byte ones whose second bytes can be `\` or
/// a quote: sjis, big5, gbk…; ucs2, utf16, utf32).
pub fn mysql_charset(name: &str) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    use encoding_rs as e;
    let n = name
        .trim_matches(|c| c == '\'' || c == '"' || c == '`')
        .to_ascii_lowercase();
    Ok(Some(match n.as_str() {
        "utf8" | "utf8mb3" | "utf8mb4" | "ascii" | "binary" | "default" => return Ok(None),
        // MySQL's latin1 is Windows-1252 (its 0x81, 0x8D, 0x8F, 0x90, 0x9D are the C1
        // controls, as in encoding_rs)
        "latin1" | "cp1252" => e::WINDOWS_1252,
        "cp1250" => e::WINDOWS_1250,
        "cp1251" => e::WINDOWS_1251,
        "cp1256" => e::WINDOWS_1256,
        "cp1257" => e::WINDOWS_1257,
        "latin2" => e::ISO_8859_2,
        "latin7" => e::ISO_8859_13,
        "greek" => e::ISO_8859_7,
        "hebrew" => e::ISO_8859_8,
        "koi8r" => e::KOI8_R,
        "koi8u" => e::KOI8_U,
        "cp866" => e::IBM866,
        "macroman" => e::MACINTOSH,
        "tis620" => e::WINDOWS_874,
        "ujis" | "eucjpms" => e::EUC_JP,
        "euckr" => e::EUC_KR,
        _ => return Err(format!("text in the character set {n} is not read")),
    }))
}

/// The character set a MySQL dump's text is written in: `SET NAMES x` sets it (and the
/// one `SET character_set_client = @saved_cs_client` returns to), `SET
/// character_set_client = x` and `SET CHARACTER SET x` change it. `None`: UTF-8.
#[derive(Debug, Default)]
pub(super) struct ClientCharset {
    pub(super) names: Option<&'static encoding_rs::Encoding>,
    pub(super) current: Option<&'static encoding_rs::Encoding>,
}

/// `v` (one value of an INSERT tuple) decoded from `enc` when it is a plain quoted
/// string with bytes outside ASCII; `None` when it stays as it is. Escapes are ASCII in
/// every character set read here, so the escaped form decodes as the text would.
pub(super) fn decoded_value(v: &[u8], enc: &'static encoding_rs::Encoding) -> Option<Vec<u8>> {
    let t = v.trim_ascii();
    if !matches!(t.first(), Some(b'\'' | b'"')) || t.is_ascii() {
        return None;
    }
    let (text, _) = enc.decode_without_bom_handling(t);
    Some(text.into_owned().into_bytes())
}

/// The charset named by `CHARACTER SET x`, `CHARSET x` or `CHARSET=x` among tokens
/// `[from, to)` that `take` accepts, lower case.
pub(super) fn charset_in(
    t: &Tokens<'_>,
    from: usize,
    to: usize,
    take: impl Fn(usize) -> bool,
) -> Option<String> {
    (from..to).filter(|&i| take(i)).find_map(|i| {
        let mut v = if t.is_kw(i, "CHARACTER") && t.is_kw(i + 1, "SET") {
            i + 2
        } else if t.is_kw(i, "CHARSET") {
            i + 1
        } else {
            return None;
        };
        if t.is_punct(v, "=") {
            v += 1;
        }
        (v < to && t.is_ident(v)).then(|| t.name(v).to_lowercase())
    })
}

/// A MySQL charset whose bytes are the UTF-8 ones.
pub(super) fn is_utf8(charset: &str) -> bool {
    charset.starts_with("utf8") || charset == "ascii"
}

impl Converter {
    /// `SET NAMES x`, `SET CHARACTER SET x`, `SET character_set_client = x|@var`.
    pub(super) fn set_charset(&mut self, t: &sql::Tokens<'_>, line: u64) {
        let word = |i: usize| String::from_utf8_lossy(t.text(i)).to_ascii_lowercase();
        let (names, value) = if t.is_kw(1, "NAMES") {
            (true, 2)
        } else if t.is_kw(1, "CHARACTER") && t.is_kw(2, "SET") {
            (false, 3)
        } else if t.is_kw(1, "CHARSET") {
            (false, 2)
        } else {
            // `SET [@@[session.]]character_set_client = x`
            // (the variable assigned, not `SET @OLD=@@CHARACTER_SET_CLIENT`)
            let Some(i) = (1..t.len().min(8)).find(|&i| {
                t.toks[i].kind == sql::Tok::Word
                    && word(i)
                        .trim_start_matches('@')
                        .trim_start_matches("session.")
                        == "character_set_client"
            }) else {
                return;
            };
            let target = (1..i).all(|k| {
                t.is_punct(k, "@")
                    || t.is_punct(k, "@@")
                    || t.is_punct(k, ".")
                    || t.is_kw(k, "SESSION")
            });
            if !target || !t.is_punct(i + 1, "=") {
                return;
            }
            let v = i + 2;
            if t.is_punct(v, "@") || t.text(v).starts_with(b"@") {
                self.charset.current = self.charset.names;
                return;
            }
            (false, v)
        };
        if value >= t.len() || !(t.is_ident(value) || t.toks[value].kind == sql::Tok::Str) {
            return;
        }
        let name = word(value);
        match mysql_charset(&name) {
            Ok(enc) => {
                self.charset.current = enc;
                if names {
                    self.charset.names = enc;
                }
            }
            Err(why) => {
                self.note(&C::VALUE_AS_NULL, &format!("charset@{name}"), line, || {
                    format!("the dump's text is in {name} ({why}): values not in UTF-8 are written as NULL and counted per column")
                });
            }
        }
    }
}
