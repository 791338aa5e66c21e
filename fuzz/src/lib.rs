//! What the fuzz targets share: requests generated from the registry's shapes ([`gen`]), the invariants of
//! a response ([`check`]), and a host-like [`read::Source`](shftu_rules::read::Source) ([`host`]) to prove
//! that reading a host's own values answers exactly as reading JSON does.
//!
//! Nothing here lists rules, fields or codes by hand: rules come from `shftu_rules::RULES` (and
//! `registry::with_rule`), fields and types from each rule's input and result shapes, codes and their other
//! names from the shapes and the message catalogue.

pub mod check;
pub mod gen;
pub mod host;
