//! The names of the first releases, kept so that code written against them still builds: the readers
//! are now [`crate::read`], the envelope [`crate::engine`].

pub use crate::engine::{error_envelope, evaluate, evaluate_value, Engine};
pub use crate::read::{parse_date, Source, Wire};
