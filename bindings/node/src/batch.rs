//! The batch functions: the core's column kernels and row drivers (`shftu_rules::batch`) over JavaScript
//! columns (typed arrays, arrays of numbers or strings) and arrays of row objects.
//!
//! The binding converts and maps, and decides nothing: a column becomes a slice and a validity bitmap (a
//! typed array is read in place), the kernel answers its result columns and a status per row, and each
//! row's status becomes its error (`status_error`: code and message, in the language asked for). A value
//! that cannot be converted at all (a fraction where a count is due, a date that does not exist) is that
//! row's error, with the core's message for it; the kernel sees the row as null and the conversion error
//! is reported in its place.
//!
//! Each function answers an object of result columns and the rows in error (`errorRows`, `errorCodes`,
//! `errorMessages`), which `index.js` spreads into the `error_code` and `error` columns.

use std::collections::HashMap;
use std::result::Result;

use napi::bindgen_prelude::*;
use napi::{sys, JsValue, ValueType};
use napi_derive::napi;
use shftu_rules::batch::{
    self as kernels, checkup_split, days_from_epoch, e_premium_by_start, hospital_days, reason_of, status_error, tier_code, Bitmap,
    CheckupFen, ClaimRow, Col, HospitalDaysOut, RowStatus, SplitOut, CHECKUP_COLUMNS, E_PREMIUM_COLUMNS, HOSPITAL_COLUMNS, ROW_OK,
};
use shftu_rules::msg::{m, Arg, Lang, Render};
use shftu_rules::mutual_aid::{Claim, ClaimDecision, EnrollInput, Enrollment, Policy, Tier};
use shftu_rules::read::{parse_date, Expected, Kind, Path, ReadCx, Source, Wire};
use shftu_rules::registry::Ctx;
use shftu_rules::shape::{Described, Shape};
use shftu_rules::Error;

use crate::api::{parse_lang, ENGINE};
use crate::convert::{column, element, is_safe_integer, Column, Js, Reader, RowColumns};
use crate::error::{guard, Failure};

/// A fast hash for the ids of a batch (the multiply-and-rotate hash of rustc's `FxHasher`): the ids are the
/// caller's own, and a map of them lives for one call.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(dst) = word.get_mut(..chunk.len()) {
                dst.copy_from_slice(chunk);
            }
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(u64::try_from(n).unwrap_or(u64::MAX));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map of a batch's ids.
type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

// ---- options and errors ------------------------------------------------------------------------------

/// How amounts of money come back: decimal strings (as everywhere else), or whole fen in a
/// `BigInt64Array` (exact, and the fastest to make).
#[derive(Clone, Copy, PartialEq, Eq)]
enum MoneyOut {
    Text,
    Fen,
}

struct BatchOptions {
    edition: Option<String>,
    lang: Lang,
    money: MoneyOut,
    columns: Option<Vec<String>>,
    tier: Option<String>,
}

fn string_option(o: &Object<'_>, key: &str, expected: fn() -> shftu_rules::Msg) -> Result<Option<String>, Failure> {
    let v: Unknown<'_> = o.get_named_property(key)?;
    match v.get_type()? {
        ValueType::Undefined | ValueType::Null => Ok(None),
        ValueType::String => Ok(Some(v.coerce_to_string()?.into_utf8()?.into_owned()?)),
        t => Err(Error::invalid(key, m::read::wrong_type(String::from(key), expected(), kind_of(t))).into()),
    }
}

fn kind_of(t: ValueType) -> Kind {
    match t {
        ValueType::Undefined | ValueType::Null => Kind::Null,
        ValueType::Boolean => Kind::Bool,
        ValueType::Number => Kind::Number,
        ValueType::String => Kind::String,
        ValueType::Object => Kind::Object,
        _ => Kind::Other,
    }
}

fn read_batch_options(options: Option<&Unknown<'_>>) -> Result<BatchOptions, Failure> {
    let mut out = BatchOptions {
        edition: None,
        lang: Lang::En,
        money: MoneyOut::Text,
        columns: None,
        tier: None,
    };
    let Some(o) = options else { return Ok(out) };
    let o = match o.get_type()? {
        ValueType::Undefined | ValueType::Null => return Ok(out),
        ValueType::Object if !o.is_array()? => o.coerce_to_object()?,
        t => return Err(Error::invalid("options", m::read::wrong_type("options", m::read::expected_object(), kind_of(t))).into()),
    };
    out.lang = parse_lang(string_option(&o, "lang", m::engine::expected_lang)?.as_deref())?;
    let fail = |e: Error| Failure::Core(e, shftu_rules::render(out.lang));
    out.edition = string_option(&o, "edition", m::engine::expected_edition).map_err(|f| relang(f, out.lang))?;
    out.tier = string_option(&o, "tier", || Expected::OneOf(Tier::CODES).msg()).map_err(|f| relang(f, out.lang))?;
    const MONEY: &[&str] = &["string", "fen"];
    match string_option(&o, "money", || Expected::OneOf(MONEY).msg())
        .map_err(|f| relang(f, out.lang))?
        .as_deref()
    {
        None | Some("string") => {}
        Some("fen") => out.money = MoneyOut::Fen,
        Some(other) => {
            let codes: Vec<Arg> = MONEY.iter().map(|c| Arg::quoted(c)).collect();
            return Err(fail(Error::invalid(
                "money",
                m::read::not_one_of("money", Arg::quoted(other), codes),
            )));
        }
    }
    let cols: Unknown<'_> = o.get_named_property("columns")?;
    match cols.get_type()? {
        ValueType::Undefined | ValueType::Null => {}
        ValueType::Object if cols.is_array()? => {
            let a = cols.coerce_to_object()?;
            let mut names = Vec::new();
            for i in 0..a.get_array_length()? {
                let v: Unknown<'_> = a.get_element(i)?;
                if v.get_type()? != ValueType::String {
                    let path = format!("columns[{i}]");
                    return Err(fail(Error::invalid(
                        path.clone(),
                        m::read::wrong_type(path, m::read::expected_text(), kind_of(v.get_type()?)),
                    )));
                }
                names.push(v.coerce_to_string()?.into_utf8()?.into_owned()?);
            }
            out.columns = Some(names);
        }
        t => {
            return Err(fail(Error::invalid(
                "columns",
                m::read::wrong_type("columns", m::read::expected_array(), kind_of(t)),
            )))
        }
    }
    Ok(out)
}

