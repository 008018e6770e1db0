//! `timestamp with time zone` text to the UTC wall-clock time (what Liferay's
//! PostgreSQL columns without a zone hold): a fast path for whole-hour offsets that
//! stay in the month, and the general calendar arithmetic otherwise.

fn num(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n = 0i64;
    for &b in s {
        n = n * 10 + i64::from(b - b'0');
    }
    Some(n)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `2024-03-01 00:30:00.5+02` → `2024-02-29 22:30:00.5`. Values without an offset
/// and `infinity` are kept; anything else unparsable is None.
pub fn tz_to_utc(v: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(v.len());
    tz_to_utc_into(v, &mut out).then_some(out)
}

/// `+01`, `-05:30`, `+00:09:21` → signed seconds east of UTC.
fn offset_seconds(rest: &[u8]) -> Option<i64> {
    let sign = match rest.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let r = &rest[1..];
    let (h, m, s) = match r.len() {
        2 => (num(r)?, 0, 0),
        5 if r[2] == b':' => (num(&r[..2])?, num(&r[3..5])?, 0),
        8 if r[2] == b':' && r[5] == b':' => (num(&r[..2])?, num(&r[3..5])?, num(&r[6..8])?),
        _ => return None,
    };
    Some(sign * (h * 3600 + m * 60 + s))
}

/// The commonest case, first: `YYYY-MM-DD HH:MM:SS[.ffffff]±HH` (a whole-hour offset)
/// whose shift keeps the month: only the hour changes, and the day when the shift
/// crosses midnight (a day that stays in every month: back from the 2nd to 31st, on
/// from the 1st to 27th). The new day and hour, which [`put_day_hour`] writes into the
/// value without its offset (`n - 3` bytes); None for anything else.
#[inline(always)]
pub fn whole_hour_in_month(v: &[u8]) -> Option<(u8, u8)> {
    let n = v.len();
    let (Some(w0), Some(w1), Some(w2)) = (le64(v, 0), le64(v, 8), le64(v, 11)) else {
        return None;
    };
    if n < 22 || !matches!(v[n - 3], b'+' | b'-') || !(v[10] == b' ' || v[10] == b'T') {
        return None;
    }
    // bytes 0..19 against "YYYY-MM-DD?HH:MM:SS", eight at a time (byte 10 was checked)
    if !(shaped(w0, *b"0000-00-", 0)
        && shaped(w1, *b"00?00:00", 0xFF << 16)
        && shaped(w2, *b"00:00:00", 0))
    {
        return None;
    }
    if n > 22 {
        // `.` and up to 8 digits: the digits are the last `n - 23` of the 8 bytes
        // before the offset
        let frac = n - 23;
        let digits = match (frac, le64(v, n - 11)) {
            (0, _) => true,
            (1..=8, Some(w)) => shaped(w, *b"00000000", !(!0 << (8 * (8 - frac)))),
            _ => v[20..n - 3].iter().all(u8::is_ascii_digit),
        };
        if !(v[19] == b'.' && digits) {
            return None;
        }
    }
    let digit = |i: usize| i64::from(v[i] - b'0');
    let (d, h) = (digit(8) * 10 + digit(9), digit(11) * 10 + digit(12));
    let (mi, sec) = (digit(14) * 10 + digit(15), digit(17) * 10 + digit(18));
    let oh = digits2(v[n - 2], v[n - 1])?;
    let hour = if v[n - 3] == b'+' { h - oh } else { h + oh };
    let (day, hour) = match hour {
        ..0 => (d - 1, hour + 24),
        24.. => (d + 1, hour - 24),
        _ => (d, hour),
    };
    let day_ok = day == d || (2..=31).contains(&d) && (1..=28).contains(&day);
    let ok = h < 24 && mi < 60 && sec < 61 && (0..24).contains(&hour) && day_ok;
    // the day is at most 99, the hour below 24
    ok.then_some((day as u8, hour as u8))
}

/// Write `day` and `hour` into a date-time value that starts at `dst[0]`.
#[inline]
pub fn put_day_hour(dst: &mut [u8], (day, hour): (u8, u8)) {
    if let Some(dh) = dst.get_mut(8..13) {
        dh[0] = b'0' + day / 10;
        dh[1] = b'0' + day % 10;
        dh[3] = b'0' + hour / 10;
        dh[4] = b'0' + hour % 10;
    }
}

/// Eight bytes of `v` from `at`, little-endian.
#[inline(always)]
fn le64(v: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(v.get(at..at + 8)?.try_into().ok()?))
}

