//! Messages as data: every trace note, error message, reason, label and rule title comes from the
//! message catalogue `spec/messages/<family>.toml`, which holds each text in every language side by side
//! (`en`, `zh-CN`). The build compiles the catalogue into tables; a message is an id and its arguments
//! ([`Msg`]), rendered per language only when it is shown ([`Msg::render`]).
//!
//! Arguments keep their type until rendering, so each language writes them its own way: money as
//! `1234.50` or `1,234.50元`, a date as `2024-07-01` or `2024年7月1日`, a period as `P6M` or `6个月`, a
//! code (`disease_death`) as itself or by its Chinese name (疾病身故保障金), a clause as `§5 一(七)3` or
//! `沪工总办〔2023〕15号 第五项 一（七）3`.
//!
//! The build refuses a catalogue in which a message lacks a language or a text names an argument the
//! message does not declare; each message gets a constructor with one parameter per declared argument
//! (`m::checkup::quote_total(lines, price, subsidy, payable)`), so a call site cannot pass the wrong
//! number of arguments.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_decimal::Decimal;

use crate::money::Money;
use crate::period::Period;

/// A language the catalogue is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the default; the wire contract's original language).
    #[default]
    En,
    /// Simplified Chinese as written in Shanghai (`zh-CN`).
    ZhCn,
}

impl Lang {
    /// Every language, in the catalogue's column order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The language tag: `en`, `zh-CN`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// From a language tag (`en`, `zh-CN`; `zh` and `zh-Hans` are read as `zh-CN`).
    pub fn parse(tag: &str) -> Option<Lang> {
        match tag {
            "en" => Some(Lang::En),
            "zh-CN" | "zh" | "zh-Hans" | "zh-Hans-CN" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    const fn column(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::ZhCn => 1,
        }
    }
}

/// The id of a message of the catalogue (an index into the generated tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MsgId(pub(crate) u16);

impl MsgId {
    /// The stable id, e.g. `checkup.quote_total`.
    pub fn name(self) -> &'static str {
        MSG_IDS.get(usize::from(self.0)).copied().unwrap_or("")
    }

    /// The names of its arguments, in the order its constructor takes them.
    pub fn arg_names(self) -> &'static [&'static str] {
        MSG_ARGS.get(usize::from(self.0)).copied().unwrap_or(&[])
    }

    /// Every message id of the catalogue.
    pub fn all() -> impl Iterator<Item = MsgId> {
        (0..MSG_IDS.len()).filter_map(|i| u16::try_from(i).ok().map(MsgId))
    }
}

/// A piece of a compiled template.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Seg {
    /// Literal text.
    Lit(&'static str),
    /// Argument `i`, a list joined by the separator.
    Arg(u8, &'static str),
}

/// A message: an id of the catalogue and its arguments, rendered per language when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    id: MsgId,
    args: Vec<Arg>,
}

/// One argument of a message, typed so that each language writes it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as it is in every language (a JSON path, an id).
    Text(Cow<'static, str>),
    /// Text shown in double quotes with escapes, as it was sent (`"2023-02-30"`), cut to 40 characters.
    Quoted(Cow<'static, str>),
    /// A whole number.
    Int(i128),
    /// An amount of money.
    Money(Money),
    /// A date.
    Date(NaiveDate),
    /// A date and time (to the minute).
    DateTime(NaiveDateTime),
    /// A period as the Civil Code counts it.
    Period(Period),
    /// An exact decimal (a ratio, a percentage).
    Decimal(Decimal),
    /// A code of a closed set (`kind`, `code`): the code itself in English, its name in Chinese.
    Code(&'static str, &'static str),
    /// A clause of the plan (`§5 一(七)3`).
    Clause(&'static str),
    /// A nested message.
    Msg(Box<Msg>),
    /// A list, joined with the separator the template gives (`{items:, }`).
    List(Vec<Arg>),
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg { Arg::Int(i128::from(v)) }
        }
    )*};
}
int_arg!(u8, u16, u32, u64, i8, i16, i32, i64);

