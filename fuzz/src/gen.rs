//! Requests for every rule, generated from the registry: the rule is drawn from `shftu_rules::RULES`, its
//! input from the rule's input shape (each field of the right type most of the time — codes from the
//! shape, their other names from the catalogue, dates around the edition's own dates — and now and then
//! missing, `null`, of another type, or next to a field that does not exist), so that the fuzzer spends
//! its time inside the readers and the rules rather than in the JSON parser.

use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use chrono::{Days, NaiveDate};
use serde_json::{json, Map, Number, Value};
use shftu_rules::shape::{EnumShape, Shape};
use shftu_rules::{Lang, RuleInfo, RULES};

include!(concat!(env!("OUT_DIR"), "/case_strings.rs"));

/// Strings the registry and the catalogue know: every field name of every shape, every code of the
/// catalogue's closed sets and every other name and Chinese label of a code; and every string of the
/// conformance corpus's requests (`CASE_STRINGS`, gathered by `build.rs`).
struct Pool {
    fields: Vec<&'static str>,
    codes: Vec<&'static str>,
    names: Vec<&'static str>,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        fn walk(s: Shape, out: &mut Vec<&'static str>) {
            match s {
                Shape::Object(o) => {
                    for f in o.fields {
                        if !out.contains(&f.name) {
                            out.push(f.name);
                        }
                        walk((f.shape)(), out);
                    }
                }
                Shape::Array(f) | Shape::Map(f) => walk(f(), out),
                _ => {}
            }
        }
        let mut fields = Vec::new();
        for r in RULES {
            walk((r.input)(), &mut fields);
            walk((r.output)(), &mut fields);
        }
        let labels = shftu_rules::msg::labels();
        let mut codes: Vec<&'static str> = labels.iter().map(|(_, c, _, _)| *c).chain(CASE_STRINGS.iter().copied()).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut names: Vec<&'static str> = labels
            .iter()
            .flat_map(|(_, _, en, zh)| [*en, *zh])
            .filter(|s| !s.is_empty())
            .collect();
        for (kind, _, _, _) in labels {
            names.extend(shftu_rules::msg::aliases_of(kind).map(|(a, _)| a));
        }
        names.sort_unstable();
        names.dedup();
        Pool { fields, codes, names }
    })
}

/// The dates a request is drawn around: the edition's plan dates (its events) and the last of its answer
/// dates (filings, reference days).
fn window() -> (NaiveDate, NaiveDate, NaiveDate) {
    let ed = shftu_rules::edition(shftu_rules::DEFAULT_EDITION).or_else(|| shftu_rules::EDITIONS.first());
    match ed {
        Some(e) => (e.meta.plan_dates.first, e.meta.plan_dates.last, e.meta.answer_dates.last),
        None => (NaiveDate::MIN, NaiveDate::MAX, NaiveDate::MAX),
    }
}

/// A generator of values for shapes, bounded in size.
pub struct Gen<'a, 'b> {
    /// The fuzzer's bytes.
    pub u: &'b mut Unstructured<'a>,
    /// Values left to generate (a bound on the size of one request).
    pub budget: usize,
    /// The longest array to make at most (the limits target sets it past its small limits).
    pub max_len: usize,
    /// Clean: only values of the right type and range (half the requests), so that many requests get
    /// through the readers to the rules.
    pub clean: bool,
}

impl<'a, 'b> Gen<'a, 'b> {
    /// A generator with a budget of 400 values and arrays of at most 12 elements.
    pub fn new(u: &'b mut Unstructured<'a>) -> Self {
        Gen {
            u,
            budget: 400,
            max_len: 12,
            clean: false,
        }
    }

    /// A branch in `0..=last`; the branches below `bad` make wrong values and are left out when clean.
    fn pick(&mut self, bad: u8, last: u8) -> Result<u8> {
        self.u.int_in_range(if self.clean { bad } else { 0 }..=last)
    }

    fn spend(&mut self) -> bool {
        if self.budget == 0 {
            return false;
        }
        self.budget -= 1;
        true
    }

    /// A date: mostly inside the edition's dates, sometimes just outside them or far away, sometimes a
    /// string that is not a date.
    pub fn date(&mut self) -> Result<Value> {
        Ok(Value::String(match self.pick(1, 19)? {
            0 => self.bad_date()?,
            _ => self.date_value()?.format("%Y-%m-%d").to_string(),
        }))
    }

