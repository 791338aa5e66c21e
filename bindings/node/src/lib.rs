//! `shftu-rules` for Node.js: the native addon under the npm package `shftu-rules`.
//!
//! Thin by design: conversion of JavaScript values (`convert`: a `Source` of the core's reader over
//! JavaScript values, results as plain objects), the one mapping of the core's
//! [`shftu_rules::Error`] to JavaScript error classes (`error`), the functions themselves (`api`: the
//! wire contract, one typed entry over the registry, `explain`, the registry as data) and the batch
//! kernels over columns (`batch`). No rule logic lives here, and no list of rules: both come from the
//! core's registry. `index.js` wraps every function so that an error reaches JavaScript as its
//! `ShftuError` subclass.

// napi registers the functions only outside `cfg(test)`, so a test build sees them unused.
#![cfg_attr(test, allow(dead_code, reason = "napi registers the functions only outside cfg(test)"))]

mod api;
mod batch;
mod convert;
mod error;
