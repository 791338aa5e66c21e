//! Text written by hand where the formatting machinery would cost more than the work: whole numbers, amounts
//! in fen, dates, and JSON strings. Each writes exactly what its `Display` (or `serde_json`) writes, so that
//! a response is the same text whichever way it was made (`core/tests/json_reading.rs`, the unit tests
//! below).
//!
//! This module depends on nothing else of the crate: messages, money, the readers and the engine use it.

use alloc::string::String;
use core::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

/// The decimal digits of `n` in `buf` ending before `end`; the index of the first digit.
fn digits_u128(n: u128, buf: &mut [u8; 40], end: usize) -> usize {
    // Whole numbers that fit 64 bits (all but the largest) are cut into digits without 128-bit division.
    match u64::try_from(n) {
        Ok(n) => cut_digits(n, buf, end),
        Err(_) => cut_digits(n, buf, end),
    }
}

/// [`digits_u128`] in the width of `T`.
fn cut_digits<T>(mut n: T, buf: &mut [u8; 40], end: usize) -> usize
where
    T: Copy + PartialEq + From<u8> + TryInto<u8> + core::ops::Rem<Output = T> + core::ops::Div<Output = T>,
{
    let (ten, zero) = (T::from(10), T::from(0));
    let mut i = end;
    while let Some(next) = i.checked_sub(1) {
        i = next;
        let d: u8 = (n % ten).try_into().unwrap_or(0);
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + d;
        }
        n = n / ten;
        if n == zero {
            break;
        }
    }
    i
}

fn set(buf: &mut [u8; 40], i: usize, b: u8) {
    if let Some(slot) = buf.get_mut(i) {
        *slot = b;
    }
}

fn push_ascii(out: &mut String, bytes: &[u8]) {
    // The digits and signs written here are ASCII, each a char of its own.
    out.reserve(bytes.len());
    for b in bytes {
        out.push(char::from(*b));
    }
}

/// The index of the first byte of `s` that a JSON string cannot hold as it is: `"`, `\\` or a control
/// character (below 0x20). Eight bytes at a time.
pub fn find_special(s: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut at = 0usize;
    for chunk in s.chunks_exact(8) {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        // A byte below 0x20, or equal to `"` or `\\`, somewhere in the eight: the lowest flag marks the
        // first (a flag can be wrong only above a right one, where a borrow carried).
        let hit = x.wrapping_sub(ONES.wrapping_mul(0x20)) & !x & HIGH
            | zero_byte(x ^ ONES.wrapping_mul(u64::from(b'"')))
            | zero_byte(x ^ ONES.wrapping_mul(u64::from(b'\\')));
        if hit != 0 {
            let byte = usize::try_from(hit.trailing_zeros() / 8).unwrap_or(0);
            return Some(at.saturating_add(byte));
        }
        at = at.saturating_add(8);
    }
    s.get(at..)?
        .iter()
        .position(|b| *b == b'"' || *b == b'\\' || *b < 0x20)
        .map(|i| i.saturating_add(at))
}

/// Appends `n` as `Display` writes it.
pub fn push_u64(out: &mut String, n: u64) {
    let mut buf = [0u8; 40];
    let i = digits_u128(u128::from(n), &mut buf, 40);
    push_ascii(out, buf.get(i..).unwrap_or(&[]));
}

/// Appends `n` as `Display` writes it.
pub fn push_u128(out: &mut String, n: u128) {
    let mut buf = [0u8; 40];
    let i = digits_u128(n, &mut buf, 40);
    push_ascii(out, buf.get(i..).unwrap_or(&[]));
}

/// Appends `n` as `Display` writes it (`-12`).
pub fn push_i128(out: &mut String, n: i128) {
    if n < 0 {
        out.push('-');
    }
    let mut buf = [0u8; 40];
    let i = digits_u128(n.unsigned_abs(), &mut buf, 40);
    push_ascii(out, buf.get(i..).unwrap_or(&[]));
}

/// An amount of `fen` hundredths as a decimal with two decimals (`-1234.05`), at the end of `buf`; the
/// index of its first byte.
fn fen_bytes(fen: i64, buf: &mut [u8; 40]) -> usize {
    let abs = fen.unsigned_abs();
    let frac = u8::try_from(abs % 100).unwrap_or(0);
    set(buf, 37, b'.');
    set(buf, 38, b'0' + frac / 10);
    set(buf, 39, b'0' + frac % 10);
    let mut i = digits_u128(u128::from(abs / 100), buf, 37);
    if fen < 0 {
        i = i.saturating_sub(1);
        set(buf, i, b'-');
    }
    i
}

/// An amount of `fen` hundredths as a decimal with two decimals (`-1234.05`), into `buf`; the text.
pub fn fen_str(fen: i64, buf: &mut [u8; 40]) -> &str {
    let i = fen_bytes(fen, buf);
    core::str::from_utf8(buf.get(i..).unwrap_or(&[])).unwrap_or("")
}

/// Appends an amount of `fen` hundredths with two decimals (`1234.05`, `-0.50`).
pub fn push_fen(out: &mut String, fen: i64) {
    let mut buf = [0u8; 40];
    let i = fen_bytes(fen, &mut buf);
    push_ascii(out, buf.get(i..).unwrap_or(&[]));
}

