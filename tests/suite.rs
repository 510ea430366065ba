//! Every integration test in one binary: one link instead of fifteen, and one pool of test
//! threads, so a suite with a few long tests does not leave a core idle. Run one suite with
//! `cargo test --test suite <name>::` (for example `hostile::`).

mod common;

mod bad_input;
mod boundaries;
mod browser;
mod bulletins;
mod excel;
mod figures;
mod fuzz;
mod hostile;
mod library;
mod oracle;
mod pages;
mod problems;
mod site;
mod workflow;
mod working_days;
