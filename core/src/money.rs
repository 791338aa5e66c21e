//! Money: an exact amount of yuan with two decimals (fen). Never a float.

use core::fmt;
use rust_decimal::{Decimal, RoundingStrategy};

/// An amount of money in yuan, exact to the fen (two decimals), never negative in inputs.
///
/// It prints and serialises as a string with exactly two decimals (`"155.00"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

/// How an amount that falls between two fen is brought to the fen. Every rounding in the library
/// names one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// Toward zero: "cut down to the fen" (a cap is never exceeded by rounding).
    Down,
    /// Half away from zero (四舍五入), the usual rounding of Chinese accounting.
    HalfUp,
}

/// The largest amount an input may carry: 999,999,999,999.99 yuan. Larger is `invalid_input`.
pub const MONEY_INPUT_MAX_FEN: i64 = 99_999_999_999_999;

impl Money {
    /// Zero yuan.
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// `fen` hundredths of a yuan (`from_fen(15500)` is 155.00).
    pub const fn from_fen(fen: i64) -> Money {
        let neg = fen < 0;
        let abs = fen.unsigned_abs();
        // Splitting a u64 into the low and middle 32-bit words of the 96-bit mantissa.
        #[allow(clippy::cast_possible_truncation, reason = "the words of a u64, masked by the casts on purpose")]
        let (lo, mid) = (abs as u32, (abs >> 32) as u32);
        Money(Decimal::from_parts(lo, mid, 0, neg, 2))
    }

    /// Whole yuan.
    pub const fn from_yuan(yuan: i64) -> Money {
        Money::from_fen(yuan.saturating_mul(100))
    }

    /// The amount as a decimal (scale 2).
    pub fn to_decimal(self) -> Decimal {
        self.0
    }

    /// The amount in fen, when it fits an `i64` (it always does for amounts this library makes).
    pub fn to_fen(self) -> Option<i64> {
        let m = self.0.mantissa();
        if self.0.scale() == 2 {
            i64::try_from(m).ok()
        } else {
            None
        }
    }

    /// An amount from a decimal with at most two decimals; `None` when it has more.
    pub fn from_decimal(d: Decimal) -> Option<Money> {
        let n = d.normalize();
        if n.scale() > 2 {
            return None;
        }
        let mut v = n;
        v.rescale(2);
        Some(Money(v))
    }

    /// Parses a plain decimal string: digits, optionally a point and one or two decimals.
    /// No sign, no exponent, no spaces; at most [`MONEY_INPUT_MAX_FEN`].
    pub fn parse(s: &str) -> Result<Money, MoneyParseError> {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        if s.starts_with('-') {
            return Err(MoneyParseError::Negative);
        }
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyParseError::NotANumber);
        }
        let frac = frac.unwrap_or("00");
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyParseError::NotANumber);
        }
        if frac.len() > 2 {
            return Err(MoneyParseError::TooManyDecimals);
        }
        let int = int.trim_start_matches('0');
        if int.len() > 13 {
            return Err(MoneyParseError::TooLarge);
        }
        let mut fen: i64 = 0;
        for b in int.bytes().chain(frac.bytes()).chain(core::iter::repeat_n(b'0', 2 - frac.len())) {
            fen = fen
                .checked_mul(10)
                .and_then(|f| f.checked_add(i64::from(b - b'0')))
                .ok_or(MoneyParseError::TooLarge)?;
        }
        if fen > MONEY_INPUT_MAX_FEN {
            return Err(MoneyParseError::TooLarge);
        }
        Ok(Money::from_fen(fen))
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self - other`, `None` on overflow.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// `self - other`, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Money) -> Money {
        match self.0.checked_sub(other.0) {
            Some(d) if d.is_sign_positive() && !d.is_zero() => Money(d),
            _ => Money::ZERO,
        }
    }

    /// `self × n`, `None` on overflow.
    pub fn checked_mul_count(self, n: u64) -> Option<Money> {
        self.0.checked_mul(Decimal::from(n)).map(|d| Money(rescaled(d)))
    }

    /// `self × ratio`, brought to the fen with `rounding`; `None` on overflow.
    pub fn checked_mul_ratio(self, ratio: Decimal, rounding: Rounding) -> Option<Money> {
        let d = self.0.checked_mul(ratio)?;
        let strategy = match rounding {
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        };
        Some(Money(rescaled(d.round_dp_with_strategy(2, strategy))))
    }

    /// Is it zero?
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

fn rescaled(mut d: Decimal) -> Decimal {
    d.rescale(2);
    d
}

impl Money {
    /// The amount in fen when it is written as plain fen (scale 2, not a negative zero): the text of
    /// `Display` can then be written by hand.
    fn plain_fen(self) -> Option<i64> {
        if self.0.scale() != 2 || (self.0.is_zero() && self.0.is_sign_negative()) {
            return None;
        }
        i64::try_from(self.0.mantissa()).ok()
    }

    /// Appends the amount as `Display` writes it (`155.00`).
    pub fn write_to(self, out: &mut alloc::string::String) {
        match self.plain_fen() {
            Some(fen) => crate::text::push_fen(out, fen),
            None => {
                use core::fmt::Write as _;
                let _ = write!(out, "{self}");
            }
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.plain_fen() {
            Some(fen) => s.serialize_str(crate::text::fen_str(fen, &mut [0u8; 40])),
            None => s.collect_str(self),
        }
    }
}

/// Why a string is not an amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyParseError {
    /// Not a plain decimal number.
    NotANumber,
    /// A minus sign.
    Negative,
    /// More than two decimals.
    TooManyDecimals,
    /// Larger than the library accepts.
    TooLarge,
}

impl MoneyParseError {
    /// The message for the person who sent it.
    pub fn message(self) -> &'static str {
        match self {
            MoneyParseError::NotANumber => "is not an amount of money: write yuan as a decimal string such as \"155.00\"",
            MoneyParseError::Negative => "is negative: amounts of money are zero or more",
            MoneyParseError::TooManyDecimals => "has more than two decimals: amounts of money are exact to the fen",
            MoneyParseError::TooLarge => "is too large: amounts of money are at most 999999999999.99",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn written_by_hand_as_display() {
        let mut cases: alloc::vec::Vec<Money> = [0i64, 1, 5, 99, 100, 7200, 8_000_000, -3, -12_345, i64::MAX, i64::MIN]
            .into_iter()
            .map(Money::from_fen)
            .collect();
        // A negative zero and other scales keep the decimal's own `Display`.
        cases.push(Money(Decimal::from_parts(0, 0, 0, true, 2)));
        cases.push(Money(Decimal::new(5, 3)));
        cases.push(Money(Decimal::new(-7, 0)));
        for m in cases {
            let mut s = String::new();
            m.write_to(&mut s);
            assert_eq!(s, format!("{m}"));
            let json = serde_json::to_string(&m).unwrap_or_default();
            assert_eq!(json, format!("\"{m}\""));
        }
    }
}
