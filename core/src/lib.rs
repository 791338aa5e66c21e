//! # shftu-rules
//!
//! Every numeric rule of the Shanghai Federation of Trade Unions' 2023 worker-service plan
//! (《2023年上海市总工会服务职工实事项目实施方案》, 沪工总办〔2023〕15号) as pure functions, each citing
//! the clause of the plan it implements (`spec/plan/2023.md` puts the plan's text and the rules side by
//! side, clause by clause).
//!
//! * The parameters — every amount, ratio, cap, date and window — are data: [`Edition`] is generated
//!   at build time from `spec/editions/<edition>/*.toml`, where each value carries its clause.
//! * Each rule is a typed function (for example [`mutual_aid::enroll`]) that takes an edition, a typed
//!   input and a [`Trace`], and returns a typed result or an [`Error`]; [`registry`] lists them all, one
//!   line each, and every host derives its surface from that list.
//! * [`evaluate`] answers the JSON wire contract (`spec/contract.md`) that every binding offers, in
//!   English or Chinese (`"lang": "zh-CN"`); the texts are the message catalogue `spec/messages/`.
//!
//! A business "no" (not eligible, too late, over a cap) is a result with stable reason codes;
//! only input that cannot be evaluated is an [`Error`].
//!
//! The crate is `#![no_std]` with `alloc`: no I/O, no clock, no globals. "Today" is always an input.
//!
//! Layers, each using only those below it (`tests/layers` checks there is no import cycle):
//! `engine` → `registry` → the rule families → `read`, `shape` → `money`, `params`, `trace`, `msg`,
//! `error`, `limits`, `calendar`.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
// The derives name the crate `::shftu_rules`, inside it as outside.
extern crate self as shftu_rules;

pub use shftu_rules_derive::{Described, Wire};

pub mod batch;
pub mod calendar;
pub mod checkup;
pub mod deadlines;
pub mod describe;
pub mod engine;
pub mod error;
pub mod explain;
pub mod fitness_station;
pub mod health_point;
pub mod health_point_ops;
pub mod json;
pub mod labor_relations;
pub mod limits;
pub mod love_shanghai;
pub mod metro_safety;
pub mod model_worker;
pub mod msg;
pub mod mutual_aid;
pub mod params;
pub mod period;
pub mod programmes;
pub mod read;
pub mod recuperation;
pub mod reference;
pub mod registry;
pub mod rest_room;
pub mod ser;
pub mod shape;
pub mod text;
pub mod trace;
pub mod wire;

mod money;

pub use calendar::Calendar;
pub use engine::{evaluate, evaluate_value, Engine, Options, TraceMode};
pub use error::Error;
pub use limits::{Limit, Limits};
pub use money::{Money, Rounding};
pub use msg::{Lang, Msg};
pub use params::{DateRange, Edition, Param, ParameterInfo, Tiered, EDITIONS, PARAMETERS};
pub use registry::{Rule, RuleInfo, RULES};
pub use trace::{Trace, TraceStep};

/// The edition a request gets when it names none.
pub const DEFAULT_EDITION: &str = "2023";

/// The built-in edition called `name`, if the library has it.
pub fn edition(name: &str) -> Option<&'static Edition> {
    EDITIONS.iter().find(|e| e.name == name)
}

/// How messages, money, dates and clauses are written in `lang` for the default edition (Chinese cites its
/// clauses by the edition's document number), for hosts that render the errors they raise themselves.
pub fn render(lang: Lang) -> msg::Render<'static> {
    edition(DEFAULT_EDITION).map_or(msg::Render::new(lang, ""), |e| e.render(lang))
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
