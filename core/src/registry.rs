//! The rule registry: one line per rule — its id, family, clause, input and result types, whether it has
//! a column kernel, and how it is evaluated — generated at build time from the rule's entry in the message
//! catalogue (`[rule."<id>"]` of `spec/messages/<family>.toml`, beside its titles in every language), so
//! that a rule is declared once. Everything else that lists rules derives from it: the
//! engine's dispatch ([`with_rule`]), `shftu-rules rules`, the catalogue checks, the typed functions of
//! the Python, Node, JVM and WASM bindings (each visits the rules generically, [`Visit`]), the per-rule
//! benches, the JSON Schemas, the TypeScript declarations and the Python stubs (`shftu-rules describe`).
//!
//! Adding a rule is one `[rule."<id>"]` entry (CONTRIBUTING.md walks through the rest).

use crate::calendar::Calendar;
use crate::error::Result;
use crate::msg::Lang;
use crate::params::Edition;
use crate::read::Wire;
use crate::shape::{Described, Shape};
use crate::trace::Trace;

/// What a rule sees besides its input: the edition and the calendar.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The edition of the plan selected by the request.
    pub edition: &'a Edition,
    /// The working-day calendar.
    pub calendar: &'a Calendar,
}

/// A rule of the plan, as the registry declares it (each is a zero-sized type in [`rules`]).
pub trait Rule: 'static {
    /// The rule id, e.g. `mutual_aid.enroll`.
    const ID: &'static str;
    /// The family (module and parameter file), e.g. `mutual_aid`.
    const FAMILY: &'static str;
    /// The clause of the plan it implements.
    const CLAUSE: &'static str;
    /// Does `batch` have a column kernel for it?
    const BATCH: bool;
    /// Its input.
    type Input: Wire;
    /// Its result.
    type Output: serde::Serialize + Described;
    /// Evaluates the typed input.
    fn eval(cx: &Ctx<'_>, input: &Self::Input, trace: &mut Trace) -> Result<Self::Output>;
}

/// Something done with one rule, generically: the engine reads JSON with it, a binding reads its host's
/// values with it. [`with_rule`] calls [`Visit::visit`] with the rule a request names.
pub trait Visit {
    /// What the visit gives.
    type Out;
    /// Visits rule `R`.
    fn visit<R: Rule>(self) -> Self::Out;
}

/// Something done with every rule in turn ([`each_rule`]).
pub trait VisitEach {
    /// Visits rule `R`.
    fn visit<R: Rule>(&mut self);
}

/// One rule, as listed.
#[derive(Clone, Copy)]
pub struct RuleInfo {
    /// The rule id, e.g. `mutual_aid.enroll`.
    pub id: &'static str,
    /// The family.
    pub family: &'static str,
    /// The clause of the plan it implements.
    pub clause: &'static str,
    /// Does it have a column kernel?
    pub batch: bool,
    /// The shape of its input.
    pub input: fn() -> Shape,
    /// The shape of its result.
    pub output: fn() -> Shape,
}

impl RuleInfo {
    /// What it answers, in one line, in `lang` (the catalogue's `rule."<id>"`).
    pub fn title(&self, lang: Lang) -> &'static str {
        crate::msg::rule_title(self.id, lang).unwrap_or("")
    }
    /// What it answers, in English.
    pub fn summary(&self) -> &'static str {
        self.title(Lang::En)
    }
    /// The name of its typed function in the bindings (`mutual_aid_enroll`).
    pub fn function_name(&self) -> alloc::string::String {
        self.id.replace('.', "_")
    }
}

impl core::fmt::Debug for RuleInfo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RuleInfo")
            .field("id", &self.id)
            .field("clause", &self.clause)
            .finish()
    }
}

macro_rules! registry {
    ($(
        $(#[$m:meta])*
        $ty:ident = $id:literal, $family:ident, $clause:literal, batch: $batch:literal,
            $input:ty => $output:ty, |$cx:ident, $i:ident, $t:ident| $body:expr;
    )*) => {
        /// One zero-sized type per rule, implementing [`Rule`].
        pub mod rules {
            #[allow(unused_imports, reason = "the rule bodies name the families")]
            use super::*;
            $(
                $(#[$m])*
                #[derive(Debug, Clone, Copy)]
                pub struct $ty;
                impl Rule for $ty {
                    const ID: &'static str = $id;
                    const FAMILY: &'static str = stringify!($family);
                    const CLAUSE: &'static str = $clause;
                    const BATCH: bool = $batch;
                    type Input = $input;
                    type Output = $output;
                    #[allow(unused_variables, reason = "not every rule reads the calendar")]
                    fn eval($cx: &Ctx<'_>, $i: &$input, $t: &mut Trace) -> Result<$output> {
                        $body
                    }
                }
            )*
        }

        /// Every rule, in the order of the plan.
        pub static RULES: &[RuleInfo] = &[$(
            RuleInfo {
                id: $id,
                family: stringify!($family),
                clause: $clause,
                batch: $batch,
                input: <$input as Described>::shape,
                output: <$output as Described>::shape,
            },
        )*];

        /// Visits the rule called `id`; `None` when there is none.
        pub fn with_rule<V: Visit>(id: &str, v: V) -> Option<V::Out> {
            match id {
                $($id => Some(v.visit::<rules::$ty>()),)*
                _ => None,
            }
        }

        /// Visits every rule, in the order of the plan.
        pub fn each_rule<V: VisitEach>(v: &mut V) {
            $(v.visit::<rules::$ty>();)*
        }
    };
}

// The rules: one `[rule."<id>"]` entry each in `spec/messages/<family>.toml` — its clause, function, input
// and result types, whether it reads the calendar, whether it has a column kernel, and its titles — turned
// into one line of this table at build time.
include!(concat!(env!("OUT_DIR"), "/registry_table.rs"));

/// The rule called `id`.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// Every set of reason codes a rule can answer with, by family: `(family, codes)`, one entry per reason
/// enum (the codes of a result's `reasons` or `violations`), in the order of the rules. Derived from the
/// results' shapes; `spec/reasons.md` lists each code with its meaning (`core/tests/reasons.rs`).
pub fn reason_codes() -> alloc::vec::Vec<(&'static str, &'static [&'static str])> {
    reason_sets()
        .into_iter()
        .map(|e| (e.kind.split('.').next().unwrap_or(""), e.codes))
        .collect()
}

/// The closed sets of reason codes (a result's `reasons` or `violations`), in the order of the rules.
pub fn reason_sets() -> alloc::vec::Vec<&'static crate::shape::EnumShape> {
    use crate::shape::Shape;
    fn walk(s: Shape, out: &mut alloc::vec::Vec<&'static crate::shape::EnumShape>) {
        match s {
            Shape::Object(o) => {
                for f in o.fields {
                    let inner = (f.shape)();
                    if matches!(f.name, "reasons" | "violations") {
                        if let Shape::Array(e) = inner {
                            if let Shape::Enum(e) = e() {
                                if !out.iter().any(|x| core::ptr::eq(*x, e)) {
                                    out.push(e);
                                }
                            }
                        }
                    }
                    walk(inner, out);
                }
            }
            Shape::Array(f) | Shape::Map(f) => walk(f(), out),
            _ => {}
        }
    }
    let mut enums = alloc::vec::Vec::new();
    for r in RULES {
        walk((r.output)(), &mut enums);
    }
    enums
}
