//! `shftu_rules._native`: the Rust extension under the pure-Python package `shftu_rules`.
//!
//! Thin by design: conversion (`convert`) and error mapping (`error`) around the core's typed functions
//! (`api`). No rule logic lives here.

mod api;
mod convert;
mod error;

use pyo3::prelude::*;

/// mimalloc keeps the memory of a freed batch for the next one: the column buffers of a million-row
/// batch (tens of MB, handed to pyarrow and freed through Arrow's release callback) are reused instead
/// of being returned to the OS and faulted in again, page by page, on every call.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(api::evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(api::rules, m)?)?;
    m.add_function(wrap_pyfunction!(api::call, m)?)?;
    m.add_function(wrap_pyfunction!(api::_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(api::mutual_aid_enroll, m)?)?;
    m.add_function(wrap_pyfunction!(api::mutual_aid_change, m)?)?;
    m.add_function(wrap_pyfunction!(api::mutual_aid_claim_deadline, m)?)?;
    m.add_function(wrap_pyfunction!(api::mutual_aid_adjudicate, m)?)?;
    m.add_function(wrap_pyfunction!(api::checkup_quote, m)?)?;
    m.add_function(wrap_pyfunction!(api::health_point_funding, m)?)?;
    m.add_function(wrap_pyfunction!(api::love_shanghai_trip_check, m)?)?;
    m.add_function(wrap_pyfunction!(api::love_shanghai_goods_check, m)?)?;
    m.add_function(wrap_pyfunction!(api::recuperation_subsidy, m)?)?;
    m.add_function(wrap_pyfunction!(api::labor_relations_guidance_subsidy, m)?)?;
    m.add_function(wrap_pyfunction!(api::labor_relations_reporting, m)?)?;
    m.add_function(wrap_pyfunction!(api::recuperation_sanatorium_allocation, m)?)?;
    m.add_function(wrap_pyfunction!(api::calendar_add_working_days, m)?)?;
    m.add_function(wrap_pyfunction!(api::batch_enroll, m)?)?;
    m.add_function(wrap_pyfunction!(api::batch_adjudicate, m)?)?;
    m.add_function(wrap_pyfunction!(api::batch_checkup_quote, m)?)?;
    m.add_function(wrap_pyfunction!(api::batch_claim_deadline, m)?)?;
    m.add_function(wrap_pyfunction!(api::batch_e_premium, m)?)?;
    m.add_function(wrap_pyfunction!(api::batch_hospital_days, m)?)?;
    Ok(())
}
