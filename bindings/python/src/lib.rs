//! `shftu_rules._native`: the Rust extension under the pure-Python package `shftu_rules`.
//!
//! Thin by design: conversion (`convert`, `batch`) and error mapping (`error`) around the core's
//! registry (`api`). No rule logic and no edition figure lives here.

mod api;
mod batch;
mod convert;
mod error;

use pyo3::prelude::*;

/// mimalloc keeps the memory of a freed batch for the next one: the column buffers of a million-row
/// batch (handed to pyarrow and freed through Arrow's release callback) are reused instead of being
/// returned to the OS and faulted in again, page by page, on every call.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<api::Trace_>()?;
    m.add_function(wrap_pyfunction!(api::evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(api::evaluate_dict, m)?)?;
    m.add_function(wrap_pyfunction!(api::call, m)?)?;
    m.add_function(wrap_pyfunction!(api::rules, m)?)?;
    m.add_function(wrap_pyfunction!(api::describe, m)?)?;
    m.add_function(wrap_pyfunction!(api::explain, m)?)?;
    m.add_function(wrap_pyfunction!(api::register_classes, m)?)?;
    m.add_function(wrap_pyfunction!(api::_panic_for_test, m)?)?;
    batch::register(m)?;
    Ok(())
}