/// A failure of the core, to be written in `lang`.
fn relang(f: Failure, lang: Lang) -> Failure {
    match f {
        Failure::Core(e, _) => Failure::Core(e, shftu_rules::render(lang)),
        other => other,
    }
}

/// The rows in error: their index, code and message.
struct RowErrors {
    render: Render<'static>,
    rows: Vec<u32>,
    codes: Vec<&'static str>,
    messages: Vec<String>,
}

impl RowErrors {
    fn new(render: Render<'static>) -> RowErrors {
        RowErrors {
            render,
            rows: Vec::new(),
            codes: Vec::new(),
            messages: Vec::new(),
        }
    }
    fn push(&mut self, row: usize, e: &Error) {
        self.rows.push(u32::try_from(row).unwrap_or(u32::MAX));
        self.codes.push(e.code());
        self.messages.push(e.message(self.render));
    }
    /// The rows' errors: for each row the kernel did not evaluate, the conversion's error when its value
    /// could not be converted (the kernel saw a null there), else the kernel's status.
    fn of_rows(&mut self, status: &[RowStatus], conversion: &HashMap<usize, Error>, columns: &[&'static str]) {
        for (row, st) in status.iter().enumerate() {
            if *st == ROW_OK {
                continue;
            }
            if let Some(e) = conversion.get(&row) {
                self.push(row, e);
            } else if let Some(e) = status_error(*st, row, columns) {
                self.push(row, &e);
            }
        }
    }
    fn write(self, out: &mut Object<'_>, rows: usize) -> napi::Result<()> {
        out.set_named_property("rows", u32::try_from(rows).unwrap_or(u32::MAX))?;
        out.set_named_property("errorRows", Uint32Array::new(self.rows))?;
        out.set_named_property("errorCodes", self.codes)?;
        out.set_named_property("errorMessages", self.messages)?;
        Ok(())
    }
}

struct Setup {
    cx: Ctx<'static>,
    render: Render<'static>,
    opts: BatchOptions,
}

fn setup(options: Option<&Unknown<'_>>) -> Result<Setup, Failure> {
    let opts = read_batch_options(options)?;
    let render = shftu_rules::render(opts.lang);
    let engine: &'static shftu_rules::Engine = &ENGINE;
    let cx = engine.ctx(opts.edition.as_deref()).map_err(|e| Failure::Core(e, render))?;
    let render = cx.edition.render(opts.lang);
    Ok(Setup { cx, render, opts })
}

/// The column `name` of `columns`.
fn get_column<'e>(env: &'e Env, columns: &Object<'e>, name: &str) -> Result<Column<'e>, Failure> {
    let v: Unknown<'e> = columns.get_named_property(name)?;
    Ok(column(env, &v)?)
}

/// `invalid_input` for a column argument that is not a column.
fn not_a_column(name: &str, kind: Kind) -> Error {
    Error::invalid(name, m::read::wrong_type(String::from(name), m::read::expected_array(), kind))
}

fn missing_column(name: &str, expected: Expected) -> Error {
    Error::invalid(name, m::read::required(String::from(name), expected.msg()))
}

/// A validity bitmap of `n` rows, all valid.
fn all_valid(n: usize) -> Vec<u8> {
    vec![0xff; n.div_ceil(8)]
}

fn clear(bits: &mut [u8], i: usize) {
    if let Some(b) = bits.get_mut(i / 8) {
        *b &= !(1 << (i % 8));
    }
}

/// A money column of `n` rows: fen in a `BigInt64Array`, or decimal strings — sent as one text of the
/// amounts separated by newlines (the rows in error empty), which `index.js` splits into the column (and
/// puts null at the rows in error): one string to make instead of a million.
fn money_column(env: &Env, fen: Vec<i64>, mode: MoneyOut) -> napi::Result<Unknown<'_>> {
    match mode {
        MoneyOut::Fen => BigInt64Array::new(fen).into_unknown(env),
        MoneyOut::Text => {
            let mut text = String::with_capacity(fen.len().saturating_mul(8));
            for (i, f) in fen.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                push_yuan(&mut text, *f);
            }
            crate::convert::js_string(env, &text)
        }
    }
}

