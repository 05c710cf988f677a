//! `agendum plan`: which session treats which agenda items and contributions.
//!
//! [`partition`] is the exact core (dynamic programming over an ordered
//! partition); the rest of the planner turns a meeting into its inputs and
//! its result back into a plan.

pub mod partition;
