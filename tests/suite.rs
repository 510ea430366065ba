//! The integration tests in one binary: one link instead of fourteen, and one pool of test
//! threads, so a suite with a few long tests does not leave a core idle. Run one suite with
//! `cargo test --test suite <name>::` (for example `hostile::`). The property tests
//! (`tests/fuzz.rs`) are a binary of their own: they limit their own process's address space,
//! which would starve the browsers other tests start.

mod common;

mod bad_input;
mod boundaries;
mod browser;
mod bulletins;
mod excel;
mod figures;
mod hostile;
mod library;
mod oracle;
mod pages;
mod problems;
mod site;
mod workflow;
mod working_days;