/// Writes `fen` as the wire contract writes an amount (`"155.00"`, `"-0.50"`): what `Money`'s `Display`
/// writes, without going through a decimal.
fn push_yuan(out: &mut String, fen: i64) {
    use std::fmt::Write as _;
    let a = fen.unsigned_abs();
    let sign = if fen < 0 { "-" } else { "" };
    let _ = write!(out, "{sign}{}.{:02}", a / 100, a % 100);
}

#[cfg(test)]
mod tests {
    use super::push_yuan;
    use shftu_rules::Money;

    #[test]
    fn fen_are_written_as_money_writes_them() {
        for fen in [
            0,
            1,
            5,
            10,
            99,
            100,
            101,
            15_550,
            -1,
            -50,
            -100,
            -15_550,
            99_999_999_999_999,
            i64::MAX,
            i64::MIN + 1,
        ] {
            let mut s = String::new();
            push_yuan(&mut s, fen);
            assert_eq!(s, Money::from_fen(fen).to_string(), "{fen}");
        }
    }
}

// ---- integer and code columns -----------------------------------------------------------------------

/// A whole-number column read from JavaScript: values, validity and the rows that could not be read.
struct Ints {
    values: Vec<i64>,
    validity: Vec<u8>,
    errors: HashMap<usize, Error>,
}

/// Reads a column of whole numbers that is not a typed array the kernels read in place. A null,
/// `undefined` or NaN is a null (a gap); a fraction or a number past the safe integers is the row's error.
fn ints(r: &Reader, col: &Column<'_>, name: &str) -> Ints {
    let n = match col {
        Column::F64(s) => s.len(),
        Column::Ints(v) => v.len(),
        Column::Array(_, n) => usize::try_from(*n).unwrap_or(0),
        Column::I32(s) => s.len(),
        Column::U32(s) => s.len(),
        Column::U8(s) => s.len(),
        Column::Missing | Column::Other(_) => 0,
    };
    let mut out = Ints {
        values: vec![0; n],
        validity: all_valid(n),
        errors: HashMap::new(),
    };
    for i in 0..n {
        let value: Result<Option<i64>, Error> = match col {
            Column::F64(s) => number(s.get(i).copied().unwrap_or(f64::NAN), i, name),
            Column::Ints(v) => match v.get(i).copied().flatten() {
                Some(x) => Ok(Some(x)),
                None => Err(Error::invalid(
                    kernels::row_path(i, name),
                    m::read::not_whole(kernels::row_path(i, name), String::from("?")),
                )),
            },
            Column::I32(s) => Ok(s.get(i).map(|x| i64::from(*x))),
            Column::U32(s) => Ok(s.get(i).map(|x| i64::from(*x))),
            Column::U8(s) => Ok(s.get(i).map(|x| i64::from(*x))),
            Column::Array(a, _) => match element(r, *a, u32::try_from(i).unwrap_or(u32::MAX)) {
                None => Ok(None),
                Some(js) => match js.kind() {
                    Kind::Null => Ok(None),
                    Kind::Number => number(js.as_number().unwrap_or(f64::NAN), i, name),
                    k => {
                        let p = kernels::row_path(i, name);
                        Err(Error::invalid(p.clone(), m::read::wrong_type(p, Expected::Count.msg(), k)))
                    }
                },
            },
            Column::Missing | Column::Other(_) => Ok(None),
        };
        match value {
            Ok(Some(v)) => {
                if let Some(slot) = out.values.get_mut(i) {
                    *slot = v;
                }
            }
            Ok(None) => clear(&mut out.validity, i),
            Err(e) => {
                clear(&mut out.validity, i);
                out.errors.insert(i, e);
            }
        }
    }
    out
}

fn number(d: f64, row: usize, name: &str) -> Result<Option<i64>, Error> {
    if d.is_nan() {
        return Ok(None);
    }
    if is_safe_integer(d) {
        #[allow(clippy::cast_possible_truncation, reason = "a safe integer fits an i64 exactly")]
        return Ok(Some(d as i64));
    }
    let p = kernels::row_path(row, name);
    Err(Error::invalid(p.clone(), m::read::number_float(p, format!("{d}"))))
}