impl From<usize> for Arg {
    fn from(v: usize) -> Arg {
        Arg::Int(i128::try_from(v).unwrap_or(i128::MAX))
    }
}
impl From<Money> for Arg {
    fn from(v: Money) -> Arg {
        Arg::Money(v)
    }
}
impl From<NaiveDate> for Arg {
    fn from(v: NaiveDate) -> Arg {
        Arg::Date(v)
    }
}
impl From<NaiveDateTime> for Arg {
    fn from(v: NaiveDateTime) -> Arg {
        Arg::DateTime(v)
    }
}
impl From<Period> for Arg {
    fn from(v: Period) -> Arg {
        Arg::Period(v)
    }
}
impl From<Decimal> for Arg {
    fn from(v: Decimal) -> Arg {
        Arg::Decimal(v)
    }
}
impl From<&'static str> for Arg {
    fn from(v: &'static str) -> Arg {
        Arg::Text(Cow::Borrowed(v))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(Cow::Owned(v))
    }
}
impl From<Msg> for Arg {
    fn from(v: Msg) -> Arg {
        Arg::Msg(Box::new(v))
    }
}
impl From<Option<Msg>> for Arg {
    /// An optional part: nothing when `None`.
    fn from(v: Option<Msg>) -> Arg {
        match v {
            Some(m) => Arg::Msg(Box::new(m)),
            None => Arg::List(Vec::new()),
        }
    }
}
impl<T: Into<Arg>> From<Vec<T>> for Arg {
    fn from(v: Vec<T>) -> Arg {
        Arg::List(v.into_iter().map(Into::into).collect())
    }
}

impl Arg {
    /// Text shown in quotes, as sent.
    pub fn quoted(s: &str) -> Arg {
        Arg::Quoted(Cow::Owned(String::from(cut(s))))
    }
    /// A clause of the plan.
    pub fn clause(c: &'static str) -> Arg {
        Arg::Clause(c)
    }
}

/// The first 40 characters of `s` (user text is never echoed whole).
pub fn cut(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// What rendering needs besides the language: the document the plan's clauses belong to.
#[derive(Debug, Clone, Copy)]
pub struct Render<'a> {
    /// The language.
    pub lang: Lang,
    /// The plan's document number (沪工总办〔2023〕15号), put before its clauses in Chinese.
    pub document: &'a str,
}

impl<'a> Render<'a> {
    /// English, with no document (clauses are written `§5 一(七)3`).
    pub const EN: Render<'static> = Render {
        lang: Lang::En,
        document: "",
    };
    /// `lang`, with the plan's document number.
    pub const fn new(lang: Lang, document: &'a str) -> Render<'a> {
        Render { lang, document }
    }
}

impl Msg {
    /// A message of the catalogue with its arguments (the generated constructors call this).
    pub(crate) fn new(id: MsgId, args: Vec<Arg>) -> Msg {
        Msg { id, args }
    }

    /// The message's id.
    pub fn id(&self) -> MsgId {
        self.id
    }

    /// Its arguments, in the order of [`MsgId::arg_names`].
    pub fn args(&self) -> &[Arg] {
        &self.args
    }

    /// The same message with each plain-text argument (a JSON path) passed through `f`.
    pub(crate) fn map_text(mut self, f: impl Fn(&str) -> Option<String>) -> Msg {
        for a in &mut self.args {
            if let Arg::Text(t) = a {
                if let Some(n) = f(t) {
                    *t = Cow::Owned(n);
                }
            }
        }
        self
    }

    /// The text in a language.
    pub fn render(&self, r: Render<'_>) -> String {
        let mut out = String::new();
        self.write(r, &mut out);
        out
    }

    /// Appends the text in a language to `out`.
    pub fn render_into(&self, r: Render<'_>, out: &mut String) {
        self.write(r, out);
    }

    /// The English text.
    pub fn en(&self) -> String {
        self.render(Render::EN)
    }

    fn write(&self, r: Render<'_>, out: &mut String) {
        let segs = MSG_TEXT
            .get(usize::from(self.id.0))
            .and_then(|t| t.get(r.lang.column()))
            .copied()
            .unwrap_or(&[]);
        for s in segs {
            match *s {
                Seg::Lit(t) => out.push_str(t),
                Seg::Arg(i, sep) => {
                    if let Some(a) = self.args.get(usize::from(i)) {
                        a.write(r, sep, out);
                    }
                }
            }
        }
    }
}

impl core::fmt::Display for Msg {
    /// The English text.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.en())
    }
}

