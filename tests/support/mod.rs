//! Helpers shared by integration tests.

pub mod tdoc_xlsx;