/// Reads a column of codes (strings: the codes or the catalogue's other names) as the kernels' numbers:
/// `code_of` gives a name's number (`None`: 255, which no kernel knows). A `Uint8Array` holds the numbers
/// already. A null is a null; what is not a string is the row's error.
fn codes(r: &Reader, col: &Column<'_>, name: &str, codes: &'static [&'static str], code_of: impl Fn(&str) -> Option<u8>) -> Ints {
    let n = match col {
        Column::Array(_, n) => usize::try_from(*n).unwrap_or(0),
        Column::U8(s) => s.len(),
        _ => 0,
    };
    let mut out = Ints {
        values: vec![0; n],
        validity: all_valid(n),
        errors: HashMap::new(),
    };
    for i in 0..n {
        let v = match col {
            Column::U8(s) => Ok(s.get(i).map(|x| i64::from(*x))),
            Column::Array(a, _) => match element(r, *a, u32::try_from(i).unwrap_or(u32::MAX)) {
                None => Ok(None),
                Some(js) => match js.kind() {
                    Kind::Null => Ok(None),
                    Kind::String => Ok(Some(js.as_str().and_then(|s| code_of(&s)).map_or(255, i64::from))),
                    k => {
                        let p = kernels::row_path(i, name);
                        Err(Error::invalid(p.clone(), m::read::wrong_type(p, Expected::OneOf(codes).msg(), k)))
                    }
                },
            },
            _ => Ok(None),
        };
        match v {
            Ok(Some(x)) => {
                if let Some(slot) = out.values.get_mut(i) {
                    *slot = x;
                }
            }
            Ok(None) => clear(&mut out.validity, i),
            Err(e) => {
                clear(&mut out.validity, i);
                out.errors.insert(i, e);
            }
        }
    }
    out
}

fn as_u8(values: &[i64]) -> Vec<u8> {
    values.iter().map(|v| u8::try_from(*v).unwrap_or(u8::MAX)).collect()
}

fn tier_of(name: &str) -> Option<u8> {
    let code = Tier::parse(name).or_else(|| shftu_rules::msg::alias(Tier::KIND, name).and_then(Tier::parse))?;
    Some(tier_code(code))
}

// ---- checkup.quote ----------------------------------------------------------------------------------

/// `checkup.quote` per row over columns `{ package, count? }`: a package column (codes or the catalogue's
/// names; or a `Uint8Array` of package numbers, the codes' order in `describe()`) and a count column (a
/// typed array or an array of numbers; without one, one checkup a row). Options: `edition`, `lang`,
/// `money` (`'string'` or `'fen'`), `columns` (which of `unit_price`, `price`, `subsidy`, `payable`).
#[napi]
pub fn batch_checkup_quote<'e>(env: &'e Env, columns: Object<'e>, options: Option<Unknown<'e>>) -> napi::Result<Object<'e>> {
    guard(env, || {
        let Setup { cx, render, opts } = setup(options.as_ref())?;
        let fail = |e: Error| Failure::Core(e, render);
        let table = CheckupFen::new(cx.edition).map_err(fail)?;
        let reader = Reader::new(env);
        let package_col = get_column(env, &columns, "package")?;
        let package_codes = shftu_rules::checkup::Package::CODES;
        // A Uint8Array of package numbers is read in place; names are looked up.
        let package = match &package_col {
            Column::Missing => return Err(fail(missing_column("package", Expected::OneOf(package_codes)))),
            Column::U8(_) => Ints {
                values: Vec::new(),
                validity: Vec::new(),
                errors: HashMap::new(),
            },
            Column::Array(..) => codes(&reader, &package_col, "package", package_codes, CheckupFen::code_of),
            Column::Other(k) => return Err(fail(not_a_column("package", *k))),
            _ => return Err(fail(not_a_column("package", Kind::Number))),
        };
        let count = get_column(env, &columns, "count")?;
        if let Column::Other(k) = count {
            return Err(fail(not_a_column("count", k)));
        }
        reader.finish()?;
        let looked_up = as_u8(&package.values);
        let pkg = match &package_col {
            Column::U8(s) => Col::dense(s),
            _ => Col {
                values: &looked_up,
                validity: Some(Bitmap {
                    bytes: &package.validity,
                    offset: 0,
                }),
            },
        };
        let n = pkg.len();
        let wanted = opts
            .columns
            .clone()
            .unwrap_or_else(|| ["unit_price", "price", "subsidy", "payable"].map(String::from).to_vec());
        const OUTPUTS: &[&str] = &["unit_price", "price", "subsidy", "payable"];
        for (i, w) in wanted.iter().enumerate() {
            if !OUTPUTS.contains(&w.as_str()) {
                let path = format!("columns[{i}]");
                let codes: Vec<Arg> = OUTPUTS.iter().map(|c| Arg::quoted(c)).collect();
                return Err(fail(Error::invalid(path.clone(), m::read::not_one_of(path, Arg::quoted(w), codes))));
            }
        }
        let want = |c: &str| wanted.iter().any(|w| w == c);
        let mut cols: [Vec<i64>; 4] = std::array::from_fn(|k| {
            if want(OUTPUTS.get(k).copied().unwrap_or("")) {
                vec![0; n]
            } else {
                Vec::new()
            }
        });
        let mut status: Vec<RowStatus> = vec![0; n];
        let [unit_price, price, subsidy, payable] = &mut cols;
        let out = SplitOut {
            unit_price: want("unit_price").then_some(unit_price.as_mut_slice()),
            price: want("price").then_some(price.as_mut_slice()),
            subsidy: want("subsidy").then_some(subsidy.as_mut_slice()),
            payable: want("payable").then_some(payable.as_mut_slice()),
        };
        let mut conversion: HashMap<usize, Error> = package.errors;
        // Typed arrays of 32-bit and 8-bit integers are read in place; other columns are converted.
        let r = match &count {
            Column::Missing => checkup_split::<i64, i64>(&table, pkg, None, out, &mut status),
            Column::I32(s) => checkup_split(&table, pkg, Some(Col::dense(s)), out, &mut status),
            Column::U32(s) => checkup_split(&table, pkg, Some(Col::dense(s)), out, &mut status),
            Column::U8(s) => checkup_split(&table, pkg, Some(Col::dense(s)), out, &mut status),
            other => {
                let c = ints(&reader, other, "count");
                reader.finish()?;
                for (row, e) in c.errors {
                    conversion.entry(row).or_insert(e);
                }
                let col = Col {
                    values: &c.values,
                    validity: Some(Bitmap {
                        bytes: &c.validity,
                        offset: 0,
                    }),
                };
                checkup_split(&table, pkg, Some(col), out, &mut status)
            }
        };
        r.map_err(fail)?;
        let mut errors = RowErrors::new(render);
        errors.of_rows(&status, &conversion, CHECKUP_COLUMNS);
        let mut result = Object::new(env)?;
        for (k, name) in OUTPUTS.iter().enumerate() {
            if want(name) {
                let fen = std::mem::take(cols.get_mut(k).ok_or_else(|| napi::Error::from_reason("column"))?);
                result.set_named_property(name, money_column(env, fen, opts.money)?)?;
            }
        }
        errors.write(&mut result, n)?;
        Ok(result)
    })
}