impl Arg {
    /// The argument alone, as the language writes it.
    pub fn render_alone(&self, r: Render<'_>) -> String {
        let mut out = String::new();
        self.write(r, ", ", &mut out);
        out
    }

    fn write(&self, r: Render<'_>, sep: &str, out: &mut String) {
        let zh = r.lang == Lang::ZhCn;
        match self {
            Arg::Text(t) => out.push_str(t),
            Arg::Quoted(t) => {
                let _ = write!(out, "{t:?}");
            }
            Arg::Int(n) => crate::text::push_i128(out, *n),
            Arg::Money(m) if zh => {
                out.push_str(&yuan_zh(*m));
                out.push('元');
            }
            Arg::Money(m) => m.write_to(out),
            Arg::Date(d) if zh => out.push_str(&date_zh(*d)),
            Arg::Date(d) => crate::text::push_date(out, *d),
            Arg::DateTime(t) if zh => {
                let _ = write!(out, "{}{:02}:{:02}", date_zh(t.date()), t.hour(), t.minute());
            }
            Arg::DateTime(t) => {
                crate::text::push_date(out, t.date());
                let _ = write!(out, "T{:02}:{:02}", t.hour(), t.minute());
            }
            Arg::Period(p) if zh => out.push_str(&period_zh(*p)),
            Arg::Period(p) => out.push_str(&p.iso()),
            Arg::Decimal(d) => {
                let _ = write!(out, "{d}");
            }
            Arg::Code(kind, code) => out.push_str(label(kind, code, r.lang).unwrap_or(code)),
            Arg::Clause(c) if r.lang == Lang::En => out.push_str(c),
            Arg::Clause(c) => out.push_str(&clause(c, r)),
            Arg::Msg(m) => m.write(r, out),
            Arg::List(items) => {
                for (i, a) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    a.write(r, sep, out);
                }
            }
        }
    }
}

/// `2024年7月1日`.
pub fn date_zh(d: NaiveDate) -> String {
    alloc::format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `6个月`, `2年`, `180天`.
pub fn period_zh(p: Period) -> String {
    match p {
        Period::Years(n) => alloc::format!("{n}年"),
        Period::Months(n) => alloc::format!("{n}个月"),
        Period::Days(n) => alloc::format!("{n}天"),
    }
}

/// Money with thousands separators, two decimals and no unit: `1,234.50`.
pub fn yuan_zh(m: Money) -> String {
    let plain = alloc::format!("{m}");
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, "00"));
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    alloc::format!("{sign}{grouped}.{frac}")
}

/// Money in 万元 where a summary reads better so: `72万元`, `1.08万元`, `0.05万元`.
pub fn wan_yuan(m: Money) -> String {
    let w = m.to_decimal() / Decimal::from(10_000);
    alloc::format!("{}万元", w.normalize())
}

/// The Chinese numeral of 1..=99 (第五项).
fn numeral_zh(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let d = |i: u32| D.get(usize::try_from(i).unwrap_or(0)).copied().unwrap_or("");
    match n {
        0..=9 => String::from(d(n)),
        10 => String::from("十"),
        11..=19 => alloc::format!("十{}", d(n % 10)),
        20..=99 if n % 10 == 0 => alloc::format!("{}十", d(n / 10)),
        20..=99 => alloc::format!("{}十{}", d(n / 10), d(n % 10)),
        _ => alloc::format!("{n}"),
    }
}

