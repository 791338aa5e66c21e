//! `shftu-rules` for Node.js: the native addon under the npm package `shftu-rules`.
//!
//! Thin by design: conversion of JavaScript values (`convert`), the one mapping of the core's
//! [`shftu_rules::Error`] to JavaScript error classes (`error`), and the functions themselves (`api`),
//! each of which calls the core's typed function of one rule or the core's `evaluate`. No rule logic
//! lives here. `index.js` wraps every function so that an error reaches JavaScript as its
//! `ShftuError` subclass.

// napi registers the functions only outside `cfg(test)`, so a test build sees them unused.
#![cfg_attr(test, allow(dead_code))]

mod api;
mod convert;
mod error;