/// Whether the eight bytes in `w` match `shape`: an ASCII digit where it has `0`,
/// anything where `free` has 0xFF bytes, the same byte elsewhere.
#[inline(always)]
fn shaped(w: u64, shape: [u8; 8], free: u64) -> bool {
    const LOW: u64 = 0x0F0F_0F0F_0F0F_0F0F;
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const SIX: u64 = 0x0606_0606_0606_0606;
    let digits = shape.map(|b| if b == b'0' { 0xFF } else { 0 });
    let digits = u64::from_le_bytes(digits);
    let x = (w ^ u64::from_le_bytes(shape)) & !free;
    // every digit byte is 0..=9 after the xor with '0', every other byte 0; with the
    // high nibbles all clear, adding 6 carries into one only from 10..=15
    (x & !(digits & LOW)) == 0 && ((x + (digits & SIX)) & HIGH) == 0
}

/// Two ASCII digits as a number.
#[inline]
fn digits2(a: u8, b: u8) -> Option<i64> {
    let (x, y) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    (x < 10 && y < 10).then(|| i64::from(x) * 10 + i64::from(y))
}

#[inline]
fn push2(out: &mut Vec<u8>, n: i64) {
    out.push(b'0' + (n / 10) as u8);
    out.push(b'0' + (n % 10) as u8);
}