// ---- the tier E premium -----------------------------------------------------------------------------

/// The tier E premium by cover start over columns `{ coverage_start }`: ISO dates (strings; null for a
/// gap) or an `Int32Array` of days since 1970-01-01 (Arrow's date32). Options: `edition`, `lang`, `money`.
#[napi]
pub fn batch_e_premium<'e>(env: &'e Env, columns: Object<'e>, options: Option<Unknown<'e>>) -> napi::Result<Object<'e>> {
    guard(env, || {
        let Setup { cx, render, opts } = setup(options.as_ref())?;
        let fail = |e: Error| Failure::Core(e, render);
        let reader = Reader::new(env);
        let name = "coverage_start";
        let start = get_column(env, &columns, name)?;
        let mut conversion: HashMap<usize, Error> = HashMap::new();
        let owned: (Vec<i32>, Vec<u8>);
        let col: Col<'_, i32> = match &start {
            Column::Missing => return Err(fail(missing_column(name, Expected::Date))),
            Column::Other(k) => return Err(fail(not_a_column(name, *k))),
            Column::I32(s) => Col::dense(s),
            Column::Array(a, n) => {
                let n = usize::try_from(*n).unwrap_or(0);
                let (mut days, mut valid) = (vec![0i32; n], all_valid(n));
                for i in 0..n {
                    let js = element(&reader, *a, u32::try_from(i).unwrap_or(u32::MAX));
                    let p = kernels::row_path(i, name);
                    let d = match js.as_ref().map(|j| (j.kind(), j.as_str())) {
                        None | Some((Kind::Null, _)) => Ok(None),
                        Some((Kind::String, Some(s))) => parse_date(&s)
                            .map(|d| Some(days_from_epoch(d)))
                            .ok_or_else(|| Error::invalid(p.clone(), m::read::not_a_date(p.clone(), Arg::quoted(&s)))),
                        Some((k, _)) => Err(Error::invalid(p.clone(), m::read::wrong_type(p.clone(), Expected::Date.msg(), k))),
                    };
                    match d {
                        Ok(Some(x)) => {
                            if let Some(slot) = days.get_mut(i) {
                                *slot = x;
                            }
                        }
                        Ok(None) => clear(&mut valid, i),
                        Err(e) => {
                            clear(&mut valid, i);
                            conversion.insert(i, e);
                        }
                    }
                }
                owned = (days, valid);
                Col {
                    values: &owned.0,
                    validity: Some(Bitmap {
                        bytes: &owned.1,
                        offset: 0,
                    }),
                }
            }
            _ => return Err(fail(not_a_column(name, Kind::Number))),
        };
        reader.finish()?;
        let n = col.len();
        let mut premium = vec![0i64; n];
        let mut status: Vec<RowStatus> = vec![0; n];
        e_premium_by_start(cx.edition, col, &mut premium, &mut status).map_err(fail)?;
        let mut errors = RowErrors::new(render);
        errors.of_rows(&status, &conversion, E_PREMIUM_COLUMNS);
        let mut result = Object::new(env)?;
        result.set_named_property("premium", money_column(env, premium, opts.money)?)?;
        errors.write(&mut result, n)?;
        Ok(result)
    })
}

// ---- hospital-day benefits --------------------------------------------------------------------------

/// A policy's id, as the host gives it: a string or a whole number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    Int(i64),
    Text(String),
}

/// The policy id of a JavaScript value; `None` for a null; `Err` for what is not an id.
fn key_of(js: Option<&Js<'_>>, row: usize, name: &str) -> Result<Option<Key>, Error> {
    let p = kernels::row_path(row, name);
    match js.map(|j| (j.kind(), j)) {
        None | Some((Kind::Null, _)) => Ok(None),
        Some((Kind::String, j)) => Ok(j.as_str().map(|s| Key::Text(s.into_owned()))),
        Some((Kind::Number, j)) => match j.as_number() {
            Some(d) if is_safe_integer(d) => {
                #[allow(clippy::cast_possible_truncation, reason = "a safe integer fits an i64 exactly")]
                let i = d as i64;
                Ok(Some(Key::Int(i)))
            }
            _ => Err(Error::invalid(
                p.clone(),
                m::read::number_float(p, j.number_text().map(|t| t.into_owned()).unwrap_or_default()),
            )),
        },
        Some((k, _)) => Err(Error::invalid(p.clone(), m::read::wrong_type(p, m::read::expected_text(), k))),
    }
}