/// `YYYY-MM-DD` as chrono's `Display` writes it, for the years 0–9999 (`None` for others).
pub fn date_bytes(d: NaiveDate) -> Option<[u8; 10]> {
    let y = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    let two = |n: u32| {
        [
            b'0' + u8::try_from(n / 10 % 10).unwrap_or(0),
            b'0' + u8::try_from(n % 10).unwrap_or(0),
        ]
    };
    let [y0, y1] = two(y / 100);
    let [y2, y3] = two(y);
    let [m0, m1] = two(d.month());
    let [d0, d1] = two(d.day());
    Some([y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1])
}

/// Appends a date as chrono's `Display` writes it (`2023-05-15`).
pub fn push_date(out: &mut String, d: NaiveDate) {
    match date_bytes(d) {
        Some(b) => push_ascii(out, &b),
        None => {
            let _ = write!(out, "{d}");
        }
    }
}

/// For each byte: 0 when it stands as it is in a JSON string, else the letter of its short escape, or `u`.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of bounds is a build error, never a panic"
)]
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x0c] = b'f';
    t[b'\n' as usize] = b'n';
    t[b'\r' as usize] = b'r';
    t[b'\t' as usize] = b't';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Appends `s` as a JSON string, escaped exactly as `serde_json` escapes it (`"` and `\\`, the short escapes
/// `\b \f \n \r \t`, other control characters as `\u00XX`; everything else as it is).
pub fn push_json_str(out: &mut String, s: &str) {
    out.reserve(s.len().saturating_add(2));
    out.push('"');
    push_json_str_contents(out, s);
    out.push('"');
}

/// [`push_json_str`] without the quotes.
pub fn push_json_str_contents(out: &mut String, s: &str) {
    // The text between the bytes to escape is copied at once (all of it, in the common case).
    let mut rest = s;
    while let Some(i) = find_special(rest.as_bytes()) {
        out.push_str(rest.get(..i).unwrap_or(""));
        let b = rest.as_bytes().get(i).copied().unwrap_or(0);
        let e = ESCAPE.get(usize::from(b)).copied().unwrap_or(0);
        out.push('\\');
        if e == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("u00");
            out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
            out.push(char::from(HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0')));
        } else {
            out.push(char::from(e));
        }
        // The byte escaped is ASCII: the text goes on at the next byte.
        rest = rest.get(i.saturating_add(1)..).unwrap_or("");
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn numbers_as_display() {
        for n in [
            0i128,
            1,
            -1,
            9,
            10,
            99,
            100,
            -100,
            12345,
            i128::from(i64::MAX),
            i128::MIN,
            i128::MAX,
        ] {
            let mut s = String::new();
            push_i128(&mut s, n);
            assert_eq!(s, format!("{n}"));
        }
        for n in [0u64, 7, 10, 1_000_000, u64::MAX] {
            let mut s = String::new();
            push_u64(&mut s, n);
            assert_eq!(s, format!("{n}"));
        }
    }

    #[test]
    fn fen_as_decimal_display() {
        for fen in [
            0i64,
            1,
            5,
            10,
            99,
            100,
            105,
            7200,
            123_456,
            -1,
            -50,
            -100,
            -123_456,
            i64::MAX,
            i64::MIN + 1,
        ] {
            let d = rust_decimal::Decimal::new(fen, 2);
            let mut s = String::new();
            push_fen(&mut s, fen);
            assert_eq!(s, format!("{d}"), "{fen}");
        }
    }

    #[test]
    fn escaped_as_serde_json() {
        for t in [
            "",
            "plain",
            "a\"b",
            "\\",
            "\u{0}\u{1}\u{1f}\u{7f}",
            "tab\there\nline\r\u{8}\u{c}",
            "é\"中文\"\\x",
            "\"\"\"\"\"\"\"\"\"x",
        ] {
            let mut out = String::new();
            push_json_str(&mut out, t);
            assert_eq!(Some(out), serde_json::to_string(t).ok());
        }
    }

    #[test]
    fn specials_found() {
        let long = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (i, special) in [(0, '"'), (7, '\\'), (8, '\n'), (15, '\u{1f}'), (30, '"'), (35, '\u{0}')] {
            let mut t = String::from(long);
            t.insert(i, special);
            assert_eq!(find_special(t.as_bytes()), Some(i), "{t:?}");
        }
        assert_eq!(find_special(long.as_bytes()), None);
        assert_eq!(find_special("é中文 ~\u{7f} !#".as_bytes()), None);
        assert_eq!(find_special(b""), None);
        // Every position, every special, among bytes that are near them.
        for special in [b'"', b'\\', 0u8, 0x1f, b'\n'] {
            for len in 1..20usize {
                for at in 0..len {
                    let mut t: alloc::vec::Vec<u8> = (0..len).map(|i| b" !#[]\x7f a".get(i % 8).copied().unwrap_or(b' ')).collect();
                    if let Some(slot) = t.get_mut(at) {
                        *slot = special;
                    }
                    assert_eq!(find_special(&t), t.iter().position(|b| *b == b'"' || *b == b'\\' || *b < 0x20));
                }
            }
        }
    }

    #[test]
    fn dates_as_display() {
        for (y, m, d) in [
            (2023, 5, 15),
            (1990, 1, 1),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 3, 4),
            (812, 10, 9),
        ] {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else { continue };
            let mut s = String::new();
            push_date(&mut s, date);
            assert_eq!(s, format!("{date}"));
        }
    }
}