/// [`tz_to_utc`] into `out`; false (nothing written) when unparsable.
pub fn tz_to_utc_into(v: &[u8], out: &mut Vec<u8>) -> bool {
    if let Some(dh) = whole_hour_in_month(v) {
        let at = out.len();
        out.extend_from_slice(&v[..v.len() - 3]);
        put_day_hour(&mut out[at..], dh);
        return true;
    }
    if v == b"infinity" || v == b"-infinity" {
        out.extend_from_slice(v);
        return true;
    }
    if v.len() < 19
        || v[4] != b'-'
        || v[7] != b'-'
        || (v[10] != b' ' && v[10] != b'T')
        || v[13] != b':'
        || v[16] != b':'
        || !v[..4]
            .iter()
            .chain(&v[5..7])
            .chain(&v[8..10])
            .all(u8::is_ascii_digit)
    {
        return false;
    }
    let mut i = 19;
    if v.get(i) == Some(&b'.') {
        i += 1;
        while i < v.len() && v[i].is_ascii_digit() {
            i += 1;
        }
    }
    let rest = &v[i..];
    // the common cases: no offset, or UTC
    if rest.is_empty() {
        out.extend_from_slice(v);
        return true;
    }
    if rest == b"+00" || rest == b"+00:00" || rest == b"-00" {
        out.extend_from_slice(&v[..i]);
        return true;
    }
    let frac = &v[19..i];
    // same day after the shift (all but the hours near midnight): only the time moves
    if let (Some(h), Some(mi), Some(sec), Some(off)) = (
        num(&v[11..13]),
        num(&v[14..16]),
        num(&v[17..19]),
        offset_seconds(rest),
    ) {
        let t = h * 3600 + mi * 60 + sec - off;
        if (0..86_400).contains(&t) && h < 24 && mi < 60 && sec < 61 {
            out.extend_from_slice(&v[..11]);
            push2(out, t / 3600);
            out.push(b':');
            push2(out, t % 3600 / 60);
            out.push(b':');
            push2(out, t % 60);
            out.extend_from_slice(frac);
            return true;
        }
    }
    let parsed = (|| {
        let (y, mo, d) = (num(&v[0..4])?, num(&v[5..7])?, num(&v[8..10])?);
        let (h, mi, s) = (num(&v[11..13])?, num(&v[14..16])?, num(&v[17..19])?);
        let sign = match rest[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let mut parts = rest[1..].split(|&b| b == b':');
        let hh = parts.next()?;
        if hh.len() != 2 {
            return None;
        }
        let mut off = num(hh)? * 3600;
        if let Some(p) = parts.next() {
            off += num(p)? * 60;
        }
        if let Some(p) = parts.next() {
            off += num(p)?;
        }
        if parts.next().is_some() {
            return None;
        }
        Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - sign * off)
    })();
    let Some(total) = parsed else { return false };
    let days = total.div_euclid(86_400);
    let secs = total.rem_euclid(86_400);
    let (y2, m2, d2) = civil_from_days(days);
    if !(1..=9999).contains(&y2) {
        return false;
    }
    push2(out, y2 / 100);
    push2(out, y2 % 100);
    out.push(b'-');
    push2(out, m2);
    out.push(b'-');
    push2(out, d2);
    out.push(b' ');
    push2(out, secs / 3600);
    out.push(b':');
    push2(out, secs % 3600 / 60);
    out.push(b':');
    push2(out, secs % 60);
    out.extend_from_slice(frac);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_hour_shape_checked_byte_by_byte() {
        let good = *b"2024-03-15 10:20:30.123456+02";
        let digit = |i: usize| !matches!(i, 4 | 7 | 10 | 13 | 16 | 19);
        // every byte but the offset's (+02: the day only changes when the hour is 0 or 1)
        for i in 0..26 {
            for b in 0..=255u8 {
                let mut v = good;
                v[i] = b;
                let fits = match i {
                    4 | 7 => b == b'-',
                    10 => b == b' ' || b == b'T',
                    13 | 16 => b == b':',
                    19 => b == b'.',
                    _ => b.is_ascii_digit(),
                };
                // the hour, minutes and seconds in range: other digits are not checked
                // (in i32: a byte below '0' would underflow u8 in debug builds)
                let d = |k: usize| i32::from(v[k]) - i32::from(b'0');
                let (h, mi, s) = (d(11) * 10 + d(12), d(14) * 10 + d(15), d(17) * 10 + d(18));
                let in_range = !fits || !digit(i) || (h < 24 && mi < 60 && s < 61);
                let got = whole_hour_in_month(&v);
                assert_eq!(
                    got.is_some(),
                    fits && in_range,
                    "byte {i} = {b:#04x}: {}",
                    String::from_utf8_lossy(&v)
                );
                // (a leap second stays :60 here; the general path carries it into the
                // minute, as PostgreSQL does on input)
                if let Some(dh) = got.filter(|_| s < 60) {
                    let mut fast = v[..v.len() - 3].to_vec();
                    put_day_hour(&mut fast, dh);
                    // the general path, from the same value with a :00 minute offset
                    let mut long = v.to_vec();
                    long.extend_from_slice(b":00");
                    let mut slow = Vec::new();
                    assert!(tz_to_utc_into(&long, &mut slow));
                    assert_eq!(fast, slow, "{}", String::from_utf8_lossy(&v));
                }
            }
        }
    }

    #[test]
    fn whole_hour_fraction_of_any_length() {
        for len in 0..=10 {
            let good = format!("2024-03-15 10:20:30.{}+02", "7".repeat(len));
            let want = format!("2024-03-15 08:20:30.{}", "7".repeat(len));
            let dh = whole_hour_in_month(good.as_bytes());
            assert_eq!(dh, Some((15, 8)), "{good}");
            let mut out = Vec::new();
            assert!(tz_to_utc_into(good.as_bytes(), &mut out));
            assert_eq!(out, want.as_bytes());
            for i in 20..20 + len {
                for b in [b'/', b':', b'a', b'.', b' ', 0xb7] {
                    let mut v = good.clone().into_bytes();
                    v[i] = b;
                    assert_eq!(whole_hour_in_month(&v), None, "{i}: {b:#04x} in {good}");
                }
            }
        }
    }

    #[test]
    fn timestamps_to_utc() {
        let f = |s: &str| tz_to_utc(s.as_bytes()).map(|v| String::from_utf8(v).expect("utf8"));
        let cases: &[(&str, Option<&str>)] = &[
            ("2024-01-02 10:00:00+00", Some("2024-01-02 10:00:00")),
            (
                "2024-01-01 00:30:00.123456+01",
                Some("2023-12-31 23:30:00.123456"),
            ),
            ("2023-12-31 23:00:00-05:30", Some("2024-01-01 04:30:00")),
            ("2024-02-28 23:00:00-01", Some("2024-02-29 00:00:00")),
            ("2024-02-28 23:00:00", Some("2024-02-28 23:00:00")),
            ("1900-01-01 00:09:21+00:09:21", Some("1900-01-01 00:00:00")),
            ("1900-01-01 00:09:20+00:09:21", Some("1899-12-31 23:59:59")),
            ("2024-06-30 12:00:00-07", Some("2024-06-30 19:00:00")),
            (
                "2022-07-25 12:20:36.926227+02",
                Some("2022-07-25 10:20:36.926227"),
            ),
            ("2024-01-01 01:30:00+02", Some("2023-12-31 23:30:00")),
            ("2024-01-01 22:00:00-02", Some("2024-01-02 00:00:00")),
            ("2016-12-31 23:59:60+01", Some("2016-12-31 22:59:60")),
            ("2024-01-01 1x:00:00+02", None),
            ("20x4-01-02 10:00:00+02", None),
            ("2024-0x-02 10:00:00+02", None),
            ("2024-01-02 10:00:00.12a+02", None),
            ("2024-01-02T10:00:00+02", Some("2024-01-02T08:00:00")),
            ("2024-01-02 10:00:00.+02", Some("2024-01-02 08:00:00.")),
            ("2024-01-01 10:00:00+2x", None),
            ("infinity", Some("infinity")),
            ("garbage", None),
            ("0001-01-01 00:00:00+01", None),
        ];
        for (input, want) in cases {
            assert_eq!(f(input).as_deref(), *want, "{input}");
        }
        // every hour against every whole-hour offset, across day, month and year ends
        for (date, day) in [
            ("2024-02-29", 19_782),
            ("2023-12-31", 19_722),
            ("2024-03-01", 19_783),
            ("2023-02-27", days_from_civil(2023, 2, 27)),
            ("2023-02-28", days_from_civil(2023, 2, 28)),
            ("2023-04-30", days_from_civil(2023, 4, 30)),
            ("2023-05-02", days_from_civil(2023, 5, 2)),
            ("2023-01-31", days_from_civil(2023, 1, 31)),
            ("1999-12-01", days_from_civil(1999, 12, 1)),
        ] {
            for h in 0..24 {
                for off in -14i64..=14 {
                    let sign = if off < 0 { '-' } else { '+' };
                    let input = format!("{date} {h:02}:07:09.5{sign}{:02}", off.abs());
                    let total = day * 86_400 + h * 3600 + 7 * 60 + 9 - off * 3600;
                    let (y, m, d) = civil_from_days(total.div_euclid(86_400));
                    let t = total.rem_euclid(86_400);
                    let want = format!(
                        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.5",
                        t / 3600,
                        t % 3600 / 60,
                        t % 60
                    );
                    assert_eq!(f(&input).as_deref(), Some(want.as_str()), "{input}");
                }
            }
        }
    }
}