/// The policies of a `policy_id` column as dense numbers (in order of first appearance), their validity,
/// the rows whose id is not an id, and how many policies there are. A typed array of small whole
/// numbers is numbered through a table, anything else through a map.
fn dense_ids(reader: &Reader, ids: &Column<'_>) -> (Vec<u32>, Vec<u8>, HashMap<usize, Error>, usize) {
    let n = match ids {
        Column::Array(_, n) => usize::try_from(*n).unwrap_or(0),
        Column::I32(s) => s.len(),
        Column::U32(s) => s.len(),
        Column::U8(s) => s.len(),
        Column::F64(s) => s.len(),
        Column::Ints(v) => v.len(),
        Column::Missing | Column::Other(_) => 0,
    };
    let mut policy = vec![0u32; n];
    let mut valid = all_valid(n);
    let mut errors = HashMap::new();
    let small: Option<Vec<u64>> = match ids {
        Column::U32(s) => Some(s.iter().map(|x| u64::from(*x)).collect()),
        Column::U8(s) => Some(s.iter().map(|x| u64::from(*x)).collect()),
        Column::I32(s) if s.iter().all(|x| *x >= 0) => Some(s.iter().map(|x| u64::try_from(*x).unwrap_or(0)).collect()),
        _ => None,
    };
    if let Some(values) = small {
        let max = values.iter().copied().max().unwrap_or(0);
        if max <= u64::try_from(n.saturating_mul(4).saturating_add(1024)).unwrap_or(u64::MAX) {
            let mut table = vec![u32::MAX; usize::try_from(max).unwrap_or(0).saturating_add(1)];
            let mut next = 0u32;
            for (slot, v) in policy.iter_mut().zip(&values) {
                if let Some(t) = table.get_mut(usize::try_from(*v).unwrap_or(usize::MAX)) {
                    if *t == u32::MAX {
                        *t = next;
                        next = next.saturating_add(1);
                    }
                    *slot = *t;
                }
            }
            return (policy, valid, errors, usize::try_from(next).unwrap_or(0));
        }
    }
    let mut dense: FxMap<Key, u32> = FxMap::default();
    for i in 0..n {
        let key = match ids {
            Column::Array(a, _) => key_of(element(reader, *a, u32::try_from(i).unwrap_or(u32::MAX)).as_ref(), i, "policy_id"),
            Column::I32(s) => Ok(s.get(i).map(|x| Key::Int(i64::from(*x)))),
            Column::U32(s) => Ok(s.get(i).map(|x| Key::Int(i64::from(*x)))),
            Column::U8(s) => Ok(s.get(i).map(|x| Key::Int(i64::from(*x)))),
            Column::Ints(v) => Ok(v.get(i).copied().flatten().map(Key::Int)),
            Column::F64(s) => number(s.get(i).copied().unwrap_or(f64::NAN), i, "policy_id").map(|o| o.map(Key::Int)),
            Column::Missing | Column::Other(_) => Ok(None),
        };
        match key {
            Ok(Some(k)) => {
                let next = u32::try_from(dense.len()).unwrap_or(u32::MAX);
                let id = *dense.entry(k).or_insert(next);
                if let Some(slot) = policy.get_mut(i) {
                    *slot = id;
                }
            }
            Ok(None) => clear(&mut valid, i),
            Err(e) => {
                clear(&mut valid, i);
                errors.insert(i, e);
            }
        }
    }
    let count = dense.len();
    (policy, valid, errors, count)
}

/// A column of days as the kernel reads it (`u32`): a negative number or one past `u32::MAX` is the row's
/// error, as the typed rule reads a count.
fn day_column(reader: &Reader, col: &Column<'_>) -> (Vec<u32>, Vec<u8>, HashMap<usize, Error>) {
    if let Column::U32(s) = col {
        return (s.to_vec(), all_valid(s.len()), HashMap::new());
    }
    let Ints {
        values,
        mut validity,
        mut errors,
    } = ints(reader, col, "days");
    let mut days = vec![0u32; values.len()];
    for (i, (slot, v)) in days.iter_mut().zip(&values).enumerate() {
        if errors.contains_key(&i) {
            continue;
        }
        match u32::try_from(*v) {
            Ok(d) => *slot = d,
            Err(_) => {
                let p = kernels::row_path(i, "days");
                let e = if *v < 0 {
                    m::read::not_zero_or_more(p.clone(), v.to_string())
                } else {
                    m::read::count_too_large(p.clone(), u32::MAX)
                };
                clear(&mut validity, i);
                errors.insert(i, Error::invalid(p, e));
            }
        }
    }
    (days, validity, errors)
}