    /// A day around the edition's dates.
    pub fn date_value(&mut self) -> Result<NaiveDate> {
        let (first, plan_last, last) = window();
        let days = |a: NaiveDate, b: NaiveDate| u64::try_from((b - a).num_days()).unwrap_or(0);
        Ok(match self.pick(3, 15)? {
            0 => first.checked_sub_days(Days::new(self.u.int_in_range(1..=800)?)).unwrap_or(first),
            1 => last.checked_add_days(Days::new(self.u.int_in_range(1..=800)?)).unwrap_or(last),
            2 => NaiveDate::from_ymd_opt(
                self.u.int_in_range(1..=9999)?,
                self.u.int_in_range(1..=12)?,
                self.u.int_in_range(1..=28)?,
            )
            .unwrap_or(first),
            3..=5 => first
                .checked_add_days(Days::new(self.u.int_in_range(0..=days(first, last))?))
                .unwrap_or(first),
            _ => first
                .checked_add_days(Days::new(self.u.int_in_range(0..=days(first, plan_last))?))
                .unwrap_or(first),
        })
    }

    fn bad_date(&mut self) -> Result<String> {
        Ok(match self.u.int_in_range(0u8..=5)? {
            0 => format!(
                "{:04}-{:02}-{:02}",
                self.u.int_in_range(2022..=2025)?,
                self.u.int_in_range(0..=13)?,
                self.u.int_in_range(0..=32)?
            ),
            1 => format!(
                "{}-{}-{}",
                self.u.int_in_range(2022..=2025)?,
                self.u.int_in_range(1..=12)?,
                self.u.int_in_range(1..=9)?
            ),
            2 => "2023-02-29".to_owned(),
            3 => format!("{}T00:00", self.date_value()?.format("%Y-%m-%d")),
            4 => format!(
                "{}年{}月{}日",
                self.u.int_in_range(2022..=2025)?,
                self.u.int_in_range(1..=12)?,
                self.u.int_in_range(1..=28)?
            ),
            _ => self.u.arbitrary::<String>()?,
        })
    }

    fn datetime(&mut self) -> Result<Value> {
        let d = self.date_value()?.format("%Y-%m-%d").to_string();
        let (h, m) = (self.u.int_in_range(0u8..=24)?, self.u.int_in_range(0u8..=60)?);
        Ok(Value::String(match self.pick(4, 9)? {
            0 => format!("{d} {h:02}:{m:02}"),
            1 => d,
            2 => self.u.arbitrary::<String>()?,
            3 => format!("{d}T{h:02}:{m:02}:{:02}", self.u.int_in_range(0u8..=61)?),
            4 => format!("{d}T{:02}:{:02}:{:02}", h % 24, m % 60, self.u.int_in_range(0u8..=59)?),
            _ => format!("{d}T{:02}:{:02}", h % 24, m % 60),
        }))
    }

    fn count(&mut self) -> Result<Value> {
        Ok(match self.pick(5, 19)? {
            0 => json!(u64::from(u32::MAX) + u64::from(self.u.int_in_range(0u8..=2)?)),
            1 => json!(-i64::from(self.u.int_in_range(1u8..=3)?)),
            2 => Value::Number(num(&format!("{}.{}", self.u.int_in_range(0u8..=9)?, self.u.int_in_range(0u8..=9)?))),
            3 => json!(self.u.int_in_range(0u32..=u32::MAX)?),
            4 => Value::Number(num("1e3")),
            5..=9 => json!(self.u.int_in_range(0u32..=400)?),
            _ => json!(self.u.int_in_range(0u32..=12)?),
        })
    }

    fn int(&mut self) -> Result<Value> {
        Ok(match self.pick(3, 9)? {
            0 => json!(i64::from(i32::MIN) - i64::from(self.u.int_in_range(0u8..=1)?)),
            1 => json!(i64::from(i32::MAX) + i64::from(self.u.int_in_range(0u8..=1)?)),
            2 => Value::Number(num("-0.5")),
            3 => json!(self.u.arbitrary::<i32>()?),
            _ => json!(self.u.int_in_range(-12i32..=12)?),
        })
    }