/// A clause as the language cites it. English keeps the library's form (`§5 一(七)3`); Chinese cites
/// the plan as a clerk does: the document number, the programme as 第五项, full-width brackets
/// (`沪工总办〔2023〕15号 第五项 一（七）3`). Clauses of other texts (民法典 第二百零三条) keep their form.
pub fn clause(c: &str, r: Render<'_>) -> String {
    if r.lang == Lang::En {
        return String::from(c);
    }
    if let Some(t) = clause_text(c) {
        return String::from(t);
    }
    let of_plan = c.contains('§') || c.starts_with("附件");
    let mut body = String::new();
    let mut rest = c;
    while let Some(i) = rest.find('§') {
        body.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + '§'.len_utf8()..).unwrap_or("");
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        match digits.parse::<u32>() {
            Ok(n) => {
                body.push('第');
                body.push_str(&numeral_zh(n));
                body.push('项');
                rest = after.get(digits.len()..).unwrap_or("");
            }
            Err(_) => {
                body.push('§');
                rest = after;
            }
        }
    }
    body.push_str(rest);
    let body = body.replace(" (", "（");
    let body: String = body
        .chars()
        .map(|ch| match ch {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    if of_plan && !r.document.is_empty() {
        alloc::format!("{} {body}", r.document)
    } else {
        body
    }
}

/// The label of `code` in the closed set `kind` in `lang`: in English the code itself unless the
/// catalogue names it; in Chinese its name. `None` when the catalogue has no text for it.
pub fn label(kind: &str, code: &str, lang: Lang) -> Option<&'static str> {
    if lang == Lang::En && EN_LABEL_KINDS.binary_search(&kind).is_err() {
        return None;
    }
    let i = LABELS.binary_search_by(|(k, c, _, _)| (*k, *c).cmp(&(kind, code))).ok()?;
    let (_, _, en, zh) = LABELS.get(i)?;
    match lang {
        Lang::En => (!en.is_empty()).then_some(*en),
        Lang::ZhCn => (!zh.is_empty()).then_some(*zh),
    }
}

/// The code of the closed set `kind` that `name` is another name of (心功能 → `cardio`), if any.
pub fn alias(kind: &str, name: &str) -> Option<&'static str> {
    let i = ALIASES.binary_search_by(|(k, a, _)| (*k, *a).cmp(&(kind, name))).ok()?;
    ALIASES.get(i).map(|(_, _, code)| *code)
}

/// Every other name of the codes of `kind`, in the catalogue's order of codes.
pub fn aliases_of(kind: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    ALIAS_ORDER.iter().filter(move |(k, _, _)| *k == kind).map(|(_, a, c)| (*a, *c))
}

/// The first (preferred) other name of each code of `kind` that has one, as a message lists them.
pub fn names_of(kind: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut last_code = "";
    for (a, c) in aliases_of(kind) {
        if c != last_code {
            out.push(a);
            last_code = c;
        }
    }
    out
}

/// The title of a rule in `lang` (what it answers, in one line).
pub fn rule_title(id: &str, lang: Lang) -> Option<&'static str> {
    let (_, en, zh) = RULE_TITLES.iter().find(|(i, _, _)| *i == id)?;
    Some(match lang {
        Lang::En => en,
        Lang::ZhCn => zh,
    })
}

/// A clause the catalogue words itself in Chinese (`all programmes` → 全部项目).
fn clause_text(c: &str) -> Option<&'static str> {
    CLAUSES.iter().find(|(en, _)| *en == c).map(|(_, zh)| *zh)
}

/// What a code means, in English, where the catalogue says (`doc` of its label): a reason's meaning.
pub fn label_doc(kind: &str, code: &str) -> Option<&'static str> {
    let i = LABEL_DOCS.binary_search_by(|(k, c, _)| (*k, *c).cmp(&(kind, code))).ok()?;
    LABEL_DOCS.get(i).map(|(_, _, d)| *d)
}

/// The label kinds and codes the catalogue names, `(kind, code, en, zh)`, sorted.
pub fn labels() -> &'static [(&'static str, &'static str, &'static str, &'static str)] {
    LABELS
}

/// The text of a message in `lang` before its arguments are filled in (`{name}` marks an argument, `{{` and
/// `}}` a brace), as the catalogue writes it.
pub fn template(id: MsgId, lang: Lang) -> String {
    let mut out = String::new();
    let segs = MSG_TEXT
        .get(usize::from(id.0))
        .and_then(|t| t.get(lang.column()))
        .copied()
        .unwrap_or(&[]);
    for s in segs {
        match *s {
            Seg::Lit(t) => out.push_str(&t.replace('{', "{{").replace('}', "}}")),
            Seg::Arg(i, _) => {
                let name = id.arg_names().get(usize::from(i)).copied().unwrap_or("?");
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
    }
    out
}

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// Transitional: English-only text that is not yet in the catalogue.
impl From<String> for Msg {
    fn from(text: String) -> Msg {
        m::engine::raw(text)
    }
}

/// Transitional: English-only text that is not yet in the catalogue.
impl From<&'static str> for Msg {
    fn from(text: &'static str) -> Msg {
        m::engine::raw(text)
    }
}