/// Hospital-day claims under the period's day limit, in row order, over columns `{ policy_id, days, tier? }`:
/// policy ids (strings or whole numbers, any order), days (a typed array or numbers) and tiers (codes or
/// names; or `options.tier` for every row). Options: `edition`, `lang`, `money`, `tier`. The reasons come
/// back as numbers (`reasonCodes`, 0 for none) and the codes they stand for (`reasonNames`), which
/// `index.js` turns into the `reason` column.
#[napi]
pub fn batch_hospital_days<'e>(env: &'e Env, columns: Object<'e>, options: Option<Unknown<'e>>) -> napi::Result<Object<'e>> {
    guard(env, || {
        let Setup { cx, render, opts } = setup(options.as_ref())?;
        let fail = |e: Error| Failure::Core(e, render);
        let reader = Reader::new(env);
        let ids = get_column(env, &columns, "policy_id")?;
        match &ids {
            Column::Missing => return Err(fail(missing_column("policy_id", Expected::Text))),
            Column::Other(k) => return Err(fail(not_a_column("policy_id", *k))),
            _ => {}
        }
        let (policy, policy_valid, mut conversion, policies) = dense_ids(&reader, &ids);
        let days_col = get_column(env, &columns, "days")?;
        match &days_col {
            Column::Missing => return Err(fail(missing_column("days", Expected::Count))),
            Column::Other(k) => return Err(fail(not_a_column("days", *k))),
            _ => {}
        }
        let (day_values, day_valid, day_errors) = day_column(&reader, &days_col);
        let tier_col = get_column(env, &columns, "tier")?;
        let tiers = match &tier_col {
            Column::Missing => None,
            Column::Other(k) => return Err(fail(not_a_column("tier", *k))),
            other => Some(codes(&reader, other, "tier", Tier::CODES, tier_of)),
        };
        reader.finish()?;
        let default_tier = match (&tiers, &opts.tier) {
            (_, Some(t)) => tier_of(t).and_then(|c| Tier::ALL.get(usize::from(c)).copied()).ok_or_else(|| {
                let codes: Vec<Arg> = Tier::CODES.iter().map(|c| Arg::quoted(c)).collect();
                fail(Error::invalid("tier", m::read::not_one_of("tier", Arg::quoted(t), codes)))
            })?,
            (Some(_), None) => Tier::E,
            (None, None) => return Err(fail(missing_column("tier", Expected::OneOf(Tier::CODES)))),
        };
        for (row, e) in day_errors {
            conversion.entry(row).or_insert(e);
        }
        let tier_codes = tiers.as_ref().map(|t| as_u8(&t.values));
        if let Some(t) = &tiers {
            for (row, e) in &t.errors {
                conversion.entry(*row).or_insert_with(|| e.clone());
            }
        }
        let tier = match (&tier_codes, &tiers) {
            (Some(c), Some(t)) => Some(Col {
                values: c.as_slice(),
                validity: Some(Bitmap {
                    bytes: &t.validity,
                    offset: 0,
                }),
            }),
            _ => None,
        };
        let n = day_values.len();
        let mut used = vec![[0u32; 3]; policies];
        let (mut paid_days, mut payable, mut reason) = (vec![0u32; n], vec![0i64; n], vec![0u8; n]);
        let mut status: Vec<RowStatus> = vec![0; n];
        hospital_days(
            cx.edition,
            Col {
                values: &policy,
                validity: Some(Bitmap {
                    bytes: &policy_valid,
                    offset: 0,
                }),
            },
            Col {
                values: &day_values,
                validity: Some(Bitmap {
                    bytes: &day_valid,
                    offset: 0,
                }),
            },
            tier,
            default_tier,
            &mut used,
            HospitalDaysOut {
                paid_days: &mut paid_days,
                payable: &mut payable,
                reason: &mut reason,
                status: &mut status,
            },
        )
        .map_err(fail)?;
        let mut errors = RowErrors::new(render);
        errors.of_rows(&status, &conversion, HOSPITAL_COLUMNS);
        // The reason numbers' codes: index 0 is none.
        let names: Vec<Option<&'static str>> = (0..=u8::try_from(shftu_rules::mutual_aid::Reason::ALL.len()).unwrap_or(u8::MAX))
            .map(|v| reason_of(v).map(|r| r.as_str()))
            .collect();
        let mut result = Object::new(env)?;
        result.set_named_property("paid_days", Uint32Array::new(paid_days))?;
        result.set_named_property("payable", money_column(env, payable, opts.money)?)?;
        result.set_named_property("reasonCodes", Uint8Array::new(reason))?;
        result.set_named_property("reasonNames", names)?;
        errors.write(&mut result, n)?;
        Ok(result)
    })
}

// ---- rows of objects: adjudication over a population, enrolment --------------------------------------

/// The field names of an input type (its shape).
fn fields_of<T: Described>() -> Vec<&'static str> {
    match T::shape() {
        Shape::Object(o) => o.fields.iter().map(|f| f.name).collect(),
        _ => Vec::new(),
    }
}

/// The rows of a row function: a JavaScript array of objects.
fn rows_of(rows: &Unknown<'_>, render: Render<'static>) -> Result<(sys::napi_value, usize), Failure> {
    let t = rows.get_type()?;
    if t != ValueType::Object || !rows.is_array()? {
        let kind = if t == ValueType::Object { Kind::Object } else { kind_of(t) };
        return Err(Failure::Core(
            Error::invalid("rows", m::read::wrong_type("rows", m::read::expected_array(), kind)),
            render,
        ));
    }
    let n = rows.coerce_to_object()?.get_array_length()?;
    Ok((rows.raw(), usize::try_from(n).unwrap_or(0)))
}

