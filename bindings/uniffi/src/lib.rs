//! # shftu-rules-uniffi
//!
//! Kotlin/Java (JVM and Android) and Swift bindings of `shftu-rules`, made with uniffi's proc-macros.
//!
//! * `evaluate(requestJson)` / `evaluateMany(requests)`: the wire contract, exactly the core's response.
//! * `Rules(edition)`: one typed method per rule; money is `BigDecimal` (Kotlin/Java) or `Decimal` (Swift),
//!   dates `java.time.LocalDate`, errors `ShftuException` (code, path, detail).
//!
//! The binding is thin: conversions (`convert`), the error mapping (`error`) and the exports (`api`).
//! `bindings/uniffi/README.md` tells how to build the JAR, the Swift package and the Android libraries.

uniffi::setup_scaffolding!("shftu_rules");

pub mod api;
pub mod convert;
pub mod error;

pub use api::{evaluate, evaluate_many, Rules};
pub use error::ShftuError;
