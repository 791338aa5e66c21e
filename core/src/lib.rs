//! # shftu-rules
//!
//! Every numeric rule of the Shanghai Federation of Trade Unions' 2023 worker-service plan
//! (沪工总办〔2023〕15号, `spec/seed.md` cites it clause by clause) as pure functions.
//!
//! * The parameters — every amount, ratio, cap, date and window — are data: [`Edition`] is generated
//!   at build time from `spec/editions/<edition>/*.toml`, where each value carries its seed clause.
//! * Each rule is a typed function (for example [`mutual_aid::enroll`]) that takes an edition, a typed
//!   input and a [`Trace`], and returns a typed result or an [`Error`].
//! * [`evaluate`] answers the JSON wire contract (`spec/contract.md`) that every binding offers.
//!
//! A business "no" (not eligible, too late, over a cap) is a result with stable reason codes;
//! only input that cannot be evaluated is an [`Error`].
//!
//! The crate is `#![no_std]` with `alloc`: no I/O, no clock, no globals. "Today" is always an input.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

pub mod batch;
pub mod calendar;
pub mod checkup;
pub mod deadlines;
pub mod error;
pub mod fitness_station;
pub mod health_point;
pub mod health_point_ops;
pub mod labor_relations;
pub mod love_shanghai;
pub mod metro_safety;
pub mod model_worker;
pub mod mutual_aid;
pub mod params;
pub mod programmes;
pub mod recuperation;
pub mod reference;
pub mod rest_room;
pub mod rules;
pub mod trace;
pub mod wire;

mod money;

pub use calendar::Calendar;
pub use error::Error;
pub use money::{Money, Rounding};
pub use params::{DateRange, Edition, ParameterInfo, Tiered, EDITIONS, PARAMETERS};
pub use rules::{RuleInfo, RULES};
pub use trace::{Trace, TraceStep};
pub use wire::{evaluate, evaluate_value, Engine};

/// The edition a request gets when it names none.
pub const DEFAULT_EDITION: &str = "2023";

/// The built-in edition called `name`, if the library has it.
pub fn edition(name: &str) -> Option<&'static Edition> {
    EDITIONS.iter().find(|e| e.name == name)
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