/// `mutual_aid.adjudicate` over a population: an array of claim rows, each holding its policy's id
/// (`policy_id`: a string or a whole number), the policy's fields (`tier`, `coverage_start`,
/// `coverage_end`, `changes`) and the claim's (`benefit`, `event_date`, `filed_on`, `days`, `grade`,
/// `amount`). Rows are grouped by policy and each policy's claims decided together, as one request
/// would; one decision (`status`, `payable`, `reasons`) per row, in row order. Options: `edition`, `lang`.
#[napi]
pub fn batch_adjudicate<'e>(env: &'e Env, rows: Unknown<'e>, options: Option<Unknown<'e>>) -> napi::Result<Object<'e>> {
    guard(env, || {
        let Setup { cx, render, .. } = setup(options.as_ref())?;
        let (array, n) = rows_of(&rows, render)?;
        let reader = Reader::new(env);
        let read_cx = ReadCx { limits: ENGINE.limits() };
        let (policy_fields, claim_fields) = (fields_of::<Policy>(), fields_of::<Claim>());
        let mut all_fields = vec!["policy_id"];
        all_fields.extend(&policy_fields);
        all_fields.extend(&claim_fields);
        let root = Path::Root("rows");
        let mut claim_rows: Vec<Result<ClaimRow<Key>, Error>> = Vec::with_capacity(n);
        for i in 0..n {
            let path = root.index(i);
            let row = element(&reader, array, u32::try_from(i).unwrap_or(u32::MAX));
            let read = (|| {
                let Some(row) = row else {
                    return Err(Error::invalid(path.to_string(), m::read::must_be(&path, Expected::Object.msg())));
                };
                if row.kind() != Kind::Object {
                    return Err(Error::invalid(
                        path.to_string(),
                        m::read::wrong_type(&path, Expected::Object.msg(), row.kind()),
                    ));
                }
                if let Some(k) = row.other_keys(&all_fields).into_iter().min() {
                    let fields: Vec<Arg> = all_fields.iter().map(|f| Arg::from(*f)).collect();
                    return Err(Error::invalid(
                        format!("{path}.{k}"),
                        m::read::unknown_field(&path, Arg::quoted(&k), fields),
                    ));
                }
                let key = match key_of(row.get("policy_id").as_ref(), i, "policy_id")? {
                    Some(k) => k,
                    None => {
                        let p = path.key("policy_id");
                        return Err(Error::invalid(p.to_string(), m::read::required(&p, Expected::Text.msg())));
                    }
                };
                let policy = Policy::read(&row.only(&policy_fields), &path, &read_cx, None)?;
                let claim = Claim::read(&row.only(&claim_fields), &path, &read_cx, None)?;
                Ok(ClaimRow { key, policy, claim })
            })();
            claim_rows.push(read);
        }
        reader.finish()?;
        let answers = kernels::adjudicate_population(cx.edition, cx.calendar, claim_rows);
        let cols = RowColumns::new(env, ClaimDecision::shape(), n)?;
        let mut errors = RowErrors::new(render);
        for (i, a) in answers.into_iter().enumerate() {
            match a {
                Ok(d) => cols.put(i, &d)?,
                Err(e) => {
                    errors.push(i, &e);
                    cols.null(i)?;
                }
            }
        }
        let mut result = Object::new(env)?;
        for (name, array) in cols.arrays() {
            result.set_named_property(name, array)?;
        }
        errors.write(&mut result, n)?;
        Ok(result)
    })
}

/// `mutual_aid.enroll` over rows: an array of enrolment inputs (as `mutualAidEnroll` takes them); one
/// answer per row, as result columns (`accepted`, `reasons`, `coverage_start`, …). Options: `edition`,
/// `lang`.
#[napi]
pub fn batch_enroll<'e>(env: &'e Env, rows: Unknown<'e>, options: Option<Unknown<'e>>) -> napi::Result<Object<'e>> {
    guard(env, || {
        let Setup { cx, render, .. } = setup(options.as_ref())?;
        let (array, n) = rows_of(&rows, render)?;
        let reader = Reader::new(env);
        let read_cx = ReadCx { limits: ENGINE.limits() };
        let root = Path::Root("rows");
        let mut answers: Vec<Result<Enrollment, Error>> = Vec::with_capacity(n);
        kernels::enroll_rows(
            cx.edition,
            n,
            |i| {
                let path = root.index(i);
                match element(&reader, array, u32::try_from(i).unwrap_or(u32::MAX)) {
                    Some(row) => EnrollInput::read(&row, &path, &read_cx, None),
                    None => Err(Error::invalid(path.to_string(), m::read::must_be(&path, Expected::Object.msg()))),
                }
            },
            |_, a| answers.push(a),
        );
        reader.finish()?;
        let cols = RowColumns::new(env, Enrollment::shape(), n)?;
        let mut errors = RowErrors::new(render);
        for (i, a) in answers.into_iter().enumerate() {
            match a {
                Ok(d) => cols.put(i, &d)?,
                Err(e) => {
                    errors.push(i, &e);
                    cols.null(i)?;
                }
            }
        }
        let mut result = Object::new(env)?;
        for (name, array) in cols.arrays() {
            result.set_named_property(name, array)?;
        }
        errors.write(&mut result, n)?;
        Ok(result)
    })
}