    fn money(&mut self) -> Result<Value> {
        Ok(match self.pick(4, 19)? {
            0 => json!(format!("-{}", self.u.int_in_range(0u32..=500)?)),
            1 => json!(format!(
                "{}.{:03}",
                self.u.int_in_range(0u32..=500)?,
                self.u.int_in_range(0u32..=999)?
            )),
            2 => json!(*self.u.choose(&[
                "999999999999.99",
                "1000000000000.00",
                "99999999999999",
                "0",
                "0.0",
                ".5",
                "5.",
                "1e3",
                " 5",
                "５"
            ])?),
            3 => json!(self.u.arbitrary::<String>()?),
            4 => Value::Number(num(&format!(
                "{}.{}",
                self.u.int_in_range(0u32..=5000)?,
                self.u.int_in_range(0u32..=99)?
            ))),
            5 => json!(self.u.int_in_range(0u32..=5000)?),
            6..=9 => json!(format!("{}", self.u.int_in_range(0u32..=2000)?)),
            _ => json!(format!(
                "{}.{:02}",
                self.u.int_in_range(0u32..=400_000)?,
                self.u.int_in_range(0u32..=99)?
            )),
        })
    }

    fn text(&mut self) -> Result<Value> {
        let p = pool();
        Ok(match self.pick(1, 4)? {
            0 => json!(self.u.arbitrary::<String>()?),
            1 => json!(*self.u.choose(&p.names)?),
            _ => json!(*self.u.choose(&p.codes)?),
        })
    }

    fn code(&mut self, e: &'static EnumShape) -> Result<Value> {
        let p = pool();
        Ok(match self.pick(3, 19)? {
            0 => json!(*self.u.choose(&p.codes)?),
            1 => json!(self.u.choose(e.codes)?.to_uppercase()),
            2 => json!(self.u.arbitrary::<String>()?),
            3 => {
                let aliases: Vec<&str> = shftu_rules::msg::aliases_of(e.kind).map(|(a, _)| a).collect();
                match aliases.is_empty() {
                    true => json!(*self.u.choose(e.codes)?),
                    false => json!(*self.u.choose(&aliases)?),
                }
            }
            4 => {
                let c = *self.u.choose(e.codes)?;
                json!(shftu_rules::msg::label(e.kind, c, Lang::ZhCn).unwrap_or(c))
            }
            _ => json!(*self.u.choose(e.codes)?),
        })
    }

    /// A value of any type (for a field of the wrong type, or a value a shape does not constrain).
    pub fn any(&mut self, depth: u32) -> Result<Value> {
        if !self.spend() {
            return Ok(Value::Null);
        }
        Ok(match self.u.int_in_range(0u8..=9)? {
            0 => Value::Null,
            1 => json!(self.u.arbitrary::<bool>()?),
            2 => json!(self.u.arbitrary::<i64>()?),
            3 => Value::Number(num(&format!(
                "{}.{}",
                self.u.int_in_range(0u32..=999)?,
                self.u.int_in_range(0u32..=99)?
            ))),
            4 => self.date()?,
            5 if depth < 3 => {
                let n = self.u.int_in_range(0..=3)?;
                Value::Array((0..n).map(|_| self.any(depth + 1)).collect::<Result<_>>()?)
            }
            6 if depth < 3 => {
                let n = self.u.int_in_range(0..=3)?;
                let mut m = Map::new();
                for _ in 0..n {
                    let k = self.key()?;
                    let v = self.any(depth + 1)?;
                    m.insert(k, v);
                }
                Value::Object(m)
            }
            _ => self.text()?,
        })
    }

    fn key(&mut self) -> Result<String> {
        let p = pool();
        Ok(match self.u.int_in_range(0u8..=5)? {
            0 => self.u.arbitrary::<String>()?,
            1 => (*self.u.choose(&p.codes)?).to_owned(),
            _ => (*self.u.choose(&p.fields)?).to_owned(),
        })
    }

    fn len(&mut self) -> Result<usize> {
        Ok(match self.u.int_in_range(0u8..=15)? {
            0 => self.u.int_in_range(0..=self.max_len)?,
            1..=4 => 0,
            5..=9 => 1,
            _ => self.u.int_in_range(2..=4)?,
        })
    }

