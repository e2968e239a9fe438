//! HTTP plumbing shared by all routes: the error type and where statuses are
//! chosen, and the named cache policies.

pub mod cache;
pub mod error;
pub mod json;
pub mod public_page;
pub mod query;
pub mod range;