    /// A value of `shape`: right most of the time, now and then `null` or of another type.
    pub fn value(&mut self, shape: Shape, depth: u32) -> Result<Value> {
        if !self.spend() {
            return Ok(Value::Null);
        }
        match self.pick(3, 39)? {
            0 => return Ok(Value::Null),
            1 | 2 => return self.any(depth + 1),
            _ => {}
        }
        Ok(match shape {
            Shape::Money => self.money()?,
            Shape::Date => self.date()?,
            Shape::DateTime => self.datetime()?,
            Shape::Bool => json!(self.u.arbitrary::<bool>()?),
            Shape::Count | Shape::Long => self.count()?,
            Shape::Int => self.int()?,
            Shape::Decimal => Value::Number(num(&format!(
                "{}.{}",
                self.u.int_in_range(0u32..=999)?,
                self.u.int_in_range(0u32..=99)?
            ))),
            Shape::Text => self.text()?,
            Shape::Enum(e) => self.code(e)?,
            Shape::Array(item) => {
                let n = self.len()?;
                let mut out = Vec::with_capacity(n);
                for _ in 0..n {
                    out.push(self.value(item(), depth + 1)?);
                }
                Value::Array(out)
            }
            Shape::Map(item) => {
                let n = self.len()?;
                let mut m = Map::new();
                for _ in 0..n {
                    let k = self.text()?.as_str().unwrap_or("").to_owned();
                    let v = self.value(item(), depth + 1)?;
                    m.insert(k, v);
                }
                Value::Object(m)
            }
            Shape::Object(o) => {
                let mut m = Map::new();
                for f in o.fields {
                    // A required field is nearly always given, an optional one half the time.
                    let give = if f.required {
                        self.pick(1, 31)? != 0
                    } else {
                        self.u.arbitrary::<bool>()?
                    };
                    if give {
                        let v = self.value((f.shape)(), depth + 1)?;
                        m.insert(f.name.to_owned(), v);
                    }
                }
                if self.pick(1, 31)? == 0 {
                    let k = self.key()?;
                    let v = self.any(depth + 1)?;
                    m.insert(k, v);
                }
                Value::Object(m)
            }
        })
    }

    /// A rule of the registry.
    pub fn rule(&mut self) -> Result<&'static RuleInfo> {
        self.u.choose(RULES)
    }

    /// A request for `rule`: its input from the rule's input shape, and the envelope's options now and
    /// then (an edition, a language, a trace mode; rarely an unknown one, or an unknown top-level key).
    pub fn request(&mut self, rule: &RuleInfo) -> Result<Value> {
        self.clean = self.u.arbitrary::<bool>()?;
        let mut m = Map::new();
        m.insert("rule".into(), json!(rule.id));
        if self.pick(1, 63)? != 0 {
            let input = self.value((rule.input)(), 0)?;
            m.insert("input".into(), input);
        }
        // Each option: absent half the time, else one of its values (the known ones first), or of any type.
        let editions: Vec<&str> = shftu_rules::EDITIONS.iter().map(|e| e.name).chain(["2022", "2024"]).collect();
        let known = shftu_rules::EDITIONS.len();
        for (key, choices, good) in [
            ("edition", &editions[..], known),
            ("lang", &["en", "zh-CN", "zh", "zh-Hans", "fr"][..], 4),
            ("trace", &["notes", "full", "off", "all"][..], 3),
        ] {
            let v = match self.pick(1, 15)? {
                0 => Some(self.any(2)?),
                1..=8 => None,
                _ if self.clean => Some(json!(*self.u.choose(choices.get(..good).unwrap_or(choices))?)),
                _ => Some(json!(*self.u.choose(choices)?)),
            };
            if let Some(v) = v {
                m.insert(key.into(), v);
            }
        }
        if self.pick(1, 63)? == 0 {
            let k = self.key()?;
            let v = self.any(2)?;
            m.insert(k, v);
        }
        Ok(Value::Object(m))
    }
}

/// A JSON number from its text (with `arbitrary_precision`, kept as written); zero if it is not one.
pub fn num(text: &str) -> Number {
    serde_json::from_str::<Number>(text).unwrap_or_else(|_| Number::from(0))
}

/// The request with `lang` and `trace` set (an object request only).
pub fn with_options(request: &Value, lang: &str, trace: &str) -> Option<Value> {
    let mut r = request.clone();
    let m = r.as_object_mut()?;
    m.insert("lang".into(), json!(lang));
    m.insert("trace".into(), json!(trace));
    Some(r)
}
